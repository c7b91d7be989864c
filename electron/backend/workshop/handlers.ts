// Handlers for the Workshop screen: the neighbourhood view, its what-if, its PDF.
import { AppError } from '../../../shared/contract/result';
import { findNeighbourhood } from '../neighbourhoods/service';
import { safeFileName } from '../project/info';
import type { Registry } from '../registry';
import { applyWhatIf, workshopView } from './service';
import { getProposal } from '../business-case/proposals';

export function registerWorkshopHandlers(r: Registry): void {
  r.register('workshop.view', ({ neighbourhood, whatIf, withLines }, { session }) =>
    workshopView(session.requireProject(), neighbourhood, whatIf, withLines ?? true),
  );
  r.register('workshop.pdf', async ({ neighbourhood, whatIf, largeText, proposal, proposalWhatIf }, { session }) => {
    const project = session.requireProject();
    const n = findNeighbourhood(project, neighbourhood);
    if (!session.options.printPdf) throw new AppError('INTERNAL', 'This host cannot print PDFs; print the Workshop screen from your browser instead.');
    const hash = new URLSearchParams({ print: 'workshop', neighbourhood: n.name });
    if (whatIf && (whatIf.lines.length || whatIf.partners.length)) hash.set('whatif', JSON.stringify(whatIf));
    if (largeText) hash.set('large', '1');
    // Refused here, by name, rather than as a print page that never says it is ready.
    if (proposal) hash.set('proposal', getProposal(project, proposal).name);
    if (proposal && proposalWhatIf) hash.set('cbawhatif', JSON.stringify(proposalWhatIf));
    const pdf = await session.options.printPdf(hash.toString());
    const date = new Date().toISOString().slice(0, 10);
    return { fileName: `${safeFileName(`${project.settings().name} - ${n.name} - workshop summary - ${date}`)}.pdf`, base64: pdf.toString('base64') };
  });
  r.register('workshop.apply', ({ whatIf }, { session }) => ({ saved: applyWhatIf(session.requireProject(), whatIf) }));
}
