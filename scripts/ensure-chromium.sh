#!/usr/bin/env bash
# Makes sure Debian's chromium is installed for the browser tests (playwright-core drives it).
set -euo pipefail
command -v chromium >/dev/null 2>&1 && exit 0
echo "karoo-bot: installing Debian's chromium for the browser tests (once)..." >&2
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null 2>&1 || true
$SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null 2>&1 || {
  echo "karoo-bot: could not install Debian's chromium, which the browser tests need. Fix: apt-get install chromium" >&2
  exit 1
}
