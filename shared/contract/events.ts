// Events the backend may push to a window; the preload forwards only these.
// Kept apart from methods.ts so the sandboxed preload bundles no schema library.
export const EVENT_NAMES = ['progress', 'project.changed'] as const;
export type EventName = (typeof EVENT_NAMES)[number];

export interface ProgressEvent {
  task: string;
  done: number;
  total: number;
  message: string;
}

/**
 * Sent after every successful command, by every host alike. `origin` is the caller that
 * ran it (a browser tab or a window), so that caller can ignore its own change.
 */
export interface ChangedEvent {
  method: string;
  origin: string | null;
}

/** IPC channel names between preload and main. */
export const IPC = { invoke: 'spendmap:invoke', event: 'spendmap:event' } as const;
