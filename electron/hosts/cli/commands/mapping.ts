// CLI commands for the ward split: direct ward figures in, every line's allocation out.
import { resolve } from 'node:path';
import type { MethodOutput } from '../../../../shared/contract/methods';
import { formatPounds } from '../../../../shared/money';
import { compareText } from '../../../../shared/engine';
import { CsvBytes } from '../../../backend/csv';
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
      // Loaded here, not at start: the module is the mapping domain's, which the import has loaded by now.
      const { describeMismatch } = await import('../../../backend/mapping/direct');
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
      const wardCells = order.map(([w]) => CsvBytes.cellBytes(w));
      const wardIndex = order.map(([, i]) => i);
      // A row per ward of every line (65,000 for 2,025 lines × 32 wards), written as bytes;
      // plain indexed loops: destructuring each row's pair cost an iterator per row.
      const csv = new CsvBytes(a.lines.length * wardCells.length * 40);
      for (const h of ['ref', 'ward_code']) csv.cell(CsvBytes.cellBytes(h));
      csv.cell(CsvBytes.cellBytes('amount_pence'), true);
      for (const l of a.lines) {
        const ref = CsvBytes.cellBytes(l.ref);
        for (let k = 0; k < wardCells.length; k++) {
          csv.cell(ref);
          csv.cell(wardCells[k]!);
          csv.number(l.amounts[wardIndex[k]!]!, true);
        }
      }
      emit(io, values.out as string | undefined, csv.done());
      for (const u of a.unallocated) io.err(`not allocated: ${u.ref}: ${u.reason}\n`);
      for (const f of a.flagged)
        io.err(`flagged: ${f.ref}: its ward figures are ${formatPounds(Math.abs(f.directDifference), { pence: true })} ${f.directDifference > 0 ? 'over' : 'short of'} the line's amount\n`);
    },
  },
];
