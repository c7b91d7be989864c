// The one-page workshop summary as a PDF, printed by Chromium from the page the user
// sees: from the CLI (`summary --pdf`) and from the Workshop screen's button. Read back
// with poppler: one A4 landscape page carrying the neighbourhood's total as text.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Summary } from '../../shared/contract/mapping';
import { formatPounds } from '../../shared/money';
import { buildDemo } from '../../electron/backend/project/demo';
import { ensureBuilt, firstScreen, runCli, startApp } from './harness';

let dir: string;
let project: string;

const cli = (...args: string[]) => runCli(args, dir);

/** Pages, page size and text of a PDF, as poppler reads them. */
function readPdf(path: string): { pages: number; size: string; text: string } {
  const info = spawnSync('pdfinfo', [path], { encoding: 'utf8' });
  expect(info.status).toBe(0);
  const text = spawnSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
  expect(text.status).toBe(0);
  return {
    pages: Number(/^Pages:\s+(\d+)/m.exec(info.stdout)?.[1]),
    size: /^Page size:\s+(.*)$/m.exec(info.stdout)?.[1] ?? '',
    text: text.stdout,
  };
}

function expectSummaryPdf(path: string, s: Summary) {
  expect(readFileSync(path).subarray(0, 5).toString()).toBe('%PDF-');
  const pdf = readPdf(path);
  expect(pdf.pages).toBe(1);
  // A4 landscape: 841.89 × 595.28 points; Chromium prints it as 841.92 × 594.96.
  expect(pdf.size).toMatch(/^84[12](\.\d+)? x 59[45](\.\d+)? pts/);
  expect(pdf.text).toContain('Norbiton');
  expect(pdf.text).toContain(formatPounds(s.total_pence));
  expect(pdf.text).toMatch(/Open Government Licence/);
}

describe('the one-page summary PDF', () => {
  beforeAll(async () => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'spendmap-pdf-'));
    project = join(dir, 'demo.spendmap');
    (await buildDemo(project)).close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is written by `summary --neighbourhood <name> --pdf <file>`', () => {
    const summary = cli('summary', project, '--neighbourhood', 'Norbiton', '--json');
    expect(summary.status).toBe(0);
    const s = JSON.parse(summary.stdout) as Summary;
    const out = join(dir, 'norbiton.pdf');
    const r = cli('summary', project, '--neighbourhood', 'Norbiton', '--pdf', out);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`wrote ${out}\n`);
    expectSummaryPdf(out, s);
  });

  it('refuses an unknown neighbourhood and writes nothing', () => {
    const out = join(dir, 'nowhere.pdf');
    const r = cli('summary', project, '--neighbourhood', 'Nowhere', '--pdf', out);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/no neighbourhood "Nowhere"/);
    expect(existsSync(out)).toBe(false);
  });

  it('is exported from the Workshop screen', async () => {
    const app = await startApp({ hash: 'demo=1' });
    try {
      const { page } = app;
      await firstScreen(app);
      await page.getByRole('button', { name: 'Workshop', exact: true }).click();
      const download = page.waitForEvent('download', { timeout: 120_000 });
      await page.getByRole('button', { name: /Export PDF/ }).click();
      const file = join(dir, 'from-screen.pdf');
      await (await download).saveAs(file);
      const s = (await app.api<{ summary: Summary }>('summary.neighbourhood', { name: 'Norbiton' })).summary;
      expectSummaryPdf(file, s);
      expect(app.errors).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
