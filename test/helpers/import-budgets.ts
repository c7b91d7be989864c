// What the budget import tests share: a partner's name, the import of one file into a
// project, and its lines by ref.
import type { Project } from '../../electron/backend/project/project';
import { importBudgets, type ImportOptions } from '../../electron/backend/budgets/import';
import { allLines } from '../../electron/backend/budgets/lines';

export const NHS = 'Kingston Hospital NHS Foundation Trust';

export function importFile(project: Project, path: string, opts: Omit<ImportOptions, 'file'> = {}) {
  return importBudgets(project, { file: { path }, ...opts });
}

export const linesByRef = (project: Project) => new Map(allLines(project).map((l) => [l.ref, l]));
