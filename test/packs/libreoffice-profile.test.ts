// The private LibreOffice profile every recalculation test and bench row uses: it must
// make LibreOffice recalculate on load (a stale cached result is replaced), and it must
// not make LibreOffice run its first-start graphics self-tests on every start (3.4 s
// each, which the bench's recalculation rows would otherwise count as the pack's).
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { libreOfficeVersion, recalcProfile, recalculate } from '../../scripts/lib/libreoffice';

describe('LibreOffice profile', () => {
  it('reads the version LibreOffice prints', () => {
    expect(libreOfficeVersion('LibreOffice 7.4.7.2 40(Build:2)')).toBe('7.4');
    expect(libreOfficeVersion('LibreOffice 24.2.7.2 420(Build:2)')).toBe('24.2');
    expect(libreOfficeVersion('')).toBeNull();
    expect(libreOfficeVersion('soffice: command not found')).toBeNull();
  });

  it('recalculates a stale cached result and skips the first-start self-tests', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spendmap-lo-profile-test-'));
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    ws.getCell('A1').value = 20;
    // A cached result that is wrong on purpose: only a recalculation shows 42.
    ws.getCell('B1').value = { formula: 'A1*2+2', result: 7 };
    const file = join(dir, 'stale.xlsx');
    await wb.xlsx.writeFile(file);

    const first = recalculate(file);
    expect(first.sheets.get('S')?.[0]).toEqual(['20', '42']);
    // LibreOffice writes this log whenever it runs the self-tests.
    expect(existsSync(join(recalcProfile(), 'user', 'GraphicsRenderTests.log'))).toBe(false);
  });
});
