// Handlers for the Mapping screen: allocated lines, neighbourhood summaries, direct ward figures.
import type { Registry } from '../registry';
import { directFigures, importDirect, setDirectFigures } from './direct';
import { allocateAll, mappingPage, mappingRows, neighbourhoodDetail } from './service';

export function registerMappingHandlers(r: Registry): void {
  r.register('mapping.page', (q, { session }) => mappingPage(session.requireProject(), q));
  r.register('mapping.rows', ({ ids, neighbourhood }, { session }) => mappingRows(session.requireProject(), ids, neighbourhood));
  r.register('mapping.allocate', (_i, { session }) => allocateAll(session.requireProject()));
  r.register('summary.neighbourhood', ({ name }, { session }) => neighbourhoodDetail(session.requireProject(), name));

  r.register('direct.import', (input, { session }) => importDirect(session.requireProject(), input));
  r.register('direct.get', ({ lineId }, { session }) =>
    [...directFigures(session.requireProject(), lineId)].map(([ward, amountPence]) => ({ ward, amountPence })),
  );
  r.register('direct.set', ({ lineId, figures }, { session }) => ({ mismatch: setDirectFigures(session.requireProject(), lineId, figures) }));
}
