// Grid columns for a spend line's editable fields, shared by the budgets and mapping
// grids: what each shows, how it is edited, and the same checks as imports (in the
// cell; the backend checks again when saving).
import type { ColDef, ValueFormatterParams, ValueGetterParams } from 'ag-grid-community';
import type { MethodOutput } from '../../../shared/contract/methods';
import { fieldText, parseField, type FieldContext } from '../../../shared/domain/fields';
import { SPECIAL_BASES } from '../../../shared/domain/proxies';
import { CONFIDENCE_LETTER, FIELD_COLUMN, PARTNER_TYPES, STATUSES, type EditableField } from '../../../shared/domain/types';
import { formatPercent, formatPounds } from '../../../shared/money';

export type Line = MethodOutput<'budgets.page'>['rows'][number];

/** The text a user edits for a field: the same text the backend reads. */
export const editText = (line: Line, field: EditableField): string => fieldText(line, field);

/** How the bases that are not proxies read on screen (files use the names). */
export const SPECIAL_BASIS_LABELS: Record<string, string> = { direct: 'Direct (ward figures)', site: 'Site (one ward)', even: 'Evenly across wards' };

/** Sort keys the backend knows for each field. */
const SORT_FIELD: Partial<Record<EditableField, string>> = { amount: 'amountPence' };

export interface LineColumnContext<Row> {
  fields: FieldContext;
  wardNames: Map<string, string>;
  /** Labels of the project's proxies by name ("Children aged 0–15" for children_0_15), shown for a basis. */
  basisLabels?: ReadonlyMap<string, string>;
  /** Cells the backend refused: "lineId:field" → why. */
  errors: Map<string, string>;
  /** The line a grid row shows (null for a total row). */
  lineOf: (row: Row | undefined) => Line | null;
  /** Told what is wrong with the value being typed (null when it is fine). */
  onValidation?: (message: string | null) => void;
}

/** What a line's confidence pill shows: its colour, letter, why (hover), and whether it is only suggested. */
function ragPill(line: Line) {
  const c = line.confidence;
  const suggested = !line.confidenceOverride;
  return { className: `rag rag-${c}`, title: suggested ? 'Suggested from the basis' : `Override: ${line.confidenceReason ?? ''}`, text: `${CONFIDENCE_LETTER[c]} ${c}`, suggested };
}

/** A confidence as a coloured pill with its letter (survives greyscale printing). */
export function RagPill(props: { line: Line }) {
  const p = ragPill(props.line);
  const pill = (
    <span className={p.className} title={p.title}>
      {p.text}
    </span>
  );
  if (!p.suggested) return pill;
  return (
    <span>
      {pill}
      <span className="muted small"> suggested</span>
    </span>
  );
}

/** RagPill as a DOM element, for a grid mounted without React (grid/Grid.tsx). */
export function ragPillElement(line: Line): HTMLElement {
  const p = ragPill(line);
  const pill = document.createElement('span');
  pill.className = p.className;
  pill.title = p.title;
  pill.textContent = p.text;
  if (!p.suggested) return pill;
  const note = document.createElement('span');
  note.className = 'muted small';
  note.textContent = ' suggested';
  const both = document.createElement('span');
  both.append(pill, note);
  return both;
}

export function lineColumnFactory<Row>(ctx: LineColumnContext<Row>) {
  const validate = (field: EditableField) => (p: { value: unknown }) => {
    const r = parseField(field, p.value == null ? '' : String(p.value), ctx.fields);
    const message = r.ok ? null : `${FIELD_COLUMN[field]}: ${r.message}`;
    ctx.onValidation?.(message);
    return message ? [message] : null;
  };
  const select = (values: readonly string[], formatter?: (v: string) => string): Partial<ColDef<Row>> => ({
    cellEditor: 'agSelectCellEditor',
    cellEditorParams: { values: [...values], ...(formatter ? { formatValue: formatter } : {}) },
  });
  const col = (field: EditableField, header: string, extra: ColDef<Row> = {}): ColDef<Row> => ({
    colId: SORT_FIELD[field] ?? field,
    headerName: header,
    editable: (p) => ctx.lineOf(p.data) !== null,
    valueGetter: (p: ValueGetterParams<Row>) => {
      const line = ctx.lineOf(p.data);
      return line ? editText(line, field) : '';
    },
    cellEditor: 'agTextCellEditor',
    cellEditorParams: { getValidationErrors: validate(field) },
    cellClassRules: { 'cell-error': (p) => { const l = ctx.lineOf(p.data); return !!l && ctx.errors.has(`${l.id}:${field}`); } },
    tooltipValueGetter: (p) => {
      const l = ctx.lineOf(p.data);
      return l ? (ctx.errors.get(`${l.id}:${field}`) ?? null) : null;
    },
    context: { field },
    ...extra,
  });
  const bases = [...ctx.fields.proxies, ...SPECIAL_BASES];
  return {
    ref: (extra?: ColDef<Row>) => col('ref', 'Ref', { width: 100, ...extra }),
    partner: (extra?: ColDef<Row>) => col('partner', 'Partner', { width: 220, ...extra }),
    partnerType: () => col('partnerType', 'Type', { width: 105, ...select(PARTNER_TYPES) }),
    service: (extra?: ColDef<Row>) => col('service', 'Service', { width: 200, ...extra }),
    description: () => col('description', 'Description', { width: 240 }),
    amount: (extra?: ColDef<Row>) =>
      col('amount', 'Amount £', {
        width: 140,
        type: 'rightAligned',
        cellClass: 'money',
        valueFormatter: (p: ValueFormatterParams<Row>) => {
          const l = ctx.lineOf(p.data);
          return l ? formatPounds(l.amountPence) : '';
        },
        ...extra,
      }),
    basis: () => {
      const label = (name: string) => ctx.basisLabels?.get(name) ?? SPECIAL_BASIS_LABELS[name] ?? name;
      return col('basis', 'Basis', {
        width: 190,
        ...select(bases, label),
        valueFormatter: (p: ValueFormatterParams<Row>) => (typeof p.value === 'string' && p.value ? label(p.value) : ''),
      });
    },
    beta: (extra?: ColDef<Row>) =>
      col('beta', 'β', { width: 80, type: 'rightAligned', headerTooltip: 'Deprivation weighting β, 0 to 1: 0 = none, 1 = proportional to the IMD score', ...extra }),
    discretionaryPct: () =>
      col('discretionaryPct', 'Discretionary %', {
        width: 130,
        type: 'rightAligned',
        valueFormatter: (p: ValueFormatterParams<Row>) => {
          const l = ctx.lineOf(p.data);
          return l ? formatPercent(l.discretionaryPct) : '';
        },
      }),
    status: () => col('status', 'Status', { width: 115, ...select(STATUSES) }),
    /** `dom`: for a grid mounted by grid/Grid.tsx, whose cell renderers are not React components. */
    confidence: (dom = false) =>
      col('confidence', 'Confidence', {
        width: 140,
        ...select(['', 'green', 'amber', 'red'], (v) => (v ? v : 'suggested')),
        cellRenderer: dom
          ? (p: { data?: Row }) => {
              const l = ctx.lineOf(p.data);
              return l ? ragPillElement(l) : '';
            }
          : (p: { data?: Row }) => {
              const l = ctx.lineOf(p.data);
              return l ? <RagPill line={l} /> : null;
            },
      }),
    themes: () => col('themes', 'Themes', { width: 200 }),
    siteWard: () =>
      col('siteWard', 'Site ward', {
        width: 170,
        ...select(['', ...ctx.wardNames.keys()], (v) => (v ? `${ctx.wardNames.get(v) ?? v} (${v})` : '—')),
        valueFormatter: (p: ValueFormatterParams<Row>) => {
          const l = ctx.lineOf(p.data);
          return l?.siteWard ? (ctx.wardNames.get(l.siteWard) ?? l.siteWard) : '';
        },
      }),
  };
}

/** Which editable field a column shows (null for other columns). */
export function fieldOf<Row>(colDef: ColDef<Row> | undefined): EditableField | null {
  return ((colDef?.context as { field?: EditableField } | undefined)?.field ?? null) as EditableField | null;
}
