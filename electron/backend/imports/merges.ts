// A worksheet's merged ranges, read before its rows: <mergeCells> comes after
// <sheetData>, and Excel shows a merged range's value in its top-left cell only, so a
// value stored under the rest of the range (Excel never writes one; LibreOffice keeps
// and writes the hidden cells' contents when told not to move them on merging; a
// crafted file can hold anything) must be read as blank. First a pass that only looks for the
// bytes "mergeCell" in each sheet part (no XML parsing: most sheets have no merges and
// pay one inflate), then, for the parts that have them, a parse of just the ranges:
// from the scan's copy for a part of up to 4 MB, else in a second pass.
import { AppError } from '../../../shared/contract/result';
import { cancelled, MAX_COLUMNS, MAX_SHEET_XML_BYTES, tick, type ByteSource, type StreamOptions } from './source';
import { MergedCells, type RangeList } from './merged-cells';
import { XmlReader } from './xml';
import { damaged, zipPass, type PartHandler } from './zip-parts';

/** Merged ranges a sheet may have: far more than any budget, and 16 MB of ranges at most. */
export const MAX_MERGES = 1_000_000;
const MAX_ROW = 1_048_576;
const NEEDLE = Buffer.from('mergeCell');

/** A sheet part up to this size is kept from the scan, so one with merges is not inflated again to parse them. */
const KEEP_BYTES = 4 * 1024 * 1024;

/** Whether the bytes "mergeCell" occur in a part, across chunk boundaries too; and the part itself, when small. */
function byteScan(): { handler: PartHandler; found: () => boolean; kept: () => Uint8Array[] | null } {
  let found = false;
  let carry = Buffer.alloc(0);
  let kept: Uint8Array[] | null = [];
  let keptBytes = 0;
  return {
    handler: (chunk) => {
      if (kept && (keptBytes += chunk.length) <= KEEP_BYTES) kept.push(chunk.slice());
      else kept = null;
      if (found) return;
      const b = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
      const seam = Buffer.concat([carry, b.subarray(0, NEEDLE.length - 1)]);
      if (b.indexOf(NEEDLE) >= 0 || seam.indexOf(NEEDLE) >= 0) found = true;
      carry = Buffer.from(Buffer.concat([carry, b.subarray(-(NEEDLE.length - 1))]).subarray(-(NEEDLE.length - 1)));
    },
    found: () => found,
    kept: () => kept,
  };
}

/**
 * Reads the cell reference ("B12", "$B$12") in `ref` from `at` into out[k] (row) and
 * out[k + 1] (column, 0-based); the index after it, or -1 when it is not a cell of a
 * sheet. By hand, not by regular expression: a sheet may have a million of them.
 */
function cellAt(ref: string, at: number, out: Int32Array, k: number): number {
  let i = at;
  if (ref.charCodeAt(i) === 36) i++; // $
  let col = 0;
  const letters = i;
  for (let c = ref.charCodeAt(i) | 32; c >= 97 && c <= 122 && i - letters < 3; c = ref.charCodeAt(++i) | 32) col = col * 26 + (c - 96);
  if (i === letters) return -1;
  if (ref.charCodeAt(i) === 36) i++;
  let row = 0;
  const digits = i;
  for (let c = ref.charCodeAt(i); c >= 48 && c <= 57 && i - digits < 7; c = ref.charCodeAt(++i)) row = row * 10 + (c - 48);
  if (i === digits || ref.charCodeAt(digits) === 48 || col > MAX_COLUMNS || row > MAX_ROW) return -1;
  out[k] = row;
  out[k + 1] = col - 1;
  return i;
}

/** "A1:C3" (or one cell, "B2") into out as [top, left, bottom, right]; false when it is not a range of cells. */
function rangeOf(ref: string, out: Int32Array): boolean {
  let i = cellAt(ref, 0, out, 0);
  if (i < 0) return false;
  if (i === ref.length) {
    out[2] = out[0]!;
    out[3] = out[1]!;
    return true;
  }
  if (ref.charCodeAt(i) !== 58) return false; // :
  i = cellAt(ref, i + 1, out, 2);
  return i === ref.length;
}

/** A handler parsing a sheet part's <mergeCells>, and the ranges it found. */
function rangeReader(fileName: string, sheetName: string): { handler: PartHandler; merged: () => MergedCells } {
  let ranges: RangeList = new Int32Array(4 * 1024);
  const cell = new Int32Array(4);
  let count = 0;
  let seen = 0;
  let depth = 0;
  let inMerges = false;
  let last: string | null = null;
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
        if (ref === last) return; // the same range again adds nothing
        last = ref;
        if (!rangeOf(ref, cell)) badRange(ref);
        const [r1, c1, r2, c2] = cell;
        if (r1 === r2 && c1 === c2) return; // one cell: nothing to blank
        if (count * 4 === ranges.length) {
          const grown = new Int32Array(ranges.length * 2);
          grown.set(ranges);
          ranges = grown;
        }
        const m = count++ * 4;
        ranges[m] = Math.min(r1!, r2!);
        ranges[m + 1] = Math.min(c1!, c2!);
        ranges[m + 2] = Math.max(r1!, r2!);
        ranges[m + 3] = Math.max(c1!, c2!);
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
  // A small part was kept: parse it from memory, yielding between chunks as a pass does.
  for (const [part, r] of readers) {
    const kept = scans.get(part)!.kept();
    if (!kept) continue;
    for (let i = 0; i < kept.length; i++) {
      r.handler(kept[i]!, i === kept.length - 1);
      await tick();
      if (opts.signal?.aborted) throw cancelled(source.name);
    }
    if (!kept.length) r.handler(new Uint8Array(0), true);
    out.set(part, r.merged());
    readers.delete(part);
  }
  if (readers.size) await zipPass(source, (part) => readers.get(part)?.handler ?? null, { limit, signal: opts.signal });
  for (const [part, r] of readers) out.set(part, r.merged());
  return out;
}
