// The filter bar's choices for a paged grid. The grid's datasource reads them from a ref
// (it is made once); each change clears the grid's cache so it asks the backend again.
import { useCallback, useRef, useState } from 'react';
import type { Confidence, Status } from '../../../../shared/domain/types';

export interface GridFilter {
  partner?: string;
  basis?: string;
  status?: Status;
  confidence?: Confidence;
  /** true: only the 80:20 focus lines; false: only the others. */
  focus?: boolean;
  toConfirm?: boolean;
}

export type FilterKey = keyof GridFilter;

export function useGridFilter(onChange: () => void) {
  const [filter, setFilter] = useState<GridFilter>({});
  const ref = useRef<GridFilter>({});
  const apply = useCallback(
    (next: GridFilter) => {
      ref.current = next;
      setFilter(next);
      onChange();
    },
    [onChange],
  );
  /** Sets one field; undefined (or false for to-confirm) removes it. */
  const set = useCallback(
    <K extends FilterKey>(key: K, value: GridFilter[K] | undefined) => {
      const next: GridFilter = { ...ref.current };
      if (value === undefined || value === '' || (key === 'toConfirm' && value === false)) delete next[key];
      else next[key] = value;
      apply(next);
    },
    [apply],
  );
  const clear = useCallback(() => apply({}), [apply]);
  return { filter, ref, set, clear, active: Object.keys(filter).length > 0 };
}
