// End-to-end harness: the real web host (in this process) serving the real built
// renderer, driven by Debian's Chromium through playwright-core.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startWebHost, type WebHost } from '../../electron/hosts/web/server';
import { HEADLESS_ARGS } from '../../electron/backend/print/headless';

export const ROOT = resolve(__dirname, '../..');
export const ARTIFACTS = join(ROOT, 'test-results');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function ensureBuilt(): string {
  const dir = join(ROOT, 'out', 'renderer');
  if (!existsSync(join(dir, 'index.html'))) {
    const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('electron-vite build failed');
  }
  return dir;
}

export interface App {
  host: WebHost;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  dataDir: string;
  /** Console errors and page errors seen: a test fails on any it did not expect. */
  errors: string[];
  /** Calls a backend method over the web host's API, as the page does (same session). */
  api<T = unknown>(method: string, input?: unknown): Promise<T>;
  /** Stops browser and host; the data folder goes too unless kept (to start again on it). */
  close(opts?: { keepData?: boolean }): Promise<void>;
}

export async function startApp(opts: { hash?: string; dataDir?: string } = {}): Promise<App> {
  const rendererDir = ensureBuilt();
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'spendmap-e2e-'));
  const host = await startWebHost({ dataDir, rendererDir });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [...HEADLESS_ARGS],
  });
  const context = await browser.newContext({ viewport: { width: 1500, height: 950 }, locale: 'en-GB' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.url.replace(/\/$/, '') });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  await page.goto(host.appUrl + (opts.hash ? `&${opts.hash}` : ''));
  return {
    host,
    browser,
    context,
    page,
    dataDir,
    errors,
    async api<T>(method: string, input: unknown = {}): Promise<T> {
      const res = await fetch(`${host.url}api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}` },
        body: JSON.stringify(input),
      });
      const r = (await res.json()) as { ok: boolean; data?: T; error?: { message: string } };
      if (!r.ok) throw new Error(`${method}: ${r.error?.message}`);
      return r.data as T;
    },
    async close(close: { keepData?: boolean } = {}) {
      await browser.close();
      await host.close();
      if (!close.keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Waits for Partners & budgets; if it never shows, fails with what the window shows instead. */
export async function firstScreen(app: App): Promise<void> {
  try {
    await app.page.getByRole('heading', { name: 'Partners & budgets' }).waitFor();
  } catch (e) {
    const shown = await app.page.locator('body').innerText().catch(() => '(no page)');
    throw new Error(`Partners & budgets never showed: ${(e as Error).message.split('\n')[0]}. The window showed: ${JSON.stringify(shown.slice(0, 800))}; errors: ${JSON.stringify(app.errors)}`);
  }
}

/** The app on the demo project, at its first screen; with the demo file's path. */
export async function startDemo(): Promise<{ app: App; projectPath: string }> {
  const app = await startApp({ hash: 'demo=1' });
  await firstScreen(app);
  return { app, projectPath: (await app.api<{ path: string }>('project.current')).path };
}

/** The demo app for a test file's (or describe block's) tests: started before them, closed after. */
export function demoForTests(): { readonly app: App; readonly projectPath: string } {
  const demo = {} as { app: App; projectPath: string };
  beforeAll(async () => Object.assign(demo, await startDemo()));
  afterAll(() => demo.app?.close());
  return demo;
}

/** The real CLI as a separate process (docs/cli.md), with its own data folder. */
export function runCli(args: string[], dataDir: string) {
  return spawnSync(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'electron/hosts/cli/main.ts'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, SPENDMAP_DATA: dataDir },
    timeout: 120_000,
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}
