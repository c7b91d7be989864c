// Text into XML: the five special characters escaped, and the characters XML 1.0 cannot
// hold at all (C0 controls but tab and newlines; U+FFFE, U+FFFF) dropped.

const SPECIAL = /[&<>"\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;
const SPECIAL_ALL = /[&<>"\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

export function escapeXml(text: string): string {
  // Most of a pack's text has nothing to escape: test before building a new string.
  return SPECIAL.test(text) ? text.replace(SPECIAL_ALL, (c) => ENTITY[c] ?? '') : text;
}

export const attr = (name: string, value: string | number) => ` ${name}="${escapeXml(String(value))}"`;
