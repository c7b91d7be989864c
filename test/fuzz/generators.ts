// Seeded generators of partner files, good and hostile: budget CSVs, budget XLSX
// workbooks and ward-proxy CSVs. Input i of seed s is always the same bytes, so any
// failure is reproduced with `npm run test:fuzz -- --seed s --only i`.
// One generator per kind of file, in test/fuzz/generate/.
import { rng } from '../../scripts/lib/rng';
import { budgetCsv } from './generate/budget-csv';
import { budgetXlsx } from './generate/budget-xlsx';
import type { FuzzContext, FuzzInput } from './generate/common';
import { proxyCsv } from './generate/proxy-csv';
import { colName } from './xlsx';

export type { FuzzContext, FuzzInput, Target } from './generate/common';

/** Input `index` of the run with `seed`: budget CSV 60%, budget XLSX 20%, proxy CSV 20%. */
export function generate(seed: number, index: number, ctx: FuzzContext): FuzzInput {
  const r = rng((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  const x = r();
  if (x < 0.6) return budgetCsv(r, ctx, index);
  if (x < 0.8) return budgetXlsx(r, ctx, index);
  return proxyCsv(r, ctx, index);
}

export { colName };
