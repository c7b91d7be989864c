// Editing spend lines (grid edits, pastes, new lines): the same rules as imports,
// all or nothing, every change in the audit log; and reading pages for the grid.
import { describe, expect, it } from 'vitest';
import type { Project } from '../../electron/backend/project/project';
import { importBudgets } from '../../electron/backend/budgets/import';
import { allLines, deleteLines, listLines, writeLines } from '../../electron/backend/budgets/lines';
import { budgetRow, writeBudgetCsv, type BudgetRow } from '../helpers/budget';
import { dumpDb } from '../helpers/db';
import { problemsOf, refusedWith, useProjects } from '../helpers/project';

const { tmp, fresh } = useProjects('spendmap-lines-');
const SOURCE = { source: 'budgets grid' };
const NHS = 'Kingston Hospital NHS Foundation Trust';

async function importRows(project: Project, rows: BudgetRow[]) {
  return importBudgets(project, { file: { path: writeBudgetCsv(tmp(), 'lines.csv', rows) } });
}

interface AuditRow {
  action: string;
  entity: string;
  entity_id: string | null;
  ref: string | null;
  field: string | null;
  old_value: string | null;
  new_value: string | null;
  note: string | null;
}
const auditSince = (project: Project, id: number) =>
  project.db.prepare('SELECT action, entity, entity_id, ref, field, old_value, new_value, note FROM audit_log WHERE id > ? ORDER BY id').all(id) as AuditRow[];
const lastAuditId = (project: Project) => project.db.prepare('SELECT COALESCE(MAX(id), 0) FROM audit_log').pluck().get() as number;

describe('creating lines', () => {
  it('gives new lines automatic refs L00001, L00002… and audits each creation', () => {
    const project = fresh();
    const mark = lastAuditId(project);
    const created = writeLines(
      project,
      [
        { values: { partner: NHS, partnerType: 'health', amount: '100', service: 'Wards' } },
        { values: { partner: NHS, partnerType: 'health', amount: '£2,000.10', basis: 'income_deprived', beta: '0.25' } },
        { values: { partner: 'Age UK Kingston', partnerType: 'vcs', amount: '0' } },
      ],
      SOURCE,
    );
    expect(created.map((l) => l.ref)).toEqual(['L00001', 'L00002', 'L00003']);
    expect(created[1]).toMatchObject({ partner: NHS, partnerType: 'health', amountPence: 200_010, basis: 'income_deprived', beta: 0.25, year: '2023-24' });
    // A new line without a basis takes population (the project has it).
    expect(created[0]).toMatchObject({ basis: 'population', confidence: 'red', status: 'mainstream' });
    const audit = auditSince(project, mark);
    const lineCreates = audit.filter((a) => a.entity === 'line');
    expect(lineCreates.map((a) => [a.action, a.ref, a.note])).toEqual([
      ['create', 'L00001', 'budgets grid'],
      ['create', 'L00002', 'budgets grid'],
      ['create', 'L00003', 'budgets grid'],
    ]);
    expect(JSON.parse(lineCreates[1]!.new_value!)).toMatchObject({ ref: 'L00002', partner: NHS, amount_gbp: '2000.10', basis: 'income_deprived' });
    expect(audit.filter((a) => a.entity === 'partner').map((a) => JSON.parse(a.new_value!))).toEqual([
      { name: NHS, type: 'health' },
      { name: 'Age UK Kingston', type: 'vcs' },
    ]);
  });

  // A paste of rows for a partner new to the project, its type given on the first row
  // only: validation looks the partner up in the database (not yet there), so later rows
  // keep the new-line default type ("other", or the last line's partner's type), and in
  // the transaction findOrCreatePartner then switches the partner's type to it —
  // silently overriding the "health" the user typed (budgets/lines.ts).
  it('keeps the type given for a new partner when later rows of the same batch name it without a type', () => {
    const project = fresh();
    writeLines(
      project,
      [{ values: { partner: NHS, partnerType: 'health', amount: '100' } }, { values: { partner: NHS, amount: '200' } }],
      SOURCE,
    );
    expect(project.db.prepare('SELECT type FROM partners WHERE name = ?').pluck().get(NHS)).toBe('health');
    expect(allLines(project).map((l) => l.partnerType)).toEqual(['health', 'health']);
  });

  it('continues the automatic refs after an import, and never reuses a deleted ref', async () => {
    const project = fresh();
    await importRows(project, [budgetRow(), budgetRow({ ref: 'NHS-9' }), budgetRow()]);
    expect(allLines(project).map((l) => l.ref)).toEqual(['L00001', 'NHS-9', 'L00002']);
    const [a] = writeLines(project, [{ values: { amount: '1' } }], SOURCE);
    expect(a!.ref).toBe('L00003');
    deleteLines(project, [a!.id], 'test');
    const [b] = writeLines(project, [{ values: { amount: '1' } }], SOURCE);
    expect(b!.ref).toBe('L00004');
  });

  // Refs are unique regardless of case everywhere else (imports compare lower(ref),
  // writeLines checks "ref = ? COLLATE NOCASE"), but nextRef (budgets/lines.ts)
  // checks "ref = ?" case-sensitively, so it hands out "L00001" beside an imported "l00001".
  it('never gives an automatic ref that differs only in case from an existing one', async () => {
    const project = fresh();
    await importRows(project, [budgetRow({ ref: 'l00001' })]);
    const [created] = writeLines(project, [{ values: { amount: '5' } }], SOURCE);
    const refs = allLines(project).map((l) => l.ref.toLowerCase());
    expect(new Set(refs).size).toBe(refs.length);
    expect(created!.ref.toLowerCase()).not.toBe('l00001');
  });
});

describe('editing lines', () => {
  async function projectWithLines() {
    const project = fresh();
    await importRows(project, [
      budgetRow({ ref: 'A', amount_gbp: '1000', service: 'Acute care' }),
      budgetRow({ ref: 'B', amount_gbp: '2000' }),
      budgetRow({ ref: 'C', partner: 'Metropolitan Police Service', partner_type: 'police', amount_gbp: '3000' }),
    ]);
    const byRef = new Map(allLines(project).map((l) => [l.ref, l]));
    return { project, id: (ref: string) => byRef.get(ref)!.id };
  }

  it('refuses a bad value with the same reason an import gives, and saves nothing', async () => {
    const { project, id } = await projectWithLines();
    const importError = await refusedWith(importRows(project, [budgetRow({ amount_gbp: '12,3x' })]));
    const before = dumpDb(project.db);
    const e = await refusedWith(() =>
      writeLines(project, [
        { id: id('A'), values: { service: 'Changed' }, row: 7 },
        { id: id('B'), values: { amount: '12,3x', beta: '2' }, row: 8 },
      ], SOURCE),
    );
    expect(e.code).toBe('INPUT');
    expect(e.message).toMatch(/2 values refused in budgets grid; nothing was saved/);
    expect(problemsOf(e)).toEqual([
      { file: 'budgets grid', row: 8, column: 'amount_gbp', value: '12,3x', message: problemsOf(importError)[0]!.message },
      expect.objectContaining({ file: 'budgets grid', row: 8, column: 'deprivation_weight', value: '2', message: expect.stringMatching(/outside 0–1/) }),
    ]);
    expect(dumpDb(project.db)).toEqual(before);
  });

  it('refuses site without a ward, an unknown basis and a ref that another line has', async () => {
    const { project, id } = await projectWithLines();
    const before = dumpDb(project.db);
    const e = await refusedWith(() =>
      writeLines(project, [
        { id: id('A'), values: { basis: 'site' } },
        { id: id('B'), values: { basis: 'crime' } },
        { id: id('C'), values: { ref: 'a' } },
        { values: { ref: 'NEW' } },
        { values: { ref: 'new' } },
      ], SOURCE),
    );
    expect(problemsOf(e).map((p) => [p.row, p.column])).toEqual([
      [1, 'site_ward'],
      [2, 'basis'],
      [3, 'ref'],
      [5, 'ref'],
    ]);
    expect(dumpDb(project.db)).toEqual(before);
  });

  it('audits every changed field with its old and new value, and nothing for unchanged ones', async () => {
    const { project, id } = await projectWithLines();
    const mark = lastAuditId(project);
    const [after] = writeLines(
      project,
      [{ id: id('A'), values: { amount: '£2,500.50', service: 'Acute care', themes: 'Health;Older people', discretionaryPct: '7.5%' } }],
      SOURCE,
    );
    expect(after).toMatchObject({ amountPence: 250_050, service: 'Acute care', themes: ['Health', 'Older people'], discretionaryPct: 7.5 });
    expect(auditSince(project, mark).map((a) => [a.action, a.entity, a.entity_id, a.ref, a.field, a.old_value, a.new_value, a.note])).toEqual([
      ['update', 'line', String(id('A')), 'A', 'amount_gbp', '1000.00', '2500.50', 'budgets grid'],
      ['update', 'line', String(id('A')), 'A', 'discretionary_pct', '0', '7.5', 'budgets grid'],
      ['update', 'line', String(id('A')), 'A', 'themes', '', 'Health; Older people', 'budgets grid'],
    ]);
  });

  it('needs a reason to override the suggested confidence, and audits the override with it', async () => {
    const { project, id } = await projectWithLines();
    const before = dumpDb(project.db);
    const e = await refusedWith(() => writeLines(project, [{ id: id('B'), values: { confidence: 'green' } }], SOURCE));
    expect(problemsOf(e)).toEqual([expect.objectContaining({ column: 'confidence', value: 'green', message: expect.stringMatching(/needs a reason/) })]);
    expect(dumpDb(project.db)).toEqual(before);

    const mark = lastAuditId(project);
    const [set] = writeLines(project, [{ id: id('B'), values: { confidence: 'G' }, confidenceReason: '  partner supplied ward figures ' }], SOURCE);
    expect(set).toMatchObject({ confidenceOverride: 'green', confidence: 'green', confidenceReason: 'partner supplied ward figures' });
    expect(auditSince(project, mark)).toEqual([
      expect.objectContaining({ action: 'override', field: 'confidence', old_value: '', new_value: 'green', note: 'budgets grid: partner supplied ward figures' }),
    ]);

    const mark2 = lastAuditId(project);
    const [cleared] = writeLines(project, [{ id: id('B'), values: { confidence: '' } }], SOURCE);
    expect(cleared).toMatchObject({ confidenceOverride: null, confidenceReason: null, confidence: 'red' });
    expect(auditSince(project, mark2)).toEqual([expect.objectContaining({ action: 'override', field: 'confidence', old_value: 'green', new_value: '' })]);
  });

  it("changes the partner's type for all its lines when one line changes it, and audits the partner", async () => {
    const { project, id } = await projectWithLines();
    const mark = lastAuditId(project);
    writeLines(project, [{ id: id('A'), values: { partnerType: 'police' } }], SOURCE);
    const lines = new Map(allLines(project).map((l) => [l.ref, l]));
    expect(lines.get('A')!.partnerType).toBe('police');
    expect(lines.get('B')!.partnerType).toBe('police'); // same partner, not edited
    expect(project.db.prepare('SELECT type FROM partners WHERE name = ?').pluck().get(NHS)).toBe('police');
    expect(auditSince(project, mark)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'update', entity: 'partner', field: 'partner_type', old_value: 'health', new_value: 'police', note: NHS }),
      ]),
    );
  });

  it('keeps the type a partner already has when a line names the partner without a type', async () => {
    const { project, id } = await projectWithLines();
    const [moved] = writeLines(project, [{ id: id('A'), values: { partner: 'metropolitan police service' } }], SOURCE);
    expect(moved).toMatchObject({ partner: 'Metropolitan Police Service', partnerType: 'police' });
    expect(project.db.prepare('SELECT COUNT(*) FROM partners').pluck().get()).toBe(2);
  });

  it('audits deletes with the whole line, and refuses unknown ids without deleting anything', async () => {
    const { project, id } = await projectWithLines();
    const before = dumpDb(project.db);
    const missing = await refusedWith(() => deleteLines(project, [id('A'), 99_999], 'budgets grid'));
    expect(missing.code).toBe('NOT_FOUND');
    expect(dumpDb(project.db)).toEqual(before);

    const mark = lastAuditId(project);
    expect(deleteLines(project, [id('C')], 'budgets grid')).toBe(1);
    expect(allLines(project).map((l) => l.ref)).toEqual(['A', 'B']);
    const audit = auditSince(project, mark);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'delete', entity: 'line', entity_id: String(id('C')), ref: 'C', note: 'budgets grid' });
    expect(JSON.parse(audit[0]!.old_value!)).toMatchObject({ ref: 'C', partner: 'Metropolitan Police Service', partner_type: 'police', amount_gbp: '3000.00' });
  });
});

describe('listing lines for the grid', () => {
  // 25 lines with distinct amounts; partners and texts chosen to exercise filters.
  const specs = Array.from({ length: 25 }, (_, i) => ({
    ref: `R${String(i + 1).padStart(2, '0')}`,
    partner: ['Alpha Trust', 'Beta Council', 'Gamma Police'][i % 3]!,
    partner_type: ['health', 'council', 'police'][i % 3]!,
    pence: ((i * 7919) % 25) * 10_000 + i + 1, // distinct
    service: i === 4 ? '50% grant' : i === 5 ? '5000 grant' : i === 6 ? 'under_score' : i === 7 ? 'underXscore' : `Service ${i}`,
    description: i % 5 === 0 ? 'Capital grant' : 'Revenue',
  }));

  async function listed() {
    const project = fresh();
    await importRows(
      project,
      specs.map((s) =>
        budgetRow({ ref: s.ref, partner: s.partner, partner_type: s.partner_type, amount_gbp: (s.pence / 100).toFixed(2), service: s.service, description: s.description }),
      ),
    );
    return project;
  }
  const total = (xs: typeof specs) => xs.reduce((s, x) => s + x.pence, 0);

  it('pages in position order by default, with count and total of everything', async () => {
    const project = await listed();
    const page = listLines(project, { offset: 10, limit: 5 });
    expect(page.rows.map((r) => r.ref)).toEqual(specs.slice(10, 15).map((s) => s.ref));
    expect(page.count).toBe(25);
    expect(page.totalPence).toBe(total(specs));
    expect(listLines(project, { offset: 30, limit: 5 })).toMatchObject({ rows: [], count: 25, totalPence: total(specs) });
  });

  it('sorts by amount both ways across pages', async () => {
    const project = await listed();
    const desc = [...specs].sort((a, b) => b.pence - a.pence);
    const asc = [...desc].reverse();
    expect(listLines(project, { offset: 5, limit: 5, sort: { field: 'amountPence', dir: 'desc' } }).rows.map((r) => r.amountPence)).toEqual(
      desc.slice(5, 10).map((s) => s.pence),
    );
    expect(listLines(project, { offset: 0, limit: 25, sort: { field: 'amountPence', dir: 'asc' } }).rows.map((r) => r.ref)).toEqual(asc.map((s) => s.ref));
  });

  it('ignores an unknown sort field (no SQL from the caller) and keeps position order', async () => {
    const project = await listed();
    const page = listLines(project, { offset: 0, limit: 3, sort: { field: 'amount_pence; DROP TABLE spend_lines', dir: 'asc' } });
    expect(page.rows.map((r) => r.ref)).toEqual(['R01', 'R02', 'R03']);
    expect(listLines(project, { offset: 0, limit: 1 }).count).toBe(25);
  });

  it('filters by partner (any case) with the count and total of the filtered lines', async () => {
    const project = await listed();
    const beta = specs.filter((s) => s.partner === 'Beta Council');
    const page = listLines(project, { offset: 0, limit: 3, partner: 'beta council' });
    expect(page.rows.map((r) => r.ref)).toEqual(beta.slice(0, 3).map((s) => s.ref));
    expect(page.count).toBe(beta.length);
    expect(page.totalPence).toBe(total(beta));
  });

  it('searches ref, partner, service and description, taking % and _ literally', async () => {
    const project = await listed();
    const search = (q: string) => listLines(project, { offset: 0, limit: 100, search: q });
    const grants = specs.filter((s) => /grant/i.test(s.service) || /grant/i.test(s.description));
    expect(search('GRANT').rows.map((r) => r.ref)).toEqual(grants.map((s) => s.ref));
    expect(search('GRANT').totalPence).toBe(total(grants));
    expect(search('50%').rows.map((r) => r.service)).toEqual(['50% grant']);
    expect(search('under_score').rows.map((r) => r.service)).toEqual(['under_score']);
    expect(search('R07').rows.map((r) => r.ref)).toEqual(['R07']);
    expect(search('gamma').count).toBe(specs.filter((s) => s.partner === 'Gamma Police').length);
    expect(search('no such text')).toEqual({ rows: [], count: 0, totalPence: 0 });
  });
});

describe('sorting by confidence', () => {
  it('orders by each line’s confidence as the grid shows it (override, else suggested from the basis), one rule for both', async () => {
    const project = fresh();
    await importRows(project, [
      budgetRow({ ref: 'A', basis: 'population' }),
      budgetRow({ ref: 'B', basis: 'direct' }),
      budgetRow({ ref: 'C', basis: 'income_deprived' }),
      budgetRow({ ref: 'D', basis: 'even', confidence: 'green' }),
      budgetRow({ ref: 'E', basis: 'site', site_ward: 'E05013941', confidence: 'red' }),
      budgetRow({ ref: 'F', basis: 'older_60_plus' }),
    ]);
    const page = listLines(project, { offset: 0, limit: 10, sort: { field: 'confidence', dir: 'asc' } });
    const shown = page.rows.map((l) => [l.ref, l.confidence]);
    expect(shown.map(([, c]) => c)).toEqual(['amber', 'amber', 'green', 'green', 'red', 'red']);
    expect(Object.fromEntries(shown)).toEqual({ A: 'red', B: 'green', C: 'amber', D: 'green', E: 'red', F: 'amber' });
  });
});
