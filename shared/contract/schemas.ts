// Schemas shared by the contract's sections: the shapes that cross every boundary.
import { z } from 'zod';
import { CONFIDENCES, EDITABLE_FIELDS, PARTNER_TYPES, STATUSES, TEMPLATE_COLUMNS } from '../domain/types';

export const obj = z.strictObject;
export const empty = obj({});
export const pence = z.number().int().nonnegative();
export const partnerType = z.enum(PARTNER_TYPES);
export const confidence = z.enum(CONFIDENCES);

/** A file handed to the backend: a path it can read, or the bytes (from a file picker). */
export const fileInput = z.union([
  obj({ path: z.string().min(1).max(4096) }),
  obj({ name: z.string().min(1).max(255), base64: z.string().max(400_000_000) }),
]);
export type FileInput = z.infer<typeof fileInput>;

export const problem = z.object({
  file: z.string().optional(),
  row: z.number().int().optional(),
  column: z.string().optional(),
  letter: z.string().optional(),
  heading: z.string().optional(),
  value: z.string().optional(),
  message: z.string(),
});

export const projectInfo = z.object({
  path: z.string(),
  fileName: z.string(),
  name: z.string(),
  ladCode: z.string(),
  ladName: z.string(),
  year: z.string(),
  packId: z.string(),
  packTitle: z.string(),
  wards: z.number().int(),
  lines: z.number().int(),
  partners: z.number().int(),
  totalPence: pence,
  neighbourhoods: z.array(z.object({ id: z.number().int(), name: z.string(), wards: z.array(z.string()) })),
  sources: z.array(
    z.object({ file: z.string(), sha256: z.string(), dataset: z.string(), publisher: z.string(), licence: z.string(), attribution: z.string() }),
  ),
});
export type ProjectInfo = z.infer<typeof projectInfo>;

export const spendLine = z.object({
  id: z.number().int(),
  ref: z.string(),
  partner: z.string(),
  partnerType,
  service: z.string(),
  description: z.string(),
  amountPence: pence,
  year: z.string(),
  basis: z.string(),
  beta: z.number().min(0).max(1),
  discretionaryPct: z.number().min(0).max(100),
  status: z.enum(STATUSES),
  confidenceOverride: confidence.nullable(),
  confidenceReason: z.string().nullable(),
  confidence,
  themes: z.array(z.string()),
  siteWard: z.string().nullable(),
  toConfirm: z.string().nullable().optional(),
});

export const lineTexts = z.partialRecord(z.enum(EDITABLE_FIELDS), z.string().max(10_000));

export const columnSource = z.union([obj({ column: z.string().max(500) }), obj({ value: z.string().max(1000) })]);
export const columnMapping = z.partialRecord(z.enum(TEMPLATE_COLUMNS), columnSource);
export type ColumnMapping = z.infer<typeof columnMapping>;

