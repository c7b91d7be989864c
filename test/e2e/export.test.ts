// Export from the screen, in real Chromium against the web host on the demo project:
// choose the folder, see the progress bar move and the list of files written; then open
// a pack a partner edited, accept one change, reject another, and find only the
// accepted one in the project, with the file named in the audit log.
import Database from 'better-sqlite3';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, startDemo, type App } from './harness';

let app: App;
let projectPath: string;
let outDir: string;

function lineOf(ref: string) {
  const db = new Database(projectPath, { readonly: true });
  try {
    return db.prepare('SELECT beta, discretionary_pct AS pct FROM spend_lines WHERE ref = ?').get(ref) as { beta: number; pct: number };
  } finally {
    db.close();
  }
}

describe('exporting packs and reviewing one that came back, end to end', () => {
  beforeAll(async () => {
    ({ app, projectPath } = await startDemo());
    outDir = join(app.dataDir, 'packs for partners');
  });
  afterAll(async () => {
    await app?.close();
  });

  it('exports every pack from the screen with a progress bar, and lists the files written', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await page.getByRole('heading', { name: 'Export', exact: true }).waitFor();
    const folder = page.getByLabel('Folder');
    // The web host suggests "packs" beside the project file.
    expect(await folder.inputValue()).toBe(join(projectPath, '..', 'packs'));
    await folder.fill(outDir);
    // Record what the progress bar shows, however fast the export runs.
    await page.evaluate(() => {
      const w = window as unknown as { seen: { value: number; text: string }[] };
      w.seen = [];
      new MutationObserver(() => {
        const bar = document.querySelector('progress[aria-label="Export progress"]') as HTMLProgressElement | null;
        if (bar) w.seen.push({ value: bar.value, text: bar.parentElement?.textContent ?? '' });
      }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    await page.getByRole('button', { name: 'Export 8 packs' }).click();
    await page.getByText(/^Wrote 8 packs to/).waitFor();
    const seen = (await page.evaluate(() => (window as unknown as { seen: { value: number; text: string }[] }).seen)) as { value: number; text: string }[];
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.some((s) => /Writing pack \d of 8/.test(s.text))).toBe(true);
    expect(Math.max(...seen.map((s) => s.value))).toBeGreaterThan(0);
    const rows = page.getByRole('table', { name: 'Files written' }).locator('tbody tr');
    expect(await rows.count()).toBe(8);
    const listed = await rows.locator('td:first-child').allTextContents();
    expect(listed.sort()).toEqual(readdirSync(outDir).sort());
    expect(listed.some((n) => /Norbiton neighbourhood - \d{4}-\d{2}-\d{2}\.xlsx$/.test(n))).toBe(true);
    await screenshot(page, 'export-files');
  });

  it('reviews a returned pack, accepts one change and rejects another', async () => {
    const { page } = app;
    const pack = readdirSync(outDir).find((n) => n.includes('South West London ICB'))!;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(outDir, pack));
    const lines = wb.getWorksheet('Lines')!;
    for (let r = 5; r <= lines.rowCount; r++) {
      if (lines.getCell(r, 1).value === 'NHS-01') lines.getCell(r, 9).value = 0.25;
      if (lines.getCell(r, 1).value === 'NHS-02') lines.getCell(r, 10).value = 40;
    }
    const returned = join(app.dataDir, 'ICB returned.xlsx');
    await wb.xlsx.writeFile(returned);
    await page.getByLabel('Returned pack').setInputFiles(returned);
    const table = page.getByRole('table', { name: 'Changes in the pack' });
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBe(2);
    expect(await table.locator('tbody tr').first().textContent()).toContain('0.5');
    await page.getByLabel('Accept NHS-02 discretionary %').uncheck();
    await screenshot(page, 'export-review');
    await page.getByRole('button', { name: 'Apply 1 accepted change' }).click();
    await page.getByText('ICB returned.xlsx: 1 change accepted and saved, 1 rejected.', { exact: false }).waitFor();
    expect(lineOf('NHS-01').beta).toBe(0.25);
    expect(lineOf('NHS-02').pct).toBe(10);
    const db = new Database(projectPath, { readonly: true });
    const audit = db.prepare("SELECT entity, note FROM audit_log WHERE note LIKE '%ICB returned.xlsx%'").all() as { entity: string; note: string }[];
    db.close();
    expect(audit.map((a) => a.entity).sort()).toEqual(['line', 'pack']);
    expect(existsSync(returned)).toBe(true);
    expect(app.errors).toEqual([]);
  });
});
