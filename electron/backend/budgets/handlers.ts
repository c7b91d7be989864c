// Handlers for wards, proxies, partners, spend lines and imports.
import { importBudgets, inspectFile } from './import';
import { changingLines } from '../mapping/allocation';
import { historyState, step } from '../history/service';
import { deleteLines, lineTotals, listLines, writeLines } from './lines';
import { mappingRepaint } from '../mapping/service';
import { projectCounts } from '../project/handlers';
import { proxyTable, wardList } from '../proxies/service';
import type { Registry } from '../registry';
import { listPartners } from './partners';

export function registerBudgetHandlers(r: Registry): void {
  r.register('wards.list', (_i, { session }) => wardList(session.requireProject()));
  r.register('proxies.table', (_i, { session }) => proxyTable(session.requireProject()));

  r.register('partners.list', (_i, { session }) => listPartners(session.requireProject()));
  r.register('budgets.page', (q, { session }) => listLines(session.requireProject(), q));
  r.register('budgets.write', ({ writes, source, afterId, repaint }, { session }) => {
    const project = session.requireProject();
    const lines = changingLines(
      project,
      () =>
        writeLines(project, writes, {
          source: source ?? 'budgets grid',
          ...(source?.startsWith('paste') ? { defaultConfidenceReason: `Pasted into the budgets grid on ${new Date().toLocaleDateString('en-GB')}` } : {}),
          afterId,
        }),
      (written) => written.map((l) => l.id),
    );
    if (repaint?.screen === 'budgets') return { lines, budgets: { ...lineTotals(project, repaint), project: projectCounts(project) } };
    if (repaint?.screen === 'mapping') return { lines, mapping: mappingRepaint(project, lines.map((l) => l.id), repaint) };
    return { lines };
  });
  r.register('budgets.delete', ({ ids }, { session }) => {
    const project = session.requireProject();
    return { deleted: changingLines(project, () => deleteLines(project, ids, 'budgets grid'), () => ids) };
  });

  r.register('imports.inspect', (input, { session }) => inspectFile(session.requireProject(), input));
  r.register('imports.budgets', (input, ctx) => importBudgets(ctx.session.requireProject(), input, ctx));

  r.register('history.state', (_i, { session }) => historyState(session.requireProject()));
  for (const dir of ['undo', 'redo'] as const) {
    r.register(`history.${dir}`, (_i, { session }) => {
      const project = session.requireProject();
      const r2 = changingLines(project, () => step(project, dir), (s) => s.lines);
      return { ...historyState(project), done: r2.label };
    });
  }
}
