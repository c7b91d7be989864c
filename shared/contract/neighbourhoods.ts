// Contract: neighbourhoods, named sets of the project's wards.
import { z } from 'zod';
import { obj } from './schemas';

export const neighbourhoodMethods = {
  'neighbourhoods.save': {
    kind: 'command',
    input: obj({ name: z.string().min(1).max(100), wards: z.array(z.string().max(20)).max(10_000) }),
    output: z.object({ id: z.number().int(), name: z.string(), wards: z.array(z.string()) }),
  },
  'neighbourhoods.delete': { kind: 'command', input: obj({ name: z.string().min(1).max(100) }), output: z.object({ deleted: z.boolean() }) },
} as const;
