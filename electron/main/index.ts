// Electron main: one hardened window per project, the backend in a utility process,
// and a relay between them that checks who is asking.
import { app, BrowserWindow, type BrowserWindowConstructorOptions, dialog, ipcMain, net, protocol, session, utilityProcess, type UtilityProcess } from 'electron';
import { existsSync } from 'node:fs';
import { join, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CONTENT_SECURITY_POLICY } from '../../shared/contract/csp';
import { EVENT_NAMES, IPC } from '../../shared/contract/events';
import { isMethodName, methods } from '../../shared/contract/methods';
import { APP_ORIGIN, APP_SCHEME, isTrustedUrl, windowOptions } from './window-options';

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

const rendererDir = resolve(__dirname, '../renderer');
const resourcesDir = app.isPackaged ? join(process.resourcesPath, 'resources') : resolve(__dirname, '../../resources');
let backend: UtilityProcess | null = null;
let nextId = 1;
const pending = new Map<number, (result: unknown) => void>();
/** A hidden print window talks to the backend as the window that asked for the print. */
const sessionOf = new Map<number, number>();

/**
 * Every window is made here. The security settings are restated literally on top of
 * windowOptions(), so no change elsewhere can weaken a window, and static checkers
 * (electronegativity, run in CI) see them at the one place a window is created.
 */
function hardenedWindow(extra: BrowserWindowConstructorOptions = {}): BrowserWindow {
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

function startBackend(): UtilityProcess {
  const child = utilityProcess.fork(join(__dirname, 'utility.js'), [], {
    serviceName: 'Spendmap backend',
    env: { ...process.env, SPENDMAP_RESOURCES: resourcesDir, SPENDMAP_DATA: join(app.getPath('documents'), 'Spendmap') },
  });
  child.on('message', (msg: { id?: number; result?: unknown; window?: number; event?: string; payload?: unknown; printRequest?: number; hash?: string }) => {
    if (typeof msg.printRequest === 'number') {
      void printView(msg.window ?? -1, msg.hash ?? '').then(
        (pdf) => child.postMessage({ printReply: msg.printRequest, base64: pdf.toString('base64') }),
        (e: Error) => child.postMessage({ printReply: msg.printRequest, error: e.message }),
      );
    } else if (typeof msg.id === 'number') {
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

/** Prints a view of the app (the print layout named by `hash`) to an A4 landscape PDF. */
async function printView(window: number, hash: string): Promise<Buffer> {
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

function createWindow(hash: string): void {
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

function serveRenderer(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      return new Response('Bad path', { status: 400 });
    }
    const file = normalize(join(rendererDir, path));
    if (url.host !== 'spendmap' || path.includes('\0') || !file.startsWith(rendererDir + sep) || !existsSync(file))
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
  // Native dialogs belong to this process; everything else goes to the backend.
  if (method === 'host.dialog') return showDialog(win, input);
  return callBackend(sessionOf.get(win.id) ?? win.id, method, input);
});

async function showDialog(win: BrowserWindow, input: unknown) {
  const parsed = methods['host.dialog'].input.safeParse(input ?? {});
  if (!parsed.success) return { ok: false, error: { code: 'VALIDATION', message: 'Invalid input for host.dialog.' } };
  const projects = [{ name: 'Spendmap project', extensions: ['spendmap'] }];
  let path: string | null = null;
  if (parsed.data.kind === 'saveProject') {
    const r = await dialog.showSaveDialog(win, { filters: projects });
    path = r.canceled ? null : (r.filePath ?? null);
  } else {
    const folder = parsed.data.kind === 'chooseFolder';
    const r = await dialog.showOpenDialog(win, folder ? { properties: ['openDirectory', 'createDirectory'] } : { properties: ['openFile'], filters: projects });
    path = r.canceled ? null : (r.filePaths[0] ?? null);
  }
  return { ok: true, data: { path } };
}

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
  backend = startBackend();
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
// The backend closes its projects (and their window locks) itself; kill it only if it hangs.
app.on('before-quit', () => {
  const child = backend;
  if (!child) return;
  child.postMessage({ shutdown: true });
  setTimeout(() => child.kill(), 2000).unref();
});
