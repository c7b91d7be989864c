// 80:20 focus (docs/brief.md): all lines, allocated or not, by borough amount
// descending; a line is focus if the lines before it add up to less than 80% of the
// sum of all lines, compared exactly in integers: 5·before < 4·total.
//
// Choices where the brief is silent:
// - Ties on amount go by ref in code-point order, then by line id (refs may repeat or be blank).
// - A line whose amount is not a whole number of pence ≥ 0 counts as 0 here.
// - No lines, or all at 0: no focus lines (0 < 0 is false).
import { compareText } from './order';
import type { EngineLine } from './types';

type FocusLine = Pick<EngineLine, 'id' | 'ref' | 'amountPence'>;

const amountOf = (l: FocusLine) => (Number.isSafeInteger(l.amountPence) && l.amountPence > 0 ? l.amountPence : 0);

/**
 * The focus lines, in focus order. How many there are (j) depends only on the amounts
 * in descending order, found without sorting them all (focusCut); then only the lines
 * with amount ≥ T, the j-th largest (the focus lines and perhaps a few more of amount
 * T), are sorted by the full order, and the first j kept.
 */
export function focusLines<L extends FocusLine>(lines: Iterable<L>): L[] {
  const all = Array.isArray(lines) ? (lines as L[]) : Array.from(lines);
  const n = all.length;
  const amounts = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) total += amounts[i] = amountOf(all[i]!);
  const cut = total <= 2 ** 50 ? focusCut(amounts.slice(), total) : focusCutBig(amounts);
  if (cut === null) return [];
  const { j, T } = cut;
  const keyed: { line: L; amount: number }[] = [];
  for (let i = 0; i < n; i++) if (amounts[i]! >= T) keyed.push({ line: all[i]!, amount: amounts[i]! });
  keyed.sort((a, b) => b.amount - a.amount || compareText(a.line.ref, b.line.ref) || a.line.id - b.line.id);
  const focus: L[] = new Array<L>(j);
  for (let i = 0; i < j; i++) focus[i] = keyed[i]!.line;
  return focus;
}

/**
 * Walking the amounts in descending order, a line is focus while 5·before < 4·total
 * (before = Σ of the amounts ahead of it): the number j of focus lines and the j-th
 * largest amount T, or null when there are none. A selection rather than a sort:
 * partition around a pivot into larger / equal / smaller; the larger part and the
 * equal run are wholly focus or hold the cut, decided by their sums. Exact in doubles:
 * every sum is ≤ total ≤ 2^50, so 5·sum < 2^53. `a` is scratch (reordered).
 */
function focusCut(a: Float64Array, total: number): { j: number; T: number } | null {
  const goal = 4 * total;
  let acc = 0; // Σ of the amounts known to be ahead (all focus)
  let count = 0;
  let lo = 0;
  let hi = a.length;
  if (!(5 * acc < goal)) return null;
  for (;;) {
    if (hi - lo <= 16) {
      // Few left: insertion sort, descending, and walk.
      for (let i = lo + 1; i < hi; i++) {
        const x = a[i]!;
        let k = i - 1;
        while (k >= lo && a[k]! < x) {
          a[k + 1] = a[k]!;
          k--;
        }
        a[k + 1] = x;
      }
      let T = a[lo]!;
      for (let i = lo; i < hi && 5 * acc < goal; i++) {
        T = a[i]!;
        acc += T;
        count++;
      }
      return { j: count, T };
    }
    // Median of three as pivot, then a three-way partition of [lo, hi): larger | equal | smaller.
    const x = a[lo]!;
    const y = a[(lo + hi) >> 1]!;
    const z = a[hi - 1]!;
    const p = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let lt = lo;
    let i = lo;
    let gt = hi;
    let larger = 0;
    while (i < gt) {
      const v = a[i]!;
      if (v > p) {
        a[i++] = a[lt]!;
        a[lt++] = v;
        larger += v;
      } else if (v < p) {
        a[i] = a[--gt]!;
        a[gt] = v;
      } else i++;
    }
    // [lo, lt) > p, [lt, gt) = p, [gt, hi) < p.
    if (5 * (acc + larger) >= goal) {
      // The cut lies among the larger ones (the first of them is focus: 5·acc < goal).
      hi = lt;
      continue;
    }
    acc += larger;
    count += lt - lo;
    // Every larger one is focus, and so is the first equal one; then equal ones while 5·before < goal.
    for (let k = lt; k < gt; k++) {
      if (!(5 * acc < goal)) return { j: count, T: p };
      acc += p;
      count++;
    }
    if (!(5 * acc < goal) || gt === hi) return { j: count, T: p };
    lo = gt;
  }
}

/** focusCut for totals above 2^50: a full sort and BigInt sums. */
function focusCutBig(amounts: Float64Array): { j: number; T: number } | null {
  const desc = amounts.slice().sort().reverse();
  let big = 0n;
  for (let i = 0; i < desc.length; i++) big += BigInt(desc[i]!);
  let before = 0n;
  let j = 0;
  while (j < desc.length && 5n * before < 4n * big) before += BigInt(desc[j++]!);
  return j === 0 ? null : { j, T: desc[j - 1]! };
}

export function focusRefs(lines: Iterable<FocusLine>): string[] {
  return focusLines(lines).map((l) => l.ref);
}
