// A pack's workbook: its sheets, defined names and properties, written as the parts of
// an .xlsx package (SpreadsheetML) and zipped by zip.ts. Print areas and print titles
// are defined names of their sheet, as Excel stores them.
import { writeDeflatedZip } from '../zip';
import { Sheet } from './sheet';
import { SharedStrings, sheetXml } from './sheet-xml';
import { StyleSheet } from './styles-xml';
import { attr, escapeXml } from './xml';

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const CT = 'application/vnd.openxmlformats-officedocument';

const rels = (items: [id: string, type: string, target: string][]) =>
  `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items.map(([id, type, target]) => `<Relationship Id="${id}" Type="${type}" Target="${target}"/>`).join('')}</Relationships>`;

/** 'Sheet name'!, quoted as a formula names a sheet. */
const sheetPrefix = (name: string) => `'${name.replace(/'/g, "''")}'!`;
/** "3:6" → "$3:$6"; "A:B" → "$A:$B"; "A1:M46" → "$A$1:$M$46". */
const absolute = (range: string) => range.replace(/([A-Z]+)?(\d+)?/g, (m, c: string | undefined, r: string | undefined) => (m ? `${c ? `$${c}` : ''}${r ? `$${r}` : ''}` : ''));

export class Book {
  readonly sheets: Sheet[] = [];
  private readonly names: { name: string; range: string }[] = [];
  readonly definedNames = { add: (range: string, name: string) => void this.names.push({ name, range }) };
  creator = '';
  title = '';
  created = new Date();

  addWorksheet(name: string, opts: { state?: 'visible' | 'hidden' | 'veryHidden'; tabColor?: string } = {}): Sheet {
    const ws = new Sheet(this, name, opts.state, opts.tabColor ?? null);
    this.sheets.push(ws);
    return ws;
  }

  getWorksheet(name: string): Sheet | undefined {
    return this.sheets.find((s) => s.name === name);
  }

  /** The package's parts, in the order a reader meets them. */
  parts(): { name: string; data: string | Uint8Array }[] {
    const styles = new StyleSheet();
    const strings = new SharedStrings();
    const out: { name: string; data: string | Uint8Array }[] = [];
    const sheetParts: { name: string; data: string | Uint8Array }[] = [];
    let pictures = 0;
    this.sheets.forEach((ws, i) => {
      const n = i + 1;
      let drawing: string | null = null;
      if (ws.picture) {
        const k = ++pictures;
        drawing = 'rId1';
        const p = ws.picture;
        sheetParts.push(
          { name: `xl/worksheets/_rels/sheet${n}.xml.rels`, data: rels([['rId1', `${REL}/drawing`, `../drawings/drawing${k}.xml`]]) },
          { name: `xl/drawings/drawing${k}.xml`, data: drawingXml(p.col, p.row, p.width, p.height) },
          { name: `xl/drawings/_rels/drawing${k}.xml.rels`, data: rels([['rId1', `${REL}/image`, `../media/image${k}.png`]]) },
          { name: `xl/media/image${k}.png`, data: p.png },
        );
      }
      sheetParts.push({ name: `xl/worksheets/sheet${n}.xml`, data: sheetXml(ws, styles, strings, drawing) });
    });
    const sheetIds = this.sheets.map((_, i) => `rId${i + 4}`);
    out.push(
      { name: '[Content_Types].xml', data: this.contentTypes(pictures) },
      { name: '_rels/.rels', data: rels([['rId1', `${REL}/officeDocument`, 'xl/workbook.xml'], ['rId2', 'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties', 'docProps/core.xml'], ['rId3', `${REL}/extended-properties`, 'docProps/app.xml']]) },
      { name: 'docProps/app.xml', data: `${XML}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>${escapeXml(this.creator)}</Application></Properties>` },
      { name: 'docProps/core.xml', data: this.coreXml() },
      { name: 'xl/workbook.xml', data: this.workbookXml(sheetIds) },
      {
        name: 'xl/_rels/workbook.xml.rels',
        data: rels([['rId1', `${REL}/styles`, 'styles.xml'], ['rId3', `${REL}/sharedStrings`, 'sharedStrings.xml'], ...this.sheets.map((_, i): [string, string, string] => [sheetIds[i]!, `${REL}/worksheet`, `worksheets/sheet${i + 1}.xml`])]),
      },
      ...sheetParts,
      // Last: every sheet has added its strings and styles.
      { name: 'xl/sharedStrings.xml', data: strings.xml() },
      { name: 'xl/styles.xml', data: styles.xml() },
    );
    return out;
  }

  /** The .xlsx file, each part deflated on the thread pool. */
  async write(date = this.created): Promise<Buffer> {
    return writeDeflatedZip(this.parts().map((p) => ({ name: Buffer.from(p.name, 'utf8'), data: typeof p.data === 'string' ? Buffer.from(p.data, 'utf8') : Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data) })), date);
  }

  private contentTypes(pictures: number): string {
    const o = (part: string, type: string) => `<Override PartName="/${part}" ContentType="${type}"/>`;
    return (
      `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
      (pictures ? '<Default Extension="png" ContentType="image/png"/>' : '') +
      o('xl/workbook.xml', `${CT}.spreadsheetml.sheet.main+xml`) +
      this.sheets.map((_, i) => o(`xl/worksheets/sheet${i + 1}.xml`, `${CT}.spreadsheetml.worksheet+xml`)).join('') +
      Array.from({ length: pictures }, (_, k) => o(`xl/drawings/drawing${k + 1}.xml`, `${CT}.drawing+xml`)).join('') +
      o('xl/styles.xml', `${CT}.spreadsheetml.styles+xml`) +
      o('xl/sharedStrings.xml', `${CT}.spreadsheetml.sharedStrings+xml`) +
      o('docProps/core.xml', 'application/vnd.openxmlformats-package.core-properties+xml') +
      o('docProps/app.xml', `${CT}.extended-properties+xml`) +
      '</Types>'
    );
  }

  private coreXml(): string {
    const when = this.created.toISOString().replace(/\.\d{3}Z$/, 'Z');
    return (
      `${XML}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
      `<dc:creator>${escapeXml(this.creator)}</dc:creator><dc:title>${escapeXml(this.title)}</dc:title><cp:lastModifiedBy>${escapeXml(this.creator)}</cp:lastModifiedBy>` +
      `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified></cp:coreProperties>`
    );
  }

  private workbookXml(sheetIds: string[]): string {
    const names = this.names.map((d) => `<definedName${attr('name', d.name)}>${escapeXml(d.range)}</definedName>`);
    this.sheets.forEach((ws, i) => {
      const p = ws.pageSetup;
      const local = (name: string, value: string) => names.push(`<definedName name="${name}" localSheetId="${i}">${escapeXml(value)}</definedName>`);
      const at = sheetPrefix(ws.name);
      if (p.printArea) local('_xlnm.Print_Area', `${at}${absolute(p.printArea)}`);
      const titles = [p.printTitlesColumn, p.printTitlesRow].filter((t): t is string => !!t).map((t) => `${at}${absolute(t)}`);
      if (titles.length) local('_xlnm.Print_Titles', titles.join(','));
    });
    const sheets = this.sheets.map((ws, i) => `<sheet${attr('name', ws.name)} sheetId="${i + 1}"${ws.state === 'visible' ? '' : attr('state', ws.state)} r:id="${sheetIds[i]}"/>`);
    return (
      `${XML}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${REL}">` +
      '<bookViews><workbookView xWindow="0" yWindow="0" windowWidth="20000" windowHeight="12000" firstSheet="0" activeTab="0"/></bookViews>' +
      `<sheets>${sheets.join('')}</sheets>${names.length ? `<definedNames>${names.join('')}</definedNames>` : ''}<calcPr calcId="171027" fullCalcOnLoad="1"/></workbook>`
    );
  }
}

/** The picture's drawing: anchored at one cell, its size in EMU (9,525 a pixel). */
function drawingXml(col: number, row: number, width: number, height: number): string {
  return (
    `${XML}<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">` +
    `<xdr:oneCellAnchor editAs="oneCell"><xdr:from><xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>` +
    `<xdr:ext cx="${Math.round(width * 9525)}" cy="${Math.round(height * 9525)}"/><xdr:pic><xdr:nvPicPr><xdr:cNvPr id="1" name="Map"/><xdr:cNvPicPr><a:picLocks noChangeAspect="1"/></xdr:cNvPicPr></xdr:nvPicPr>` +
    `<xdr:blipFill><a:blip xmlns:r="${REL}" r:embed="rId1"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill>` +
    `<xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${Math.round(width * 9525)}" cy="${Math.round(height * 9525)}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic><xdr:clientData/></xdr:oneCellAnchor></xdr:wsDr>`
  );
}
