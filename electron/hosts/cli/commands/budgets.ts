// CLI command `import-budgets`: a budget file's lines into the project.
import { resolve } from 'node:path';
import type { MethodOutput } from '../../../../shared/contract/methods';
import { UNITS } from '../../../../shared/domain/types';
import { type Command, oneOf, openProject, parse } from '../command';

export const BUDGETS_COMMANDS: Command[] = [
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
];
