// CLI command `summary`: a neighbourhood's figures as JSON, or its one-page PDF.
import { resolve } from 'node:path';
import type { MethodOutput } from '../../../../shared/contract/methods';
import { writeFileAtomic } from '../../../backend/files';
import { type Command, openProject, parse, required, UsageError } from '../command';

export const WORKSHOP_COMMANDS: Command[] = [
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
];
