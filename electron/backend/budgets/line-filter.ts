// A grid's filter with its focus choice resolved: the 80:20 focus lines come from the
// allocation, which lines.ts (the page query) cannot import without a cycle.
import type { Project } from '../project/project';
import { allocationOf } from '../mapping/allocation';
import type { FocusCut, LineFilter } from './lines';

// The cut for each focus set the allocation made (a new set after each change).
const cuts = new WeakMap<ReadonlySet<string>, FocusCut>();

function focusCut(project: Project): FocusCut {
  const allocation = allocationOf(project);
  const focus = allocation.focusSet();
  let cut = cuts.get(focus);
  if (cut) return cut;
  let at: number | null = null;
  for (const e of allocation.lines()) if (focus.has(e.line.ref) && (at === null || e.line.amountPence < at)) at = e.line.amountPence;
  const tieRefs: string[] = [];
  for (const e of allocation.lines()) if (e.line.amountPence === at && focus.has(e.line.ref)) tieRefs.push(e.line.ref);
  cuts.set(focus, (cut = { at, tieRefs }));
  return cut;
}

export function withFocus<Q extends LineFilter>(project: Project, q: Q): Q {
  return q.focus === undefined ? q : { ...q, focusCut: focusCut(project) };
}
