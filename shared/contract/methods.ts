// The API contract: every backend method's name and its input and output schemas.
// Every host validates input with these; the renderer's client is typed from them.
import { z } from 'zod';
import { auditMethods } from './audit';
import { cbaMethods } from './business-case';
import { historyMethods } from './history';
import { mapMethods } from './maps';
import { mappingMethods, mappingRepaint } from './mapping';
import { packMethods } from './packs';
import { workshopMethods } from './workshop';
import { yearsMethods } from './years';
import { UNITS } from '../domain/types';
import {
  columnMapping,
  empty,
  fileInput,
  lineTexts,
  obj,
  partnerType,
  pence,
  projectInfo,
  spendLine,
} from './schemas';

export { columnMapping, fileInput, projectInfo, spendLine, type ColumnMapping, type FileInput, type ProjectInfo } from './schemas';

const tableOptions = {
  sheet: z.string().max(31).optional(),
  headerRow: z.number().int().min(1).max(1000).optional(),
  /** Read hidden sheets, rows and columns too (else a hidden one holding values is refused). */
  includeHidden: z.boolean().optional(),
};

const coreMethods = {
  'app.info': {
    kind: 'query',
    input: empty,
    output: z.object({
      version: z.string(),
      host: z.enum(['electron', 'web', 'cli', 'test']),
      projectsFolder: z.string(),
      /** The caller as this host names it in change events (so a window can skip its own). */
      origin: z.string().nullable(),
    }),
  },

  'app.cancel': { kind: 'query', input: empty, output: z.object({ cancelled: z.boolean() }) },
  /** A native file dialog: the Electron main process shows it; other hosts have none (path null). */
  'host.dialog': {
    kind: 'query',
    input: obj({ kind: z.enum(['openProject', 'saveProject', 'chooseFolder']) }),
    output: z.object({ path: z.string().nullable() }),
  },

  'reference.packs': {

    kind: 'query',
    input: empty,
    output: z.array(z.object({ id: z.string(), title: z.string(), wards: z.number().int(), authorities: z.number().int() })),
  },
  'reference.authorities': {
    kind: 'query',
    input: obj({ pack: z.string().min(1).max(40) }),
    output: z.array(z.object({ ladCode: z.string(), ladName: z.string(), wards: z.number().int() })),
  },

  'project.create': {

    kind: 'command',
    input: obj({
      path: z.string().min(1).max(4096),
      pack: z.string().min(1).max(40),
      lad: z.string().min(1).max(20),
      year: z.string().min(1).max(20),
      name: z.string().max(200).optional(),
      force: z.boolean().optional(),
    }),
    output: projectInfo,
  },
  'project.open': { kind: 'command', input: obj({ path: z.string().min(1).max(4096) }), output: projectInfo },
  'project.openDemo': { kind: 'command', input: obj({ rebuild: z.boolean().optional() }), output: projectInfo },
  'project.close': { kind: 'command', input: empty, output: z.object({ closed: z.boolean() }) },
  'project.current': { kind: 'query', input: empty, output: projectInfo.nullable() },
  'project.recent': {
    kind: 'query',
    input: empty,
    output: z.array(z.object({ path: z.string(), name: z.string(), openedAt: z.string(), exists: z.boolean() })),
  },
  'project.suggestPath': {
    kind: 'query',
    input: obj({ name: z.string().min(1).max(200) }),
    output: z.object({ path: z.string(), exists: z.boolean() }),
  },

  'wards.list': {

    kind: 'query',
    input: empty,
    output: z.array(z.object({ code: z.string(), name: z.string(), population: z.number().nullable(), imdScore: z.number().nullable() })),
  },
  'proxies.table': {
    kind: 'query',
    input: empty,
    output: z.object({
      proxies: z.array(z.object({ name: z.string(), label: z.string(), source: z.string(), year: z.string(), custom: z.boolean(), missing: z.number().int() })),
      wards: z.array(z.object({ code: z.string(), name: z.string(), values: z.array(z.number().nullable()) })),
    }),
  },

  'proxies.import': {

    kind: 'command',
    input: obj({
      file: fileInput,
      name: z.string().min(1).max(40),
      source: z.string().max(300).optional(),
      year: z.string().max(40).optional(),
      label: z.string().max(80).optional(),
      includeHidden: z.boolean().optional(),
    }),
    output: z.object({ name: z.string(), wards: z.number().int(), missing: z.array(z.string()), fileName: z.string() }),
  },
  'proxies.delete': { kind: 'command', input: obj({ name: z.string().min(1).max(40) }), output: z.object({ deleted: z.boolean() }) },

  'neighbourhoods.save': {
    kind: 'command',
    input: obj({ name: z.string().min(1).max(100), wards: z.array(z.string().max(20)).max(10_000) }),
    output: z.object({ id: z.number().int(), name: z.string(), wards: z.array(z.string()) }),
  },
  'neighbourhoods.delete': { kind: 'command', input: obj({ name: z.string().min(1).max(100) }), output: z.object({ deleted: z.boolean() }) },

  'direct.import': {
    kind: 'command',
    input: obj({ file: fileInput, includeHidden: z.boolean().optional() }),
    output: z.object({
      figures: z.number().int(),
      lines: z.number().int(),
      mismatches: z.array(z.object({ ref: z.string(), linePence: pence, directPence: pence })),
      notDirect: z.array(z.string()),
      fileName: z.string(),
    }),
  },
  'direct.get': {
    kind: 'query',
    input: obj({ lineId: z.number().int() }),
    output: z.array(z.object({ ward: z.string(), amountPence: pence })),
  },
  'direct.set': {
    kind: 'command',
    input: obj({ lineId: z.number().int(), figures: z.array(obj({ ward: z.string().max(20), amount: z.string().max(40) })).max(10_000) }),
    output: z.object({ mismatch: z.object({ ref: z.string(), linePence: pence, directPence: pence }).nullable() }),
  },

  'partners.list': {
    kind: 'query',
    input: empty,
    output: z.array(z.object({ id: z.number().int(), name: z.string(), type: partnerType, lines: z.number().int(), totalPence: pence })),
  },
  'budgets.page': {

    kind: 'query',
    input: obj({
      offset: z.number().int().min(0),
      limit: z.number().int().min(1).max(5000),
      sort: obj({ field: z.string().max(40), dir: z.enum(['asc', 'desc']) }).optional(),
      partner: z.string().max(200).optional(),
      search: z.string().max(200).optional(),
      toConfirm: z.boolean().optional(),
    }),
    output: z.object({ rows: z.array(spendLine), count: z.number().int(), totalPence: pence }),
  },
  'budgets.write': {
    kind: 'command',
    input: obj({
      writes: z
        .array(
          obj({
            id: z.number().int().optional(),
            values: lineTexts,
            confidenceReason: z.string().max(1000).optional(),
            row: z.number().int().min(1).optional(),
          }),
        )
        .min(1)
        .max(100_000),
      source: z.string().max(200).optional(),
      afterId: z.number().int().optional(),
      /** The grid to repaint, with its query: the answer then carries what it shows, so an edit is one round trip. */
      repaint: obj({
        screen: z.enum(['budgets', 'mapping']),
        search: z.string().max(200).optional(),
        neighbourhood: z.string().max(100).optional(),
      }).optional(),
    }),
    output: z.object({
      lines: z.array(spendLine),
      /** budgets: the bottom row (lines shown and their Σ amount) and the whole project's counts. */
      budgets: z
        .object({
          count: z.number().int(),
          totalPence: pence,
          project: z.object({ lines: z.number().int(), partners: z.number().int(), totalPence: pence }),
        })
        .optional(),
      mapping: mappingRepaint.optional(),
    }),
  },
  'budgets.delete': {
    kind: 'command',
    input: obj({ ids: z.array(z.number().int()).min(1).max(100_000) }),
    output: z.object({ deleted: z.number().int() }),
  },

  'imports.inspect': {

    kind: 'query',
    input: obj({ file: fileInput, ...tableOptions, partner: z.string().max(200).optional() }),
    output: z.object({
      fileName: z.string(),
      sheets: z.array(z.string()),
      sheet: z.string().nullable(),
      headerRow: z.number().int(),
      header: z.array(z.string()),
      sample: z.array(z.array(z.string())),
      rowCount: z.number().int(),
      canonical: z.boolean(),
      mapping: columnMapping,
      mappingFrom: z.enum(['canonical', 'remembered', 'guessed']),
      units: z.enum(UNITS),
    }),
  },
  'imports.budgets': {
    kind: 'command',
    input: obj({
      file: fileInput,
      units: z.enum(UNITS).optional(),
      mapping: columnMapping.optional(),
      rememberFor: z.string().max(200).optional(),
      ...tableOptions,
    }),
    output: z.object({ imported: z.number().int(), totalPence: pence, partners: z.array(z.string()), fileName: z.string() }),
  },
} as const;

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
  ...coreMethods,
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
