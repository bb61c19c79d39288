#!/usr/bin/env bash
# `npm test`: the whole suite on a fresh machine. Installs npm dependencies and Debian's
# redis-server when missing; the tests start their own throw-away Redis on a free port.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
bash scripts/ensure-redis.sh
bash scripts/ensure-chromium.sh

echo "== type check (tsc --noEmit, strict)"
npx tsc --noEmit
echo "== lint (eslint)"
npx eslint .
echo "== unused files, exports and dependencies (knip)"
npx knip --no-progress
echo "== tests (vitest, real Redis)"
mkdir -p var
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json=var/test-results.json "$@" || status=$?
# One plain closing line for CI: "vitest: N passed, N failed".
node -e '
  const r = require("./var/test-results.json");
  console.log(`vitest: ${r.numPassedTests} passed, ${r.numFailedTests} failed` + (r.numPendingTests ? `, ${r.numPendingTests} skipped` : ""));
  if (!r.success && r.numFailedTests === 0) console.log("vitest: the run failed (unhandled errors or a failed file): see above");
' 2>/dev/null || true
exit "$status"
