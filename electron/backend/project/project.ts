// An open project: the database plus what every service reads often (wards, proxies).
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { AppError } from '../../../shared/contract/result';
import type { Db } from '../store/database';
import { proxyRows } from '../proxies/proxies-store';
import { projectSettings, wardRows } from './project-store';

export interface ProjectRow {
  name: string;
  ladCode: string;
  ladName: string;
  year: string;
  packId: string;
  packTitle: string;
  packSources: string;
  createdAt: string;
  createdBy: string;
}

export interface WardRow {
  code: string;
  name: string;
}

export interface ProxyRow {
  id: number;
  name: string;
  label: string;
  source: string;
  year: string;
  custom: boolean;
}

/** A cached read and the file's stamp when it was read. */
interface Cached<T> {
  value: T;
  stamp: string;
}

/** Which file is at a path: device and inode (file index on Windows), exact as bigints. */
function identityOf(path: string): string | null {
  try {
    const st = statSync(path, { bigint: true });
    return `${st.dev}:${st.ino}`;
  } catch {
    return null;
  }
}

export class Project {
  private wardCache: Cached<WardRow[]> | null = null;
  private proxyCache: Cached<ProxyRow[]> | null = null;
  private readonly dataVersion;
  private readonly totalChanges;
  /** The file this connection opened. Another program may rename a new file over the path
   * (the CLI's `new --force`): this connection would go on writing to the old one, unseen. */
  private readonly identity: string | null;
  private replaced: AppError | null = null;

  constructor(
    readonly db: Db,
    readonly path: string,
  ) {
    this.dataVersion = db.prepare('PRAGMA data_version').pluck();
    this.totalChanges = db.prepare('SELECT total_changes()').pluck();
    this.identity = identityOf(path);
  }

  /**
   * Moves whenever the file's content may have changed, whoever wrote it: data_version
   * moves on other connections' commits (another process, e.g. the CLI), total_changes()
   * on this connection's own writes (which data_version does not count). Every cache of
   * what is in the file compares it before use.
   */
  stamp(): string {
    return `${this.dataVersion.get() as number}:${this.totalChanges.get() as number}`;
  }

  private fresh<T>(cache: Cached<T> | null, read: () => T): Cached<T> {
    const stamp = this.stamp();
    return cache && cache.stamp === stamp ? cache : { value: read(), stamp };
  }

  /**
   * Refuses, from now on, once the file at the path is not the one open here (replaced,
   * moved or deleted by another program): an edit made now would be lost. One stat call.
   */
  checkFile(): void {
    if (this.replaced) throw this.replaced;
    const now = identityOf(this.path);
    if (now === this.identity) return;
    this.replaced = new AppError(
      'PROJECT_FILE',
      `${basename(this.path)} has been ${now === null ? 'moved or deleted' : 'replaced by another file'} since it was opened here (by another program, or the command line). ` +
        'Nothing more is saved from this window, and the change just made was not saved: open the project again to see what the file holds now.',
      { path: this.path },
    );
    throw this.replaced;
  }

  settings(): ProjectRow {
    return projectSettings(this.db);
  }

  wards(): WardRow[] {
    this.wardCache = this.fresh(this.wardCache, () => wardRows(this.db));
    return this.wardCache.value;
  }

  wardCodes(): Set<string> {
    return new Set(this.wards().map((w) => w.code));
  }

  proxies(): ProxyRow[] {
    this.proxyCache = this.fresh(this.proxyCache, () => proxyRows(this.db));
    return this.proxyCache.value;
  }

  /** Drops the caches now (within a transaction that changed wards or proxies, before it commits). */
  invalidate(): void {
    this.wardCache = null;
    this.proxyCache = null;
  }

  /**
   * Runs fn in one transaction: all of it lands, or none. The file is checked to be
   * the one open here once the write lock is held and again after the commit, so a
   * write that went to a replaced file is reported, never answered ok.
   */
  tx<T>(fn: () => T): T {
    // IMMEDIATE: take the write lock first, so a busy file waits (busy_timeout) rather than fails.
    const result = this.db
      .transaction(() => {
        this.checkFile();
        return fn();
      })
      .immediate();
    this.checkFile();
    return result;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
