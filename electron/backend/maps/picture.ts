// The map on each Excel pack's Neighbourhood sheet: a PNG drawn in the backend (draw.ts,
// no browser, so every host's packs have it), with its title above it and its legend's
// labels and the boundary data's attribution in cells below it, where a reader can read
// and copy them. A neighbourhood's pack shows spend per head with its wards outlined; a
// partner's pack, that partner's spend per head (its neighbourhood outlined when the
// project has one); a partner with no allocated line has no map, so no picture.
import type ExcelJS from 'exceljs';
import type { Book } from '../packs/xlsx/book';
import type { WardMap } from '../../../shared/contract/maps';
import { AppError } from '../../../shared/contract/result';
import type { Project } from '../project/project';
import { cellRef, SHEETS } from '../packs/layout';
import { S } from '../packs/styles';
import { drawWardMap, legendEntries, type DrawnMap } from './draw';
import { wardMap } from './service';

export interface MapPicture extends DrawnMap {
  map: WardMap;
}

/** The picture's width in pixels (Excel shows it at 96 dpi). */
export const PICTURE_WIDTH = 480;
/** Excel's default row height, 15 pt, in pixels. */
const DEFAULT_ROW_PX = 20;

type PackOf = { kind: 'partner' | 'neighbourhood'; subject: string; neighbourhoods: readonly { n: { name: string } }[] };

/** The pack's map picture; undefined for a partner with no allocated line. */
export function packMapPicture(project: Project, pack: PackOf): MapPicture | undefined {
  let map: WardMap;
  try {
    const only = pack.neighbourhoods.length === 1 ? pack.neighbourhoods[0]!.n.name : undefined;
    map =
      pack.kind === 'neighbourhood'
        ? wardMap(project, { measure: 'per_head', neighbourhood: pack.subject })
        : wardMap(project, { measure: 'per_head', partner: pack.subject, ...(only ? { neighbourhood: only } : {}) });
  } catch (e) {
    if (e instanceof AppError) return undefined;
    throw e;
  }
  return { ...drawWardMap(map, PICTURE_WIDTH), map };
}

/**
 * Puts the picture on the Neighbourhood sheet to the right of its tables (one column
 * between): the title in row 1, the picture from row 2, then the legend (a cell in each
 * swatch's colour beside its label) and the attribution in the rows below the picture.
 */
export function addMapPicture(wb: Book, picture: MapPicture | undefined): void {
  if (!picture) return;
  const ws = wb.getWorksheet(SHEETS.neighbourhood);
  if (!ws) return;
  // The sheet prints its tables as before (fitted to the page width); the printed map is the one-page PDF's.
  ws.pageSetup.printArea = `A1:${cellRef(ws.columnCount, ws.rowCount)}`;
  const col = ws.columnCount + 2;
  const cell = (row: number, c: number, value: string, style: Partial<ExcelJS.Style>) => {
    const x = ws.getCell(row, c);
    x.value = value;
    x.style = style;
    return x;
  };
  cell(1, col, picture.map.title, S.section);
  ws.picture = { png: picture.png, col: col - 1, row: 1, width: picture.width, height: picture.height };
  let row = 2;
  for (let px = 0; px < picture.height; row++) {
    const pt = ws.findRow(row)?.height;
    px += pt ? (pt * 96) / 72 : DEFAULT_ROW_PX;
  }
  row++;
  for (const e of legendEntries(picture.map)) {
    const swatch = ws.getCell(row, col);
    if (e.fill) swatch.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${e.fill.slice(1).toUpperCase()}` } };
    const edge = { style: e.outline === 'neighbourhood' ? 'thick' : 'thin', color: { argb: e.outline === 'neighbourhood' ? 'FF000000' : 'FF6B6B6B' } } as const;
    swatch.border = { top: edge, left: edge, bottom: edge, right: edge };
    cell(row++, col + 1, e.label, S.text);
  }
  row++;
  // Two lines (OS, then ONS), as on the SVG map.
  const [os, ...ons] = picture.map.attribution.split('; ');
  cell(row++, col, ons.length ? `${os};` : os!, S.note);
  if (ons.length) cell(row, col, ons.join('; '), S.note);
  ws.getColumn(col).width = 4;
}
