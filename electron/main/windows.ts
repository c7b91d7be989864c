// An app window: hardened, never navigating away from the app, its project closed with it.
import { APP_ORIGIN, isTrustedUrl } from './window-options';
import { callBackend } from './backend';
import { hardenedWindow } from './hardened-window';

export function createWindow(hash: string): void {
  const win = hardenedWindow();
  const contents = win.webContents;
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (e, url) => {
    if (!isTrustedUrl(url)) e.preventDefault();
  });
  contents.on('will-redirect', (e) => e.preventDefault());
  contents.on('will-attach-webview', (e) => e.preventDefault());
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => void callBackend(win.id, 'project.close', {}));
  void win.loadURL(`${APP_ORIGIN}/index.html${hash}`);
}
