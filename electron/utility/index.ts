// The backend's process under Electron (a utilityProcess): the same handler registry
// as the web host and the CLI, one session per window. It never imports electron.
import { join } from 'node:path';
import { homedir } from 'node:os';
import { methods, UNQUEUED_METHODS } from '../../shared/contract/methods';
import { createRegistry } from '../backend/handlers';
import { Session } from '../backend/session';

interface Request {
  id: number;
  window: number;
  method: string;
  input: unknown;
}

/** Main's answer to a print request (see printPdf below). */
interface PrintReply {
  printReply: number;
  base64?: string;
  error?: string;
}

interface ParentPort {
  on(event: 'message', listener: (e: { data: Request | PrintReply | { shutdown: true } }) => void): void;
  postMessage(message: unknown): void;
}

const port = (process as unknown as { parentPort: ParentPort }).parentPort;
const registry = createRegistry();
const sessions = new Map<number, Session>();
const dataDir = process.env.SPENDMAP_DATA ?? join(homedir(), 'Spendmap');
const controllers = new Map<number, AbortController>();
let queue: Promise<unknown> = Promise.resolve();
let nextPrint = 1;
const printing = new Map<number, { resolve: (b: Buffer) => void; reject: (e: Error) => void }>();

/** A PDF of a view of the app: main prints it with Electron's own printToPDF. */
function printPdf(window: number) {
  return (hash: string) =>
    new Promise<Buffer>((resolve, reject) => {
      const id = nextPrint++;
      printing.set(id, { resolve, reject });
      port.postMessage({ printRequest: id, window, hash });
    });
}

port.on('message', ({ data }) => {
  if ('shutdown' in data) return shutdown();
  if ('printReply' in data) {
    const p = printing.get(data.printReply);
    printing.delete(data.printReply);
    if (data.base64 !== undefined) p?.resolve(Buffer.from(data.base64, 'base64'));
    else p?.reject(new Error(data.error ?? 'printing failed'));
    return;
  }
  const { id, window, method, input } = data;
  let session = sessions.get(window);
  if (!session) sessions.set(window, (session = new Session({ host: 'electron', dataDir, printPdf: printPdf(window) })));
  if (method === 'app.cancel') {
    // Answered at once, not queued behind the work it cancels.
    const valid = methods['app.cancel'].input.safeParse(input ?? {});
    if (!valid.success) {
      port.postMessage({ id, result: { ok: false, error: { code: 'VALIDATION', message: 'Invalid input for app.cancel: it takes no arguments.' } } });
      return;
    }
    const running = controllers.get(window);
    running?.abort();
    port.postMessage({ id, result: { ok: true, data: { cancelled: running !== undefined } } });
    return;
  }
  const unqueued = UNQUEUED_METHODS.includes(method);
  const run = async () => {
    const controller = new AbortController();
    // Only queued work is what "cancel" stops.
    if (!unqueued) controllers.set(window, controller);
    const result = await registry.call(method, input, {
      session: session!,
      signal: controller.signal,
      progress: (p) => port.postMessage({ window, event: 'progress', payload: { task: method, ...p } }),
    });
    if (controllers.get(window) === controller) controllers.delete(window);
    port.postMessage({ id, result });
    if (method === 'project.close') {
      session!.close();
      sessions.delete(window);
    }
  };
  // A print waits for the printed page's own calls, so it must not hold the queue.
  if (unqueued) void run();
  else queue = queue.then(run, run);
});

/** On quit: close every project (releasing its window lock) before the process ends. */
function shutdown(): void {
  for (const s of sessions.values()) s.close();
  sessions.clear();
  process.exit(0);
}
process.on('SIGTERM', shutdown);
