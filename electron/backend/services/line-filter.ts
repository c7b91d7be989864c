// A grid's filter with its focus choice resolved: the 80:20 focus lines come from the
// allocation, which lines.ts (the page query) cannot import without a cycle.
import type { Project } from '../project/project';
import { allocationOf } from './allocation';
import type { LineFilter } from './lines';

export function withFocus<Q extends LineFilter>(project: Project, q: Q): Q {
  return q.focus === undefined ? q : { ...q, focusRefs: [...allocationOf(project).focusSet()] };
}
