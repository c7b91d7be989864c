// What a returned pack says about agreement: the sign-off block on Read me (signoff.ts
// reads the cells), and which of its lines changed in Spendmap since it was exported
// (fingerprint.ts). A sign-off covers the figures the partner saw, so a line changed
// since export is named in the review and left out of what the sign-off agrees.
import type { PackSignOff } from '../../../shared/contract/packs';
import type { Problem } from '../../../shared/contract/result';
import { matchKey } from '../../../shared/domain/fields';
import type { SpendLine } from '../../../shared/domain/types';
import type { Project } from '../project/project';
import { linesChangedSinceExport, type ChangedLine } from './fingerprint';
import { colNumber, type LineSnapshot } from './layout';
import { valueOf, type PackSheet } from './review-read';
import { readSignOff, type SignOff } from './signoff';

export interface PackAgreement {
  /** As the contract shows it (null unless signed in full). */
  signoff: PackSignOff | null;
  /** As packs/agreement.ts records it. */
  signOff: SignOff | null;
  signOffProblems: Problem[];
  changedSinceExport: { ref: string; fields: string[] }[];
  /** The partner's lines of the pack that a sign-off agrees (refs, pack order). */
  signOffRefs: string[];
}

/** "B5" → row 5, column 2. */
function position(address: string): { row: number; col: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(address)!;
  return { row: Number(m[2]), col: colNumber(m[1]!) };
}

/** A cell as signoff.ts takes it: a number, or text (a date cell comes as its ISO date). */
function plainCell(sheet: PackSheet, address: string): unknown {
  const { row, col } = position(address);
  const v = valueOf(sheet.raw(row, col));
  return v.kind === 'number' || v.kind === 'text' ? v.value : v.kind === 'other' ? v.text : null;
}

const FIELD_LABELS: Record<ChangedLine['fields'][number], string> = {
  id: 'id',
  ref: 'ref',
  amountPence: 'amount',
  basis: 'basis',
  beta: 'β',
  pct: 'discretionary %',
  status: 'status',
  confidence: 'confidence',
  siteWard: 'site ward',
  direct: 'ward figures',
  deleted: 'deleted',
};

export function reviewAgreement(
  project: Project,
  input: { file: string; readMe: PackSheet | null; snapshots: Map<string, LineSnapshot>; kind: 'partner' | 'neighbourhood'; subject: string; current: Map<string, SpendLine> },
): PackAgreement {
  const reading = input.readMe ? readSignOff((a) => plainCell(input.readMe!, a)) : { state: 'unsigned' as const };
  const signOff = reading.state === 'signed' ? reading.signOff : null;
  const signOffProblems: Problem[] =
    reading.state === 'incomplete' ? reading.problems.map((p) => ({ file: input.file, row: Number(/\d+$/.exec(p.cell)![0]), column: p.cell, message: p.message })) : [];
  const exported = [...input.snapshots.values()];
  const changed = linesChangedSinceExport(project, exported);
  const changedKeys = new Set(changed.map((c) => matchKey(c.ref)));
  // Only a partner pack's sign-off agrees lines: the partner's own, as they saw them.
  const signOffRefs =
    input.kind === 'partner'
      ? exported.filter((s) => !changedKeys.has(matchKey(s.ref)) && input.current.get(matchKey(s.ref))?.partner === input.subject).map((s) => s.ref)
      : [];
  return {
    signoff: signOff && { ...signOff, agreement: signOff.agreement === 'as-sent' ? 'agree' : 'with-changes' },
    signOff,
    signOffProblems,
    changedSinceExport: changed.map((c) => ({ ref: c.ref, fields: c.fields.map((f) => FIELD_LABELS[f]) })),
    signOffRefs,
  };
}
