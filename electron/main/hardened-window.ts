// The one place a window is made (the app's windows and the hidden print window).
import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';
import { join } from 'node:path';
import { windowOptions } from './window-options';

/**
 * Every window is made here. The security settings are restated literally on top of
 * windowOptions(), so no change elsewhere can weaken a window, and static checkers
 * (electronegativity, run in CI) see them at the one place a window is created.
 */
export function hardenedWindow(extra: BrowserWindowConstructorOptions = {}): BrowserWindow {
  const options = { ...windowOptions(join(__dirname, '../preload/index.js')), ...extra };
  return new BrowserWindow({
    ...options,
    webPreferences: {
      ...options.webPreferences,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
}
