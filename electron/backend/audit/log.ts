// The audit log: one row per change, written in the same transaction as the change.
import { userInfo } from 'node:os';
import type { Db } from '../store/database';
import { appendAuditRows } from './audit-store';

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

const asText = (v: unknown): string | null =>
  v === undefined || v === null ? null : typeof v === 'string' ? v : JSON.stringify(v);

let user: string | null | undefined;
/** The computer's user name (who made the change); null where the system has none. */
export function auditUser(): string | null {
  if (user === undefined) {
    try {
      user = userInfo().username || null;
    } catch {
      user = process.env.USER || process.env.USERNAME || null;
    }
  }
  return user;
}

export function writeAudit(db: Db, entries: AuditEntry[], at = new Date().toISOString()): void {
  const who = auditUser();
  appendAuditRows(
    db,
    entries.map((e) => [
      at,
      who,
      e.action,
      e.entity,
      e.entityId === undefined || e.entityId === null ? null : String(e.entityId),
      e.ref ?? null,
      e.field ?? null,
      asText(e.oldValue),
      asText(e.newValue),
      e.note ?? null,
    ]),
  );
}
