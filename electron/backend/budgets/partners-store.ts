// Every SQL statement on partners: the organisations lines name. Imports, edits, undo
// and the neighbourhood summary read and write partners through these functions. (Reads
// led by spend_lines join partners in the lines store; the audit log's in its own.)
import type { PartnerType } from '../../../shared/domain/types';
import type { Db } from '../store/database';
import { plucked, prepared } from '../store/prepared';

export interface PartnerRow {
  id: number;
  name: string;
  type: PartnerType;
}

/** Each partner with its number of lines and their Σ amount (every year), by name. */
export function partnerSummaries(db: Db): (PartnerRow & { lines: number; totalPence: number })[] {
  return prepared(
    db,
    `SELECT p.id, p.name, p.type, COUNT(l.id) AS lines, COALESCE(SUM(l.amount_pence), 0) AS totalPence
     FROM partners p LEFT JOIN spend_lines l ON l.partner_id = p.id GROUP BY p.id ORDER BY p.name COLLATE NOCASE`,
  ).all() as (PartnerRow & { lines: number; totalPence: number })[];
}

/** Every partner, in the order they were added. */
export function everyPartner(db: Db): PartnerRow[] {
  return prepared(db, 'SELECT id, name, type FROM partners').all() as PartnerRow[];
}

/** The partner of this name in SQLite's ASCII case folding (NOCASE), if any. */
export function partnerByName(db: Db, name: string): PartnerRow | undefined {
  return prepared(db, 'SELECT id, name, type FROM partners WHERE name = ? COLLATE NOCASE').get(name) as PartnerRow | undefined;
}

/** Partners whose names have letters beyond ASCII: their matching is done in code (NFC, Unicode case). */
export function partnersBeyondAscii(db: Db): PartnerRow[] {
  return prepared(db, "SELECT id, name, type FROM partners WHERE name GLOB '*[^ -~]*' ORDER BY id").all() as PartnerRow[];
}

export function partnerType(db: Db, id: number): PartnerType | undefined {
  return plucked(db, 'SELECT type FROM partners WHERE id = ?').get(id) as PartnerType | undefined;
}

export function partnerExists(db: Db, id: unknown): boolean {
  return prepared(db, 'SELECT 1 FROM partners WHERE id = ?').get(id) !== undefined;
}

/** A new partner's id. */
export function insertPartner(db: Db, name: string, type: PartnerType): number {
  return Number(prepared(db, 'INSERT INTO partners (name, type) VALUES (?, ?)').run(name, type).lastInsertRowid);
}

export function setPartnerType(db: Db, id: number, type: string): void {
  prepared(db, 'UPDATE partners SET type = ? WHERE id = ?').run(type, id);
}
