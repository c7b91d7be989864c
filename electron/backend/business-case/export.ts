// A proposal's business-case workbook from the project: the engine's figures, the unit
// costs and baseline amounts it used, laid out by workbook.ts; written whole or not at all.
import { resolve } from 'node:path';
import type { Proposal } from '../../../shared/domain/proposal';
import { writeFileAtomic } from '../files';
import type { Project } from '../project/project';
import { findUnitCost } from './unit-costs';
import { cbaContext, evaluate, getProposal } from './proposals';
import { APP_VERSION } from '../version';
import { businessCaseWorkbook, type WorkbookMap } from './workbook';
import { loadExcel } from '../packs/export';

export const workbookFileName = (name: string): string => `Business case - ${name.replace(/[^\p{L}\p{N} _.-]+/gu, '-').trim() || 'proposal'}.xlsx`;

export async function proposalWorkbook(project: Project, p: Proposal): Promise<{ fileName: string; bytes: Buffer; map: WorkbookMap }> {
  const evaluation = evaluate(project, p);
  const ctx = cbaContext(project, p.neighbourhood);
  const unitCosts = p.outcomes.map((o) => {
    if (o.unit_cost_code) {
      const u = findUnitCost(o.unit_cost_code)!;
      return { gbp: Number(u.cost_gbp), priceYear: u.price_year };
    }
    return { gbp: o.unit_cost_gbp!, priceYear: o.price_year! };
  });
  const drawnPence = p.draws_on.map((d) => {
    const a = ctx.lineAmount(d.ref);
    return 'pence' in a ? a.pence : 0;
  });
  const { workbook, map } = businessCaseWorkbook(await loadExcel(), { proposal: p, evaluation, unitCosts, drawnPence, projectName: project.settings().name, version: APP_VERSION });
  const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
  return { fileName: workbookFileName(p.name), bytes, map };
}

/** The workbook of a saved proposal: written to `path` (atomically) or returned as base64. */
export async function exportWorkbook(project: Project, name: string, path?: string) {
  const { fileName, bytes } = await proposalWorkbook(project, getProposal(project, name));
  if (path) {
    const full = resolve(path);
    writeFileAtomic(full, bytes);
    return { fileName, path: full, base64: null, bytes: bytes.length };
  }
  return { fileName, path: null, base64: bytes.toString('base64'), bytes: bytes.length };
}
