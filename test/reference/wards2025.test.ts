// The wards2025 pack and the Census 2021 / schools proxies of the LSOA 2021 packs,
// checked against sums computed here from the raw official CSVs with the tests'
// own reader (no code shared with scripts/reference).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCsvObjects, publishedNumber } from '../helpers/csv';
import { lookupWards } from '../helpers/official';
import { dataFile, resourcesDir } from '../helpers/paths';

const KINGSTON = 'E09000021';
const CENSUS = ['households', 'disabled_residents', 'deprived_households', 'social_rented_households', 'overcrowded_households', 'school_pupils'] as const;

interface PackFile {
  proxies: Record<string, { label: string; source: string; year: string }>;
  authorities: [string, string][];
  wards: [string, string, number, ...(number | null)[]][];
}
type Ward = { code: string; name: string; lad: string; values: Record<string, number | null> };

function load(id: string): Ward[] {
  const pack = JSON.parse(readFileSync(join(resourcesDir, 'reference', `${id}.json`), 'utf8')) as PackFile;
  const names = Object.keys(pack.proxies);
  return pack.wards.map((w) => ({
    code: w[0],
    name: w[1],
    lad: pack.authorities[w[2]]![0],
    values: Object.fromEntries(names.map((p, i) => [p, (w[3 + i] as number | null | undefined) ?? null])),
  }));
}

/** Per LSOA 2021, each Census proxy as the columns SOURCES.md §8b names, summed in plain numbers. */
function rawCensusByLsoa(wanted: Set<string>): Map<string, Record<string, number>> {
  const out = new Map<string, Record<string, number>>();
  const row = (l: string) => out.get(l) ?? (out.set(l, {}), out.get(l)!);
  const n = (r: Record<string, string>, c: string) => {
    if (!(c in r)) throw new Error(`no column ${c}`);
    return publishedNumber(r[c]);
  };
  for (const r of readCsvObjects(dataFile('census2021/Census2021_TS054_tenure_LSOA21_EW.csv.gz')).records) {
    if (!wanted.has(r.lsoa21_code!)) continue;
    row(r.lsoa21_code!).households = n(r, 'total_households');
    row(r.lsoa21_code!).social_rented_households =
      n(r, 'Social rented: Rents from council or Local Authority') + n(r, 'Social rented: Other social rented');
  }
  for (const r of readCsvObjects(dataFile('census2021/Census2021_TS038_disability_LSOA21_EW.csv.gz')).records)
    if (wanted.has(r.lsoa21_code!)) row(r.lsoa21_code!).disabled_residents = n(r, 'Disabled under the Equality Act');
  for (const r of readCsvObjects(dataFile('census2021/Census2021_TS011_household_deprivation_LSOA21_EW.csv.gz')).records)
    if (wanted.has(r.lsoa21_code!))
      // deprived in one or more dimensions = all households minus the not deprived
      row(r.lsoa21_code!).deprived_households = n(r, 'total_households') - n(r, 'Household is not deprived in any dimension');
  for (const r of readCsvObjects(dataFile('census2021/Census2021_TS052_occupancy_rating_bedrooms_LSOA21_EW.csv.gz')).records)
    if (wanted.has(r.lsoa21_code!))
      row(r.lsoa21_code!).overcrowded_households = n(r, '-1 (overcrowded)') + n(r, '-2 or less (overcrowded)');
  for (const r of readCsvObjects(dataFile('census2021/DfE_GIAS_open_schools_2025-05-24.csv.gz')).records) {
    if (!wanted.has(r.lsoa_code!) || r.number_of_pupils === '') continue;
    const x = row(r.lsoa_code!);
    x.school_pupils = (x.school_pupils ?? 0) + n(r, 'number_of_pupils');
  }
  return out;
}

describe('wards2025 pack', () => {
  let w25: Ward[];
  let w24: Ward[];
  beforeAll(() => {
    w25 = load('wards2025');
    w24 = load('wards2024');
  });

  it('Kingston upon Thames has 19 wards, as the WD25 lookup gives them, with population 172,692', () => {
    const k = w25.filter((w) => w.lad === KINGSTON);
    expect(k).toHaveLength(19);
    expect(k.map((w) => [w.code, w.name])).toEqual(lookupWards('wards2025', KINGSTON).map((w) => [w.code, w.name]));
    expect(k.reduce((s, w) => s + w.values.population!, 0)).toBe(172_692);
    expect(k.find((w) => w.code === 'E05013941')?.values.population).toBe(11_794); // Norbiton, SOURCES.md §4a
  });

  it('a ward with no ages in wards2024 (Penistone East, re-drawn in 2025) has them in wards2025, from the raw mid-2024 row', () => {
    const old = w24.find((w) => w.code === 'E05000989')!;
    expect(old.name).toBe('Penistone East');
    expect(old.values.children_0_15).toBeNull();
    const now = w25.find((w) => w.code === 'E05016245')!;
    expect(now.name).toBe('Penistone East');
    const raw = readCsvObjects(dataFile('population/ward_mid2024_persons_syoa_EW_wards2025.csv.gz')).records.find((r) => r.ward === 'E05016245')!;
    const age = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => publishedNumber(raw[String(from + i)])).reduce((s, x) => s + x, 0);
    expect(now.values).toMatchObject({
      population: age(0, 90),
      children_0_15: age(0, 15),
      adults_16_59: age(16, 59),
      older_60_plus: age(60, 90),
      working_age: age(16, 64),
    });
  });

  it('every ward has age bands, except Walbrook (City of London), which the mid-2024 estimates leave without a row', () => {
    const withoutAges = w25.filter((w) => w.values.children_0_15 === null).map((w) => w.code);
    expect(withoutAges).toEqual(['E05009312']);
    expect(w24.filter((w) => w.values.children_0_15 === null).length).toBeGreaterThan(300); // what wards2025 fixes
  });
});

describe.each(['wards2024', 'wards2025'] as const)('%s Census 2021 and schools proxies', (id) => {
  it('for every Kingston ward equal the sums over its LSOAs of the raw tables, exactly', () => {
    const pack = load(id).filter((w) => w.lad === KINGSTON);
    const wards = lookupWards(id, KINGSTON);
    const byLsoa = rawCensusByLsoa(new Set(wards.flatMap((w) => w.lsoas)));
    expect(pack.map((w) => w.code)).toEqual(wards.map((w) => w.code));
    let pupils = 0;
    for (const w of wards) {
      const mine = Object.fromEntries(CENSUS.map((p) => [p, w.lsoas.reduce((s, l) => s + (byLsoa.get(l)?.[p] ?? 0), 0)]));
      pupils += mine.school_pupils!;
      expect({ ward: w.code, ...pack.find((x) => x.code === w.code)!.values }).toMatchObject({ ward: w.code, ...mine });
      expect(mine.households).toBeGreaterThan(0);
    }
    expect(pupils).toBeGreaterThan(10_000); // Kingston's schools are in the file
  });

  it('carry a label, source and year for the Proxies screen', () => {
    const pack = JSON.parse(readFileSync(join(resourcesDir, 'reference', `${id}.json`), 'utf8')) as PackFile;
    expect(Object.keys(pack.proxies).slice(8)).toEqual([...CENSUS]);
    expect(pack.proxies.households).toEqual({ label: 'Households', source: 'Census 2021 TS054 (tenure): all households', year: '2021' });
    expect(pack.proxies.school_pupils!.year).toBe('May 2025');
  });
});
