// The pack pictures' rasteriser and PNG writer on shapes whose pixels are known: fills
// (non-zero and even-odd, as SVG), anti-aliased edges, strokes, and PNGs read back by an
// independent decoder (node:zlib's crc32 and inflate).
import { randomBytes } from 'node:crypto';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, encodePng } from '../../electron/backend/maps/png-encode';
import { Raster, rgbOf } from '../../electron/backend/maps/raster';
import { decodePng } from '../helpers/png';

const RED = rgbOf('#ff0000');
const BLACK = rgbOf('#000000');
const square = (x0: number, y0: number, x1: number, y1: number) => [x0, y0, x1, y0, x1, y1, x0, y1];
const reversed = (r: number[]) => r.flatMap((_, i) => (i % 2 ? [] : [r[r.length - 2 - i]!, r[r.length - 1 - i]!]));
const at = (c: Raster, x: number, y: number) => [...c.pixels.subarray((y * c.width + x) * 3, (y * c.width + x) * 3 + 3)];

describe('PNG writer', () => {
  it('computes the standard CRC-32 (check value of "123456789") and agrees with zlib on random bytes', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    const bytes = randomBytes(4096);
    expect(crc32(bytes)).toBe(zlibCrc32(bytes));
  });

  it('writes RGB and RGBA pixels that an independent decoder reads back exactly', () => {
    for (const channels of [3, 4] as const) {
      const pixels = new Uint8Array(randomBytes(7 * 5 * channels));
      const png = decodePng(encodePng(pixels, 7, 5, channels));
      expect([png.width, png.height, png.channels]).toEqual([7, 5, channels]);
      expect(Buffer.from(png.pixels).equals(Buffer.from(pixels))).toBe(true);
    }
  });

  it('refuses pixels that do not match the size', () => {
    expect(() => encodePng(new Uint8Array(10), 2, 2)).toThrow(/10 bytes for 2×2×3/);
  });
});

describe('rasteriser', () => {
  it('fills a square solid inside, leaves the background white and blends a half-covered edge pixel', () => {
    const c = new Raster(10, 10);
    c.fill([square(2.5, 2, 7.5, 8)], RED);
    expect(at(c, 5, 5)).toEqual([255, 0, 0]);
    expect(at(c, 0, 0)).toEqual([255, 255, 255]);
    expect(at(c, 5, 9)).toEqual([255, 255, 255]);
    // Column 2 is covered from x = 2.5: half red over white.
    expect(at(c, 2, 5)).toEqual([255, 128, 128]);
    expect(at(c, 7, 5)).toEqual([255, 128, 128]);
  });

  it('covers a slanted shape by its area (anti-aliasing keeps the ink equal to the area)', () => {
    const c = new Raster(40, 40);
    const tri = [3.2, 4.7, 36.1, 9.3, 12.4, 35.8];
    c.fill([tri], BLACK);
    let ink = 0;
    for (let i = 0; i < c.pixels.length; i += 3) ink += (255 - c.pixels[i]!) / 255;
    const area = Math.abs((tri[2]! - tri[0]!) * (tri[5]! - tri[1]!) - (tri[4]! - tri[0]!) * (tri[3]! - tri[1]!)) / 2;
    expect(Math.abs(ink - area) / area).toBeLessThan(0.01);
    const grey = [...c.pixels].filter((v) => v > 0 && v < 255).length;
    expect(grey).toBeGreaterThan(20); // the edges are blended, not stair-stepped
  });

  it('applies the non-zero rule as SVG does: a hole wound the other way is empty, one wound the same way is filled', () => {
    const outer = square(1, 1, 19, 19);
    const inner = square(6, 6, 14, 14);
    const opposite = new Raster(20, 20);
    opposite.fill([outer, reversed(inner)], RED, 'nonzero');
    expect(at(opposite, 10, 10)).toEqual([255, 255, 255]);
    expect(at(opposite, 3, 10)).toEqual([255, 0, 0]);
    const same = new Raster(20, 20);
    same.fill([outer, inner], RED, 'nonzero');
    expect(at(same, 10, 10)).toEqual([255, 0, 0]);
    const evenOdd = new Raster(20, 20);
    evenOdd.fill([outer, inner], RED, 'evenodd');
    expect(at(evenOdd, 10, 10)).toEqual([255, 255, 255]);
    expect(at(evenOdd, 3, 10)).toEqual([255, 0, 0]);
  });

  it('strokes a closed ring centred on its edges, overlapping joins drawn once', () => {
    const c = new Raster(20, 20);
    c.fill([square(4, 4, 16, 16)], RED);
    c.stroke([square(4, 4, 16, 16)], 3, BLACK);
    expect(at(c, 10, 4)).toEqual([0, 0, 0]); // on the top edge
    expect(at(c, 4, 4)).toEqual([0, 0, 0]); // a corner: quads and join overlap, still plain black
    expect(at(c, 10, 10)).toEqual([255, 0, 0]); // inside, beyond the half-width
    expect(at(c, 10, 1)).toEqual([255, 255, 255]); // outside, beyond the half-width
  });

  it('clips shapes that run off the canvas', () => {
    const c = new Raster(8, 8);
    c.fill([square(-5, -5, 4, 20)], RED);
    expect(at(c, 0, 0)).toEqual([255, 0, 0]);
    expect(at(c, 3, 7)).toEqual([255, 0, 0]);
    expect(at(c, 5, 3)).toEqual([255, 255, 255]);
  });
});
