// Contract: partners, spend lines (the budgets grid) and budget imports.
import { z } from 'zod';
import { UNITS } from '../domain/types';
import { lineAgreement } from './agreement';
import { lineFilter, partnerTotals } from './line-filter';
import { mappingRepaint } from './mapping';
import { columnMapping, empty, fileInput, lineTexts, obj, partnerType, pence, spendLine } from './schemas';

const tableOptions = {
  sheet: z.string().max(31).optional(),
  headerRow: z.number().int().min(1).max(1000).optional(),
  /** Read hidden sheets, rows and columns too (else a hidden one holding values is refused). */
  includeHidden: z.boolean().optional(),
};

export const budgetMethods = {
  'partners.list': {
    kind: 'query',
    input: empty,
    output: z.array(z.object({ id: z.number().int(), name: z.string(), type: partnerType, lines: z.number().int(), totalPence: pence })),
  },
  'budgets.page': {
    kind: 'query',
    input: obj({
      offset: z.number().int().min(0),
      limit: z.number().int().min(1).max(5000),
      sort: obj({ field: z.string().max(40), dir: z.enum(['asc', 'desc']) }).optional(),
      ...lineFilter,
      /** Per-partner subtotals too: a grid asks with its first block only. */
      subtotals: z.boolean().optional(),
    }),
    output: z.object({ rows: z.array(spendLine.extend({ agreement: lineAgreement.optional() })), count: z.number().int(), totalPence: pence, partners: partnerTotals.optional() }),
  },
  'budgets.write': {
    kind: 'command',
    input: obj({
      writes: z
        .array(
          obj({
            id: z.number().int().optional(),
            values: lineTexts,
            confidenceReason: z.string().max(1000).optional(),
            row: z.number().int().min(1).optional(),
          }),
        )
        .min(1)
        .max(100_000),
      source: z.string().max(200).optional(),
      afterId: z.number().int().optional(),
      /** The grid to repaint, with its query: the answer then carries what it shows, so an edit is one round trip. */
      repaint: obj({
        screen: z.enum(['budgets', 'mapping']),
        ...lineFilter,
        neighbourhood: z.string().max(100).optional(),
      }).optional(),
    }),
    output: z.object({
      lines: z.array(spendLine.extend({ agreement: lineAgreement.optional() })),
      /** budgets: the bottom row (lines shown and their Σ amount) and the whole project's counts. */
      budgets: z
        .object({
          count: z.number().int(),
          totalPence: pence,
          partners: partnerTotals,
          project: z.object({ lines: z.number().int(), partners: z.number().int(), totalPence: pence }),
        })
        .optional(),
      mapping: mappingRepaint.optional(),
    }),
  },
  'budgets.delete': {
    kind: 'command',
    input: obj({ ids: z.array(z.number().int()).min(1).max(100_000) }),
    output: z.object({ deleted: z.number().int() }),
  },
  'imports.inspect': {
    kind: 'query',
    input: obj({ file: fileInput, ...tableOptions, partner: z.string().max(200).optional() }),
    output: z.object({
      fileName: z.string(),
      sheets: z.array(z.string()),
      sheet: z.string().nullable(),
      headerRow: z.number().int(),
      header: z.array(z.string()),
      sample: z.array(z.array(z.string())),
      /** Each sample row's number as the spreadsheet shows it (the header's is headerRow). */
      sampleRows: z.array(z.number().int()),
      rowCount: z.number().int(),
      canonical: z.boolean(),
      mapping: columnMapping,
      mappingFrom: z.enum(['canonical', 'remembered', 'guessed']),
      units: z.enum(UNITS),
    }),
  },
  'imports.budgets': {
    kind: 'command',
    input: obj({
      file: fileInput,
      units: z.enum(UNITS).optional(),
      mapping: columnMapping.optional(),
      rememberFor: z.string().max(200).optional(),
      ...tableOptions,
    }),
    output: z.object({ imported: z.number().int(), totalPence: pence, partners: z.array(z.string()), fileName: z.string() }),
  },
} as const;
