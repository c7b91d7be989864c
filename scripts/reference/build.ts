// Builds the ward reference packs (resources/reference/*.json) from the official
// files in ../shared/data, exactly as docs/brief.md ("Reference data") says.
// Every derived value is computed in exact decimal arithmetic from the numbers as
// published and rounded once to the nearest double, so a rebuild is byte-identical
// and any independent implementation agrees to the last digit it can represent.
import { mul, div, ratio, ratioToNumber, type Ratio } from '../../shared/decimal';
import { CENSUS_PROXIES, type PackProxy } from '../../shared/domain/proxies';
import { packProxyNames, type ReferencePack, type ReferenceSource } from '../../shared/domain/reference';
import { CENSUS_PROXY_META, readCensusCounts } from './census';
import { censusResidents, column, lookupWards, num, OGL, OGL_ATTRIBUTION, perLsoa, readTable, sumOf } from './tables';

export const PACK_IDS = ['wards2019', 'wards2024', 'wards2025'] as const;
export type PackId = (typeof PACK_IDS)[number];

interface WardRow {
  code: string;
  name: string;
  lad: string;
  ladName: string;
  values: Partial<Record<PackProxy, Ratio | null>>;
}

function finish(
  id: PackId,
  title: string,
  description: string,
  wards: WardRow[],
  sources: ReferenceSource[],
  proxyMeta: ReferencePack['proxies'],
): ReferencePack {
  wards.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const lads = new Map<string, string>();
  for (const w of wards) lads.set(w.lad, w.ladName);
  const ladCodes = [...lads.keys()].sort();
  const ladIndex = new Map(ladCodes.map((c, i) => [c, i]));
  return {
    format: 1,
    id,
    title,
    description,
    proxies: proxyMeta,
    sources,
    authorities: ladCodes.map((c) => [c, lads.get(c)!]),
    wards: wards.map((w) => [
      w.code,
      w.name,
      ladIndex.get(w.lad)!,
      ...packProxyNames({ proxies: proxyMeta }).map((p) => {
        const v = w.values[p];
        if (v === undefined) throw new Error(`${id}: ward ${w.code} has no ${p} value`);
        return v === null ? null : ratioToNumber(v);
      }),
    ]),
  };
}

export function buildWards2019(dataDir: string): ReferencePack {
  const f6File = 'iod2019/File_6_-_IoD2019_Population_Denominators.csv.gz';
  const msFile = 'iod2019/mysociety_composite_UK_IMD_E.csv.gz';
  const lu = lookupWards(dataDir, 'wards2019');
  const f6 = readTable(dataDir, f6File);
  const ms = readTable(dataDir, msFile);

  const f6Cols = {
    lsoa: column(f6.table, f6File, 'LSOA code (2011)'),
    population: column(f6.table, f6File, 'Total population: mid 2015 (excluding prisoners)'),
    children: column(f6.table, f6File, 'Dependent Children aged 0-15: mid 2015 (excluding prisoners)'),
    adults: column(f6.table, f6File, 'Population aged 16-59: mid 2015 (excluding prisoners)'),
    older: column(f6.table, f6File, 'Older population aged 60 and over: mid 2015 (excluding prisoners)'),
    working: column(
      f6.table,
      f6File,
      'Working age population 18-59/64: for use with Employment Deprivation Domain (excluding prisoners)',
    ),
  };
  const denominators = new Map<string, { population: Ratio; children: Ratio; adults: Ratio; older: Ratio; working: Ratio }>();
  for (const [i, r] of f6.table.rows.entries()) {
    const where = `${f6File} row ${i + 2}`;
    denominators.set(r[f6Cols.lsoa]!, {
      population: num(r[f6Cols.population], where),
      children: num(r[f6Cols.children], where),
      adults: num(r[f6Cols.adults], where),
      older: num(r[f6Cols.older], where),
      working: num(r[f6Cols.working], where),
    });
  }

  const msCols = {
    nation: column(ms.table, msFile, 'nation'),
    lsoa: column(ms.table, msFile, 'lsoa'),
    score: column(ms.table, msFile, 'overall_local_score'),
    income: column(ms.table, msFile, 'income_score'),
    employment: column(ms.table, msFile, 'employment_score'),
  };
  const hundred = ratio(100n);
  const scores = new Map<string, { score: Ratio; income: Ratio; employment: Ratio }>();
  for (const [i, r] of ms.table.rows.entries()) {
    if (r[msCols.nation] !== 'E') continue;
    const where = `${msFile} row ${i + 2}`;
    scores.set(r[msCols.lsoa]!, {
      score: num(r[msCols.score], where),
      income: div(num(r[msCols.income], where), hundred),
      employment: div(num(r[msCols.employment], where), hundred),
    });
  }

  const byWard = lu.wards;
  const wards: WardRow[] = [];
  for (const [code, w] of byWard) {
    const d = perLsoa(w, code, denominators, f6File);
    const s = perLsoa(w, code, scores, msFile);
    const population = sumOf(d.map((x) => x.population));
    wards.push({
      code,
      name: w.name,
      lad: w.lad,
      ladName: w.ladName,
      values: {
        population,
        children_0_15: sumOf(d.map((x) => x.children)),
        adults_16_59: sumOf(d.map((x) => x.adults)),
        older_60_plus: sumOf(d.map((x) => x.older)),
        working_age: sumOf(d.map((x) => x.working)),
        income_deprived: sumOf(s.map((x, i) => mul(x.income, d[i]!.population))),
        employment_deprived: sumOf(s.map((x, i) => mul(x.employment, d[i]!.working))),
        imd_score: population.n === 0n ? null : div(sumOf(s.map((x, i) => mul(x.score, d[i]!.population))), population),
      },
    });
  }

  const sources: ReferenceSource[] = [
    lu.source,
    {
      ...f6.source,
      dataset: 'English Indices of Deprivation 2019, File 6: population denominators (mid-2015, excluding prisoners)',
      publisher: 'Ministry of Housing, Communities and Local Government',
      licence: OGL,
      attribution: OGL_ATTRIBUTION,
    },
    {
      ...ms.source,
      dataset: 'mySociety Composite UK IMD v3.4.0 (UK_IMD_E): IoD2019 IMD score and income and employment rates',
      publisher: 'mySociety (derived from MHCLG IoD2019)',
      licence: 'Creative Commons Attribution 4.0 (CC BY 4.0)',
      attribution: 'mySociety Composite UK IMD, CC BY 4.0.',
    },
  ];
  const f6Source = 'IoD2019 File 6 (MHCLG), mid-2015, excluding prisoners';
  return finish(
    'wards2019',
    '2019 wards: IoD2019, mid-2015 population',
    'English wards on May 2019 boundaries. LSOA 2011 figures aggregated by the ONS best-fit lookup; IMD score and deprived counts from IoD2019.',
    wards,
    sources,
    {
      population: { label: 'Population', source: f6Source, year: 'mid-2015' },
      children_0_15: { label: 'Children 0–15', source: f6Source, year: 'mid-2015' },
      adults_16_59: { label: 'Adults 16–59', source: f6Source, year: 'mid-2015' },
      older_60_plus: { label: 'Older people 60+', source: f6Source, year: 'mid-2015' },
      working_age: { label: 'Working age 18–59/64', source: f6Source, year: 'mid-2015' },
      income_deprived: {
        label: 'Income-deprived people',
        source: 'IoD2019 income rate (mySociety copy) × File 6 population',
        year: '2019',
      },
      employment_deprived: {
        label: 'Employment-deprived people',
        source: 'IoD2019 employment rate (mySociety copy) × File 6 working-age population',
        year: '2019',
      },
      imd_score: {
        label: 'IMD score',
        source: 'IoD2019 IMD score (mySociety copy), population-weighted mean of LSOAs',
        year: '2019',
      },
    },
  );
}

const LSOA21_PACKS = {
  wards2024: {
    title: '2024 wards: IoD2025, mid-2024 population',
    description:
      'English wards on 2024 boundaries. LSOA 2021 IoD2025 figures weighted by Census 2021 residents; populations from ONS mid-2024 ward estimates.',
  },
  wards2025: {
    title: '2025 wards: IoD2025, mid-2024 population',
    description:
      'English wards on 2025 boundaries. LSOA 2021 IoD2025 figures weighted by Census 2021 residents; populations and age bands from ONS mid-2024 ward estimates, which are on 2025 wards.',
  },
} as const;

/** wards2024 and wards2025: IoD2025 and Census 2021 by LSOA 2021, aggregated by that year's best-fit lookup. */
export function buildLsoa21Pack(id: 'wards2024' | 'wards2025', dataDir: string): ReferencePack {
  const iodFile = 'iod2025/IoD2025_LSOA21_scores_ranks_deciles_from_File7.csv.gz';
  const popFile = 'population/ward_mid2024_persons_syoa_EW_wards2025.csv.gz';
  const lu = lookupWards(dataDir, id);
  const census = censusResidents(dataDir);
  const iod = readTable(dataDir, iodFile);
  const pop = readTable(dataDir, popFile);

  const residents = census.residents;
  const scores = new Map<string, { score: Ratio; income: Ratio; employment: Ratio }>();
  {
    const c = column(iod.table, iodFile, 'LSOA code (2021)');
    const s = column(iod.table, iodFile, 'Index of Multiple Deprivation (IMD) Score');
    const inc = column(iod.table, iodFile, 'Income Score (rate)');
    const emp = column(iod.table, iodFile, 'Employment Score (rate)');
    for (const [i, r] of iod.table.rows.entries()) {
      const where = `${iodFile} row ${i + 2}`;
      scores.set(r[c]!, { score: num(r[s], where), income: num(r[inc], where), employment: num(r[emp], where) });
    }
  }
  const ages = new Map<string, Ratio[]>();
  {
    const c = column(pop.table, popFile, 'ward');
    const cols = Array.from({ length: 91 }, (_, age) => column(pop.table, popFile, String(age)));
    for (const [i, r] of pop.table.rows.entries()) {
      ages.set(r[c]!, cols.map((k) => num(r[k], `${popFile} row ${i + 2}`)));
    }
  }
  const ageSum = (a: Ratio[], from: number, to: number) => sumOf(a.slice(from, to + 1));
  const counts = readCensusCounts(dataDir, [...lu.wards.values()].flatMap((w) => w.lsoas));

  const wards: WardRow[] = [];
  for (const [code, w] of lu.wards) {
    const res = perLsoa(w, code, residents, census.source.file);
    const s = perLsoa(w, code, scores, iodFile);
    const resTotal = sumOf(res);
    const weighted = (pick: (x: { score: Ratio; income: Ratio; employment: Ratio }) => Ratio): Ratio | null =>
      resTotal.n === 0n ? null : div(sumOf(s.map((x, i) => mul(pick(x), res[i]!))), resTotal);
    const imd = weighted((x) => x.score);
    const incomeRate = weighted((x) => x.income);
    const employmentRate = weighted((x) => x.employment);
    const a = ages.get(code);
    // A ward with no mid-2024 row takes its population from Census 2021; its age bands are missing.
    const population = a ? ageSum(a, 0, 90) : resTotal;
    const workingAge = a ? ageSum(a, 16, 64) : null;
    const c = perLsoa(w, code, counts.perLsoa, 'census2021');
    wards.push({
      code,
      name: w.name,
      lad: w.lad,
      ladName: w.ladName,
      values: {
        population,
        children_0_15: a ? ageSum(a, 0, 15) : null,
        adults_16_59: a ? ageSum(a, 16, 59) : null,
        older_60_plus: a ? ageSum(a, 60, 90) : null,
        working_age: workingAge,
        income_deprived: incomeRate ? mul(incomeRate, population) : null,
        employment_deprived: employmentRate && workingAge ? mul(employmentRate, workingAge) : null,
        imd_score: imd,
        ...Object.fromEntries(CENSUS_PROXIES.map((p, k) => [p, sumOf(c.map((x) => x[k]!))])),
      },
    });
  }

  const sources: ReferenceSource[] = [
    lu.source,
    {
      ...census.source,
      dataset: 'Census 2021 TS021: total usual residents per LSOA 2021',
      publisher: 'Office for National Statistics',
      licence: OGL,
      attribution: OGL_ATTRIBUTION,
    },
    {
      ...iod.source,
      dataset: 'English Indices of Deprivation 2025, File 7: IMD score, income and employment rates',
      publisher: 'Ministry of Housing, Communities and Local Government',
      licence: OGL,
      attribution: OGL_ATTRIBUTION,
    },
    {
      ...pop.source,
      dataset: 'Ward-level mid-year population estimates, mid-2024, single year of age (2025 wards)',
      publisher: 'Office for National Statistics',
      licence: OGL,
      attribution: OGL_ATTRIBUTION,
    },
    ...counts.sources,
  ];
  const popSource = 'ONS ward mid-2024 population estimates (Census 2021 residents where a ward has no mid-2024 row)';
  const ageSource = 'ONS ward mid-2024 population estimates, single year of age';
  return finish(id, LSOA21_PACKS[id].title, LSOA21_PACKS[id].description, wards, sources, {
    population: { label: 'Population', source: popSource, year: 'mid-2024' },
    children_0_15: { label: 'Children 0–15', source: ageSource, year: 'mid-2024' },
    adults_16_59: { label: 'Adults 16–59', source: ageSource, year: 'mid-2024' },
    older_60_plus: { label: 'Older people 60+', source: ageSource, year: 'mid-2024' },
    working_age: { label: 'Working age 16–64', source: ageSource, year: 'mid-2024' },
    income_deprived: {
      label: 'Income-deprived people',
      source: 'IoD2025 income rate (residents-weighted) × population',
      year: '2025',
    },
    employment_deprived: {
      label: 'Employment-deprived people',
      source: 'IoD2025 employment rate (residents-weighted) × working-age population',
      year: '2025',
    },
    imd_score: { label: 'IMD score', source: 'IoD2025 IMD score, Census 2021 residents-weighted mean of LSOAs', year: '2025' },
    ...CENSUS_PROXY_META,
  });
}

export function buildPack(id: PackId, dataDir: string): ReferencePack {
  return id === 'wards2019' ? buildWards2019(dataDir) : buildLsoa21Pack(id, dataDir);
}

/** The committed text of a pack: one ward per line so diffs stay readable. */
export function serialisePack(pack: ReferencePack): string {
  const { wards, authorities, ...head } = pack;
  const lines = [
    '{',
    ...Object.entries(head).map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)},`),
    '"authorities": [',
    authorities.map((a) => JSON.stringify(a)).join(',\n'),
    '],',
    '"wards": [',
    wards.map((w) => JSON.stringify(w)).join(',\n'),
    ']',
    '}',
  ];
  return lines.join('\n') + '\n';
}
