// The round trip: export the demo's packs, edit one in exceljs as a partner would (a β,
// an amount, a basis with ward figures typed into Allocation, a %, a status, a
// confidence with its reason), review it, accept some changes and reject others, and
// check the project, the engine and the audit log. Through the real handler registry.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type ExcelJS from 'exceljs';
import { createRegistry } from '../../electron/backend/handlers';
import { AC, LC, LINES_FIRST_ROW } from '../../electron/backend/packs/layout';
import { allocationOf } from '../../electron/backend/mapping/allocation';
import { Session } from '../../electron/backend/session';
import type { MethodOutput } from '../../shared/contract/methods';
import { removeDir } from '../helpers/tmp';
import { at, demoProject, packInfo, pence, readWorkbook, recalculateAll, tmpDir } from './fixtures';

const dir = tmpDir('spendmap-roundtrip-');
const session = new Session({ host: 'test', dataDir: dir });
const registry = createRegistry();
const ctx = { session, progress: () => {}, signal: new AbortController().signal };
let projectPath: string;
let packs: MethodOutput<'packs.export'>['files'];

async function call<T = unknown>(method: string, input: unknown): Promise<T> {
  const r = await registry.call(method, input, ctx);
  if (!r.ok) throw Object.assign(new Error(r.error.message), { error: r.error });
  return r.data as T;
}

async function refused(method: string, input: unknown) {
  const r = await registry.call(method, input, ctx);
  if (r.ok) throw new Error(`${method} was accepted`);
  return r.error;
}

function rowOf(ws: ExcelJS.Worksheet, col: number, from: number, ref: string): number {
  for (let r = from; r <= ws.rowCount; r++) if (ws.getCell(r, col).value === ref) return r;
  throw new Error(`no row for ${ref}`);
}

const ICB = 'South West London ICB (Kingston place) [illustrative]';

/** Edits a copy of the ICB pack as a partner would, and saves it as the partner's file name. */
async function partnerEdits(name: string, edit: (lines: ExcelJS.Worksheet, allocation: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void): Promise<string> {
  const pack = packs.find((f) => f.subject === ICB)!;
  const wb = await readWorkbook(pack.path);
  edit(wb.getWorksheet('Lines')!, wb.getWorksheet('Allocation')!, wb);
  const out = join(dir, name);
  await wb.xlsx.writeFile(out);
  return out;
}

function db() {
  return new Database(projectPath, { readonly: true });
}

function line(ref: string) {
  const d = db();
  try {
    return d.prepare('SELECT id, amount_pence, basis, beta, discretionary_pct AS pct, status, confidence, confidence_reason AS reason FROM spend_lines WHERE ref = ?').get(ref) as {
      id: number;
      amount_pence: number;
      basis: string;
      beta: number;
      pct: number;
      status: string;
      confidence: string | null;
      reason: string | null;
    };
  } finally {
    d.close();
  }
}

beforeAll(async () => {
  const p = await demoProject(dir);
  projectPath = p.path;
  p.close();
  await call('project.open', { path: projectPath });
  packs = (await call<MethodOutput<'packs.export'>>('packs.export', { folder: join(dir, 'packs') })).files;
}, 120_000);

afterAll(() => {
  session.close();
  removeDir(dir);
});

describe('a returned partner pack', () => {
  let file: string;
  let review: MethodOutput<'packs.review'>;
  const wardCodes: string[] = [];

  it('is read back with the partner’s edits as changes, matched by ref', async () => {
    file = await partnerEdits('ICB returned.xlsx', (lines, allocation, wb) => {
      const info = packInfo(wb);
      const header = Number(info.get('allocationHeaderRow'));
      const money = Number(info.get('moneyColumn'));
      for (let k = 0; k < 19; k++) wardCodes.push(String(allocation.getCell(header, money + k).value));
      const r1 = rowOf(lines, LC.ref, LINES_FIRST_ROW, 'NHS-01');
      lines.getCell(r1, LC.beta).value = 0.25;
      lines.getCell(r1, LC.confidence).value = 'green';
      lines.getCell(r1, LC.reason).value = 'We hold GP list sizes by ward';
      lines.getCell(rowOf(lines, LC.ref, LINES_FIRST_ROW, 'NHS-02'), LC.amount).value = 23_000_000.5;
      const r3 = rowOf(lines, LC.ref, LINES_FIRST_ROW, 'NHS-03');
      lines.getCell(r3, LC.basis).value = 'direct';
      // Real ward figures typed over three of NHS-03's formulas (£18,750,000 in all).
      const a3 = rowOf(allocation, AC.ref, header + 1, 'NHS-03');
      allocation.getCell(a3, money).value = 10_000_000;
      allocation.getCell(a3, money + 1).value = 8_000_000;
      allocation.getCell(a3, money + 2).value = '£750,000';
      const r4 = rowOf(lines, LC.ref, LINES_FIRST_ROW, 'NHS-04');
      lines.getCell(r4, LC.pct).value = 12.5;
      lines.getCell(r4, LC.status).value = 'pooled';
    });
    review = await call('packs.review', { file: { path: file } });
    expect(review.fileName).toBe('ICB returned.xlsx');
    expect(review.kind).toBe('partner');
    expect(review.subject).toBe(ICB);
    expect(review.problems).toEqual([]);
    expect(review.unknownRefs).toEqual([]);
    expect(review.missingRefs).toEqual([]);
    const summary = review.changes.map((c) => [c.ref, c.field, c.before, c.after, c.conflict]);
    expect(summary).toEqual([
      ['NHS-01', 'beta', '0.5', '0.25', false],
      ['NHS-01', 'confidence', 'red', 'green', false],
      ['NHS-02', 'amount', '£22,400,000.00', '£23,000,000.50', false],
      ['NHS-03', 'basis', 'income_deprived', 'direct', false],
      ['NHS-03', 'direct', 'none', expect.stringMatching(/^£18,750,000\.00 in 3 wards: /), false],
      ['NHS-04', 'discretionaryPct', '0%', '12.5%', false],
      ['NHS-04', 'status', 'mainstream', 'pooled', false],
    ]);
    expect(review.changes.find((c) => c.field === 'confidence')!.note).toContain('We hold GP list sizes by ward');
    expect(review.changes.find((c) => c.field === 'direct')!.cell).toMatch(/^Allocation!/);
    expect(review.lines).toBe(5);
  });

  it('changes nothing until the user accepts', () => {
    expect(line('NHS-01').beta).toBe(0.5);
    expect(line('NHS-02').amount_pence).toBe(2_240_000_000);
  });

  it('applies the accepted changes through the normal write path and rejects the rest', async () => {
    const accept = review.changes.filter((c) => ['beta', 'amount', 'basis', 'direct'].includes(c.field)).map((c) => c.id);
    const r = await call<MethodOutput<'packs.apply'>>('packs.apply', { file: { path: file }, reviewId: review.reviewId, accept });
    expect(r).toEqual({ fileName: 'ICB returned.xlsx', applied: 4, rejected: 3, lines: 3, agreed: 0 });
    expect(line('NHS-01')).toMatchObject({ beta: 0.25, confidence: null });
    expect(line('NHS-02').amount_pence).toBe(2_300_000_050);
    expect(line('NHS-03').basis).toBe('direct');
    expect(line('NHS-04')).toMatchObject({ pct: 0, status: 'mainstream' });
    const d = db();
    const figures = d.prepare('SELECT ward_code, amount_pence FROM direct_figures WHERE line_id = ? ORDER BY ward_code').all(line('NHS-03').id);
    const audit = d.prepare("SELECT action, entity, ref, field, old_value, new_value, note FROM audit_log WHERE note LIKE '%ICB returned.xlsx%' ORDER BY id").all() as {
      action: string;
      entity: string;
      ref: string | null;
      field: string | null;
      old_value: string | null;
      new_value: string | null;
      note: string;
    }[];
    d.close();
    // Typed into the first three ward columns (the neighbourhood's wards come first): by code here.
    const typed = [
      { ward_code: wardCodes[0]!, amount_pence: 1_000_000_000 },
      { ward_code: wardCodes[1]!, amount_pence: 800_000_000 },
      { ward_code: wardCodes[2]!, amount_pence: 75_000_000 },
    ].sort((a, b) => (a.ward_code < b.ward_code ? -1 : 1));
    expect(figures).toEqual(typed);
    // Each accepted line field, and the ward figures, are in the audit log with the file name;
    // the pack entry lists both sides.
    expect(audit.filter((a) => a.entity === 'line').map((a) => [a.ref, a.field, a.old_value, a.new_value])).toEqual([
      ['NHS-01', 'deprivation_weight', '0.5', '0.25'],
      ['NHS-02', 'amount_gbp', '22400000.00', '23000000.50'],
      ['NHS-03', 'basis', 'income_deprived', 'direct'],
      ['NHS-03', 'direct_figures', '{}', JSON.stringify(Object.fromEntries(typed.map((f) => [f.ward_code, f.amount_pence])))],
    ]);
    const pack = audit.find((a) => a.entity === 'pack')!;
    expect(pack.action).toBe('import');
    expect(pack.note).toMatch(/ICB returned\.xlsx \(partner pack for South West London ICB .*\): 4 changes accepted, 3 rejected/);
    const detail = JSON.parse(pack.new_value!) as { accepted: string[]; rejected: string[] };
    expect(detail.accepted).toHaveLength(4);
    expect(detail.rejected.join(' | ')).toMatch(/NHS-01 confidence: green \| NHS-04 discretionary %: 12\.5% \| NHS-04 status: pooled/);
  });

  it('keeps the engine in step: the direct line is allocated with the partner’s figures', async () => {
    const rows = await call<MethodOutput<'mapping.allocate'>>('mapping.allocate', {});
    const nhs3 = rows.lines.find((l) => l.ref === 'NHS-03')!;
    const byWard = new Map(rows.wards.map((w, i) => [w, nhs3.amounts[i]]));
    expect(byWard.get(wardCodes[0]!)).toBe(1_000_000_000);
    expect(nhs3.amounts.reduce((s, x) => s + x, 0)).toBe(1_875_000_000);
    const project = session.requireProject();
    const a = allocationOf(project).result(line('NHS-02').id)!;
    expect(a.ok && Array.from(a.amounts).reduce((s, x) => s + x, 0)).toBe(2_300_000_050);
  });

  it('showed the partner, in the spreadsheet itself, the split Spendmap now makes of the β and amount they changed', async () => {
    // LibreOffice recalculates the returned pack from its formulas: its NHS-01 (β 0.25) and
    // NHS-02 (new amount) rows equal the engine's split after the changes were accepted.
    const rows = recalculateAll([file]).get(file)!.get('Allocation')!;
    const wb = await readWorkbook(file);
    const info = packInfo(wb);
    const header = Number(info.get('allocationHeaderRow'));
    const money = Number(info.get('moneyColumn'));
    const split = await call<MethodOutput<'mapping.allocate'>>('mapping.allocate', {});
    for (const ref of ['NHS-01', 'NHS-02']) {
      const r = rows.findIndex((row, i) => i >= header && row[AC.ref - 1] === ref) + 1;
      const engine = split.lines.find((l) => l.ref === ref)!.amounts;
      const byCode = new Map(split.wards.map((w, i) => [w, engine[i]]));
      const lo = wardCodes.map((_, k) => pence(at(rows, r, money + k)));
      expect(lo, ref).toEqual(wardCodes.map((w) => byCode.get(w)));
    }
    expect(review.changes.find((c) => c.field === 'direct')!.note).toMatch(/16 of 19 ward cells still hold formulas and count as no figure/);
  });

  it('refuses to apply a review twice, or after the project moved on', async () => {
    const err = await refused('packs.apply', { file: { path: file }, reviewId: review.reviewId, accept: [] });
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toMatch(/changed since you reviewed it/);
  });

  it('shows what the project changed since export as a conflict', async () => {
    // The user changed NHS-05's β in Spendmap after exporting; the partner changed it too.
    const id = line('NHS-05').id;
    await call('budgets.write', { writes: [{ id, values: { beta: '0.75' } }] });
    const f = await partnerEdits('ICB second.xlsx', (lines) => {
      lines.getCell(rowOf(lines, LC.ref, LINES_FIRST_ROW, 'NHS-05'), LC.beta).value = 1;
    });
    const r = await call<MethodOutput<'packs.review'>>('packs.review', { file: { path: f } });
    const c = r.changes.find((x) => x.ref === 'NHS-05')!;
    expect(c).toMatchObject({ field: 'beta', before: '0.75', after: '1', exported: '0', conflict: true });
    // The pack still holds NHS-02's exported amount: the project's newer amount is not the partner's change.
    expect(r.changes.filter((x) => x.ref === 'NHS-02')).toEqual([]);
  });

  it('reads a pack the partner sorted and filtered', async () => {
    const f = await partnerEdits('ICB sorted.xlsx', (lines) => {
      // Swap two line rows, as a sort would.
      const a = LINES_FIRST_ROW;
      const b = LINES_FIRST_ROW + 2;
      const va = lines.getRow(a).values as ExcelJS.CellValue[];
      const vb = lines.getRow(b).values as ExcelJS.CellValue[];
      lines.getRow(a).values = vb;
      lines.getRow(b).values = va;
      lines.getCell(a, LC.pct).value = 7;
    });
    const r = await call<MethodOutput<'packs.review'>>('packs.review', { file: { path: f } });
    expect(r.problems).toEqual([]);
    expect(r.changes.map((c) => [c.ref, c.field, c.after])).toEqual([['NHS-03', 'discretionaryPct', '7%']]);
  });

  it('reads "12.5%" typed into the discretionary % cell (Excel stores 0.125 in a percentage format) as 12.5', async () => {
    const f = await partnerEdits('ICB percent.xlsx', (lines) => {
      const cell = lines.getCell(rowOf(lines, LC.ref, LINES_FIRST_ROW, 'NHS-05'), LC.pct);
      cell.value = 0.125;
      cell.numFmt = '0.00%';
    });
    const r = await call<MethodOutput<'packs.review'>>('packs.review', { file: { path: f } });
    expect(r.changes.filter((c) => c.field === 'discretionaryPct').map((c) => [c.ref, c.after])).toEqual([['NHS-05', '12.5%']]);
  });

  it('applies a confidence with the partner’s reason, and one back to the suggested value as no override', async () => {
    const f = await partnerEdits('ICB confidence.xlsx', (lines) => {
      const r = rowOf(lines, LC.ref, LINES_FIRST_ROW, 'NHS-04');
      lines.getCell(r, LC.confidence).value = 'A';
      lines.getCell(r, LC.reason).value = 'Activity data by ward';
    });
    const r = await call<MethodOutput<'packs.review'>>('packs.review', { file: { path: f } });
    const c = r.changes.find((x) => x.field === 'confidence')!;
    expect(c).toMatchObject({ ref: 'NHS-04', before: 'red', after: 'amber' });
    await call('packs.apply', { file: { path: f }, reviewId: r.reviewId, accept: [c.id] });
    expect(line('NHS-04')).toMatchObject({ confidence: 'amber', reason: 'Activity data by ward' });
  });
});

describe('the project file of a review', () => {
  it('is untouched by a review', async () => {
    const d = db();
    const count = d.prepare('SELECT COUNT(*) FROM audit_log').pluck().get();
    d.close();
    const f = await partnerEdits('ICB untouched.xlsx', (lines) => {
      lines.getCell(LINES_FIRST_ROW, LC.beta).value = 0.1;
    });
    await call('packs.review', { file: { path: f } });
    const d2 = db();
    expect(d2.prepare('SELECT COUNT(*) FROM audit_log').pluck().get()).toBe(count);
    d2.close();
  });
});
