// The backend's process under Electron (a utilityProcess): the same handler registry
// as the web host and the CLI, one session per window. It never imports electron.
import { join } from 'node:path';
import { homedir } from 'node:os';
import { createRegistry } from '../backend/handlers';
import { Session } from '../backend/session';

interface Request {
  id: number;
  window: number;
  method: string;
  input: unknown;
}

interface ParentPort {
  on(event: 'message', listener: (e: { data: Request }) => void): void;
  postMessage(message: unknown): void;
}

const port = (process as unknown as { parentPort: ParentPort }).parentPort;
const registry = createRegistry();
const sessions = new Map<number, Session>();
const dataDir = process.env.SPENDMAP_DATA ?? join(homedir(), 'Spendmap');
const controllers = new Map<number, AbortController>();
let queue: Promise<unknown> = Promise.resolve();

port.on('message', ({ data }) => {
  const { id, window, method, input } = data;
  let session = sessions.get(window);
  if (!session) sessions.set(window, (session = new Session({ host: 'electron', dataDir })));
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
  queue = queue.then(run, run);
});
