// Every SQL statement on column_mappings: the import column choices remembered per
// partner, so the next file in the same layout imports without asking again.
import type { Units } from '../../../shared/domain/types';
import type { Db } from '../store/database';
import { prepared } from '../store/prepared';

/** A remembered mapping as stored (the mapping still JSON text). */
export interface ColumnMappingRow {
  partner_key: string;
  mapping: string;
  units: Units;
}

/** Every remembered mapping, the latest first. */
export function columnMappingRows(db: Db): ColumnMappingRow[] {
  return prepared(db, 'SELECT partner_key, mapping, units FROM column_mappings ORDER BY updated_at DESC').all() as ColumnMappingRow[];
}

/** Remembers a partner's mapping, replacing the one it had. */
export function saveColumnMapping(db: Db, partnerKey: string, mapping: string, units: Units): void {
  prepared(
    db,
    `INSERT INTO column_mappings (partner_key, mapping, units, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(partner_key) DO UPDATE SET mapping = excluded.mapping, units = excluded.units, updated_at = excluded.updated_at`,
  ).run(partnerKey, mapping, units, new Date().toISOString());
}
