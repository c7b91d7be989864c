// A returned neighbourhood pack reviews like a partner's: its Allocation holds only the
// neighbourhood's wards, and the review reads those columns (the other wards are not in
// the pack, never changed to zero). Unchanged, edited in exceljs, re-saved by LibreOffice
// Calc, with a direct line's ward figures typed over, and with a lead's sign-off (shown,
// agreeing no lines). Through the real handler registry on the demo project.
import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegistry } from '../../electron/backend/handlers';
import { AC, cellRef, LC, LINES_FIRST_ROW } from '../../electron/backend/packs/layout';
import { formatPounds } from '../../shared/money';
import { Session } from '../../electron/backend/session';
import type { MethodOutput } from '../../shared/contract/methods';
import { removeDir } from '../helpers/tmp';
import { demoProject, packInfo, readWorkbook, tmpDir } from './fixtures';
import { libreOfficeResave } from './libreoffice-resave';
import { returnPack } from './sign';

const dir = tmpDir('spendmap-nreview-');
const session = new Session({ host: 'test', dataDir: dir });
const registry = createRegistry();
const ctx = { session, progress: () => {}, signal: new AbortController().signal };
let projectPath: string;
let pack: string;

async function call<T = unknown>(method: string, input: unknown): Promise<T> {
  const r = await registry.call(method, input, ctx);
  if (!r.ok) throw Object.assign(new Error(r.error.message), { error: r.error });
  return r.data as T;
}

const review = (file: string) => call<MethodOutput<'packs.review'>>('packs.review', { file: { path: file } });
/** The exported pack's Allocation sheet, its first line's row and first ward column, to edit. */
async function allocationSheet() {
  const wb = await readWorkbook(pack);
  const info = packInfo(wb);
  return { wb, info, allocation: wb.getWorksheet('Allocation')!, first: Number(info.get('allocationHeaderRow')) + 1, col: Number(info.get('moneyColumn')) };
}
const colLetters = (col: number) => cellRef(col, 1).replace(/\d+$/, '');
const summary = (r: MethodOutput<'packs.review'>) => r.changes.map((c) => [c.ref, c.field, c.before, c.after, c.cell]);


beforeAll(async () => {
  const p = await demoProject(dir);
  projectPath = p.path;
  p.close();
  await call('project.open', { path: projectPath });
  const files = (await call<MethodOutput<'packs.export'>>('packs.export', { folder: join(dir, 'packs') })).files;
  pack = files.find((f) => f.kind === 'neighbourhood')!.path;
}, 120_000);

afterAll(() => {
  session.close();
  removeDir(dir);
});

describe('a returned neighbourhood pack', () => {
  it('holds only some of the borough’s wards on Allocation (what this review must cope with)', async () => {
    const info = packInfo(await readWorkbook(pack));
    const shown = info.get('allocationWards')!.split(',');
    expect(info.get('kind')).toBe('neighbourhood');
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.length).toBeLessThan(info.get('wards')!.split(',').length);
  });

  it('unchanged: no changes, nothing refused, nothing missing', async () => {
    const r = await review(pack);
    expect(r.kind).toBe('neighbourhood');
    expect(r.problems).toEqual([]);
    expect(r.unknownRefs).toEqual([]);
    expect(r.missingRefs).toEqual([]);
    expect(r.changes).toEqual([]);
    expect(r.lines).toBeGreaterThan(0);
    expect(r.signoff).toBeNull();
  });

  it('one cell edited in exceljs: exactly that change, with its ref, field and cell', async () => {
    const file = await returnPack(pack, join(dir, 'edited.xlsx'), { edits: [{ ref: 'NHS-02', column: 'amount', value: 23_000_000.5 }] });
    const r = await review(file);
    expect(r.problems).toEqual([]);
    expect(summary(r)).toEqual([['NHS-02', 'amount', '£22,400,000.00', '£23,000,000.50', `Lines!F${await linesRow(file, 'NHS-02')}`]]);
  });

  it('re-saved by LibreOffice Calc: unchanged reviews to nothing, the edit to the same one change', async () => {
    const same = await review(libreOfficeResave(pack, join(dir, 'lo-same')));
    expect(same.problems).toEqual([]);
    expect(same.changes).toEqual([]);
    const edited = await returnPack(pack, join(dir, 'lo-edit.xlsx'), { edits: [{ ref: 'NHS-02', column: 'amount', value: 23_000_000.5 }] });
    const r = await review(libreOfficeResave(edited, join(dir, 'lo-edited')));
    expect(r.problems).toEqual([]);
    expect(summary(r)).toEqual([['NHS-02', 'amount', '£22,400,000.00', '£23,000,000.50', `Lines!F${await linesRow(edited, 'NHS-02')}`]]);
  }, 240_000);

  it('a figure typed over the computed split of an apportioned line is refused with its cell, not read as a direct figure; also after a LibreOffice re-save', async () => {
    const { wb, info, allocation, first: row, col } = await allocationSheet();
    const ref = String(allocation.getCell(row, AC.ref).value);
    const basis = String(allocation.getCell(row, AC.basis).result ?? allocation.getCell(row, AC.basis).value);
    const exported = Number(allocation.getCell(row, col).value);
    expect(basis).not.toBe('direct');
    allocation.getCell(row, col).value = 1234;
    const file = join(dir, 'typed-over.xlsx');
    await wb.xlsx.writeFile(file);
    const cell = `Allocation!${colLetters(col)}${row}`;
    const ward = info.get('allocationWards')!.split(',')[0]!;
    const refused = [
      {
        file: 'typed-over.xlsx',
        row,
        column: cell,
        value: '1234',
        message: `holds £1,234.00 where Spendmap computed ${formatPounds(Math.round(exported * 100), { pence: true })} for ${ref} in ${ward}: ward figures on a line apportioned by ${basis} are computed; to set them, make the line direct or change its basis or β.`,
      },
    ];
    const r = await review(file);
    expect(r.problems).toEqual(refused);
    expect(r.changes).toEqual([]);
    // Calc keeps the typed value and writes its own numbers back: the same one cell, nothing else.
    const resaved = await review(libreOfficeResave(file, join(dir, 'lo-typed-over')));
    expect(resaved.problems).toEqual(refused);
    expect(resaved.changes).toEqual([]);
  }, 240_000);

  it('a computed ward cell cleared, or typed with the figure it already held, is judged by its value', async () => {
    const { wb, allocation, first, col } = await allocationSheet();
    // A line with a figure in the first ward: cleared, it is refused as £0.00; the next line's own figure typed again is no change.
    let row = first;
    while (!Number(allocation.getCell(row, col).value)) row++;
    allocation.getCell(row, col).value = null;
    const same = Number(allocation.getCell(row + 1, col).value);
    allocation.getCell(row + 1, col).value = String(same);
    const file = join(dir, 'cleared.xlsx');
    await wb.xlsx.writeFile(file);
    const r = await review(file);
    expect(r.problems.map((p) => [p.column, p.value, p.message.slice(0, 20)])).toEqual([[`Allocation!${colLetters(col)}${row}`, '', 'holds £0.00 where Sp']]);
  });

  it('a neighbourhood lead’s sign-off is shown, agrees no lines, and accepting it is refused', async () => {
    const file = await returnPack(pack, join(dir, 'signed.xlsx'), {
      signOff: { name: 'Sam Lee', role: 'Neighbourhood lead', organisation: 'Kingston Council', date: '05/12/2026', agreement: 'I agree these figures' },
    });
    const r = await review(file);
    expect(r.signoff).toEqual({ name: 'Sam Lee', role: 'Neighbourhood lead', organisation: 'Kingston Council', date: '2026-12-05', agreement: 'agree' });
    expect(r.signOffProblems).toEqual([]);
    expect(r.signOffRefs).toEqual([]);
    const refused = await registry.call('packs.apply', { file: { path: file }, reviewId: r.reviewId, accept: [], acceptSignOff: true }, ctx);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toMatch(/signed\.xlsx: a neighbourhood pack's sign-off is shown but agrees no lines/);
  });
});

describe('a direct line in a neighbourhood pack', () => {
  let lineId: number;
  let inWard: string;
  let outWard: string;
  let direct: string;

  beforeAll(async () => {
    const info = packInfo(await readWorkbook(pack));
    const shown = info.get('allocationWards')!.split(',');
    inWard = shown[0]!;
    outWard = info.get('wards')!.split(',').find((w) => !shown.includes(w))!;
    const db = new Database(projectPath, { readonly: true });
    lineId = (db.prepare('SELECT id FROM spend_lines WHERE ref = ?').get('NHS-03') as { id: number }).id;
    db.close();
    await call('budgets.write', { writes: [{ id: lineId, values: { basis: 'direct' } }] });
    await call('direct.set', { lineId, figures: [{ ward: inWard, amount: '1000' }, { ward: outWard, amount: '2000' }] });
    const files = (await call<MethodOutput<'packs.export'>>('packs.export', { folder: join(dir, 'packs-direct') })).files;
    direct = files.find((f) => f.kind === 'neighbourhood')!.path;
  }, 120_000);

  it('unchanged: its figures in the pack’s wards match what was exported, so no change', async () => {
    const r = await review(direct);
    expect(r.problems).toEqual([]);
    expect(r.changes).toEqual([]);
  });

  it('a figure changed in the pack’s ward is a change; the ward not in the pack keeps its figure', async () => {
    const wb = await readWorkbook(direct);
    const info = packInfo(wb);
    const allocation = wb.getWorksheet('Allocation')!;
    const header = Number(info.get('allocationHeaderRow'));
    let row = 0;
    for (let r = header + 1; r <= allocation.rowCount && !row; r++) if (allocation.getCell(r, AC.ref).value === 'NHS-03') row = r;
    allocation.getCell(row, Number(info.get('moneyColumn'))).value = 1500;
    const file = join(dir, 'direct-edited.xlsx');
    await wb.xlsx.writeFile(file);
    const r = await review(file);
    expect(r.problems).toEqual([]);
    expect(r.changes.map((c) => [c.ref, c.field, c.exported, c.after])).toEqual([
      ['NHS-03', 'direct', `£3,000.00 in 2 wards: ${[`${inWard} £1,000.00`, `${outWard} £2,000.00`].sort().join('; ')}`, `£3,500.00 in 2 wards: ${[`${inWard} £1,500.00`, `${outWard} £2,000.00`].sort().join('; ')}`],
    ]);
    await call('packs.apply', { file: { path: file }, reviewId: r.reviewId, accept: [r.changes[0]!.id] });
    const figures = await call<{ ward: string; amountPence: number }[]>('direct.get', { lineId });
    expect(new Map(figures.map((f) => [f.ward, f.amountPence]))).toEqual(new Map([[inWard, 150_000], [outWard, 200_000]]));
  });
});

describe('a neighbourhood pack whose proxies changed in the project since export', () => {
  it('says once that typed-over cells cannot be told apart, rather than refusing every cell of the new split', async () => {
    const wards = (await call<{ code: string }[]>('wards.list', {})).map((w) => w.code);
    const proxy = (name: string, value: (i: number) => number) => {
      const file = join(dir, name);
      writeFileSync(file, `ward_code,value\n${wards.map((w, i) => `${w},${value(i)}`).join('\n')}\n`);
      return call('proxies.import', { file: { path: file }, name: 'hubs_2024' });
    };
    await proxy('hubs-1.csv', (i) => 1 + (i % 3));
    const db = new Database(projectPath, { readonly: true });
    const id = (db.prepare('SELECT id FROM spend_lines WHERE ref = ?').get('NHS-02') as { id: number }).id;
    db.close();
    await call('budgets.write', { writes: [{ id, values: { basis: 'hubs_2024' } }] });
    const files = (await call<MethodOutput<'packs.export'>>('packs.export', { folder: join(dir, 'packs-hubs') })).files;
    const exported = files.find((f) => f.kind === 'neighbourhood')!.path;
    expect((await review(exported)).problems).toEqual([]);
    await proxy('hubs-2.csv', (i) => 5 + (i % 7));
    const r = await review(exported);
    expect(r.changes).toEqual([]);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.column).toBe('Allocation');
    expect(r.problems[0]!.message).toMatch(/^the ward figures of \d+ cells? differ from Spendmap's split, but the proxies changed since this pack was exported, so cells typed over cannot be told apart\. Export a fresh neighbourhood pack and send that\.$/);
  }, 240_000);
});

async function linesRow(file: string, ref: string): Promise<number> {
  const ws = (await readWorkbook(file)).getWorksheet('Lines')!;
  for (let r = LINES_FIRST_ROW; r <= ws.rowCount; r++) if (ws.getCell(r, LC.ref).value === ref) return r;
  throw new Error(`no row for ${ref}`);
}

