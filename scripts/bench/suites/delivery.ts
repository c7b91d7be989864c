// Delivery benchmarks: the built CLI as a user runs it (a whole process, plain node on
// out/cli/index.js), the renderer's first screen (its JavaScript, and its first paint in
// Chromium), each beside its peer measured in the same run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { startWebHost } from '../../../electron/hosts/web/server';
import { HEADLESS_ARGS } from '../../../electron/backend/print/headless';
import { allocationOf, engineInput } from '../../../electron/backend/mapping/allocation';
import { openProject } from '../../../electron/backend/project/lifecycle';
import { recalculate, type RecalcResult } from '../../lib/libreoffice';
import { median, type CaseResult, type Suite } from '../suite';
import { budgetCsv } from '../workloads/budget-csv';
import type { Workload } from '../workloads/engine';
import { writeWorkbook } from '../workloads/spreadsheet-peer';

const ROOT = resolve(__dirname, '../../..');
const CLI = join(ROOT, 'out', 'cli', 'index.js');
const TSX = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const MANCHESTER = 'E08000003'; // 32 wards in wards2024

function build(args: string[]): void {
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error(`build failed: ${args.join(' ')}`);
}

/** One whole process, wall clock from spawn to exit; throws unless it exits 0. */
function timed(args: string[], dataDir: string): number {
  const t0 = performance.now();
  // NODE_OPTIONS goes: the bench runs under tsx, which puts its loader there for children.
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '', SPENDMAP_DATA: dataDir } });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

async function cliReferencePacks(): Promise<CaseResult> {
  build(['scripts/build-cli.mjs']);
  const dir = mkdtempSync(join(tmpdir(), 'spendmap-bench-cli-'));
  try {
    timed([CLI, 'reference-packs'], dir); // the first run warms the disk cache for both
    const ours = Array.from({ length: 7 }, () => timed([CLI, 'reference-packs'], dir));
    const peer = Array.from({ length: 3 }, () => timed([TSX, 'electron/hosts/cli/main.ts', 'reference-packs'], dir));
    return { ours: median(ours), peer: median(peer), note: `median of 7 (bundle) and 3 (tsx) whole processes` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * allocate on a 2,025-line project of Manchester's 32 wards, split written as CSV, against
 * LibreOffice opening the equivalent workbook of the same project (its wards' proxies and
 * its lines), recalculating it and writing its sheets as CSV: whole process each side,
 * five pairs run alternately, medians. The equivalent workbook gives what allocate gives,
 * each line in whole pence that add up (scripts/bench/workloads/spreadsheet-peer.ts); the
 * note says in how many cells LibreOffice's pence equal allocate's (the row fails unless
 * all do), and gives the time of the lighter workbook of share formulas alone (not rounded
 * to pence).
 */
async function cliAllocate(): Promise<CaseResult> {
  build(['scripts/build-cli.mjs']);
  const dir = mkdtempSync(join(tmpdir(), 'spendmap-bench-allocate-'));
  try {
    const path = join(dir, 'manchester.spendmap');
    const csv = join(dir, 'budgets.csv');
    writeFileSync(csv, budgetCsv(2025, 7));
    timed([CLI, 'new', path, '--la', MANCHESTER, '--pack', 'wards2024', '--year', '2024-25'], dir);
    timed([CLI, 'import-budgets', path, csv], dir);
    const project = openProject(path);
    let workload: Workload;
    try {
      const lines = [...allocationOf(project).lines()].map((e) => e.line);
      workload = { name: 'Manchester, 2,025 lines', input: engineInput(project), lines, neighbourhood: { name: '', wards: [] } };
    } finally {
      project.close();
    }
    const workbook = join(dir, 'peer.xlsx');
    const shares = join(dir, 'shares.xlsx');
    await writeWorkbook(workload, workbook, true, { pence: true });
    await writeWorkbook(workload, shares, true);
    const split = join(dir, 'split.csv');
    timed([CLI, 'allocate', path, '--out', split], dir); // warm-up (and proof it works)
    if (readFileSync(split, 'utf8').split('\n').length < 2025) throw new Error('allocate wrote fewer rows than lines');
    const ours: number[] = [];
    const peer: number[] = [];
    const lighter: number[] = [];
    let recalculated: RecalcResult | null = null;
    for (let i = 0; i < 5; i++) {
      rmSync(split, { force: true });
      ours.push(timed([CLI, 'allocate', path, '--out', split], dir));
      recalculated = recalculate(workbook);
      peer.push(recalculated.ms);
      lighter.push(recalculate(shares).ms);
    }
    const same = samePence(readFileSync(split, 'utf8'), recalculated!.sheets.get('Pence') ?? []);
    // A peer that computes other pence is not the same work: no ratio is shown for it.
    if (same.equal !== same.cells) throw new Error(`LibreOffice's pence differ from allocate's in ${same.cells - same.equal} of ${same.cells} cells`);
    // For reading the figure: node starting and stopping with nothing to run, here.
    const bare = median(Array.from({ length: 5 }, () => timed(['-e', '0'], dir)));
    const lightMs = median(lighter);
    return {
      ours: median(ours),
      peer: median(peer),
      note:
        `median of 5 pairs; LibreOffice's pence equal allocate's in ${same.equal.toLocaleString('en-GB')} of ${same.cells.toLocaleString('en-GB')} cells; ` +
        `the share formulas alone (not rounded to pence): ${Math.round(lightMs)} ms, ${(lightMs / median(ours)).toFixed(1)}× ours; node alone (node -e 0) ${Math.round(bare)} ms here`,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** allocate's CSV (ref, ward_code, amount_pence) against the workbook's Pence sheet (ref, then a column per ward code). */
function samePence(splitCsv: string, sheet: string[][]): { equal: number; cells: number } {
  const [head, ...rows] = sheet;
  const column = new Map((head ?? []).map((code, c) => [code, c]));
  const row = new Map(rows.map((cells) => [cells[0], cells]));
  let equal = 0;
  let cells = 0;
  for (const line of splitCsv.trim().split('\n').slice(1)) {
    const [ref, code, pence] = line.split(',');
    cells++;
    if (row.get(ref!)?.[column.get(code!) ?? -1] === pence) equal++;
  }
  return { equal, cells };
}

/** The renderer, built now; its first screen's scripts: index.html's entry and modulepreloads. */
function firstScreenJs(): { first: number; all: number } {
  build([join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build']);
  const dir = join(ROOT, 'out', 'renderer');
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const named = [...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="\.?\/?([^"]+\.js)"/g)].map((m) => m[1]!);
  if (!named.length) throw new Error('index.html names no script');
  const size = (f: string) => statSync(join(dir, f)).size;
  const all = readdirSync(join(dir, 'assets')).filter((f) => f.endsWith('.js'));
  return { first: named.reduce((n, f) => n + size(f), 0), all: all.reduce((n, f) => n + size(join('assets', f)), 0) };
}

async function bundleSize(): Promise<CaseResult> {
  const { first, all } = firstScreenJs();
  return { ours: first / 1000, peer: all / 1000, unit: 'kB', note: 'minified bytes / 1000' };
}

/**
 * First paint, in milliseconds from navigation start (performance.now() in the page, a
 * fresh browser context each time): the first animation frame in which the Partners &
 * budgets heading is on screen and the grid's first line shows its real figures: its
 * amount cell holds a £ figure from the backend. A row alone is not enough: AG Grid's
 * infinite model first draws row 0 as an empty "loading" row, before its data. Chromium
 * starts with HEADLESS_ARGS, as the app's own: a fresh context is a new window, which
 * would otherwise render its address bar's popup in a second renderer during the load.
 */
// Functions, not strings: the app's CSP forbids eval. This file has no DOM types (Node).
interface PageDocument {
  readyState: string;
  querySelector(s: string): { textContent: string | null } | null;
  querySelectorAll(s: string): ArrayLike<{ textContent: string | null }>;
}
type Ready = () => number;
const GRID_PAINTED: Ready = () => {
  const d = (globalThis as unknown as { document: PageDocument }).document;
  const heading = Array.from(d.querySelectorAll('h1,h2')).some((h) => (h.textContent ?? '').includes('Partners & budgets'));
  const amount = d.querySelector('.ag-row[row-index="0"] [col-id="amountPence"]');
  return heading && /£\d/.test(amount?.textContent ?? '') ? performance.now() : 0;
};
const FILE_SHOWN: Ready = () => ((globalThis as unknown as { document: PageDocument }).document.readyState === 'complete' ? performance.now() : 0);

async function paintMs(browser: Browser, url: string, ready: Ready): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1500, height: 950 }, locale: 'en-GB' });
  try {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url);
    const ms = (await (await page.waitForFunction(ready, undefined, { polling: 'raf', timeout: 30_000 })).jsonValue()) as number;
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    return ms;
  } finally {
    await context.close();
  }
}

async function firstPaint(): Promise<CaseResult> {
  firstScreenJs();
  const dir = mkdtempSync(join(tmpdir(), 'spendmap-bench-paint-'));
  const host = await startWebHost({ dataDir: dir, rendererDir: join(ROOT, 'out', 'renderer') });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [...HEADLESS_ARGS],
  });
  try {
    const app = `${host.appUrl}&demo=1`;
    await paintMs(browser, app, GRID_PAINTED); // the first opening copies the demo project
    const ours: number[] = [];
    const floor: number[] = [];
    for (let i = 0; i < 5; i++) {
      ours.push(await paintMs(browser, app, GRID_PAINTED));
      floor.push(await paintMs(browser, `${host.url}favicon.svg`, FILE_SHOWN));
    }
    return { ours: median(ours), peer: median(floor), note: 'median of 5 page loads, each in a fresh browser context, to the first frame with the heading and row 0 showing its £ amount' };
  } finally {
    await browser.close();
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const suite: Suite = {
  rows: [
    { workload: 'CLI `reference-packs`, whole process (node out/cli/index.js)', target: '< 300 ms', limitMs: 300, peer: 'the same command through tsx (the old npm run cli)', case: 'cli-reference-packs' },
    {
      workload: 'CLI `allocate --out` on 2,025 lines × 32 wards, whole process',
      target: '≥ 8× the peer',
      limitMs: 5000,
      minRatio: 8,
      peer: 'LibreOffice recalculating the equivalent workbook (the same project, rounded to the penny), whole process',
      case: 'cli-allocate-2025x32',
    },
    { workload: "Renderer: the first screen's JavaScript (entry + preloads, minified)", target: '< 1,200 kB', limitMs: 1200, peer: 'all the renderer’s JavaScript', case: 'renderer-first-screen-js' },
    { workload: "First paint of the demo's Partners & budgets grid in Chromium (web host)", target: '< 1 s', limitMs: 1000, peer: 'floor: a static file from the same host', case: 'renderer-first-paint' },
  ],
  cases: {
    'cli-reference-packs': cliReferencePacks,
    'cli-allocate-2025x32': cliAllocate,
    'renderer-first-screen-js': bundleSize,
    'renderer-first-paint': firstPaint,
  },
};
