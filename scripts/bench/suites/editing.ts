// Editing on the Mapping screen, in real Chromium against the web host serving the
// built renderer: a β typed in a line's cell, Enter, until the neighbourhood strip
// above the grid shows the new figure.
//
// Ours: from the Enter keydown (performance.now() in the page, taken before any of the
// app's keydown listeners) to the strip's DOM update (a MutationObserver sees its total
// change). It includes the edit leaving the cell (the app sends it from the keydown,
// renderer/src/grid/useEnterCommit.ts), the one budgets.write call (which answers with
// the row, the bottom row and the strip's figures), and React repainting the strip, the
// row and the bottom row (all in the same task as the strip).
// Peer: the old path, issued from the same page with the same token: budgets.write,
// then mapping.rows, mapping.page (limit 1, for the totals) and summary.neighbourhood
// in parallel; timed to the last answer, without any rendering (so it flatters the peer).
// The figure is the median of 21 edits after 2 warm-up edits.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { buildDemo } from '../../../electron/backend/project/demo';
import { saveNeighbourhood } from '../../../electron/backend/neighbourhoods/service';
import { median, type CaseResult, type Suite } from '../suite';
import { projectWithLines, withAppPage } from './workshop';

const EDITS = 21;

// In-page code as plain JavaScript text (see workshop.ts for why).

/** Arms the timer: Enter starts it, the strip's total changing stops it. */
const ARM = `() => {
  const strip = document.querySelector('[data-testid="mapping-strip"]');
  const before = document.querySelector('[data-testid="strip-total"]').textContent;
  let t0 = 0;
  // On window, capturing: it runs before any of the app's own keydown listeners.
  window.addEventListener('keydown', (e) => { if (e.key === 'Enter') t0 = performance.now(); }, { capture: true, once: true });
  window.__benchEdit = new Promise((done, fail) => {
    const seen = new MutationObserver(() => {
      if (document.querySelector('[data-testid="strip-total"]').textContent === before) return;
      seen.disconnect();
      done(performance.now() - t0);
    });
    seen.observe(strip, { subtree: true, childList: true, characterData: true });
    setTimeout(() => fail(new Error('the strip did not change within 10 s')), 10000);
  });
}`;

/** The old path: the write, then the three reads the screen made to repaint. */
const OLD_PATH = `async ([id, beta, nb]) => {
  const token = sessionStorage.getItem('spendmap.token');
  const post = (m, input) => fetch('/api/' + m, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + token }, body: JSON.stringify(input) }).then((r) => r.json());
  const t0 = performance.now();
  const w = await post('budgets.write', { writes: [{ id, values: { beta } }], source: 'mapping grid' });
  if (!w.ok) throw new Error(w.error.message);
  const reads = await Promise.all([post('mapping.rows', { ids: [id], neighbourhood: nb }), post('mapping.page', { offset: 0, limit: 1, neighbourhood: nb }), post('summary.neighbourhood', { name: nb })]);
  if (!reads.every((r) => r.ok)) throw new Error('a read failed');
  return performance.now() - t0;
}`;

async function editBeta(page: Page, value: string): Promise<number> {
  const cell = page.locator('.ag-row[row-index="0"] [col-id="beta"]').first();
  await cell.dblclick();
  const box = page.getByLabel('β value');
  await box.waitFor();
  await box.fill(value);
  await page.evaluate(`(${ARM})()`);
  await page.keyboard.press('Enter');
  return (await page.evaluate('window.__benchEdit')) as number;
}

/** The project's first line is set to the population basis (β moves its split); it is the edited one. */
async function measure(project: string, dataDir: string, neighbourhood: string): Promise<CaseResult> {
  return withAppPage(dataDir, async (host, page) => {
    const opened = await host.dispatcher.invoke('project.open', { path: project }, { session: host.session });
    if (!opened.ok) throw new Error(opened.error.message);
    const first = await host.dispatcher.invoke('mapping.page', { offset: 0, limit: 1 }, { session: host.session });
    if (!first.ok) throw new Error(first.error.message);
    const line = first.data.rows[0]!.line;
    await host.dispatcher.invoke('budgets.write', { writes: [{ id: line.id, values: { basis: 'population', beta: '0' } }] }, { session: host.session });

    await page.addInitScript(`localStorage.setItem('spendmap.mapping.neighbourhood', ${JSON.stringify(neighbourhood)})`);
    await page.goto(host.appUrl);
    await page.getByRole('button', { name: 'Mapping', exact: true }).click();
    await page.getByTestId('strip-total').waitFor();
    await page.locator('.ag-row[row-index="0"] [col-id="beta"]').first().waitFor();

    // Two warm-up edits, then alternate β 1 / 0 so each edit moves the strip.
    const ours: number[] = [];
    for (let i = 0; i < EDITS + 2; i++) {
      const ms = await editBeta(page, i % 2 ? '0' : '1');
      if (i >= 2) ours.push(ms);
      await page.waitForTimeout(100);
    }
    // The old path from a page of the same origin (and tab: the token stays in its
    // sessionStorage) with no app in it, so no screen reacts to the writes meanwhile.
    await page.goto(`${host.url}old-path`);
    const old: number[] = [];
    for (let i = 0; i < EDITS + 2; i++) {
      const ms = (await page.evaluate(`(${OLD_PATH})(${JSON.stringify([line.id, i % 2 ? '0' : '1', neighbourhood])})`)) as number;
      if (i >= 2) old.push(ms);
      await page.waitForTimeout(100);
    }
    return { ours: median(ours), peer: median(old), note: `median of ${EDITS} edits (min ${Math.min(...ours).toFixed(0)} ms, max ${Math.max(...ours).toFixed(0)} ms)` };
  });
}

const tmp = () => mkdtempSync(join(tmpdir(), 'spendmap-bench-editing-'));

export const suite: Suite = {
  rows: [
    {
      workload: 'Mapping: β typed in a cell, Enter, to the neighbourhood strip repainted, demo project (29 lines)',
      target: '< 50 ms',
      limitMs: 50,
      peer: 'the old 4-call path (write, rows, totals, summary), calls only',
      case: 'mapping-edit-demo',
    },
    {
      workload: 'Mapping: β typed in a cell, Enter, to the neighbourhood strip repainted, 20,000-line project',
      target: '< 150 ms',
      limitMs: 150,
      peer: 'the old 4-call path (write, rows, totals, summary), calls only',
      case: 'mapping-edit-20000',
    },
  ],
  cases: {
    async 'mapping-edit-demo'() {
      const dir = tmp();
      try {
        const path = join(dir, 'demo.spendmap');
        const project = await buildDemo(path);
        const nb = (project.db.prepare('SELECT name FROM neighbourhoods ORDER BY id LIMIT 1').pluck().get() as string | undefined) ?? 'Norbiton';
        if (nb === 'Norbiton') saveNeighbourhood(project, nb, ['E05013941'], 'bench');
        project.close();
        return await measure(path, dir, nb);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    async 'mapping-edit-20000'() {
      const dir = tmp();
      try {
        return await measure(await projectWithLines(dir, 20_000), dir, 'Norbiton');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
};
