// The tally behind npm run test:all's last line, "N passed, N failed[, N skipped]".
// scripts/test-all.sh calls it after each suite with the suite's exit status:
//   node scripts/test-counts.mjs vitest <name> <report.json> <status>   vitest's JSON reporter: its tests
//   node scripts/test-counts.mjs lint <report.json> <status>            ESLint's JSON: one test per file
//   node scripts/test-counts.mjs fuzz <status>                          test-results/fuzz.json: one per input
//   node scripts/test-counts.mjs faults <status>                        test-results/faults.json: one per SIGKILL run
//   node scripts/test-counts.mjs check <name> <status>                  a suite that is one check (electronegativity)
//   node scripts/test-counts.mjs total                                  the line; exit 1 when anything failed
// Failed vitest tests are also listed by name (test-results/failures.txt) and
// repeated just above the last line, so a CI log's tail says what failed; so are tests
// that passed only on their second try (FLAKY), which count as passed.
// A suite that exits non-zero without reporting a failure (it crashed, or wrote no
// report) counts one failure, so a broken runner can never read as green.
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');
const results = join(root, 'test-results');
const tally = join(results, 'counts.tsv');
const failures = join(results, 'failures.txt');
const [kind, ...args] = process.argv.slice(2);
const readJson = (path) => (existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null);

function record(suite, status, counts) {
  let { passed = 0, failed = 0, skipped = 0 } = counts ?? {};
  if (Number(status) !== 0 && failed === 0) failed = 1;
  mkdirSync(results, { recursive: true });
  appendFileSync(tally, `${suite}\t${passed}\t${failed}\t${skipped}\n`);
  console.log(`   ${suite}: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
}

function vitest([name, report, status]) {
  const r = readJson(report);
  for (const file of r?.testResults ?? []) {
    const where = relative(root, file.name);
    const failedTests = (file.assertionResults ?? []).filter((t) => t.status === 'failed');
    for (const t of failedTests) noteFailure(`${name}: ${where} > ${t.fullName}: ${firstLine(t.failureMessages?.[0])}`);
    // Passed on its second try (test-all.sh retries once): counted as passed, named as flaky.
    for (const t of file.assertionResults ?? [])
      if (t.status === 'passed' && t.failureMessages?.length) noteFailure(`${name}: ${where} > ${t.fullName}: passed on its second try, first failed with: ${firstLine(t.failureMessages[0])}`, 'FLAKY');
    if (file.status === 'failed' && !failedTests.length) noteFailure(`${name}: ${where}: ${firstLine(file.message)}`);
  }
  record(name, status, r && { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests });
}

const firstLine = (text) => String(text ?? '').split('\n')[0].slice(0, 300);
function noteFailure(line, label = 'FAILED') {
  mkdirSync(results, { recursive: true });
  appendFileSync(failures, `${label} ${line}\n`);
  console.log(`   ${label} ${line}`);
}

function lint([report, status]) {
  const files = readJson(report);
  if (!files) return record('lint', status, null);
  const bad = files.filter((f) => f.errorCount + f.warningCount > 0);
  for (const f of bad)
    for (const m of f.messages) console.log(`${relative(root, f.filePath)}:${m.line ?? 0}:${m.column ?? 0} ${m.ruleId ?? ''} ${m.message}`);
  record('lint', status, { passed: files.length - bad.length, failed: bad.length });
}

function fuzz([status]) {
  const r = readJson(join(results, 'fuzz.json'));
  const inputs = r ? r.count + r.big.length : 0;
  const failed = r ? r.failures.length : 0;
  record('fuzz', status, r && { passed: Math.max(0, inputs - failed), failed });
}

function faults([status]) {
  const r = readJson(join(results, 'faults.json'));
  const failed = r ? r.reports.reduce((n, s) => n + s.failures.length, 0) : 0;
  record('faults', status, r && { passed: Math.max(0, r.kills - failed), failed });
}

function total() {
  const rows = existsSync(tally) ? readFileSync(tally, 'utf8').trim().split('\n').filter(Boolean) : [];
  const sum = [0, 0, 0];
  for (const row of rows) row.split('\t').slice(1).forEach((n, i) => (sum[i] += Number(n)));
  const [passed, failed, skipped] = sum;
  if (existsSync(failures)) console.log(readFileSync(failures, 'utf8').trimEnd());
  console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  process.exitCode = failed || !rows.length ? 1 : 0;
}

const kinds = { vitest, lint, fuzz, faults, check: ([name, status]) => record(name, status, { passed: Number(status) === 0 ? 1 : 0 }), total };
if (!kinds[kind]) throw new Error(`test-counts: unknown kind ${kind}`);
kinds[kind](args);
