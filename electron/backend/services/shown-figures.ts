// The Mapping grid's ward and neighbourhood columns in whole pounds that add up to the
// bottom row's totals (issue 14 item 7): each column is rounded over every allocated
// line by largest remainder (shared/engine/shown-figures.ts), then read for the rows asked.
import { roundColumn } from '../../../shared/engine/shown-figures';
import type { Project } from '../project/project';
import { allocationOf } from './allocation';

export interface ShownFigures {
  wardPence: number[];
  neighbourhoodPence: number | null;
}

/** Shown (whole-pound) figures of these lines; none for a line that is not allocated. */
export function shownFigures(project: Project, ids: readonly number[], neighbourhoodWards: readonly string[] | null): Map<number, ShownFigures> {
  const allocation = allocationOf(project);
  const out = new Map<number, ShownFigures>();
  const wanted = new Set(ids);
  const entries: { id: number; amounts: ArrayLike<number> }[] = [];
  for (const e of allocation.lines()) if (e.result.ok) entries.push({ id: e.line.id, amounts: e.result.amounts });
  const at: [number, ShownFigures][] = [];
  entries.forEach((e, i) => {
    if (!wanted.has(e.id)) return;
    const f: ShownFigures = { wardPence: [], neighbourhoodPence: null };
    out.set(e.id, f);
    at.push([i, f]);
  });
  if (at.length === 0) return out;
  // One column at a time: memory is one value per line, not lines × wards.
  const column = new Float64Array(entries.length);
  const wards = project.wards().length;
  for (let w = 0; w < wards; w++) {
    for (let i = 0; i < entries.length; i++) column[i] = entries[i]!.amounts[w]!;
    const shown = roundColumn(column);
    for (const [i, f] of at) f.wardPence.push(shown[i]!);
  }
  if (neighbourhoodWards) {
    const tracker = allocation.neighbourhood(neighbourhoodWards);
    for (let i = 0; i < entries.length; i++) column[i] = tracker.lineFigures(entries[i]!.id)?.pence ?? 0;
    const shown = roundColumn(column);
    for (const [i, f] of at) f.neighbourhoodPence = shown[i]!;
  }
  return out;
}
