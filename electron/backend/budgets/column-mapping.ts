// A budget file's columns: the template's, a remembered layout, a guess from the
// header's words, or the user's mapping; resolved to where each template column's value
// comes from (a column of the file, or one value for every row).
import { inputError, type Problem } from '../../../shared/contract/result';
import type { ColumnMapping } from '../../../shared/contract/methods';
import { REQUIRED_COLUMNS, TEMPLATE_COLUMNS, type TemplateColumn, type Units } from '../../../shared/domain/types';
import type { Project } from '../project/project';
import { columnLetter, type Table } from '../imports/table';
import { columnMappingRows, saveColumnMapping } from './column-mappings-store';

export const norm = (s: string) => s.replace(/^\uFEFF/, '').trim().toLowerCase();

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
  const rows = columnMappingRows(project.db);
  const names = new Set(header.map(norm));
  const fits = (m: ColumnMapping) => Object.values(m).every((s) => !s || !('column' in s) || names.has(norm(s.column)));
  const key = partner ? norm(partner) : null;
  const chosen = (key && rows.find((r) => r.partner_key === key && fits(JSON.parse(r.mapping)))) || rows.find((r) => fits(JSON.parse(r.mapping)) && Object.keys(JSON.parse(r.mapping)).length > 0);
  return chosen ? { mapping: JSON.parse(chosen.mapping) as ColumnMapping, units: chosen.units } : null;
}

export function rememberMapping(project: Project, partner: string, mapping: ColumnMapping, units: Units): void {
  saveColumnMapping(project.db, norm(partner), JSON.stringify(mapping), units);
}

export interface ResolvedColumn {
  index: number | null;
  value: string;
}

/** Each template column's source: a column index of the file, or a fixed value for every row. */
export function resolveMapping(fileName: string, headerRow: number, header: string[], mapping: ColumnMapping | undefined): Map<TemplateColumn, ResolvedColumn> {
  const problems: Problem[] = [];
  const resolved = new Map<TemplateColumn, ResolvedColumn>();
  if (!mapping) {
    const seen = new Map<string, number>();
    header.forEach((h, i) => {
      const n = norm(h);
      if (n === '') return;
      if (!(TEMPLATE_COLUMNS as readonly string[]).includes(n))
        problems.push({ file: fileName, row: headerRow, column: columnLetter(i), letter: columnLetter(i), heading: h, value: h, message: `"${h}" is not a column of the budget template. The header must be: ${TEMPLATE_COLUMNS.join(', ')} (or map the columns when importing in the app).` });
      else if (seen.has(n))
        problems.push({ file: fileName, row: headerRow, column: columnLetter(i), letter: columnLetter(i), heading: h, value: h, message: `"${h}" appears twice in the header (also column ${columnLetter(seen.get(n)!)}). Keep one.` });
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

