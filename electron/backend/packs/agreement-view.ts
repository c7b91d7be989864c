// Agreement as the screens and the CLI show it: each line's state with who signed and
// who recorded it (the computer's user name, from the audit entry written with the
// agreement), and the part of a neighbourhood's total that partners have agreed.
import type { LineAgreementView } from '../../../shared/contract/agreement';
import type { SpendLine } from '../../../shared/domain/types';
import type { Project } from '../project/project';
import { lineAgreements } from './agreement';
import { allLines, getLines } from '../budgets/lines';
import { onLinesChanged } from '../mapping/allocation';
import { agreedCache } from './agreed-cache';
import { anyAgreement, recordedAgreedLines } from './agreements-store';
import { agreementRecorder } from '../audit/audit-store';

const hasAgreements = (project: Project) => anyAgreement(project.db);

/** Each line's agreement; estimated for a line never corrected nor agreed. */
export function agreementViews(project: Project, lines: SpendLine[]): Map<number, LineAgreementView> {
  const out = new Map<number, LineAgreementView>();
  const estimated: LineAgreementView = { state: 'estimated', signedBy: null, signedOn: null, recordedBy: null, at: null };
  if (!hasAgreements(project)) {
    for (const l of lines) out.set(l.id, estimated);
    return out;
  }
  // The audit entry written with the agreement has the same time (packs/agreement.ts uses one `at` for both).
  const recorder = agreementRecorder(project.db);
  const recordedBy = (at: string, id: number) => recorder(id, at);
  for (const [id, a] of lineAgreements(project, lines)) {
    if (a.state === 'estimated') {
      out.set(id, estimated);
      continue;
    }
    const signed = a.state === 'agreed' && a.byName;
    out.set(id, {
      state: a.state,
      signedBy: signed ? `${a.byName} (${a.byRole}, ${a.byOrganisation})` : null,
      signedOn: signed ? a.signedOn : null,
      recordedBy: a.at ? recordedBy(a.at, id) : null,
      at: a.at,
    });
  }
  return out;
}

/** Lines with their agreement, for the grids. */
export function withAgreement<L extends SpendLine>(project: Project, lines: L[]): (L & { agreement: LineAgreementView })[] {
  const views = agreementViews(project, lines);
  return lines.map((l) => ({ ...l, agreement: views.get(l.id)! }));
}

/**
 * The lines agreed now, kept while the file is as this session last saw it (Project.stamp:
 * other connections' commits too). An edit through changingLines re-checks only its own
 * lines, so a grid edit after a sign-off does not re-read every agreed line.
 */
function agreedLineIds(project: Project): Set<number> {
  const seen = project.stamp();
  const hit = agreedCache.get(project);
  if (hit?.seen === seen) return hit.ids;
  const recorded = recordedAgreedLines(project.db);
  // Only the lines recorded as agreed can be (an edit since makes one corrected).
  const lines = recorded.length > 2000 ? allLines(project) : getLines(project, recorded);
  const ids = new Set(recorded.length ? [...lineAgreements(project, lines)].filter(([, a]) => a.state === 'agreed').map(([id]) => id) : []);
  agreedCache.set(project, { seen, ids });
  return ids;
}

onLinesChanged((project, ids, stampBefore) => {
  const hit = agreedCache.get(project);
  if (!hit) return;
  if (hit.seen !== stampBefore) {
    agreedCache.delete(project);
    return;
  }
  for (const id of ids) hit.ids.delete(id);
  // A deleted line is simply gone; the others are checked against their agreement again.
  const present = ids.flatMap((id) => {
    try {
      return getLines(project, [id]);
    } catch {
      return [];
    }
  });
  for (const [id, a] of lineAgreements(project, present)) if (a.state === 'agreed') hit.ids.add(id);
  hit.seen = project.stamp();
});

/** Σ pence of the agreed lines, given each line's pence in the neighbourhood (undefined: not allocated). */
export function agreedPence(project: Project, penceOf: (id: number) => number | undefined): number {
  let total = 0;
  for (const id of agreedLineIds(project)) total += penceOf(id) ?? 0;
  return total;
}
