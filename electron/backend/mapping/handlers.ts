// Handlers for the Mapping screen: allocated lines, neighbourhood summaries, direct ward figures.
import type { Registry } from '../registry';
import { allocateAll, mappingPage, mappingRows, neighbourhoodDetail } from './service';

// Loaded on first use: with the file readers it imports, more than the split itself needs.
const direct = () => import('./direct');

export function registerMappingHandlers(r: Registry): void {
  r.register('mapping.page', (q, { session }) => mappingPage(session.requireProject(), q));
  r.register('mapping.rows', ({ ids, neighbourhood }, { session }) => mappingRows(session.requireProject(), ids, neighbourhood));
  r.register('mapping.allocate', (_i, { session }) => allocateAll(session.requireProject()));
  r.register('summary.neighbourhood', ({ name }, { session }) => neighbourhoodDetail(session.requireProject(), name));

  r.register('direct.import', async (input, { session }) => (await direct()).importDirect(session.requireProject(), input));
  r.register('direct.get', async ({ lineId }, { session }) =>
    [...(await direct()).directFigures(session.requireProject(), lineId)].map(([ward, amountPence]) => ({ ward, amountPence })),
  );
  r.register('direct.set', async ({ lineId, figures }, { session }) => ({ mismatch: (await direct()).setDirectFigures(session.requireProject(), lineId, figures) }));
}
