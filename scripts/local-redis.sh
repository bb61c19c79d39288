#!/usr/bin/env bash
# Starts (or reuses) the project's own Redis for `npm start`: AOF persistence on, data in var/redis.
# Usage: scripts/local-redis.sh PORT   -> prints nothing, exits 0 once Redis answers PING.
set -euo pipefail
cd "$(dirname "$0")/.."
port="${1:-6380}"
dir="$PWD/var/redis"
mkdir -p "$dir"

bash scripts/ensure-redis.sh

if redis-cli -p "$port" ping >/dev/null 2>&1; then
  exit 0
fi

redis-server --port "$port" --bind 127.0.0.1 --dir "$dir" \
  --appendonly yes --appendfsync everysec --save 900 1 \
  --maxmemory-policy noeviction --hash-max-ziplist-value 512 \
  --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" \
  || { echo "karoo-bot: redis-server failed to start; see $dir/redis.log" >&2; exit 1; }

for _ in $(seq 1 50); do
  redis-cli -p "$port" ping >/dev/null 2>&1 && exit 0
  sleep 0.1
done
echo "karoo-bot: redis-server did not answer on port $port; see $dir/redis.log" >&2
exit 1
