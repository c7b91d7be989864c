// The hand-made Kingston (2024 wards) project of mapping.test.ts: its custom proxies,
// its lines of every basis, its direct ward figures and neighbourhoods, and the files
// a user writes to bring them in with the CLI.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { budgetRow, type BudgetRow } from '../helpers/budget';
import { toCsvText } from '../helpers/csv';
import { packWards, type PackFile } from '../helpers/exact-method';
import { resourcesDir } from '../helpers/paths';

export const KINGSTON = 'E09000021';
export const NORBITON = 'E05013941';
export const NEW_MALDEN = 'E05013940';
export const TOLWORTH = 'E05013945';
const KINGSTON_TOWN = 'E05013938';

const pack = JSON.parse(readFileSync(join(resourcesDir, 'reference', 'wards2024.json'), 'utf8')) as PackFile;
export const WARDS = packWards(pack, KINGSTON);
export const CODES = WARDS.map((w) => w.code);
export const EXACT_WARDS = WARDS.map((w) => ({ code: w.code, population: w.values.population!, imdScore: w.values.imd_score! }));

// ---------------------------------------------------------------------------------
// The hand-made project: custom proxies, lines of every basis, direct figures.

/** pupils: every ward, as a partner might type them (thousands separators, decimals). */
export const PUPILS: Record<string, string> = Object.fromEntries(
  CODES.map((c, i) => [c, i % 3 === 0 ? `1,${String(100 + 37 * i).padStart(3, '0')}.5` : String(250 + 61 * i)]),
);
/** pupils again, replaced later. */
export const PUPILS_2: Record<string, string> = Object.fromEntries(CODES.map((c, i) => [c, String(((i * 7919) % 1000) + 0.25)]));
/** crimes: two wards without a value. */
export const CRIMES_MISSING = ['E05013933', 'E05013946'];
export const CRIMES: Record<string, string> = Object.fromEntries(
  CODES.filter((c) => !CRIMES_MISSING.includes(c)).map((c, i) => [c, String(40 + 13 * i)]),
);
/** zeros: 0 in every ward, so Σ weight = 0 and a line on it cannot be allocated. */
export const ZEROS: Record<string, string> = Object.fromEntries(CODES.map((c) => [c, '0']));

export interface Line {
  ref: string;
  partner: string;
  type: string;
  gbp: string;
  basis: string;
  beta?: string;
  pct?: string;
  confidence?: 'green' | 'amber' | 'red';
  site?: string;
}

const COUNCIL = 'Kingston Council';
const ICB = 'South West London ICB';
const POLICE = 'Metropolitan Police';
export const KVA = 'Kingston Voluntary Action';

export const LINES: Line[] = [
  { ref: 'C-POP', partner: COUNCIL, type: 'council', gbp: '1234567.89', basis: 'population', pct: '12.5' },
  { ref: 'H-INC', partner: ICB, type: 'health', gbp: '987654.32', basis: 'income_deprived', beta: '0.5', pct: '33.3' },
  { ref: 'C-KIDS', partner: COUNCIL, type: 'council', gbp: '2500000.01', basis: 'children_0_15', beta: '1', pct: '7.25' },
  // Same amount as C-KIDS: the 80:20 order breaks the tie by ref.
  { ref: 'B-OLD', partner: COUNCIL, type: 'council', gbp: '2500000.01', basis: 'older_60_plus', beta: '0.75' },
  { ref: 'P-EVEN', partner: POLICE, type: 'police', gbp: '45678.91', basis: 'even', beta: '0.25', pct: '50' },
  // Lower-case ref: sorts after every upper-case ref in code-point order. β = 0 on
  // `even`: all fractional parts tie, so the pennies go to the lowest ward codes.
  { ref: 'b-even0', partner: POLICE, type: 'police', gbp: '1000.01', basis: 'even', beta: '0', pct: '99.99' },
  // The only line of its partner in the neighbourhood: 1234565 × 50% = 617282.5 → 617283 (half up).
  { ref: 'V-SITE', partner: KVA, type: 'vcs', gbp: '12345.65', basis: 'site', site: NORBITON, pct: '50' },
  { ref: 'H-DIR', partner: ICB, type: 'health', gbp: '10000', basis: 'direct', pct: '20' },
  { ref: 'H-DIRX', partner: ICB, type: 'health', gbp: '5000', basis: 'direct', pct: '15.5' },
  { ref: 'C-DIR0', partner: COUNCIL, type: 'council', gbp: '7777.77', basis: 'direct', pct: '10' },
  { ref: 'P-CRIME', partner: POLICE, type: 'police', gbp: '300000', basis: 'crimes', beta: '0.5', pct: '25' },
  { ref: 'C-EMP', partner: COUNCIL, type: 'council', gbp: '654321', basis: 'employment_deprived', beta: '0.35', confidence: 'green' },
  { ref: 'H-PUP', partner: ICB, type: 'health', gbp: '123456.78', basis: 'pupils', beta: '0.5', pct: '40', confidence: 'red' },
  { ref: 'Z-ZERO', partner: KVA, type: 'vcs', gbp: '2000', basis: 'zeros', pct: '10' },
];

/** Direct ward figures: H-DIR adds up; H-DIRX is a penny short; C-POP is not a direct line. */
export const DIRECT: [string, string, string][] = [
  ['H-DIR', NORBITON, '4000.00'],
  ['H-DIR', NEW_MALDEN, '3500'],
  ['H-DIR', TOLWORTH, '2500.00'],
  ['H-DIRX', NORBITON, '1234.56'],
  ['H-DIRX', KINGSTON_TOWN, '3765.43'],
  ['C-POP', CODES[0]!, '99.99'],
];

export const NEIGHBOURHOODS = [
  { name: 'Norbiton', wards: [NORBITON] },
  { name: 'Norbiton & New Malden', wards: [NORBITON, NEW_MALDEN] },
];

// ---------------------------------------------------------------------------------
// The files a user writes.

export function writeProxyCsv(dir: string, name: string, values: Record<string, string>, extra: string[][] = []): string {
  const p = join(dir, name);
  writeFileSync(p, toCsvText([['ward_code', 'value'], ...Object.entries(values), ...extra]));
  return p;
}

export function writeRows(dir: string, name: string, rows: string[][]): string {
  const p = join(dir, name);
  writeFileSync(p, toCsvText(rows));
  return p;
}

export function budgetRows(lines: Line[]): BudgetRow[] {
  return lines.map((l) =>
    budgetRow({
      ref: l.ref,
      partner: l.partner,
      partner_type: l.type,
      service: `Service ${l.ref}`,
      amount_gbp: l.gbp,
      basis: l.basis,
      deprivation_weight: l.beta ?? '',
      discretionary_pct: l.pct ?? '',
      confidence: l.confidence ?? '',
      site_ward: l.site ?? '',
    }),
  );
}
