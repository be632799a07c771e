#!/usr/bin/env bash
# The /docs browser test: installs what it needs from the project's files (Debian chromium with
# apt-get if missing, playwright-core from this folder's package-lock.json), then runs
# docs-try-it-out.mjs against PLATFORM_URL, or against a platform it starts itself.
#
#   scripts/docs-browser/run.sh                 # starts the local platform (scripts/with-platform.sh)
#   PLATFORM_URL=http://127.0.0.1:8080 scripts/docs-browser/run.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

if [ ! -x /usr/bin/chromium ]; then
  echo "[docs-browser] installing Debian chromium" >&2
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq chromium >/dev/null
fi
if [ ! -f "$here/node_modules/playwright-core/package.json" ]; then
  (cd "$here" && npm ci --no-audit --no-fund >&2)
fi

if [ -n "${PLATFORM_URL:-}" ]; then
  exec timeout 60 node "$here/docs-try-it-out.mjs"
fi
exec "$root/scripts/with-platform.sh" timeout 60 node "$here/docs-try-it-out.mjs"
