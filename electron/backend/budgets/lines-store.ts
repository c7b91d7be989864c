// Every SQL statement on spend_lines: the budgets grid, imports, undo, years, direct
// figures and proposals all read and write lines through these functions, so the table's
// columns and rules are named in one file. (Schema checks of a foreign file stay in
// store/verify.ts; a read led by another table may join it: README.md, "How it is built".)
// Fixed statements are prepared once per connection (store/prepared.ts); the grid's
// filtered and sorted pages, and undo's column lists, are built per call.
import { AppError } from '../../../shared/contract/result';
import { suggestedConfidence, type Confidence, type PartnerType, type SpendLine, type Status } from '../../../shared/domain/types';
import type { Db } from '../store/database';
import { plucked, prepared } from '../store/prepared';
import { projectSettings } from '../project/project-store';

/** A line as SELECT reads it: the stored override under `confidence`, themes as one string. */
type LineDbRow = Omit<SpendLine, 'confidence' | 'confidenceOverride' | 'themes' | 'toConfirm'> & {
  confidence: Confidence | null;
  themes: string;
  toConfirm: string | null;
};

/** A line's stored columns by their database names (what undo keeps and puts back). */
export type LineColumns = Record<string, unknown>;

const SELECT = `SELECT l.id, l.ref, p.name AS partner, p.type AS partnerType, l.service, l.description,
  l.amount_pence AS amountPence, l.year, l.basis, l.beta, l.discretionary_pct AS discretionaryPct, l.status,
  l.confidence, l.confidence_reason AS confidenceReason, l.themes, l.site_ward AS siteWard, l.to_confirm AS toConfirm
  FROM spend_lines l JOIN partners p ON p.id = l.partner_id`;

function toLine(r: LineDbRow): SpendLine {
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

// The confidence sort calls the one rule (shared/domain/types.ts) from SQL, so the rule
// is never restated as a CASE expression. Registered once per connection.
const withRule = new WeakSet<Db>();
function ruled(db: Db): Db {
  if (!withRule.has(db)) {
    db.function('suggested_confidence', { deterministic: true }, (basis: unknown) => suggestedConfidence(String(basis)));
    withRule.add(db);
  }
  return db;
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
  confidence: 'COALESCE(l.confidence, suggested_confidence(l.basis))',
  themes: 'l.themes',
  siteWard: 'l.site_ward',
};

/** Which lines a grid shows: its filter bar and search (every field optional; all given must hold). */
export interface LineFilter {
  partner?: string | undefined;
  search?: string | undefined;
  /** Only lines still to confirm (carried forward or converted, not yet edited). */
  toConfirm?: boolean | undefined;
  basis?: string | undefined;
  status?: Status | undefined;
  /** The line's confidence as shown: its override, else the one its basis suggests. */
  confidence?: Confidence | undefined;
  /** Only 80:20 focus lines (true) or only the others (false); needs `focusCut`. */
  focus?: boolean | undefined;
  /** Where focus ends, from the allocation (the store cannot reach it: see budgets/line-filter.ts). */
  focusCut?: FocusCut | undefined;
}

/**
 * The focus lines as an amount test: every line above the smallest focus amount is focus,
 * and of the lines at it, those ranked in (by ref, as the rule breaks ties). Far cheaper in
 * SQL than a list of thousands of refs.
 */
export interface FocusCut {
  /** The smallest focus line's amount (null: no focus lines). */
  at: number | null;
  /** Refs of the focus lines at exactly that amount. */
  tieRefs: readonly string[];
}

/** One partner's lines in a query: the grids' subtotals. */
export interface PartnerTotal {
  partner: string;
  count: number;
  totalPence: number;
}

export interface LineTotals {
  count: number;
  totalPence: number;
  /** Per partner, by name, when asked; their counts and totals add up to the query's. */
  partners?: PartnerTotal[];
}

export interface LinePageQuery extends LineFilter {
  offset: number;
  limit: number;
  /** Per-partner subtotals too (a grid asks with its first block only). */
  subtotals?: boolean | undefined;
  sort?: { field: string; dir: 'asc' | 'desc' } | undefined;
}

/** The WHERE clause of a page query, and its arguments. */
function filterOf(q: LineFilter): { w: string; args: unknown[] } {
  const where: string[] = [];
  const args: unknown[] = [];
  if (q.toConfirm) where.push('l.to_confirm IS NOT NULL');
  if (q.partner) {
    where.push('p.name = ? COLLATE NOCASE');
    args.push(q.partner);
  }
  if (q.basis) {
    where.push('l.basis = ?');
    args.push(q.basis);
  }
  if (q.status) {
    where.push('l.status = ?');
    args.push(q.status);
  }
  if (q.confidence) {
    where.push(`${SORTABLE.confidence} = ?`);
    args.push(q.confidence);
  }
  if (q.focus !== undefined) {
    if (!q.focusCut) throw new Error('A focus filter needs the focus cut (withFocus).');
    const { at, tieRefs } = q.focusCut;
    const isFocus = at === null ? '0' : '(l.amount_pence > ? OR (l.amount_pence = ? AND l.ref IN (SELECT value FROM json_each(?))))';
    where.push(q.focus ? isFocus : `NOT ${isFocus}`);
    if (at !== null) args.push(at, at, JSON.stringify(tieRefs));
  }
  if (q.search) {
    where.push(`(l.ref LIKE ? ESCAPE '\\' OR p.name LIKE ? ESCAPE '\\' OR l.service LIKE ? ESCAPE '\\' OR l.description LIKE ? ESCAPE '\\' OR l.themes LIKE ? ESCAPE '\\')`);
    const like = `%${q.search.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
    args.push(like, like, like, like, like);
  }
  return { w: where.length ? `WHERE ${where.join(' AND ')}` : '', args };
}

/** A line's amount when it is of the project's year (the first argument): totals never mix years. */
const YEAR_PENCE = 'COALESCE(SUM(CASE WHEN l.year = ? THEN l.amount_pence ELSE 0 END), 0)';

/**
 * How many lines a filter shows, and their Σ amount in the project's year, in all and,
 * when asked, per partner: the grids' subtotals and bottom row. Per partner is one
 * grouped query, so the subtotals add up to the total by construction; without them it
 * is a plain count (a grid's later blocks need no subtotals).
 */
export function countLines(db: Db, q: LineFilter): Required<LineTotals>;
export function countLines(db: Db, q: LineFilter, perPartner: boolean): LineTotals;
export function countLines(db: Db, q: LineFilter, perPartner = true): LineTotals {
  const { w, args: filterArgs } = filterOf(q);
  const args = [projectSettings(db).year, ...filterArgs];
  if (!perPartner)
    return ruled(db)
      .prepare(`SELECT COUNT(*) AS count, ${YEAR_PENCE} AS totalPence FROM spend_lines l JOIN partners p ON p.id = l.partner_id ${w}`)
      .get(...args) as LineTotals;
  const partners = ruled(db)
    .prepare(
      `SELECT p.name AS partner, COUNT(*) AS count, ${YEAR_PENCE} AS totalPence
       FROM spend_lines l JOIN partners p ON p.id = l.partner_id ${w} GROUP BY p.id ORDER BY p.name COLLATE NOCASE, p.id`,
    )
    .all(...args) as PartnerTotal[];
  let count = 0;
  let totalPence = 0;
  for (const r of partners) {
    count += r.count;
    totalPence += r.totalPence;
  }
  return { count, totalPence, partners };
}

export function pageOfLines(db: Db, q: LinePageQuery): SpendLine[] {
  const { w, args } = filterOf(q);
  const col = SORTABLE[q.sort?.field ?? 'position'] ?? 'l.position';
  const dir = q.sort?.dir === 'desc' ? 'DESC' : 'ASC';
  const rows = ruled(db)
    .prepare(`${SELECT} ${w} ORDER BY ${col} ${dir}, l.position ${dir}, l.id LIMIT ? OFFSET ?`)
    .all(...args, q.limit, q.offset) as LineDbRow[];
  return rows.map(toLine);
}

export function linesById(db: Db, ids: number[]): SpendLine[] {
  if (!ids.length) return [];
  const stmt = prepared(db, `${SELECT} WHERE l.id = ?`);
  return ids.map((id) => {
    const r = stmt.get(id) as LineDbRow | undefined;
    if (!r) throw new AppError('NOT_FOUND', `Line ${id} no longer exists; it may have been deleted. Reload the grid.`);
    return toLine(r);
  });
}

export function everyLine(db: Db): SpendLine[] {
  return (prepared(db, `${SELECT} ORDER BY l.position, l.id`).all() as LineDbRow[]).map(toLine);
}

/** What the ward split reads of a line (mapping/allocation.ts): no text the engine does not use. */
export type EngineLineFields = Pick<
  SpendLine,
  'id' | 'ref' | 'partner' | 'amountPence' | 'year' | 'basis' | 'beta' | 'discretionaryPct' | 'status' | 'confidenceOverride' | 'themes' | 'siteWard'
>;

/**
 * Every line's fields for the engine, in everyLine's order: descriptions, services and
 * notes are most of a line's text, and reading them was a third of reading the lines.
 */
export function everyEngineLine(db: Db): EngineLineFields[] {
  const rows = prepared(
    db,
    `SELECT l.id, l.ref, p.name AS partner, l.amount_pence AS amountPence, l.year, l.basis, l.beta,
      l.discretionary_pct AS discretionaryPct, l.status, l.confidence AS confidenceOverride, l.themes, l.site_ward AS siteWard
      FROM spend_lines l JOIN partners p ON p.id = l.partner_id ORDER BY l.position, l.id`,
  ).all() as (Omit<EngineLineFields, 'themes'> & { themes: string | string[] })[];
  // Themes split in place: a copy of each row would be a second object per line.
  for (const r of rows) r.themes = r.themes ? (r.themes as string).split(';') : [];
  return rows as EngineLineFields[];
}

/** The partner of the line added last: a new blank line starts with it. */
export function lastLinePartner(db: Db): { name: string; type: PartnerType } | undefined {
  return prepared(db, 'SELECT p.name, p.type FROM spend_lines l JOIN partners p ON p.id = l.partner_id ORDER BY l.id DESC LIMIT 1').get() as
    | { name: string; type: PartnerType }
    | undefined;
}

/** The id of the line holding a ref (any case), if any. */
export function refOwner(db: Db): (ref: string) => number | undefined {
  const stmt = plucked(db, 'SELECT id FROM spend_lines WHERE ref = ? COLLATE NOCASE');
  return (ref) => stmt.get(ref) as number | undefined;
}

/** Every ref in the project, lower case (an import's duplicate check). */
export function lowerRefs(db: Db): Set<string> {
  return new Set(plucked(db, 'SELECT lower(ref) FROM spend_lines').all() as string[]);
}

/** A line's id, ref, amount and basis by ref (any case): what direct figures and proposals name. */
export interface LineKey {
  id: number;
  ref: string;
  amount: number;
  basis: string;
}
export function lineKeys(db: Db): LineKey[] {
  return prepared(db, 'SELECT id, ref, amount_pence AS amount, basis FROM spend_lines').all() as LineKey[];
}
export function lineKey(db: Db, id: number): LineKey | undefined {
  return prepared(db, 'SELECT id, ref, amount_pence AS amount, basis FROM spend_lines WHERE id = ?').get(id) as LineKey | undefined;
}
export function lineKeyByRef(db: Db, ref: string): LineKey | undefined {
  return prepared(db, 'SELECT id, ref, amount_pence AS amount, basis FROM spend_lines WHERE ref = ? COLLATE NOCASE').get(ref) as LineKey | undefined;
}

/** The first refs of lines on a basis (a proxy in use cannot be deleted). */
export function refsOnBasis(db: Db, basis: string, limit: number): string[] {
  return plucked(db, 'SELECT ref FROM spend_lines WHERE basis = ? ORDER BY ref LIMIT ?').all(basis, limit) as string[];
}

/** What one line holds when written: the stored columns an edit or import sets. */
export interface LineValues {
  ref: string;
  partnerId: number;
  service: string;
  description: string;
  amount: number;
  year: string;
  basis: string;
  beta: number;
  discretionaryPct: number;
  status: string;
  confidence: string | null;
  confidenceReason: string | null;
  themes: readonly string[];
  siteWard: string | null;
}
const valuesOf = (v: LineValues) => [v.ref, v.partnerId, v.service, v.description, v.amount, v.year, v.basis, v.beta, v.discretionaryPct, v.status, v.confidence, v.confidenceReason, v.themes.join(';'), v.siteWard];

/** Saves an edit: the line is confirmed for its year (to_confirm cleared). */
export function updateLine(db: Db, id: number, v: LineValues): void {
  prepared(
    db,
    `UPDATE spend_lines SET ref=?, partner_id=?, service=?, description=?, amount_pence=?, year=?, basis=?, beta=?,
     discretionary_pct=?, status=?, confidence=?, confidence_reason=?, themes=?, site_ward=?, to_confirm=NULL WHERE id=?`,
  ).run(...valuesOf(v), id);
}

/** A prepared insert for many lines (an import's rows, a paste): returns each new id. */
export function lineInserter(db: Db): (v: LineValues, position: number, importId?: number | null) => number {
  const stmt = prepared(
    db,
    `INSERT INTO spend_lines (ref, partner_id, service, description, amount_pence, year, basis, beta, discretionary_pct,
     status, confidence, confidence_reason, themes, site_ward, position, import_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
  );
  return (v, position, importId = null) => Number(stmt.run(...valuesOf(v), position, importId).lastInsertRowid);
}

export function renameLine(db: Db, id: number, ref: string): void {
  prepared(db, 'UPDATE spend_lines SET ref = ? WHERE id = ?').run(ref, id);
}

export function deleteLineRows(db: Db, ids: readonly number[]): void {
  const del = prepared(db, 'DELETE FROM spend_lines WHERE id = ?');
  for (const id of ids) del.run(id);
}

/** Σ amount of every line, every year (the project's ceiling is checked on it). */
export function sumAllLinePence(db: Db): number {
  return plucked(db, 'SELECT COALESCE(SUM(amount_pence), 0) FROM spend_lines').get() as number;
}

/** Σ amount of the lines not brought by one import (the lines already there). */
export function sumPenceOutsideImport(db: Db, importId: number): number {
  return plucked(db, 'SELECT COALESCE(SUM(amount_pence), 0) FROM spend_lines WHERE import_id IS NOT ?').get(importId) as number;
}

/** The title bar's counts: lines, partners, and Σ amount of the project year's lines. */
export function projectLineCounts(db: Db): { lines: number; partners: number; totalPence: number } {
  return prepared(
    db,
    `SELECT (SELECT COUNT(*) FROM spend_lines) AS lines, (SELECT COUNT(*) FROM partners) AS partners,
            (SELECT COALESCE(SUM(amount_pence), 0) FROM spend_lines WHERE year = (SELECT year FROM project)) AS totalPence`,
  ).get() as { lines: number; partners: number; totalPence: number };
}

export function refTaken(db: Db): (ref: string) => boolean {
  const stmt = prepared(db, 'SELECT 1 FROM spend_lines WHERE ref = ? COLLATE NOCASE');
  return (ref) => stmt.get(ref) !== undefined;
}

export function lastPosition(db: Db): number {
  return plucked(db, 'SELECT COALESCE(MAX(position), 0) FROM spend_lines').get() as number;
}

/** Makes room for `count` new lines right after line `afterId`; returns the first free position, null if that line is gone. */
export function makeRoomAfter(db: Db, afterId: number, count: number): number | null {
  const position = plucked(db, 'SELECT position FROM spend_lines WHERE id = ?').get(afterId) as number | undefined;
  if (position === undefined) return null;
  if (count > 0) prepared(db, 'UPDATE spend_lines SET position = position + ? WHERE position > ?').run(count, position);
  return position + 1;
}

// Undo and redo put back a line's stored columns exactly as they were.
export function lineColumns(db: Db, id: number): LineColumns | null {
  return (prepared(db, 'SELECT * FROM spend_lines WHERE id = ?').get(id) as LineColumns | undefined) ?? null;
}
/** Sets the named columns (names from the table's own schema, never from input). */
export function setLineColumns(db: Db, id: number, values: LineColumns): void {
  const cols = Object.keys(values);
  db.prepare(`UPDATE spend_lines SET ${cols.map((k) => `"${k}" = ?`).join(', ')} WHERE id = ?`).run(...cols.map((k) => values[k]), id);
}
export function insertLineColumns(db: Db, values: LineColumns): void {
  const cols = Object.keys(values);
  db.prepare(`INSERT INTO spend_lines (${cols.map((k) => `"${k}"`).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...cols.map((k) => values[k]));
}

/** What another year's file needs of its lines to allocate and compare them. */
export interface LineFigures {
  id: number;
  ref: string;
  partner: string;
  amountPence: number;
  status: Status;
  basis: string;
  beta: number;
  discretionaryPct: number;
  confidence: Confidence | null;
  siteWard: string | null;
  year: string;
}
export function lineFigures(db: Db): LineFigures[] {
  return prepared(
    db,
    `SELECT l.id, l.ref, p.name AS partner, l.amount_pence AS amountPence, l.status, l.basis, l.beta, l.discretionary_pct AS discretionaryPct,
            l.confidence, l.site_ward AS siteWard, l.year FROM spend_lines l JOIN partners p ON p.id = l.partner_id ORDER BY l.position, l.id`,
  ).all() as LineFigures[];
}

/** Refs of the lines of another year than this one. */
export function refsOutsideYear(db: Db, year: string): string[] {
  return plucked(db, 'SELECT ref FROM spend_lines WHERE year <> ? ORDER BY ref').all(year) as string[];
}
/** Rolling forward: the year's lines carry to the next, to confirm; other years' lines stay behind. Returns how many carried. */
export function carryLines(db: Db, from: string, to: string, note: string): number {
  prepared(db, 'DELETE FROM spend_lines WHERE year <> ?').run(from);
  return prepared(db, 'UPDATE spend_lines SET year = ?, to_confirm = ?').run(to, note).changes;
}

/** Site lines with their ward (converting wards moves each one). */
export function siteLines(db: Db): { id: number; ref: string; ward: string }[] {
  return prepared(db, "SELECT id, ref, site_ward AS ward FROM spend_lines WHERE basis = 'site' AND site_ward IS NOT NULL ORDER BY id").all() as { id: number; ref: string; ward: string }[];
}
export function clearSiteWards(db: Db): void {
  prepared(db, 'UPDATE spend_lines SET site_ward = NULL').run();
}
export function siteMover(db: Db): (id: number, ward: string, note: string) => void {
  const stmt = prepared(db, 'UPDATE spend_lines SET site_ward = ?, to_confirm = ? WHERE id = ?');
  return (id, ward, note) => void stmt.run(ward, note, id);
}
