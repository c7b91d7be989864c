// Accepting a returned pack's sign-off through the handlers, on the real demo project
// file: the review shows the sign-off and the lines changed in Spendmap since export;
// applying with the sign-off moves the partner's changed lines to corrected, then the
// lines the sign-off covers to agreed, each in the audit log with the computer's user;
// the Partners & budgets rows and the neighbourhood summary show it; undo and redo
// put the agreement back and forth as one step.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegistry } from '../../electron/backend/handlers';
import { Session } from '../../electron/backend/session';
import { auditUser } from '../../electron/backend/audit/log';
import type { MethodOutput } from '../../shared/contract/methods';
import { removeDir } from '../helpers/tmp';
import { demoProject, tmpDir } from './fixtures';
import { returnPack } from './sign';

const dir = tmpDir('spendmap-signoff-apply-');
const session = new Session({ host: 'test', dataDir: dir });
const registry = createRegistry();
const ctx = { session, progress: () => {}, signal: new AbortController().signal };
const ICB = 'South West London ICB (Kingston place) [illustrative]';
const SIGNED = { name: 'Asha Patel', role: 'Director of Finance', organisation: 'SWL ICB', date: '05/12/2026', agreement: 'I agree these figures with the changes I have made' };
let packs: MethodOutput<'packs.export'>['files'];
let icbPack: string;

type Row = MethodOutput<'budgets.page'>['rows'][number];

async function call<T = unknown>(method: string, input: unknown): Promise<T> {
  const r = await registry.call(method, input, ctx);
  if (!r.ok) throw Object.assign(new Error(r.error.message), { error: r.error });
  return r.data as T;
}

async function rows(): Promise<Map<string, Row>> {
  const page = await call<MethodOutput<'budgets.page'>>('budgets.page', { offset: 0, limit: 1000 });
  return new Map(page.rows.map((r) => [r.ref, r]));
}

const summary = async () => (await call<MethodOutput<'summary.neighbourhood'>>('summary.neighbourhood', { name: 'Norbiton' })).summary;

/** Each line's pence in Norbiton, from the Mapping grid's rows (another path than the summary's). */
async function norbitonPence(): Promise<Map<string, number>> {
  const page = await call<MethodOutput<'mapping.page'>>('mapping.page', { offset: 0, limit: 1000, neighbourhood: 'Norbiton' });
  return new Map(page.rows.map((r) => [r.line.ref, r.neighbourhoodPence ?? 0]));
}

const agreementAudit = () =>
  session
    .requireProject()
    .db.prepare("SELECT ref, old_value AS old, new_value AS new, by_user AS who, note FROM audit_log WHERE field = 'agreement' ORDER BY id")
    .all() as { ref: string; old: string; new: string; who: string | null; note: string }[];

beforeAll(async () => {
  const p = await demoProject(dir);
  const path = p.path;
  p.close();
  await call('project.open', { path });
  packs = (await call<MethodOutput<'packs.export'>>('packs.export', { folder: join(dir, 'packs') })).files;
  icbPack = packs.find((f) => f.subject === ICB)!.path;
}, 120_000);

afterAll(() => {
  session.close();
  removeDir(dir);
});

describe('a signed pack, reviewed and accepted', () => {
  let file: string;
  let review: MethodOutput<'packs.review'>;

  it('reviews to its sign-off, the partner’s change, and the line changed in Spendmap since export', async () => {
    // In Spendmap after the export: NHS-05's β changes.
    const nhs05 = (await rows()).get('NHS-05')!;
    await call('budgets.write', { writes: [{ id: nhs05.id, values: { beta: nhs05.beta === 0.25 ? '0.75' : '0.25' } }] });
    file = await returnPack(icbPack, join(dir, 'icb-signed.xlsx'), { signOff: SIGNED, edits: [{ ref: 'NHS-02', column: 'amount', value: 23_000_000 }] });
    review = await call('packs.review', { file: { path: file } });
    expect(review.signoff).toEqual({ name: 'Asha Patel', role: 'Director of Finance', organisation: 'SWL ICB', date: '2026-12-05', agreement: 'with-changes' });
    expect(review.signOffProblems).toEqual([]);
    expect(review.changes.map((c) => [c.ref, c.field, c.after])).toEqual([['NHS-02', 'amount', '£23,000,000.00']]);
    expect(review.changedSinceExport).toEqual([{ ref: 'NHS-05', fields: ['β'] }]);
    const icbRefs = [...(await rows()).values()].filter((r) => r.partner === ICB).map((r) => r.ref);
    expect(review.signOffRefs).toEqual(icbRefs.filter((r) => r !== 'NHS-05'));
  });

  it('accepts: the changed line corrected then agreed, the rest agreed, NHS-05 not, each audited with who', async () => {
    const before = await summary();
    expect(before.agreed_pence).toBe(0);
    const done = await call<MethodOutput<'packs.apply'>>('packs.apply', { file: { path: file }, reviewId: review.reviewId, accept: review.changes.map((c) => c.id), acceptSignOff: true });
    expect(done).toMatchObject({ applied: 1, agreed: review.signOffRefs.length });

    const now = await rows();
    expect(now.get('NHS-02')!.amountPence).toBe(2_300_000_000);
    for (const ref of review.signOffRefs)
      expect(now.get(ref)!.agreement).toMatchObject({ state: 'agreed', signedBy: 'Asha Patel (Director of Finance, SWL ICB)', signedOn: '2026-12-05', recordedBy: auditUser() });
    expect(now.get('NHS-05')!.agreement!.state).toBe('estimated');
    expect([...now.values()].filter((r) => r.partner !== ICB).every((r) => r.agreement!.state === 'estimated')).toBe(true);

    const audit = agreementAudit();
    expect(audit.filter((a) => a.ref === 'NHS-02').map((a) => [a.old, a.new])).toEqual([
      ['estimated', 'corrected'],
      ['corrected', 'agreed'],
    ]);
    expect(audit.filter((a) => a.new === 'agreed').map((a) => a.ref)).toEqual(review.signOffRefs);
    expect(audit.every((a) => a.who === auditUser())).toBe(true);
    expect(audit.at(-1)!.note).toContain('Asha Patel (Director of Finance, SWL ICB) on 2026-12-05 in returned pack icb-signed.xlsx');

    // The summary's agreed share: exactly the agreed lines' pence in Norbiton.
    const pence = await norbitonPence();
    const s = await summary();
    expect(s.agreed_pence).toBe(review.signOffRefs.reduce((t, r) => t + (pence.get(r) ?? 0), 0));
    expect(s.agreed_pence).toBeGreaterThan(0);
    expect(s.agreed_pence).toBeLessThan(s.total_pence);
  });

  it('undo puts every line back to where it was, in one step; redo agrees them again', async () => {
    const state = await call<{ undo: string | null }>('history.state', {});
    expect(state.undo).toBe(`Accept the sign-off of ${ICB} by Asha Patel (icb-signed.xlsx)`);
    await call('history.undo', {});
    const undone = await rows();
    expect([...undone.values()].every((r) => r.agreement!.state === 'estimated')).toBe(true);
    expect(undone.get('NHS-02')!.amountPence).toBe(2_300_000_000);
    expect((await summary()).agreed_pence).toBe(0);
    const undoEntry = session.requireProject().db.prepare("SELECT action, note FROM audit_log ORDER BY id DESC LIMIT 1").get() as { action: string; note: string };
    expect(undoEntry).toEqual({ action: 'undo', note: `Undid: Accept the sign-off of ${ICB} by Asha Patel (icb-signed.xlsx)` });

    await call('history.redo', {});
    const redone = await rows();
    for (const ref of review.signOffRefs) expect(redone.get(ref)!.agreement!.state).toBe('agreed');
    expect(redone.get('NHS-02')!.agreement!.recordedBy).toBe(auditUser());

    // A later edit un-agrees that line (the agreement holds for the line as agreed), and
    // the summary's agreed share, kept between edits, loses exactly that line's pence.
    const pence = await norbitonPence();
    const agreedSum = (refs: readonly string[]) => refs.reduce((t, r) => t + (pence.get(r) ?? 0), 0);
    expect((await summary()).agreed_pence).toBe(agreedSum(review.signOffRefs));
    const nhs01 = redone.get('NHS-01')!;
    expect(pence.get('NHS-01')).toBeGreaterThan(0);
    const written = await call<MethodOutput<'budgets.write'>>('budgets.write', { writes: [{ id: nhs01.id, values: { discretionaryPct: '7' } }] });
    expect(written.lines[0]!.agreement!.state).toBe('corrected');
    expect((await summary()).agreed_pence).toBe(agreedSum(review.signOffRefs.filter((r) => r !== 'NHS-01')));
  });
});

describe('the undo history of a sign-off, read back from the file', () => {
  it('refuses an agreement entry changed outside Spendmap, and changes nothing', async () => {
    const db = session.requireProject().db;
    await call('history.undo', {}); // the discretionary % edit above
    const entry = db.prepare("SELECT id, changes FROM history WHERE undone = 0 ORDER BY id DESC LIMIT 1").get() as { id: number; changes: string };
    const changes = JSON.parse(entry.changes) as { kind: string; rows: { after: Record<string, unknown> | null }[] }[];
    expect(changes[0]!.kind).toBe('agreement');
    changes[0]!.rows[0]!.after = { ...changes[0]!.rows[0]!.after, 'state = 1; DROP TABLE spend_lines; --': 'x' };
    db.prepare('UPDATE history SET changes = ? WHERE id = ?').run(JSON.stringify(changes), entry.id);
    const before = db.prepare('SELECT * FROM line_agreements ORDER BY line_id').all();
    const refused = await call('history.undo', {}).catch((e: { error: { code: string; message: string } }) => e.error);
    expect(refused).toMatchObject({ code: 'PROJECT_FILE', message: expect.stringMatching(/names a column "state = 1; DROP TABLE spend_lines; --" that agreements do not have/) });
    expect(db.prepare('SELECT * FROM line_agreements ORDER BY line_id').all()).toEqual(before);
  });
});

describe('a sign-off that cannot be accepted', () => {
  it('refuses an unsigned or half-filled pack, naming the cells, and applies nothing', async () => {
    const blank = await returnPack(icbPack, join(dir, 'icb-blank.xlsx'), { edits: [{ ref: 'NHS-03', column: 'amount', value: 19_000_000 }] });
    const r1 = await call<MethodOutput<'packs.review'>>('packs.review', { file: { path: blank } });
    expect(r1.signoff).toBeNull();
    expect(r1.signOffProblems).toEqual([]);
    const refused = await call('packs.apply', { file: { path: blank }, reviewId: r1.reviewId, accept: r1.changes.map((c) => c.id), acceptSignOff: true }).catch((e: { error: { code: string; message: string } }) => e.error);
    expect(refused).toMatchObject({ code: 'INPUT', message: expect.stringMatching(/icb-blank\.xlsx: its sign-off block on "Read me" is blank/) });
    expect((await rows()).get('NHS-03')!.amountPence).toBe(1_875_000_000);

    const half = await returnPack(icbPack, join(dir, 'icb-half.xlsx'), { signOff: { name: 'Asha Patel', date: '31/02/2026', agreement: 'I agree these figures' } });
    const r2 = await call<MethodOutput<'packs.review'>>('packs.review', { file: { path: half } });
    expect(r2.signoff).toBeNull();
    expect(r2.signOffProblems.map((p) => p.column)).toEqual(['Read me!B6', 'Read me!B7', 'Read me!B8']);
    expect(r2.signOffProblems[2]!.message).toMatch(/"31\/02\/2026" is not a date: type it as dd\/mm\/yyyy/);
  });
});
