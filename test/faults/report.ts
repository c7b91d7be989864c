// What each scenario reports: kills, runs, outcomes, notes and failures, printed as it
// goes and gathered for the run's table and test-results/faults.json.
import { CheckFailed } from './checks';

export interface ScenarioReport {
  name: string;
  kills: number;
  runs: number;
  outcomes: Record<string, number>;
  notes: string[];
  failures: string[];
  ms: number;
}

export const reports: ScenarioReport[] = [];

export function newReport(name: string): ScenarioReport {
  const r: ScenarioReport = { name, kills: 0, runs: 0, outcomes: {}, notes: [], failures: [], ms: 0 };
  reports.push(r);
  return r;
}

export const bump = (r: ScenarioReport, outcome: string) => (r.outcomes[outcome] = (r.outcomes[outcome] ?? 0) + 1);

export async function attempt(r: ScenarioReport, what: string, fn: () => Promise<void> | void): Promise<void> {
  try {
    await fn();
  } catch (e) {
    const msg = `${what}: ${e instanceof CheckFailed ? e.message : ((e as Error).stack ?? String(e))}`;
    r.failures.push(msg);
    process.stdout.write(`  FAIL ${msg}\n`);
  }
}

export function progress(r: ScenarioReport, target: number): void {
  process.stdout.write(`\r  ${r.name}: ${r.kills}/${target} kills, ${r.runs} runs${r.failures.length ? `, ${r.failures.length} FAILED` : ''}   `);
}
