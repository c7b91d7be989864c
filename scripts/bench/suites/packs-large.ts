// Packs that can be emailed (issue 14): a 20,000-line project, 20 wards, 8 partners of
// 2,500 lines and one 2-ward neighbourhood. The export runs once per bench run (its
// packs are kept in a temporary folder for the size and recalculation rows, each its
// own process); every figure has a floor measured in the same run: exceljs writing as
// many plain numbers, and LibreOffice opening that plain workbook (and, in the note, an
// empty one: its start-up).
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { importBudgets } from '../../../electron/backend/budgets/import';
import { exportPacks } from '../../../electron/backend/packs/export';
import { saveNeighbourhood } from '../../../electron/backend/neighbourhoods/service';
import { createProject } from '../../../electron/backend/project/lifecycle';
import { recalculate } from '../../lib/libreoffice';
import { median, type BenchRow, type CaseResult } from '../suite';
import { budget } from './packs';

const LINES = 20_000;
const PARTNERS = 8;
// One folder a bench run: each case is its own process (tsx starting node under it), so
// the run's id comes from main.ts, not from this process's parent.
const DIR = join(tmpdir(), `spendmap-bench-packs-large-${process.env.SPENDMAP_BENCH_RUN ?? process.ppid}`);
const MB = 1024 * 1024;

export const LARGE_ROWS: BenchRow[] = [
  {
    workload: 'Export all packs: 20,000 lines × 20 wards (8 partners of 2,500 lines + 1 neighbourhood)',
    target: '< 20 s (was 125 s)',
    limitMs: 20_000,
    peer: 'exceljs, same number of plain value cells (floor)',
    case: 'packs-large-export',
  },
  {
    workload: 'Neighbourhood pack size, 20,000 lines',
    target: '< 8 MB (was 49.3 MB)',
    limitMs: 8,
    unit: 'MB',
    peer: 'plain values, same cells (floor)',
    case: 'packs-large-size-neighbourhood',
  },
  {
    workload: 'Partner pack size, 2,500 lines',
    target: '< 2 MB (was 6.9 MB)',
    limitMs: 2,
    unit: 'MB',
    peer: 'plain values, same cells (floor)',
    case: 'packs-large-size-partner',
  },
  {
    workload: 'LibreOffice recalculation of a partner pack, 2,500 lines',
    target: '< 5 s (was 12.5 s)',
    limitMs: 5_000,
    peer: 'LibreOffice opening plain values, same cells (floor)',
    case: 'packs-large-recalc-partner',
  },
];

interface Exported {
  ms: number;
  files: { path: string; kind: string; lines: number; bytes: number; cells: number }[];
}

/** A workbook of as many plain numbers: the floor for size and for LibreOffice. */
async function plainWorkbook(cells: number, path?: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Values');
  for (let i = 0; i < cells; i++) ws.getCell(1 + Math.floor(i / 100), 1 + (i % 100)).value = (i * 7919) % 100003 / 100;
  const buf = (await wb.xlsx.writeBuffer()) as unknown as Buffer;
  if (path) writeFileSync(path, buf);
  return buf;
}

async function countCells(path: string): Promise<number> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  let cells = 0;
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell(() => cells++)));
  return cells;
}

/** The export, once per bench run: later cases read its record. */
async function exported(): Promise<Exported> {
  const record = join(DIR, 'record.json');
  if (existsSync(record)) return JSON.parse(readFileSync(record, 'utf8')) as Exported;
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  const p = createProject({ path: join(DIR, 'bench.spendmap'), pack: 'wards2024', lad: 'E06000002', year: '2024-25' });
  const wards = p.wards().map((w) => w.code);
  if (wards.length !== 20) throw new Error(`expected 20 wards, got ${wards.length}`);
  writeFileSync(join(DIR, 'budget.csv'), budget(LINES, PARTNERS, wards));
  await importBudgets(p, { file: { path: join(DIR, 'budget.csv') } });
  saveNeighbourhood(p, 'Bench', wards.slice(0, 2), 'bench');
  const t0 = performance.now();
  const r = await exportPacks(p, join(DIR, 'packs'));
  const ms = performance.now() - t0;
  p.close();
  const files = [];
  for (const f of r.files) files.push({ path: f.path, kind: f.kind, lines: f.lines, bytes: statSync(f.path).size, cells: await countCells(f.path) });
  const out: Exported = { ms, files };
  writeFileSync(record, JSON.stringify(out));
  return out;
}

const largestPartner = (e: Exported) => e.files.filter((f) => f.kind === 'partner').sort((a, b) => b.bytes - a.bytes)[0]!;
const neighbourhood = (e: Exported) => e.files.find((f) => f.kind === 'neighbourhood')!;

export const largeCases: Record<string, () => Promise<CaseResult>> = {
  async 'packs-large-export'() {
    // A fresh export: drop any record left by an earlier run.
    rmSync(DIR, { recursive: true, force: true });
    const e = await exported();
    const t1 = performance.now();
    for (const f of e.files) await plainWorkbook(f.cells);
    const peer = performance.now() - t1;
    return { ours: e.ms, peer, note: `${e.files.length} packs, ${e.files.reduce((s, f) => s + f.cells, 0).toLocaleString('en-GB')} cells` };
  },
  async 'packs-large-size-neighbourhood'() {
    const f = neighbourhood(await exported());
    return { ours: f.bytes / MB, peer: (await plainWorkbook(f.cells)).length / MB, note: `${f.lines} lines, ${f.cells} cells` };
  },
  async 'packs-large-size-partner'() {
    const f = largestPartner(await exported());
    return { ours: f.bytes / MB, peer: (await plainWorkbook(f.cells)).length / MB, note: `${f.lines} lines, ${f.cells} cells` };
  },
  async 'packs-large-recalc-partner'() {
    const e = await exported();
    const f = largestPartner(e);
    // LibreOffice starting and stopping with next to nothing to open: the part of both
    // figures no workbook can save. Run first: a new profile's first start sets the
    // profile up and restarts, which neither workbook should be charged for.
    const empty = join(DIR, 'empty.xlsx');
    await plainWorkbook(1, empty);
    recalculate(empty);
    const startUp = recalculate(empty).ms;
    const plain = join(DIR, 'plain.xlsx');
    await plainWorkbook(f.cells, plain);
    // Three runs each, alternating, medians: single runs of the same pack varied by a
    // third on a shared machine.
    const ours: number[] = [];
    const peer: number[] = [];
    for (let i = 0; i < 3; i++) {
      ours.push(recalculate(f.path).ms);
      peer.push(recalculate(plain).ms);
    }
    // The last row of the suite: its packs are no longer needed.
    if (readdirSync(DIR).length) rmSync(DIR, { recursive: true, force: true });
    const ms = (xs: number[]) => xs.map((x) => Math.round(x).toLocaleString('en-GB')).join(', ');
    return {
      ours: median(ours),
      peer: median(peer),
      note: `${f.lines} lines; median of 3 alternating runs (pack ${ms(ours)} ms; plain ${ms(peer)} ms); LibreOffice start-up alone ${Math.round(startUp).toLocaleString('en-GB')} ms`,
    };
  },
};
