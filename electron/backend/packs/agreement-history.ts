// Undo and redo of agreement (history/service.ts, change kind "agreement"): the
// line_agreements rows of the lines a sign-off touched, before and after. Like every
// undo, a row is put back only where it is still as that action left it.
import { AppError } from '../../../shared/contract/result';
import type { Project } from '../project/project';
import { lineKey } from '../budgets/lines-store';
import { forgetAgreed } from './agreed-cache';
import { AGREEMENT_COLUMNS, agreementRowsOf, putAgreementRow, type AgreementRow } from './agreements-store';

export type { AgreementRow };

export interface AgreementChange {
  kind: 'agreement';
  rows: { line: number; ref: string; before: AgreementRow | null; after: AgreementRow | null }[];
}

export function agreementRows(project: Project, ids: readonly number[]): Map<number, AgreementRow | null> {
  return agreementRowsOf(project.db, ids);
}

/** The change between two readings of the same lines' rows (lines whose row did not change left out). */
export function agreementChange(refs: Map<number, string>, before: Map<number, AgreementRow | null>, after: Map<number, AgreementRow | null>): AgreementChange {
  const rows = [...refs].flatMap(([line, ref]) => {
    const b = before.get(line) ?? null;
    const a = after.get(line) ?? null;
    return JSON.stringify(b) === JSON.stringify(a) ? [] : [{ line, ref, before: b, after: a }];
  });
  return { kind: 'agreement', rows };
}

/** Refuses (with why) an entry read from the file that is not one Spendmap wrote. */
export function checkAgreementChange(c: AgreementChange, refuse: (why: string) => Error): void {
  const plain = (v: unknown) => v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
  const row = (r: unknown, line: number) => {
    if (r === null) return;
    if (typeof r !== 'object' || Array.isArray(r)) throw refuse('holds an agreement that is not a row');
    for (const [k, v] of Object.entries(r)) {
      if (!(AGREEMENT_COLUMNS as readonly string[]).includes(k)) throw refuse(`names a column "${k.slice(0, 40)}" that agreements do not have`);
      if (!plain(v)) throw refuse(`holds a value of ${k} that is not plain text or a number`);
    }
    if ((r as AgreementRow).line_id !== line) throw refuse('holds an agreement of another line');
  };
  if (!Array.isArray(c.rows)) throw refuse('holds an agreement change without rows');
  for (const r of c.rows) {
    if (typeof r !== 'object' || r === null || !Number.isSafeInteger(r.line) || r.line <= 0) throw refuse('holds an agreement without a line');
    row(r.before, r.line);
    row(r.after, r.line);
  }
}

/** Puts each line's agreement back to before (undo) or after (redo). */
export function restoreAgreements(project: Project, c: AgreementChange, dir: 'undo' | 'redo', conflict: (why: string) => AppError): void {
  const db = project.db;
  forgetAgreed(project);
  const now = agreementRows(project, c.rows.map((r) => r.line));
  for (const r of c.rows) {
    const [want, set] = dir === 'undo' ? [r.after, r.before] : [r.before, r.after];
    if (JSON.stringify(now.get(r.line)) !== JSON.stringify(want)) throw conflict(`the agreement of line ${r.ref} has changed since.`);
    if (set && !lineKey(db, r.line)) throw conflict(`line ${r.ref} has been deleted since.`);
    putAgreementRow(db, r.line, set);
  }
}
