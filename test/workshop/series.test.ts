// The figures each workshop chart and table is fed equal `summary --json` on the same
// project: saved, and with a what-if (which, once applied, is what summary says).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Summary, SummaryDetail } from '../../shared/contract/mapping';
import type { WhatIf } from '../../shared/contract/workshop';
import { formatPounds } from '../../shared/money';
import { createRegistry } from '../../electron/backend/handlers';
import { Session } from '../../electron/backend/session';
import { buildDemo } from '../../electron/backend/project/demo';
import {
  attributionLines,
  compactPounds,
  confidenceSeries,
  confidenceTable,
  influenceSeries,
  partnerSeries,
  partnerTable,
  perHeadSeries,
  rangeSeries,
  rangeTable,
  sortWards,
  themeSeries,
  wardTotals,
  type WorkshopView,
} from '../../renderer/src/screens/workshop/series';

const ROOT = resolve(__dirname, '../..');
let dir: string;
let path: string;
let session: Session;
const registry = createRegistry();

async function call<T>(method: string, input: unknown): Promise<T> {
  const r = await registry.call(method, input, { session, progress: () => {}, signal: new AbortController().signal });
  if (!r.ok) throw new Error(r.error.message);
  return r.data as T;
}

/** `summary <project> --neighbourhood <name> --json`, as a user runs it. */
function cliSummary(name: string): Summary {
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'electron/hosts/cli/main.ts'), 'summary', path, '--neighbourhood', name, '--json'], {
    encoding: 'utf8',
    env: { ...process.env, SPENDMAP_DATA: dir },
    timeout: 120_000,
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as Summary;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** Every series the workshop charts draw, checked against a summary of the same figures. */
function expectSeriesMatch(view: WorkshopView, s: Summary) {
  const d: SummaryDetail = view.detail;
  expect(d.summary).toEqual(s);

  // Spend by partner: one bar per partner, the bars add up to the total, the % to 100.
  const partners = partnerSeries(d);
  expect(partners.totalPence).toBe(s.total_pence);
  expect(sum(partners.rows.map((r) => r.pence))).toBe(s.total_pence);
  expect(new Map(partners.rows.map((r) => [r.partner, r.pence]))).toEqual(new Map(s.by_partner.map((p) => [p.partner, p.total_pence])));
  expect(new Map(partners.rows.map((r) => [r.partner, r.influenceablePence]))).toEqual(new Map(s.by_partner.map((p) => [p.partner, p.influenceable_pence])));
  expect(sum(partners.rows.map((r) => r.pct))).toBeCloseTo(100, 9);
  for (let i = 1; i < partners.rows.length; i++) expect(partners.rows[i - 1]!.pence).toBeGreaterThanOrEqual(partners.rows[i]!.pence);

  // Spend by theme: each theme is at most the total; % of the total.
  const themes = themeSeries(d);
  for (const t of themes.rows) {
    expect(t.pence).toBeLessThanOrEqual(s.total_pence);
    expect(t.pct).toBeCloseTo((100 * t.pence) / s.total_pence, 9);
  }

  // Confidence mix: green, amber, red as summary says, adding up to the total.
  const conf = confidenceSeries(d);
  expect(conf.rows.map((c) => [c.key, c.pence])).toEqual([
    ['green', s.confidence_pence.green],
    ['amber', s.confidence_pence.amber],
    ['red', s.confidence_pence.red],
  ]);
  expect(conf.rows.map((c) => c.letter)).toEqual(['G', 'A', 'R']);
  expect(sum(conf.rows.map((c) => c.pence))).toBe(s.total_pence);
  expect(confidenceTable(d).foot).toEqual(['Total', formatPounds(s.total_pence), '100%']);

  // Influence-able headline.
  const inf = influenceSeries(d);
  expect(inf.influenceablePence).toBe(s.influenceable_pence);
  expect(inf.totalPence).toBe(s.total_pence);
  expect(inf.otherPence + inf.influenceablePence).toBe(s.total_pence);
  expect(inf.headline).toBe(`${compactPounds(s.influenceable_pence)} of ${compactPounds(s.total_pence)}`);

  // Per head beside the borough: all partners first, as summary says.
  const perHead = perHeadSeries(d);
  expect(perHead.rows[0]).toEqual({ label: 'All partners', neighbourhood: s.per_head_gbp, borough: s.borough_per_head_gbp });
  expect(perHead.rows).toHaveLength(s.by_partner.length + 1);

  // Sensitivity: every partner's figure inside its band; the bands add up to summary's range.
  const range = rangeSeries(d);
  expect([range.lowPence, range.pence, range.highPence]).toEqual([s.sensitivity.low_pence, s.total_pence, s.sensitivity.high_pence]);
  for (const r of range.rows) {
    expect(r.lowPence).toBeLessThanOrEqual(r.pence + 1);
    expect(r.highPence).toBeGreaterThanOrEqual(r.pence - 1);
  }
  expect(sum(range.rows.map((r) => r.lowPence))).toBe(s.sensitivity.low_pence);
  expect(sum(range.rows.map((r) => r.highPence))).toBe(s.sensitivity.high_pence);
  expect(rangeTable(d).foot).toEqual(['All partners', formatPounds(s.sensitivity.low_pence), formatPounds(s.total_pence), formatPounds(s.sensitivity.high_pence)]);

  // Ward table: the neighbourhood's wards add up to its total, all wards to the borough's.
  const totals = wardTotals(view);
  expect(view.wards.filter((w) => w.inNeighbourhood).map((w) => w.code).sort()).toEqual([...s.wards].sort());
  expect(totals.neighbourhood.totalPence).toBe(s.total_pence);
  expect(totals.borough.totalPence).toBe(s.borough_total_pence);
  expect(totals.neighbourhood.population).toBe(s.population);
  expect(totals.borough.population).toBe(s.borough_population);
  expect(partnerTable(d).foot).toEqual(['All partners', formatPounds(s.total_pence), '100%', formatPounds(s.influenceable_pence)]);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'spendmap-workshop-'));
  path = join(dir, 'demo.spendmap');
  (await buildDemo(path)).close();
  session = new Session({ host: 'test', dataDir: dir });
  await call('project.open', { path });
});

afterAll(() => {
  session?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('workshop chart series', () => {
  it('equal summary --json on the demo project (Norbiton, as saved)', async () => {
    const view = await call<WorkshopView>('workshop.view', { neighbourhood: 'Norbiton' });
    const s = cliSummary('Norbiton');
    expectSeriesMatch(view, s);
    expect(view.whatIfProblems).toEqual([]);
  });

  it('with a what-if equal summary --json once that what-if is saved, and not before', async () => {
    const saved = await call<WorkshopView>('workshop.view', { neighbourhood: 'Norbiton' });
    const hwy = saved.lines.find((l) => l.ref === 'KC-HWY')!;
    const police = saved.lines.find((l) => l.partnerType === 'police')!.partner;
    const whatIf: WhatIf = { lines: [{ id: hwy.id, basis: 'income_deprived', beta: 1, discretionaryPct: 40 }], partners: [{ partner: police, beta: 1 }] };
    const tried = await call<WorkshopView>('workshop.view', { neighbourhood: 'Norbiton', whatIf });
    expect(tried.whatIfProblems).toEqual([]);
    expect(tried.detail.summary.total_pence).not.toBe(saved.detail.summary.total_pence);
    expect(influenceSeries(tried.detail).influenceablePence).toBeGreaterThan(influenceSeries(saved.detail).influenceablePence);
    // Trying it saved nothing.
    expect(await call<SummaryDetail>('summary.neighbourhood', { name: 'Norbiton' })).toEqual(saved.detail);

    expect(await call<{ saved: number }>('workshop.apply', { whatIf })).toEqual({ saved: expect.any(Number) });
    session.close();
    const s = cliSummary('Norbiton');
    session = new Session({ host: 'test', dataDir: dir });
    await call('project.open', { path });
    expectSeriesMatch(tried, s);
  });

  it('sorts the ward table by any column, missing figures last', async () => {
    const view = await call<WorkshopView>('workshop.view', { neighbourhood: 'Norbiton' });
    const byHead = sortWards(view.wards, 'perHeadGbp', 'desc');
    for (let i = 1; i < byHead.length; i++) expect(byHead[i - 1]!.perHeadGbp!).toBeGreaterThanOrEqual(byHead[i]!.perHeadGbp!);
    const byName = sortWards(view.wards, 'name', 'asc').map((w) => w.name);
    expect(byName).toEqual([...byName].sort((a, b) => (a < b ? -1 : 1)));
    const gap = [{ ...view.wards[0]!, population: null }, ...view.wards.slice(1)];
    expect(sortWards(gap, 'population', 'asc').at(-1)!.code).toBe(view.wards[0]!.code);
    expect(sortWards(gap, 'population', 'desc').at(-1)!.code).toBe(view.wards[0]!.code);
  });

  it('carries the OGL line and each source attribution once', async () => {
    const p = await call<{ sources: { attribution: string; publisher: string; licence: string }[] }>('project.current', {});
    const lines = attributionLines(p.sources);
    expect(lines[0]).toBe('Contains public sector information licensed under the Open Government Licence v3.0.');
    expect(new Set(lines).size).toBe(lines.length);
    for (const s of p.sources) expect(lines).toContain(s.attribution);
    expect(attributionLines([{ attribution: 'mySociety Composite UK IMD, CC BY 4.0.', publisher: 'mySociety', licence: 'CC BY 4.0' }])).toContain('mySociety Composite UK IMD, CC BY 4.0.');
  });
});

describe('compact money for axes and headlines', () => {
  it('reads like "£3.8m of £48m"', () => {
    expect(compactPounds(380_000_000)).toBe('£3.8m');
    expect(compactPounds(6_600_794_866)).toBe('£66.0m');
    expect(compactPounds(48_000_000_000)).toBe('£480m');
    expect(compactPounds(43_268_49)).toBe('£43k');
    expect(compactPounds(8_450_00)).toBe('£8.5k');
    expect(compactPounds(95_000)).toBe('£950');
    expect(compactPounds(0)).toBe('£0');
    expect(compactPounds(250_000_000_000)).toBe('£2.5bn');
  });
});
