// Every SQL statement on proposals: the business cases stored in the project, one per
// name (any case). Saving, deleting, listing and undoing them go through here.
import type { Db } from '../store/database';
import { prepared } from '../store/prepared';

/** A proposal row as stored (undo keeps and compares it whole, in this column order). */
export interface ProposalRow {
  id: number;
  name: string;
  neighbourhood: string;
  body: string;
  updated_at: string;
}

/** Every proposal, by name. */
export function proposalRows(db: Db): ProposalRow[] {
  return prepared(db, 'SELECT * FROM proposals ORDER BY name COLLATE NOCASE').all() as ProposalRow[];
}

export function proposalByName(db: Db, name: string): ProposalRow | undefined {
  return prepared(db, 'SELECT * FROM proposals WHERE name = ? COLLATE NOCASE').get(name) as ProposalRow | undefined;
}

export function proposalById(db: Db, id: number): ProposalRow | undefined {
  return prepared(db, 'SELECT * FROM proposals WHERE id = ?').get(id) as ProposalRow | undefined;
}

/** Whether a proposal other than `id` has this name (any case). */
export function proposalNameTaken(db: Db, name: string, id: number): boolean {
  return prepared(db, 'SELECT 1 FROM proposals WHERE name = ? COLLATE NOCASE AND id <> ?').get(name, id) !== undefined;
}

export interface ProposalValues {
  name: string;
  neighbourhood: string;
  body: string;
  updatedAt: string;
}
/** A new proposal's id. */
export function insertProposal(db: Db, v: ProposalValues): number {
  return Number(prepared(db, 'INSERT INTO proposals (name, neighbourhood, body, updated_at) VALUES (?, ?, ?, ?)').run(v.name, v.neighbourhood, v.body, v.updatedAt).lastInsertRowid);
}

export function updateProposal(db: Db, id: number, v: ProposalValues): void {
  prepared(db, 'UPDATE proposals SET name = ?, neighbourhood = ?, body = ?, updated_at = ? WHERE id = ?').run(v.name, v.neighbourhood, v.body, v.updatedAt, id);
}

export function deleteProposalRow(db: Db, id: number): void {
  prepared(db, 'DELETE FROM proposals WHERE id = ?').run(id);
}

/** Puts a row back with its own id (undo of a delete, redo of a create). */
export function insertProposalRow(db: Db, row: ProposalRow): void {
  prepared(db, 'INSERT INTO proposals (id, name, neighbourhood, body, updated_at) VALUES (?, ?, ?, ?, ?)').run(row.id, row.name, row.neighbourhood, row.body, row.updated_at);
}
