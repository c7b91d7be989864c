// The demo's council lines are Kingston's real 2023-24 Revenue Outturn (RSX) net
// current expenditure, rebuilt byte for byte by the demo script.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCouncilCsv } from '../../scripts/demo/build';
import { CANONICAL_HEADER } from '../helpers/budget';
import { parseCsv, publishedNumber } from '../helpers/csv';
import { dataDir, dataFile, resourcesDir } from '../helpers/paths';

const COMMITTED = join(resourcesDir, 'demo', 'kingston-council-2023-24.csv');

/** Kingston's RSX 2023-24 row, keyed by the (single-line) header text. */
function kingstonRsx(): Map<string, string> {
  const text = readFileSync(dataFile('finance/RSX_2023-24_data_by_LA.csv'), 'utf8').replace(/^\uFEFF/, '');
  const rows = parseCsv(text);
  // SOURCES.md: the real header is line 11, starting "E-code,ONS Code,Local authority".
  const header = rows.find((r) => r[0] === 'E-code' && r[1] === 'ONS Code');
  const kingston = rows.filter((r) => r[1] === 'E09000021');
  expect(header).toBeDefined();
  expect(kingston).toHaveLength(1);
  expect(kingston[0]![0]).toBe('E5043');
  return new Map(header!.map((h, i) => [h.replace(/\s+/g, ' ').trim(), kingston[0]![i] ?? '']));
}

/** £ thousand of net current expenditure for an RSX service heading. */
function netCurrent(rsx: Map<string, string>, service: string): number {
  const keys = [...rsx.keys()].filter((k) => k.replace(/\s*-\s*/, ' - ').startsWith(`${service} - Net Current Expenditure`));
  expect(keys, `one RSX column for ${service}`).toHaveLength(1);
  return publishedNumber(rsx.get(keys[0]!));
}

// The demo's service names → the RSX headings they come from (read off the RSX header).
const RSX_SERVICE: Record<string, string> = {
  'Education services': 'Education services',
  'Highways and transport services': 'Highways and transport services',
  "Children's social care": 'Children Social Care',
  'Adult social care': 'Adult Social Care',
  'Public health': 'Public Health',
  'Housing services (general fund)': 'Housing services (GFRA only)',
  'Cultural and related services': 'Cultural and related services',
  'Environmental and regulatory services': 'Environmental and regulatory services',
  'Planning and development services': 'Planning and development services',
  'Central services': 'Central services',
};

describe('demo council lines (resources/demo/kingston-council-2023-24.csv)', () => {
  let committedText: string;
  let lines: Record<string, string>[];
  let rsx: Map<string, string>;

  beforeAll(() => {
    committedText = readFileSync(COMMITTED, 'utf8');
    const [header, ...rows] = parseCsv(committedText);
    expect(header).toEqual([...CANONICAL_HEADER]);
    lines = rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
    rsx = kingstonRsx();
  });

  it('is exactly what buildCouncilCsv makes from the official file', () => {
    expect(buildCouncilCsv(dataDir)).toBe(committedText);
  });

  it("has Education at £119,841k, Kingston's documented 2023-24 figure", () => {
    expect(netCurrent(rsx, 'Education services')).toBe(119_841);
    const edu = lines.filter((l) => l.service === 'Education services');
    expect(edu).toHaveLength(1);
    expect(edu[0]!.amount_gbp).toBe('119841000');
  });

  it("has one line per council service, each equal to the service's RSX net current expenditure", () => {
    expect(lines.map((l) => l.service).sort()).toEqual(Object.keys(RSX_SERVICE).sort());
    for (const l of lines) {
      const thousands = netCurrent(rsx, RSX_SERVICE[l.service!]!);
      expect({ service: l.service, pounds: Number(l.amount_gbp) }).toEqual({ service: l.service, pounds: thousands * 1000 });
      expect(l.partner).toBe('Royal Borough of Kingston upon Thames');
      expect(l.partner_type).toBe('council');
      expect(l.year).toBe('2023-24');
    }
  });

  it('adds up to the total service net current expenditure less the services a borough does not run', () => {
    const total = netCurrent(rsx, 'Total Service Expenditure');
    const notCouncil = ['Police services', 'Fire and rescue services', 'Other services'].reduce((s, x) => s + netCurrent(rsx, x), 0);
    const sum = lines.reduce((s, l) => s + Number(l.amount_gbp), 0);
    expect(sum).toBe((total - notCouncil) * 1000);
    expect(total).toBeGreaterThan(0);
  });

  it('has refs that are unique and bases that are standard proxies or even', () => {
    expect(new Set(lines.map((l) => l.ref)).size).toBe(lines.length);
    for (const l of lines) expect(['population', 'children_0_15', 'older_60_plus', 'income_deprived', 'even']).toContain(l.basis);
  });
});
