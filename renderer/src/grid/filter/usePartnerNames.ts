// The project's partners by name, for the filter bar: read again after undo or redo and
// whenever the grid reloads (a paste or an import may add a partner). `initial` is what
// the window fetched at start, if anything: the first render then has the names, and the
// same names read again do not re-render the screen.
import { useCallback, useEffect, useState } from 'react';
import { call } from '../../api/client';

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((n, i) => n === b[i]);

export function usePartnerNames(revision: number, onError: (e: unknown) => void, initial: string[] | null = null) {
  const [names, setNames] = useState<string[]>(() => initial ?? []);
  const refresh = useCallback(() => {
    void call('partners.list', {}).then((ps) => {
      const next = ps.map((p) => p.name);
      setNames((had) => (same(had, next) ? had : next));
    }, onError);
  }, [onError]);
  useEffect(() => refresh(), [refresh, revision]);
  return { names, refresh };
}
