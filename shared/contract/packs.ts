// Contract: Excel packs for partners and neighbourhoods, and the round trip back
// (electron/backend/packs). Money in integer pence; every change a pack proposes is
// shown to the user and applied only when accepted.
import { z } from 'zod';
import { empty, fileInput, obj, problem } from './schemas';

export const PACK_KINDS = ['partner', 'neighbourhood'] as const;
export const packKind = z.enum(PACK_KINDS);

/** Fields a partner may change in a pack, in the order a review lists them. */
export const PACK_FIELDS = ['amount', 'basis', 'beta', 'discretionaryPct', 'status', 'confidence', 'siteWard', 'direct'] as const;
export type PackField = (typeof PACK_FIELDS)[number];

export const packPlanItem = z.object({
  /** The file name the pack will have (no folder). */
  name: z.string(),
  kind: packKind,
  /** The partner's or the neighbourhood's name. */
  subject: z.string(),
  lines: z.number().int(),
});

export const packFile = packPlanItem.extend({
  /** Full path of the file written. */
  path: z.string(),
  bytes: z.number().int(),
});
export type PackFile = z.infer<typeof packFile>;

export const packChange = z.object({
  /** Stable within a review: what packs.apply accepts. */
  id: z.string(),
  lineId: z.number().int(),
  ref: z.string(),
  partner: z.string(),
  field: z.enum(PACK_FIELDS),
  /** The field as a user knows it: "amount", "basis", "β", "discretionary %", ... */
  label: z.string(),
  /** The value in the project now, as text. */
  before: z.string(),
  /** The value in the returned pack, as text. */
  after: z.string(),
  /** The value when the pack was exported. */
  exported: z.string(),
  /** The project's value changed since the pack was exported: accepting overwrites that change. */
  conflict: z.boolean(),
  /** Anything the user should know before accepting. */
  note: z.string().nullable(),
  /** Where the partner typed it: "Lines!F7". */
  cell: z.string(),
});
export type PackChange = z.infer<typeof packChange>;

export const packReview = z.object({
  fileName: z.string(),
  kind: packKind,
  subject: z.string(),
  /** When the pack was exported (ISO time) and by which Spendmap version. */
  exportedAt: z.string(),
  exportedBy: z.string(),
  /** Identifies this exact review: packs.apply refuses if the pack or the project changed since. */
  reviewId: z.string(),
  changes: z.array(packChange),
  /** Refs in the pack that are not lines of this project (a pack never adds lines). */
  unknownRefs: z.array(z.object({ ref: z.string(), cell: z.string() })),
  /** Lines exported in the pack whose rows are no longer in it (a pack never deletes lines). */
  missingRefs: z.array(z.string()),
  /** Values the pack holds that Spendmap cannot take (not offered as changes). */
  problems: z.array(problem),
  /** Lines checked. */
  lines: z.number().int(),
});
export type PackReview = z.infer<typeof packReview>;

export const packMethods = {
  /** What an export would write, and where by default (the project's folder + "/packs"). */
  'packs.plan': {
    kind: 'query',
    input: empty,
    output: z.object({ folder: z.string(), packs: z.array(packPlanItem) }),
  },
  /** One pack per partner and one per neighbourhood into the folder: all of them, or none. */
  'packs.export': {
    kind: 'query',
    input: obj({ folder: z.string().min(1).max(4096) }),
    output: z.object({ folder: z.string(), files: z.array(packFile) }),
  },
  /** Reads a returned pack and lists what the partner changed; changes nothing. */
  'packs.review': {
    kind: 'query',
    input: obj({ file: fileInput }),
    output: packReview,
  },
  /** Applies the accepted changes of a reviewed pack (the rest are rejected), with the file name in the audit log. */
  'packs.apply': {
    kind: 'command',
    input: obj({
      file: fileInput,
      reviewId: z.string().min(1).max(200),
      accept: z.array(z.string().min(1).max(200)).max(100_000),
    }),
    output: z.object({
      fileName: z.string(),
      applied: z.number().int(),
      rejected: z.number().int(),
      lines: z.number().int(),
    }),
  },
} as const;
