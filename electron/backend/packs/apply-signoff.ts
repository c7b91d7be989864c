// Accepting a returned pack's sign-off, inside the transaction that applies its changes:
// the lines whose changes were accepted become corrected, then the partner's lines the
// sign-off covers (review-signoff.ts) agreed, each in the audit log, as one undoable step.
import type { PackReview } from '../../../shared/contract/packs';
import { AppError } from '../../../shared/contract/result';
import type { Project } from '../project/project';
import { agreementChange, agreementRows } from './agreement-history';
import { acceptSignOff, markCorrected } from './agreement';
import { record } from '../history/service';
import { allLines } from '../budgets/lines';
import type { SignOff } from './signoff';

/** Refuses, before anything is written, a sign-off that cannot be accepted. */
export function checkSignOff(review: PackReview, signOff: SignOff | null): SignOff {
  const file = review.fileName;
  if (review.kind !== 'partner')
    throw new AppError('INPUT', `${file}: a neighbourhood pack's sign-off is shown but agrees no lines; a partner agrees its own lines in its own pack. Apply without accepting the sign-off.`);
  if (!signOff) {
    const why = review.signOffProblems.length ? `its sign-off block on "Read me" is incomplete (${review.signOffProblems.map((p) => p.column).join(', ')})` : 'its sign-off block on "Read me" is blank';
    throw new AppError('INPUT', `${file}: ${why}, so there is no sign-off to accept. Ask ${review.subject} to fill it in and send the pack again, or apply without accepting the sign-off.`, {
      problems: review.signOffProblems,
    });
  }
  if (!review.signOffRefs.length)
    throw new AppError('INPUT', `${file}: every line of ${review.subject} in the pack changed in Spendmap since it was exported, so the sign-off covers none of them. Send ${review.subject} a fresh pack to sign.`);
  return signOff;
}

/** Records the sign-off (call inside the apply's transaction); returns the lines agreed. */
export function agreeFromPack(project: Project, review: PackReview, signOff: SignOff, correctedRefs: readonly string[], at = new Date()): number {
  const source = `returned pack ${review.fileName}`;
  const keys = new Set([...correctedRefs, ...review.signOffRefs].map((r) => r.toLowerCase()));
  const refs = new Map(allLines(project).filter((l) => keys.has(l.ref.toLowerCase())).map((l) => [l.id, l.ref]));
  const before = agreementRows(project, [...refs.keys()]);
  if (correctedRefs.length) markCorrected(project, correctedRefs, source, at);
  const agreed = acceptSignOff(project, { partner: review.subject, refs: review.signOffRefs, signOff, source }, at);
  const change = agreementChange(refs, before, agreementRows(project, [...refs.keys()]));
  record(project, `Accept the sign-off of ${review.subject} by ${signOff.name} (${review.fileName})`, [change]);
  return agreed;
}
