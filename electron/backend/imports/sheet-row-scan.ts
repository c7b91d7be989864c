// Counting a worksheet's rows that hold a value, from its XML bytes alone: no XML
// parsing, only byte searches for "<row", "<v" and "<t", so a sheet far past a row cap
// is refused in the time it takes to inflate the rows up to the cap (the SAX parse
// that reads the values costs five to ten times that). A row counts when an element holding a
// value (<v>, or an inline string's <t>) comes before the next row and is not empty:
// the same rows the reader passes on, but for a value that is only spaces, a shared
// string that is empty, or a value under a merged range, which this counts too.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createInflateRaw } from 'node:zlib';
import { cancelled, MAX_SHEET_XML_BYTES, type ByteSource } from './source';
import { partPlace } from './zip-directory';
import { zipPass } from './zip-parts';

/** Characters kept from the end of one slice and searched again with the next: longer than any tag's start with its r attribute. */
const CARRY = 256;

const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/**
 * Counts a sheet's rows holding a value as its bytes stream. The bytes are searched as
 * Latin-1 text (one character a byte, made without decoding): a string search is
 * cheaper than a Buffer search (no call out of JavaScript each time), and every tag
 * looked for is ASCII.
 */
export class SheetRowCounter {
  /** Rows holding a value, so far. */
  count = 0;
  /** The row number (as the sheet numbers it) where the count passed the limit, once it has. */
  beyond: number | null = null;
  private carry = '';
  private tags: { row: string; v: string; t: string; end: string } | null = null;
  private ended = false;
  private rowNum = 0;
  private inRow = false;
  private counted = false;

  constructor(private readonly limit: number) {}

  /** True once the answer is known: the limit passed, or the rows ended. */
  get done(): boolean {
    return this.beyond !== null || this.ended;
  }

  push(chunk: Uint8Array, final: boolean): void {
    if (this.done) return;
    const text = this.carry + Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length).toString('latin1');
    const end = final ? text.length : text.length - CARRY;
    if (!final && end <= 0) {
      this.carry = text;
      return;
    }
    let p = 0;
    if (!this.tags) {
      // The rows' tags carry the prefix the sheet's tags have (<x:row> in some writers).
      const at = text.indexOf('sheetData');
      if (at < 0 || at >= end) {
        this.carry = text.slice(end);
        if (final) this.ended = true;
        return;
      }
      const prefix = text.slice(text.lastIndexOf('<', at) + 1, at).replace(/^\//, '');
      this.tags = { row: `<${prefix}row`, v: `<${prefix}v`, t: `<${prefix}t`, end: `</${prefix}sheetData` };
      p = at + 9;
    }
    this.scan(text, p, end, final);
    this.carry = this.done || final ? '' : text.slice(end);
  }

  private scan(text: string, from: number, end: number, final: boolean): void {
    const tags = this.tags!;
    const close = text.indexOf(tags.end, from);
    const stop = close >= 0 && close < end ? close : end;
    let nextV = -2;
    let nextT = -2;
    let p = from;
    for (;;) {
      const r = nextTag(text, tags.row, p, stop, false);
      const segEnd = r >= 0 ? r : stop;
      if (this.inRow && !this.counted) {
        // Each search only when the one before it found nothing in this row.
        if (nextV !== -1 && nextV < p) nextV = nextTag(text, tags.v, p, stop, true);
        let valued = nextV >= 0 && nextV < segEnd;
        if (!valued && nextT !== -1 && nextT < p) nextT = nextTag(text, tags.t, p, stop, true);
        valued ||= nextT >= 0 && nextT < segEnd;
        if (valued) {
          this.counted = true;
          if (++this.count > this.limit) {
            this.beyond = this.rowNum;
            return;
          }
        }
      }
      if (r < 0) break;
      const n = rowAttribute(text, r + tags.row.length);
      this.rowNum = n !== null && n > this.rowNum ? n : this.rowNum + 1;
      this.inRow = true;
      this.counted = false;
      p = r + tags.row.length;
    }
    if (stop !== end || final) this.ended = true;
  }
}

/**
 * The next `tag` (followed by a space, '>' or '/') starting before `stop`, or -1. With
 * `valued`, an empty element (<v/>, <v></v>) is passed over.
 */
function nextTag(text: string, tag: string, from: number, stop: number, valued: boolean): number {
  for (let i = text.indexOf(tag, from); i >= 0 && i < stop; i = text.indexOf(tag, i + 1)) {
    const after = text[i + tag.length];
    if (isSpace(after)) return i;
    if (after === '/') {
      if (!valued) return i;
    } else if (after === '>') {
      if (!valued || text[i + tag.length + 1] !== '<') return i;
    }
  }
  return -1;
}

/** The number in a row tag's r="…" attribute (the tag's name ends at `from`), or null. */
function rowAttribute(text: string, from: number): number | null {
  const limit = Math.min(text.length - 3, from + CARRY - 8);
  for (let j = from; j < limit && text[j] !== '>'; j++) {
    if (text[j] !== 'r' || !isSpace(text[j - 1]) || text[j + 1] !== '=' || (text[j + 2] !== '"' && text[j + 2] !== "'")) continue;
    let n = 0;
    let k = j + 3;
    for (; k < text.length && k < j + 12; k++) {
      const d = text.charCodeAt(k) - 48;
      if (d < 0 || d > 9) break;
      n = n * 10 + d;
    }
    return k > j + 3 ? n : null;
  }
  return null;
}

/** Compressed bytes read at a time, and inflated bytes handed on at a time. */
const READ_BYTES = 64 * 1024;

/** The compressed bytes of a part, a piece at a time (checking for a cancel between pieces). */
function* compressed(source: ByteSource, from: number, length: number, signal?: AbortSignal): Generator<Buffer> {
  for (let p = 0; p < length; p += READ_BYTES) {
    if (signal?.aborted) throw cancelled(source.name);
    yield source.read(from + p, Math.min(READ_BYTES, length - p));
  }
}

/**
 * A part's bytes to `counter`, inflated by zlib on a thread of its own (twice as fast
 * as inflating in JavaScript, and the event loop stays free): only the bytes up to the
 * answer, and never more than a sheet may unpack to. False when the part cannot be
 * read this way (the pass over the whole archive reads it then).
 */
async function inflateToCounter(source: ByteSource, part: string, counter: SheetRowCounter, signal?: AbortSignal): Promise<boolean> {
  const place = partPlace(source, part);
  if (!place || (place.method !== 0 && place.method !== 8) || place.size > MAX_SHEET_XML_BYTES) return false;
  const local = source.read(place.localHeader, 30);
  if (local.length < 30 || local.readUInt32LE(0) !== 0x04034b50) return false;
  const start = place.localHeader + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  const input = Readable.from(compressed(source, start, place.compressedSize, signal));
  if (place.method === 0) {
    for await (const chunk of input) if ((counter.push(chunk as Buffer, false), counter.done)) break;
    input.destroy();
  } else {
    const inflate = createInflateRaw({ chunkSize: READ_BYTES });
    const fed = pipeline(input, inflate).catch(() => undefined);
    let unpacked = 0;
    try {
      for await (const chunk of inflate) {
        unpacked += (chunk as Buffer).length;
        if (unpacked > place.size) return true; // larger than its record says: the full read refuses it
        counter.push(chunk as Buffer, false);
        if (counter.done) break;
      }
    } finally {
      inflate.destroy();
      await fed;
    }
  }
  counter.push(new Uint8Array(0), true);
  return true;
}

/**
 * The row where a sheet's rows holding values pass `limit` (the first row past it), or
 * null when they do not. One inflate of the sheet, stopped at that row.
 */
export async function sheetRowsBeyond(source: ByteSource, part: string, limit: number, signal?: AbortSignal): Promise<number | null> {
  const counter = new SheetRowCounter(limit);
  if (await inflateToCounter(source, part, counter, signal)) return counter.beyond;
  await zipPass(source, (p) => (p === part ? (chunk, final) => counter.push(chunk, final) : null), {
    limit: () => ({ bytes: MAX_SHEET_XML_BYTES, what: part }),
    signal,
    done: () => counter.done,
  });
  return counter.beyond;
}
