// Writes one pack (a partner's, or a neighbourhood's) as an in-memory workbook (xlsx/):
// Read me, Lines, Proxies, Allocation (live formulas), Neighbourhood, and two hidden
// sheets (validation lists; the pack's identity and what was exported).
//
// Formulas (docs/method.md, "Packs"): plain per-row formulas, Excel 2007 functions
// only, each written with its cached result. Money results are the engine's pence;
// the working (weights, Σ weight, leftover pennies) is what Excel computes in doubles,
// evaluated here in the same order (model.ts emulate()).
import { SHEETS } from './layout';
import type { PackModel } from './model';
import type { PackSpec } from './sheets/cells';
import { writeAllocation } from './sheets/allocation';
import { writeLines } from './sheets/lines';
import { writeLists, writeMeta } from './sheets/lists';
import { writePartnerNeighbourhoods, writeNeighbourhoodSummary } from './sheets/neighbourhood';
import { defineRangeNames, Layout } from './sheets/positions';
import { writeProxies } from './sheets/proxies';
import { writeReadMe } from './sheets/read-me';
import { writeWorking } from './sheets/working';
import { Book } from './xlsx/book';

export type { PackSpec } from './sheets/cells';
export { lineNote } from './sheets/lines';

export function buildWorkbook(model: PackModel, spec: PackSpec): Book {
  const wb = new Book();
  wb.creator = `Spendmap ${model.version}`;
  wb.created = model.exportedAt;
  wb.title = spec.kind === 'partner' ? `${spec.subject}: spend in ${model.project.ladName}` : `${spec.subject}: neighbourhood spend`;
  const layout = new Layout(model, spec);

  const readMe = wb.addWorksheet(SHEETS.readMe, { tabColor: 'FF1F3864' });
  const lines = wb.addWorksheet(SHEETS.lines);
  const proxies = wb.addWorksheet(SHEETS.proxies);
  const allocation = wb.addWorksheet(SHEETS.allocation);
  const neighbourhood = wb.addWorksheet(SHEETS.neighbourhood);
  const working = layout.live ? wb.addWorksheet(SHEETS.working) : null;
  const lists = wb.addWorksheet(SHEETS.lists, { state: 'hidden' });
  const meta = wb.addWorksheet(SHEETS.meta, { state: 'veryHidden' });

  defineRangeNames(wb, layout);
  writeLists(wb, lists, model);
  writeMeta(wb, meta, model, spec, layout);
  writeReadMe(readMe, model, spec);
  writeLines(lines, spec, layout);
  writeProxies(proxies, model, spec, layout);
  writeAllocation(allocation, model, spec, layout);
  if (working) writeWorking(working, model, spec, layout);
  if (spec.kind === 'partner') writePartnerNeighbourhoods(neighbourhood, model, spec, layout);
  else writeNeighbourhoodSummary(neighbourhood, model, spec, layout);
  return wb;
}
