// Handlers for custom proxies, neighbourhoods and direct ward figures.
import { AppError } from '../../../shared/contract/result';
import { directFigures, importDirect, setDirectFigures } from './direct';
import { deleteProxy, importProxy } from '../proxies/import';
import { allocateAll, mappingPage, mappingRows, neighbourhoodDetail } from './service';
import { findNeighbourhood, listNeighbourhoods, saveNeighbourhood } from '../neighbourhoods/service';
import { safeFileName } from '../project/handlers';
import { writeAudit } from '../audit/log';
import { applyWhatIf, workshopView } from '../workshop/service';
import type { Registry } from '../registry';
import { matchKey } from '../../../shared/domain/fields';

export function registerMappingHandlers(r: Registry): void {
  r.register('proxies.import', (input, { session }) => importProxy(session.requireProject(), input));
  r.register('proxies.delete', ({ name }, { session }) => {
    deleteProxy(session.requireProject(), name);
    return { deleted: true };
  });

  r.register('neighbourhoods.save', ({ name, wards }, { session }) => saveNeighbourhood(session.requireProject(), name, wards));
  r.register('neighbourhoods.delete', ({ name }, { session }) => {
    const project = session.requireProject();
    const n = listNeighbourhoods(project).find((x) => matchKey(x.name) === matchKey(name));
    if (!n) throw new AppError('NOT_FOUND', `There is no neighbourhood "${name}".`);
    project.tx(() => {
      project.db.prepare('DELETE FROM neighbourhoods WHERE id = ?').run(n.id);
      writeAudit(project.db, [{ action: 'delete', entity: 'neighbourhood', entityId: n.id, oldValue: n.wards, note: n.name }]);
    });
    return { deleted: true };
  });

  r.register('mapping.page', (q, { session }) => mappingPage(session.requireProject(), q));
  r.register('mapping.rows', ({ ids, neighbourhood }, { session }) => mappingRows(session.requireProject(), ids, neighbourhood));
  r.register('mapping.allocate', (_i, { session }) => allocateAll(session.requireProject()));
  r.register('summary.neighbourhood', ({ name }, { session }) => neighbourhoodDetail(session.requireProject(), name));

  r.register('workshop.view', ({ neighbourhood, whatIf, withLines }, { session }) =>
    workshopView(session.requireProject(), neighbourhood, whatIf, withLines ?? true),
  );
  r.register('workshop.pdf', async ({ neighbourhood, whatIf, largeText }, { session }) => {
    const project = session.requireProject();
    const n = findNeighbourhood(project, neighbourhood);
    if (!session.options.printPdf) throw new AppError('INTERNAL', 'This host cannot print PDFs; print the Workshop screen from your browser instead.');
    const hash = new URLSearchParams({ print: 'workshop', neighbourhood: n.name });
    if (whatIf && (whatIf.lines.length || whatIf.partners.length)) hash.set('whatif', JSON.stringify(whatIf));
    if (largeText) hash.set('large', '1');
    const pdf = await session.options.printPdf(hash.toString());
    const date = new Date().toISOString().slice(0, 10);
    return { fileName: `${safeFileName(`${project.settings().name} - ${n.name} - workshop summary - ${date}`)}.pdf`, base64: pdf.toString('base64') };
  });
  r.register('workshop.apply', ({ whatIf }, { session }) => ({ saved: applyWhatIf(session.requireProject(), whatIf) }));

  r.register('direct.import', (input, { session }) => importDirect(session.requireProject(), input));
  r.register('direct.get', ({ lineId }, { session }) =>
    [...directFigures(session.requireProject(), lineId)].map(([ward, amountPence]) => ({ ward, amountPence })),
  );
  r.register('direct.set', ({ lineId, figures }, { session }) => ({ mismatch: setDirectFigures(session.requireProject(), lineId, figures) }));
}
