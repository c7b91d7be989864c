// The CRC-32 the archive's central directory records for each part. fflate's streaming
// Unzip reads the local headers only and checks no checksum, so a part changed or
// damaged after it was saved (a digit of an amount flipped in a stored sheet) would be
// read as if whole. The central directory is what Excel reads; it sits at the end of
// the file and is small, so it is read directly, once per file.
import { MAX_SMALL_PART_BYTES, type ByteSource } from './source';
import { damaged, partName } from './zip-parts';

/** The end record is 22 bytes and may be followed by a comment of up to 65,535. */
const END_BYTES = 22;
const MAX_COMMENT = 0xffff;
const END_SIG = 0x06054b50;
const END64_LOCATOR_SIG = 0x07064b50;
const END64_SIG = 0x06064b50;
const ENTRY_SIG = 0x02014b50;

/** Part name → the CRC-32 recorded for it. */
export type Checksums = Map<string, number>;

/** Where a part's compressed bytes are, as the central directory records them (null where it needs zip64). */
export interface PartPlace {
  method: number;
  compressedSize: number;
  size: number;
  localHeader: number;
}

const cache = new WeakMap<ByteSource, Checksums>();
const places = new WeakMap<ByteSource, Map<string, PartPlace | null>>();

/** Where the central directory is and how long, from the end record (or its zip64 form). */
function locate(source: ByteSource): { offset: number; size: number } {
  const name = source.name;
  const from = Math.max(0, source.size - END_BYTES - MAX_COMMENT);
  const tail = source.read(from, source.size - from);
  // The end record is the one whose comment runs to the end of the file; failing that
  // (bytes appended after it), the last one found.
  let found = -1;
  for (let i = tail.length - END_BYTES; i >= 0; i--) {
    if (tail.readUInt32LE(i) !== END_SIG) continue;
    if (found < 0) found = i;
    if (i + END_BYTES + tail.readUInt16LE(i + 20) === tail.length) {
      found = i;
      break;
    }
  }
  if (found < 0) throw damaged(name, 'it is not a complete zip archive');
  let size = tail.readUInt32LE(found + 12);
  let offset = tail.readUInt32LE(found + 16);
  const at = from + found;
  if ((size === 0xffffffff || offset === 0xffffffff || tail.readUInt16LE(found + 10) === 0xffff) && at >= 20) {
    const locator = source.read(at - 20, 20);
    if (locator.readUInt32LE(0) === END64_LOCATOR_SIG) {
      const end64 = source.read(Number(locator.readBigUInt64LE(8)), 56);
      if (end64.length < 56 || end64.readUInt32LE(0) !== END64_SIG) throw damaged(name, 'its zip64 directory record is damaged');
      size = Number(end64.readBigUInt64LE(40));
      offset = Number(end64.readBigUInt64LE(48));
    }
  }
  if (offset + size > at) throw damaged(name, 'its table of contents (the zip central directory) points past its end');
  return { offset, size };
}

/** The CRC-32 of each part the central directory lists; refused when it is missing or damaged. */
export function checksums(source: ByteSource): Checksums {
  const known = cache.get(source);
  if (known) return known;
  const name = source.name;
  const { offset, size } = locate(source);
  if (size > MAX_SMALL_PART_BYTES) throw damaged(name, 'its table of contents (the zip central directory) is larger than any workbook needs');
  const dir = source.read(offset, size);
  const out: Checksums = new Map();
  const where = new Map<string, PartPlace | null>();
  for (let p = 0; p < dir.length; ) {
    if (p + 46 > dir.length || dir.readUInt32LE(p) !== ENTRY_SIG) throw damaged(name, 'its table of contents (the zip central directory) is damaged');
    const flags = dir.readUInt16LE(p + 8);
    const nameLength = dir.readUInt16LE(p + 28);
    const end = p + 46 + nameLength + dir.readUInt16LE(p + 30) + dir.readUInt16LE(p + 32);
    if (end > dir.length) throw damaged(name, 'its table of contents (the zip central directory) is damaged');
    // Names decoded as fflate decodes the local headers: UTF-8 when flagged, else Latin-1.
    const raw = dir.subarray(p + 46, p + 46 + nameLength);
    const part = partName(raw.toString(flags & 0x800 ? 'utf8' : 'latin1'));
    if (out.has(part)) throw damaged(name, `its table of contents lists two parts named ${part}`);
    out.set(part, dir.readUInt32LE(p + 16));
    const place = { method: dir.readUInt16LE(p + 10), compressedSize: dir.readUInt32LE(p + 20), size: dir.readUInt32LE(p + 24), localHeader: dir.readUInt32LE(p + 42) };
    where.set(part, place.compressedSize === 0xffffffff || place.size === 0xffffffff || place.localHeader === 0xffffffff ? null : place);
    p = end;
  }
  cache.set(source, out);
  places.set(source, where);
  return out;
}

/** Where a part is in the archive (read with its checksums), or null when it is not listed or needs zip64. */
export function partPlace(source: ByteSource, part: string): PartPlace | null {
  checksums(source);
  return places.get(source)?.get(part) ?? null;
}
