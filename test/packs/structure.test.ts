// Every pack of a real project read back with exceljs (and its XML): sheets and their
// states, frozen headers, print setup, validations on named lists, formats, RAG colours
// and letters, column widths, fullCalcOnLoad, no shared formulas, Excel 2007 functions only.
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportPacks } from '../../electron/backend/packs/export';
import { AC, colLetter, LC, LINE_COLUMNS, LINES_FIRST_ROW, LINES_HEADER_ROW } from '../../electron/backend/packs/layout';
import type { Project } from '../../electron/backend/project/project';
import { allLines } from '../../electron/backend/budgets/lines';
import { CONFIDENCE_LETTER, suggestedConfidence } from '../../shared/domain/types';
import { removeDir } from '../helpers/tmp';
import { isFormula, packInfo, readWorkbook, tmpDir, towerHamletsProject } from './fixtures';

const dir = tmpDir('spendmap-structure-');
let project: Project;
const packs: { path: string; wb: ExcelJS.Workbook; zip: JSZip; kind: string }[] = [];

/** Excel 2007's functions that the packs may use (no dynamic arrays, no LET, no XLOOKUP, no RANK.EQ). */
const EXCEL_2007 = new Set(['SUMPRODUCT', 'SUM', 'SUMIFS', 'INDEX', 'MATCH', 'IF', 'IFERROR', 'ROUND', 'INT', 'MOD', 'COUNT', 'COUNTIF', 'ISNUMBER', 'ROW', 'NA', 'OR', 'FIND', 'COLUMNS', 'RANK']);

beforeAll(async () => {
  project = await towerHamletsProject(dir);
  for (const f of (await exportPacks(project, `${dir}/packs`)).files) {
    const wb = await readWorkbook(f.path);
    packs.push({ path: f.path, wb, zip: await JSZip.loadAsync(readFileSync(f.path)), kind: f.kind });
  }
}, 120_000);

afterAll(() => {
  project.close();
  removeDir(dir);
});

const colNumber = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);

const sheetXml = async (zip: JSZip) =>
  Promise.all(Object.keys(zip.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n)).map((n) => zip.file(n)!.async('string')));

/**
 * Each cell's shared-formula id ('' for none) by address. A cell without r="B7" is the
 * next column of its row (ECMA-376: the pack leaves out references a reader infers).
 */
function sharedIds(xml: string): Map<string, string> {
  const si = new Map<string, string>();
  let row = 0;
  let col = 0;
  for (const m of xml.matchAll(/<row r="(\d+)"|<c(?= |>|\/)(?: r="([A-Z]+)(\d+)")?[^>]*>(?:<f t="shared"[^>]* si="(\d+)")?/g)) {
    if (m[1]) {
      [row, col] = [Number(m[1]), 0];
      continue;
    }
    col = m[2] ? colNumber(m[2]) : col + 1;
    if (m[3]) expect(Number(m[3])).toBe(row);
    si.set(`${colLetter(col)}${row}`, m[4] ?? '');
  }
  return si;
}

describe('every pack', () => {
  it('has the sheets in order, the lists hidden and its identity very hidden, with valid names', () => {
    expect(packs.length).toBe(9);
    for (const { wb, kind } of packs) {
      expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([
        ['Read me', 'visible'],
        ['Lines', 'visible'],
        ['Proxies', 'visible'],
        ['Allocation', 'visible'],
        ['Neighbourhood', 'visible'],
        // The rounding working: in partner packs, whose split is live formulas.
        ...(kind === 'partner' ? [['Working', 'visible']] : []),
        ['Lists', 'hidden'],
        ['Spendmap', 'veryHidden'],
      ]);
      for (const ws of wb.worksheets) expect(ws.name).toMatch(/^[^/\\?*[\]:]{1,31}$/);
    }
  });

  it('recalculates on load; shares a formula only as a fill down one column (checked in the XML)', async () => {
    for (const { zip } of packs) {
      const workbook = await zip.file('xl/workbook.xml')!.async('string');
      expect(workbook).toMatch(/<calcPr[^>]*fullCalcOnLoad="1"/);
      for (const xml of await sheetXml(zip)) {
        expect(xml).not.toMatch(/t="array"/);
        // A shared formula is a fill: every cell of its range is one of its copies, so it
        // never covers another cell's content.
        const si = sharedIds(xml);
        for (const m of xml.matchAll(/<f t="shared" ref="([A-Z]+)(\d+):([A-Z]+)(\d+)" si="(\d+)"/g)) {
          const [c0, r0, c1, r1] = [colNumber(m[1]!), Number(m[2]), colNumber(m[3]!), Number(m[4])];
          // One column each: LibreOffice opens a formula shared across columns far slower.
          expect(c1, m[0]).toBe(c0);
          for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) expect(si.get(`${colLetter(c)}${r}`), `${colLetter(c)}${r}`).toBe(m[5]);
        }
      }
    }
  });

  it('keeps every formula a partner reads short: at most about 80 characters', () => {
    const longest = new Map<string, string>();
    for (const { wb } of packs)
      for (const ws of wb.worksheets)
        ws.eachRow((row) =>
          row.eachCell((cell) => {
            const v = cell.value as { formula?: string } | null;
            if (!v || typeof v !== 'object' || typeof v.formula !== 'string') return;
            if (v.formula.length > (longest.get(ws.name)?.length ?? 0)) longest.set(ws.name, v.formula);
          }),
        );
    const tooLong = [...longest].filter(([, f]) => f.length > 80).map(([sheet, f]) => `${sheet}: ${f.length}: ${f}`);
    expect(tooLong).toEqual([]);
    // The Working sheet's step formulas and the Lines suggestion are the longest a partner reads.
    expect(longest.get('Working')!.length).toBeGreaterThan(40);
    expect(longest.get('Lines')!.length).toBeGreaterThan(40);
  });

  it('uses Excel 2007 functions only, and no criteria strings on numbers', () => {
    const used = new Set<string>();
    for (const { wb } of packs)
      for (const ws of wb.worksheets)
        ws.eachRow((row) =>
          row.eachCell((cell) => {
            if (!isFormula(cell) || !('formula' in (cell.value as object))) return; // a shared formula's copies: its first cell is checked
            const f = (cell.value as ExcelJS.CellFormulaValue).formula.replace(/"[^"]*"/g, '""');
            for (const m of f.matchAll(/([A-Z][A-Z0-9.]*)\(/g)) used.add(m[1]!);
            // COUNTIF only counts zeros; SUMIFS only picks a confidence.
            for (const m of f.matchAll(/COUNTIF\([^,]+,([^)]*)\)/g)) expect(m[1]).toBe('0');
            for (const m of (cell.value as ExcelJS.CellFormulaValue).formula.matchAll(/SUMIFS\([^,]+,[^,]+,("[a-z]+")\)/g)) expect(['"green"', '"amber"', '"red"']).toContain(m[1]);
          }),
        );
    expect([...used].filter((f) => !EXCEL_2007.has(f))).toEqual([]);
    expect(used.has('SUMPRODUCT') && used.has('INDEX') && used.has('MATCH')).toBe(true);
  });

  it('freezes headers, prints landscape fitted to the width with titles repeated', () => {
    for (const { wb } of packs) {
      const info = packInfo(wb);
      const header = Number(info.get('allocationHeaderRow'));
      const frozen = (name: string) => wb.getWorksheet(name)!.views[0] as ExcelJS.WorksheetView & { xSplit?: number; ySplit?: number };
      expect(frozen('Lines')).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: LINES_HEADER_ROW });
      expect(frozen('Proxies')).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 4 });
      expect(frozen('Allocation')).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: header });
      expect(frozen('Neighbourhood')).toMatchObject({ state: 'frozen', ySplit: 4 });
      // Fitted to one page wide only where that keeps the print at 70% or more of its size
      // (A4 landscape holds about 145 characters of column width at 100%); else 100%, across pages.
      for (const ws of wb.worksheets.filter((w) => w.state === 'visible')) {
        expect(ws.pageSetup, ws.name).toMatchObject({ orientation: 'landscape', paperSize: 9 });
        let width = 0;
        // The Neighbourhood sheet's print area ends with its tables: the map picture beside them is not printed.
        const printed = ws.pageSetup.printArea ? ws.getColumn(ws.pageSetup.printArea.split(':')[1]!.replace(/\d+$/, '')).number : ws.columnCount;
        const last = ws.name === 'Allocation' ? Number(info.get('moneyColumn')) + info.get('allocationWards')!.split(',').length - 1 : printed;
        for (let c = 1; c <= last; c++) width += ws.getColumn(c).width ?? 9;
        if (ws.pageSetup.fitToPage) {
          expect(ws.pageSetup, ws.name).toMatchObject({ fitToWidth: 1, fitToHeight: 0 });
          expect(145 / width, ws.name).toBeGreaterThanOrEqual(0.7);
        } else {
          expect(ws.pageSetup.scale, ws.name).toBe(100);
          expect(width * 0.7, ws.name).toBeGreaterThan(145);
        }
      }
      expect(wb.getWorksheet('Read me')!.pageSetup.fitToPage).toBe(true);
      expect(wb.getWorksheet('Allocation')!.pageSetup.printTitlesColumn).toBe('A:B');
      expect(wb.getWorksheet('Lines')!.pageSetup.printTitlesRow).toBe(`${LINES_HEADER_ROW}:${LINES_HEADER_ROW}`);
      expect(wb.getWorksheet('Allocation')!.pageSetup.printTitlesRow).toBe(`3:${header}`);
    }
  });

  it('has the Lines headings, yellow input cells, £ formats and validations on named lists', () => {
    const bases = [...project.proxies().map((p) => p.name), 'direct', 'site', 'even'];
    for (const { wb } of packs) {
      const ws = wb.getWorksheet('Lines')!;
      expect(LINE_COLUMNS.map((_, i) => ws.getCell(LINES_HEADER_ROW, i + 1).value)).toEqual(LINE_COLUMNS.map((c) => c.header));
      const r = LINES_FIRST_ROW;
      expect(ws.getCell(r, LC.amount).numFmt).toBe('"£"#,##0.00;[Red]-"£"#,##0.00');
      expect(ws.getCell(r, LC.amount).fill).toMatchObject({ fgColor: { argb: 'FFFFF2CC' } });
      const dv = (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations.model;
      expect(dv[`H${r}`]).toMatchObject({ type: 'list', formulae: ['SM_Bases'] });
      expect(dv[`K${r}`]).toMatchObject({ type: 'list', formulae: ['SM_Statuses'] });
      expect(dv[`L${r}`]).toMatchObject({ type: 'list', formulae: ['SM_Confidence'] });
      expect(dv[`P${r}`]).toMatchObject({ type: 'list', formulae: ['SM_Wards'] });
      expect(dv[`I${r}`]).toMatchObject({ type: 'decimal', operator: 'between', formulae: [0, 1] });
      expect(dv[`J${r}`]).toMatchObject({ type: 'decimal', operator: 'between', formulae: [0, 100] });
      expect(dv[`F${r}`]).toMatchObject({ type: 'decimal', operator: 'greaterThanOrEqual', formulae: [0] });
      const names = new Map(wb.definedNames.model.map((d) => [d.name, d.ranges]));
      expect(names.get('SM_Bases')).toEqual([`Lists!$A$1:$A$${bases.length}`]);
      const lists = wb.getWorksheet('Lists')!;
      expect(bases.map((_, i) => lists.getCell(i + 1, 1).value)).toEqual(bases);
      expect(names.get('SM_Statuses')).toEqual(['Lists!$B$1:$B$4']);
      expect(names.get('SM_Wards')).toEqual(['Lists!$D$1:$D$20']);
      // Beside each basis, the confidence it suggests: what the Lines "Suggested confidence" formula looks up.
      expect(names.get('SM_Suggested')).toEqual([`Lists!$E$1:$E$${bases.length}`]);
      expect(bases.map((_, i) => lists.getCell(i + 1, 5).value)).toEqual(bases.map((b) => suggestedConfidence(b)));
      expect(names.get('SM_Pack')).toEqual(['Spendmap!$B$1']);
    }
  });

  it('names the proxy table the formulas read', async () => {
    for (const { zip, wb, kind } of packs) {
      const workbook = await zip.file('xl/workbook.xml')!.async('string');
      // A partner pack's table runs on past `even` (N) to one site column per ward (O:AH),
      // each named by its ward's code; then each ward's S ÷ S̄ − 1 (AI).
      const last = kind === 'partner' ? 'AH' : 'N';
      expect(workbook).toContain(`<definedName name="ProxyValues">Proxies!$C$5:$${last}$24</definedName>`);
      expect(workbook).toContain(`<definedName name="ProxyNames">Proxies!$C$4:$${last}$4</definedName>`);
      expect(workbook).toMatch(/<definedName name="MeanIMD">Proxies!\$C\$2<\/definedName>/);
      if (kind !== 'partner') continue;
      expect(workbook).toContain('<definedName name="Ratio">Proxies!$AI$5:$AI$24</definedName>');
      const proxies = wb.getWorksheet('Proxies')!;
      const codes = Array.from({ length: 20 }, (_, k) => proxies.getCell(5 + k, 1).value);
      expect(Array.from({ length: 20 }, (_, k) => proxies.getCell(4, 15 + k).value)).toEqual(codes);
      for (let k = 0; k < 20; k++) expect(Array.from({ length: 20 }, (_, v) => proxies.getCell(5 + k, 15 + v).value)).toEqual(codes.map((_, v) => (v === k ? 1 : 0)));
    }
  });

  it('colours every confidence and writes its letter, with rules that follow a change', () => {
    const byRef = new Map(allLines(project).map((l) => [l.ref, l]));
    const fills = { green: 'FFC6EFCE', amber: 'FFFFEB9C', red: 'FFFFC7CE' };
    for (const { wb } of packs) {
      const ws = wb.getWorksheet('Lines')!;
      for (let r = LINES_FIRST_ROW; r <= ws.rowCount; r++) {
        if (ws.getCell(r, LC.ref).value === null) continue; // the total rows
        const l = byRef.get(String(ws.getCell(r, LC.ref).value))!;
        expect(ws.getCell(r, LC.confidence).value).toBe(l.confidence);
        expect(ws.getCell(r, LC.confidence).fill).toMatchObject({ fgColor: { argb: fills[l.confidence] } });
        expect((ws.getCell(r, LC.rag).value as ExcelJS.CellFormulaValue).result).toBe(CONFIDENCE_LETTER[l.confidence]);
        expect(ws.getCell(r, LC.rag).fill).toMatchObject({ fgColor: { argb: fills[l.confidence] } });
      }
      const cf = (ws as unknown as { conditionalFormattings: { ref: string; rules: { formulae: string[] }[] }[] }).conditionalFormattings;
      expect(cf[0]!.ref).toMatch(/^L5:M\d+$/);
      expect(cf[0]!.rules.map((x) => x.formulae[0])).toEqual(['$L5="green"', '$L5="amber"', '$L5="red"']);
    }
  });

  it('sizes columns to fit their text', () => {
    for (const { wb } of packs) {
      const ws = wb.getWorksheet('Lines')!;
      for (const key of ['ref', 'partner', 'service', 'basis'] as const) {
        let longest = 0;
        for (let r = LINES_FIRST_ROW; r <= ws.rowCount; r++) longest = Math.max(longest, String(ws.getCell(r, LC[key]).value ?? '').length);
        expect(ws.getColumn(LC[key]).width, key).toBeGreaterThanOrEqual(Math.min(longest + 1, 45));
      }
      const alloc = wb.getWorksheet('Allocation')!;
      const money = Number(packInfo(wb).get('moneyColumn'));
      expect(alloc.getColumn(money).width).toBeGreaterThanOrEqual(14);
    }
  });

  it('writes the ward amounts as formulas for proxy, even and site lines, figures for direct lines, and nothing for lines not allocated', () => {
    const byRef = new Map(allLines(project).map((l) => [l.ref, l]));
    for (const { wb } of packs) {
      const info = packInfo(wb);
      const ws = wb.getWorksheet('Allocation')!;
      const header = Number(info.get('allocationHeaderRow'));
      const money = Number(info.get('moneyColumn'));
      for (let r = header + 1; r <= ws.rowCount; r++) {
        if (ws.getCell(r, AC.ref).value === null) continue; // the total row
        const l = byRef.get(String(ws.getCell(r, AC.ref).value))!;
        const cell = ws.getCell(r, money);
        const note = String(ws.getCell(r, AC.note).value ?? '');
        if (l.basis === 'direct') {
          expect(isFormula(cell)).toBe(false);
          if (info.get('kind') === 'partner') expect(cell.fill).toMatchObject({ fgColor: { argb: 'FFFFF2CC' } });
        } else if (note.startsWith('Not allocated')) {
          expect(cell.value).toBeNull();
          expect(ws.getCell(r, AC.allocated).value).toBe(0);
        } else {
          // Live formulas in a partner pack; the engine's figures in a neighbourhood pack.
          expect(isFormula(cell)).toBe(info.get('kind') === 'partner');
          expect(cell.numFmt).toContain('£');
        }
      }
    }
  });

  it('holds its own identity: project, kind, subject, wards and every line as exported', () => {
    for (const { wb, kind } of packs) {
      const info = packInfo(wb);
      expect(info.get('format')).toBe('spendmap-pack/1');
      expect(info.get('kind')).toBe(kind);
      expect(info.get('project')).toMatch(/^[0-9a-f]{32}$/);
      expect(info.get('wards')!.split(',')).toHaveLength(20);
      expect(Number(info.get('lines'))).toBeGreaterThan(0);
    }
  });
});
