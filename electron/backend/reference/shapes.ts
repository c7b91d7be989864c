// Ward map shapes and ward crosswalks shipped beside the reference packs
// (resources/reference/shapes/<pack>/, resources/reference/crosswalks/). A project
// reads only its own authority's shapes file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../shared/contract/result';
import type { AuthorityCrosswalk, CrosswalkFile } from '../../../shared/engine/convert/crosswalk';
import { resourcesDir } from '../resources';

interface ShapesIndex {
  source: { attribution: string };
  authorities: [lad: string, file: string, sha256: string, wards: number, bytes: number][];
}

export interface AuthorityShapes {
  /** TopoJSON: objects.wards is a GeometryCollection, one geometry per ward (id = ward code, properties.name). */
  topology: unknown;
  /** The attribution every map drawn from it must show. */
  attribution: string;
}

const indexes = new Map<string, ShapesIndex>();

function shapesIndex(packId: string): ShapesIndex {
  let index = indexes.get(packId);
  if (!index) {
    if (!/^[a-z0-9]+$/.test(packId)) throw new AppError('NOT_FOUND', `There is no reference pack "${packId}".`);
    try {
      index = JSON.parse(readFileSync(join(resourcesDir(), 'reference', 'shapes', packId, 'index.json'), 'utf8')) as ShapesIndex;
    } catch {
      throw new AppError('NOT_FOUND', `There are no ward shapes for the pack "${packId}".`);
    }
    indexes.set(packId, index);
  }
  return index;
}

export function authorityShapes(packId: string, ladCode: string): AuthorityShapes {
  const index = shapesIndex(packId);
  const code = ladCode.trim().toUpperCase();
  const entry = index.authorities.find(([lad]) => lad === code);
  if (!entry) throw new AppError('NOT_FOUND', `"${ladCode}" has no ward shapes in the ${packId} pack. List authorities with: authorities --pack ${packId}.`);
  const topology = JSON.parse(readFileSync(join(resourcesDir(), 'reference', 'shapes', packId, entry[1]), 'utf8')) as unknown;
  return { topology, attribution: index.source.attribution };
}

/** The crosswalk of one authority (its code in the `from` pack) between two packs, or a NOT_FOUND naming the pairs there are. */
export function authorityCrosswalk(from: string, to: string, ladCode: string): { file: CrosswalkFile; authority: AuthorityCrosswalk } {
  const index = JSON.parse(readFileSync(join(resourcesDir(), 'reference', 'index.json'), 'utf8')) as {
    crosswalks: { from: string; to: string; file: string }[];
  };
  const entry = index.crosswalks.find((c) => c.from === from && c.to === to);
  if (!entry)
    throw new AppError('NOT_FOUND', `Spendmap cannot convert ${from} to ${to}. It converts: ${index.crosswalks.map((c) => `${c.from} → ${c.to}`).join(', ')}.`);
  const file = JSON.parse(readFileSync(join(resourcesDir(), 'reference', entry.file), 'utf8')) as CrosswalkFile;
  const authority = file.authorities[ladCode.trim().toUpperCase()];
  if (!authority) throw new AppError('NOT_FOUND', `"${ladCode}" is not an authority of the ${from} pack, so it has no ${from} → ${to} crosswalk.`);
  return { file, authority };
}
