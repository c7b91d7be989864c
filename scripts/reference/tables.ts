// Reading the official CSVs for the reference build: whole tables with their
// checksums, columns by name, numbers exactly, and LSOA → ward lookups.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import Papa from 'papaparse';
import { add, parseDecimal, ratio, type Ratio } from '../../shared/decimal';
import type { ReferenceSource } from '../../shared/domain/reference';

export const OGL = 'Open Government Licence v3.0';
export const OGL_ATTRIBUTION = 'Contains public sector information licensed under the Open Government Licence v3.0.';
export const ONS_GEO_ATTRIBUTION =
  'Source: Office for National Statistics licensed under the Open Government Licence v.3.0. Contains OS data © Crown copyright and database right.';

export interface Table {
  header: string[];
  rows: string[][];
}

export type FileSource = Pick<ReferenceSource, 'file' | 'sha256'>;

export function readRaw(dataDir: string, file: string): { text: string; source: FileSource } {
  const raw = readFileSync(join(dataDir, file));
  const text = (file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8').replace(/^\uFEFF/, '');
  return { text, source: { file, sha256: createHash('sha256').update(raw).digest('hex') } };
}

export function readTable(dataDir: string, file: string): { table: Table; source: FileSource } {
  const { text, source } = readRaw(dataDir, file);
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
  if (parsed.errors.length) throw new Error(`${file}: ${parsed.errors[0]!.message} (row ${parsed.errors[0]!.row})`);
  const [header, ...rows] = parsed.data;
  if (!header) throw new Error(`${file}: empty`);
  return { table: { header, rows }, source };
}

export function column(table: Table, file: string, name: string): number {
  const i = table.header.indexOf(name);
  if (i < 0) throw new Error(`${file}: no column "${name}"`);
  return i;
}

export function num(text: string | undefined, where: string): Ratio {
  const r = parseDecimal((text ?? '').replace(/,/g, ''));
  if (!r) throw new Error(`${where}: "${text}" is not a number`);
  return r;
}

export const ZERO = ratio(0n);
export const sumOf = (xs: Ratio[]): Ratio => xs.reduce(add, ZERO);

export interface LookupWard {
  name: string;
  lad: string;
  ladName: string;
  lsoas: string[];
}

export interface LookupColumns {
  lsoa: string;
  ward: string;
  wardName: string;
  lad: string;
  ladName: string;
}

/** The English wards of an LSOA → ward lookup, each with its LSOAs (sorted). */
export function wardsOfLookup(lu: Table, file: string, cols: LookupColumns): Map<string, LookupWard> {
  const c = {
    lsoa: column(lu, file, cols.lsoa),
    ward: column(lu, file, cols.ward),
    wardName: column(lu, file, cols.wardName),
    lad: column(lu, file, cols.lad),
    ladName: column(lu, file, cols.ladName),
  };
  const byWard = new Map<string, LookupWard>();
  for (const r of lu.rows) {
    const lsoa = r[c.lsoa]!;
    if (!lsoa.startsWith('E')) continue; // the IoD covers England only
    const code = r[c.ward]!;
    let w = byWard.get(code);
    if (!w) byWard.set(code, (w = { name: r[c.wardName]!, lad: r[c.lad]!, ladName: r[c.ladName]!, lsoas: [] }));
    w.lsoas.push(lsoa);
  }
  for (const w of byWard.values()) w.lsoas.sort();
  return byWard;
}

/** LSOA → ward code of a lookup (England only). */
export function wardOfLsoa(wards: Map<string, LookupWard>): Map<string, string> {
  const m = new Map<string, string>();
  for (const [code, w] of wards) for (const l of w.lsoas) m.set(l, code);
  return m;
}

/** Each LSOA's row of a table keyed by LSOA; a missing one is a build error naming the file. */
export function perLsoa<T>(w: LookupWard, code: string, rows: Map<string, T>, file: string): T[] {
  return w.lsoas.map((l) => {
    const v = rows.get(l);
    if (!v) throw new Error(`${file}: no row for LSOA ${l} (ward ${code})`);
    return v;
  });
}

/** Census 2021 usual residents (TS021) per LSOA 2021: the weights of IoD2025 means and of crosswalks. */
export const CENSUS_RESIDENTS_FILE = 'population/Census2021_TS021_LSOA21_total_usual_residents_EW.csv.gz';

export function censusResidents(dataDir: string): { residents: Map<string, Ratio>; source: FileSource } {
  const census = readTable(dataDir, CENSUS_RESIDENTS_FILE);
  const residents = new Map<string, Ratio>();
  const c = column(census.table, CENSUS_RESIDENTS_FILE, 'geography code');
  const v = column(census.table, CENSUS_RESIDENTS_FILE, 'Total: All usual residents');
  for (const [i, r] of census.table.rows.entries()) residents.set(r[c]!, num(r[v], `${CENSUS_RESIDENTS_FILE} row ${i + 2}`));
  return { residents, source: census.source };
}

export const LOOKUPS = {
  wards2019: {
    file: 'lookups/ONS_LSOA11_WD19_LAD19_EW_LU.csv.gz',
    cols: { lsoa: 'LSOA11CD', ward: 'WD19CD', wardName: 'WD19NM', lad: 'LAD19CD', ladName: 'LAD19NM' },
    dataset: 'Lower Layer Super Output Area (2011) to Ward (2019) Lookup in England and Wales (best fit)',
  },
  wards2024: {
    file: 'lookups/ONS_LSOA21_WD24_LAD24_EW_LU.csv.gz',
    cols: { lsoa: 'LSOA21CD', ward: 'WD24CD', wardName: 'WD24NM', lad: 'LAD24CD', ladName: 'LAD24NM' },
    dataset: 'LSOA (2021) to Electoral Ward (2024) to LAD (2024) Best Fit Lookup in EW',
  },
  wards2025: {
    file: 'lookups/ONS_LSOA21_WD25_LAD25_EW_LU_v2.csv.gz',
    cols: { lsoa: 'LSOA21CD', ward: 'WD25CD', wardName: 'WD25NM', lad: 'LAD25CD', ladName: 'LAD25NM' },
    dataset: 'LSOA (2021) to Electoral Ward (2025) to LAD (2025) Best Fit Lookup in EW (v2)',
  },
} as const;

export type LookupId = keyof typeof LOOKUPS;

export function lookupWards(dataDir: string, id: LookupId): { wards: Map<string, LookupWard>; source: ReferenceSource } {
  const spec = LOOKUPS[id];
  const lu = readTable(dataDir, spec.file);
  return {
    wards: wardsOfLookup(lu.table, spec.file, spec.cols),
    source: { ...lu.source, dataset: spec.dataset, publisher: 'Office for National Statistics', licence: OGL, attribution: ONS_GEO_ATTRIBUTION },
  };
}
