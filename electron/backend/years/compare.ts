// Compare (issue 15 item 6): one neighbourhood in the open project (a) and another file
// (b) of the same authority, either ward vintage: the neighbourhood is matched by name.
import { basename, resolve } from 'node:path';
import { AppError } from '../../../shared/contract/result';
import { neighbourhoodSummary } from '../../../shared/engine';
import { compareYears, parseIndex, type CompareSideInput } from '../../../shared/engine/compare';
import type { Project } from '../project/project';
import { allocationOf } from '../services/allocation';
import { allLines } from '../services/lines';
import { findNeighbourhood } from '../services/neighbourhoods';
import { openProject } from '../services/projects';

function side(project: Project, name: string): CompareSideInput {
  const s = project.settings();
  const n = findNeighbourhood(project, name);
  const allocation = allocationOf(project);
  const summary = neighbourhoodSummary(allocation, { name: n.name, wards: n.wards });
  const tracker = allocation.neighbourhood(n.wards);
  return {
    file: basename(project.path),
    year: s.year,
    pack: s.packId,
    summary,
    lines: allLines(project).map((l) => ({ ref: l.ref, partner: l.partner, amountPence: l.amountPence, status: l.status, pence: tracker.lineFigures(l.id)?.pence ?? null })),
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
