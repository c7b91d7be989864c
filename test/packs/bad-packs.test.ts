// Packs that cannot be taken as they are: from another project, structurally broken,
// not a Spendmap pack at all, with unknown refs or values Spendmap refuses. Each gives
// a clear report, and the project file is not touched.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportPacks } from '../../electron/backend/packs/export';
import { LC, LINES_FIRST_ROW } from '../../electron/backend/packs/layout';
import { reviewPack } from '../../electron/backend/packs/review';
import { applyPack } from '../../electron/backend/packs/apply';
import type { Project } from '../../electron/backend/project/project';
import { createProject } from '../../electron/backend/project/lifecycle';
import { AppError } from '../../shared/contract/result';
import { dumpHash } from '../helpers/db';
import { problemsOf, refusedWith } from '../helpers/project';
import { removeDir } from '../helpers/tmp';
import { demoProject, readWorkbook, tmpDir } from './fixtures';

const dir = tmpDir('spendmap-bad-packs-');
let project: Project;
let other: Project;
let pack: string;
let otherPack: string;

beforeAll(async () => {
  project = await demoProject(dir);
  other = createProject({ path: join(dir, 'other.spendmap'), pack: 'wards2024', lad: 'E09000021', year: '2023-24', name: 'Another Kingston' });
  const files = (await exportPacks(project, join(dir, 'packs'))).files;
  pack = files.find((f) => f.subject.startsWith('Metropolitan Police'))!.path;
  const o = createProject({ path: join(dir, 'third.spendmap'), pack: 'wards2024', lad: 'E09000021', year: '2023-24' });
  await (await import('../../electron/backend/neighbourhoods/service')).saveNeighbourhood(o, 'Norbiton', ['E05013941']);
  otherPack = (await exportPacks(o, join(dir, 'third-packs'))).files[0]!.path;
  o.close();
}, 120_000);

afterAll(() => {
  project.close();
  other.close();
  removeDir(dir);
});

async function edited(name: string, edit: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = await readWorkbook(pack);
  edit(wb);
  const out = join(dir, name);
  await wb.xlsx.writeFile(out);
  return out;
}

/** Reviewing must refuse with an INPUT error and leave the project exactly as it was. */
async function refusedReview(file: string, p: Project = project): Promise<AppError> {
  const before = dumpHash(p.db);
  const e = await refusedWith(reviewPack(p, { path: file }));
  expect(e.code).toBe('INPUT');
  expect(dumpHash(p.db)).toBe(before);
  return e;
}

describe('reviewing a pack that is not this project’s', () => {
  it('names the project it came from (same authority, different project)', async () => {
    const e = await refusedReview(pack, other);
    expect(e.message).toMatch(/exported from another project, "Kingston upon Thames 2023-24 \(demo\)".*not from the open project "Another Kingston"/);
  });

  it('refuses a pack of a third project in the demo too', async () => {
    const e = await refusedReview(otherPack);
    expect(e.message).toMatch(/exported from another project/);
  });
});

describe('reviewing a pack whose structure was broken', () => {
  it('lists a deleted sheet', async () => {
    const f = await edited('no-allocation.xlsx', (wb) => wb.removeWorksheet(wb.getWorksheet('Allocation')!.id));
    const e = await refusedReview(f);
    expect(e.message).toMatch(/structure was changed/);
    expect(problemsOf(e).map((p) => p.message)).toContain('the sheet "Allocation" is missing or was renamed.');
  });

  it('names the cell where an inserted column moved a heading', async () => {
    const f = await edited('inserted-column.xlsx', (wb) => wb.getWorksheet('Lines')!.spliceColumns(3, 0, ['Notes']));
    const e = await refusedReview(f);
    const first = problemsOf(e)[0]!;
    expect(first.column).toBe('Lines!C4');
    expect(first.message).toMatch(/should be the heading "Partner type" but is empty: a row or column was inserted, deleted or moved/);
  });

  it('names the row where an inserted row moved the header', async () => {
    const f = await edited('inserted-row.xlsx', (wb) => wb.getWorksheet('Lines')!.spliceRows(2, 0, ['a partner note']));
    const e = await refusedReview(f);
    expect(problemsOf(e)[0]!.column).toBe('Lines!A4');
  });

  it('refuses a workbook that is not a Spendmap pack, and a file that is not a workbook', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Budget').addRow(['ref', 'amount']);
    const plain = join(dir, 'plain.xlsx');
    await wb.xlsx.writeFile(plain);
    expect((await refusedReview(plain)).message).toMatch(/plain\.xlsx: this is not a Spendmap pack/);
    const csv = join(dir, 'pack.xlsx.csv');
    writeFileSync(csv, 'ref,amount\nX,1\n');
    expect((await refusedReview(csv)).message).toMatch(/not an Excel workbook \(\.xlsx\)/);
    const junk = join(dir, 'junk.xlsx');
    writeFileSync(junk, Buffer.from('PK\u0003\u0004 not really a zip'));
    expect((await refusedReview(junk)).message).toMatch(/junk\.xlsx: this is not an Excel workbook/);
  });

  it('refuses a pack whose hidden record was damaged', async () => {
    const f = await edited('damaged.xlsx', (wb) => {
      const meta = wb.getWorksheet('Spendmap')!;
      meta.getCell(30, 2).value = '{not json';
    });
    const e = await refusedReview(f);
    expect(problemsOf(e)[0]!.message).toMatch(/record of the exported lines is damaged/);
  });
});

describe('reviewing a pack with unknown refs and refused values', () => {
  it('lists unknown refs, missing rows, repeated refs and refused values, and offers only good changes', async () => {
    const f = await edited('messy.xlsx', (wb) => {
      const lines = wb.getWorksheet('Lines')!;
      const last = lines.rowCount;
      lines.getCell(last + 1, LC.ref).value = 'NEW-1';
      lines.getCell(last + 1, LC.amount).value = 1000;
      const r = LINES_FIRST_ROW;
      lines.getCell(r, LC.beta).value = 2;
      lines.getCell(r, LC.basis).value = 'nonsense';
      lines.getCell(r, LC.pct).value = 10; // a good change on the same row
      lines.getCell(r + 1, LC.amount).value = 'abc';
      lines.getCell(r + 1, LC.status).value = 'bogus';
      lines.getCell(r + 1, LC.amount).value = 12.345;
      // A repeated ref: the second row is not read.
      lines.getCell(r + 2, LC.ref).value = lines.getCell(r, LC.ref).value;
    });
    const before = dumpHash(project.db);
    const { review } = await reviewPack(project, { path: f });
    expect(dumpHash(project.db)).toBe(before);
    expect(review.unknownRefs).toEqual([{ ref: 'NEW-1', cell: expect.stringMatching(/^Lines!A\d+$/) }]);
    const messages = review.problems.map((p) => `${p.column}: ${p.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Lines!I5: is outside 0–1/),
        expect.stringMatching(/^Lines!H5: "nonsense" is not a basis in this project/),
        expect.stringMatching(/^Lines!F6: is more precise than a penny/),
        expect.stringMatching(/^Lines!K6: "bogus" is not a budget status/),
        expect.stringMatching(/^Lines!A7: ".*" is also on row 5/),
      ]),
    );
    // The row whose ref was overwritten by the repeat is missing from the pack.
    expect(review.missingRefs).toHaveLength(1);
    expect(review.changes.map((c) => [c.field, c.after])).toEqual([['discretionaryPct', '10%']]);
  });

  it('refuses to apply a change id that is not in the review', async () => {
    const f = await edited('one-change.xlsx', (wb) => {
      wb.getWorksheet('Lines')!.getCell(LINES_FIRST_ROW, LC.pct).value = 20;
    });
    const { review } = await reviewPack(project, { path: f });
    const before = dumpHash(project.db);
    const e = await refusedWith(applyPack(project, { file: { path: f }, reviewId: review.reviewId, accept: ['999:beta'] }));
    expect(e.message).toMatch(/not in this review/);
    const stale = await refusedWith(applyPack(project, { file: { path: f }, reviewId: 'stale', accept: [] }));
    expect(stale.code).toBe('CONFLICT');
    expect(dumpHash(project.db)).toBe(before);
  });

  it('refuses the whole apply when one accepted change is refused by the project, and saves nothing', async () => {
    const f = await edited('site-without-ward.xlsx', (wb) => {
      const lines = wb.getWorksheet('Lines')!;
      lines.getCell(LINES_FIRST_ROW, LC.basis).value = 'site';
      lines.getCell(LINES_FIRST_ROW, LC.pct).value = 30;
    });
    const { review } = await reviewPack(project, { path: f });
    const basis = review.changes.find((c) => c.field === 'basis')!;
    expect(basis.note).toMatch(/needs a site ward/);
    const before = dumpHash(project.db);
    const e = await refusedWith(applyPack(project, { file: { path: f }, reviewId: review.reviewId, accept: review.changes.map((c) => c.id) }));
    expect(e.code).toBe('INPUT');
    expect(problemsOf(e)[0]!.message).toMatch(/"site"/);
    expect(dumpHash(project.db)).toBe(before);
  });
});
