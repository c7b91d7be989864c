// Pack map pictures (issue 16): every pack's ward map of the demo export drawn in the
// backend (packMapPicture: wardMap, the rasteriser, the PNG writer), beside the path it
// replaced in the same run: the same maps as SVG rasterised by headless Chromium, one
// browser launched for the export as before (svgsToPng, still the CLI's map --out x.png).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packMapPicture } from '../../../electron/backend/maps/picture';
import { svgsToPng } from '../../../electron/backend/maps/png';
import { wardMap } from '../../../electron/backend/maps/service';
import { buildModel } from '../../../electron/backend/packs/model';
import { buildDemo } from '../../../electron/backend/project/demo';
import { mapSvg } from '../../../shared/map/svg';
import { median, type Suite } from '../suite';

const RUNS = 5;

export const suite: Suite = {
  rows: [
    {
      workload: 'Map pictures for every pack of the demo export, drawn in the backend (no browser)',
      target: '< 500 ms and faster than Chromium',
      limitMs: 500,
      minRatio: 1,
      peer: 'the same maps as SVG rasterised by headless Chromium, one launch (the old export path)',
      case: 'pack-pictures-demo',
    },
  ],
  cases: {
    async 'pack-pictures-demo'() {
      const dir = mkdtempSync(join(tmpdir(), 'spendmap-bench-pictures-'));
      try {
        const project = await buildDemo(join(dir, 'demo.spendmap'));
        const model = buildModel(project);
        const neighbourhoods = model.neighbourhoods.map((n) => ({ n }));
        const packs = [
          ...model.partners.map((p) => ({ kind: 'partner' as const, subject: p.name, neighbourhoods })),
          ...model.neighbourhoods.map((n) => ({ kind: 'neighbourhood' as const, subject: n.name, neighbourhoods: [{ n }] })),
        ];
        const ours: number[] = [];
        let drawn = 0, bytes = 0;
        for (let i = 0; i < RUNS; i++) {
          const t0 = performance.now();
          const pictures = packs.map((p) => packMapPicture(project, p)).filter((p) => p !== undefined);
          ours.push(performance.now() - t0);
          drawn = pictures.length;
          bytes = pictures.reduce((s, p) => s + p.png.length, 0);
        }
        const peers: number[] = [];
        for (let i = 0; i < 3; i++) {
          const t0 = performance.now();
          const svgs = [];
          for (const p of packs) {
            const only = p.neighbourhoods.length === 1 ? p.neighbourhoods[0]!.n.name : undefined;
            try {
              const map =
                p.kind === 'neighbourhood'
                  ? wardMap(project, { measure: 'per_head', neighbourhood: p.subject })
                  : wardMap(project, { measure: 'per_head', partner: p.subject, ...(only ? { neighbourhood: only } : {}) });
              svgs.push(mapSvg(map, { width: 640 }));
            } catch {
              // a partner with no allocated line: no picture, as in ours
            }
          }
          await svgsToPng(svgs, 1);
          peers.push(performance.now() - t0);
        }
        project.close();
        return {
          ours: median(ours),
          peer: median(peers),
          note: `${drawn} pictures of ${packs.length} packs, ${(bytes / 1024).toFixed(0)} kB of PNG; median of ${RUNS} (first ${ours[0]!.toFixed(0)} ms, shapes read) and of 3 Chromium runs`,
        };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
};
