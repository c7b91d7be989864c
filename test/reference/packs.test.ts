// The committed reference packs are exactly what the build script makes from the
// official files, carry their attributions and checksums, and agree with the
// documented figures and with an independent recomputation from the raw files.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildPack, serialisePack } from '../../scripts/reference/build';
import { sha256, sha256File } from '../helpers/hash';
import { closeRel, recomputeWards2019, recomputeWards2024, STANDARD_PROXY_NAMES, type OfficialWard } from '../helpers/official';
import { dataDir, dataFile, resourcesDir } from '../helpers/paths';

type PackId = 'wards2019' | 'wards2024' | 'wards2025';
const PACKS: PackId[] = ['wards2019', 'wards2024', 'wards2025'];
// The Census 2021 and schools proxies the LSOA 2021 packs add after the 8 every pack has.
const CENSUS_PROXY_NAMES = ['households', 'disabled_residents', 'deprived_households', 'social_rented_households', 'overcrowded_households', 'school_pupils'];
const proxyNamesOf = (id: PackId) => (id === 'wards2019' ? [...STANDARD_PROXY_NAMES] : [...STANDARD_PROXY_NAMES, ...CENSUS_PROXY_NAMES]);
const KINGSTON = 'E09000021';

interface PackFile {
  id: string;
  title: string;
  proxies: Record<string, { label: string; source: string; year: string }>;
  sources: { file: string; sha256: string; dataset: string; publisher: string; licence: string; attribution: string }[];
  authorities: [string, string][];
  wards: [string, string, number, ...(number | null)[]][];
}

const committedPath = (id: string) => join(resourcesDir, 'reference', `${id}.json`);
const committed: Record<string, PackFile> = {};
const rebuilt: Record<string, string> = {};

beforeAll(() => {
  for (const id of PACKS) {
    committed[id] = JSON.parse(readFileSync(committedPath(id), 'utf8')) as PackFile;
    rebuilt[id] = serialisePack(buildPack(id, dataDir));
  }
});

function firstDifference(a: string, b: string): string {
  const la = a.split('\n');
  const lb = b.split('\n');
  for (let i = 0; i < Math.max(la.length, lb.length); i++)
    if (la[i] !== lb[i]) return `line ${i + 1}:\n  rebuilt:   ${la[i]?.slice(0, 300)}\n  committed: ${lb[i]?.slice(0, 300)}`;
  return 'no line differs (line endings?)';
}

/** A ward of a pack as {code, name, values by proxy name}. */
function wardsOf(pack: PackFile, lad: string) {
  const index = pack.authorities.findIndex(([c]) => c === lad);
  expect(index).toBeGreaterThanOrEqual(0);
  return pack.wards
    .filter((w) => w[2] === index)
    .map((w) => ({
      code: w[0],
      name: w[1],
      values: Object.fromEntries(STANDARD_PROXY_NAMES.map((p, i) => [p, w[3 + i] ?? null])) as Record<string, number | null>,
    }));
}

// SOURCES.md is the record of what each official file is and its checksum.
const SOURCES_MD = readFileSync(join(dataDir, 'SOURCES.md'), 'utf8');

/** The sha256 SOURCES.md lists for a file: "sha256 (gz): `…`" (or "sha256: `…`") in its section. */
function documentedSha256(file: string): string {
  const heading = new RegExp(`^### [^\\n]*\`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\``, 'm').exec(SOURCES_MD);
  if (!heading) throw new Error(`SOURCES.md has no section for ${file}`);
  const section = SOURCES_MD.slice(heading.index, SOURCES_MD.indexOf('\n##', heading.index + 4));
  const m = /sha256(?: \(gz\))?: `([0-9a-f]{64})`/.exec(section);
  if (!m) throw new Error(`SOURCES.md lists no sha256 for ${file}`);
  return m[1]!;
}

/** The "unzipped sha256 `…`" SOURCES.md gives for a file (§8a). */
function documentedUnzippedSha256(file: string): string {
  const at = SOURCES_MD.indexOf(`\`${file}\``);
  const m = /unzipped sha256\s+`([0-9a-f]{64})`/.exec(SOURCES_MD.slice(at, SOURCES_MD.indexOf('\n###', at + 4)));
  if (at < 0 || !m) throw new Error(`SOURCES.md lists no unzipped sha256 for ${file}`);
  return m[1]!;
}

// The attribution texts SOURCES.md requires (checked below to be quoted there verbatim).
const OGL_TEXT = 'Contains public sector information licensed under the Open Government Licence v3.0';
const ONS_TEXT =
  'Source: Office for National Statistics licensed under the Open Government Licence v.3.0. Contains OS data © Crown copyright and database right';
const MYSOCIETY_TEXT = 'mySociety Composite UK IMD, CC BY 4.0';

describe.each(PACKS)('reference pack %s', (id) => {
  it('rebuilds byte-identical to the committed file', () => {
    const text = readFileSync(committedPath(id), 'utf8');
    if (rebuilt[id] !== text) expect.fail(`${id}.json differs from a rebuild, first at ${firstDifference(rebuilt[id]!, text)}`);
    expect(sha256(rebuilt[id]!)).toBe(sha256File(committedPath(id)));
  });

  it('is listed in index.json with the sha256, title and counts of the committed file', () => {
    const index = JSON.parse(readFileSync(join(resourcesDir, 'reference', 'index.json'), 'utf8')) as {
      packs: { id: string; title: string; file: string; sha256: string; wards: number; authorities: number }[];
    };
    const entry = index.packs.find((p) => p.id === id);
    expect(entry).toBeDefined();
    expect(entry!.file).toBe(`${id}.json`);
    expect(entry!.sha256).toBe(sha256File(committedPath(id)));
    expect(entry!.title).toBe(committed[id]!.title);
    expect(entry!.wards).toBe(committed[id]!.wards.length);
    expect(entry!.authorities).toBe(committed[id]!.authorities.length);
  });

  it('is well formed: wards sorted and unique, every authority used, its proxies (8, or 14 on LSOA 2021) each with metadata', () => {
    const pack = committed[id]!;
    const codes = pack.wards.map((w) => w[0]);
    expect([...codes].sort()).toEqual(codes);
    expect(new Set(codes).size).toBe(codes.length);
    expect(pack.authorities.map(([c]) => c)).toEqual([...pack.authorities.map(([c]) => c)].sort());
    expect(new Set(pack.wards.map((w) => w[2])).size).toBe(pack.authorities.length);
    const names = proxyNamesOf(id);
    for (const w of pack.wards) expect(w).toHaveLength(3 + names.length);
    expect(Object.keys(pack.proxies)).toEqual(names);
    for (const p of names) {
      expect(pack.proxies[p]!.label).not.toBe('');
      expect(pack.proxies[p]!.source).not.toBe('');
      expect(pack.proxies[p]!.year).not.toBe('');
    }
    // England only (the IoD covers England): every ward code is E05….
    expect(pack.wards.every((w) => /^E05\d{6}$/.test(w[0]))).toBe(true);
  });

  it('carries the attributions SOURCES.md requires for its files', () => {
    const prose = SOURCES_MD.replace(/\s+/g, ' '); // the texts are wrapped across lines there
    for (const t of [OGL_TEXT, ONS_TEXT, MYSOCIETY_TEXT]) expect(prose).toContain(`"${t}"`);
    const sources = committed[id]!.sources;
    const attribution = (s: (typeof sources)[number]) => s.attribution.replace(/\.$/, '');
    for (const s of sources) {
      if (s.file.startsWith('lookups/')) {
        expect(attribution(s)).toBe(ONS_TEXT);
        expect(s.licence).toMatch(/Open Government Licence v3\.0/);
      } else if (s.file.includes('mysociety')) {
        expect(attribution(s)).toBe(MYSOCIETY_TEXT);
        expect(s.licence).toMatch(/CC BY 4\.0/);
      } else {
        expect(attribution(s)).toBe(OGL_TEXT);
        expect(s.licence).toMatch(/Open Government Licence v3\.0/);
      }
    }
    expect(sources.some((s) => attribution(s) === OGL_TEXT)).toBe(true);
    expect(sources.some((s) => attribution(s) === ONS_TEXT)).toBe(true);
    if (id === 'wards2019') expect(sources.some((s) => attribution(s) === MYSOCIETY_TEXT)).toBe(true);
  });

  it('lists the source files the brief names, with the sha256s in SOURCES.md and on disk', () => {
    const expected =
      id === 'wards2019'
        ? [
            'lookups/ONS_LSOA11_WD19_LAD19_EW_LU.csv.gz',
            'iod2019/File_6_-_IoD2019_Population_Denominators.csv.gz',
            'iod2019/mysociety_composite_UK_IMD_E.csv.gz',
          ]
        : [
            id === 'wards2024' ? 'lookups/ONS_LSOA21_WD24_LAD24_EW_LU.csv.gz' : 'lookups/ONS_LSOA21_WD25_LAD25_EW_LU_v2.csv.gz',
            'population/Census2021_TS021_LSOA21_total_usual_residents_EW.csv.gz',
            'iod2025/IoD2025_LSOA21_scores_ranks_deciles_from_File7.csv.gz',
            'population/ward_mid2024_persons_syoa_EW_wards2025.csv.gz',
            'census2021/Census2021_TS038_disability_LSOA21_EW.csv.gz',
            'census2021/Census2021_TS011_household_deprivation_LSOA21_EW.csv.gz',
            'census2021/Census2021_TS054_tenure_LSOA21_EW.csv.gz',
            'census2021/Census2021_TS052_occupancy_rating_bedrooms_LSOA21_EW.csv.gz',
            'census2021/DfE_GIAS_open_schools_2025-05-24.csv.gz',
          ];
    const sources = committed[id]!.sources;
    expect(sources.map((s) => s.file).sort()).toEqual([...expected].sort());
    for (const s of sources) {
      expect(s.sha256).toBe(sha256File(dataFile(s.file)));
      // §8 lists the WD25 lookup by its unzipped checksum and the Census tables and GIAS by none.
      if (s.file.startsWith('census2021/')) continue;
      if (s.file.includes('WD25')) expect(sha256(gunzipSync(readFileSync(dataFile(s.file))))).toBe(documentedUnzippedSha256(s.file));
      else expect(s.sha256).toBe(documentedSha256(s.file));
    }
  });
});

describe('known figures for Kingston upon Thames (SOURCES.md)', () => {
  it('wards2019: 16 wards, population 171,609, Norbiton E05000409 present', () => {
    const wards = wardsOf(committed.wards2019!, KINGSTON);
    expect(wards).toHaveLength(16);
    expect(wards.reduce((s, w) => s + w.values.population!, 0)).toBe(171_609);
    expect(wards.find((w) => w.code === 'E05000409')?.name).toBe('Norbiton');
    expect(committed.wards2019!.authorities.find(([c]) => c === KINGSTON)?.[1]).toBe('Kingston upon Thames');
  });

  it('wards2024: 19 wards, population 172,692, Norbiton E05013941 = 11,794', () => {
    const wards = wardsOf(committed.wards2024!, KINGSTON);
    expect(wards).toHaveLength(19);
    expect(wards.reduce((s, w) => s + w.values.population!, 0)).toBe(172_692);
    const norbiton = wards.find((w) => w.code === 'E05013941');
    expect(norbiton?.name).toBe('Norbiton');
    expect(norbiton?.values.population).toBe(11_794);
    expect(wards.find((w) => w.code === 'E05000409')).toBeUndefined(); // the old Norbiton is gone since 2022
  });
});

describe('independent recomputation from the raw files', () => {
  const recompute: Record<PackId, () => OfficialWard[]> = {
    wards2019: () => recomputeWards2019(KINGSTON),
    wards2024: () => recomputeWards2024(KINGSTON),
    wards2025: () => recomputeWards2024(KINGSTON, 'wards2025'),
  };

  describe.each(PACKS)('%s, every Kingston ward', (id) => {
    let official: OfficialWard[];
    beforeAll(() => {
      official = recompute[id]();
    });

    it("has the lookup's ward codes and names", () => {
      expect(wardsOf(committed[id]!, KINGSTON).map(({ code, name }) => ({ code, name }))).toEqual(
        official.map(({ code, name }) => ({ code, name })),
      );
    });

    it('agrees on Norbiton imd_score and income_deprived within 1e-9 relative', () => {
      const code = id === 'wards2019' ? 'E05000409' : 'E05013941';
      if (id === 'wards2025') expect(official.find((w) => w.code === code)).toBeDefined();
      const mine = official.find((w) => w.code === code)!;
      expect(mine.lsoas).toHaveLength(6); // SOURCES.md: Norbiton gets 6 LSOAs in both lookups
      const theirs = wardsOf(committed[id]!, KINGSTON).find((w) => w.code === code)!;
      for (const p of ['imd_score', 'income_deprived'] as const) {
        const a = mine.values[p]!;
        const b = theirs.values[p]!;
        expect(Number.isFinite(a) && a > 0).toBe(true);
        if (!closeRel(a, b)) expect.fail(`${id} ${code} ${p}: recomputed ${a}, pack ${b}`);
      }
    });

    it('agrees on all 8 proxies of every ward within 1e-9 relative (counts exactly)', () => {
      const pack = new Map(wardsOf(committed[id]!, KINGSTON).map((w) => [w.code, w]));
      for (const w of official) {
        const theirs = pack.get(w.code)!;
        for (const p of STANDARD_PROXY_NAMES) {
          const a = w.values[p];
          const b = theirs.values[p] ?? null;
          if (a === null || b === null) {
            expect({ ward: w.code, p, value: b }).toEqual({ ward: w.code, p, value: a });
            continue;
          }
          if (['population', 'children_0_15', 'adults_16_59', 'older_60_plus', 'working_age'].includes(p))
            expect({ ward: w.code, p, value: b }).toEqual({ ward: w.code, p, value: a });
          else if (!closeRel(a, b)) expect.fail(`${id} ${w.code} ${p}: recomputed ${a}, pack ${b}`);
        }
      }
    });
  });
});
