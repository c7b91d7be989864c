// Decoding a text file: UTF-8 (with or without BOM), UTF-16, else Windows-1252 (what
// Excel's "CSV" on Windows writes), a chunk at a time; and guessing its delimiter.
import { isUtf8 } from 'node:buffer';
import { bufferSource, CHUNK_BYTES, type ByteSource } from './source';

/** Windows-1252's characters for bytes 0x80–0x9F (the rest is Latin-1); undefined bytes stay as they are. */
const CP1252_HIGH = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/** Decodes Windows-1252 ourselves: Node's TextDecoder treats it as Latin-1 and loses €, ‘ ’ “ ” – —. */
export function decodeCp1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
  // Only bytes 0x80–0x9F differ from Latin-1.
  return /[\u0080-\u009f]/.test(latin1) ? latin1.replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!) : latin1;
}

/** UTF-16 without a byte-order mark: every other byte of ASCII text is zero. */
export function utf16WithoutBom(head: Buffer): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(head.length, 4096) & ~1;
  if (n < 8) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenZero++;
    if (head[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.6 && evenZero < pairs * 0.05) return 'utf-16le';
  if (evenZero > pairs * 0.6 && oddZero < pairs * 0.05) return 'utf-16be';
  return null;
}

/**
 * Where UTF-8 text stops being UTF-8: the offset of the first byte that is not part of
 * a well-formed character, and whether well-formed multi-byte characters came before
 * or after it (evidence the file was written as UTF-8). A character split across
 * chunks is read whole.
 */
function utf8Break(source: ByteSource, start: number): { at: number; multibyte: boolean } | null {
  let need = 0;
  let lead = 0;
  let leadAt = 0;
  let multibyte = false;
  let at = -1;
  for (let p = start; p < source.size; p += CHUNK_BYTES) {
    const chunk = source.read(p, CHUNK_BYTES);
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (need) {
        // The second byte's range depends on the lead (no overlongs, surrogates or > U+10FFFF).
        const lo = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
        const hi = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
        if (b >= lo && b <= hi) {
          lead = 0;
          if (--need === 0) multibyte = true;
          continue;
        }
        if (at < 0) at = leadAt;
        need = 0;
      }
      if (b < 0x80) continue;
      if (b >= 0xc2 && b <= 0xf4) {
        need = b >= 0xf0 ? 3 : b >= 0xe0 ? 2 : 1;
        lead = b;
        leadAt = p + i;
      } else if (at < 0) at = p + i;
      if (at >= 0 && multibyte) return { at, multibyte };
    }
  }
  if (need && at < 0) at = leadAt;
  return at < 0 ? null : { at, multibyte };
}

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'cp1252';

/**
 * The encoding of a text file and where its text starts: UTF-8 (BOM or not), UTF-16
 * (BOM, or plainly so), else Windows-1252 (what Excel's "CSV" on Windows writes). A
 * file that is UTF-8 but for a stray byte is neither: `strayByte` is its offset, and
 * the caller refuses it naming the row (read as Windows-1252 it would turn every
 * accented letter and "£" into mojibake without a word).
 */
export function detectEncoding(source: ByteSource): { encoding: Encoding; start: number; strayByte?: number } {
  const head = source.read(0, 4096);
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) {
    const broken = utf8Break(source, 3);
    return broken ? { encoding: 'utf-8', start: 3, strayByte: broken.at } : { encoding: 'utf-8', start: 3 };
  }
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', start: 2 };
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', start: 2 };
  const utf16 = utf16WithoutBom(head);
  if (utf16) return { encoding: utf16, start: 0 };
  if (source.size <= CHUNK_BYTES && isUtf8(source.read(0, CHUNK_BYTES))) return { encoding: 'utf-8', start: 0 };
  const broken = utf8Break(source, 0);
  if (!broken) return { encoding: 'utf-8', start: 0 };
  return broken.multibyte ? { encoding: 'utf-8', start: 0, strayByte: broken.at } : { encoding: 'cp1252', start: 0 };
}

/** Text of a CSV file: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252. */
export function decodeText(bytes: Buffer): string {
  const { encoding, start } = detectEncoding(bufferSource('', bytes));
  const body = bytes.subarray(start);
  return encoding === 'cp1252' ? decodeCp1252(body) : new TextDecoder(encoding).decode(body);
}

/** A decoder that takes a file a chunk at a time. */
export function chunkDecoder(encoding: Encoding): (chunk: Buffer, last: boolean) => string {
  if (encoding === 'cp1252') return (chunk) => decodeCp1252(chunk);
  const d = new TextDecoder(encoding);
  return (chunk, last) => d.decode(chunk, { stream: !last });
}

export function looksBinary(text: string): boolean {
  const sample = text.slice(0, 4096);
  if (sample.includes('\u0000')) return true;
  let odd = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) odd++;
  }
  return sample.length > 0 && odd / sample.length > 0.1;
}

/** The delimiter of the header line: ";" (European Excel), tab or ",", counted outside quotes. */
export function detectDelimiter(text: string): ',' | ';' | '\t' {
  let commas = 0;
  let semis = 0;
  let tabs = 0;
  let quoted = false;
  for (let i = 0; i < text.length && i < 65536; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && c === ',') commas++;
    else if (!quoted && c === ';') semis++;
    else if (!quoted && c === '\t') tabs++;
  }
  if (tabs > commas && tabs > semis) return '\t';
  return semis > commas ? ';' : ',';
}
