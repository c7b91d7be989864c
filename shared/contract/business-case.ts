// Contract: the business case (issue 17) — proposals stored in the project, evaluated
// by the exact engine (shared/engine/cba), the unit cost database, and the workbook.
// A proposal crosses as unknown JSON: the backend validates it and refuses with the
// field named (`outcomes[2].benefit_to: shares add to 90, not 100`), which a schema
// error at the boundary could not say as plainly.
import { z } from 'zod';
import { COST_KINDS, VALUE_TYPES } from '../domain/proposal';
import { empty, fileInput, obj } from './schemas';

const money = z.number().int();
const ratio = z.number().nullable();

export const cbaFigures = z.object({
  pv_costs_pence: money,
  pv_benefits_pence: z.object({ total: money, fiscal: money, economic: money, social: money }),
  npv_pence: money,
  bcr_fiscal: ratio,
  bcr_all: ratio,
  roi: ratio,
  payback_year: z.number().int().nullable(),
  baseline_drawn_pence: money,
  years: z.array(z.object({ year: z.number().int(), costs_pence: money, benefits_pence: money })),
  by_partner: z.array(
    z.object({ partner: z.string(), pv_costs_pence: money, pv_benefits_pence: money, pv_cashable_pence: money, net_pence: money }),
  ),
  sensitivity: z.object({ low_npv_pence: money, high_npv_pence: money }),
});

export const cbaEvaluation = z.object({ figures: cbaFigures, notes: z.array(z.string()) });

export const unitCost = z.object({
  code: z.string(),
  theme: z.string(),
  detail: z.string(),
  description: z.string(),
  unit: z.string(),
  cost_gbp: z.string(),
  agency: z.string(),
  agency_detail: z.string(),
  price_year: z.string(),
});

export const proposalSummary = z.object({
  id: z.number().int(),
  name: z.string(),
  neighbourhood: z.string(),
  years: z.number().int(),
  updatedAt: z.string(),
});

/** A proposal as proposal.json holds it; validated by the backend (shared/domain/proposal.ts). */
const proposalJson = z.record(z.string(), z.unknown());
const proposalName = z.string().min(1).max(100);

/** Where a proposal to evaluate comes from: one saved in the project, a file, or unsaved edits (exactly one). */
const proposalSource = obj({ name: proposalName.optional(), file: fileInput.optional(), proposal: proposalJson.optional() });

export const cbaMethods = {
  'cba.unitCosts': {
    kind: 'query',
    input: obj({ theme: z.string().max(60).optional(), words: z.string().max(200).optional(), limit: z.number().int().min(1).max(1000).optional() }),
    output: z.object({ title: z.string(), attribution: z.string(), themes: z.array(z.string()), count: z.number().int(), entries: z.array(unitCost) }),
  },
  'cba.list': { kind: 'query', input: empty, output: z.array(proposalSummary) },
  /** The saved proposal, with every default filled in. */
  'cba.get': { kind: 'query', input: obj({ name: proposalName }), output: z.record(z.string(), z.unknown()) },
  /** Creates or replaces a proposal (by name; `previousName` renames one). Undoable. */
  'cba.save': {
    kind: 'command',
    input: obj({ proposal: proposalJson, previousName: proposalName.optional() }),
    output: z.object({ summary: proposalSummary, evaluation: cbaEvaluation.nullable() }),
  },
  'cba.delete': { kind: 'command', input: obj({ name: proposalName }), output: z.object({ deleted: z.boolean() }) },
  /** Reads a proposal.json and saves it into the project (replacing one of the same name). */
  'cba.import': { kind: 'command', input: obj({ file: fileInput }), output: z.object({ summary: proposalSummary, fileName: z.string() }) },
  /** The proposal as proposal.json text. */
  'cba.export': { kind: 'query', input: obj({ name: proposalName }), output: z.object({ fileName: z.string(), json: z.string() }) },
  'cba.evaluate': { kind: 'query', input: proposalSource, output: cbaEvaluation },
  /** The business-case workbook (live formulas): written to `path`, or returned as bytes. */
  'cba.workbook': {
    kind: 'query',
    input: obj({ name: proposalName, path: z.string().min(1).max(4096).optional() }),
    output: z.object({ fileName: z.string(), path: z.string().nullable(), base64: z.string().nullable(), bytes: z.number().int() }),
  },
} as const;

export { COST_KINDS, VALUE_TYPES };
