// The peer for the engine: what users do today, a workbook with one formula per
// line × ward (a SUMPRODUCT share with the deprivation factor), recalculated by
// LibreOffice; for the CLI's allocate, the workbook that also rounds each line to whole
// pence that add up, as allocate does. We time LibreOffice on the formula workbook and
// on the same workbook holding plain numbers; the difference is its recalculation.
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { colLetter } from '../../../electron/backend/packs/layout';
import type { Workload } from './engine';
import { recalculate } from '../../lib/libreoffice';

/**
 * The workbook: Wards (proxies, IMD score, S̄), Lines (amount, proxy column, β) and one
 * share formula per line × ward. With `pence`, what a spreadsheet needs to give what
 * `allocate` gives, whole pence adding up to each line (the brief's largest remainder):
 * the exact share in pence, its whole pence, the remainder, the remainder's rank within
 * the line (ties to the lower ward code: wards are in code order), and the pence, whole
 * pence plus one where the rank is within the line's leftover pennies; one sheet each.
 */
export async function writeWorkbook(w: Workload, path: string, formulas: boolean, opts: { pence?: boolean } = {}): Promise<void> {
  const pence = opts.pence ?? false;
  const wb = new ExcelJS.Workbook();
  const order = [...w.input.wards.keys()];
  if (pence) order.sort((a, b) => (w.input.wards[a]!.code < w.input.wards[b]!.code ? -1 : 1));
  const wardCount = order.length;
  // A population basis reads the wards' population when no population proxy is given (as the engine does).
  const proxyNames = [...new Set([...Object.keys(w.input.proxies), ...(pence ? ['population', 'even'] : [])])];
  const population = w.input.wards.map((x) => x.population);
  const proxyValue = (p: string, i: number) => (p === 'even' ? 1 : ((w.input.proxies[p] ?? population)[i] ?? 0));
  const wards = wb.addWorksheet('Wards');
  wards.addRow(['ward', 'population', 'imd_score', ...proxyNames]);
  for (const i of order) {
    const ward = w.input.wards[i]!;
    wards.addRow([ward.code, ward.population, ward.imdScore, ...proxyNames.map((p) => proxyValue(p, i))]);
  }
  const last = wardCount + 1;
  // S̄, the population-weighted mean IMD score, in one cell.
  wards.getCell('Z1').value = formulas ? { formula: `SUMPRODUCT(B2:B${last},C2:C${last})/SUM(B2:B${last})`, result: 0 } : 1;
  const lines = wb.addWorksheet('Lines');
  // Ward j (in `order`) is in column j + 2 of every ward sheet, after the ref.
  const lastWard = colLetter(wardCount + 1);
  const wardCols = (r: number) => `$B${r}:$${lastWard}${r}`;
  lines.addRow(['ref', 'amount', 'proxy_column', 'beta', ...(pence ? ['pence', 'leftover'] : [])]);
  w.lines.forEach((l, i) => {
    const r = i + 2;
    if (pence && (l.basis === 'site' || l.basis === 'direct')) throw new Error(`${l.ref}: the equivalent workbook apportions lines on a proxy or even basis only`);
    const extra = pence ? [cell(`ROUND(B${r}*100,0)`), cell(`E${r}-SUM(Whole!${wardCols(r)})`)] : [];
    lines.addRow([l.ref, l.amountPence / 100, Math.max(1, proxyNames.indexOf(l.basis) + 1), l.beta, ...extra]);
  });
  const proxies = `Wards!$D$2:$${colLetter(3 + proxyNames.length)}$${last}`;
  const factor = (r: number, s: string) => `(1+Lines!$D${r}*(${s}/Wards!$Z$1-1))`;
  const share = (r: number, j: number) =>
    `Lines!$${pence ? 'E' : 'B'}${r}*INDEX(${proxies},${j + 1},Lines!$C${r})*${factor(r, `Wards!$C$${j + 2}`)}/SUMPRODUCT(INDEX(${proxies},0,Lines!$C${r}),${factor(r, `Wards!$C$2:$C$${last}`)})`;
  const steps: [string, (r: number, j: number, c: string) => string][] = pence
    ? [
        ['Exact', share],
        ['Whole', (r, _, c) => `INT(Exact!${c}${r})`],
        ['Remainder', (r, _, c) => `Exact!${c}${r}-Whole!${c}${r}`],
        // 1 + larger remainders at or after this ward + larger or equal ones before it.
        ['Rank', (r, j, c) => `RANK(Remainder!${c}${r},Remainder!${c}${r}:$${lastWard}${r})+${j + 1}-RANK(Remainder!${c}${r},Remainder!$B${r}:${c}${r},1)`],
        ['Pence', (r, _, c) => `Whole!${c}${r}+(Rank!${c}${r}<=Lines!$F${r})`],
      ]
    : [['Split', share]];
  for (const [name, f] of steps) {
    const ws = wb.addWorksheet(name);
    ws.addRow(['ref', ...order.map((i) => w.input.wards[i]!.code)]);
    w.lines.forEach((_, i) => {
      const r = i + 2;
      ws.addRow([cell(`Lines!A${r}`), ...order.map((_, j) => (formulas ? cell(f(r, j, colLetter(j + 2))) : 1))]);
    });
  }
  wb.calcProperties.fullCalcOnLoad = true;
  await wb.xlsx.writeFile(path);
}

const cell = (formula: string) => ({ formula }) as ExcelJS.CellFormulaValue;

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
