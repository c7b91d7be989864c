// Handlers for the reference packs shipped with the app (wards, populations, authorities).
import type { Registry } from '../registry';
import { listAuthorities, listPacks } from './packs';

export function registerReferenceHandlers(r: Registry): void {
  r.register('reference.packs', () => listPacks().map(({ id, title, wards, authorities }) => ({ id, title, wards, authorities })));
  r.register('reference.authorities', ({ pack }) => listAuthorities(pack));
}
