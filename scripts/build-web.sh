#!/usr/bin/env bash
# Builds the browser package into www/ with the settings of wasm-pack.toml: the release
# wasm, wasm-bindgen's ES module glue, wasm-opt from npm's binaryen, and the size budget
# (fails when the gzipped module is over it). Prints raw and gzipped sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

read -r target outdir budget flags < <(python3 - <<'PY'
import tomllib
c = tomllib.load(open("wasm-pack.toml", "rb"))
print(c["build"]["target"], c["build"]["out-dir"], c["budget"]["max-gzip-bytes"], " ".join(c["wasm-opt"]["flags"]))
PY
)

cargo build --lib --release --target wasm32-unknown-unknown
rm -rf "$outdir"
wasm-bindgen --target "$target" --no-typescript --out-dir "$outdir" "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/juesuan.wasm"
wasm="$outdir/juesuan_bg.wasm"
# shellcheck disable=SC2086
node_modules/.bin/wasm-opt $flags "$wasm" -o "$wasm.opt"
mv "$wasm.opt" "$wasm"

raw=$(stat -c %s "$wasm")
gz=$(gzip -9 -c "$wasm" | wc -c)
echo "wasm: $raw bytes raw, $gz bytes gzipped (budget $budget)"
if [ "$gz" -gt "$budget" ]; then
  echo "error: the gzipped wasm ($gz bytes) is over the budget of $budget bytes set in wasm-pack.toml" >&2
  exit 1
fi

# the sample report the demo loads by default
mkdir -p www/samples
cp tests/fixtures/ningxia_hrss_2023.txt www/samples/
