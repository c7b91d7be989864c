// Every SQL statement on project and wards: the file's one row of settings (its name,
// authority, year, reference pack and the next automatic ref) and the authority's wards.
// Creating, opening, rolling forward and converting a project go through here.
import type { Db } from '../store/database';
import { plucked, prepared } from '../store/prepared';
import type { ProjectRow, WardRow } from './project';

/** A new project's one row of settings (its id is always 1). */
export function insertProjectRow(db: Db, p: ProjectRow): void {
  prepared(
    db,
    `INSERT INTO project (id, name, lad_code, lad_name, year, pack_id, pack_title, pack_sources, created_at, created_by)
     VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(p.name, p.ladCode, p.ladName, p.year, p.packId, p.packTitle, p.packSources, p.createdAt, p.createdBy);
}

/** Whether the file has its settings row (a file without one is incomplete). */
export function hasProjectRow(db: Db): boolean {
  return prepared(db, 'SELECT 1 FROM project WHERE id = 1').get() !== undefined;
}

export function projectSettings(db: Db): ProjectRow {
  return prepared(
    db,
    `SELECT name, lad_code AS ladCode, lad_name AS ladName, year, pack_id AS packId, pack_title AS packTitle,
            pack_sources AS packSources, created_at AS createdAt, created_by AS createdBy FROM project WHERE id = 1`,
  ).get() as ProjectRow;
}

/** The number the next automatic ref (L00001…) is made from. */
export function nextRefNumber(db: Db): number {
  return plucked(db, 'SELECT next_ref FROM project WHERE id = 1').get() as number;
}
export function setNextRefNumber(db: Db, n: number): void {
  prepared(db, 'UPDATE project SET next_ref = ? WHERE id = 1').run(n);
}

/** Rolling forward: the new file's name and year, created now. */
export function setProjectYear(db: Db, name: string, year: string, createdAt: string): void {
  prepared(db, 'UPDATE project SET name = ?, year = ?, created_at = ? WHERE id = 1').run(name, year, createdAt);
}

/** Converting wards: the reference pack the project is now on. */
export function setProjectPack(db: Db, pack: { id: string; title: string; sources: unknown }): void {
  prepared(db, 'UPDATE project SET pack_id = ?, pack_title = ?, pack_sources = ? WHERE id = 1').run(pack.id, pack.title, JSON.stringify(pack.sources));
}

/** The project's wards, by code. */
export function wardRows(db: Db): WardRow[] {
  return prepared(db, 'SELECT code, name FROM wards ORDER BY code').all() as WardRow[];
}

export function addWards(db: Db, wards: Iterable<WardRow>): void {
  const insert = prepared(db, 'INSERT INTO wards (code, name) VALUES (?, ?)');
  for (const w of wards) insert.run(w.code, w.name);
}

/** Every ward goes (converting: what named them has gone first). */
export function clearWards(db: Db): void {
  prepared(db, 'DELETE FROM wards').run();
}
