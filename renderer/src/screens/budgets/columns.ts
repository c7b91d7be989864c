// The budgets grid's columns: what each shows, how it is edited and checked in the cell.
// Cells are checked with the same rules as imports (shared/domain/fields.ts); the
// backend checks again when saving.
import type { ColDef, ValueFormatterParams, ValueGetterParams } from 'ag-grid-community';
import type { MethodOutput } from '../../../../shared/contract/methods';
import { parseField, type FieldContext } from '../../../../shared/domain/fields';
import { SPECIAL_BASES } from '../../../../shared/domain/proxies';
import {
  CONFIDENCE_LETTER,
  FIELD_COLUMN,
  PARTNER_TYPES,
  STATUSES,
  type EditableField,
} from '../../../../shared/domain/types';
import { formatPercent, formatPounds, penceToPoundsText } from '../../../../shared/money';

export type Line = MethodOutput<'budgets.page'>['rows'][number];
/** The pinned total row. */
export interface TotalRow {
  id: -1;
  total: true;
  amountPence: number;
  count: number;
}
export type Row = Line | TotalRow;

export const isTotal = (r: Row | undefined): r is TotalRow => !!r && 'total' in r;

/** The text a user edits for a field: the same text the backend reads. */
export function editText(line: Line, field: EditableField): string {
  switch (field) {
    case 'amount':
      return penceToPoundsText(line.amountPence);
    case 'beta':
      return String(line.beta);
    case 'discretionaryPct':
      return String(line.discretionaryPct);
    case 'confidence':
      return line.confidenceOverride ?? '';
    case 'themes':
      return line.themes.join('; ');
    case 'siteWard':
      return line.siteWard ?? '';
    default:
      return String(line[field] ?? '');
  }
}

/** Sort keys the backend knows for each field. */
const SORT_FIELD: Partial<Record<EditableField, string>> = { amount: 'amountPence' };

export interface ColumnContext {
  fields: FieldContext;
  wardNames: Map<string, string>;
  errors: Map<string, string>;
  /** Told what is wrong with the value being typed (null when it is fine). */
  onValidation?: (message: string | null) => void;
}

export function buildColumns(ctx: ColumnContext): ColDef<Row>[] {
  const validate = (field: EditableField) => (p: { value: unknown }) => {
    const r = parseField(field, p.value == null ? '' : String(p.value), ctx.fields);
    const message = r.ok ? null : `${FIELD_COLUMN[field]}: ${r.message}`;
    ctx.onValidation?.(message);
    return message ? [message] : null;
  };
  const col = (field: EditableField, header: string, extra: ColDef<Row> = {}): ColDef<Row> => ({
    colId: SORT_FIELD[field] ?? field,
    headerName: header,
    editable: (p) => !isTotal(p.data),
    valueGetter: (p: ValueGetterParams<Row>) =>
      !p.data ? '' : isTotal(p.data) ? (field === 'partner' ? `Total: ${p.data.count.toLocaleString('en-GB')} lines` : '') : editText(p.data, field),
    cellEditor: 'agTextCellEditor',
    cellEditorParams: { getValidationErrors: validate(field) },
    cellClassRules: { 'cell-error': (p) => !!p.data && !isTotal(p.data) && ctx.errors.has(`${p.data.id}:${field}`) },
    tooltipValueGetter: (p) => (p.data && !isTotal(p.data) ? (ctx.errors.get(`${p.data.id}:${field}`) ?? null) : null),
    context: { field },
    ...extra,
  });
  const select = (values: readonly string[], formatter?: (v: string) => string): Partial<ColDef<Row>> => ({
    cellEditor: 'agSelectCellEditor',
    cellEditorParams: { values: [...values], ...(formatter ? { formatValue: formatter } : {}) },
  });
  const bases = [...ctx.fields.proxies, ...SPECIAL_BASES];
  const wardCodes = ['', ...[...ctx.wardNames.keys()]];
  return [
    col('ref', 'Ref', { width: 100, pinned: 'left' }),
    col('partner', 'Partner', { width: 220, pinned: 'left' }),
    col('partnerType', 'Type', { width: 105, ...select(PARTNER_TYPES) }),
    col('service', 'Service', { width: 200 }),
    col('description', 'Description', { width: 240 }),
    col('amount', 'Amount £', {
      width: 140,
      type: 'rightAligned',
      cellClass: 'money',
      valueFormatter: (p: ValueFormatterParams<Row>) => (p.data ? formatPounds(p.data.amountPence) : ''),
    }),
    col('basis', 'Basis', { width: 160, ...select(bases) }),
    col('beta', 'β', {
      width: 80,
      type: 'rightAligned',
      headerTooltip: 'Deprivation weighting β, 0 to 1: 0 = none, 1 = proportional to the IMD score',
    }),
    col('discretionaryPct', 'Discretionary %', {
      width: 130,
      type: 'rightAligned',
      valueFormatter: (p: ValueFormatterParams<Row>) => (p.data && !isTotal(p.data) ? formatPercent(p.data.discretionaryPct) : ''),
    }),
    col('status', 'Status', { width: 115, ...select(STATUSES) }),
    col('confidence', 'Confidence', {
      width: 140,
      ...select(['', 'green', 'amber', 'red'], (v) => (v ? v : 'suggested')),
      cellRenderer: (p: { data?: Row }) => {
        if (!p.data || isTotal(p.data)) return '';
        const c = p.data.confidence;
        const span = document.createElement('span');
        span.className = `rag rag-${c}`;
        span.textContent = `${CONFIDENCE_LETTER[c]} ${c}`;
        if (!p.data.confidenceOverride) {
          const s = document.createElement('span');
          s.className = 'muted small';
          s.textContent = ' suggested';
          const wrap = document.createElement('span');
          wrap.append(span, s);
          return wrap;
        }
        span.title = `Override: ${p.data.confidenceReason ?? ''}`;
        return span;
      },
    }),
    col('themes', 'Themes', { width: 200 }),
    col('siteWard', 'Site ward', {
      width: 170,
      ...select(wardCodes, (v) => (v ? `${ctx.wardNames.get(v) ?? v} (${v})` : '—')),
      valueFormatter: (p: ValueFormatterParams<Row>) =>
        p.data && !isTotal(p.data) && p.data.siteWard ? (ctx.wardNames.get(p.data.siteWard) ?? p.data.siteWard) : '',
    }),
  ];
}

/** Editable fields in the order the grid shows them: how pasted columns are read. */
export function fieldOf(colDef: ColDef<Row> | undefined): EditableField | null {
  return ((colDef?.context as { field?: EditableField } | undefined)?.field ?? null) as EditableField | null;
}
