// Every SQL statement on direct_figures: a partner's own ward amounts for a line. The
// typed-in and imported figures, undo, the allocation, the packs' fingerprints and the
// years' convert and roll forward all read and write them through these functions.
import type { Db } from '../store/database';
import { plucked, prepared } from '../store/prepared';

/** One line's figures as [ward code, pence], by ward code (what undo keeps and compares). */
export function lineWardFigures(db: Db, lineId: number): [string, number][] {
  const rows = prepared(db, 'SELECT ward_code, amount_pence FROM direct_figures WHERE line_id = ? ORDER BY ward_code').all(lineId) as {
    ward_code: string;
    amount_pence: number;
  }[];
  return rows.map((r) => [r.ward_code, r.amount_pence]);
}

/** Ward figures by line id, ward code → pence: of the lines given, else of every line. */
export function wardFiguresByLine(db: Db, ids?: readonly number[]): Map<number, Map<string, number>> {
  const sql = 'SELECT line_id AS id, ward_code AS ward, amount_pence AS pence FROM direct_figures';
  const one = ids && prepared(db, `${sql} WHERE line_id = ?`);
  const rows = (one ? ids.flatMap((id) => one.all(id)) : prepared(db, sql).all()) as { id: number; ward: string; pence: number }[];
  const out = new Map<number, Map<string, number>>();
  for (const r of rows) {
    let m = out.get(r.id);
    if (!m) out.set(r.id, (m = new Map()));
    m.set(r.ward, r.pence);
  }
  return out;
}

/** Adds figures to a line (one that has none for those wards: a line put back by undo). */
export function addLineWardFigures(db: Db, lineId: number, figures: Iterable<readonly [string, number]>): void {
  const add = prepared(db, 'INSERT INTO direct_figures (line_id, ward_code, amount_pence) VALUES (?, ?, ?)');
  for (const [ward, pence] of figures) add.run(lineId, ward, pence);
}

/** A line's figures replaced as a whole (they are typed in, imported and undone that way). */
export function replaceLineWardFigures(db: Db, lineId: number, figures: Iterable<readonly [string, number]>): void {
  prepared(db, 'DELETE FROM direct_figures WHERE line_id = ?').run(lineId);
  addLineWardFigures(db, lineId, figures);
}

/** Σ of every ward figure in the project (a float from SQLite's total(), never an overflow). */
export function wardFiguresTotal(db: Db): number {
  return plucked(db, 'SELECT total(amount_pence) FROM direct_figures').get() as number;
}

/** Every figure with its line's ref and year, by line: what converting wards re-apportions. */
export interface RefWardFigure {
  ref: string;
  id: number;
  w: string;
  p: number;
  year: string | null;
}
export function wardFiguresWithRefs(db: Db): RefWardFigure[] {
  return prepared(
    db,
    'SELECT l.ref, f.line_id AS id, f.ward_code AS w, f.amount_pence AS p, f.year FROM direct_figures f JOIN spend_lines l ON l.id = f.line_id ORDER BY f.line_id',
  ).all() as RefWardFigure[];
}

/** Every figure goes (converting wards: they name the old wards and come back on the new). */
export function clearWardFigures(db: Db): void {
  prepared(db, 'DELETE FROM direct_figures').run();
}

/** A prepared insert of figures with the year they are for (null: the project's year). */
export function wardFigureInserter(db: Db): (lineId: number, ward: string, pence: number, year: string | null) => void {
  const insert = prepared(db, 'INSERT INTO direct_figures (line_id, ward_code, amount_pence, year) VALUES (?, ?, ?, ?)');
  return (lineId, ward, pence, year) => void insert.run(lineId, ward, pence, year);
}

/** Rolling forward: figures of the project's year become that year's, i.e. last year's in the new file. */
export function markWardFiguresYear(db: Db, year: string): void {
  prepared(db, 'UPDATE direct_figures SET year = ? WHERE year IS NULL').run(year);
}
