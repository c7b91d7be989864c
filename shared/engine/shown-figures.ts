// Rounded figures shown beside their total add up to the total shown (issue 14 item 7):
// each part is rounded down, and the parts that lose most get the leftover units back
// (largest remainder, the rule the allocation itself uses); ties go to the earlier part.
// Pure integer arithmetic (BigInt for percentages), so the sum is exact.

/**
 * Non-negative pence rounded to whole units of `unit` pence (100 = whole pounds) so that
 * they add up to the total rounded half up, as formatPounds shows it. Returns pence.
 */
export function roundColumn(pence: ArrayLike<number>, unit = 100): Float64Array {
  const n = pence.length;
  const out = new Float64Array(n);
  let total = 0;
  let floors = 0;
  // Remainders are < unit: counted per value, so a column of any length is O(n + unit).
  const counts = new Uint32Array(unit);
  for (let i = 0; i < n; i++) {
    const v = pence[i]!;
    if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`roundColumn: ${v} is not a whole, non-negative number of pence`);
    const r = v % unit;
    out[i] = v - r;
    total += v;
    floors += v - r;
    counts[r]!++;
  }
  let left = (Math.floor((total + unit / 2) / unit) * unit - floors) / unit;
  if (left === 0) return out;
  // The remainder from which a part gets a unit back, and how many with exactly it do.
  let threshold = unit - 1;
  while (threshold > 0 && counts[threshold]! < left) left -= counts[threshold--]!;
  for (let i = 0; i < n; i++) {
    const r = pence[i]! % unit;
    if (r > threshold || (r === threshold && r > 0 && left-- > 0)) out[i] = out[i]! + unit;
  }
  return out;
}

/**
 * Each part's share of their sum in percent, with `decimals` decimals, adding up to exactly
 * 100 (all zero when the sum is zero). Returns the percentages as numbers.
 */
export function percentShares(parts: readonly number[], decimals = 0): number[] {
  const scale = 10n ** BigInt(decimals);
  const whole = parts.reduce((s, p) => s + BigInt(p), 0n);
  if (whole === 0n) return parts.map(() => 0);
  const target = 100n * scale;
  const floors = parts.map((p) => (BigInt(p) * target) / whole);
  const rems = parts.map((p) => (BigInt(p) * target) % whole);
  let left = Number(target - floors.reduce((s, f) => s + f, 0n));
  const order = parts.map((_, i) => i).sort((a, b) => (rems[b]! > rems[a]! ? 1 : rems[b]! < rems[a]! ? -1 : a - b));
  for (const i of order) {
    if (left-- <= 0) break;
    floors[i] = floors[i]! + 1n;
  }
  return floors.map((f) => Number(f) / Number(scale));
}
