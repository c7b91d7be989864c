// The built-in demo project: Kingston upon Thames on 2024 wards, 2023-24, with
// the council's real outturn lines, illustrative partner lines and Norbiton.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { importBudgets } from '../budgets/import';
import type { Project } from './project';
import { resourcesDir } from '../resources';
import { saveNeighbourhood } from '../neighbourhoods/service';
import { createProject, openProject } from './lifecycle';

export const DEMO_FILE = 'Demo - Kingston upon Thames 2023-24.spendmap';
export const DEMO_FILES = ['kingston-council-2023-24.csv', 'kingston-partners-illustrative.csv'];

export async function openDemo(folder: string, rebuild = false): Promise<Project> {
  mkdirSync(folder, { recursive: true });
  const path = join(folder, DEMO_FILE);
  if (existsSync(path) && !rebuild) return openProject(path);
  return buildDemo(path);
}

export async function buildDemo(path: string): Promise<Project> {
  const project = createProject({
    path,
    pack: 'wards2024',
    lad: 'E09000021',
    year: '2023-24',
    name: 'Kingston upon Thames 2023-24 (demo)',
    force: true,
  });
  try {
    for (const f of DEMO_FILES) await importBudgets(project, { file: { path: join(resourcesDir(), 'demo', f) } });
    saveNeighbourhood(project, 'Norbiton', ['E05013941'], 'demo');
    return project;
  } catch (e) {
    project.close();
    throw e;
  }
}
