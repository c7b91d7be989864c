// Printing a page of the app to PDF with Chromium (for the web host and the CLI; the
// Electron app uses its own webContents.printToPDF). The page sets
// document.body.dataset.ready = '1' when every chart has drawn.
import { existsSync } from 'node:fs';
import { AppError } from '../../../shared/contract/result';
import { HEADLESS_ARGS } from './headless';

const CANDIDATES = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
];

export function chromiumPath(): string {
  const found = CANDIDATES.find((p): p is string => !!p && existsSync(p));
  if (!found)
    throw new AppError(
      'INTERNAL',
      'A PDF needs Chrome, Chromium or Edge on this computer, and none was found. Install one (or set CHROMIUM_PATH), or print the page from your browser (A4 landscape).',
    );
  return found;
}

/** Loads `url` in a headless Chromium, waits until the page says it is ready, prints A4 landscape. */
export async function printUrlToPdf(url: string, opts: { timeoutMs?: number } = {}): Promise<Buffer> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: [...HEADLESS_ARGS],
  });
  try {
    // A4 landscape at 96 dpi, so the page lays out as it will print.
    const page = await browser.newPage({ viewport: { width: 1123, height: 794 }, locale: 'en-GB' });
    await page.goto(url);
    await page.waitForSelector('body[data-ready="1"]', { timeout: opts.timeoutMs ?? 60_000 });
    return await page.pdf({ format: 'A4', landscape: true, printBackground: true, preferCSSPageSize: true });
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('INTERNAL', `The PDF could not be printed: ${(e as Error).message.split('\n')[0]}`);
  } finally {
    await browser.close();
  }
}
