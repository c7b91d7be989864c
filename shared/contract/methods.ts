// The API contract: every backend method's name and its input and output schemas, one
// section per domain (beside the backend's folder of the same name), gathered here.
// Every host validates input with these; the renderer's client is typed from them.
import { z } from 'zod';
import { auditMethods } from './audit';
import { budgetMethods } from './budgets';
import { cbaMethods } from './business-case';
import { historyMethods } from './history';
import { mapMethods } from './maps';
import { mappingMethods } from './mapping';
import { neighbourhoodMethods } from './neighbourhoods';
import { packMethods } from './packs';
import { projectMethods } from './project';
import { proxyMethods } from './proxies';
import { referenceMethods } from './reference';
import { workshopMethods } from './workshop';
import { yearsMethods } from './years';

export { columnMapping, fileInput, projectInfo, spendLine, type ColumnMapping, type FileInput, type ProjectInfo } from './schemas';

/**
 * A method's kind: a `command` may change the open project (or which project is open),
 * so the dispatcher tells every window after it succeeds; a `query` only reads.
 */
export type MethodKind = 'query' | 'command';
interface MethodSpec {
  kind: MethodKind;
  input: z.ZodType;
  output: z.ZodType;
}

export const methods = {
  ...projectMethods,
  ...referenceMethods,
  ...budgetMethods,
  ...proxyMethods,
  ...neighbourhoodMethods,
  ...mappingMethods,
  ...packMethods,
  ...historyMethods,
  ...workshopMethods,
  ...cbaMethods,
  ...mapMethods,
  ...yearsMethods,
  ...auditMethods,
} as const satisfies Record<string, MethodSpec>;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;

export const METHOD_NAMES = Object.keys(methods) as MethodName[];

/**
 * Methods a host runs at once rather than behind the call in progress: cancelling it,
 * and printing a PDF (the page being printed calls back into the backend while the
 * print call waits). Neither writes to the project.
 */
export const UNQUEUED_METHODS: readonly MethodName[] = ['app.cancel', 'workshop.pdf'];

export function methodKind(name: MethodName): MethodKind {
  return methods[name].kind;
}

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name);
}

export { EVENT_NAMES, type ChangedEvent, type EventName, type ProgressEvent } from './events';

export { problem as problemSchema } from './schemas';
