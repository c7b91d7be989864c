// The rule every fuzz input is held to: a clean import (exactly what a good file
// holds), or a refusal that names the file, row and column (or, for a file that is
// not a table at all, the file) and changes nothing. Anything else is a failure.
import type { ApiError } from '../../shared/contract/result';
import type { FuzzInput } from './generators';

export interface Outcome {
  i: number;
  kind: string;
  /** imported | refused-located | refused-file | FAIL */
  outcome: string;
  ms: number;
  detail?: string;
}

/** Judges one finished call: clean, refused with file/row/column, refused as a whole file, or a failure. */
export function judge(input: FuzzInput, r: { ok: true; data: unknown } | { ok: false; error: ApiError }, before: string, after: string): { outcome: string; detail?: string } {
  if (r.ok && input.refused) return { outcome: 'FAIL', detail: `imported a file that must be refused (${input.refused.source})` };
  if (r.ok) {
    const n = input.target === 'budgets' ? (r.data as { imported: number }).imported : (r.data as { wards: number }).wards;
    if (input.expect && n !== input.expect.imported) return { outcome: 'FAIL', detail: `imported ${n}, expected ${input.expect.imported}` };
    const total = (r.data as { totalPence?: number }).totalPence;
    if (input.expect?.totalPence !== undefined && total !== input.expect.totalPence)
      return { outcome: 'FAIL', detail: `imported £${(total ?? 0) / 100}, expected £${input.expect.totalPence / 100}` };
    if (input.target === 'budgets') {
      const [lines] = JSON.parse(after) as number[];
      const [linesBefore] = JSON.parse(before) as number[];
      if (lines! - linesBefore! !== n) return { outcome: 'FAIL', detail: `reported ${n} lines, the project gained ${lines! - linesBefore!}` };
    }
    return { outcome: 'imported' };
  }
  const e = r.error;
  if (after !== before) return { outcome: 'FAIL', detail: `refused (${e.message.slice(0, 200)}) but the project changed: a partial import` };
  if (input.expect) return { outcome: 'FAIL', detail: `a good file was refused: ${e.message.slice(0, 300)} ${JSON.stringify(e.details?.problems?.slice(0, 3))}` };
  if (input.refused && !input.refused.test(e.message)) return { outcome: 'FAIL', detail: `refused, but not as expected (${input.refused.source}): ${e.message.slice(0, 300)}` };
  if (e.code !== 'INPUT') return { outcome: 'FAIL', detail: `${e.code}: ${e.message.slice(0, 400)}` };
  if (!e.message.startsWith(`${input.name}:`)) return { outcome: 'FAIL', detail: `the message does not name the file: ${e.message.slice(0, 200)}` };
  const problems = e.details?.problems ?? [];
  if (!problems.length) return { outcome: 'refused-file', detail: e.message.replace(/^[^:]*: /, '').slice(0, 60) };
  for (const p of problems) {
    if (p.file !== input.name || !Number.isInteger(p.row) || (p.row ?? 0) < 1 || !p.column)
      return { outcome: 'FAIL', detail: `a problem without file, row and column: ${JSON.stringify(p).slice(0, 300)}` };
  }
  return { outcome: 'refused-located' };
}

