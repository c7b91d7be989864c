// `map <project> --measure … --out <file.svg|file.png>`: a ward map, written whole or not at all.
import { extname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { MethodOutput } from '../../../../shared/contract/methods';
import { writeFileAtomic } from '../../../backend/files';
import { UsageError, type Command } from '../command';

export const mapCommand: Command = {
  name: 'map',
  usage: 'map <project> --measure <per_head|influenceable_per_head|proxy:<name>|line:<ref>> [--neighbourhood <name>] [--partner <name>] [--theme <name>] --out <file.svg|file.png>',
  async run(args, { call, io }) {
    let parsed;
    try {
      parsed = parseArgs({
        args,
        options: { measure: { type: 'string' }, neighbourhood: { type: 'string' }, partner: { type: 'string' }, theme: { type: 'string' }, out: { type: 'string' } },
        allowPositionals: true,
        strict: true,
      });
    } catch (e) {
      throw new UsageError((e as Error).message.replace(/\. To specify a positional.*$/s, '.'));
    }
    const { values, positionals } = parsed;
    if (positionals.length !== 1) throw new UsageError(positionals.length ? `unexpected argument "${positionals[1]}"` : 'missing <project>');
    if (!values.measure) throw new UsageError('--measure is required');
    if (!values.out) throw new UsageError('--out is required');
    const kind = extname(values.out).toLowerCase();
    if (kind !== '.svg' && kind !== '.png') throw new UsageError('--out must end in .svg or .png');
    await call('project.open', { path: resolve(positionals[0]!) });
    const map: MethodOutput<'maps.wards'> = await call('maps.wards', {
      measure: values.measure,
      ...(values.neighbourhood ? { neighbourhood: values.neighbourhood } : {}),
      ...(values.partner ? { partner: values.partner } : {}),
      ...(values.theme ? { theme: values.theme } : {}),
    });
    // Loaded when a map is drawn, not at every CLI start.
    const [{ mapSvg }, { svgsToPng }] = await Promise.all([import('../../../../shared/map/svg'), import('../../../backend/maps/png')]);
    const svg = mapSvg(map);
    writeFileAtomic(resolve(values.out), kind === '.svg' ? svg : (await svgsToPng([svg]))[0]!);
    const shown = map.wards.filter((w) => w.value !== null).length;
    io.out(`wrote ${values.out}: ${map.title}, ${map.wards.length} wards (${shown} with a figure)\n`);
  },
};
