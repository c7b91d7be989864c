// Ward map shapes (issue 16 item 1): rebuilt byte-identical, one file per authority,
// every ward of every pack with a non-empty shape, borders shared (each border arc
// used by at most two wards, in opposite directions), under the 4 MB budget.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { feature, neighbors } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Polygon, MultiPolygon } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildShapes, serialiseShapesIndex } from '../../scripts/reference/shapes';
import type { ReferencePack } from '../../shared/domain/reference';
import { sha256, sha256File } from '../helpers/hash';
import { dataDir, resourcesDir } from '../helpers/paths';

const PACKS = ['wards2019', 'wards2024', 'wards2025'] as const;
const KINGSTON = 'E09000021';
const dirOf = (id: string) => join(resourcesDir, 'reference', 'shapes', id);
const packOf = (id: string) => JSON.parse(readFileSync(join(resourcesDir, 'reference', `${id}.json`), 'utf8')) as ReferencePack;
type Index = { source: { file: string; sha256: string; attribution: string }; authorities: [string, string, string, number, number][] };
type WardTopology = Topology<{ wards: GeometryCollection<{ name: string }> }>;

/** Shoelace area of a ring in degrees² (sign ignored). */
const ringArea = (ring: number[][]) => Math.abs(ring.reduce((s, [x, y], i) => { const [u, v] = ring[(i + 1) % ring.length]!; return s + x! * v! - u! * y!; }, 0)) / 2;

describe.each(PACKS)('%s ward shapes', (id) => {
  let pack: ReferencePack;
  let index: Index;
  beforeAll(() => {
    pack = packOf(id);
    index = JSON.parse(readFileSync(join(dirOf(id), 'index.json'), 'utf8')) as Index;
  });

  it('rebuild byte-identical from the boundary file: every authority file and the index', () => {
    const shapes = buildShapes(pack, dataDir);
    expect(serialiseShapesIndex(id, shapes)).toBe(readFileSync(join(dirOf(id), 'index.json'), 'utf8'));
    for (const a of shapes.authorities) if (a.text !== readFileSync(join(dirOf(id), `${a.lad}.json`), 'utf8')) expect.fail(`${id}/${a.lad}.json differs from a rebuild`);
    expect(readdirSync(dirOf(id)).sort()).toEqual([...shapes.authorities.map((a) => `${a.lad}.json`), 'index.json'].sort());
  });

  it('has one file per authority, listed with sha256 and byte size, all under 4 MB together, with the map attribution', () => {
    expect(index.authorities.map((a) => a[0])).toEqual(pack.authorities.map(([c]) => c));
    let total = 0;
    for (const [lad, file, hash, wards, bytes] of index.authorities) {
      expect(file).toBe(`${lad}.json`);
      expect(sha256File(join(dirOf(id), file))).toBe(hash);
      expect(readFileSync(join(dirOf(id), file)).length).toBe(bytes);
      expect(wards).toBe(pack.wards.filter((w) => pack.authorities[w[2]]![0] === lad).length);
      total += bytes;
    }
    expect(total).toBeLessThan(4 * 1024 * 1024);
    const listed = (JSON.parse(readFileSync(join(resourcesDir, 'reference', 'index.json'), 'utf8')) as { packs: { id: string; shapes: unknown }[] }).packs.find((p) => p.id === id);
    expect(listed?.shapes).toEqual({ index: `shapes/${id}/index.json`, sha256: sha256File(join(dirOf(id), 'index.json')), bytes: total });
    expect(index.source.sha256).toBe(sha256File(join(dataDir, index.source.file)));
    expect(index.source.attribution).toBe(
      'Contains OS data © Crown copyright and database right; Source: Office for National Statistics licensed under the OGL v3.0',
    );
  });

  it('gives every ward of the pack a shape of positive area, under its code and name, and shares borders', () => {
    for (const [i, [lad]] of pack.authorities.entries()) {
      const topo = JSON.parse(readFileSync(join(dirOf(id), `${lad}.json`), 'utf8')) as WardTopology;
      const wards = pack.wards.filter((w) => w[2] === i);
      const geoms = topo.objects.wards.geometries;
      expect(geoms.map((g) => [g.id, (g.properties as { name: string }).name])).toEqual(wards.map((w) => [w[0], w[1]]));
      for (const g of geoms) {
        const f = feature(topo, g) as unknown as { geometry: Polygon | MultiPolygon };
        const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
        const area = polys.reduce((s, p) => s + ringArea(p[0]!), 0);
        if (!(area > 0)) expect.fail(`${id} ${lad} ${String(g.id)}: empty shape`);
      }
      // No overlap: an arc is walked by at most two wards, and then in opposite directions.
      const uses = new Map<number, number[]>();
      const walk = (a: unknown): void => {
        if (Array.isArray(a)) return a.forEach(walk);
        const i = a as number;
        const k = i < 0 ? ~i : i;
        uses.set(k, [...(uses.get(k) ?? []), i]);
      };
      for (const g of geoms) walk((g as unknown as { arcs: unknown }).arcs);
      for (const [arc, u] of uses) {
        // An arc quantized to a single point (two junctions closer than the grid) bounds nothing.
        if ((topo.arcs[arc] as number[][]).slice(1).every(([dx, dy]) => dx === 0 && dy === 0)) continue;
        if (u.length > 2 || (u.length === 2 && (u[0]! < 0) === (u[1]! < 0))) expect.fail(`${id} ${lad}: arc ${arc} used ${JSON.stringify(u)}`);
      }
    }
  });

  it("Kingston's wards each touch a neighbour along a shared arc", () => {
    const lad = KINGSTON;
    const topo = JSON.parse(readFileSync(join(dirOf(id), `${lad}.json`), 'utf8')) as WardTopology;
    const n = neighbors(topo.objects.wards.geometries as never);
    expect(n).toHaveLength(id === 'wards2019' ? 16 : 19);
    for (const list of n) expect(list.length).toBeGreaterThan(0);
    expect(sha256(JSON.stringify(topo))).toBe(sha256(readFileSync(join(dirOf(id), `${lad}.json`), 'utf8').trimEnd()));
  });
});

describe('backend loaders', () => {
  it("authorityShapes reads one authority's file, with the attribution; an unknown one is NOT_FOUND", async () => {
    const { authorityShapes, authorityCrosswalk } = await import('../../electron/backend/reference/shapes');
    const k = authorityShapes('wards2025', ' e09000021 ');
    expect(k.attribution).toMatch(/^Contains OS data © Crown copyright/);
    const pack = packOf('wards2025');
    const at = pack.authorities.findIndex(([c]) => c === KINGSTON);
    expect((k.topology as WardTopology).objects.wards.geometries.map((g) => g.id)).toEqual(pack.wards.filter((w) => w[2] === at).map((w) => w[0]));
    expect(() => authorityShapes('wards2025', 'E09999999')).toThrow(/has no ward shapes in the wards2025 pack/);
    expect(() => authorityShapes('../x', KINGSTON)).toThrow(/no reference pack/);
    expect(authorityCrosswalk('wards2019', 'wards2025', KINGSTON).authority.pairs.length).toBeGreaterThan(16);
    expect(() => authorityCrosswalk('wards2025', 'wards2019', KINGSTON)).toThrow(/cannot convert wards2025 to wards2019/);
  });
});
