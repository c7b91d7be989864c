// A backend process for the fault harness to kill: the same handler registry and
// session every host uses, driven through a script. Every line it prints is written
// with writeSync, so what the harness reads is exactly what happened before the kill:
//
//   edits <project> <seed> <dataDir> <maxOps>   a window's session (it takes the
//       project's lock) making grid edits: "P <seq> <op>" before each call, then
//       "A <seq> <result>" once the edit is committed (acknowledged), "F" if refused
//   migrate <project>                           "O" then opens (migrates) the file, then "M"
import { writeSync } from 'node:fs';
import { createRegistry } from '../../electron/backend/handlers';
import { openProject } from '../../electron/backend/project/lifecycle';
import { Session } from '../../electron/backend/session';
import { rng } from '../../scripts/lib/rng';

const say = (line: string) => writeSync(1, line + '\n');

export type EditOp =
  | { kind: 'write'; writes: { id?: number; values: Record<string, string> }[] }
  | { kind: 'delete'; ids: number[] };

const BASES = ['population', 'even', 'income_deprived', 'children_0_15', 'older_60_plus', 'employment_deprived'];
const WORDS = ['Adult social care', 'Pooled budget', 'Children’s services', 'Ward “A”', 'Police; PCSOs', 'Línea €5k', 'Repairs, roads', 'Youth work'];

/** The next edit: mostly single-cell edits, some multi-line batches, some new lines and deletions. */
export function nextOp(r: () => number, ids: number[]): EditOp {
  const pick = () => ids[Math.floor(r() * ids.length)]!;
  const value = (field: string): string => {
    switch (field) {
      case 'amount':
        return `${Math.floor(r() * 5_000_000)}.${String(Math.floor(r() * 100)).padStart(2, '0')}`;
      case 'description':
        return `${WORDS[Math.floor(r() * WORDS.length)]} ${Math.floor(r() * 1e6)}`;
      case 'basis':
        return BASES[Math.floor(r() * BASES.length)]!;
      case 'discretionaryPct':
        return String(Math.floor(r() * 101));
      case 'beta':
        return String(Math.floor(r() * 11) / 10);
      default:
        return 'x';
    }
  };
  const fields = ['amount', 'description', 'basis', 'discretionaryPct', 'beta'];
  const x = r();
  if (x < 0.06 && ids.length > 20) return { kind: 'delete', ids: [pick()] };
  if (x < 0.16) {
    const n = 1 + Math.floor(r() * 3);
    return {
      kind: 'write',
      writes: Array.from({ length: n }, () => ({
        values: { partner: 'Fault Partner', partnerType: 'other', amount: value('amount'), basis: value('basis'), description: value('description') },
      })),
    };
  }
  if (x < 0.3) {
    // A batch over several lines: all of it lands, or none.
    const chosen = [...new Set(Array.from({ length: 2 + Math.floor(r() * 4) }, pick))];
    return { kind: 'write', writes: chosen.map((id) => ({ id, values: { amount: value('amount'), description: value('description') } })) };
  }
  const field = fields[Math.floor(r() * fields.length)]!;
  return { kind: 'write', writes: [{ id: pick(), values: { [field]: value(field) } }] };
}

async function edits(path: string, seed: number, dataDir: string, maxOps: number): Promise<void> {
  const registry = createRegistry();
  const session = new Session({ host: 'web', dataDir });
  const ctx = { session, progress: () => {}, signal: new AbortController().signal };
  const opened = await registry.call('project.open', { path }, ctx);
  if (!opened.ok) {
    say(`E ${JSON.stringify(opened.error)}`);
    process.exit(1);
  }
  const page = await registry.call('budgets.page', { offset: 0, limit: 5000 }, ctx);
  if (!page.ok) throw new Error(page.error.message);
  const ids = (page.data as { rows: { id: number }[] }).rows.map((l) => l.id);
  say('R');
  const r = rng(seed);
  for (let seq = 1; seq <= maxOps; seq++) {
    const op = nextOp(r, ids);
    say(`P ${seq} ${JSON.stringify(op)}`);
    const res =
      op.kind === 'write'
        ? await registry.call('budgets.write', { writes: op.writes, source: 'fault driver' }, ctx)
        : await registry.call('budgets.delete', { ids: op.ids }, ctx);
    if (!res.ok) {
      say(`F ${seq} ${JSON.stringify(res.error)}`);
      continue;
    }
    // A write answers with its lines (the acknowledged state); a delete with its count.
    const written = 'lines' in res.data ? res.data.lines : null;
    say(`A ${seq} ${JSON.stringify(written ?? res.data)}`);
    if (op.kind === 'delete') for (const id of op.ids) ids.splice(ids.indexOf(id), 1);
    else for (const l of written ?? []) if (!ids.includes(l.id)) ids.push(l.id);
  }
  session.close();
  say('D');
}

function migrate(path: string): void {
  say('O');
  const t0 = performance.now();
  const p = openProject(path);
  p.close();
  say(`M ${Math.round(performance.now() - t0)}`);
}

async function main(): Promise<void> {
  const [cmd, ...args] = process.argv.slice(2);
  if (cmd === 'edits') await edits(args[0]!, Number(args[1]), args[2]!, Number(args[3] ?? 1e9));
  else if (cmd === 'migrate') migrate(args[0]!);
  else throw new Error(`driver: unknown command ${cmd}`);
}

if (require.main === module)
  main().catch((e: Error) => {
    say(`X ${JSON.stringify(e.stack ?? e.message)}`);
    process.exit(3);
  });
