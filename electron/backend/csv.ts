// Writing CSV safely: quoted where needed, and text that a spreadsheet would run
// as a formula (=, +, -, @, tab, CR at the start) is neutralised (OWASP CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/;

/** Text cell made inert for spreadsheets: a leading apostrophe keeps it as text. */
export function inertText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function cell(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  const t = inertText(v);
  return /[",\r\n;]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}

export function toCsv(rows: (string | number | null | undefined)[][]): string {
  return rows.map((r) => r.map(cell).join(',')).join('\n') + '\n';
}
