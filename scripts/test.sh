#!/usr/bin/env bash
# `npm test`: the whole suite on a fresh machine. Installs npm dependencies and Debian's
# redis-server when missing; the tests start their own throw-away Redis on a free port.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
bash scripts/ensure-redis.sh

echo "== type check (tsc --noEmit, strict)"
npx tsc --noEmit
echo "== lint (eslint)"
npx eslint .
echo "== tests (vitest, real Redis)"
npx vitest run "$@"
