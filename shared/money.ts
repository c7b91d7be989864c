// Money is integer pence end to end. Parsing is exact (no floats), formatting is UK style.
import { PENCE_PER_UNIT, type Units } from './domain/types';

/** The largest amount one line may hold: £1 trillion. */
export const MAX_LINE_PENCE = 100_000_000_000_000;
/** The largest total a project may hold (£10 trillion), well inside exact double integers. */
export const MAX_PROJECT_PENCE = 1_000_000_000_000_000;

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const HOW = 'Use digits, e.g. 12300 or £12,300.50.';
const UNIT_WORD: Record<Units, string> = { pounds: 'pounds', thousands: '£ thousands', millions: '£ millions' };

/**
 * Reads an amount as a finance officer writes it: "£12,300.50", "12300", "1 234".
 * In thousands or millions the result must still be a whole number of pence.
 */
export function parseAmount(text: string, units: Units = 'pounds'): Parsed<number> {
  const raw = text.trim();
  if (raw === '') return { ok: false, message: `is blank. Enter the amount in ${UNIT_WORD[units]}, e.g. 12300.` };
  // Spaces (also no-break and thin spaces) are allowed anywhere as separators.
  const compact = raw.replace(/[\s\u00a0\u202f]/g, '');
  if (/^[-−(]/.test(compact) || /\)$/.test(compact))
    return { ok: false, message: `"${raw}" is negative. Amounts must be 0 or more; record income as a separate line.` };
  const m = /^£?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/.exec(compact);
  if (!m) return { ok: false, message: `"${raw}" is not an amount in ${UNIT_WORD[units]}. ${HOW}` };
  const whole = m[1]!.replace(/,/g, '');
  const frac = m[2] ?? '';
  const perUnit = PENCE_PER_UNIT[units];
  const fracDigits = BigInt(frac.length);
  const scaled = BigInt(whole + frac) * perUnit;
  const divisor = 10n ** fracDigits;
  if (scaled % divisor !== 0n) {
    const places = perUnit.toString().length - 1;
    return {
      ok: false,
      message: `"${raw}" is more precise than a penny. In ${UNIT_WORD[units]} use at most ${places} decimal places.`,
    };
  }
  const pence = scaled / divisor;
  if (pence > BigInt(MAX_LINE_PENCE))
    return { ok: false, message: `"${raw}" is more than £1 trillion. Check the units (£ / £000 / £m).` };
  return { ok: true, value: Number(pence) };
}

/**
 * A whole number with UK digit grouping, "1,234,567". Written out rather than through
 * Intl.NumberFormat: the first Intl call loads ICU's number data (about 40 ms of the
 * first screen's start-up) and the grouping of a whole number has only one answer.
 */
export function formatCount(n: number): string {
  if (!Number.isSafeInteger(n)) return String(n);
  const digits = String(Math.abs(n));
  let out = '';
  for (let i = digits.length; i > 0; i -= 3) out = (i > 3 ? ',' : '') + digits.slice(Math.max(0, i - 3), i) + out;
  return n < 0 ? `-${out}` : out;
}

/** Pence as "£12,345" (whole pounds) or "£123.45" with pence: UK style, minus before the £. */
export function formatPounds(pence: number, opts: { pence?: boolean } = {}): string {
  const neg = pence < 0;
  const abs = Math.abs(pence);
  const showPence = opts.pence ?? abs < 100_000;
  let text: string;
  if (showPence) {
    const pounds = Math.floor(abs / 100);
    const p = abs % 100;
    text = `£${formatCount(pounds)}.${String(p).padStart(2, '0')}`;
  } else {
    // Round half up to whole pounds for display only.
    text = `£${formatCount(Math.floor((abs + 50) / 100))}`;
  }
  return neg ? `-${text}` : text;
}

/** Pence as a plain pounds figure with two decimals, "12345.67": for CSV and inputs. */
export function penceToPoundsText(pence: number): string {
  const neg = pence < 0;
  const abs = Math.abs(pence);
  const text = `${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
  return neg ? `-${text}` : text;
}

/** A per-head figure, "£123.45". */
export function formatPerHead(pounds: number): string {
  return `£${pounds.toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

export function formatPercent(pct: number, digits = 1): string {
  return `${pct.toLocaleString('en-GB', { minimumFractionDigits: 0, maximumFractionDigits: digits })}%`;
}
