// Cell styles of a pack, each one object shared by every cell that uses it (the writer
// looks a style up by identity, once, not once per cell). Never mutate them.
import type ExcelJS from 'exceljs';
import type { ConditionalRule } from './xlsx/sheet';
import type { Confidence } from '../../../shared/domain/types';

type Style = Partial<ExcelJS.Style>;

const solid = (argb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });
const thin = { style: 'thin', color: { argb: 'FFB4B4B4' } } as const;
const box: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };

/** "£1,234.56"; negative in red with a minus sign (prints without colour too). */
export const MONEY = '"£"#,##0.00;[Red]-"£"#,##0.00';
export const PENCE = '#,##0;[Red]-#,##0';
/** Text: a cell formatted as text keeps what is typed as text, so "=..." never becomes a formula. */
export const TEXT = '@';

const INPUT_FILL = solid('FFFFF2CC');
const HEADER_FILL = solid('FFDDEBF7');
const BLOCK_FILL = solid('FFBDD7EE');
const FLAG_FILL = solid('FFF2F2F2');

export const RAG_COLOURS: Record<Confidence, { fill: string; font: string }> = {
  green: { fill: 'FFC6EFCE', font: 'FF006100' },
  amber: { fill: 'FFFFEB9C', font: 'FF9C5700' },
  red: { fill: 'FFFFC7CE', font: 'FF9C0006' },
};

const frozen = <T extends object>(o: T): T => Object.freeze(o);

export const S = {
  title: frozen<Style>({ numFmt: TEXT, font: { bold: true, size: 14, color: { argb: 'FF1F3864' } } }),
  section: frozen<Style>({ numFmt: TEXT, font: { bold: true, size: 12, color: { argb: 'FF1F3864' } } }),
  note: frozen<Style>({ numFmt: TEXT, font: { italic: true, color: { argb: 'FF595959' } } }),
  header: frozen<Style>({
    numFmt: TEXT,
    font: { bold: true },
    fill: HEADER_FILL,
    alignment: { wrapText: true, vertical: 'top' },
    border: { bottom: { style: 'thin' } },
  }),
  headerRight: frozen<Style>({
    numFmt: TEXT,
    font: { bold: true },
    fill: HEADER_FILL,
    alignment: { wrapText: true, vertical: 'top', horizontal: 'right' },
    border: { bottom: { style: 'thin' } },
  }),
  block: frozen<Style>({ numFmt: TEXT, font: { bold: true }, fill: BLOCK_FILL, alignment: { horizontal: 'left' } }),
  label: frozen<Style>({ numFmt: TEXT, font: { bold: true }, alignment: { vertical: 'top' } }),
  labelWrap: frozen<Style>({ numFmt: TEXT, font: { bold: true }, alignment: { vertical: 'top', wrapText: true } }),
  text: frozen<Style>({ numFmt: TEXT }),
  textWrap: frozen<Style>({ numFmt: TEXT, alignment: { wrapText: true, vertical: 'top' } }),
  textMuted: frozen<Style>({ numFmt: TEXT, font: { color: { argb: 'FF595959' } } }),
  number: frozen<Style>({}),
  int: frozen<Style>({ numFmt: '0' }),
  count: frozen<Style>({ numFmt: '#,##0' }),
  proxyDecimal: frozen<Style>({ numFmt: '#,##0.0##' }),
  money: frozen<Style>({ numFmt: MONEY }),
  moneyBold: frozen<Style>({ numFmt: MONEY, font: { bold: true } }),
  pence: frozen<Style>({ numFmt: PENCE }),
  weight: frozen<Style>({ numFmt: '#,##0.0000' }),
  fraction: frozen<Style>({ numFmt: '0.000000' }),
  beta: frozen<Style>({ numFmt: '0.00##' }),
  pct: frozen<Style>({ numFmt: '0.0##"%"' }),
  percent: frozen<Style>({ numFmt: '0.0%' }),
  flag: frozen<Style>({ numFmt: '0', fill: FLAG_FILL, alignment: { horizontal: 'center' } }),
  inText: frozen<Style>({ numFmt: TEXT, fill: INPUT_FILL, border: box }),
  inDate: frozen<Style>({ numFmt: 'dd/mm/yyyy', fill: INPUT_FILL, border: box, alignment: { horizontal: 'left' } }),
  inMoney: frozen<Style>({ numFmt: MONEY, fill: INPUT_FILL, border: box }),
  inBeta: frozen<Style>({ numFmt: '0.00##', fill: INPUT_FILL, border: box }),
  inPct: frozen<Style>({ numFmt: '0.0##"%"', fill: INPUT_FILL, border: box }),
  inFlag: frozen<Style>({ numFmt: '0', fill: INPUT_FILL, border: box, alignment: { horizontal: 'center' } }),
  rag: Object.freeze(
    Object.fromEntries(
      (Object.keys(RAG_COLOURS) as Confidence[]).map((c) => [
        c,
        frozen<Style>({ numFmt: TEXT, fill: solid(RAG_COLOURS[c].fill), font: { color: { argb: RAG_COLOURS[c].font } }, alignment: { horizontal: 'center' } }),
      ]),
    ) as Record<Confidence, Style>,
  ),
  ragMoney: Object.freeze(
    Object.fromEntries(
      (Object.keys(RAG_COLOURS) as Confidence[]).map((c) => [
        c,
        frozen<Style>({ numFmt: MONEY, fill: solid(RAG_COLOURS[c].fill), font: { color: { argb: RAG_COLOURS[c].font } } }),
      ]),
    ) as Record<Confidence, Style>,
  ),
  ragInput: Object.freeze(
    Object.fromEntries(
      (Object.keys(RAG_COLOURS) as Confidence[]).map((c) => [
        c,
        frozen<Style>({ numFmt: TEXT, fill: solid(RAG_COLOURS[c].fill), font: { color: { argb: RAG_COLOURS[c].font } }, border: box }),
      ]),
    ) as Record<Confidence, Style>,
  ),
} as const;

/** The Mapping screen's tint (--tint) for a neighbourhood's ward columns. */
const NEIGHBOURHOOD_FILL = solid('FFEAF2FB');
const tints = new WeakMap<Style, Style>();

/** The style on a tinted (neighbourhood) ward column: one object per style, as S's are. */
export function tinted(style: Style): Style {
  let t = tints.get(style);
  if (!t) tints.set(style, (t = frozen<Style>({ ...style, fill: NEIGHBOURHOOD_FILL })));
  return t;
}

/** A check cell that is not 0: the ward amounts do not add up to the line (conditional format). */
export const CHECK_RED: Partial<ExcelJS.Style> = {
  fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFFC7CE' } },
  font: { color: { argb: 'FF9C0006' }, bold: true },
};

/** Working's Rank where the ward gets one of the leftover pennies (conditional format). */
export const EXTRA_PENNY: Partial<ExcelJS.Style> = {
  fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFC6EFCE' } },
  font: { color: { argb: 'FF006100' }, bold: true },
};

/** Conditional-format rules that colour a confidence cell (and its letter) as its value changes. */
export function ragRules(firstCell: string): ConditionalRule[] {
  return (Object.keys(RAG_COLOURS) as Confidence[]).map((c, i) => ({
    type: 'expression',
    priority: i + 1,
    formulae: [`${firstCell}="${c}"`],
    style: {
      fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: RAG_COLOURS[c].fill } },
      font: { color: { argb: RAG_COLOURS[c].font } },
    },
  }));
}
