// The desktop app's hardening, checked without the Electron binary: the real main
// process and preload bundles are loaded against a recording stand-in for the
// `electron` module, so the code that runs in the app runs here — every window's
// options, the navigation, window-open and permission handlers, the sender check on
// IPC, the app:// protocol and its CSP — and the preload exposes one small bridge.
import { buildSync } from 'esbuild';
import Module, { createRequire } from 'node:module';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { windowOptions, isTrustedUrl, APP_ORIGIN } from '../../electron/main/window-options';
import { CONTENT_SECURITY_POLICY } from '../../shared/contract/csp';
import { EVENT_NAMES, IPC } from '../../shared/contract/events';
import { repoRoot } from '../helpers/paths';

type Fn = (...args: never[]) => unknown;

/** What the main process did to the stand-in electron module. */
interface Recorded {
  windows: { options: Record<string, unknown>; handlers: Map<string, Fn>; windowOpen: Fn | null; loaded: string[] }[];
  appHandlers: Map<string, Fn>;
  ipc: Map<string, Fn>;
  protocols: Map<string, Fn>;
  privileged: unknown[];
  permissionRequest: Fn | null;
  permissionCheck: Fn | null;
  exposed: Map<string, Record<string, unknown>>;
  invoked: unknown[][];
}

function fakeElectron(rec: Recorded, tmp: string): Record<string, unknown> {
  let nextId = 1;
  const byId = new Map<number, unknown>();
  class BrowserWindow {
    id = nextId++;
    webContents: Record<string, unknown>;
    constructor(options: Record<string, unknown>) {
      const w: Recorded['windows'][number] = { options, handlers: new Map(), windowOpen: null, loaded: [] };
      rec.windows.push(w);
      this.webContents = {
        setWindowOpenHandler: (fn: Fn) => (w.windowOpen = fn),
        on: (ev: string, fn: Fn) => w.handlers.set(ev, fn),
        executeJavaScript: async () => true,
        printToPDF: async () => Buffer.from('%PDF'),
        send: () => {},
      };
      this.loadURL = async (u: string) => void w.loaded.push(u);
      byId.set(this.id, this);
    }
    loadURL: (u: string) => Promise<void>;
    once() {}
    on() {}
    show() {}
    destroy() {}
    static fromId(id: number) {
      return byId.get(id) ?? null;
    }
    static fromWebContents() {
      return byId.get(1) ?? null;
    }
    static getAllWindows() {
      return [...byId.values()];
    }
  }
  const child = { on() {}, postMessage() {}, kill() {} };
  return {
    app: {
      isPackaged: false,
      isReady: () => true,
      getPath: () => tmp,
      whenReady: () => Promise.resolve(),
      on: (ev: string, fn: Fn) => rec.appHandlers.set(ev, fn),
      quit() {},
    },
    BrowserWindow,
    protocol: {
      registerSchemesAsPrivileged: (s: unknown) => rec.privileged.push(s),
      handle: (scheme: string, fn: Fn) => rec.protocols.set(scheme, fn),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: Fn) => (rec.permissionRequest = fn),
        setPermissionCheckHandler: (fn: Fn) => (rec.permissionCheck = fn),
      },
    },
    ipcMain: { handle: (channel: string, fn: Fn) => rec.ipc.set(channel, fn) },
    ipcRenderer: {
      invoke: async (...args: unknown[]) => {
        rec.invoked.push(args);
        return null;
      },
      on() {},
      removeListener() {},
    },
    contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => rec.exposed.set(key, api) },
    dialog: { showOpenDialog: async () => ({ canceled: true, filePaths: [] }), showSaveDialog: async () => ({ canceled: true }) },
    net: { fetch: async () => new Response('<!doctype html>', { status: 200, headers: { 'Content-Type': 'text/html' } }) },
    utilityProcess: { fork: () => child },
  };
}

/** Loads a CommonJS bundle with `require('electron')` answered by the stand-in. */
function loadWith(bundle: string, electron: Record<string, unknown>): void {
  const mod = Module as unknown as { _load: (request: string, parent: unknown, isMain: boolean) => unknown };
  const original = mod._load;
  mod._load = function (request: string, parent: unknown, isMain: boolean) {
    if (request === 'electron') return electron;
    return original.call(this, request, parent, isMain);
  };
  try {
    createRequire(__filename)(bundle);
  } finally {
    mod._load = original;
  }
}

const newRecord = (): Recorded => ({
  windows: [],
  appHandlers: new Map(),
  ipc: new Map(),
  protocols: new Map(),
  privileged: [],
  permissionRequest: null,
  permissionCheck: null,
  exposed: new Map(),
  invoked: [],
});

let out: string;
beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'spendmap-electron-'));
  // The same sources electron-vite bundles, bundled here so the test never checks a stale out/.
  buildSync({
    absWorkingDir: repoRoot,
    entryPoints: { main: 'electron/main/index.ts', preload: 'electron/preload/index.ts' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    external: ['electron'],
    outdir: join(out, 'main'),
    logLevel: 'error',
  });
  mkdirSync(join(out, 'renderer'), { recursive: true });
});
afterAll(() => {
  /* the temp folder is small; left for inspection */
});

const SECURE = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
};

describe('window options (electron/main/window-options.ts)', () => {
  it('isolate every window: context isolation, sandbox, no Node, web security, no webviews, no auxclick', () => {
    const o = windowOptions('/app/preload/index.js');
    expect(o.webPreferences).toMatchObject({ ...SECURE, preload: '/app/preload/index.js', navigateOnDragDrop: false });
    expect(String(o.webPreferences?.disableBlinkFeatures)).toMatch(/Auxclick/);
    expect(o.webPreferences).not.toHaveProperty('enableRemoteModule', true);
  });

  it('trust only pages of the app itself', () => {
    expect(isTrustedUrl(`${APP_ORIGIN}/index.html`)).toBe(true);
    for (const u of [undefined, '', 'app://spendmap', 'app://spendmap.evil/index.html', 'app://evil/index.html', 'https://spendmap/index.html', 'file:///etc/passwd', 'http://127.0.0.1/', 'javascript:alert(1)', 'APP://SPENDMAP/index.html'])
      expect(isTrustedUrl(u), String(u)).toBe(false);
  });
});

describe('the CSP (shared/contract/csp.ts)', () => {
  it('allows only the app itself: no inline or eval script, no remote content, no frames, no plugins', () => {
    const directives = new Map(CONTENT_SECURITY_POLICY.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k!, v]));
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    for (const k of ['object-src', 'base-uri', 'form-action', 'frame-ancestors']) expect(directives.get(k), k).toEqual(["'none'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:|\*|wss?:/);
    expect(directives.get('script-src')).not.toContain("'unsafe-inline'");
  });
});

describe('the main process, run against a stand-in electron module', () => {
  const rec = newRecord();
  beforeAll(async () => {
    loadWith(join(out, 'main', 'main.js'), fakeElectron(rec, out));
    await new Promise((r) => setTimeout(r, 20)); // app.whenReady().then(...)
  });

  it('creates every window with the secure options (the main window at start)', () => {
    expect(rec.windows.length).toBeGreaterThanOrEqual(1);
    for (const w of rec.windows) {
      const prefs = w.options.webPreferences as Record<string, unknown>;
      expect(prefs).toMatchObject(SECURE);
      expect(String(prefs.disableBlinkFeatures)).toMatch(/Auxclick/);
      expect(String(prefs.preload)).toMatch(/preload[\\/]index\.js$/);
    }
    expect(rec.windows[0]!.loaded[0]).toMatch(/^app:\/\/spendmap\/index\.html/);
  });

  it('denies window.open, and navigation or redirects away from the app, in every window', () => {
    const w = rec.windows[0]!;
    expect(w.windowOpen?.({ url: 'https://evil.example' } as never)).toEqual({ action: 'deny' });
    expect(w.windowOpen?.({ url: `${APP_ORIGIN}/index.html` } as never)).toEqual({ action: 'deny' });
    const navigate = (url: string) => {
      let prevented = false;
      w.handlers.get('will-navigate')!({ preventDefault: () => (prevented = true) } as never, url as never);
      return prevented;
    };
    expect(navigate('https://evil.example/')).toBe(true);
    expect(navigate('file:///etc/passwd')).toBe(true);
    expect(navigate(`${APP_ORIGIN}/index.html#demo=1`)).toBe(false);
    for (const ev of ['will-redirect', 'will-attach-webview']) {
      let prevented = false;
      w.handlers.get(ev)!({ preventDefault: () => (prevented = true) } as never, 'https://evil.example' as never);
      expect(prevented, ev).toBe(true);
    }
    // Any other web contents (a future view or frame) gets the same guards as it is created.
    const created: { open: Fn | null; nav: Fn | null } = { open: null, nav: null };
    rec.appHandlers.get('web-contents-created')!({} as never, { setWindowOpenHandler: (f: Fn) => (created.open = f), on: (_: string, f: Fn) => (created.nav = f) } as never);
    expect(created.open?.({} as never)).toEqual({ action: 'deny' });
    let prevented = false;
    created.nav?.({ preventDefault: () => (prevented = true) } as never, 'https://evil.example' as never);
    expect(prevented).toBe(true);
  });

  it('grants no permission (camera, notifications, geolocation...)', () => {
    for (const perm of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal']) {
      let granted: boolean | null = null;
      rec.permissionRequest!({} as never, perm as never, ((g: boolean) => (granted = g)) as never);
      expect(granted, perm).toBe(false);
      expect(rec.permissionCheck!({} as never, perm as never)).toBe(false);
    }
  });

  it('answers IPC only from the app’s own pages, and only for contract methods', async () => {
    const invoke = rec.ipc.get(IPC.invoke)!;
    const evil = { senderFrame: { url: 'https://evil.example/' }, sender: {} };
    expect(await invoke(evil as never, 'project.close' as never, {} as never)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await invoke({ senderFrame: null, sender: {} } as never, 'project.close' as never, {} as never)).toMatchObject({ ok: false });
    const ours = { senderFrame: { url: `${APP_ORIGIN}/index.html` }, sender: {} };
    for (const m of ['no.such', '__proto__', 'constructor', 42, null])
      expect(await invoke(ours as never, m as never, {} as never)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    // A native dialog is asked for through invoke too: refused for a foreign page, checked for ours.
    expect(await invoke(evil as never, 'host.dialog' as never, { kind: 'openProject' } as never)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await invoke(ours as never, 'host.dialog' as never, { kind: 'readFile' } as never)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('serves app:// only from the built renderer, with the CSP on every response', async () => {
    const handle = rec.protocols.get('app')!;
    expect(rec.privileged).toEqual([[expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true, codeCache: true }) })]]);
    const get = async (url: string) => (await handle({ url } as never)) as Response;
    for (const url of ['app://spendmap/../../../etc/passwd', 'app://spendmap/%2e%2e/%2e%2e/etc/passwd', 'app://evil/index.html', 'app://spendmap/no-such.js', 'app://spendmap/%00'])
      expect([400, 404], url).toContain((await get(url)).status);
    expect((await get('app://spendmap/%')).status).toBe(400);
    // A file that is in the renderer folder is served, with the CSP.
    const rendererDir = join(out, 'renderer');
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html>');
    const ok = await get('app://spendmap/index.html');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(ok.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('opens a .spendmap file handed over by the OS (file association) in a secure window', async () => {
    const before = rec.windows.length;
    rec.appHandlers.get('open-file')!({ preventDefault() {} } as never, '/home/u/Norbiton.spendmap' as never);
    expect(rec.windows.length).toBe(before + 1);
    const w = rec.windows[rec.windows.length - 1]!;
    expect(w.options.webPreferences).toMatchObject(SECURE);
    expect(w.loaded[0]).toBe(`${APP_ORIGIN}/index.html#open=${encodeURIComponent('/home/u/Norbiton.spendmap')}`);
  });
});

describe('the preload, run against the stand-in', () => {
  const rec = newRecord();
  beforeAll(() => loadWith(join(out, 'main', 'preload.js'), fakeElectron(rec, out)));

  it('exposes one small bridge, not ipcRenderer', async () => {
    expect([...rec.exposed.keys()]).toEqual(['spendmap']);
    const bridge = rec.exposed.get('spendmap')!;
    expect(Object.keys(bridge).sort()).toEqual(['host', 'invoke', 'on']);
    for (const v of Object.values(bridge)) expect(v).not.toHaveProperty('send');
    expect(() => (bridge.on as Fn)('spendmap:invoke' as never, (() => {}) as never)).toThrow();
    for (const e of EVENT_NAMES) expect(typeof (bridge.on as Fn)(e as never, (() => {}) as never)).toBe('function');
    expect(rec.invoked).toEqual([]);
    await (bridge.invoke as Fn)({ toString: () => 'app.info' } as never, {} as never);
    expect(rec.invoked).toEqual([[IPC.invoke, 'app.info', {}]]);
  });
});

describe('the built app (out/), when built', () => {
  it('wires the same guards into the bundle electron-vite made', (ctx) => {
    const main = join(repoRoot, 'out', 'main', 'index.js');
    if (!existsSync(main)) ctx.skip('out/ is not built here (npm run build); scripts/test-all.sh builds it first');
    const rec = newRecord();
    loadWith(main, fakeElectron(rec, out));
    return new Promise<void>((resolve) =>
      setTimeout(() => {
        expect(rec.windows.length).toBeGreaterThanOrEqual(1);
        for (const w of rec.windows) expect(w.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
        expect(rec.permissionRequest).not.toBeNull();
        expect(rec.windows[0]!.windowOpen?.({} as never)).toEqual({ action: 'deny' });
        resolve();
      }, 20),
    );
  });
});
