// Handlers for the Mapping screen: allocated lines, neighbourhood summaries, direct ward figures.
import type { Registry } from '../registry';
import { allocateAll } from './allocate';

// Loaded on first use: with the file readers, the lines' writers and the packs' rules
// they import, more than the split itself (mapping.allocate, the CLI's allocate) needs.
const direct = () => import('./direct');
const service = () => import('./service');

export function registerMappingHandlers(r: Registry): void {
  r.register('mapping.page', async (q, { session }) => (await service()).mappingPage(session.requireProject(), q));
  r.register('mapping.rows', async ({ ids, neighbourhood }, { session }) => (await service()).mappingRows(session.requireProject(), ids, neighbourhood));
  r.register('mapping.allocate', (_i, { session }) => allocateAll(session.requireProject()));
  r.register('summary.neighbourhood', async ({ name }, { session }) => (await service()).neighbourhoodDetail(session.requireProject(), name));

  r.register('direct.import', async (input, { session }) => (await direct()).importDirect(session.requireProject(), input));
  r.register('direct.get', async ({ lineId }, { session }) =>
    [...(await direct()).directFigures(session.requireProject(), lineId)].map(([ward, amountPence]) => ({ ward, amountPence })),
  );
  r.register('direct.set', async ({ lineId, figures }, { session }) => ({ mismatch: (await direct()).setDirectFigures(session.requireProject(), lineId, figures) }));
}
