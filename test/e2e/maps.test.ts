// Ward maps in Chromium on the demo (Kingston, 2024 wards): hover Norbiton on the
// Workshop map and read its per-head figure; tick two wards by clicking the map on the
// Neighbourhood screen and see the total change; the PDF carries the map. Screenshots
// are kept in test-results/.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Summary } from '../../shared/contract/mapping';
import { formatPerHead } from '../../shared/money';
import { ARTIFACTS, screenshot, startDemo, type App } from './harness';

let app: App;

beforeAll(async () => {
  ({ app } = await startDemo());
}, 120_000);

afterAll(async () => {
  await app?.close();
});

/** Where a ward's keyboard point sits on the page (its centre), to hover or click there. */
async function wardPoint(testId: string, code: string): Promise<{ x: number; y: number }> {
  const point = app.page.getByTestId(testId).locator(`[data-ward="${code}"]`);
  await point.scrollIntoViewIfNeeded();
  const box = (await point.boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

describe('ward maps', () => {
  it('the Workshop map shows Norbiton’s per-head figure on hover', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Workshop', exact: true }).click();
    const map = page.getByTestId('ward-map');
    await map.locator('[data-ward]').first().waitFor({ state: 'attached', timeout: 60_000 });
    const norbiton = (await app.api<Summary>('summary.neighbourhood', { name: 'Norbiton' }) as unknown as { summary: Summary }).summary;
    const code = norbiton.wards[0]!;
    const p = await wardPoint('ward-map', code);
    await page.mouse.move(p.x, p.y);
    const tip = map.locator('div').filter({ hasText: /^Norbiton/ }).last();
    await expect.poll(() => tip.textContent(), { timeout: 10_000 }).toContain(`${formatPerHead(norbiton.per_head_gbp!)} per head`);
    // The legend and the attribution are under the map.
    await expect.poll(() => map.locator('.ward-map-legend li').count()).toBeGreaterThanOrEqual(3);
    expect(await map.locator('.ward-map-attribution').textContent()).toBe(
      'Contains OS data © Crown copyright and database right; Source: Office for National Statistics licensed under the OGL v3.0',
    );
    // The keyboard point says the same.
    expect(await map.locator(`[data-ward="${code}"]`).getAttribute('aria-label')).toContain(`Norbiton: ${formatPerHead(norbiton.per_head_gbp!)} per head`);
    await screenshot(page, 'maps-workshop');
    expect(app.errors).toEqual([]);
  }, 120_000);

  it('clicking two wards on the Neighbourhood map ticks them and changes the total', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Neighbourhood', exact: true }).click();
    await page.getByRole('button', { name: 'New neighbourhood…' }).click();
    const map = page.getByTestId('neighbourhood-map');
    await map.locator('[data-ward]').first().waitFor({ state: 'attached', timeout: 60_000 });
    const wards = await app.api<{ code: string; name: string; population: number }[]>('wards.list');
    const count = page.getByText(/wards? ticked, population/);
    expect(await count.textContent()).toBe('0 wards ticked, population 0.');
    const [a, b] = [wards.find((w) => w.name === 'Norbiton')!, wards.find((w) => w.name === 'Tolworth')!];
    const pa = await wardPoint('neighbourhood-map', a.code);
    await page.mouse.click(pa.x, pa.y);
    await expect.poll(() => count.textContent()).toBe(`1 ward ticked, population ${new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 }).format(a.population)}.`);
    expect(await page.getByRole('checkbox', { name: `${a.name} (${a.code})` }).isChecked()).toBe(true);
    const pb = await wardPoint('neighbourhood-map', b.code);
    await page.mouse.click(pb.x, pb.y);
    await expect.poll(() => count.textContent()).toBe(`2 wards ticked, population ${new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 }).format(a.population + b.population)}.`);
    expect(await page.getByRole('checkbox', { name: `${b.name} (${b.code})` }).isChecked()).toBe(true);
    await screenshot(page, 'maps-neighbourhood');
    // Clicking again unticks, as the box does.
    await page.mouse.click(pa.x, pa.y);
    await expect.poll(() => count.textContent()).toMatch(/^1 ward ticked/);
    expect(await page.getByRole('checkbox', { name: `${a.name} (${a.code})` }).isChecked()).toBe(false);
    expect(app.errors).toEqual([]);
  }, 120_000);

  it('the Proxies screen maps any proxy, the IMD score first', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Proxies', exact: true }).click();
    const map = page.getByTestId('proxy-map');
    await map.locator('[data-ward]').first().waitFor({ state: 'attached', timeout: 60_000 });
    const t = await app.api<{ proxies: { name: string }[]; wards: { code: string; name: string; values: (number | null)[] }[] }>('proxies.table');
    const norbiton = t.wards.find((w) => w.name === 'Norbiton')!;
    const imd = norbiton.values[t.proxies.findIndex((p) => p.name === 'imd_score')]!;
    expect(await map.locator(`[data-ward="${norbiton.code}"]`).getAttribute('aria-label')).toMatch(new RegExp(`^Norbiton: ${imd.toLocaleString('en-GB', { maximumFractionDigits: 2 })}(;|$)`));
    await page.getByLabel('Proxy to map').selectOption('population');
    await expect.poll(() => map.locator(`[data-ward="${norbiton.code}"]`).getAttribute('aria-label')).toMatch(/^Norbiton: 11,794/);
    expect(app.errors).toEqual([]);
  }, 120_000);

  it('the Mapping screen maps the focused line’s ward split beside the grid', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Mapping', exact: true }).click();
    await page.getByRole('button', { name: 'Ward map', exact: true }).click();
    await page.getByTestId('mapping-grid').getByText('KC-EDU', { exact: true }).first().click();
    const map = page.getByTestId('line-map');
    await map.locator('[data-ward]').first().waitFor({ state: 'attached', timeout: 60_000 });
    expect(await page.getByRole('heading', { name: 'Line KC-EDU: its split by ward' }).count()).toBe(1);
    const a = await app.api<{ wards: string[]; lines: { ref: string; amounts: number[] }[] }>('mapping.allocate');
    const i = a.wards.indexOf('E05013941');
    const pounds = Math.floor((a.lines.find((l) => l.ref === 'KC-EDU')!.amounts[i]! + 50) / 100);
    expect(await map.locator('[data-ward="E05013941"]').getAttribute('aria-label')).toBe(`Norbiton: £${pounds.toLocaleString('en-GB')}; population 11,794`);
    await screenshot(page, 'maps-mapping');
    expect(app.errors).toEqual([]);
  }, 120_000);

  it('the Workshop PDF carries the map: its legend and the boundary attribution', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Workshop', exact: true }).click();
    const download = page.waitForEvent('download', { timeout: 120_000 });
    await page.getByRole('button', { name: /Export PDF/ }).click();
    const file = join(ARTIFACTS, 'maps-workshop.pdf');
    await (await download).saveAs(file);
    const text = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
    expect(text).toContain('Spend per head by ward, Norbiton outlined');
    expect(text).toMatch(/under £[\d,]+/);
    expect(text).toMatch(/£[\d,]+ and over/);
    expect(text).toContain('Contains OS data © Crown copyright and database right; Source: Office for National Statistics licensed under the OGL v3.0');
    const pages = /^Pages:\s+(\d+)/m.exec(spawnSync('pdfinfo', [file], { encoding: 'utf8' }).stdout)?.[1];
    expect(pages).toBe('1');
    spawnSync('pdftoppm', ['-png', '-r', '60', '-singlefile', file, join(ARTIFACTS, 'maps-workshop-pdf')]);
  }, 180_000);
});
