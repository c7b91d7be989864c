// Contract: a project over years and ward vintages (issue 15) — roll forward to next
// year, convert to another ward vintage, compare a neighbourhood in two projects.
import { z } from 'zod';
import { obj, pence } from './schemas';

const statusPence = z.object({ mainstream: pence, aligned: pence, virtual: pence, pooled: pence });
const confidencePence = z.object({ green: pence, amber: pence, red: pence });

/** One side's neighbourhood figures (money in pence). */
export const compareFigures = z.object({
  total_pence: pence,
  per_head_gbp: z.number().nullable(),
  influenceable_pence: pence,
  confidence_pence: confidencePence,
  status_pence: statusPence,
});

export const compareSide = compareFigures.extend({
  file: z.string(),
  year: z.string(),
  pack: z.string(),
  wards: z.array(z.string()),
  population: z.number().nullable(),
});

export const comparison = z.object({
  authority: z.object({ code: z.string(), name: z.string() }),
  neighbourhood: z.string(),
  a: compareSide,
  b: compareSide,
  /** b's money figures in a's prices (b × index(a) ÷ index(b), half up to the penny), when an index is given. */
  b_in_a_prices: compareFigures.nullable(),
  index: z.object({ a: z.string(), b: z.string() }).nullable(),
  partners: z.array(z.object({ partner: z.string(), a_pence: pence, b_pence: pence, change_pence: z.number().int() })),
  lines: z.array(
    z.object({
      ref: z.string(),
      change: z.enum(['added', 'removed', 'amount', 'status', 'amount_status']),
      partner: z.string(),
      a_amount_pence: pence.nullable(),
      b_amount_pence: pence.nullable(),
      a_status: z.string().nullable(),
      b_status: z.string().nullable(),
      /** The line's pence in the neighbourhood in each file (null where absent or not allocated). */
      a_pence: pence.nullable(),
      b_pence: pence.nullable(),
    }),
  ),
});
export type Comparison = z.infer<typeof comparison>;

const outFile = { out: z.string().min(1).max(4096), force: z.boolean().optional() };

export const yearsMethods = {
  /** Writes next year's project from the open one; the open file is not changed. */
  'years.rollForward': {
    kind: 'query',
    input: obj({ year: z.string().min(1).max(20), ...outFile }),
    output: z.object({ path: z.string(), fileName: z.string(), year: z.string(), lines: z.number().int(), leftOut: z.array(z.string()) }),
  },
  /** Writes the open project on another ward vintage; the open file is not changed. */
  'years.convert': {
    kind: 'query',
    input: obj({ pack: z.string().min(1).max(40), ...outFile }),
    output: z.object({
      path: z.string(),
      fileName: z.string(),
      from: z.string(),
      to: z.string(),
      wards: z.number().int(),
      report: z.array(z.object({ oldWard: z.string(), newWard: z.string(), weight: z.string(), share: z.string() })),
      neighbourhoods: z.array(z.object({ name: z.string(), oldWards: z.array(z.string()), newWards: z.array(z.string()) })),
      siteLines: z.array(z.object({ ref: z.string(), from: z.string(), ward: z.string() })),
    }),
  },
  /** The open project (a) against another file (b) of the same authority, for one neighbourhood. */
  'years.compare': {
    kind: 'query',
    input: obj({
      other: z.string().min(1).max(4096),
      neighbourhood: z.string().min(1).max(100),
      /** A price index by financial year (e.g. a GDP deflator), values as decimal text. */
      index: z.array(obj({ year: z.string().max(20), index: z.string().max(40) })).max(1000).optional(),
    }),
    output: comparison,
  },
} as const;
