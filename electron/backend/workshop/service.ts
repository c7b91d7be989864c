// The workshop view: a neighbourhood's figures, optionally with "what if" changes tried
// on the engine alone. The project file is not touched until the user applies them.
import type { EngineLine } from '../../../shared/engine';
import type { WhatIf } from '../../../shared/contract/workshop';
import { SPECIAL_BASES } from '../../../shared/domain/proxies';
import { perHead } from '../../../shared/engine';
import { ratioFromNumber } from '../../../shared/decimal';
import { AppError } from '../../../shared/contract/result';
import type { Project } from '../project/project';
import { allocationOf, changingLines } from '../mapping/allocation';
import { allLines, writeLines } from '../budgets/lines';
import { neighbourhoodDetail } from '../mapping/service';
import { findNeighbourhood } from '../neighbourhoods/service';
import { wardList } from '../proxies/service';

/** The changed engine lines a what-if describes (partner β first, then per-line changes). */
export function whatIfLines(project: Project, w: WhatIf): { lines: EngineLine[]; problems: string[] } {
  const allocation = allocationOf(project);
  const bases = new Set([...project.proxies().map((p) => p.name), ...SPECIAL_BASES]);
  const changed = new Map<number, EngineLine>();
  const problems: string[] = [];
  for (const p of w.partners) {
    let any = false;
    for (const e of allocation.lines()) {
      if (e.line.partner !== p.partner || e.line.basis === 'site' || e.line.basis === 'direct') continue;
      changed.set(e.line.id, { ...(changed.get(e.line.id) ?? e.line), beta: p.beta });
      any = true;
    }
    if (!any) problems.push(`${p.partner} has no lines shared by a proxy or evenly: β does not apply.`);
  }
  for (const l of w.lines) {
    const line = changed.get(l.id) ?? allocation.line(l.id);
    if (!line) {
      problems.push(`Line ${l.id} no longer exists.`);
      continue;
    }
    if (l.basis !== undefined && !bases.has(l.basis)) {
      problems.push(`"${l.basis}" is not a basis in this project.`);
      continue;
    }
    changed.set(l.id, {
      ...line,
      ...(l.basis !== undefined ? { basis: l.basis } : {}),
      ...(l.beta !== undefined ? { beta: l.beta } : {}),
      ...(l.discretionaryPct !== undefined ? { discretionaryPct: l.discretionaryPct } : {}),
    });
  }
  return { lines: [...changed.values()], problems };
}

/** Runs `read` with the what-if applied to the engine, then puts every line back. */
export function withWhatIf<T>(project: Project, w: WhatIf | undefined, read: () => T): { value: T; problems: string[] } {
  if (!w || (!w.lines.length && !w.partners.length)) return { value: read(), problems: [] };
  const allocation = allocationOf(project);
  const { lines, problems } = whatIfLines(project, w);
  const saved = lines.map((l) => allocation.line(l.id)!);
  try {
    for (const l of lines) allocation.setLine(l);
    return { value: read(), problems };
  } finally {
    for (const l of saved) allocation.setLine(l);
  }
}

export function workshopView(project: Project, name: string, w?: WhatIf, withLines = true) {
  const n = findNeighbourhood(project, name);
  const inside = new Set(n.wards);
  const { value, problems } = withWhatIf(project, w, () => {
    const allocation = allocationOf(project);
    const detail = neighbourhoodDetail(project, n.name);
    const totals = allocation.wardTotals();
    const wards = wardList(project).map((ward, i) => {
      const totalPence = totals[i] ?? 0;
      const pop = ward.population;
      return {
        ...ward,
        inNeighbourhood: inside.has(ward.code),
        totalPence,
        perHeadGbp: pop === null || pop <= 0 ? null : perHead(totalPence, ratioFromNumber(pop)),
      };
    });
    return { detail, wards };
  });
  return { ...value, lines: withLines ? allLines(project) : [], whatIfProblems: problems };
}

/** Saves a what-if through the normal write path: checked, audited, undoable. */
export function applyWhatIf(project: Project, w: WhatIf): number {
  const { lines, problems } = whatIfLines(project, w);
  if (problems.length) throw new AppError('INPUT', `The what-if cannot be saved: ${problems.join(' ')}`);
  if (!lines.length) return 0;
  const writes = lines.map((l) => ({
    id: l.id,
    values: { basis: l.basis, beta: String(l.beta), discretionaryPct: String(l.discretionaryPct) },
  }));
  const saved = changingLines(project, () => writeLines(project, writes, { source: 'workshop what-if' }), (ls) => ls.map((x) => x.id));
  return saved.length;
}
