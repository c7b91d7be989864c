// Builds resources/reference/unit-costs.json from ../shared/data/appraisal (SOURCES.md §9):
// the GMCA Unit Cost Database's 674 fiscal unit costs, each with its price year, and the
// Green Book discount rate. Run by `npm run reference:build`; byte-identical on rebuild.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { parseDecimal } from '../../shared/decimal';
import type { UnitCost } from '../../shared/engine/cba/unit-costs';

const CSV = 'appraisal/GMCA_unit_cost_database_fiscal.csv';
const PARAMETERS = 'appraisal/green_book_appraisal_parameters.json';
const COLUMNS = ['code', 'category', 'detail', 'description', 'unit', 'cost_gbp', 'agency', 'agency_detail', 'source_detail'];

/** "500.0" → "500", "12.50" → "12.5": the exact decimal, in its shortest form. */
function plainDecimal(text: string, where: string): string {
  const r = parseDecimal(text);
  if (!r || r.n < 0n || /e/i.test(text)) throw new Error(`${where}: "${text}" is not an amount in pounds`);
  const [int, frac = ''] = text.trim().split('.');
  const trimmed = frac.replace(/0+$/, '');
  return `${BigInt(int!)}${trimmed ? `.${trimmed}` : ''}`;
}

export interface UnitCostResource {
  format: 1;
  title: string;
  attribution: string;
  licence: string;
  source_sha256: string;
  discount_rate: { years_from: number; years_to: number | null; rate: number }[];
  unit_costs: UnitCost[];
}

export function buildUnitCosts(dataDir: string): UnitCostResource {
  const bytes = readFileSync(join(dataDir, CSV));
  const parsed = Papa.parse<Record<string, string>>(bytes.toString('utf8'), { header: true, skipEmptyLines: true });
  if (parsed.errors.length) throw new Error(`${CSV}:${(parsed.errors[0]!.row ?? 0) + 2}: ${parsed.errors[0]!.message}`);
  const header = parsed.meta.fields ?? [];
  if (header.join(',') !== COLUMNS.join(',')) throw new Error(`${CSV}: expected the columns ${COLUMNS.join(',')}`);
  const seen = new Set<string>();
  const unit_costs = parsed.data.map((r, i): UnitCost => {
    const where = `${CSV}:${i + 2}`;
    const code = r.code!.trim();
    if (!code || seen.has(code)) throw new Error(`${where}:code: "${code}" is blank or repeated`);
    seen.add(code);
    const year = /^(\d{4})\/(\d{2})$/.exec(r.source_detail!.trim());
    if (!year || (Number(year[1]) + 1) % 100 !== Number(year[2])) throw new Error(`${where}:source_detail: "${r.source_detail}" is not a price year like 2010/11`);
    return {
      code,
      theme: r.category!.trim(),
      detail: r.detail!.trim(),
      description: r.description!.trim(),
      unit: r.unit!.trim(),
      cost_gbp: plainDecimal(r.cost_gbp!, `${where}:cost_gbp`),
      agency: r.agency!.trim(),
      agency_detail: r.agency_detail!.trim(),
      price_year: `${year[1]}-${year[2]}`,
    };
  });
  const params = JSON.parse(readFileSync(join(dataDir, PARAMETERS), 'utf8')) as {
    discount_rate_stpr: { schedule: { years_from: number; years_to: number | null; rate: number }[] };
  };
  return {
    format: 1,
    title: 'GMCA Research, Unit Cost Database (fiscal costs)',
    attribution: 'GMCA Research, Unit Cost Database',
    licence: 'Creative Commons (GO Lab, University of Oxford)',
    source_sha256: createHash('sha256').update(bytes).digest('hex'),
    discount_rate: params.discount_rate_stpr.schedule.map((b) => ({ years_from: b.years_from, years_to: b.years_to, rate: b.rate })),
    unit_costs,
  };
}

/** One entry per line: diffs stay readable, and the same input gives the same bytes. */
export function serialiseUnitCosts(r: UnitCostResource): string {
  const { unit_costs, ...head } = r;
  const headText = JSON.stringify(head, null, 1).replace(/\n}$/, '');
  return `${headText},\n "unit_costs": [\n${unit_costs.map((u) => `  ${JSON.stringify(u)}`).join(',\n')}\n ]\n}\n`;
}

export function writeUnitCosts(dataDir: string, outDir: string): number {
  const r = buildUnitCosts(dataDir);
  writeFileSync(join(outDir, 'unit-costs.json'), serialiseUnitCosts(r));
  return r.unit_costs.length;
}
