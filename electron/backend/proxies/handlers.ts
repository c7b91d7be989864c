// Handlers for the ward table and its proxies (reference and custom).
import type { Registry } from '../registry';
import { deleteProxy, importProxy } from './import';
import { proxyTable, wardList } from './service';

export function registerProxyHandlers(r: Registry): void {
  r.register('wards.list', (_i, { session }) => wardList(session.requireProject()));
  r.register('proxies.table', (_i, { session }) => proxyTable(session.requireProject()));
  r.register('proxies.import', (input, { session }) => importProxy(session.requireProject(), input));
  r.register('proxies.delete', ({ name }, { session }) => {
    deleteProxy(session.requireProject(), name);
    return { deleted: true };
  });
}
