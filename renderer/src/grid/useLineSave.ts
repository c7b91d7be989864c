// Saving edits to spend lines from a grid: one call, the "saved" indicator, and on a
// refusal the reason against the cell (one edit) or every problem listed (a paste).
import type { GridApi } from 'ag-grid-community';
import { useCallback, useRef, useState } from 'react';
import type { MethodInput, MethodOutput } from '../../../shared/contract/methods';
import { formatProblem, type ApiError } from '../../../shared/contract/result';
import { FIELD_COLUMN, type EditableField } from '../../../shared/domain/types';
import { ApiFailure, call } from '../api/client';
import { useApp } from '../app/state';

export type LineWrites = MethodInput<'budgets.write'>['writes'];
export type SavedLines = MethodOutput<'budgets.write'>;

export function useLineSave<Row>(apiRef: { current: GridApi<Row> | null }) {
  const app = useApp();
  const errors = useRef(new Map<string, string>());
  const [problems, setProblems] = useState<ApiError | null>(null);

  const save = useCallback(
    async (writes: LineWrites, source: string): Promise<SavedLines | null> => {
      try {
        const lines = (await app.saving(call('budgets.write', { writes, source }))) as SavedLines;
        for (const l of lines) for (const k of [...errors.current.keys()]) if (k.startsWith(`${l.id}:`)) errors.current.delete(k);
        app.notify(null);
        return lines;
      } catch (e) {
        if (!(e instanceof ApiFailure)) throw e;
        const probs = e.error.details?.problems ?? [];
        const only = writes.length === 1 ? writes[0]! : null;
        if (only?.id !== undefined && probs.length) {
          const field = (Object.entries(FIELD_COLUMN).find(([, c]) => c === probs[0]!.column)?.[0] ?? null) as EditableField | null;
          if (field) errors.current.set(`${only.id}:${field}`, probs.map((p) => `${p.column}: ${p.message}`).join(' '));
          apiRef.current?.refreshCells({ force: true });
          app.notify({ kind: 'error', text: probs.map(formatProblem).join(' ') });
        } else if (probs.length) setProblems(e.error);
        else app.notify({ kind: 'error', text: e.message });
        return null;
      }
    },
    [app, apiRef],
  );

  return { save, errors: errors.current, problems, clearProblems: () => setProblems(null) };
}
