// The Allocation sheet of a returned pack: ward figures a partner typed over the
// formulas (or changed, for a line exported as direct), as a change to the line's
// direct figures; in a neighbourhood pack, figures typed over a computed line's split,
// refused (review-computed.ts).
import type { PackChange } from '../../../shared/contract/packs';
import { compareText } from '../../../shared/engine';
import { formatPounds, parseAmount } from '../../../shared/money';
import type { Project } from '../project/project';
import { AC, cellRef, SHEETS } from './layout';
import { ComputedCells } from './review-computed';
import { LABELS, type ChangePlan, type LinesRead, type ReviewState } from './review-lines';
import { textOf, type PackSheet } from './review-read';
import { matchKey } from '../../../shared/domain/fields';
import { wardFiguresByLine } from '../mapping/direct-figures-store';

function describeFigures(figures: ReadonlyMap<string, number> | null): string {
  if (!figures || figures.size === 0) return 'none';
  let total = 0;
  for (const v of figures.values()) total += v;
  const list = [...figures].sort(([a], [b]) => compareText(a, b)).map(([w, p]) => `${w} ${formatPounds(p, { pence: true })}`);
  return `${formatPounds(total, { pence: true })} in ${figures.size} ward${figures.size === 1 ? '' : 's'}: ${list.join('; ')}`;
}

function sameFigures(a: ReadonlyMap<string, number> | null, b: ReadonlyMap<string, number> | null): boolean {
  const x = [...(a ?? [])].filter(([, v]) => v !== 0);
  const y = new Map([...(b ?? [])].filter(([, v]) => v !== 0));
  return x.length === y.size && x.every(([k, v]) => y.get(k) === v);
}

function plansAmount(plan: ChangePlan | undefined): number | null {
  if (plan?.kind !== 'line' || plan.values.amount === undefined) return null;
  const a = parseAmount(plan.values.amount);
  return a.ok ? a.value : null;
}

export function directByLine(project: Project): Map<number, Map<string, number>> {
  return wardFiguresByLine(project.db);
}

/** The ward cells of one Allocation row as figures in pence, or null when one is refused. */
function typedFigures(state: ReviewState, sheet: PackSheet, r: number, moneyCol: number, wardCodes: string[]) {
  const typed = new Map<string, number>();
  let formulas = 0;
  let typedCells = 0;
  let bad = false;
  wardCodes.forEach((ward, k) => {
    const col = moneyCol + k;
    const raw = sheet.raw(r, col);
    const refuse = (value: string, message: string) => state.problems.push({ file: state.file, row: r, column: `${SHEETS.allocation}!${cellRef(col, r)}`, value, message });
    if (raw.kind === 'formula') return void formulas++;
    if (raw.kind === 'empty') return;
    typedCells++;
    let pence: number | null = null;
    if (raw.kind === 'number') {
      const p = Math.round(raw.value * 100);
      if (raw.value < 0) refuse(String(raw.value), 'is negative: a ward figure is 0 or more.');
      else if (Math.abs(raw.value * 100 - p) > 1e-4) refuse(String(raw.value), 'is more precise than a penny.');
      else pence = p;
    } else {
      const a = parseAmount(textOf(raw));
      if (!a.ok) refuse(textOf(raw), a.message);
      else pence = a.value;
    }
    if (pence === null) bad = true;
    else if (pence > 0) typed.set(ward, pence);
  });
  return bad ? null : { typed, formulas, typedCells };
}

/** Only the pack's wards of a set of figures. */
function within(figures: ReadonlyMap<string, number> | null, wards: ReadonlySet<string>): Map<string, number> {
  return new Map([...(figures ?? [])].filter(([w]) => wards.has(w)));
}

/**
 * The Allocation ward columns of a returned pack. `wardCodes` are the columns the pack
 * has, in order; `live` is false for a neighbourhood pack, whose cells hold the engine's
 * figures as values for its own wards only: there, only a line exported as direct is
 * read (against its exported figures in those wards), and the wards not in the pack
 * keep the line's figures as they are now.
 */
export function reviewDirect(
  state: ReviewState,
  sheet: PackSheet,
  layout: { headerRow: number; moneyCol: number; wardCodes: string[]; live: boolean; exportedAt: string },
  lines: LinesRead,
  project: Project,
): void {
  const { headerRow, moneyCol, wardCodes, live } = layout;
  const computed = live ? null : new ComputedCells(project, state.file);
  const inPack = new Set(wardCodes);
  const directNow = directByLine(project);
  const n = wardCodes.length;
  for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
    const key = matchKey(textOf(sheet.raw(r, AC.ref)));
    if (!key) continue;
    const line = state.current.get(key);
    const snap = state.snapshots.get(key);
    if (!line || !snap) continue;
    const exportedDirect = snap.basis === 'direct';
    // A neighbourhood pack's other lines show the engine's split as values, not figures to type.
    if (!live && !exportedDirect) {
      computed!.check(sheet, r, moneyCol, wardCodes, snap, line);
      continue;
    }
    const got = typedFigures(state, sheet, r, moneyCol, wardCodes);
    if (!got) continue;
    const { typed: inCells, formulas, typedCells } = got;
    if (!exportedDirect && typedCells === 0) continue;
    const before = directNow.get(line.id) ?? null;
    const exported = snap.direct ? new Map(Object.entries(snap.direct)) : null;
    // Direct lines were exported as figures: compare with those. Others: typed cells are new figures.
    if (exportedDirect && sameFigures(inCells, live ? exported : within(exported, inPack))) continue;
    // The wards a neighbourhood pack does not hold keep the line's figures now (never zeroed).
    const typed = live ? inCells : new Map([...[...(before ?? [])].filter(([w]) => !inPack.has(w)), ...inCells]);
    const notes: string[] = [];
    if (!exportedDirect && formulas > 0) notes.push(`${formulas} of ${n} ward cells still hold formulas and count as no figure.`);
    const finalBasis = lines.packBasis.get(key) ?? line.basis;
    if (finalBasis !== 'direct') notes.push(`The basis is "${finalBasis}": the figures are kept and used once the basis is direct.`);
    const total = [...typed.values()].reduce((s, v) => s + v, 0);
    const amountInPack = state.changes.find((c) => c.lineId === line.id && c.field === 'amount');
    const lineAmount = amountInPack ? (plansAmount(state.plans.get(amountInPack.id)) ?? line.amountPence) : line.amountPence;
    if (typed.size && total !== lineAmount)
      notes.push(`They add up to ${formatPounds(total, { pence: true })}, not the line's ${formatPounds(lineAmount, { pence: true })}: the line will be flagged.`);
    const id = `${line.id}:direct`;
    const change: PackChange = {
      id,
      lineId: line.id,
      ref: line.ref,
      partner: line.partner,
      field: 'direct',
      label: LABELS.direct,
      before: describeFigures(before),
      after: describeFigures(typed),
      exported: describeFigures(exported),
      conflict: !sameFigures(before, exported),
      note: notes.length ? notes.join(' ') : null,
      cell: `${SHEETS.allocation}!${cellRef(moneyCol, r)}:${cellRef(moneyCol + n - 1, r)}`,
    };
    state.changes.push(change);
    state.plans.set(id, { kind: 'direct', figures: typed });
  }
  if (computed) state.problems.push(...computed.problems(layout.exportedAt));
}
