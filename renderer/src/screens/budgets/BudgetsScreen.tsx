// Partners & budgets: every spend line in an Excel-like grid. Edits are checked in the
// cell, saved at once and written to the audit log; rows can be pasted from Excel.
import type {
  CellEditRequestEvent,
  FirstDataRenderedEvent,
  GetRowIdParams,
  GridApi,
  GridReadyEvent,
  RowClassParams,
  RowSelectionOptions,
  SelectionChangedEvent,
} from 'ag-grid-community';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { EditableField } from '../../../../shared/domain/types';
import { formatCount, formatPounds } from '../../../../shared/money';
import { ApiFailure, call } from '../../api/client';
import { BUDGETS_BLOCK, takeFirstScreen } from '../../app/boot';
import { useApp } from '../../app/state';
import { toClipboard } from '../../grid/clipboard';
import { Grid } from '../../grid/Grid';
import { pagedSource } from '../../grid/pagedSource';
import type { MethodOutput } from '../../../../shared/contract/methods';
import { gridTheme } from '../../grid/setup';
import { buildColumns, editText, fieldOf, isTotal, type Line, type Row } from './columns';
import { lookupsOf, totalRowOf, type Lookups, type PageTotals } from './screenData';
import { ImportDialog } from './ImportDialog';
import { SetForSelected } from './SetForSelected';
import { useLineSave, type LineWrites } from '../../grid/useLineSave';
import { basisOptions } from '../../grid/filter/bases';
import { FilterBar } from '../../grid/filter/FilterBar';
import { PartnerTotals, type PartnerTotal } from '../../grid/filter/PartnerTotals';
import { useGridFilter } from '../../grid/filter/useGridFilter';
import { usePartnerNames } from '../../grid/filter/usePartnerNames';
import { useBlockClipboard } from '../../grid/range/useBlockClipboard';


// The grid's options that never change, kept as one object each: a new object on every
// render would make AG Grid re-apply it (a new defaultColDef refreshes every cell).
// Ticked in the grid's own select column (grid/selectBox.ts), not AG Grid's checkboxes.
const ROW_SELECTION: RowSelectionOptions<Row> = { mode: 'multiRow', checkboxes: false, headerCheckbox: false, enableClickSelection: false };
const rowIdOf = (p: GetRowIdParams<Row>) => String(p.data.id);
/** AG Grid's default: rows drawn beyond the viewport above and below, for smooth scrolling. */
const ROW_BUFFER = 10;
const rowClassOf = (p: RowClassParams<Row>) => (isTotal(p.data) ? 'total-row' : undefined);

export function BudgetsScreen() {
  const app = useApp();
  // On the window's first screen, what boot.ts fetched while the scripts started.
  const [prefetched] = useState(() => takeFirstScreen(app.project.path));
  const [lookups, setLookups] = useState<Lookups | null>(() => (prefetched?.tableNow ? lookupsOf(prefetched.tableNow, app.project.year) : null));
  // The first block, when boot.ts had it before this render: its count, totals and total
  // row are in the first render, so the grid and the subtotals beside it are laid out once.
  const bootPage = prefetched?.pageNow ?? null;
  const [count, setCount] = useState<number | null>(() => bootPage?.count ?? null);
  const [search, setSearch] = useState('');
  const [importing, setImporting] = useState(false);
  const [selected, setSelected] = useState<number[]>([]);
  const [cellProblem, setCellProblem] = useState<string | null>(null);
  const apiRef = useRef<GridApi<Row> | null>(null);
  const searchRef = useRef('');
  const gridWrap = useRef<HTMLDivElement>(null);
  // Range, Ctrl+C and Ctrl+V (grid/range): its callbacks run after every declaration below.
  const { range, withHeaders } = useBlockClipboard<Row>(apiRef, gridWrap, {
    cellText: (api) => (row, col) => {
      if (isTotal(row)) return null;
      const field = fieldOf(col.getColDef());
      return field ? editText(row, field) : String(api.getCellValue({ rowNode: api.getRowNode(String(row.id))!, colKey: col, useFormatter: true }) ?? '');
    },
    pasteGrid: (api) =>
      lookups && {
        // Rows from Excel lay over the typed columns (the template's order), past the last line as new lines.
        columns: api.getAllDisplayedColumns().filter((c) => fieldOf(c.getColDef()) !== null),
        // A block copied from this grid (Agreement, To confirm included) lays back where it was.
        shownColumns: api.getAllDisplayedColumns(),
        fieldOf: (c) => fieldOf(c.getColDef()),
        readOnly: () => 'is shown only, not typed here: paste it back unchanged, or copy without this column.',
        lineId: (r) => (isTotal(r) ? null : r.id),
        fields: lookups.fields,
        addLines: true,
        source: 'pasted rows',
      },
    save: (writes, added) =>
      void save(writes, 'pasted rows').then((saved) => {
        if (!saved) return;
        reload();
        app.notify({ kind: 'info', text: `Pasted ${writes.length} row${writes.length === 1 ? '' : 's'}${added ? `: ${added} new line${added === 1 ? '' : 's'}` : ''}.` });
      }),
    refuse: (e) => refuse(e),
    notify: app.notify,
    copyOther: (e, api) => copyLines(e, api),
  });
  const [copyHeaders, setCopyHeaders] = useState(false);
  // Other lines will sit at the range's row numbers: the range goes.
  const purge = useCallback(() => {
    range.clear();
    apiRef.current?.purgeInfiniteCache();
  }, [range]);
  // Partner, basis, status, confidence, focus, to confirm: applied by budgets.page.
  const filter = useGridFilter(purge);
  const [subtotals, setSubtotals] = useState<{ partners: PartnerTotal[]; totalPence: number } | null>(() =>
    bootPage ? { partners: bootPage.partners ?? [], totalPence: bootPage.totalPence } : null,
  );
  const [firstTotalRow] = useState(() => (bootPage ? [totalRowOf(bootPage)] : undefined));
  const onError = useCallback((e: unknown) => app.notify({ kind: 'error', text: e instanceof ApiFailure ? e.message : String(e) }), [app]);
  const partnerNames = usePartnerNames(app.revision, onError, prefetched?.partnersNow ?? null);
  const repaintQuery = useCallback(
    () => ({ screen: 'budgets' as const, ...(searchRef.current ? { search: searchRef.current } : {}), ...filter.ref.current }),
    [filter.ref],
  );
  const { save, errors, askReason, dialogs, refuse } = useLineSave(
    apiRef,
    'budgets grid',
    (saved) => apiRef.current?.getRowNode(String(saved.lines[0]!.id))?.setData(saved.lines[0]!),
    repaintQuery,
  );

  const fromBoot = useRef(prefetched);
  useEffect(() => {
    // The boot's table serves the first time only. It may have come between the first
    // render and this effect: then the render did not have it, so take it unless it did.
    const f = fromBoot.current;
    fromBoot.current = null;
    const year = app.project.year;
    if (f) void f.table.then((t) => setLookups((had) => had ?? lookupsOf(t, year)));
    else void call('proxies.table', {}).then((t) => setLookups(lookupsOf(t, year)));
  }, [app.project.year]);

  const columns = useMemo(
    () => (lookups ? buildColumns({ ...lookups, errors, onValidation: setCellProblem }) : []),
    [lookups, errors],
  );

  const setTotal = useCallback(
    (page: PageTotals) => {
      // The prefetched block's figures are on screen since the first render.
      if (page === bootPage) return;
      setCount(page.count);
      // A later block comes without subtotals: the first block's stand (same query).
      setSubtotals((had) => ({ partners: page.partners ?? had?.partners ?? [], totalPence: page.totalPence }));
      apiRef.current?.setGridOption('pinnedBottomRowData', [totalRowOf(page)]);
    },
    [bootPage],
  );

  const datasource = useMemo(() => {
    let firstPage = prefetched?.page ?? null;
    return pagedSource<MethodOutput<'budgets.page'>>(
      (q) => {
        // The prefetched block answers the grid's first request only (first block, unsorted, unfiltered).
        const page = firstPage;
        firstPage = null;
        const plain = !q.sort && !searchRef.current && Object.keys(filter.ref.current).length === 0;
        if (page && q.offset === 0 && q.limit === BUDGETS_BLOCK && plain) return page;
        return call('budgets.page', { ...q, ...(searchRef.current ? { search: searchRef.current } : {}), ...filter.ref.current });
      },
      setTotal,
      onError,
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const reload = useCallback(() => {
    apiRef.current?.refreshInfiniteCache();
    partnerNames.refresh();
    void app.refreshProject();
  }, [app, partnerNames]);

  const onCellEditRequest = useCallback(
    (event: CellEditRequestEvent<Row>) => {
      const line = event.data;
      const field = fieldOf(event.colDef);
      if (!field || isTotal(line)) return;
      const text = event.newValue == null ? '' : String(event.newValue);
      if (text === editText(line, field)) return;
      if (field === 'confidence' && text !== '') return askReason(line, text);
      void save([{ id: line.id, values: { [field]: text } }], 'budgets grid').then((saved) => {
        if (!saved) return;
        event.node.setData(saved.lines[0]!);
        // A partner's name or type shows on its other lines too: read them again.
        if (field === 'partner' || field === 'partnerType') reload();
        else if (saved.budgets) {
          setTotal(saved.budgets);
          app.patchProject(saved.budgets.project);
        }
      });
    },
    [save, reload, askReason, setTotal, app],
  );

  const addLine = async () => {
    const saved = await save([{ values: {} }], 'budgets grid');
    if (!saved) return;
    reload();
    const api = apiRef.current;
    const last = (count ?? 0);
    setTimeout(() => {
      api?.ensureIndexVisible(last, 'bottom');
      api?.setFocusedCell(last, 'service');
    }, 150);
    app.notify({ kind: 'info', text: `Added line ${saved.lines[0]!.ref} at the end. Type over its cells to fill it in.` });
  };

  const deleteSelected = async () => {
    if (!selected.length) return;
    if (!window.confirm(`Delete ${selected.length} line${selected.length === 1 ? '' : 's'}? The audit log keeps what they held.`)) return;
    try {
      await app.saving(call('budgets.delete', { ids: selected }));
      apiRef.current?.deselectAll();
      setSelected([]);
      reload();
    } catch (e) {
      app.notify({ kind: 'error', text: e instanceof ApiFailure ? e.message : String(e) });
    }
  };

  /** Ctrl+C with no range: the ticked lines, else the focused cell, as Excel-ready text. */
  const copyLines = (e: ClipboardEvent, api: GridApi<Row>) => {
    const cols = api.getAllDisplayedColumns().filter((c) => fieldOf(c.getColDef()) !== null);
    const chosen = api.getSelectedRows().filter((r): r is Line => !isTotal(r));
    let rows: string[][];
    if (chosen.length) rows = chosen.map((l) => cols.map((c) => editText(l, fieldOf(c.getColDef())!)));
    else {
      const f = api.getFocusedCell();
      const data = f ? api.getDisplayedRowAtIndex(f.rowIndex)?.data : undefined;
      const field = f ? fieldOf(f.column.getColDef()) : null;
      if (!data || isTotal(data) || !field) return;
      rows = [[editText(data, field)]];
    }
    e.clipboardData?.setData('text/plain', toClipboard(rows));
    e.preventDefault();
  };

  /**
   * Ctrl+D, fill down as in Excel, in the focused cell's column: with lines ticked, the top
   * one's value goes to the others; else the line above's value goes to the focused one.
   * One write, so one undo step.
   */
  const onFillDown = useCallback(
    (e: KeyboardEvent) => {
      const api = apiRef.current;
      if (!api || !(e.ctrlKey || e.metaKey) || e.key.toLowerCase() !== 'd' || api.getEditingCells().length) return;
      const focused = api.getFocusedCell();
      const field = focused ? fieldOf(focused.column.getColDef()) : null;
      if (!focused || !field) return;
      e.preventDefault();
      const ticked = api
        .getSelectedNodes()
        .filter((n) => n.data && !isTotal(n.data) && n.rowIndex !== null)
        .sort((a, b) => a.rowIndex! - b.rowIndex!);
      const fromRow = ticked.length >= 2 ? ticked[0]! : api.getDisplayedRowAtIndex(focused.rowIndex - 1);
      const targets = ticked.length >= 2 ? ticked.slice(1) : [api.getDisplayedRowAtIndex(focused.rowIndex)];
      const from = fromRow?.data;
      if (!from || isTotal(from) || focused.rowPinned) return;
      const value = editText(from, field);
      const writes: LineWrites = targets.flatMap((n) => (n?.data && !isTotal(n.data) ? [{ id: n.data.id, values: { [field]: value } }] : []));
      if (!writes.length) return;
      void save(writes, 'fill down').then((saved) => {
        if (!saved) return;
        reload();
        const header = focused.column.getColDef().headerName ?? field;
        app.notify({ kind: 'info', text: `Filled ${header} "${value}" down to ${writes.length} line${writes.length === 1 ? '' : 's'}.` });
      });
    },
    [save, reload, app],
  );

  /** One field for every ticked line: one write, so one undo step. */
  const setForSelected = (field: EditableField, value: string, label: string) => {
    const writes: LineWrites = selected.map((id) => ({ id, values: { [field]: value } }));
    void save(writes, `set ${label}`).then((saved) => {
      if (!saved) return;
      reload();
      app.notify({ kind: 'info', text: `Set ${label} to "${value}" for ${writes.length} line${writes.length === 1 ? '' : 's'}.` });
    });
  };

  useEffect(() => {
    const el = gridWrap.current;
    if (!el) return;
    el.addEventListener('keydown', onFillDown, true);
    return () => el.removeEventListener('keydown', onFillDown, true);
  }, [onFillDown, lookups]);

  const onSelectionChanged = useCallback(
    (e: SelectionChangedEvent<Row>) => setSelected(e.api.getSelectedRows().filter((r): r is Line => !isTotal(r)).map((r) => r.id)),
    [],
  );
  const clearCellProblem = useCallback(() => setCellProblem(null), []);
  const onGridReady = useCallback((e: GridReadyEvent<Row>) => {
    apiRef.current = e.api;
  }, []);
  // The first rows are drawn without the rows beyond the viewport (AG Grid's rowBuffer,
  // 10 above and below): those follow once the first ones are on screen.
  const onFirstDataRendered = useCallback((e: FirstDataRenderedEvent<Row>) => {
    requestAnimationFrame(() => setTimeout(() => e.api.isDestroyed() || e.api.setGridOption('rowBuffer', ROW_BUFFER), 0));
  }, []);

  // Undo or redo changed the lines: show them as they are now.
  useEffect(() => {
    if (app.revision) apiRef.current?.refreshInfiniteCache();
  }, [app.revision]);

  const onSearch = (value: string) => {
    setSearch(value);
    searchRef.current = value.trim();
    apiRef.current?.purgeInfiniteCache();
  };

  /** A new import: an earlier confirmation would otherwise linger over its problems. */
  const openImport = () => {
    app.notify(null);
    setImporting(true);
  };

  const defaultColDef = useMemo(() => ({ sortable: true, resizable: true, suppressHeaderMenuButton: true, cellClassRules: range.cellClassRules }), [range.cellClassRules]);

  if (!lookups) return <div className="loading">Loading the budgets…</div>;

  return (
    <section className="screen budgets" aria-label="Partners and budgets">
      <div className="screen-head">
        <h1>Partners &amp; budgets</h1>
        <div className="toolbar">
          <button className="primary" onClick={() => openImport()}>
            Import a partner's budget…
          </button>
          <button onClick={() => void addLine()}>Add line</button>
          <button onClick={() => void deleteSelected()} disabled={!selected.length}>
            Delete {selected.length ? `${selected.length} selected` : 'selected'}
          </button>
          <input
            type="search"
            className="search"
            placeholder="Find lines: partner, service, ref, theme"
            aria-label="Find lines"
            value={search}
            onChange={(e) => onSearch(e.target.value)}
          />
        </div>
      </div>
      <FilterBar
        filter={filter.filter}
        onSet={filter.set}
        onClear={filter.clear}
        partners={partnerNames.names}
        bases={basisOptions(lookups.fields.proxies, lookups.basisLabels)}
        shown={count === null || !subtotals ? null : { count, totalPence: subtotals.totalPence }}
      />
      {selected.length > 0 && <SetForSelected count={selected.length} onSet={setForSelected} />}
      {app.project.neighbourhoods.length === 0 && (
        <p className="neighbourhood-prompt" role="note">
          Which neighbourhood is this for? Add the partners' budgets here, then{' '}
          <button className="link" onClick={() => app.go('neighbourhood')}>
            name a neighbourhood (its wards)
          </button>
          .
        </p>
      )}
      {count === 0 && !search && !filter.active && (
        <div className="empty-hint">
          <p>
            No spend lines yet. <strong>Import a partner's budget</strong> (CSV or Excel, in the Spendmap template or any layout), paste rows
            from Excel with Ctrl+V, or add lines one by one.
          </p>
          <button className="primary" onClick={() => openImport()}>
            Import a partner's budget…
          </button>
        </div>
      )}
      <div className="grid-body">
      <div className="grid-wrap" ref={gridWrap} data-testid="budgets-grid">
        <Grid<Row>
          theme={gridTheme}
          columnDefs={columns}
          defaultColDef={defaultColDef}
          rowModelType="infinite"
          datasource={datasource}
          cacheBlockSize={BUDGETS_BLOCK}
          maxBlocksInCache={50}
          getRowId={rowIdOf}
          pinnedBottomRowData={firstTotalRow}
          rowBuffer={0}
          onFirstDataRendered={onFirstDataRendered}
          readOnlyEdit
          onCellEditRequest={onCellEditRequest}
          invalidEditValueMode="block"
          enterNavigatesVertically
          enterNavigatesVerticallyAfterEdit
          stopEditingWhenCellsLoseFocus
          tooltipShowDelay={200}
          rowSelection={ROW_SELECTION}
          onSelectionChanged={onSelectionChanged}
          getRowClass={rowClassOf}
          onCellEditingStopped={clearCellProblem}
          onCellFocused={range.onCellFocused}
          onGridReady={onGridReady}
          overlayNoRowsTemplate={
            filter.active ? 'No line matches the filters.' : search ? `No line matches “${search.replace(/[<>&]/g, '')}”.` : 'No spend lines yet.'
          }
        />
      </div>
      {subtotals && subtotals.partners.length > 0 && (
        <PartnerTotals partners={subtotals.partners} picked={filter.filter.partner} onPick={(p) => filter.set('partner', p)} />
      )}
      </div>
      {cellProblem && (
        <p className="cell-problem" role="alert" data-testid="cell-problem">
          Not saved: {cellProblem} Fix it, or press Esc to cancel.
        </p>
      )}
      <p className="grid-foot muted">
        {count === null ? '' : `${formatCount(count)} line${count === 1 ? '' : 's'}. `}
        Type or press F2 to edit a cell, Enter to save it, Esc to cancel. Paste rows from Excel with Ctrl+V (rows past the last line are
        added); shift+click or shift+arrows choose a range of cells, Ctrl+C copies it (or the ticked lines). Amounts in £, e.g. 12300 or
        £12,300.50.{' '}
        <label className="toggle">
          <input
            type="checkbox"
            checked={copyHeaders}
            onChange={(e) => {
              setCopyHeaders(e.target.checked);
              withHeaders.current = e.target.checked;
            }}
          />{' '}
          Copy with column headers
        </label>
      </p>
      {importing && (
        <ImportDialog
          onClose={() => setImporting(false)}
          onImported={(r) => {
            setImporting(false);
            reload();
            app.notify({ kind: 'info', text: `Imported ${r.imported.toLocaleString('en-GB')} lines (${formatPounds(r.totalPence)}) from ${r.fileName}.` });
          }}
        />
      )}
      {dialogs}
    </section>
  );
}

