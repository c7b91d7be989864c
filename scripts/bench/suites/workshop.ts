// Workshop benchmarks: a what-if change redrawn on every chart, in real Chromium
// (playwright-core, Debian's /usr/bin/chromium) against the web host serving the built
// renderer (out/renderer; rebuilt here when the renderer sources are newer).
//
// Ours: from the what-if slider's input event (performance.now() in the page) to the
// moment the last of the six charts reports ECharts' 'finished' for the new figures
// (window.__spendmapCharts.lastDrawnAt, once window.__spendmapWorkshop.applied moved on).
// It includes the throttle, the workshop.view call over HTTP, React and every chart's draw.
// Peer: a full page reload (F5) until the Workshop screen shows the same charts drawn.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { startWebHost, type WebHost } from '../../../electron/hosts/web/server';
import { importBudgets } from '../../../electron/backend/budgets/import';
import { buildDemo } from '../../../electron/backend/project/demo';
import { saveNeighbourhood } from '../../../electron/backend/neighbourhoods/service';
import { createProject } from '../../../electron/backend/project/lifecycle';
import type { CaseResult, Suite } from '../suite';
import { budgetCsv } from '../workloads/budget-csv';

const ROOT = resolve(__dirname, '../../..');
export const RENDERER = join(ROOT, 'out', 'renderer');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHANGES = 21;
const RELOADS = 5;

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** The built renderer, rebuilt if missing or older than its sources. */
export function ensureBuilt(): void {
  const index = join(RENDERER, 'index.html');
  const sources = Math.max(newest(join(ROOT, 'renderer')), newest(join(ROOT, 'shared')));
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error('electron-vite build failed');
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/**
 * The app in Chromium against a web host on `dataDir`, for the browser bench rows: `run`
 * gets the host and a fresh page; an error thrown in the page fails the case. Both are
 * closed after.
 */
export async function withAppPage<T>(dataDir: string, run: (host: WebHost, page: Page) => Promise<T>): Promise<T> {
  ensureBuilt();
  const host = await startWebHost({ dataDir, rendererDir: RENDERER });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1500, height: 950 }, locale: 'en-GB' });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const result = await run(host, page);
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    return result;
  } finally {
    await browser.close();
    await host.close();
  }
}

/** A Kingston project of `lines` generated budget lines with Norbiton as its neighbourhood, in `dir`. */
export async function projectWithLines(dir: string, lines: number): Promise<string> {
  const csv = join(dir, 'budgets.csv');
  writeFileSync(csv, budgetCsv(lines));
  const path = join(dir, 'p.spendmap');
  const project = createProject({ path, pack: 'wards2024', lad: 'E09000021', year: '2024-25', name: `Bench ${lines.toLocaleString('en-GB')} lines` });
  await importBudgets(project, { file: { path: csv } });
  saveNeighbourhood(project, 'Norbiton', ['E05013941'], 'bench');
  project.close();
  return path;
}

// In-page code is kept as plain JavaScript text: this file is compiled for Node (no DOM
// types), and tsx would wrap named functions in a helper the page does not have.

/** Moves a what-if slider (as one drag step would) and times it until every chart has drawn it. */
const TIME_CHANGE = `([id, v]) => new Promise((done, fail) => {
  const ws = window.__spendmapWorkshop, charts = window.__spendmapCharts;
  const el = document.querySelector('[data-testid="' + id + '"]');
  if (!el || !ws || !charts) return fail(new Error('the workshop screen is not showing'));
  const before = ws.applied, drawnBefore = charts.drawn;
  const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
  const t0 = performance.now();
  set.call(el, v);
  el.dispatchEvent(new Event('input', { bubbles: true }));
  const check = () => {
    // ECharts draws synchronously in setOption when there is no animation, so 'finished'
    // can come before the screen's own commit ends: count the six charts' drawings instead.
    if (ws.applied > before && charts.pending === 0 && charts.drawn >= drawnBefore + 6) return done(charts.lastDrawnAt - t0);
    if (performance.now() - t0 > 10000) return fail(new Error('the charts did not redraw within 10 s'));
    setTimeout(check, 1);
  };
  check();
})`;

const CHARTS_SHOWN = `() => (window.__spendmapWorkshop?.applied ?? 0) > 0 && window.__spendmapCharts?.pending === 0 && (window.__spendmapCharts?.drawn ?? 0) >= 6`;

async function timeChange(page: Page, testId: string, value: string): Promise<number> {
  return (await page.evaluate(`(${TIME_CHANGE})(${JSON.stringify([testId, value])})`)) as number;
}

async function chartsShown(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Workshop', exact: true }).click();
  await page.waitForFunction(CHARTS_SHOWN);
}

async function measure(project: string, dataDir: string, slider: string): Promise<CaseResult> {
  return withAppPage(dataDir, async (host, page) => {
    await page.goto(`${host.appUrl}&open=${encodeURIComponent(project)}`);
    await chartsShown(page);

    // One warm-up change each way, then alternate β 1 / 0 with a pause between changes,
    // so each is a fresh single change (not folded into a drag).
    const times: number[] = [];
    for (let i = 0; i < CHANGES + 2; i++) {
      const ms = await timeChange(page, slider, i % 2 ? '0' : '1');
      if (i >= 2) times.push(ms);
      await page.waitForTimeout(120);
    }

    // The peer: reload the page and bring the same charts back.
    const reloads: number[] = [];
    for (let i = 0; i < RELOADS; i++) {
      const t0 = performance.now();
      await page.reload();
      await chartsShown(page);
      reloads.push(performance.now() - t0);
    }
    return { ours: median(times), peer: median(reloads), note: `median of ${CHANGES} changes (min ${Math.min(...times).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms)` };
  });
}

const tmp = () => mkdtempSync(join(tmpdir(), 'spendmap-bench-workshop-'));

export const suite: Suite = {
  rows: [
    {
      workload: "Workshop what-if (one line's β) to all 6 charts redrawn, demo project (29 lines)",
      target: '< 100 ms',
      limitMs: 100,
      peer: 'full page reload back to the same charts',
      case: 'workshop-whatif-demo',
    },
    {
      workload: "Workshop what-if (a partner's β, ~290 lines) to all 6 charts redrawn, 2,000-line project",
      target: '< 300 ms',
      limitMs: 300,
      peer: 'full page reload back to the same charts',
      case: 'workshop-whatif-2000',
    },
  ],
  cases: {
    async 'workshop-whatif-demo'() {
      const dir = tmp();
      try {
        const path = join(dir, 'demo.spendmap');
        (await buildDemo(path)).close();
        return await measure(path, dir, 'whatif-line-beta');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    async 'workshop-whatif-2000'() {
      const dir = tmp();
      try {
        return await measure(await projectWithLines(dir, 2000), dir, 'whatif-partner-beta');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
};
