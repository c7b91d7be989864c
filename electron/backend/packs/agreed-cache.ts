// The agreed lines a session keeps (packs/agreement-view.ts), in their own module so the
// writers of line_agreements (agreement.ts, agreement-history.ts) can drop it: a sign-off
// or its undo changes lines' agreement without changing the lines themselves.
import type { Project } from '../project/project';

export const agreedCache = new WeakMap<Project, { seen: string; ids: Set<number> }>();

/** Every line's agreement may have changed: the next figure reads them again. */
export function forgetAgreed(project: Project): void {
  agreedCache.delete(project);
}
