// A returned neighbourhood pack reviews like a partner's: its Allocation holds only the
// neighbourhood's wards, and the review reads those columns (the other wards are not in
// the pack, never changed to zero). Unchanged, edited in exceljs, re-saved by LibreOffice
// Calc, with a direct line's ward figures typed over, and with a lead's sign-off (shown,
// agreeing no lines). Through the real handler registry on the demo project.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegistry } from '../../electron/backend/handlers';
import { LC, LINES_FIRST_ROW } from '../../electron/backend/packs/layout';
import { Session } from '../../electron/backend/session';
import type { MethodOutput } from '../../shared/contract/methods';
import { recalcProfile, sofficePath } from '../../scripts/lib/libreoffice';
import { removeDir } from '../helpers/tmp';
import { demoProject, packInfo, readWorkbook, tmpDir } from './fixtures';
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
const summary = (r: MethodOutput<'packs.review'>) => r.changes.map((c) => [c.ref, c.field, c.before, c.after, c.cell]);

function libreOfficeResave(file: string, outDir: string): string {
  mkdirSync(outDir, { recursive: true });
  const r = spawnSync(
    sofficePath(),
    [`-env:UserInstallation=${pathToFileURL(recalcProfile()).href}`, '--headless', '--norestore', '--nolockcheck', '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', outDir, file],
    { encoding: 'utf8', timeout: 300_000 },
  );
  if (r.status !== 0) throw new Error(`soffice failed (${r.status}): ${r.stderr}`);
  return join(outDir, file.split('/').pop()!);
}

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

  it('a figure typed over the engine’s split of a formula line is not read as a direct figure', async () => {
    const wb = await readWorkbook(pack);
    const info = packInfo(wb);
    const allocation = wb.getWorksheet('Allocation')!;
    const header = Number(info.get('allocationHeaderRow'));
    allocation.getCell(header + 1, Number(info.get('moneyColumn'))).value = 1234;
    const file = join(dir, 'typed-over.xlsx');
    await wb.xlsx.writeFile(file);
    const r = await review(file);
    expect(r.problems).toEqual([]);
    expect(r.changes).toEqual([]);
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

async function linesRow(file: string, ref: string): Promise<number> {
  const ws = (await readWorkbook(file)).getWorksheet('Lines')!;
  for (let r = LINES_FIRST_ROW; r <= ws.rowCount; r++) if (ws.getCell(r, LC.ref).value === ref) return r;
  throw new Error(`no row for ${ref}`);
}

