// Every SQL statement on proxies and proxy_values: the ward measures lines are allocated
// by, standard (from the reference pack) and custom (imported). Creating a project,
// importing and deleting proxies, and the years' convert and roll forward go through here.
import { packProxyNames, type ReferencePack } from '../../../shared/domain/reference';
import type { ProxyRow } from '../project/project';
import type { PackWard } from '../reference/packs';
import type { Db } from '../store/database';
import { plucked, prepared } from '../store/prepared';

/** Every proxy in the project's order: the pack's in its order, then custom ones. */
export function proxyRows(db: Db): ProxyRow[] {
  const rows = prepared(db, 'SELECT id, name, label, source, year, custom FROM proxies ORDER BY position, name').all() as (Omit<ProxyRow, 'custom'> & {
    custom: number;
  })[];
  return rows.map((p) => ({ ...p, custom: p.custom === 1 }));
}

/** Every stored value: proxy name, ward code, value (a ward without one has no row). */
export function proxyValueRows(db: Db): { name: string; ward: string; value: number }[] {
  return prepared(db, 'SELECT p.name, v.ward_code AS ward, v.value FROM proxy_values v JOIN proxies p ON p.id = v.proxy_id').all() as {
    name: string;
    ward: string;
    value: number;
  }[];
}

/** One proxy's values, ward code → value. */
export function proxyWardValues(db: Db, proxyId: number): Record<string, number> {
  const rows = prepared(db, 'SELECT ward_code, value FROM proxy_values WHERE proxy_id = ?').all(proxyId) as { ward_code: string; value: number }[];
  return Object.fromEntries(rows.map((r) => [r.ward_code, r.value]));
}

export function proxyIdByName(db: Db, name: string): number | undefined {
  return plucked(db, 'SELECT id FROM proxies WHERE name = ?').get(name) as number | undefined;
}

/** The custom proxies in order (converting wards re-apportions their values). */
export function customProxies(db: Db): { id: number; name: string }[] {
  return prepared(db, 'SELECT id, name FROM proxies WHERE custom = 1 ORDER BY position, name').all() as { id: number; name: string }[];
}

export interface NewProxy {
  name: string;
  label: string;
  source: string;
  year: string;
  custom: boolean;
  position: number;
}
/** A new proxy's id. */
export function insertProxy(db: Db, p: NewProxy): number {
  return Number(
    prepared(db, 'INSERT INTO proxies (name, label, source, year, custom, position) VALUES (?, ?, ?, ?, ?, ?)').run(p.name, p.label, p.source, p.year, p.custom ? 1 : 0, p.position)
      .lastInsertRowid,
  );
}

/** The position after the last proxy: where a new custom proxy goes. */
export function nextProxyPosition(db: Db): number {
  return plucked(db, 'SELECT COALESCE(MAX(position), 0) + 1 FROM proxies').get() as number;
}

export function updateProxyDescription(db: Db, id: number, d: { label: string; source: string; year: string }): void {
  prepared(db, 'UPDATE proxies SET label = ?, source = ?, year = ? WHERE id = ?').run(d.label, d.source, d.year, id);
}

export function addProxyValues(db: Db, proxyId: number, values: Iterable<readonly [string, number]>): void {
  const insert = prepared(db, 'INSERT INTO proxy_values (proxy_id, ward_code, value) VALUES (?, ?, ?)');
  for (const [ward, value] of values) insert.run(proxyId, ward, value);
}

/** A proxy's values replaced as a whole (re-importing it). */
export function replaceProxyValues(db: Db, proxyId: number, values: Iterable<readonly [string, number]>): void {
  prepared(db, 'DELETE FROM proxy_values WHERE proxy_id = ?').run(proxyId);
  addProxyValues(db, proxyId, values);
}

/** Deletes a proxy; its values go with it (ON DELETE CASCADE). */
export function deleteProxyRow(db: Db, id: number): void {
  prepared(db, 'DELETE FROM proxies WHERE id = ?').run(id);
}

/** The pack's standard proxies with their values for these wards, in the pack's order (positions from 0). */
export function writePackProxies(db: Db, pack: ReferencePack, wards: readonly PackWard[]): number {
  const names = packProxyNames(pack);
  names.forEach((p, i) => {
    const meta = pack.proxies[p]!;
    const id = insertProxy(db, { name: p, label: meta.label, source: `${meta.source} [${pack.id}]`, year: meta.year, custom: false, position: i });
    addProxyValues(
      db,
      id,
      wards.flatMap((w) => {
        const v = w.values[i];
        return v !== null && v !== undefined ? [[w.code, v] as const] : [];
      }),
    );
  });
  return names.length;
}

// Converting wards: every value names an old ward, and the standard proxies come anew from the new pack.
export function clearProxyValues(db: Db): void {
  prepared(db, 'DELETE FROM proxy_values').run();
}
export function deleteStandardProxies(db: Db): void {
  prepared(db, 'DELETE FROM proxies WHERE custom = 0').run();
}
/** A custom proxy converted from another ward vintage, placed after the new standard ones. */
export function markProxyConverted(db: Db, id: number, position: number, fromPack: string): void {
  prepared(db, 'UPDATE proxies SET position = ?, converted_from = ? WHERE id = ?').run(position, fromPack, id);
}

/** Rolling forward: custom proxies without a year are given the year they were this year's. */
export function dateUndatedCustomProxies(db: Db, year: string): void {
  prepared(db, "UPDATE proxies SET year = ? WHERE custom = 1 AND trim(year) = ''").run(year);
}
