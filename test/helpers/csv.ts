// The tests' own small CSV reader and writer (RFC 4180: quotes, doubled quotes,
// CR/LF, newlines inside quotes). Written here, independently of papaparse, so the
// tests do not check the code under test with the code under test.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

export function parseCsv(text: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      i++;
    } else if (c === delimiter) {
      row.push(field);
      field = '';
      i++;
    } else if (c === '\r' || c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += c;
      i++;
    }
  }
  if (quoted) throw new Error('parseCsv: unclosed quote');
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** A CSV or CSV.gz file from the official data, BOM removed, as rows. */
export function readCsvFile(path: string): string[][] {
  const raw = readFileSync(path);
  const text = (path.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8').replace(/^\uFEFF/, '');
  return parseCsv(text);
}

/** Header + records as objects keyed by header name. */
export function readCsvObjects(path: string): { header: string[]; records: Record<string, string>[] } {
  const [header, ...rows] = readCsvFile(path);
  if (!header) throw new Error(`${path}: empty`);
  return {
    header,
    records: rows.filter((r) => !(r.length === 1 && r[0] === '')).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? '']))),
  };
}

/** One CSV cell, quoted only when it has to be. */
export function csvCell(v: string, delimiter = ','): string {
  return v.includes('"') || v.includes(delimiter) || v.includes('\n') || v.includes('\r') ? `"${v.replace(/"/g, '""')}"` : v;
}

export function toCsvText(rows: string[][], opts: { delimiter?: string; eol?: string } = {}): string {
  const d = opts.delimiter ?? ',';
  const eol = opts.eol ?? '\n';
  return rows.map((r) => r.map((c) => csvCell(c, d)).join(d)).join(eol) + eol;
}

/** A number written in a CSV as published: "1,296" → 1296. */
export function publishedNumber(text: string | undefined): number {
  const t = (text ?? '').replace(/,/g, '').trim();
  if (!/^-?\d+(\.\d+)?$/.test(t)) throw new Error(`not a number: "${text}"`);
  return Number(t);
}
