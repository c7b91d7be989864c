// One text order for ward codes, refs and partner names: Unicode code points,
// as SQLite's BINARY collation and Python's sorted() order UTF-8/str, so an
// independent check sorts the same way. JavaScript's `<` compares UTF-16 units,
// which differs only when a surrogate pair meets a character in U+E000–U+FFFF.

export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      // Surrogates (code points above U+FFFF) go after U+E000–U+FFFF.
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x - y;
  }
  return a.length - b.length;
}

/** "E05000401, E05000402 and 3 more": names wards in a reason without flooding it. */
export function listCodes(codes: readonly string[], max = 10): string {
  const sorted = [...codes].sort(compareText);
  const shown = sorted.slice(0, max).join(', ');
  return sorted.length > max ? `${shown} and ${sorted.length - max} more` : shown;
}
