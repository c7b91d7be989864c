// The engine applied to an open project: every line apportioned to wards, kept up to
// date one line at a time as lines change, rebuilt when proxies or wards change.
import { Allocation, type EngineInput, type EngineLine } from '../../../shared/engine';
import type { SpendLine } from '../../../shared/domain/types';
import type { Project } from '../project/project';
// The lines' store, not budgets/lines.ts: that one's writers load history and the packs' rules.
import { everyEngineLine, linesById, type EngineLineFields } from '../budgets/lines-store';
import { proxyValues } from '../proxies/service';
import { wardFiguresByLine } from './direct-figures-store';

interface EngineState {
  allocation: Allocation;
  /** The project's stamp (Project.stamp: this connection's writes and other connections' commits) when the allocation last matched the file. */
  seen: string;
}

const states = new WeakMap<Project, EngineState>();

export function engineInput(project: Project): EngineInput {
  const wards = project.wards();
  const values = proxyValues(project);
  const proxies: Record<string, (number | null)[]> = {};
  for (const [name, byWard] of values) proxies[name] = wards.map((w) => byWard.get(w.code) ?? null);
  return {
    wards: wards.map((w, i) => ({ code: w.code, population: proxies.population?.[i] ?? null, imdScore: proxies.imd_score?.[i] ?? null })),
    proxies,
  };
}

function directByLine(project: Project, ids?: number[]): Map<number, Map<string, number>> {
  return wardFiguresByLine(project.db, ids);
}

/**
 * A line of another year than the project's (only in files from before the year rule,
 * which refuses them at every entry) stays in the file but out of every total: it is
 * listed as unallocated, saying why, rather than silently dropped or mixed in.
 */
export function otherYear(line: Pick<SpendLine, 'year'>, projectYear: string): string | null {
  return line.year === projectYear ? null : `its year ${line.year} is not the project's year ${projectYear}, so it is left out of every total; change its year or delete it`;
}

export function toEngineLine(line: EngineLineFields, direct: Map<string, number> | undefined, projectYear: string): EngineLine {
  return {
    id: line.id,
    ref: line.ref,
    partner: line.partner,
    amountPence: line.amountPence,
    basis: line.basis,
    beta: line.beta,
    discretionaryPct: line.discretionaryPct,
    confidenceOverride: line.confidenceOverride,
    siteWard: line.siteWard,
    direct: direct ?? null,
    themes: line.themes,
    status: line.status,
    excluded: otherYear(line, projectYear),
  };
}

function build(project: Project): EngineState {
  const direct = directByLine(project);
  const year = project.settings().year;
  const allocation = new Allocation(engineInput(project), everyEngineLine(project.db).map((l) => toEngineLine(l, direct.get(l.id), year)));
  return { allocation, seen: project.stamp() };
}

/** The allocation kept for the project, if there is one and it is current with the file (else null: nothing is built). */
export function keptAllocation(project: Project): Allocation | null {
  const state = states.get(project);
  return state && state.seen === project.stamp() ? state.allocation : null;
}

/** The project's allocation, current with the file. */
export function allocationOf(project: Project): Allocation {
  let state = states.get(project);
  if (!state || state.seen !== project.stamp()) states.set(project, (state = build(project)));
  return state.allocation;
}

/**
 * Tells the engine that these lines changed (or were deleted): it re-apportions them
 * alone. If anything else changed since it last looked, it rebuilds instead.
 */
export function linesChanged(project: Project, ids: number[], stampBefore: string): void {
  const state = states.get(project);
  if (!state) return;
  if (state.seen !== stampBefore) {
    states.delete(project);
    return;
  }
  const present = new Map(
    ids.flatMap((id) => {
      try {
        return [[id, linesById(project.db, [id])[0]!] as const];
      } catch {
        return [];
      }
    }),
  );
  const direct = directByLine(project, [...present.keys()]);
  const year = project.settings().year;
  for (const id of ids) {
    const line = present.get(id);
    if (line) state.allocation.setLine(toEngineLine(line, direct.get(id), year));
    else state.allocation.removeLine(id);
  }
  state.seen = project.stamp();
}

type LinesListener = (project: Project, ids: number[], stampBefore: string) => void;
const listeners: LinesListener[] = [];

/** Other per-line caches (the agreed lines) kept in step the same way as the allocation. */
export function onLinesChanged(listener: LinesListener): void {
  listeners.push(listener);
}

/** Runs a write to some lines and keeps the allocation (and the caches listening) in step with it. */
export function changingLines<T>(project: Project, write: () => T, ids: (result: T) => number[]): T {
  const before = project.stamp();
  const result = write();
  const changed = ids(result);
  for (const l of listeners) l(project, changed, before);
  linesChanged(project, changed, before);
  return result;
}
