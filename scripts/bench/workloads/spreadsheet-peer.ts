// The peer for the engine: what users do today, a workbook with one formula per
// line × ward (a SUMPRODUCT share with the deprivation factor), recalculated by
// LibreOffice. We time LibreOffice on the formula workbook and on the same workbook
// holding plain numbers; the difference is its recalculation.
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import type { Workload } from './engine';
import { recalculate } from '../../lib/libreoffice';

function colLetter(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export async function writeWorkbook(w: Workload, path: string, formulas: boolean): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const wardCount = w.input.wards.length;
  const proxyNames = Object.keys(w.input.proxies);
  const wards = wb.addWorksheet('Wards');
  wards.addRow(['ward', 'population', 'imd_score', ...proxyNames]);
  w.input.wards.forEach((ward, i) => wards.addRow([ward.code, ward.population, ward.imdScore, ...proxyNames.map((p) => w.input.proxies[p]![i] ?? 0)]));
  const last = wardCount + 1;
  // S̄, the population-weighted mean IMD score, in one cell.
  wards.getCell('Z1').value = formulas ? { formula: `SUMPRODUCT(B2:B${last},C2:C${last})/SUM(B2:B${last})`, result: 0 } : 1;
  const lines = wb.addWorksheet('Lines');
  lines.addRow(['ref', 'amount', 'proxy_column', 'beta']);
  for (const l of w.lines) lines.addRow([l.ref, l.amountPence / 100, Math.max(1, proxyNames.indexOf(l.basis) + 1), l.beta]);
  const split = wb.addWorksheet('Split');
  split.addRow(['ref', ...w.input.wards.map((x) => x.code)]);
  w.lines.forEach((_, i) => {
    const r = i + 2;
    const cells: (string | number | ExcelJS.CellFormulaValue)[] = [{ formula: `Lines!A${r}`, result: '' } as ExcelJS.CellFormulaValue];
    for (let j = 0; j < wardCount; j++) {
      const wr = j + 2;
      const proxies = `Wards!$D$2:$${colLetter(3 + proxyNames.length - 1)}$${last}`;
      const factor = (s: string) => `(1+Lines!$D${r}*(${s}/Wards!$Z$1-1))`;
      const formula = `Lines!$B${r}*INDEX(${proxies},${wr - 1},Lines!$C${r})*${factor(`Wards!$C$${wr}`)}/SUMPRODUCT(INDEX(${proxies},0,Lines!$C${r}),${factor(`Wards!$C$2:$C$${last}`)})`;
      cells.push(formulas ? { formula, result: 0 } : 1);
    }
    split.addRow(cells);
  });
  wb.calcProperties.fullCalcOnLoad = true;
  await wb.xlsx.writeFile(path);
}

/**
 * LibreOffice's recalculation time for the workload, in ms: the best of three runs on
 * the formula workbook minus the best of three on the plain one (load, save and start-up
 * cancel out; the best of three keeps a busy machine's noise out of the difference).
 */
export async function spreadsheetRecalcMs(w: Workload, dir: string): Promise<number> {
  const withFormulas = join(dir, 'peer-formulas.xlsx');
  const plain = join(dir, 'peer-values.xlsx');
  await writeWorkbook(w, withFormulas, true);
  await writeWorkbook(w, plain, false);
  const best = (p: string) => Math.min(recalculate(p).ms, recalculate(p).ms, recalculate(p).ms);
  const f = best(withFormulas);
  const v = best(plain);
  return Math.max(1, f - v);
}
