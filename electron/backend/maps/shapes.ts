// The project's ward shapes as GeoJSON: its authority's TopoJSON from the reference
// build, turned into features and cut down to the project's own wards. Shapes never
// change under a project, so they are kept per project and ward list.
import type { FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { AppError } from '../../../shared/contract/result';
import type { Project } from '../project/project';
import { authorityShapes } from '../reference/shapes';

export interface ProjectShapes {
  geojson: FeatureCollection<Geometry, { name: string }>;
  attribution: string;
}

const cache = new WeakMap<Project, { key: string; shapes: ProjectShapes }>();

export function projectShapes(project: Project): ProjectShapes {
  const s = project.settings();
  const codes = project.wards().map((w) => w.code);
  const key = `${s.packId}|${s.ladCode}|${codes.join(',')}`;
  const hit = cache.get(project);
  if (hit && hit.key === key) return hit.shapes;
  const { topology, attribution } = authorityShapes(s.packId, s.ladCode);
  const topo = topology as Topology<{ wards: GeometryCollection<{ name: string }> }>;
  const all = feature(topo, topo.objects.wards) as FeatureCollection<Geometry, { name: string }>;
  const byCode = new Map(all.features.map((f) => [String(f.id), f]));
  const missing = codes.filter((c) => !byCode.has(c));
  if (missing.length)
    throw new AppError('NOT_FOUND', `The ${s.packId} ward shapes have no shape for ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}.`);
  const shapes: ProjectShapes = { geojson: { type: 'FeatureCollection', features: codes.map((c) => byCode.get(c)!) }, attribution };
  cache.set(project, { key, shapes });
  return shapes;
}
