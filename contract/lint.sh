#!/usr/bin/env bash
# Lints the bundled contract with Spectral's `oas` ruleset (pinned in package.json).
# Errors fail the build; warnings are printed. Node modules install from package-lock.json.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bundle="$1"
cd "$here"
if [ ! -x node_modules/.bin/spectral ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
node_modules/.bin/spectral lint --ruleset .spectral.yaml --fail-severity=error --display-only-failures "$bundle"
