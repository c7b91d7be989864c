// The CLI host: `npm run -s cli -- <command> [arguments]` (docs/cli.md).
// Every command calls the same handler registry as the app.
// Exit status: 0 done; 1 input refused (nothing changed); 2 wrong usage.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { AppError, formatProblem, type ApiError } from '../../../shared/contract/result';
import { Dispatcher } from '../../backend/dispatch';
import { Session } from '../../backend/session';
import { UsageError, type Call, type CliIO } from './command';
import { COMMANDS } from './commands';

export const USAGE = `Usage: spendmap <command> [arguments]

Commands:
${COMMANDS.map((c) => `  ${c.usage}`).join('\n')}

Exit status: 0 done; 1 the input was refused (nothing changed); 2 wrong usage.`;

export class RefusedError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
  }
}

export function describeError(error: ApiError): string {
  const problems = error.details?.problems ?? [];
  const lines = problems.map(formatProblem);
  const count = typeof error.details?.count === 'number' ? error.details.count : problems.length;
  if (count > problems.length) lines.push(`... and ${count - problems.length} more`);
  lines.push(error.message);
  return lines.join('\n');
}

/** PDFs from the CLI: Chromium prints the app's print view, served for this run only. */
async function printThroughWebHost(session: Session, dataDir: string, hash: string): Promise<Buffer> {
  // Bundled, this file is out/cli/spendmap.js beside out/renderer; from source (tsx) it is three levels down.
  const rendererDir = join(__dirname, existsSync(join(__dirname, '../renderer')) ? '../renderer' : '../../../out/renderer');
  if (!existsSync(join(rendererDir, 'index.html')))
    throw new AppError('INPUT', 'The app is not built yet, and the PDF is printed from it. Run npm run build, then try again.');
  const { startWebHost } = await import('../web/server');
  const { printUrlToPdf } = await import('../../backend/print/chromium');
  const host = await startWebHost({ dataDir, rendererDir, session });
  try {
    return await printUrlToPdf(`${host.appUrl}&${hash}`);
  } finally {
    await host.close();
  }
}

export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    (name ? io.out : io.err)(USAGE + '\n');
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`spendmap: unknown command "${name}"\n\n${USAGE}\n`);
    return 2;
  }
  const dataDir = process.env.SPENDMAP_DATA ?? join(homedir(), 'Spendmap');
  const session: Session = new Session({ host: 'cli', dataDir, printPdf: (hash) => printThroughWebHost(session, dataDir, hash) });
  const dispatcher = new Dispatcher((e) => {
    if (e.name === 'progress') io.progress?.(e.payload.message);
  });
  const call: Call = async (method, input) => {
    const r = await dispatcher.invoke(method, input, { session });
    if (!r.ok) throw new RefusedError(r.error);
    return r.data;
  };
  try {
    await command.run(rest, { call, io });
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`spendmap ${name}: ${e.message}\nUsage: spendmap ${command.usage}\n`);
      return 2;
    }
    if (e instanceof RefusedError) {
      io.err(describeError(e.error) + '\n');
      if (e.error.code === 'VALIDATION') {
        io.err(`Usage: spendmap ${command.usage}\n`);
        return 2;
      }
      return e.error.code === 'INTERNAL' ? 3 : 1;
    }
    if (e instanceof AppError) {
      // Refused by the CLI itself (e.g. an --out file it cannot write): nothing changed.
      io.err(describeError({ code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) }) + '\n');
      return e.code === 'INTERNAL' ? 3 : 1;
    }
    io.err(`spendmap: unexpected problem: ${(e as Error).message}\n`);
    return 3;
  } finally {
    session.close();
  }
}

if (require.main === module) {
  const io: CliIO = {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
  };
  runCli(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`spendmap: ${(e as Error).message}\n`);
      process.exitCode = 3;
    },
  );
}
