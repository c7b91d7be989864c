// The shipped reference packs: ward lists and standard proxies per local authority.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../shared/contract/result';
import type { ReferencePack } from '../../../shared/domain/reference';
import { resourcesDir } from '../resources';

export interface PackSummary {
  id: string;
  title: string;
  file: string;
  sha256: string;
  wards: number;
  authorities: number;
}

export interface AuthoritySummary {
  ladCode: string;
  ladName: string;
  wards: number;
}

export interface PackWard {
  code: string;
  name: string;
  values: (number | null)[]; // in the order of the pack's proxies (packProxyNames)
}

const loaded = new Map<string, ReferencePack>();

export function listPacks(): PackSummary[] {
  const index = JSON.parse(readFileSync(join(resourcesDir(), 'reference', 'index.json'), 'utf8')) as { packs: PackSummary[] };
  return index.packs;
}

export function loadPack(id: string): ReferencePack {
  const hit = loaded.get(id);
  if (hit) return hit;
  const summary = listPacks().find((p) => p.id === id);
  if (!summary)
    throw new AppError('NOT_FOUND', `There is no reference pack "${id}". Use one of: ${listPacks().map((p) => p.id).join(', ')}.`);
  const pack = JSON.parse(readFileSync(join(resourcesDir(), 'reference', summary.file), 'utf8')) as ReferencePack;
  loaded.set(id, pack);
  return pack;
}

export function listAuthorities(packId: string): AuthoritySummary[] {
  const pack = loadPack(packId);
  const counts = new Array<number>(pack.authorities.length).fill(0);
  for (const w of pack.wards) counts[w[2]]!++;
  return pack.authorities.map(([ladCode, ladName], i) => ({ ladCode, ladName, wards: counts[i]! }));
}

export function authorityWards(packId: string, ladCode: string): { ladName: string; wards: PackWard[] } {
  const pack = loadPack(packId);
  const code = ladCode.trim().toUpperCase();
  const index = pack.authorities.findIndex(([c]) => c === code);
  if (index < 0)
    throw new AppError(
      'NOT_FOUND',
      `"${ladCode}" is not a local authority in the ${packId} pack. List them with: authorities --pack ${packId}.`,
    );
  const wards = pack.wards
    .filter((w) => w[2] === index)
    .map((w) => ({ code: w[0], name: w[1], values: w.slice(3) as (number | null)[] }));
  return { ladName: pack.authorities[index]![1], wards };
}
