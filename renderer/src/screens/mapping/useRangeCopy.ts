// Mapping grid: a range of cells (shift+click, shift+arrows) copied with Ctrl+C as
// Excel-ready text. Fields as typed; ward and neighbourhood figures as exact pounds and
// pence (the grid shows them rounded), so a copy adds up to the penny.
import type { Column, GridApi } from 'ag-grid-community';
import { useCallback, useEffect, useRef, type RefObject } from 'react';
import { penceToPoundsText } from '../../../../shared/money';
import { toClipboard } from '../../grid/clipboard';
import { editText, fieldOf, type Line } from '../../grid/lineColumns';
import { blockRows } from '../../grid/range/blockCopy';
import { useCellRange } from '../../grid/range/useCellRange';

interface Notify {
  (n: { kind: 'info' | 'error'; text: string }): void;
}

export function useRangeCopy<Row>(
  apiRef: RefObject<GridApi<Row> | null>,
  wrapRef: RefObject<HTMLDivElement | null>,
  lineOf: (row: Row) => Line | null,
  /** A figure column's exact pence for a row (ward and neighbourhood columns), else undefined. */
  penceOf: (row: Row, colId: string) => number | null | undefined,
  notify: Notify,
) {
  const range = useCellRange(apiRef);
  const withHeaders = useRef(false);

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

  const onCopy = useCallback(
    (e: ClipboardEvent) => {
      const api = apiRef.current;
      const b = api && !api.getEditingCells().length && range.isBlock() ? range.bounds() : null;
      if (!api || !b) return;
      e.preventDefault();
      const got = blockRows(api, b, cellText(api), withHeaders.current);
      if (!got.ok) return notify({ kind: 'error', text: got.message });
      e.clipboardData?.setData('text/plain', toClipboard(got.rows));
      const n = got.rows.length - (withHeaders.current ? 1 : 0);
      notify({ kind: 'info', text: `Copied ${n} row${n === 1 ? '' : 's'} × ${b.columns.length} column${b.columns.length === 1 ? '' : 's'}${withHeaders.current ? ' with headers' : ''}.` });
    },
    [apiRef, range, cellText, notify],
  );

  useEffect(() => {
    const el = wrapRef.current;
    if (!el) return;
    el.addEventListener('copy', onCopy);
    el.addEventListener('keydown', range.onKeyDown, true);
    el.addEventListener('mousedown', range.onMouseDown, true);
    return () => {
      el.removeEventListener('copy', onCopy);
      el.removeEventListener('keydown', range.onKeyDown, true);
      el.removeEventListener('mousedown', range.onMouseDown, true);
    };
  });

  return { range, withHeaders };
}
