#!/usr/bin/env bash
# Runs every test: formatting, the Rust tests (unit, fixture goldens and snapshots, CLI and
# batch mode, robustness and malformed input, fuzz regressions), the stress inputs with
# their memory bound, the web build with its size budget, the wasm module against the
# command line in Node, and the page in headless Chromium. Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cargo fmt --all -- --check
cargo test --all-targets
cargo build --release --bin juesuan
# malformed and oversized input through the release CLI, each within the memory bound
python3 scripts/stress.py
scripts/build-web.sh
# the wasm module in Node, and the page and element in headless Chromium
JUESUAN_BIN="$PWD/target/release/juesuan" node --test tests/web/
