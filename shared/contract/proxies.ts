// Contract: the project's wards and the proxies that weight them (reference and custom).
import { z } from 'zod';
import { empty, fileInput, obj } from './schemas';

export const proxyMethods = {
  'wards.list': {
    kind: 'query',
    input: empty,
    output: z.array(z.object({ code: z.string(), name: z.string(), population: z.number().nullable(), imdScore: z.number().nullable() })),
  },
  'proxies.table': {
    kind: 'query',
    input: empty,
    output: z.object({
      proxies: z.array(z.object({ name: z.string(), label: z.string(), source: z.string(), year: z.string(), custom: z.boolean(), missing: z.number().int() })),
      wards: z.array(z.object({ code: z.string(), name: z.string(), values: z.array(z.number().nullable()) })),
    }),
  },
  'proxies.import': {
    kind: 'command',
    input: obj({
      file: fileInput,
      name: z.string().min(1).max(40),
      source: z.string().max(300).optional(),
      year: z.string().max(40).optional(),
      label: z.string().max(80).optional(),
      includeHidden: z.boolean().optional(),
    }),
    output: z.object({ name: z.string(), wards: z.number().int(), missing: z.array(z.string()), fileName: z.string() }),
  },
  'proxies.delete': { kind: 'command', input: obj({ name: z.string().min(1).max(40) }), output: z.object({ deleted: z.boolean() }) },
} as const;
