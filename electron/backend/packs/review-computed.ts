// A returned neighbourhood pack's ward cells on a line apportioned by a proxy (or even,
// site): they hold Spendmap's split of the line as exported, computed, not figures a
// neighbourhood lead types. Each cell is checked against the split of the line as the
// pack's hidden record has it; one that holds anything else was typed over and is
// refused with its cell, saying how ward figures are set. (A partner pack's typed-over
// formula cells are read as direct figures instead: review-direct.ts.)
import type { Problem } from '../../../shared/contract/result';
import { apportionLine, type Borough } from '../../../shared/engine';
import { formatPounds, parseAmount } from '../../../shared/money';
import type { SpendLine } from '../../../shared/domain/types';
import { auditCount } from '../audit/audit-store';
import { allocationOf, otherYear } from '../mapping/allocation';
import type { Project } from '../project/project';
import { cellRef, SHEETS, type LineSnapshot } from './layout';
import { textOf, valueOf, type PackSheet, type Raw } from './review-read';

/** A cell's figure in pence, as whatever saved the pack left it; null when it is not an amount. */
function pence(raw: Raw): number | null {
  const v = valueOf(raw);
  if (v.kind === 'empty') return 0;
  if (v.kind === 'number') return Math.round(v.value * 100);
  const a = parseAmount(textOf(v));
  return a.ok ? a.value : null;
}

export class ComputedCells {
  private readonly borough: Borough;
  private readonly index: Map<string, number>;
  private readonly out: Float64Array;
  private readonly year: string;
  private readonly refused: Problem[] = [];

  constructor(
    private readonly project: Project,
    private readonly file: string,
  ) {
    this.borough = allocationOf(project).borough;
    this.index = new Map(project.wards().map((w, i) => [w.code, i]));
    this.out = new Float64Array(this.borough.size);
    this.year = project.settings().year;
  }

  /** Checks one Allocation row of a line exported as apportioned (not direct). */
  check(sheet: PackSheet, r: number, moneyCol: number, wardCodes: string[], snap: LineSnapshot, line: SpendLine): void {
    // The line as it was exported, split with the project's proxies.
    const split = apportionLine(
      this.borough,
      { id: snap.id, ref: snap.ref, partner: line.partner, amountPence: snap.amountPence, basis: snap.basis, beta: snap.beta, discretionaryPct: snap.pct, siteWard: snap.siteWard, excluded: otherYear(line, this.year) },
      this.out,
    );
    wardCodes.forEach((ward, k) => {
      const col = moneyCol + k;
      const raw = sheet.raw(r, col);
      const want = split.ok ? (split.amounts[this.index.get(ward)!] ?? 0) : 0;
      const got = pence(raw);
      if (got === want) return;
      const shown = got === null ? `"${textOf(raw)}"` : formatPounds(got, { pence: true });
      this.refused.push({
        file: this.file,
        row: r,
        column: `${SHEETS.allocation}!${cellRef(col, r)}`,
        value: textOf(raw),
        message: `holds ${shown} where Spendmap computed ${formatPounds(want, { pence: true })} for ${snap.ref} in ${ward}: ward figures on a line apportioned by ${snap.basis} are computed; to set them, make the line direct or change its basis or β.`,
      });
    });
  }

  /**
   * The refused cells. If the project's proxies changed since the pack was exported, its
   * figures are not today's split, so a typed-over cell cannot be told from the rest:
   * that is said once instead.
   */
  problems(exportedAt: string): Problem[] {
    if (!this.refused.length) return [];
    const changed = exportedAt ? auditCount(this.project.db, { entity: 'proxy', sinceIso: exportedAt }) : 0;
    if (!changed) return this.refused;
    return [
      {
        file: this.file,
        column: SHEETS.allocation,
        message: `the ward figures of ${this.refused.length} cell${this.refused.length === 1 ? '' : 's'} differ from Spendmap's split, but the proxies changed since this pack was exported, so cells typed over cannot be told apart. Export a fresh neighbourhood pack and send that.`,
      },
    ];
  }
}
