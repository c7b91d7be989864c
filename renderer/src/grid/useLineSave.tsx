// Saving edits to spend lines from a grid: one call, the "saved" indicator, and on a
// refusal the reason against the cell (one edit) or every problem listed (a paste).
// A confidence override asks for its reason first. The dialogs it needs come back as
// `dialogs`, for the screen to render.
import type { GridApi } from 'ag-grid-community';
import { useCallback, useRef, useState, type ReactNode } from 'react';
import type { MethodInput, MethodOutput } from '../../../shared/contract/methods';
import { formatProblem, type ApiError } from '../../../shared/contract/result';
import { FIELD_COLUMN, type EditableField } from '../../../shared/domain/types';
import { ApiFailure, call } from '../api/client';
import { useApp } from '../app/state';
import { Modal } from '../components/Modal';
import { ProblemList } from '../components/ProblemList';
import { ReasonDialog } from '../screens/budgets/ReasonDialog';
import type { Line } from './lineColumns';

export type LineWrites = MethodInput<'budgets.write'>['writes'];
export type Saved = MethodOutput<'budgets.write'>;
export type Repaint = NonNullable<MethodInput<'budgets.write'>['repaint']>;

/**
 * `source` names the grid in errors and the audit log; `afterOverride` shows a line
 * whose confidence override was saved. `repaint` is the grid's query now: the answer
 * to the write then carries what the grid shows, so an edit is one round trip.
 */
export function useLineSave<Row>(
  apiRef: { current: GridApi<Row> | null },
  source: string,
  afterOverride: (saved: Saved) => void,
  repaint: () => Repaint,
) {
  const app = useApp();
  const errors = useRef(new Map<string, string>());
  const [problems, setProblems] = useState<ApiError | null>(null);
  const [reason, setReason] = useState<{ line: Line; value: string } | null>(null);

  const save = useCallback(
    async (writes: LineWrites, source: string): Promise<Saved | null> => {
      try {
        const saved = (await app.saving(call('budgets.write', { writes, source, repaint: repaint() }))) as Saved;
        for (const l of saved.lines) for (const k of [...errors.current.keys()]) if (k.startsWith(`${l.id}:`)) errors.current.delete(k);
        app.notify(null);
        return saved;
      } catch (e) {
        if (!(e instanceof ApiFailure)) throw e;
        const probs = e.error.details?.problems ?? [];
        const only = writes.length === 1 ? writes[0]! : null;
        if (only?.id !== undefined && probs.length) {
          const field = (Object.entries(FIELD_COLUMN).find(([, c]) => c === probs[0]!.column)?.[0] ?? null) as EditableField | null;
          if (field) errors.current.set(`${only.id}:${field}`, probs.map((p) => `${p.column}: ${p.message}`).join(' '));
          apiRef.current?.refreshCells({ force: true });
          app.notify({ kind: 'error', text: probs.map(formatProblem).join(' ') });
        } else if (probs.length) {
          // The list replaces any earlier confirmation ("Imported …", "Pasted …"): it no longer describes the grid.
          app.notify(null);
          setProblems(e.error);
        }
        else app.notify({ kind: 'error', text: e.message });
        return null;
      }
    },
    [app, apiRef, repaint],
  );

  const dialogs: ReactNode = (
    <>
      {problems && (
        <Modal title="Nothing was saved" onClose={() => setProblems(null)} wide footer={<button onClick={() => setProblems(null)}>OK</button>}>
          <ProblemList error={problems} />
        </Modal>
      )}
      {reason && (
        <ReasonDialog
          line={reason.line}
          value={reason.value}
          onCancel={() => setReason(null)}
          onSave={(why) => {
            const r = reason;
            setReason(null);
            void save([{ id: r.line.id, values: { confidence: r.value }, confidenceReason: why }], source).then((saved) => {
              if (saved) afterOverride(saved);
            });
          }}
        />
      )}
    </>
  );

  /** A confidence chosen in a cell: an override asks why first; back to suggested saves at once. */
  const askReason = (line: Line, value: string) => setReason({ line, value });

  /** Refused before any call (a paste's cells checked in the grid): listed as the backend's refusals are. */
  const refuse = useCallback(
    (error: ApiError) => {
      app.notify(null);
      setProblems(error);
    },
    [app],
  );

  return { save, errors: errors.current, askReason, dialogs, refuse };
}
