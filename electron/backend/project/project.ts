// An open project: the database plus what every service reads often (wards, proxies).
import type { Db } from '../store/database';

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

export class Project {
  private wardCache: Cached<WardRow[]> | null = null;
  private proxyCache: Cached<ProxyRow[]> | null = null;
  private readonly dataVersion;
  private readonly totalChanges;

  constructor(
    readonly db: Db,
    readonly path: string,
  ) {
    this.dataVersion = db.prepare('PRAGMA data_version').pluck();
    this.totalChanges = db.prepare('SELECT total_changes()').pluck();
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

  settings(): ProjectRow {
    return this.db
      .prepare(
        `SELECT name, lad_code AS ladCode, lad_name AS ladName, year, pack_id AS packId, pack_title AS packTitle,
                pack_sources AS packSources, created_at AS createdAt, created_by AS createdBy FROM project WHERE id = 1`,
      )
      .get() as ProjectRow;
  }

  wards(): WardRow[] {
    this.wardCache = this.fresh(this.wardCache, () => this.db.prepare('SELECT code, name FROM wards ORDER BY code').all() as WardRow[]);
    return this.wardCache.value;
  }

  wardCodes(): Set<string> {
    return new Set(this.wards().map((w) => w.code));
  }

  proxies(): ProxyRow[] {
    this.proxyCache = this.fresh(this.proxyCache, () =>
      (
        this.db.prepare('SELECT id, name, label, source, year, custom FROM proxies ORDER BY position, name').all() as (Omit<ProxyRow, 'custom'> & {
          custom: number;
        })[]
      ).map((p) => ({ ...p, custom: p.custom === 1 })),
    );
    return this.proxyCache.value;
  }

  /** Drops the caches now (within a transaction that changed wards or proxies, before it commits). */
  invalidate(): void {
    this.wardCache = null;
    this.proxyCache = null;
  }

  /** Runs fn in one transaction: all of it lands, or none. */
  tx<T>(fn: () => T): T {
    // IMMEDIATE: take the write lock first, so a busy file waits (busy_timeout) rather than fails.
    return this.db.transaction(fn).immediate();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
