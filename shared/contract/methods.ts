// The API contract: every backend method's name and its input and output schemas, one
// section per domain (beside the backend's folder of the same name), gathered here.
// Every host validates input with these; the renderer's client is typed from them.
// Which domain answers a method, and its kind, is in method-index.ts (no schemas built).
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
import type { IndexedName, MethodSpec } from './method-index';

export { columnMapping, fileInput, projectInfo, spendLine, type ColumnMapping, type FileInput, type ProjectInfo } from './schemas';

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
} as const satisfies Record<string, MethodSpec> & Record<IndexedName, MethodSpec>;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;

export { isMethodName, methodKind, METHOD_NAMES, UNQUEUED_METHODS, type MethodKind, type MethodSpec } from './method-index';

export { EVENT_NAMES, type ChangedEvent, type EventName, type ProgressEvent } from './events';

export { problem as problemSchema } from './schemas';
