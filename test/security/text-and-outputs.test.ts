// Text a pack (XML) cannot carry, look-alike names, duplicate ward codes, ward figures
// past the cap, and --out names that are not ordinary files: each refused with a message
// that says what and where, through the real services and the real CLI (exit 1).
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { forbiddenCharacter, matchKey, parseField, type FieldContext } from '../../shared/domain/fields';
import { importBudgets } from '../../electron/backend/budgets/import';
import { setDirectFigures } from '../../electron/backend/mapping/direct';
import { writeLines } from '../../electron/backend/budgets/lines';
import { listPartners } from '../../electron/backend/budgets/partners';
import { saveNeighbourhood } from '../../electron/backend/neighbourhoods/service';
import { realProjectFile } from '../fixtures/projects';
import { budgetRow, writeBudgetCsv } from '../helpers/budget';
import { runCli } from '../helpers/cli';
import { problemsOf, refusedWith, useProjects } from '../helpers/project';

const projects = useProjects('spendmap-text-');
const ctx: FieldContext = { proxies: ['population'], wards: new Set(['E05013941']), year: '2023-24' };

describe('text XML 1.0 cannot carry is refused in every text field, saying which character and where', () => {
  const forbidden: [string, string][] = [
    ['U+FFFF', 'ab\uffffc'],
    ['U+FFFE', '\ufffeabc'],
    ['a lone high surrogate', 'ab\ud800c'],
    ['a lone low surrogate', 'ab\udc00'],
    ['a C0 control (U+0001)', 'a\u0001'],
    ['a vertical tab (U+000B)', 'a\u000bb'],
    ['an escape (U+001B)', 'a\u001b[31m'],
  ];
  for (const field of ['partner', 'service', 'description', 'ref', 'themes'] as const)
    for (const [what, raw] of forbidden)
      it(`${field}: ${what}`, () => {
        const r = parseField(field, raw, ctx);
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.message).toMatch(/contains (the invisible character U\+[0-9A-F]{4}|a broken character \(half of a surrogate pair\)) at character \d+, which cannot be saved/);
      });

  it('names the position in characters (an emoji before counts as one)', () => {
    expect(forbiddenCharacter('😀x\uffff')).toBe('the invisible character U+FFFF at character 3');
  });

  it('keeps what XML can carry: tabs inside, paired surrogates (emoji), accents', () => {
    for (const ok of ['a\tb', 'Café 😀', 'Ωmega — “quoted”'])
      expect(parseField('description', ok, ctx)).toEqual({ ok: true, value: ok });
  });

  it('refuses the character in a neighbourhood name too', async () => {
    const p = projects.fresh();
    const err = await refusedWith(() => saveNeighbourhood(p, 'Nor\uffffbiton', ['E05013941']));
    expect(problemsOf(err)[0]!.message).toMatch(/U\+FFFF at character 4/);
  });
});

describe('a budget file carrying such a character is refused whole, naming file, row and column', () => {
  it('refuses U+FFFF in a description and a bell (U+0007) in a partner, importing nothing', async () => {
    const p = projects.fresh();
    const path = writeBudgetCsv(projects.tmp(), 'budgets.csv', [
      budgetRow({ ref: 'B1', description: 'Night \uffff shift' }),
      budgetRow({ ref: 'B2', partner: 'Kingston \u0007Hospital' }),
    ]);
    const err = await refusedWith(() => importBudgets(p, { file: { path } }));
    const problems = problemsOf(err);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: 'budgets.csv', row: 2, column: 'description', message: expect.stringMatching(/U\+FFFF at character 7/) }),
        expect.objectContaining({ file: 'budgets.csv', row: 3, column: 'partner', message: expect.stringMatching(/U\+0007 at character 10/) }),
      ]),
    );
    expect(p.db.prepare('SELECT COUNT(*) FROM spend_lines').pluck().get()).toBe(0);
  });

  it('imports NFC and NFD spellings of one partner, in one file, as one partner', async () => {
    const p = projects.fresh();
    const nfc = 'Société Générale';
    const path = writeBudgetCsv(projects.tmp(), 'budgets.csv', [
      budgetRow({ ref: 'C1', partner: nfc, partner_type: 'vcs' }),
      budgetRow({ ref: 'C2', partner: nfc.normalize('NFD'), partner_type: 'vcs' }),
      budgetRow({ ref: 'C3', partner: 'SOCIÉTÉ GÉNÉRALE', partner_type: 'vcs' }),
    ]);
    await importBudgets(p, { file: { path } });
    expect(listPartners(p)).toEqual([expect.objectContaining({ name: nfc, lines: 3 })]);
  });
});

describe('names are NFC and matched after NFC and case folding', () => {
  const nfc = 'Société Générale';
  const nfd = nfc.normalize('NFD');

  it('stores names NFC and folds case beyond ASCII', () => {
    expect(nfd).not.toBe(nfc);
    expect(parseField('partner', nfd, ctx)).toEqual({ ok: true, value: nfc });
    expect(matchKey(nfd)).toBe(matchKey('SOCIÉTÉ GÉNÉRALE'));
    expect(matchKey('Straße')).toBe(matchKey('STRASSE'));
  });

  it('NFC, NFD and capital spellings of a partner make one partner', () => {
    const p = projects.fresh();
    const line = (ref: string, partner: string) => ({ values: { ref, partner, partnerType: 'vcs', amount: '10', basis: 'population' } });
    writeLines(p, [line('N1', nfc)], { source: 'test' });
    writeLines(p, [line('N2', nfd)], { source: 'test' });
    writeLines(p, [line('N3', 'SOCIÉTÉ GÉNÉRALE')], { source: 'test' });
    const partners = listPartners(p);
    expect(partners).toHaveLength(1);
    expect(partners[0]).toMatchObject({ name: nfc, lines: 3 });
  });

  it('a neighbourhood saved under an NFD or capitalised name replaces the one of that name', () => {
    const p = projects.fresh();
    saveNeighbourhood(p, 'Côte', ['E05013941']);
    saveNeighbourhood(p, 'CÔTE'.normalize('NFD'), ['E05013941']);
    expect(p.db.prepare('SELECT name FROM neighbourhoods').pluck().all()).toEqual(['CÔTE']);
  });
});

describe('direct ward figures', () => {
  const withLine = () => {
    const p = projects.fresh();
    const [l] = writeLines(p, [{ values: { ref: 'D1', partner: 'Kingston Hospital', partnerType: 'health', amount: '1000', basis: 'direct' } }], {
      source: 'test',
    });
    return { p, id: l!.id };
  };

  it('refuses the same ward given twice in different case, keeping neither silently', async () => {
    const { p, id } = withLine();
    const err = await refusedWith(() =>
      setDirectFigures(p, id, [
        { ward: 'E05013941', amount: '100' },
        { ward: 'e05013941', amount: '900' },
      ]),
    );
    expect(problemsOf(err).map((x) => x.message)).toContain('E05013941 is given twice. Give each ward one figure.');
    expect(p.db.prepare('SELECT COUNT(*) FROM direct_figures').pluck().get()).toBe(0);
  });

  it('caps the project’s ward figures at £10 trillion (so sums stay exact); nothing is saved past it', async () => {
    const { p, id } = withLine();
    const wards = p.wards().slice(0, 11);
    expect(wards).toHaveLength(11);
    // Each figure is within the £1 trillion a line may hold; eleven of them are not.
    const err = await refusedWith(() => setDirectFigures(p, id, wards.map((w) => ({ ward: w.code, amount: '1000000000000' }))));
    expect(err.code).toBe('INPUT');
    expect(err.message).toMatch(/ward figures of this project would add up to more than £10,000,000,000,000/);
    expect(p.db.prepare('SELECT COUNT(*) FROM direct_figures').pluck().get()).toBe(0);
    // Ten are exactly the cap, and are kept.
    setDirectFigures(p, id, wards.slice(0, 10).map((w) => ({ ward: w.code, amount: '1000000000000' })));
    expect(p.db.prepare('SELECT SUM(amount_pence) FROM direct_figures').pluck().get()).toBe(1e15);
  });
});

describe('--out onto what is not an ordinary file, or into /proc, is refused with exit 1', () => {
  it('refuses a symlink, a FIFO, /proc and a /proc project, leaving each as it was', async () => {
    const dir = projects.tmp();
    const project = realProjectFile(dir, 'p.spendmap');
    const env = { SPENDMAP_DATA: dir };
    const target = join(dir, 'precious.txt');
    writeFileSync(target, 'keep me');
    const link = join(dir, 'link.csv');
    symlinkSync(target, link);
    const fifo = join(dir, 'pipe.csv');
    execFileSync('mkfifo', [fifo]);
    mkdirSync(join(dir, 'empty'));

    const cases: [string[], RegExp][] = [
      [['proxies', project, '--out', link], /link\.csv: this is a link to another file; give the name of an ordinary file\. Nothing was written/],
      [['allocate', project, '--out', fifo], /pipe\.csv: this is a pipe \(FIFO\), not an ordinary file/],
      [['export', project, '--out', '/proc'], /\/proc: \/proc holds the system's own files, not documents/],
      [['allocate', project, '--out', '/proc/self/allocation.csv'], /holds the system's own files/],
      [['new', '/proc/x.spendmap', '--la', 'E09000021', '--pack', 'wards2024', '--year', '2023-24'], /\/proc\/x\.spendmap: \/proc holds the system's own files/],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(args, { env });
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.code, args.join(' ')).toBe(1);
    }
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(target);
    expect(readFileSync(target, 'utf8')).toBe('keep me');
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(existsSync('/proc/x.spendmap')).toBe(false);
  }, 120_000);
});
