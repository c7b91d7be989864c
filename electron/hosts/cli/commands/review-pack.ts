// `review-pack <project> <pack.xlsx> --json`: what a returned pack proposes, as the Export
// screen's review shows it (docs/cli.md); nothing is applied.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { MethodOutput } from '../../../../shared/contract/methods';
import { UsageError, type Command } from '../command';

type Review = MethodOutput<'packs.review'>;

/** The contract's JSON: changes, what the pack holds that cannot be taken (by cell), and the sign-off. */
export function reviewJson(r: Review) {
  const quoted = (value: string | undefined, message: string) => (value ? `"${value}" ${message}` : message);
  return {
    changes: r.changes.map((c) => ({ ref: c.ref, field: c.field, project_value: c.before, pack_value: c.after, cell: c.cell, conflict: c.conflict })),
    refused: [
      ...r.unknownRefs.map((u) => ({ cell: u.cell, reason: `"${u.ref}" is not a line of this project: a pack never adds lines; add it in Partners & budgets.` })),
      ...r.problems.map((p) => ({ cell: p.column ?? '', reason: quoted(p.value, p.message) })),
      ...r.signOffProblems.map((p) => ({ cell: p.column ?? '', reason: p.message })),
    ],
    signoff: r.signoff,
  };
}

export const reviewPackCommand: Command = {
  name: 'review-pack',
  usage: 'review-pack <project> <pack.xlsx> --json',
  async run(args, { call, io }) {
    let parsed;
    try {
      parsed = parseArgs({ args, options: { json: { type: 'boolean' } }, allowPositionals: true, strict: true });
    } catch (e) {
      throw new UsageError((e as Error).message.replace(/\. To specify a positional.*$/s, '.'));
    }
    const { values, positionals } = parsed;
    if (positionals.length < 2) throw new UsageError(`missing ${['<project>', '<pack.xlsx>'].slice(positionals.length).join(' ')}`);
    if (positionals.length > 2) throw new UsageError(`unexpected argument "${positionals[2]}"`);
    if (values.json !== true) throw new UsageError('give --json (the review as one JSON object)');
    await call('project.open', { path: resolve(positionals[0]!) });
    const review = await call('packs.review', { file: { path: resolve(positionals[1]!) } });
    io.out(JSON.stringify(reviewJson(review)) + '\n');
  },
};
