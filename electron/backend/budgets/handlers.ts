// Handlers for partners, spend lines and budget imports.
import { changingLines } from '../mapping/allocation';
import { mappingRepaint } from '../mapping/service';
import { projectCounts } from '../project/info';
import type { Registry } from '../registry';
import { importBudgets, inspectFile } from './import';
import { deleteLines, lineTotals, listLines, writeLines } from './lines';
import { listPartners } from './partners';
import { withFocus } from './line-filter';
import { withAgreement } from '../packs/agreement-view';

export function registerBudgetHandlers(r: Registry): void {
  r.register('partners.list', (_i, { session }) => listPartners(session.requireProject()));
  r.register('budgets.page', (q, { session }) => {
    const project = session.requireProject();
    const page = listLines(project, withFocus(project, q));
    return { ...page, rows: withAgreement(project, page.rows) };
  });
  r.register('budgets.write', ({ writes, source, afterId, repaint }, { session }) => {
    const project = session.requireProject();
    const lines = withAgreement(project, changingLines(
      project,
      () =>
        writeLines(project, writes, {
          source: source ?? 'budgets grid',
          ...(source?.startsWith('paste') ? { defaultConfidenceReason: `Pasted into the ${repaint?.screen === 'mapping' ? 'Mapping' : 'budgets'} grid on ${new Date().toLocaleDateString('en-GB')}` } : {}),
          afterId,
        }),
      (written) => written.map((l) => l.id),
    ));
    if (repaint?.screen === 'budgets') return { lines, budgets: { ...lineTotals(project, withFocus(project, repaint)), project: projectCounts(project) } };
    if (repaint?.screen === 'mapping') return { lines, mapping: mappingRepaint(project, lines.map((l) => l.id), repaint) };
    return { lines };
  });
  r.register('budgets.delete', ({ ids }, { session }) => {
    const project = session.requireProject();
    return { deleted: changingLines(project, () => deleteLines(project, ids, 'budgets grid'), () => ids) };
  });

  r.register('imports.inspect', (input, { session }) => inspectFile(session.requireProject(), input));
  r.register('imports.budgets', (input, ctx) => importBudgets(ctx.session.requireProject(), input, ctx));
}
