// A session is one window's (or one CLI run's) view of the backend: the open project.
// A window's session holds the project's lock (store/lock.ts), so a second window
// opening the same file is refused; a CLI run does not (SQLite's locking suffices).
import { AppError } from '../../shared/contract/result';
import type { Project } from './project/project';
import { acquireProjectLock, type ProjectLock } from './store/lock';

export type HostKind = 'electron' | 'web' | 'cli' | 'test';

export interface SessionOptions {
  host: HostKind;
  /** Where new projects, the demo and the recent list live. */
  dataDir: string;
  /** Prints a view of the app (the URL hash after the token) to PDF, where the host can (web: Chromium; Electron: printToPDF). */
  printPdf?: (hash: string) => Promise<Buffer>;
  /** Take the "open in a window" lock of projects opened here (default: for electron and web). */
  lockProjects?: boolean;
}

export class Session {
  project: Project | null = null;
  private lock: ProjectLock | null = null;

  constructor(readonly options: SessionOptions) {}

  get locksProjects(): boolean {
    return this.options.lockProjects ?? (this.options.host === 'electron' || this.options.host === 'web');
  }

  requireProject(): Project {
    if (!this.project) throw new AppError('NO_PROJECT', 'No project is open. Open a project or create a new one first.');
    return this.project;
  }

  /**
   * Opens (or creates) the project at `path` with `open`, holding its lock first when
   * this session locks projects: refused, with nothing touched, when another window
   * has it. The project this session had open is closed once the new one is open.
   */
  async openLocked(path: string, open: () => Project | Promise<Project>): Promise<Project> {
    const reuse = this.lock?.covers(path) ? this.lock : null;
    const lock = reuse ?? (this.locksProjects ? acquireProjectLock(path, this.options.host) : null);
    let project: Project;
    try {
      project = await open();
    } catch (e) {
      if (lock && lock !== reuse) lock.release();
      throw e;
    }
    this.setProject(project, lock);
    return project;
  }

  setProject(p: Project | null, lock: ProjectLock | null = null): void {
    if (this.project && this.project !== p) this.project.close();
    this.project = p;
    if (this.lock && this.lock !== lock) this.lock.release();
    this.lock = p ? lock : null;
    if (!p) lock?.release();
  }

  close(): void {
    this.setProject(null);
  }
}
