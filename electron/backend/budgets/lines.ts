// Spend lines: reading pages for the grid, and writing edits, pastes and new lines
// with the same field rules as imports, all or nothing, each change in the audit log.
import { AppError, inputError, type Problem } from '../../../shared/contract/result';
import { fieldText, lineProblems, parseField, type FieldContext, type FieldValues } from '../../../shared/domain/fields';
import {
  EDITABLE_FIELDS,
  FIELD_COLUMN,
  SUGGESTED_CONFIDENCE,
  suggestedConfidence,
  type Confidence,
  type EditableField,
  type PartnerType,
  type SpendLine,
  type Status,
} from '../../../shared/domain/types';
import { MAX_PROJECT_PENCE } from '../../../shared/money';
import type { Project } from '../project/project';
import { writeAudit, type AuditEntry } from '../audit/log';
import { directRows, lineRow, record, rowDiff, type Change } from '../history/service';
import { findOrCreatePartner } from './partners';

interface LineDbRow {
  id: number;
  ref: string;
  partner: string;
  partnerType: PartnerType;
  service: string;
  description: string;
  amountPence: number;
  year: string;
  basis: string;
  beta: number;
  discretionaryPct: number;
  status: Status;
  confidence: Confidence | null;
  confidenceReason: string | null;
  themes: string;
  siteWard: string | null;
  toConfirm: string | null;
}

const SELECT = `SELECT l.id, l.ref, p.name AS partner, p.type AS partnerType, l.service, l.description,
  l.amount_pence AS amountPence, l.year, l.basis, l.beta, l.discretionary_pct AS discretionaryPct, l.status,
  l.confidence, l.confidence_reason AS confidenceReason, l.themes, l.site_ward AS siteWard, l.to_confirm AS toConfirm
  FROM spend_lines l JOIN partners p ON p.id = l.partner_id`;

export { fieldText };

export function toLine(r: LineDbRow): SpendLine {
  return {
    id: r.id,
    ref: r.ref,
    partner: r.partner,
    partnerType: r.partnerType,
    service: r.service,
    description: r.description,
    amountPence: r.amountPence,
    year: r.year,
    basis: r.basis,
    beta: r.beta,
    discretionaryPct: r.discretionaryPct,
    status: r.status,
    confidenceOverride: r.confidence,
    confidenceReason: r.confidenceReason,
    confidence: r.confidence ?? suggestedConfidence(r.basis),
    themes: r.themes ? r.themes.split(';') : [],
    siteWard: r.siteWard,
    toConfirm: r.toConfirm,
  };
}

/** suggestedConfidence as an SQL expression, built from the same rule (the bases are constants, not input). */
function suggestedConfidenceSql(basis: string): string {
  const list = (xs: readonly string[]) => xs.map((x) => `'${x}'`).join(',');
  const { green, red, otherwise } = SUGGESTED_CONFIDENCE;
  return `CASE WHEN ${basis} IN (${list(green)}) THEN 'green' WHEN ${basis} IN (${list(red)}) THEN 'red' ELSE '${otherwise}' END`;
}

const SORTABLE: Record<string, string> = {
  position: 'l.position',
  ref: 'l.ref',
  partner: 'p.name COLLATE NOCASE',
  partnerType: 'p.type',
  service: 'l.service COLLATE NOCASE',
  description: 'l.description COLLATE NOCASE',
  amountPence: 'l.amount_pence',
  year: 'l.year',
  basis: 'l.basis',
  beta: 'l.beta',
  discretionaryPct: 'l.discretionary_pct',
  status: 'l.status',
  confidence: `COALESCE(l.confidence, ${suggestedConfidenceSql('l.basis')})`,
  themes: 'l.themes',
  siteWard: 'l.site_ward',
};

export interface PageQuery {
  offset: number;
  limit: number;
  sort?: { field: string; dir: 'asc' | 'desc' } | undefined;
  partner?: string | undefined;
  search?: string | undefined;
  /** Only lines still to confirm (carried forward or converted, not yet edited). */
  toConfirm?: boolean | undefined;
}

export interface LinePage {
  rows: SpendLine[];
  count: number;
  totalPence: number;
}

/** The WHERE clause of a page query, and its arguments. */
function filterOf(q: Pick<PageQuery, 'partner' | 'search' | 'toConfirm'>): { w: string; args: unknown[] } {
  const where: string[] = [];
  const args: unknown[] = [];
  if (q.toConfirm) where.push('l.to_confirm IS NOT NULL');
  if (q.partner) {
    where.push('p.name = ? COLLATE NOCASE');
    args.push(q.partner);
  }
  if (q.search) {
    where.push(`(l.ref LIKE ? ESCAPE '\\' OR p.name LIKE ? ESCAPE '\\' OR l.service LIKE ? ESCAPE '\\' OR l.description LIKE ? ESCAPE '\\' OR l.themes LIKE ? ESCAPE '\\')`);
    const like = `%${q.search.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
    args.push(like, like, like, like, like);
  }
  return { w: where.length ? `WHERE ${where.join(' AND ')}` : '', args };
}

/** How many lines a query shows, and their Σ amount (the project year's lines only: totals never mix years): the grids' bottom row. */
export function lineTotals(project: Project, q: Pick<PageQuery, 'partner' | 'search' | 'toConfirm'>): { count: number; totalPence: number } {
  const { w, args } = filterOf(q);
  // Unfiltered, every line has its partner (a foreign key): no join needed.
  const from = w ? `spend_lines l JOIN partners p ON p.id = l.partner_id ${w}` : 'spend_lines l';
  const agg = project.db
    .prepare(`SELECT COUNT(*) AS count, COALESCE(SUM(CASE WHEN l.year = (SELECT year FROM project) THEN l.amount_pence ELSE 0 END), 0) AS total FROM ${from}`)
    .get(...args) as { count: number; total: number };
  return { count: agg.count, totalPence: agg.total };
}

export function listLines(project: Project, q: PageQuery): LinePage {
  const { w, args } = filterOf(q);
  const col = SORTABLE[q.sort?.field ?? 'position'] ?? 'l.position';
  const dir = q.sort?.dir === 'desc' ? 'DESC' : 'ASC';
  const rows = project.db
    .prepare(`${SELECT} ${w} ORDER BY ${col} ${dir}, l.position ${dir}, l.id LIMIT ? OFFSET ?`)
    .all(...args, q.limit, q.offset) as LineDbRow[];
  return { rows: rows.map(toLine), ...lineTotals(project, q) };
}

export function getLines(project: Project, ids: number[]): SpendLine[] {
  if (!ids.length) return [];
  const stmt = project.db.prepare(`${SELECT} WHERE l.id = ?`);
  return ids.map((id) => {
    const r = stmt.get(id) as LineDbRow | undefined;
    if (!r) throw new AppError('NOT_FOUND', `Line ${id} no longer exists; it may have been deleted. Reload the grid.`);
    return toLine(r);
  });
}

export function allLines(project: Project): SpendLine[] {
  return (project.db.prepare(`${SELECT} ORDER BY l.position, l.id`).all() as LineDbRow[]).map(toLine);
}

export function fieldContext(project: Project): FieldContext {
  return { proxies: project.proxies().map((p) => p.name), wards: project.wardCodes(), year: project.settings().year };
}

/** Values typed for the fields of one line, keyed by field; missing fields keep their value. */
export type LineTexts = Partial<Record<EditableField, string>>;

export interface LineWrite {
  /** An existing line to change, or absent to create one. */
  id?: number | undefined;
  values: LineTexts;
  /** The reason for a confidence override set by this write. */
  confidenceReason?: string | undefined;
  /** How errors name this write: a spreadsheet row number. */
  row?: number | undefined;
}

export interface WriteOptions {
  /** Names the source in errors and the audit log: "pasted rows", "budgets.csv". */
  source: string;
  /** Reason recorded for confidence overrides that come without one (imports, pastes). */
  defaultConfidenceReason?: string;
  afterId?: number | undefined;
}

type Draft = Omit<FieldValues, 'ref'> & { ref: string | null; confidenceReason: string | null };

function draftOf(line: SpendLine): Draft {
  return {
    ref: line.ref,
    partner: line.partner,
    partnerType: line.partnerType,
    service: line.service,
    description: line.description,
    amount: line.amountPence,
    year: line.year,
    basis: line.basis,
    beta: line.beta,
    discretionaryPct: line.discretionaryPct,
    status: line.status,
    confidence: line.confidenceOverride,
    confidenceReason: line.confidenceReason,
    themes: line.themes,
    siteWard: line.siteWard,
  };
}

function newDraft(project: Project, ctx: FieldContext): Draft {
  const recent = project.db
    .prepare('SELECT p.name, p.type FROM spend_lines l JOIN partners p ON p.id = l.partner_id ORDER BY l.id DESC LIMIT 1')
    .get() as { name: string; type: PartnerType } | undefined;
  return {
    ref: null,
    partner: recent?.name ?? 'New partner',
    partnerType: recent?.type ?? 'other',
    service: '',
    description: '',
    amount: 0,
    year: ctx.year,
    basis: ctx.proxies.includes('population') ? 'population' : 'even',
    beta: 0,
    discretionaryPct: 0,
    status: 'mainstream',
    confidence: null,
    confidenceReason: null,
    themes: [],
    siteWard: null,
  };
}

/**
 * Applies creates and updates together: every value is checked first and the
 * whole batch is refused with every problem listed, or all of it is saved.
 */
export function writeLines(project: Project, writes: LineWrite[], opts: WriteOptions): SpendLine[] {
  const ctx = fieldContext(project);
  const problems: Problem[] = [];
  const existing = new Map(getLines(project, writes.flatMap((w) => (w.id === undefined ? [] : [w.id]))).map((l) => [l.id, l]));
  const drafts: { write: LineWrite; draft: Draft; before: SpendLine | null; changed: EditableField[] }[] = [];
  const batchTypes = new Map<string, { type: PartnerType; row: number }>();

  writes.forEach((write, i) => {
    const row = write.row ?? i + 1;
    const before = write.id === undefined ? null : existing.get(write.id)!;
    const draft = before ? draftOf(before) : newDraft(project, ctx);
    const changed: EditableField[] = [];
    for (const field of EDITABLE_FIELDS) {
      const raw = write.values[field];
      if (raw === undefined) continue;
      const parsed = parseField(field, raw, ctx);
      if (!parsed.ok) {
        problems.push({ file: opts.source, row, column: FIELD_COLUMN[field], value: raw, message: parsed.message });
        continue;
      }
      (draft as Record<string, unknown>)[field] = parsed.value;
      changed.push(field);
    }
    // A partner named without a type keeps the type it has: from earlier in this
    // batch, else in the project, else "other" for a new partner.
    if (write.values.partner !== undefined && write.values.partnerType === undefined) {
      const key = draft.partner.toLowerCase();
      const known = project.db.prepare('SELECT type FROM partners WHERE name = ? COLLATE NOCASE').get(draft.partner) as
        | { type: PartnerType }
        | undefined;
      draft.partnerType = batchTypes.get(key)?.type ?? known?.type ?? 'other';
    }
    if (write.values.partnerType !== undefined && parseField('partnerType', write.values.partnerType, ctx).ok) {
      const key = draft.partner.toLowerCase();
      const earlier = batchTypes.get(key);
      if (earlier && earlier.type !== draft.partnerType)
        problems.push({
          file: opts.source,
          row,
          column: 'partner_type',
          value: draft.partnerType,
          message: `"${draft.partner}" is type ${earlier.type} on row ${earlier.row}. A partner has one type: use the same type on every row.`,
        });
      else if (!earlier) batchTypes.set(key, { type: draft.partnerType, row });
    }
    if (changed.includes('confidence')) {
      if (draft.confidence === null) draft.confidenceReason = null;
      else {
        const reason = write.confidenceReason?.trim() || opts.defaultConfidenceReason;
        if (!reason)
          problems.push({
            file: opts.source,
            row,
            column: 'confidence',
            value: draft.confidence,
            message: 'is an override of the suggested confidence and needs a reason. Say why, e.g. "partner supplied ward figures".',
          });
        else draft.confidenceReason = reason;
      }
    }
    for (const p of lineProblems(draft))
      problems.push({ file: opts.source, row, column: FIELD_COLUMN[p.field], value: draft.siteWard ?? '', message: p.message });
    drafts.push({ write, draft, before, changed });
  });

  // Refs are unique across the project, including within this batch.
  const seen = new Map<string, number>();
  const refOwner = project.db.prepare('SELECT id FROM spend_lines WHERE ref = ? COLLATE NOCASE');
  drafts.forEach(({ write, draft }, i) => {
    if (draft.ref === null || !(write.values.ref !== undefined)) return;
    const row = write.row ?? i + 1;
    const prior = seen.get(draft.ref.toLowerCase());
    if (prior !== undefined)
      problems.push({ file: opts.source, row, column: 'ref', value: draft.ref, message: `"${draft.ref}" is already used on row ${prior}. Each line needs its own ref.` });
    seen.set(draft.ref.toLowerCase(), row);
    const owner = refOwner.get(draft.ref) as { id: number } | undefined;
    if (owner && owner.id !== write.id)
      problems.push({ file: opts.source, row, column: 'ref', value: draft.ref, message: `"${draft.ref}" is already the ref of another line in this project. Give this line a new ref or leave it blank.` });
  });

  if (problems.length) throw inputError(`${problems.length} value${problems.length === 1 ? '' : 's'} refused in ${opts.source}; nothing was saved.`, problems);

  return project.tx(() => {
    const audit: AuditEntry[] = [];
    const ids: number[] = [];
    const changes: Change[] = [];
    const typesBefore = partnerTypes(project);
    let position = opts.afterId === undefined ? null : positionAfter(project, opts.afterId, drafts.filter((d) => !d.before).length);
    for (const { write, draft, before, changed } of drafts) {
      const partnerId = findOrCreatePartner(project, draft.partner, draft.partnerType, audit, write.values.partnerType !== undefined);
      if (before) {
        const ref = draft.ref ?? before.ref;
        const rowBefore = lineRow(project, before.id)!;
        project.db
          .prepare(
            `UPDATE spend_lines SET ref=?, partner_id=?, service=?, description=?, amount_pence=?, year=?, basis=?, beta=?,
             discretionary_pct=?, status=?, confidence=?, confidence_reason=?, themes=?, site_ward=?, to_confirm=NULL WHERE id=?`,
          )
          .run(ref, partnerId, draft.service, draft.description, draft.amount, draft.year, draft.basis, draft.beta,
            draft.discretionaryPct, draft.status, draft.confidence, draft.confidenceReason, draft.themes.join(';'), draft.siteWard, before.id);
        const after = getLines(project, [before.id])[0]!;
        const fields = rowDiff(rowBefore, lineRow(project, before.id)!);
        if (Object.keys(fields).length) changes.push({ kind: 'update', line: before.id, ref: after.ref, fields });
        for (const field of changed) {
          const o = fieldText(before, field);
          const n = fieldText(after, field);
          if (o === n && !(field === 'confidence' && before.confidenceReason !== after.confidenceReason)) continue;
          audit.push({
            action: field === 'confidence' ? 'override' : 'update',
            entity: 'line',
            entityId: before.id,
            ref: after.ref,
            field: FIELD_COLUMN[field],
            oldValue: o,
            newValue: n,
            note: field === 'confidence' && after.confidenceReason ? `${opts.source}: ${after.confidenceReason}` : opts.source,
          });
        }
        ids.push(before.id);
      } else {
        const ref = draft.ref ?? nextRef(project);
        if (position === null) position = nextPosition(project);
        const id = Number(
          project.db
            .prepare(
              `INSERT INTO spend_lines (ref, partner_id, service, description, amount_pence, year, basis, beta, discretionary_pct,
               status, confidence, confidence_reason, themes, site_ward, position) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
            )
            .run(ref, partnerId, draft.service, draft.description, draft.amount, draft.year, draft.basis, draft.beta,
              draft.discretionaryPct, draft.status, draft.confidence, draft.confidenceReason, draft.themes.join(';'), draft.siteWard, position).lastInsertRowid,
        );
        position += 1;
        const created = getLines(project, [id])[0]!;
        changes.push({ kind: 'create', row: lineRow(project, id)! });
        audit.push({ action: 'create', entity: 'line', entityId: id, ref, newValue: lineSnapshot(created), note: opts.source });
        ids.push(id);
      }
    }
    assertProjectTotal(project);
    writeAudit(project.db, audit);
    const typesAfter = partnerTypes(project);
    for (const [id, p] of typesAfter) {
      const was = typesBefore.get(id);
      if (was && was.type !== p.type) changes.push({ kind: 'partnerType', partner: id, name: p.name, before: was.type, after: p.type });
    }
    record(project, historyLabel(opts.source, changes), changes);
    return getLines(project, ids);
  });
}

function partnerTypes(project: Project): Map<number, { name: string; type: string }> {
  const rows = project.db.prepare('SELECT id, name, type FROM partners').all() as { id: number; name: string; type: string }[];
  return new Map(rows.map((r) => [r.id, { name: r.name, type: r.type }]));
}

const WORDS: Record<string, string> = {
  amount_pence: 'amount',
  partner_id: 'partner',
  beta: 'β',
  discretionary_pct: 'discretionary %',
  site_ward: 'site ward',
  confidence_reason: 'confidence',
};

/** "Change amount of KC-EDU", "Add 2 lines", "pasted rows: 3 lines changed": how undo names an action. */
function historyLabel(source: string, changes: Change[]): string {
  const updates = changes.filter((c) => c.kind === 'update');
  const creates = changes.filter((c) => c.kind === 'create').length;
  if (updates.length === 1 && creates === 0) {
    const cols = Object.keys(updates[0]!.fields).filter((k) => k !== 'confidence_reason' || !('confidence' in updates[0]!.fields));
    const what = [...new Set(cols.map((k) => WORDS[k] ?? k))].join(', ');
    return `Change ${what} of ${updates[0]!.ref}`;
  }
  if (updates.length === 0 && creates > 0) return `Add ${creates} line${creates === 1 ? '' : 's'}`;
  if (updates.length === 0 && creates === 0) return `Change partner type (${source})`;
  return `${source[0]!.toUpperCase()}${source.slice(1)}: ${updates.length} line${updates.length === 1 ? '' : 's'} changed${creates ? `, ${creates} added` : ''}`;
}

/** Every field of a line as text: what the audit log keeps of a created or deleted line. */
export function lineSnapshot(line: SpendLine): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of EDITABLE_FIELDS) out[FIELD_COLUMN[f]] = fieldText(line, f);
  if (line.confidenceReason) out.confidence_reason = line.confidenceReason;
  return out;
}

export function deleteLines(project: Project, ids: number[], source: string): number {
  const lines = getLines(project, ids);
  project.tx(() => {
    const del = project.db.prepare('DELETE FROM spend_lines WHERE id = ?');
    const changes: Change[] = lines.map((l) => ({ kind: 'delete', row: lineRow(project, l.id)!, direct: directRows(project, l.id) }));
    for (const l of lines) del.run(l.id);
    record(project, lines.length === 1 ? `Delete line ${lines[0]!.ref}` : `Delete ${lines.length} lines`, changes);
    writeAudit(
      project.db,
      lines.map((l) => ({ action: 'delete', entity: 'line', entityId: l.id, ref: l.ref, oldValue: lineSnapshot(l), note: source })),
    );
  });
  return lines.length;
}

export function assertProjectTotal(project: Project): void {
  const { total } = project.db.prepare('SELECT COALESCE(SUM(amount_pence), 0) AS total FROM spend_lines').get() as { total: number };
  if (total > MAX_PROJECT_PENCE)
    throw new AppError('INPUT', 'The project would hold more than £10 trillion in total. Check the units of the amounts (£ / £000 / £m).');
}

/** The next free automatic ref, "L00001", "L00002"...: stable, sortable, never reused. */
export function nextRef(project: Project): string {
  const taken = project.db.prepare('SELECT 1 FROM spend_lines WHERE ref = ? COLLATE NOCASE');
  for (;;) {
    const { next_ref: n } = project.db.prepare('SELECT next_ref FROM project WHERE id = 1').get() as { next_ref: number };
    project.db.prepare('UPDATE project SET next_ref = ? WHERE id = 1').run(n + 1);
    const ref = `L${String(n).padStart(5, '0')}`;
    if (!taken.get(ref)) return ref;
  }
}

export function nextPosition(project: Project): number {
  const { p } = project.db.prepare('SELECT COALESCE(MAX(position), 0) AS p FROM spend_lines').get() as { p: number };
  return p + 1;
}

/** Makes room for `count` new lines right after line `afterId`; returns the first free position. */
function positionAfter(project: Project, afterId: number, count: number): number {
  const row = project.db.prepare('SELECT position FROM spend_lines WHERE id = ?').get(afterId) as { position: number } | undefined;
  if (!row) return nextPosition(project);
  if (count > 0) project.db.prepare('UPDATE spend_lines SET position = position + ? WHERE position > ?').run(count, row.position);
  return row.position + 1;
}
