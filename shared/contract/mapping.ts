// Contract: the ward split of every line, and neighbourhood figures.
import { z } from 'zod';
import { lineFilter, partnerTotals } from './line-filter';
import { confidence, empty, fileInput, obj, pence, spendLine } from './schemas';

export const mappingRow = z.object({
  line: spendLine,
  /** The confidence the basis suggests (the line's own may be an override). */
  suggested: confidence,
  allocated: z.boolean(),
  /** Why the line could not be allocated (null when it was). */
  reason: z.string().nullable(),
  /** direct lines whose ward figures do not add up: Σ figures − amount, in pence. */
  directDifference: z.number().int().nullable(),
  /** Pence per ward, in the order of `wards` (null when not allocated). */
  wardPence: z.array(z.number().int().nonnegative()).nullable(),
  /** Pence in the chosen neighbourhood's wards. */
  neighbourhoodPence: pence.nullable(),
  /**
   * The ward and neighbourhood figures as the grid shows them: whole pounds (in pence) rounded
   * over each column by largest remainder, so a column adds up to its total shown (null when not allocated).
   */
  shown: z.object({ wardPence: z.array(z.number().int().nonnegative()), neighbourhoodPence: pence.nullable() }).nullable(),
  focus: z.boolean(),
});

/**
 * Every line's ref and whole pence per ward, checked where they lie: z.array(z.object)
 * would copy each line and its list (the ward split of 2,025 lines × 32 wards is 65,000
 * figures), and compile a parser for one call of a CLI run.
 */
const splitLines = z.custom<{ ref: string; amounts: number[] }[]>(
  (v) =>
    Array.isArray(v) &&
    v.every((l: unknown) => {
      if (typeof l !== 'object' || l === null) return false;
      const { ref, amounts } = l as { ref?: unknown; amounts?: unknown };
      return typeof ref === 'string' && Array.isArray(amounts) && amounts.every((x) => Number.isSafeInteger(x));
    }),
  'must be a list of lines, each a ref and its whole pence per ward',
);

const mappingQuery = {
  sort: obj({ field: z.string().max(40), dir: z.enum(['asc', 'desc']) }).optional(),
  ...lineFilter,
  neighbourhood: z.string().max(100).optional(),
};

export const summarySchema = z.object({
  neighbourhood: z.string(),
  wards: z.array(z.string()),
  population: z.number().nullable(),
  borough_population: z.number().nullable(),
  total_pence: z.number().int(),
  borough_total_pence: z.number().int(),
  per_head_gbp: z.number().nullable(),
  borough_per_head_gbp: z.number().nullable(),
  influenceable_pence: z.number().int(),
  confidence_pence: z.object({ green: z.number().int(), amber: z.number().int(), red: z.number().int() }),
  sensitivity: z.object({ low_pence: z.number().int(), high_pence: z.number().int() }),
  focus_refs: z.array(z.string()),
  unallocated: z.array(z.object({ ref: z.string(), reason: z.string() })),
  by_partner: z.array(z.object({ partner: z.string(), total_pence: z.number().int(), influenceable_pence: z.number().int() })),
  status_pence: z.object({ mainstream: z.number().int(), aligned: z.number().int(), virtual: z.number().int(), pooled: z.number().int() }),
});
export type Summary = z.infer<typeof summarySchema>;

export const summaryDetail = z.object({
  /** agreed_pence: the part of total_pence on lines their partner has signed off (agreed). */
  summary: summarySchema.extend({ agreed_pence: z.number().int() }),
  /** Σ by theme: a line with several themes counts in each (so themes overlap). */
  byTheme: z.array(z.object({ theme: z.string(), totalPence: z.number().int() })),
  /** Per partner: neighbourhood and borough figures and per head. */
  partners: z.array(
    z.object({
      partner: z.string(),
      type: z.string(),
      totalPence: z.number().int(),
      boroughPence: z.number().int(),
      influenceablePence: z.number().int(),
      perHeadGbp: z.number().nullable(),
      boroughPerHeadGbp: z.number().nullable(),
      lowPence: z.number().int(),
      highPence: z.number().int(),
    }),
  ),
  /** One line of "how this was worked out" per figure. */
  explain: z.record(z.string(), z.string()),
  /** The range including each line's actual figure (the brief's range can miss it by a penny of rounding). */
  containing: z.object({ low_pence: z.number().int(), high_pence: z.number().int() }),
});
export type SummaryDetail = z.infer<typeof summaryDetail>;

const mappingTotals = z.object({
  wardPence: z.array(z.number().int()),
  allocatedPence: pence,
  totalPence: pence,
  neighbourhoodPence: pence.nullable(),
  /** The lines shown, per partner (their Σ is totalPence), when asked. */
  partners: partnerTotals.optional(),
});

/** The neighbourhood strip above the Mapping grid: the summary's headline figures (not its lists of refs). */
export const stripSchema = summarySchema.pick({
  neighbourhood: true,
  total_pence: true,
  per_head_gbp: true,
  borough_per_head_gbp: true,
  influenceable_pence: true,
  confidence_pence: true,
  sensitivity: true,
});
export type Strip = z.infer<typeof stripSchema>;

/** What the Mapping screen repaints after an edit: the edited rows, the bottom row and the strip. */
export const mappingRepaint = z.object({
  rows: z.array(mappingRow),
  count: z.number().int(),
  totals: mappingTotals,
  strip: stripSchema.nullable(),
});

export const mappingMethods = {
  'mapping.page': {
    kind: 'query',
    /** subtotals: per-partner subtotals too (the grid asks with its first block only). */
    input: obj({ offset: z.number().int().min(0), limit: z.number().int().min(1).max(2000), ...mappingQuery, subtotals: z.boolean().optional() }),
    output: z.object({
      wards: z.array(z.object({ code: z.string(), name: z.string(), population: z.number().nullable(), imdScore: z.number().nullable() })),
      neighbourhoodWards: z.array(z.string()),
      rows: z.array(mappingRow),
      count: z.number().int(),
      totals: mappingTotals,
    }),
  },
  'mapping.rows': {
    kind: 'query',
    input: obj({ ids: z.array(z.number().int()).min(1).max(5000), neighbourhood: z.string().max(100).optional() }),
    output: z.object({ rows: z.array(mappingRow) }),
  },
  'mapping.allocate': {
    kind: 'query',
    input: empty,
    output: z.object({
      wards: z.array(z.string()),
      lines: splitLines,
      unallocated: z.array(z.object({ ref: z.string(), reason: z.string() })),
      /** direct lines allocated with figures that do not add up to the line: Σ figures − amount. */
      flagged: z.array(z.object({ ref: z.string(), directDifference: z.number().int() })),
    }),
  },
  'summary.neighbourhood': {
    kind: 'query',
    input: obj({ name: z.string().min(1).max(100) }),
    output: summaryDetail,
  },

  // Ward figures given for direct lines (the partner's own split).
  'direct.import': {
    kind: 'command',
    input: obj({ file: fileInput, includeHidden: z.boolean().optional() }),
    output: z.object({
      figures: z.number().int(),
      lines: z.number().int(),
      mismatches: z.array(z.object({ ref: z.string(), linePence: pence, directPence: pence })),
      notDirect: z.array(z.string()),
      fileName: z.string(),
    }),
  },
  'direct.get': {
    kind: 'query',
    input: obj({ lineId: z.number().int() }),
    output: z.array(z.object({ ward: z.string(), amountPence: pence })),
  },
  'direct.set': {
    kind: 'command',
    input: obj({ lineId: z.number().int(), figures: z.array(obj({ ward: z.string().max(20), amount: z.string().max(40) })).max(10_000) }),
    output: z.object({ mismatch: z.object({ ref: z.string(), linePence: pence, directPence: pence }).nullable() }),
  },
} as const;
