// The Mapping screen's map beside the grid: the focused line's ward split (pence by ward).
import { useMemo } from 'react';
import { useApp } from '../../app/state';
import { useWardMap } from '../../charts/map/useWardMap';
import { WardMap } from '../../charts/map/WardMap';

export function LineMap({ lineRef, neighbourhood, onClose }: { lineRef: string; neighbourhood: string | null; onClose: () => void }) {
  const app = useApp();
  const query = useMemo(() => ({ measure: `line:${lineRef}`, ...(neighbourhood ? { neighbourhood } : {}) }), [lineRef, neighbourhood]);
  const { map, shapes, error } = useWardMap(query, `${app.project.path}|${app.project.wards}`, app.revision + app.project.totalPence);
  return (
    <section className="line-map" aria-label={`Ward split of ${lineRef}`}>
      <header className="chart-head">
        <h2>{map?.title ?? `Line ${lineRef}`}</h2>
        <button onClick={onClose} aria-label="Close the line's map">
          Close
        </button>
      </header>
      {error ? (
        <p className="muted" role="status">
          {error}
        </p>
      ) : (
        map && shapes && <WardMap map={map} shapes={shapes} height={360} testId="line-map" />
      )}
    </section>
  );
}
