// `npm run web`: serves the built app on 127.0.0.1 and prints its URL with the token.
//   --port <n>   fixed port (default: a free one)   --data <dir>   projects folder root
//   --demo       open the demo project at start     --open          open a browser
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startWebHost } from './server';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      data: { type: 'string' },
      renderer: { type: 'string' },
      demo: { type: 'boolean' },
      open: { type: 'boolean' },
    },
  });
  const rendererDir = resolve(values.renderer ?? join(__dirname, '../../../out/renderer'));
  if (!existsSync(join(rendererDir, 'index.html'))) {
    process.stderr.write(`The app is not built yet (${rendererDir} has no index.html). Run: npm run build\n`);
    process.exit(1);
  }
  const host = await startWebHost({
    port: values.port ? Number(values.port) : 0,
    dataDir: resolve(values.data ?? process.env.SPENDMAP_DATA ?? join(homedir(), 'Spendmap')),
    rendererDir,
  });
  if (values.demo) {
    // Like any open: through the dispatcher, holding the demo's window lock.
    const r = await host.dispatcher.invoke('project.openDemo', {}, { session: host.session });
    if (!r.ok) {
      process.stderr.write(`The demo could not be opened: ${r.error.message}\n`);
      await host.close();
      process.exit(1);
    }
  }
  process.stdout.write(`Spendmap is running at ${host.appUrl}\n(only this computer can reach it; the token in the link is new every run)\n`);
  if (values.open) openBrowser(host.appUrl);
  const stop = () => void host.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

function openBrowser(url: string): void {
  const cmd = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'cmd' : 'xdg-open';
  const args = process.platform === 'win32' ? ['/c', 'start', '', url] : [url];
  try {
    const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
    child.on('error', () => process.stdout.write('(no browser found: open the link above yourself)\n'));
    child.unref();
  } catch {
    process.stdout.write('(no browser found: open the link above yourself)\n');
  }
}

void main();
