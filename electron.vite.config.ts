// Builds the four bundles: Electron main, the backend's utility process, the
// preload, and the React renderer. Runs without the Electron binary. (The CLI's
// bundle is scripts/build-cli.mjs: plain node, outside Electron's build.)
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin, Rolldown } from 'vite';

const isStart = (id: string | null) => /[\\/]renderer[\\/]src[\\/]start\.tsx$/.test(id ?? '');

/**
 * The first screen's scripts: index.html preloads the app's chunk (renderer/src/start.tsx)
 * and its imports, so the small entry starts the first API calls while these download and
 * compile, instead of after. No V8 compile hint (`//# allFunctionsCalledOnLoad`) on them:
 * compiling the app's chunk whole on a background thread took longer than the main
 * thread's lazy compiling saved; on two cores first paint was about 60 ms later with it.
 */
function firstScreen(): Plugin {
  return {
    name: 'spendmap-first-screen',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const chunks = Object.values(ctx.bundle ?? {});
        const start = chunks.find((c) => c.type === 'chunk' && (isStart(c.facadeModuleId) || c.moduleIds.some(isStart)));
        if (!start || start.type !== 'chunk') throw new Error('renderer build: no chunk for renderer/src/start.tsx to preload');
        const entryImports = new Set([...(ctx.chunk?.imports ?? []), ctx.chunk?.fileName]);
        // Its imports and theirs: a chunk found only when its importer is parsed would load a round trip late.
        const needed = new Set<string>();
        const visit = (name: string) => {
          const c = ctx.bundle?.[name];
          if (!c || c.type !== 'chunk' || needed.has(name)) return;
          needed.add(name);
          c.imports.forEach(visit);
        };
        start.imports.forEach(visit);
        // Largest first: Chromium opens six connections to the host and gives them out in this
        // order, so the big chunks (the app's, AG Grid's) start streaming at once instead of
        // waiting behind the small ones, which then fill the connections they free.
        const size = (f: string) => {
          const c = ctx.bundle?.[f];
          return c?.type === 'chunk' ? c.code.length : 0;
        };
        const order = [...[...needed].filter((f) => !entryImports.has(f)), start.fileName].sort((a, b) => size(b) - size(a));
        return order.map((f) => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: true, href: `./${f}` },
          injectTo: 'head' as const,
        }));
      },
    },
  };
}

/**
 * The first screen's modules in one chunk, 'start': start.tsx and all it imports, not what
 * it loads later nor what the entry (main.tsx) holds. Split by what later screens share,
 * they made nine requests, and Chromium's six connections to the host held the window's
 * first API calls back behind them.
 */
function firstScreenChunk(): (id: string, ctx: Rolldown.ChunkingContext) => string | null {
  let modules: Set<string> | null = null;
  return (id, ctx) => {
    if (!modules) {
      const reach = (from: string) => {
        const found = new Set<string>();
        const visit = (m: string) => {
          if (found.has(m)) return;
          found.add(m);
          ctx.getModuleInfo(m)?.importedIds.forEach(visit);
        };
        visit(resolve(__dirname, from));
        return found;
      };
      // Not the entry's own modules (boot.ts and the API client): they stay in the small entry.
      const entry = reach('renderer/src/main.tsx');
      modules = new Set([...reach('renderer/src/start.tsx')].filter((m) => !entry.has(m)));
    }
    return modules.has(id) ? 'start' : null;
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          utility: resolve(__dirname, 'electron/utility/index.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: { input: { index: resolve(__dirname, 'electron/preload/index.ts') } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react(), firstScreen()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      // Minified: the first screen's JavaScript is a bench row (< 1.2 MB); heavy
      // screens are split off by React.lazy in renderer/src/app/Shell.tsx; the entry
      // (renderer/src/main.tsx) is small and loads the app's chunk, preloaded by index.html.
      minify: true,
      rollupOptions: {
        input: resolve(__dirname, 'renderer/index.html'),
        // AG Grid's core in a chunk of its own, apart from its helpers (ag-stack) and the
        // React glue: Chromium parses each preloaded chunk on its own background thread,
        // and the app starts only when the largest is parsed.
        output: {
          codeSplitting: {
            groups: [
              { name: 'ag-stack', test: /node_modules[\\/]ag-stack[\\/]/, priority: 2 },
              { name: 'ag-grid', test: /node_modules[\\/]ag-grid-community[\\/]/, priority: 1 },
              { name: firstScreenChunk(), priority: 0, includeDependenciesRecursively: false },
            ],
          },
        },
      },
    },
  },
});
