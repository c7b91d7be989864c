// A session is one window's (or one CLI run's) view of the backend: the open project.
import { AppError } from '../../shared/contract/result';
import type { Project } from './project/project';

export type HostKind = 'electron' | 'web' | 'cli' | 'test';

export interface SessionOptions {
  host: HostKind;
  /** Where new projects, the demo and the recent list live. */
  dataDir: string;
}

export class Session {
  project: Project | null = null;

  constructor(readonly options: SessionOptions) {}

  requireProject(): Project {
    if (!this.project) throw new AppError('NO_PROJECT', 'No project is open. Open a project or create a new one first.');
    return this.project;
  }

  setProject(p: Project | null): void {
    if (this.project && this.project !== p) this.project.close();
    this.project = p;
  }

  close(): void {
    this.setProject(null);
  }
}
