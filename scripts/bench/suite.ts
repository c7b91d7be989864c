// What a benchmark suite provides: table rows (targets) and the cases that measure them.
// Each case runs in its own process, so the peak RSS reported is its own.
export interface CaseResult {
  /** Our time in ms (or size in MB, for a row in MB). */
  ours: number;
  /** The peer's (or floor's) time in ms from the same run, when there is one. */
  peer: number | null;
  /** The case's peak RSS; else the process's at its end. */
  rssMB?: number;
  note?: string;
  /** What ours and peer measure when not milliseconds (e.g. 'kB' for a bundle's size); limitMs then holds the limit in that unit. */
  unit?: string;
}

export interface BenchRow {
  workload: string;
  target: string;
  limitMs: number;
  limitMB?: number;
  peer: string;
  /** What ours, the peer and limitMs measure: milliseconds (default) or megabytes (a file's size). */
  unit?: 'ms' | 'MB';
  /** Required speed-up over the peer (peer / ours), when the target is relative. */
  minRatio?: number;
  case: string;
}

export interface Suite {
  rows: BenchRow[];
  cases: Record<string, () => Promise<CaseResult>>;
}

/** The middle value (the mean of the two middle ones for an even count). */
export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
