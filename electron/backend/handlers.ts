// The one registry every host calls: each domain folder registers its own contract
// section. A domain (its schemas, handlers and everything they import) loads on the first
// call to one of its methods: the CLI's allocate builds two domains of thirteen.
import { Registry, type DomainHandlers, type DomainLoaders } from './registry';

/** A domain from its contract section and its handlers' module, loaded side by side. */
async function domain<C, H>(contract: Promise<C>, handlers: Promise<H>, pick: (c: C, h: H) => DomainHandlers): Promise<DomainHandlers> {
  const [c, h] = await Promise.all([contract, handlers]);
  return pick(c, h);
}

// Each domain's two import()s are written out so the bundler gives each domain its own chunk.
const DOMAIN_HANDLERS: DomainLoaders = {
  project: () => domain(import('../../shared/contract/project'), import('./project/handlers'), (c, h) => ({ methods: c.projectMethods, register: h.registerProjectHandlers })),
  reference: () => domain(import('../../shared/contract/reference'), import('./reference/handlers'), (c, h) => ({ methods: c.referenceMethods, register: h.registerReferenceHandlers })),
  budgets: () => domain(import('../../shared/contract/budgets'), import('./budgets/handlers'), (c, h) => ({ methods: c.budgetMethods, register: h.registerBudgetHandlers })),
  proxies: () => domain(import('../../shared/contract/proxies'), import('./proxies/handlers'), (c, h) => ({ methods: c.proxyMethods, register: h.registerProxyHandlers })),
  neighbourhoods: () => domain(import('../../shared/contract/neighbourhoods'), import('./neighbourhoods/handlers'), (c, h) => ({ methods: c.neighbourhoodMethods, register: h.registerNeighbourhoodHandlers })),
  mapping: () => domain(import('../../shared/contract/mapping'), import('./mapping/handlers'), (c, h) => ({ methods: c.mappingMethods, register: h.registerMappingHandlers })),
  packs: () => domain(import('../../shared/contract/packs'), import('./packs/handlers'), (c, h) => ({ methods: c.packMethods, register: h.registerPackHandlers })),
  history: () => domain(import('../../shared/contract/history'), import('./history/handlers'), (c, h) => ({ methods: c.historyMethods, register: h.registerHistoryHandlers })),
  workshop: () => domain(import('../../shared/contract/workshop'), import('./workshop/handlers'), (c, h) => ({ methods: c.workshopMethods, register: h.registerWorkshopHandlers })),
  'business-case': () => domain(import('../../shared/contract/business-case'), import('./business-case/handlers'), (c, h) => ({ methods: c.cbaMethods, register: h.registerCbaHandlers })),
  maps: () => domain(import('../../shared/contract/maps'), import('./maps/handlers'), (c, h) => ({ methods: c.mapMethods, register: h.registerMapHandlers })),
  years: () => domain(import('../../shared/contract/years'), import('./years/handlers'), (c, h) => ({ methods: c.yearsMethods, register: h.registerYearsHandlers })),
  audit: () => domain(import('../../shared/contract/audit'), import('./audit/handlers'), (c, h) => ({ methods: c.auditMethods, register: h.registerAuditHandlers })),
};

// Every contract method has a handler: test/backend/registry.test.ts checks r.missing().
export function createRegistry(): Registry {
  return new Registry(DOMAIN_HANDLERS);
}
