// Handlers for neighbourhoods: named sets of the project's wards.
import type { Registry } from '../registry';
import { deleteNeighbourhood, saveNeighbourhood } from './service';

export function registerNeighbourhoodHandlers(r: Registry): void {
  r.register('neighbourhoods.save', ({ name, wards }, { session }) => saveNeighbourhood(session.requireProject(), name, wards));
  r.register('neighbourhoods.delete', ({ name }, { session }) => ({ deleted: deleteNeighbourhood(session.requireProject(), name) }));
}
