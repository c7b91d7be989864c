// Convert (issue 15 item 5): the open project on another ward vintage, written to a new
// file. The pure conversion is shared/engine/convert; this reads the project for it and
// writes its answer: the new pack's wards and standard proxies, custom proxies converted
// (marked), direct figures per line to the penny, site lines moved and flagged for
// review, neighbourhoods mapped. A refusal names the old ward and writes nothing.
import { basename } from 'node:path';
import { AppError } from '../../../shared/contract/result';
import { convertWards } from '../../../shared/engine/convert/convert';
import type { Project } from '../project/project';
import { authorityWards, loadPack } from '../reference/packs';
import { authorityCrosswalk } from '../reference/shapes';
import { listNeighbourhoods } from '../neighbourhoods/service';
import { writeAudit } from '../audit/log';
import { clearSiteWards, siteLines, siteMover } from '../budgets/lines-store';
import { clearWardFigures, wardFigureInserter, wardFiguresWithRefs } from '../mapping/direct-figures-store';
import { addProxyValues, clearProxyValues, customProxies, deleteStandardProxies, markProxyConverted, proxyWardValues, writePackProxies } from '../proxies/proxies-store';
import { addNeighbourhoodWards, clearNeighbourhoodWards } from '../neighbourhoods/neighbourhoods-store';
import { clearHistory } from '../history/history-store';
import { addWards, clearWards, setProjectPack } from '../project/project-store';
import { writeSuccessor } from './store';

export function siteNote(from: string, to: string, fromPack: string, toPack: string): string {
  return `site ward ${from} (${fromPack}) became ${to} (${toPack}), the new ward with its largest share — to review`;
}

export function convertProject(project: Project, input: { pack: string; out: string; force?: boolean | undefined }) {
  const s = project.settings();
  if (input.pack === s.packId) throw new AppError('INPUT', `--pack: the project is already on ${s.packId}. Name another ward vintage.`);
  const { file, authority } = authorityCrosswalk(s.packId, input.pack, s.ladCode);
  const pack = loadPack(input.pack);
  const { wards } = authorityWards(input.pack, s.ladCode);
  const db = project.db;

  const custom = customProxies(db);
  const figures = wardFiguresWithRefs(db);
  const direct = new Map<number, { ref: string; figures: Record<string, number>; year: string | null }>();
  for (const f of figures) {
    const d = direct.get(f.id) ?? (direct.set(f.id, { ref: f.ref, figures: {}, year: f.year }), direct.get(f.id)!);
    d.figures[f.w] = f.p;
  }
  const sites = siteLines(db);
  const neighbourhoods = listNeighbourhoods(project);

  const result = convertWards({
    crosswalk: authority,
    newWards: wards.map((w) => w.code),
    customProxies: custom.map((p) => ({ name: p.name, values: proxyWardValues(db, p.id) })),
    directLines: [...direct.values()].map((d) => ({ ref: d.ref, figures: d.figures })),
    siteLines: sites.map((x) => ({ ref: x.ref, ward: x.ward })),
    neighbourhoods: neighbourhoods.map((n) => ({ name: n.name, wards: n.wards })),
  });
  if (!result.ok) throw new AppError('INPUT', result.message, { ward: result.ward });
  const c = result.value;

  const path = writeSuccessor(project, input.out, input.force ?? false, (t) => {
    // Everything that names an old ward goes, then comes back on the new wards.
    clearProxyValues(t);
    clearWardFigures(t);
    clearNeighbourhoodWards(t);
    clearSiteWards(t);
    clearWards(t);
    clearHistory(t);
    addWards(t, wards);
    setProjectPack(t, pack);

    deleteStandardProxies(t);
    const standard = writePackProxies(t, pack, wards);
    custom.forEach((p, i) => {
      markProxyConverted(t, p.id, standard + i, s.packId);
      addProxyValues(t, p.id, Object.entries(c.customProxies[i]!.values));
    });

    const insertFigure = wardFigureInserter(t);
    [...direct].forEach(([id, d], i) => {
      for (const [w, p] of Object.entries(c.directLines[i]!.figures)) insertFigure(id, w, p, d.year);
    });
    const moveSite = siteMover(t);
    sites.forEach((x, i) => moveSite(x.id, c.siteLines[i]!.ward, siteNote(x.ward, c.siteLines[i]!.ward, s.packId, pack.id)));
    neighbourhoods.forEach((n, i) => addNeighbourhoodWards(t, n.id, c.neighbourhoods[i]!.newWards));
    writeAudit(t, [
      {
        action: 'convert',
        entity: 'project',
        note: `Converted ${basename(project.path)} from ${s.packId} to ${pack.id} (${file.method.slice(0, 200)}): ${wards.length} wards, ${custom.length} custom proxies, ${direct.size} lines with direct figures, ${sites.length} site lines to review`,
      },
    ]);
  });
  return {
    path,
    fileName: basename(path),
    from: s.packId,
    to: pack.id,
    wards: wards.length,
    report: c.report.map((r) => ({ oldWard: r.oldWard, newWard: r.newWard, weight: r.weight, share: r.share })),
    neighbourhoods: c.neighbourhoods.map((n) => ({ name: n.name, oldWards: n.oldWards, newWards: n.newWards })),
    siteLines: c.siteLines,
  };
}
