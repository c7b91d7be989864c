// Handlers for ward maps.
import type { Registry } from '../registry';
import { wardMap } from './service';

export function registerMapHandlers(r: Registry): void {
  r.register('maps.wards', (q, { session }) => wardMap(session.requireProject(), q));
}
