#!/usr/bin/env bash
# Builds the static site into www/ and serves it on http://127.0.0.1:${PORT:-8080}/ with
# the sample report loaded by default.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build-web.sh
port=${PORT:-8080}
echo "serving www/ (with its Content-Security-Policy) on http://127.0.0.1:$port/"
exec node scripts/static-server.mjs www "$port"
