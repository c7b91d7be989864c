// Which of a pack's lines changed in Spendmap after the pack was exported: each line's
// snapshot is stored in the pack with its fingerprint (layout.ts), and compared with the
// line as it is now. A partner's change to a line someone has since edited is then a
// conflict to show, not a silent overwrite.
import type { SpendLine } from '../../../shared/domain/types';
import type { Project } from '../project/project';
import { allLines } from '../budgets/lines';
import { snapshotFingerprint, type LineSnapshot } from './layout';
import { wardFiguresByLine } from '../mapping/direct-figures-store';

/** A line's snapshot as a pack stores it. */
export function lineSnapshot(l: SpendLine, direct: ReadonlyMap<string, number> | null): LineSnapshot {
  return {
    id: l.id,
    ref: l.ref,
    amountPence: l.amountPence,
    basis: l.basis,
    beta: l.beta,
    pct: l.discretionaryPct,
    status: l.status,
    confidence: l.confidence,
    siteWard: l.siteWard,
    direct: direct ? Object.fromEntries([...direct].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : null,
  };
}

export interface ChangedLine {
  ref: string;
  /** Fields that differ from the export ('deleted' when the line is gone). */
  fields: (keyof LineSnapshot | 'deleted')[];
}

const FIELDS: (keyof LineSnapshot)[] = ['ref', 'amountPence', 'basis', 'beta', 'pct', 'status', 'confidence', 'siteWard', 'direct'];

/** The pack's lines that are no longer as they were exported, in the pack's order. */
export function linesChangedSinceExport(project: Project, exported: readonly LineSnapshot[]): ChangedLine[] {
  const byId = new Map(allLines(project).map((l) => [l.id, l]));
  const direct = wardFiguresByLine(project.db);
  const out: ChangedLine[] = [];
  for (const was of exported) {
    const line = byId.get(was.id);
    if (!line) {
      out.push({ ref: was.ref, fields: ['deleted'] });
      continue;
    }
    const now = lineSnapshot(line, direct.get(line.id) ?? null);
    if (snapshotFingerprint(now) === snapshotFingerprint(was)) continue;
    const fields = FIELDS.filter((f) => JSON.stringify(now[f]) !== JSON.stringify(was[f]));
    if (fields.length) out.push({ ref: was.ref, fields });
  }
  return out;
}
