// Direct ward figures: the partner's real ward amounts for a line, from a CSV of
// `ref,ward_code,amount_gbp` or typed in. A line's figures are replaced as a whole.
// Figures that do not add up to the line are kept and the line is flagged.
import { AppError, inputError, type Problem } from '../../../shared/contract/result';
import type { FileInput } from '../../../shared/contract/methods';
import { matchKey, wardCode } from '../../../shared/domain/fields';
import { formatPounds, MAX_PROJECT_PENCE, parseAmount } from '../../../shared/money';
import type { Project } from '../project/project';
import { writeAudit, type AuditEntry } from '../audit/log';
import { lineKey, lineKeys } from '../budgets/lines-store';
import { directRows, record } from '../history/service';
import { lineWardFigures, replaceLineWardFigures, wardFiguresTotal } from './direct-figures-store';
import { openFileInput, readTable } from '../imports/table';

export interface DirectMismatch {
  ref: string;
  linePence: number;
  directPence: number;
}

export interface DirectResult {
  figures: number;
  lines: number;
  mismatches: DirectMismatch[];
  /** Refs whose basis is not `direct`: the figures are kept for when it is. */
  notDirect: string[];
  fileName: string;
}

interface LineRef {
  id: number;
  ref: string;
  amount: number;
  basis: string;
}

/** Ward figures of one line, ward code → pence. */
export function directFigures(project: Project, lineId: number): Map<string, number> {
  return new Map(lineWardFigures(project.db, lineId));
}

function replaceFigures(project: Project, line: LineRef, figures: Map<string, number>, note: string, audit: AuditEntry[]): DirectMismatch | null {
  const before = Object.fromEntries(directFigures(project, line.id));
  const sorted = [...figures].sort(([a], [b]) => (a < b ? -1 : 1));
  replaceLineWardFigures(project.db, line.id, sorted);
  const sum = sorted.reduce((s, [, pence]) => s + pence, 0);
  audit.push({ action: 'update', entity: 'line', entityId: line.id, ref: line.ref, field: 'direct_figures', oldValue: before, newValue: Object.fromEntries(figures), note });
  return sum === line.amount ? null : { ref: line.ref, linePence: line.amount, directPence: sum };
}

/**
 * Ward figures are capped like amounts: all of a project's together at most £10
 * trillion, so every sum the engine makes of them stays an exact integer (2^53 pence is
 * about £90 trillion). Called inside the write's transaction: refused, it rolls back.
 */
function checkDirectTotal(project: Project, file: string | null): void {
  const total = wardFiguresTotal(project.db);
  if (total > MAX_PROJECT_PENCE)
    throw new AppError(
      'INPUT',
      `${file ? `${file}: ` : ''}the ward figures of this project would add up to more than ${formatPounds(MAX_PROJECT_PENCE)}, the most a project may hold. Check the units (£ / £000 / £m); nothing was saved.`,
    );
}

export async function importDirect(project: Project, input: { file: FileInput; includeHidden?: boolean | undefined }): Promise<DirectResult> {
  const source = openFileInput(input.file);
  let table;
  try {
    table = await readTable(source, { includeHidden: input.includeHidden });
  } finally {
    source.close();
  }
  const file = source.name;
  const header = (table.rows[0] ?? []).map((h) => h.replace(/^\uFEFF/, '').trim().toLowerCase());
  const col = { ref: header.indexOf('ref'), ward: header.indexOf('ward_code'), amount: header.indexOf('amount_gbp') };
  const problems: Problem[] = [];
  for (const [k, name] of [['ref', 'ref'], ['ward', 'ward_code'], ['amount', 'amount_gbp']] as const)
    if (col[k] < 0) problems.push({ file, row: 1, column: name, message: `the header has no "${name}" column. The file must have the header ref,ward_code,amount_gbp.` });
  if (problems.length) throw inputError(`${file}: the header must be ref,ward_code,amount_gbp; nothing was imported.`, problems);

  const lines = new Map(
    lineKeys(project.db).map((l) => [matchKey(l.ref), l]),
  );
  const wards = project.wardCodes();
  const byLine = new Map<number, { line: LineRef; figures: Map<string, number> }>();
  const seen = new Map<string, number>();
  for (let i = 1; i < table.rows.length; i++) {
    const cells = table.rows[i]!;
    const row = i + 1;
    if (cells.every((c) => c.trim() === '')) continue;
    const ref = (cells[col.ref] ?? '').trim();
    const ward = wardCode(cells[col.ward] ?? '');
    const amountText = cells[col.amount] ?? '';
    const line = lines.get(matchKey(ref));
    let ok = true;
    if (!line) {
      problems.push({ file, row, column: 'ref', value: ref, message: ref ? `"${ref}" is not the ref of a line in this project.` : 'is blank. Give the ref of the line these figures belong to.' });
      ok = false;
    }
    if (!wards.has(ward)) {
      problems.push({ file, row, column: 'ward_code', value: ward, message: ward ? `"${ward}" is not a ward of this project.` : 'is blank. Give the ward code, e.g. E05013941.' });
      ok = false;
    }
    const amount = parseAmount(amountText);
    if (!amount.ok) {
      problems.push({ file, row, column: 'amount_gbp', value: amountText, message: amount.message });
      ok = false;
    }
    if (!ok || !line || !amount.ok) continue;
    const key = `${line.id}:${ward}`;
    if (seen.has(key)) {
      problems.push({ file, row, column: 'ward_code', value: ward, message: `line ${line.ref} already has a figure for ${ward} on row ${seen.get(key)}. Give each ward one figure per line.` });
      continue;
    }
    seen.set(key, row);
    let entry = byLine.get(line.id);
    if (!entry) byLine.set(line.id, (entry = { line, figures: new Map() }));
    entry.figures.set(ward, amount.value);
  }
  if (problems.length) throw inputError(`${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'} found; nothing was imported.`, problems.slice(0, 1000));
  if (!byLine.size) throw inputError(`${file}: no ward figures found; nothing was imported.`, [{ file, row: 2, message: 'is empty. Add one row per line and ward: ref,ward_code,amount_gbp.' }]);

  const mismatches: DirectMismatch[] = [];
  project.tx(() => {
    const audit: AuditEntry[] = [];
    for (const { line, figures } of byLine.values()) {
      const m = replaceFigures(project, line, figures, `Ward figures imported from ${file}`, audit);
      if (m) mismatches.push(m);
    }
    checkDirectTotal(project, file);
    writeAudit(project.db, audit);
  });
  const all = [...byLine.values()];
  return {
    figures: all.reduce((s, e) => s + e.figures.size, 0),
    lines: all.length,
    mismatches: mismatches.sort((a, b) => (a.ref < b.ref ? -1 : 1)),
    notDirect: all.filter((e) => e.line.basis !== 'direct').map((e) => e.line.ref).sort(),
    fileName: file,
  };
}

/** Typed-in ward figures for one line (amounts as text, "" or 0 for none). */
export function setDirectFigures(
  project: Project,
  lineId: number,
  entries: { ward: string; amount: string }[],
  note = 'Ward figures typed in',
): DirectMismatch | null {
  const line = lineKey(project.db, lineId);
  if (!line) throw new AppError('NOT_FOUND', `Line ${lineId} no longer exists.`);
  const wards = project.wardCodes();
  const problems: Problem[] = [];
  const figures = new Map<string, number>();
  const given = new Set<string>();
  for (const e of entries) {
    const ward = wardCode(e.ward);
    if (!wards.has(ward)) problems.push({ column: 'ward_code', value: ward, message: `"${ward}" is not a ward of this project.` });
    // E05013941 and e05013941 are one ward: two figures for it would silently keep one.
    if (given.has(ward)) problems.push({ column: 'ward_code', value: e.ward, message: `${ward} is given twice. Give each ward one figure.` });
    given.add(ward);
    if (e.amount.trim() === '') continue;
    const a = parseAmount(e.amount);
    if (!a.ok) problems.push({ column: ward, value: e.amount, message: a.message });
    else if (a.value > 0) figures.set(ward, a.value);
  }
  if (problems.length) throw inputError(`The ward figures for ${line.ref} were not saved: ${problems.length} problem${problems.length === 1 ? '' : 's'}.`, problems);
  return project.tx(() => {
    const audit: AuditEntry[] = [];
    const before = directRows(project, line.id);
    const m = replaceFigures(project, line, figures, note, audit);
    checkDirectTotal(project, null);
    writeAudit(project.db, audit);
    record(project, `Change ward figures of ${line.ref}`, [{ kind: 'direct', line: line.id, ref: line.ref, before, after: directRows(project, line.id) }]);
    return m;
  });
}

export function describeMismatch(m: DirectMismatch): string {
  const diff = m.directPence - m.linePence;
  return `${m.ref}: ward figures add up to ${formatPounds(m.directPence, { pence: true })}, the line is ${formatPounds(m.linePence, { pence: true })} (${diff > 0 ? 'over' : 'short'} by ${formatPounds(Math.abs(diff), { pence: true })})`;
}
