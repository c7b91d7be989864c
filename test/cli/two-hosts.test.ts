// Two hosts, one project (issues 11 and 13): a web host has the project open, its
// caches warm, while the real CLI, in another process, writes to the same file. The
// next call of the web host must show the change: the engine's split, the summary,
// the grid page, the ward list and the proxy table (which failed with INTERNAL after a
// CLI import-proxy while the host's proxy list was cached).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_FILE } from '../../electron/backend/project/demo';
import { lockPathFor } from '../../electron/backend/store/lock';
import { startWebHost, type WebHost } from '../../electron/hosts/web/server';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/contract/methods';
import { budgetCsv, budgetRow } from '../helpers/budget';
import { runCli } from '../helpers/cli';
import { repoRoot } from '../helpers/paths';
import { useTmpDirs } from '../helpers/tmp';
import { api, json } from '../security/http';

const tmp = useTmpDirs('spendmap-two-hosts-');
let host: WebHost;
let dir: string;
let project: string;
const NORBITON = 'E05013941';

async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const r = json(await api(host.port, host.token, method, input));
  if (!r.ok) throw new Error(`${method}: ${r.error?.code}: ${r.error?.message}`);
  return r.data as MethodOutput<M>;
}

async function cli(...args: string[]) {
  const r = await runCli(args, { env: { SPENDMAP_DATA: join(dir, 'cli-data') }, timeoutMs: 120_000 });
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
}

/** Everything the web host shows from its caches, read now. */
async function shown() {
  return {
    allocate: await call('mapping.allocate', {}),
    summary: (await call('summary.neighbourhood', { name: 'Norbiton' })).summary,
    page: await call('mapping.page', { offset: 0, limit: 100, neighbourhood: 'Norbiton' }),
    wards: await call('wards.list', {}),
    proxies: await call('proxies.table', {}),
  };
}

beforeAll(async () => {
  dir = tmp();
  const renderer = join(dir, 'renderer');
  mkdirSync(renderer);
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Spendmap</title>');
  project = join(dir, 'Kingston.spendmap');
  await cli('new', project, '--la', 'E09000021', '--pack', 'wards2024', '--year', '2024-25');
  host = await startWebHost({ dataDir: join(dir, 'web-data'), rendererDir: renderer });
  await call('project.open', { path: project });
  await call('neighbourhoods.save', { name: 'Norbiton', wards: [NORBITON] });
  await call('budgets.write', {
    writes: [
      { values: { ref: 'D1', partner: 'Police', partnerType: 'police', amount: '1000', basis: 'direct' } },
      { values: { ref: 'P1', partner: 'Police', amount: '2000', basis: 'population' } },
    ],
  });
}, 180_000);

afterAll(async () => {
  await host?.close();
});

describe('a web host sees the CLI’s writes to its open project at once', () => {
  it('ward figures imported by the CLI: the split, the summary and the grid row of the line change', async () => {
    const before = await shown();
    expect(before.allocate.unallocated.map((u) => u.ref)).toEqual(['D1']);
    writeFileSync(join(dir, 'direct.csv'), `ref,ward_code,amount_gbp\nD1,${NORBITON},600\nD1,E05013938,400\n`);
    await cli('import-direct', project, join(dir, 'direct.csv'));
    const after = await shown();
    const d1 = after.allocate.lines.find((l) => l.ref === 'D1');
    expect(d1?.amounts[after.allocate.wards.indexOf(NORBITON)]).toBe(60_000);
    expect(after.allocate.unallocated).toEqual([]);
    expect(after.summary.total_pence - before.summary.total_pence).toBe(60_000);
    const row = after.page.rows.find((r) => r.line.ref === 'D1')!;
    expect(row.allocated).toBe(true);
    expect(row.neighbourhoodPence).toBe(60_000);
    expect(after.page.totals.allocatedPence).toBe(300_000);
  }, 120_000);

  it('lines imported by the CLI: the grid count, the split and the summary include them', async () => {
    const before = await shown();
    writeFileSync(join(dir, 'more.csv'), budgetCsv([budgetRow({ ref: 'E1', amount_gbp: '500', basis: 'even' })]));
    await cli('import-budgets', project, join(dir, 'more.csv'));
    const after = await shown();
    expect(after.page.count).toBe(before.page.count + 1);
    expect(after.allocate.lines.map((l) => l.ref)).toContain('E1');
    expect(after.summary.total_pence).toBeGreaterThan(before.summary.total_pence);
    expect(after.page.totals.totalPence - before.page.totals.totalPence).toBe(50_000);
  }, 120_000);

  it('a proxy imported by the CLI: wards.list and proxies.table answer with it, and a line can use it', async () => {
    const wards = (await call('wards.list', {})).map((w) => w.code);
    writeFileSync(join(dir, 'footfall.csv'), `ward_code,value\n${wards.map((w, i) => `${w},${w === NORBITON ? 100 : i + 1}`).join('\n')}\n`);
    await cli('import-proxy', project, join(dir, 'footfall.csv'), '--name', 'footfall');
    const after = await shown();
    expect(after.wards.map((w) => w.code)).toEqual(wards);
    const footfall = after.proxies.proxies.findIndex((p) => p.name === 'footfall');
    expect(footfall).toBeGreaterThanOrEqual(0);
    expect(after.proxies.wards.find((w) => w.code === NORBITON)!.values[footfall]).toBe(100);
    const p1 = after.page.rows.find((r) => r.line.ref === 'P1')!;
    await call('budgets.write', { writes: [{ id: p1.line.id, values: { basis: 'footfall' } }] });
    const split = (await call('mapping.allocate', {})).lines.find((l) => l.ref === 'P1')!;
    const total = wards.reduce((s, _w, i) => s + (wards[i] === NORBITON ? 100 : i + 1), 0);
    expect(split.amounts.reduce((a, b) => a + b, 0)).toBe(200_000);
    expect(Math.abs(split.amounts[wards.indexOf(NORBITON)]! - Math.round((200_000 * 100) / total))).toBeLessThanOrEqual(1);
  }, 120_000);
});

describe('npm start’s web fallback (hosts/web/main.ts --demo)', () => {
  /** Starts `main.ts --demo` and resolves with its first line on stdout, or its exit and stderr. */
  function webMain(data: string, renderer: string) {
    const child = spawn(join(repoRoot, 'node_modules/.bin/tsx'), ['electron/hosts/web/main.ts', '--demo', '--data', data, '--renderer', renderer], { cwd: repoRoot });
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    const first = new Promise<{ out: string | null; code: number | null; err: string }>((resolve) => {
      child.stdout.setEncoding('utf8').on('data', (d: string) => resolve({ out: d, code: null, err }));
      child.on('exit', (code) => resolve({ out: null, code, err }));
    });
    return { child, first };
  }

  it('opens the demo through the dispatcher, holding its window lock: a second one is refused', async () => {
    const data = join(dir, 'demo-data');
    const first = webMain(data, join(dir, 'renderer'));
    try {
      expect((await first.first).out).toContain('Spendmap is running at');
      const demo = join(data, 'projects', DEMO_FILE);
      expect(existsSync(lockPathFor(demo))).toBe(true);
      const second = webMain(data, join(dir, 'renderer'));
      const r = await second.first;
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/The demo could not be opened: .*open/i);
    } finally {
      first.child.kill('SIGTERM');
      await new Promise((r) => first.child.once('exit', r));
    }
    expect(existsSync(lockPathFor(join(data, 'projects', DEMO_FILE)))).toBe(false);
  }, 120_000);
});
