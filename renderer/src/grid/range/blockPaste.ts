// A block pasted into a grid, as in Excel: the clipboard's rows laid over the grid's
// columns from the range's top-left cell (else the focused cell), a header row copied
// with it skipped, one value filling a whole range. Partners & budgets and Mapping both
// paste through here. Every cell is checked first and the refused ones are named
// together; the rest goes as one write, so the paste is one undo step.
import type { Column, GridApi } from 'ag-grid-community';
import type { Problem } from '../../../../shared/contract/result';
import { parseField, type FieldContext } from '../../../../shared/domain/fields';
import { FIELD_COLUMN, TEMPLATE_COLUMNS, type EditableField } from '../../../../shared/domain/types';
import type { LineWrites } from '../useLineSave';
import { isHeaderRow, parseClipboard } from '../clipboard';
import { pasteShape, type CellText } from './blockCopy';
import type { RangeBounds } from './useCellRange';

/** Fields any text is a value of: a one-column header over them is told by its name alone. */
const FREE_TEXT = new Set<EditableField>(['ref', 'partner', 'service', 'description', 'themes']);

export interface PasteGrid<Row> {
  api: GridApi<Row>;
  /** The columns a block lays onto, left to right as displayed. */
  columns: Column[];
  /**
   * Every displayed column, shown-only ones included, when `columns` leaves some out
   * (Partners & budgets lays rows from Excel over its typed columns): a block copied
   * from this grid, or whose header row names a shown-only column, lays over these.
   */
  shownColumns?: Column[];
  /** The field a column writes in this grid; null for one shown only (Mapping's amount, ward figures). */
  fieldOf: (col: Column) => EditableField | null;
  /** Why a shown-only cell cannot be pasted into, as the user should fix it. */
  readOnly: (col: Column, row: Row | null) => string;
  /** The line a row shows (null for a total row). */
  lineId: (row: Row) => number | null;
  /** A cell's text as copy gives it: a shown-only cell pasted back unchanged is let through. */
  cellText: CellText<Row>;
  fields: FieldContext;
  /** Rows past the last line become new lines (Partners & budgets); else they are refused. */
  addLines: boolean;
  /** Names the paste in refusals and the audit log. */
  source: string;
}

export type PastePlan =
  | { ok: true; writes: LineWrites; added: number }
  | { ok: false; message: string; problems: Problem[] };

const headerOf = (col: Column) => col.getColDef().headerName ?? col.getColId();

/** Where a paste starts: the range's top-left, else the focused cell (the bottom row: after the last line). */
function start<Row>(g: PasteGrid<Row>, range: RangeBounds | null): { row: number; col: number } | null {
  // The range's first column this paste writes to (Partners & budgets lays blocks over its typed columns only).
  if (range) return { row: range.top, col: Math.max(0, g.columns.findIndex((c) => range.columns.includes(c))) };
  const f = g.api.getFocusedCell();
  if (!f) return g.addLines ? { row: Number.POSITIVE_INFINITY, col: Math.max(0, g.columns.findIndex((c) => g.fieldOf(c) === 'partner')) } : null;
  const col = Math.max(0, g.columns.indexOf(f.column));
  return { row: f.rowPinned === 'bottom' ? Number.POSITIVE_INFINITY : f.rowIndex, col };
}

/** A header row naming a column only shown here (e.g. Agreement): the block was copied from this grid. */
const namesShownOnly = <Row>(g: PasteGrid<Row>, first: string[] | undefined) =>
  !!first && !!g.shownColumns?.some((c) => g.fieldOf(c) === null && first.includes(headerOf(c)));

/**
 * The clipboard's text as writes to lines, or every refused cell; null when there is
 * nothing to paste here. `copiedHere`: the text is what this grid last copied.
 */
export function planPaste<Row>(grid: PasteGrid<Row>, text: string, range: RangeBounds | null, copiedHere = false): PastePlan | null {
  const parsed = parseClipboard(text);
  // A block copied from this grid keeps its own columns, so it pastes back where it came from.
  const g = grid.shownColumns && (copiedHere || namesShownOnly(grid, parsed[0])) ? { ...grid, columns: grid.shownColumns } : grid;
  const at = start(g, range);
  if (!at || !parsed.length) return null;
  // A header row copied with the block: skipped, not refused as a line.
  const own = g.columns[at.col];
  const ownField = own ? g.fieldOf(own) : null;
  const names = [...TEMPLATE_COLUMNS, ...g.columns.flatMap((c) => [headerOf(c), g.fieldOf(c) ?? ''])];
  const ownColumn = own && {
    names: [headerOf(own), ...(ownField ? [ownField, FIELD_COLUMN[ownField]] : [])],
    isValue: (t: string) => !!ownField && !FREE_TEXT.has(ownField) && parseField(ownField, t, g.fields).ok,
  };
  const skipped = isHeaderRow(parsed[0]!, names, ownColumn ?? undefined, parsed.length) ? 1 : 0;
  const rows = parsed.slice(skipped);
  if (!rows.length) return null;

  const problems: Problem[] = [];
  const writes: LineWrites = [];
  const count = g.api.getDisplayedRowCount();
  for (const [i, cells] of pasteShape(rows, range).entries()) {
    // Numbered as in the block pasted, its header row included.
    const row = i + 1 + skipped;
    const index = at.row + i;
    const data = index < count ? g.api.getDisplayedRowAtIndex(index)?.data : undefined;
    if (index < count && !data) return { ok: false, message: `Row ${index + 1} of the grid is still loading. Paste again in a moment.`, problems: [] };
    const id = data ? g.lineId(data) : null;
    if (id === null && !g.addLines) {
      problems.push({ file: g.source, row, value: cells.join(' '), message: 'goes past the last line shown: paste fewer rows, or start higher up.' });
      continue;
    }
    const values: Partial<Record<EditableField, string>> = {};
    cells.forEach((value, k) => {
      const col = g.columns[at.col + k];
      if (!col) return;
      const field = g.fieldOf(col);
      const refuse = (message: string) => problems.push({ file: g.source, row, column: headerOf(col), value, message });
      if (!field) {
        // Shown only: pasted back as it is (a block copied from this grid), it is let through;
        // on a new line it is Spendmap's to work out (a copied line's Agreement or To confirm).
        if (data && g.cellText(data, col) !== value) refuse(g.readOnly(col, data));
        return;
      }
      const checked = parseField(field, value, g.fields);
      if (!checked.ok) refuse(checked.message);
      values[field] = value;
    });
    writes.push(id === null ? { values, row } : { id, values, row });
  }
  if (problems.length)
    return { ok: false, message: `${problems.length} pasted cell${problems.length === 1 ? '' : 's'} refused; nothing was saved.`, problems };
  return { ok: true, writes: writes.filter((w) => w.id === undefined || Object.keys(w.values).length), added: writes.filter((w) => w.id === undefined).length };
}
