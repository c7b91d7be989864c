// The backend's process under Electron (a utilityProcess): the same dispatcher as the
// web host and the CLI, one session per window. It never imports electron.
import { join } from 'node:path';
import { homedir } from 'node:os';
import { Dispatcher } from '../backend/dispatch';
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
const sessions = new Map<number, Session>();
const windowOf = new WeakMap<Session, number>();
const dataDir = process.env.SPENDMAP_DATA ?? join(homedir(), 'Spendmap');
// Main forwards each event to its session's window (allow-listed names only).
const dispatcher = new Dispatcher((e, { session }) => port.postMessage({ window: windowOf.get(session), event: e.name, payload: e.payload }));
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
  if (!session) {
    sessions.set(window, (session = new Session({ host: 'electron', dataDir, printPdf: printPdf(window) })));
    windowOf.set(session, window);
  }
  void dispatcher.call(method, input, { session, origin: `window:${window}` }).then((result) => {
    port.postMessage({ id, result });
    if (method === 'project.close') {
      session.close();
      sessions.delete(window);
    }
  });
});

/** On quit: close every project (releasing its window lock) before the process ends. */
function shutdown(): void {
  for (const s of sessions.values()) s.close();
  sessions.clear();
  process.exit(0);
}
process.on('SIGTERM', shutdown);
