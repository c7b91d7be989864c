// A range of cells as Excel-ready rows: each cell's text as typed (the same text paste
// reads back), with the grid's column headers on top when asked (paste skips them).
import type { Column, GridApi } from 'ag-grid-community';
import type { RangeBounds } from './useCellRange';

/** A cell's text for the clipboard, or null when its row is not a line (a total row). */
export type CellText<Row> = (row: Row, column: Column) => string | null;

export type BlockRows = { ok: true; rows: string[][] } | { ok: false; message: string };

export function blockRows<Row>(api: GridApi<Row>, b: RangeBounds, text: CellText<Row>, withHeader: boolean): BlockRows {
  const rows: string[][] = withHeader ? [b.columns.map((c) => c.getColDef().headerName ?? c.getColId())] : [];
  for (let i = b.top; i <= b.bottom; i++) {
    const data = api.getDisplayedRowAtIndex(i)?.data;
    // Infinite paging: a row scrolled far out of view may not be read yet.
    if (!data) return { ok: false, message: `Row ${i + 1} of the selection is still loading. Copy again in a moment.` };
    const cells = b.columns.map((c) => text(data, c));
    if (cells.some((c) => c === null)) continue;
    rows.push(cells as string[]);
  }
  return { ok: true, rows };
}

/** Values to write when a block is pasted over a range: one pasted value fills the range, as in Excel; else the block from its top-left. */
export function pasteShape(block: string[][], b: RangeBounds | null): string[][] {
  if (!b || block.length !== 1 || block[0]!.length !== 1) return block;
  const v = block[0]![0]!;
  return Array.from({ length: b.bottom - b.top + 1 }, () => b.columns.map(() => v));
}
