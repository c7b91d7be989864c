// The window's first calls, started before React and AG Grid are evaluated (main.tsx
// imports this module first): the open project and, beside it, what the first screen
// (Partners & budgets) shows: its lookups, its first block of lines and the partners'
// names for its filter bar. Most starts find a project open (a reload, another tab, the
// web host's demo), so these answer in the same round trip as the project instead of one
// after it; when none is open they fail, and they are asked again for the project the
// URL opens (#demo=1, #open=path).
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

type Calls = Pick<FirstScreen, 'table' | 'page'> & { partners: Promise<Partners> };

/** The first screen's three calls, for whichever project is open when the backend answers them. */
function firstCalls(): Calls {
  const c: Calls = { table: call('proxies.table', {}), page: call('budgets.page', { offset: 0, limit: BUDGETS_BLOCK, subtotals: true }), partners: call('partners.list', {}) };
  // Unused if the screen never asks, or none was open; a failure is met again by the screen's own call.
  for (const p of Object.values(c)) p.catch(() => {});
  return c;
}

function prefetch(p: ProjectInfo | null, calls: Calls = firstCalls()): ProjectInfo | null {
  if (!p) return null;
  const f: FirstScreen = { path: p.path, table: calls.table, tableNow: null, page: calls.page, pageNow: null, partnersNow: null };
  f.table.then((t) => (f.tableNow = t), () => {});
  f.page.then((page) => (f.pageNow = page), () => {});
  calls.partners.then((ps) => (f.partnersNow = ps.map((p) => p.name)), () => {});
  first = f;
  return p;
}

const hash = new URLSearchParams(window.location.hash.replace(/^#/, ''));

/** The window is the print route (a page printed to PDF), which shows no project screen. */
export const printing = hash.has('print');

/** The project to show on start: the one open in this run, else the demo or the file the URL names (#demo=1, #open=path). */
export const opening: Promise<ProjectInfo | null> = (async () => {
  if (printing) return null;
  // Reads of the project open now, the one project.current names.
  const asked = call('project.current', {});
  const calls = firstCalls();
  const current = await asked;
  if (current) return prefetch(current, calls);
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

// AG Grid sorts its modules with localeCompare as it creates the first grid, and the
// first localeCompare in a window loads ICU's collation data (10-20 ms here). Made now,
// while the main thread waits for the app's scripts to compile, it is off the first paint.
'a'.localeCompare('b');
