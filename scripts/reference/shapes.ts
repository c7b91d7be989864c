// Ward map shapes per pack (issue 16 item 1): the official boundaries made into one
// topology (so neighbouring wards share their border arcs), simplified once with
// topojson-simplify, then cut into one small quantized TopoJSON per authority, so a
// project loads only its own wards and they never gap or overlap.
import { createHash } from 'node:crypto';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { bbox, quantize } from 'topojson-client';
import { topology } from 'topojson-server';
import { presimplify, quantile, simplify } from 'topojson-simplify';
import type { GeometryObject, Objects, Topology } from 'topojson-specification';
import type { ReferencePack } from '../../shared/domain/reference';
import { OGL, readRaw, type FileSource } from './tables';

/** The attribution every map must carry (SOURCES.md §7, issue 16 item 5). */
export const MAP_ATTRIBUTION =
  'Contains OS data © Crown copyright and database right; Source: Office for National Statistics licensed under the OGL v3.0';

export const BOUNDARY_FILES: Record<string, { file: string; dataset: string; keep: number }> = {
  // keep: the share of the boundary points (by weight) that survive simplification,
  // chosen so each pack's shapes stay well under the 4 MB budget (docs/method.md).
  wards2019: { file: 'boundaries/Wards_December_2019_BGC_England.geojson.gz', dataset: 'Wards (December 2019) Boundaries, generalised clipped (BGC)', keep: 0.2 },
  wards2024: { file: 'boundaries/Wards_May_2024_BSC_England.geojson.gz', dataset: 'Wards (May 2024) Boundaries, super generalised clipped (BSC)', keep: 0.8 },
  wards2025: { file: 'boundaries/Wards_December_2025_BGC_England.geojson.gz', dataset: 'Wards (December 2025) Boundaries, generalised clipped (BGC)', keep: 0.2 },
};

/** Grid of each authority's quantized coordinates: 1/10,000 of its extent (Cornwall: about 15 m). */
const QUANTIZATION = 10_000;

type WardProps = { ward_code: string; ward_name: string };

export interface AuthorityShapes {
  lad: string;
  /** TopoJSON with one object, `wards`: a GeometryCollection, one geometry per ward (id = ward code, properties.name). */
  text: string;
  wards: number;
}

export interface PackShapes {
  source: FileSource & { dataset: string };
  authorities: AuthorityShapes[];
}

type Arcs = number[][] | number[][][];

function arcIndices(g: GeometryObject): Arcs {
  if (g.type === 'Polygon') return g.arcs;
  if (g.type === 'MultiPolygon') return g.arcs;
  throw new Error(`unexpected ${g.type} in ward shapes`);
}

export function buildShapes(pack: ReferencePack, dataDir: string): PackShapes {
  const spec = BOUNDARY_FILES[pack.id];
  if (!spec) throw new Error(`no boundary file for pack ${pack.id}`);
  const raw = readRaw(dataDir, spec.file);
  const fc = JSON.parse(raw.text) as FeatureCollection<Polygon | MultiPolygon, WardProps>;
  const features = new Map<string, Feature<Polygon | MultiPolygon, WardProps>>();
  for (const f of fc.features) features.set(f.properties.ward_code, f);
  const missing = pack.wards.filter((w) => !features.has(w[0])).map((w) => w[0]);
  if (missing.length) throw new Error(`${spec.file}: no shape for ${missing.length} ward(s) of ${pack.id}: ${missing.slice(0, 10).join(', ')}`);

  // Every boundary feature goes into the topology (so arcs split where any ward meets
  // another), in file order; only the pack's wards are written out.
  const topo = topology({ wards: fc }) as unknown as Topology<Objects<object>>;
  const pre = presimplify(topo);
  // Keep each arc's most significant inner point, so no ring can collapse to a line.
  for (const arc of pre.arcs as unknown as number[][][]) {
    let best = -1;
    for (let i = 1; i < arc.length - 1; i++) if (best < 0 || arc[i]![2]! > arc[best]![2]!) best = i;
    if (best > 0) arc[best]![2] = Infinity;
  }
  const simple = simplify(pre, quantile(pre, spec.keep)) as Topology<Objects<object>>;
  const geometries = (simple.objects.wards as unknown as { geometries: (GeometryObject & { properties: WardProps })[] }).geometries;
  const byCode = new Map(geometries.map((g) => [g.properties.ward_code, g]));

  const authorities = pack.authorities.map(([lad], index) => {
    const wards = pack.wards.filter((w) => w[2] === index);
    const used = new Map<number, number>();
    const arcs: number[][][] = [];
    const remap = (i: number): number => {
      const k = i < 0 ? ~i : i;
      let j = used.get(k);
      if (j === undefined) {
        used.set(k, (j = arcs.length));
        arcs.push(simple.arcs[k] as unknown as number[][]);
      }
      return i < 0 ? ~j : j;
    };
    const out = wards.map(([code, name]) => {
      const g = byCode.get(code)!;
      const a = arcIndices(g);
      const mapped =
        g.type === 'Polygon'
          ? (a as number[][]).map((ring) => ring.map(remap))
          : (a as number[][][]).map((poly) => poly.map((ring) => ring.map(remap)));
      return { type: g.type, id: code, properties: { name }, arcs: mapped };
    });
    const sub = { type: 'Topology', objects: { wards: { type: 'GeometryCollection', geometries: out } }, arcs } as unknown as Topology<Objects<object>>;
    const q = quantize({ ...sub, bbox: bbox(sub) }, QUANTIZATION);
    return { lad, text: JSON.stringify(q) + '\n', wards: wards.length };
  });
  return { source: { ...raw.source, dataset: spec.dataset }, authorities };
}

/**
 * shapes/<pack>/index.json: the source and attribution, and per authority its file,
 * sha256 and ward count, so a project opens only its own authority's file.
 */
export function serialiseShapesIndex(packId: string, shapes: PackShapes): string {
  const spec = BOUNDARY_FILES[packId]!;
  const head = {
    format: 1,
    pack: packId,
    source: { ...shapes.source, publisher: 'Office for National Statistics', licence: OGL, attribution: MAP_ATTRIBUTION },
    method: `topojson-server topology of every boundary feature, topojson-simplify (Visvalingam, planar, keeping ${spec.keep} of the points by weight and each arc's most significant point), one TopoJSON per authority quantized to ${QUANTIZATION} steps of its extent`,
  };
  return [
    '{',
    ...Object.entries(head).map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)},`),
    '"authorities": [',
    shapes.authorities
      .map((a) => JSON.stringify([a.lad, `${a.lad}.json`, createHash('sha256').update(a.text).digest('hex'), a.wards, Buffer.byteLength(a.text)]))
      .join(',\n'),
    ']',
    '}',
  ].join('\n') + '\n';
}
