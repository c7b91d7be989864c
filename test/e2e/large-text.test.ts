// "Large text" (workshops on a projector) is kept for the next start, and that start draws
// its first screen in it: the setting is on <html> before React first puts the app in the
// page, not switched on after the screen was laid out in normal text. Real Chromium, demo.
import { describe, expect, it } from 'vitest';
import { demoForTests, firstScreen } from './harness';

describe('large text, end to end', () => {
  const demo = demoForTests();

  it('is kept for the next start, and is on before the first screen is drawn', async () => {
    const { app } = demo;
    const { page } = app;
    const row = page.locator('[data-testid="budgets-grid"] .ag-row[row-index="0"]');
    const rowHeight = () => row.evaluate((r) => r.getBoundingClientRect().height);
    await row.waitFor();
    const normal = await rowHeight();
    await page.getByLabel('Large text').check();
    await expect.poll(rowHeight).toBeGreaterThan(normal * 1.2);
    const large = await rowHeight();

    // The next start, in the same browser (its storage): where the setting stood when the
    // app's first elements went into the page.
    await page.addInitScript(() => {
      const w = window as unknown as { largeAtFirstRender?: boolean };
      new MutationObserver((_, observer) => {
        if (!document.getElementById('root')?.firstChild) return;
        w.largeAtFirstRender = document.documentElement.classList.contains('large-text');
        observer.disconnect();
      }).observe(document, { childList: true, subtree: true });
    });
    const restart = async () => {
      await page.goto('about:blank'); // a new page: the app's URL alone differs only after '#'
      await page.goto(app.host.appUrl);
      await firstScreen(app);
      await row.waitFor();
    };
    await restart();
    expect(await page.evaluate(() => (window as unknown as { largeAtFirstRender?: boolean }).largeAtFirstRender)).toBe(true);
    expect(await page.getByLabel('Large text').isChecked()).toBe(true);
    expect(await rowHeight()).toBe(large);

    // Off again, and the start after that is in normal text.
    await page.getByLabel('Large text').uncheck();
    await restart();
    expect(await page.evaluate(() => (window as unknown as { largeAtFirstRender?: boolean }).largeAtFirstRender)).toBe(false);
    expect(await rowHeight()).toBe(normal);
    expect(app.errors).toEqual([]);
  });
});
