// Influence-able pence (docs/brief.md): Σ over lines of neighbourhood amount ×
// discretionary % / 100, held exactly and rounded to the penny once, at the end, half up.
// discretionary % is the decimal it prints as (12.5 → 125/10), so each term is
// pence·m / 10^(j+2): a running BigInt numerator over a power of ten is exact.
import { ratioFromNumber, roundHalfUp } from '../decimal';
import { pow10 } from './weights';

/** pct = m / 10^j; mNumber = m as a double (exact when m < 2^53). */
export interface DecimalPct {
  m: bigint;
  mNumber: number;
  j: number;
}

/** Below 2^52 a product of integers and a sum of two such values are exact doubles. */
const TENS = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
const LIMIT = 2 ** 52;

const PCT_CACHE = new Map<number, DecimalPct>();
/**
 * The last percentage seen at each round(pct·100), 0–10,000: an array read rather than a
 * Map hashing a double; the pct it holds is checked, so a neighbouring double misses.
 */
const PCT_HUNDREDTHS: ({ pct: number; d: DecimalPct } | undefined)[] = Array.from({ length: 10_001 }, () => undefined);

export function decimalPct(pct: number): DecimalPct {
  const slot = pct >= 0 && pct <= 100 ? Math.round(pct * 100) : -1;
  if (slot >= 0) {
    const hit = PCT_HUNDREDTHS[slot];
    if (hit !== undefined && hit.pct === pct) return hit.d;
  }
  const d = decimalPctOf(pct);
  if (slot >= 0) PCT_HUNDREDTHS[slot] = { pct, d };
  return d;
}

function decimalPctOf(pct: number): DecimalPct {
  let d = PCT_CACHE.get(pct);
  if (!d) {
    const r = ratioFromNumber(pct);
    d = { m: r.n, mNumber: Number(r.n), j: r.d.toString().length - 1 };
    if (PCT_CACHE.size > 10_000) PCT_CACHE.clear();
    PCT_CACHE.set(pct, d);
  }
  return d;
}

/**
 * An exact Σ of pence × pct / 100 terms, added and taken away incrementally: the
 * numerator over 10^exp is held as a double while every partial sum is an integer
 * below 2^52 (exact), else spilled into a BigInt.
 */
export class InfluenceSum {
  private big = 0n;
  private small = 0;
  private exp = 2;

  add(pence: number, pct: DecimalPct, sign: 1 | -1 = 1): void {
    if (pence === 0 || pct.m === 0n) return;
    const e = pct.j + 2;
    if (e > this.exp) {
      this.big = (this.big + BigInt(this.small)) * pow10(e - this.exp);
      this.small = 0;
      this.exp = e;
    }
    const shift = this.exp - e;
    const term = shift < TENS.length ? pence * pct.mNumber * TENS[shift]! : Infinity;
    if (term <= LIMIT) {
      this.small += sign * term;
      if (this.small > LIMIT || this.small < -LIMIT) {
        this.big += BigInt(this.small);
        this.small = 0;
      }
    } else {
      const t = BigInt(pence) * pct.m * pow10(shift);
      this.big += sign === 1 ? t : -t;
    }
  }

  /** Rounded once, half up, to whole pence. */
  pence(): number {
    return Number(roundHalfUp({ n: this.big + BigInt(this.small), d: pow10(this.exp) }));
  }
}

