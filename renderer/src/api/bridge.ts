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

/**
 * The web host puts the token in the URL once; we keep it for this tab and hide it. Both
 * in a microtask: still in the task that loaded the page, but after the window's first
 * calls have gone (boot.ts asks in its module's evaluation), as storing it and rewriting
 * the URL each wait on the browser process.
 */
function webToken(): string | null {
  const hash = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  const fromUrl = hash.get('token');
  if (fromUrl) {
    queueMicrotask(() => {
      sessionStorage.setItem(TOKEN_KEY, fromUrl);
      hash.delete('token');
      const rest = hash.toString();
      history.replaceState(null, '', window.location.pathname + (rest ? `#${rest}` : ''));
    });
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

/** This tab's name for itself: the host echoes it in change events, so the tab can skip its own. */
const CLIENT_ID = crypto.randomUUID();

type Listener = (payload: unknown) => void;

/**
 * The host's event stream, read with fetch so the token travels in the Authorization
 * header (EventSource can only put it in the URL). Reconnects after a dropped stream.
 */
function eventStream(token: string, listeners: Map<string, Set<Listener>>): void {
  const dispatch = (block: string) => {
    const name = /^event: (.*)$/m.exec(block)?.[1];
    const data = /^data: (.*)$/m.exec(block)?.[1];
    if (name && data !== undefined) for (const l of listeners.get(name) ?? []) l(JSON.parse(data));
  };
  const connect = async () => {
    try {
      const res = await fetch('/api/events', { headers: { Authorization: `Bearer ${token}` } });
      if (!res.ok || !res.body) return;
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffered = '';
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffered += value;
        let end: number;
        while ((end = buffered.indexOf('\n\n')) >= 0) {
          dispatch(buffered.slice(0, end));
          buffered = buffered.slice(end + 2);
        }
      }
    } catch {
      // The host stopped or the stream broke: try again below.
    }
    setTimeout(() => void connect(), 2000);
  };
  void connect();
}

function webBridge(): Bridge {
  const token = webToken();
  const listeners = new Map<string, Set<Listener>>();
  let streaming = false;
  return {
    host: 'web',
    async invoke(method, input) {
      if (!token) return { ok: false, error: { code: 'VALIDATION', message: 'This page was opened without its access token. Open the link printed by Spendmap (npm start).' } };
      let res: Response;
      try {
        res = await fetch(`/api/${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, 'X-Spendmap-Client': CLIENT_ID },
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
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(listener);
      if (token && !streaming) {
        streaming = true;
        eventStream(token, listeners);
      }
      return () => void listeners.get(event)?.delete(listener);
    },
  };
}

export const bridge: Bridge = window.spendmap ?? webBridge();
