// Project files from anyone: what checking a file before use costs on a large project
// (schema against our migrations, quick_check, CHECK rules and column types as queries,
// foreign keys, money limits), beside SQLite's full integrity_check of the same file,
// the thorough check we chose not to run on every open.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createProject, openProject } from '../../../electron/backend/project/lifecycle';
import type { Suite } from '../suite';

const LINES = 200_000;

/** A real project grown to 200,000 lines with ward figures on every tenth (about 40 MB). */
function bigProject(dir: string): string {
  const path = join(dir, 'big.spendmap');
  createProject({ path, pack: 'wards2024', lad: 'E09000021', year: '2024-25' }).close();
  const db = new Database(path);
  try {
    db.exec("INSERT INTO partners (name, type) VALUES ('Kingston Hospital NHS Foundation Trust', 'health')");
    const wards = db.prepare('SELECT code FROM wards ORDER BY code LIMIT 5').pluck().all() as string[];
    const line = db.prepare(
      `INSERT INTO spend_lines (ref, partner_id, service, description, amount_pence, year, basis, position)
       VALUES (?, 1, 'Acute care', 'Outpatient clinics at the borough''s two sites', ?, '2024-25', 'population', ?)`,
    );
    const figure = db.prepare('INSERT INTO direct_figures (line_id, ward_code, amount_pence) VALUES (?, ?, 20000)');
    db.transaction(() => {
      for (let i = 1; i <= LINES; i++) {
        const id = Number(line.run(`L${i}`, 100_000 + i, i).lastInsertRowid);
        if (i % 10 === 0) for (const w of wards) figure.run(id, w);
      }
    })();
  } finally {
    db.close();
  }
  return path;
}

export const suite: Suite = {
  rows: [
    {
      workload: 'Open a 200,000-line project, every check of a file from anyone',
      target: '< 1.5 s',
      limitMs: 1500,
      peer: 'SQLite integrity_check alone, same file',
      case: 'open-checked-200k',
    },
  ],
  cases: {
    async 'open-checked-200k'() {
      const dir = mkdtempSync(join(tmpdir(), 'spendmap-bench-'));
      try {
        const path = bigProject(dir);
        const integrity = () => {
          const db = new Database(path, { readonly: true });
          try {
            const t = performance.now();
            const ok = db.pragma('integrity_check', { simple: true });
            if (ok !== 'ok') throw new Error(`integrity_check: ${String(ok)}`);
            return performance.now() - t;
          } finally {
            db.close();
          }
        };
        const open = () => {
          const t = performance.now();
          openProject(path).close();
          return performance.now() - t;
        };
        // Each once to warm the page cache, then the better of two: neither gains from going second.
        integrity();
        open();
        const peer = Math.min(integrity(), integrity());
        const ours = Math.min(open(), open());
        return { ours, peer, note: `${LINES.toLocaleString('en-GB')} lines` };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
};
