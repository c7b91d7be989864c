// Parsing one field of a spend line from what a user typed, pasted or imported.
// The same rules serve the grid (refused in the cell), paste, import and the CLI.
import { parseAmount, penceToPoundsText, type Parsed } from '../money';
import {
  CONFIDENCES,
  PARTNER_TYPES,
  STATUSES,
  type Confidence,
  type EditableField,
  type PartnerType,
  type SpendLine,
  type Status,
  type Units,
} from './types';
import { SPECIAL_BASES } from './proxies';

export interface FieldContext {
  /** Proxy names in the project. */
  proxies: readonly string[];
  /** Ward codes in the project. */
  wards: ReadonlySet<string>;
  /** The project's financial year, the default for a blank year. */
  year: string;
  units?: Units;
}

export interface FieldValues {
  ref: string | null;
  partner: string;
  partnerType: PartnerType;
  service: string;
  description: string;
  amount: number;
  year: string;
  basis: string;
  beta: number;
  discretionaryPct: number;
  status: Status;
  confidence: Confidence | null;
  themes: string[];
  siteWard: string | null;
}

const okv = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (message: string): Parsed<never> => ({ ok: false, message });

// Characters XML 1.0 cannot carry (C0 controls but tab, LF and CR; U+FFFE, U+FFFF;
// surrogates not in a pair), plus DEL: one of them in any text would make every
// exported pack ill-formed, so text holding one is refused, naming where it is.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Where `s` holds a character no XML (so no pack) can carry, in words; null when it holds none. */
export function forbiddenCharacter(s: string): string | null {
  const m = FORBIDDEN.exec(s);
  if (!m) return null;
  const code = m[0].charCodeAt(0);
  const name = code >= 0xd800 && code <= 0xdfff ? 'a broken character (half of a surrogate pair)' : `the invisible character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `${name} at character ${[...s.slice(0, m.index)].length + 1}`;
}

/** A name as stored: NFC, so the same letters typed or pasted two ways are one name. */
export function normalText(s: string): string {
  return s.normalize('NFC');
}

/**
 * The key two names, refs or codes are matched by: NFC and case-folded (upper then
 * lower folds ß to ss and the like), so "Kingston Hospital" typed with a decomposed é
 * or in capitals is the same partner.
 */
export function matchKey(s: string): string {
  return s.normalize('NFC').trim().toUpperCase().toLowerCase().normalize('NFC');
}

/** A ward code as the project holds it (E05013941): NFC, trimmed, upper case. */
export function wardCode(s: string): string {
  return s.normalize('NFC').trim().toUpperCase();
}

function text(raw: string, max: number, what: string): Parsed<string> {
  const t = normalText(raw.trim());
  if (t.length > max) return bad(`is ${t.length} characters long; ${what} may have at most ${max}.`);
  const forbidden = forbiddenCharacter(t);
  if (forbidden) return bad(`contains ${forbidden}, which cannot be saved; retype the ${what} as plain text.`);
  return okv(t);
}

function oneOf<T extends string>(raw: string, allowed: readonly T[], what: string): Parsed<T> {
  const t = raw.trim().toLowerCase();
  if (t === '') return bad(`is blank. Use one of: ${allowed.join(', ')}.`);
  const hit = allowed.find((a) => a === t);
  return hit ? okv(hit) : bad(`"${raw.trim()}" is not a ${what}. Use one of: ${allowed.join(', ')}.`);
}

/** A plain decimal (no exponent, no sign) within [min, max]. */
function decimalIn(raw: string, min: number, max: number, what: string, example: string, suffix = ''): Parsed<number> {
  let t = raw.trim();
  if (t === '') return okv(0);
  if (suffix && t.endsWith(suffix)) t = t.slice(0, -suffix.length).trim();
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(t)) return bad(`"${raw.trim()}" is not a ${what}. Use a number from ${min} to ${max}, e.g. ${example}.`);
  const v = Number(t);
  if (!(v >= min && v <= max)) return bad(`"${raw.trim()}" is outside ${min}–${max}. Use a number from ${min} to ${max}, e.g. ${example}.`);
  return okv(v);
}

export function bases(ctx: Pick<FieldContext, 'proxies'>): string[] {
  return [...ctx.proxies, ...SPECIAL_BASES];
}

export function parseFinancialYear(raw: string): Parsed<string> {
  const t = raw.trim();
  const m = /^(\d{4})[-/](\d{2})$/.exec(t);
  if (!m || (Number(m[1]) + 1) % 100 !== Number(m[2]))
    return bad(`"${t}" is not a financial year. Write it as YYYY-YY, e.g. 2024-25.`);
  return okv(`${m[1]}-${m[2]}`);
}

export function parseField<F extends EditableField>(field: F, raw: string, ctx: FieldContext): Parsed<FieldValues[F]> {
  return parsers[field](raw ?? '', ctx) as Parsed<FieldValues[F]>;
}

const parsers: { [F in EditableField]: (raw: string, ctx: FieldContext) => Parsed<FieldValues[F]> } = {
  ref: (raw) => {
    const t = text(raw, 60, 'ref');
    if (!t.ok) return t;
    return okv(t.value === '' ? null : t.value);
  },
  partner: (raw) => {
    const t = text(raw, 120, 'partner name');
    if (!t.ok) return t;
    return t.value === '' ? bad('is blank. Name the partner, e.g. "Kingston Hospital NHS Trust".') : t;
  },
  partnerType: (raw) => oneOf(raw, PARTNER_TYPES, 'partner type'),
  service: (raw) => text(raw, 200, 'service'),
  description: (raw) => text(raw, 1000, 'description'),
  amount: (raw, ctx) => parseAmount(raw, ctx.units ?? 'pounds'),
  year: (raw, ctx) => (raw.trim() === '' ? okv(ctx.year) : parseFinancialYear(raw)),
  basis: (raw, ctx) => {
    const t = raw.trim().toLowerCase();
    if (t === '') return bad(`is blank. Use one of: ${bases(ctx).join(', ')}.`);
    return bases(ctx).includes(t) ? okv(t) : bad(`"${raw.trim()}" is not a basis in this project. Use one of: ${bases(ctx).join(', ')}.`);
  },
  beta: (raw) => decimalIn(raw, 0, 1, 'deprivation weight', '0.5'),
  discretionaryPct: (raw) => decimalIn(raw, 0, 100, 'percentage', '12.5', '%'),
  status: (raw) => (raw.trim() === '' ? okv('mainstream') : oneOf(raw, STATUSES, 'budget status')),
  confidence: (raw) => {
    const t = raw.trim().toLowerCase();
    if (t === '') return okv(null);
    const letter = { g: 'green', a: 'amber', r: 'red' } as const;
    if (t in letter) return okv(letter[t as keyof typeof letter]);
    return oneOf(raw, CONFIDENCES, 'confidence');
  },
  themes: (raw) => {
    const parts = raw.split(';').map((s) => s.trim()).filter(Boolean);
    const out: string[] = [];
    for (const p of parts) {
      if (p.length > 60) return bad(`theme "${p.slice(0, 20)}…" is longer than 60 characters.`);
      const forbidden = forbiddenCharacter(p);
      if (forbidden) return bad(`contains ${forbidden}, which cannot be saved; retype the themes as plain text.`);
      const theme = normalText(p);
      if (!out.some((o) => matchKey(o) === matchKey(theme))) out.push(theme);
    }
    return okv(out);
  },
  siteWard: (raw, ctx) => {
    const t = wardCode(raw);
    if (t === '') return okv(null);
    return ctx.wards.has(t) ? okv(t) : bad(`"${raw.trim()}" is not a ward code in this project. Use a code such as E05013941 (see the Proxies screen).`);
  },
};

/** Rules across fields, checked once a whole line is known. */
export function lineProblems(v: Pick<FieldValues, 'basis' | 'siteWard'>): { field: EditableField; message: string }[] {
  const out: { field: EditableField; message: string }[] = [];
  if (v.basis === 'site' && !v.siteWard)
    out.push({ field: 'siteWard', message: 'is blank, but the basis is "site". Give the code of the ward that hosts the service.' });
  return out;
}

/** A line's field as the text a user would type to set it: grid editing, audit, CSV. */
export function fieldText(line: SpendLine, field: EditableField): string {
  switch (field) {
    case 'amount':
      return penceToPoundsText(line.amountPence);
    case 'beta':
      return String(line.beta);
    case 'discretionaryPct':
      return String(line.discretionaryPct);
    case 'confidence':
      return line.confidenceOverride ?? '';
    case 'themes':
      return line.themes.join('; ');
    case 'siteWard':
      return line.siteWard ?? '';
    default:
      return String(line[field] ?? '');
  }
}
