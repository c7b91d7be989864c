// The parts of an XLSX (a zip), read with fflate's streaming Unzip: each pass reads the
// compressed file a small piece at a time and inflates only the parts asked for, so a
// part's size and compression ratio are checked before anything is inflated, and what
// is inflated is handed on in slices, yielding to the event loop between them (a long
// import leaves the host free to answer other calls). Each part read whole is held to
// the CRC-32 the central directory records for it (zip-directory.ts).
import { Unzip, UnzipInflate, type UnzipFile } from 'fflate';
import { crc32 } from 'node:zlib';
import { AppError } from '../../../shared/contract/result';
import { cancelled, tick, type ByteSource } from './source';
import { checksums } from './zip-directory';

/** Compressed bytes pushed at a time: deflate expands at most ~1,032×, so one push inflates to at most ~16 MB. */
const PUSH_BYTES = 16 * 1024;
/** Inflated bytes handed on at a time. */
const SLICE_BYTES = 64 * 1024;
/** Parts that unpack to more than this must not be more compressed than RATIO_CAP (a "zip bomb"). */
const RATIO_FLOOR_BYTES = 16 * 1024 * 1024;
const RATIO_CAP = 400;
/** Work this long between yields to the event loop, at most. */
const SLICE_MS = 10;

export function damaged(name: string, why = ''): AppError {
  return new AppError(
    'INPUT',
    `${name}: this file cannot be read as an Excel workbook (.xlsx)${why ? ` (${why})` : ''}. It may be damaged or password-protected; open it in Excel and save it again.`,
  );
}

/** Receives a part's bytes in order; `final` on the last. May throw to abandon the pass. */
export type PartHandler = (chunk: Uint8Array, final: boolean) => void;

export interface PassOptions {
  /** The most a part may unpack to, with the words naming it in a refusal. */
  limit: (part: string) => { bytes: number; what: string };
  signal?: AbortSignal | undefined;
  /** Called between slices with the compressed bytes read so far. */
  onProgress?: (doneBytes: number, totalBytes: number) => void;
  /** True to stop the pass early (everything asked for has been read). */
  done?: () => boolean;
}

/** A part's name as the workbook's relationships give it: forward slashes, no leading slash. */
export const partName = (name: string) => name.replace(/\\/g, '/').replace(/^\/+/, '');

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

/** Every part of the archive, with its unpacked size when its header gives it. */
export type Parts = Map<string, number | undefined>;

/**
 * One pass over the archive: `want` is asked about each part as it is found and
 * returns a handler to read it, or null to skip it. Returns every part found.
 */
export async function zipPass(source: ByteSource, want: (part: string) => PartHandler | null, opts: PassOptions): Promise<Parts> {
  const name = source.name;
  const sums = checksums(source);
  const parts: Parts = new Map();
  const queue: { handler: PartHandler; data: Uint8Array; final: boolean }[] = [];
  const open = new Set<string>();
  let failure: unknown = null;
  const unzip = new Unzip((file: UnzipFile) => {
    const part = partName(file.name);
    if (parts.has(part)) throw damaged(name, `it holds two parts named ${part}`);
    parts.set(part, file.originalSize);
    const handler = want(part);
    if (!handler) return;
    if (file.compression !== 0 && file.compression !== 8) throw damaged(name, `part ${part} uses an unsupported compression`);
    const { bytes: cap, what } = opts.limit(part);
    const tooLarge = () => damaged(name, `${what} is larger than ${mb(cap)} unpacked`);
    const named = what === part ? `the part ${part}` : `${what} (${part})`;
    const expected = sums.get(part);
    // A part the directory does not list is one Excel would not read.
    if (expected === undefined) throw damaged(name, `${named} is not in its table of contents (the zip central directory)`);
    if (file.originalSize !== undefined && file.originalSize > cap) throw tooLarge();
    if (file.originalSize !== undefined && file.size !== undefined && file.originalSize > RATIO_FLOOR_BYTES && file.originalSize > file.size * RATIO_CAP)
      throw damaged(name, `${what} is compressed ${Math.round(file.originalSize / Math.max(1, file.size))} to 1, which no real workbook is`);
    let total = 0;
    let crc = 0;
    open.add(part);
    file.ondata = (err, data, final) => {
      if (failure) return;
      if (err) {
        failure = damaged(name, `${what} cannot be unpacked`);
        return;
      }
      total += data.length;
      crc = crc32(data, crc);
      if (total > cap || (file.originalSize !== undefined && total > file.originalSize)) {
        failure = total > cap ? tooLarge() : damaged(name, `${what} is larger than its record says`);
        file.terminate();
        return;
      }
      if (final) {
        open.delete(part);
        if (file.originalSize !== undefined && total !== file.originalSize) failure = damaged(name, `${what} is cut short`);
        else if (crc >>> 0 !== expected >>> 0) failure = damaged(name, `${named} fails its checksum (CRC-32): its bytes are not those it was saved with, so the file was damaged or altered after it was saved`);
        if (failure) return;
      }
      queue.push({ handler, data, final });
    };
    file.start();
  });
  unzip.register(UnzipInflate);

  let lastYield = performance.now();
  const breathe = async (at: number) => {
    if (performance.now() - lastYield < SLICE_MS) return;
    opts.onProgress?.(at, source.size);
    await tick();
    lastYield = performance.now();
    if (opts.signal?.aborted) throw cancelled(name);
  };
  for (let p = 0; p < source.size; p += PUSH_BYTES) {
    const chunk = source.read(p, PUSH_BYTES);
    try {
      unzip.push(chunk, p + chunk.length >= source.size);
    } catch (e) {
      failure ??= e instanceof AppError ? e : damaged(name, 'it is not a complete zip archive');
    }
    if (failure) throw failure;
    // Hand on what was inflated, a slice at a time; the handler may throw to stop.
    for (let item = queue.shift(); item; item = queue.shift()) {
      for (let s = 0; s < item.data.length || (s === 0 && item.final); s += SLICE_BYTES) {
        const last = s + SLICE_BYTES >= item.data.length;
        item.handler(item.data.subarray(s, s + SLICE_BYTES), item.final && last);
        await breathe(p);
        if (opts.done?.()) return parts;
        if (last) break;
      }
    }
    await breathe(p);
    if (opts.done?.()) return parts;
  }
  if (failure) throw failure;
  if (open.size) throw damaged(name, `${[...open][0]} is cut short`);
  return parts;
}

/** The text of small parts, whole (each at most `maxBytes` unpacked). */
export async function readSmallParts(source: ByteSource, wanted: (part: string) => boolean, maxBytes: number): Promise<{ texts: Map<string, string>; parts: Parts }> {
  const texts = new Map<string, string>();
  const parts = await zipPass(
    source,
    (part) => {
      if (!wanted(part)) return null;
      const chunks: Uint8Array[] = [];
      return (chunk, final) => {
        chunks.push(chunk.slice());
        if (final) texts.set(part, Buffer.concat(chunks).toString('utf8'));
      };
    },
    { limit: (part) => ({ bytes: maxBytes, what: part }) },
  );
  return { texts, parts };
}
