#!/usr/bin/env bash
# Makes sure Debian's redis-server is installed; installs it with apt-get when it is missing.
set -euo pipefail

if command -v redis-server >/dev/null 2>&1 && command -v redis-cli >/dev/null 2>&1; then
  exit 0
fi

fail() {
  cat >&2 <<MSG
karoo-bot: Redis is required but 'redis-server' is not installed, and installing it failed:
  $1
Fix: install it yourself ('sudo apt-get install -y redis-server' on Debian/Ubuntu), or point
REDIS_URL at a running Redis 6.2+ server and start again.
MSG
  exit 1
}

command -v apt-get >/dev/null 2>&1 || fail "apt-get is not available on this machine"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || fail "not running as root and sudo is not available"
  SUDO="sudo"
fi

echo "karoo-bot: installing Debian's redis-server (once)..." >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null 2>&1 || fail "apt-get update failed (no access to the Debian mirror?)"
$SUDO apt-get install -y -qq --no-install-recommends redis-server redis-tools >/dev/null 2>&1 \
  || fail "apt-get install redis-server failed"
command -v redis-server >/dev/null 2>&1 || fail "redis-server is still missing after apt-get install"
