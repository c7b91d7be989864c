// The one registry every host calls: each domain folder registers its own contract section.
import { registerAuditHandlers } from './audit/handlers';
import { registerBudgetHandlers } from './budgets/handlers';
import { registerCbaHandlers } from './business-case/handlers';
import { registerHistoryHandlers } from './history/handlers';
import { registerMapHandlers } from './maps/handlers';
import { registerMappingHandlers } from './mapping/handlers';
import { registerNeighbourhoodHandlers } from './neighbourhoods/handlers';
import { registerPackHandlers } from './packs/handlers';
import { registerProjectHandlers } from './project/handlers';
import { registerProxyHandlers } from './proxies/handlers';
import { registerReferenceHandlers } from './reference/handlers';
import { Registry } from './registry';
import { registerWorkshopHandlers } from './workshop/handlers';
import { registerYearsHandlers } from './years/handlers';

export function createRegistry(): Registry {
  const r = new Registry();
  for (const register of [
    registerProjectHandlers,
    registerReferenceHandlers,
    registerBudgetHandlers,
    registerProxyHandlers,
    registerNeighbourhoodHandlers,
    registerMappingHandlers,
    registerHistoryHandlers,
    registerWorkshopHandlers,
    registerPackHandlers,
    registerCbaHandlers,
    registerMapHandlers,
    registerYearsHandlers,
    registerAuditHandlers,
  ])
    register(r);
  // Every contract method has a handler: test/backend/registry.test.ts checks r.missing().
  return r;
}
