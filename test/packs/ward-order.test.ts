// A partner pack's ward columns as on the Mapping screen: the neighbourhoods' wards first
// (each neighbourhood's in code order), tinted, then the rest in code order, on
// Allocation and on every block of Working. LibreOffice recalculates the pack from its
// formulas alone and gives the engine's pence in every ward, ties included: an even
// line of 7p over 20 wards gives its pennies to the 7 lowest ward codes, wherever their
// columns now stand.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBudgets } from '../../electron/backend/budgets/import';
import { exportPacks } from '../../electron/backend/packs/export';
import { AC, ALLOCATION_RATIO_ROW, WORKING_BLOCKS, workingBlockColumn } from '../../electron/backend/packs/layout';
import type { Project } from '../../electron/backend/project/project';
import { allocationOf } from '../../electron/backend/mapping/allocation';
import { allLines } from '../../electron/backend/budgets/lines';
import { saveNeighbourhood } from '../../electron/backend/neighbourhoods/service';
import { createProject } from '../../electron/backend/project/lifecycle';
import { budgetCsv } from '../helpers/budget';
import { removeDir } from '../helpers/tmp';
import { at, packInfo, pence, readWorkbook, recalculateAll, TH, tmpDir } from './fixtures';

const dir = tmpDir('spendmap-ward-order-');
const TINT = 'FFEAF2FB';
let project: Project;
let file: string;
let wb: ExcelJS.Workbook;
let codes: string[];

beforeAll(async () => {
  project = createProject({ path: join(dir, 'th.spendmap'), pack: 'wards2019', lad: 'E09000030', year: '2019-20', name: 'Ward order' });
  const line = (ref: string, amount: string, basis: string, beta = '0', site = '') =>
    ({ ref, partner: 'Poplar HARCA', partner_type: 'housing', service: 'Estates', amount_gbp: amount, basis, deprivation_weight: beta, site_ward: site, discretionary_pct: '10' });
  writeFileSync(
    join(dir, 'budget.csv'),
    budgetCsv([
      line('T-01', '0.07', 'even'),
      line('T-02', '1234.57', 'population'),
      line('T-03', '98765.43', 'population', '0.5'),
      line('T-04', '5000', 'site', '0', TH.whitechapel),
      line('T-05', '333.33', 'older_60_plus', '1'),
    ]),
  );
  await importBudgets(project, { file: { path: join(dir, 'budget.csv') } });
  saveNeighbourhood(project, 'Poplar', [TH.poplar, TH.lansbury], 'test');
  saveNeighbourhood(project, 'Isle of Dogs', [TH.canaryWharf, TH.islandGardens, TH.blackwall], 'test');
  const { files } = await exportPacks(project, join(dir, 'packs'));
  file = files.find((f) => f.kind === 'partner')!.path;
  wb = await readWorkbook(file);
  codes = project.wards().map((w) => w.code);
}, 120_000);

afterAll(() => {
  project.close();
  removeDir(dir);
});

/** Isle of Dogs, then Poplar (the project lists its neighbourhoods by name), each by code. */
const NEIGHBOURHOOD = [TH.blackwall, TH.canaryWharf, TH.islandGardens, TH.lansbury, TH.poplar];
const fillOf = (cell: ExcelJS.Cell) => (cell.fill as { fgColor?: { argb?: string } } | undefined)?.fgColor?.argb ?? null;

describe('a partner pack’s ward columns', () => {
  it('put the neighbourhoods’ wards first, each in code order, then the rest in code order, on Allocation; Working keeps code order (the order ties go in)', () => {
    const expected = [...NEIGHBOURHOOD, ...codes.filter((c) => !NEIGHBOURHOOD.includes(c))];
    expect(codes.slice(0, 5)).not.toEqual(NEIGHBOURHOOD); // they are not the first five by code
    const info = packInfo(wb);
    expect(info.get('allocationWards')).toBe(expected.join(','));
    const header = Number(info.get('allocationHeaderRow'));
    const money = Number(info.get('moneyColumn'));
    const allocation = wb.getWorksheet('Allocation')!;
    expect(expected.map((_, j) => allocation.getCell(header, money + j).value)).toEqual(expected);
    const working = wb.getWorksheet('Working')!;
    const n = codes.length;
    for (const block of WORKING_BLOCKS) expect(codes.map((_, k) => working.getCell(header, workingBlockColumn(block, n) + k).value), block).toEqual(codes);
    // Above Rank, each ward's place in code order: the row of its proxy values and the order ties go in.
    expect(codes.map((_, k) => working.getCell(ALLOCATION_RATIO_ROW, workingBlockColumn('rank', n) + k).value)).toEqual(codes.map((_, k) => k + 1));
  });

  it('tint the neighbourhoods’ ward columns as the Mapping screen does, and only those', () => {
    const info = packInfo(wb);
    const header = Number(info.get('allocationHeaderRow'));
    const money = Number(info.get('moneyColumn'));
    const allocation = wb.getWorksheet('Allocation')!;
    const first = header + 1;
    for (let j = 0; j < codes.length; j++) {
      const want = j < NEIGHBOURHOOD.length ? TINT : null;
      expect(fillOf(allocation.getCell(header, money + j)), `header ${j}`).toBe(want ?? 'FFDDEBF7');
      expect(fillOf(allocation.getCell(first, money + j)), `amount ${j}`).toBe(want);
    }
  });

  it('recalculate in LibreOffice to the engine’s pence in every ward, ties to the lower ward code', () => {
    const rows = recalculateAll([file]).get(file)!.get('Allocation')!;
    const info = packInfo(wb);
    const header = Number(info.get('allocationHeaderRow'));
    const money = Number(info.get('moneyColumn'));
    const order = info.get('allocationWards')!.split(',');
    const allocation = allocationOf(project);
    let compared = 0;
    for (const l of allLines(project)) {
      const r = rows.findIndex((row, i) => i >= header && row[AC.ref - 1] === l.ref) + 1;
      expect(r, l.ref).toBeGreaterThan(header);
      const result = allocation.result(l.id)!;
      expect(result.ok, l.ref).toBe(true);
      const engine = result.ok ? Array.from(result.amounts) : [];
      const lo = order.map((_, j) => pence(at(rows, r, money + j)));
      expect(lo, l.ref).toEqual(order.map((c) => engine[codes.indexOf(c)]));
      compared += lo.length;
    }
    // The 7 pennies of T-01 went to the 7 lowest ward codes.
    const r = rows.findIndex((row, i) => i >= header && row[AC.ref - 1] === 'T-01') + 1;
    const byCode = new Map(order.map((c, j) => [c, pence(at(rows, r, money + j))]));
    expect(codes.map((c) => byCode.get(c))).toEqual(codes.map((_, k) => (k < 7 ? 1 : 0)));
    expect(compared).toBe(5 * codes.length);
  }, 300_000);
});
