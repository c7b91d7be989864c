// The window's first calls, started before React and AG Grid are evaluated (main.tsx
// imports this module first): the open project (or the one the URL asks for), then at
// once, in parallel, what the first screen (Partners & budgets) shows: its lookups, its
// first block of lines and the partners' names for its filter bar. The first paint
// then waits for one round trip after the project, overlapped with the scripts' start-up,
// instead of three in a row after the first render.
import type { MethodOutput, ProjectInfo } from '../../../shared/contract/methods';
import { call } from '../api/client';

/** Lines per block in the budgets grid (its cacheBlockSize): the first block is fetched here. */
export const BUDGETS_BLOCK = 200;

type Table = MethodOutput<'proxies.table'>;
type Page = MethodOutput<'budgets.page'>;
type Partners = MethodOutput<'partners.list'>;

interface FirstScreen {
  path: string;
  table: Promise<Table>;
  /** The table once it came: the screen then starts with its grid, without a render waiting on the promise. */
  tableNow: Table | null;
  page: Promise<Page>;
  /** The first block once it came: the screen's first render then has its count, totals and partner subtotals. */
  pageNow: Page | null;
  /** The partners' names for the filter bar, once they came (else the screen asks). */
  partnersNow: string[] | null;
}

let first: FirstScreen | null = null;

function prefetch(p: ProjectInfo | null): ProjectInfo | null {
  if (!p) return null;
  const f: FirstScreen = { path: p.path, table: call('proxies.table', {}), tableNow: null, page: call('budgets.page', { offset: 0, limit: BUDGETS_BLOCK, subtotals: true }), pageNow: null, partnersNow: null };
  // Unused if the screen never asks; a failure is met again by the screen's own call.
  f.table.then((t) => (f.tableNow = t), () => {});
  f.page.then((page) => (f.pageNow = page), () => {});
  call('partners.list', {}).then((ps: Partners) => (f.partnersNow = ps.map((p) => p.name)), () => {});
  first = f;
  return p;
}

const hash = new URLSearchParams(window.location.hash.replace(/^#/, ''));

/** The project to show on start: the one open in this run, else the demo or the file the URL names (#demo=1, #open=path). */
export const opening: Promise<ProjectInfo | null> = (async () => {
  // The print route (a page printed to PDF) shows no project screen.
  if (hash.has('print')) return null;
  const current = await call('project.current', {});
  if (current) return prefetch(current);
  if (hash.get('demo') === '1') return prefetch(await call('project.openDemo', {}));
  const path = hash.get('open');
  if (path) return prefetch(await call('project.open', { path }));
  return null;
})();
/** `opening`'s project once it came (undefined before, or after a failure): App then starts on it without a render in between. */
export let opened: ProjectInfo | null | undefined;
// App reports a failure when it awaits `opening`.
opening.then((p) => (opened = p), () => {});

/**
 * What was fetched at start for the budgets screen of `path`, once: a later visit (after
 * edits) reads afresh. `page` only answers the first block, unsorted and unfiltered.
 */
export function takeFirstScreen(path: string): FirstScreen | null {
  const f = first;
  first = null;
  return f && f.path === path ? f : null;
}
