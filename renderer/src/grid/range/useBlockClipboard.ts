// A grid's range of cells with Excel's clipboard: shift+click or shift+arrows choose the
// range, Ctrl+C copies it as tab-separated text (with the column headers when asked), and
// Ctrl+V pastes a block over it (blockPaste.ts). The Partners & budgets and Mapping grids
// both use it; each says what its cells hold and which it lets a paste write.
import type { GridApi } from 'ag-grid-community';
import { useEffect, useRef, type RefObject } from 'react';
import type { ApiError } from '../../../../shared/contract/result';
import { toClipboard } from '../clipboard';
import type { LineWrites } from '../useLineSave';
import { blockRows, type CellText } from './blockCopy';
import { planPaste, type PasteGrid } from './blockPaste';
import { useCellRange } from './useCellRange';

/** Clipboard text as compared with our last copy: line ends as the platform may rewrite them. */
const sameText = (t: string) => t.replace(/\r\n?/g, '\n').replace(/\n+$/, '');

type Notify = (n: { kind: 'info' | 'error'; text: string }) => void;

export interface BlockClipboard<Row> {
  /** A cell's text for the clipboard (null: not a line, e.g. a total row). */
  cellText: (api: GridApi<Row>) => CellText<Row>;
  /** How a paste lays onto this grid now (null: the grid is not ready to take one). */
  pasteGrid: (api: GridApi<Row>) => Omit<PasteGrid<Row>, 'api' | 'cellText'> | null;
  /** Saves a checked paste: one write, so one undo step. */
  save: (writes: LineWrites, added: number) => void;
  /** Lists the cells a paste refused. */
  refuse: (error: ApiError) => void;
  notify: Notify;
  /** Ctrl+C with no range (a single cell): the grid's own copy, if any. */
  copyOther?: (e: ClipboardEvent, api: GridApi<Row>) => void;
}

export function useBlockClipboard<Row>(apiRef: RefObject<GridApi<Row> | null>, wrapRef: RefObject<HTMLDivElement | null>, options: BlockClipboard<Row>) {
  const range = useCellRange(apiRef);
  const withHeaders = useRef(false);
  // The text this grid last copied: pasted back, it lays over the columns it came from.
  const lastCopy = useRef<string | null>(null);
  // The listeners read the latest options: the screen's callbacks change with its state.
  const latest = useRef(options);
  latest.current = options;

  useEffect(() => {
    const el = wrapRef.current;
    if (!el) return;
    const onCopy = (e: ClipboardEvent) => {
      const api = apiRef.current;
      if (!api || api.getEditingCells().length) return;
      const o = latest.current;
      const b = range.isBlock() ? range.bounds() : null;
      if (!b) return o.copyOther?.(e, api);
      e.preventDefault();
      const got = blockRows(api, b, o.cellText(api), withHeaders.current);
      if (!got.ok) return o.notify({ kind: 'error', text: got.message });
      const text = toClipboard(got.rows);
      e.clipboardData?.setData('text/plain', text);
      lastCopy.current = sameText(text);
      const n = got.rows.length - (withHeaders.current ? 1 : 0);
      o.notify({ kind: 'info', text: `Copied ${n} row${n === 1 ? '' : 's'} × ${b.columns.length} column${b.columns.length === 1 ? '' : 's'}${withHeaders.current ? ' with headers' : ''}.` });
    };
    const onPaste = (e: ClipboardEvent) => {
      const api = apiRef.current;
      const o = latest.current;
      const grid = api && !api.getEditingCells().length ? o.pasteGrid(api) : null;
      if (!api || !grid) return;
      const text = e.clipboardData?.getData('text/plain') ?? '';
      const plan = planPaste({ ...grid, api, cellText: o.cellText(api) }, text, range.isBlock() ? range.bounds() : null, sameText(text) === lastCopy.current);
      if (!plan) return;
      e.preventDefault();
      if (!plan.ok) return plan.problems.length ? o.refuse({ code: 'INPUT', message: plan.message, details: { problems: plan.problems } }) : o.notify({ kind: 'error', text: plan.message });
      if (!plan.writes.length) return o.notify({ kind: 'info', text: 'Nothing changed: the pasted cells already hold those values.' });
      o.save(plan.writes, plan.added);
    };
    el.addEventListener('copy', onCopy);
    el.addEventListener('paste', onPaste);
    el.addEventListener('keydown', range.onKeyDown, true);
    el.addEventListener('mousedown', range.onMouseDown, true);
    return () => {
      el.removeEventListener('copy', onCopy);
      el.removeEventListener('paste', onPaste);
      el.removeEventListener('keydown', range.onKeyDown, true);
      el.removeEventListener('mousedown', range.onMouseDown, true);
    };
    // The grid's element appears after the screen's first data: attach to it when it does.
  });

  return { range, withHeaders };
}
