#!/usr/bin/env bash
# Writes a first .env (sandbox mode) from .env.example: a new webhook secret and the ops and
# supervisors' passwords (24 letters and digits each), readable by its owner only (0600).
# Usage: bash scripts/make-env.sh [path]   (default .env; never overwrites an existing file)
set -euo pipefail
cd "$(dirname "$0")/.."
target="${1:-.env}"
if [ -e "$target" ]; then
  echo "karoo-bot: $target exists; not overwritten" >&2
  exit 0
fi
secret="whsec_$(head -c 32 /dev/urandom | base64 | tr -d '\n')"
password() {
  local p
  p="$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
  echo "${p:0:24}"
}
admin="$(password)"
supervisor="$(password)"
# Created 0600 from the start (umask), so no other user ever reads the secret or the passwords.
(umask 077 && sed -e "s#^KAROO_WEBHOOK_SECRET=.*#KAROO_WEBHOOK_SECRET=${secret}#" -e "s#^ADMIN_PASSWORD=.*#ADMIN_PASSWORD=${admin}#" -e "s#^SUPERVISOR_PASSWORD=.*#SUPERVISOR_PASSWORD=${supervisor}#" .env.example > "$target")
chmod 600 "$target"
echo "karoo-bot: created $target (sandbox mode, new webhook secret, bull-board login ops / ${admin}, supervisors' page /painel login supervisao / ${supervisor}); edit it for your Karoo and Bimer." >&2
