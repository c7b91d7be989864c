// Reading a pack that came back: which lines the partner changed (matched by ref), and
// how. The base is what the pack held when it was exported (kept in its hidden
// "Spendmap" sheet), so only the partner's edits count as changes; the project's value
// now is shown beside it, with a warning when the project changed that field since.
// Nothing here writes to the project.
import { createHash } from 'node:crypto';
import type ExcelJS from 'exceljs';
import type { FileInput } from '../../../shared/contract/methods';
import type { PackChange, PackField, PackReview } from '../../../shared/contract/packs';
import { AppError, type Problem } from '../../../shared/contract/result';
import { parseField, type FieldContext } from '../../../shared/domain/fields';
import type { SpendLine } from '../../../shared/domain/types';
import { compareText } from '../../../shared/engine';
import { formatPounds, parseAmount, penceToPoundsText } from '../../../shared/money';
import type { Project } from '../project/project';
import { readFileInput } from '../imports/table';
import { allLines, fieldContext, type LineTexts } from '../services/lines';
import { loadExcel } from './export';
import {
  ALLOCATION_COLUMNS,
  AC,
  cellRef,
  LC,
  LINE_COLUMNS,
  LINES_FIRST_ROW,
  LINES_HEADER_ROW,
  PACK_FORMAT,
  SHEETS,
  decodeSnapshot,
  type LineSnapshot,
} from './layout';
import { projectFingerprint } from './model';

/** How an accepted change is applied. */
export type ChangePlan =
  | { kind: 'line'; field: Exclude<PackField, 'direct' | 'confidence'>; values: LineTexts }
  | { kind: 'confidence'; confidence: string; reason: string | null }
  | { kind: 'direct'; figures: Map<string, number> };

export interface Reviewed {
  review: PackReview;
  plans: Map<string, ChangePlan>;
}

const LABELS: Record<PackField, string> = {
  amount: 'amount',
  basis: 'basis',
  beta: 'β',
  discretionaryPct: 'discretionary %',
  status: 'status',
  confidence: 'confidence',
  siteWard: 'site ward',
  direct: 'ward figures',
};

type Raw =
  | { kind: 'empty' }
  | { kind: 'number'; value: number }
  | { kind: 'text'; value: string }
  | { kind: 'formula'; result: Raw }
  | { kind: 'other'; text: string };

/** What a cell holds, whichever way Excel (or LibreOffice, or a script) saved it. */
function rawOf(value: ExcelJS.CellValue | undefined, depth = 0): Raw {
  if (value === null || value === undefined || value === '') return { kind: 'empty' };
  if (typeof value === 'number') return Number.isFinite(value) ? { kind: 'number', value } : { kind: 'other', text: String(value) };
  if (typeof value === 'string') return value.trim() === '' ? { kind: 'empty' } : { kind: 'text', value };
  if (typeof value === 'boolean') return { kind: 'other', text: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date) return { kind: 'other', text: value.toISOString().slice(0, 10) };
  const v = value as unknown as Record<string, unknown>;
  if ('formula' in v || 'sharedFormula' in v)
    return { kind: 'formula', result: depth > 2 ? { kind: 'empty' } : rawOf(v.result as ExcelJS.CellValue, depth + 1) };
  if (Array.isArray(v.richText)) return textRaw((v.richText as { text?: string }[]).map((t) => t.text ?? '').join(''));
  if (typeof v.text === 'string') return textRaw(v.text);
  if (typeof v.error === 'string') return { kind: 'other', text: v.error };
  return { kind: 'other', text: JSON.stringify(v).slice(0, 40) };
}

const textRaw = (t: string): Raw => (t.trim() === '' ? { kind: 'empty' } : { kind: 'text', value: t });

/** A typed value: a formula counts as its result (a partner may type =1000*12). */
const valueOf = (r: Raw): Raw => (r.kind === 'formula' ? r.result : r);

function textOf(r: Raw): string {
  const v = valueOf(r);
  switch (v.kind) {
    case 'empty':
      return '';
    case 'number':
      return String(v.value);
    case 'text':
      return v.value;
    case 'other':
      return v.text;
    default:
      return '';
  }
}

const sameNumber = (a: number, b: number) => a === b;

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

function brokenPack(file: string, problems: Problem[]): AppError {
  return new AppError(
    'INPUT',
    `${file}: the pack's structure was changed, so Spendmap cannot tell which cell is which. Nothing was read. Export a fresh pack, or undo the change listed.`,
    { problems },
  );
}

export async function reviewPack(project: Project, input: FileInput): Promise<Reviewed> {
  const raw = readFileInput(input);
  const file = raw.name;
  const Excel = await loadExcel();
  const wb = new Excel.Workbook();
  try {
    await wb.xlsx.load(raw.bytes as unknown as ExcelJS.Buffer);
  } catch {
    throw new AppError('INPUT', `${file}: this is not an Excel workbook (.xlsx) Spendmap can read. Send the pack back as .xlsx, as it was exported.`);
  }
  const meta = wb.getWorksheet(SHEETS.meta);
  if (!meta)
    throw new AppError('INPUT', `${file}: this is not a Spendmap pack (it has no hidden "${SHEETS.meta}" sheet). Only packs exported by Spendmap can be read back; import other budget files in Partners & budgets.`);
  const info = new Map<string, string>();
  for (let r = 1; r < 30; r++) {
    const k = textOf(rawOf(meta.getCell(r, 1).value));
    if (k) info.set(k, textOf(rawOf(meta.getCell(r, 2).value)));
  }
  if (info.get('format') !== PACK_FORMAT)
    throw new AppError('INPUT', `${file}: this pack's format (${info.get('format') || 'unknown'}) is not one this version of Spendmap reads (${PACK_FORMAT}).`);
  const settings = project.settings();
  if (info.get('project') !== projectFingerprint(project))
    throw new AppError(
      'INPUT',
      `${file}: this pack was exported from another project, "${info.get('projectName') ?? '?'}" (${info.get('ladName') ?? '?'}, ${info.get('year') ?? '?'}), not from the open project "${settings.name}". Open that project to review it; nothing was changed.`,
      { problems: [{ file, message: `exported from "${info.get('projectName') ?? '?'}", not "${settings.name}"` }] },
    );

  // Structure: the sheets, headers and ward columns the review reads must be where the pack put them.
  const structure: Problem[] = [];
  const lines = wb.getWorksheet(SHEETS.lines);
  const allocation = wb.getWorksheet(SHEETS.allocation);
  if (!lines) structure.push({ file, message: `the sheet "${SHEETS.lines}" is missing or was renamed.` });
  if (!allocation) structure.push({ file, message: `the sheet "${SHEETS.allocation}" is missing or was renamed.` });
  const wardCodes = project.wards().map((w) => w.code).sort(compareText);
  if ((info.get('wards') ?? '') !== wardCodes.join(','))
    structure.push({ file, message: "the pack's wards are not this project's wards (the project's wards changed since it was exported)." });
  if (Number(info.get('linesHeaderRow')) !== LINES_HEADER_ROW) structure.push({ file, message: 'the pack was written with a different layout.' });
  const allocHeader = Number(info.get('allocationHeaderRow'));
  const moneyCol = Number(info.get('moneyColumn'));
  if (!Number.isInteger(allocHeader) || !Number.isInteger(moneyCol) || allocHeader < 2 || moneyCol < 2)
    structure.push({ file, message: "the pack's hidden layout record is damaged." });
  const expect = (ws: ExcelJS.Worksheet, sheet: string, row: number, col: number, want: string) => {
    const got = textOf(rawOf(ws.getCell(row, col).value)).trim();
    if (got !== want)
      structure.push({
        file,
        row,
        column: `${sheet}!${cellRef(col, row)}`,
        value: got,
        message: `should be the heading "${want}" but is ${got ? `"${got}"` : 'empty'}: a row or column was inserted, deleted or moved.`,
      });
  };
  if (lines) LINE_COLUMNS.forEach((c, i) => expect(lines, SHEETS.lines, LINES_HEADER_ROW, i + 1, c.header));
  if (allocation && structure.length === 0) {
    ALLOCATION_COLUMNS.forEach((c, i) => expect(allocation, SHEETS.allocation, allocHeader, i + 1, c.header));
    wardCodes.forEach((code, k) => expect(allocation, SHEETS.allocation, allocHeader, moneyCol + k, code));
  }
  if (structure.length) throw brokenPack(file, structure.slice(0, 50));

  // What was exported.
  const snapshots = new Map<string, LineSnapshot>();
  const snapshotRow = Number(info.get('snapshotRow'));
  for (let r = snapshotRow; r <= meta.rowCount; r++) {
    const json = textOf(rawOf(meta.getCell(r, 2).value));
    if (!json) continue;
    try {
      const s = decodeSnapshot(json);
      snapshots.set(s.ref.toLowerCase(), s);
    } catch {
      throw brokenPack(file, [{ file, message: 'the hidden record of the exported lines is damaged.' }]);
    }
  }

  const current = new Map(allLines(project).map((l) => [l.ref.toLowerCase(), l]));
  const directNow = directByLine(project);
  const ctx = fieldContext(project);
  const problems: Problem[] = [];
  const changes: PackChange[] = [];
  const plans = new Map<string, ChangePlan>();
  const unknownRefs: { ref: string; cell: string }[] = [];
  const seen = new Map<string, number>();
  const packBasis = new Map<string, string>();
  const linesWs = lines!;
  const allocWs = allocation!;

  const add = (line: SpendLine, field: PackField, values: { before: string; after: string; exported: string; conflict: boolean }, cell: string, plan: ChangePlan, note: string | null = null) => {
    const id = `${line.id}:${field}`;
    changes.push({ id, lineId: line.id, ref: line.ref, partner: line.partner, field, label: LABELS[field], ...values, note, cell });
    plans.set(id, plan);
  };

  const lastRow = linesWs.rowCount;
  let checked = 0;
  for (let r = LINES_FIRST_ROW; r <= lastRow; r++) {
    const ref = textOf(rawOf(linesWs.getCell(r, LC.ref).value)).trim();
    if (!ref) continue;
    const key = ref.toLowerCase();
    const at = (col: number) => `${SHEETS.lines}!${cellRef(col, r)}`;
    if (seen.has(key)) {
      problems.push({ file, row: r, column: at(LC.ref), value: ref, message: `"${ref}" is also on row ${seen.get(key)}: each line once. This row was not read.` });
      continue;
    }
    seen.set(key, r);
    const line = current.get(key);
    if (!line) {
      unknownRefs.push({ ref, cell: at(LC.ref) });
      continue;
    }
    const snap = snapshots.get(key);
    if (!snap) {
      problems.push({ file, row: r, column: at(LC.ref), value: ref, message: `line ${ref} was not in this pack when it was exported; it was not read.` });
      continue;
    }
    checked++;
    const cellRaw = (col: number) => rawOf(linesWs.getCell(r, col).value);
    const refuse = (col: number, value: string, message: string) => problems.push({ file, row: r, column: at(col), value, message });
    const parsed = <F extends Parameters<typeof parseField>[0]>(field: F, col: number, ctxArg: FieldContext = ctx) => {
      const text = textOf(cellRaw(col));
      const p = parseField(field, text, ctxArg);
      if (!p.ok) refuse(col, text, p.message);
      return p.ok ? p.value : undefined;
    };

    // Amount (£): a number, or text as a finance officer writes it.
    const amountRaw = valueOf(cellRaw(LC.amount));
    let amount: number | undefined;
    if (amountRaw.kind === 'number') {
      const pence = Math.round(amountRaw.value * 100);
      if (amountRaw.value < 0) refuse(LC.amount, String(amountRaw.value), 'is negative. Amounts must be 0 or more.');
      else if (Math.abs(amountRaw.value * 100 - pence) > 1e-6 * Math.max(1, Math.abs(pence)) && Math.abs(amountRaw.value * 100 - pence) > 1e-4)
        refuse(LC.amount, String(amountRaw.value), 'is more precise than a penny: use at most 2 decimal places.');
      else if (!Number.isSafeInteger(pence)) refuse(LC.amount, String(amountRaw.value), 'is too large.');
      else amount = pence;
    } else if (amountRaw.kind === 'formula' || (cellRaw(LC.amount).kind === 'formula' && amountRaw.kind === 'empty')) {
      refuse(LC.amount, '', 'holds a formula with no saved value: open the pack in Excel and save it again.');
    } else {
      const a = parseAmount(textOf(amountRaw));
      if (!a.ok) refuse(LC.amount, textOf(amountRaw), a.message);
      else amount = a.value;
    }
    const basis = parsed('basis', LC.basis);
    const betaRaw = valueOf(cellRaw(LC.beta));
    const beta = betaRaw.kind === 'number' ? (betaRaw.value >= 0 && betaRaw.value <= 1 ? betaRaw.value : (refuse(LC.beta, String(betaRaw.value), 'is outside 0–1. β is a number from 0 to 1, e.g. 0.5.'), undefined)) : parsed('beta', LC.beta);
    // Typing "12.5%" makes Excel store 0.125 and switch the cell to a percentage format.
    const pctCell = linesWs.getCell(r, LC.pct);
    let pctRaw = valueOf(cellRaw(LC.pct));
    if (pctRaw.kind === 'number' && isPercentFormat(pctCell.numFmt)) pctRaw = { kind: 'number', value: Number((pctRaw.value * 100).toPrecision(12)) };
    const pct = pctRaw.kind === 'number' ? (pctRaw.value >= 0 && pctRaw.value <= 100 ? pctRaw.value : (refuse(LC.pct, String(pctRaw.value), 'is outside 0–100. Use a percentage from 0 to 100, e.g. 12.5.'), undefined)) : parsed('discretionaryPct', LC.pct);
    const status = parsed('status', LC.status);
    const confidence = parsed('confidence', LC.confidence);
    const siteWard = parsed('siteWard', LC.siteWard);
    const reasonText = textOf(cellRaw(LC.reason)).trim();
    if (basis !== undefined) packBasis.set(key, basis);

    const conflictOf = (now: unknown, exported: unknown) => now !== exported;
    if (amount !== undefined && amount !== snap.amountPence)
      add(line, 'amount', {
        before: formatPounds(line.amountPence, { pence: true }),
        after: formatPounds(amount, { pence: true }),
        exported: formatPounds(snap.amountPence, { pence: true }),
        conflict: conflictOf(line.amountPence, snap.amountPence),
      }, at(LC.amount), { kind: 'line', field: 'amount', values: { amount: penceToPoundsText(amount) } });
    if (basis !== undefined && basis !== snap.basis)
      add(line, 'basis', { before: line.basis, after: basis, exported: snap.basis, conflict: conflictOf(line.basis, snap.basis) }, at(LC.basis), {
        kind: 'line',
        field: 'basis',
        values: { basis },
      }, basis === 'site' && !(siteWard ?? line.siteWard) ? 'A site line needs a site ward: give one too, or the change will be refused.' : null);
    if (beta !== undefined && !sameNumber(beta, snap.beta))
      add(line, 'beta', { before: String(line.beta), after: String(beta), exported: String(snap.beta), conflict: !sameNumber(line.beta, snap.beta) }, at(LC.beta), {
        kind: 'line',
        field: 'beta',
        values: { beta: String(beta) },
      });
    if (pct !== undefined && !sameNumber(pct, snap.pct))
      add(
        line,
        'discretionaryPct',
        { before: `${line.discretionaryPct}%`, after: `${pct}%`, exported: `${snap.pct}%`, conflict: !sameNumber(line.discretionaryPct, snap.pct) },
        at(LC.pct),
        { kind: 'line', field: 'discretionaryPct', values: { discretionaryPct: String(pct) } },
      );
    if (status !== undefined && status !== snap.status)
      add(line, 'status', { before: line.status, after: status, exported: snap.status, conflict: conflictOf(line.status, snap.status) }, at(LC.status), {
        kind: 'line',
        field: 'status',
        values: { status },
      });
    if (confidence !== undefined && confidence !== null && confidence !== snap.confidence)
      add(
        line,
        'confidence',
        { before: line.confidence, after: confidence, exported: snap.confidence, conflict: conflictOf(line.confidence, snap.confidence) },
        at(LC.confidence),
        { kind: 'confidence', confidence, reason: reasonText || null },
        reasonText ? `Reason given: ${reasonText}` : 'No reason given in the pack: Spendmap records "set by the partner in the returned pack".',
      );
    if (siteWard !== undefined && (siteWard ?? null) !== (snap.siteWard ?? null))
      add(
        line,
        'siteWard',
        { before: line.siteWard ?? '(none)', after: siteWard ?? '(none)', exported: snap.siteWard ?? '(none)', conflict: conflictOf(line.siteWard ?? null, snap.siteWard ?? null) },
        at(LC.siteWard),
        { kind: 'line', field: 'siteWard', values: { siteWard: siteWard ?? '' } },
      );
  }
  const missingRefs = [...snapshots.values()].filter((s) => !seen.has(s.ref.toLowerCase())).map((s) => s.ref).sort(compareText);

  // Ward figures typed into Allocation.
  const n = wardCodes.length;
  for (let r = allocHeader + 1; r <= allocWs.rowCount; r++) {
    const ref = textOf(rawOf(allocWs.getCell(r, AC.ref).value)).trim();
    if (!ref) continue;
    const key = ref.toLowerCase();
    const line = current.get(key);
    const snap = snapshots.get(key);
    if (!line || !snap) continue;
    const typed = new Map<string, number>();
    let formulas = 0;
    let typedCells = 0;
    let bad = false;
    for (let k = 0; k < n; k++) {
      const col = moneyCol + k;
      const cellRaw = rawOf(allocWs.getCell(r, col).value);
      const at = `${SHEETS.allocation}!${cellRef(col, r)}`;
      if (cellRaw.kind === 'formula') {
        formulas++;
        continue;
      }
      if (cellRaw.kind === 'empty') continue;
      typedCells++;
      let pence: number | null = null;
      if (cellRaw.kind === 'number') {
        const p = Math.round(cellRaw.value * 100);
        if (cellRaw.value < 0) problems.push({ file, row: r, column: at, value: String(cellRaw.value), message: 'is negative: a ward figure is 0 or more.' });
        else if (Math.abs(cellRaw.value * 100 - p) > 1e-4) problems.push({ file, row: r, column: at, value: String(cellRaw.value), message: 'is more precise than a penny.' });
        else pence = p;
      } else {
        const a = parseAmount(textOf(cellRaw));
        if (!a.ok) problems.push({ file, row: r, column: at, value: textOf(cellRaw), message: a.message });
        else pence = a.value;
      }
      if (pence === null) bad = true;
      else if (pence > 0) typed.set(wardCodes[k]!, pence);
    }
    if (bad) continue;
    const exportedDirect = snap.basis === 'direct';
    if (!exportedDirect && typedCells === 0) continue;
    const before = directNow.get(line.id) ?? null;
    const exported = snap.direct ? new Map(Object.entries(snap.direct)) : null;
    // Direct lines were exported as figures: compare with those. Others: typed cells are new figures.
    if (exportedDirect ? sameFigures(typed, exported) : false) continue;
    const notes: string[] = [];
    if (!exportedDirect && formulas > 0) notes.push(`${formulas} of ${n} ward cells still hold formulas and count as no figure.`);
    const finalBasis = packBasis.get(key) ?? line.basis;
    if (finalBasis !== 'direct') notes.push(`The basis is "${finalBasis}": the figures are kept and used once the basis is direct.`);
    const total = [...typed.values()].reduce((s, v) => s + v, 0);
    const amountInPack = changes.find((c) => c.lineId === line.id && c.field === 'amount');
    const lineAmount = amountInPack ? plansAmount(plans.get(amountInPack.id)) ?? line.amountPence : line.amountPence;
    if (typed.size && total !== lineAmount)
      notes.push(`They add up to ${formatPounds(total, { pence: true })}, not the line's ${formatPounds(lineAmount, { pence: true })}: the line will be flagged.`);
    const id = `${line.id}:direct`;
    changes.push({
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
    });
    plans.set(id, { kind: 'direct', figures: typed });
  }

  const order = new Map(LINE_COLUMNS.map((c, i) => [c.key as string, i]));
  const fieldOrder = (f: PackField) => (f === 'direct' ? 99 : f === 'discretionaryPct' ? (order.get('pct') ?? 0) : (order.get(f) ?? 0));
  const rowOf = new Map([...seen].map(([k, v]) => [k, v]));
  changes.sort((a, b) => (rowOf.get(a.ref.toLowerCase()) ?? 0) - (rowOf.get(b.ref.toLowerCase()) ?? 0) || fieldOrder(a.field) - fieldOrder(b.field));

  const sha = createHash('sha256').update(raw.bytes).digest('hex');
  const reviewId = createHash('sha256')
    .update(JSON.stringify([sha, changes.map((c) => [c.id, c.before, c.after])]))
    .digest('hex')
    .slice(0, 40);
  return {
    review: {
      fileName: file,
      kind: info.get('kind') === 'neighbourhood' ? 'neighbourhood' : 'partner',
      subject: info.get('subject') ?? '',
      exportedAt: info.get('exportedAt') ?? '',
      exportedBy: info.get('exportedBy') ?? '',
      reviewId,
      changes,
      unknownRefs,
      missingRefs,
      problems: problems.slice(0, 1000),
      lines: checked,
    },
    plans,
  };
}

/** A number format that shows value × 100 with a % sign (a % outside quotes). */
export function isPercentFormat(format: string | undefined): boolean {
  return !!format && /%/.test(format.replace(/"[^"]*"/g, '').replace(/\\./g, ''));
}

function plansAmount(plan: ChangePlan | undefined): number | null {
  if (plan?.kind !== 'line' || plan.values.amount === undefined) return null;
  const a = parseAmount(plan.values.amount);
  return a.ok ? a.value : null;
}

function directByLine(project: Project): Map<number, Map<string, number>> {
  const rows = project.db.prepare('SELECT line_id AS id, ward_code AS ward, amount_pence AS pence FROM direct_figures').all() as { id: number; ward: string; pence: number }[];
  const out = new Map<number, Map<string, number>>();
  for (const r of rows) {
    let m = out.get(r.id);
    if (!m) out.set(r.id, (m = new Map()));
    m.set(r.ward, r.pence);
  }
  return out;
}

