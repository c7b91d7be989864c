// Contract: the workshop view — a neighbourhood's figures for charts, with live
// "what if" changes that are not saved unless the user says so.
import { z } from 'zod';
import { summaryDetail } from './mapping';
import { obj, spendLine } from './schemas';

/** Unsaved changes to try out: per line, or β for all of a partner's shared lines. */
export const whatIf = obj({
  lines: z
    .array(
      obj({
        id: z.number().int(),
        basis: z.string().max(40).optional(),
        beta: z.number().min(0).max(1).optional(),
        discretionaryPct: z.number().min(0).max(100).optional(),
      }),
    )
    .max(10_000),
  partners: z.array(obj({ partner: z.string().max(200), beta: z.number().min(0).max(1) })).max(1000),
});
export type WhatIf = z.infer<typeof whatIf>;

/** The business case's what-if (the Workshop card): people × %, success and optimism bias ± points. */
export const proposalWhatIf = obj({
  cohortPct: z.number().min(0).max(200),
  successPts: z.number().min(-100).max(100),
  biasPts: z.number().min(-100).max(100),
});
export type ProposalWhatIf = z.infer<typeof proposalWhatIf>;

export const wardFigure = z.object({
  code: z.string(),
  name: z.string(),
  inNeighbourhood: z.boolean(),
  population: z.number().nullable(),
  imdScore: z.number().nullable(),
  totalPence: z.number().int(),
  perHeadGbp: z.number().nullable(),
});

export const workshopMethods = {
  'workshop.view': {
    kind: 'query',
    input: obj({
      neighbourhood: z.string().min(1).max(100),
      whatIf: whatIf.optional(),
      /** Send the saved lines too (default true); a what-if redraw already has them. */
      withLines: z.boolean().optional(),
    }),
    output: z.object({
      detail: summaryDetail,
      wards: z.array(wardFigure),
      /** The lines the what-if panel offers, as saved (empty when withLines is false). */
      lines: z.array(spendLine),
      /** Problems with the what-if (a basis that is not in the project, an unknown line). */
      whatIfProblems: z.array(z.string()),
    }),
  },
  /** The one-page summary as a PDF, printed by Chromium from the print view of the screen. */
  'workshop.pdf': {
    kind: 'query',
    input: obj({
      neighbourhood: z.string().min(1).max(100),
      whatIf: whatIf.optional(),
      largeText: z.boolean().optional(),
      /** A saved proposal: its business-case charts on a second page. */
      proposal: z.string().min(1).max(100).optional(),
      proposalWhatIf: proposalWhatIf.optional(),
    }),
    output: z.object({ fileName: z.string(), base64: z.string() }),
  },
  'workshop.apply': {
    kind: 'command',
    input: obj({ whatIf }),
    output: z.object({ saved: z.number().int() }),
  },
} as const;
