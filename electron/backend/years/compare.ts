// Compare (issue 15 item 6): one neighbourhood in the open project (a) and another file
// (b) of the same authority, either ward vintage: the neighbourhood is matched by name.
import { basename, resolve } from 'node:path';
import { AppError } from '../../../shared/contract/result';
import { compareYears, neighbourhoodFigures, parseIndex, type CompareSideInput } from '../../../shared/engine/compare';
import { lineFigures, type LineFigures } from '../budgets/lines-store';
import type { Project } from '../project/project';
import { engineInput, keptAllocation, otherYear } from '../mapping/allocation';
import { Allocation } from '../../../shared/engine';
import { findNeighbourhood } from '../neighbourhoods/service';
import { openProject } from '../project/lifecycle';
import { wardFiguresByLine } from '../mapping/direct-figures-store';

/**
 * The open project's allocation if the app already keeps one; else one built from the
 * few columns the figures need (the full line read, for the grid, is most of the cost
 * of a 20,000-line file). The same engine lines either way: themes do not enter these figures.
 */
function allocation(project: Project, rows: LineFigures[], year: string): Allocation {
  const kept = keptAllocation(project);
  if (kept) return kept;
  const direct = wardFiguresByLine(project.db);
  return new Allocation(
    engineInput(project),
    rows.map((r) => ({
      id: r.id,
      ref: r.ref,
      partner: r.partner,
      amountPence: r.amountPence,
      basis: r.basis,
      beta: r.beta,
      discretionaryPct: r.discretionaryPct,
      confidenceOverride: r.confidence,
      siteWard: r.siteWard,
      direct: direct.get(r.id) ?? null,
      status: r.status,
      excluded: otherYear(r, year),
    })),
  );
}

function side(project: Project, name: string): CompareSideInput {
  const s = project.settings();
  const n = findNeighbourhood(project, name);
  const rows = lineFigures(project.db);
  const { summary, linePence } = neighbourhoodFigures(allocation(project, rows, s.year), n.name, n.wards);
  return {
    file: basename(project.path),
    year: s.year,
    pack: s.packId,
    summary,
    lines: rows.map((l) => ({ ref: l.ref, partner: l.partner, amountPence: l.amountPence, status: l.status, pence: linePence.get(l.id) ?? null })),
  };
}

export function compareProjects(project: Project, input: { other: string; neighbourhood: string; index?: { year: string; index: string }[] | undefined }) {
  if (resolve(input.other) === resolve(project.path)) throw new AppError('INPUT', 'Compare the open project with another file, not with itself.');
  let index = null;
  if (input.index) {
    try {
      index = parseIndex(input.index);
    } catch (e) {
      throw new AppError('INPUT', `--index: ${(e as Error).message}`);
    }
  }
  const sa = project.settings();
  const other = openProject(resolve(input.other));
  try {
    const sb = other.settings();
    if (sb.ladCode !== sa.ladCode)
      throw new AppError('INPUT', `${basename(other.path)} is a project for ${sb.ladName} (${sb.ladCode}), not ${sa.ladName} (${sa.ladCode}). Compare two projects of the same authority.`);
    const a = side(project, input.neighbourhood);
    const b = side(other, input.neighbourhood);
    let c;
    try {
      c = compareYears(a, b, index);
    } catch (e) {
      throw new AppError('INPUT', `--index: ${(e as Error).message}`);
    }
    return {
      authority: { code: sa.ladCode, name: sa.ladName },
      ...c,
      index: index ? { a: sa.year, b: sb.year } : null,
    };
  } finally {
    other.close();
  }
}
