// Runs one benchmark case in this process and prints its result as one JSON line.
import { SUITES } from './suites';

const name = process.argv[2]!;
const run = SUITES.map((s) => s.cases[name]).find(Boolean);
if (!run) throw new Error(`no bench case ${name}`);
void run().then((r) => {
  // A case that also runs its floor in this process gives its own peak, taken before the floor.
  r.rssMB ??= process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify(r) + '\n');
});
