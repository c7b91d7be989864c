// The handler registry every host calls: a handler for every contract method, input
// validated against the contract (never an exception), and NO_PROJECT when a project
// method is called with no project open.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createRegistry } from '../../electron/backend/handlers';
import { Session } from '../../electron/backend/session';
import { METHOD_NAMES, methods, type MethodName } from '../../shared/contract/methods';
import { sampleFor } from '../helpers/samples';
import { useTmpDirs } from '../helpers/tmp';

const tmp = useTmpDirs('spendmap-registry-');

function context() {
  const dataDir = tmp();
  const session = new Session({ host: 'test', dataDir });
  return { dataDir, session, ctx: { session, progress: () => {}, signal: new AbortController().signal } };
}

/** Methods that work with no project open. */
const GLOBAL = (m: string) => m.startsWith('app.') || m.startsWith('host.') || m.startsWith('reference.') || m.startsWith('project.');

/** Hand-written valid inputs; any other method gets one generated from its schema. */
const EXPLICIT_INPUT: Partial<Record<MethodName, unknown>> = {
  'budgets.page': { offset: 0, limit: 10 },
  'budgets.write': { writes: [{ values: { amount: '1' } }] },
  'imports.inspect': { file: { path: '/nonexistent/spendmap-test/budget.csv' } },
  'imports.budgets': { file: { path: '/nonexistent/spendmap-test/budget.csv' } },
};

/** A valid input for a method: explicit, else generated (file paths pointed nowhere). */
function validInput(m: MethodName): unknown {
  if (m in EXPLICIT_INPUT) return EXPLICIT_INPUT[m];
  const sample = sampleFor(methods[m].input as unknown as z.ZodType);
  return JSON.parse(JSON.stringify(sample ?? null), (k, v) => (k === 'path' && typeof v === 'string' ? '/nonexistent/spendmap-test/x' : v)) ?? undefined;
}

const shapeOf = (m: MethodName): Record<string, z.ZodType> => (methods[m].input as unknown as { shape: Record<string, z.ZodType> }).shape;

/** Values of the wrong type for a key: the first few this key's schema refuses. */
function wrongValuesFor(schema: z.ZodType): unknown[] {
  const candidates: unknown[] = [12345, -1.5, 'text', true, null, [], {}, { nested: { deep: [1, 2, 3] } }, ['a', 'b'], ''];
  return candidates.filter((c) => !schema.safeParse(c).success).slice(0, 4);
}

describe('the registry', () => {
  it('has a handler for every method of the contract, each indexed by the domain that answers it', async () => {
    const r = createRegistry();
    expect(METHOD_NAMES.length).toBeGreaterThan(10);
    expect([...METHOD_NAMES].sort()).toEqual(Object.keys(methods).sort());
    expect(await r.missing()).toEqual([]);
    for (const m of METHOD_NAMES) expect(r.has(m), m).toBe(true);
    expect(r.has('no.such.method')).toBe(false);
  });

  it('answers UNKNOWN_METHOD for a name outside the contract (including prototype names)', async () => {
    const r = createRegistry();
    const { ctx } = context();
    for (const name of ['no.such.method', '__proto__', 'constructor', 'toString', '', 'app.info ']) {
      const res = await r.call(name, {}, ctx);
      expect(res, name).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    }
  });

  describe.each(METHOD_NAMES)('%s with invalid input', (method) => {
    it('returns VALIDATION and never throws or runs the handler', async () => {
      const r = createRegistry();
      const { ctx, dataDir } = context();
      const shape = shapeOf(method);
      const inputs: unknown[] = [
        'not an object',
        42,
        [],
        true,
        { unknownKey: 1 },
        JSON.parse('{"__proto__": {"polluted": true}}'),
        { constructor: 'x' },
      ];
      for (const [key, schema] of Object.entries(shape)) for (const v of wrongValuesFor(schema)) inputs.push({ [key]: v });
      for (const input of inputs) {
        let res;
        try {
          res = await r.call(method, input, ctx);
        } catch (e) {
          expect.fail(`${method}(${JSON.stringify(input)}) threw: ${(e as Error).message}`);
        }
        expect(res, `${method}(${JSON.stringify(input)})`).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
        const err = (res as { error: { message: string; details?: { issues?: unknown[] } } }).error;
        expect(err.message).toMatch(new RegExp(`^Invalid input for ${method.replace('.', '\\.')}`));
        expect(Array.isArray(err.details?.issues) && err.details!.issues!.length > 0).toBe(true);
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      // No handler ran: nothing was written to the data folder, no project opened.
      expect(readdirSync(dataDir)).toEqual([]);
      expect(ctx.session.project).toBeNull();
    });
  });

  it('rejects a project.create with an unknown option and creates no file', async () => {
    const r = createRegistry();
    const { ctx } = context();
    const path = join(tmp(), 'x.spendmap');
    const res = await r.call('project.create', { path, pack: 'wards2024', lad: 'E09000021', year: '2023-24', overwrite: true }, ctx);
    expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(existsSync(path)).toBe(false);
  });

  it('has a valid sample input for every method that needs a project', () => {
    const projectMethods = METHOD_NAMES.filter((m) => !GLOBAL(m));
    expect(projectMethods.length).toBeGreaterThanOrEqual(9);
    const without = projectMethods.filter((m) => validInput(m) === undefined || !methods[m].input.safeParse(validInput(m)).success);
    expect(without, 'add an explicit input to EXPLICIT_INPUT for these').toEqual([]);
  });

  it.each(METHOD_NAMES.filter((m) => !GLOBAL(m)))('%s with no project open returns NO_PROJECT', async (method) => {
    const r = createRegistry();
    const { ctx } = context();
    const res = await r.call(method, validInput(method), ctx);
    expect(res).toMatchObject({ ok: false, error: { code: 'NO_PROJECT', message: expect.stringMatching(/No project is open/) } });
  });

  it('works end to end for a project: create, list wards, page lines, close, then NO_PROJECT again', async () => {
    const r = createRegistry();
    const { ctx } = context();
    const path = join(tmp(), 'k.spendmap');
    const created = await r.call('project.create', { path, pack: 'wards2024', lad: 'E09000021', year: '2023-24' }, ctx);
    expect(created).toMatchObject({ ok: true, data: { wards: 19, ladCode: 'E09000021', packId: 'wards2024', lines: 0 } });
    const wards = await r.call('wards.list', {}, ctx);
    expect(wards.ok && (wards.data as unknown[]).length).toBe(19);
    expect(await r.call('budgets.page', { offset: 0, limit: 10, subtotals: true }, ctx)).toEqual({ ok: true, data: { rows: [], count: 0, totalPence: 0, partners: [] } });
    const refused = await r.call('project.open', { path: join(tmp(), 'missing.spendmap') }, ctx);
    expect(refused).toMatchObject({ ok: false, error: { code: 'PROJECT_FILE' } });
    expect(await r.call('project.close', {}, ctx)).toEqual({ ok: true, data: { closed: true } });
    expect(await r.call('wards.list', {}, ctx)).toMatchObject({ ok: false, error: { code: 'NO_PROJECT' } });
  });
});
