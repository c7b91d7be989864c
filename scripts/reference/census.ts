// The Census 2021 and schools proxies of the LSOA 2021 packs: counts per LSOA
// 2021, summed over each ward's LSOAs (unrounded).
import { add, type Ratio } from '../../shared/decimal';
import type { CensusProxy } from '../../shared/domain/proxies';
import type { ReferenceProxyMeta, ReferenceSource } from '../../shared/domain/reference';
import { column, num, OGL, OGL_ATTRIBUTION, readTable, sumOf, ZERO } from './tables';

const TS038 = 'census2021/Census2021_TS038_disability_LSOA21_EW.csv.gz';
const TS011 = 'census2021/Census2021_TS011_household_deprivation_LSOA21_EW.csv.gz';
const TS054 = 'census2021/Census2021_TS054_tenure_LSOA21_EW.csv.gz';
const TS052 = 'census2021/Census2021_TS052_occupancy_rating_bedrooms_LSOA21_EW.csv.gz';
const GIAS = 'census2021/DfE_GIAS_open_schools_2025-05-24.csv.gz';

/** Which columns of which table make each proxy: their sum per LSOA. */
const SPECS: Record<Exclude<CensusProxy, 'school_pupils'>, { file: string; columns: string[] }> = {
  households: { file: TS054, columns: ['total_households'] },
  disabled_residents: { file: TS038, columns: ['Disabled under the Equality Act'] },
  deprived_households: {
    file: TS011,
    columns: [
      'Household is deprived in one dimension',
      'Household is deprived in two dimensions',
      'Household is deprived in three dimensions',
      'Household is deprived in four dimensions',
    ],
  },
  social_rented_households: {
    file: TS054,
    columns: ['Social rented: Rents from council or Local Authority', 'Social rented: Other social rented'],
  },
  overcrowded_households: { file: TS052, columns: ['-1 (overcrowded)', '-2 or less (overcrowded)'] },
};

export const CENSUS_PROXY_META: Record<CensusProxy, ReferenceProxyMeta> = {
  households: { label: 'Households', source: 'Census 2021 TS054 (tenure): all households', year: '2021' },
  disabled_residents: { label: 'Disabled residents', source: 'Census 2021 TS038: disabled under the Equality Act', year: '2021' },
  deprived_households: {
    label: 'Deprived households',
    source: 'Census 2021 TS011: households deprived in one or more dimensions',
    year: '2021',
  },
  social_rented_households: {
    label: 'Social rented households',
    source: 'Census 2021 TS054: rent from the council or another social landlord',
    year: '2021',
  },
  overcrowded_households: {
    label: 'Overcrowded households',
    source: 'Census 2021 TS052: occupancy rating (bedrooms) −1 or less',
    year: '2021',
  },
  school_pupils: {
    label: 'School pupils',
    source: 'DfE Get Information About Schools: pupils at the open schools located in the ward (by the school’s LSOA)',
    year: 'May 2025',
  },
};

export interface CensusCounts {
  /** Per LSOA 2021, the proxy values in CENSUS_PROXIES order (school pupils 0 where no school). */
  perLsoa: Map<string, Ratio[]>;
  sources: ReferenceSource[];
}

export function readCensusCounts(dataDir: string, lsoas: Iterable<string>): CensusCounts {
  const perLsoa = new Map<string, Ratio[]>();
  const tables = new Map<string, ReturnType<typeof readTable>>();
  const table = (file: string) => {
    let t = tables.get(file);
    if (!t) tables.set(file, (t = readTable(dataDir, file)));
    return t;
  };
  const names = Object.keys(SPECS) as (keyof typeof SPECS)[];
  const byProxy = names.map((name) => {
    const { file, columns } = SPECS[name];
    const t = table(file).table;
    const code = column(t, file, 'lsoa21_code');
    const cols = columns.map((c) => column(t, file, c));
    const values = new Map<string, Ratio>();
    for (const [i, r] of t.rows.entries()) values.set(r[code]!, sumOf(cols.map((k) => num(r[k], `${file} row ${i + 2}`))));
    return { name, file, values };
  });

  // Pupils counted where the school is; a school with no pupil number or no LSOA counts nothing.
  const gias = readTable(dataDir, GIAS);
  const pupils = new Map<string, Ratio>();
  {
    const t = gias.table;
    const lsoa = column(t, GIAS, 'lsoa_code');
    const n = column(t, GIAS, 'number_of_pupils');
    for (const [i, r] of t.rows.entries()) {
      const l = r[lsoa]?.trim() ?? '';
      const text = r[n]?.trim() ?? '';
      if (!l || text === '' || text === 'NA') continue;
      pupils.set(l, add(pupils.get(l) ?? ZERO, num(text, `${GIAS} row ${i + 2}`)));
    }
  }

  for (const l of lsoas) {
    perLsoa.set(
      l,
      [
        ...byProxy.map(({ file, values }) => {
          const v = values.get(l);
          if (!v) throw new Error(`${file}: no row for LSOA ${l}`);
          return v;
        }),
        pupils.get(l) ?? ZERO,
      ],
    );
  }
  const sources: ReferenceSource[] = [
    ...[
      [TS054, 'Census 2021 TS054: tenure of household, per LSOA 2021'],
      [TS038, 'Census 2021 TS038: disability (Equality Act), per LSOA 2021'],
      [TS011, 'Census 2021 TS011: households by deprivation dimensions, per LSOA 2021'],
      [TS052, 'Census 2021 TS052: occupancy rating (bedrooms), per LSOA 2021'],
    ].map(([file, dataset]) => ({ ...table(file!).source, dataset: dataset!, publisher: 'Office for National Statistics', licence: OGL, attribution: OGL_ATTRIBUTION })),
    {
      ...gias.source,
      dataset: 'DfE Get Information About Schools: open establishments with pupil numbers, 24 May 2025',
      publisher: 'Department for Education',
      licence: OGL,
      attribution: OGL_ATTRIBUTION,
    },
  ];
  return { perLsoa, sources };
}
