// Each Excel pack carries its ward map as a picture on the Neighbourhood sheet, drawn in
// the backend with no browser: the demo's per-head map read back pixel by pixel, and a
// real export by a session with no host options (as the desktop app's utility makes it).
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WardMap } from '../../shared/contract/maps';
import { createRegistry } from '../../electron/backend/handlers';
import { drawWardMap, pictureLayout, type PictureLayout } from '../../electron/backend/maps/draw';
import { PICTURE_WIDTH } from '../../electron/backend/maps/picture';
import { rgbOf, type Ring } from '../../electron/backend/maps/raster';
import { Session } from '../../electron/backend/session';
import { buildDemo } from '../../electron/backend/project/demo';
import { decodePng, type DecodedPng } from '../helpers/png';

const registry = createRegistry();
let dir: string;
let session: Session;
let perHead: WardMap;
let layout: PictureLayout;
let png: DecodedPng;

async function call<T>(method: string, input: unknown): Promise<T> {
  const r = await registry.call(method, input, { session, progress: () => {}, signal: new AbortController().signal });
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.data as T;
}

/** Whether (x, y) is inside the rings (even-odd crossing test) and its distance to their nearest edge. */
function probe(rings: Ring[], x: number, y: number): { inside: boolean; distance: number } {
  let inside = false;
  let distance = Infinity;
  for (const r of rings) {
    const n = r.length / 2;
    for (let i = 0, j = n - 1; i < n; j = i++) {
      const [xi, yi, xj, yj] = [r[2 * i]!, r[2 * i + 1]!, r[2 * j]!, r[2 * j + 1]!];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
      const dx = xj - xi, dy = yj - yi;
      const t = Math.max(0, Math.min(1, ((x - xi) * dx + (y - yi) * dy) / (dx * dx + dy * dy || 1)));
      distance = Math.min(distance, Math.hypot(x - (xi + t * dx), y - (yi + t * dy)));
    }
  }
  return { inside, distance };
}

/** The pixel of the ward farthest from its edges (its pole of inaccessibility, to a pixel). */
function deepestPixel(rings: Ring[]): { x: number; y: number; distance: number } {
  const xs = rings.flatMap((r) => r.filter((_, i) => i % 2 === 0));
  const ys = rings.flatMap((r) => r.filter((_, i) => i % 2 === 1));
  let best = { x: -1, y: -1, distance: -1 };
  for (let y = Math.floor(Math.min(...ys)); y < Math.max(...ys); y++)
    for (let x = Math.floor(Math.min(...xs)); x < Math.max(...xs); x++) {
      const p = probe(rings, x + 0.5, y + 0.5);
      if (p.inside && p.distance > best.distance) best = { x, y, distance: p.distance };
    }
  return best;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'spendmap-pack-map-'));
  const path = join(dir, 'demo.spendmap');
  (await buildDemo(path)).close();
  // As the desktop app's utility process makes it: no rasteriser, no browser.
  session = new Session({ host: 'electron', dataDir: dir });
  await call('project.open', { path });
  perHead = await call<WardMap>('maps.wards', { measure: 'per_head', neighbourhood: 'Norbiton' });
  layout = pictureLayout(perHead, PICTURE_WIDTH);
  png = decodePng(drawWardMap(perHead, PICTURE_WIDTH).png);
}, 120_000);

afterAll(() => {
  session?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the demo's per-head map with Norbiton outlined", () => {
  it('is as wide as asked and tall enough for the map and its legend', () => {
    expect(png.width).toBe(PICTURE_WIDTH);
    expect(png.height).toBe(layout.height);
    expect(png.height).toBeGreaterThan(300);
    const last = layout.swatches.at(-1)!;
    expect(png.height).toBeGreaterThan(last.y + last.size);
  });

  it("fills the inside of Norbiton with its class's colour", () => {
    const i = perHead.wards.findIndex((w) => w.name === 'Norbiton');
    const ward = perHead.wards[i]!;
    expect(ward.class).not.toBeNull();
    const p = deepestPixel(layout.wards[i]!);
    expect(p.distance).toBeGreaterThan(5); // well inside: no border or outline reaches it
    expect(png.rgb(p.x, p.y)).toEqual(rgbOf(perHead.colours[ward.class!]!));
  });

  it('fills every ward with its own class colour (or white with no figure) at its deepest pixel', () => {
    perHead.wards.forEach((w, i) => {
      const p = deepestPixel(layout.wards[i]!);
      expect(png.rgb(p.x, p.y), w.name).toEqual(rgbOf(w.class === null ? '#ffffff' : perHead.colours[w.class]!));
    });
  });

  it('outlines Norbiton in black and leaves the background white', () => {
    const i = perHead.wards.findIndex((w) => w.name === 'Norbiton');
    const ring = layout.wards[i]![0]!;
    // A vertex of Norbiton's outline lies under the 3 px black line.
    const [x, y] = [Math.floor(ring[0]!), Math.floor(ring[1]!)];
    expect(Math.max(...png.rgb(x, y))).toBeLessThan(60);
    expect(png.rgb(2, 2)).toEqual([255, 255, 255]);
    expect(png.rgb(2, png.height - 3)).toEqual([255, 255, 255]);
    // A pixel between the map and the legend, outside every ward.
    const clear = perHead.wards.every((_, k) => probe(layout.wards[k]!, png.width - 5.5, png.height - 5.5).distance > 3);
    expect(clear).toBe(true);
    expect(png.rgb(png.width - 6, png.height - 6)).toEqual([255, 255, 255]);
  });

  it("draws the legend's swatches in the class colours, then the neighbourhood's outline", () => {
    const classes = layout.swatches.filter((s) => s.entry.fill && s.entry.fill !== '#ffffff');
    expect(classes.map((s) => s.entry.fill)).toEqual(perHead.colours);
    for (const s of classes) expect(png.rgb(Math.floor(s.x + s.size / 2), Math.floor(s.y + s.size / 2))).toEqual(rgbOf(s.entry.fill!));
    const outline = layout.swatches.at(-1)!;
    expect(outline.entry.outline).toBe('neighbourhood');
    expect(png.rgb(Math.floor(outline.x), Math.floor(outline.y + outline.size / 2))).toEqual([0, 0, 0]);
    expect(png.rgb(Math.floor(outline.x + outline.size / 2), Math.floor(outline.y + outline.size / 2))).toEqual([255, 255, 255]);
  });
});

it('every pack exported with no host options has its map on the Neighbourhood sheet, its text in cells', async () => {
  const r = await call<{ files: { path: string; kind: string; subject: string }[] }>('packs.export', { folder: join(dir, 'packs') });
  expect(r.files.length).toBeGreaterThan(1);
  for (const f of r.files) {
    const zip = unzipSync(readFileSync(f.path));
    const media = Object.keys(zip).filter((k) => /^xl\/media\/[^/]+\.png$/.test(k));
    expect(media, f.subject).toHaveLength(1);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(f.path);
    const ws = wb.getWorksheet('Neighbourhood')!;
    const images = ws.getImages();
    expect(images, f.subject).toHaveLength(1);
    const image = wb.getImage(Number(images[0]!.imageId)) as unknown as { extension: string; buffer: Buffer };
    expect(image.extension).toBe('png');
    expect(Buffer.from(image.buffer).equals(Buffer.from(zip[media[0]!]!))).toBe(true);
    const picture = decodePng(image.buffer);
    expect(picture.width).toBe(PICTURE_WIDTH);
    // To the right of the sheet's tables, so it covers none of their cells.
    const col = images[0]!.range.tl.nativeCol + 1;
    const printed = ws.pageSetup.printArea!.split(':')[1]!.replace(/\d+$/, '');
    expect(ws.getColumn(printed).number, 'the print area ends with the tables').toBeLessThan(col - 1);
    const texts = new Map<string, number>();
    ws.eachRow((row, n) => row.eachCell((cell, c) => c >= col && texts.set(String(cell.value), n)));
    const map = await call<WardMap>(
      'maps.wards',
      f.kind === 'neighbourhood' ? { measure: 'per_head', neighbourhood: f.subject } : { measure: 'per_head', partner: f.subject, neighbourhood: 'Norbiton' },
    );
    expect(ws.getCell(1, col).value, f.subject).toBe(map.title);
    for (const label of map.legend) expect(texts.get(label), `${f.subject}: ${label}`).toBeGreaterThan(images[0]!.range.tl.nativeRow + 1);
    expect(texts.has('Norbiton (outlined)')).toBe(true);
    expect(texts.has('Contains OS data © Crown copyright and database right;')).toBe(true);
    expect(texts.has('Source: Office for National Statistics licensed under the OGL v3.0')).toBe(true);
    if (f.kind === 'neighbourhood') expect(Buffer.from(image.buffer).equals(drawWardMap(perHead, PICTURE_WIDTH).png)).toBe(true);
  }
}, 180_000);
