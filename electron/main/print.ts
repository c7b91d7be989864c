// PDFs printed by Chromium from a hidden window showing the app's print layout.
import { APP_ORIGIN } from './window-options';
import { hardenedWindow } from './hardened-window';

/** A hidden print window talks to the backend as the window that asked for the print. */
export const sessionOf = new Map<number, number>();

/** Prints a view of the app (the print layout named by `hash`) to an A4 landscape PDF. */
export async function printView(window: number, hash: string): Promise<Buffer> {
  const win = hardenedWindow({ show: false, width: 1123, height: 794 });
  sessionOf.set(win.id, window);
  try {
    win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
    win.webContents.on('will-navigate', (e) => e.preventDefault());
    await win.loadURL(`${APP_ORIGIN}/index.html#${hash}`);
    const deadline = Date.now() + 60_000;
    while ((await win.webContents.executeJavaScript('document.body.dataset.ready === "1"')) !== true) {
      if (Date.now() > deadline) throw new Error('the page to print did not finish drawing within a minute');
      await new Promise((r) => setTimeout(r, 150));
    }
    return await win.webContents.printToPDF({ landscape: true, pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
  } finally {
    sessionOf.delete(win.id);
    win.destroy();
  }
}
