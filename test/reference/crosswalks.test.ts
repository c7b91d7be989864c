// The ward crosswalks between pack vintages (issue 15 item 5): exactly what the build
// makes, every old ward covered, shares summing to 1 exactly, and Kingston's weights
// recomputed here from the raw lookups and Census residents.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCrosswalk, serialiseCrosswalk } from '../../scripts/reference/crosswalk';
import { add, cmp, ratio, type Ratio } from '../../shared/decimal';
import { crosswalkShares, type CrosswalkFile } from '../../shared/engine/convert/crosswalk';
import { readCsvObjects, publishedNumber } from '../helpers/csv';
import { sha256File } from '../helpers/hash';
import { lookupWards } from '../helpers/official';
import { dataDir, dataFile, resourcesDir } from '../helpers/paths';

const KINGSTON = 'E09000021';
const PAIRS = [
  ['wards2019', 'wards2024'],
  ['wards2019', 'wards2025'],
  ['wards2024', 'wards2025'],
] as const;
const path = (from: string, to: string) => join(resourcesDir, 'reference', 'crosswalks', `${from}-${to}.json`);
const readJson = <T>(p: string) => JSON.parse(readFileSync(p, 'utf8')) as T;
type PackFile = { authorities: [string, string][]; wards: [string, string, number][] };

describe.each(PAIRS)('crosswalk %s → %s', (from, to) => {
  let cw: CrosswalkFile;
  beforeAll(() => {
    cw = readJson<CrosswalkFile>(path(from, to));
  });

  it('rebuilds byte-identical and is listed in index.json with its sha256', () => {
    expect(serialiseCrosswalk(buildCrosswalk(dataDir, from, to))).toBe(readFileSync(path(from, to), 'utf8'));
    const index = readJson<{ crosswalks: { from: string; to: string; file: string; sha256: string }[] }>(join(resourcesDir, 'reference', 'index.json'));
    expect(index.crosswalks.find((c) => c.from === from && c.to === to)).toEqual({ from, to, file: `crosswalks/${from}-${to}.json`, sha256: sha256File(path(from, to)) });
  });

  it("covers every ward of the old pack under its own authority, maps only to new-pack wards, and each old ward's shares sum to 1 exactly", () => {
    const oldPack = readJson<PackFile>(join(resourcesDir, 'reference', `${from}.json`));
    const newCodes = new Set(readJson<PackFile>(join(resourcesDir, 'reference', `${to}.json`)).wards.map((w) => w[0]));
    expect(Object.keys(cw.authorities)).toEqual(oldPack.authorities.map(([c]) => c));
    const one = ratio(1n);
    for (const [i, [lad]] of oldPack.authorities.entries()) {
      const a = cw.authorities[lad]!;
      const shares = crosswalkShares(a);
      expect([...shares.keys()].sort()).toEqual(oldPack.wards.filter((w) => w[2] === i).map((w) => w[0]));
      for (const [old, list] of shares) {
        const total = list.reduce<Ratio>((s, x) => add(s, x.share), ratio(0n));
        if (cmp(total, one) !== 0) expect.fail(`${lad} ${old}: shares sum to ${total.n}/${total.d}`);
        for (const x of list) expect(newCodes.has(x.to)).toBe(true);
      }
      for (const [, , w] of a.pairs) expect(Number.isSafeInteger(w) && w > 0).toBe(true);
    }
  });

  it("Kingston's weights equal a recomputation from the raw lookups and Census 2021 residents", () => {
    const residents = new Map(
      readCsvObjects(dataFile('population/Census2021_TS021_LSOA21_total_usual_residents_EW.csv.gz')).records.map((r) => [
        r['geography code']!,
        publishedNumber(r['Total: All usual residents']),
      ]),
    );
    const oldWardOf = new Map(lookupWards(from, KINGSTON).flatMap((w) => w.lsoas.map((l) => [l, w.code] as const)));
    const parents = new Map<string, string[]>();
    if (from === 'wards2019')
      for (const r of readCsvObjects(dataFile('lookups/ONS_LSOA11_LSOA21_LAD22_EW_LU.csv.gz')).records)
        parents.set(r.LSOA21CD!, [...(parents.get(r.LSOA21CD!) ?? []), r.LSOA11CD!]);
    const a = cw.authorities[KINGSTON]!;
    const mine = new Map<string, number>();
    for (const w of lookupWards(to, KINGSTON))
      for (const l of w.lsoas) {
        const ps = from === 'wards2019' ? parents.get(l)! : [l];
        for (const p of ps) {
          const old = oldWardOf.get(p);
          if (!old) continue; // a parent in another authority
          const key = `${old} ${w.code}`;
          mine.set(key, (mine.get(key) ?? 0) + (residents.get(l)! * a.scale) / ps.length);
        }
      }
    expect(Object.fromEntries(a.pairs.map(([x, y, w]) => [`${x} ${y}`, w]))).toEqual(Object.fromEntries([...mine].sort()));
  });
});

describe('Kingston by hand', () => {
  it('2024 → 2025 is the identity (no boundary change since 2022)', () => {
    const a = readJson<CrosswalkFile>(path('wards2024', 'wards2025')).authorities[KINGSTON]!;
    expect(a.pairs).toHaveLength(19);
    for (const [x, y] of a.pairs) expect(y).toBe(x);
    for (const list of crosswalkShares(a).values()) expect(list.map((s) => s.share)).toEqual([ratio(1n)]);
  });

  it('old Norbiton (E05000409) goes wholly to new Norbiton (E05013941) with the Census residents of its 6 LSOAs', () => {
    const a = readJson<CrosswalkFile>(path('wards2019', 'wards2024')).authorities[KINGSTON]!;
    const norbiton = crosswalkShares(a).get('E05000409')!;
    const lsoas = lookupWards('wards2024', KINGSTON).find((w) => w.code === 'E05013941')!.lsoas;
    expect(lsoas).toHaveLength(6);
    const residents = readCsvObjects(dataFile('population/Census2021_TS021_LSOA21_total_usual_residents_EW.csv.gz'))
      .records.filter((r) => lsoas.includes(r['geography code']!))
      .reduce((s, r) => s + publishedNumber(r['Total: All usual residents']), 0);
    expect(norbiton).toEqual([{ from: 'E05000409', to: 'E05013941', weight: ratio(BigInt(residents)), share: ratio(1n) }]);
  });

  it('a split old ward (Coombe Hill, E05000406) shares by residents: two new wards, shares weight ÷ total', () => {
    const a = readJson<CrosswalkFile>(path('wards2019', 'wards2024')).authorities[KINGSTON]!;
    const coombe = crosswalkShares(a).get('E05000406')!;
    expect(coombe.map((s) => s.to)).toEqual(['E05013932', 'E05013937']);
    const [w1, w2] = coombe.map((s) => s.weight.n);
    expect(coombe.map((s) => s.share.n * (w1! + w2!))).toEqual([w1! * coombe[0]!.share.d, w2! * coombe[1]!.share.d]);
  });
});
