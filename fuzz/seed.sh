#!/usr/bin/env bash
# Seeds the PDF fuzz corpus at run time from the real documents in ../shared/ (or
# $JUESUAN_SHARED): ../shared/fixtures/*.pdf and ../shared/corpus/*.pdf. They are not part
# of the repository, and neither is anything made from them: the seeds are written into
# fuzz/corpus/pdf/ as seed-*.pdf, where .gitignore ignores every file git does not already
# track (so do the inputs a run derives from them).
#
# Each document gives its whole file and one seed per page: split by qpdf, uncompressed
# (QDF, object streams off) so mutations reach the content operators, font programs emptied
# (fix-qdf repairs the lengths), pages over the fuzzer's -max_len left out.
#
# usage: fuzz/seed.sh          seed fuzz/corpus/pdf/ (again: replaces the seeds)
#        fuzz/seed.sh --clean  remove the seeds and every other untracked input there
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=fuzz/corpus/pdf
shared=${JUESUAN_SHARED:-../shared}
max_len=131072

if [ "${1:-}" = "--clean" ]; then
  git clean -q -f -X -- "$corpus"
  echo "removed the untracked inputs in $corpus"
  exit 0
fi

shopt -s nullglob
docs=("$shared"/fixtures/*.pdf "$shared"/corpus/*.pdf)
if [ ${#docs[@]} -eq 0 ]; then
  if [ "${CI:-}" = "true" ]; then
    echo "error: $shared/fixtures/*.pdf and $shared/corpus/*.pdf are missing; CI needs ../shared beside the clone" >&2
    exit 1
  fi
  echo "skipped: fuzz/seed.sh needs ../shared/fixtures/*.pdf or ../shared/corpus/*.pdf (none in $shared)" >&2
  exit 0
fi
for tool in qpdf fix-qdf python3; do
  command -v "$tool" >/dev/null || { echo "error: fuzz/seed.sh needs $tool (Debian: apt-get install qpdf)" >&2; exit 1; }
done

rm -f "$corpus"/seed-*.pdf
mkdir -p "$corpus"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# empties the streams that /FontFile, /FontFile2 and /FontFile3 point to, in a QDF file
empty_fonts='
import re, sys
b = open(sys.argv[1], "rb").read()
ids = set(re.findall(rb"/FontFile[23]? (\d+) 0 R", b))
out, at = [], 0
for m in re.finditer(rb"\n(\d+) 0 obj\n", b):
    if m.group(1) not in ids:
        continue
    start = b.find(b"\nstream\n", m.end(), b.find(b"\nendobj", m.end())) + 8
    end = b.find(b"\nendstream", start)
    if start < 8 or end < 0:
        continue
    out.append(b[at:start])
    at = end
out.append(b[at:])
open(sys.argv[1], "wb").write(b"".join(out))
'

whole=0 pages=0 left_out=0
for doc in "${docs[@]}"; do
  name=$(basename "$doc" .pdf)
  cp "$doc" "$corpus/seed-$name.pdf"
  whole=$((whole + 1))
  rm -f "$tmp"/*
  # exit status 3 is qpdf's "done, with warnings"
  qpdf --split-pages "$doc" "$tmp/p-%d.pdf" 2>/dev/null || [ $? -eq 3 ] || continue
  for page in "$tmp"/p-*.pdf; do
    n=${page##*/p-}
    qpdf --qdf --object-streams=disable "$page" "$tmp/q.pdf" 2>/dev/null || [ $? -eq 3 ] || continue
    python3 -c "$empty_fonts" "$tmp/q.pdf"
    out="$corpus/seed-$name-p${n%.pdf}.pdf"
    fix-qdf "$tmp/q.pdf" >"$out"
    if [ "$(stat -c %s "$out")" -gt "$max_len" ]; then
      rm "$out"
      left_out=$((left_out + 1))
    else
      pages=$((pages + 1))
    fi
  done
done
echo "seeded $corpus: $whole documents whole, $pages pages ($left_out pages over $max_len bytes left out)"
