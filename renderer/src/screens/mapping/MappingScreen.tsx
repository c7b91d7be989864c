// Mapping: each line's assumptions and its ward split, the neighbourhood's wards first.
// Changing a basis, β, discretionary %, status or confidence re-apportions the line at
// once and the neighbourhood figures above the grid move with it.
import type { CellFocusedEvent, ColDef, GetRowIdParams, GridApi, GridReadyEvent, RowClassParams } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { MethodOutput } from '../../../../shared/contract/methods';
import type { ApiError } from '../../../../shared/contract/result';
import { formatPounds } from '../../../../shared/money';
import { ApiFailure, call, fileForUpload } from '../../api/client';
import { useApp } from '../../app/state';
import { Modal } from '../../components/Modal';
import { ProblemList } from '../../components/ProblemList';
import { editText, fieldOf, lineColumnFactory, type Line } from '../../grid/lineColumns';
import { pagedSource } from '../../grid/pagedSource';
import { gridTheme } from '../../grid/setup';
import { useEnterCommit, type EditRequest } from '../../grid/useEnterCommit';
import { useLineSave, type LineWrites, type Saved } from '../../grid/useLineSave';
import { BetaEditor } from './BetaEditor';
import { DirectFiguresDialog } from './DirectFiguresDialog';
import { LineMap } from './LineMap';
import { NeighbourhoodStrip, useStripStore } from './NeighbourhoodStrip';
import { basisOptions } from '../../grid/filter/bases';
import { FilterBar } from '../../grid/filter/FilterBar';
import { PartnerTotals, type PartnerTotal } from '../../grid/filter/PartnerTotals';
import { useGridFilter } from '../../grid/filter/useGridFilter';
import { usePartnerNames } from '../../grid/filter/usePartnerNames';
import { useMappingClipboard } from './useMappingClipboard';

type Page = MethodOutput<'mapping.page'>;
type MappingRow = Page['rows'][number];
interface TotalRow {
  total: true;
  wardPence: number[];
  allocatedPence: number;
  totalPence: number;
  neighbourhoodPence: number | null;
}
type Row = MappingRow | TotalRow;
const isTotal = (r: Row | undefined): r is TotalRow => !!r && 'total' in r;
const lineOfRow = (r: Row) => (isTotal(r) ? null : r.line);
const lineKeyOf = (r: Row) => (isTotal(r) ? null : String(r.line.id));

const NB_KEY = 'spendmap.mapping.neighbourhood';

type Shown = { totalPence: number; partners: readonly PartnerTotal[] };
const sameTotals = (a: Shown, b: Shown) =>
  a.totalPence === b.totalPence &&
  a.partners.length === b.partners.length &&
  a.partners.every((p, i) => p.partner === b.partners[i]!.partner && p.count === b.partners[i]!.count && p.totalPence === b.partners[i]!.totalPence);

// The grid's options that never change, kept as one object each: a new object on every
// render would make AG Grid re-apply it (a new defaultColDef refreshes every cell).
const rowIdOf = (p: GetRowIdParams<Row>) => (isTotal(p.data) ? 'total' : String(p.data.line.id));
const rowClassOf = (p: RowClassParams<Row>) => (isTotal(p.data) ? 'total-row' : p.data && !p.data.allocated ? 'row-refused' : undefined);

/** Whether a line was allocated, and if not, why: always in the row. */
function AllocationStatus({ row }: { row: MappingRow }) {
  const [cls, text] = !row.allocated
    ? ['alloc-refused', `Not allocated: ${row.reason ?? ''}`]
    : row.directDifference !== null
      ? ['alloc-flag', `Ward figures ${row.directDifference > 0 ? 'over' : 'short'} by ${formatPounds(Math.abs(row.directDifference), { pence: true })}`]
      : ['alloc-ok', row.line.basis === 'direct' ? 'Ward figures add up' : 'Allocated'];
  return (
    <span className={cls} title={text}>
      {text}
    </span>
  );
}

export function MappingScreen() {
  const app = useApp();
  const neighbourhoods = app.project.neighbourhoods;
  const [neighbourhood, setNeighbourhood] = useState<string>(() => {
    const saved = localStorage.getItem(NB_KEY);
    return neighbourhoods.find((n) => n.name === saved)?.name ?? neighbourhoods[0]?.name ?? '';
  });
  const [layout, setLayout] = useState<{ wards: Page['wards']; nbWards: string[]; proxies: string[]; basisLabels: Map<string, string> } | null>(null);
  const strip = useStripStore();
  const [search, setSearch] = useState('');
  const [count, setCount] = useState<number | null>(null);
  const [direct, setDirect] = useState<Line | null>(null);
  // The line whose ward split the map beside the grid shows (the focused row), or none.
  const [mapLine, setMapLine] = useState<string | null>(null);
  // Off until asked for: opening it narrows the grid.
  const [showMap, setShowMap] = useState(false);
  // Off until asked for too: the ward columns need the width. One panel at a time.
  const [showSubtotals, setShowSubtotals] = useState(false);
  const [importError, setImportError] = useState<ApiError | null>(null);
  const [cellProblem, setCellProblem] = useState<string | null>(null);
  const apiRef = useRef<GridApi<Row> | null>(null);
  const searchRef = useRef('');
  const nbRef = useRef(neighbourhood);
  const gridWrap = useRef<HTMLDivElement>(null);
  const wardIndex = useMemo(() => new Map(layout?.wards.map((w, i) => [`ward:${w.code}`, i]) ?? []), [layout]);
  const penceOf = useCallback(
    (r: Row, colId: string) =>
      isTotal(r) ? undefined : colId === 'neighbourhood' ? r.neighbourhoodPence : wardIndex.has(colId) ? (r.wardPence?.[wardIndex.get(colId)!] ?? null) : undefined,
    [wardIndex],
  );
  const fields = useMemo(() => (layout ? { proxies: layout.proxies, wards: new Set(layout.wards.map((w) => w.code)), year: app.project.year } : null), [layout, app.project.year]);
  // Its callbacks run after every declaration below (save, repaint, refuse).
  const clip = { lineOf: lineOfRow, penceOf, fields, save: (w: LineWrites) => save(w, 'pasted cells'), repaint: (x: Saved) => repaint(x), refuse: (e: ApiError) => refuse(e), notify: app.notify };
  const { range, withHeaders } = useMappingClipboard(apiRef, gridWrap, clip);
  // Other lines will sit at the range's row numbers: the range goes.
  const purge = useCallback(() => {
    range.clear();
    apiRef.current?.purgeInfiniteCache();
  }, [range]);
  // Partner, basis, status, confidence, focus, to confirm: applied by mapping.page.
  const filter = useGridFilter(purge);
  const [shown, setShown] = useState<Shown | null>(null);
  const onError = useCallback((e: unknown) => app.notify({ kind: 'error', text: e instanceof ApiFailure ? e.message : String(e) }), [app]);
  const partnerNames = usePartnerNames(app.revision, onError);
  /** The grid's query beyond paging: search, filters and neighbourhood. */
  const query = useCallback(
    () => ({ ...(searchRef.current ? { search: searchRef.current } : {}), ...filter.ref.current, ...(nbRef.current ? { neighbourhood: nbRef.current } : {}) }),
    [filter.ref],
  );
  const repaintQuery = useCallback(() => ({ screen: 'mapping' as const, ...query() }), [query]);
  const { save, errors, askReason, dialogs, refuse } = useLineSave(apiRef, 'mapping grid', (saved) => repaint(saved), repaintQuery);

  const refreshSummary = useCallback(async () => {
    if (!nbRef.current) return strip.set(null);
    try {
      strip.set((await call('summary.neighbourhood', { name: nbRef.current })).summary);
    } catch (e) {
      app.notify({ kind: 'error', text: e instanceof ApiFailure ? e.message : String(e) });
    }
  }, [app, strip]);

  // The ward columns and the neighbourhood's wards come with the first page.
  useEffect(() => {
    nbRef.current = neighbourhood;
    localStorage.setItem(NB_KEY, neighbourhood);
    void Promise.all([
      call('mapping.page', { offset: 0, limit: 1, ...(neighbourhood ? { neighbourhood } : {}) }),
      call('proxies.table', {}),
    ]).then(([page, proxies]) => setLayout({ wards: page.wards, nbWards: page.neighbourhoodWards, proxies: proxies.proxies.map((p) => p.name), basisLabels: new Map(proxies.proxies.map((p) => [p.name, p.label])) }));
    void refreshSummary();
  }, [neighbourhood, refreshSummary]);

  const setTotals = useCallback((totals: Page['totals']) => {
    // A later block comes without subtotals: the first block's stand (same query). Unchanged
    // by most edits (a β moves money between wards, not between partners): no re-render then.
    setShown((had) => {
      const next = { totalPence: totals.totalPence, partners: totals.partners ?? had?.partners ?? [] };
      return had && sameTotals(had, next) ? had : next;
    });
    apiRef.current?.setGridOption('pinnedBottomRowData', [{ total: true, ...totals }]);
  }, []);

  const datasource = useMemo(
    () =>
      pagedSource<Page>(
        (q) =>
          call('mapping.page', { ...q, ...query() }),
        (page) => {
          setTotals(page.totals);
          setCount(page.count);
        },
        onError,
      ),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );

  /** After an edit, from the write's own answer: the lines' new split, the totals and the neighbourhood figures. */
  const repaint = useCallback(
    (saved: Saved) => {
      const m = saved.mapping;
      if (!m) return;
      // The neighbourhood's figures first, on their own: the grid's row and totals (AG Grid
      // and React work for every visible cell of the row) are painted just after.
      if (nbRef.current) flushSync(() => strip.set(m.strip));
      for (const row of m.rows) apiRef.current?.getRowNode(String(row.line.id))?.setData(row);
      setTotals(m.totals);
      setCount(m.count);
    },
    [setTotals, strip],
  );

  /** After ward figures were typed (direct.set): the line's new split, the totals and the neighbourhood figures. */
  const refreshLine = useCallback(
    async (id: number) => {
      const [rows, totals] = await Promise.all([
        call('mapping.rows', { ids: [id], ...(nbRef.current ? { neighbourhood: nbRef.current } : {}) }),
        call('mapping.page', { offset: 0, limit: 1, ...query() }),
        refreshSummary(),
      ]);
      apiRef.current?.getRowNode(String(id))?.setData(rows.rows[0]!);
      setTotals(totals.totals);
    },
    [refreshSummary, setTotals, query],
  );

  const columns = useMemo<ColDef<Row>[]>(() => {
    if (!layout || !fields) return [];
    const c = lineColumnFactory<Row>({
      fields,
      wardNames: new Map(layout.wards.map((w) => [w.code, w.name])),
      basisLabels: layout.basisLabels,
      errors,
      lineOf: (r) => (r && !isTotal(r) ? r.line : null),
      onValidation: setCellProblem,
    });
    const readOnly = { editable: false };
    const nb = new Set(layout.nbWards);
    const ordered = [...layout.wards.map((w, i) => ({ w, i }))].sort((a, b) => Number(nb.has(b.w.code)) - Number(nb.has(a.w.code)));
    // Whole pounds; a line's figure is the backend's largest-remainder rounding of the column, so a column adds up to its total.
    const money = (value: number | null | undefined) => (value === null || value === undefined ? '' : formatPounds(value, { pence: false }));
    return [
      {
        colId: 'focus',
        headerName: '★',
        headerTooltip: '80:20 focus: the largest lines that together make up 80% of all spend',
        width: 46,
        pinned: 'left',
        sortable: false,
        valueGetter: (p) => (p.data && !isTotal(p.data) && p.data.focus ? '★' : ''),
        tooltipValueGetter: (p) => (p.data && !isTotal(p.data) && p.data.focus ? '80:20 focus line' : null),
        cellClass: 'focus-cell',
      },
      c.ref({ pinned: 'left', ...readOnly }),
      c.partner({
        pinned: 'left',
        width: 170,
        ...readOnly,
        valueGetter: (p) => (!p.data ? '' : isTotal(p.data) ? 'Total' : p.data.line.partner),
      }),
      c.service({ ...readOnly, width: 150 }),
      c.amount({
        ...readOnly,
        valueFormatter: (p) => (!p.data ? '' : isTotal(p.data) ? formatPounds(p.data.totalPence) : formatPounds(p.data.line.amountPence)),
      }),
      ...(nbRef.current
        ? [
            {
              colId: 'neighbourhood',
              headerName: `${nbRef.current} £`,
              width: 140,
              type: 'rightAligned',
              sortable: false,
              cellClass: 'nb-cell money',
              valueGetter: (p: { data?: Row }) => (!p.data ? null : isTotal(p.data) ? p.data.neighbourhoodPence : p.data.neighbourhoodPence),
              valueFormatter: (p: { data?: Row; value: number | null }) =>
                money(!p.data || isTotal(p.data) ? p.value : (p.data.shown?.neighbourhoodPence ?? p.value)),
            } as ColDef<Row>,
          ]
        : []),
      c.basis(),
      c.beta({ cellEditor: BetaEditor, cellEditorParams: {}, cellEditorPopup: true }),
      c.discretionaryPct(),
      c.status(),
      c.confidence(),
      {
        colId: 'allocation',
        headerName: 'Allocation',
        width: 230,
        sortable: false,
        cellRenderer: (p: { data?: Row }) => (p.data && !isTotal(p.data) ? <AllocationStatus row={p.data} /> : null),
        onCellDoubleClicked: (p) => {
          if (p.data && !isTotal(p.data) && p.data.line.basis === 'direct') setDirect(p.data.line);
        },
      },
      ...ordered.map(
        ({ w, i }): ColDef<Row> => ({
          colId: `ward:${w.code}`,
          headerName: w.name,
          headerTooltip: `${w.name} (${w.code}), population ${w.population?.toLocaleString('en-GB') ?? 'missing'}, IMD score ${w.imdScore?.toFixed(1) ?? 'missing'}`,
          width: 120,
          type: 'rightAligned',
          sortable: false,
          headerClass: nb.has(w.code) ? 'nb-header' : undefined,
          cellClass: nb.has(w.code) ? 'nb-cell money' : 'money',
          valueGetter: (p) => (!p.data ? null : isTotal(p.data) ? (p.data.wardPence[i] ?? null) : (p.data.wardPence?.[i] ?? null)),
          valueFormatter: (p) => money(!p.data || isTotal(p.data) ? (p.value as number | null) : (p.data.shown?.wardPence[i] ?? (p.value as number | null))),
        }),
      ),
    ];
  }, [layout, fields, errors]);

  /** An edit typed in a cell: saved, the answer repaints the row and the strip. False when nothing was sent. */
  const editCell = useCallback(
    (event: EditRequest<Row>) => {
      const row = event.data;
      const field = fieldOf(event.colDef);
      if (!field || isTotal(row)) return false;
      const text = event.newValue == null ? '' : String(event.newValue);
      if (text === editText(row.line, field)) return false;
      if (field === 'confidence' && text !== '') {
        askReason(row.line, text);
        return false;
      }
      void save([{ id: row.line.id, values: { [field]: text } }], 'mapping grid').then((saved) => {
        if (saved) repaint(saved);
      });
      return true;
    },
    [save, repaint, askReason],
  );
  const onCellEditRequest = useEnterCommit(apiRef, gridWrap, editCell, lineKeyOf);

  const clearCellProblem = useCallback(() => setCellProblem(null), []);
  const onGridReady = useCallback((e: GridReadyEvent<Row>) => {
    apiRef.current = e.api;
  }, []);
  const onRangeFocus = range.onCellFocused;
  const onCellFocused = useCallback((e: CellFocusedEvent<Row>) => {
    onRangeFocus(e);
    const d = typeof e.rowIndex === 'number' ? e.api.getDisplayedRowAtIndex(e.rowIndex)?.data : undefined;
    if (d && !isTotal(d)) setMapLine(d.line.ref);
  }, [onRangeFocus]);
  const defaultColDef = useMemo<ColDef<Row>>(
    () => ({ sortable: true, resizable: true, suppressHeaderMenuButton: true, cellClassRules: range.cellClassRules }),
    [range.cellClassRules],
  );

  // Undo or redo changed the lines: re-read the split and the figures.
  useEffect(() => {
    if (!app.revision) return;
    apiRef.current?.refreshInfiniteCache();
    void refreshSummary();
  }, [app.revision, refreshSummary]);

  const importDirect = async (file: File | undefined) => {
    if (!file) return;
    try {
      const r = await app.saving(call('direct.import', { file: await fileForUpload(file) }));
      const res = r as MethodOutput<'direct.import'>;
      apiRef.current?.refreshInfiniteCache();
      void refreshSummary();
      app.notify({
        kind: res.mismatches.length ? 'error' : 'info',
        text: `Imported ${res.figures} ward figures for ${res.lines} line${res.lines === 1 ? '' : 's'}.${res.mismatches.length ? ` ${res.mismatches.length} line${res.mismatches.length === 1 ? '' : 's'} do not add up: see the Allocation column.` : ''}${res.notDirect.length ? ` Not direct yet: ${res.notDirect.join(', ')}.` : ''}`,
      });
    } catch (e) {
      if (e instanceof ApiFailure) setImportError(e.error);
      else throw e;
    }
  };

  if (!layout) return <div className="loading">Apportioning…</div>;
  return (
    <section className="screen mapping" aria-label="Mapping">
      <div className="screen-head">
        <h1>Mapping</h1>
        <div className="toolbar">
          <button
            aria-pressed={showMap}
            onClick={() => {
              setShowMap((v) => !v);
              setShowSubtotals(false);
            }}
            title="A map of the focused line's ward split, beside the grid"
          >
            {showMap ? 'Hide ward map' : 'Ward map'}
          </button>
          <button
            aria-pressed={showSubtotals}
            onClick={() => {
              setShowSubtotals((v) => !v);
              setShowMap(false);
            }}
            title="The lines shown, added up by partner, beside the grid"
          >
            Partner subtotals
          </button>
          {neighbourhoods.length > 0 ? (
            <label className="inline">
              Neighbourhood
              <select aria-label="Neighbourhood" value={neighbourhood} onChange={(e) => setNeighbourhood(e.target.value)}>
                {neighbourhoods.map((n) => (
                  <option key={n.id}>{n.name}</option>
                ))}
              </select>
            </label>
          ) : (
            <button onClick={() => app.go('neighbourhood')}>Name a neighbourhood…</button>
          )}
          <label className="file-button">
            Import ward figures (CSV)…
            <input type="file" accept=".csv,.txt,.xlsx" aria-label="Ward figures file" onChange={(e) => void importDirect(e.target.files?.[0])} />
          </label>
          <input
            type="search"
            className="search"
            placeholder="Find lines"
            aria-label="Find lines"
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              searchRef.current = e.target.value.trim();
              apiRef.current?.purgeInfiniteCache();
            }}
          />
        </div>
      </div>
      <FilterBar
        filter={filter.filter}
        onSet={filter.set}
        onClear={filter.clear}
        partners={partnerNames.names}
        bases={basisOptions(layout.proxies, layout.basisLabels)}
        shown={count === null || !shown ? null : { count, totalPence: shown.totalPence }}
      />
      {count === 0 && !search && !filter.active && (
        <div className="empty-hint">
          <p>No spend lines to map yet. Import a partner's budget first; each line then shows here with its ward split.</p>
          <button className="primary" onClick={() => app.go('budgets')}>
            Go to Partners &amp; budgets
          </button>
        </div>
      )}
      <NeighbourhoodStrip store={strip} />
      <div className="mapping-body">
      <div className="grid-wrap" data-testid="mapping-grid" ref={gridWrap}>
        <AgGridReact<Row>
          key={neighbourhood}
          theme={gridTheme}
          columnDefs={columns}
          defaultColDef={defaultColDef}
          rowModelType="infinite"
          datasource={datasource}
          cacheBlockSize={100}
          getRowId={rowIdOf}
          readOnlyEdit
          onCellEditRequest={onCellEditRequest}
          invalidEditValueMode="block"
          stopEditingWhenCellsLoseFocus
          onCellEditingStopped={clearCellProblem}
          getRowClass={rowClassOf}
          onGridReady={onGridReady}
          onCellFocused={onCellFocused}
        />
      </div>
      {showSubtotals && shown && (
        <PartnerTotals partners={shown.partners} picked={filter.filter.partner} onPick={(p) => filter.set('partner', p)} />
      )}
      {showMap && (mapLine ? <LineMap lineRef={mapLine} neighbourhood={neighbourhood || null} onClose={() => setShowMap(false)} /> : <p className="line-map muted">Click a line in the grid to see its ward split on the map.</p>)}
      </div>
      {cellProblem && (
        <p className="cell-problem" role="alert" data-testid="cell-problem">
          Not saved: {cellProblem} Fix it, or press Esc to cancel.
        </p>
      )}
      <p className="grid-foot muted">
        Change a line's basis, β, discretionary % or status in its cell: the ward split and the figures above update at once. Ward columns
        of the neighbourhood come first and are tinted. ★ marks the 80:20 focus lines. Double-click the Allocation cell of a direct line to
        type its ward figures. Shift+click or shift+arrows choose a range of cells; Ctrl+C copies it with exact pence.{' '}
        <label className="toggle">
          <input type="checkbox" onChange={(e) => (withHeaders.current = e.target.checked)} /> Copy with column headers
        </label>
      </p>
      <p className="grid-foot muted" data-testid="rounding-note">
        Ward and neighbourhood figures are shown in whole pounds, rounded so that each column adds up to its total in the bottom row (the
        pounds lost to rounding go to the lines that lost most). Exact pence are used in every sum and in copies and exports.
      </p>
      {direct && (
        <DirectFiguresDialog
          line={direct}
          wards={layout.wards}
          onClose={() => setDirect(null)}
          onSaved={() => {
            const id = direct.id;
            setDirect(null);
            void refreshLine(id);
          }}
        />
      )}
      {dialogs}
      {importError && (
        <Modal title="Ward figures not imported" onClose={() => setImportError(null)} wide footer={<button onClick={() => setImportError(null)}>OK</button>}>
          <ProblemList error={importError} />
        </Modal>
      )}
    </section>
  );
}
