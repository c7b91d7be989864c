// Handlers for undo and redo of spend-line edits.
import { changingLines } from '../mapping/allocation';
import type { Registry } from '../registry';
import { historyState, step } from './service';

export function registerHistoryHandlers(r: Registry): void {
  r.register('history.state', (_i, { session }) => historyState(session.requireProject()));
  for (const dir of ['undo', 'redo'] as const) {
    r.register(`history.${dir}`, (_i, { session }) => {
      const project = session.requireProject();
      const stepped = changingLines(project, () => step(project, dir), (s) => s.lines);
      return { ...historyState(project), done: stepped.label };
    });
  }
}
