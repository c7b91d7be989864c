// The huge inputs: each is written by one process and imported in another, so the
// peak RSS is the import's own, and must end (refused or imported) within its time
// bound and under 1 GB (300 MB for the files refused for their size).
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { TEMPLATE_COLUMNS } from '../../shared/domain/types';
import { budgetCsv } from '../../scripts/bench/workloads/budget-csv';
import { HOSTILE_CASES } from './hostile';
import { xlsxStreamed } from './xlsx';

export interface BigCase {
  target: 'budgets' | 'proxy';
  fileName: string;
  /** Writes the file; `sheet` names a workbook's one sheet. */
  write: (path: string, sheet?: string) => Promise<void>;
  /** What must happen: refused (too big to import) or imported. */
  expect: 'refused' | 'imported';
  /** Seconds the import may take here. */
  boundS: number;
  /** Peak RSS the importing process may reach, in MB (the file is written by another process). */
  rssBoundMB?: number;
}

/** A canonical CSV of `rows` lines, written in pieces (never one huge string). */
export async function writeBudgetCsv(path: string, rows: number): Promise<void> {
  const fd = openSync(path, 'w');
  try {
    const step = 50_000;
    for (let from = 0; from < rows; from += step) {
      const n = Math.min(step, rows - from);
      let text = budgetCsv(n, from + 1);
      if (from > 0) text = text.slice(text.indexOf('\n') + 1);
      // Refs must be unique across pieces.
      text = text.replace(/^B(\d+),/gm, (_, k: string) => `B${from + Number(k)},`);
      writeSync(fd, text);
    }
  } finally {
    closeSync(fd);
  }
}

function* budgetSheet(rows: number): Generator<string> {
  const head = TEMPLATE_COLUMNS.map((c, j) => `<c r="${String.fromCharCode(65 + j)}1" t="inlineStr"><is><t>${c}</t></is></c>`).join('');
  yield `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">${head}</row>`;
  let buf = '';
  for (let i = 1; i <= rows; i++) {
    const r = i + 1;
    buf += `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>B${i}</t></is></c><c r="B${r}" t="inlineStr"><is><t>NHS Trust</t></is></c><c r="C${r}" t="inlineStr"><is><t>health</t></is></c><c r="F${r}"><v>${(i % 100_000) + 0.5}</v></c><c r="H${r}" t="inlineStr"><is><t>population</t></is></c></row>`;
    if (buf.length > 1 << 20) {
      yield buf;
      buf = '';
    }
  }
  yield buf + '</sheetData></worksheet>';
}

function* bomb(bytes: number): Generator<string> {
  yield '<?xml version="1.0"?><worksheet><sheetData>';
  const chunk = ' '.repeat(1 << 24);
  for (let n = 0; n < bytes; n += chunk.length) yield chunk;
  yield '</sheetData></worksheet>';
}

export const BIG_CASES: Record<string, BigCase> = {
  // Refused from a count of the bytes, within the bounds of a hostile file (issue 13).
  'budget-csv-1m-rows': { target: 'budgets', fileName: 'budget-1m.csv', expect: 'refused', boundS: 2, rssBoundMB: 300, write: (p) => writeBudgetCsv(p, 1_000_000) },
  'budget-csv-500k-rows': { target: 'budgets', fileName: 'budget-500k.csv', expect: 'imported', boundS: 60, write: (p) => writeBudgetCsv(p, 500_000) },
  'budget-xlsx-1m-rows': {
    target: 'budgets',
    fileName: 'budget-1m.xlsx',
    expect: 'refused',
    boundS: 2,
    rssBoundMB: 300,
    write: async (p, sheet = 'Budget') => writeFileSync(p, await xlsxStreamed(sheet, budgetSheet(1_000_000))),
  },
  'budget-xlsx-zip-bomb': {
    target: 'budgets',
    fileName: 'bomb.xlsx',
    expect: 'refused',
    boundS: 60,
    write: async (p) => writeFileSync(p, await xlsxStreamed('Budget', bomb(1.1 * 1024 * 1024 * 1024))),
  },
  'budget-csv-190mb-one-value': {
    target: 'budgets',
    fileName: 'one-value.csv',
    expect: 'refused',
    boundS: 30,
    write: async (p) => {
      const fd = openSync(p, 'w');
      writeSync(fd, `${TEMPLATE_COLUMNS.join(',')}\n"`);
      const chunk = Buffer.alloc(1 << 24, 'a');
      for (let i = 0; i < 11; i++) writeSync(fd, chunk);
      closeSync(fd);
    },
  },
  'proxy-csv-1m-rows': {
    target: 'proxy',
    fileName: 'proxy-1m.csv',
    expect: 'refused',
    boundS: 2,
    rssBoundMB: 300,
    write: async (p) => {
      const fd = openSync(p, 'w');
      writeSync(fd, 'ward_code,value\n');
      const block = 'E05013941,12\n'.repeat(100_000);
      for (let i = 0; i < 10; i++) writeSync(fd, block);
      closeSync(fd);
    },
  },
  // The small hostile files of issue 13, each in a process of its own for its peak RSS:
  // answered within 2 s (the bench row holds them to 300 MB as well).
  ...Object.fromEntries(
    Object.entries(HOSTILE_CASES)
      .filter(([, c]) => c.target !== 'direct' && !c.includeHidden)
      .map(([name, c]): [string, BigCase] => [
        `hostile-${name}`,
        { target: c.target as 'budgets' | 'proxy', fileName: c.fileName, expect: c.imported ? 'imported' : 'refused', boundS: 2, write: async (p) => writeFileSync(p, await c.make()) },
      ]),
  ),
};
