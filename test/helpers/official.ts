// An independent recomputation of ward proxies from the raw official files, following
// docs/brief.md ("Reference data") in plain floating point with the tests' own CSV
// reader. It shares no code with scripts/reference/build.ts.
import { readCsvObjects, publishedNumber } from './csv';
import { dataFile } from './paths';

export const STANDARD_PROXY_NAMES = [
  'population',
  'children_0_15',
  'adults_16_59',
  'older_60_plus',
  'working_age',
  'income_deprived',
  'employment_deprived',
  'imd_score',
] as const;
export type ProxyName = (typeof STANDARD_PROXY_NAMES)[number];

export interface OfficialWard {
  code: string;
  name: string;
  lsoas: string[];
  values: Record<ProxyName, number | null>;
}

const LOOKUP_2019 = 'lookups/ONS_LSOA11_WD19_LAD19_EW_LU.csv.gz';
const LOOKUP_2024 = 'lookups/ONS_LSOA21_WD24_LAD24_EW_LU.csv.gz';
const LOOKUP_2025 = 'lookups/ONS_LSOA21_WD25_LAD25_EW_LU_v2.csv.gz';

/** The wards of one authority as the ONS best-fit lookup gives them, sorted by code. */
export function lookupWards(pack: 'wards2019' | 'wards2024' | 'wards2025', lad: string): { code: string; name: string; lsoas: string[] }[] {
  const [file, l, w, wn, la] =
    pack === 'wards2019'
      ? [LOOKUP_2019, 'LSOA11CD', 'WD19CD', 'WD19NM', 'LAD19CD']
      : pack === 'wards2024'
        ? [LOOKUP_2024, 'LSOA21CD', 'WD24CD', 'WD24NM', 'LAD24CD']
        : [LOOKUP_2025, 'LSOA21CD', 'WD25CD', 'WD25NM', 'LAD25CD'];
  const byWard = new Map<string, { code: string; name: string; lsoas: string[] }>();
  for (const r of readCsvObjects(dataFile(file)).records) {
    if (r[la] !== lad) continue;
    const code = r[w]!;
    if (!byWard.has(code)) byWard.set(code, { code, name: r[wn]!, lsoas: [] });
    byWard.get(code)!.lsoas.push(r[l]!);
  }
  return [...byWard.values()].sort((a, b) => (a.code < b.code ? -1 : 1));
}

const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);

/** wards2019: IoD2019 File 6 denominators + mySociety IMD score and rates, on 2019 wards. */
export function recomputeWards2019(lad: string): OfficialWard[] {
  const wards = lookupWards('wards2019', lad);
  const wanted = new Set(wards.flatMap((w) => w.lsoas));
  const f6 = new Map<string, Record<string, string>>();
  for (const r of readCsvObjects(dataFile('iod2019/File_6_-_IoD2019_Population_Denominators.csv.gz')).records)
    if (wanted.has(r['LSOA code (2011)']!)) f6.set(r['LSOA code (2011)']!, r);
  const ms = new Map<string, Record<string, string>>();
  for (const r of readCsvObjects(dataFile('iod2019/mysociety_composite_UK_IMD_E.csv.gz')).records)
    if (r.nation === 'E' && wanted.has(r.lsoa!)) ms.set(r.lsoa!, r);
  return wards.map((w) => {
    const d = w.lsoas.map((l) => {
      const r = f6.get(l);
      if (!r) throw new Error(`File 6 has no ${l}`);
      return {
        pop: publishedNumber(r['Total population: mid 2015 (excluding prisoners)']),
        children: publishedNumber(r['Dependent Children aged 0-15: mid 2015 (excluding prisoners)']),
        adults: publishedNumber(r['Population aged 16-59: mid 2015 (excluding prisoners)']),
        older: publishedNumber(r['Older population aged 60 and over: mid 2015 (excluding prisoners)']),
        working: publishedNumber(r['Working age population 18-59/64: for use with Employment Deprivation Domain (excluding prisoners)']),
      };
    });
    const s = w.lsoas.map((l) => {
      const r = ms.get(l);
      if (!r) throw new Error(`mySociety file has no England row for ${l}`);
      return {
        score: publishedNumber(r.overall_local_score),
        income: publishedNumber(r.income_score) / 100,
        employment: publishedNumber(r.employment_score) / 100,
      };
    });
    const pop = sum(d.map((x) => x.pop));
    return {
      ...w,
      values: {
        population: pop,
        children_0_15: sum(d.map((x) => x.children)),
        adults_16_59: sum(d.map((x) => x.adults)),
        older_60_plus: sum(d.map((x) => x.older)),
        working_age: sum(d.map((x) => x.working)),
        income_deprived: sum(s.map((x, i) => x.income * d[i]!.pop)),
        employment_deprived: sum(s.map((x, i) => x.employment * d[i]!.working)),
        imd_score: sum(s.map((x, i) => x.score * d[i]!.pop)) / pop,
      },
    };
  });
}

/** wards2024 (or wards2025, same method on the 2025 lookup): IoD2025 LSOA21 values weighted by Census 2021 residents; ONS mid-2024 ward populations. */
export function recomputeWards2024(lad: string, pack: 'wards2024' | 'wards2025' = 'wards2024'): OfficialWard[] {
  const wards = lookupWards(pack, lad);
  const wanted = new Set(wards.flatMap((w) => w.lsoas));
  const residents = new Map<string, number>();
  for (const r of readCsvObjects(dataFile('population/Census2021_TS021_LSOA21_total_usual_residents_EW.csv.gz')).records)
    if (wanted.has(r['geography code']!)) residents.set(r['geography code']!, publishedNumber(r['Total: All usual residents']));
  const iod = new Map<string, { score: number; income: number; employment: number }>();
  for (const r of readCsvObjects(dataFile('iod2025/IoD2025_LSOA21_scores_ranks_deciles_from_File7.csv.gz')).records)
    if (wanted.has(r['LSOA code (2021)']!))
      iod.set(r['LSOA code (2021)']!, {
        score: publishedNumber(r['Index of Multiple Deprivation (IMD) Score']),
        income: publishedNumber(r['Income Score (rate)']),
        employment: publishedNumber(r['Employment Score (rate)']),
      });
  const codes = new Set(wards.map((w) => w.code));
  const ages = new Map<string, number[]>();
  for (const r of readCsvObjects(dataFile('population/ward_mid2024_persons_syoa_EW_wards2025.csv.gz')).records)
    if (codes.has(r.ward!)) ages.set(r.ward!, Array.from({ length: 91 }, (_, a) => publishedNumber(r[String(a)])));
  return wards.map((w) => {
    const res = w.lsoas.map((l) => residents.get(l)!);
    const s = w.lsoas.map((l) => iod.get(l)!);
    if (res.some((x) => x === undefined) || s.some((x) => x === undefined)) throw new Error(`missing LSOA data for ${w.code}`);
    const resTotal = sum(res);
    const mean = (k: 'score' | 'income' | 'employment') => sum(s.map((x, i) => x[k] * res[i]!)) / resTotal;
    const a = ages.get(w.code);
    const band = (from: number, to: number) => (a ? sum(a.slice(from, to + 1)) : null);
    const population = a ? band(0, 90)! : resTotal;
    const working = band(16, 64);
    return {
      ...w,
      values: {
        population,
        children_0_15: band(0, 15),
        adults_16_59: band(16, 59),
        older_60_plus: band(60, 90),
        working_age: working,
        income_deprived: mean('income') * population,
        employment_deprived: working === null ? null : mean('employment') * working,
        imd_score: mean('score'),
      },
    };
  });
}

/** |a - b| <= rel * max(|a|, |b|): agreement to ~9 significant figures. */
export function closeRel(a: number, b: number, rel = 1e-9): boolean {
  if (a === b) return true;
  return Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b));
}
