// Contract: the app itself, native dialogs, and the project file's lifecycle.
import { z } from 'zod';
import { empty, obj, projectInfo } from './schemas';

export const projectMethods = {
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
} as const;
