// Compare (issue 15 item 6): one neighbourhood in the open project (a) and another file
// (b) of the same authority, either ward vintage: the neighbourhood is matched by name.
import { basename, resolve } from 'node:path';
import { AppError } from '../../../shared/contract/result';
import type { Status } from '../../../shared/domain/types';
import { compareYears, neighbourhoodFigures, parseIndex, type CompareSideInput } from '../../../shared/engine/compare';
import type { Project } from '../project/project';
import { allocationOf } from '../services/allocation';
import { findNeighbourhood } from '../services/neighbourhoods';
import { openProject } from '../services/projects';

function side(project: Project, name: string): CompareSideInput {
  const s = project.settings();
  const n = findNeighbourhood(project, name);
  const { summary, linePence } = neighbourhoodFigures(allocationOf(project), n.name, n.wards);
  const rows = project.db
    .prepare('SELECT l.id, l.ref, p.name AS partner, l.amount_pence AS amountPence, l.status FROM spend_lines l JOIN partners p ON p.id = l.partner_id')
    .all() as { id: number; ref: string; partner: string; amountPence: number; status: Status }[];
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
