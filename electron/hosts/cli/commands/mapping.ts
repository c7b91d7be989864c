// CLI commands for the ward split: direct ward figures in, every line's allocation out.
import { resolve } from 'node:path';
import type { MethodOutput } from '../../../../shared/contract/methods';
import { formatPounds } from '../../../../shared/money';
import { compareText } from '../../../../shared/engine';
import { toCsv } from '../../../backend/csv';
import { describeMismatch } from '../../../backend/mapping/direct';
import { type Command, emit, openProject, parse } from '../command';

export const MAPPING_COMMANDS: Command[] = [
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
];
