// Undo and redo of grid edits: exact restoration, refusal when the line moved on since,
// and a history that survives closing and reopening the project file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRegistry } from '../../electron/backend/handlers';
import { Session } from '../../electron/backend/session';
import { createProject } from '../../electron/backend/project/lifecycle';
import { dumpDb } from '../helpers/db';

let dir: string;
let path: string;
let session: Session;
const registry = createRegistry();

async function call<T = unknown>(method: string, input: unknown = {}): Promise<T> {
  const r = await registry.call(method, input, { session, progress: () => {}, signal: new AbortController().signal });
  if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
  return r.data as T;
}

type Line = { id: number; ref: string; amountPence: number; basis: string; partnerType: string };
const lines = async () => (await call<{ rows: Line[] }>('budgets.page', { offset: 0, limit: 100 })).rows;
/**
 * Everything a user could see of the project, without the audit log and history
 * themselves, and the automatic-ref counter (refs are never reused, even after undo).
 */
const content = () => {
  const d = dumpDb(session.requireProject().db);
  delete d.audit_log;
  delete d.history;
  d.project = d.project!.map((p) => ({ ...(p as object), next_ref: 0 }));
  return d;
};

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'spendmap-history-'));
  path = join(dir, 'p.spendmap');
  createProject({ path, pack: 'wards2024', lad: 'E09000021', year: '2024-25' }).close();
  session = new Session({ host: 'test', dataDir: dir });
  await call('project.open', { path });
  await call('budgets.write', {
    writes: [
      { values: { ref: 'A', partner: 'Police', partnerType: 'police', amount: '1000', basis: 'population' } },
      { values: { ref: 'B', partner: 'Police', amount: '2000', basis: 'even' } },
    ],
  });
});

afterEach(() => {
  session.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('undo and redo', () => {
  it('undoes and redoes one edit exactly, naming it', async () => {
    const start = content();
    const a = (await lines())[0]!;
    await call('budgets.write', { writes: [{ id: a.id, values: { amount: '1234.56' } }] });
    const edited = content();
    expect(await call('history.state')).toEqual({ undo: 'Change amount of A', redo: null });
    expect(await call('history.undo')).toEqual({ undo: 'Add 2 lines', redo: 'Change amount of A', done: 'Change amount of A' });
    expect(content()).toEqual(start);
    expect(await call('history.redo')).toMatchObject({ done: 'Change amount of A', redo: null });
    expect(content()).toEqual(edited);
  });

  it('undoes added and deleted lines, putting back their ward figures', async () => {
    const b = (await lines())[1]!;
    await call('budgets.write', { writes: [{ id: b.id, values: { basis: 'direct' } }] });
    await call('direct.set', { lineId: b.id, figures: [{ ward: 'E05013941', amount: '1500' }, { ward: 'E05013938', amount: '500' }] });
    const withFigures = content();
    await call('budgets.delete', { ids: [b.id] });
    expect((await lines()).map((l) => l.ref)).toEqual(['A']);
    await call('history.undo');
    expect(content()).toEqual(withFigures);
    await call('history.undo'); // the ward figures
    expect(await call<unknown[]>('direct.get', { lineId: b.id })).toEqual([]);
    await call('history.redo');
    await call('history.redo'); // delete again
    expect((await lines()).map((l) => l.ref)).toEqual(['A']);
  });

  it('undoes a paste that added lines and changed a partner type, in one step', async () => {
    const before = content();
    await call('budgets.write', {
      writes: [
        { values: { partner: 'Police', partnerType: 'other', amount: '5', basis: 'even' }, row: 1 },
        { values: { partner: 'Police', amount: '6', basis: 'even' }, row: 2 },
      ],
      source: 'pasted rows',
    });
    expect((await lines()).every((l) => l.partnerType === 'other')).toBe(true);
    await call('history.undo');
    expect(content()).toEqual(before);
  });

  it('refuses to undo an edit to a line that has changed since, and changes nothing', async () => {
    const a = (await lines())[0]!;
    await call('budgets.write', { writes: [{ id: a.id, values: { amount: '1' } }] });
    // A change that is not a grid edit (an import of the line's ward figures would do too):
    session.requireProject().db.prepare('UPDATE spend_lines SET amount_pence = 777 WHERE id = ?').run(a.id);
    const now = content();
    await expect(call('history.undo')).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/line A has changed since/) });
    expect(content()).toEqual(now);
  });

  it('a new edit after an undo clears redo', async () => {
    const a = (await lines())[0]!;
    await call('budgets.write', { writes: [{ id: a.id, values: { amount: '1' } }] });
    await call('history.undo');
    await call('budgets.write', { writes: [{ id: a.id, values: { beta: '0.5' } }] });
    expect(await call('history.state')).toEqual({ undo: 'Change β of A', redo: null });
  });

  it('keeps the history in the project file across a restart', async () => {
    const a = (await lines())[0]!;
    await call('budgets.write', { writes: [{ id: a.id, values: { basis: 'income_deprived' } }] });
    session.close();
    session = new Session({ host: 'test', dataDir: dir });
    await call('project.open', { path });
    expect(await call('history.state')).toEqual({ undo: 'Change basis of A', redo: null });
    await call('history.undo');
    expect((await lines())[0]!.basis).toBe('population');
    // The engine follows: the line is allocated again, in full.
    const split = await call<{ lines: { ref: string; amounts: number[] }[] }>('mapping.allocate');
    expect(split.lines.find((l) => l.ref === 'A')!.amounts.reduce((s, x) => s + x, 0)).toBe(100_000);
  });

  it('records undo and redo in the audit log', async () => {
    const a = (await lines())[0]!;
    await call('budgets.write', { writes: [{ id: a.id, values: { amount: '9' } }] });
    await call('history.undo');
    await call('history.redo');
    const audit = session.requireProject().db.prepare("SELECT action, note FROM audit_log WHERE entity = 'history' ORDER BY id").all();
    expect(audit).toEqual([
      { action: 'undo', note: 'Undid: Change amount of A' },
      { action: 'redo', note: 'Redid: Change amount of A' },
    ]);
  });
});
