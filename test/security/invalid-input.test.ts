// Invalid input through every host: the web host's API over HTTP, the CLI, and the
// handler registry itself. Whatever comes in, the answer is a validation error (or a
// refusal naming what is wrong), never a crash, never INTERNAL, never a stack trace.
import fc from 'fast-check';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { createRegistry } from '../../electron/backend/handlers';
import { Session } from '../../electron/backend/session';
import { COMMANDS } from '../../electron/hosts/cli/commands';
import { runCli } from '../../electron/hosts/cli/main';
import { startWebHost, type WebHost } from '../../electron/hosts/web/server';
import { METHOD_NAMES, methods, type MethodName } from '../../shared/contract/methods';
import { runCli as runCliProcess } from '../helpers/cli';
import { realProjectFile } from '../fixtures/projects';
import { useTmpDirs } from '../helpers/tmp';
import { api, json } from './http';

const tmp = useTmpDirs('spendmap-invalid-');

const isValid = (m: MethodName, input: unknown) => (methods[m].input as unknown as z.ZodType).safeParse(input ?? {}).success;
const shapeOf = (m: MethodName): Record<string, z.ZodType> => (methods[m].input as unknown as { shape?: Record<string, z.ZodType> }).shape ?? {};

/** Inputs no method's schema accepts in full, by construction and by shape. */
function invalidInputs(m: MethodName): unknown[] {
  const base: unknown[] = [
    'not an object',
    42,
    -1.5,
    [],
    [{}],
    true,
    { unknownKey: 1 },
    JSON.parse('{"__proto__": {"polluted": true}}'),
    { constructor: { prototype: { polluted: true } } },
    { toString: 'x' },
  ];
  for (const [key, schema] of Object.entries(shapeOf(m))) {
    for (const v of [12345, -1, 1e308, 'text', '', 'x'.repeat(500_000), true, null, [], {}, { nested: { deep: [1, 2, 3] } }, ['a', 'b'], [1e9]])
      if (!schema.safeParse(v).success) base.push({ [key]: v });
  }
  return base.filter((i) => !isValid(m, i));
}

/** Random JSON, deep and wide: most of it is nonsense to every method. */
const junk = fc.jsonValue({ maxDepth: 4 });

describe('the handler registry', () => {
  it('answers VALIDATION for random junk to every method, and never throws or says INTERNAL', async () => {
    const registry = createRegistry();
    const dataDir = tmp();
    const session = new Session({ host: 'test', dataDir });
    const ctx = { session, progress: () => {}, signal: new AbortController().signal };
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...METHOD_NAMES), junk, async (m, input) => {
        if (isValid(m, input)) return; // rarely valid by chance (e.g. {} for app.info)
        const r = await registry.call(m, input, ctx);
        checked++;
        expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      }),
      { numRuns: 1500, seed: 4242 },
    );
    expect(checked).toBeGreaterThan(1000);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('the web host API over HTTP', () => {
  let host: WebHost;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = tmp();
    const renderer = join(tmp(), 'renderer');
    mkdirSync(renderer);
    writeFileSync(join(renderer, 'index.html'), '<!doctype html>');
    host = await startWebHost({ dataDir, rendererDir: renderer });
    // With a project open, so a handler would run if validation let anything through.
    const created = json(await api(host.port, host.token, 'project.create', { path: join(dataDir, 'p.spendmap'), pack: 'wards2024', lad: 'E09000021', year: '2024-25' }));
    expect(created.ok).toBe(true);
  });
  afterAll(() => host?.close());

  it.each(METHOD_NAMES)('%s: every invalid input is a 200 with VALIDATION, never a 500', async (m) => {
    for (const input of invalidInputs(m)) {
      const r = await api(host.port, host.token, m, JSON.stringify(input));
      expect(r.status, `${m}(${JSON.stringify(input).slice(0, 100)})`).toBe(200);
      expect(json(r), `${m}(${JSON.stringify(input).slice(0, 100)})`).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    // Still the same project, still answering.
    expect(json(await api(host.port, host.token, 'project.current', {}))).toMatchObject({ ok: true, data: { fileName: 'p.spendmap' } });
  });

  it('answers bodies that are not JSON, or are JSON of the wrong kind, with 400/404, never 500', async () => {
    for (const body of ['{', 'nul', '[1,2', '{"a":1}{', '\u0000', ' '.repeat(10) + '{}x'])
      expect((await api(host.port, host.token, 'budgets.write', body)).status, body).toBe(400);
    for (const name of ['no.such', '__proto__', 'constructor', 'hasOwnProperty', '%2e%2e', 'app.info%00', 'a'.repeat(3000)]) {
      const r = await api(host.port, host.token, name, {});
      expect([404, 400, 405], `${name}: ${r.status}`).toContain(r.status);
      if (r.status === 404) expect(json(r).error?.code).toBe('UNKNOWN_METHOD');
    }
    expect(json(await api(host.port, host.token, 'project.current', {})).ok).toBe(true);
  });
});

describe('the CLI', () => {
  let dir: string;
  let project: string;
  let junkFile: string;
  const saved = process.env.SPENDMAP_DATA;

  beforeAll(() => {
    dir = tmp();
    process.env.SPENDMAP_DATA = join(dir, 'data');
    project = realProjectFile(dir, 'p.spendmap');
    junkFile = join(dir, 'junk.spendmap');
    writeFileSync(junkFile, Buffer.from([0, 1, 2, 3, 255, 254]));
  });
  afterAll(() => {
    process.env.SPENDMAP_DATA = saved;
  });

  async function cli(args: string[]) {
    let out = '';
    let err = '';
    const code = await runCli(args, { out: (s) => (out += s), err: (s) => (err += s) });
    return { code, out, err };
  }

  /** Wrong usage (2) or refused input (1), a message, no stack trace; never 3 (unexpected problem). */
  function expectRefusal(r: { code: number; err: string }, args: string[]): void {
    const what = `spendmap ${args.join(' ').slice(0, 120)} → ${r.code}: ${r.err.slice(0, 300)}`;
    expect([1, 2], what).toContain(r.code);
    expect(r.err.trim().length, what).toBeGreaterThan(0);
    expect(r.err, what).not.toMatch(/^\s+at .+(:\d+:\d+\)?|\(native\))$/m);
    expect(r.err, what).not.toMatch(/\b(TypeError|ReferenceError|RangeError|SqliteError)\b|unexpected problem/);
  }

  it('refuses every command given nothing, an unknown option, or a project that is not one', async () => {
    expect(COMMANDS.length).toBeGreaterThanOrEqual(10);
    for (const c of COMMANDS) {
      const takesProject = /<project/.test(c.usage);
      const bad: string[][] = [['--definitely-not-an-option'], ['--definitely-not-an-option=1', 'x']];
      if (c.usage.includes('<')) bad.push([]);
      if (takesProject) {
        const rest = c.usage
          .split(' ')
          .slice(2)
          .filter((t) => /^<.*>$/.test(t))
          .map(() => junkFile);
        for (const p of [join(dir, 'missing.spendmap'), dir, junkFile, '', 'x'.repeat(5000), '\u0000'])
          bad.push([p, ...rest, ...requiredOptions(c.usage)]);
      }
      for (const args of bad) expectRefusal(await cli([c.name, ...args]), [c.name, ...args]);
    }
  });

  it('refuses bad values of options, naming them', async () => {
    const cases: string[][] = [
      ['new', join(dir, 'n.spendmap'), '--la', 'E09999999', '--pack', 'wards2024', '--year', '2024-25'],
      ['new', join(dir, 'n.spendmap'), '--la', 'E09000021', '--pack', 'wards1999', '--year', '2024-25'],
      ['new', join(dir, 'n.spendmap'), '--la', 'E09000021', '--pack', 'wards2024', '--year', '2024-26'],
      ['new', join(dir, 'no', 'such', 'folder', 'n.spendmap'), '--la', 'E09000021', '--pack', 'wards2024', '--year', '2024-25'],
      ['new', project, '--la', 'E09000021', '--pack', 'wards2024', '--year', '2024-25'],
      ['new', join(dir, 'n.spendmap'), '--la', 'x'.repeat(100), '--pack', 'wards2024', '--year', '2024-25'],
      ['authorities', '--pack', ''],
      ['authorities', '--pack', '../../../etc/passwd'],
      ['import-budgets', project, join(dir, 'none.csv')],
      ['import-budgets', project, junkFile, '--units', 'furlongs'],
      ['import-budgets', project, dir],
      ['import-proxy', project, junkFile, '--name', 'Not A Name'],
      ['import-proxy', project, junkFile, '--name', 'population'],
      ['import-proxy', project, junkFile, '--name', ''],
      ['import-direct', project, junkFile],
      ['neighbourhood', project, '--name', 'N', '--wards', 'E05999999'],
      ['neighbourhood', project, '--name', 'x'.repeat(500), '--wards', 'E05013941'],
      ['neighbourhood', project, '--name', 'N', '--wards', ','],
      ['summary', project, '--neighbourhood', 'Nowhere', '--json'],
      ['summary', project, '--neighbourhood', 'Nowhere'],
      ['allocate', project, '--out', join(dir, 'no', 'such', 'folder', 'split.csv')],
      ['allocate', project, '--out', dir],
      ['proxies', project, '--out', join(dir, 'no', 'such', 'folder', 'proxies.csv')],
      ['proxies', project, '--out', dir],
      ['export', project, '--out', junkFile],
      ['export', project, '--out', join(dir, 'no', 'such', 'folder')],
    ];
    for (const args of cases) {
      if (!COMMANDS.some((c) => c.name === args[0])) continue;
      expectRefusal(await cli(args), args);
    }
  });

  it('as a real process: exit status and stderr as docs/cli.md says', async () => {
    const env = { SPENDMAP_DATA: join(dir, 'data') };
    const [usage, refused, unknown] = await Promise.all([
      runCliProcess(['import-budgets', project], { env }),
      runCliProcess(['import-budgets', project, junkFile], { env }),
      runCliProcess(['no-such-command'], { env }),
    ]);
    expect(usage.code).toBe(2);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^junk\.spendmap/m);
    expect(unknown.code).toBe(2);
    for (const r of [usage, refused, unknown]) expect(r.stderr).not.toMatch(/^\s+at /m);
  });
});

/** The required options of a usage line, each with a plausible value. */
function requiredOptions(usage: string): string[] {
  const out: string[] = [];
  const withoutOptional = usage.replace(/\[[^\]]*\]/g, '').replace(/\(([^|)]*)\|[^)]*\)/g, '$1');
  for (const m of withoutOptional.matchAll(/--([a-z-]+)(?: <[^>]+>)?/g)) {
    out.push(`--${m[1]}`);
    if (m[0].includes('<')) out.push(m[1] === 'wards' ? 'E05013941' : m[1] === 'out' ? '/tmp' : 'x');
  }
  return out;
}
