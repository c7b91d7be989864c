// Neighbourhoods: named sets of the project's wards (Norbiton = 1 ward; Poplar = 2).
import { AppError, inputError, type Problem } from '../../../shared/contract/result';
import { forbiddenCharacter, matchKey, normalText, wardCode } from '../../../shared/domain/fields';
import type { Project } from '../project/project';
import { writeAudit } from '../audit/log';
import { addNeighbourhoodWards, deleteNeighbourhoodRow, insertNeighbourhood, neighbourhoodRows, renameNeighbourhood, replaceNeighbourhoodWards, type NeighbourhoodRow } from './neighbourhoods-store';

export type Neighbourhood = NeighbourhoodRow;

export function listNeighbourhoods(project: Project): Neighbourhood[] {
  return neighbourhoodRows(project.db);
}

export function findNeighbourhood(project: Project, name: string): Neighbourhood {
  const n = listNeighbourhoods(project).find((x) => matchKey(x.name) === matchKey(name));
  if (!n) {
    const names = listNeighbourhoods(project).map((x) => x.name);
    throw new AppError('NOT_FOUND', `There is no neighbourhood "${name}" in this project.${names.length ? ` It has: ${names.join(', ')}.` : ' Create one first.'}`);
  }
  return n;
}

/** Creates the neighbourhood, or replaces its wards if the name exists. */
export function saveNeighbourhood(project: Project, name: string, wardCodes: string[], source = 'app'): Neighbourhood {
  const clean = normalText(name.trim());
  const problems: Problem[] = [];
  if (!clean) problems.push({ column: 'name', message: 'is blank. Name the neighbourhood, e.g. Norbiton.' });
  if (clean.length > 100) problems.push({ column: 'name', message: 'is longer than 100 characters.' });
  const forbidden = forbiddenCharacter(clean);
  if (forbidden) problems.push({ column: 'name', message: `contains ${forbidden}, which cannot be saved; retype the name as plain text.` });
  const known = project.wardCodes();
  const codes = [...new Set(wardCodes.map(wardCode).filter(Boolean))].sort();
  if (!codes.length) problems.push({ column: 'wards', message: 'no wards chosen. Tick at least one ward.' });
  for (const c of codes)
    if (!known.has(c)) problems.push({ column: 'wards', value: c, message: `"${c}" is not a ward of this project.` });
  if (problems.length) throw inputError(`The neighbourhood cannot be saved: ${problems.map((p) => p.message).join(' ')}`, problems);
  return project.tx(() => {
    const old = listNeighbourhoods(project).find((n) => matchKey(n.name) === matchKey(clean));
    const before = old ? old.wards : null;
    let id: number;
    if (old) {
      id = old.id;
      renameNeighbourhood(project.db, id, clean);
      replaceNeighbourhoodWards(project.db, id, codes);
    } else {
      id = insertNeighbourhood(project.db, clean);
      addNeighbourhoodWards(project.db, id, codes);
    }
    writeAudit(project.db, [
      { action: old ? 'update' : 'create', entity: 'neighbourhood', entityId: id, field: 'wards', oldValue: before, newValue: codes, note: `${clean} (${source})` },
    ]);
    return { id, name: clean, wards: codes };
  });
}

/** Deletes the neighbourhood named (any case), with its wards; its lines stay. */
export function deleteNeighbourhood(project: Project, name: string): boolean {
  const n = listNeighbourhoods(project).find((x) => matchKey(x.name) === matchKey(name));
  if (!n) throw new AppError('NOT_FOUND', `There is no neighbourhood "${name}".`);
  project.tx(() => {
    deleteNeighbourhoodRow(project.db, n.id);
    writeAudit(project.db, [{ action: 'delete', entity: 'neighbourhood', entityId: n.id, oldValue: n.wards, note: n.name }]);
  });
  return true;
}
