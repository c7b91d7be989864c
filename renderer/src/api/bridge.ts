// How the renderer reaches the backend. Under Electron the preload provides
// window.spendmap; in a browser (the web host) we POST to /api with the run's token.
// Screens never know which one they are talking to.
import type { Result } from '../../../shared/contract/result';

export interface Bridge {
  host: 'electron' | 'web';
  invoke(method: string, input: unknown): Promise<Result<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    spendmap?: Bridge;
  }
}

const TOKEN_KEY = 'spendmap.token';

/** The web host puts the token in the URL once; we keep it for this tab and hide it. */
function webToken(): string | null {
  const hash = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  const fromUrl = hash.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    hash.delete('token');
    const rest = hash.toString();
    history.replaceState(null, '', window.location.pathname + (rest ? `#${rest}` : ''));
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

function webBridge(): Bridge {
  const token = webToken();
  let source: EventSource | null = null;
  return {
    host: 'web',
    async invoke(method, input) {
      if (!token) return { ok: false, error: { code: 'VALIDATION', message: 'This page was opened without its access token. Open the link printed by Spendmap (npm start).' } };
      let res: Response;
      try {
        res = await fetch(`/api/${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: JSON.stringify(input ?? {}),
        });
      } catch {
        return { ok: false, error: { code: 'INTERNAL', message: 'Spendmap is not running any more. Start it again with npm start.' } };
      }
      if (res.status === 401 || res.status === 403)
        return { ok: false, error: { code: 'VALIDATION', message: 'Spendmap refused this page: open the link printed by the current run (the token changes every run).' } };
      return (await res.json()) as Result<unknown>;
    },
    on(event, listener) {
      source ??= token ? new EventSource(`/api/events?token=${encodeURIComponent(token)}`) : null;
      const handler = (e: MessageEvent) => listener(JSON.parse(e.data as string));
      source?.addEventListener(event, handler as EventListener);
      return () => source?.removeEventListener(event, handler as EventListener);
    },
  };
}

export const bridge: Bridge = window.spendmap ?? webBridge();
