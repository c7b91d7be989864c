// (b) Grid edits through a window's session: killed between or during edits, every
// acknowledged edit is there, the one in flight is saved whole or not at all, the stale
// lock is taken over and the audit log replays to the data.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importBudgets } from '../../../electron/backend/budgets/import';
import { lineSnapshot } from '../../../electron/backend/budgets/lines';
import { createRegistry } from '../../../electron/backend/handlers';
import { createProject } from '../../../electron/backend/project/lifecycle';
import { Session } from '../../../electron/backend/session';
import { lockPathFor } from '../../../electron/backend/store/lock';
import { FIELD_COLUMN, type EditableField, type SpendLine } from '../../../shared/domain/types';
import { budgetCsv } from '../../../scripts/bench/workloads/budget-csv';
import { auditMatchesData, check, lineState, maxAuditId, openSound, type LineState } from '../checks';
import type { EditOp } from '../driver';
import { bundles, copyProject, env, killAfter, random, root, SEED, start } from '../harness';
import { attempt, bump, newReport, progress } from '../report';

function withColumns(line: Record<string, string>, values: Record<string, string>): Record<string, string> {
  const out = { ...line };
  for (const [field, text] of Object.entries(values)) out[FIELD_COLUMN[field as EditableField]] = text;
  return out;
}

export async function scenarioEdits(target: number): Promise<void> {
  const r = newReport('edits');
  const t0 = performance.now();
  const dir = join(root, 'edits');
  mkdirSync(dir);
  const template = join(dir, 'template.spendmap');
  const p0 = createProject({ path: template, pack: 'wards2024', lad: 'E09000021', year: '2024-25' });
  const csv = join(dir, 'lines.csv');
  writeFileSync(csv, budgetCsv(400, SEED + 2));
  await importBudgets(p0, { file: { path: csv } });
  const state0: LineState = lineState(p0);
  const audit0 = maxAuditId(p0);
  p0.close();
  const work = join(dir, 'work.spendmap');
  let acked = 0;
  for (let i = 0; r.kills < target && i < target * 3; i++) {
    copyProject(template, work);
    const seed = Math.floor(random() * 2 ** 31);
    const proc = start(bundles.driver, ['edits', work, String(seed), env.SPENDMAP_DATA, '1000000']);
    let killed = false;
    await attempt(r, `edit run ${i} (seed ${seed})`, async () => {
      await proc.waitFor('R', 20_000);
      const delay = 100 + random() * 1500;
      killed = await killAfter(proc, delay);
      await proc.exited;
      r.runs++;
      if (killed) r.kills++;
      check(killed, `the driver stopped by itself: ${proc.stderr.slice(-300)}`);
      check(existsSync(lockPathFor(work)), 'a killed window left no lock file (so the stale-lock path is not exercised)');

      // A window opens the file again: the dead window's lock is stale and taken over.
      const session = new Session({ host: 'web', dataDir: env.SPENDMAP_DATA });
      const registry = createRegistry();
      const opened = await registry.call('project.open', { path: work }, { session, progress: () => {}, signal: new AbortController().signal });
      check(opened.ok, `a new window cannot open the project after the crash: ${JSON.stringify(!opened.ok && opened.error)}`);
      session.close();
      check(!existsSync(lockPathFor(work)), 'closing the project left its lock file behind');

      // Acknowledged edits, in order, over the lines as they were.
      const model: LineState = new Map([...state0].map(([id, v]) => [id, { ...v }]));
      const ops = new Map<number, EditOp>();
      let inFlight: EditOp | null = null;
      for (const line of proc.lines) {
        const [tag, seqText, ...rest] = line.split(' ');
        const seq = Number(seqText);
        if (tag === 'P') {
          const op = JSON.parse(rest.join(' ')) as EditOp;
          ops.set(seq, op);
          inFlight = op;
        } else if (tag === 'A' || tag === 'F') {
          const op = ops.get(seq)!;
          inFlight = null;
          if (tag === 'F') continue;
          acked++;
          bump(r, 'acknowledged edits');
          if (op.kind === 'delete') for (const id of op.ids) model.delete(id);
          else for (const l of JSON.parse(rest.join(' ')) as SpendLine[]) model.set(l.id, lineSnapshot(l));
        }
      }
      const p = openSound(work);
      try {
        const now = lineState(p);
        const differs = (id: number) => JSON.stringify(now.get(id)) !== JSON.stringify(model.get(id));
        const changed = [...new Set([...now.keys(), ...model.keys()])].filter(differs);
        if (!changed.length) bump(r, inFlight ? 'killed: edit in flight not saved' : 'killed: between edits');
        else {
          check(inFlight, `lines ${changed.join(', ')} differ from the acknowledged edits, with no edit in flight`);
          const op = inFlight as EditOp;
          if (op.kind === 'delete') {
            check(changed.length === op.ids.length && op.ids.every((id) => !now.has(id)), `in-flight delete of ${op.ids} explains ${changed}`);
          } else {
            const creates = op.writes.filter((w) => w.id === undefined);
            const updates = op.writes.filter((w) => w.id !== undefined);
            const made = changed.filter((id) => !model.has(id));
            check(made.length === creates.length, `${made.length} new lines for ${creates.length} creates in flight`);
            made.sort((a, b) => a - b).forEach((id, k) => {
              const want = creates[k]!.values;
              const got = now.get(id)!;
              check(got.amount_gbp === want.amount && got.basis === want.basis && got.description === want.description, `new line ${id} is not the one in flight`);
            });
            for (const w of updates) check(JSON.stringify(now.get(w.id!)) === JSON.stringify(withColumns(model.get(w.id!)!, w.values)), `line ${w.id} is not as the in-flight edit left it`);
            for (const id of changed) check(!model.has(id) || updates.some((w) => w.id === id), `line ${id} changed outside the edit in flight`);
          }
          bump(r, 'killed: edit in flight saved whole');
        }
        auditMatchesData(p, state0, audit0);
      } finally {
        p.close();
      }
    });
    if (!killed) await proc.exited;
    progress(r, target);
  }
  r.notes.push(`${acked} acknowledged edits checked, all present`);
  r.ms = performance.now() - t0;
  process.stdout.write('\n');
}
