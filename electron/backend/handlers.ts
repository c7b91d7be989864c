// The one registry every host calls: each domain folder registers its own contract
// section. A domain (its schemas, handlers and everything they import) loads on the first
// call to one of its methods: the CLI's allocate builds two domains of thirteen.
import { Registry, type DomainLoaders } from './registry';

const DOMAIN_HANDLERS: DomainLoaders = {
  project: async () => {
    const [{ projectMethods }, { registerProjectHandlers }] = await Promise.all([import('../../shared/contract/project'), import('./project/handlers')]);
    return { methods: projectMethods, register: registerProjectHandlers };
  },
  reference: async () => {
    const [{ referenceMethods }, { registerReferenceHandlers }] = await Promise.all([import('../../shared/contract/reference'), import('./reference/handlers')]);
    return { methods: referenceMethods, register: registerReferenceHandlers };
  },
  budgets: async () => {
    const [{ budgetMethods }, { registerBudgetHandlers }] = await Promise.all([import('../../shared/contract/budgets'), import('./budgets/handlers')]);
    return { methods: budgetMethods, register: registerBudgetHandlers };
  },
  proxies: async () => {
    const [{ proxyMethods }, { registerProxyHandlers }] = await Promise.all([import('../../shared/contract/proxies'), import('./proxies/handlers')]);
    return { methods: proxyMethods, register: registerProxyHandlers };
  },
  neighbourhoods: async () => {
    const [{ neighbourhoodMethods }, { registerNeighbourhoodHandlers }] = await Promise.all([
      import('../../shared/contract/neighbourhoods'),
      import('./neighbourhoods/handlers'),
    ]);
    return { methods: neighbourhoodMethods, register: registerNeighbourhoodHandlers };
  },
  mapping: async () => {
    const [{ mappingMethods }, { registerMappingHandlers }] = await Promise.all([import('../../shared/contract/mapping'), import('./mapping/handlers')]);
    return { methods: mappingMethods, register: registerMappingHandlers };
  },
  packs: async () => {
    const [{ packMethods }, { registerPackHandlers }] = await Promise.all([import('../../shared/contract/packs'), import('./packs/handlers')]);
    return { methods: packMethods, register: registerPackHandlers };
  },
  history: async () => {
    const [{ historyMethods }, { registerHistoryHandlers }] = await Promise.all([import('../../shared/contract/history'), import('./history/handlers')]);
    return { methods: historyMethods, register: registerHistoryHandlers };
  },
  workshop: async () => {
    const [{ workshopMethods }, { registerWorkshopHandlers }] = await Promise.all([import('../../shared/contract/workshop'), import('./workshop/handlers')]);
    return { methods: workshopMethods, register: registerWorkshopHandlers };
  },
  'business-case': async () => {
    const [{ cbaMethods }, { registerCbaHandlers }] = await Promise.all([import('../../shared/contract/business-case'), import('./business-case/handlers')]);
    return { methods: cbaMethods, register: registerCbaHandlers };
  },
  maps: async () => {
    const [{ mapMethods }, { registerMapHandlers }] = await Promise.all([import('../../shared/contract/maps'), import('./maps/handlers')]);
    return { methods: mapMethods, register: registerMapHandlers };
  },
  years: async () => {
    const [{ yearsMethods }, { registerYearsHandlers }] = await Promise.all([import('../../shared/contract/years'), import('./years/handlers')]);
    return { methods: yearsMethods, register: registerYearsHandlers };
  },
  audit: async () => {
    const [{ auditMethods }, { registerAuditHandlers }] = await Promise.all([import('../../shared/contract/audit'), import('./audit/handlers')]);
    return { methods: auditMethods, register: registerAuditHandlers };
  },
};

// Every contract method has a handler: test/backend/registry.test.ts checks r.missing().
export function createRegistry(): Registry {
  return new Registry(DOMAIN_HANDLERS);
}
