// A valid sample input for a zod schema of the contract, built from the schema itself,
// so tests keep covering methods other engineers add. Returns undefined when no
// simple sample satisfies the schema (the caller then needs an explicit one).
import type { z } from 'zod';

type Def = { type: string; [k: string]: unknown };
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

const STRINGS = ['x', 'population', 'E05013941', '2023-24', 'Norbiton', 'a'.repeat(12)];
const NUMBERS = [1, 0, 0.5, 100, 2];

export function sampleFor(schema: z.ZodType, depth = 0): unknown {
  if (depth > 8) return undefined;
  const ok = (v: unknown) => schema.safeParse(v).success;
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
      return STRINGS.find(ok);
    case 'number':
    case 'int':
      return NUMBERS.find(ok);
    case 'boolean':
      return true;
    case 'literal':
      return (def.values as unknown[])[0];
    case 'enum':
      return Object.values(def.entries as Record<string, unknown>)[0];
    case 'optional':
    case 'default':
      return sampleFor(def.innerType as z.ZodType, depth + 1);
    case 'nullable':
      return sampleFor(def.innerType as z.ZodType, depth + 1) ?? null;
    case 'record':
      return ok({}) ? {} : undefined;
    case 'array': {
      const el = sampleFor(def.element as z.ZodType, depth + 1);
      if (el !== undefined && ok([el])) return [el];
      return ok([]) ? [] : undefined;
    }
    case 'union':
      for (const o of def.options as z.ZodType[]) {
        const v = sampleFor(o, depth + 1);
        if (v !== undefined && ok(v)) return v;
      }
      return undefined;
    case 'object': {
      const shape = def.shape as Record<string, z.ZodType>;
      const out: Record<string, unknown> = {};
      for (const [k, s] of Object.entries(shape)) {
        if (defOf(s).type === 'optional') continue; // required keys only
        const v = sampleFor(s, depth + 1);
        if (v === undefined) return undefined;
        out[k] = v;
      }
      return ok(out) ? out : undefined;
    }
    default:
      return undefined;
  }
}
