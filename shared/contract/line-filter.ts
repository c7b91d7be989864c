// Contract: the filter bar of the Partners & budgets and Mapping grids, applied by the
// backend's page query (the grids page through 20,000 lines), and its per-partner subtotals.
import { z } from 'zod';
import { STATUSES } from '../domain/types';
import { confidence, pence } from './schemas';

/** Every field optional; a line is shown when all the given ones hold. */
export const lineFilter = {
  partner: z.string().max(200).optional(),
  search: z.string().max(200).optional(),
  basis: z.string().max(40).optional(),
  status: z.enum(STATUSES).optional(),
  confidence: confidence.optional(),
  /** true: only the 80:20 focus lines; false: only the others. */
  focus: z.boolean().optional(),
  toConfirm: z.boolean().optional(),
};

/** Per partner, the lines a filter shows: counts and totals add up to the query's. */
export const partnerTotals = z.array(z.object({ partner: z.string(), count: z.number().int(), totalPence: pence }));
