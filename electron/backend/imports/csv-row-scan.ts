// Counting a CSV's rows that hold a value from its bytes alone, without decoding the
// text or splitting it into cells, so a file far past a row cap is refused in a
// fraction of the time (and memory) reading it takes. Rows are split as the reader
// (papaparse) splits them: a quote opens a quoted value only at the start of a value,
// closes it only when a delimiter or line end follows (spaces between allowed), and a
// line end inside quotes is part of the value. A row counts when it holds an ASCII
// character other than spaces, quotes and delimiters, so the count is never more than
// the reader's (a row of only non-ASCII text is left out: the reader still caps it).
import { cancelled, CHUNK_BYTES, tick, type ByteSource } from './source';
import { detectDelimiter, utf16WithoutBom } from './text';

/** Bytes read at a time. */
const SCAN_BYTES = 16 * 1024;
/** Work this long between yields to the event loop, at most (the host answers other calls meanwhile). */
const SLICE_MS = 10;
const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;

/** Where the byte leaves a value's text: a space, quote or any delimiter counts as no value. */
const NEUTRAL = new Uint8Array(256);
for (const b of [0x20, 0x09, 0x0b, 0x0c, QUOTE, 0x2c, 0x3b, 0x7c]) NEUTRAL[b] = 1;
for (let b = 0x80; b < 256; b++) NEUTRAL[b] = 1;

const enum State {
  /** At the start of a value: a quote here opens a quoted value. */
  Start,
  Plain,
  Quoted,
  /** A quote inside a quoted value: closing it, or doubled. */
  AfterQuote,
  /** Spaces after that quote: closing it if a delimiter or line end follows. */
  AfterQuoteSpaces,
}

/**
 * The row where a CSV's rows holding a value pass `limit` (the first row past it, as
 * the reader numbers rows), null when they do not, or undefined when the bytes cannot
 * tell (UTF-16 text, a zero byte): the reader then counts. UTF-8 and Windows-1252
 * alike write every character the count looks at as one ASCII byte, so which of the
 * two the file is need not be known (finding out reads the whole file).
 */
export async function csvRowsBeyond(source: ByteSource, limit: number, signal?: AbortSignal): Promise<number | null | undefined> {
  const head = source.read(0, 4096);
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff) || utf16WithoutBom(head)) return undefined;
  const start = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  const delimiter = detectDelimiter(source.read(start, CHUNK_BYTES).toString('latin1')).charCodeAt(0);
  let state = State.Start;
  let row = 1;
  let value = false;
  let count = 0;
  let afterCR = false;
  let lastYield = performance.now();
  for (let p = start; p < source.size; p += SCAN_BYTES) {
    if (performance.now() - lastYield >= SLICE_MS) {
      await tick();
      lastYield = performance.now();
      if (signal?.aborted) throw cancelled(source.name);
    }
    const b = source.read(p, SCAN_BYTES);
    if (b.indexOf(0) >= 0) return undefined;
    const n = b.length;
    for (let i = 0; i < n; i++) {
      if (state === State.Plain) {
        // Most bytes: inside an unquoted value, up to its end.
        let c = b[i]!;
        if (value) while (c !== delimiter && c !== LF && c !== CR && ++i < n) c = b[i]!;
        else
          while (c !== delimiter && c !== LF && c !== CR) {
            if (c > 0x20 && !NEUTRAL[c]) value = true;
            if (++i === n) break;
            c = b[i]!;
          }
        if (i === n) break;
      }
      const c = b[i]!;
      if (afterCR) {
        afterCR = false;
        if (c === LF) continue;
      }
      switch (state) {
        case State.Quoted:
          if (c === QUOTE) state = State.AfterQuote;
          else if (!value && c > 0x20 && !NEUTRAL[c]) value = true;
          continue;
        case State.AfterQuote:
          if (c === QUOTE) {
            state = State.Quoted;
            continue;
          }
          if (c !== delimiter && (c === 0x20 || c === 0x09)) {
            state = State.AfterQuoteSpaces;
            continue;
          }
          if (c !== delimiter && c !== LF && c !== CR) {
            // Text after a quote that does not close: still inside the quoted value.
            state = State.Quoted;
            if (!value && c > 0x20 && !NEUTRAL[c]) value = true;
            continue;
          }
          break;
        case State.AfterQuoteSpaces:
          if (c !== delimiter && (c === 0x20 || c === 0x09)) continue;
          if (c !== delimiter && c !== LF && c !== CR) {
            state = c === QUOTE ? State.AfterQuote : State.Quoted;
            if (!value && c > 0x20 && !NEUTRAL[c]) value = true;
            continue;
          }
          break;
        case State.Start:
          if (c === QUOTE) {
            state = State.Quoted;
            continue;
          }
          break;
      }
      // Outside quotes.
      if (c === delimiter) state = State.Start;
      else if (c === LF || c === CR) {
        if (value && ++count > limit) return row;
        row++;
        value = false;
        state = State.Start;
        afterCR = c === CR;
      } else {
        state = State.Plain;
        if (!value && c > 0x20 && !NEUTRAL[c]) value = true;
      }
    }
  }
  // The last row, when the file does not end with a line end.
  return value && ++count > limit ? row : null;
}
