// Agreement as the screens and the CLI show it: each line's state with who signed and
// who recorded it (the computer's user name, from the audit entry written with the
// agreement), and the part of a neighbourhood's total that partners have agreed.
import type { LineAgreementView } from '../../../shared/contract/agreement';
import type { SpendLine } from '../../../shared/domain/types';
import type { Project } from '../project/project';
import { lineAgreements } from './agreement';

const hasAgreements = (project: Project) => !!project.db.prepare('SELECT 1 FROM line_agreements LIMIT 1').get();

/** Each line's agreement; estimated for a line never corrected nor agreed. */
export function agreementViews(project: Project, lines: SpendLine[]): Map<number, LineAgreementView> {
  const out = new Map<number, LineAgreementView>();
  const estimated: LineAgreementView = { state: 'estimated', signedBy: null, signedOn: null, recordedBy: null, at: null };
  if (!hasAgreements(project)) {
    for (const l of lines) out.set(l.id, estimated);
    return out;
  }
  // The audit entry of the agreement shares its time exactly (services/agreement.ts writes both with one `at`).
  const recordedBy = project.db.prepare(
    "SELECT by_user FROM audit_log WHERE at = ? AND entity = 'line' AND entity_id = ? AND field = 'agreement' ORDER BY id DESC LIMIT 1",
  );
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
      recordedBy: a.at ? ((recordedBy.pluck().get(a.at, String(id)) as string | null | undefined) ?? null) : null,
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

/** Σ pence of the agreed lines, given each line's pence in the neighbourhood (undefined: not allocated). */
export function agreedPence(project: Project, lines: SpendLine[], penceOf: (id: number) => number | undefined): number {
  if (!hasAgreements(project)) return 0;
  let total = 0;
  for (const [id, a] of lineAgreements(project, lines)) if (a.state === 'agreed') total += penceOf(id) ?? 0;
  return total;
}
