// The backend's process under Electron (a utilityProcess): the same handler registry
// as the web host and the CLI, one session per window. It never imports electron.
import { join } from 'node:path';
import { homedir } from 'node:os';
import { UNQUEUED_METHODS } from '../../shared/contract/methods';
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
  on(event: 'message', listener: (e: { data: Request | PrintReply }) => void): void;
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
    const running = controllers.get(window);
    running?.abort();
    port.postMessage({ id, result: { ok: true, data: { cancelled: running !== undefined } } });
    return;
  }
  const run = async () => {
    const controller = new AbortController();
    controllers.set(window, controller);
    const result = await registry.call(method, input, {
      session: session!,
      signal: controller.signal,
      progress: (p) => port.postMessage({ window, event: 'progress', payload: { task: method, ...p } }),
    });
    controllers.delete(window);
    port.postMessage({ id, result });
    if (method === 'project.close') {
      session!.close();
      sessions.delete(window);
    }
  };
  // A print waits for the printed page's own calls, so it must not hold the queue.
  if (UNQUEUED_METHODS.includes(method)) void run();
  else queue = queue.then(run, run);
});
