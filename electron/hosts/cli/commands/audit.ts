// CLI command `audit`: the project's audit log, oldest first, as JSON or CSV.
import { resolve } from 'node:path';
import type { MethodOutput } from '../../../../shared/contract/methods';
import type { Command } from '../command';

type Parse = (args: string[], options: Record<string, { type: 'string' | 'boolean' }>, positionals: string[]) => {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
};

const PAGE = 5000;

export function auditCommand(parse: Parse): Command {
  return {
    name: 'audit',
    usage: 'audit <project> [--since <YYYY-MM-DD>] [--ref <ref>] [--partner <name>] [--kind <kind>] (--json | --csv)',
    async run(args, { call, io }) {
      const { values, positionals } = parse(
        args,
        { since: { type: 'string' }, ref: { type: 'string' }, partner: { type: 'string' }, kind: { type: 'string' }, json: { type: 'boolean' }, csv: { type: 'boolean' } },
        ['project'],
      );
      const text = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
      const filter = {
        ...(text('since') !== undefined ? { since: text('since') } : {}),
        ...(text('ref') !== undefined ? { ref: text('ref') } : {}),
        ...(text('partner') !== undefined ? { partner: text('partner') } : {}),
        ...(text('kind') !== undefined ? { entity: text('kind') } : {}),
      };
      await call('project.open', { path: resolve(positionals[0]!) });
      if (values.json !== true) {
        const r: MethodOutput<'audit.csv'> = await call('audit.csv', filter);
        io.out(r.csv);
        return;
      }
      // One JSON array, written page by page so a long log is never one string in memory;
      // the first page is read before anything is written, so a refusal leaves stdout empty.
      const page = (offset: number): Promise<MethodOutput<'audit.list'>> => call('audit.list', { ...filter, limit: PAGE, offset, order: 'oldest' });
      let rows = await page(0);
      let first = true;
      io.out('[');
      for (let offset = 0; ; ) {
        for (const e of rows) {
          io.out(
            (first ? '\n' : ',\n') +
              JSON.stringify({
                id: e.id,
                at: e.at,
                who: e.who,
                action: e.action,
                kind: e.entity,
                ref: e.ref,
                partner: e.partner,
                field: e.field,
                old_value: e.oldValue,
                new_value: e.newValue,
                note: e.note,
              }),
          );
          first = false;
        }
        if (rows.length < PAGE) break;
        offset += PAGE;
        rows = await page(offset);
      }
      io.out(first ? ']\n' : '\n]\n');
    },
  };
}
