// Real projects for the pack tests, and ways to look inside a pack: exceljs for the
// structure and cached values, LibreOffice (one soffice run for many workbooks) for an
// independent recalculation of every formula.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import { importBudgets } from '../../electron/backend/budgets/import';
import { importDirect } from '../../electron/backend/mapping/direct';
import { importProxy } from '../../electron/backend/proxies/import';
import type { Project } from '../../electron/backend/project/project';
import { buildDemo } from '../../electron/backend/project/demo';
import { saveNeighbourhood } from '../../electron/backend/neighbourhoods/service';
import { createProject } from '../../electron/backend/project/lifecycle';
import { recalcProfile, sofficePath } from '../../scripts/lib/libreoffice';
import { budgetCsv, type BudgetRow } from '../helpers/budget';
import { parseCsv, toCsvText } from '../helpers/csv';
import { rng } from '../../scripts/lib/rng';


export async function demoProject(dir: string): Promise<Project> {
  return buildDemo(join(dir, 'demo.spendmap'));
}

/** Tower Hamlets wards (2019 boundaries) used below. */
export const TH = {
  poplar: 'E05009328',
  lansbury: 'E05009325',
  canaryWharf: 'E05009323',
  islandGardens: 'E05009324',
  blackwall: 'E05009318',
  whitechapel: 'E05009336',
  mileEnd: 'E05009327',
};

export const HOSTILE_PARTNER = '=HYPERLINK("http://example.invalid","click")';
export const UNICODE_PARTNER = 'Ünïcødé Ťrüst: "Ωmega" / [Test]? * — ☕ 日本';

/**
 * A second real authority: Tower Hamlets on 2019 wards (IoD2019), with lines of every
 * basis at several β, two custom proxies (whole numbers; decimals) and one with a ward
 * missing, site lines, direct lines (adding up, not adding up, none), odd pence and
 * large amounts, a Unicode partner and a partner whose name is a formula.
 */
export async function towerHamletsProject(dir: string): Promise<Project> {
  const project = createProject({ path: join(dir, 'tower-hamlets.spendmap'), pack: 'wards2019', lad: 'E09000030', year: '2019-20', name: 'Tower Hamlets 2019-20' });
  const wards = project.wards().map((w) => w.code);
  const r = rng(20191);
  const proxyFile = (name: string, value: (i: number) => number | null) => {
    const rows = [['ward_code', 'value'], ...wards.flatMap((w, i) => (value(i) === null ? [] : [[w, String(value(i))]]))];
    const p = join(dir, `${name}.csv`);
    writeFileSync(p, toCsvText(rows));
    return p;
  };
  await importProxy(project, { file: { path: proxyFile('claimants', () => 40 + Math.floor(r() * 900)) }, name: 'claimants', source: 'DWP Stat-Xplore (test)', year: '2019' });
  await importProxy(project, { file: { path: proxyFile('pupil_rate', () => Math.round(r() * 1e6) / 1000) }, name: 'pupil_rate', source: 'test decimals', year: '2019' });
  await importProxy(project, { file: { path: proxyFile('partial', (i) => (i === 3 ? null : 10 + i)) }, name: 'partial', source: 'test, one ward missing', year: '2019' });

  const partners: [string, string][] = [
    ['London Borough of Tower Hamlets', 'council'],
    ['Barts Health NHS Trust', 'health'],
    ['Metropolitan Police (Tower Hamlets)', 'police'],
    ['DWP Jobcentre Plus', 'dwp'],
    ['Poplar HARCA', 'housing'],
    [UNICODE_PARTNER, 'vcs'],
    [HOSTILE_PARTNER, 'other'],
  ];
  const bases = ['population', 'children_0_15', 'adults_16_59', 'older_60_plus', 'working_age', 'income_deprived', 'employment_deprived', 'imd_score', 'claimants', 'pupil_rate', 'even'];
  const betas = ['0', '0.25', '0.5', '0.75', '1', '0.33', '0.1'];
  const pcts = ['0', '5', '12.5', '33.3', '7.25', '100', '2.5', '10'];
  const themes = ['Health and care', 'Community safety;Young people', '', 'Housing;Health and care', 'Employment'];
  const rows: BudgetRow[] = [];
  let n = 0;
  const ref = () => `TH-${String(++n).padStart(3, '0')}`;
  const amount = () => {
    const u = r();
    if (u < 0.3) return String(Math.floor(1 + r() * 400) * 1000);
    if (u < 0.6) return (Math.floor(r() * 5e9) / 100).toFixed(2);
    if (u < 0.8) return (Math.floor(r() * 2e7) / 100).toFixed(2);
    return String(Math.floor(r() * 3e8));
  };
  for (const basis of bases)
    for (let k = 0; k < 6; k++) {
      const [partner, type] = partners[(n + k) % partners.length]!;
      rows.push({
        ref: ref(),
        partner,
        partner_type: type,
        service: `${basis} service ${k + 1}`,
        description: k === 0 ? '=1+2' : k === 1 ? '+44 20 7000 0000' : k === 2 ? '-5 and counting' : k === 3 ? '@SUM(A1:A9)' : 'Ordinary description',
        amount_gbp: amount(),
        basis,
        deprivation_weight: betas[(k + bases.indexOf(basis)) % betas.length]!,
        discretionary_pct: pcts[(n + k) % pcts.length]!,
        status: ['mainstream', 'aligned', 'virtual', 'pooled'][k % 4]!,
        themes: themes[(n + k) % themes.length]!,
      });
    }
  for (const [i, w] of [TH.poplar, TH.whitechapel, TH.canaryWharf].entries())
    rows.push({ ref: ref(), partner: partners[i]![0], partner_type: partners[i]![1], service: 'Site service', amount_gbp: amount(), basis: 'site', site_ward: w, discretionary_pct: '20', themes: 'Place' });
  const directRefs = [ref(), ref(), ref()];
  for (const [i, d] of directRefs.entries())
    rows.push({ ref: d, partner: partners[i + 1]![0], partner_type: partners[i + 1]![1], service: 'Direct figures', amount_gbp: ['120000.00', '250000.50', '99999.99'][i]!, basis: 'direct', discretionary_pct: '15', themes: 'Health and care' });
  rows.push({ ref: ref(), partner: partners[0]![0], partner_type: 'council', service: 'On a proxy with a ward missing', amount_gbp: '50000', basis: 'partial' });
  rows.push({ ref: ref(), partner: partners[1]![0], partner_type: 'health', service: 'Overridden confidence', amount_gbp: '777777.77', basis: 'income_deprived', deprivation_weight: '0.5', confidence: 'green' });
  rows.push({ ref: ref(), partner: partners[2]![0], partner_type: 'police', service: 'Zero amount', amount_gbp: '0', basis: 'population' });
  rows.push({ ref: ref(), partner: partners[3]![0], partner_type: 'dwp', service: 'One penny', amount_gbp: '0.01', basis: 'even', deprivation_weight: '0.5' });
  rows.push({ ref: ref(), partner: partners[4]![0], partner_type: 'housing', service: 'Large', amount_gbp: '987654321.99', basis: 'claimants', deprivation_weight: '0.5' });
  const csv = join(dir, 'tower-hamlets-budgets.csv');
  writeFileSync(csv, budgetCsv(rows));
  await importBudgets(project, { file: { path: csv } });

  const direct = join(dir, 'direct.csv');
  const figures: string[][] = [['ref', 'ward_code', 'amount_gbp']];
  // The first adds up (120000.00 over three wards), the second does not; the third has none.
  figures.push([directRefs[0]!, TH.poplar, '50000.00'], [directRefs[0]!, TH.lansbury, '45000.50'], [directRefs[0]!, TH.mileEnd, '24999.50']);
  figures.push([directRefs[1]!, TH.poplar, '100000'], [directRefs[1]!, TH.whitechapel, '100000']);
  writeFileSync(direct, toCsvText(figures));
  await importDirect(project, { file: { path: direct } });
  saveNeighbourhood(project, 'Poplar', [TH.poplar, TH.lansbury], 'test');
  saveNeighbourhood(project, 'Isle of Dogs', [TH.canaryWharf, TH.islandGardens, TH.blackwall], 'test');
  return project;
}

// ----------------------------------------------------------------------------- reading packs

export async function readWorkbook(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

/** The hidden Spendmap sheet's key/value record. */
export function packInfo(wb: ExcelJS.Workbook): Map<string, string> {
  const ws = wb.getWorksheet('Spendmap')!;
  const out = new Map<string, string>();
  for (let r = 1; r < 30; r++) {
    const k = ws.getCell(r, 1).value;
    if (typeof k === 'string' && k) out.set(k, String(ws.getCell(r, 2).value ?? ''));
  }
  return out;
}

/** A cell's cached result (exceljs reads a cached 0 back as undefined; so do we, as 0). */
export function cached(cell: ExcelJS.Cell): unknown {
  const v = cell.value as unknown;
  if (v && typeof v === 'object' && ('formula' in (v as object) || 'sharedFormula' in (v as object))) {
    const r = (v as { result?: unknown }).result;
    return r === undefined ? 0 : r;
  }
  return v;
}

export function isFormula(cell: ExcelJS.Cell): boolean {
  const v = cell.value as unknown;
  return !!v && typeof v === 'object' && ('formula' in (v as object) || 'sharedFormula' in (v as object));
}

/** Every workbook recalculated by LibreOffice in one soffice run: file → sheet → rows of text. */
export function recalculateAll(files: string[]): Map<string, Map<string, string[][]>> {
  const out = mkdtempSync(join(tmpdir(), 'spendmap-packs-lo-'));
  const filter = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1';
  const res = spawnSync(
    sofficePath(),
    [`-env:UserInstallation=${pathToFileURL(recalcProfile()).href}`, '--headless', '--norestore', '--nolockcheck', '--convert-to', filter, '--outdir', out, ...files],
    { encoding: 'utf8', timeout: 300_000 },
  );
  if (res.status !== 0) throw new Error(`soffice failed (${res.status}): ${res.stderr}`);
  const produced = readdirSync(out);
  const result = new Map<string, Map<string, string[][]>>();
  for (const f of files) {
    const stem = basename(f).replace(/\.xlsx$/i, '');
    const sheets = new Map<string, string[][]>();
    for (const p of produced) if (p.startsWith(`${stem}-`) && p.endsWith('.csv')) sheets.set(p.slice(stem.length + 1, -4), parseCsv(readFileSync(join(out, p), 'utf8')));
    if (!sheets.size) throw new Error(`LibreOffice wrote nothing for ${f}`);
    result.set(f, sheets);
  }
  return result;
}

export function tmpDir(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  mkdirSync(d, { recursive: true });
  return d;
}

/** Text of a recalculated cell (1-based row and column). */
export const at = (rows: string[][], row: number, col: number): string => rows[row - 1]?.[col - 1] ?? '';

/**
 * Pence from a pounds value LibreOffice printed (a sum of pounds carries double noise far
 * below a penny); NaN for anything that is not a whole number of pence, so it never
 * equals an expected figure.
 */
export function pence(text: string): number {
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v)) return NaN;
  const p = Math.round(v * 100);
  return Math.abs(v * 100 - p) > Math.max(1e-6, 1e-12 * Math.abs(p)) ? NaN : p;
}
