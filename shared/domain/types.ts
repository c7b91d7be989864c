// Domain vocabulary shared by backend and screens (docs/brief.md, "Concepts").

export const PARTNER_TYPES = ['council', 'health', 'police', 'dwp', 'fire', 'housing', 'vcs', 'other'] as const;
export type PartnerType = (typeof PARTNER_TYPES)[number];

export const STATUSES = ['mainstream', 'aligned', 'virtual', 'pooled'] as const;
export type Status = (typeof STATUSES)[number];

export const CONFIDENCES = ['green', 'amber', 'red'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

export const UNITS = ['pounds', 'thousands', 'millions'] as const;
export type Units = (typeof UNITS)[number];

/** Pence per unit of an imported amount. */
export const PENCE_PER_UNIT: Record<Units, bigint> = { pounds: 100n, thousands: 100_000n, millions: 100_000_000n };

/** The canonical budget template's header, in order (docs/brief.md). */
export const TEMPLATE_COLUMNS = [
  'ref',
  'partner',
  'partner_type',
  'service',
  'description',
  'amount_gbp',
  'year',
  'basis',
  'deprivation_weight',
  'discretionary_pct',
  'status',
  'confidence',
  'themes',
  'site_ward',
] as const;
export type TemplateColumn = (typeof TEMPLATE_COLUMNS)[number];

/** Columns a file must map for its lines to be imported. */
export const REQUIRED_COLUMNS: readonly TemplateColumn[] = ['partner', 'partner_type', 'amount_gbp', 'basis'];

export interface SpendLine {
  id: number;
  ref: string;
  partner: string;
  partnerType: PartnerType;
  service: string;
  description: string;
  amountPence: number;
  year: string;
  basis: string;
  beta: number;
  discretionaryPct: number;
  status: Status;
  /** The user's override, or null for the suggested confidence. */
  confidenceOverride: Confidence | null;
  confidenceReason: string | null;
  /** Override, else suggested from the basis. */
  confidence: Confidence;
  themes: string[];
  siteWard: string | null;
  /** Why the line still needs confirming (carried forward, converted); null or absent once edited. */
  toConfirm?: string | null;
}

/** The fields of a line a user can set, as text or values (grid edits, pasted cells, imports). */
export const EDITABLE_FIELDS = [
  'ref',
  'partner',
  'partnerType',
  'service',
  'description',
  'amount',
  'year',
  'basis',
  'beta',
  'discretionaryPct',
  'status',
  'confidence',
  'themes',
  'siteWard',
] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

/** Template column for each editable field: how errors name a column the user knows. */
export const FIELD_COLUMN: Record<EditableField, TemplateColumn> = {
  ref: 'ref',
  partner: 'partner',
  partnerType: 'partner_type',
  service: 'service',
  description: 'description',
  amount: 'amount_gbp',
  year: 'year',
  basis: 'basis',
  beta: 'deprivation_weight',
  discretionaryPct: 'discretionary_pct',
  status: 'status',
  confidence: 'confidence',
  themes: 'themes',
  siteWard: 'site_ward',
};

/**
 * Suggested confidence from the basis (docs/brief.md): these bases are green, these
 * red, any other (a proxy) amber. The one statement of the rule: the grid's SQL sort
 * calls suggestedConfidence (budgets/lines-store.ts) and packs list it per basis
 * (the SM_Suggested list their Lines sheet looks the basis up in).
 */
export const SUGGESTED_CONFIDENCE = { green: ['direct', 'site'], red: ['population', 'even'], otherwise: 'amber' } as const;

export function suggestedConfidence(basis: string): Confidence {
  if ((SUGGESTED_CONFIDENCE.green as readonly string[]).includes(basis)) return 'green';
  if ((SUGGESTED_CONFIDENCE.red as readonly string[]).includes(basis)) return 'red';
  return SUGGESTED_CONFIDENCE.otherwise;
}

export const CONFIDENCE_LETTER: Record<Confidence, string> = { green: 'G', amber: 'A', red: 'R' };
