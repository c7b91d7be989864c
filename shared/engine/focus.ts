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

/** The focus lines, in focus order. */
export function focusLines<L extends FocusLine>(lines: Iterable<L>): L[] {
  const keyed = Array.from(lines, (line) => ({ line, amount: amountOf(line) }));
  keyed.sort((a, b) => b.amount - a.amount || compareText(a.line.ref, b.line.ref) || a.line.id - b.line.id);
  const sorted = keyed.map((k) => k.line);
  let total = 0;
  for (const l of sorted) total += amountOf(l);
  const focus: L[] = [];
  if (total <= 2 ** 50) {
    // 5·before < 4·total: exact in doubles while 5·total < 2^53.
    let before = 0;
    for (const l of sorted) {
      if (5 * before >= 4 * total) break;
      focus.push(l);
      before += amountOf(l);
    }
  } else {
    let big = 0n;
    for (const l of sorted) big += BigInt(amountOf(l));
    let before = 0n;
    for (const l of sorted) {
      if (5n * before >= 4n * big) break;
      focus.push(l);
      before += BigInt(amountOf(l));
    }
  }
  return focus;
}

export function focusRefs(lines: Iterable<FocusLine>): string[] {
  return focusLines(lines).map((l) => l.ref);
}
