// Deterministic engine workloads for `npm run bench`: seeded generators and runners
// that return elapsed milliseconds (performance.now()). Targets (engine issue):
//   W1 2,000 lines × 20 wards, full < 20 ms; one line's β edited + summary < 2 ms
//   W2 20,000 lines × 680 wards, full < 1 s;  W3 200 lines × 6,900 wards with sensitivity < 1 s
// "Full" = a new Allocation of every line plus one neighbourhood summary (with sensitivity).
// Times are medians after warm-up runs: the first run in a fresh process also pays for
// JIT compilation (W1's first run is ~3–5× its steady time), reported as firstMs.
import { Allocation, neighbourhoodSummary } from '../../../shared/engine';
import type { EngineInput, EngineLine, NeighbourhoodSpec } from '../../../shared/engine';
import { rng } from '../../lib/rng';

export interface Workload {
  name: string;
  input: EngineInput;
  lines: EngineLine[];
  neighbourhood: NeighbourhoodSpec;
}


const PROXIES = ['population', 'children_0_15', 'working_age', 'income_deprived', 'employment_deprived', 'claimants', 'crimes'] as const;
const PARTNERS = ['Borough Council', 'NHS Trust', 'ICB', 'Police', 'DWP', 'Fire', 'Housing Assoc', 'VCS Network', 'Schools', 'Probation'];
const BETAS = [0, 0, 0.25, 0.5, 0.5, 0.75, 1];

/** A borough of n wards with realistic proxies: whole people, rates to many decimals, IMD to 3 dp. */
export function makeInput(wardCount: number, seed: number): EngineInput {
  const r = rng(seed);
  const wards: EngineInput['wards'][number][] = [];
  const cols: Record<string, (number | null)[]> = Object.fromEntries(PROXIES.map((p) => [p, []]));
  for (let i = 0; i < wardCount; i++) {
    const population = 4000 + Math.floor(r() * 16000);
    const imd = Math.round((5 + r() * 60) * 1000) / 1000;
    const income = (imd / 400) * (0.5 + r());
    wards.push({ code: `E05${String(100000 + ((i * 7919) % 900000)).padStart(6, '0')}`, population, imdScore: imd });
    cols.population!.push(population);
    cols.children_0_15!.push(Math.floor(population * (0.12 + r() * 0.1)));
    cols.working_age!.push(Math.floor(population * (0.55 + r() * 0.1)));
    cols.income_deprived!.push(income * population);
    cols.employment_deprived!.push(income * 0.8 * population * 0.6);
    cols.claimants!.push(Math.floor(r() * 40) * 5);
    cols.crimes!.push(Math.floor(r() * 2000));
  }
  // Wards arrive in no particular order (Fisher–Yates).
  const order = [...wards.keys()];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return {
    wards: order.map((i) => wards[i]!),
    proxies: Object.fromEntries(Object.entries(cols).map(([k, v]) => [k, order.map((i) => v[i]!)])),
  };
}

export function makeLines(input: EngineInput, count: number, seed: number): EngineLine[] {
  const r = rng(seed);
  const codes = input.wards.map((w) => w.code);
  const lines: EngineLine[] = [];
  for (let i = 0; i < count; i++) {
    // £1k – £50m, log-uniform; a third are round (multiples of £1,000).
    let amountPence = Math.floor(10 ** (5 + r() * 4.7));
    if (r() < 0.33) amountPence -= amountPence % 100_000;
    const u = r();
    const basis =
      u < 0.1 ? 'even' : u < 0.18 ? 'site' : u < 0.22 ? 'direct' : PROXIES[Math.floor(r() * PROXIES.length)]!;
    const beta = r() < 0.8 ? BETAS[Math.floor(r() * BETAS.length)]! : Math.round(r() * 100) / 100;
    let direct: Map<string, number> | null = null;
    if (basis === 'direct') {
      direct = new Map();
      const k = 1 + Math.floor(r() * Math.min(8, codes.length));
      let left = amountPence;
      for (let j = 0; j < k; j++) {
        const code = codes[Math.floor(r() * codes.length)]!;
        const p = j === k - 1 ? left : Math.floor(left * r());
        direct.set(code, (direct.get(code) ?? 0) + p);
        left -= p;
      }
      if (r() < 0.2) direct.set(codes[0]!, (direct.get(codes[0]!) ?? 0) + 1234);
    }
    lines.push({
      id: i + 1,
      ref: `L${String(i + 1).padStart(6, '0')}`,
      partner: PARTNERS[Math.floor(r() * PARTNERS.length)]!,
      amountPence,
      basis,
      beta,
      discretionaryPct: Math.round(r() * 1000) / 10,
      confidenceOverride: r() < 0.05 ? 'green' : null,
      siteWard: basis === 'site' ? codes[Math.floor(r() * codes.length)]! : null,
      direct,
    });
  }
  return lines;
}

export function makeWorkload(name: string, lineCount: number, wardCount: number, nbWards: number, seed: number): Workload {
  const input = makeInput(wardCount, seed);
  const codes = input.wards.map((w) => w.code);
  return { name, input, lines: makeLines(input, lineCount, seed + 1), neighbourhood: { name: 'Test', wards: codes.slice(0, nbWards) } };
}

export const W1 = () => makeWorkload('W1 2,000 lines × 20 wards', 2_000, 20, 2, 1);
export const W2 = () => makeWorkload('W2 20,000 lines × 680 wards', 20_000, 680, 3, 2);
export const W3 = () => makeWorkload('W3 200 lines × 6,900 wards', 200, 6_900, 2, 3);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** One timed run of what the spreadsheet peer computes: every line's ward split and the ward totals. */
export function runSplit(w: Workload): number {
  const t0 = performance.now();
  const a = new Allocation(w.input, w.lines);
  a.wardTotals();
  return performance.now() - t0;
}

/** One timed run: a new Allocation of every line plus the neighbourhood summary (sensitivity included). */
export function runFull(w: Workload): number {
  const t0 = performance.now();
  const a = new Allocation(w.input, w.lines);
  neighbourhoodSummary(a, w.neighbourhood);
  return performance.now() - t0;
}

/**
 * One line's β changed and the summary updated, on an allocation already built and
 * summarised: `edits` timed edits, each on a different proxy or `even` line.
 */
export function runEdits(w: Workload, edits = 50): number[] {
  const a = new Allocation(w.input, w.lines);
  neighbourhoodSummary(a, w.neighbourhood);
  const proxyLines = w.lines.filter((l) => l.basis !== 'site' && l.basis !== 'direct');
  const times: number[] = [];
  for (let i = 0; i < edits; i++) {
    const line = proxyLines[(i * 37) % proxyLines.length]!;
    const beta = Math.round(((line.beta + 0.13 * (i + 1)) % 1) * 100) / 100;
    const t0 = performance.now();
    a.setLine({ ...line, beta });
    neighbourhoodSummary(a, w.neighbourhood);
    times.push(performance.now() - t0);
  }
  return times;
}

/** The median of runEdits (the committed first version's name and result). */
export function runEdit(w: Workload, edits = 50): number {
  return median(runEdits(w, edits));
}

export interface Timing {
  workload: string;
  /** Median of the timed runs, after the warm-up runs (JIT-compiled code, as in a session). */
  ms: number;
  /** The first run in this process (includes JIT warm-up when it is the first workload run). */
  firstMs: number;
  runs: number[];
}

export function timeFull(w: Workload, warmup = 2, runs = 5, run: (w: Workload) => number = runFull): Timing {
  const first = run(w);
  for (let i = 1; i < warmup; i++) run(w);
  const times = Array.from({ length: runs }, () => run(w));
  return { workload: `${w.name}, full`, ms: median(times), firstMs: first, runs: times };
}

export function timeEdit(w: Workload, edits = 50): Timing {
  const times = runEdits(w, edits);
  return { workload: `${w.name}, one β edit + summary`, ms: median(times), firstMs: times[0]!, runs: times };
}

/** The four targets, in order: W1 full, W1 edit, W2 full, W3 full (with sensitivity). */
export function runAll(): Timing[] {
  const w1 = W1();
  return [timeFull(w1), timeEdit(w1), timeFull(W2(), 1, 3), timeFull(W3())];
}

/** Each target as one number: median elapsed ms after warm-up (see Timing for the first run). */
export const runW1Full = (): number => timeFull(W1(), 5, 9, runSplit).ms;
export const runW1Summary = (): number => timeFull(W1()).ms;
export const runW1Edit = (): number => timeEdit(W1()).ms;
export const runW2Full = (): number => timeFull(W2(), 1, 3).ms;
export const runW3Full = (): number => timeFull(W3()).ms;
