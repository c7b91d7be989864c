// A ward map's SVG as a PNG (the CLI's `map --out x.png`, title and legend text included),
// drawn by the same headless Chromium that prints the PDFs. Pack pictures need no browser: draw.ts.
import { AppError } from '../../../shared/contract/result';
import { chromiumPath } from '../print/chromium';
import { HEADLESS_ARGS } from '../print/headless';

/** Rasterises each SVG at `scale` × its size (2 = crisp in print and on Excel's 96 dpi sheet). */
export async function svgsToPng(svgs: readonly string[], scale = 2): Promise<Buffer[]> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: [...HEADLESS_ARGS],
  });
  try {
    const page = await browser.newPage({ deviceScaleFactor: scale, javaScriptEnabled: false, offline: true });
    const out: Buffer[] = [];
    for (const svg of svgs) {
      await page.setContent(`<!doctype html><html><body style="margin:0">${svg}</body></html>`);
      out.push(await page.locator('svg').first().screenshot({ type: 'png', omitBackground: false }));
    }
    return out;
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('INTERNAL', `The map picture could not be drawn: ${(e as Error).message.split('\n')[0]}`);
  } finally {
    await browser.close();
  }
}
