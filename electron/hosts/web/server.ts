// The web host: the built renderer and `POST /api/<method>` on 127.0.0.1 only.
// Every API call needs this run's token; Host and Origin are checked so that a web
// page elsewhere (or a DNS-rebinding trick) cannot reach the backend.
import { randomBytes } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { fail } from '../../../shared/contract/result';
import { Dispatcher } from '../../backend/dispatch';
import { printUrlToPdf } from '../../backend/print/chromium';
import { Session } from '../../backend/session';
import { clientOf, MAX_BODY, readBody, sameToken, sendResult, TooLarge } from './request';
import { send, serveStatic } from './static';

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
  /** Calls from the host itself (e.g. opening the demo at start) go through the same queue. */
  dispatcher: Dispatcher;
  close(): Promise<void>;
}

export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const token = opts.token ?? randomBytes(24).toString('hex');
  const session = opts.session ?? new Session({ host: 'web', dataDir: opts.dataDir });
  const rendererDir = resolve(opts.rendererDir);
  const listeners = new Set<ServerResponse>();
  // One session for every tab: each event goes to every open event stream.
  const dispatcher = new Dispatcher(({ name, payload }) => {
    const line = `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const l of listeners) l.write(line);
  });

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
        // Header only: a token in a URL ends up in logs, history and Referer headers.
        const auth = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
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
          if (e instanceof TooLarge)
            return sendResult(res, 413, fail('VALIDATION', `The request is larger than ${MAX_BODY / 1024 / 1024} MB: send a smaller file.`));
          return sendResult(res, 400, fail('VALIDATION', 'The request body is not valid JSON.'));
        }
        const client = clientOf(req);
        const r = await dispatcher.call(name, input, { session, ...(client ? { origin: client } : {}) });
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
    dispatcher,
    close: () =>
      new Promise<void>((ok) => {
        for (const l of listeners) l.end();
        if (!opts.session) session.close();
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}
