// Proxies: every ward's proxy values, and where each proxy comes from.
import { AgGridReact } from 'ag-grid-react';
import type { ColDef } from 'ag-grid-community';
import { useEffect, useMemo, useState } from 'react';
import type { MethodOutput } from '../../../../shared/contract/methods';
import { call } from '../../api/client';
import { gridTheme } from '../../grid/setup';

type Table = MethodOutput<'proxies.table'>;
type WardRow = Table['wards'][number];

const fmt = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

export function ProxiesScreen() {
  const [table, setTable] = useState<Table | null>(null);
  useEffect(() => {
    void call('proxies.table', {}).then(setTable);
  }, []);

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
      </div>
      <table className="sources">
        <thead>
          <tr>
            <th>Proxy</th>
            <th>Name in files</th>
            <th>Source</th>
            <th>Year</th>
            <th>Wards missing</th>
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
            </tr>
          ))}
        </tbody>
      </table>
      <div className="grid-wrap">
        <AgGridReact<WardRow> theme={gridTheme} rowData={table.wards} columnDefs={columns} getRowId={(p) => p.data.code} defaultColDef={{ sortable: true, resizable: true }} />
      </div>
    </section>
  );
}
