// A ward crosswalk between two reference packs (resources/reference/crosswalks/*.json):
// integer weights per (old ward, new ward), per authority of the old pack, built by
// scripts/reference/crosswalk.ts as issue 15 item 5 says. Pure: no I/O.
import { gcd, ratio, type Ratio } from '../../decimal';

export interface CrosswalkFile {
  format: 1;
  from: string;
  to: string;
  method: string;
  sources: { file: string; sha256: string; dataset: string; publisher: string; licence: string; attribution: string }[];
  /** Per authority of the `from` pack (its LAD code): see AuthorityCrosswalk. */
  authorities: Record<string, AuthorityCrosswalk>;
}

/**
 * weight(a, b) = weight ÷ scale, Census 2021 residents. `scale` is the least common
 * multiple of the LSOA 2011 parent counts |P(l)| of the authority's LSOAs, so every
 * p(l)/|P(l)| is a whole number of 1/scale residents and the weights are exact integers.
 */
export interface AuthorityCrosswalk {
  scale: number;
  /** [old ward, new ward, weight × scale], sorted by old then new ward code; weights > 0. */
  pairs: [string, string, number][];
}

export interface CrosswalkShare {
  from: string;
  to: string;
  /** Residents (exact, weight ÷ scale). */
  weight: Ratio;
  /** weight(a,b) ÷ Σ_b′ weight(a,b′), reduced. */
  share: Ratio;
}

/** Every pair of an authority with its exact share, grouped by old ward in code order. */
export function crosswalkShares(cw: AuthorityCrosswalk): Map<string, CrosswalkShare[]> {
  const totals = new Map<string, bigint>();
  for (const [a, , w] of cw.pairs) totals.set(a, (totals.get(a) ?? 0n) + BigInt(w));
  const out = new Map<string, CrosswalkShare[]>();
  const scale = BigInt(cw.scale);
  for (const [a, b, w] of cw.pairs) {
    const n = BigInt(w);
    const d = totals.get(a)!;
    const g = gcd(n, d);
    const list = out.get(a) ?? (out.set(a, []), out.get(a)!);
    const gw = gcd(n, scale);
    list.push({ from: a, to: b, weight: ratio(n / gw, scale / gw), share: ratio(n / g, d / g) });
  }
  return out;
}
