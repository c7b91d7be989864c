// Every SQL statement on history: the undo and redo entries kept in the project file.
// Recording, undoing and redoing, and the years' successor files (which start with no
// history: undo steps belong to the file they were made in) go through here.
import type { Db } from '../store/database';
import { prepared } from '../store/prepared';

/** One entry as the file holds it: its changes still JSON text, to be checked before use. */
export interface HistoryRow {
  id: number;
  label: string;
  changes: string;
}

/** Adds an entry for a new action: the redo entries go, and only the latest `keep` entries stay. */
export function pushHistoryEntry(db: Db, label: string, changes: string, keep: number): void {
  prepared(db, 'DELETE FROM history WHERE undone = 1').run();
  prepared(db, 'INSERT INTO history (at, label, changes) VALUES (?, ?, ?)').run(new Date().toISOString(), label, changes);
  prepared(db, 'DELETE FROM history WHERE id <= (SELECT MAX(id) FROM history) - ?').run(keep);
}

/** The entry undo would take (latest done), or redo would (earliest undone). */
export function nextHistoryEntry(db: Db, dir: 'undo' | 'redo'): HistoryRow | undefined {
  return dir === 'undo'
    ? (prepared(db, 'SELECT id, label, changes FROM history WHERE undone = 0 ORDER BY id DESC LIMIT 1').get() as HistoryRow | undefined)
    : (prepared(db, 'SELECT id, label, changes FROM history WHERE undone = 1 ORDER BY id ASC LIMIT 1').get() as HistoryRow | undefined);
}

export function markHistoryEntry(db: Db, id: number, undone: boolean): void {
  prepared(db, 'UPDATE history SET undone = ? WHERE id = ?').run(undone ? 1 : 0, id);
}

/** Every entry goes (a successor file starts with none). */
export function clearHistory(db: Db): void {
  prepared(db, 'DELETE FROM history').run();
}
