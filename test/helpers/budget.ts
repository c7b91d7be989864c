// Building budget files in the canonical template (docs/brief.md) for import tests.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toCsvText } from './csv';

/** The canonical header, copied from docs/brief.md ("Canonical budget template"). */
export const CANONICAL_HEADER = [
  'ref',
  'partner',
  'partner_type',
  'service',
  'description',
  'amount_gbp',
  'year',
  'basis',
  'deprivation_weight',
  'discretionary_pct',
  'status',
  'confidence',
  'themes',
  'site_ward',
] as const;
export type CanonicalColumn = (typeof CANONICAL_HEADER)[number];
export type BudgetRow = Partial<Record<CanonicalColumn, string>>;

/** A plain valid line; override any column. */
export function budgetRow(over: BudgetRow = {}): BudgetRow {
  return {
    partner: 'Kingston Hospital NHS Foundation Trust',
    partner_type: 'health',
    service: 'Acute care',
    description: 'Test line',
    amount_gbp: '1000',
    basis: 'population',
    ...over,
  };
}

export interface BudgetCsvOptions {
  header?: readonly string[];
  delimiter?: ',' | ';';
  eol?: '\n' | '\r\n';
  bom?: boolean;
}

/** The rows as canonical CSV text (every row has every header column). */
export function budgetCsv(rows: (BudgetRow | string[] | null)[], opts: BudgetCsvOptions = {}): string {
  const header = opts.header ?? CANONICAL_HEADER;
  const body = rows.map((r) => (r === null ? [''] : Array.isArray(r) ? r : header.map((h) => (r as Record<string, string | undefined>)[h] ?? '')));
  // null is a blank line: an empty line, not a row of delimiters.
  const text = toCsvText([[...header], ...body], { delimiter: opts.delimiter ?? ',', eol: opts.eol ?? '\n' });
  return (opts.bom ? '\uFEFF' : '') + text;
}

export function writeBudgetCsv(dir: string, name: string, rows: (BudgetRow | string[] | null)[], opts: BudgetCsvOptions = {}): string {
  const p = join(dir, name);
  writeFileSync(p, budgetCsv(rows, opts));
  return p;
}
