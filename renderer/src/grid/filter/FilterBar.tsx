// The filter bar above a lines grid: partner, basis, status, confidence, 80:20 focus and
// to-confirm. The backend filters (the grids page through 20,000 lines); the bar shows how
// many lines and how much the filter leaves, and clears in one click.
import { CONFIDENCES, STATUSES, type Confidence, type Status } from '../../../../shared/domain/types';
import { formatCount, formatPounds } from '../../../../shared/money';
import type { FilterKey, GridFilter } from './useGridFilter';

export interface FilterBarProps {
  filter: GridFilter;
  onSet: <K extends FilterKey>(key: K, value: GridFilter[K] | undefined) => void;
  onClear: () => void;
  partners: readonly string[];
  /** Bases with their labels, in the order the basis column offers them. */
  bases: readonly { value: string; label: string }[];
  /** The lines the filter leaves, and their Σ (null before the first page). */
  shown: { count: number; totalPence: number } | null;
}

const plural = (n: number) => `${formatCount(n)} line${n === 1 ? '' : 's'}`;

export function FilterBar({ filter, onSet, onClear, partners, bases, shown }: FilterBarProps) {
  const active = Object.keys(filter).length > 0;
  const focusValue = filter.focus === undefined ? '' : filter.focus ? 'focus' : 'other';
  return (
    <div className="filter-bar" role="group" aria-label="Filter lines">
      <label className="inline">
        Partner
        <select aria-label="Filter by partner" value={filter.partner ?? ''} onChange={(e) => onSet('partner', e.target.value || undefined)}>
          <option value="">All</option>
          {partners.map((p) => (
            <option key={p}>{p}</option>
          ))}
        </select>
      </label>
      <label className="inline">
        Basis
        <select aria-label="Filter by basis" value={filter.basis ?? ''} onChange={(e) => onSet('basis', e.target.value || undefined)}>
          <option value="">All</option>
          {bases.map((b) => (
            <option key={b.value} value={b.value}>
              {b.label}
            </option>
          ))}
        </select>
      </label>
      <label className="inline">
        Status
        <select aria-label="Filter by status" value={filter.status ?? ''} onChange={(e) => onSet('status', (e.target.value || undefined) as Status | undefined)}>
          <option value="">All</option>
          {STATUSES.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </label>
      <label className="inline">
        Confidence
        <select
          aria-label="Filter by confidence"
          value={filter.confidence ?? ''}
          onChange={(e) => onSet('confidence', (e.target.value || undefined) as Confidence | undefined)}
        >
          <option value="">All</option>
          {CONFIDENCES.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
      </label>
      <label className="inline">
        Focus
        <select
          aria-label="Filter by 80:20 focus"
          value={focusValue}
          onChange={(e) => onSet('focus', e.target.value === '' ? undefined : e.target.value === 'focus')}
        >
          <option value="">All</option>
          <option value="focus">★ 80:20 focus lines</option>
          <option value="other">Other lines</option>
        </select>
      </label>
      <label className="toggle">
        <input type="checkbox" checked={filter.toConfirm ?? false} onChange={(e) => onSet('toConfirm', e.target.checked)} /> Only lines to confirm
      </label>
      <span className="filter-shown" data-testid="filter-shown" aria-live="polite">
        {shown && active ? `Filtered: ${plural(shown.count)}, ${formatPounds(shown.totalPence)}` : ''}
      </span>
      <button onClick={onClear} disabled={!active}>
        Clear filters
      </button>
    </div>
  );
}
