// The Neighbourhood screen's map: spend per head by ward, the ticked wards outlined;
// clicking a ward ticks or unticks it, exactly as its box in the ward list does.
import { useApp } from '../../app/state';
import { useWardMap } from '../../charts/map/useWardMap';
import { WardMap } from '../../charts/map/WardMap';

const QUERY = { measure: 'per_head' };

export function NeighbourhoodMap({ ticked, onToggle }: { ticked: ReadonlySet<string>; onToggle: (code: string) => void }) {
  const app = useApp();
  const { map, shapes, error } = useWardMap(QUERY, `${app.project.path}|${app.project.wards}`, app.revision + app.project.lines);
  return (
    <section className="neighbourhood-map" aria-label="Ward map: click a ward to tick or untick it">
      <h2>Click wards to tick or untick them</h2>
      {error && (
        <p className="cell-problem" role="alert">
          {error}
        </p>
      )}
      {map && shapes ? <WardMap map={map} shapes={shapes} outlined={ticked} onWardClick={onToggle} height={420} testId="neighbourhood-map" /> : !error && <div className="loading">Drawing the map…</div>}
    </section>
  );
}
