// A ward map drawn as a PNG without a browser: the SVG writer's geometry (fitRings, the
// same projection and fit), colours and drawing order — wards filled non-zero, grey
// 0.7 px borders, the neighbourhood's wards last with a 3 px black outline — and the
// legend's swatches down the right. No text: the pack puts the title, the legend's labels
// and the attribution in cells beside the picture, where they can be read and copied.
import type { WardMap } from '../../../shared/contract/maps';
import { NO_FIGURE_COLOUR } from '../../../shared/map/breaks';
import { fitRings, type MapShapes } from '../../../shared/map/projection';
import { encodePng } from './png-encode';
import { Raster, rgbOf, type Ring } from './raster';

const PAD = 12;
const SWATCH = 18;
const SWATCH_GAP = 8;
const BORDER = { width: 0.7, colour: '#6b6b6b' } as const;
const OUTLINE = { width: 3, colour: '#000000' } as const;

export interface LegendEntry {
  label: string;
  /** The swatch's fill; null for the neighbourhood's (an outline only). */
  fill: string | null;
  outline: 'border' | 'neighbourhood';
}

/** The legend in order: each class, "no figure" when a ward has none, the neighbourhood's outline. */
export function legendEntries(map: WardMap): LegendEntry[] {
  const out: LegendEntry[] = map.legend.map((label, c) => ({ label, fill: map.colours[c]!, outline: 'border' }));
  if (map.wards.some((w) => w.class === null)) out.push({ label: 'no figure', fill: NO_FIGURE_COLOUR, outline: 'border' });
  if (map.neighbourhood) out.push({ label: `${map.neighbourhood.name} (outlined)`, fill: null, outline: 'neighbourhood' });
  return out;
}

export interface PictureLayout {
  width: number;
  height: number;
  /** Each ward's rings in picture pixels, in map.wards order. */
  wards: Ring[][];
  swatches: { x: number; y: number; size: number; entry: LegendEntry }[];
}

export function pictureLayout(map: WardMap, width: number): PictureLayout {
  if (!map.shapes) throw new Error('pictureLayout: the map was asked for without its shapes');
  const mapW = width - PAD * 3 - SWATCH;
  const fitted = fitRings(map.shapes as MapShapes, mapW, Math.round(mapW * 1.1));
  const entries = legendEntries(map);
  const legendH = entries.length * (SWATCH + SWATCH_GAP);
  const height = Math.ceil(PAD * 2 + Math.max(fitted.height, legendH));
  const wards = fitted.rings.map((rs) => rs.map((r) => r.map((v) => v + PAD)));
  const x = PAD * 2 + mapW;
  const swatches = entries.map((entry, i) => ({ x, y: PAD + i * (SWATCH + SWATCH_GAP), size: SWATCH, entry }));
  return { width, height, wards, swatches };
}

export interface DrawnMap {
  png: Buffer;
  width: number;
  height: number;
}

export function drawWardMap(map: WardMap, width: number): DrawnMap {
  const layout = pictureLayout(map, width);
  const canvas = new Raster(layout.width, layout.height);
  // Neighbourhood wards last, so their thick outline is not covered by a neighbour's edge.
  const order = map.wards.map((_, i) => i).sort((a, b) => Number(map.wards[a]!.inNeighbourhood) - Number(map.wards[b]!.inNeighbourhood));
  for (const i of order) {
    const w = map.wards[i]!;
    const rings = layout.wards[i]!;
    canvas.fill(rings, rgbOf(w.class === null ? NO_FIGURE_COLOUR : map.colours[w.class]!), 'nonzero');
    const line = w.inNeighbourhood ? OUTLINE : BORDER;
    canvas.stroke(rings, line.width, rgbOf(line.colour));
  }
  for (const s of layout.swatches) {
    const box: Ring = [s.x, s.y, s.x + s.size, s.y, s.x + s.size, s.y + s.size, s.x, s.y + s.size];
    if (s.entry.fill) canvas.fill([box], rgbOf(s.entry.fill));
    const line = s.entry.outline === 'neighbourhood' ? OUTLINE : BORDER;
    canvas.stroke([box], line.width, rgbOf(line.colour));
  }
  return { png: encodePng(canvas.pixels, layout.width, layout.height), width: layout.width, height: layout.height };
}
