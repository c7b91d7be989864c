// Every SQL statement on neighbourhoods and neighbourhood_wards: named sets of the
// project's wards. Saving and deleting them, and converting wards (which maps each
// neighbourhood onto the new wards), go through here.
import type { Db } from '../store/database';
import { prepared } from '../store/prepared';

export interface NeighbourhoodRow {
  id: number;
  name: string;
  /** Ward codes, sorted. */
  wards: string[];
}

/** Every neighbourhood with its wards, by name. */
export function neighbourhoodRows(db: Db): NeighbourhoodRow[] {
  const rows = prepared(
    db,
    `SELECT n.id, n.name, group_concat(w.ward_code, ',') AS wards FROM neighbourhoods n
     LEFT JOIN (SELECT * FROM neighbourhood_wards ORDER BY ward_code) w ON w.neighbourhood_id = n.id
     GROUP BY n.id ORDER BY n.name COLLATE NOCASE`,
  ).all() as { id: number; name: string; wards: string | null }[];
  return rows.map((r) => ({ id: r.id, name: r.name, wards: r.wards ? r.wards.split(',').sort() : [] }));
}

/** A new neighbourhood's id. */
export function insertNeighbourhood(db: Db, name: string): number {
  return Number(prepared(db, 'INSERT INTO neighbourhoods (name) VALUES (?)').run(name).lastInsertRowid);
}

export function renameNeighbourhood(db: Db, id: number, name: string): void {
  prepared(db, 'UPDATE neighbourhoods SET name = ? WHERE id = ?').run(name, id);
}

export function addNeighbourhoodWards(db: Db, id: number, wardCodes: Iterable<string>): void {
  const add = prepared(db, 'INSERT INTO neighbourhood_wards (neighbourhood_id, ward_code) VALUES (?, ?)');
  for (const c of wardCodes) add.run(id, c);
}

/** A neighbourhood's wards replaced as a whole. */
export function replaceNeighbourhoodWards(db: Db, id: number, wardCodes: Iterable<string>): void {
  prepared(db, 'DELETE FROM neighbourhood_wards WHERE neighbourhood_id = ?').run(id);
  addNeighbourhoodWards(db, id, wardCodes);
}

/** Deletes a neighbourhood; its wards go with it (ON DELETE CASCADE), its lines stay. */
export function deleteNeighbourhoodRow(db: Db, id: number): void {
  prepared(db, 'DELETE FROM neighbourhoods WHERE id = ?').run(id);
}

/** Every neighbourhood loses its wards (converting wards: they come back on the new ones). */
export function clearNeighbourhoodWards(db: Db): void {
  prepared(db, 'DELETE FROM neighbourhood_wards').run();
}
