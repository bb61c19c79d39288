#!/usr/bin/env bash
# `npm start`: installs what is missing, starts a local Redis unless REDIS_URL is given,
# builds, and runs the bot. Variables already in the environment win over .env.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh

if [ ! -f .env ] && [ -z "${KAROO_WEBHOOK_SECRET:-}" ]; then
  secret="whsec_$(head -c 32 /dev/urandom | base64 | tr -d '\n')"
  admin="$(head -c 12 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
  sed -e "s#^KAROO_WEBHOOK_SECRET=.*#KAROO_WEBHOOK_SECRET=${secret}#" -e "s#^ADMIN_PASSWORD=.*#ADMIN_PASSWORD=${admin}#" .env.example > .env
  echo "karoo-bot: created .env (sandbox mode, new webhook secret, bull-board login ops / ${admin}); edit it for your Karoo and Bimer." >&2
fi
if [ -f .env ]; then
  while IFS= read -r line || [ -n "$line" ]; do
    [[ "$line" =~ ^[[:space:]]*(#|$) ]] && continue
    key="${line%%=*}"
    value="${line#*=}"
    [[ "$key" =~ ^[A-Z_][A-Z0-9_]*$ ]] || continue
    [ -z "${!key+x}" ] && export "$key=$value"
  done < .env
fi

if [ -z "${REDIS_URL:-}" ]; then
  port="${LOCAL_REDIS_PORT:-6380}"
  bash scripts/local-redis.sh "$port"
  export REDIS_URL="redis://127.0.0.1:${port}"
  echo "karoo-bot: using the local Redis at ${REDIS_URL} (data in var/redis, AOF on)" >&2
fi

npm run --silent build
echo "karoo-bot: listening on http://localhost:${PORT:-3000} (webhook: POST /webhooks/karoo)" >&2
if [ "${SANDBOX:-auto}" = "true" ]; then
  echo "karoo-bot: SANDBOX — open the simulator at http://localhost:${PORT:-3000}/sandbox (queues: /admin/queues)" >&2
fi
# A bounded old generation keeps the heap small and its collections short (docs/BENCHMARKS.md, end to end).
exec node --enable-source-maps --max-old-space-size="${NODE_MAX_OLD_SPACE_MB:-128}" dist/server.js
