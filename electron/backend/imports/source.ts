// A partner's file as bytes that can be read a piece at a time (from disk or memory),
// the shapes the readers produce, and the limits that keep untrusted files bounded.
import { closeSync, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { AppError } from '../../../shared/contract/result';
import type { FileInput } from '../../../shared/contract/methods';

/** Files over this size are refused before reading: a budget is never 200 MB. */
export const MAX_FILE_BYTES = 200 * 1024 * 1024;
/** The most text one cell may hold: Excel's own limit. */
export const MAX_CELL_CHARS = 32_767;
/** The most columns one row may have: Excel's own limit (XFD). */
export const MAX_COLUMNS = 16_384;
/** The most text one row may hold, all cells together. */
export const MAX_ROW_CHARS = 1_048_576;
/** Rows that `readTable` keeps in memory at most (non-blank rows). */
export const MAX_TABLE_ROWS = 500_000;
/** An XLSX sheet is refused when it unpacks to more than this (a "zip bomb" or a huge sheet). */
export const MAX_SHEET_XML_BYTES = 1024 * 1024 * 1024;
/** Shared strings kept for an XLSX, in characters. */
export const MAX_SHARED_CHARS = 64 * 1024 * 1024;
/** Small XLSX parts (workbook, relationships, styles) unpack to at most this. */
export const MAX_SMALL_PART_BYTES = 32 * 1024 * 1024;
/** Text is decoded and split into rows this many bytes at a time. */
export const CHUNK_BYTES = 1024 * 1024;

export interface RawFile {
  name: string;
  bytes: Buffer;
}

export interface Table {
  fileName: string;
  sheets: string[];
  sheet: string | null;
  /** Every row as text cells; rows[i] is spreadsheet row i + 1. */
  rows: string[][];
}

/** What a streamed file turned out to be. */
export interface TableInfo {
  fileName: string;
  sheets: string[];
  sheet: string | null;
}

/**
 * Receives each row in order with its spreadsheet row number (1-based; an XLSX may
 * skip numbers of empty rows). Return false to stop reading. May throw to abandon.
 */
export type RowSink = (cells: string[], row: number) => boolean | void;

export interface StreamOptions {
  sheet?: string | undefined;
  /** Called between chunks with the bytes read so far and the file's size. */
  onProgress?: (doneBytes: number, totalBytes: number) => void;
  signal?: AbortSignal | undefined;
  /** Read hidden sheets, rows and columns too (else their values are refused). */
  includeHidden?: boolean | undefined;
}

/** A file's bytes, read a piece at a time: from disk, or from memory. */
export interface ByteSource {
  name: string;
  size: number;
  read(position: number, length: number): Buffer;
  close(): void;
}

export function bufferSource(name: string, bytes: Buffer): ByteSource {
  return { name, size: bytes.length, read: (p, n) => bytes.subarray(p, Math.min(bytes.length, p + n)), close() {} };
}

function fileSource(path: string, name: string): ByteSource {
  const fd = openSync(path, 'r');
  let open = true;
  const size = fstatSync(fd).size;
  return {
    name,
    size,
    read(position, length) {
      const n = Math.max(0, Math.min(length, size - position));
      const buf = Buffer.allocUnsafe(n);
      let got = 0;
      while (got < n) {
        const r = readSync(fd, buf, got, n - got, position + got);
        if (r === 0) break;
        got += r;
      }
      return got === n ? buf : buf.subarray(0, got);
    },
    close() {
      if (open) closeSync(fd);
      open = false;
    },
  };
}

function tooBig(name: string, size: number): AppError {
  return new AppError(
    'INPUT',
    `${name}: the file is ${(size / 1024 / 1024).toFixed(0)} MB; Spendmap reads files up to ${MAX_FILE_BYTES / 1024 / 1024} MB. Split it by partner.`,
  );
}

function noSuchFile(path: string): AppError {
  return new AppError('INPUT', `${basename(path)}: no such file. Check the name and folder.`);
}

/** A file given by path must exist, be a file, and be small enough to read. */
function checkFileSize(path: string): void {
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new Error('not a file');
    size = st.size;
  } catch {
    throw noSuchFile(path);
  }
  if (size > MAX_FILE_BYTES) throw tooBig(basename(path), size);
}

/** Opens a file handed to the backend for streaming; close() it when done. */
export function openFileInput(file: FileInput): ByteSource {
  if ('path' in file) {
    checkFileSize(file.path);
    try {
      return fileSource(file.path, basename(file.path));
    } catch {
      throw new AppError('INPUT', `${basename(file.path)}: the file cannot be read (it may be open in another program, or you may not have permission).`);
    }
  }
  const raw = readFileInput(file);
  return bufferSource(raw.name, raw.bytes);
}

export function readFileInput(file: FileInput): RawFile {
  if ('path' in file) {
    checkFileSize(file.path);
    return { name: basename(file.path), bytes: readFileSync(file.path) };
  }
  // base64 is 4/3 of the bytes: refuse before decoding.
  if (Math.floor((file.base64.length * 3) / 4) > MAX_FILE_BYTES + 3) throw tooBig(file.name, Math.floor((file.base64.length * 3) / 4));
  const bytes = Buffer.from(file.base64, 'base64');
  if (bytes.length > MAX_FILE_BYTES) throw tooBig(file.name, bytes.length);
  return { name: basename(file.name.replace(/\\/g, '/')) || 'file', bytes };
}

/** The first bytes that say what a file is. */
export const XLSX_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
export const EMPTY_ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
export const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

export const tick = () => new Promise<void>((r) => setImmediate(r));

export function cancelled(name: string): AppError {
  return new AppError('CANCELLED', `Reading ${name} was cancelled; nothing was imported.`);
}

/** Column letters as a spreadsheet shows them (shared with the renderer's import preview). */
export { columnLetter } from '../../../shared/domain/column-letter';
