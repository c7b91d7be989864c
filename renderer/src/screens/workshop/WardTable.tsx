// Every ward of the borough: population, IMD score, total and per head, sorted (per head,
// highest first, to start with) and sortable by any column. The neighbourhood's wards
// are tinted and named.
import { useState } from 'react';
import { formatPerHead, formatPounds } from '../../../../shared/money';
import { sortWards, wardTotals, type SortDir, type WardSortKey, type WorkshopView } from './series';

const num = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const score = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

const COLUMNS: { key: WardSortKey; label: string; num: boolean; first: SortDir }[] = [
  { key: 'name', label: 'Ward', num: false, first: 'asc' },
  { key: 'population', label: 'Population', num: true, first: 'desc' },
  { key: 'imdScore', label: 'IMD score', num: true, first: 'desc' },
  { key: 'totalPence', label: 'Total', num: true, first: 'desc' },
  { key: 'perHeadGbp', label: 'Per head', num: true, first: 'desc' },
];

export function WardTable({ view, compact = false, limit }: { view: Pick<WorkshopView, 'wards' | 'detail'>; compact?: boolean; limit?: number }) {
  const [sort, setSort] = useState<{ key: WardSortKey; dir: SortDir }>({ key: 'perHeadGbp', dir: 'desc' });
  const rows = sortWards(view.wards, sort.key, sort.dir);
  const shown = limit !== undefined ? rows.filter((w) => w.inNeighbourhood).concat(rows.filter((w) => !w.inNeighbourhood)).slice(0, limit) : rows;
  const totals = wardTotals(view);
  const name = view.detail.summary.neighbourhood;
  const dash = (x: number | null, f: (x: number) => string) => (x === null ? 'missing' : f(x));
  return (
    <table className={`sources ward-figures${compact ? ' compact' : ''}`} aria-label="Wards" data-testid="ward-table">
      <thead>
        <tr>
          {COLUMNS.map((c) => {
            const active = sort.key === c.key;
            return (
              <th key={c.key} className={c.num ? 'num' : undefined} aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
                {compact ? (
                  c.label
                ) : (
                  <button
                    className="sort-button"
                    onClick={() => setSort(active ? { key: c.key, dir: sort.dir === 'asc' ? 'desc' : 'asc' } : { key: c.key, dir: c.first })}
                    title={`Sort by ${c.label.toLowerCase()}`}
                  >
                    {c.label}
                    <span className="sort-mark" aria-hidden="true">
                      {active ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}
                    </span>
                  </button>
                )}
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody>
        {shown.map((w) => (
          <tr key={w.code} className={w.inNeighbourhood ? 'in-neighbourhood' : undefined}>
            <td>
              {w.name} {!compact && <span className="muted small">{w.code}</span>}
              {w.inNeighbourhood && <span className="nb-tag">{name}</span>}
            </td>
            <td className="num">{dash(w.population, (x) => num.format(x))}</td>
            <td className="num">{dash(w.imdScore, (x) => score.format(x))}</td>
            <td className="num">{formatPounds(w.totalPence)}</td>
            <td className="num">{w.perHeadGbp === null ? '—' : formatPerHead(w.perHeadGbp)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr className="in-neighbourhood">
          <td>
            {compact ? name : `${name} (${totals.neighbourhood.wards} ward${totals.neighbourhood.wards === 1 ? '' : 's'})`}
          </td>
          <td className="num">{dash(totals.neighbourhood.population, (x) => num.format(x))}</td>
          <td className="num"></td>
          <td className="num">{formatPounds(totals.neighbourhood.totalPence)}</td>
          <td className="num">{totals.neighbourhood.perHeadGbp === null ? '—' : formatPerHead(totals.neighbourhood.perHeadGbp)}</td>
        </tr>
        <tr>
          <td>{compact ? 'Borough' : `Borough (${totals.borough.wards} wards)`}</td>
          <td className="num">{dash(totals.borough.population, (x) => num.format(x))}</td>
          <td className="num"></td>
          <td className="num">{formatPounds(totals.borough.totalPence)}</td>
          <td className="num">{totals.borough.perHeadGbp === null ? '—' : formatPerHead(totals.borough.perHeadGbp)}</td>
        </tr>
      </tfoot>
    </table>
  );
}
