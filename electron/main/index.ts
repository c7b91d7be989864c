// Electron main: one hardened window per project, the backend in a utility process,
// and a relay between them that checks who is asking (backend.ts, windows.ts, ipc.ts).
import { app, BrowserWindow, session } from 'electron';
import { startBackend, stopBackend } from './backend';
import { relayCalls } from './ipc';
import { registerAppScheme, serveRenderer } from './protocol';
import { isTrustedUrl } from './window-options';
import { createWindow } from './windows';

registerAppScheme();
relayCalls();

app.on('web-contents-created', (_e, contents) => {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (e, url) => {
    if (!isTrustedUrl(url)) e.preventDefault();
  });
});

// macOS hands a double-clicked .spendmap file (the file association) to the running
// app as an event, not on the command line: open it in a window of its own.
const filesToOpen: string[] = [];
app.on('open-file', (e, path) => {
  e.preventDefault();
  if (app.isReady()) createWindow(`#open=${encodeURIComponent(path)}`);
  else filesToOpen.push(path);
});

void app.whenReady().then(() => {
  // No permission (camera, notifications, geolocation...) is ever granted.
  session.defaultSession.setPermissionRequestHandler((_wc, _perm, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  serveRenderer();
  startBackend();
  const file = process.argv.find((a) => a.endsWith('.spendmap'));
  if (filesToOpen.length) for (const f of filesToOpen.splice(0)) createWindow(`#open=${encodeURIComponent(f)}`);
  else createWindow(process.argv.includes('--demo') ? '#demo=1' : file ? `#open=${encodeURIComponent(file)}` : '');
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow('');
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
app.on('before-quit', stopBackend);
