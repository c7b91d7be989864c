// Builds the four bundles: Electron main, the backend's utility process, the
// preload, and the React renderer. Runs without the Electron binary. (The CLI's
// bundle is scripts/build-cli.mjs: plain node, outside Electron's build.)
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

/**
 * The first screen's scripts: index.html preloads the app's chunk (renderer/src/start.tsx)
 * and its imports, so the small entry starts the first API calls while these download and
 * compile, instead of after.
 */
function firstScreen(): Plugin {
  return {
    name: 'spendmap-first-screen',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const chunks = Object.values(ctx.bundle ?? {});
        const start = chunks.find((c) => c.type === 'chunk' && /[\\/]renderer[\\/]src[\\/]start\.tsx$/.test(c.facadeModuleId ?? ''));
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
        return [...[...needed].filter((f) => !entryImports.has(f)), start.fileName].map((f) => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: true, href: `./${f}` },
          injectTo: 'head' as const,
        }));
      },
    },
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
            ],
          },
        },
      },
    },
  },
});
