// Undo of a line delete puts back the line's agreement too (who signed it off, when, its
// fingerprint), and redo drops it again: through the real handlers (budgets.delete,
// history.undo / redo) on a real project file, read back as the grid and the agreed
// share read it, and again after the file is closed and reopened.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRegistry } from '../../electron/backend/handlers';
import { acceptSignOff } from '../../electron/backend/packs/agreement';
import { Session } from '../../electron/backend/session';
import type { MethodOutput } from '../../shared/contract/methods';
import { useProjects } from '../helpers/project';

const { fresh, tmp } = useProjects('spendmap-undo-agreement-');
const dir = tmp();
const session = new Session({ host: 'test', dataDir: join(dir, 'data') });
const registry = createRegistry();
const ctx = { session, progress: () => {}, signal: new AbortController().signal };
afterAll(() => session.close());

async function call<T = unknown>(method: string, input: unknown = {}): Promise<T> {
  const r = await registry.call(method, input, ctx);
  if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
  return r.data as T;
}

const NHS = 'Kingston Hospital NHS Foundation Trust';
type Page = MethodOutput<'budgets.page'>;
const page = () => call<Page>('budgets.page', { offset: 0, limit: 100 });
/** The stored agreement rows, straight from the file. */
const stored = (path: string) => {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare('SELECT a.*, l.ref FROM line_agreements a JOIN spend_lines l ON l.id = a.line_id ORDER BY l.ref').all();
  } finally {
    db.close();
  }
};
const agreedShare = async () => (await call<{ summary: { agreed_pence: number } }>('summary.neighbourhood', { name: 'Whole borough' })).summary.agreed_pence;

describe('undo of a line delete and its agreement', () => {
  it('puts back the agreed line with its agreement, redo deletes both, and the file keeps it through a reopen', async () => {
    const made = fresh();
    const path = made.path;
    made.close();
    await call('project.open', { path });
    const wards = (await call<{ code: string }[]>('wards.list')).map((w) => w.code);
    await call('neighbourhoods.save', { name: 'Whole borough', wards });
    await call('budgets.write', {
      writes: [
        { values: { partner: NHS, partnerType: 'health', amount: '1000', basis: 'population' } },
        { values: { partner: NHS, amount: '250.50', basis: 'even' } },
        { values: { partner: NHS, amount: '99', basis: 'population' } },
      ],
    });
    const [a, b, c] = (await page()).rows;
    // The partner signs off two of its lines (as a returned pack's sign-off is accepted).
    acceptSignOff(session.requireProject(), {
      partner: NHS,
      refs: [a!.ref, b!.ref],
      signOff: { name: 'Ann Lee', role: 'Finance director', organisation: 'Kingston Hospital', date: '2026-12-05', agreement: 'as-sent' },
      source: 'pack.xlsx',
    });
    const agreed = stored(path);
    expect(agreed.map((r) => (r as { ref: string }).ref)).toEqual([a!.ref, b!.ref]);
    const shownBefore = (await page()).rows.map((l) => [l.ref, l.agreement?.state, l.agreement?.signedBy]);
    expect(shownBefore).toEqual([
      [a!.ref, 'agreed', 'Ann Lee (Finance director, Kingston Hospital)'],
      [b!.ref, 'agreed', 'Ann Lee (Finance director, Kingston Hospital)'],
      [c!.ref, 'estimated', null],
    ]);
    const shareBefore = await agreedShare();
    expect(shareBefore).toBe(125_050);

    await call('budgets.delete', { ids: [a!.id, c!.id] });
    expect(stored(path).map((r) => (r as { ref: string }).ref)).toEqual([b!.ref]);
    expect(await agreedShare()).toBe(25_050);

    const undone = await call<{ done: string }>('history.undo');
    expect(undone.done).toBe('Delete 2 lines');
    expect(stored(path)).toEqual(agreed);
    expect((await page()).rows.map((l) => [l.ref, l.agreement?.state, l.agreement?.signedBy])).toEqual(shownBefore);
    expect(await agreedShare()).toBe(shareBefore);

    await call('history.redo');
    expect(stored(path).map((r) => (r as { ref: string }).ref)).toEqual([b!.ref]);
    expect((await page()).rows.map((l) => l.ref)).toEqual([b!.ref]);
    expect(await agreedShare()).toBe(25_050);

    // The history is in the file: undo after a reopen restores the agreement as well.
    await call('project.close');
    await call('project.open', { path });
    await call('history.undo');
    expect(stored(path)).toEqual(agreed);
    expect(await agreedShare()).toBe(shareBefore);
  });

  it('a line deleted with no agreement undoes as before (no agreement change in its entry)', async () => {
    const made = fresh();
    const path = made.path;
    made.close();
    await call('project.open', { path });
    await call('budgets.write', { writes: [{ values: { partner: NHS, partnerType: 'health', amount: '10', basis: 'even' } }] });
    const [line] = (await page()).rows;
    await call('budgets.delete', { ids: [line!.id] });
    const db = new Database(path, { readonly: true });
    const entry = JSON.parse(db.prepare('SELECT changes FROM history ORDER BY id DESC LIMIT 1').pluck().get() as string) as { kind: string }[];
    db.close();
    expect(entry.map((c) => c.kind)).toEqual(['delete']);
    await call('history.undo');
    expect((await page()).rows.map((l) => [l.ref, l.agreement?.state])).toEqual([[line!.ref, 'estimated']]);
    await call('project.close');
  });
});
