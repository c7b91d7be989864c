// The Lines sheet of a returned pack: for each line the partner kept, which fields they
// changed from what was exported, read whichever way the cell was saved (a number, text,
// a formula's result, a true percentage).
import type { PackChange, PackField } from '../../../shared/contract/packs';
import type { Problem } from '../../../shared/contract/result';
import { matchKey, parseField, type FieldContext } from '../../../shared/domain/fields';
import type { SpendLine } from '../../../shared/domain/types';
import { formatPounds, parseAmount, penceToPoundsText } from '../../../shared/money';
import { isPercentFormat } from '../imports/workbook';
import type { LineTexts } from '../budgets/lines';
import { cellRef, LC, LINES_FIRST_ROW, SHEETS, type LineSnapshot } from './layout';
import { textOf, valueOf, type PackSheet, type Raw } from './review-read';

/** How an accepted change is applied. */
export type ChangePlan =
  | { kind: 'line'; field: Exclude<PackField, 'direct' | 'confidence'>; values: LineTexts }
  | { kind: 'confidence'; confidence: string; reason: string | null }
  | { kind: 'direct'; figures: Map<string, number> };

export const LABELS: Record<PackField, string> = {
  amount: 'amount',
  basis: 'basis',
  beta: 'β',
  discretionaryPct: 'discretionary %',
  status: 'status',
  confidence: 'confidence',
  siteWard: 'site ward',
  direct: 'ward figures',
};

/** What the review builds up, sheet by sheet. */
export interface ReviewState {
  file: string;
  current: Map<string, SpendLine>;
  snapshots: Map<string, LineSnapshot>;
  ctx: FieldContext;
  problems: Problem[];
  changes: PackChange[];
  plans: Map<string, ChangePlan>;
}

export interface LinesRead {
  /** Each ref (lower case) read, with its row. */
  seen: Map<string, number>;
  unknownRefs: { ref: string; cell: string }[];
  /** The basis each line has in the pack (to judge its ward figures). */
  packBasis: Map<string, string>;
  checked: number;
}

/** A number a partner typed, or as a percentage-formatted cell holds it (12.5% is stored 0.125). */
function pctValue(raw: Raw, format: string | undefined): Raw {
  return raw.kind === 'number' && isPercentFormat(format) ? { kind: 'number', value: Number((raw.value * 100).toPrecision(12)) } : raw;
}

/** An amount in £ from a number cell, in pence, or a refusal. */
function amountOf(raw: Raw, cellKind: Raw['kind'], refuse: (value: string, message: string) => void): number | undefined {
  if (raw.kind === 'number') {
    const pence = Math.round(raw.value * 100);
    if (raw.value < 0) refuse(String(raw.value), 'is negative. Amounts must be 0 or more.');
    else if (Math.abs(raw.value * 100 - pence) > 1e-6 * Math.max(1, Math.abs(pence)) && Math.abs(raw.value * 100 - pence) > 1e-4)
      refuse(String(raw.value), 'is more precise than a penny: use at most 2 decimal places.');
    else if (!Number.isSafeInteger(pence)) refuse(String(raw.value), 'is too large.');
    else return pence;
    return undefined;
  }
  if (raw.kind === 'formula' || (cellKind === 'formula' && raw.kind === 'empty')) {
    refuse('', 'holds a formula with no saved value: open the pack in Excel and save it again.');
    return undefined;
  }
  const a = parseAmount(textOf(raw));
  if (!a.ok) refuse(textOf(raw), a.message);
  return a.ok ? a.value : undefined;
}

/** A number from 0 to `max`, from a number cell or text; refused outside that range. */
function boundedOf(raw: Raw, max: number, refuse: (value: string, message: string) => void, outside: string, parseText: () => number | undefined): number | undefined {
  if (raw.kind !== 'number') return parseText();
  if (raw.value >= 0 && raw.value <= max) return raw.value;
  refuse(String(raw.value), outside);
  return undefined;
}

export function reviewLines(state: ReviewState, sheet: PackSheet): LinesRead {
  const { file, problems } = state;
  const out: LinesRead = { seen: new Map(), unknownRefs: [], packBasis: new Map(), checked: 0 };
  for (let r = LINES_FIRST_ROW; r <= sheet.rowCount; r++) {
    const ref = textOf(sheet.raw(r, LC.ref)).trim();
    if (!ref) continue;
    const key = matchKey(ref);
    const at = (col: number) => `${SHEETS.lines}!${cellRef(col, r)}`;
    if (out.seen.has(key)) {
      problems.push({ file, row: r, column: at(LC.ref), value: ref, message: `"${ref}" is also on row ${out.seen.get(key)}: each line once. This row was not read.` });
      continue;
    }
    out.seen.set(key, r);
    const line = state.current.get(key);
    if (!line) {
      out.unknownRefs.push({ ref, cell: at(LC.ref) });
      continue;
    }
    const snap = state.snapshots.get(key);
    if (!snap) {
      problems.push({ file, row: r, column: at(LC.ref), value: ref, message: `line ${ref} was not in this pack when it was exported; it was not read.` });
      continue;
    }
    out.checked++;
    const refuser = (col: number) => (value: string, message: string) => problems.push({ file, row: r, column: at(col), value, message });
    const parsed = <F extends Parameters<typeof parseField>[0]>(field: F, col: number) => {
      const text = textOf(sheet.raw(r, col));
      const p = parseField(field, text, state.ctx);
      if (!p.ok) refuser(col)(text, p.message);
      return p.ok ? p.value : undefined;
    };
    const amount = amountOf(valueOf(sheet.raw(r, LC.amount)), sheet.raw(r, LC.amount).kind, refuser(LC.amount));
    const basis = parsed('basis', LC.basis);
    const beta = boundedOf(valueOf(sheet.raw(r, LC.beta)), 1, refuser(LC.beta), 'is outside 0–1. β is a number from 0 to 1, e.g. 0.5.', () => parsed('beta', LC.beta));
    const pct = boundedOf(pctValue(valueOf(sheet.raw(r, LC.pct)), sheet.format(r, LC.pct)), 100, refuser(LC.pct), 'is outside 0–100. Use a percentage from 0 to 100, e.g. 12.5.', () =>
      parsed('discretionaryPct', LC.pct),
    );
    const status = parsed('status', LC.status);
    const confidence = parsed('confidence', LC.confidence);
    const siteWard = parsed('siteWard', LC.siteWard);
    const reasonText = textOf(sheet.raw(r, LC.reason)).trim();
    if (basis !== undefined) out.packBasis.set(key, basis);

    const add = (field: PackField, values: { before: string; after: string; exported: string; conflict: boolean }, col: number, plan: ChangePlan, note: string | null = null) => {
      const id = `${line.id}:${field}`;
      state.changes.push({ id, lineId: line.id, ref: line.ref, partner: line.partner, field, label: LABELS[field], ...values, note, cell: at(col) });
      state.plans.set(id, plan);
    };
    const pounds = (p: number) => formatPounds(p, { pence: true });
    if (amount !== undefined && amount !== snap.amountPence)
      add('amount', { before: pounds(line.amountPence), after: pounds(amount), exported: pounds(snap.amountPence), conflict: line.amountPence !== snap.amountPence }, LC.amount, {
        kind: 'line',
        field: 'amount',
        values: { amount: penceToPoundsText(amount) },
      });
    if (basis !== undefined && basis !== snap.basis)
      add('basis', { before: line.basis, after: basis, exported: snap.basis, conflict: line.basis !== snap.basis }, LC.basis, { kind: 'line', field: 'basis', values: { basis } },
        basis === 'site' && !(siteWard ?? line.siteWard) ? 'A site line needs a site ward: give one too, or the change will be refused.' : null);
    if (beta !== undefined && beta !== snap.beta)
      add('beta', { before: String(line.beta), after: String(beta), exported: String(snap.beta), conflict: line.beta !== snap.beta }, LC.beta, { kind: 'line', field: 'beta', values: { beta: String(beta) } });
    if (pct !== undefined && pct !== snap.pct)
      add('discretionaryPct', { before: `${line.discretionaryPct}%`, after: `${pct}%`, exported: `${snap.pct}%`, conflict: line.discretionaryPct !== snap.pct }, LC.pct, {
        kind: 'line',
        field: 'discretionaryPct',
        values: { discretionaryPct: String(pct) },
      });
    if (status !== undefined && status !== snap.status)
      add('status', { before: line.status, after: status, exported: snap.status, conflict: line.status !== snap.status }, LC.status, { kind: 'line', field: 'status', values: { status } });
    if (confidence !== undefined && confidence !== null && confidence !== snap.confidence)
      add('confidence', { before: line.confidence, after: confidence, exported: snap.confidence, conflict: line.confidence !== snap.confidence }, LC.confidence,
        { kind: 'confidence', confidence, reason: reasonText || null },
        reasonText ? `Reason given: ${reasonText}` : 'No reason given in the pack: Spendmap records "set by the partner in the returned pack".');
    if (siteWard !== undefined && (siteWard ?? null) !== (snap.siteWard ?? null))
      add('siteWard', { before: line.siteWard ?? '(none)', after: siteWard ?? '(none)', exported: snap.siteWard ?? '(none)', conflict: (line.siteWard ?? null) !== (snap.siteWard ?? null) }, LC.siteWard,
        { kind: 'line', field: 'siteWard', values: { siteWard: siteWard ?? '' } });
  }
  return out;
}
