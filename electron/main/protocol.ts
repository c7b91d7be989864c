// The app:// scheme: the renderer's files, served with the content security policy.
import { net, protocol } from 'electron';
import { existsSync } from 'node:fs';
import { join, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CONTENT_SECURITY_POLICY } from '../../shared/contract/csp';
import { APP_SCHEME } from './window-options';

const rendererDir = resolve(__dirname, '../renderer');

/**
 * Must run before the app is ready. codeCache: V8 keeps the renderer's compiled scripts
 * (about 1.1 MB at start: React, AG Grid), so later starts skip most of compiling them;
 * on two cores that compiling is most of the wait before the app's first script runs.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

export function serveRenderer(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      return new Response('Bad path', { status: 400 });
    }
    const file = normalize(join(rendererDir, path));
    if (url.host !== 'spendmap' || path.includes('\0') || !file.startsWith(rendererDir + sep) || !existsSync(file))
      return new Response('Not found', { status: 404 });
    const res = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(res.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(res.body, { status: res.status, headers });
  });
}
