// A returned pack whose Lines sheet has had half a million rows added is refused from
// a count of the sheet's bytes, before a cell is parsed, naming the file, the sheet
// and the first row past the cap; the project is not touched.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHEETS } from '../../electron/backend/packs/layout';
import { reviewPack } from '../../electron/backend/packs/review';
import { MAX_PACK_ROWS } from '../../electron/backend/packs/review-size';
import { createProject } from '../../electron/backend/project/lifecycle';
import { AppError } from '../../shared/contract/result';
import { dumpHash } from '../helpers/db';
import { xlsxStreamed } from '../fuzz/xlsx';
import { useTmpDirs } from '../helpers/tmp';

const tmp = useTmpDirs('spendmap-oversized-pack-');

function* linesSheet(rows: number): Generator<string> {
  yield '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
  let chunk = '';
  for (let r = 1; r <= rows; r++) {
    chunk += `<row r="${r}"><c r="A${r}"><v>${r}</v></c></row>`;
    if (r % 10_000 === 0) {
      yield chunk;
      chunk = '';
    }
  }
  yield `${chunk}</sheetData></worksheet>`;
}

describe('an oversized returned pack', () => {
  it(`is refused past ${MAX_PACK_ROWS.toLocaleString('en-GB')} rows in a reviewed sheet, naming the sheet and the row`, async () => {
    const dir = tmp();
    const project = createProject({ path: join(dir, 'p.spendmap'), pack: 'wards2024', lad: 'E09000021', year: '2024-25' });
    try {
      const file = join(dir, 'returned.xlsx');
      writeFileSync(file, await xlsxStreamed(SHEETS.lines, linesSheet(MAX_PACK_ROWS + 5)));
      const before = dumpHash(project.db);
      const refusal = await reviewPack(project, { path: file }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(refusal).toBeInstanceOf(AppError);
      const e = refusal as AppError;
      expect(e.code).toBe('INPUT');
      expect(e.message).toMatch(new RegExp(`^returned\\.xlsx: the sheet "${SHEETS.lines}" holds more than 500,000 rows; .*Send back the pack as it was exported`));
      expect(e.details?.problems).toEqual([expect.objectContaining({ file: 'returned.xlsx', row: MAX_PACK_ROWS + 1, column: 'A' })]);
      expect(dumpHash(project.db)).toBe(before);
    } finally {
      project.close();
    }
  }, 60_000);
});
