// A ward map on ECharts' `map` series: the project's wards filled by a measure's class,
// outlined wards drawn thick, hover for the ward's figures, the class legend and the
// boundary data's attribution beneath. Each ward also has a focusable point (for the
// keyboard and screen readers): focus shows its figures; Enter or Space clicks it.
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { WardMap as WardMapData } from '../../../../shared/contract/maps';
import { NO_FIGURE_COLOUR } from '../../../../shared/map/breaks';
import { chartFinished, chartGone, chartPending } from '../drawn';
import { echarts, type ChartInstance } from '../echarts';
import { useLargeText } from '../useLargeText';
import { mapOption, wardTip } from './mapOption';

type Shapes = FeatureCollection<Geometry, { name: string }>;

/** For the benchmark: ward maps drawn since the page loaded, and when the last finished (performance.now()). */
declare global {
  interface Window {
    __spendmapMap?: { drawn: number; at: number };
  }
}

const registered = new WeakMap<Shapes, string>();
let serial = 0;

/** Registers the shapes with ECharts once (features keyed by ward code) and names them. */
function mapNameOf(shapes: Shapes): string {
  let name = registered.get(shapes);
  if (!name) {
    name = `spendmap-wards-${++serial}`;
    const features = shapes.features.map((f) => ({ ...f, properties: { code: String(f.id), name: f.properties.name } }));
    echarts.registerMap(name, { type: 'FeatureCollection', features } as never);
    registered.set(shapes, name);
  }
  return name;
}

/** The area-weighted centre of a ward's largest ring: where its keyboard point sits. */
function centreOf(f: Feature<Geometry>): [number, number] | null {
  const g = f.geometry;
  const rings: Position[][] = g.type === 'Polygon' ? [g.coordinates[0]!] : g.type === 'MultiPolygon' ? g.coordinates.map((p) => p[0]!) : [];
  let best: [number, number] | null = null;
  let bestArea = -1;
  for (const r of rings) {
    let a = 0, cx = 0, cy = 0;
    for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
      const [x0, y0] = r[j]! as [number, number];
      const [x1, y1] = r[i]! as [number, number];
      const cross = x0 * y1 - x1 * y0;
      a += cross;
      cx += (x0 + x1) * cross;
      cy += (y0 + y1) * cross;
    }
    if (Math.abs(a) > bestArea && a !== 0) {
      bestArea = Math.abs(a);
      best = [cx / (3 * a), cy / (3 * a)];
    }
  }
  return best;
}

interface Props {
  map: WardMapData;
  shapes: Shapes;
  /** Wards drawn with a thick outline (default: the map's neighbourhood). */
  outlined?: ReadonlySet<string>;
  /** Clicking a ward (the Neighbourhood screen ticks or unticks it). */
  onWardClick?: (code: string) => void;
  height: number;
  renderer?: 'canvas' | 'svg';
  testId?: string;
  onFinished?: () => void;
}

export function WardMap({ map, shapes, outlined, onWardClick, height, renderer = 'canvas', testId, onFinished }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ChartInstance | null>(null);
  const token = useRef({});
  const click = useRef(onWardClick);
  click.current = onWardClick;
  const finished = useRef(onFinished);
  finished.current = onFinished;
  const large = useLargeText();
  const [points, setPoints] = useState<{ code: string; x: number; y: number }[]>([]);
  const mapName = mapNameOf(shapes);
  const outline = useMemo(() => outlined ?? new Set(map.neighbourhood?.wards ?? []), [outlined, map.neighbourhood]);
  const centres = useMemo(() => shapes.features.map((f) => ({ code: String(f.id), centre: centreOf(f) })), [shapes]);

  useLayoutEffect(() => {
    const el = box.current!;
    const c = echarts.init(el, null, { renderer, locale: 'EN' });
    chart.current = c;
    const me = token.current;
    const place = () => {
      const out: { code: string; x: number; y: number }[] = [];
      for (const { code, centre } of centres) {
        if (!centre) continue;
        const px = c.convertToPixel({ seriesIndex: 0 }, centre) as number[] | undefined;
        if (px && Number.isFinite(px[0]) && Number.isFinite(px[1])) out.push({ code, x: px[0]!, y: px[1]! });
      }
      setPoints(out);
    };
    c.on('finished', () => {
      chartFinished(me);
      const w = (window.__spendmapMap ??= { drawn: 0, at: 0 });
      w.drawn++;
      w.at = performance.now();
      place();
      finished.current?.();
    });
    c.on('click', (p) => {
      if (p.componentType === 'series' && typeof p.name === 'string') click.current?.(p.name);
    });
    // Only a real change of size redraws (the observer also reports the first size).
    let size = `${el.clientWidth}x${el.clientHeight}`;
    const observer = new ResizeObserver(() => {
      const now = `${el.clientWidth}x${el.clientHeight}`;
      if (now === size) return;
      size = now;
      chartPending(me);
      c.resize();
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      chartGone(me);
      c.dispose();
      chart.current = null;
    };
  }, [renderer, centres]);

  const font = large ? 18 : 13;
  useLayoutEffect(() => {
    const c = chart.current;
    if (!c) return;
    chartPending(token.current);
    c.setOption(mapOption(map, mapName, outline, font), { notMerge: true });
  }, [map, mapName, outline, font, renderer, centres]);

  useEffect(() => () => setPoints([]), []);
  const showTip = (code: string) => chart.current?.dispatchAction({ type: 'showTip', seriesIndex: 0, name: code });
  const anyMissing = map.wards.some((w) => w.class === null);

  return (
    <div className="ward-map" data-testid={testId}>
      <div className="ward-map-canvas" style={{ position: 'relative', height }}>
        <div ref={box} className="chart" style={{ height }} role="img" aria-label={`${map.title}: hover a ward, or tab to its point, for its figures`} />
        {points.map((p) => (
          <button
            key={p.code}
            type="button"
            className="ward-map-point"
            data-ward={p.code}
            aria-label={wardTip(map, p.code)}
            aria-pressed={onWardClick ? outline.has(p.code) : undefined}
            style={{ left: p.x, top: p.y }}
            onFocus={() => showTip(p.code)}
            onBlur={() => chart.current?.dispatchAction({ type: 'hideTip' })}
            onClick={() => click.current?.(p.code)}
            tabIndex={0}
          />
        ))}
      </div>
      <ul className="ward-map-legend" aria-label="Legend">
        {map.legend.map((label, i) => (
          <li key={label}>
            <span className="swatch" style={{ background: map.colours[i] }} />
            {label}
          </li>
        ))}
        {anyMissing && (
          <li>
            <span className="swatch" style={{ background: NO_FIGURE_COLOUR }} />
            no figure
          </li>
        )}
        {outline.size > 0 && (
          <li>
            <span className="swatch outline" />
            {onWardClick ? 'ticked' : (map.neighbourhood?.name ?? 'outlined')}
          </li>
        )}
      </ul>
      <p className="ward-map-attribution">{map.attribution}</p>
    </div>
  );
}
