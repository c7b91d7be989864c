// The backend runs in a utility process: calls go to it by id, answers and events come back.
import { app, BrowserWindow, utilityProcess, type UtilityProcess } from 'electron';
import { join, resolve } from 'node:path';
import { EVENT_NAMES, IPC } from '../../shared/contract/events';
import { printView } from './print';

const resourcesDir = app.isPackaged ? join(process.resourcesPath, 'resources') : resolve(__dirname, '../../resources');
let backend: UtilityProcess | null = null;
let nextId = 1;
const pending = new Map<number, (result: unknown) => void>();

export function startBackend(): UtilityProcess {
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
  backend = child;
  return child;
}

export function callBackend(window: number, method: string, input: unknown): Promise<unknown> {
  backend ??= startBackend();
  const id = nextId++;
  return new Promise((resolveCall) => {
    pending.set(id, resolveCall);
    backend!.postMessage({ id, window, method, input });
  });
}

/** The backend closes its projects (and their window locks) itself; kill it only if it hangs. */
export function stopBackend(): void {
  const child = backend;
  if (!child) return;
  child.postMessage({ shutdown: true });
  setTimeout(() => child.kill(), 2000).unref();
}
