// Handlers for the business case (issue 17): proposals, their evaluation, the unit
// cost database and the workbook.
import { AppError } from '../../../shared/contract/result';
import { exportWorkbook } from './export';
import { deleteProposal, evaluate, exportProposal, getProposal, importProposal, listProposals, readProposalFile, saveProposal, unitCostSearch, validProposal } from './proposals';
import type { Registry } from '../registry';

export function registerCbaHandlers(r: Registry): void {
  // The picker lives inside a project, like every screen but Start.
  r.register('cba.unitCosts', (q, { session }) => (session.requireProject(), unitCostSearch(q)));
  r.register('cba.list', (_i, { session }) => listProposals(session.requireProject()));
  r.register('cba.get', ({ name }, { session }) => getProposal(session.requireProject(), name));
  r.register('cba.save', ({ proposal, previousName }, { session }) => {
    const project = session.requireProject();
    const summary = saveProposal(project, proposal, { previousName, source: 'Business case screen' });
    return { summary, evaluation: evaluate(project, getProposal(project, summary.name)) };
  });
  r.register('cba.delete', ({ name }, { session }) => ({ deleted: deleteProposal(session.requireProject(), name, 'Business case screen') }));
  r.register('cba.import', ({ file }, { session }) => importProposal(session.requireProject(), file));
  r.register('cba.export', ({ name }, { session }) => exportProposal(session.requireProject(), name));
  r.register('cba.evaluate', (input, { session }) => {
    const project = session.requireProject();
    const given = [input.name, input.file, input.proposal].filter((x) => x !== undefined).length;
    if (given !== 1) throw new AppError('VALIDATION', 'Invalid input for cba.evaluate: give exactly one of name, file or proposal.');
    if (input.name !== undefined) return evaluate(project, getProposal(project, input.name));
    if (input.file !== undefined) {
      const { fileName, json } = readProposalFile(input.file);
      return evaluate(project, validProposal(json, fileName), fileName);
    }
    return evaluate(project, validProposal(input.proposal));
  });
  r.register('cba.workbook', ({ name, path }, { session }) => exportWorkbook(session.requireProject(), name, path));
}
