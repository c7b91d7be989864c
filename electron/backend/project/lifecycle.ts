// Creating projects from a reference pack, and reading their settings.
import { basename } from 'node:path';
import { forbiddenCharacter, normalText, parseFinancialYear } from '../../../shared/domain/fields';
import { AppError } from '../../../shared/contract/result';
import { APP_VERSION } from '../version';
import { authorityWards, loadPack } from '../reference/packs';
import { createProjectDb, openProjectDb } from '../store/database';
import { writeAudit } from '../audit/log';
import { writePackProxies } from '../proxies/proxies-store';
import { addWards, hasProjectRow, insertProjectRow } from './project-store';
import { Project } from './project';

export interface CreateProjectInput {
  path: string;
  pack: string;
  lad: string;
  year: string;
  name?: string;
  force?: boolean;
}

export function createProject(input: CreateProjectInput): Project {
  const year = parseFinancialYear(input.year);
  if (!year.ok) throw new AppError('INPUT', `--year: ${year.message}`);
  const pack = loadPack(input.pack);
  const { ladName, wards } = authorityWards(input.pack, input.lad);
  const ladCode = input.lad.trim().toUpperCase();
  const name = normalText(input.name?.trim() || `${ladName} ${year.value}`);
  const forbidden = forbiddenCharacter(name);
  if (forbidden) throw new AppError('INPUT', `--name: the project name contains ${forbidden}, which cannot be saved. Retype the name as plain text.`);
  createProjectDb(
    input.path,
    (db) => {
      const now = new Date().toISOString();
      insertProjectRow(db, {
        name,
        ladCode,
        ladName,
        year: year.value,
        packId: pack.id,
        packTitle: pack.title,
        packSources: JSON.stringify(pack.sources),
        createdAt: now,
        createdBy: `Spendmap ${APP_VERSION}`,
      });
      addWards(db, wards);
      writePackProxies(db, pack, wards);
      writeAudit(db, [
        {
          action: 'create',
          entity: 'project',
          note: `Created ${basename(input.path)} for ${ladName} (${ladCode}), ${year.value}, ${wards.length} wards from the ${pack.id} reference pack`,
        },
      ]);
    },
    { force: input.force ?? false },
  );
  return openProject(input.path);
}

export function openProject(path: string): Project {
  const db = openProjectDb(path);
  const project = new Project(db, path);
  if (!hasProjectRow(db)) {
    project.close();
    throw new AppError('PROJECT_FILE', `${basename(path)}: this project file is incomplete (it has no project settings). Open a backup copy instead.`, { path });
  }
  return project;
}
