// A returned pack survives whatever spreadsheet the partner used: the same edits, saved
// by exceljs, then re-saved for real by LibreOffice Calc (which rewrites the pack's
// number formats, e.g. 0.0##"%" as 0.0##\%) or by exceljs again, typed as text, or typed
// as a true percentage (0.125 shown as 12.5%), review to exactly the partner's changes.
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegistry } from '../../electron/backend/handlers';
import { AC, LC, LINES_FIRST_ROW } from '../../electron/backend/packs/layout';
import { Session } from '../../electron/backend/session';
import type { MethodOutput } from '../../shared/contract/methods';
import { removeDir } from '../helpers/tmp';
import { demoProject, packInfo, readWorkbook, tmpDir } from './fixtures';
import { libreOfficeResave } from './libreoffice-resave';

const dir = tmpDir('spendmap-resave-');
const session = new Session({ host: 'test', dataDir: dir });
const registry = createRegistry();
const ctx = { session, progress: () => {}, signal: new AbortController().signal };
const ICB = 'South West London ICB (Kingston place) [illustrative]';
let pack: string;

async function call<T = unknown>(method: string, input: unknown): Promise<T> {
  const r = await registry.call(method, input, ctx);
  if (!r.ok) throw Object.assign(new Error(r.error.message), { error: r.error });
  return r.data as T;
}

function rowOf(ws: ExcelJS.Worksheet, col: number, from: number, ref: string): number {
  for (let r = from; r <= ws.rowCount; r++) if (ws.getCell(r, col).value === ref) return r;
  throw new Error(`no row for ${ref}`);
}

type Style = 'typed' | 'text' | 'percent';

/** The partner's edits, typed as numbers (as the pack invites), as text, or with a true percentage. */
async function edited(name: string, style: Style): Promise<string> {
  const wb = await readWorkbook(pack);
  const lines = wb.getWorksheet('Lines')!;
  const allocation = wb.getWorksheet('Allocation')!;
  const info = packInfo(wb);
  const header = Number(info.get('allocationHeaderRow'));
  const money = Number(info.get('moneyColumn'));
  const text = style === 'text';
  const r1 = rowOf(lines, LC.ref, LINES_FIRST_ROW, 'NHS-01');
  lines.getCell(r1, LC.beta).value = text ? ' 0.25' : 0.25;
  lines.getCell(r1, LC.confidence).value = 'green';
  lines.getCell(r1, LC.reason).value = 'We hold GP list sizes by ward';
  lines.getCell(rowOf(lines, LC.ref, LINES_FIRST_ROW, 'NHS-02'), LC.amount).value = text ? '£23,000,000.50' : 23_000_000.5;
  const r3 = rowOf(lines, LC.ref, LINES_FIRST_ROW, 'NHS-03');
  lines.getCell(r3, LC.basis).value = 'direct';
  const a3 = rowOf(allocation, AC.ref, header + 1, 'NHS-03');
  allocation.getCell(a3, money).value = text ? '10000000' : 10_000_000;
  allocation.getCell(a3, money + 1).value = text ? '£8,000,000.00' : 8_000_000;
  allocation.getCell(a3, money + 2).value = '£750,000';
  const r4 = rowOf(lines, LC.ref, LINES_FIRST_ROW, 'NHS-04');
  const pct = lines.getCell(r4, LC.pct);
  if (style === 'percent') {
    pct.value = 0.125;
    // (a style object of its own: exceljs shares one between the cells it was read with)
    pct.style = { ...pct.style, numFmt: '0.0%' };
  } else pct.value = text ? '12.5%' : 12.5;
  lines.getCell(r4, LC.status).value = 'pooled';
  const out = join(dir, name);
  await wb.xlsx.writeFile(out);
  return out;
}


async function exceljsResave(file: string, out: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  await wb.xlsx.writeFile(out);
  return out;
}

const EXPECTED = [
  ['NHS-01', 'beta', '0.5', '0.25'],
  ['NHS-01', 'confidence', 'red', 'green'],
  ['NHS-02', 'amount', '£22,400,000.00', '£23,000,000.50'],
  ['NHS-03', 'basis', 'income_deprived', 'direct'],
  ['NHS-03', 'direct', 'none', expect.stringMatching(/^£18,750,000\.00 in 3 wards: /)],
  ['NHS-04', 'discretionaryPct', '0%', '12.5%'],
  ['NHS-04', 'status', 'mainstream', 'pooled'],
];

async function reviewed(file: string) {
  const review = await call<MethodOutput<'packs.review'>>('packs.review', { file: { path: file } });
  return { review, summary: review.changes.map((c) => [c.ref, c.field, c.before, c.after]) };
}

beforeAll(async () => {
  const p = await demoProject(dir);
  const projectPath = p.path;
  p.close();
  await call('project.open', { path: projectPath });
  const files = (await call<MethodOutput<'packs.export'>>('packs.export', { folder: join(dir, 'packs') })).files;
  pack = files.find((f) => f.subject === ICB)!.path;
}, 120_000);

afterAll(() => {
  session.close();
  removeDir(dir);
});

describe('a returned pack re-saved by another spreadsheet reviews to exactly the partner’s changes', () => {
  it('saved by exceljs, as edited', async () => {
    const { review, summary } = await reviewed(await edited('typed.xlsx', 'typed'));
    expect(review.problems).toEqual([]);
    expect(summary).toEqual(EXPECTED);
  });

  it('re-saved by LibreOffice Calc (its own number formats and XML)', async () => {
    const file = libreOfficeResave(await edited('lo.xlsx', 'typed'), join(dir, 'lo'));
    const { review, summary } = await reviewed(file);
    expect(review.problems).toEqual([]);
    expect(summary).toEqual(EXPECTED);
  }, 120_000);

  it('re-saved by exceljs (another writer)', async () => {
    const file = await exceljsResave(await edited('x1.xlsx', 'typed'), join(dir, 'x2.xlsx'));
    const { review, summary } = await reviewed(file);
    expect(review.problems).toEqual([]);
    expect(summary).toEqual(EXPECTED);
  });

  it('with the edits typed as text (amounts with £ and commas, "12.5%")', async () => {
    const { review, summary } = await reviewed(await edited('text.xlsx', 'text'));
    expect(review.problems).toEqual([]);
    expect(summary).toEqual(EXPECTED);
  });

  it('with the % typed as a true percentage (0.125 shown as 12.5%), and that re-saved by LibreOffice', async () => {
    const file = await edited('percent.xlsx', 'percent');
    for (const f of [file, libreOfficeResave(file, join(dir, 'lo-percent'))]) {
      const { review, summary } = await reviewed(f);
      expect(review.problems).toEqual([]);
      expect(summary).toEqual(EXPECTED);
    }
  }, 120_000);

  it('with text cells re-saved by LibreOffice', async () => {
    const { review, summary } = await reviewed(libreOfficeResave(await edited('lo-text.xlsx', 'text'), join(dir, 'lo-text')));
    expect(review.problems).toEqual([]);
    expect(summary).toEqual(EXPECTED);
  }, 120_000);
});
