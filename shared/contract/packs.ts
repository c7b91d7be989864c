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

/** The sign-off block of a returned pack's Read me sheet, as the partner filled it in. */
export const packSignOff = z.object({
  name: z.string(),
  role: z.string(),
  organisation: z.string(),
  /** The date signed, YYYY-MM-DD. */
  date: z.string(),
  /** "I agree these figures" / "... with the changes I have made". */
  agreement: z.enum(['agree', 'with-changes']),
});
export type PackSignOff = z.infer<typeof packSignOff>;

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
  /** The sign-off, when filled in completely (null when blank or incomplete: see signOffProblems). */
  signoff: packSignOff.nullable(),
  /** Each cell of a partly filled sign-off block to fix. */
  signOffProblems: z.array(problem),
  /** The pack's lines that changed in Spendmap since it was exported (by fingerprint), in pack order; fields as a user knows them. */
  changedSinceExport: z.array(z.object({ ref: z.string(), fields: z.array(z.string()) })),
  /** The pack's lines a sign-off would agree: the partner's lines in the pack, not changed in Spendmap since export. */
  signOffRefs: z.array(z.string()),
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
      /** Accept the pack's sign-off: lines with accepted changes become corrected, then signOffRefs agreed. */
      acceptSignOff: z.boolean().optional(),
    }),
    output: z.object({
      fileName: z.string(),
      applied: z.number().int(),
      rejected: z.number().int(),
      lines: z.number().int(),
      /** Lines agreed by the sign-off (0 when not accepted). */
      agreed: z.number().int(),
    }),
  },
} as const;
