// The Proxies screen's map: any proxy (the IMD score first) by ward, in the same classes
// and colours as every other ward map.
import { useMemo, useState } from 'react';
import { useApp } from '../../app/state';
import { useWardMap } from '../../charts/map/useWardMap';
import { WardMap } from '../../charts/map/WardMap';

export function ProxyMap({ proxies }: { proxies: { name: string; label: string }[] }) {
  const app = useApp();
  const [chosen, setChosen] = useState('imd_score');
  const name = proxies.some((p) => p.name === chosen) ? chosen : (proxies[0]?.name ?? null);
  const query = useMemo(() => (name ? { measure: `proxy:${name}` } : null), [name]);
  const { map, shapes, error } = useWardMap(query, `${app.project.path}|${app.project.wards}`, app.revision + proxies.length);
  return (
    <section className="proxy-map" aria-label="Proxy map">
      <label className="inline">
        Map
        <select aria-label="Proxy to map" value={name ?? ''} onChange={(e) => setChosen(e.target.value)}>
          {proxies.map((p) => (
            <option key={p.name} value={p.name}>
              {p.label || p.name}
            </option>
          ))}
        </select>
      </label>
      {error && (
        <p className="cell-problem" role="alert">
          {error}
        </p>
      )}
      {map && shapes && <WardMap map={map} shapes={shapes} height={380} testId="proxy-map" />}
    </section>
  );
}
