// Which domain answers each contract method, and whether it is a query or a command,
// without building a single schema: hosts route and queue calls by name from this, and
// a domain's schemas and handlers load when one of its methods is first called (a CLI
// command starts without building the other twelve domains). The types tie it to the
// contract sections: a method missing, misplaced or of the wrong kind does not compile.
import type { z } from 'zod';
import type { auditMethods } from './audit';
import type { budgetMethods } from './budgets';
import type { cbaMethods } from './business-case';
import type { historyMethods } from './history';
import type { mapMethods } from './maps';
import type { mappingMethods } from './mapping';
import type { MethodName } from './methods';
import type { neighbourhoodMethods } from './neighbourhoods';
import type { packMethods } from './packs';
import type { projectMethods } from './project';
import type { proxyMethods } from './proxies';
import type { referenceMethods } from './reference';
import type { workshopMethods } from './workshop';
import type { yearsMethods } from './years';

/**
 * A method's kind: a `command` may change the open project (or which project is open),
 * so the dispatcher tells every window after it succeeds; a `query` only reads.
 */
export type MethodKind = 'query' | 'command';
export interface MethodSpec {
  kind: MethodKind;
  input: z.ZodType;
  output: z.ZodType;
}

/** The contract's sections, by the backend folder that answers them. */
export interface Sections {
  project: typeof projectMethods;
  reference: typeof referenceMethods;
  budgets: typeof budgetMethods;
  proxies: typeof proxyMethods;
  neighbourhoods: typeof neighbourhoodMethods;
  mapping: typeof mappingMethods;
  packs: typeof packMethods;
  history: typeof historyMethods;
  workshop: typeof workshopMethods;
  'business-case': typeof cbaMethods;
  maps: typeof mapMethods;
  years: typeof yearsMethods;
  audit: typeof auditMethods;
}
export type Domain = keyof Sections;

type Index = { [D in Domain]: { [M in keyof Sections[D]]: Sections[D][M] extends { kind: infer K } ? K : never } };

const DOMAIN_METHODS = {
  project: {
    'app.info': 'query',
    'app.cancel': 'query',
    'host.dialog': 'query',
    'project.create': 'command',
    'project.open': 'command',
    'project.openDemo': 'command',
    'project.close': 'command',
    'project.current': 'query',
    'project.recent': 'query',
    'project.suggestPath': 'query',
  },
  reference: { 'reference.packs': 'query', 'reference.authorities': 'query' },
  budgets: {
    'partners.list': 'query',
    'budgets.page': 'query',
    'budgets.write': 'command',
    'budgets.delete': 'command',
    'imports.inspect': 'query',
    'imports.budgets': 'command',
  },
  proxies: { 'wards.list': 'query', 'proxies.table': 'query', 'proxies.import': 'command', 'proxies.delete': 'command' },
  neighbourhoods: { 'neighbourhoods.save': 'command', 'neighbourhoods.delete': 'command' },
  mapping: {
    'mapping.page': 'query',
    'mapping.rows': 'query',
    'mapping.allocate': 'query',
    'summary.neighbourhood': 'query',
    'direct.import': 'command',
    'direct.get': 'query',
    'direct.set': 'command',
  },
  packs: { 'packs.plan': 'query', 'packs.export': 'query', 'packs.review': 'query', 'packs.apply': 'command' },
  history: { 'history.state': 'query', 'history.undo': 'command', 'history.redo': 'command' },
  workshop: { 'workshop.view': 'query', 'workshop.pdf': 'query', 'workshop.apply': 'command' },
  'business-case': {
    'cba.unitCosts': 'query',
    'cba.list': 'query',
    'cba.get': 'query',
    'cba.save': 'command',
    'cba.delete': 'command',
    'cba.import': 'command',
    'cba.export': 'query',
    'cba.evaluate': 'query',
    'cba.workbook': 'query',
  },
  maps: { 'maps.wards': 'query' },
  years: { 'years.rollForward': 'query', 'years.convert': 'query', 'years.compare': 'query' },
  audit: { 'audit.list': 'query', 'audit.count': 'query', 'audit.csv': 'query' },
} as const satisfies Index;

/** Every method named here: the contract (methods.ts) must have each. */
export type IndexedName = { [D in Domain]: keyof (typeof DOMAIN_METHODS)[D] }[Domain];

interface Entry {
  domain: Domain;
  kind: MethodKind;
}
const INDEX = new Map<string, Entry>(
  Object.entries(DOMAIN_METHODS).flatMap(([domain, names]) => Object.entries(names).map(([name, kind]) => [name, { domain: domain as Domain, kind }] as const)),
);

export const DOMAINS = Object.keys(DOMAIN_METHODS) as Domain[];
export const METHOD_NAMES = [...INDEX.keys()] as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return INDEX.has(name);
}

export function methodKind(name: MethodName): MethodKind {
  return INDEX.get(name)!.kind;
}

export function domainOf(name: MethodName): Domain {
  return INDEX.get(name)!.domain;
}

/**
 * Methods a host runs at once rather than behind the call in progress: cancelling it,
 * and printing a PDF (the page being printed calls back into the backend while the
 * print call waits). Neither writes to the project.
 */
export const UNQUEUED_METHODS: readonly MethodName[] = ['app.cancel', 'workshop.pdf'];
