// The project's partners by name, for the filter bar: read again after undo or redo and
// whenever the grid reloads (a paste or an import may add a partner).
import { useCallback, useEffect, useState } from 'react';
import { call } from '../../api/client';

export function usePartnerNames(revision: number, onError: (e: unknown) => void) {
  const [names, setNames] = useState<string[]>([]);
  const refresh = useCallback(() => {
    void call('partners.list', {}).then(
      (ps) => setNames(ps.map((p) => p.name)),
      onError,
    );
  }, [onError]);
  useEffect(() => refresh(), [refresh, revision]);
  return { names, refresh };
}
