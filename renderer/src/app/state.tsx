// What every screen needs to know: the open project and how to report a save or a problem.
import { createContext, useContext } from 'react';
import type { ProjectInfo } from '../../../shared/contract/methods';

export type Screen = 'budgets' | 'proxies' | 'mapping' | 'neighbourhood' | 'workshop' | 'business-case' | 'export' | 'compare' | 'audit';

export interface Notice {
  kind: 'info' | 'error';
  text: string;
}

export interface AppState {
  project: ProjectInfo;
  refreshProject: () => Promise<void>;
  /** Takes new counts from a write's answer, without asking the backend again. */
  patchProject: (counts: Pick<ProjectInfo, 'lines' | 'partners' | 'totalPence'>) => void;
  /** Marks a save in progress / done, for the "saved" indicator. */
  saving: (p: Promise<unknown>) => Promise<unknown>;
  notify: (n: Notice | null) => void;
  go: (s: Screen) => void;
  /** Changes when undo or redo changed the project: screens reload their data. */
  revision: number;
}

export const AppContext = createContext<AppState | null>(null);

export function useApp(): AppState {
  const ctx = useContext(AppContext);
  if (!ctx) throw new Error('useApp outside a project');
  return ctx;
}
