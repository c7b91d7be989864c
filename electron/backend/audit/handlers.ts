// Handlers for the audit log screen and the `audit` CLI command.
import type { Registry } from '../registry';
import { auditCsv, countAuditEntries, listAuditEntries } from './service';

export function registerAuditHandlers(r: Registry): void {
  r.register('audit.list', (input, { session }) => listAuditEntries(session.requireProject(), input));
  r.register('audit.count', (input, { session }) => countAuditEntries(session.requireProject(), input));
  r.register('audit.csv', (input, { session }) => auditCsv(session.requireProject(), input));
}
