// Reading the sign-off block of a returned pack's Read me sheet (cells in layout.ts).
// The reader takes plain cell values, so it works on whatever the review parsed the
// workbook with: strings, numbers, dates, exceljs rich text or formula results.
import {
  AGREEMENT_CHOICES,
  SHEETS,
  SIGN_OFF_CELLS,
  SIGN_OFF_LABELS,
  type AgreementKind,
  type SignOffField,
} from './layout';

export interface SignOff {
  name: string;
  role: string;
  organisation: string;
  /** ISO date, YYYY-MM-DD. */
  date: string;
  agreement: AgreementKind;
}

export interface SignOffProblem {
  /** e.g. "Read me!B8". */
  cell: string;
  message: string;
}

/** Nothing filled in; signed in full; or started and incomplete or unreadable (what to fix). */
export type SignOffReading =
  | { state: 'unsigned' }
  | { state: 'signed'; signOff: SignOff }
  | { state: 'incomplete'; problems: SignOffProblem[] };

const MAX_TEXT = 200;

/** The text of a cell value as a reader sees it: rich text joined, formulas by their result. */
function textOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; result?: unknown; text?: unknown };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return textOf(v.result);
    if (typeof v.text === 'string') return v.text;
  }
  return '';
}

const iso = (y: number, m: number, d: number): string | null => {
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
};

/**
 * A date as typed in a UK spreadsheet: a date cell (Date, or the 1900-system serial a
 * reader may give for it), dd/mm/yyyy (also with - or .), or yyyy-mm-dd. Day first, as
 * the label says: 05/12/2026 is 5 December.
 */
export function signOffDate(value: unknown): string | null {
  if (value && typeof value === 'object' && !(value instanceof Date) && 'result' in value) return signOffDate((value as { result: unknown }).result);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : iso(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
  if (typeof value === 'number') {
    // Serial day 25569 is 1970-01-01 in the 1900 date system (Excel and LibreOffice alike).
    if (!Number.isInteger(value) || value < 1 || value > 2958465) return null;
    const t = new Date((value - 25569) * 86400000);
    return iso(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
  }
  const s = textOf(value).trim();
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) return iso(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  return null;
}

/** Matches a choice of the list even when retyped with other spacing or case. */
function agreementOf(text: string): AgreementKind | null {
  const norm = (x: string) => x.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
  const t = norm(text);
  for (const [choice, kind] of Object.entries(AGREEMENT_CHOICES)) if (norm(choice) === t) return kind;
  return null;
}

/**
 * The sign-off of a returned pack. cell(address) gives the raw value of a Read me cell
 * (address as in layout.ts, e.g. "B5"); a blank block reads as unsigned, a partly filled
 * or unreadable one lists each cell to fix.
 */
export function readSignOff(cell: (address: string) => unknown): SignOffReading {
  const raw = Object.fromEntries(
    (Object.keys(SIGN_OFF_CELLS) as SignOffField[]).map((k) => [k, cell(SIGN_OFF_CELLS[k])]),
  ) as Record<SignOffField, unknown>;
  const texts = Object.fromEntries(
    (Object.keys(raw) as SignOffField[]).map((k) => [k, textOf(raw[k]).normalize('NFC').replace(/\s+/g, ' ').trim()]),
  ) as Record<SignOffField, string>;
  if (Object.values(texts).every((t) => t === '')) return { state: 'unsigned' };
  const problems: SignOffProblem[] = [];
  const at = (k: SignOffField) => `${SHEETS.readMe}!${SIGN_OFF_CELLS[k]}`;
  for (const k of ['name', 'role', 'organisation'] as const) {
    if (!texts[k]) problems.push({ cell: at(k), message: `${SIGN_OFF_LABELS[k]} is blank: type it in, or clear the whole sign-off block.` });
    else if (texts[k].length > MAX_TEXT) problems.push({ cell: at(k), message: `${SIGN_OFF_LABELS[k]} is longer than ${MAX_TEXT} characters: shorten it.` });
  }
  const date = signOffDate(raw.date);
  if (!texts.date) problems.push({ cell: at('date'), message: 'Date is blank: type the date you signed, e.g. 05/12/2026.' });
  else if (!date) problems.push({ cell: at('date'), message: `"${texts.date.slice(0, 40)}" is not a date: type it as dd/mm/yyyy, e.g. 05/12/2026.` });
  const agreement = agreementOf(texts.agreement);
  const choices = Object.keys(AGREEMENT_CHOICES).map((c) => `"${c}"`).join(' or ');
  if (!texts.agreement) problems.push({ cell: at('agreement'), message: `Agreement is blank: choose ${choices} from the list.` });
  else if (!agreement) problems.push({ cell: at('agreement'), message: `"${texts.agreement.slice(0, 60)}" is not one of the choices: choose ${choices} from the list.` });
  if (problems.length || !date || !agreement) return { state: 'incomplete', problems };
  return { state: 'signed', signOff: { name: texts.name, role: texts.role, organisation: texts.organisation, date, agreement } };
}

/** readSignOff over an exceljs worksheet (the Read me sheet of a returned pack). */
export function readSignOffSheet(ws: { getCell(address: string): { value: unknown } } | undefined): SignOffReading {
  if (!ws) return { state: 'unsigned' };
  return readSignOff((address) => ws.getCell(address).value);
}
