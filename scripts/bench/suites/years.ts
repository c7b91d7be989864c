// Years and ward vintages (issue 15), whole commands through the dispatcher on real
// project files: convert a 2,000-line project (500 direct, 1,500 site) across an
// authority of about 40 wards, beside a plain copy of the same file (the floor: writing
// the new file at all); compare a neighbourhood in two 20,000-line projects, beside the
// naive SQL join of the two files' lines by ref (which computes no figures).
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Dispatcher } from '../../../electron/backend/dispatch';
import { listAuthorities } from '../../../electron/backend/reference/packs';
import { createProject } from '../../../electron/backend/project/lifecycle';
import { Session } from '../../../electron/backend/session';
import type { Suite } from '../suite';

function rand(seed: number) {
  return (n: number) => ((seed = (seed * 48271) % 2147483647), seed % n);
}

/** A project with `lines` lines filled by SQL (the import is measured elsewhere). */
export function build(path: string, pack: string, lad: string, year: string, lines: number, direct: number, site: number): void {
  const p = createProject({ path, pack, lad, year });
  const r = rand(7);
  try {
    const wards = p.wards().map((w) => w.code);
    p.tx(() => {
      const partners = ['Police', 'Health', 'Council', 'Fire'].map((n, i) =>
        Number(p.db.prepare('INSERT INTO partners (name, type) VALUES (?, ?)').run(n, ['police', 'health', 'council', 'fire'][i]).lastInsertRowid),
      );
      const line = p.db.prepare(
        'INSERT INTO spend_lines (ref, partner_id, amount_pence, year, basis, beta, discretionary_pct, status, site_ward, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      );
      const fig = p.db.prepare('INSERT INTO direct_figures (line_id, ward_code, amount_pence) VALUES (?, ?, ?)');
      const statuses = ['mainstream', 'aligned', 'virtual', 'pooled'];
      for (let i = 0; i < lines; i++) {
        const basis = i < direct ? 'direct' : i < direct + site ? 'site' : ['population', 'income_deprived', 'even', 'children_0_15'][r(4)]!;
        const id = Number(
          line.run(`L-${i}`, partners[r(4)], 1_000 + r(50_000_000), year, basis, basis === 'population' ? 0.5 : 0, r(30), statuses[r(4)], basis === 'site' ? wards[r(wards.length)] : null, i).lastInsertRowid,
        );
        if (basis === 'direct') for (const w of wards) if (r(3) > 0) fig.run(id, w, r(500_000_000));
      }
      p.db.prepare('INSERT INTO neighbourhoods (name) VALUES (?)').run('North');
      for (const w of wards.slice(0, 3)) p.db.prepare('INSERT INTO neighbourhood_wards (neighbourhood_id, ward_code) VALUES (1, ?)').run(w);
    });
  } finally {
    p.close();
  }
}

async function call(d: Dispatcher, session: Session, method: string, input: unknown) {
  const r = await d.call(method, input, { session });
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.data;
}

export const suite: Suite = {
  rows: [
    {
      workload: 'convert command: open a 2,000-line project (500 direct, 1,500 site), 2019 → 2024 wards of an authority of about 40 wards, write the new file',
      target: '< 2 s',
      limitMs: 2000,
      peer: 'VACUUM INTO copy of the same file (floor)',
      case: 'years-convert-2k',
    },
    {
      workload: 'compare a neighbourhood in two 20,000-line projects (open b, allocate both, per partner and per line by ref)',
      target: '< 1 s',
      limitMs: 1000,
      peer: 'naive SQL join of both files’ lines by ref (no figures)',
      case: 'years-compare-20k',
    },
  ],
  cases: {
    async 'years-convert-2k'() {
      const dir = mkdtempSync(join(tmpdir(), 'spendmap-bench-years-'));
      try {
        // The authority of about 40 wards (first by code on a tie) that is in both packs.
        const later = new Set(listAuthorities('wards2024').map((a) => a.ladCode));
        const lad = listAuthorities('wards2019')
          .filter((a) => later.has(a.ladCode))
          .reduce((best, a) => (Math.abs(a.wards - 40) < Math.abs(best.wards - 40) ? a : best));
        const src = join(dir, 'src.spendmap');
        build(src, 'wards2019', lad.ladCode, '2023-24', 2_000, 500, 1_500);
        const session = new Session({ host: 'cli', dataDir: dir });
        const d = new Dispatcher();
        const t0 = performance.now();
        await call(d, session, 'project.open', { path: src });
        const r = (await call(d, session, 'years.convert', { pack: 'wards2024', out: join(dir, 'new.spendmap') })) as { wards: number; report: unknown[] };
        const ours = performance.now() - t0;
        session.close();
        const db = new Database(src, { readonly: true });
        const t1 = performance.now();
        db.prepare('VACUUM INTO ?').run(join(dir, 'copy.spendmap'));
        const peer = performance.now() - t1;
        db.close();
        return { ours, peer, note: `${lad.ladName}: ${lad.wards} → ${r.wards} wards, ${r.report.length} report rows` };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    async 'years-compare-20k'() {
      const dir = mkdtempSync(join(tmpdir(), 'spendmap-bench-years-'));
      try {
        const a = join(dir, 'a.spendmap');
        const b = join(dir, 'b.spendmap');
        build(a, 'wards2024', 'E09000021', '2023-24', 20_000, 0, 0);
        build(b, 'wards2024', 'E09000021', '2024-25', 20_000, 0, 0);
        // b: a tenth of the amounts changed, 500 lines gone and 500 new.
        const db = new Database(b);
        db.exec("UPDATE spend_lines SET amount_pence = amount_pence + 100 WHERE id % 10 = 0; UPDATE spend_lines SET ref = 'N-' || id WHERE id % 40 = 1;");
        db.close();
        const session = new Session({ host: 'cli', dataDir: dir });
        const d = new Dispatcher();
        await call(d, session, 'project.open', { path: a });
        const t0 = performance.now();
        const c = (await call(d, session, 'years.compare', { other: b, neighbourhood: 'North' })) as { lines: unknown[] };
        const ours = performance.now() - t0;
        session.close();
        const j = new Database(a, { readonly: true });
        j.prepare('ATTACH ? AS b').run(b);
        const t1 = performance.now();
        const rows = j
          .prepare(
            `SELECT x.ref, x.amount_pence, y.amount_pence FROM main.spend_lines x LEFT JOIN b.spend_lines y ON y.ref = x.ref WHERE y.ref IS NULL OR y.amount_pence <> x.amount_pence OR y.status <> x.status
             UNION ALL SELECT y.ref, NULL, y.amount_pence FROM b.spend_lines y LEFT JOIN main.spend_lines x ON x.ref = y.ref WHERE x.ref IS NULL`,
          )
          .all();
        const peer = performance.now() - t1;
        j.close();
        return { ours, peer, note: `${c.lines.length} changed lines (join: ${rows.length})` };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
};
