// The audit log: one row per change, written in the same transaction as the change.
import type { Db } from './database';

export interface AuditEntry {
  action: string; // create | update | delete | import | override ...
  entity: string; // line | partner | proxy | neighbourhood | project ...
  entityId?: string | number | null;
  ref?: string | null;
  field?: string | null;
  oldValue?: unknown;
  newValue?: unknown;
  note?: string | null;
}

export interface AuditRow {
  id: number;
  at: string;
  action: string;
  entity: string;
  entityId: string | null;
  ref: string | null;
  field: string | null;
  oldValue: string | null;
  newValue: string | null;
  note: string | null;
}

const asText = (v: unknown): string | null =>
  v === undefined || v === null ? null : typeof v === 'string' ? v : JSON.stringify(v);

export function writeAudit(db: Db, entries: AuditEntry[], at = new Date().toISOString()): void {
  const insert = db.prepare(
    'INSERT INTO audit_log (at, action, entity, entity_id, ref, field, old_value, new_value, note) VALUES (?,?,?,?,?,?,?,?,?)',
  );
  for (const e of entries) {
    insert.run(
      at,
      e.action,
      e.entity,
      e.entityId === undefined || e.entityId === null ? null : String(e.entityId),
      e.ref ?? null,
      e.field ?? null,
      asText(e.oldValue),
      asText(e.newValue),
      e.note ?? null,
    );
  }
}

export function listAudit(db: Db, opts: { limit: number; offset: number; entity?: string; entityId?: string }): AuditRow[] {
  const where: string[] = [];
  const args: unknown[] = [];
  if (opts.entity) {
    where.push('entity = ?');
    args.push(opts.entity);
  }
  if (opts.entityId) {
    where.push('entity_id = ?');
    args.push(opts.entityId);
  }
  return db
    .prepare(
      `SELECT id, at, action, entity, entity_id AS entityId, ref, field, old_value AS oldValue, new_value AS newValue, note
       FROM audit_log ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id DESC LIMIT ? OFFSET ?`,
    )
    .all(...args, opts.limit, opts.offset) as AuditRow[];
}
