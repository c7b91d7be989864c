// The workbook's styles part: every distinct cell style becomes one cell format (xf) of
// fonts, fills, borders and number formats, each written once; conditional formats'
// styles become differential formats (dxf). A cell names its style by index.
import type ExcelJS from 'exceljs';
import type { Style } from './sheet';
import { attr, escapeXml } from './xml';

/** Number formats every spreadsheet knows by number: not written into the part. */
const BUILT_IN: Record<string, number> = { General: 0, '0': 1, '0.00': 2, '#,##0': 3, '#,##0.00': 4, '0%': 9, '0.00%': 10, '@': 49 };

type Colour = Partial<ExcelJS.Color> | undefined;
const colour = (tag: string, c: Colour) => (c?.argb ? `<${tag} rgb="${c.argb}"/>` : '');

function fontXml(f: Partial<ExcelJS.Font>): string {
  return `<font>${f.bold ? '<b/>' : ''}${f.italic ? '<i/>' : ''}<sz val="${f.size ?? 11}"/>${colour('color', f.color) || '<color rgb="FF000000"/>'}<name val="Calibri"/><family val="2"/></font>`;
}

function fillXml(f: ExcelJS.Fill, background = false): string {
  if (f.type !== 'pattern') throw new Error('only pattern fills are written');
  const c = background ? colour('bgColor', f.bgColor) : colour('fgColor', f.fgColor);
  return `<fill><patternFill patternType="${f.pattern}">${c}</patternFill></fill>`;
}

function borderXml(b: Partial<ExcelJS.Borders>): string {
  const edge = (tag: 'left' | 'right' | 'top' | 'bottom') => {
    const e = b[tag];
    return e?.style ? `<${tag} style="${e.style}">${colour('color', e.color)}</${tag}>` : `<${tag}/>`;
  };
  return `<border>${edge('left')}${edge('right')}${edge('top')}${edge('bottom')}<diagonal/></border>`;
}

function alignmentXml(a: Partial<ExcelJS.Alignment>): string {
  return `<alignment${a.horizontal ? attr('horizontal', a.horizontal) : ''}${a.vertical ? attr('vertical', a.vertical) : ''}${a.wrapText ? ' wrapText="1"' : ''}/>`;
}

/** A list of distinct XML pieces, each numbered by its first appearance. */
class Pieces {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();
  constructor(first: string[] = []) {
    for (const x of first) this.id(x);
  }
  id(xml: string): number {
    let i = this.index.get(xml);
    if (i === undefined) this.index.set(xml, (i = this.list.push(xml) - 1));
    return i;
  }
}

export class StyleSheet {
  private readonly byObject = new Map<Style, number>();
  private readonly xfs = new Pieces(['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>']);
  private readonly fonts = new Pieces([fontXml({})]);
  private readonly fills = new Pieces(['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>']);
  private readonly borders = new Pieces([borderXml({})]);
  private readonly numFmts = new Map<string, number>();
  private readonly dxfs = new Pieces();

  /** The cell format index of a style (the pack's styles are shared objects: looked up by identity first). */
  xf(style: Style): number {
    let i = this.byObject.get(style);
    if (i !== undefined) return i;
    const numFmt = style.numFmt ? this.numFmtId(style.numFmt) : 0;
    const font = style.font ? this.fonts.id(fontXml(style.font)) : 0;
    const fill = style.fill ? this.fills.id(fillXml(style.fill)) : 0;
    const border = style.border ? this.borders.id(borderXml(style.border)) : 0;
    const align = style.alignment ? alignmentXml(style.alignment) : '';
    const applied = `${numFmt ? ' applyNumberFormat="1"' : ''}${font ? ' applyFont="1"' : ''}${fill ? ' applyFill="1"' : ''}${border ? ' applyBorder="1"' : ''}`;
    const xml = `<xf numFmtId="${numFmt}" fontId="${font}" fillId="${fill}" borderId="${border}" xfId="0"${applied}${align ? ` applyAlignment="1">${align}</xf>` : '/>'}`;
    i = this.xfs.id(xml);
    this.byObject.set(style, i);
    return i;
  }

  /** The differential format of a conditional rule's style. */
  dxf(style: Style): number {
    const font = style.font ? `<font>${style.font.bold ? '<b/>' : ''}${colour('color', style.font.color)}</font>` : '';
    const fill = style.fill ? fillXml(style.fill, true) : '';
    return this.dxfs.id(`<dxf>${font}${fill}</dxf>`);
  }

  private numFmtId(code: string): number {
    const builtIn = BUILT_IN[code];
    if (builtIn !== undefined) return builtIn;
    let id = this.numFmts.get(code);
    if (id === undefined) this.numFmts.set(code, (id = 164 + this.numFmts.size));
    return id;
  }

  xml(): string {
    const list = (tag: string, items: string[]) => `<${tag} count="${items.length}">${items.join('')}</${tag}>`;
    const numFmts = [...this.numFmts].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`);
    return (
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      (numFmts.length ? list('numFmts', numFmts) : '') +
      list('fonts', this.fonts.list) +
      list('fills', this.fills.list) +
      list('borders', this.borders.list) +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      list('cellXfs', this.xfs.list) +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      list('dxfs', this.dxfs.list) +
      '</styleSheet>'
    );
  }
}
