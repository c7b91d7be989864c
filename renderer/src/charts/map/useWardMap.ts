// Asks for a ward map (maps.wards) and keeps the project's shapes: they come with the
// first answer and are reused, so a what-if redraw carries the figures only. The latest
// request wins: an older answer arriving late is dropped.
import type { FeatureCollection, Geometry } from 'geojson';
import { useEffect, useRef, useState } from 'react';
import type { MapQuery, WardMap } from '../../../../shared/contract/maps';
import { ApiFailure, call } from '../../api/client';

type Shapes = FeatureCollection<Geometry, { name: string }>;
let kept: { key: string; shapes: Shapes } | null = null;

/** `key` names the project (path and ward count): new shapes when it changes. */
export function useWardMap(query: MapQuery | null, key: string, revision: number) {
  const [state, setState] = useState<{ map: WardMap; shapes: Shapes } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);
  const q = query ? JSON.stringify(query) : null;
  useEffect(() => {
    if (!q) return;
    const me = ++latest.current;
    const have = kept && kept.key === key ? kept.shapes : null;
    call('maps.wards', { ...(JSON.parse(q) as MapQuery), withShapes: !have }).then(
      (map) => {
        if (me !== latest.current) return;
        const shapes = have ?? (map.shapes as Shapes);
        if (!have) kept = { key, shapes };
        setState({ map, shapes });
        setError(null);
      },
      (e) => {
        if (me === latest.current) setError(e instanceof ApiFailure ? e.message : String(e));
      },
    );
  }, [q, key, revision]);
  return { ...(state ?? { map: null, shapes: null }), error };
}
