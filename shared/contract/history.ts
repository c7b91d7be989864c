// Contract: undo and redo of grid edits, kept in the project file.
import { z } from 'zod';
import { empty } from './schemas';

/** What Undo and Redo would do now, as labels for their buttons (null: nothing to do). */
const historyState = z.object({ undo: z.string().nullable(), redo: z.string().nullable() });

export const historyMethods = {
  'history.state': { kind: 'query', input: empty, output: historyState },
  'history.undo': { kind: 'command', input: empty, output: historyState.extend({ done: z.string().nullable() }) },
  'history.redo': { kind: 'command', input: empty, output: historyState.extend({ done: z.string().nullable() }) },
} as const;
