// Neighbourhood figures (docs/cli.md `summary --json`): a hand-checked example, and
// properties against the reference and against a full recompute.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Allocation, focusRefs, neighbourhoodSummary, perHead } from '../../shared/engine';
import type { EngineInput, EngineLine, NeighbourhoodSummary } from '../../shared/engine';
import { lineOf, world, worldWithLines } from './arbitraries';
import { refSummary } from './reference';

// The borough of worked-examples.test.ts: S̄ = 27.
//   code        population  imd  income_deprived  claimants
//   E05000004     1000       10        100             0
//   E05000001     2000       40        600            30
//   E05000003     3000       20        300            10
//   E05000002     4000       30       1000          (missing)
const input: EngineInput = {
  wards: [
    { code: 'E05000004', population: 1000, imdScore: 10 },
    { code: 'E05000001', population: 2000, imdScore: 40 },
    { code: 'E05000003', population: 3000, imdScore: 20 },
    { code: 'E05000002', population: 4000, imdScore: 30 },
  ],
  proxies: { population: [1000, 2000, 3000, 4000], income_deprived: [100, 600, 300, 1000], claimants: [0, 30, 10, null] },
};
const base = { beta: 0, discretionaryPct: 0, siteWard: null };
const lines: EngineLine[] = [
  // ward split 100/200/300/401 → neighbourhood 500; 500 × 12.5% = 62.5
  { ...base, id: 1, ref: 'POP', partner: 'Council', amountPence: 1001, basis: 'population', discretionaryPct: 12.5 },
  // 32174/349565/122609/495652 → 472174; × 7.25% = 34232.615
  { ...base, id: 2, ref: 'INC', partner: 'NHS', amountPence: 1_000_000, basis: 'income_deprived', beta: 0.5, discretionaryPct: 7.25 },
  // all in E05000001 → 5000; × 100% = 5000
  { ...base, id: 3, ref: 'SITE', partner: 'Police', amountPence: 5000, basis: 'site', siteWard: 'E05000001', discretionaryPct: 100 },
  // figures 700 + 300 ≠ 1200 (flagged −200) → 700; × 33.3% = 233.1; override amber
  {
    ...base,
    id: 4,
    ref: 'DIR',
    partner: 'Council',
    amountPence: 1200,
    basis: 'direct',
    direct: new Map([
      ['E05000001', 700],
      ['E05000002', 300],
    ]),
    discretionaryPct: 33.3,
    confidenceOverride: 'amber',
  },
  // claimants missing in E05000002 → not allocated
  { ...base, id: 5, ref: 'CLM', partner: 'Police', amountPence: 2_000_000, basis: 'claimants' },
  // 2/3/2/3 → 5; × 50% = 2.5
  { ...base, id: 6, ref: 'EVEN', partner: 'NHS', amountPence: 10, basis: 'even', discretionaryPct: 50 },
];

describe('neighbourhood summary, worked example (Norbiton = E05000001 + E05000003)', () => {
  const summary = neighbourhoodSummary(new Allocation(input, lines), { name: 'Norbiton', wards: ['E05000003', 'E05000001'] });

  it('totals, populations and per-head figures', () => {
    // total = 500 + 472174 + 5000 + 700 + 5 = 478379; borough = 1001 + 1000000 + 5000 + 1200 + 10 = 1007211
    // per head = 478379 / 5000 = 95.68p → 96p → £0.96; borough 1007211 / 10000 = 100.72p → £1.01
    expect(summary).toMatchObject({
      neighbourhood: 'Norbiton',
      wards: ['E05000001', 'E05000003'],
      population: 5000,
      borough_population: 10000,
      total_pence: 478379,
      borough_total_pence: 1007211,
      per_head_gbp: 0.96,
      borough_per_head_gbp: 1.01,
    });
  });

  it('influence-able: rounded once at the end, half up', () => {
    // 62.5 + 34232.615 + 5000 + 233.1 + 2.5 = 39530.715 → 39531 (rounding each line first would give 39532)
    expect(summary.influenceable_pence).toBe(39531);
    // Council 62.5 + 233.1 = 295.6 → 296; NHS 34232.615 + 2.5 = 34235.115 → 34235; Police 5000
    expect(summary.by_partner).toEqual([
      { partner: 'Council', total_pence: 1200, influenceable_pence: 296 },
      { partner: 'NHS', total_pence: 472179, influenceable_pence: 34235 },
      { partner: 'Police', total_pence: 5000, influenceable_pence: 5000 },
    ]);
  });

  it('confidence mix: override, else suggested from the basis', () => {
    // green: SITE 5000; amber: INC 472174 + DIR 700 (override); red: POP 500 + EVEN 5
    expect(summary.confidence_pence).toEqual({ green: 5000, amber: 472874, red: 505 });
  });

  it('sensitivity range', () => {
    // POP  population at β = 0, 0.5, 1 (and population β = 0): 500, 509, 519     → [500, 519]
    //      β = 0.5: 1001·(37000, 134000, 141000, 228000)/540000 = 68.59, 248.40, 261.37, 422.64 → +E05000002, +E05000004
    //      β = 1:   1001·(1, 8, 6, 12)/27 = 37.07, 296.59, 222.44, 444.89 → +E05000002, +E05000001 → 297 + 222
    // INC  β = 0: 450000; β = 0.5: 472174; β = 1: 1e6·(1, 24, 6, 30)/61 → 393443 + 98361 = 491804;
    //      population: 500000                                                   → [450000, 500000]
    // EVEN β = 0: 5; β = 0.5: 10·(37, 67, 47, 57)/208 → 3 + 2 = 5; β = 1: 4 + 2 = 6; population: 2 + 3 = 5 → [5, 6]
    // SITE 5000 and DIR 700 fixed.  low = 500 + 450000 + 5 + 5700 = 456205; high = 519 + 500000 + 6 + 5700 = 506225
    expect(summary.sensitivity).toEqual({ low_pence: 456205, high_pence: 506225 });
  });

  it('80:20 focus and unallocated lines', () => {
    // by amount: CLM 2,000,000; INC 1,000,000; SITE 5000; DIR 1200; POP 1001; EVEN 10 — total 3,007,211
    // CLM: 0 before → focus; INC: 2,000,000 before, 5·2e6 < 4·3007211 → focus; SITE: 3,000,000 before → not
    expect(summary.focus_refs).toEqual(['CLM', 'INC']);
    expect(summary.unallocated).toHaveLength(1);
    expect(summary.unallocated[0]!.ref).toBe('CLM');
    expect(summary.unallocated[0]!.reason).toMatch(/claimants.*E05000002/);
  });

  it('has exactly the cli.md fields, in order', () => {
    expect(Object.keys(summary)).toEqual([
      'neighbourhood',
      'wards',
      'population',
      'borough_population',
      'total_pence',
      'borough_total_pence',
      'per_head_gbp',
      'borough_per_head_gbp',
      'influenceable_pence',
      'confidence_pence',
      'sensitivity',
      'focus_refs',
      'unallocated',
      'by_partner',
      'status_pence',
    ]);
  });
});

describe('small rules', () => {
  it('per head rounds half up on the exact ratio', () => {
    const pop = (n: bigint, d = 1n) => ({ n, d });
    expect(perHead(25, pop(10n))).toBe(0.03); // 2.5p → 3p
    expect(perHead(24, pop(10n))).toBe(0.02); // 2.4p
    expect(perHead(1, pop(3n))).toBe(0); // 0.33p
    expect(perHead(12345, pop(1n))).toBe(123.45);
    expect(perHead(3, pop(2n, 1n))).toBe(0.02); // 1.5p → 2p
    expect(perHead(5, pop(25n, 10n))).toBe(0.02); // population 2.5: 2p
    expect(perHead(5, pop(0n))).toBeNull();
    expect(perHead(5, null)).toBeNull();
  });

  it('focus: ties by ref; a line is focus while the lines before it are < 80% of all', () => {
    const l = (ref: string, amountPence: number, id = 0) => ({ id, ref, amountPence });
    expect(focusRefs([l('b', 50), l('a', 50), l('c', 0)])).toEqual(['a', 'b']);
    // 80 before the second line: 5·80 = 400 = 4·100 → not focus (exactly 80% is not "less than")
    expect(focusRefs([l('x', 80), l('y', 20)])).toEqual(['x']);
    expect(focusRefs([l('x', 79), l('y', 21)])).toEqual(['x', 'y']);
    expect(focusRefs([l('x', 0)])).toEqual([]);
    expect(focusRefs([])).toEqual([]);
  });

  it('a missing population makes the populations and per-head figures null, not partial', () => {
    const noPop = { ...input, wards: input.wards.map((w, i) => (i === 1 ? { ...w, population: null } : w)) };
    const s = neighbourhoodSummary(new Allocation(noPop, [lines[2]!]), { name: 'N', wards: ['E05000001'] });
    expect(s).toMatchObject({ population: null, borough_population: null, per_head_gbp: null, borough_per_head_gbp: null, total_pence: 5000 });
  });
});

const pick = (s: NeighbourhoodSummary) => ({
  total_pence: s.total_pence,
  borough_total_pence: s.borough_total_pence,
  influenceable_pence: s.influenceable_pence,
  confidence_pence: s.confidence_pence,
  sensitivity: s.sensitivity,
  focus_refs: s.focus_refs,
  unallocated: s.unallocated.map((u) => u.ref),
  by_partner: s.by_partner,
});

const nbOf = (inp: EngineInput) => fc.subarray(inp.wards.map((w) => w.code), { minLength: 1 });

describe('summary properties', () => {
  it('equals the reference, recomputed from nothing', () => {
    fc.assert(
      fc.property(
        worldWithLines(6).chain((x) => nbOf(x.input).map((nb) => ({ ...x, nb }))),
        ({ input: inp, lines: ls, nb }) => {
          const s = neighbourhoodSummary(new Allocation(inp, ls), { name: 'N', wards: nb });
          expect(pick(s)).toEqual(refSummary(inp, ls, nb));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('sensitivity: low ≤ total ≤ high when every β is 0, 0.5 or 1; always with "containing"', () => {
    fc.assert(
      fc.property(
        worldWithLines(6).chain((x) => nbOf(x.input).map((nb) => ({ ...x, nb }))),
        ({ input: inp, lines: ls, nb }) => {
          const a = new Allocation(inp, ls);
          const wide = neighbourhoodSummary(a, { name: 'N', wards: nb }, { sensitivity: 'containing' });
          expect(wide.sensitivity.low_pence).toBeLessThanOrEqual(wide.total_pence);
          expect(wide.total_pence).toBeLessThanOrEqual(wide.sensitivity.high_pence);
          const snapped = ls.map((l) => ({ ...l, beta: [0, 0.5, 1][Math.round(l.beta * 2)]! }));
          const s = neighbourhoodSummary(new Allocation(inp, snapped), { name: 'N', wards: nb });
          expect(s.sensitivity.low_pence).toBeLessThanOrEqual(s.total_pence);
          expect(s.total_pence).toBeLessThanOrEqual(s.sensitivity.high_pence);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('incremental updates (set, replace, remove) equal a full recompute', () => {
    const scenario = world.chain((w) =>
      fc.record({
        w: fc.constant(w),
        nb: nbOf(w.input),
        steps: fc.array(
          fc.oneof(
            fc.integer({ min: 1, max: 6 }).chain((id) => lineOf(w, id).map((line) => ({ set: line }))),
            fc.integer({ min: 1, max: 6 }).map((id) => ({ remove: id })),
          ),
          { maxLength: 25 },
        ),
      }),
    );
    fc.assert(
      fc.property(scenario, ({ w, nb, steps }) => {
        const live = new Allocation(w.input);
        const spec = { name: 'N', wards: nb };
        neighbourhoodSummary(live, spec); // watched from the start: every step is incremental
        const current = new Map<number, EngineLine>();
        for (const step of steps) {
          if ('set' in step) {
            live.setLine(step.set);
            current.set(step.set.id, step.set);
          } else {
            live.removeLine(step.remove);
            current.delete(step.remove);
          }
        }
        const fresh = new Allocation(w.input, current.values());
        expect(neighbourhoodSummary(live, spec)).toEqual(neighbourhoodSummary(fresh, spec));
        expect([...live.wardTotals()]).toEqual([...fresh.wardTotals()]);
        for (const id of current.keys()) expect(live.result(id)).toEqual(fresh.result(id));
      }),
      { numRuns: 150 },
    );
  });
});
