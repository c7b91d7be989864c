// Every SQL statement on audit_log: rows appended with each change, and read back each
// with the partner it concerns, filtered.
import type { Db } from '../store/database';
import { plucked, prepared } from '../store/prepared';
import type { AuditEntryView } from '../../../shared/contract/audit';

export interface AuditQuery {
  sinceIso?: string;
  ref?: string;
  partner?: string;
  entity?: string;
  entityId?: string;
}

// The partner of a line's change is the line's partner now; for a deleted line, the one
// its snapshot names (create/delete rows hold the whole line as JSON); a partner's own
// rows name it by id.
const snapshotPartner = (col: string) => `CASE WHEN json_valid(a.${col}) THEN json_extract(a.${col}, '$.partner') END`;
const ROWS = `
  SELECT a.id, a.at, a.by_user AS who, a.action, a.entity, a.entity_id AS entityId, a.ref,
         COALESCE(lp.name, ${snapshotPartner('new_value')}, ${snapshotPartner('old_value')}, pp.name) AS partner,
         a.field, a.old_value AS oldValue, a.new_value AS newValue, a.note
  FROM audit_log a
  LEFT JOIN spend_lines l ON a.entity = 'line' AND l.id = CAST(a.entity_id AS INTEGER)
  LEFT JOIN partners lp ON lp.id = l.partner_id
  LEFT JOIN partners pp ON a.entity = 'partner' AND pp.id = CAST(a.entity_id AS INTEGER)`;

function where(q: AuditQuery): { sql: string; args: unknown[] } {
  const terms: [string, unknown][] = [];
  if (q.sinceIso) terms.push(['at >= ?', q.sinceIso]);
  if (q.ref) terms.push(['ref = ? COLLATE NOCASE', q.ref]);
  if (q.partner) terms.push(['partner = ? COLLATE NOCASE', q.partner]);
  if (q.entity) terms.push(['entity = ?', q.entity]);
  if (q.entityId) terms.push(['entityId = ?', q.entityId]);
  const clauses = terms.map(([sql]) => sql);
  const args = terms.map(([, arg]) => arg);
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', args };
}

export function auditRows(db: Db, q: AuditQuery, page: { limit: number; offset: number; order: 'newest' | 'oldest' }): AuditEntryView[] {
  const w = where(q);
  return db
    .prepare(`SELECT * FROM (${ROWS}) ${w.sql} ORDER BY id ${page.order === 'oldest' ? 'ASC' : 'DESC'} LIMIT ? OFFSET ?`)
    .all(...w.args, page.limit, page.offset) as AuditEntryView[];
}

export function auditCount(db: Db, q: AuditQuery): number {
  const w = where(q);
  return (db.prepare(`SELECT COUNT(*) FROM (${ROWS}) ${w.sql}`).pluck().get(...w.args) as number) ?? 0;
}

export function auditKinds(db: Db): string[] {
  return db.prepare('SELECT DISTINCT entity FROM audit_log ORDER BY entity').pluck().all() as string[];
}

/** One row as written: every value already text (or null). */
export type AuditRowValues = [at: string, byUser: string | null, action: string, entity: string, entityId: string | null, ref: string | null, field: string | null, oldValue: string | null, newValue: string | null, note: string | null];
export function appendAuditRows(db: Db, rows: Iterable<AuditRowValues>): void {
  const insert = prepared(db, 'INSERT INTO audit_log (at, by_user, action, entity, entity_id, ref, field, old_value, new_value, note) VALUES (?,?,?,?,?,?,?,?,?,?)');
  for (const r of rows) insert.run(...r);
}

/**
 * Who recorded a line's agreement: the user of the audit entry written with it (the same
 * time). Looked up by line (index audit_log_entity): `+at` keeps SQLite off the time
 * index, where one sign-off's thousands of entries share a time.
 */
export function agreementRecorder(db: Db): (lineId: number, at: string) => string | null {
  const entry = plucked(db, "SELECT by_user FROM audit_log WHERE entity = 'line' AND entity_id = ? AND field = 'agreement' AND +at = ? ORDER BY id DESC LIMIT 1");
  return (lineId, at) => (entry.get(String(lineId), at) as string | null | undefined) ?? null;
}
