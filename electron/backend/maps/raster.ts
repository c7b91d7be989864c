// An RGB canvas that fills paths the way an SVG renderer does, so a pack's map picture
// needs no browser. Scanline fill with the non-zero (SVG's default) or even-odd rule,
// anti-aliased: each pixel row is sampled on SUB sub-scanlines and each span's horizontal
// coverage is exact, and the pixel is blended with what is under it by the coverage.
// Strokes are filled as outlines: a quad per segment and a polygon per round join, all
// wound the same way, so the non-zero rule fills their union once.

export type Rgb = readonly [number, number, number];
export type FillRule = 'nonzero' | 'evenodd';
/** A closed ring as flat [x0, y0, x1, y1, …] in pixels (the closing edge is implied). */
export type Ring = readonly number[];

/** Sub-scanlines per pixel row (4 × exact horizontal coverage ≈ 4×4 supersampling or better). */
const SUB = 4;

export function rgbOf(hex: string): Rgb {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`"${hex}" is not a #rrggbb colour`);
  return [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16)];
}

interface Edge {
  top: number;
  bottom: number;
  /** x at `top`, and its change per unit of y. */
  x: number;
  slope: number;
  /** +1 going down, -1 going up (the winding contribution). */
  dir: number;
}

function edgesOf(rings: readonly Ring[]): Edge[] {
  const out: Edge[] = [];
  for (const r of rings) {
    const n = r.length >> 1;
    for (let i = 0; i < n; i++) {
      const j = (i + 1) % n;
      const x0 = r[2 * i]!, y0 = r[2 * i + 1]!, x1 = r[2 * j]!, y1 = r[2 * j + 1]!;
      if (y0 === y1 || !Number.isFinite(x0 + y0 + x1 + y1)) continue;
      const slope = (x1 - x0) / (y1 - y0);
      out.push(y0 < y1 ? { top: y0, bottom: y1, x: x0, slope, dir: 1 } : { top: y1, bottom: y0, x: x1, slope, dir: -1 });
    }
  }
  return out.sort((a, b) => a.top - b.top);
}

export class Raster {
  readonly pixels: Uint8Array;
  /** Coverage of the current pixel row, and the range of it touched so far. */
  private readonly cover: Float32Array;
  private lo: number;
  private hi = -1;

  constructor(
    readonly width: number,
    readonly height: number,
    background: Rgb = [255, 255, 255],
  ) {
    this.pixels = new Uint8Array(width * height * 3);
    const [r, g, b] = background;
    if (r === g && g === b) this.pixels.fill(r);
    else
      for (let i = 0; i < this.pixels.length; i += 3) {
        this.pixels[i] = r;
        this.pixels[i + 1] = g;
        this.pixels[i + 2] = b;
      }
    this.cover = new Float32Array(width + 1);
    this.lo = width;
  }

  /** Fills the rings as one path (holes by the rule), blending `colour` by coverage. */
  fill(rings: readonly Ring[], colour: Rgb, rule: FillRule = 'nonzero'): void {
    const edges = edgesOf(rings);
    if (!edges.length) return;
    const bottom = edges.reduce((m, e) => Math.max(m, e.bottom), -Infinity);
    const rowFrom = Math.max(0, Math.floor(edges[0]!.top));
    const rowTo = Math.min(this.height, Math.ceil(bottom));
    const active: Edge[] = [];
    const xs: number[] = [];
    const dirs: number[] = [];
    const order: number[] = [];
    let next = 0;
    for (let row = rowFrom; row < rowTo; row++) {
      for (let s = 0; s < SUB; s++) {
        const y = row + (s + 0.5) / SUB;
        while (next < edges.length && edges[next]!.top <= y) active.push(edges[next++]!);
        xs.length = dirs.length = order.length = 0;
        for (let k = active.length - 1; k >= 0; k--) {
          const e = active[k]!;
          if (e.bottom <= y) {
            active[k] = active[active.length - 1]!;
            active.pop();
          } else if (e.top <= y) {
            order.push(xs.length);
            xs.push(e.x + (y - e.top) * e.slope);
            dirs.push(e.dir);
          }
        }
        order.sort((a, b) => xs[a]! - xs[b]!);
        let winding = 0;
        for (let k = 0; k < order.length - 1; k++) {
          winding += rule === 'nonzero' ? dirs[order[k]!]! : 1;
          const inside = rule === 'nonzero' ? winding !== 0 : (winding & 1) === 1;
          if (!inside) continue;
          this.span(xs[order[k]!]!, xs[order[k + 1]!]!);
        }
      }
      if (this.hi >= this.lo) this.blendRow(row, this.lo, Math.min(this.hi, this.width - 1), colour);
      this.lo = this.width;
      this.hi = -1;
    }
  }

  /** Strokes the rings (closed) `width` px wide, centred on the path, with round joins. */
  stroke(rings: readonly Ring[], width: number, colour: Rgb): void {
    const h = width / 2;
    const parts: number[][] = [];
    const sides = Math.max(8, Math.min(24, Math.ceil(h * 8)));
    for (const r of rings) {
      const n = r.length >> 1;
      for (let i = 0; i < n; i++) {
        const j = (i + 1) % n;
        const x0 = r[2 * i]!, y0 = r[2 * i + 1]!, x1 = r[2 * j]!, y1 = r[2 * j + 1]!;
        const len = Math.hypot(x1 - x0, y1 - y0);
        if (len > 0) {
          const nx = (-(y1 - y0) / len) * h, ny = ((x1 - x0) / len) * h;
          parts.push(clockwise([x0 + nx, y0 + ny, x1 + nx, y1 + ny, x1 - nx, y1 - ny, x0 - nx, y0 - ny]));
        }
        const join: number[] = [];
        for (let k = 0; k < sides; k++) join.push(x0 + h * Math.cos((2 * Math.PI * k) / sides), y0 + h * Math.sin((2 * Math.PI * k) / sides));
        parts.push(clockwise(join));
      }
    }
    this.fill(parts, colour, 'nonzero');
  }

  /** Adds the span's coverage (1 / SUB per sub-scanline) to the row's accumulator, widening lo…hi. */
  private span(x0: number, x1: number): void {
    const a = Math.max(0, x0), b = Math.min(this.width, x1);
    if (b <= a) return;
    const w = 1 / SUB;
    const ia = Math.floor(a), ib = Math.floor(b);
    if (ia < this.lo) this.lo = ia;
    if (ib > this.hi) this.hi = ib;
    if (ia === ib) {
      this.cover[ia]! += (b - a) * w;
      return;
    }
    this.cover[ia]! += (ia + 1 - a) * w;
    for (let i = ia + 1; i < ib; i++) this.cover[i]! += w;
    if (ib < this.width) this.cover[ib]! += (b - ib) * w;
  }

  private blendRow(row: number, from: number, to: number, [r, g, b]: Rgb): void {
    const px = this.pixels;
    for (let x = from; x <= to; x++) {
      const a = Math.min(1, this.cover[x]!);
      this.cover[x] = 0;
      if (a <= 0) continue;
      const i = (row * this.width + x) * 3;
      px[i] = Math.round(px[i]! + (r - px[i]!) * a);
      px[i + 1] = Math.round(px[i + 1]! + (g - px[i + 1]!) * a);
      px[i + 2] = Math.round(px[i + 2]! + (b - px[i + 2]!) * a);
    }
  }
}

/** The polygon with a positive shoelace sum (one winding direction for every stroke part). */
function clockwise(p: number[]): number[] {
  let area = 0;
  for (let i = 0; i < p.length; i += 2) {
    const j = (i + 2) % p.length;
    area += p[i]! * p[j + 1]! - p[j]! * p[i + 1]!;
  }
  if (area >= 0) return p;
  const out: number[] = [];
  for (let i = p.length - 2; i >= 0; i -= 2) out.push(p[i]!, p[i + 1]!);
  return out;
}
