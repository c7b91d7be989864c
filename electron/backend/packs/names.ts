// Names that leave Spendmap: pack file names (safe on Windows, macOS and Linux) and
// worksheet names (Excel's rules), whatever a partner or project is called.

// Characters Windows refuses in file names, C0 controls, and invisible characters that
// could disguise a name (bidirectional overrides, zero-width joiners, BOM).
const FILE_BAD = /[<>:"/\\|?*\u0000-\u001f\u007f]/g;
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;

/** Cuts a string to at most max UTF-16 units without splitting a surrogate pair. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max;
  const c = text.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return text.slice(0, end);
}

/** One part of a file name: any Unicode kept (NFC), unsafe characters made spaces, at most max characters. */
export function fileNamePart(name: string, max = 60): string {
  const cleaned = cut(
    name.normalize('NFC').replace(INVISIBLE, '').replace(FILE_BAD, ' ').replace(/\s+/g, ' ').trim(),
    max,
  )
    .trim()
    .replace(/[. ]+$/, '')
    .replace(/^[. ]+/, '');
  if (!cleaned) return '_';
  return RESERVED.test(cleaned) ? `_${cleaned}` : cleaned;
}

/** "Kingston 2023-24 - Kingston Police - 2026-11-25.xlsx" from its parts. */
export function packFileName(parts: string[], date: Date): string {
  const day = `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
  return `${parts.map((p) => fileNamePart(p)).join(' - ')} - ${day}.xlsx`;
}

/**
 * Gives each name a distinct form ignoring case (Windows and macOS file systems do):
 * a repeat becomes "name (2).xlsx", "name (3).xlsx"...
 */
export function distinctNames(names: string[]): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    const dot = name.lastIndexOf('.');
    const stem = dot > 0 ? name.slice(0, dot) : name;
    const ext = dot > 0 ? name.slice(dot) : '';
    let candidate = name;
    for (let i = 2; taken.has(candidate.toLowerCase()); i++) candidate = `${stem} (${i})${ext}`;
    taken.add(candidate.toLowerCase());
    return candidate;
  });
}

const SHEET_BAD = /[/\\?*[\]:\u0000-\u001f\u007f]/g;

/**
 * A worksheet name Excel accepts: at most 31 characters, none of / \ ? * [ ] :, not
 * blank, not starting or ending with an apostrophe, not "History" (reserved by Excel).
 */
export function safeSheetName(name: string, fallback = 'Sheet'): string {
  let s = name.normalize('NFC').replace(INVISIBLE, '').replace(SHEET_BAD, ' ').replace(/\s+/g, ' ').trim();
  s = s.replace(/^'+|'+$/g, '').trim();
  s = cut(s, 31).trim();
  if (!s || s.toLowerCase() === 'history') s = cut(fallback, 31);
  return s;
}
