// Ward map benchmarks (issue 16), in real Chromium against the web host serving the
// built renderer, as the Workshop suite does.
//
// Ours: from the click that opens a screen (or the what-if slider's input event),
// performance.now() in the page, to ECharts' 'finished' for the ward map
// (window.__spendmapMap.at once window.__spendmapMap.drawn moved on). It includes the
// maps.wards call over HTTP (with the shapes on a first open), React and the draw.
// Peers, in the same run: opening a screen, the same screen's grid of the same figures
// showing its rows; a what-if, the Workshop's six charts redrawn for the same change.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { buildDemo } from '../../../electron/backend/project/demo';
import { createProject } from '../../../electron/backend/project/lifecycle';
import { median, type CaseResult, type Suite } from '../suite';
import { withAppPage } from './workshop';

const OPENS = 7;
const CHANGES = 15;

// In-page code as plain JavaScript text (this file is compiled for Node, without DOM types).

/** Clicks a navigation button; resolves [ms to the map drawn, ms to the grid's first row]. */
const TIME_OPEN = `(name) => new Promise((done, fail) => {
  const before = window.__spendmapMap?.drawn ?? 0;
  const button = [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === name);
  if (!button) return fail(new Error('no ' + name + ' button'));
  const t0 = performance.now();
  let grid = null;
  button.click();
  const check = () => {
    if (grid === null && document.querySelector('section[aria-label="Proxies"] .ag-row')) grid = performance.now() - t0;
    const m = window.__spendmapMap;
    if (m && m.drawn > before && grid !== null) return done([m.at - t0, grid]);
    if (performance.now() - t0 > 15000) return fail(new Error('the map did not draw within 15 s'));
    setTimeout(check, 1);
  };
  check();
})`;

/** Moves a what-if slider; resolves [ms to the map redrawn, ms to all charts redrawn]. */
const TIME_CHANGE = `([id, v]) => new Promise((done, fail) => {
  const ws = window.__spendmapWorkshop, charts = window.__spendmapCharts;
  const el = document.querySelector('[data-testid="' + id + '"]');
  if (!el || !ws || !charts) return fail(new Error('the workshop screen is not showing'));
  const mapBefore = window.__spendmapMap?.drawn ?? 0, before = ws.applied, drawnBefore = charts.drawn;
  const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
  const t0 = performance.now();
  let chartsAt = null;
  set.call(el, v);
  el.dispatchEvent(new Event('input', { bubbles: true }));
  const check = () => {
    if (chartsAt === null && ws.applied > before && charts.drawn >= drawnBefore + 6) chartsAt = performance.now() - t0;
    const m = window.__spendmapMap;
    if (m && m.drawn > mapBefore && chartsAt !== null && charts.pending === 0) return done([m.at - t0, chartsAt]);
    if (performance.now() - t0 > 10000) return fail(new Error('the map did not redraw within 10 s'));
    setTimeout(check, 1);
  };
  check();
})`;

async function withPage<T>(project: string, dataDir: string, run: (page: Page) => Promise<T>): Promise<T> {
  return withAppPage(dataDir, async (host, page) => {
    await page.goto(`${host.appUrl}&open=${encodeURIComponent(project)}`);
    await page.getByRole('button', { name: 'Proxies', exact: true }).waitFor();
    return run(page);
  });
}

/** Opens the Proxies screen (map beside its grid) OPENS times from Partners & budgets. */
async function timeOpens(page: Page): Promise<CaseResult> {
  const maps: number[] = [];
  const grids: number[] = [];
  for (let i = 0; i < OPENS; i++) {
    await page.getByRole('button', { name: 'Partners & budgets', exact: true }).click();
    await page.waitForTimeout(150);
    const [map, grid] = (await page.evaluate(`(${TIME_OPEN})("Proxies")`)) as [number, number];
    maps.push(map);
    grids.push(grid);
  }
  return {
    ours: median(maps),
    peer: median(grids),
    note: `median of ${OPENS} opens; first (shapes fetched) ${maps[0]!.toFixed(0)} ms, max ${Math.max(...maps).toFixed(0)} ms`,
  };
}

const tmp = () => mkdtempSync(join(tmpdir(), 'spendmap-bench-maps-'));

export const suite: Suite = {
  rows: [
    {
      workload: "Proxies screen opened to its ward map (IMD score) drawn, demo (Kingston's 19 wards)",
      target: '< 200 ms',
      limitMs: 200,
      peer: 'the same screen\u2019s grid of the same figures showing its rows',
      case: 'map-open-demo',
    },
    {
      workload: "Workshop what-if (one line's β) to the ward map redrawn, demo project",
      target: '< 100 ms',
      limitMs: 100,
      peer: 'the Workshop\u2019s six charts redrawn for the same change',
      case: 'map-whatif-demo',
    },
    {
      workload: 'Proxies screen opened to its ward map drawn, Cornwall on 2025 wards (87 wards, the most of any authority)',
      target: '< 300 ms',
      limitMs: 300,
      peer: 'the same screen\u2019s grid of the same figures showing its rows',
      case: 'map-open-cornwall',
    },
  ],
  cases: {
    async 'map-open-demo'() {
      const dir = tmp();
      try {
        const path = join(dir, 'demo.spendmap');
        (await buildDemo(path)).close();
        return await withPage(path, dir, timeOpens);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    async 'map-open-cornwall'() {
      const dir = tmp();
      try {
        const path = join(dir, 'cornwall.spendmap');
        createProject({ path, pack: 'wards2025', lad: 'E06000052', year: '2025-26', name: 'Cornwall' }).close();
        return await withPage(path, dir, timeOpens);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    async 'map-whatif-demo'() {
      const dir = tmp();
      try {
        const path = join(dir, 'demo.spendmap');
        (await buildDemo(path)).close();
        return await withPage(path, dir, async (page) => {
          await page.getByRole('button', { name: 'Workshop', exact: true }).click();
          // Polled with evaluate: waitForFunction with a string compiles it in the page, which the app's CSP forbids.
          const drawn = '(window.__spendmapMap?.drawn ?? 0) > 0 && window.__spendmapCharts?.pending === 0';
          for (const t0 = Date.now(); !(await page.evaluate(drawn)); await page.waitForTimeout(20))
            if (Date.now() - t0 > 15_000) throw new Error('the Workshop map and charts did not draw within 15 s');
          const maps: number[] = [];
          const charts: number[] = [];
          for (let i = 0; i < CHANGES + 2; i++) {
            const [map, all] = (await page.evaluate(`(${TIME_CHANGE})(${JSON.stringify(['whatif-line-beta', i % 2 ? '0' : '1'])})`)) as [number, number];
            if (i >= 2) {
              maps.push(map);
              charts.push(all);
            }
            await page.waitForTimeout(120);
          }
          return { ours: median(maps), peer: median(charts), note: `median of ${CHANGES} changes (max ${Math.max(...maps).toFixed(0)} ms)` };
        });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
};
