// The CLI's commands: arguments in, one or more handler calls, text out.
import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/contract/methods';
import { UNITS } from '../../../shared/domain/types';
import { formatPounds } from '../../../shared/money';
import { compareText } from '../../../shared/engine';
import { toCsv } from '../../backend/csv';
import { writeFileAtomic } from '../../backend/files';
import { describeMismatch } from '../../backend/mapping/direct';
import { auditCommand } from './audit';
import { cbaCommands } from './cba';
import { mapCommand } from './map';

export interface CliIO {
  out: (text: string) => void;
  err: (text: string) => void;
  progress?: (text: string) => void;
}

export class UsageError extends Error {}

/** One contract method: its output, or a RefusedError carrying the refusal. */
export type Call = <M extends MethodName>(method: M, input: MethodInput<M>) => Promise<MethodOutput<M>>;

export interface Command {
  name: string;
  usage: string;
  run: (args: string[], env: { call: Call; io: CliIO }) => Promise<void>;
}

export type Options = NonNullable<ParseArgsConfig['options']>;

export function parse(args: string[], options: Options, positionals: string[]) {
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/\. To specify a positional.*$/s, '.'));
  }
  if (parsed.positionals.length < positionals.length)
    throw new UsageError(`missing ${positionals.slice(parsed.positionals.length).map((p) => `<${p}>`).join(' ')}`);
  if (parsed.positionals.length > positionals.length)
    throw new UsageError(`unexpected argument "${parsed.positionals[positionals.length]}"`);
  return { values: parsed.values as Record<string, string | boolean | undefined>, positionals: parsed.positionals };
}

export function required(values: Record<string, string | boolean | undefined>, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v === '') throw new UsageError(`--${name} is required`);
  return v;
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], name: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${name} must be one of: ${allowed.join(', ')}`);
  return value as T;
}

/** Writes CSV to --out (whole or not at all) or to stdout. */
function emit(io: CliIO, out: string | undefined, text: string): void {
  if (out) writeFileAtomic(resolve(out), text);
  else io.out(text);
}

async function openProject(call: Call, path: string): Promise<MethodOutput<'project.open'>> {
  return call('project.open', { path: resolve(path) });
}

export const COMMANDS: Command[] = [
  {
    name: 'reference-packs',
    usage: 'reference-packs',
    async run(args, { call, io }) {
      parse(args, {}, []);
      const packs: MethodOutput<'reference.packs'> = await call('reference.packs', {});
      io.out(toCsv([['id', 'title', 'wards'], ...packs.map((p) => [p.id, p.title, p.wards])]));
    },
  },
  {
    name: 'authorities',
    usage: 'authorities --pack <id>',
    async run(args, { call, io }) {
      const { values } = parse(args, { pack: { type: 'string' } }, []);
      const list: MethodOutput<'reference.authorities'> = await call('reference.authorities', { pack: required(values, 'pack') });
      io.out(toCsv([['lad_code', 'lad_name', 'wards'], ...list.map((a) => [a.ladCode, a.ladName, a.wards])]));
    },
  },
  {
    name: 'new',
    usage: 'new <project.spendmap> --la <LAD code> --pack <wards2019|wards2024|wards2025> --year <YYYY-YY> [--name <text>] [--force]',
    async run(args, { call, io }) {
      const { values, positionals } = parse(
        args,
        { la: { type: 'string' }, pack: { type: 'string' }, year: { type: 'string' }, name: { type: 'string' }, force: { type: 'boolean' } },
        ['project.spendmap'],
      );
      const info: MethodOutput<'project.create'> = await call('project.create', {
        path: resolve(positionals[0]!),
        lad: required(values, 'la'),
        pack: required(values, 'pack'),
        year: required(values, 'year'),
        ...(typeof values.name === 'string' ? { name: values.name } : {}),
        force: values.force === true,
      });
      io.out(`created ${info.fileName}: ${info.ladName} (${info.ladCode}), ${info.year}, ${info.wards} wards from ${info.packId}\n`);
    },
  },
  {
    name: 'proxies',
    usage: 'proxies <project> [--out file.csv]',
    async run(args, { call, io }) {
      const { values, positionals } = parse(args, { out: { type: 'string' } }, ['project']);
      await openProject(call, positionals[0]!);
      const t: MethodOutput<'proxies.table'> = await call('proxies.table', {});
      const rows: (string | number | null)[][] = [['ward_code', 'ward_name', ...t.proxies.map((p) => p.name)]];
      for (const w of t.wards) rows.push([w.code, w.name, ...w.values]);
      emit(io, values.out as string | undefined, toCsv(rows));
    },
  },
  {
    name: 'import-budgets',
    usage: 'import-budgets <project> <file.csv|file.xlsx> [--units pounds|thousands|millions] [--sheet <name>] [--include-hidden]',
    async run(args, { call, io }) {
      const { values, positionals } = parse(args, { units: { type: 'string' }, sheet: { type: 'string' }, 'include-hidden': { type: 'boolean' } }, ['project', 'file']);
      const units = oneOf(values.units as string | undefined, UNITS, 'units');
      await openProject(call, positionals[0]!);
      const r: MethodOutput<'imports.budgets'> = await call('imports.budgets', {
        file: { path: resolve(positionals[1]!) },
        ...(units ? { units } : {}),
        ...(typeof values.sheet === 'string' ? { sheet: values.sheet } : {}),
        ...(values['include-hidden'] ? { includeHidden: true } : {}),
      });
      io.out(`imported ${r.imported} lines\n`);
    },
  },
  {
    name: 'import-proxy',
    usage: 'import-proxy <project> <file.csv> --name <name> [--source <text>] [--include-hidden]',
    async run(args, { call, io }) {
      const { values, positionals } = parse(args, { name: { type: 'string' }, source: { type: 'string' }, 'include-hidden': { type: 'boolean' } }, ['project', 'file.csv']);
      const name = required(values, 'name');
      await openProject(call, positionals[0]!);
      const r: MethodOutput<'proxies.import'> = await call('proxies.import', {
        file: { path: resolve(positionals[1]!) },
        name,
        ...(typeof values.source === 'string' ? { source: values.source } : {}),
        ...(values['include-hidden'] ? { includeHidden: true } : {}),
      });
      io.out(`imported proxy ${r.name}: ${r.wards} wards\n`);
      if (r.missing.length)
        io.err(`warning: ${r.missing.length} ward${r.missing.length === 1 ? ' has' : 's have'} no value for ${r.name} (a line based on it cannot be allocated until they do): ${r.missing.join(', ')}\n`);
    },
  },
  {
    name: 'import-direct',
    usage: 'import-direct <project> <file.csv> [--include-hidden]',
    async run(args, { call, io }) {
      const { values, positionals } = parse(args, { 'include-hidden': { type: 'boolean' } }, ['project', 'file.csv']);
      await openProject(call, positionals[0]!);
      const r: MethodOutput<'direct.import'> = await call('direct.import', { file: { path: resolve(positionals[1]!) }, ...(values['include-hidden'] ? { includeHidden: true } : {}) });
      io.out(`imported ${r.figures} ward figures for ${r.lines} line${r.lines === 1 ? '' : 's'}\n`);
      for (const m of r.mismatches) if (!r.notDirect.includes(m.ref)) io.err(`warning: ${describeMismatch(m)}\n`);
      if (r.notDirect.length)
        io.err(`warning: the basis of ${r.notDirect.join(', ')} is not "direct": the figures are kept and used once the basis is direct\n`);
    },
  },
  {
    name: 'neighbourhood',
    usage: 'neighbourhood <project> --name <name> --wards <code,code,...>',
    async run(args, { call, io }) {
      const { values, positionals } = parse(args, { name: { type: 'string' }, wards: { type: 'string' } }, ['project']);
      const name = required(values, 'name');
      const wards = required(values, 'wards').split(',').map((w) => w.trim()).filter(Boolean);
      await openProject(call, positionals[0]!);
      const n: MethodOutput<'neighbourhoods.save'> = await call('neighbourhoods.save', { name, wards });
      io.out(`neighbourhood ${n.name}: ${n.wards.length} ward${n.wards.length === 1 ? '' : 's'} (${n.wards.join(', ')})\n`);
    },
  },
  {
    name: 'allocate',
    usage: 'allocate <project> [--out file.csv]',
    async run(args, { call, io }) {
      const { values, positionals } = parse(args, { out: { type: 'string' } }, ['project']);
      await openProject(call, positionals[0]!);
      const a: MethodOutput<'mapping.allocate'> = await call('mapping.allocate', {});
      const order = a.wards.map((w, i) => [w, i] as const).sort(([x], [y]) => compareText(x, y));
      const rows: (string | number)[][] = [['ref', 'ward_code', 'amount_pence']];
      for (const l of a.lines) for (const [w, i] of order) rows.push([l.ref, w, l.amounts[i]!]);
      emit(io, values.out as string | undefined, toCsv(rows));
      for (const u of a.unallocated) io.err(`not allocated: ${u.ref}: ${u.reason}\n`);
      for (const f of a.flagged)
        io.err(`flagged: ${f.ref}: its ward figures are ${formatPounds(Math.abs(f.directDifference), { pence: true })} ${f.directDifference > 0 ? 'over' : 'short of'} the line's amount\n`);
    },
  },
  {
    name: 'summary',
    usage: 'summary <project> --neighbourhood <name> (--json | --pdf <file.pdf>)',
    async run(args, { call, io }) {
      const { values, positionals } = parse(args, { neighbourhood: { type: 'string' }, json: { type: 'boolean' }, pdf: { type: 'string' } }, ['project']);
      const name = required(values, 'neighbourhood');
      const pdf = typeof values.pdf === 'string' ? values.pdf : null;
      if (values.json !== true && !pdf) throw new UsageError('give --json (the figures as one JSON object) or --pdf <file> (the one-page summary)');
      await openProject(call, positionals[0]!);
      if (values.json === true) {
        const d: MethodOutput<'summary.neighbourhood'> = await call('summary.neighbourhood', { name });
        io.out(JSON.stringify(d.summary) + '\n');
      }
      if (pdf) {
        const r: MethodOutput<'workshop.pdf'> = await call('workshop.pdf', { neighbourhood: name });
        writeFileAtomic(resolve(pdf), Buffer.from(r.base64, 'base64'));
        if (values.json !== true) io.out(`wrote ${pdf}\n`);
      }
    },
  },
  {
    name: 'export',
    usage: 'export <project> --out <dir>',
    async run(args, { call, io }) {
      const { values, positionals } = parse(args, { out: { type: 'string' } }, ['project']);
      const out = resolve(required(values, 'out'));
      await openProject(call, positionals[0]!);
      const r: MethodOutput<'packs.export'> = await call('packs.export', { folder: out });
      for (const f of r.files) io.out(`${f.name}\n`);
    },
  },
  ...cbaCommands(parse, UsageError),
  mapCommand,
  auditCommand(parse),
];
