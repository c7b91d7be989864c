// One worksheet as XML, written as strings row by row. A cell leaves out its reference
// (r="B7") where a reader infers it (ECMA-376: the next column of its row): in a partner
// pack of 2,500 lines × 20 wards references would be about half of the compressed bytes.
// A cell keeps it when it is the first of its row, follows a gap, or starts a shared
// formula (exceljs finds the other cells of the fill through that cell's address).
import { cellRef, colLetter } from '../layout';
import { SharedRun, type Cell, type ConditionalRule, type Sheet, type Validation, type Value } from './sheet';
import type { StyleSheet } from './styles-xml';
import { Utf8Chunks } from './chunks';
import { attr, escapeXml } from './xml';

/** The workbook's shared strings: each text stored once, cells name it by index. */
export class SharedStrings {
  private readonly index = new Map<string, number>();
  private readonly list: string[] = [];
  id(text: string): number {
    let i = this.index.get(text);
    if (i === undefined) this.index.set(text, (i = this.list.push(text) - 1));
    return i;
  }
  xml(): string {
    const items = this.list.map((t) => `<si><t${/^\s|\s$/.test(t) ? ' xml:space="preserve"' : ''}>${escapeXml(t)}</t></si>`);
    return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${items.length}" uniqueCount="${items.length}">${items.join('')}</sst>`;
  }
}

/** Days since 1899-12-30, the spreadsheet date serial. */
export const dateSerial = (d: Date) => (d.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000;

const number = (n: number) => (Number.isFinite(n) ? String(n === 0 ? 0 : n) : '0');

function resultXml(result: unknown): { t: string; v: string } {
  if (result === undefined || result === null) return { t: '', v: '' };
  if (typeof result === 'number') return { t: '', v: `<v>${number(result)}</v>` };
  if (typeof result === 'string') return { t: ' t="str"', v: `<v>${escapeXml(result)}</v>` };
  if (typeof result === 'boolean') return { t: ' t="b"', v: `<v>${result ? 1 : 0}</v>` };
  return { t: ' t="e"', v: `<v>${escapeXml((result as { error: string }).error)}</v>` };
}

const styleAttrs: string[] = [''];
/** ' s="12"', each written once. */
const styleAttr = (s: number) => (styleAttrs[s] ??= ` s="${s}"`);

/** A cell's XML from after "<c" (its reference and style) to its end; null for nothing to write. */
function cellXml(cell: Cell, s: number, strings: SharedStrings): string | null {
  const v: Value = cell.value;
  const style = styleAttr(s);
  if (v === null || v === undefined) return s ? `${style}/>` : null;
  switch (typeof v) {
    case 'string':
      return `${style} t="s"><v>${strings.id(v)}</v></c>`;
    case 'number':
      return `${style}><v>${number(v)}</v></c>`;
    case 'boolean':
      return `${style} t="b"><v>${v ? 1 : 0}</v></c>`;
  }
  if (v instanceof Date) return `${style}><v>${dateSerial(v)}</v></c>`;
  if (v instanceof SharedRun) {
    const r = resultXml(cell.result);
    return `${style}${r.t}><f t="shared" si="${v.si}"/>${r.v}</c>`;
  }
  const r = resultXml(v.result);
  const f = v.shared
    ? `<f t="shared" ref="${cellRef(v.shared.left, v.shared.top)}:${cellRef(v.shared.right, v.shared.bottom)}" si="${v.shared.si}">${escapeXml(v.formula)}</f>`
    : `<f>${escapeXml(v.formula)}</f>`;
  return `${style}${r.t}>${f}${r.v}</c>`;
}

function viewsXml(ws: Sheet): string {
  const v = ws.views[0];
  if (!v) return '';
  const pane = v.xSplit && v.ySplit ? 'bottomRight' : v.ySplit ? 'bottomLeft' : 'topRight';
  return (
    '<sheetViews><sheetView workbookViewId="0">' +
    `<pane${v.xSplit ? attr('xSplit', v.xSplit) : ''}${v.ySplit ? attr('ySplit', v.ySplit) : ''}${attr('topLeftCell', v.topLeftCell)} activePane="${pane}" state="frozen"/>` +
    `<selection pane="${pane}"${attr('activeCell', v.activeCell)}${attr('sqref', v.activeCell)}/></sheetView></sheetViews>`
  );
}

function colsXml(ws: Sheet): string {
  const out: string[] = [];
  for (let c = 1; c < ws.columns.length; c++) {
    const w = ws.columns[c]?.width;
    if (w === undefined) continue;
    let end = c;
    while (ws.columns[end + 1]?.width === w) end++;
    out.push(`<col min="${c}" max="${end}" width="${w}" customWidth="1"/>`);
    c = end;
  }
  return out.length ? `<cols>${out.join('')}</cols>` : '';
}

function validationXml({ range, rule }: { range: string; rule: Validation }): string {
  const formula = (x: string | number | Date) => escapeXml(x instanceof Date ? String(dateSerial(x)) : String(x));
  const [f1, f2] = rule.formulae;
  return (
    `<dataValidation${attr('type', rule.type)}${rule.operator && rule.operator !== 'between' ? attr('operator', rule.operator) : ''}` +
    `${rule.allowBlank ? ' allowBlank="1"' : ''}${rule.showErrorMessage ? ' showErrorMessage="1"' : ''}` +
    `${rule.errorTitle ? attr('errorTitle', rule.errorTitle) : ''}${rule.error ? attr('error', rule.error) : ''}${attr('sqref', range)}>` +
    `${f1 !== undefined ? `<formula1>${formula(f1)}</formula1>` : ''}${f2 !== undefined ? `<formula2>${formula(f2)}</formula2>` : ''}</dataValidation>`
  );
}

function ruleXml(rule: ConditionalRule, styles: StyleSheet): string {
  return `<cfRule type="expression" dxfId="${styles.dxf(rule.style)}" priority="${rule.priority}">${rule.formulae.map((f) => `<formula>${escapeXml(f)}</formula>`).join('')}</cfRule>`;
}

function pageXml(ws: Sheet): string {
  const p = ws.pageSetup;
  const m = p.margins ?? { left: 0.7, right: 0.7, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 };
  const setup =
    `${p.paperSize ? attr('paperSize', p.paperSize) : ''}${attr('orientation', p.orientation ?? 'portrait')}${p.scale ? attr('scale', p.scale) : ''}` +
    `${p.fitToWidth !== undefined ? attr('fitToWidth', p.fitToWidth) : ''}${p.fitToHeight !== undefined ? attr('fitToHeight', p.fitToHeight) : ''}`;
  return (
    `<pageMargins left="${m.left}" right="${m.right}" top="${m.top}" bottom="${m.bottom}" header="${m.header}" footer="${m.footer}"/><pageSetup${setup}/>` +
    (ws.headerFooter.oddFooter ? `<headerFooter><oddFooter>${escapeXml(ws.headerFooter.oddFooter)}</oddFooter></headerFooter>` : '')
  );
}

/** The worksheet part; `drawing`: the relationship id of its picture's drawing, if any. */
export function sheetXml(ws: Sheet, styles: StyleSheet, strings: SharedStrings, drawing: string | null): Buffer {
  const lastRow = Math.max(1, ws.rows.length - 1);
  const p = ws.pageSetup;
  const sheetPr = ws.tabColor || p.fitToPage ? `<sheetPr>${ws.tabColor ? `<tabColor rgb="${ws.tabColor}"/>` : ''}${p.fitToPage ? '<pageSetUpPr fitToPage="1"/>' : ''}</sheetPr>` : '';
  const af = ws.autoFilter;
  const head =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    `${sheetPr}<dimension ref="A1:${colLetter(Math.max(1, ws.columnCount))}${lastRow}"/>${viewsXml(ws)}<sheetFormatPr defaultRowHeight="15"/>${colsXml(ws)}<sheetData>`;
  const rows = new Utf8Chunks();
  rows.write(head);
  for (let r = 1; r < ws.rows.length; r++) {
    const row = ws.rows[r];
    if (!row) continue;
    let xml = '';
    let next = 0; // the column a cell without a reference would take
    const cells = row.cells;
    for (let c = 1; c < cells.length; c++) {
      const cell = cells[c];
      if (!cell) continue;
      const body = cellXml(cell, styles.xf(cell.style), strings);
      if (body === null) continue;
      const v = cell.value;
      const master = v !== null && typeof v === 'object' && 'formula' in v && v.shared !== undefined;
      xml += c === next && !master ? `<c${body}` : `<c r="${colLetter(c)}${r}"${body}`;
      next = c + 1;
    }
    const height = row.height ? ` ht="${row.height}" customHeight="1"` : '';
    if (xml || height) rows.write(`<row r="${r}"${height}>${xml}</row>`);
  }
  const tail =
    '</sheetData>' +
    (af ? `<autoFilter ref="${cellRef(af.from.column, af.from.row)}:${cellRef(af.to.column, af.to.row)}"/>` : '') +
    (ws.merges.length ? `<mergeCells count="${ws.merges.length}">${ws.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>` : '') +
    ws.conditionalFormats.map((cf) => `<conditionalFormatting sqref="${cf.ref}">${cf.rules.map((x) => ruleXml(x, styles)).join('')}</conditionalFormatting>`).join('') +
    (ws.validations.length ? `<dataValidations count="${ws.validations.length}">${ws.validations.map(validationXml).join('')}</dataValidations>` : '') +
    pageXml(ws) +
    (drawing ? `<drawing r:id="${drawing}"/>` : '') +
    '</worksheet>';
  rows.write(tail);
  return rows.toBuffer();
}
