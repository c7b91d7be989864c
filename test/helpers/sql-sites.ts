// Where the app's SQL names each table (issue #11: "a table's SQL lives in one place").
// SQL is found in string and template literals read with TypeScript's own parser, so
// comments never count; a statement is a literal with a table after FROM, JOIN, INTO,
// UPDATE or TABLE (keywords upper case, as every statement here is written), so prose in
// messages ("removed from history") does not count either.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';

/** Each table's one store; migrations and the schema check may name any table. */
export const TABLE_STORES: Record<string, string | null> = {
  spend_lines: 'electron/backend/budgets/lines-store.ts',
  partners: 'electron/backend/budgets/partners-store.ts',
  direct_figures: 'electron/backend/mapping/direct-figures-store.ts',
  proxies: 'electron/backend/proxies/proxies-store.ts',
  proxy_values: 'electron/backend/proxies/proxies-store.ts',
  neighbourhoods: 'electron/backend/neighbourhoods/neighbourhoods-store.ts',
  neighbourhood_wards: 'electron/backend/neighbourhoods/neighbourhoods-store.ts',
  line_agreements: 'electron/backend/packs/agreements-store.ts',
  history: 'electron/backend/history/history-store.ts',
  proposals: 'electron/backend/business-case/proposals-store.ts',
  project: 'electron/backend/project/project-store.ts',
  wards: 'electron/backend/project/project-store.ts',
  imports: 'electron/backend/budgets/imports-store.ts',
  column_mappings: 'electron/backend/budgets/column-mappings-store.ts',
  audit_log: 'electron/backend/audit/audit-store.ts',
};
/** Files that may name any table: the schema's own definition and its check. */
export const SCHEMA_FILES = [/^electron\/backend\/store\/migrations\//, /^electron\/backend\/store\/verify\.ts$/];
/** The app's code: tests and tooling (scripts/) set up and inspect files as they like. */
export const APP_ROOTS = ['electron', 'shared'];

export interface SqlSite {
  file: string;
  line: number;
  tables: string[];
}

/** Tables a SQL text names, each once, in order of first mention. */
export function tablesNamed(sql: string, tables: readonly string[]): string[] {
  const named: string[] = [];
  for (const m of sql.matchAll(/\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\s+"?([a-z_][a-z0-9_]*)"?/g))
    if (tables.includes(m[1]!) && !named.includes(m[1]!)) named.push(m[1]!);
  return named;
}

/** The SQL statements of one source file: one per literal (a template's parts read as one). */
export function sitesIn(file: string, source: string, tables: readonly string[]): SqlSite[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: SqlSite[] = [];
  const add = (node: ts.Node, text: string) => {
    const named = tablesNamed(text, tables);
    if (named.length) out.push({ file, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, tables: named });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) add(node, node.text);
    else if (ts.isTemplateExpression(node)) {
      add(node, [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ? '));
      node.templateSpans.forEach((s) => visit(s.expression));
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** A statement may stand only in the store of a table it names (a join led by that table). */
export function misplaced(site: SqlSite, stores: Record<string, string | null> = TABLE_STORES): boolean {
  if (SCHEMA_FILES.some((re) => re.test(site.file))) return false;
  const governed = site.tables.filter((t) => stores[t]);
  return governed.length > 0 && !site.tables.some((t) => stores[t] === site.file);
}

export function appSources(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(relative(root, p).split(sep).join('/'));
    }
  };
  for (const r of APP_ROOTS) walk(join(root, r));
  return out.sort();
}

/** The tables the migrations create, in order. */
export function schemaTables(root: string): string[] {
  const dir = join(root, 'electron/backend/store/migrations');
  const sql = readdirSync(dir)
    .sort()
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('\n');
  return [...sql.matchAll(/CREATE TABLE (?:IF NOT EXISTS )?([a-z_]+)/g)].map((m) => m[1]!);
}

export function allSites(root: string): SqlSite[] {
  const tables = schemaTables(root);
  return appSources(root).flatMap((f) => sitesIn(f, readFileSync(join(root, f), 'utf8'), tables));
}

/** Table → file → statements naming it, outside the schema files (the closing note's count). */
export function sitesPerTable(sites: readonly SqlSite[]): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const s of sites) {
    if (SCHEMA_FILES.some((re) => re.test(s.file))) continue;
    for (const t of s.tables) {
      const files = out.get(t) ?? (out.set(t, new Map()), out.get(t)!);
      files.set(s.file, (files.get(s.file) ?? 0) + 1);
    }
  }
  return out;
}
