// Kingston upon Thames on its real 2024 wards, with a few known lines, checked against
// an independent spreadsheet: a workbook whose formulas work out each ward's
// deprivation factor, weight, exact amount and largest-remainder pence from the
// reference pack's ward values, recalculated by LibreOffice headless. The project is
// made and allocated by the real CLI; every ward amount must agree to the penny.
import ExcelJS from 'exceljs';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { recalculate } from '../../scripts/lib/libreoffice';
import { budgetRow, writeBudgetCsv } from '../helpers/budget';
import { runCli } from '../helpers/cli';
import { parseCsv } from '../helpers/csv';
import { apportionExact, byCodePoint, packWards, pence, type PackFile } from '../helpers/exact-method';
import { closeRel, recomputeWards2024 } from '../helpers/official';
import { resourcesDir } from '../helpers/paths';
import { useTmpDirs } from '../helpers/tmp';

const tmp = useTmpDirs('spendmap-kingston-');
const KINGSTON = 'E09000021';
const NORBITON = 'E05013941';

const pack = JSON.parse(readFileSync(join(resourcesDir, 'reference', 'wards2024.json'), 'utf8')) as PackFile;
const WARDS = packWards(pack, KINGSTON);
const N = WARDS.length; // 19
const FIRST = 2;
const LAST = FIRST + N - 1;

interface KLine {
  ref: string;
  gbp: string;
  basis: 'population' | 'income_deprived' | 'children_0_15' | 'even' | 'site';
  beta: string;
}

const LINES: KLine[] = [
  { ref: 'K-POP', gbp: '3141592.65', basis: 'population', beta: '0' },
  { ref: 'K-INC', gbp: '2718281.83', basis: 'income_deprived', beta: '0.5' },
  { ref: 'K-KIDS', gbp: '1414213.56', basis: 'children_0_15', beta: '1' },
  { ref: 'K-EVEN', gbp: '173205.08', basis: 'even', beta: '0.25' },
  // even at β = 0: every fractional part ties, so the tie rule decides.
  { ref: 'K-EVEN0', gbp: '100.07', basis: 'even', beta: '0' },
  { ref: 'K-SITE', gbp: '50000.00', basis: 'site', beta: '0' },
];

/** Columns of the Wards sheet. */
const WARD_COLUMNS = { code: 'A', name: 'B', population: 'C', children_0_15: 'D', income_deprived: 'E', imd_score: 'F', index: 'G' } as const;

/**
 * The workbook a careful analyst would build: Wards (the pack's values and S̄), Lines,
 * one working sheet per line, and Result (pence per ward and line, and Norbiton's total).
 */
async function buildWorkbook(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const wards = wb.addWorksheet('Wards');
  wards.addRow(['ward_code', 'ward_name', 'population', 'children_0_15', 'income_deprived', 'imd_score', 'index', '', 'S_bar']);
  WARDS.forEach((w, i) =>
    wards.addRow([w.code, w.name, w.values.population, w.values.children_0_15, w.values.income_deprived, w.values.imd_score, i + 1]),
  );
  // S̄ = population-weighted mean of S_w.
  wards.getCell('I2').value = { formula: `SUMPRODUCT(C${FIRST}:C${LAST},F${FIRST}:F${LAST})/SUM(C${FIRST}:C${LAST})` };

  const lines = wb.addWorksheet('Lines');
  lines.addRow(['ref', 'amount_pence', 'basis', 'beta', 'site_ward']);
  for (const l of LINES) lines.addRow([l.ref, Number(pence(l.gbp)), l.basis, Number(l.beta), l.basis === 'site' ? NORBITON : '']);

  LINES.forEach((l, k) => {
    const lr = k + 2; // the line's row on Lines
    const ws = wb.addWorksheet(`L_${l.ref.replace(/-/g, '_')}`);
    ws.addRow(['ward_code', 'x', 'f', 'weight', 'exact', 'floor', 'frac', 'rank', 'left', 'pence']);
    for (let r = FIRST; r <= LAST; r++) {
      const row = ws.getRow(r);
      row.getCell(1).value = { formula: `Wards!A${r}` };
      if (l.basis === 'site') {
        row.getCell(10).value = { formula: `IF(A${r}=Lines!$E$${lr},Lines!$B$${lr},0)` };
        continue;
      }
      const x = l.basis === 'even' ? '1' : `Wards!${WARD_COLUMNS[l.basis]}${r}`;
      row.getCell(2).value = { formula: x };
      // f_w = 1 + β·(S_w/S̄ − 1)
      row.getCell(3).value = { formula: `1+Lines!$D$${lr}*(Wards!F${r}/Wards!$I$2-1)` };
      row.getCell(4).value = { formula: `B${r}*C${r}` };
      // exact_w = A · weight_w / Σ weight
      row.getCell(5).value = { formula: `Lines!$B$${lr}*D${r}/SUM($D$${FIRST}:$D$${LAST})` };
      row.getCell(6).value = { formula: `INT(E${r})` };
      row.getCell(7).value = { formula: `E${r}-F${r}` };
      // Wards ahead in the queue for a leftover penny: a larger fractional part, or an
      // equal one and a lower ward code (rows are in code order: Wards!G is the position).
      row.getCell(8).value = {
        formula: `SUMPRODUCT(($G$${FIRST}:$G$${LAST}>G${r})*1)+SUMPRODUCT(($G$${FIRST}:$G$${LAST}=G${r})*(Wards!$G$${FIRST}:$G$${LAST}<Wards!G${r}))`,
      };
      row.getCell(9).value = { formula: `Lines!$B$${lr}-SUM($F$${FIRST}:$F$${LAST})` };
      row.getCell(10).value = { formula: `F${r}+IF(H${r}<I${r},1,0)` };
    }
  });

  const result = wb.addWorksheet('Result');
  result.addRow(['ward_code', ...LINES.map((l) => l.ref), 'all_lines']);
  for (let r = FIRST; r <= LAST; r++) {
    const row = result.getRow(r);
    row.getCell(1).value = { formula: `Wards!A${r}` };
    LINES.forEach((l, k) => (row.getCell(2 + k).value = { formula: `L_${l.ref.replace(/-/g, '_')}!J${r}` }));
    const lastCol = String.fromCharCode(65 + LINES.length); // B..G
    row.getCell(2 + LINES.length).value = { formula: `SUM(B${r}:${lastCol}${r})` };
  }
  const totalRow = result.getRow(LAST + 1);
  totalRow.getCell(1).value = 'line_total';
  LINES.forEach((_, k) => {
    const col = String.fromCharCode(66 + k);
    totalRow.getCell(2 + k).value = { formula: `SUM(${col}${FIRST}:${col}${LAST})` };
  });
  const norbiton = result.getRow(LAST + 2);
  norbiton.getCell(1).value = 'Norbiton';
  const allCol = String.fromCharCode(66 + LINES.length);
  norbiton.getCell(2).value = { formula: `INDEX(${allCol}${FIRST}:${allCol}${LAST},MATCH("${NORBITON}",A${FIRST}:A${LAST},0))` };
  writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));
}

describe('Kingston upon Thames (2024 wards): allocate against a LibreOffice workbook built from the reference pack', () => {
  let allocateOut = '';
  let summary: { total_pence: number; wards: string[] } | null = null;
  let sheet: string[][] = [];

  beforeAll(async () => {
    const dir = tmp();
    const env = { SPENDMAP_DATA: tmp() };
    const cli = (...args: string[]) => runCli(args, { env });
    const path = join(dir, 'kingston.spendmap');
    const xlsx = join(dir, 'kingston-check.xlsx');
    const built = buildWorkbook(xlsx);

    const steps: string[][] = [
      ['new', path, '--la', KINGSTON, '--pack', 'wards2024', '--year', '2023-24'],
      [
        'import-budgets',
        path,
        writeBudgetCsv(
          dir,
          'kingston.csv',
          LINES.map((l) =>
            budgetRow({
              ref: l.ref,
              amount_gbp: l.gbp,
              basis: l.basis,
              deprivation_weight: l.beta,
              site_ward: l.basis === 'site' ? NORBITON : '',
            }),
          ),
        ),
      ],
      ['neighbourhood', path, '--name', 'Norbiton', '--wards', NORBITON],
    ];
    for (const s of steps) {
      const r = await cli(...s);
      expect(r.code, `${s[0]}: ${r.stderr}`).toBe(0);
    }
    const [a, s] = await Promise.all([cli('allocate', path), cli('summary', path, '--neighbourhood', 'Norbiton', '--json')]);
    expect(a.code, a.stderr).toBe(0);
    expect(a.stderr).toBe('');
    expect(s.code, s.stderr).toBe(0);
    allocateOut = a.stdout;
    summary = JSON.parse(s.stdout);

    await built;
    const sheets = recalculate(xlsx).sheets;
    sheet = sheets.get('Result')!;
    expect(sheet, `sheets: ${[...sheets.keys()].join(', ')}`).toBeDefined();
  });

  it('the reference pack holds the values the official files give (read at test time)', () => {
    const official = recomputeWards2024(KINGSTON);
    expect(official.map((w) => w.code)).toEqual(WARDS.map((w) => w.code));
    for (const [i, w] of official.entries())
      for (const p of ['population', 'children_0_15', 'income_deprived', 'imd_score'] as const)
        expect(closeRel(w.values[p]!, WARDS[i]!.values[p]!), `${w.code} ${p}`).toBe(true);
  });

  it('every ward amount of every line equals the spreadsheet\'s, to the penny', () => {
    const [header, ...rows] = parseCsv(allocateOut);
    expect(header).toEqual(['ref', 'ward_code', 'amount_pence']);
    const got = new Map(rows.map((r) => [`${r[0]}|${r[1]}`, Number(r[2])]));
    expect(got.size).toBe(LINES.length * N);

    expect(sheet[0]).toEqual(['ward_code', ...LINES.map((l) => l.ref), 'all_lines']);
    let compared = 0;
    for (let r = 1; r <= N; r++) {
      const row = sheet[r]!;
      expect(row[0]).toBe(WARDS[r - 1]!.code);
      LINES.forEach((l, k) => {
        const lo = row[1 + k]!;
        expect(lo, `${l.ref} ${row[0]}: LibreOffice gave "${lo}"`).toMatch(/^\d+$/);
        expect({ ref: l.ref, ward: row[0], pence: got.get(`${l.ref}|${row[0]}`) }).toEqual({ ref: l.ref, ward: row[0], pence: Number(lo) });
        compared++;
      });
    }
    expect(compared).toBe(LINES.length * N);
    // Each line's column adds up to its amount in the spreadsheet too.
    LINES.forEach((l, k) => expect(Number(sheet[N + 1]![1 + k]), l.ref).toBe(Number(pence(l.gbp))));
  });

  it('the spreadsheet and the exact BigInt working agree (so either would catch a penny)', () => {
    const exactWards = WARDS.map((w) => ({ code: w.code, population: w.values.population!, imdScore: w.values.imd_score! }));
    for (const [k, l] of LINES.entries()) {
      if (l.basis === 'site') continue;
      const x = WARDS.map((w) => (l.basis === 'even' ? 1 : w.values[l.basis]!));
      const exact = apportionExact(exactWards, pence(l.gbp), x, l.beta)!;
      expect(exact.map(Number), l.ref).toEqual(sheet.slice(1, N + 1).map((row) => Number(row[1 + k])));
    }
    // The tie rule is exercised: 10007 = 19 × 526 + 13 pennies, to the 13 lowest ward codes.
    const even0 = LINES.findIndex((l) => l.ref === 'K-EVEN0');
    expect(sheet.slice(1, N + 1).map((row) => Number(row[1 + even0]))).toEqual(WARDS.map((_, i) => (i < 13 ? 527 : 526)));
    expect([...WARDS.map((w) => w.code)].sort(byCodePoint)).toEqual(WARDS.map((w) => w.code));
  });

  it('the Norbiton summary total equals the Norbiton row of the spreadsheet', () => {
    expect(summary!.wards).toEqual([NORBITON]);
    const fromSheet = Number(sheet[N + 2]![1]);
    expect(sheet[N + 2]![0]).toBe('Norbiton');
    expect(fromSheet).toBeGreaterThan(Number(pence('50000')));
    expect(summary!.total_pence).toBe(fromSheet);
  });
});
