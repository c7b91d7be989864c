// The budgets grid's columns: every editable field of a line, and a pinned total row.
import type { ColDef } from 'ag-grid-community';
import { formatCount, formatPounds } from '../../../../shared/money';
import { lineColumnFactory, type Line, type LineColumnContext } from '../../grid/lineColumns';
import { selectColumn } from '../../grid/selectBox';
import { agreementColumn } from './agreementColumn';

export { editText, fieldOf, type Line } from '../../grid/lineColumns';

/** The pinned total row. */
export interface TotalRow {
  id: -1;
  total: true;
  amountPence: number;
  count: number;
}
export type Row = Line | TotalRow;

export const isTotal = (r: Row | undefined): r is TotalRow => !!r && 'total' in r;

export type ColumnContext = Omit<LineColumnContext<Row>, 'lineOf'>;

export function buildColumns(ctx: ColumnContext): ColDef<Row>[] {
  const c = lineColumnFactory<Row>({ ...ctx, lineOf: (r) => (r && !isTotal(r) ? r : null) });
  return [
    selectColumn<Row>({ label: (r) => (isTotal(r) ? '' : `Select line ${r.ref}`) }),
    c.ref({ pinned: 'left' }),
    c.partner({
      pinned: 'left',
      valueGetter: (p) => (!p.data ? '' : isTotal(p.data) ? `Total: ${formatCount(p.data.count)} lines` : p.data.partner),
    }),
    c.partnerType(),
    c.service(),
    c.description(),
    c.amount({ valueFormatter: (p) => (p.data ? formatPounds(p.data.amountPence) : '') }),
    c.basis(),
    c.beta(),
    c.discretionaryPct(),
    c.status(),
    c.confidence(true),
    agreementColumn<Row>((r) => (r && !isTotal(r) ? r : null)),
    c.themes(),
    c.siteWard(),
    {
      colId: 'toConfirm',
      headerName: 'To confirm',
      editable: false,
      width: 260,
      valueGetter: (p) => (p.data && !isTotal(p.data) ? (p.data.toConfirm ?? '') : ''),
      tooltipValueGetter: (p) => (p.data && !isTotal(p.data) ? (p.data.toConfirm ?? null) : null),
    },
  ];
}

