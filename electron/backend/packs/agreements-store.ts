// Every SQL statement on line_agreements: which lines partners corrected or signed off,
// with who and when. Accepting a pack, the agreed share, undo of a sign-off and rolling
// forward (last year's sign-offs do not carry) go through here.
import type { Db } from '../store/database';
import { plucked, prepared } from '../store/prepared';

/** line_agreements' columns (migration 004): the only names an undo entry may hold. */
export const AGREEMENT_COLUMNS = ['line_id', 'state', 'fingerprint', 'by_name', 'by_role', 'by_organisation', 'signed_on', 'agreement', 'source', 'at'] as const;

/** A row as stored, column by column (what undo keeps and puts back). */
export type AgreementRow = Record<string, string | number | null>;

/** The columns the agreement states are read from. */
export interface AgreementRecord {
  line_id: number;
  state: 'corrected' | 'agreed';
  fingerprint: string;
  by_name: string | null;
  by_role: string | null;
  by_organisation: string | null;
  signed_on: string | null;
  source: string | null;
  at: string;
}

/** The rows of the lines given (a grid page), else every row. */
export function agreementRecords(db: Db, lineIds?: readonly number[]): AgreementRecord[] {
  if (!lineIds) return prepared(db, 'SELECT * FROM line_agreements').all() as AgreementRecord[];
  const one = prepared(db, 'SELECT * FROM line_agreements WHERE line_id = ?');
  return lineIds.flatMap((id) => one.all(id) as AgreementRecord[]);
}

/** Whether any line was ever corrected or agreed (most projects: none, and nothing to look up). */
export function anyAgreement(db: Db): boolean {
  return prepared(db, 'SELECT 1 FROM line_agreements LIMIT 1').get() !== undefined;
}

/** Lines recorded as agreed (each may since have changed: then it counts as corrected). */
export function recordedAgreedLines(db: Db): number[] {
  return plucked(db, "SELECT line_id FROM line_agreements WHERE state = 'agreed'").all() as number[];
}

/** A line's agreement as a partner gave it (named parameters: id, state, fingerprint, name, role, organisation, signedOn, agreement, source, at). */
export interface AgreementWrite {
  id: number;
  state: 'corrected' | 'agreed';
  fingerprint: string;
  name: string | null;
  role: string | null;
  organisation: string | null;
  signedOn: string | null;
  agreement: string | null;
  source: string;
  at: string;
}
/** Records a line's agreement, replacing what it had. */
export function saveAgreement(db: Db, a: AgreementWrite): void {
  prepared(
    db,
    `INSERT INTO line_agreements (line_id, state, fingerprint, by_name, by_role, by_organisation, signed_on, agreement, source, at)
     VALUES (@id, @state, @fingerprint, @name, @role, @organisation, @signedOn, @agreement, @source, @at)
     ON CONFLICT(line_id) DO UPDATE SET state = excluded.state, fingerprint = excluded.fingerprint, by_name = excluded.by_name,
       by_role = excluded.by_role, by_organisation = excluded.by_organisation, signed_on = excluded.signed_on,
       agreement = excluded.agreement, source = excluded.source, at = excluded.at`,
  ).run(a);
}

// Undo and redo put a line's row back exactly as it was.
export function agreementRowsOf(db: Db, lineIds: readonly number[]): Map<number, AgreementRow | null> {
  const get = prepared(db, `SELECT ${AGREEMENT_COLUMNS.join(', ')} FROM line_agreements WHERE line_id = ?`);
  return new Map(lineIds.map((id) => [id, (get.get(id) as AgreementRow | undefined) ?? null]));
}
/** Sets a line's row (null: the line has none). */
export function putAgreementRow(db: Db, lineId: number, row: AgreementRow | null): void {
  prepared(db, 'DELETE FROM line_agreements WHERE line_id = ?').run(lineId);
  if (row)
    prepared(db, `INSERT INTO line_agreements (${AGREEMENT_COLUMNS.join(', ')}) VALUES (${AGREEMENT_COLUMNS.map((k) => `@${k}`).join(', ')})`).run(
      Object.fromEntries(AGREEMENT_COLUMNS.map((k) => [k, row[k] ?? null])),
    );
}

/** Every agreement goes (rolling forward: last year's sign-offs agreed last year's figures). */
export function clearAgreements(db: Db): void {
  prepared(db, 'DELETE FROM line_agreements').run();
}
