// Partners' agreement of their figures (docs/method.md, "Sign-off"): each line is
// estimated, corrected (a partner's change from a returned pack was accepted) or agreed
// (the partner's accountable officer signed the pack off), with who and when.
// An agreement holds for the line as it was agreed: the stored fingerprint no longer
// matching the line means it changed since, and it counts as corrected, not agreed.
import { AppError } from '../../../shared/contract/result';
import type { SpendLine } from '../../../shared/domain/types';
import { forgetAgreed } from './agreed-cache';
import { lineSnapshot } from './fingerprint';
import { snapshotFingerprint } from './layout';
import type { SignOff } from './signoff';
import type { Project } from '../project/project';
import { writeAudit, type AuditEntry } from '../audit/log';
import { allocationOf } from '../mapping/allocation';
import { allLines } from '../budgets/lines';
import { listNeighbourhoods } from '../neighbourhoods/service';
import { wardFiguresByLine } from '../mapping/direct-figures-store';
import { agreementRecords, saveAgreement } from './agreements-store';

export type AgreementState = 'estimated' | 'corrected' | 'agreed';

export interface LineAgreement {
  state: AgreementState;
  byName: string | null;
  byRole: string | null;
  byOrganisation: string | null;
  /** The date on the sign-off (YYYY-MM-DD). */
  signedOn: string | null;
  /** When Spendmap recorded it (ISO). */
  at: string | null;
  source: string | null;
}

/** Ward figures by line: of the lines given (a grid page), else of every line. */
function directByLine(project: Project, ids?: readonly number[]): Map<number, Map<string, number>> {
  return wardFiguresByLine(project.db, ids && ids.length <= 1000 ? ids : undefined);
}

const fingerprintOf = (l: SpendLine, direct: Map<number, Map<string, number>>) => snapshotFingerprint(lineSnapshot(l, direct.get(l.id) ?? null));

/** Every line's agreement, by line id (lines never agreed nor corrected: estimated). */
export function lineAgreements(project: Project, lines: SpendLine[] = allLines(project)): Map<number, LineAgreement> {
  // A grid page reads its own rows; a whole-project figure reads the table once.
  const list = agreementRecords(project.db, lines.length <= 1000 ? lines.map((l) => l.id) : undefined);
  const rows = new Map(list.map((r) => [r.line_id, r]));
  const direct = rows.size ? directByLine(project, lines.filter((l) => rows.has(l.id)).map((l) => l.id)) : new Map<number, Map<string, number>>();
  const out = new Map<number, LineAgreement>();
  for (const l of lines) {
    const r = rows.get(l.id);
    if (!r) {
      out.set(l.id, { state: 'estimated', byName: null, byRole: null, byOrganisation: null, signedOn: null, at: null, source: null });
      continue;
    }
    const state: AgreementState = r.state === 'agreed' && r.fingerprint !== fingerprintOf(l, direct) ? 'corrected' : r.state;
    out.set(l.id, { state, byName: r.by_name, byRole: r.by_role, byOrganisation: r.by_organisation, signedOn: r.signed_on, at: r.at, source: r.source });
  }
  return out;
}

function linesByRef(project: Project, refs: readonly string[]): SpendLine[] {
  const byRef = new Map(allLines(project).map((l) => [l.ref.toLowerCase(), l]));
  const missing = refs.filter((r) => !byRef.has(r.toLowerCase()));
  if (missing.length)
    throw new AppError('INPUT', `${missing.length === 1 ? 'Line' : 'Lines'} ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? '…' : ''} no longer in the project: review the pack again.`);
  return refs.map((r) => byRef.get(r.toLowerCase())!);
}

/** Lines whose changes from a returned pack were accepted: corrected, unless signed off later. */
export function markCorrected(project: Project, refs: readonly string[], source: string, at = new Date()): number {
  const lines = linesByRef(project, refs);
  const direct = directByLine(project);
  const before = lineAgreements(project, lines);
  forgetAgreed(project);
  const audit: AuditEntry[] = [];
  project.db.transaction(() => {
    for (const l of lines) {
      saveAgreement(project.db, { id: l.id, state: 'corrected', fingerprint: fingerprintOf(l, direct), name: null, role: null, organisation: null, signedOn: null, agreement: null, source, at: at.toISOString() });
      audit.push({ action: 'update', entity: 'line', entityId: l.id, ref: l.ref, field: 'agreement', oldValue: before.get(l.id)!.state, newValue: 'corrected', note: `changes accepted from ${source}` });
    }
    writeAudit(project.db, audit, at.toISOString());
  })();
  return lines.length;
}

/**
 * Accepts a partner's sign-off for the lines of its pack (refs): each becomes agreed, as
 * it stands now (after any of the pack's changes that were accepted), with who and when.
 */
export function acceptSignOff(project: Project, input: { partner: string; refs: readonly string[]; signOff: SignOff; source: string }, at = new Date()): number {
  const lines = linesByRef(project, input.refs);
  const others = lines.filter((l) => l.partner !== input.partner);
  if (others.length)
    throw new AppError('INPUT', `Line ${others[0]!.ref} is ${others[0]!.partner}'s, not ${input.partner}'s: a sign-off agrees only the signing partner's lines.`);
  if (!lines.length) throw new AppError('INPUT', `The pack from ${input.partner} holds none of its lines: there is nothing to agree.`);
  const s = input.signOff;
  const direct = directByLine(project);
  const before = lineAgreements(project, lines);
  forgetAgreed(project);
  const who = `${s.name} (${s.role}, ${s.organisation}) on ${s.date}`;
  const audit: AuditEntry[] = [];
  project.db.transaction(() => {
    for (const l of lines) {
      saveAgreement(project.db, {
        id: l.id,
        state: 'agreed',
        fingerprint: fingerprintOf(l, direct),
        name: s.name,
        role: s.role,
        organisation: s.organisation,
        signedOn: s.date,
        agreement: s.agreement,
        source: input.source,
        at: at.toISOString(),
      });
      audit.push({ action: 'update', entity: 'line', entityId: l.id, ref: l.ref, field: 'agreement', oldValue: before.get(l.id)!.state, newValue: 'agreed', note: `signed off by ${who} in ${input.source}` });
    }
    writeAudit(project.db, audit, at.toISOString());
  })();
  return lines.length;
}

export interface AgreedShare {
  totalPence: number;
  agreedPence: number;
  correctedPence: number;
}

/**
 * How much is agreed: per partner (of its borough amounts) and per neighbourhood (of its
 * total, from each line's pence in the neighbourhood). Whole pence, no rounding.
 */
export function agreedShares(project: Project): { partners: Map<string, AgreedShare>; neighbourhoods: Map<string, AgreedShare> } {
  const lines = allLines(project);
  const agreement = lineAgreements(project, lines);
  const add = (m: Map<string, AgreedShare>, key: string, pence: number, state: AgreementState) => {
    let s = m.get(key);
    if (!s) m.set(key, (s = { totalPence: 0, agreedPence: 0, correctedPence: 0 }));
    s.totalPence += pence;
    if (state === 'agreed') s.agreedPence += pence;
    if (state === 'corrected') s.correctedPence += pence;
  };
  const partners = new Map<string, AgreedShare>();
  for (const l of lines) add(partners, l.partner, l.amountPence, agreement.get(l.id)!.state);
  const neighbourhoods = new Map<string, AgreedShare>();
  const allocation = allocationOf(project);
  for (const n of listNeighbourhoods(project)) {
    const tracker = allocation.neighbourhood(n.wards);
    neighbourhoods.set(n.name, { totalPence: 0, agreedPence: 0, correctedPence: 0 });
    for (const l of lines) {
      const f = tracker.lineFigures(l.id);
      if (f) add(neighbourhoods, n.name, f.pence, agreement.get(l.id)!.state);
    }
  }
  return { partners, neighbourhoods };
}
