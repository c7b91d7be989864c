// Engine benchmarks: apportioning whole boroughs and London-scale projects, and the
// one-line edit a workshop makes, beside a spreadsheet doing the same in LibreOffice.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Suite } from '../suite';
import { runW1Edit, runW1Full, runW1Summary, runW2Full, runW3Full, W1 } from '../workloads/engine';
import { spreadsheetRecalcMs } from '../workloads/spreadsheet-peer';

export const suite: Suite = {
  rows: [
    { workload: 'W1 borough: 2,000 lines × 20 wards, full recompute (every ward split)', target: '< 20 ms and ≥ 100× the peer', limitMs: 20, minRatio: 100, peer: 'LibreOffice recalculating one SUMPRODUCT share per line × ward', case: 'engine-w1-full' },
    { workload: 'W1 with the neighbourhood summary and sensitivity range', target: '< 20 ms', limitMs: 20, peer: '—', case: 'engine-w1-summary' },
    { workload: "W1 edit: one line's β, neighbourhood summary updated", target: '< 2 ms', limitMs: 2, peer: '—', case: 'engine-w1-edit' },
    { workload: 'W2 London scale: 20,000 lines × 680 wards, full', target: '< 1 s, RSS < 1 GB', limitMs: 1000, limitMB: 1024, peer: '—', case: 'engine-w2-full' },
    { workload: 'W3 national: 200 lines × 6,900 wards, with sensitivity', target: '< 1 s', limitMs: 1000, peer: '—', case: 'engine-w3-full' },
  ],
  cases: {
    async 'engine-w1-full'() {
      const ours = runW1Full();
      const dir = mkdtempSync(join(tmpdir(), 'spendmap-bench-peer-'));
      try {
        return { ours, peer: await spreadsheetRecalcMs(W1(), dir) };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    async 'engine-w1-summary'() {
      return { ours: runW1Summary(), peer: null };
    },
    async 'engine-w1-edit'() {
      return { ours: runW1Edit(), peer: null };
    },
    async 'engine-w2-full'() {
      return { ours: runW2Full(), peer: null };
    },
    async 'engine-w3-full'() {
      return { ours: runW3Full(), peer: null };
    },
  },
};
