// Ward shapes from WGS84 to a flat drawing: an equirectangular projection centred on the
// authority (x scaled by cos of its mid-latitude), fitted to a box. At the size of one
// authority this is within a fraction of a pixel of a proper conformal projection.

/** The GeoJSON this needs (WGS84 [lon, lat] positions), kept here so shared/ imports no package. */
type Position = number[];
export type MapGeometry =
  | { type: 'Polygon'; coordinates: Position[][] }
  | { type: 'MultiPolygon'; coordinates: Position[][][] }
  | { type: 'GeometryCollection'; geometries: MapGeometry[] }
  | { type: string };
export interface MapShapes {
  features: { geometry: MapGeometry | null }[];
}

export interface Fitted {
  width: number;
  height: number;
  /** One SVG path `d` per feature, in the collection's order. */
  paths: string[];
}

function rings(g: MapGeometry): Position[][] {
  if (g.type === 'Polygon') return (g as { coordinates: Position[][] }).coordinates;
  if (g.type === 'MultiPolygon') return (g as { coordinates: Position[][][] }).coordinates.flat();
  if (g.type === 'GeometryCollection') return (g as { geometries: MapGeometry[] }).geometries.flatMap(rings);
  return [];
}

/** The features projected and fitted: each feature's rings as flat [x0, y0, x1, y1, …] in drawing units. */
export interface FittedRings {
  width: number;
  height: number;
  rings: number[][][];
}

/** Projects and fits the features into width × (at most) maxHeight, keeping their shape. */
export function fitRings(shapes: MapShapes, width: number, maxHeight: number): FittedRings {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  const all = shapes.features.map((f) => (f.geometry ? rings(f.geometry) : []));
  for (const rs of all) for (const r of rs) for (const [lon, lat] of r) {
    if (lon! < minX) minX = lon!;
    if (lon! > maxX) maxX = lon!;
    if (lat! < minY) minY = lat!;
    if (lat! > maxY) maxY = lat!;
  }
  if (!Number.isFinite(minX)) return { width, height: 0, rings: all.map(() => []) };
  const k = Math.cos((((minY + maxY) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxX - minX) * k, 1e-9);
  const spanY = Math.max(maxY - minY, 1e-9);
  const scale = Math.min(width / spanX, maxHeight / spanY);
  const dx = (width - spanX * scale) / 2;
  const out = all.map((rs) => rs.map((r) => r.flatMap(([lon, lat]) => [dx + (lon! - minX) * k * scale, (maxY - lat!) * scale])));
  return { width, height: Math.ceil(spanY * scale), rings: out };
}

/** The same fit as SVG path data (one `d` per feature, to 0.1 unit). */
export function fitShapes(shapes: MapShapes, width: number, maxHeight: number): Fitted {
  const f = fitRings(shapes, width, maxHeight);
  const paths = f.rings.map((rs) =>
    rs
      .map((r) => {
        const pts: string[] = [];
        for (let i = 0; i < r.length; i += 2) pts.push(`${r[i]!.toFixed(1)},${r[i + 1]!.toFixed(1)}`);
        return 'M' + pts.join('L') + 'Z';
      })
      .join(''),
  );
  return { width, height: f.height, paths };
}
