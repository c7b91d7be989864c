// The Workshop's ward map: per head (all partners, one partner or one theme), influence-able
// per head, or any proxy, for every ward of the borough, with the neighbourhood outlined.
// It takes the what-if like the other charts.
import { useEffect, useMemo, useState } from 'react';
import type { MapQuery } from '../../../../shared/contract/maps';
import type { WhatIf } from '../../../../shared/contract/workshop';
import { call } from '../../api/client';
import { useApp } from '../../app/state';
import { useWardMap } from '../../charts/map/useWardMap';
import { WardMap } from '../../charts/map/WardMap';

const KEY = 'spendmap.workshop.map';

interface Props {
  neighbourhood: string;
  whatIf: WhatIf | undefined;
  partners: readonly string[];
  themes: readonly string[];
  tag?: React.ReactNode;
  /** The print page: SVG, no measure picker, per head. */
  print?: boolean;
  onFinished?: () => void;
}

/** A choice in the picker as a value: "per_head", "per_head|partner|X", "per_head|theme|X", "influenceable_per_head", "proxy:x". */
function toQuery(choice: string, neighbourhood: string, whatIf: WhatIf | undefined): MapQuery {
  const [measure, by, name] = choice.split('|');
  return {
    measure: measure!,
    neighbourhood,
    ...(by === 'partner' ? { partner: name! } : by === 'theme' ? { theme: name! } : {}),
    ...(whatIf ? { whatIf } : {}),
  };
}

export function WorkshopMap({ neighbourhood, whatIf, partners, themes, tag, print, onFinished }: Props) {
  const app = useApp();
  const [choice, setChoice] = useState(() => (print ? 'per_head' : (localStorage.getItem(KEY) ?? 'per_head')));
  const [proxies, setProxies] = useState<{ name: string; label: string }[]>([]);
  useEffect(() => {
    if (print) return;
    void call('proxies.table', {}).then((t) => setProxies(t.proxies.map((p) => ({ name: p.name, label: p.label || p.name }))), () => {});
  }, [app.revision, print]);
  const valid = useMemo(() => {
    const [m, by, name] = choice.split('|');
    if (by === 'partner') return partners.includes(name!);
    if (by === 'theme') return themes.includes(name!);
    if (m!.startsWith('proxy:')) return proxies.some((p) => `proxy:${p.name}` === m);
    return true;
  }, [choice, partners, themes, proxies]);
  const current = valid || (!proxies.length && choice.startsWith('proxy:')) ? choice : 'per_head';
  const query = useMemo(() => toQuery(current, neighbourhood, whatIf), [current, neighbourhood, whatIf]);
  const { map, shapes, error } = useWardMap(query, `${app.project.path}|${app.project.wards}`, app.revision + app.project.lines);

  return (
    <section className="chart-card wide" aria-labelledby="ws-map-title" data-testid="chart-map">
      <header className="chart-head">
        <h2 id="ws-map-title">
          {map?.title ?? 'Ward map'} {tag}
        </h2>
        {!print && (
          <div className="chart-tools">
            <select
              aria-label="Map measure"
              value={current}
              onChange={(e) => {
                localStorage.setItem(KEY, e.target.value);
                setChoice(e.target.value);
              }}
            >
              <option value="per_head">£ per head, all partners</option>
              {partners.map((p) => (
                <option key={p} value={`per_head|partner|${p}`}>
                  £ per head, {p}
                </option>
              ))}
              {themes.map((t) => (
                <option key={t} value={`per_head|theme|${t}`}>
                  £ per head, theme {t}
                </option>
              ))}
              <option value="influenceable_per_head">Influence-able £ per head</option>
              {proxies.map((p) => (
                <option key={p.name} value={`proxy:${p.name}`}>
                  {p.label}
                </option>
              ))}
            </select>
          </div>
        )}
      </header>
      {error && (
        <p className="cell-problem" role="alert">
          {error}
        </p>
      )}
      {map && shapes ? (
        <WardMap map={map} shapes={shapes} height={print ? 330 : 460} renderer={print ? 'svg' : 'canvas'} testId="ward-map" {...(onFinished ? { onFinished } : {})} />
      ) : (
        !error && <div className="loading">Drawing the map…</div>
      )}
      <p className="chart-note">
        How: each ward's figure as on the Neighbourhood screen for that ward alone; five classes of about equal numbers of wards (breaks rounded to two
        figures); {neighbourhood} outlined.
      </p>
    </section>
  );
}
