// A ward map as a standalone SVG: one <path id="<ward code>"> per ward with a <title>
// naming the ward and its figure, the neighbourhood outlined, a legend of the class
// breaks and the boundary data's attribution. Pure: the CLI writes it, Chromium
// rasterises it for PNGs and the Excel pack's picture.
import type { WardMap } from '../contract/maps';
import { NO_FIGURE_COLOUR } from './breaks';
import { formatMeasureValue } from './measure';
import { fitShapes, type MapShapes } from './projection';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface SvgOptions {
  width?: number;
  /** Larger type for projectors and print (the app's Large text mode). */
  largeText?: boolean;
}

export function mapSvg(map: WardMap, opts: SvgOptions = {}): string {
  const width = opts.width ?? 800;
  const font = opts.largeText ? 20 : 13;
  const pad = 12;
  const legendW = Math.round(width * 0.3);
  const mapW = width - legendW - pad * 3;
  const top = pad + font * 2;
  const fitted = fitShapes(map.shapes as MapShapes, mapW, Math.round(mapW * 1.1));
  const legendRows = map.legend.length + (map.wards.some((w) => w.class === null) ? 1 : 0) + (map.neighbourhood ? 1 : 0);
  const legendH = (legendRows + 1) * font * 1.6;
  const bodyH = Math.max(fitted.height, legendH);
  const small = Math.max(10, Math.round(font * 0.8));
  const attributionY = top + bodyH + pad + font;
  const height = Math.ceil(attributionY + small * 1.4 + pad);
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Arial, Helvetica, sans-serif" font-size="${font}">`);
  out.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  out.push(`<text x="${pad}" y="${pad + font}" font-weight="bold" font-size="${Math.round(font * 1.2)}">${esc(map.title)}</text>`);
  out.push(`<g transform="translate(${pad},${top})" stroke-linejoin="round">`);
  // Neighbourhood wards last, so their thick outline is not covered by a neighbour's edge.
  const order = map.wards.map((w, i) => i).sort((a, b) => Number(map.wards[a]!.inNeighbourhood) - Number(map.wards[b]!.inNeighbourhood));
  for (const i of order) {
    const w = map.wards[i]!;
    const fill = w.class === null ? NO_FIGURE_COLOUR : map.colours[w.class]!;
    const stroke = w.inNeighbourhood ? 'stroke="#000000" stroke-width="3"' : 'stroke="#6b6b6b" stroke-width="0.7"';
    out.push(`<path id="${esc(w.code)}" d="${fitted.paths[i]}" fill="${fill}" ${stroke}><title>${esc(`${w.name}: ${formatMeasureValue(w.value, map.unit)}`)}</title></path>`);
  }
  out.push('</g>');
  const lx = pad * 2 + mapW;
  let ly = top + font;
  out.push(`<g font-size="${font}">`);
  const sw = font * 1.2;
  map.legend.forEach((label, c) => {
    out.push(`<rect x="${lx}" y="${ly - font}" width="${sw}" height="${sw}" fill="${map.colours[c]}" stroke="#6b6b6b" stroke-width="0.7"/>`);
    out.push(`<text x="${lx + sw + 6}" y="${ly + 1}">${esc(label)}</text>`);
    ly += font * 1.6;
  });
  if (map.wards.some((w) => w.class === null)) {
    out.push(`<rect x="${lx}" y="${ly - font}" width="${sw}" height="${sw}" fill="${NO_FIGURE_COLOUR}" stroke="#6b6b6b" stroke-width="0.7"/>`);
    out.push(`<text x="${lx + sw + 6}" y="${ly + 1}">no figure</text>`);
    ly += font * 1.6;
  }
  if (map.neighbourhood) {
    out.push(`<rect x="${lx}" y="${ly - font}" width="${sw}" height="${sw}" fill="none" stroke="#000000" stroke-width="3"/>`);
    out.push(`<text x="${lx + sw + 6}" y="${ly + 1}">${esc(map.neighbourhood.name)}</text>`);
  }
  out.push('</g>');
  // Two lines (OS, then ONS), so it fits the width in large text too.
  const [os, ...ons] = map.attribution.split('; ');
  out.push(`<text x="${pad}" y="${attributionY}" font-size="${small}" fill="#333333">${esc(ons.length ? `${os};` : os!)}</text>`);
  if (ons.length) out.push(`<text x="${pad}" y="${attributionY + small * 1.4}" font-size="${small}" fill="#333333">${esc(ons.join('; '))}</text>`);
  out.push('</svg>');
  return out.join('\n') + '\n';
}
