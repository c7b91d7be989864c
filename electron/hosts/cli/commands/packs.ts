// CLI command `export`: the Excel packs for every partner and neighbourhood.
import { resolve } from 'node:path';
import type { MethodOutput } from '../../../../shared/contract/methods';
import { type Command, openProject, parse, required } from '../command';

export const PACKS_COMMANDS: Command[] = [
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
];
