// The unit cost database as the backend reads it (resources/reference/unit-costs.json,
// built by scripts/appraisal/build.ts): loaded once, looked up by code.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { UnitCost } from '../../../shared/engine/cba/unit-costs';
import { resourcesDir } from '../resources';

export interface UnitCostDatabase {
  title: string;
  attribution: string;
  all: UnitCost[];
  byCode: Map<string, UnitCost>;
  themes: string[];
}

let cached: UnitCostDatabase | null = null;

export function unitCostDatabase(): UnitCostDatabase {
  if (cached) return cached;
  const raw = JSON.parse(readFileSync(join(resourcesDir(), 'reference', 'unit-costs.json'), 'utf8')) as { title: string; attribution: string; unit_costs: UnitCost[] };
  const all = raw.unit_costs;
  // Codes are matched without regard to case, as a user types them.
  const byCode = new Map(all.map((u) => [u.code.toUpperCase(), u]));
  return (cached = { title: raw.title, attribution: raw.attribution, all, byCode, themes: [...new Set(all.map((u) => u.theme))] });
}

export function findUnitCost(code: string): UnitCost | undefined {
  return unitCostDatabase().byCode.get(code.trim().toUpperCase());
}
