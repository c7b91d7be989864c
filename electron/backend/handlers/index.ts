// The one registry every host calls.
import { registerBudgetHandlers } from './budgets';
import { registerMappingHandlers } from './mapping';
import { registerProjectHandlers } from './project';
import { Registry } from './registry';

export function createRegistry(): Registry {
  const r = new Registry();
  registerProjectHandlers(r);
  registerBudgetHandlers(r);
  registerMappingHandlers(r);
  const missing = r.missing();
  if (missing.length) throw new Error(`contract methods without a handler: ${missing.join(', ')}`);
  return r;
}
