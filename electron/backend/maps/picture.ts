// The map picture on each Excel pack's Neighbourhood sheet: the same SVG as the CLI's
// `map`, rasterised once per export (one Chromium for every pack). A neighbourhood's
// pack shows spend per head with its wards outlined; a partner's pack, that partner's
// spend per head (its neighbourhood outlined when the project has one). The host draws
// the PNGs (session.options.rasterise); where it cannot, the packs have no picture.
import type ExcelJS from 'exceljs';
import { AppError } from '../../../shared/contract/result';
import { mapSvg } from '../../../shared/map/svg';
import type { Project } from '../project/project';
import { SHEETS } from '../packs/layout';
import type { Rasterise } from '../session';
import { wardMap } from './service';

export interface MapPicture {
  png: Buffer;
  width: number;
  height: number;
}

const WIDTH = 640;

/** One picture per pack (by its kind and subject); empty when the host cannot draw them. */
export async function packMapPictures(
  project: Project,
  packs: readonly { kind: 'partner' | 'neighbourhood'; subject: string; neighbourhoods: readonly { n: { name: string } }[] }[],
  rasterise: Rasterise | undefined,
): Promise<Map<string, MapPicture>> {
  const out = new Map<string, MapPicture>();
  if (!rasterise) return out;
  const svgs: { key: string; svg: string }[] = [];
  for (const p of packs) {
    try {
      const only = p.neighbourhoods.length === 1 ? p.neighbourhoods[0]!.n.name : undefined;
      const map =
        p.kind === 'neighbourhood'
          ? wardMap(project, { measure: 'per_head', neighbourhood: p.subject })
          : wardMap(project, { measure: 'per_head', partner: p.subject, ...(only ? { neighbourhood: only } : {}) });
      svgs.push({ key: `${p.kind}:${p.subject}`, svg: mapSvg(map, { width: WIDTH }) });
    } catch (e) {
      // A partner with no allocated line has no map to draw: its pack has no picture.
      if (!(e instanceof AppError)) throw e;
    }
  }
  const pngs = await rasterise(svgs.map((s) => s.svg), 1);
  svgs.forEach((s, i) => {
    const png = pngs[i]!;
    out.set(s.key, { png, width: png.readUInt32BE(16), height: png.readUInt32BE(20) });
  });
  return out;
}

/** Puts the picture on the Neighbourhood sheet, to the right of its tables. */
export function addMapPicture(wb: ExcelJS.Workbook, picture: MapPicture | undefined): void {
  if (!picture) return;
  const ws = wb.getWorksheet(SHEETS.neighbourhood);
  if (!ws) return;
  const id = wb.addImage({ buffer: picture.png as unknown as ExcelJS.Buffer, extension: 'png' });
  ws.addImage(id, { tl: { col: ws.columnCount + 1, row: 1 }, ext: { width: picture.width, height: picture.height }, editAs: 'oneCell' });
}
