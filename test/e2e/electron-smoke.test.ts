// The desktop app itself: the real Electron runtime starts the built app on the demo
// project (main, preload, the backend in its utility process with better-sqlite3 built
// for Electron's ABI), the window shows Norbiton's total, equal to the CLI's on the same
// file, and the app quits. Runs wherever the Electron runtime has been downloaded (npm
// start fetches it); where it has not, it is reported as skipped, saying why.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import type { Summary } from '../../shared/contract/mapping';
import { formatPounds } from '../../shared/money';
import { electronSqlite, findElectron } from '../../scripts/lib/electron-runtime.mjs';
import { ensureBuilt, ROOT, runCli } from './harness';

const electronPath = findElectron();
if (!electronPath)
  console.log('Electron smoke test SKIPPED: the Electron runtime is not present here (node_modules/electron has no dist/; npm start downloads it where GitHub is reachable).');

const home = mkdtempSync(join(tmpdir(), 'spendmap-electron-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('the desktop app', () => {
  it.skipIf(!electronPath)('starts on the demo, shows the Norbiton total the CLI computes, and quits', async () => {
    const binding = await electronSqlite();
    expect(binding, 'better-sqlite3 could not be built for Electron (see the message above)').not.toBeNull();
    ensureBuilt();
    // HOME is a temp folder: the app keeps its projects under Documents/Spendmap.
    const app = await _electron.launch({
      executablePath: electronPath!,
      args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), ROOT, '--demo'],
      cwd: ROOT,
      env: { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), SPENDMAP_SQLITE_BINDING: binding! },
      timeout: 60_000,
    });
    try {
      const page = await app.firstWindow();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.getByRole('heading', { name: 'Partners & budgets' }).waitFor({ timeout: 60_000 });
      const projectPath = await page.locator('.file-name').getAttribute('title');
      expect(projectPath).toMatch(/\.spendmap$/);
      await page.getByRole('button', { name: 'Workshop', exact: true }).click();
      await page.getByRole('heading', { name: 'Workshop: Norbiton' }).waitFor();
      const shown = await page.getByTestId('ws-total-value').textContent();

      const r = runCli(['summary', projectPath!, '--neighbourhood', 'Norbiton', '--json'], join(home, 'cli'));
      expect(r.stderr).toBe('');
      const summary = JSON.parse(r.stdout) as Summary;
      expect(summary.total_pence).toBeGreaterThan(0);
      expect(shown).toBe(formatPounds(summary.total_pence));
      expect(errors).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
