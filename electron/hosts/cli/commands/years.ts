// The CLI's commands for years and ward vintages: roll-forward, convert, compare (docs/cli.md).
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { AppError } from '../../../../shared/contract/result';
import type { MethodOutput } from '../../../../shared/contract/methods';
import { toCsv } from '../../../backend/csv';
import { writeFileAtomic } from '../../../backend/files';
import { parse, required, UsageError, type Command } from '../command';

/** A `year,index` CSV (header first); a bad row is refused naming file, row and column. */
export function readIndexCsv(path: string): { year: string; index: string }[] {
  const name = basename(path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  } catch {
    throw new AppError('INPUT', `${name}: cannot read the index file. Check its name and folder.`);
  }
  const rows = text.split(/\r?\n/).map((l) => l.split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1')));
  const header = rows[0]?.map((h) => h.toLowerCase()) ?? [];
  if (header[0] !== 'year' || header[1] !== 'index') throw new AppError('INPUT', `${name}:1: the header must be "year,index".`);
  const out: { year: string; index: string }[] = [];
  rows.slice(1).forEach((r, i) => {
    if (r.length === 1 && r[0] === '') return;
    const row = i + 2;
    if (!/^\d{4}-\d{2}$/.test(r[0] ?? '')) throw new AppError('INPUT', `${name}:${row}:year: "${r[0] ?? ''}" is not a financial year. Write it as YYYY-YY, e.g. 2024-25.`);
    if (!/^(\d+(\.\d*)?|\.\d+)$/.test(r[1] ?? '') || Number(r[1]) <= 0)
      throw new AppError('INPUT', `${name}:${row}:index: "${r[1] ?? ''}" is not a number greater than 0, e.g. 102.5.`);
    out.push({ year: r[0]!, index: r[1]! });
  });
  return out;
}

export const YEARS_COMMANDS: Command[] = [
  {
    name: 'roll-forward',
    usage: 'roll-forward <project> --year <YYYY-YY> --out <new.spendmap> [--force]',
    async run(args, { call, io }) {
      const { values, positionals } = parse(args, { year: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean' } }, ['project']);
      const year = required(values, 'year');
      const out = resolve(required(values, 'out'));
      await call('project.open', { path: resolve(positionals[0]!) });
      const r: MethodOutput<'years.rollForward'> = await call('years.rollForward', { year, out, force: values.force === true });
      io.out(`created ${r.fileName}: ${r.year}, ${r.lines} lines carried forward to confirm\n`);
      if (r.leftOut.length) io.err(`warning: ${r.leftOut.length} lines of other years were not carried: ${r.leftOut.join(', ')}\n`);
    },
  },
  {
    name: 'convert',
    usage: 'convert <project> --pack <id> --out <new.spendmap> [--report <file.csv>] [--force]',
    async run(args, { call, io }) {
      const { values, positionals } = parse(
        args,
        { pack: { type: 'string' }, out: { type: 'string' }, report: { type: 'string' }, force: { type: 'boolean' } },
        ['project'],
      );
      const pack = required(values, 'pack');
      const out = resolve(required(values, 'out'));
      await call('project.open', { path: resolve(positionals[0]!) });
      const r: MethodOutput<'years.convert'> = await call('years.convert', { pack, out, force: values.force === true });
      if (typeof values.report === 'string') {
        // The pairs, then (after a blank row) each neighbourhood's old and new wards.
        const rows: (string | number)[][] = [['old_ward', 'new_ward', 'weight', 'share'], ...r.report.map((p) => [p.oldWard, p.newWard, p.weight, p.share])];
        rows.push([], ['neighbourhood', 'old_wards', 'new_wards'], ...r.neighbourhoods.map((n) => [n.name, n.oldWards.join(' '), n.newWards.join(' ')]));
        writeFileAtomic(resolve(values.report), toCsv(rows));
      }
      io.out(`created ${r.fileName}: ${r.wards} wards from ${r.to} (converted from ${r.from})\n`);
      for (const s of r.siteLines) io.err(`review: site line ${s.ref}: ward ${s.from} became ${s.ward}\n`);
    },
  },
  {
    name: 'compare',
    usage: 'compare <a.spendmap> <b.spendmap> --neighbourhood <name> --json [--index <file.csv>]',
    async run(args, { call, io }) {
      const { values, positionals } = parse(args, { neighbourhood: { type: 'string' }, json: { type: 'boolean' }, index: { type: 'string' } }, ['a.spendmap', 'b.spendmap']);
      const neighbourhood = required(values, 'neighbourhood');
      if (values.json !== true) throw new UsageError('give --json (the comparison as one JSON object)');
      const index = typeof values.index === 'string' ? readIndexCsv(resolve(values.index)) : undefined;
      await call('project.open', { path: resolve(positionals[0]!) });
      const r: MethodOutput<'years.compare'> = await call('years.compare', { other: resolve(positionals[1]!), neighbourhood, ...(index ? { index } : {}) });
      io.out(JSON.stringify(r) + '\n');
    },
  },
];
