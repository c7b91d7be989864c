// CLI commands of the business case (issue 17): `cba` prints a proposal's figures;
// `import-proposal` saves a proposal.json into the project.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { MethodOutput } from '../../../../shared/contract/methods';
import type { Command } from '../command';

type Parse = (args: string[], options: Record<string, { type: 'string' | 'boolean' }>, positionals: string[]) => {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
};

/** A file when it names one (or ends in .json), else the name of a proposal saved in the project. */
function source(arg: string): { file: { path: string } } | { name: string } {
  return /\.json$/i.test(arg) || existsSync(arg) ? { file: { path: resolve(arg) } } : { name: arg };
}

export function cbaCommands(parse: Parse, UsageError: new (m: string) => Error): Command[] {
  return [
    {
      name: 'cba',
      usage: 'cba <project> --proposal <name|file.json> (--json | --xlsx <file.xlsx>)',
      async run(args, { call, io }) {
        const { values, positionals } = parse(args, { proposal: { type: 'string' }, json: { type: 'boolean' }, xlsx: { type: 'string' } }, ['project']);
        const proposal = values.proposal;
        if (typeof proposal !== 'string' || !proposal) throw new UsageError('--proposal is required');
        const xlsx = typeof values.xlsx === 'string' ? values.xlsx : null;
        if (values.json !== true && !xlsx) throw new UsageError('give --json (the figures as one JSON object) or --xlsx <file> (the business-case workbook)');
        await call('project.open', { path: resolve(positionals[0]!) });
        const src = source(proposal);
        if (values.json === true) {
          const e: MethodOutput<'cba.evaluate'> = await call('cba.evaluate', src);
          io.out(JSON.stringify(e.figures) + '\n');
          for (const n of e.notes) io.err(`note: ${n}\n`);
        }
        if (xlsx) {
          if (!('name' in src)) throw new UsageError('--xlsx needs a proposal saved in the project: run import-proposal first');
          const w: MethodOutput<'cba.workbook'> = await call('cba.workbook', { name: src.name, path: resolve(xlsx) });
          if (values.json !== true) io.out(`wrote ${w.path}\n`);
        }
      },
    },
    {
      name: 'import-proposal',
      usage: 'import-proposal <project> <proposal.json>',
      async run(args, { call, io }) {
        const { positionals } = parse(args, {}, ['project', 'proposal.json']);
        await call('project.open', { path: resolve(positionals[0]!) });
        const r: MethodOutput<'cba.import'> = await call('cba.import', { file: { path: resolve(positionals[1]!) } });
        io.out(`imported proposal ${r.summary.name} (${r.summary.neighbourhood}, ${r.summary.years} year${r.summary.years === 1 ? '' : 's'})\n`);
      },
    },
  ];
}
