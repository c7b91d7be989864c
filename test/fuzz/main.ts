// npm run test:fuzz — hostile and malformed partner files.
//
// 10,000+ generated budget CSVs, budget workbooks (XLSX) and ward-proxy CSVs (wrong
// headers and encodings, binary junk, huge values, formulas, BOMs, mixed line ends,
// open quotes, numbers such as 1e308, NaN, -0, "£ 1,2,3", broken and hostile zips
// and XML...) are imported into a real project through the handler registry, in
// worker processes watched from here, then the huge files each in a process of its
// own. Every input must end in a clean import (exactly as many lines as a good file
// holds) or an error naming the file, row and column (or, for a file that is not a
// table at all, the file); never a crash, a hang, a partial import, or more than
// 1 GB of memory.
//
//   tsx test/fuzz/main.ts [--seed N] [--count N] [--workers N] [--only i] [--no-big] [--big NAME-PART]
// (--count 0 --big 1m-rows: only the huge files whose name holds "1m-rows")
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from '../helpers/paths';
import { BIG_CASES } from './big';
import type { Outcome } from './runner';

const { values: args } = parseArgs({
  options: {
    seed: { type: 'string' },
    count: { type: 'string' },
    workers: { type: 'string' },
    only: { type: 'string' },
    'no-big': { type: 'boolean' },
    big: { type: 'string' },
  },
});
const SEED = Number(args.seed ?? process.env.FUZZ_SEED ?? 7_340_117);
const COUNT = Number(args.count ?? 10_200);
const WORKERS = Number(args.workers ?? 2);
/** An input that takes longer than this has hung, as far as a user can tell. */
const INPUT_BOUND_MS = 5_000;
/** A worker silent for this long is stuck. */
const SILENCE_MS = 30_000;
/** A huge file's worker first has another process write the file, silently: a minute or two on a loaded machine. */
const BIG_SILENCE_MS = 180_000;
const TSX = join(repoRoot, 'node_modules', '.bin', 'tsx');
const RUNNER = join(repoRoot, 'test', 'fuzz', 'runner.ts');

interface BigResult extends Outcome {
  rssMB: number;
  message: string;
}

const outcomes: Outcome[] = [];
const failures: string[] = [];

function runWorker(argv: string[], onLine: (o: Record<string, unknown>) => void, silenceMs = SILENCE_MS): Promise<{ code: number | null; signal: string | null; silent: boolean; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(TSX, [RUNNER, ...argv], {
      cwd: repoRoot,
      env: { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=2048 --expose-gc` },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let partial = '';
    let stderr = '';
    let silent = false;
    let timer = setTimeout(stop, silenceMs);
    function stop() {
      silent = true;
      child.kill('SIGKILL');
    }
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      clearTimeout(timer);
      timer = setTimeout(stop, silenceMs);
      partial += d;
      let nl: number;
      while ((nl = partial.indexOf('\n')) >= 0) {
        const line = partial.slice(0, nl);
        partial = partial.slice(nl + 1);
        try {
          onLine(JSON.parse(line) as Record<string, unknown>);
        } catch {
          stderr += `unparsable: ${line.slice(0, 200)}\n`;
        }
      }
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, silent, stderr });
    });
  });
}

/** Runs inputs from..to in one worker, restarting it after the input that hung or crashed it. */
async function runRange(from: number, to: number): Promise<void> {
  let next = from;
  while (next < to) {
    let started = -1;
    const exit = await runWorker(['range', String(SEED), String(next), String(to)], (o) => {
      if (typeof o.start === 'number') started = o.start;
      else if (typeof o.i === 'number') {
        const out = o as unknown as Outcome;
        outcomes.push(out);
        next = out.i + 1;
        if (out.outcome === 'FAIL') failures.push(`input ${out.i} (${out.kind}): ${out.detail}`);
        else if (out.ms > INPUT_BOUND_MS) failures.push(`input ${out.i} (${out.kind}) took ${out.ms} ms (bound ${INPUT_BOUND_MS} ms)`);
        if (outcomes.length % 500 === 0) process.stdout.write(`\r  ${outcomes.length} inputs…`);
      } else if (o.fatal) failures.push(`worker ${from}-${to}: ${String(o.fatal).slice(0, 500)}`);
    });
    if (next >= to && exit.code === 0) return;
    if (started >= next) {
      const why = exit.silent ? `hung (no answer within ${SILENCE_MS / 1000} s)` : `crashed the worker (exit ${exit.code ?? exit.signal}): ${exit.stderr.slice(-400)}`;
      failures.push(`input ${started}: ${why}`);
      outcomes.push({ i: started, kind: 'unknown', outcome: 'FAIL', ms: 0, detail: why });
      next = started + 1;
    } else if (exit.code !== 0) {
      failures.push(`worker ${next}-${to} failed to start: ${exit.stderr.slice(-400)}`);
      return;
    }
  }
}

async function runBig(): Promise<BigResult[]> {
  const results: BigResult[] = [];
  for (const [name, c] of Object.entries(BIG_CASES)) {
    if (args.big !== undefined && !name.includes(args.big)) continue;
    process.stdout.write(`  ${name}…`);
    let got: BigResult | null = null;
    const t0 = performance.now();
    const exit = await runWorker(
      ['big', name],
      (o) => {
        if (o.kind) got = o as unknown as BigResult;
      },
      BIG_SILENCE_MS,
    );
    const wall = (performance.now() - t0) / 1000;
    const r = got as BigResult | null;
    if (!r) {
      failures.push(`${name}: no result (exit ${exit.code ?? exit.signal}${exit.silent ? ', hung' : ''}): ${exit.stderr.slice(-400)}`);
      process.stdout.write(' FAILED\n');
      continue;
    }
    results.push(r);
    const wanted = c.expect === 'refused' ? r.outcome.startsWith('refused') : r.outcome === 'imported';
    if (r.outcome === 'FAIL' || !wanted) failures.push(`${name}: ${r.outcome} (${r.detail ?? r.message}); expected ${c.expect}`);
    const rssBound = c.rssBoundMB ?? 1024;
    if (r.rssMB >= rssBound) failures.push(`${name}: peak RSS ${r.rssMB} MB (bound ${rssBound.toLocaleString('en-GB')} MB)`);
    if (r.ms > c.boundS * 1000) failures.push(`${name}: took ${r.ms} ms (bound ${c.boundS} s)`);
    process.stdout.write(` ${r.outcome} in ${(r.ms / 1000).toFixed(1)} s (process ${wall.toFixed(0)} s incl. writing the file), peak RSS ${r.rssMB} MB: ${r.message.slice(0, 110)}\n`);
  }
  return results;
}

async function main(): Promise<void> {
  const t0 = performance.now();
  process.stdout.write(`fuzz: seed ${SEED}, ${COUNT} inputs, ${WORKERS} workers\n`);
  if (args.only !== undefined) {
    const i = Number(args.only);
    await runRange(i, i + 1);
    process.stdout.write(`${JSON.stringify(outcomes[0])}\n`);
    process.exitCode = failures.length ? 1 : 0;
    return;
  }
  const size = Math.ceil(COUNT / WORKERS);
  await Promise.all(Array.from({ length: WORKERS }, (_, w) => runRange(w * size, Math.min(COUNT, (w + 1) * size))));
  const smallSeconds = (performance.now() - t0) / 1000;
  process.stdout.write(`\r  ${outcomes.length} inputs in ${smallSeconds.toFixed(0)} s\n`);
  const big = args['no-big'] ? [] : await runBig();

  // The table: inputs by kind and outcome.
  const kinds = new Map<string, Record<string, number>>();
  for (const o of outcomes) {
    const k = kinds.get(o.kind) ?? {};
    k[o.outcome] = (k[o.outcome] ?? 0) + 1;
    kinds.set(o.kind, k);
  }
  const total: Record<string, number> = {};
  const cols = ['imported', 'refused-located', 'refused-file', 'FAIL'];
  process.stdout.write(`\n| input kind | inputs | imported | refused: file, row, column | refused: whole file | failed |\n|---|---|---|---|---|---|\n`);
  for (const [kind, k] of [...kinds].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const n = Object.values(k).reduce((s, v) => s + v, 0);
    for (const c of cols) total[c] = (total[c] ?? 0) + (k[c] ?? 0);
    process.stdout.write(`| ${kind} | ${n} | ${cols.map((c) => k[c] ?? 0).join(' | ')} |\n`);
  }
  process.stdout.write(`| **all** | **${outcomes.length}** | ${cols.map((c) => `**${total[c] ?? 0}**`).join(' | ')} |\n`);
  const fileLevel = new Map<string, number>();
  for (const o of outcomes) if (o.outcome === 'refused-file') fileLevel.set(o.detail ?? '', (fileLevel.get(o.detail ?? '') ?? 0) + 1);
  if (fileLevel.size) {
    process.stdout.write(`\nWhole-file refusals (no row or column applies), by reason:\n`);
    for (const [why, n] of [...fileLevel].sort((a, b) => b[1] - a[1])) process.stdout.write(`  ${n} × ${why}…\n`);
  }
  const slowest = [...outcomes].sort((a, b) => b.ms - a.ms).slice(0, 3);
  process.stdout.write(`\nSlowest inputs: ${slowest.map((o) => `#${o.i} ${o.kind} ${o.ms} ms`).join(', ')}\n`);
  const seconds = (performance.now() - t0) / 1000;
  process.stdout.write(`${outcomes.length} generated inputs + ${big.length} huge files in ${seconds.toFixed(0)} s; ${failures.length ? `${failures.length} FAILED` : 'no crash, hang, partial import or unlocated error'}\n`);
  mkdirSync(join(repoRoot, 'test-results'), { recursive: true });
  writeFileSync(
    join(repoRoot, 'test-results', 'fuzz.json'),
    JSON.stringify({ seed: SEED, count: outcomes.length, seconds, byKind: Object.fromEntries(kinds), big, failures }, null, 2),
  );
  for (const f of failures.slice(0, 30)) process.stdout.write(`FAILED ${f}\n`);
  if (failures.length || outcomes.length < COUNT) process.exitCode = 1;
}

void main();
