// The one registry every host calls.
import { registerMapHandlers } from './maps/handlers';
import { registerAuditHandlers } from './audit/handlers';
import { registerBudgetHandlers } from './budgets/handlers';
import { registerCbaHandlers } from './business-case/handlers';
import { registerMappingHandlers } from './mapping/handlers';
import { registerPackHandlers } from './packs/handlers';
import { registerProjectHandlers } from './project/handlers';
import { Registry } from './registry';
import { registerYearsHandlers } from './years/handlers';

export function createRegistry(): Registry {
  const r = new Registry();
  registerProjectHandlers(r);
  registerBudgetHandlers(r);
  registerMappingHandlers(r);
  registerPackHandlers(r);
  registerCbaHandlers(r);
  registerMapHandlers(r);
  registerYearsHandlers(r);
  registerAuditHandlers(r);
  // Every contract method has a handler: test/backend/registry.test.ts checks r.missing().
  return r;
}
