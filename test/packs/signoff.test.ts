// Sign-off: the demo's real packs carry a sign-off block on Read me (cells of layout.ts,
// a data-validation list for the agreement); a partner fills it in (in exceljs, then the
// file re-saved by LibreOffice for real) and readSignOff reads it back; the per-line
// export fingerprints say which lines changed since; accepting the sign-off moves the
// partner's lines to agreed in the real project file, with who and when.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type ExcelJS from 'exceljs';
import { exportPacks } from '../../electron/backend/packs/export';
import { linesChangedSinceExport } from '../../electron/backend/packs/fingerprint';
import { AGREEMENT_CHOICES, META_SNAPSHOT_ROW, SIGN_OFF_CELLS, decodeSnapshot, snapshotFingerprint, type LineSnapshot } from '../../electron/backend/packs/layout';
import { readSignOff, readSignOffSheet, signOffDate } from '../../electron/backend/packs/signoff';
import type { Project } from '../../electron/backend/project/project';
import { acceptSignOff, agreedShares, lineAgreements, markCorrected } from '../../electron/backend/packs/agreement';
import { allLines } from '../../electron/backend/budgets/lines';
import { neighbourhoodDetail } from '../../electron/backend/mapping/service';
import { listNeighbourhoods } from '../../electron/backend/neighbourhoods/service';
import { libreOfficeResave } from './libreoffice-resave';
import { removeDir } from '../helpers/tmp';
import { demoProject, readWorkbook, tmpDir } from './fixtures';

const dir = tmpDir('spendmap-signoff-');
let project: Project;
let packs: Awaited<ReturnType<typeof exportPacks>>['files'];
let partner: string;
let partnerPack: string;

beforeAll(async () => {
  project = await demoProject(dir);
  packs = (await exportPacks(project, join(dir, 'packs'))).files;
  const p = packs.filter((f) => f.kind === 'partner').sort((a, b) => b.lines - a.lines)[0]!;
  partner = p.subject;
  partnerPack = p.path;
}, 120_000);

afterAll(() => {
  project?.close();
  removeDir(dir);
});

function snapshots(wb: ExcelJS.Workbook): { snap: LineSnapshot; fingerprint: string }[] {
  const meta = wb.getWorksheet('Spendmap')!;
  const out: { snap: LineSnapshot; fingerprint: string }[] = [];
  for (let r = META_SNAPSHOT_ROW; r <= meta.rowCount; r++) {
    const json = meta.getCell(r, 2).value;
    if (typeof json === 'string') out.push({ snap: decodeSnapshot(json), fingerprint: String(meta.getCell(r, 3).value) });
  }
  return out;
}

/** LibreOffice opens and re-saves the workbook as xlsx (what a partner using Calc sends back). */
const resaveWithLibreOffice = (file: string): string => libreOfficeResave(file, join(dir, 'lo'));

describe('the sign-off block of a pack', () => {
  it('is on Read me at the cells layout.ts names, yellow, with the agreement as a list', async () => {
    const wb = await readWorkbook(partnerPack);
    const ws = wb.getWorksheet('Read me')!;
    expect(ws.getCell('A4').value).toBe('Sign-off');
    expect(['A5', 'A6', 'A7', 'A8', 'A9'].map((a) => ws.getCell(a).value)).toEqual(['Name', 'Role', 'Organisation', 'Date (dd/mm/yyyy)', 'Agreement']);
    for (const a of Object.values(SIGN_OFF_CELLS)) {
      expect(ws.getCell(a).value ?? null).toBeNull();
      expect((ws.getCell(a).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFF2CC');
    }
    const dv = ws.getCell(SIGN_OFF_CELLS.agreement).dataValidation;
    expect(dv.type).toBe('list');
    expect(dv.formulae[0]).toBe(`"${Object.keys(AGREEMENT_CHOICES).join(',')}"`);
    expect(readSignOffSheet(ws)).toEqual({ state: 'unsigned' });
  });

  it('reads back what a partner typed, after LibreOffice re-saved the pack', async () => {
    const wb = await readWorkbook(partnerPack);
    const ws = wb.getWorksheet('Read me')!;
    ws.getCell(SIGN_OFF_CELLS.name).value = 'Asha Patel';
    ws.getCell(SIGN_OFF_CELLS.role).value = 'Director of Finance';
    ws.getCell(SIGN_OFF_CELLS.organisation).value = partner;
    ws.getCell(SIGN_OFF_CELLS.date).value = new Date(Date.UTC(2026, 11, 5));
    ws.getCell(SIGN_OFF_CELLS.agreement).value = 'I agree these figures with the changes I have made';
    const edited = join(dir, 'signed.xlsx');
    await wb.xlsx.writeFile(edited);
    const resaved = await readWorkbook(resaveWithLibreOffice(edited));
    expect(readSignOffSheet(resaved.getWorksheet('Read me'))).toEqual({
      state: 'signed',
      signOff: { name: 'Asha Patel', role: 'Director of Finance', organisation: partner, date: '2026-12-05', agreement: 'with-changes' },
    });
  }, 120_000);

  it('names each cell to fix when the block is partly filled or unreadable', () => {
    const cells: Record<string, unknown> = { B5: 'Asha Patel', B6: '  ', B7: { richText: [{ text: 'Kingston ' }, { text: 'Police' }] }, B8: '31/02/2026', B9: 'I agree' };
    const r = readSignOff((a) => cells[a]);
    expect(r.state).toBe('incomplete');
    if (r.state !== 'incomplete') return;
    expect(r.problems.map((p) => p.cell)).toEqual(["Read me!B6", "Read me!B8", "Read me!B9"]);
    expect(r.problems[1]!.message).toContain('dd/mm/yyyy');
    expect(r.problems[2]!.message).toContain('I agree these figures with the changes I have made');
  });

  it('reads dates day first, as serials, or ISO; refuses impossible ones', () => {
    expect(signOffDate('05/12/2026')).toBe('2026-12-05');
    expect(signOffDate('5.12.2026')).toBe('2026-12-05');
    expect(signOffDate('2026-12-05')).toBe('2026-12-05');
    expect(signOffDate(46361)).toBe('2026-12-05');
    expect(signOffDate({ formula: 'TODAY()', result: 46361 })).toBe('2026-12-05');
    expect(signOffDate('29/02/2026')).toBeNull();
    expect(signOffDate('12/31/2026')).toBeNull();
    expect(signOffDate(1.5)).toBeNull();
  });
});

describe('lines changed since export', () => {
  it('stores a fingerprint per line beside its snapshot, and finds the lines edited since', async () => {
    const wb = await readWorkbook(partnerPack);
    const snaps = snapshots(wb);
    expect(snaps.length).toBe(packs.find((p) => p.path === partnerPack)!.lines);
    for (const s of snaps) expect(s.fingerprint).toBe(snapshotFingerprint(s.snap));
    expect(linesChangedSinceExport(project, snaps.map((s) => s.snap))).toEqual([]);
    const target = snaps[1]!.snap;
    project.db.prepare('UPDATE spend_lines SET beta = ? WHERE id = ?').run(target.beta === 0.5 ? 0.25 : 0.5, target.id);
    expect(linesChangedSinceExport(project, snaps.map((s) => s.snap))).toEqual([{ ref: target.ref, fields: ['beta'] }]);
    project.db.prepare('UPDATE spend_lines SET beta = ? WHERE id = ?').run(target.beta, target.id);
    expect(linesChangedSinceExport(project, snaps.map((s) => s.snap))).toEqual([]);
  });
});

describe('agreement of a partner’s lines', () => {
  it('moves them estimated → corrected → agreed, with who and when, and counts the agreed share', async () => {
    const mine = allLines(project).filter((l) => l.partner === partner);
    const refs = mine.map((l) => l.ref);
    expect([...lineAgreements(project).values()].every((a) => a.state === 'estimated')).toBe(true);
    expect(markCorrected(project, [refs[0]!], 'returned.xlsx', new Date('2026-12-05T10:00:00Z'))).toBe(1);
    expect(lineAgreements(project).get(mine[0]!.id)!.state).toBe('corrected');
    const signOff = { name: 'Asha Patel', role: 'Director of Finance', organisation: partner, date: '2026-12-05', agreement: 'as-sent' as const };
    expect(acceptSignOff(project, { partner, refs, signOff, source: 'returned.xlsx' }, new Date('2026-12-05T11:00:00Z'))).toBe(refs.length);
    const after = lineAgreements(project);
    for (const l of mine) expect(after.get(l.id)).toMatchObject({ state: 'agreed', byName: 'Asha Patel', byRole: 'Director of Finance', signedOn: '2026-12-05', at: '2026-12-05T11:00:00.000Z' });
    expect(allLines(project).filter((l) => l.partner !== partner).every((l) => after.get(l.id)!.state === 'estimated')).toBe(true);

    // The agreed share of each neighbourhood is exactly this partner's pence there.
    const shares = agreedShares(project);
    for (const n of listNeighbourhoods(project)) {
      const d = neighbourhoodDetail(project, n.name);
      const s = shares.neighbourhoods.get(n.name)!;
      expect(s.totalPence).toBe(d.summary.total_pence);
      expect(s.agreedPence).toBe(d.partners.find((p) => p.partner === partner)?.totalPence ?? 0);
    }
    expect(shares.partners.get(partner)).toEqual({ totalPence: mine.reduce((a, l) => a + l.amountPence, 0), agreedPence: mine.reduce((a, l) => a + l.amountPence, 0), correctedPence: 0 });

    // Audit: one entry per line, naming the signatory.
    const audit = project.db.prepare("SELECT ref, old_value AS old, new_value AS new, note FROM audit_log WHERE field = 'agreement' AND new_value = 'agreed' ORDER BY id").all() as { ref: string; old: string; new: string; note: string }[];
    expect(audit.map((a) => a.ref)).toEqual(refs);
    expect(audit[0]).toMatchObject({ old: 'corrected', new: 'agreed' });
    expect(audit[0]!.note).toContain('Asha Patel (Director of Finance');

    // An edit after the agreement: that line is no longer agreed.
    project.db.prepare('UPDATE spend_lines SET amount_pence = amount_pence + 1 WHERE id = ?').run(mine[0]!.id);
    expect(lineAgreements(project).get(mine[0]!.id)!.state).toBe('corrected');
    expect(agreedShares(project).partners.get(partner)!.agreedPence).toBe(mine.slice(1).reduce((a, l) => a + l.amountPence, 0));
  });

  it('refuses to agree another partner’s lines, and writes nothing', () => {
    const other = allLines(project).find((l) => l.partner !== partner)!;
    const signOff = { name: 'X', role: 'Y', organisation: 'Z', date: '2026-12-05', agreement: 'as-sent' as const };
    expect(() => acceptSignOff(project, { partner, refs: [other.ref], signOff, source: 'x.xlsx' })).toThrow(/not .*'s: a sign-off agrees only/);
    expect(lineAgreements(project).get(other.id)!.state).toBe('estimated');
  });
});
