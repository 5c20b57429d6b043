#!/usr/bin/env bash
# Installs what the build and the tests need and is missing: the wasm32 target, the
# pinned wasm-bindgen CLI, npm packages (binaryen's wasm-opt, playwright-core, axe-core for the accessibility tests), Debian's
# chromium and a CJK font for the browser tests, GNU time. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi

want=$(python3 -c 'import tomllib;print(tomllib.load(open("wasm-pack.toml","rb"))["build"]["wasm-bindgen"])')
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  # without --locked: the registry mirror lacks one locked version
  cargo install wasm-bindgen-cli --version "$want"
fi

if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] || [ ! -f node_modules/axe-core/axe.min.js ]; then
  npm install --no-audit --no-fund
fi

# Debian packages: GNU time (peak memory in scripts/stress.py); qpdf (a truncated copy of a
# shared PDF in tests/audit.rs, the fuzz seeds); for the browser tests Debian's chromium and
# a CJK font (without one, Chinese renders as boxes)
missing=()
[ -x /usr/bin/time ] || missing+=(time)
command -v qpdf >/dev/null || missing+=(qpdf)
[ -x /usr/bin/chromium ] || missing+=(chromium)
fc-list 2>/dev/null | grep -qi "wenquanyi micro hei" || missing+=(fonts-wqy-microhei)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
fi
