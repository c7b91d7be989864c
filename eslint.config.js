// npm run lint (run by npm run test:all): typescript-eslint's recommended rules (not the
// type-checked set: lint stays fast), React's rules of hooks in the renderer, and the
// layer rules of docs/architecture.md as no-restricted-imports (test/backend/layers.test.ts
// checks the same rules with its own scanner).
const { builtinModules } = require('node:module');
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const reactHooks = require('eslint-plugin-react-hooks');
const globals = require('globals');

const nodeBuiltins = builtinModules.filter((m) => !m.startsWith('_'));
const escapeRegex = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * A no-restricted-imports rule: these packages (exactly, or a subpath of them, e.g.
 * react-dom/client), every node: import when `node` is set, and these path regexes.
 * (Exact names, not gitignore patterns: "domain" or "events" is a Node builtin but
 * also one of our folders.)
 */
function restrict({ packages, node = false, regexes = [] }, message) {
  const names = [...packages, ...(node ? nodeBuiltins : [])];
  return [
    'error',
    {
      paths: names.map((name) => ({ name, message })),
      patterns: [
        { regex: `^(${packages.map(escapeRegex).join('|')})/`, message },
        ...(node ? [{ regex: '^node:', message }] : []),
        ...regexes.map((regex) => ({ regex, message })),
      ],
    },
  ];
}

module.exports = tseslint.config(
  { ignores: ['out/**', 'release/**', 'node_modules/**', 'test-results/**', '.native/**', 'resources/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // `_`-prefixed names are deliberately unused (positional parameters, rest siblings).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      // Partner files are untrusted: the code matches control characters on purpose, to
      // refuse or strip them (XML-forbidden characters, file names, CSV cells).
      'no-control-regex': 'off',
    },
  },
  {
    // Tests load CommonJS internals the way their tools do (electron-builder's config
    // loader and hooks).
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.cjs', 'eslint.config.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-imports': restrict(
        { packages: ['electron', 'better-sqlite3', 'exceljs', 'playwright-core', 'papaparse', 'saxes'], node: true, regexes: ['^(\\.\\./)+electron(/|$)'] },
        'The renderer runs in the browser sandbox: it talks to the backend only through renderer/src/api (docs/architecture.md, "Layers").',
      ),
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        {
          packages: ['electron', 'react', 'react-dom', 'better-sqlite3', 'exceljs', 'papaparse', 'playwright-core', 'ag-grid-community', 'ag-grid-react', 'echarts'],
          node: true,
          regexes: ['^(\\.\\./)+(electron|renderer)(/|$)'],
        },
        'shared/ is pure TypeScript, used by every layer: no Node, Electron, React, database or spreadsheet libraries (docs/architecture.md, "Layers").',
      ),
    },
  },
  {
    files: ['electron/backend/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        { packages: ['electron'], regexes: ['^(\\.\\./)+(hosts|main|utility|preload)(/|$)', '^(\\.\\./)+renderer(/|$)'] },
        'The backend runs under every host (Electron utility process, web host, CLI): it never imports electron, a host or the renderer (docs/architecture.md, "Layers").',
      ),
    },
  },
);
