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
        return [...start.imports.filter((f) => !entryImports.has(f)), start.fileName].map((f) => ({
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
      rollupOptions: { input: resolve(__dirname, 'renderer/index.html') },
    },
  },
});
