// Mapping grid's clipboard (grid/range/useBlockClipboard.ts): a copied range holds fields
// as typed and ward and neighbourhood figures as exact pounds and pence (the grid shows
// them rounded), so a copy adds up to the penny. A pasted block writes basis, β,
// discretionary %, status and confidence; the other cells are shown here, not typed, so
// a paste may only bring them back as they are.
import type { Column, GridApi } from 'ag-grid-community';
import { useCallback, type RefObject } from 'react';
import type { ApiError } from '../../../../shared/contract/result';
import type { FieldContext } from '../../../../shared/domain/fields';
import { penceToPoundsText } from '../../../../shared/money';
import { editText, fieldOf, type Line } from '../../grid/lineColumns';
import { rangeColumns } from '../../grid/range/useCellRange';
import { useBlockClipboard } from '../../grid/range/useBlockClipboard';
import type { LineWrites, Saved } from '../../grid/useLineSave';

interface Notify {
  (n: { kind: 'info' | 'error'; text: string }): void;
}

export interface MappingClipboard<Row> {
  lineOf: (row: Row) => Line | null;
  /** A figure column's exact pence for a row (ward and neighbourhood columns), else undefined. */
  penceOf: (row: Row, colId: string) => number | null | undefined;
  /** The fields' checks (null until the grid's layout is read). */
  fields: FieldContext | null;
  save: (writes: LineWrites) => Promise<Saved | null>;
  /** Shows what a write changed: the lines' new split, the totals, the strip. */
  repaint: (saved: Saved) => void;
  refuse: (error: ApiError) => void;
  notify: Notify;
}

/** Why a shown-only Mapping cell takes no paste, and where it is changed instead. */
function readOnlyWhy(col: Column, line: Line | null): string {
  const id = col.getColId();
  if (id.startsWith('ward:') || id === 'neighbourhood') {
    if (line?.basis === 'direct') return "is a direct line's ward figure: double-click its Allocation cell to type the ward figures.";
    return `is computed: ward figures on a line apportioned by ${line?.basis ?? 'its basis'} are computed; to set them, make the line direct or change its basis or β.`;
  }
  if (fieldOf(col.getColDef())) return 'is changed on Partners & budgets, not here.';
  return 'is shown, not typed: it cannot be pasted into.';
}

export function useMappingClipboard<Row>(apiRef: RefObject<GridApi<Row> | null>, wrapRef: RefObject<HTMLDivElement | null>, m: MappingClipboard<Row>) {
  const { lineOf, penceOf } = m;
  const cellText = useCallback(
    (api: GridApi<Row>) => (row: Row, col: Column) => {
      const line = lineOf(row);
      if (!line) return null;
      const field = fieldOf(col.getColDef());
      if (field) return editText(line, field);
      const pence = penceOf(row, col.getColId());
      if (pence !== undefined) return pence === null ? '' : penceToPoundsText(pence);
      const node = api.getRowNode(String(line.id));
      const value: unknown = node ? api.getCellValue({ rowNode: node, colKey: col, useFormatter: true }) : null;
      return value == null ? '' : String(value);
    },
    [lineOf, penceOf],
  );

  return useBlockClipboard<Row>(apiRef, wrapRef, {
    cellText,
    pasteGrid: (api) =>
      m.fields && {
        columns: rangeColumns(api),
        // Only the columns typed in this grid; ref, partner, service and amount are shown.
        fieldOf: (c) => (c.getColDef().editable === false ? null : fieldOf(c.getColDef())),
        readOnly: (c, row) => readOnlyWhy(c, row === null ? null : lineOf(row)),
        lineId: (r) => lineOf(r)?.id ?? null,
        fields: m.fields,
        addLines: false,
        source: 'pasted cells',
      },
    save: (writes) =>
      void m.save(writes).then((saved) => {
        if (!saved) return;
        m.repaint(saved);
        m.notify({ kind: 'info', text: `Pasted into ${writes.length} line${writes.length === 1 ? '' : 's'}.` });
      }),
    refuse: m.refuse,
    notify: m.notify,
  });
}
