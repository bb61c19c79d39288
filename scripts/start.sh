#!/usr/bin/env bash
# `npm start`: installs what is missing, starts a local Redis unless REDIS_URL is given,
# builds, and runs the bot. Variables already in the environment win over .env.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh

if [ ! -f .env ] && [ -z "${KAROO_WEBHOOK_SECRET:-}" ]; then
  bash scripts/make-env.sh .env
fi
# The bot reads .env itself (the environment wins), so that it can tell where a setting came from
# and refuse contradictions; this script only needs the few settings below for its own work.
envfile="${ENV_FILE-.env}"
dotenv() {
  [ -n "$envfile" ] && [ -f "$envfile" ] || return 0
  sed -n "s/^[[:space:]]*$1=//p" "$envfile" | tail -n 1 | sed -e 's/^"\(.*\)"$/\1/' -e "s/^'\(.*\)'$/\1/"
}
[ -n "${REDIS_URL:-}" ] || redis_url_file="$(dotenv REDIS_URL)"
if [ -z "${REDIS_URL:-}" ] && [ -z "${redis_url_file:-}" ]; then
  port="${LOCAL_REDIS_PORT:-$(dotenv LOCAL_REDIS_PORT)}"
  port="${port:-6380}"
  bash scripts/local-redis.sh "$port"
  export REDIS_URL="redis://127.0.0.1:${port}"
  echo "karoo-bot: using the local Redis at ${REDIS_URL} (data in var/redis, AOF on)" >&2
fi

npm run --silent build
heap="${NODE_MAX_OLD_SPACE_MB:-$(dotenv NODE_MAX_OLD_SPACE_MB)}"
# The bot says "listening on ..." itself once it really listens (or why it cannot start, exit 78).
# A bounded old generation keeps the heap small and its collections short (docs/BENCHMARKS.md, end to end).
exec node --enable-source-maps --max-old-space-size="${heap:-128}" dist/server.js
