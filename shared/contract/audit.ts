// Contract: the audit log as users read it (issue 14 item 5) — every change with who
// made it, when, what, old and new value, and the note (reason, screen or source file).
// Filters are the screen's (line, partner, kind) and the CLI's (--since, --ref).
import { z } from 'zod';
import { obj } from './schemas';

export const auditFilter = {
  /** From this date (YYYY-MM-DD, the start of that day in UTC) or instant (ISO 8601). */
  since: z.string().max(40).optional(),
  /** A line's ref (or the name a partner, proxy or proposal row is recorded under). */
  ref: z.string().max(200).optional(),
  /** Changes to this partner's lines, and to the partner itself. */
  partner: z.string().max(200).optional(),
  /** What kind of thing changed: line, partner, proxy, neighbourhood, pack, project, proposal, history … */
  entity: z.string().max(40).optional(),
  entityId: z.string().max(40).optional(),
};

export const auditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  /** The computer's user name of whoever made the change; null for changes before schema 5. */
  who: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  ref: z.string().nullable(),
  /** The partner whose line (or who) changed, when there is one. */
  partner: z.string().nullable(),
  field: z.string().nullable(),
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
  note: z.string().nullable(),
});
export type AuditEntryView = z.infer<typeof auditEntry>;

export const auditMethods = {
  /** A page of the log; newest first unless order is 'oldest' (the CLI's order). */
  'audit.list': {
    kind: 'query',
    input: obj({
      limit: z.number().int().min(1).max(5000),
      offset: z.number().int().min(0).optional(),
      order: z.enum(['newest', 'oldest']).optional(),
      ...auditFilter,
    }),
    output: z.array(auditEntry),
  },
  /** How many entries match, and the kinds the log holds (for the screen's filter). */
  'audit.count': {
    kind: 'query',
    input: obj(auditFilter),
    output: z.object({ total: z.number().int(), kinds: z.array(z.string()) }),
  },
  /** Every matching entry, oldest first, as CSV text made safe for spreadsheets. */
  'audit.csv': {
    kind: 'query',
    input: obj(auditFilter),
    output: z.object({ fileName: z.string(), csv: z.string(), rows: z.number().int() }),
  },
} as const;
