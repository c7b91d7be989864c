// The pure ward-vintage conversion (issue 15 item 5): properties with fast-check on
// random crosswalks, the identity on an unchanged authority with the real 2024 → 2025
// crosswalk, hand-checked figures on Kingston 2019 → 2024, and the refusal.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuthorityCrosswalk, CrosswalkFile } from '../../shared/engine/convert/crosswalk';
import { convertWards, type ConvertInput } from '../../shared/engine/convert/convert';
import { resourcesDir } from '../helpers/paths';

const RUNS = { numRuns: 300 };
const crosswalkFile = (from: string, to: string) =>
  JSON.parse(readFileSync(join(resourcesDir, 'reference', 'crosswalks', `${from}-${to}.json`), 'utf8')) as CrosswalkFile;
const packWards = (id: string, lad: string) => {
  const p = JSON.parse(readFileSync(join(resourcesDir, 'reference', `${id}.json`), 'utf8')) as { authorities: [string, string][]; wards: [string, string, number][] };
  const i = p.authorities.findIndex(([c]) => c === lad);
  return p.wards.filter((w) => w[2] === i).map((w) => w[0]);
};
const sum = (r: Record<string, number>) => Object.values(r).reduce((s, x) => s + x, 0);
const empty = { customProxies: [], directLines: [], siteLines: [], neighbourhoods: [] };

/** A random crosswalk: old wards O0…, new wards N0…, every old ward with at least one positive weight. */
const world = fc
  .record({ olds: fc.integer({ min: 1, max: 8 }), news: fc.integer({ min: 1, max: 8 }) })
  .chain(({ olds, news }) =>
    fc.record({
      olds: fc.constant(Array.from({ length: olds }, (_, i) => `O${i}`)),
      news: fc.constant(Array.from({ length: news }, (_, i) => `N${i}`)),
      weights: fc.array(
        fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5000 })), { minLength: news, maxLength: news }).filter((r) => r.some((w) => w > 0)),
        { minLength: olds, maxLength: olds },
      ),
      scale: fc.constantFrom(1, 2, 6),
    }),
  )
  .map(({ olds, news, weights, scale }) => ({
    olds,
    news,
    crosswalk: {
      scale,
      pairs: olds.flatMap((a, i) => news.flatMap((b, j) => (weights[i]![j]! > 0 ? [[a, b, weights[i]![j]!] as [string, string, number]] : []))),
    } satisfies AuthorityCrosswalk,
  }));

describe('convertWards: properties', () => {
  it('keeps every direct line total and the borough total to the penny; no ward gets a negative or fractional amount', () => {
    fc.assert(
      fc.property(
        world.chain((w) =>
          fc.record({
            w: fc.constant(w),
            lines: fc.array(fc.array(fc.oneof(fc.constant(0), fc.nat({ max: 1e9 }), fc.constant(10_000_000_000_000)), { minLength: w.olds.length, maxLength: w.olds.length }), { maxLength: 6 }),
          }),
        ),
        ({ w, lines }) => {
          const directLines = lines.map((figs, k) => ({ ref: `L${k}`, figures: Object.fromEntries(w.olds.map((a, i) => [a, figs[i]!])) }));
          const r = convertWards({ ...empty, crosswalk: w.crosswalk, newWards: w.news, directLines });
          if (!r.ok) throw new Error(r.message);
          r.value.directLines.forEach((l, k) => {
            expect(sum(l.figures)).toBe(sum(directLines[k]!.figures));
            for (const x of Object.values(l.figures)) expect(Number.isSafeInteger(x) && x > 0).toBe(true);
          });
          expect(r.value.directLines.reduce((s, l) => s + sum(l.figures), 0)).toBe(directLines.reduce((s, l) => s + sum(l.figures), 0));
        },
      ),
      RUNS,
    );
  });

  it('gives each new ward floor or ceiling of its exact amount Σ fig·share, and the leftover pennies to the largest remainders', () => {
    fc.assert(
      fc.property(world, fc.nat({ max: 1e7 }), ({ olds, news, crosswalk }, pence) => {
        const a = olds[0]!;
        const r = convertWards({ ...empty, crosswalk, newWards: news, directLines: [{ ref: 'L', figures: { [a]: pence } }] });
        if (!r.ok) throw new Error(r.message);
        const pairs = crosswalk.pairs.filter((p) => p[0] === a);
        const t = pairs.reduce((s, p) => s + p[2], 0);
        for (const [, b, w] of pairs) {
          const exact = (pence * w) / t;
          const got = r.value.directLines[0]!.figures[b] ?? 0;
          expect(got === Math.floor(exact + 1e-9) || got === Math.ceil(exact - 1e-9)).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('converts custom proxies as counts: the total is kept and each share is weight ÷ old total', () => {
    fc.assert(
      fc.property(world, fc.array(fc.nat({ max: 100000 }), { minLength: 8, maxLength: 8 }), ({ olds, news, crosswalk }, xs) => {
        const values = Object.fromEntries(olds.map((a, i) => [a, xs[i]!]));
        const r = convertWards({ ...empty, crosswalk, newWards: news, customProxies: [{ name: 'c', values }] });
        if (!r.ok) throw new Error(r.message);
        const got = r.value.customProxies[0]!.values;
        expect(sum(got)).toBeCloseTo(sum(values), 6);
        for (const b of news) {
          const expected = olds.reduce((s, a) => {
            const row = crosswalk.pairs.filter((p) => p[0] === a);
            const w = row.find((p) => p[1] === b)?.[2] ?? 0;
            return s + (values[a]! * w) / row.reduce((t, p) => t + p[2], 0);
          }, 0);
          if (crosswalk.pairs.some((p) => p[1] === b)) expect(got[b]).toBeCloseTo(expected, 6);
          else expect(got[b]).toBeUndefined();
        }
      }),
      RUNS,
    );
  });

  it('is the identity on a one-to-one crosswalk', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.stringMatching(/^E05\d{6}$/), { minLength: 1, maxLength: 20 }),
        fc.array(fc.nat({ max: 1e9 }), { minLength: 20, maxLength: 20 }),
        (codes, figs) => {
          const crosswalk = { scale: 1, pairs: [...codes].sort().map((c, i) => [c, c, 1 + i] as [string, string, number]) };
          const input: ConvertInput = {
            crosswalk,
            newWards: codes,
            customProxies: [{ name: 'c', values: Object.fromEntries(codes.map((c, i) => [c, figs[i]! / 7])) }],
            directLines: [{ ref: 'D', figures: Object.fromEntries(codes.map((c, i) => [c, figs[i]!]).filter(([, x]) => x !== 0)) }],
            siteLines: codes.map((c, i) => ({ ref: `S${i}`, ward: c })),
            neighbourhoods: [{ name: 'N', wards: codes.slice(0, 1 + (figs[0]! % codes.length)) }],
          };
          const r = convertWards(input);
          if (!r.ok) throw new Error(r.message);
          expect(r.value.customProxies[0]!.values).toEqual(input.customProxies[0]!.values);
          expect(r.value.directLines[0]!.figures).toEqual(input.directLines[0]!.figures);
          expect(r.value.siteLines.map((s) => s.ward)).toEqual(codes);
          expect(r.value.neighbourhoods[0]!.newWards).toEqual([...input.neighbourhoods[0]!.wards].sort());
        },
      ),
      RUNS,
    );
  });
});

describe('convertWards on the real crosswalks', () => {
  it('2024 → 2025 for Kingston (no boundary change) is the identity for every kind of data', () => {
    const crosswalk = crosswalkFile('wards2024', 'wards2025').authorities.E09000021!;
    const wards = packWards('wards2024', 'E09000021');
    expect(packWards('wards2025', 'E09000021')).toEqual(wards);
    const figures = Object.fromEntries(wards.map((w, i) => [w, 1234567 * (i + 1)]));
    const r = convertWards({
      crosswalk,
      newWards: wards,
      customProxies: [{ name: 'foodbank_users', values: Object.fromEntries(wards.map((w, i) => [w, i + 0.5])) }],
      directLines: [{ ref: 'D-1', figures }],
      siteLines: [{ ref: 'S-1', ward: wards[3]! }],
      neighbourhoods: [{ name: 'Norbiton and Grove', wards: [wards[10]!, wards[13]!] }],
    });
    if (!r.ok) throw new Error(r.message);
    expect(r.value.directLines[0]!.figures).toEqual(figures);
    expect(r.value.customProxies[0]!.values).toEqual(Object.fromEntries(wards.map((w, i) => [w, i + 0.5])));
    expect(r.value.siteLines).toEqual([{ ref: 'S-1', from: wards[3], ward: wards[3] }]);
    expect(r.value.neighbourhoods[0]!.newWards).toEqual([wards[10], wards[13]]);
    expect(r.value.report.every((p) => p.oldWard === p.newWard && p.share === '1')).toBe(true);
  });

  it('Kingston 2019 → 2024 by hand: Coombe Hill (E05000406) splits 6987 : 3090 residents, Norbiton goes whole', () => {
    const crosswalk = crosswalkFile('wards2019', 'wards2024').authorities.E09000021!;
    const r = convertWards({
      ...empty,
      crosswalk,
      newWards: packWards('wards2024', 'E09000021'),
      directLines: [{ ref: 'D-1', figures: { E05000406: 100_000, E05000409: 55_555 } }],
      siteLines: [{ ref: 'S-1', ward: 'E05000406' }],
    });
    if (!r.ok) throw new Error(r.message);
    // 100000 × 6987/10077 = 69336.11…, × 3090/10077 = 30663.88…: floors 69336 + 30663, the leftover penny to .88.
    expect(r.value.directLines[0]!.figures).toEqual({ E05013932: 69_336, E05013937: 30_664, E05013941: 55_555 });
    expect(r.value.siteLines[0]!.ward).toBe('E05013932');
    expect(r.value.report.filter((p) => p.oldWard === 'E05000406')).toEqual([
      { oldWard: 'E05000406', newWard: 'E05013932', weight: '6987', weightValue: 6987, share: '2329/3359', shareValue: 6987 / 10077 },
      { oldWard: 'E05000406', newWard: 'E05013937', weight: '3090', weightValue: 3090, share: '1030/3359', shareValue: 3090 / 10077 },
    ]);
    expect(r.value.report.find((p) => p.oldWard === 'E05000409')).toMatchObject({ newWard: 'E05013941', share: '1' });
  });

  it('refuses, naming the old ward, when a ward with figures has no weight into the new wards', () => {
    const r = convertWards({
      ...empty,
      crosswalk: { scale: 1, pairs: [['A', 'X', 5], ['B', 'Y', 3]] },
      newWards: ['X'],
      directLines: [{ ref: 'D-9', figures: { A: 10, B: 7 } }],
    });
    expect(r).toEqual({ ok: false, ward: 'B', message: expect.stringMatching(/^Old ward B has a direct figure on line D-9 but no weight/) });
  });

  it('keeps a new ward in a neighbourhood when it brings at least half of its weight, else the largest', () => {
    const crosswalk: AuthorityCrosswalk = { scale: 1, pairs: [['A', 'X', 5], ['A', 'Y', 1], ['B', 'Y', 1], ['B', 'Z', 9]] };
    const r = convertWards({ ...empty, crosswalk, newWards: ['X', 'Y', 'Z'], neighbourhoods: [{ name: 'n', wards: ['A'] }, { name: 'm', wards: ['B'] }] });
    if (!r.ok) throw new Error(r.message);
    // Y has weight 2, half of it from A and half from B: both keep it (≥ half).
    expect(r.value.neighbourhoods).toEqual([
      { name: 'n', oldWards: ['A'], newWards: ['X', 'Y'] },
      { name: 'm', oldWards: ['B'], newWards: ['Y', 'Z'] },
    ]);
    const lone = convertWards({ ...empty, crosswalk: { scale: 1, pairs: [['A', 'X', 1], ['B', 'X', 9]] }, newWards: ['X'], neighbourhoods: [{ name: 'small', wards: ['A'] }] });
    expect(lone.ok && lone.value.neighbourhoods[0]!.newWards).toEqual(['X']); // under half everywhere: the largest
  });
});
