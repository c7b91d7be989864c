// `map` as a user runs it: the SVG has one <path id="<ward code>"> per ward of the
// project with a <title> naming the ward and its figure, the legend and the attribution;
// PNGs come from Chromium; bad input is refused with exit 1 or 2 and no file written.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemo } from '../../electron/backend/project/demo';
import { runCli } from '../helpers/cli';
import { parseCsv } from '../helpers/csv';

let dir: string;
let demo: string;
const cli = (...args: string[]) => runCli(args, { env: { SPENDMAP_DATA: dir }, timeoutMs: 120_000 });
const ATTRIBUTION = 'Contains OS data © Crown copyright and database right; Source: Office for National Statistics licensed under the OGL v3.0';

function paths(svg: string): { id: string; title: string; fill: string; stroke: string }[] {
  return [...svg.matchAll(/<path id="([^"]+)" d="[^"]+" fill="([^"]+)" stroke="([^"]+)"[^>]*><title>([^<]+)<\/title><\/path>/g)].map((m) => ({
    id: m[1]!,
    fill: m[2]!,
    stroke: m[3]!,
    title: m[4]!.replace(/&amp;/g, '&'),
  }));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'spendmap-map-cli-'));
  demo = join(dir, 'demo.spendmap');
  (await buildDemo(demo)).close();
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('spendmap map', () => {
  it('writes an SVG with one titled path per ward, the neighbourhood outlined, legend and attribution', async () => {
    const out = join(dir, 'per-head.svg');
    const r = await cli('map', demo, '--measure', 'per_head', '--neighbourhood', 'Norbiton', '--out', out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const svg = readFileSync(out, 'utf8');
    const ps = paths(svg);
    const proxies = parseCsv((await cli('proxies', demo)).stdout).slice(1);
    expect(ps.map((p) => p.id).sort()).toEqual(proxies.map((w) => w[0]).sort());
    expect(svg.match(/<path /g)).toHaveLength(proxies.length);
    for (const p of ps) expect(p.title).toMatch(new RegExp(`^${proxies.find((w) => w[0] === p.id)![1]!.replace(/[()]/g, '\\$&')}: £[\\d,]+\\.\\d\\d per head$`));
    const norbiton = ps.find((p) => p.title.startsWith('Norbiton:'))!;
    expect(norbiton.stroke).toBe('#000000');
    expect(ps.filter((p) => p.stroke === '#000000')).toHaveLength(1);
    expect(svg).toContain('Spend per head by ward, all partners');
    expect(svg).toMatch(/>under £[\d,]+<\/text>/);
    expect(svg).toMatch(/>£[\d,]+ and over<\/text>/);
    expect(svg.replace(/<\/text>\n<text[^>]*>/g, ' ')).toContain(ATTRIBUTION);
    expect(new Set(ps.map((p) => p.fill)).size).toBeGreaterThanOrEqual(3);
  }, 120_000);

  it('a proxy map titles each ward with the proxy value from `proxies`', async () => {
    const out = join(dir, 'imd.svg');
    expect((await cli('map', demo, '--measure', 'proxy:imd_score', '--out', out)).code).toBe(0);
    const rows = parseCsv((await cli('proxies', demo)).stdout);
    const col = rows[0]!.indexOf('imd_score');
    for (const p of paths(readFileSync(out, 'utf8'))) {
      const v = Number(rows.find((r) => r[0] === p.id)![col]);
      expect(p.title.endsWith(`: ${v.toLocaleString('en-GB', { maximumFractionDigits: 2 })}`)).toBe(true);
    }
  }, 120_000);

  it('writes a PNG through Chromium', async () => {
    const out = join(dir, 'split.png');
    const r = await cli('map', demo, '--measure', 'line:KC-EDU', '--out', out);
    expect(r.code).toBe(0);
    const png = readFileSync(out);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.readUInt32BE(16)).toBe(1600); // 800 px at 2×
  }, 120_000);

  it('draws every one of Cornwall’s 2025 wards', async () => {
    const cornwall = join(dir, 'cornwall.spendmap');
    expect((await cli('new', cornwall, '--la', 'E06000052', '--pack', 'wards2025', '--year', '2025-26')).code).toBe(0);
    const out = join(dir, 'cornwall.svg');
    expect((await cli('map', cornwall, '--measure', 'proxy:population', '--out', out)).code).toBe(0);
    const ps = paths(readFileSync(out, 'utf8'));
    expect(ps).toHaveLength(87);
    for (const p of ps) expect(p.title).toMatch(/: [\d,]+$/);
  }, 120_000);

  it('refuses bad input with no file written', async () => {
    const out = join(dir, 'bad.svg');
    const unknown = await cli('map', demo, '--measure', 'proxy:nope', '--out', out);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/There is no proxy "nope" in this project\. It has: population,/);
    const measure = await cli('map', demo, '--measure', 'spend', '--out', out);
    expect(measure.code).toBe(1);
    expect(measure.stderr).toMatch(/"spend" is not a map measure/);
    const kind = await cli('map', demo, '--measure', 'per_head', '--out', join(dir, 'bad.jpg'));
    expect(kind.code).toBe(2);
    expect(kind.stderr).toMatch(/--out must end in \.svg or \.png/);
    expect((await cli('map', demo, '--out', out)).code).toBe(2);
    expect(existsSync(out)).toBe(false);
  }, 120_000);
});
