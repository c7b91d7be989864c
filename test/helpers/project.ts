// Fresh real projects for integration tests: one Kingston (2024 wards) file is made
// per test file, and each test opens its own copy of it.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import type { Project } from '../../electron/backend/project/project';
import { createProject, openProject } from '../../electron/backend/project/lifecycle';
import { AppError, type Problem } from '../../shared/contract/result';
import { useTmpDirs } from './tmp';

export function useProjects(prefix = 'spendmap-project-') {
  const tmp = useTmpDirs(prefix);
  const open: Project[] = [];
  let template: string | null = null;
  afterAll(() => {
    for (const p of open.splice(0)) p.close();
  });
  return {
    tmp,
    /** A new, open Kingston 2023-24 project on 2024 wards, in its own temp folder. */
    fresh(): Project {
      if (!template) {
        template = join(tmp(), 'template.spendmap');
        createProject({ path: template, pack: 'wards2024', lad: 'E09000021', year: '2023-24' }).close();
      }
      const path = join(tmp(), 'project.spendmap');
      copyFileSync(template, path);
      const p = openProject(path);
      open.push(p);
      return p;
    },
  };
}

/** Awaits a call that must be refused with an AppError; returns the error. */
export async function refusedWith(promise: Promise<unknown> | (() => unknown)): Promise<AppError> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (e) {
    if (!(e instanceof AppError)) throw new Error(`expected an AppError, got: ${(e as Error)?.stack ?? String(e)}`);
    return e;
  }
  throw new Error('expected a refusal, but the call succeeded');
}

export function problemsOf(e: AppError): Problem[] {
  return (e.details?.problems ?? []) as Problem[];
}
