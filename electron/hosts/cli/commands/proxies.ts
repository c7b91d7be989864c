// CLI commands for the ward table's proxies: list them, import a custom one.
import { resolve } from 'node:path';
import type { MethodOutput } from '../../../../shared/contract/methods';
import { toCsv } from '../../../backend/csv';
import { type Command, emit, openProject, parse, required } from '../command';

export const PROXIES_COMMANDS: Command[] = [
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
];
