// Spend lines: reading pages for the grid, and writing edits, pastes and new lines
// with the same field rules as imports, all or nothing, each change in the audit log.
import { AppError, inputError, type Problem } from '../../../shared/contract/result';
import { fieldText, lineProblems, parseField, type FieldContext, type FieldValues } from '../../../shared/domain/fields';
import {
  EDITABLE_FIELDS,
  FIELD_COLUMN,
  type EditableField,
  type PartnerType,
  type SpendLine,
} from '../../../shared/domain/types';
import { MAX_PROJECT_PENCE } from '../../../shared/money';
import type { Project } from '../project/project';
import { writeAudit, type AuditEntry } from '../audit/log';
import { directRows, lineRow, record, rowDiff, type Change } from '../history/service';
import { agreementChange, agreementRows } from '../packs/agreement-history';
import {
  countLines,
  deleteLineRows,
  everyLine,
  lastLinePartner,
  lastPosition,
  lineInserter as insertLine,
  linesById,
  makeRoomAfter,
  pageOfLines,
  refOwner,
  refTaken,
  sumAllLinePence,
  updateLine,
  type LineFilter,
  type LinePageQuery,
  type LineTotals,
} from './lines-store';
import { findOrCreatePartner } from './partners';
import { everyPartner, partnerByName } from './partners-store';
import { nextRefNumber, setNextRefNumber } from '../project/project-store';

export { fieldText };

export type PageQuery = LinePageQuery;
export type { FocusCut, LineFilter, LineTotals, PartnerTotal } from './lines-store';

export interface LinePage extends LineTotals {
  rows: SpendLine[];
}

/** How many lines a query shows, and their Σ amount (the project year's lines only), per partner and in all. */
export function lineTotals(project: Project, q: LineFilter): Required<LineTotals> {
  return countLines(project.db, q);
}

export function listLines(project: Project, q: PageQuery): LinePage {
  return { rows: pageOfLines(project.db, q), ...countLines(project.db, q, q.subtotals === true) };
}

export function getLines(project: Project, ids: number[]): SpendLine[] {
  return linesById(project.db, ids);
}

export function allLines(project: Project): SpendLine[] {
  return everyLine(project.db);
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
  const recent = lastLinePartner(project.db);
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
      const known = partnerByName(project.db, draft.partner);
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
  const ownerOf = refOwner(project.db);
  drafts.forEach(({ write, draft }, i) => {
    if (draft.ref === null || !(write.values.ref !== undefined)) return;
    const row = write.row ?? i + 1;
    const prior = seen.get(draft.ref.toLowerCase());
    if (prior !== undefined)
      problems.push({ file: opts.source, row, column: 'ref', value: draft.ref, message: `"${draft.ref}" is already used on row ${prior}. Each line needs its own ref.` });
    seen.set(draft.ref.toLowerCase(), row);
    const owner = ownerOf(draft.ref);
    if (owner !== undefined && owner !== write.id)
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
        updateLine(project.db, before.id, { ...draft, ref, partnerId });
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
        const id = insertLine(project.db)({ ...draft, ref, partnerId }, position);
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
  return new Map(everyPartner(project.db).map((r) => [r.id, { name: r.name, type: r.type }]));
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
    const changes: Change[] = lines.map((l) => ({ kind: 'delete', row: lineRow(project, l.id)!, direct: directRows(project, l.id) }));
    // A line's agreement goes with it (ON DELETE CASCADE): the entry keeps it, first, so
    // undo puts the lines back before their agreement and redo drops it before them.
    const held = agreementChange(new Map(lines.map((l) => [l.id, l.ref])), agreementRows(project, lines.map((l) => l.id)), new Map());
    if (held.rows.length) changes.unshift(held);
    deleteLineRows(project.db, lines.map((l) => l.id));
    record(project, lines.length === 1 ? `Delete line ${lines[0]!.ref}` : `Delete ${lines.length} lines`, changes);
    writeAudit(
      project.db,
      lines.map((l) => ({ action: 'delete', entity: 'line', entityId: l.id, ref: l.ref, oldValue: lineSnapshot(l), note: source })),
    );
  });
  return lines.length;
}

export function assertProjectTotal(project: Project): void {
  if (sumAllLinePence(project.db) > MAX_PROJECT_PENCE)
    throw new AppError('INPUT', 'The project would hold more than £10 trillion in total. Check the units of the amounts (£ / £000 / £m).');
}

/** The next free automatic ref, "L00001", "L00002"...: stable, sortable, never reused. */
export function nextRef(project: Project): string {
  const taken = refTaken(project.db);
  for (;;) {
    const n = nextRefNumber(project.db);
    setNextRefNumber(project.db, n + 1);
    const ref = `L${String(n).padStart(5, '0')}`;
    if (!taken(ref)) return ref;
  }
}

export function nextPosition(project: Project): number {
  return lastPosition(project.db) + 1;
}

/** Makes room for `count` new lines right after line `afterId`; returns the first free position. */
function positionAfter(project: Project, afterId: number, count: number): number {
  return makeRoomAfter(project.db, afterId, count) ?? nextPosition(project);
}
