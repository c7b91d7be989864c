// mapping.allocate (the CLI's allocate): every line's ward split. Apart from the
// screens' service.ts, whose imports (the lines' writers, history, the packs' rules)
// the split does not need and a CLI run would load for nothing.
import { compareText } from '../../../shared/engine';
import type { Project } from '../project/project';
import { allocationOf } from './allocation';

/** A copy as a plain array, by index: Array.from walks a typed array's iterator, about three times slower. */
function plainArray(xs: ArrayLike<number>): number[] {
  const out = new Array<number>(xs.length);
  for (let i = 0; i < xs.length; i++) out[i] = xs[i]!;
  return out;
}

/** Every allocated line's ward split, by ref; and the lines that could not be allocated. */
export function allocateAll(project: Project) {
  const allocation = allocationOf(project);
  const wards = project.wards().map((w) => w.code);
  const allocated = [...allocation.lines()]
    .filter((e) => e.result.ok)
    .sort((a, b) => compareText(a.line.ref, b.line.ref) || a.line.id - b.line.id);
  const lines = allocated.map((e) => ({ ref: e.line.ref, amounts: e.result.ok ? plainArray(e.result.amounts) : [] }));
  const flagged = allocated.flatMap((e) =>
    e.result.ok && e.result.directDifference !== undefined ? [{ ref: e.line.ref, directDifference: e.result.directDifference }] : [],
  );
  return { wards, lines, unallocated: allocation.unallocated(), flagged };
}
