// A rectangle of cells, as in Excel (AG Grid Community has no range selection): a click
// sets the anchor, shift+click or shift+arrows stretch the rectangle from it. Cells in it
// are tinted through a cell class rule; copy and paste read its bounds.
import type { CellClassParams, CellFocusedEvent, Column, GridApi } from 'ag-grid-community';
import { useCallback, useMemo, useRef, type RefObject } from 'react';
import { SELECT_COLUMN } from '../selectBox';

export interface CellPos {
  rowIndex: number;
  colId: string;
}

export interface RangeBounds {
  /** First and last row index, inclusive. */
  top: number;
  bottom: number;
  /** The columns covered, left to right as displayed. */
  columns: Column[];
}

/** Columns a range may cover: displayed ones, not the tick-box column. */
export const rangeColumns = (api: GridApi): Column[] => api.getAllDisplayedColumns().filter((c) => c.getColId() !== SELECT_COLUMN);

const STEP: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };

export function useCellRange<Row>(apiRef: RefObject<GridApi<Row> | null>) {
  const anchor = useRef<CellPos | null>(null);
  const end = useRef<CellPos | null>(null);
  // A mouse press with shift held: the focus it brings stretches the range, not restarts it.
  const shiftPress = useRef(false);

  const repaint = useCallback(() => apiRef.current?.refreshCells({ force: true }), [apiRef]);

  const bounds = useCallback((): RangeBounds | null => {
    const api = apiRef.current;
    const a = anchor.current;
    const b = end.current;
    if (!api || !a || !b) return null;
    const cols = rangeColumns(api);
    const i = cols.findIndex((c) => c.getColId() === a.colId);
    const j = cols.findIndex((c) => c.getColId() === b.colId);
    if (i < 0 || j < 0) return null;
    return { top: Math.min(a.rowIndex, b.rowIndex), bottom: Math.max(a.rowIndex, b.rowIndex), columns: cols.slice(Math.min(i, j), Math.max(i, j) + 1) };
  }, [apiRef]);

  /** More than one cell: a single cell is just the focused one. */
  const isBlock = useCallback(() => {
    const b = bounds();
    return !!b && (b.bottom > b.top || b.columns.length > 1);
  }, [bounds]);

  const clear = useCallback(() => {
    const had = end.current && anchor.current && (end.current.rowIndex !== anchor.current.rowIndex || end.current.colId !== anchor.current.colId);
    end.current = anchor.current;
    if (had) repaint();
  }, [repaint]);

  const onCellFocused = useCallback(
    (e: CellFocusedEvent<Row>) => {
      if (typeof e.rowIndex !== 'number' || !e.column || e.rowPinned) return;
      const colId = typeof e.column === 'string' ? e.column : e.column.getColId();
      const pos = { rowIndex: e.rowIndex, colId };
      const hadBlock = isBlock();
      if (shiftPress.current && anchor.current) end.current = pos;
      else anchor.current = end.current = pos;
      if (hadBlock || isBlock()) repaint();
    },
    [isBlock, repaint],
  );

  const onMouseDown = useCallback((e: MouseEvent) => {
    shiftPress.current = e.shiftKey;
  }, []);

  /** Shift+arrow keys: stretch the range by a cell; the focused cell stays the anchor, as in Excel. */
  const onKeyDown = useCallback(
    (e: KeyboardEvent) => {
      const api = apiRef.current;
      const step = STEP[e.key];
      if (!api || !step || !e.shiftKey || e.ctrlKey || e.metaKey || e.altKey || api.getEditingCells().length) return;
      const from = end.current ?? anchor.current;
      if (!from) return;
      e.preventDefault();
      e.stopPropagation();
      const cols = rangeColumns(api);
      const c = Math.min(cols.length - 1, Math.max(0, cols.findIndex((x) => x.getColId() === from.colId) + step[1]));
      const rowIndex = Math.min(api.getDisplayedRowCount() - 1, Math.max(0, from.rowIndex + step[0]));
      end.current = { rowIndex, colId: cols[c]!.getColId() };
      api.ensureIndexVisible(rowIndex);
      api.ensureColumnVisible(cols[c]!);
      repaint();
    },
    [apiRef, repaint],
  );

  const cellClassRules = useMemo(
    () => ({
      'cell-in-range': (p: CellClassParams<Row>) => {
        if (p.node.rowPinned || p.node.rowIndex === null) return false;
        const b = anchor.current && end.current && anchor.current !== end.current ? bounds() : null;
        return !!b && (b.bottom > b.top || b.columns.length > 1) && p.node.rowIndex >= b.top && p.node.rowIndex <= b.bottom && b.columns.includes(p.column);
      },
    }),
    [bounds],
  );

  return useMemo(
    () => ({ bounds, isBlock, clear, onCellFocused, onMouseDown, onKeyDown, cellClassRules }),
    [bounds, isBlock, clear, onCellFocused, onMouseDown, onKeyDown, cellClassRules],
  );
}
