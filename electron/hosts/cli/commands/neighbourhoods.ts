// CLI command `neighbourhood`: create or replace a neighbourhood.
import type { MethodOutput } from '../../../../shared/contract/methods';
import { type Command, openProject, parse, required } from '../command';

export const NEIGHBOURHOODS_COMMANDS: Command[] = [
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
];
