#!/usr/bin/env bash
# npm run test:all: everything, as CI runs it. Installs Chromium and LibreOffice
# from Debian when missing, builds the app (type-check + bundles), then runs the
# unit, integration and CLI tests and the end-to-end tests in Chromium.
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
echo "== all tests passed in $(( $(date +%s) - started )) s"
