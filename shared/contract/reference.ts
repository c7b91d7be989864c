// Contract: the reference packs shipped with the app (wards and their authorities).
import { z } from 'zod';
import { empty, obj } from './schemas';

export const referenceMethods = {
  'reference.packs': {
    kind: 'query',
    input: empty,
    output: z.array(z.object({ id: z.string(), title: z.string(), wards: z.number().int(), authorities: z.number().int() })),
  },
  'reference.authorities': {
    kind: 'query',
    input: obj({ pack: z.string().min(1).max(40) }),
    output: z.array(z.object({ ladCode: z.string(), ladName: z.string(), wards: z.number().int() })),
  },
} as const;
