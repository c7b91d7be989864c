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
  TEMPLATE_COLUMNS,
  type EditableField,
  type PartnerType,
  type TemplateColumn,
  type Units,
} from '../../../shared/domain/types';
import { formatPounds, MAX_PROJECT_PENCE } from '../../../shared/money';
import type { HandlerContext } from '../registry';
import type { Project } from '../project/project';
import { fieldContext } from './lines';
import { lowerRefs, sumPenceOutsideImport } from './lines-store';
import { everyPartner } from './partners-store';
import { BudgetWriter, own } from './budget-writer';
import { guessMapping, guessUnits, isCanonicalHeader, norm, rememberedMapping, rememberMapping, resolveMapping, type ResolvedColumn } from './column-mapping';
import { columnLetter, openFileInput, rowBeyond, streamTable, tick, tooManyRows, type ByteSource, type RowSink } from '../imports/table';

export { defaultHeaderRow, guessMapping, guessUnits, isCanonicalHeader, rememberedMapping, rememberMapping, type RememberedMapping } from './column-mapping';

/** More lines than this in one file is refused: split the file by partner. */
export const MAX_IMPORT_ROWS = 500_000;
const SPLIT_ADVICE = 'Split it into smaller files (by partner or service).';
/** At most this many problems are listed; the count says how many there were. */
const MAX_LISTED = 1000;

const COLUMN_FIELD = Object.fromEntries(EDITABLE_FIELDS.map((f) => [FIELD_COLUMN[f], f])) as Record<TemplateColumn, EditableField>;

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
    const sampleRows: number[] = [];
    const split = headerThenData(
      input.headerRow ?? null,
      (h, r) => {
        header = cleanHeader(h);
        headerRow = r;
      },
      (cells, row) => {
        if (!cells.some((c) => c.trim() !== '')) return;
        rowCount++;
        if (sample.length < 20) {
          sample.push(header.map((_, i) => cells[i] ?? ''));
          sampleRows.push(row);
        }
      },
    );
    // A file the import would refuse for its size is refused here, before it is read.
    const beyond = await rowBeyond(source, MAX_IMPORT_ROWS + (input.headerRow ?? HEADER_SEARCH_ROWS), { sheet: input.sheet, includeHidden: input.includeHidden });
    if (beyond) throw tooManyRows(source.name, beyond, MAX_IMPORT_ROWS, SPLIT_ADVICE);
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
      sampleRows,
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


/**
 * Imports a budget file, streamed: each row is checked as it is read, and while every
 * row so far is good it is written at once inside one transaction. The first problem
 * stops the writing (the checking goes on, to list every problem); a file with any
 * problem, a cancel or a crash leaves the project exactly as it was.
 */
export async function importBudgets(project: Project, opts: ImportOptions, ctx?: Pick<HandlerContext, 'progress' | 'signal'>) {
  const source = openFileInput(opts.file);
  const db = project.db;
  let writer: BudgetWriter | null = null;
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
    for (const p of everyPartner(db))
      partnerTypes.set(p.name.toLowerCase(), { type: p.type, row: 0 });
    const existingRefs = lowerRefs(db);
    /** Refs given in the file so far (lower case) → their row. */
    const fileRefs = new Map<string, number>();

    let columns: Map<TemplateColumn, ResolvedColumn> | null = null;
    let fieldOrder: TemplateColumn[] = [];
    let width = 0;
    let headerRow = 1;
    let headerCells: string[] = [];
    /** Where a template column is in the user's file: its letter and header (none for a fixed value). */
    const inFile = (col: TemplateColumn): Pick<Problem, 'letter' | 'heading'> => {
      const i = columns?.get(col)?.index;
      return i === null || i === undefined ? {} : { letter: columnLetter(i), heading: headerCells[i]?.trim() ?? '' };
    };
    let lines = 0;
    let fileTotal = 0;
    let lastRow = 0;

    // Writing, while the file is clean so far: the transaction opens with the first good row.
    writer = new BudgetWriter(project, fileName, existingRefs, fileRefs);
    const onHeader = (header: string[], row: number) => {
      headerRow = row;
      headerCells = header;
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
        report({ file: fileName, row, column: columnLetter(extra), letter: columnLetter(extra), value: cells[extra]!.slice(0, 200), message: `has ${cells.length} values but the header has ${width} columns. A value probably contains an unquoted comma or semicolon: put it in quotes, or remove the thousands separators.` });
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
          report({ file: fileName, row, column: col, ...inFile(col), value: text.slice(0, 200), message: parsed.message });
          rowOk = false;
        } else (values as Record<string, unknown>)[field] = parsed.value;
      }
      if (!rowOk) return;
      const v = fillDefaults(values, fctx.year);
      const before = problemCount;
      for (const p of lineProblems(v)) report({ file: fileName, row, column: FIELD_COLUMN[p.field], ...inFile(FIELD_COLUMN[p.field]), value: '', message: p.message });
      const known = partnerTypes.get(v.partner.toLowerCase());
      if (known && known.type !== v.partnerType)
        report({
          file: fileName,
          row,
          column: 'partner_type',
          ...inFile('partner_type'),
          value: v.partnerType,
          message: known.row
            ? `"${v.partner}" is type ${known.type} on row ${known.row}. A partner has one type: use ${known.type}, or name the partner differently.`
            : `"${v.partner}" is already in this project as type ${known.type}. Use ${known.type}, or name the partner differently.`,
        });
      else if (!known) partnerTypes.set(own(v.partner.toLowerCase()), { type: v.partnerType, row });
      if (v.ref !== null) {
        const key = v.ref.toLowerCase();
        if (fileRefs.has(key))
          report({ file: fileName, row, column: 'ref', ...inFile('ref'), value: v.ref, message: `"${v.ref}" is also the ref on row ${fileRefs.get(key)}. Each line needs its own ref.` });
        else if (existingRefs.has(key))
          report({ file: fileName, row, column: 'ref', ...inFile('ref'), value: v.ref, message: `"${v.ref}" is already the ref of a line in this project. Give this line a new ref or leave it blank.` });
        fileRefs.set(own(key), row);
      }
      if (problemCount > before) return;
      fileTotal += v.amount;
      // Once any row is refused nothing more is written: the transaction is rolled back.
      if (!problemCount) writer!.write(row, v);
    };

    // A file with far too many rows is refused before any row is checked.
    const before = opts.headerRow ?? (opts.mapping ? HEADER_SEARCH_ROWS : 1);
    const beyond = await rowBeyond(source, MAX_IMPORT_ROWS + before, { sheet: opts.sheet, includeHidden: opts.includeHidden, signal: ctx?.signal });
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
    if (!lines || !writer.open)
      throw inputError(`${fileName}: the file has a header but no lines; nothing was imported.`, [
        { file: fileName, row: headerRow + 1, column: 'A', message: 'is empty. Add one row per spend line under the header.' },
      ]);
    // The last steps each take a while on a large file: let other calls in between them.
    await tick();
    const total = sumPenceOutsideImport(db, writer.importId);
    if (total + fileTotal > MAX_PROJECT_PENCE)
      throw new AppError('INPUT', `${fileName}: the lines add up to ${formatPounds(fileTotal)}, which would take the project over £10 trillion. Check the units (£ / £000 / £m); nothing was imported.`);

    ctx?.progress({ done: source.size, total: source.size, message: `Saving ${lines.toLocaleString('en-GB')} lines` });
    await tick();
    const sha256 = sha256Of(source);
    await tick();
    if (opts.rememberFor && opts.mapping) rememberMapping(project, opts.rememberFor, opts.mapping, units);
    writer.commit({ sha256, lines, totalPence: fileTotal, units });
    return { imported: lines, totalPence: fileTotal, partners: [...writer.partnerNames], fileName };
  } finally {
    writer?.rollback();
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

