// `spendmap review-pack <project> <pack.xlsx> --json` (docs/cli.md), run as a real
// process: the demo's packs are exported by the CLI, one is filled in as a partner would
// (sign-off block, a changed amount, a refused β, a ref that is not a line) with exceljs,
// and the review prints the changes, the refused cells and the sign-off; nothing is applied.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDemo } from '../../electron/backend/project/demo';
import { runCli } from '../helpers/cli';
import { dumpHash, withDb } from '../helpers/db';
import { useTmpDirs } from '../helpers/tmp';
import { returnPack } from '../packs/sign';

const tmp = useTmpDirs('spendmap-review-pack-');
let env: { SPENDMAP_DATA: string };
const cli = (...args: string[]) => runCli(args, { env, timeoutMs: 120_000 });
const ICB = 'South West London ICB (Kingston place) [illustrative]';
let project: string;
let icbPack: string;
let neighbourhoodPack: string;

beforeAll(async () => {
  env = { SPENDMAP_DATA: tmp() };
  const dir = tmp();
  const p = await buildDemo(join(dir, 'demo.spendmap'));
  project = p.path;
  p.close();
  const out = join(dir, 'packs');
  const exported = await cli('export', project, '--out', out);
  expect(exported.code, exported.stderr).toBe(0);
  const name = exported.stdout.split('\n').find((l) => l.includes('South West London ICB'))!.trim();
  icbPack = join(out, name);
  neighbourhoodPack = join(out, exported.stdout.split('\n').find((l) => l.includes(' neighbourhood - '))!.trim());
}, 180_000);

describe('review-pack --json', () => {
  it('prints the partner’s changes, the cells refused and the sign-off, exactly in the contract’s shape, and applies nothing', async () => {
    const file = await returnPack(icbPack, join(tmp(), 'ICB returned.xlsx'), {
      signOff: { name: 'Asha Patel', role: 'Director of Finance', organisation: ICB, date: new Date(Date.UTC(2026, 11, 5)), agreement: 'I agree these figures with the changes I have made' },
      edits: [
        { ref: 'NHS-02', column: 'amount', value: 23_000_000.5 },
        { ref: 'NHS-04', column: 'beta', value: 1.5 },
        { ref: 'NHS-05', column: 'ref', value: 'NHS-99' },
      ],
    });
    const before = withDb(project, dumpHash);
    const r = await cli('review-pack', project, file, '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(1);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(['changes', 'refused', 'signoff']);
    expect(out.changes).toEqual([{ ref: 'NHS-02', field: 'amount', project_value: '£22,400,000.00', pack_value: '£23,000,000.50', cell: expect.stringMatching(/^Lines!F\d+$/), conflict: false }]);
    expect(out.refused).toEqual([
      { cell: expect.stringMatching(/^Lines!A\d+$/), reason: '"NHS-99" is not a line of this project: a pack never adds lines; add it in Partners & budgets.' },
      { cell: expect.stringMatching(/^Lines!I\d+$/), reason: '"1.5" is outside 0–1. β is a number from 0 to 1, e.g. 0.5.' },
    ]);
    expect(out.signoff).toEqual({ name: 'Asha Patel', role: 'Director of Finance', organisation: ICB, date: '2026-12-05', agreement: 'with-changes' });
    expect(withDb(project, dumpHash)).toBe(before);
  });

  it('shows an unsigned pack’s sign-off as null, and a half-filled block’s cells as refused', async () => {
    const unsigned = await cli('review-pack', project, icbPack, '--json');
    expect(unsigned.code, unsigned.stderr).toBe(0);
    expect(JSON.parse(unsigned.stdout)).toEqual({ changes: [], refused: [], signoff: null });

    const half = await returnPack(icbPack, join(tmp(), 'half.xlsx'), { signOff: { name: 'Asha Patel', role: 'Director of Finance', organisation: ICB, date: '5 Dec', agreement: 'I agree these figures' } });
    const r = await cli('review-pack', project, half, '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      changes: [],
      refused: [{ cell: 'Read me!B8', reason: '"5 Dec" is not a date: type it as dd/mm/yyyy, e.g. 05/12/2026.' }],
      signoff: null,
    });
  });

  it('refuses a file that is not a pack (exit 1, the file named) and wrong usage (exit 2)', async () => {
    const notPack = await cli('review-pack', project, join(__dirname, 'review-pack.test.ts'), '--json');
    expect(notPack.code).toBe(1);
    expect(notPack.stderr).toMatch(/review-pack\.test\.ts: this is not an Excel workbook/);
    expect(notPack.stdout).toBe('');
    const noJson = await cli('review-pack', project, icbPack);
    expect(noJson.code).toBe(2);
    expect(noJson.stderr).toMatch(/Usage: spendmap review-pack <project> <pack\.xlsx> --json/);
    const missing = await cli('review-pack', project, '--json');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/missing <pack\.xlsx>/);
  });

  it('reviews a neighbourhood pack (only its wards on Allocation) like a partner’s: the lead’s change, and the sign-off shown', async () => {
    const unchanged = await cli('review-pack', project, neighbourhoodPack, '--json');
    expect(unchanged.code, unchanged.stderr).toBe(0);
    expect(JSON.parse(unchanged.stdout)).toEqual({ changes: [], refused: [], signoff: null });

    const file = await returnPack(neighbourhoodPack, join(tmp(), 'Norbiton returned.xlsx'), {
      signOff: { name: 'Sam Lee', role: 'Neighbourhood lead', organisation: 'Kingston Council', date: '05/12/2026', agreement: 'I agree these figures with the changes I have made' },
      edits: [{ ref: 'NHS-02', column: 'amount', value: 23_000_000.5 }],
    });
    const before = withDb(project, dumpHash);
    const r = await cli('review-pack', project, file, '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      changes: [{ ref: 'NHS-02', field: 'amount', project_value: '£22,400,000.00', pack_value: '£23,000,000.50', cell: expect.stringMatching(/^Lines!F\d+$/), conflict: false }],
      refused: [],
      signoff: { name: 'Sam Lee', role: 'Neighbourhood lead', organisation: 'Kingston Council', date: '2026-12-05', agreement: 'with-changes' },
    });
    expect(withDb(project, dumpHash)).toBe(before);
  });
});
