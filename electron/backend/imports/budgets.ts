// Importing spend lines from a partner's file: the canonical template, or any layout
// through a column mapping. Every row is checked first; a file with any bad row
// imports nothing and every problem is listed with its file, row and column.
import { createHash } from 'node:crypto';
import { AppError, inputError, type Problem } from '../../../shared/contract/result';
import type { ColumnMapping, FileInput } from '../../../shared/contract/methods';
import { lineProblems, parseField, type FieldValues } from '../../../shared/domain/fields';
import {
  EDITABLE_FIELDS,
  FIELD_COLUMN,
  REQUIRED_COLUMNS,
  TEMPLATE_COLUMNS,
  type EditableField,
  type PartnerType,
  type TemplateColumn,
  type Units,
} from '../../../shared/domain/types';
import { formatPounds, MAX_PROJECT_PENCE } from '../../../shared/money';
import type { HandlerContext } from '../handlers/registry';
import type { Project } from '../project/project';
import { writeAudit, type AuditEntry } from '../store/audit';
import { fieldContext, nextPosition } from '../services/lines';
import { findOrCreatePartner } from '../services/partners';
import { columnLetter, openFileInput, rowBeyond, streamTable, tooManyRows, type ByteSource, type RowSink, type Table } from './table';

/** More lines than this in one file is refused: split the file by partner. */
export const MAX_IMPORT_ROWS = 500_000;
const SPLIT_ADVICE = 'Split it into smaller files (by partner or service).';
/** At most this many problems are listed; the count says how many there were. */
const MAX_LISTED = 1000;

const COLUMN_FIELD = Object.fromEntries(EDITABLE_FIELDS.map((f) => [FIELD_COLUMN[f], f])) as Record<TemplateColumn, EditableField>;

const norm = (s: string) => s.replace(/^\uFEFF/, '').trim().toLowerCase();

export function isCanonicalHeader(header: string[]): boolean {
  const names = header.map(norm).filter((h) => h !== '');
  return names.length === TEMPLATE_COLUMNS.length && TEMPLATE_COLUMNS.every((c) => names.includes(c));
}

export function defaultHeaderRow(table: Table): number {
  const i = table.rows.findIndex((r) => r.filter((c) => c.trim() !== '').length >= 2);
  return i < 0 ? 1 : i + 1;
}

/** Names a partner's file might use for each template column. */
const SYNONYMS: Record<TemplateColumn, string[]> = {
  ref: ['ref', 'reference', 'line ref', 'line reference', 'id', 'code', 'cost centre'],
  partner: ['partner', 'organisation', 'organization', 'partner name', 'body', 'agency'],
  partner_type: ['partner type', 'type', 'sector', 'organisation type'],
  service: ['service', 'service area', 'service line', 'programme', 'division'],
  description: ['description', 'details', 'detail', 'narrative', 'notes', 'comment'],
  amount_gbp: ['amount', 'amount gbp', 'amount (£)', 'budget', 'net budget', 'net expenditure', 'spend', 'value', 'total', 'gross budget', '£', 'amount £', 'annual budget'],
  year: ['year', 'financial year', 'fy'],
  basis: ['basis', 'apportionment basis', 'proxy', 'driver'],
  deprivation_weight: ['deprivation weight', 'deprivation weighting', 'beta', 'β'],
  discretionary_pct: ['discretionary pct', 'discretionary %', 'discretionary', 'discretionary percent', '% discretionary'],
  status: ['status', 'budget status'],
  confidence: ['confidence', 'rag', 'rating'],
  themes: ['themes', 'theme', 'tags', 'outcome'],
  site_ward: ['site ward', 'ward', 'ward code', 'site'],
};

const squash = (s: string) => norm(s).replace(/[_\s]+/g, ' ').replace(/\s*\(.*?\)\s*/g, (m) => (m.includes('£') ? ' (£)' : ' ')).trim();

/** A money header without its units ("Budget (£000)", "Amount £m" → "budget", "amount"): guessUnits reads those. */
const UNIT_WORDS = /£|gbp|\b000s?\b|\bk\b|\bmn?\b|million|thousand/;
export const withoutUnits = (h: string) =>
  norm(h)
    .replace(/\(([^)]*)\)/g, (m: string, inner: string) => (UNIT_WORDS.test(inner) ? ' ' : m))
    .replace(/£\s?(000s?|k|mn?|millions?|thousands?)(?![a-z0-9])|\bgbp\b|£/g, ' ')
    .replace(/[_\s]+/g, ' ')
    .trim();

export function guessMapping(header: string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  const used = new Set<number>();
  for (const col of TEMPLATE_COLUMNS) {
    const wanted = [col.replace(/_/g, ' '), ...SYNONYMS[col]];
    const i = header.findIndex(
      (h, idx) => !used.has(idx) && (norm(h) === col || wanted.includes(squash(h)) || (col === 'amount_gbp' && wanted.includes(withoutUnits(h)))),
    );
    if (i >= 0) {
      used.add(i);
      mapping[col] = { column: header[i]! };
    }
  }
  return mapping;
}

export function guessUnits(header: string[]): Units {
  const text = header.join(' ').toLowerCase();
  if (/£\s?m\b|£\s?million|millions|£ ?mn\b/.test(text)) return 'millions';
  if (/£\s?0{3}|£k\b|thousand|\(k\)/.test(text)) return 'thousands';
  return 'pounds';
}

export interface RememberedMapping {
  mapping: ColumnMapping;
  units: Units;
}

export function rememberedMapping(project: Project, partner: string | undefined, header: string[]): RememberedMapping | null {
  const rows = project.db.prepare('SELECT partner_key, mapping, units FROM column_mappings ORDER BY updated_at DESC').all() as {
    partner_key: string;
    mapping: string;
    units: Units;
  }[];
  const names = new Set(header.map(norm));
  const fits = (m: ColumnMapping) => Object.values(m).every((s) => !s || !('column' in s) || names.has(norm(s.column)));
  const key = partner ? norm(partner) : null;
  const chosen = (key && rows.find((r) => r.partner_key === key && fits(JSON.parse(r.mapping)))) || rows.find((r) => fits(JSON.parse(r.mapping)) && Object.keys(JSON.parse(r.mapping)).length > 0);
  return chosen ? { mapping: JSON.parse(chosen.mapping) as ColumnMapping, units: chosen.units } : null;
}

export function rememberMapping(project: Project, partner: string, mapping: ColumnMapping, units: Units): void {
  project.db
    .prepare(
      `INSERT INTO column_mappings (partner_key, mapping, units, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(partner_key) DO UPDATE SET mapping = excluded.mapping, units = excluded.units, updated_at = excluded.updated_at`,
    )
    .run(norm(partner), JSON.stringify(mapping), units, new Date().toISOString());
}

/** Rows before the header is known, when it is found by looking (at most this many). */
const HEADER_SEARCH_ROWS = 1000;

/**
 * Splits a stream of rows into the header and the data rows after it: the header is
 * row `headerRow`, or (when null) the first row with two or more values in the first
 * 1,000 rows, else row 1 — as `defaultHeaderRow` decides for a table in memory.
 */
function headerThenData(
  headerRow: number | null,
  onHeader: (header: string[], headerRow: number) => void,
  onData: (cells: string[], row: number) => void,
): { sink: RowSink; finish: () => void } {
  let known = false;
  const early: { cells: string[]; row: number }[] = [];
  const settle = (header: string[], row: number) => {
    known = true;
    onHeader(header, row);
  };
  const fallBack = () => {
    // No row had two values: the header is row 1, and the rows after it are data.
    const first = early[0]?.row === 1 ? early[0].cells : [];
    settle(first, 1);
    for (const e of early) if (e.row > 1) onData(e.cells, e.row);
    early.length = 0;
  };
  const sink: RowSink = (cells, row) => {
    if (known) return onData(cells, row);
    if (headerRow !== null) {
      if (row < headerRow) return;
      if (row === headerRow) return settle(cells, row);
      settle([], headerRow); // the header row is missing: an empty header
      return onData(cells, row);
    }
    if (cells.filter((c) => c.trim() !== '').length >= 2) return settle(cells, row);
    early.push({ cells, row });
    if (row >= HEADER_SEARCH_ROWS) fallBack();
  };
  const finish = () => {
    if (known) return;
    if (headerRow !== null) settle([], headerRow);
    else fallBack();
  };
  return { sink, finish };
}

const cleanHeader = (cells: string[]) => cells.map((h) => h.replace(/^\uFEFF/, '').trim());

export async function inspectFile(
  project: Project,
  input: { file: FileInput; sheet?: string | undefined; headerRow?: number | undefined; partner?: string | undefined; includeHidden?: boolean | undefined },
) {
  const source = openFileInput(input.file);
  try {
    let header: string[] = [];
    let headerRow = 1;
    let rowCount = 0;
    const sample: string[][] = [];
    const split = headerThenData(
      input.headerRow ?? null,
      (h, r) => {
        header = cleanHeader(h);
        headerRow = r;
      },
      (cells) => {
        if (!cells.some((c) => c.trim() !== '')) return;
        rowCount++;
        if (sample.length < 20) sample.push(header.map((_, i) => cells[i] ?? ''));
      },
    );
    const table = await streamTable(source, { sheet: input.sheet, includeHidden: input.includeHidden }, split.sink);
    split.finish();
    const canonical = isCanonicalHeader(header);
    const remembered = canonical ? null : rememberedMapping(project, input.partner, header);
    const mapping: ColumnMapping = canonical
      ? Object.fromEntries(TEMPLATE_COLUMNS.map((c) => [c, { column: header.find((h) => norm(h) === c)! }]))
      : (remembered?.mapping ?? guessMapping(header));
    return {
      fileName: source.name,
      sheets: table.sheets,
      sheet: table.sheet,
      headerRow,
      header,
      sample,
      rowCount,
      canonical,
      mapping,
      mappingFrom: canonical ? ('canonical' as const) : remembered ? ('remembered' as const) : ('guessed' as const),
      units: remembered?.units ?? guessUnits(header),
    };
  } finally {
    source.close();
  }
}

interface ResolvedColumn {
  index: number | null;
  value: string;
}

/** Each template column's source: a column index of the file, or a fixed value for every row. */
function resolveMapping(fileName: string, headerRow: number, header: string[], mapping: ColumnMapping | undefined): Map<TemplateColumn, ResolvedColumn> {
  const problems: Problem[] = [];
  const resolved = new Map<TemplateColumn, ResolvedColumn>();
  if (!mapping) {
    const seen = new Map<string, number>();
    header.forEach((h, i) => {
      const n = norm(h);
      if (n === '') return;
      if (!(TEMPLATE_COLUMNS as readonly string[]).includes(n))
        problems.push({ file: fileName, row: headerRow, column: columnLetter(i), value: h, message: `"${h}" is not a column of the budget template. The header must be: ${TEMPLATE_COLUMNS.join(', ')} (or map the columns when importing in the app).` });
      else if (seen.has(n))
        problems.push({ file: fileName, row: headerRow, column: columnLetter(i), value: h, message: `"${h}" appears twice in the header (also column ${columnLetter(seen.get(n)!)}). Keep one.` });
      else seen.set(n, i);
    });
    for (const c of TEMPLATE_COLUMNS) {
      if (!seen.has(c))
        problems.push({ file: fileName, row: headerRow, column: c, message: `the header has no "${c}" column. The header must be: ${TEMPLATE_COLUMNS.join(', ')}.` });
      else resolved.set(c, { index: seen.get(c)!, value: '' });
    }
  } else {
    for (const c of TEMPLATE_COLUMNS) {
      const src = mapping[c];
      if (!src) continue;
      if ('value' in src) {
        resolved.set(c, { index: null, value: src.value });
        continue;
      }
      const i = header.findIndex((h) => norm(h) === norm(src.column));
      if (i < 0) problems.push({ file: fileName, row: headerRow, column: c, value: src.column, message: `is mapped to a column "${src.column}" that the file does not have. Choose one of its columns.` });
      else resolved.set(c, { index: i, value: '' });
    }
    for (const c of REQUIRED_COLUMNS) {
      if (!resolved.has(c) && !mapping[c])
        problems.push({ file: fileName, row: headerRow, column: c, message: `is not mapped. Choose the file's column for ${c}, or give one value for every row.` });
    }
  }
  if (problems.length) throw inputError(`${fileName}: the header cannot be read as a budget; nothing was imported.`, problems);
  return resolved;
}

export interface ImportOptions {
  file: FileInput;
  units?: Units | undefined;
  mapping?: ColumnMapping | undefined;
  rememberFor?: string | undefined;
  sheet?: string | undefined;
  headerRow?: number | undefined;
  includeHidden?: boolean | undefined;
}

/** SHA-256 of a whole file, read a chunk at a time. */
function sha256Of(source: ByteSource): string {
  const hash = createHash('sha256');
  for (let p = 0; p < source.size; p += 4 * 1024 * 1024) hash.update(source.read(p, 4 * 1024 * 1024));
  return hash.digest('hex');
}

/** A copy of a string that does not keep the chunk of the file it was cut from alive. */
const own = (s: string) => (s.length < 13 ? s : Buffer.from(s, 'utf8').toString('utf8'));

/**
 * Imports a budget file, streamed: each row is checked as it is read, and while every
 * row so far is good it is written at once inside one transaction. The first problem
 * stops the writing (the checking goes on, to list every problem); a file with any
 * problem, a cancel or a crash leaves the project exactly as it was.
 */
export async function importBudgets(project: Project, opts: ImportOptions, ctx?: Pick<HandlerContext, 'progress' | 'signal'>) {
  const source = openFileInput(opts.file);
  const db = project.db;
  let open = false;
  try {
    const fileName = source.name;
    const units = opts.units ?? 'pounds';
    const fctx = { ...fieldContext(project), units };

    const problems: Problem[] = [];
    let problemCount = 0;
    const report = (p: Problem) => {
      problemCount++;
      if (problems.length < MAX_LISTED) problems.push(p);
    };
    const partnerTypes = new Map<string, { type: PartnerType; row: number }>();
    for (const p of db.prepare('SELECT name, type FROM partners').all() as { name: string; type: PartnerType }[])
      partnerTypes.set(p.name.toLowerCase(), { type: p.type, row: 0 });
    const existingRefs = new Set(db.prepare('SELECT lower(ref) AS r FROM spend_lines').pluck().all() as string[]);
    /** Refs given in the file so far (lower case) → their row. */
    const fileRefs = new Map<string, number>();
    /** Automatic refs given in this import (lower case) → the line's id, in case a later row names that ref. */
    const autoRefs = new Map<string, number>();

    let columns: Map<TemplateColumn, ResolvedColumn> | null = null;
    let fieldOrder: TemplateColumn[] = [];
    let width = 0;
    let headerRow = 1;
    let lines = 0;
    let fileTotal = 0;
    let lastRow = 0;

    // Writing, while the file is clean so far.
    const audit: AuditEntry[] = [];
    const partnerIds = new Map<string, number>();
    let importId = 0;
    let position = 0;
    let next = 0;
    let insert: { run: (...args: unknown[]) => { lastInsertRowid: number | bigint } } | null = null;
    const partnerNames = new Set<string>();
    const setRef = db.prepare('UPDATE spend_lines SET ref = ? WHERE id = ?');
    const autoRef = () => {
      for (;;) {
        const ref = `L${String(next++).padStart(5, '0')}`;
        const key = ref.toLowerCase();
        if (!existingRefs.has(key) && !fileRefs.has(key) && !autoRefs.has(key)) return ref;
      }
    };
    const begin = () => {
      db.exec('BEGIN IMMEDIATE');
      open = true;
      importId = Number(
        db.prepare('INSERT INTO imports (kind, file_name, sha256, rows, at) VALUES (?, ?, ?, ?, ?)').run('budgets', fileName, '', 0, new Date().toISOString())
          .lastInsertRowid,
      );
      position = nextPosition(project);
      next = (db.prepare('SELECT next_ref FROM project WHERE id = 1').get() as { next_ref: number }).next_ref;
      insert = db.prepare<unknown[]>(
        `INSERT INTO spend_lines (ref, partner_id, service, description, amount_pence, year, basis, beta, discretionary_pct,
         status, confidence, confidence_reason, themes, site_ward, position, import_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
      );
    };
    const write = (row: number, v: FieldValues) => {
      if (!open) begin();
      if (v.ref !== null) {
        // A ref this import already gave a line automatically: that line takes another.
        const key = v.ref.toLowerCase();
        const taken = autoRefs.get(key);
        if (taken !== undefined) {
          autoRefs.delete(key);
          const ref = autoRef();
          setRef.run(ref, taken);
          autoRefs.set(ref.toLowerCase(), taken);
        }
      }
      const key = v.partner.toLowerCase();
      let pid = partnerIds.get(key);
      if (pid === undefined) partnerIds.set(own(key), (pid = findOrCreatePartner(project, v.partner, v.partnerType, audit)));
      if (!partnerNames.has(v.partner)) partnerNames.add(own(v.partner));
      const ref = v.ref ?? autoRef();
      const id = Number(
        insert!.run(
          ref,
          pid,
          v.service,
          v.description,
          v.amount,
          v.year,
          v.basis,
          v.beta,
          v.discretionaryPct,
          v.status,
          v.confidence,
          v.confidence ? `Imported from ${fileName} row ${row}` : null,
          v.themes.join(';'),
          v.siteWard,
          position++,
          importId,
        ).lastInsertRowid,
      );
      if (v.ref === null) autoRefs.set(ref.toLowerCase(), id);
    };

    const onHeader = (header: string[], row: number) => {
      headerRow = row;
      if (header.every((h) => h.trim() === ''))
        throw inputError(`${fileName}: the file is empty; nothing was imported.`, [
          { file: fileName, row, column: 'A', message: `has no header. The first row must be: ${TEMPLATE_COLUMNS.join(', ')}.` },
        ]);
      columns = resolveMapping(fileName, row, header, opts.mapping);
      fieldOrder = TEMPLATE_COLUMNS.filter((c) => columns!.has(c));
      width = header.length;
    };
    const onData = (cells: string[], row: number) => {
      lastRow = row;
      if (cells.every((c) => c.trim() === '')) return;
      if (++lines > MAX_IMPORT_ROWS) throw tooManyRows(fileName, row, MAX_IMPORT_ROWS, SPLIT_ADVICE);
      const extra = cells.findIndex((c, k) => k >= width && c.trim() !== '');
      if (extra >= 0) {
        report({ file: fileName, row, column: columnLetter(extra), value: cells[extra]!.slice(0, 200), message: `has ${cells.length} values but the header has ${width} columns. A value probably contains an unquoted comma or semicolon: put it in quotes, or remove the thousands separators.` });
        return;
      }
      const values: Partial<FieldValues> = {};
      let rowOk = true;
      for (const col of fieldOrder) {
        const src = columns!.get(col)!;
        const text = src.index === null ? src.value : (cells[src.index] ?? '');
        const field = COLUMN_FIELD[col];
        const parsed = parseField(field, text, fctx);
        if (!parsed.ok) {
          report({ file: fileName, row, column: col, value: text.slice(0, 200), message: parsed.message });
          rowOk = false;
        } else (values as Record<string, unknown>)[field] = parsed.value;
      }
      if (!rowOk) return;
      const v = fillDefaults(values, fctx.year);
      const before = problemCount;
      for (const p of lineProblems(v)) report({ file: fileName, row, column: FIELD_COLUMN[p.field], value: '', message: p.message });
      const known = partnerTypes.get(v.partner.toLowerCase());
      if (known && known.type !== v.partnerType)
        report({
          file: fileName,
          row,
          column: 'partner_type',
          value: v.partnerType,
          message: known.row
            ? `"${v.partner}" is type ${known.type} on row ${known.row}. A partner has one type: use ${known.type}, or name the partner differently.`
            : `"${v.partner}" is already in this project as type ${known.type}. Use ${known.type}, or name the partner differently.`,
        });
      else if (!known) partnerTypes.set(own(v.partner.toLowerCase()), { type: v.partnerType, row });
      if (v.ref !== null) {
        const key = v.ref.toLowerCase();
        if (fileRefs.has(key))
          report({ file: fileName, row, column: 'ref', value: v.ref, message: `"${v.ref}" is also the ref on row ${fileRefs.get(key)}. Each line needs its own ref.` });
        else if (existingRefs.has(key))
          report({ file: fileName, row, column: 'ref', value: v.ref, message: `"${v.ref}" is already the ref of a line in this project. Give this line a new ref or leave it blank.` });
        fileRefs.set(own(key), row);
      }
      if (problemCount > before) return;
      fileTotal += v.amount;
      // Once any row is refused nothing more is written: the transaction is rolled back.
      if (!problemCount) write(row, v);
    };

    // A file with far too many rows is refused before any row is checked.
    const before = opts.headerRow ?? (opts.mapping ? HEADER_SEARCH_ROWS : 1);
    const beyond = await rowBeyond(source, MAX_IMPORT_ROWS + before, opts.sheet, opts.includeHidden);
    if (beyond !== null) throw tooManyRows(fileName, beyond, MAX_IMPORT_ROWS, SPLIT_ADVICE);

    const split = headerThenData(opts.headerRow ?? (opts.mapping ? null : 1), onHeader, onData);
    await streamTable(
      source,
      {
        sheet: opts.sheet,
        includeHidden: opts.includeHidden,
        signal: ctx?.signal,
        onProgress: (done, total) => ctx?.progress({ done, total, message: `Checking row ${(lastRow || headerRow).toLocaleString('en-GB')}` }),
      },
      split.sink,
    );
    split.finish();

    if (problemCount)
      throw new AppError('INPUT', `${fileName}: ${problemCount} problem${problemCount === 1 ? '' : 's'} found; nothing was imported. Fix the rows listed and import the file again.`, {
        problems,
        count: problemCount,
      });
    if (!lines || !open)
      throw inputError(`${fileName}: the file has a header but no lines; nothing was imported.`, [
        { file: fileName, row: headerRow + 1, column: 'A', message: 'is empty. Add one row per spend line under the header.' },
      ]);
    const { total } = db.prepare('SELECT COALESCE(SUM(amount_pence), 0) AS total FROM spend_lines WHERE import_id IS NOT ?').get(importId) as { total: number };
    if (total + fileTotal > MAX_PROJECT_PENCE)
      throw new AppError('INPUT', `${fileName}: the lines add up to ${formatPounds(fileTotal)}, which would take the project over £10 trillion. Check the units (£ / £000 / £m); nothing was imported.`);

    ctx?.progress({ done: source.size, total: source.size, message: `Saving ${lines.toLocaleString('en-GB')} lines` });
    const sha256 = sha256Of(source);
    db.prepare('UPDATE imports SET sha256 = ?, rows = ? WHERE id = ?').run(sha256, lines, importId);
    db.prepare('UPDATE project SET next_ref = ? WHERE id = 1').run(next);
    if (opts.rememberFor && opts.mapping) rememberMapping(project, opts.rememberFor, opts.mapping, units);
    audit.push({
      action: 'import',
      entity: 'import',
      entityId: importId,
      newValue: { file: fileName, sha256, lines, totalPence: fileTotal, units },
      note: `Imported ${lines} lines (${formatPounds(fileTotal)}) from ${fileName}${units === 'pounds' ? '' : ` in £ ${units}`}`,
    });
    writeAudit(db, audit);
    const partners = [...partnerNames];
    db.exec('COMMIT');
    open = false;
    return { imported: lines, totalPence: fileTotal, partners, fileName };
  } finally {
    if (open && db.inTransaction) db.exec('ROLLBACK');
    source.close();
  }
}

function fillDefaults(v: Partial<FieldValues>, year: string): FieldValues {
  return {
    ref: v.ref ?? null,
    partner: v.partner!,
    partnerType: v.partnerType!,
    service: v.service ?? '',
    description: v.description ?? '',
    amount: v.amount!,
    year: v.year ?? year,
    basis: v.basis!,
    beta: v.beta ?? 0,
    discretionaryPct: v.discretionaryPct ?? 0,
    status: v.status ?? 'mainstream',
    confidence: v.confidence ?? null,
    themes: v.themes ?? [],
    siteWard: v.siteWard ?? null,
  };
}

