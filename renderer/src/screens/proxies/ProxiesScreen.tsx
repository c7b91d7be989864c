// Proxies: every ward's proxy values, and where each proxy comes from.
import { AgGridReact } from 'ag-grid-react';
import type { ColDef } from 'ag-grid-community';
import { useEffect, useMemo, useState } from 'react';
import { ProxyMap } from './ProxyMap';
import type { MethodOutput } from '../../../../shared/contract/methods';
import { ApiFailure, call } from '../../api/client';
import { useApp } from '../../app/state';
import { gridTheme } from '../../grid/setup';
import { ProxyImportDialog } from './ProxyImportDialog';

type Table = MethodOutput<'proxies.table'>;
type WardRow = Table['wards'][number];

const fmt = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

export function ProxiesScreen() {
  const app = useApp();
  const [table, setTable] = useState<Table | null>(null);
  const [adding, setAdding] = useState(false);
  const load = () => void call('proxies.table', {}).then(setTable);
  useEffect(load, []);

  const remove = async (name: string) => {
    if (!window.confirm(`Delete the custom proxy "${name}"?`)) return;
    try {
      await app.saving(call('proxies.delete', { name }));
      load();
    } catch (e) {
      app.notify({ kind: 'error', text: e instanceof ApiFailure ? e.message : String(e) });
    }
  };

  const columns = useMemo<ColDef<WardRow>[]>(
    () =>
      table
        ? [
            { headerName: 'Ward', field: 'name', pinned: 'left', width: 230 },
            { headerName: 'Code', field: 'code', width: 115 },
            ...table.proxies.map(
              (p, i): ColDef<WardRow> => ({
                headerName: p.label,
                headerTooltip: `${p.name}: ${p.source}, ${p.year}`,
                colId: p.name,
                valueGetter: (v) => v.data?.values[i] ?? null,
                valueFormatter: (v) => (v.value === null || v.value === undefined ? 'missing' : fmt.format(v.value as number)),
                cellClassRules: { 'cell-missing': (v) => v.value === null },
                type: 'rightAligned',
                width: 140,
              }),
            ),
          ]
        : [],
    [table],
  );

  if (!table) return <div className="loading">Loading proxies…</div>;
  return (
    <section className="screen" aria-label="Proxies">
      <div className="screen-head">
        <h1>Proxies</h1>
        <div className="toolbar">
          <button className="primary" onClick={() => setAdding(true)}>
            Add a custom proxy…
          </button>
        </div>
      </div>
      <p className="muted">
        Standard proxies come from the project's reference pack; add your own (claimants, crimes, pupils…) from a CSV. A line whose basis
        is a proxy with a missing ward is not allocated until the ward has a value.
      </p>
      <table className="sources">
        <thead>
          <tr>
            <th>Proxy</th>
            <th>Name in files</th>
            <th>Source</th>
            <th>Year</th>
            <th>Wards missing</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          {table.proxies.map((p) => (
            <tr key={p.name}>
              <td>{p.label}</td>
              <td>
                <code>{p.name}</code>
              </td>
              <td>{p.source}</td>
              <td>{p.year}</td>
              <td className={p.missing ? 'warn' : ''}>{p.missing || '—'}</td>
              <td>
                {p.custom && (
                  <button className="link" onClick={() => void remove(p.name)}>
                    Delete
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {adding && (
        <ProxyImportDialog
          onClose={() => setAdding(false)}
          onImported={(r) => {
            setAdding(false);
            load();
            app.notify({
              kind: r.missing.length ? 'error' : 'info',
              text: `Imported proxy ${r.name} for ${r.wards} wards${r.missing.length ? `. No value for ${r.missing.length} ward${r.missing.length === 1 ? '' : 's'}: ${r.missing.join(', ')} — lines based on it cannot be allocated until they have one.` : '.'}`,
            });
          }}
        />
      )}
      <div className="proxies-body">
        <div className="grid-wrap">
          <AgGridReact<WardRow> theme={gridTheme} rowData={table.wards} columnDefs={columns} getRowId={(p) => p.data.code} defaultColDef={{ sortable: true, resizable: true }} />
        </div>
        <ProxyMap proxies={table.proxies} />
      </div>
    </section>
  );
}
