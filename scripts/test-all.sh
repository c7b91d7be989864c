#!/usr/bin/env bash
# npm run test:all: everything, as CI runs it. Installs Chromium and LibreOffice
# from Debian when missing, builds the app (type-check + bundles), then runs the
# unit, integration and CLI tests, the end-to-end tests in Chromium, the Electron
# security scan, the fuzz suite and the crash-safety (fault) suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-deps.sh
started=$(date +%s)
echo "== build (type-check, bundle main, preload, utility, renderer)"
npm run -s build
echo "== unit, integration and CLI tests"
npx vitest run
echo "== end-to-end tests (Chromium against the web host)"
npx vitest run -c vitest.e2e.config.ts
echo "== Electron security scan (electronegativity on electron/; docs/security.md explains what it accepts)"
npm run -s test:electronegativity
echo "== fuzz: 10,000+ hostile partner files and six huge ones (npm run test:fuzz)"
npm run -s test:fuzz
echo "== crash safety: 100+ SIGKILLs during imports, edits, migrations and exports (npm run test:faults)"
npm run -s test:faults
echo "== all tests passed in $(( $(date +%s) - started )) s"
