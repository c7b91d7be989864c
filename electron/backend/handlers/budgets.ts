// Handlers for wards, proxies, partners, spend lines and imports.
import { importBudgets, inspectFile } from '../imports/budgets';
import { changingLines } from '../services/allocation';
import { historyState, step } from '../services/history';
import { deleteLines, lineTotals, listLines, writeLines } from '../services/lines';
import { withFocus } from '../services/line-filter';
import { mappingRepaint } from '../services/mapping';
import { projectCounts } from './project';
import { proxyTable, wardList } from '../services/proxies';
import type { Registry } from './registry';
import { listPartners } from '../services/partners';
import { withAgreement } from '../services/agreement-view';

export function registerBudgetHandlers(r: Registry): void {
  r.register('wards.list', (_i, { session }) => wardList(session.requireProject()));
  r.register('proxies.table', (_i, { session }) => proxyTable(session.requireProject()));

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
          ...(source?.startsWith('paste') ? { defaultConfidenceReason: `Pasted into the budgets grid on ${new Date().toLocaleDateString('en-GB')}` } : {}),
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

  r.register('history.state', (_i, { session }) => historyState(session.requireProject()));
  for (const dir of ['undo', 'redo'] as const) {
    r.register(`history.${dir}`, (_i, { session }) => {
      const project = session.requireProject();
      const r2 = changingLines(project, () => step(project, dir), (s) => s.lines);
      return { ...historyState(project), done: r2.label };
    });
  }
}
