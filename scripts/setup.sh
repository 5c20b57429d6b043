#!/usr/bin/env bash
# Installs what the build and the tests need and is missing: the wasm32 target, the
# pinned wasm-bindgen CLI, npm packages. Safe to run again.
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

if [ ! -x node_modules/.bin/wasm-opt ]; then
  npm install --no-audit --no-fund
fi
