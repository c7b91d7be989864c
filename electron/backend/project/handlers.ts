// Handlers for reference packs and the project lifecycle.
import { existsSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ProjectInfo } from '../../../shared/contract/methods';
import type { ReferenceSource } from '../../../shared/domain/reference';
import type { Project } from './project';
import { listAuthorities, listPacks } from '../reference/packs';
import { DEMO_FILE, openDemo } from './demo';
import { listNeighbourhoods } from '../neighbourhoods/service';
import { createProject, openProject } from './lifecycle';
import { noteRecent, recentWithStatus } from './recent';
import { APP_VERSION } from '../version';
import type { Registry } from '../registry';

export function projectsFolder(dataDir: string): string {
  return join(dataDir, 'projects');
}

/** A file name that is safe on Windows, macOS and Linux. */
export function safeFileName(name: string): string {
  const cleaned = name
    .normalize('NFC')
    .replace(/[<>:"/\\|?*\u0000-\u001f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[. ]+$/, '')
    .slice(0, 120);
  const reserved = /^(con|prn|aux|nul|com\d|lpt\d)$/i;
  return !cleaned || reserved.test(cleaned) ? `Project ${cleaned}`.trim() : cleaned;
}

/** The project's line count, partner count and Σ amount (the window's title bar). */
export function projectCounts(project: Project): { lines: number; partners: number; totalPence: number } {
  return project.db
    .prepare(
      `SELECT (SELECT COUNT(*) FROM spend_lines) AS lines, (SELECT COUNT(*) FROM partners) AS partners,
              (SELECT COALESCE(SUM(amount_pence), 0) FROM spend_lines WHERE year = (SELECT year FROM project)) AS totalPence`,
    )
    .get() as { lines: number; partners: number; totalPence: number };
}

export function projectInfo(project: Project): ProjectInfo {
  const s = project.settings();
  const counts = projectCounts(project);
  return {
    path: project.path,
    fileName: basename(project.path),
    name: s.name,
    ladCode: s.ladCode,
    ladName: s.ladName,
    year: s.year,
    packId: s.packId,
    packTitle: s.packTitle,
    wards: project.wards().length,
    lines: counts.lines,
    partners: counts.partners,
    totalPence: counts.totalPence,
    neighbourhoods: listNeighbourhoods(project),
    sources: JSON.parse(s.packSources) as ReferenceSource[],
  };
}

export function registerProjectHandlers(r: Registry): void {
  r.register('app.info', (_i, { session, origin }) => ({
    version: APP_VERSION,
    host: session.options.host,
    projectsFolder: projectsFolder(session.options.dataDir),
    origin: origin ?? null,
  }));

  // Hosts intercept app.cancel before their queue; reaching here means nothing was running.
  r.register('app.cancel', () => ({ cancelled: false }));
  // The desktop app answers this in its main process; a browser or the CLI has no native dialog.
  r.register('host.dialog', () => ({ path: null }));

  r.register('reference.packs', () => listPacks().map(({ id, title, wards, authorities }) => ({ id, title, wards, authorities })));
  r.register('reference.authorities', ({ pack }) => listAuthorities(pack));

  const opened = (session: { options: { dataDir: string } }, p: Project) => {
    const info = projectInfo(p);
    noteRecent(session.options.dataDir, p.path, info.name);
    return info;
  };

  // Windows (web, Electron) hold the project's lock while it is open: a second window
  // opening the same file is refused, naming who has it, with the file untouched.
  r.register('project.create', async (input, { session }) => {
    const p = await session.openLocked(input.path, () => {
      // The file this window has open may be the one replaced (--force): close it first.
      if (session.project && session.project.path === input.path) session.project.close();
      return createProject(input);
    });
    return opened(session, p);
  });
  r.register('project.open', async ({ path }, { session }) => opened(session, await session.openLocked(path, () => openProject(path))));
  r.register('project.openDemo', async ({ rebuild }, { session }) => {
    const folder = projectsFolder(session.options.dataDir);
    const path = join(folder, DEMO_FILE);
    mkdirSync(folder, { recursive: true });
    return opened(
      session,
      await session.openLocked(path, () => {
        if (session.project && session.project.path === path) session.project.close();
        return openDemo(folder, rebuild ?? false);
      }),
    );
  });
  r.register('project.close', (_i, { session }) => {
    const was = session.project !== null;
    session.setProject(null);
    return { closed: was };
  });
  r.register('project.current', (_i, { session }) => (session.project ? projectInfo(session.project) : null));
  r.register('project.recent', (_i, { session }) => recentWithStatus(session.options.dataDir));
  r.register('project.suggestPath', ({ name }, { session }) => {
    const folder = projectsFolder(session.options.dataDir);
    mkdirSync(folder, { recursive: true });
    const path = join(folder, `${safeFileName(name)}.spendmap`);
    return { path, exists: existsSync(path) };
  });
}
