// The recalculation proof: every pack of two real projects (the Kingston demo, and
// Tower Hamlets on 2019 wards with lines of every basis) is recalculated by LibreOffice
// from its formulas alone, and every money figure of the Allocation and Neighbourhood
// sheets is compared with the engine: 0 pence difference. The working (weights, Σ weight, leftover
// pence) is compared with the cached values the pack was written with.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type ExcelJS from 'exceljs';
import { exportPacks } from '../../electron/backend/packs/export';
import { AC, ALLOCATION_COLUMNS, WC, workingBlockColumn } from '../../electron/backend/packs/layout';
import type { Project } from '../../electron/backend/project/project';
import { allocationOf } from '../../electron/backend/mapping/allocation';
import { allLines } from '../../electron/backend/budgets/lines';
import { neighbourhoodDetail } from '../../electron/backend/mapping/service';
import { listNeighbourhoods } from '../../electron/backend/neighbourhoods/service';
import type { SummaryDetail } from '../../shared/contract/mapping';
import { removeDir } from '../helpers/tmp';
import { at, cached, demoProject, isFormula, packInfo, pence, readWorkbook, recalculateAll, tmpDir, towerHamletsProject } from './fixtures';

interface TruthLine {
  ref: string;
  partner: string;
  basis: string;
  confidence: string;
  amounts: number[] | null;
  reason: string | null;
  directDifference: number;
  /** Neighbourhood name → pence, low, high. */
  nb: Map<string, { pence: number; low: number; high: number }>;
}

interface Truth {
  lines: Map<string, TruthLine>;
  details: Map<string, SummaryDetail>;
  wards: string[];
}

/** What the engine says, straight from its API. */
function truthOf(project: Project): Truth {
  const allocation = allocationOf(project);
  const nbs = listNeighbourhoods(project);
  const trackers = nbs.map((n) => [n.name, allocation.neighbourhood(n.wards)] as const);
  const lines = new Map<string, TruthLine>();
  for (const l of allLines(project)) {
    const r = allocation.result(l.id)!;
    lines.set(l.ref, {
      ref: l.ref,
      partner: l.partner,
      basis: l.basis,
      confidence: l.confidence,
      amounts: r.ok ? Array.from(r.amounts) : null,
      reason: r.ok ? null : r.reason,
      directDifference: r.ok ? (r.directDifference ?? 0) : 0,
      nb: new Map(
        trackers.flatMap(([name, t]) => {
          const f = t.lineFigures(l.id);
          return f ? [[name, { pence: f.pence, low: f.low, high: f.high }] as const] : [];
        }),
      ),
    });
  }
  return { lines, details: new Map(nbs.map((n) => [n.name, neighbourhoodDetail(project, n.name)])), wards: project.wards().map((w) => w.code) };
}

interface Case {
  name: string;
  dir: string;
  project: Project;
  truth: Truth;
  files: string[];
}

const cases: Case[] = [];
let recalculated: Map<string, Map<string, string[][]>>;
const books = new Map<string, ExcelJS.Workbook>();
const compared = { money: 0, working: 0, other: 0 };

beforeAll(async () => {
  for (const [name, build] of [
    ['demo (Kingston upon Thames, 2024 wards)', demoProject],
    ['Tower Hamlets (2019 wards)', towerHamletsProject],
  ] as const) {
    const dir = tmpDir('spendmap-recalc-');
    const project = await build(dir);
    const { files } = await exportPacks(project, `${dir}/packs`);
    cases.push({ name, dir, project, truth: truthOf(project), files: files.map((f) => f.path) });
  }
  const all = cases.flatMap((c) => c.files);
  recalculated = recalculateAll(all);
  for (const f of all) books.set(f, await readWorkbook(f));
}, 300_000);

afterAll(() => {
  for (const c of cases) {
    c.project.close();
    removeDir(c.dir);
  }
  console.log(`recalculation proof: ${compared.money} money figures equal to the engine's, ${compared.working} working cells checked, ${compared.other} other values`);
});

/** LibreOffice prints a percentage cell as "12.5%". */
const numberOf = (text: string): number => (text.endsWith('%') ? Number(text.slice(0, -1)) / 100 : Number(text));

function checkAllocation(c: Case, file: string): string[] {
  const wb = books.get(file)!;
  const info = packInfo(wb);
  const ws = wb.getWorksheet('Allocation')!;
  const rows = recalculated.get(file)!.get('Allocation')!;
  const header = Number(info.get('allocationHeaderRow'));
  const money = Number(info.get('moneyColumn'));
  const n = c.truth.wards.length;
  const nbNames = JSON.parse(info.get('neighbourhoods')!) as string[];
  const kind = info.get('kind');
  // The wards with a column on Allocation: all of them in a partner pack, the
  // neighbourhood's own in a neighbourhood pack; index into the engine's wards.
  const shown = info.get('allocationWards')!.split(',').map((code) => c.truth.wards.indexOf(code));
  const problems: string[] = [];
  const expectEq = (what: string, got: unknown, want: unknown) => {
    if (got !== want) problems.push(`${what}: got ${String(got)}, want ${String(want)}`);
  };
  if (kind === 'partner') expectEq('partner pack wards', shown.length, n);
  else expectEq('neighbourhood pack wards', info.get('allocationWards'), c.project.wards().map((w) => w.code).filter((w) => listNeighbourhoods(c.project).find((x) => x.name === nbNames[0])!.wards.includes(w)).join(','));
  let lineRows = 0;
  for (let r = header + 1; r <= ws.rowCount; r++) {
    const ref = at(rows, r, AC.ref);
    if (!ref) continue;
    lineRows++;
    const t = c.truth.lines.get(ref);
    if (!t) {
      problems.push(`row ${r}: unknown ref ${ref}`);
      continue;
    }
    const where = (col: number) => `${ref} ${ws.getCell(r, col).address}`;
    expectEq(where(AC.allocated), at(rows, r, AC.allocated), t.amounts ? '1' : '0');
    for (const [j, k] of shown.entries()) {
      const text = at(rows, r, money + j);
      if (t.amounts) {
        // A direct line's ward without a figure is a blank cell: 0 in every sum.
        expectEq(where(money + j), t.basis === 'direct' && text === '' ? 0 : pence(text), t.amounts[k]);
        compared.money++;
      } else if (text !== '') problems.push(`${where(money + j)}: an unallocated line shows "${text}"`);
    }
    nbNames.forEach((name, j) => {
      const col = ALLOCATION_COLUMNS.length + 1 + j;
      const text = at(rows, r, col);
      const want = t.nb.get(name)?.pence ?? 0;
      if (t.amounts || t.basis === 'direct') {
        expectEq(where(col), pence(text), want);
        compared.money++;
      } else expectEq(where(col), text, '');
    });
    if (kind === 'neighbourhood' && t.amounts) {
      const f = t.nb.get(nbNames[0]!)!;
      expectEq(where(ALLOCATION_COLUMNS.length + 2), pence(at(rows, r, ALLOCATION_COLUMNS.length + 2)), f.low);
      expectEq(where(ALLOCATION_COLUMNS.length + 3), pence(at(rows, r, ALLOCATION_COLUMNS.length + 3)), f.high);
      compared.money += 2;
    }
    if (t.amounts) {
      expectEq(where(AC.difference), pence(at(rows, r, AC.difference)), t.directDifference);
      compared.other++;
    } else if (!at(rows, r, AC.note).includes(t.reason!)) problems.push(`${where(AC.note)}: the reason "${t.reason}" is not shown`);
    // The working (Working sheet, same row): LibreOffice's own doubles against the cached
    // values; whole pence, ranks and extra pennies exactly.
    if (t.amounts && t.basis !== 'direct' && kind === 'partner') {
      const work = wb.getWorksheet('Working')!;
      const workRows = recalculated.get(file)!.get('Working')!;
      const wat = (col: number) => `${ref} Working!${work.getCell(r, col).address}`;
      expectEq(wat(WC.ref), at(workRows, r, WC.ref), ref);
      expectEq(wat(WC.leftover), Number(at(workRows, r, WC.leftover)), cached(work.getCell(r, WC.leftover)));
      const sw = Number(at(workRows, r, WC.sumWeight));
      const swCached = cached(work.getCell(r, WC.sumWeight)) as number;
      if (Math.abs(sw - swCached) > 1e-12 * Math.abs(swCached)) problems.push(`${wat(WC.sumWeight)}: Σ weight ${sw} vs cached ${swCached}`);
      // Working's ward columns are in code order (the order ties go in).
      for (const k of shown) {
        for (const block of ['whole', 'rank'] as const) {
          const c = workingBlockColumn(block, n) + k;
          expectEq(wat(c), Number(at(workRows, r, c)), cached(work.getCell(r, c)));
        }
        const whole = Number(at(workRows, r, workingBlockColumn('whole', n) + k));
        const extra = Number(at(workRows, r, workingBlockColumn('rank', n) + k)) <= Number(at(workRows, r, WC.leftover)) ? 1 : 0;
        expectEq(`${wat(workingBlockColumn('whole', n) + k)} + extra penny`, whole + extra, t.amounts[k]);
        compared.working += 4;
      }
    }
    // Cached money equals LibreOffice's (and so the engine's).
    for (const [j, k] of shown.entries()) {
      if (!t.amounts) break;
      const cell = ws.getCell(r, money + j);
      const v = isFormula(cell) ? cached(cell) : (cell.value ?? 0);
      expectEq(`${where(money + j)} cached`, Math.round((v as number) * 100), t.amounts[k] ?? 0);
    }
  }
  expectEq('lines in the pack', lineRows, Number(info.get('lines')));
  return problems;
}

function checkPartnerNeighbourhoods(c: Case, file: string): string[] {
  const wb = books.get(file)!;
  const info = packInfo(wb);
  const partner = info.get('subject')!;
  const rows = recalculated.get(file)!.get('Neighbourhood')!;
  const problems: string[] = [];
  const names = JSON.parse(info.get('neighbourhoods')!) as string[];
  const lines = [...c.truth.lines.values()].filter((l) => l.partner === partner);
  names.forEach((name, j) => {
    const r = 5 + j;
    const d = c.truth.details.get(name)!;
    const p = d.partners.find((x) => x.partner === partner);
    const mix = { green: 0, amber: 0, red: 0 } as Record<string, number>;
    for (const l of lines) mix[l.confidence]! += l.nb.get(name)?.pence ?? 0;
    const want: [number, string, number | string][] = [
      [3, 'population', d.summary.population ?? ''],
      [4, 'total', p?.totalPence ?? 0],
      [5, 'borough total', p?.boroughPence ?? 0],
      [6, 'per head', p ? (p.perHeadGbp === null ? '' : Math.round(p.perHeadGbp * 100)) : 0],
      [7, 'borough per head', p ? (p.boroughPerHeadGbp === null ? '' : Math.round(p.boroughPerHeadGbp * 100)) : 0],
      [8, 'influence-able', p?.influenceablePence ?? 0],
      [10, 'green', mix.green!],
      [11, 'amber', mix.amber!],
      [12, 'red', mix.red!],
      [13, 'not allocated', lines.filter((l) => !l.amounts).length],
    ];
    if (at(rows, r, 1) !== name) problems.push(`row ${r}: neighbourhood ${at(rows, r, 1)} is not ${name}`);
    for (const [col, what, v] of want) {
      const text = at(rows, r, col);
      const got = v === '' ? text : col === 3 || col === 13 ? Number(text) : pence(text);
      if (got !== v) problems.push(`${partner} / ${name} ${what}: got ${text}, want ${v}`);
      compared[col === 3 || col === 13 ? 'other' : 'money']++;
    }
    const pct = at(rows, r, 9);
    const wantPct = p && p.totalPence > 0 ? p.influenceablePence / p.totalPence : null;
    if (wantPct === null ? pct !== '' : Math.abs(numberOf(pct) - wantPct) > 1e-12) problems.push(`${name} influence-able %: ${pct}`);
  });
  return problems;
}

function checkNeighbourhoodPack(c: Case, file: string): string[] {
  const wb = books.get(file)!;
  const info = packInfo(wb);
  const name = info.get('subject')!;
  const rows = recalculated.get(file)!.get('Neighbourhood')!;
  const d = c.truth.details.get(name)!;
  const s = d.summary;
  const problems: string[] = [];
  const byLabel = new Map<string, string>();
  for (let r = 5; r <= 30 && at(rows, r, 1) !== 'By partner'; r++) if (at(rows, r, 1)) byLabel.set(at(rows, r, 1), at(rows, r, 2));
  const money = (label: string, want: number) => {
    const got = pence(byLabel.get(label) ?? '');
    if (got !== want) problems.push(`${name} ${label}: got ${got}, want ${want}`);
    compared.money++;
  };
  const exactly = (label: string, want: number | null) => {
    const text = byLabel.get(label) ?? '';
    if (want === null ? text !== '' && !text.startsWith('#') : Number(text) !== want) problems.push(`${name} ${label}: got ${text}, want ${want}`);
    compared.other++;
  };
  exactly('Population', s.population);
  exactly('Borough population', s.borough_population);
  money('Total (£)', s.total_pence);
  money('Borough total of allocated lines (£)', s.borough_total_pence);
  money('Per head (£)', Math.round(s.per_head_gbp! * 100));
  money('Borough per head (£)', Math.round(s.borough_per_head_gbp! * 100));
  money('Influence-able (£)', s.influenceable_pence);
  money('Green (G) (£)', s.confidence_pence.green);
  money('Amber (A) (£)', s.confidence_pence.amber);
  money('Red (R) (£)', s.confidence_pence.red);
  money('Sensitivity low (£)', s.sensitivity.low_pence);
  money('Sensitivity high (£)', s.sensitivity.high_pence);
  exactly('Lines not allocated', s.unallocated.length);
  const pct = numberOf(byLabel.get('Influence-able (% of total)') ?? '');
  if (Math.abs(pct - s.influenceable_pence / s.total_pence) > 1e-12) problems.push(`influence-able %: ${pct}`);

  let r = rows.findIndex((row) => row[0] === 'Partner') + 2;
  for (const p of d.partners) {
    if (at(rows, r, 1) !== p.partner) problems.push(`by partner row ${r}: ${at(rows, r, 1)} is not ${p.partner}`);
    const want = [p.totalPence, p.boroughPence, p.influenceablePence, Math.round(p.perHeadGbp! * 100), Math.round(p.boroughPerHeadGbp! * 100), p.lowPence, p.highPence];
    want.forEach((v, i) => {
      const got = pence(at(rows, r, 3 + i));
      if (got !== v) problems.push(`${name} / ${p.partner} column ${3 + i}: got ${got}, want ${v}`);
      compared.money++;
    });
    r++;
  }
  r = rows.findIndex((row) => row[0] === 'Theme') + 2;
  for (const t of d.byTheme) {
    if (at(rows, r, 1) !== t.theme) problems.push(`by theme row ${r}: ${at(rows, r, 1)} is not ${t.theme}`);
    const got = pence(at(rows, r, 2));
    if (got !== t.totalPence) problems.push(`${name} theme ${t.theme}: got ${got}, want ${t.totalPence}`);
    compared.money++;
    r++;
  }
  return problems;
}

describe.each([0, 1])('LibreOffice recalculation of every pack, project %i', (i) => {
  it('exports one pack per partner and one per neighbourhood', () => {
    const c = cases[i]!;
    const partners = new Set([...c.truth.lines.values()].map((l) => l.partner));
    expect(c.files.length).toBe(partners.size + c.truth.details.size);
  });

  it('gives the engine’s pence in every Allocation cell: 0 pence difference', () => {
    const c = cases[i]!;
    const problems = c.files.flatMap((f) => checkAllocation(c, f).map((p) => `${f.split('/').pop()}: ${p}`));
    expect(problems).toEqual([]);
  });

  it('gives the engine’s neighbourhood figures on every Neighbourhood sheet: 0 pence difference', () => {
    const c = cases[i]!;
    const problems = c.files.flatMap((f) =>
      (packInfo(books.get(f)!).get('kind') === 'partner' ? checkPartnerNeighbourhoods(c, f) : checkNeighbourhoodPack(c, f)).map((p) => `${f.split('/').pop()}: ${p}`),
    );
    expect(problems).toEqual([]);
  });

  it('caches in each formula the value LibreOffice computes', () => {
    const c = cases[i]!;
    const problems: string[] = [];
    const n = c.truth.wards.length;
    for (const f of c.files) {
      const wb = books.get(f)!;
      for (const sheet of ['Lines', 'Proxies', 'Allocation', 'Working', 'Neighbourhood']) {
        const rows = recalculated.get(f)!.get(sheet)!;
        if (!wb.getWorksheet(sheet)) continue; // Working: partner packs only
        wb.getWorksheet(sheet)!.eachRow((row, r) =>
          row.eachCell((cell, col) => {
            if (!isFormula(cell)) return;
            // Working's exact shares and remainders are written without a cached result
            // (LibreOffice's own values for them are checked through the ranks and pence).
            const inBlock = (b: 'exact' | 'remainder') => col >= workingBlockColumn(b, n) && col < workingBlockColumn(b, n) + n;
            if (sheet === 'Working' && (inBlock('exact') || inBlock('remainder'))) return;
            const want = cached(cell);
            const text = at(rows, r, col);
            const tolerance = Math.max(1e-9, 1e-12 * Math.abs(Number(want)));
            const ok =
              typeof want === 'number'
                ? Math.abs(numberOf(text) - want) <= tolerance
                : want && typeof want === 'object'
                  ? text.startsWith('#')
                  : String(want ?? '') === text;
            if (!ok) problems.push(`${f.split('/').pop()} ${sheet}!${cell.address}: cached ${JSON.stringify(want)}, LibreOffice ${text}`);
          }),
        );
      }
    }
    expect(problems.slice(0, 20)).toEqual([]);
  });
});
