// The one dispatcher every host calls (electron/backend/dispatch.ts), on a real project
// file: a session's edits run in the order they were sent, `app.cancel` is answered at
// once and stops the import running, and `project.changed` follows every successful
// command (never a query or a refusal), naming the caller.
import { describe, expect, it } from 'vitest';
import { Dispatcher, type DispatchEvent } from '../../electron/backend/dispatch';
import { Session } from '../../electron/backend/session';
import { METHOD_NAMES, methodKind, type MethodInput, type MethodName, type MethodOutput } from '../../shared/contract/methods';
import { budgetRow, writeBudgetCsv } from '../helpers/budget';
import { useTmpDirs } from '../helpers/tmp';

const tmp = useTmpDirs('spendmap-dispatch-');

async function openProject() {
  const dir = tmp();
  const events: DispatchEvent[] = [];
  const dispatcher = new Dispatcher((e) => events.push(e));
  const session = new Session({ host: 'test', dataDir: dir });
  const caller = { session, origin: 'tab:test' };
  const call = async <M extends MethodName>(m: M, input: MethodInput<M>): Promise<MethodOutput<M>> => {
    const r = await dispatcher.invoke(m, input, caller);
    if (!r.ok) throw new Error(`${m}: ${r.error.code}: ${r.error.message}`);
    return r.data;
  };
  await call('project.create', { path: `${dir}/p.spendmap`, pack: 'wards2024', lad: 'E09000021', year: '2024-25' });
  return { dir, events, dispatcher, session, caller, call };
}

describe('the dispatcher', () => {
  it('knows the kind of every contract method', () => {
    const kinds = METHOD_NAMES.map(methodKind);
    expect(new Set(kinds)).toEqual(new Set(['query', 'command']));
    expect(methodKind('budgets.write')).toBe('command');
    expect(methodKind('mapping.page')).toBe('query');
  });

  it('runs a session’s edits in the order they were sent, even when none is awaited', async () => {
    const { call, dispatcher, caller, session } = await openProject();
    const {
      lines: [line],
    } = await call('budgets.write', { writes: [{ values: { ref: 'A', partner: 'NHS', partnerType: 'health', amount: '1', basis: 'even' } }] });
    const sent = Array.from({ length: 30 }, (_, i) => dispatcher.invoke('budgets.write', { writes: [{ id: line!.id, values: { amount: String(i + 2) } }] }, caller));
    const results = await Promise.all(sent);
    expect(results.every((r) => r.ok)).toBe(true);
    expect((await call('budgets.page', { offset: 0, limit: 1 })).rows[0]!.amountPence).toBe(3100);
    session.close();
  });

  it('answers app.cancel at once and stops the queued import it names, which changes nothing', async () => {
    const { dir, call, dispatcher, caller, events, session } = await openProject();
    const rows = Array.from({ length: 60_000 }, (_, i) => budgetRow({ ref: `L${i}` }));
    const file = writeBudgetCsv(dir, 'big.csv', rows);
    events.length = 0;
    const importing = dispatcher.invoke('imports.budgets', { file: { path: file } }, caller);
    await new Promise((r) => setTimeout(r, 200));
    const cancel = await dispatcher.invoke('app.cancel', {}, caller);
    expect(cancel).toEqual({ ok: true, data: { cancelled: true } });
    const imported = await importing;
    expect(imported.ok).toBe(false);
    expect(!imported.ok && imported.error.code).toBe('CANCELLED');
    expect((await call('budgets.page', { offset: 0, limit: 1 })).count).toBe(0);
    expect(events.filter((e) => e.name === 'project.changed')).toEqual([]);
    // Nothing running now: a second cancel has nothing to stop; bad input is refused.
    expect(await dispatcher.invoke('app.cancel', {}, caller)).toEqual({ ok: true, data: { cancelled: false } });
    expect((await dispatcher.call('app.cancel', { now: true }, caller)).ok).toBe(false);
    session.close();
  }, 60_000);

  it('sends project.changed after each successful command, with its caller, and nothing else', async () => {
    const { call, dispatcher, caller, events, session } = await openProject();
    events.length = 0;
    await call('budgets.page', { offset: 0, limit: 5 });
    await call('mapping.allocate', {});
    expect((await dispatcher.invoke('budgets.write', { writes: [{ id: 12345, values: { amount: '1' } }] }, caller)).ok).toBe(false);
    await call('neighbourhoods.save', { name: 'North', wards: ['E05013941'] });
    await dispatcher.invoke('history.undo', {}, { session });
    expect(events).toEqual([
      { name: 'project.changed', payload: { method: 'neighbourhoods.save', origin: 'tab:test' } },
      { name: 'project.changed', payload: { method: 'history.undo', origin: null } },
    ]);
    session.close();
  });

  it('tells app.info the caller’s name, so a window can skip its own changes', async () => {
    const { call, session } = await openProject();
    expect((await call('app.info', {})).origin).toBe('tab:test');
    session.close();
  });
});
