#!/usr/bin/env bash
# npm run test:all: everything, as CI runs it. Installs Chromium and LibreOffice
# from Debian when missing, builds the app (type-check + bundles), then runs lint,
# the unit, integration and CLI tests, the end-to-end tests in Chromium (and the
# Electron smoke test where the runtime is present), the Electron security scan, the
# fuzz suite and the crash-safety (fault) suite. Every suite runs even after one
# fails; the last line sums them all (scripts/test-counts.mjs): "N passed, N failed"
# (", N skipped" when any were), and the exit status is non-zero when any failed.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-deps.sh || exit 1
started=$(date +%s)
mkdir -p test-results
rm -f test-results/counts.tsv test-results/failures.txt test-results/fuzz.json test-results/faults.json test-results/eslint.json test-results/vitest.json test-results/vitest-e2e.json
count() { node scripts/test-counts.mjs "$@"; }

echo "== build (type-check, bundle main, preload, utility, renderer, CLI)"
npm run -s build || { echo "build failed: nothing else can run"; exit 1; }

echo "== lint (ESLint: typescript-eslint, React hooks, layer rules)"
npx eslint --max-warnings 0 -f json -o test-results/eslint.json .
count lint test-results/eslint.json $?

# --retry=1: a test that fails once and then passes counts as passed but is named as
# FLAKY above the last line (scripts/test-counts.mjs), so a flaky test is seen, not hidden.
echo "== unit, integration and CLI tests"
npx vitest run --retry=1 --reporter=default --reporter=json --outputFile.json=test-results/vitest.json
count vitest "unit, integration and CLI" test-results/vitest.json $?

echo "== end-to-end tests (Chromium against the web host; the Electron app where its runtime is present)"
npx vitest run --retry=1 -c vitest.e2e.config.ts --reporter=default --reporter=json --outputFile.json=test-results/vitest-e2e.json
count vitest "end-to-end" test-results/vitest-e2e.json $?

echo "== Electron security scan (electronegativity on electron/; docs/security.md explains what it accepts)"
npm run -s test:electronegativity
count check electronegativity $?

echo "== fuzz: 10,000+ hostile partner files and six huge ones (npm run test:fuzz)"
npm run -s test:fuzz
count fuzz $?

echo "== crash safety: 100+ SIGKILLs during imports, edits, migrations and exports (npm run test:faults)"
npm run -s test:faults
count faults $?

echo "== done in $(( $(date +%s) - started )) s"
count total
