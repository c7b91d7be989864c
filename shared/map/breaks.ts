// Class breaks and colours for ward maps (docs/method.md, "Ward maps").
// Rule: quantiles over the project's wards' values (nearest rank, lower), each break
// rounded to 2 significant figures so the legend reads as plain figures; repeated or
// out-of-range breaks are dropped, so fewer distinct values give fewer classes. The
// breaks depend only on the multiset of values: the same wards give the same legend.

/** Up to this many classes: five shades stay distinct in greyscale print. */
export const MAX_CLASSES = 5;

/** Rounds to 2 significant figures, half away from zero. */
export function readable(x: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  const e = Math.floor(Math.log10(Math.abs(x))) - 1;
  const step = 10 ** e;
  const r = Math.sign(x) * Math.round(Math.abs(x) / step) * step;
  return Number(r.toPrecision(2));
}

/**
 * The breaks between classes, ascending: class 0 holds values below breaks[0], class i
 * values from breaks[i-1] up to (not including) breaks[i], the last class the rest.
 */
export function classBreaks(values: readonly (number | null)[], classes = MAX_CLASSES): number[] {
  const sorted = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return [];
  const min = sorted[0]!;
  const max = sorted[n - 1]!;
  const out: number[] = [];
  for (let i = 1; i < classes; i++) {
    const b = readable(sorted[Math.floor((i * n) / classes)]!);
    // A break at or below the minimum would leave its lower class empty; one above the maximum, its upper.
    if (b <= min || b > max || (out.length && b <= out[out.length - 1]!)) continue;
    out.push(b);
  }
  return out;
}

/** The class of a value (0 … breaks.length); null for a ward with no figure. */
export function classOf(value: number | null, breaks: readonly number[]): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  let c = 0;
  while (c < breaks.length && value >= breaks[c]!) c++;
  return c;
}

/**
 * Viridis samples (light → dark): perceptually uniform, safe for the common colour-vision
 * deficiencies, and monotone in lightness so the classes still order in greyscale print.
 */
const VIRIDIS: Record<number, readonly string[]> = {
  1: ['#21918c'],
  2: ['#fde725', '#21918c'],
  3: ['#fde725', '#21918c', '#440154'],
  4: ['#fde725', '#35b779', '#31688e', '#440154'],
  5: ['#fde725', '#5ec962', '#21918c', '#3b528b', '#440154'],
};

/** A ward with no figure: white, so it never reads as a class. */
export const NO_FIGURE_COLOUR = '#ffffff';

/** One colour per class, light (low values) to dark (high values). */
export function classColours(classes: number): readonly string[] {
  return VIRIDIS[Math.max(1, Math.min(MAX_CLASSES, classes))]!;
}

export function colourOf(value: number | null, breaks: readonly number[]): string {
  const c = classOf(value, breaks);
  return c === null ? NO_FIGURE_COLOUR : classColours(breaks.length + 1)[c]!;
}

/** Legend rows: "under a", "a to under b", …, "z and over" (format turns a break into text). */
export function legendLabels(breaks: readonly number[], format: (x: number) => string): string[] {
  if (!breaks.length) return ['all wards'];
  const out = [`under ${format(breaks[0]!)}`];
  for (let i = 1; i < breaks.length; i++) out.push(`${format(breaks[i - 1]!)} to under ${format(breaks[i]!)}`);
  out.push(`${format(breaks[breaks.length - 1]!)} and over`);
  return out;
}
