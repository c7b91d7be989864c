// The web host: the built renderer and `POST /api/<method>` on 127.0.0.1 only.
// Every API call needs this run's token; Host and Origin are checked so that a web
// page elsewhere (or a DNS-rebinding trick) cannot reach the backend.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { methods, UNQUEUED_METHODS, type ProgressEvent } from '../../../shared/contract/methods';
import { fail, type Result } from '../../../shared/contract/result';
import { createRegistry } from '../../backend/handlers';
import { printUrlToPdf } from '../../backend/print/chromium';
import { Session } from '../../backend/session';
import { CONTENT_SECURITY_POLICY } from '../../../shared/contract/csp';

export interface WebHostOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  dataDir: string;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  token?: string;
  /** Serve this session (the CLI prints its open project through the web host). */
  session?: Session;
}

export interface WebHost {
  url: string;
  /** The URL to open: carries the token once, the app then keeps it in memory. */
  appUrl: string;
  token: string;
  port: number;
  server: Server;
  session: Session;
  close(): Promise<void>;
}

/** Largest API request: a 200 MB budget file as base64 plus room. */
const MAX_BODY = 300 * 1024 * 1024;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.map': 'application/json',
};

function send(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  });
  res.end(body);
}

function sendResult(res: ServerResponse, status: number, result: Result<unknown>): void {
  send(res, status, JSON.stringify(result), 'application/json; charset=utf-8');
}

function sameToken(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const token = opts.token ?? randomBytes(24).toString('hex');
  const registry = createRegistry();
  const session = opts.session ?? new Session({ host: 'web', dataDir: opts.dataDir });
  const rendererDir = resolve(opts.rendererDir);
  const listeners = new Set<ServerResponse>();
  let current: AbortController | null = null;
  // One call at a time: the project file has one writer, and edits keep their order.
  let queue: Promise<unknown> = Promise.resolve();

  const broadcast = (event: string, payload: unknown) => {
    const line = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const l of listeners) l.write(line);
  };

  let port = 0;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  const server = createServer(async (req, res) => {
    try {
      if (!allowedHosts().has(req.headers.host ?? '')) return send(res, 403, 'Forbidden: unexpected Host header.');
      const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
      if (url.pathname.startsWith('/api/')) {
        const origin = req.headers.origin;
        if (origin !== undefined && !allowedOrigins().has(origin)) return send(res, 403, 'Forbidden: cross-origin request.');
        const auth = req.headers.authorization?.replace(/^Bearer\s+/i, '') ?? url.searchParams.get('token') ?? undefined;
        if (!sameToken(auth, token)) return send(res, 401, 'Unauthorised: this Spendmap web host needs its per-run token.');
        const name = url.pathname.slice('/api/'.length);
        if (name === 'events' && req.method === 'GET') {
          res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
          res.write(': connected\n\n');
          listeners.add(res);
          req.on('close', () => listeners.delete(res));
          return;
        }
        if (req.method !== 'POST') return send(res, 405, 'Use POST for API calls.');
        if (!/^application\/json\b/i.test(req.headers['content-type'] ?? ''))
          return sendResult(res, 415, fail('VALIDATION', 'API calls must send Content-Type: application/json.'));
        let input: unknown;
        try {
          const body = await readBody(req);
          input = body.trim() === '' ? {} : JSON.parse(body);
        } catch (e) {
          return sendResult(res, (e as Error).message === 'too large' ? 413 : 400, fail('VALIDATION', 'The request body is not valid JSON (or is too large).'));
        }
        if (name === 'app.cancel') {
          // Answered at once, not queued behind the work it cancels; its input is checked like any other.
          if (!methods['app.cancel'].input.safeParse(input ?? {}).success)
            return sendResult(res, 200, fail('VALIDATION', 'Invalid input for app.cancel: it takes no arguments ({}).'));
          const running = current !== null;
          current?.abort();
          return sendResult(res, 200, { ok: true, data: { cancelled: running } });
        }
        const unqueued = UNQUEUED_METHODS.includes(name);
        const run = async () => {
          const controller = new AbortController();
          // Only queued work is what "cancel" stops.
          if (!unqueued) current = controller;
          try {
            return await registry.call(name, input, {
              session,
              signal: controller.signal,
              progress: (p) => broadcast('progress', { task: name, ...p } satisfies ProgressEvent),
            });
          } finally {
            if (current === controller) current = null;
          }
        };
        const r = unqueued ? await run() : await ((queue = queue.then(run, run)) as Promise<Result<unknown>>);
        if (r.ok && /^(project|budgets|imports|proxies|neighbourhoods|mapping|direct|history|workshop|packs)\./.test(name) && !/\.(page|current|recent|inspect|table|view|plan|review|state|pdf|rows|allocate)$/.test(name))
          broadcast('project.changed', { method: name });
        return sendResult(res, r.ok || r.error.code !== 'UNKNOWN_METHOD' ? 200 : 404, r);
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed.');
      return serveStatic(rendererDir, url.pathname, res);
    } catch (e) {
      if (!res.headersSent) send(res, 500, `Internal error: ${(e as Error).message}`);
    }
  });

  await new Promise<void>((ok, bad) => {
    server.once('error', bad);
    server.listen(opts.port ?? 0, '127.0.0.1', () => ok());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/`;
  // PDFs: Chromium prints the app's print view, served by this host to this session.
  session.options.printPdf ??= (hash) => printUrlToPdf(`${url}#token=${token}&${hash}`);
  return {
    url,
    appUrl: `${url}#token=${token}`,
    token,
    port,
    server,
    session,
    close: () =>
      new Promise<void>((ok) => {
        for (const l of listeners) l.end();
        if (!opts.session) session.close();
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}

function serveStatic(root: string, pathname: string, res: ServerResponse): void {
  let rel: string;
  try {
    rel = decodeURIComponent(pathname);
  } catch {
    return send(res, 400, 'Bad path.');
  }
  if (rel.includes('\0')) return send(res, 400, 'Bad path.');
  if (rel === '/' || rel === '') rel = '/index.html';
  const file = normalize(join(root, rel));
  if (file !== root && !file.startsWith(root + sep)) return send(res, 404, 'Not found.');
  if (!existsSync(file) || !statSync(file).isFile()) return send(res, 404, 'Not found.');
  const headers: Record<string, string> = {
    'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
  };
  if (file.endsWith('.html')) {
    headers['Content-Security-Policy'] = CONTENT_SECURITY_POLICY;
    headers['X-Frame-Options'] = 'DENY';
  }
  res.writeHead(200, headers);
  createReadStream(file).pipe(res);
}

