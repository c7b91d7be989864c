// One fuzz worker: imports generated files into a real project through the handler
// registry (as every host does) and prints one JSON line per input. The parent
// (test/fuzz/main.ts) watches it: a worker that stops printing has hung, one that
// dies has crashed.
//
//   runner.ts range <seed> <from> <to>      inputs from..to-1
//   runner.ts big <case>                    one of the huge files (own process: own peak RSS)
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRegistry } from '../../electron/backend/handlers';
import { createProject } from '../../electron/backend/project/lifecycle';
import { Session } from '../../electron/backend/session';
import { generate, type FuzzInput } from './generators';
import { BIG_CASES } from './big';
import { writeBigFile } from './write-big';
import { judge } from './judge';

export type { Outcome } from './judge';
import type { Outcome } from './judge';

const say = (o: unknown) => writeSync(1, JSON.stringify(o) + '\n');

const dir = mkdtempSync(join(tmpdir(), 'spendmap-fuzz-'));
const registry = createRegistry();
const session = new Session({ host: 'test', dataDir: dir });
const ctx = { session, progress: () => {}, signal: new AbortController().signal };
const template = join(dir, 'template.spendmap');
createProject({ path: template, pack: 'wards2024', lad: 'E09000021', year: '2024-25' }).close();
let projectNo = 0;

async function freshProject(): Promise<void> {
  const path = join(dir, `project-${projectNo++}.spendmap`);
  copyFileSync(template, path);
  const r = await registry.call('project.open', { path }, ctx);
  if (!r.ok) throw new Error(r.error.message);
}

/** What the project holds, cheaply: enough to see a partial import or a half-change. */
function counts(): string {
  const db = session.requireProject().db;
  return JSON.stringify(
    db
      .prepare(
        `SELECT (SELECT COUNT(*) FROM spend_lines), (SELECT COUNT(*) FROM imports), (SELECT COUNT(*) FROM partners), (SELECT COUNT(*) FROM audit_log),
                (SELECT COUNT(*) FROM proxies), (SELECT COUNT(*) FROM proxy_values), (SELECT COALESCE(SUM(amount_pence), 0) FROM spend_lines),
                (SELECT COALESCE(SUM(value), 0) FROM proxy_values)`,
      )
      .raw()
      .get(),
  );
}

async function runOne(i: number, input: FuzzInput): Promise<Outcome> {
  const path = join(dir, input.name);
  writeFileSync(path, input.bytes);
  const before = counts();
  const t0 = performance.now();
  const r =
    input.target === 'budgets'
      ? await registry.call('imports.budgets', { file: { path }, ...(input.units ? { units: input.units } : {}) }, ctx)
      : await registry.call('proxies.import', { file: { path }, name: 'fuzz_proxy' }, ctx);
  const ms = performance.now() - t0;
  rmSync(path, { force: true });
  const verdict = judge(input, r as never, before, counts());
  return { i, kind: input.kind, ms: Math.round(ms * 10) / 10, ...verdict };
}

async function range(seed: number, from: number, to: number): Promise<void> {
  await freshProject();
  const wards = session.requireProject().wards().map((w) => w.code);
  const fctx = { wards, year: '2024-25' };
  for (let i = from; i < to; i++) {
    // A fresh project now and then keeps it small (and the borough total in range).
    if ((i - from) % 400 === 399) await freshProject();
    say({ start: i });
    let out: Outcome;
    try {
      out = await runOne(i, generate(seed, i, fctx));
    } catch (e) {
      out = { i, kind: 'unknown', outcome: 'FAIL', ms: 0, detail: `threw: ${(e as Error).stack ?? String(e)}` };
    }
    say(out);
  }
}

async function big(name: string): Promise<void> {
  const c = BIG_CASES[name];
  if (!c) throw new Error(`no big case ${name}`);
  await freshProject();
  const path = join(dir, c.fileName);
  writeBigFile(name, path);
  if (global.gc) global.gc();
  const rssBefore = process.memoryUsage().rss;
  const before = counts();
  const t0 = performance.now();
  const r =
    c.target === 'budgets'
      ? await registry.call('imports.budgets', { file: { path } }, ctx)
      : await registry.call('proxies.import', { file: { path }, name: 'fuzz_proxy' }, ctx);
  const ms = performance.now() - t0;
  const input: FuzzInput = { kind: `big/${name}`, target: c.target, name: c.fileName, bytes: Buffer.alloc(0) };
  const verdict = judge(input, r as never, before, counts());
  say({
    i: -1,
    kind: `big/${name}`,
    ...verdict,
    ms: Math.round(ms),
    rssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    rssBeforeMB: Math.round(rssBefore / 1024 / 1024),
    message: r.ok ? `imported ${JSON.stringify(r.data).slice(0, 80)}` : r.error.message.slice(0, 200),
  });
}

async function main(): Promise<void> {
  const [cmd, ...args] = process.argv.slice(2);
  try {
    if (cmd === 'range') await range(Number(args[0]), Number(args[1]), Number(args[2]));
    else if (cmd === 'big') await big(args[0]!);
    else throw new Error(`runner: unknown command ${cmd}`);
  } finally {
    session.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module)
  void main().catch((e: Error) => {
    say({ fatal: e.stack ?? e.message });
    process.exitCode = 3;
  });
