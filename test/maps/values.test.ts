// The figures behind every ward map equal the rest of the app's for the same measure:
// per head and influence-able as a one-ward neighbourhood's `summary --json`, a line's
// split as `allocate`, a proxy as `proxies`, a partner's as summary's by_partner, a
// what-if as workshop.view's — on the real demo project (Kingston, 2024 wards).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WardMap } from '../../shared/contract/maps';
import type { Summary, SummaryDetail } from '../../shared/contract/mapping';
import type { WhatIf } from '../../shared/contract/workshop';
import { perHead } from '../../shared/engine';
import { ratioFromNumber } from '../../shared/decimal';
import { createRegistry } from '../../electron/backend/handlers';
import { Session } from '../../electron/backend/session';
import { buildDemo } from '../../electron/backend/project/demo';
import { parseCsv } from '../helpers/csv';

const ROOT = resolve(__dirname, '../..');
const registry = createRegistry();
let dir: string;
let path: string;
let session: Session;

async function call<T>(method: string, input: unknown): Promise<T> {
  const r = await registry.call(method, input, { session, progress: () => {}, signal: new AbortController().signal });
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.data as T;
}

async function refused(method: string, input: unknown): Promise<{ code: string; message: string }> {
  const r = await registry.call(method, input, { session, progress: () => {}, signal: new AbortController().signal });
  if (r.ok) throw new Error(`${method} was not refused`);
  return r.error;
}

/** The CLI as a user runs it, on the same file. */
function cli(...args: string[]): string {
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'electron/hosts/cli/main.ts'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, SPENDMAP_DATA: dir },
    timeout: 120_000,
  });
  expect(r.stderr.replace(/^not allocated: .*\n/gm, '')).toBe('');
  expect(r.status).toBe(0);
  return r.stdout;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'spendmap-maps-'));
  path = join(dir, 'demo.spendmap');
  (await buildDemo(path)).close();
  session = new Session({ host: 'test', dataDir: dir });
  await call('project.open', { path });
  // One neighbourhood per ward: summary's own figures for each ward.
  const wards = await call<{ code: string }[]>('wards.list', {});
  for (const w of wards) await call('neighbourhoods.save', { name: `ward ${w.code}`, wards: [w.code] });
}, 120_000);

afterAll(() => {
  session?.close();
  rmSync(dir, { recursive: true, force: true });
});

const map = (input: object) => call<WardMap>('maps.wards', input);

describe('maps.wards values', () => {
  it('per_head and influenceable_per_head equal each ward’s summary, all partners and one partner', async () => {
    const perHeadMap = await map({ measure: 'per_head' });
    const influence = await map({ measure: 'influenceable_per_head', withShapes: false });
    const partners = await call<{ name: string }[]>('partners.list', {});
    const partner = partners.find((p) => p.name.includes('ICB'))!.name;
    const onePartner = await map({ measure: 'per_head', partner, withShapes: false });
    const onePartnerInfluence = await map({ measure: 'influenceable_per_head', partner, withShapes: false });
    expect(perHeadMap.wards).toHaveLength(19);
    for (const [i, w] of perHeadMap.wards.entries()) {
      const s = (await call<SummaryDetail>('summary.neighbourhood', { name: `ward ${w.code}` })).summary;
      expect(w.pence).toBe(s.total_pence);
      expect(w.value).toBe(s.per_head_gbp);
      expect(w.population).toBe(s.population);
      expect(influence.wards[i]!.pence).toBe(s.influenceable_pence);
      expect(influence.wards[i]!.value).toBe(perHead(s.influenceable_pence, ratioFromNumber(s.population!)));
      const p = s.by_partner.find((x) => x.partner === partner)!;
      expect(onePartner.wards[i]!.pence).toBe(p.total_pence);
      expect(onePartnerInfluence.wards[i]!.pence).toBe(p.influenceable_pence);
    }
    // Per head varies by ward, so the map has classes.
    expect(perHeadMap.breaks.length).toBeGreaterThanOrEqual(2);
    expect(new Set(perHeadMap.wards.map((w) => w.class)).size).toBe(perHeadMap.breaks.length + 1);
  });

  it('Norbiton’s per head equals `summary --json` from the CLI', async () => {
    const s = JSON.parse(cli('summary', path, '--neighbourhood', 'Norbiton', '--json')) as Summary;
    const m = await map({ measure: 'per_head', neighbourhood: 'Norbiton', withShapes: false });
    const norbiton = m.wards.find((w) => w.name === 'Norbiton')!;
    expect(s.wards).toEqual([norbiton.code]);
    expect(norbiton.inNeighbourhood).toBe(true);
    expect(m.wards.filter((w) => w.inNeighbourhood)).toHaveLength(1);
    expect(norbiton.value).toBe(s.per_head_gbp);
    expect(norbiton.pence).toBe(s.total_pence);
  }, 120_000);

  it('line:<ref> equals `allocate` and proxy:<name> equals `proxies`, from the CLI', async () => {
    const allocate = parseCsv(cli('allocate', path));
    const proxies = parseCsv(cli('proxies', path));
    for (const ref of ['KC-EDU', 'KC-HWY']) {
      const m = await map({ measure: `line:${ref}`, withShapes: false });
      expect(m.unit).toBe('pence');
      for (const w of m.wards) {
        const row = allocate.find((r) => r[0] === ref && r[1] === w.code)!;
        expect(w.value).toBe(Number(row[2]));
      }
      expect(m.wards.reduce((a, w) => a + w.value!, 0)).toBe(allocate.filter((r) => r[0] === ref).reduce((a, r) => a + Number(r[2]), 0));
    }
    const header = proxies[0]!;
    for (const name of ['imd_score', 'population', 'children_0_15']) {
      const m = await map({ measure: `proxy:${name}`, withShapes: false });
      const col = header.indexOf(name);
      for (const w of m.wards) expect(w.value).toBe(Number(proxies.find((r) => r[0] === w.code)![col]));
    }
  }, 120_000);

  it('a theme sums the lines with that theme, from the allocation by line', async () => {
    const a = await call<{ wards: string[]; lines: { ref: string; amounts: number[] }[] }>('mapping.allocate', {});
    const page = await call<{ rows: { ref: string; themes: string[] }[] }>('budgets.page', { offset: 0, limit: 5000 });
    const refs = new Set(page.rows.filter((r) => r.themes.includes('Education')).map((r) => r.ref));
    expect(refs.size).toBeGreaterThan(0);
    const m = await map({ measure: 'per_head', theme: 'Education', withShapes: false });
    for (const w of m.wards) {
      const i = a.wards.indexOf(w.code);
      expect(w.pence).toBe(a.lines.filter((l) => refs.has(l.ref)).reduce((s, l) => s + l.amounts[i]!, 0));
    }
    expect(m.title).toBe('Spend per head by ward, theme Education');
  });

  it('with a what-if equals workshop.view’s ward figures, and saves nothing', async () => {
    const view = await call<{ lines: { id: number; ref: string }[]; wards: { code: string; totalPence: number; perHeadGbp: number | null }[] }>('workshop.view', { neighbourhood: 'Norbiton' });
    const hwy = view.lines.find((l) => l.ref === 'KC-HWY')!;
    const whatIf: WhatIf = { lines: [{ id: hwy.id, basis: 'income_deprived', beta: 1 }], partners: [] };
    const tried = await call<typeof view>('workshop.view', { neighbourhood: 'Norbiton', whatIf, withLines: false });
    const before = await map({ measure: 'per_head', withShapes: false });
    const after = await map({ measure: 'per_head', whatIf, withShapes: false });
    expect(after.wards.map((w) => [w.code, w.pence, w.value])).toEqual(tried.wards.map((w) => [w.code, w.totalPence, w.perHeadGbp]));
    expect(after.wards.map((w) => w.pence)).not.toEqual(before.wards.map((w) => w.pence));
    expect((await map({ measure: 'per_head', withShapes: false })).wards).toEqual(before.wards);
  });

  it('sends the project’s ward shapes (one feature per ward, by code) with the attribution', async () => {
    const m = await map({ measure: 'proxy:imd_score' });
    const shapes = m.shapes as { features: { id: string; properties: { name: string }; geometry: { type: string } }[] };
    expect(shapes.features.map((f) => f.id)).toEqual(m.wards.map((w) => w.code));
    expect(shapes.features.map((f) => f.properties.name)).toEqual(m.wards.map((w) => w.name));
    expect(m.attribution).toBe('Contains OS data © Crown copyright and database right; Source: Office for National Statistics licensed under the OGL v3.0');
    expect((await map({ measure: 'proxy:imd_score', withShapes: false })).shapes).toBeNull();
  });

  it('refuses unknown measures, proxies, lines, partners and misplaced filters with a clear message', async () => {
    expect((await refused('maps.wards', { measure: 'spend' })).message).toMatch(/"spend" is not a map measure\. Use per_head, influenceable_per_head, proxy:<name> or line:<ref>/);
    expect((await refused('maps.wards', { measure: 'proxy:nope' })).message).toMatch(/no proxy "nope".*imd_score/);
    expect((await refused('maps.wards', { measure: 'line:NOPE-1' })).message).toMatch(/no line "NOPE-1"/);
    expect((await refused('maps.wards', { measure: 'per_head', partner: 'Nobody' })).message).toMatch(/no partner "Nobody".*Kingston/);
    expect((await refused('maps.wards', { measure: 'proxy:imd_score', partner: 'Nobody' })).message).toMatch(/per_head and influenceable_per_head maps only/);
    expect((await refused('maps.wards', { measure: 'per_head', neighbourhood: 'Atlantis' })).code).toBe('NOT_FOUND');
  });
});
