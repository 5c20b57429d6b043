#!/usr/bin/env bash
# Runs every test: formatting, the Rust tests (unit, fixture goldens and snapshot, CLI,
# robustness), the web build with its size budget, and the wasm module against the
# command line in Node. Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cargo fmt --all -- --check
cargo test --all-targets
cargo build --release --bin juesuan
scripts/build-web.sh
JUESUAN_BIN="$PWD/target/release/juesuan" node --test tests/web/
