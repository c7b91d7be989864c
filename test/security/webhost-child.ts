// A web host in a process of its own, for tests that need a second Spendmap window
// in another process, or a window run by an unprivileged user (to see a read-only
// file as such when the tests run as root). Prints {"port", "token", "pid"} once
// listening; stops on SIGTERM (closing its project, so its lock goes).
//
//   tsx test/security/webhost-child.ts <dataDir> <rendererDir> [<project to open>]
import { writeSync } from 'node:fs';
import { startWebHost } from '../../electron/hosts/web/server';

async function main(): Promise<void> {
  const [dataDir, rendererDir, open] = process.argv.slice(2);
  const host = await startWebHost({ dataDir: dataDir!, rendererDir: rendererDir! });
  let opened: unknown = null;
  if (open) {
    const { createRegistry } = await import('../../electron/backend/handlers');
    const r = await createRegistry().call('project.open', { path: open }, { session: host.session, progress: () => {}, signal: new AbortController().signal });
    opened = r.ok ? true : r.error;
  }
  writeSync(1, JSON.stringify({ port: host.port, token: host.token, pid: process.pid, opened }) + '\n');
  const stop = () => void host.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

void main();
