// Electron main: one hardened window per project, the backend in a utility process,
// and a relay between them that checks who is asking.
import { app, BrowserWindow, dialog, ipcMain, net, protocol, session, utilityProcess, type UtilityProcess } from 'electron';
import { existsSync } from 'node:fs';
import { join, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CONTENT_SECURITY_POLICY } from '../../shared/contract/csp';
import { EVENT_NAMES, IPC } from '../../shared/contract/events';
import { isMethodName } from '../../shared/contract/methods';
import { APP_ORIGIN, APP_SCHEME, isTrustedUrl, windowOptions } from './window-options';

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

const rendererDir = resolve(__dirname, '../renderer');
const resourcesDir = app.isPackaged ? join(process.resourcesPath, 'resources') : resolve(__dirname, '../../resources');
let backend: UtilityProcess | null = null;
let nextId = 1;
const pending = new Map<number, (result: unknown) => void>();

function startBackend(): UtilityProcess {
  const child = utilityProcess.fork(join(__dirname, 'utility.js'), [], {
    serviceName: 'Spendmap backend',
    env: { ...process.env, SPENDMAP_RESOURCES: resourcesDir, SPENDMAP_DATA: join(app.getPath('documents'), 'Spendmap') },
  });
  child.on('message', (msg: { id?: number; result?: unknown; window?: number; event?: string; payload?: unknown }) => {
    if (typeof msg.id === 'number') {
      pending.get(msg.id)?.(msg.result);
      pending.delete(msg.id);
    } else if (msg.event && (EVENT_NAMES as readonly string[]).includes(msg.event)) {
      BrowserWindow.fromId(msg.window ?? -1)?.webContents.send(IPC.event, msg.event, msg.payload);
    }
  });
  child.on('exit', () => {
    for (const resolveCall of pending.values())
      resolveCall({ ok: false, error: { code: 'INTERNAL', message: 'The Spendmap backend stopped; your last saved changes are in the project file. Restart Spendmap.' } });
    pending.clear();
    backend = null;
  });
  return child;
}

function callBackend(window: number, method: string, input: unknown): Promise<unknown> {
  backend ??= startBackend();
  const id = nextId++;
  return new Promise((resolveCall) => {
    pending.set(id, resolveCall);
    backend!.postMessage({ id, window, method, input });
  });
}

function createWindow(hash: string): void {
  const win = new BrowserWindow(windowOptions(join(__dirname, '../preload/index.js')));
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

function serveRenderer(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = normalize(join(rendererDir, decodeURIComponent(url.pathname)));
    if (url.host !== 'spendmap' || !file.startsWith(rendererDir + sep) || !existsSync(file))
      return new Response('Not found', { status: 404 });
    const res = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(res.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(res.body, { status: res.status, headers });
  });
}

ipcMain.handle(IPC.invoke, (event, method: unknown, input: unknown) => {
  if (!isTrustedUrl(event.senderFrame?.url)) return { ok: false, error: { code: 'VALIDATION', message: 'Refused: not a Spendmap window.' } };
  if (typeof method !== 'string' || !isMethodName(method))
    return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `There is no method "${String(method).slice(0, 80)}".` } };
  const win = BrowserWindow.fromWebContents(event.sender);
  if (!win) return { ok: false, error: { code: 'VALIDATION', message: 'Refused: no window.' } };
  return callBackend(win.id, method, input);
});

ipcMain.handle(IPC.dialog, async (event, kind: unknown) => {
  if (!isTrustedUrl(event.senderFrame?.url)) return null;
  const win = BrowserWindow.fromWebContents(event.sender);
  if (!win) return null;
  const projects = [{ name: 'Spendmap project', extensions: ['spendmap'] }];
  if (kind === 'openProject') {
    const r = await dialog.showOpenDialog(win, { properties: ['openFile'], filters: projects });
    return r.canceled ? null : (r.filePaths[0] ?? null);
  }
  if (kind === 'saveProject') {
    const r = await dialog.showSaveDialog(win, { filters: projects });
    return r.canceled ? null : (r.filePath ?? null);
  }
  if (kind === 'chooseFolder') {
    const r = await dialog.showOpenDialog(win, { properties: ['openDirectory', 'createDirectory'] });
    return r.canceled ? null : (r.filePaths[0] ?? null);
  }
  return null;
});

app.on('web-contents-created', (_e, contents) => {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (e, url) => {
    if (!isTrustedUrl(url)) e.preventDefault();
  });
});

void app.whenReady().then(() => {
  // No permission (camera, notifications, geolocation...) is ever granted.
  session.defaultSession.setPermissionRequestHandler((_wc, _perm, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  serveRenderer();
  backend = startBackend();
  const file = process.argv.find((a) => a.endsWith('.spendmap'));
  createWindow(process.argv.includes('--demo') ? '#demo=1' : file ? `#open=${encodeURIComponent(file)}` : '');
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow('');
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
app.on('before-quit', () => backend?.kill());
