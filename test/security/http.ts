// Raw HTTP for the security tests: node:http lets a test send any Host, Origin and
// path exactly as an attacker's browser or tool would (fetch() normalises them).
import { request } from 'node:http';
import { connect } from 'node:net';

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export function http(
  port: number,
  opts: { method?: string; path: string; headers?: Record<string, string>; body?: string; host?: string },
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: opts.host ?? '127.0.0.1',
        port,
        method: opts.method ?? 'GET',
        path: opts.path,
        headers: { Host: `127.0.0.1:${port}`, ...opts.headers },
        timeout: 30_000,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error('timeout')));
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

/** POST /api/<method> with the token and JSON, as the app does. */
export function api(port: number, token: string | null, method: string, input: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  return http(port, {
    method: 'POST',
    path: `/api/${method}`,
    headers: { 'Content-Type': 'application/json', ...(token === null ? {} : { Authorization: `Bearer ${token}` }), ...headers },
    body: typeof input === 'string' ? input : JSON.stringify(input),
  });
}

export function json(reply: Reply): { ok: boolean; data?: unknown; error?: { code: string; message: string; details?: Record<string, unknown> } } {
  try {
    return JSON.parse(reply.body);
  } catch {
    throw new Error(`not JSON (${reply.status}): ${reply.body.slice(0, 300)}`);
  }
}

/** A request written by hand on a socket: for what no HTTP client sends, such as no Host header at all. */
export function rawHttp(port: number, text: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const s = connect({ host: '127.0.0.1', port });
    let data = '';
    s.setEncoding('utf8');
    s.on('data', (d: string) => (data += d));
    s.on('error', reject);
    s.on('end', () => {
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(data)?.[1] ?? 0);
      resolve({ status, headers: {}, body: data.slice(data.indexOf('\r\n\r\n') + 4) });
    });
    s.write(text);
  });
}
