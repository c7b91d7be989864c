// The unit cost database: rebuilt from the official file, byte-identical to the shipped
// resource, with the entries SOURCES.md §9 describes; searched by theme and words.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildUnitCosts, serialiseUnitCosts } from '../../scripts/appraisal/build';
import { searchUnitCosts } from '../../shared/engine/cba';
import { findUnitCost, unitCostDatabase } from '../../electron/backend/business-case/unit-costs';

const dataDir = join(__dirname, '../../../shared/data');
const shipped = join(__dirname, '../../resources/reference/unit-costs.json');

describe('unit cost database', () => {
  const built = buildUnitCosts(dataDir);

  it('rebuilds byte for byte from ../shared/data', () => {
    expect(serialiseUnitCosts(built)).toBe(readFileSync(shipped, 'utf8'));
    expect(serialiseUnitCosts(buildUnitCosts(dataDir))).toBe(serialiseUnitCosts(built));
  });

  it('holds the 674 fiscal unit costs in seven themes, each with its price year', () => {
    const counts: Record<string, number> = {};
    for (const u of built.unit_costs) counts[u.theme] = (counts[u.theme] ?? 0) + 1;
    expect(counts).toEqual({ CRIME: 184, HEALTH: 201, 'SOCIAL SERVICES': 137, 'EMPLOYMENT & ECONOMY': 75, HOUSING: 36, 'EDUCATION & SKILLS': 26, FIRE: 15 });
    for (const u of built.unit_costs) expect(u.price_year).toMatch(/^(\d{4})-(\d{2})$/);
    // SOURCES.md's examples: a child taken into care £51,080 a year; a new JSA claim £71.
    expect(findUnitCost('SS1.0')).toMatchObject({ cost_gbp: '51080', unit: expect.stringMatching(/year/i) });
    expect(findUnitCost('e&e1.6')).toMatchObject({ code: 'E&E1.6', cost_gbp: '71' });
    expect(built.discount_rate[0]).toEqual({ years_from: 0, years_to: 30, rate: 0.035 });
  });

  it('is searched by theme and words, ignoring case', () => {
    const all = unitCostDatabase().all;
    const care = searchUnitCosts(all, { theme: 'social services', words: 'CHILD care' });
    expect(care.length).toBeGreaterThan(0);
    expect(care.map((u) => u.code)).toContain('SS1.0');
    for (const u of care) {
      expect(u.theme).toBe('SOCIAL SERVICES');
      expect(`${u.description} ${u.detail}`.toLowerCase()).toMatch(/child/);
    }
    expect(searchUnitCosts(all, { theme: 'FIRE' })).toHaveLength(15);
    expect(searchUnitCosts(all, { words: 'jsa claim' }).map((u) => u.code)).toContain('E&E1.6');
    expect(searchUnitCosts(all, { words: 'zzzz nothing' })).toEqual([]);
    expect(searchUnitCosts(all, { limit: 5 })).toHaveLength(5);
  });
});
