// Formula injection, names and Unicode: user text that starts with = + - @ tab or CR is
// written as text that cannot become a formula (in packs, and in every CSV we write);
// file and sheet names are safe on Windows; Unicode partner names survive.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCsv } from '../../electron/backend/csv';
import { exportPacks } from '../../electron/backend/packs/export';
import { LC, LINES_FIRST_ROW } from '../../electron/backend/packs/layout';
import { distinctNames, fileNamePart, packFileName, safeSheetName } from '../../electron/backend/packs/names';
import type { Project } from '../../electron/backend/project/project';
import { allocateAll } from '../../electron/backend/mapping/allocate';
import { runCli } from '../helpers/cli';
import { parseCsv } from '../helpers/csv';
import { removeDir } from '../helpers/tmp';
import { at, HOSTILE_PARTNER, readWorkbook, recalculateAll, tmpDir, towerHamletsProject, UNICODE_PARTNER } from './fixtures';

const dir = tmpDir('spendmap-safety-');
let project: Project;
let files: { name: string; path: string; subject: string }[];

/** Text a spreadsheet would run as a formula (OWASP CSV injection), and ways to sneak it in. */
const HOSTILE = ['=1+2', '+44 20 7000 0000', '-5 and counting', '@SUM(A1:A9)', '\t=cmd|\'/C calc\'!A0', '\r=1+1', "=HYPERLINK(\"http://x\",\"y\")"];

beforeAll(async () => {
  project = await towerHamletsProject(dir);
  // Text that the import trims (a leading tab or CR) can still reach a project through an
  // older file or another tool: put it straight into the database.
  const ids = project.db.prepare("SELECT id FROM spend_lines ORDER BY id LIMIT 3").pluck().all() as number[];
  project.db.prepare('UPDATE spend_lines SET description = ? WHERE id = ?').run('\t=cmd|\'/C calc\'!A0', ids[0]);
  project.db.prepare('UPDATE spend_lines SET service = ? WHERE id = ?').run('\r=1+1', ids[1]);
  project.db.prepare('UPDATE spend_lines SET themes = ? WHERE id = ?').run('=2+3;@evil', ids[2]);
  project.db.prepare("UPDATE neighbourhoods SET name = '-Poplar+1' WHERE name = 'Poplar'").run();
  files = (await exportPacks(project, join(dir, 'packs'))).files;
}, 120_000);

afterAll(() => {
  project.close();
  removeDir(dir);
});

describe('formula injection', () => {
  it('writes every text cell of every pack as text (numFmt "@"), never as a formula', async () => {
    let checked = 0;
    for (const f of files) {
      const wb = await readWorkbook(f.path);
      for (const ws of wb.worksheets)
        ws.eachRow((row) =>
          row.eachCell((cell) => {
            if (typeof cell.value !== 'string' || cell.type === ExcelJS.ValueType.Merge) return;
            checked++;
            expect(cell.numFmt, `${f.name} ${ws.name}!${cell.address}`).toBe('@');
            expect(cell.type).toBe(ExcelJS.ValueType.String);
          }),
        );
      // No formula anywhere carries user text.
      const zip = await JSZip.loadAsync(readFileSync(f.path));
      for (const n of Object.keys(zip.files).filter((x) => x.startsWith('xl/worksheets/sheet'))) {
        const xml = await zip.file(n)!.async('string');
        for (const m of xml.matchAll(/<f>([^<]*)<\/f>/g)) expect(m[1]).not.toMatch(/HYPERLINK|cmd|1\+2|evil|Poplar/);
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('keeps the hostile texts exactly, as text: LibreOffice shows them and computes none', async () => {
    const hostile = files.find((f) => f.subject === HOSTILE_PARTNER)!;
    const wb = await readWorkbook(hostile.path);
    const lines = wb.getWorksheet('Lines')!;
    const texts: string[] = [];
    for (let r = LINES_FIRST_ROW; r <= lines.rowCount; r++) for (const c of [LC.partner, LC.service, LC.description, LC.themes]) texts.push(String(lines.getCell(r, c).value ?? ''));
    expect(texts).toContain(HOSTILE_PARTNER);
    const lo = recalculateAll([hostile.path, files.find((f) => f.subject === '-Poplar+1')!.path]);
    const rows = lo.get(hostile.path)!.get('Lines')!;
    const shown = rows.flatMap((r) => r);
    expect(shown).toContain(HOSTILE_PARTNER);
    for (const t of ['=1+2', '+44 20 7000 0000', '-5 and counting', '@SUM(A1:A9)']) if (texts.includes(t)) expect(shown).toContain(t);
    expect(shown).not.toContain('3');
    const all = [...lo.values()].flatMap((sheets) => [...sheets.values()].flat(2));
    expect(all.some((c) => c.includes('\t=cmd'))).toBe(true);
    expect(all.some((c) => c === '-Poplar+1' || c.startsWith('In -Poplar+1'))).toBe(true);
    expect(at(rows, LINES_FIRST_ROW, LC.partner)).not.toBe('');
  });

  it('neutralises the same texts in every CSV Spendmap writes', async () => {
    const csv = toCsv([HOSTILE]);
    const cells = parseCsv(csv)[0]!;
    expect(cells).toEqual(HOSTILE.map((t) => `'${t}`));
    // A ref that is a formula, through the allocate CSV of the CLI.
    project.db.prepare("UPDATE spend_lines SET ref = '=EVIL()' WHERE ref = 'TH-001'").run();
    const a = allocateAll(project);
    expect(a.lines.some((l) => l.ref === '=EVIL()')).toBe(true);
    const out = toCsv(a.lines.map((l) => [l.ref, l.amounts[0]!]));
    expect(parseCsv(out).map((r) => r[0])).toContain("'=EVIL()");
    expect(out).not.toMatch(/^=EVIL/m);
    project.db.prepare("UPDATE spend_lines SET ref = 'TH-001' WHERE ref = '=EVIL()'").run();
  });
});

describe('names', () => {
  it('gives each pack a file name safe on Windows, from the project, the partner and the date, Unicode kept', () => {
    const names = readdirSync(join(dir, 'packs'));
    expect(names.sort()).toEqual(files.map((f) => f.name).sort());
    for (const n of names) {
      expect(n).not.toMatch(/[<>:"/\\|?*\u0000-\u001f]/);
      expect(n).toMatch(/^Tower Hamlets 2019-20 - .+ - \d{4}-\d{2}-\d{2}\.xlsx$/);
      expect(Buffer.byteLength(n)).toBeLessThanOrEqual(255);
      expect(n).toBe(n.normalize('NFC'));
    }
    expect(names).toContain(`Tower Hamlets 2019-20 - Ünïcødé Ťrüst Ωmega [Test] — ☕ 日本 - ${names[0]!.slice(-15, -5)}.xlsx`);
    expect(names.some((n) => n.includes('=HYPERLINK( http example.invalid , click )'))).toBe(true);
    expect(names.some((n) => n.includes('-Poplar+1 neighbourhood'))).toBe(true);
    expect(UNICODE_PARTNER).toContain('/');
  });

  it('makes any text a safe file name part', () => {
    expect(fileNamePart('a/b\\c:d*e?f"g<h>i|j')).toBe('a b c d e f g h i j');
    expect(fileNamePart('CON')).toBe('_CON');
    expect(fileNamePart('lpt1.txt')).toBe('_lpt1.txt');
    expect(fileNamePart('name. . ')).toBe('name');
    expect(fileNamePart('\u202egnp.exe')).toBe('gnp.exe');
    expect(fileNamePart('   ')).toBe('_');
    expect(fileNamePart('e\u0301cole')).toBe('école');
    expect(fileNamePart('😀'.repeat(40), 61)).toBe('😀'.repeat(30));
    expect(packFileName(['P', 'Q'], new Date(2026, 0, 5))).toBe('P - Q - 2026-01-05.xlsx');
    expect(distinctNames(['A.xlsx', 'a.xlsx', 'B.xlsx', 'A.xlsx'])).toEqual(['A.xlsx', 'a (2).xlsx', 'B.xlsx', 'A (3).xlsx']);
  });

  it('makes any text a valid sheet name', () => {
    expect(safeSheetName('Budget: 2024/25 [draft]?*')).toBe('Budget 2024 25 draft');
    expect(safeSheetName('x'.repeat(40))).toHaveLength(31);
    expect(safeSheetName("'quoted'")).toBe('quoted');
    expect(safeSheetName('History')).toBe('Sheet');
    expect(safeSheetName('', 'Lines')).toBe('Lines');
    expect(safeSheetName('Ünïcødé 日本 ☕')).toBe('Ünïcødé 日本 ☕');
    expect(safeSheetName('𝔘'.repeat(20))).toHaveLength(30);
  });
});

describe('the export command', () => {
  it('writes every pack into --out and prints their file names, one per line', async () => {
    const out = join(dir, 'cli-out');
    const r = await runCli(['export', project.path, '--out', out], { env: { SPENDMAP_DATA: join(dir, 'data') } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const printed = r.stdout.trimEnd().split('\n');
    expect(printed.sort()).toEqual(readdirSync(out).sort());
    expect(printed).toHaveLength(9);
  });

  it('refuses wrong usage with exit status 2', async () => {
    const r = await runCli(['export', project.path], { env: { SPENDMAP_DATA: join(dir, 'data') } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--out is required/);
  });

  it('refuses a folder it cannot write with exit status 1 and a reason', async () => {
    // A "folder" inside a file.
    const r = await runCli(['export', project.path, '--out', join(files[0]!.path, 'sub')], { env: { SPENDMAP_DATA: join(dir, 'data') } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Cannot write packs to .*Choose another folder/);
  });
});

