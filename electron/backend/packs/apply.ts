// Applying a reviewed pack: the accepted changes go through the normal write paths
// (writeLines for line fields, setDirectFigures for ward figures) in one transaction,
// with the engine kept in step; the audit log names the file and what was accepted and
// rejected. The pack is read again and must give the same review the user saw.
import type { FileInput } from '../../../shared/contract/methods';
import { AppError } from '../../../shared/contract/result';
import { suggestedConfidence } from '../../../shared/domain/types';
import { penceToPoundsText } from '../../../shared/money';
import type { Project } from '../project/project';
import { setDirectFigures } from '../mapping/direct';
import { changingLines } from '../mapping/allocation';
import { getLines, writeLines, type LineWrite } from '../budgets/lines';
import { writeAudit } from '../audit/log';
import { agreeFromPack, checkSignOff } from './apply-signoff';
import { reviewPack } from './review';

export interface ApplyInput {
  file: FileInput;
  reviewId: string;
  accept: string[];
  /** Accept the pack's sign-off too (apply-signoff.ts). */
  acceptSignOff?: boolean;
}

export async function applyPack(project: Project, input: ApplyInput) {
  const { review, plans, signOff } = await reviewPack(project, input.file);
  if (review.reviewId !== input.reviewId)
    throw new AppError('CONFLICT', `${review.fileName}: the pack or the project changed since you reviewed it. Review the pack again; nothing was changed.`);
  const accepted = new Set(input.accept);
  const unknown = [...accepted].filter((id) => !plans.has(id));
  if (unknown.length) throw new AppError('INPUT', `${review.fileName}: ${unknown.length} accepted change${unknown.length === 1 ? ' is' : 's are'} not in this review (${unknown.slice(0, 5).join(', ')}). Review the pack again; nothing was changed.`);
  const signedOff = input.acceptSignOff ? checkSignOff(review, signOff) : null;
  const source = `returned pack ${review.fileName}`;
  const chosen = review.changes.filter((c) => accepted.has(c.id));
  const rejected = review.changes.filter((c) => !accepted.has(c.id));

  // One write per line with every accepted field; confidence last, against the line's final basis.
  const byLine = new Map<number, LineWrite>();
  const directs: { lineId: number; figures: Map<string, number> }[] = [];
  const lines = new Map(getLines(project, [...new Set(chosen.map((c) => c.lineId))]).map((l) => [l.id, l]));
  for (const c of chosen) {
    const plan = plans.get(c.id)!;
    if (plan.kind === 'direct') {
      directs.push({ lineId: c.lineId, figures: plan.figures });
      continue;
    }
    let w = byLine.get(c.lineId);
    if (!w) byLine.set(c.lineId, (w = { id: c.lineId, values: {} }));
    if (plan.kind === 'line') Object.assign(w.values, plan.values);
  }
  for (const c of chosen) {
    const plan = plans.get(c.id)!;
    if (plan.kind !== 'confidence') continue;
    const w = byLine.get(c.lineId)!;
    const basis = w.values.basis ?? lines.get(c.lineId)?.basis ?? '';
    if (plan.confidence === suggestedConfidence(basis)) w.values.confidence = '';
    else {
      w.values.confidence = plan.confidence;
      w.confidenceReason = plan.reason ?? `Set by the partner in the ${source}`;
    }
  }
  const writes = [...byLine.values()].filter((w) => Object.keys(w.values).length > 0);
  const ids = [...new Set([...writes.map((w) => w.id!), ...directs.map((d) => d.lineId)])];
  let agreed = 0;

  changingLines(
    project,
    () =>
      project.tx(() => {
        if (writes.length) writeLines(project, writes, { source });
        for (const d of directs)
          setDirectFigures(
            project,
            d.lineId,
            project.wards().map((w) => ({ ward: w.code, amount: d.figures.has(w.code) ? penceToPoundsText(d.figures.get(w.code)!) : '' })),
            `Ward figures from ${source}`,
          );
        writeAudit(project.db, [
          {
            action: 'import',
            entity: 'pack',
            entityId: null,
            field: null,
            newValue: {
              accepted: chosen.map((c) => `${c.ref} ${c.label}: ${c.before} → ${c.after}`),
              rejected: rejected.map((c) => `${c.ref} ${c.label}: ${c.after}`),
            },
            note: `${review.fileName} (${review.kind} pack for ${review.subject}, exported ${review.exportedAt.slice(0, 10)}): ${chosen.length} change${chosen.length === 1 ? '' : 's'} accepted, ${rejected.length} rejected`,
          },
        ]);
        if (signedOff) agreed = agreeFromPack(project, review, signedOff, [...new Set(chosen.map((c) => c.ref))]);
      }),
    () => ids,
  );
  return { fileName: review.fileName, applied: chosen.length, rejected: rejected.length, lines: ids.length, agreed };
}
