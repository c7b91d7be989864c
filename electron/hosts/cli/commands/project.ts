// CLI commands for reference packs and creating a project.
import { resolve } from 'node:path';
import type { MethodOutput } from '../../../../shared/contract/methods';
import { toCsv } from '../../../backend/csv';
import { type Command, parse, required } from '../command';

export const PROJECT_COMMANDS: Command[] = [
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
];
