// Which charts still have a drawing to finish: the print page waits for none, and the
// benchmark times a what-if change until every chart has drawn it
// (window.__spendmapCharts: pending, drawn, lastDrawnAt in performance.now() ms).

export interface ChartsDrawn {
  /** Charts given new figures that have not finished drawing them. */
  readonly pending: number;
  /** Drawings finished since the page loaded. */
  readonly drawn: number;
  /** performance.now() when the last pending chart finished. */
  readonly lastDrawnAt: number;
}

declare global {
  interface Window {
    __spendmapCharts?: ChartsDrawn;
  }
}

const pending = new Set<object>();
let drawn = 0;
let lastDrawnAt = 0;
const listeners = new Set<() => void>();

if (typeof window !== 'undefined') {
  window.__spendmapCharts = {
    get pending() {
      return pending.size;
    },
    get drawn() {
      return drawn;
    },
    get lastDrawnAt() {
      return lastDrawnAt;
    },
  };
}

export function chartPending(chart: object): void {
  pending.add(chart);
}

export function chartFinished(chart: object): void {
  if (!pending.delete(chart)) return;
  drawn++;
  if (pending.size === 0) {
    lastDrawnAt = performance.now();
    for (const l of listeners) l();
  }
}

export function chartGone(chart: object): void {
  if (pending.delete(chart) && pending.size === 0) {
    lastDrawnAt = performance.now();
    for (const l of listeners) l();
  }
}

export const chartsPending = (): number => pending.size;

/** Called each time the last pending chart finishes. */
export function onAllDrawn(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
