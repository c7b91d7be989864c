// The audit log read back: filters checked and turned into SQL terms, pages, and the
// CSV export (every matching row, oldest first, inert for spreadsheets).
import { basename } from 'node:path';
import { AppError } from '../../../shared/contract/result';
import type { AuditEntryView } from '../../../shared/contract/audit';
import { toCsv } from '../csv';
import type { Project } from '../project/project';
import { auditCount, auditKinds, auditRows, type AuditQuery } from './audit-store';

export interface AuditFilter {
  since?: string | undefined;
  ref?: string | undefined;
  partner?: string | undefined;
  entity?: string | undefined;
  entityId?: string | undefined;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** `since` as the ISO instant rows are stored with: a date is the start of that day (UTC). */
export function sinceInstant(since: string): string {
  const d = DATE.exec(since);
  if (d) {
    const t = new Date(Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3])));
    if (t.getUTCFullYear() === Number(d[1]) && t.getUTCMonth() === Number(d[2]) - 1 && t.getUTCDate() === Number(d[3])) return t.toISOString();
  } else if (INSTANT.test(since) && !Number.isNaN(Date.parse(since))) return new Date(since).toISOString();
  throw new AppError('VALIDATION', `"${since}" is not a date: give one as YYYY-MM-DD (e.g. 2026-04-01) or a time as 2026-04-01T09:30Z.`);
}

function query(f: AuditFilter): AuditQuery {
  const q: AuditQuery = {};
  if (f.since) q.sinceIso = sinceInstant(f.since);
  if (f.ref?.trim()) q.ref = f.ref.trim().normalize('NFC');
  if (f.partner?.trim()) q.partner = f.partner.trim().normalize('NFC');
  if (f.entity) q.entity = f.entity;
  if (f.entityId) q.entityId = f.entityId;
  return q;
}

export function listAuditEntries(
  project: Project,
  f: AuditFilter & { limit: number; offset?: number | undefined; order?: 'newest' | 'oldest' | undefined },
): AuditEntryView[] {
  return auditRows(project.db, query(f), { limit: f.limit, offset: f.offset ?? 0, order: f.order ?? 'newest' });
}

export function countAuditEntries(project: Project, f: AuditFilter): { total: number; kinds: string[] } {
  return { total: auditCount(project.db, query(f)), kinds: auditKinds(project.db) };
}

/** Every matching entry, oldest first, read in pages so a long log never sits in one array twice. */
export function* allAuditEntries(project: Project, f: AuditFilter, pageSize = 2000): Generator<AuditEntryView> {
  const q = query(f);
  for (let offset = 0; ; offset += pageSize) {
    const page = auditRows(project.db, q, { limit: pageSize, offset, order: 'oldest' });
    yield* page;
    if (page.length < pageSize) return;
  }
}

export const AUDIT_CSV_HEADER = ['id', 'at', 'who', 'action', 'kind', 'ref', 'partner', 'field', 'old_value', 'new_value', 'note'];

export function auditCsv(project: Project, f: AuditFilter): { fileName: string; csv: string; rows: number } {
  const rows: (string | number | null)[][] = [AUDIT_CSV_HEADER];
  for (const e of allAuditEntries(project, f))
    rows.push([e.id, e.at, e.who, e.action, e.entity, e.ref, e.partner, e.field, e.oldValue, e.newValue, e.note]);
  const stem = basename(project.path).replace(/\.spendmap$/i, '');
  return { fileName: `${stem} audit log.csv`, csv: toCsv(rows), rows: rows.length - 1 };
}
