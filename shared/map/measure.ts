// What a ward map shows: the measure named on the CLI (`--measure`) and in the app,
// and how its figures read in a tooltip, a legend and an SVG <title>.
import { formatPounds } from '../money';

export type Measure =
  | { kind: 'per_head' }
  | { kind: 'influenceable_per_head' }
  | { kind: 'proxy'; name: string }
  | { kind: 'line'; ref: string };

/** per_head: £ per head (2 decimals); pence: integer pence; value: a proxy's own figure. */
export type MeasureUnit = 'per_head' | 'pence' | 'value';

export const MEASURE_HELP = 'per_head, influenceable_per_head, proxy:<name> or line:<ref>';

export function parseMeasure(text: string): Measure | null {
  const t = text.trim();
  if (t === 'per_head' || t === 'influenceable_per_head') return { kind: t };
  const m = /^(proxy|line):(.+)$/s.exec(t);
  if (!m || !m[2]!.trim()) return null;
  return m[1] === 'proxy' ? { kind: 'proxy', name: m[2]!.trim() } : { kind: 'line', ref: m[2]!.trim() };
}

export function measureText(m: Measure): string {
  return m.kind === 'proxy' ? `proxy:${m.name}` : m.kind === 'line' ? `line:${m.ref}` : m.kind;
}

export function measureUnit(m: Measure): MeasureUnit {
  return m.kind === 'proxy' ? 'value' : m.kind === 'line' ? 'pence' : 'per_head';
}

// Made on first use: the first Intl call loads ICU's number data, tens of milliseconds
// that a host importing this module without drawing a map should not pay.
let formats: { value: Intl.NumberFormat; perHead: Intl.NumberFormat } | null = null;
const fmt = () =>
  (formats ??= {
    value: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }),
    perHead: new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
  });

/** A ward's figure as text: "£123.45 per head", "£12,345", "27.3"; "no figure" when missing. */
export function formatMeasureValue(value: number | null, unit: MeasureUnit): string {
  if (value === null) return 'no figure';
  if (unit === 'per_head') return `${value < 0 ? '-' : ''}£${fmt().perHead.format(Math.abs(value))} per head`;
  if (unit === 'pence') return formatPounds(value);
  return fmt().value.format(value);
}

/** A class break in the legend (shorter than a ward's figure). */
export function formatBreak(value: number, unit: MeasureUnit): string {
  if (unit === 'per_head') return `£${fmt().value.format(value)}`;
  if (unit === 'pence') return formatPounds(value, { pence: false });
  return fmt().value.format(value);
}
