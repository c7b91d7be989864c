// A worksheet's merged ranges, read before its rows: <mergeCells> comes after
// <sheetData>, and Excel shows a merged range's value in its top-left cell only, so a
// value stored under the rest of the range (Excel never writes one; LibreOffice keeps
// and writes the hidden cells' contents when told not to move them on merging; a
// crafted file can hold anything) must be read as blank. First a pass that only looks for the
// bytes "mergeCell" in each sheet part (no XML parsing: most sheets have no merges and
// pay one inflate), then, for the parts that have them, a pass parsing just the ranges.
import { AppError } from '../../../shared/contract/result';
import { MAX_COLUMNS, MAX_SHEET_XML_BYTES, type ByteSource, type StreamOptions } from './source';
import { MergedCells, type RangeList } from './merged-cells';
import { XmlReader } from './xml';
import { damaged, zipPass, type PartHandler } from './zip-parts';

/** Merged ranges a sheet may have: far more than any budget, and 16 MB of ranges at most. */
export const MAX_MERGES = 1_000_000;
const MAX_ROW = 1_048_576;
const NEEDLE = Buffer.from('mergeCell');

/** Whether the bytes "mergeCell" occur in a part, across chunk boundaries too. */
function byteScan(): { handler: PartHandler; found: () => boolean } {
  let found = false;
  let carry = Buffer.alloc(0);
  return {
    handler: (chunk) => {
      if (found) return;
      const b = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
      const seam = Buffer.concat([carry, b.subarray(0, NEEDLE.length - 1)]);
      if (b.indexOf(NEEDLE) >= 0 || seam.indexOf(NEEDLE) >= 0) found = true;
      carry = Buffer.from(Buffer.concat([carry, b.subarray(-(NEEDLE.length - 1))]).subarray(-(NEEDLE.length - 1)));
    },
    found: () => found,
  };
}

/** "B12" → [row, column], or null when it is not a cell of a sheet. */
function cellOf(ref: string): [number, number] | null {
  const m = /^\$?([A-Za-z]{1,3})\$?([1-9][0-9]{0,6})$/.exec(ref);
  if (!m) return null;
  let col = 0;
  for (const ch of m[1]!.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  const row = Number(m[2]);
  return col <= MAX_COLUMNS && row <= MAX_ROW ? [row, col - 1] : null;
}

/** A handler parsing a sheet part's <mergeCells>, and the ranges it found. */
function rangeReader(fileName: string, sheetName: string): { handler: PartHandler; merged: () => MergedCells } {
  let ranges: RangeList = new Int32Array(4 * 1024);
  let count = 0;
  let seen = 0;
  let depth = 0;
  let inMerges = false;
  const badRange = (ref: string): never => {
    throw damaged(fileName, `the sheet "${sheetName}" has a merged range "${ref.slice(0, 40)}" that is not a range of cells`);
  };
  const reader = new XmlReader(
    {
      open: (tag, a) => {
        depth++;
        // <worksheet><mergeCells><mergeCell ref="A1:B2"/>: a mergeCell anywhere else is not a merge.
        if (depth === 2 && tag === 'mergeCells') inMerges = true;
        if (!(inMerges && depth === 3 && tag === 'mergeCell')) return;
        if (++seen > MAX_MERGES)
          throw new AppError(
            'INPUT',
            `${fileName}: the sheet "${sheetName}" has more than ${MAX_MERGES.toLocaleString('en-GB')} merged ranges, far more than a table has; nothing was imported. Unmerge its cells in Excel (select the sheet, then Merge & Center › Unmerge Cells) and save it again.`,
          );
        const ref = a.ref ?? '';
        const [from, to = from] = ref.split(':');
        const a1 = cellOf(from ?? '') ?? badRange(ref);
        const b1 = cellOf(to ?? '') ?? badRange(ref);
        const top = Math.min(a1[0], b1[0]);
        const bottom = Math.max(a1[0], b1[0]);
        const left = Math.min(a1[1], b1[1]);
        const right = Math.max(a1[1], b1[1]);
        if (top === bottom && left === right) return; // one cell: nothing to blank
        if (count * 4 === ranges.length) {
          const grown = new Int32Array(ranges.length * 2);
          grown.set(ranges);
          ranges = grown;
        }
        ranges.set([top, left, bottom, right], count * 4);
        count++;
      },
      close: (tag) => {
        if (depth === 2 && tag === 'mergeCells') inMerges = false;
        depth--;
      },
    },
    (why) => {
      throw damaged(fileName, why);
    },
  );
  return { handler: (chunk, final) => reader.bytes(chunk, final), merged: () => new MergedCells(ranges, count) };
}

/**
 * The merged ranges of each sheet part in `sheets` (part → sheet name) that has any.
 * Both passes read each part whole, so its checksum is checked here even when the row
 * pass stops early.
 */
export async function readMerges(source: ByteSource, sheets: Map<string, string>, opts: Pick<StreamOptions, 'signal'> = {}): Promise<Map<string, MergedCells>> {
  const limit = (part: string) => ({ bytes: MAX_SHEET_XML_BYTES, what: `the sheet "${sheets.get(part) ?? part}"` });
  const scans = new Map([...sheets.keys()].map((part) => [part, byteScan()]));
  await zipPass(source, (part) => scans.get(part)?.handler ?? null, { limit, signal: opts.signal });
  const readers = new Map([...scans].filter(([, s]) => s.found()).map(([part]) => [part, rangeReader(source.name, sheets.get(part)!)]));
  const out = new Map<string, MergedCells>();
  if (!readers.size) return out;
  await zipPass(source, (part) => readers.get(part)?.handler ?? null, { limit, signal: opts.signal });
  for (const [part, r] of readers) out.set(part, r.merged());
  return out;
}
