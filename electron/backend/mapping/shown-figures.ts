// The Mapping grid's ward and neighbourhood columns in whole pounds that add up to the
// bottom row's totals (issue 14 item 7): each column is rounded over every allocated
// line by largest remainder (shared/engine/shown-figures.ts), then read for the rows asked.
// The rounded columns are kept until the project changes, so paging reads them for free.
import { roundColumn } from '../../../shared/engine/shown-figures';
import type { Project } from '../project/project';
import { allocationOf } from './allocation';

export interface ShownFigures {
  wardPence: number[];
  neighbourhoodPence: number | null;
}

interface Columns {
  stamp: string;
  neighbourhood: string;
  row: Map<number, number>;
  wards: Float64Array[];
  nb: Float64Array | null;
}
const cache = new WeakMap<Project, Columns>();

function columns(project: Project, neighbourhoodWards: readonly string[] | null): Columns {
  const stamp = project.stamp();
  const key = neighbourhoodWards ? [...neighbourhoodWards].sort().join(',') : '';
  const hit = cache.get(project);
  if (hit && hit.stamp === stamp && hit.neighbourhood === key) return hit;
  const allocation = allocationOf(project);
  const entries: { id: number; amounts: ArrayLike<number> }[] = [];
  for (const e of allocation.lines()) if (e.result.ok) entries.push({ id: e.line.id, amounts: e.result.amounts });
  const column = new Float64Array(entries.length);
  const wards: Float64Array[] = [];
  for (let w = 0; w < project.wards().length; w++) {
    for (let i = 0; i < entries.length; i++) column[i] = entries[i]!.amounts[w]!;
    wards.push(roundColumn(column));
  }
  let nb: Float64Array | null = null;
  if (neighbourhoodWards) {
    const tracker = allocation.neighbourhood(neighbourhoodWards);
    for (let i = 0; i < entries.length; i++) column[i] = tracker.lineFigures(entries[i]!.id)?.pence ?? 0;
    nb = roundColumn(column);
  }
  const made = { stamp, neighbourhood: key, row: new Map(entries.map((e, i) => [e.id, i])), wards, nb };
  cache.set(project, made);
  return made;
}

/** Shown (whole-pound) figures of these lines; none for a line that is not allocated. */
export function shownFigures(project: Project, ids: readonly number[], neighbourhoodWards: readonly string[] | null): Map<number, ShownFigures> {
  const out = new Map<number, ShownFigures>();
  if (ids.length === 0) return out;
  const c = columns(project, neighbourhoodWards);
  for (const id of ids) {
    const i = c.row.get(id);
    if (i === undefined) continue;
    out.set(id, { wardPence: c.wards.map((col) => col[i]!), neighbourhoodPence: c.nb ? c.nb[i]! : null });
  }
  return out;
}
