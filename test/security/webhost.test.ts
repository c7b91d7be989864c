// The local web host (electron/hosts/web/server.ts) as an attacker meets it: only on
// 127.0.0.1; every API call needs this run's token; a foreign Origin or Host (a web
// page elsewhere, DNS rebinding) is refused; nothing outside the built renderer is
// served. Each refusal changes nothing: the open project and the data folder are as
// they were.
import { request } from 'node:http';
import { connect } from 'node:net';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost } from '../../electron/hosts/web/server';
import { dumpHash, withDb } from '../helpers/db';
import { useTmpDirs } from '../helpers/tmp';
import { api, http, json, rawHttp } from './http';

const tmp = useTmpDirs('spendmap-webhost-');
let host: WebHost;
let root: string;
let dataDir: string;
let projectPath: string;
let port: number;

/** Everything an attacker could hope to change, seen from outside. */
function state() {
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)).map((f) => `${e.name}/${f}`) : [e.name]));
  return { data: files(dataDir).sort(), project: withDb(projectPath, dumpHash), open: host.session.project?.path ?? null };
}

beforeAll(async () => {
  root = tmp();
  const renderer = join(root, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Spendmap</title><script src="/assets/app.js"></script>');
  writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log("app")');
  writeFileSync(join(root, 'secret.txt'), 'the renderer must never serve this');
  dataDir = join(root, 'data');
  mkdirSync(dataDir);
  host = await startWebHost({ dataDir, rendererDir: renderer });
  port = host.port;
  projectPath = join(dataDir, 'Kingston.spendmap');
  const created = json(await api(port, host.token, 'project.create', { path: projectPath, pack: 'wards2024', lad: 'E09000021', year: '2024-25' }));
  expect(created.ok).toBe(true);
  const wrote = json(await api(port, host.token, 'budgets.write', { writes: [{ values: { partner: 'NHS', partnerType: 'health', amount: '100', basis: 'even' } }] }));
  expect(wrote.ok).toBe(true);
});

afterAll(async () => {
  await host?.close();
});

/** Runs the requests, each of which must get `status`, and proves nothing changed. */
async function refusedAll(status: number[], requests: (() => Promise<{ status: number; body: string }>)[]): Promise<void> {
  const before = state();
  for (const send of requests) {
    const r = await send();
    expect(status, `${r.status}: ${r.body.slice(0, 200)}`).toContain(r.status);
  }
  expect(state()).toEqual(before);
}

/** Calls that would change things if they got through. */
const changes = (headers: Record<string, string>, token: string | null = null) => [
  () => api(port, token, 'budgets.write', { writes: [{ values: { partner: 'Evil', partnerType: 'other', amount: '1', basis: 'even' } }] }, headers),
  () => api(port, token, 'project.create', { path: join(dataDir, 'evil.spendmap'), pack: 'wards2024', lad: 'E09000021', year: '2024-25' }, headers),
  () => api(port, token, 'project.close', {}, headers),
  () => api(port, token, 'budgets.delete', { ids: [1] }, headers),
];

describe('the web host is bound to 127.0.0.1 only', () => {
  it('listens on the IPv4 loopback address and nowhere else', async () => {
    expect(host.server.address()).toMatchObject({ address: '127.0.0.1', port });
    const reach = (address: string) =>
      new Promise<boolean>((resolve) => {
        const s = connect({ host: address, port, timeout: 3000 });
        s.once('connect', () => {
          s.destroy();
          resolve(true);
        });
        s.once('error', () => resolve(false));
        s.once('timeout', () => {
          s.destroy();
          resolve(false);
        });
      });
    expect(await reach('127.0.0.1')).toBe(true);
    expect(await reach('::1')).toBe(false);
    // Any address of this machine that is not loopback (a LAN or container address).
    const external = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a && !a.internal)
      .map((a) => a!.address);
    for (const a of external) expect(await reach(a), a).toBe(false);
  });
});

describe('API calls without the right token get 401 and change nothing', () => {
  it('no token', () => refusedAll([401], changes({})));
  it('a wrong token of the same length', () => refusedAll([401], changes({}, host.token.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a')))));
  it('a wrong token of another length, an empty one, and one in the wrong header', () =>
    refusedAll(
      [401],
      [
        ...changes({}, host.token + '0'),
        ...changes({}, ''),
        () => api(port, null, 'project.close', {}, { 'X-Token': host.token }),
        () => api(port, null, 'project.close', {}, { Cookie: `token=${host.token}` }),
        () => http(port, { path: '/api/events' }),
        () => http(port, { method: 'POST', path: `/api/project.close?token=${host.token}x`, headers: { 'Content-Type': 'application/json' }, body: '{}' }),
        // The right token, but in the URL (where logs, history and Referer headers keep it).
        () => http(port, { method: 'POST', path: `/api/project.close?token=${host.token}`, headers: { 'Content-Type': 'application/json' }, body: '{}' }),
        () => http(port, { path: `/api/events?token=${host.token}` }),
      ],
    ));

  it('the right token works in the Authorization header', async () => {
    expect(json(await api(port, host.token, 'project.current', {})).ok).toBe(true);
  });
});

describe('a body over the 300 MB limit', () => {
  it('gets 413 with a JSON result (not a reset connection) and changes nothing', async () => {
    const before = state();
    const reply = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, method: 'POST', path: '/api/budgets.write', headers: { Host: `127.0.0.1:${port}`, Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' } },
        (res) => {
          let body = '';
          res.setEncoding('utf8').on('data', (d: string) => (body += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < 310) {
          sent++;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });
    expect(reply.status).toBe(413);
    expect(json(reply as never)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(state()).toEqual(before);
  }, 60_000);
});

describe('the event stream', () => {
  it('carries project.changed after a command (naming its tab), never after a query or a refusal', async () => {
    const events: string[] = [];
    const stream = request({ host: '127.0.0.1', port, path: '/api/events', headers: { Host: `127.0.0.1:${port}`, Authorization: `Bearer ${host.token}` } });
    const connected = new Promise<void>((resolve) =>
      stream.on('response', (res) => {
        res.setEncoding('utf8').on('data', (d: string) => events.push(d));
        resolve();
      }),
    );
    stream.end();
    await connected;
    await api(port, host.token, 'budgets.page', { offset: 0, limit: 10 });
    await api(port, host.token, 'budgets.write', { writes: [{ id: 999_999, values: { amount: '1' } }] });
    const added = json(await api(port, host.token, 'neighbourhoods.save', { name: 'Events', wards: ['E05013941'] }, { 'X-Spendmap-Client': 'tab-1' }));
    expect(added.ok).toBe(true);
    await expect.poll(() => events.join('')).toContain('project.changed');
    stream.destroy();
    const changed = events.join('').split('\n\n').filter((b) => b.includes('event: project.changed'));
    expect(changed).toEqual(['event: project.changed\ndata: {"method":"neighbourhoods.save","origin":"tab:tab-1"}']);
    expect(json(await api(port, host.token, 'neighbourhoods.delete', { name: 'Events' })).ok).toBe(true);
  });
});

describe('a foreign Origin or Host gets 403 and changes nothing', () => {
  it('a page on another site calling the API, even with the token', () =>
    refusedAll(
      [403],
      ['http://evil.example', 'null', `http://127.0.0.1:${port + 1}`, `https://127.0.0.1:${port}`, 'http://localhost.evil.example', `http://127.0.0.1:${port}.evil.example`].flatMap((origin) =>
        changes({ Origin: origin }, host.token),
      ),
    ));

  it('DNS rebinding: a Host that is not this server, for the API and for pages', () =>
    refusedAll(
      [403],
      ['evil.example', `evil.example:${port}`, `127.0.0.1:${port + 1}`, `127.0.0.1.evil.example:${port}`, '127.0.0.1', `0.0.0.0:${port}`, `[::1]:${port}`, `localhost`].flatMap((h) => [
        ...changes({ Host: h }, host.token),
        () => http(port, { path: '/index.html', headers: { Host: h } }),
        () => http(port, { path: '/', headers: { Host: h } }),
      ]),
    ));

  it('no Host header at all (HTTP/1.0 and 1.1)', () =>
    refusedAll(
      [400, 403],
      ['1.0', '1.1'].flatMap((v) => [
        () => rawHttp(port, `POST /api/project.close HTTP/${v}\r\nAuthorization: Bearer ${host.token}\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`),
        () => rawHttp(port, `GET /index.html HTTP/${v}\r\nConnection: close\r\n\r\n`),
      ]),
    ));

  it('its own Origin and Host are allowed', async () => {
    for (const origin of [`http://127.0.0.1:${port}`, `http://localhost:${port}`])
      expect((await api(port, host.token, 'project.current', {}, { Origin: origin })).status).toBe(200);
    expect((await http(port, { path: '/', headers: { Host: `localhost:${port}` } })).status).toBe(200);
  });
});

describe('only the built renderer is served', () => {
  it('serves the app with its CSP', async () => {
    const r = await http(port, { path: '/' });
    expect(r.status).toBe(200);
    expect(r.body).toContain('<title>Spendmap</title>');
    expect(String(r.headers['content-security-policy'])).toMatch(/default-src 'none'/);
    expect(r.headers['x-frame-options']).toBe('DENY');
    expect((await http(port, { path: '/assets/app.js' })).status).toBe(200);
  });

  it('gives 404 (or 400) for paths outside it, however they are spelled', () =>
    refusedAll(
      [400, 404],
      [
        '/../secret.txt',
        '/%2e%2e/secret.txt',
        '/..%2fsecret.txt',
        '/%2e%2e%2fsecret.txt',
        '/assets/../../secret.txt',
        '/assets/%2e%2e/%2e%2e/secret.txt',
        '/..%5csecret.txt',
        '//etc/passwd',
        '/%2fetc%2fpasswd',
        '/index.html%00.js',
        '/%',
        '/assets',
        '/no-such-file.js',
        `/${'a'.repeat(5000)}`,
      ].map((path) => () => http(port, { path })),
    ));

  it('refuses other methods on pages and GET on the API', () =>
    refusedAll(
      [401, 405],
      [
        () => http(port, { method: 'PUT', path: '/index.html', body: 'x' }),
        () => http(port, { method: 'DELETE', path: '/index.html' }),
        () => http(port, { method: 'GET', path: '/api/project.close', headers: { Authorization: `Bearer ${host.token}` } }),
      ],
    ));

  it('refuses a body that is not JSON, without crashing', async () => {
    const before = state();
    const notJson = await http(port, { method: 'POST', path: '/api/project.close', headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'text/plain' }, body: '{}' });
    expect(notJson.status).toBe(415);
    const broken = await api(port, host.token, 'budgets.write', '{"writes": [');
    expect(broken.status).toBe(400);
    expect(json(broken).error?.code).toBe('VALIDATION');
    expect(state()).toEqual(before);
    expect(json(await api(port, host.token, 'project.current', {})).ok).toBe(true);
  });
});
