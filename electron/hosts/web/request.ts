// Reading and answering one web-host API request: body size, token, the calling tab.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Result } from '../../../shared/contract/result';
import { send } from './static';

/** Largest API request: a 200 MB budget file as base64 plus room. */
export const MAX_BODY = 300 * 1024 * 1024;

export function sendResult(res: ServerResponse, status: number, result: Result<unknown>): void {
  send(res, status, JSON.stringify(result), 'application/json; charset=utf-8');
}

export function sameToken(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export class TooLarge extends Error {}

/**
 * The body, or TooLarge once it passes MAX_BODY: the rest is read and dropped (not
 * reset), so the client gets its 413 answer instead of a broken connection.
 */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
      else chunks.length = 0;
    });
    req.on('end', () => (size > MAX_BODY ? reject(new TooLarge()) : resolveBody(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}

/** A tab's own name for itself, sent with its calls and echoed in change events. */
export function clientOf(req: IncomingMessage): string | undefined {
  const id = req.headers['x-spendmap-client'];
  return typeof id === 'string' && /^[A-Za-z0-9-]{1,64}$/.test(id) ? `tab:${id}` : undefined;
}
