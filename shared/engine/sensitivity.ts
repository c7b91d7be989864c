// Sensitivity range of one line's neighbourhood amount (docs/brief.md): for a proxy
// or `even` line, the neighbourhood amount (largest remainder) under its own basis at
// β = 0, 0.5, 1 and under `population` at β = 0; low / high = min / max of those.
//
// Choices where the brief is silent:
// - A variant that cannot be computed (imd_score missing for β > 0, no `population`
//   proxy, ...) is left out; the line's own basis at β = 0 is always computable when
//   the line itself was allocated.
// - The rounded amounts are not monotonic in β (a leftover penny can move between
//   wards as other wards' fractions cross 1), so a line at β = 0.25 can fall a penny
//   outside the four. The brief's low/high uses the four only ('brief', default);
//   'containing' also takes the line's actual amount, so low ≤ total ≤ high always.
import type { Borough } from './borough';
import { neighbourhoodAmount } from './largest-remainder';
import type { EngineLine, WardAmounts } from './types';

export type SensitivityMode = 'brief' | 'containing';

export const SENSITIVITY_VARIANTS: readonly { ownBasis: boolean; beta: number }[] = [
  { ownBasis: true, beta: 0 },
  { ownBasis: true, beta: 0.5 },
  { ownBasis: true, beta: 1 },
  { ownBasis: false, beta: 0 },
];

/** Σ of the line's pence over the neighbourhood's wards (indices). */
export function neighbourhoodPence(amounts: WardAmounts, wards: Int32Array): number {
  let s = 0;
  for (let i = 0; i < wards.length; i++) s += amounts[wards[i]!]!;
  return s;
}

/**
 * Low / high neighbourhood amount of a proxy or `even` line over the four variants;
 * `actual` (the line's own neighbourhood amount at its β) is reused when its β is one of them.
 */
export function lineSensitivity(
  borough: Borough,
  line: Pick<EngineLine, 'basis' | 'beta' | 'amountPence'>,
  wards: Int32Array,
  actual: number,
): { low: number; high: number } {
  const range = { low: 0, high: 0 };
  sensitivityInto(borough, line, wards, actual, range);
  return range;
}

/** lineSensitivity into range (reused by the caller: no object per line). */
export function sensitivityInto(
  borough: Borough,
  line: Pick<EngineLine, 'basis' | 'beta' | 'amountPence'>,
  wards: Int32Array,
  actual: number,
  range: { low: number; high: number },
): void {
  let low = Infinity;
  let high = -Infinity;
  const variants = borough.sensitivityVectors(line.basis);
  for (let i = 0; i < variants.length; i++) {
    const variant = variants[i]!;
    let pence: number;
    if (variant.basis === line.basis && variant.beta === line.beta) pence = actual;
    else {
      const vector = variant.vector;
      if (!vector.ok) continue;
      pence = neighbourhoodAmount(borough, vector, line.amountPence, wards);
    }
    if (pence < low) low = pence;
    if (pence > high) high = pence;
  }
  // Unreachable for an allocated line (its basis at β = 0 always works); keep the range honest anyway.
  if (low > high) low = high = actual;
  range.low = low;
  range.high = high;
}
