// Handlers for the app and the project lifecycle: create, open, close, recent files.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Project } from './project';
import { projectInfo, projectsFolder, safeFileName } from './info';
import { createProject, openProject } from './lifecycle';
import { noteRecent, recentWithStatus } from './recent';
import { APP_VERSION } from '../version';
import type { Registry } from '../registry';

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
    // Loaded when asked for: the demo builds with the budget importer, which opening a project does not need.
    const { DEMO_FILE, openDemo } = await import('./demo');
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
