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

export class Project {
  private wardCache: WardRow[] | null = null;
  private proxyCache: ProxyRow[] | null = null;

  constructor(
    readonly db: Db,
    readonly path: string,
  ) {}

  settings(): ProjectRow {
    return this.db
      .prepare(
        `SELECT name, lad_code AS ladCode, lad_name AS ladName, year, pack_id AS packId, pack_title AS packTitle,
                pack_sources AS packSources, created_at AS createdAt, created_by AS createdBy FROM project WHERE id = 1`,
      )
      .get() as ProjectRow;
  }

  wards(): WardRow[] {
    return (this.wardCache ??= this.db.prepare('SELECT code, name FROM wards ORDER BY code').all() as WardRow[]);
  }

  wardCodes(): Set<string> {
    return new Set(this.wards().map((w) => w.code));
  }

  proxies(): ProxyRow[] {
    return (this.proxyCache ??= (
      this.db.prepare('SELECT id, name, label, source, year, custom FROM proxies ORDER BY position, name').all() as (Omit<
        ProxyRow,
        'custom'
      > & { custom: number })[]
    ).map((p) => ({ ...p, custom: p.custom === 1 })));
  }

  /** Call after anything that changes wards or proxies. */
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
