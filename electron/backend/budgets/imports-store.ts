// Every SQL statement on imports: one row per budget file imported, its lines pointing
// to it (so a refused import's lines are known, and the file's checksum kept).
import type { Db } from '../store/database';
import { prepared } from '../store/prepared';

/** Starts an import's row (checksum and count are set when it commits); returns its id. */
export function startImportRow(db: Db, kind: string, fileName: string): number {
  return Number(prepared(db, 'INSERT INTO imports (kind, file_name, sha256, rows, at) VALUES (?, ?, ?, ?, ?)').run(kind, fileName, '', 0, new Date().toISOString()).lastInsertRowid);
}

export function finishImportRow(db: Db, id: number, sha256: string, rows: number): void {
  prepared(db, 'UPDATE imports SET sha256 = ?, rows = ? WHERE id = ?').run(sha256, rows, id);
}
