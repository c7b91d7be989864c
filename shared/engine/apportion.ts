// One spend line → pence per ward (docs/brief.md, "The method").
//
// Choices where the brief is silent:
// - A line with an amount that is not a whole number of pence ≥ 0, a β outside
//   [0, 1] (proxy and `even` lines), or a discretionary % outside 0–100 is not
//   allocated, with the reason.
// - `direct`: a figure for a ward code not in the project, or a figure that is not
//   whole pence ≥ 0, refuses the line (money must not vanish silently); wards
//   without a figure get 0. A map with no entries counts as "no ward figures".
// - `site` and `direct` ignore β.
import { suggestedConfidence } from '../domain/types';
import type { Borough } from './borough';
import { largestRemainder, largestRemainderFloors } from './largest-remainder';
import { listCodes } from './order';
import type { Confidence, EngineLine, LineResult, Refusal } from './types';

export const FIXED_BASES: ReadonlySet<string> = new Set(['direct', 'site']);

/** Override, else suggested: direct/site green, population/even red, other proxies amber. */
export function effectiveConfidence(line: Pick<EngineLine, 'basis' | 'confidenceOverride'>): Confidence {
  return line.confidenceOverride ?? suggestedConfidence(line.basis);
}

/** f_w = 1 + β·(S_w/S̄ − 1) per ward (input order) as floats, and S̄: for display and packs. */
export function deprivationFactors(borough: Borough, beta: number) {
  return borough.deprivationFactors(beta);
}

function lineProblem(line: EngineLine): string | null {
  if (line.excluded) return line.excluded;
  const a = line.amountPence;
  if (!Number.isSafeInteger(a) || a < 0) return `amount ${a} is not a whole number of pence ≥ 0`;
  const p = line.discretionaryPct;
  if (!(Number.isFinite(p) && p >= 0 && p <= 100)) return `discretionary % ${p} is not between 0 and 100`;
  if (line.basis !== 'direct' && line.basis !== 'site') {
    const b = line.beta;
    if (!(Number.isFinite(b) && b >= 0 && b <= 1)) return `deprivation weighting β = ${b} is not between 0 and 1`;
  }
  return null;
}

export function apportionLine(borough: Borough, line: EngineLine, out?: Float64Array): LineResult {
  const amounts = out ?? new Float64Array(borough.size);
  const r = apportionWork(borough, line, amounts);
  if (typeof r !== 'number') return r;
  return r === 0 ? { ok: true, amounts } : { ok: true, amounts, directDifference: r };
}

/**
 * apportionLine without the result object (Allocation keeps its own): the pence go
 * into out (length ≥ the number of wards); returns why the line is not allocated, or
 * else a `direct` line's Σ figures − A (0 for every other line). With lazyPennies a
 * proxy line's leftover pennies may be left to the caller: see Scratch.threshold.
 */
export function apportionWork(borough: Borough, line: EngineLine, out: Float64Array, lazyPennies = false): Refusal | number {
  borough.scratch.threshold = -1;
  const problem = lineProblem(line);
  if (problem) return { ok: false, reason: problem };
  const n = borough.size;
  if (n === 0) return { ok: false, reason: 'the project has no wards' };
  const A = line.amountPence;
  const basis = line.basis;
  if (basis === 'site') {
    if (!line.siteWard) return { ok: false, reason: 'basis is site but no site_ward is given' };
    const w = borough.wardIndex(line.siteWard);
    if (w === undefined) return { ok: false, reason: `site_ward ${line.siteWard} is not a ward of this project` };
    out.fill(0);
    out[w] = A;
    return 0;
  }
  if (basis === 'direct') return direct(borough, line, out);
  const v = borough.weightVector(basis, line.beta);
  if (!v.ok) return v;
  if (lazyPennies) borough.scratch.threshold = largestRemainderFloors(borough, v, A, out);
  else largestRemainder(borough, v, A, out);
  return 0;
}

function direct(borough: Borough, line: EngineLine, amounts: Float64Array): Refusal | number {
  const figures = line.direct;
  if (!figures || figures.size === 0) return { ok: false, reason: 'basis is direct but the partner has given no ward figures' };
  const unknown: string[] = [];
  const bad: string[] = [];
  amounts.fill(0);
  let total = 0;
  for (const [code, pence] of figures) {
    const w = borough.wardIndex(code);
    if (w === undefined) unknown.push(code);
    else if (!Number.isSafeInteger(pence) || pence < 0) bad.push(code);
    else {
      amounts[w]! += pence;
      total += pence;
    }
  }
  if (unknown.length) return { ok: false, reason: `direct figures name ward(s) not in this project: ${listCodes(unknown)}` };
  if (bad.length) return { ok: false, reason: `direct figures are not whole pence ≥ 0 for ward(s) ${listCodes(bad)}` };
  return total - line.amountPence;
}
