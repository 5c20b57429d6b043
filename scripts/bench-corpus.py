#!/usr/bin/env python3
"""Times juesuan's full pipeline (PDF → facts CSV, `juesuan export`) on every PDF of
../shared/corpus and ../shared/fixtures against `pdftotext -layout` on the same file, rounds
alternating so machine noise hits both alike, and the scorecard (`juesuan scan`) over the
whole corpus. Prints a Markdown table of medians and ratios (BENCHMARKS.md, "Corpus").

A second juesuan binary may be given to compare with (e.g. a build of an earlier commit):
usage: scripts/bench-corpus.py [ROUNDS] [OTHER_JUESUAN]
Without ../shared it says so and exits 0 (fails under CI=true).
"""
import glob, os, statistics, subprocess, sys, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from shared import shared_file  # noqa: E402

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 7
other = sys.argv[2] if len(sys.argv) > 2 else None
readme = shared_file("corpus/README.md", "scripts/bench-corpus.py")
if readme is None:
    sys.exit(0)
shared = os.path.dirname(os.path.dirname(readme))
subprocess.run(["cargo", "build", "--release", "-q", "--bin", "juesuan"], cwd=root, check=True)
juesuan = os.path.join(root, os.environ.get("CARGO_TARGET_DIR") or "target", "release/juesuan")
files = sorted(glob.glob(os.path.join(shared, "corpus", "*.pdf"))) + sorted(glob.glob(os.path.join(shared, "fixtures", "*.pdf")))


def once(cmd):
    t = time.perf_counter()
    r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t, r.returncode


tools = [("juesuan", lambda f: [juesuan, "export", f]), ("pdftotext", lambda f: ["pdftotext", "-layout", f, "-"])]
if other:
    tools.append(("before", lambda f: [other, "export", f]))
print("| file | juesuan export ms | pdftotext -layout ms | ratio |" + (" before ms | now ÷ before |" if other else ""))
print("|---|---:|---:|---:|" + ("---:|---:|" if other else ""))
ratios = []
for f in files:
    times = {name: [] for name, _ in tools}
    codes = {}
    for _ in range(rounds):
        for name, cmd in tools:
            t, code = once(cmd(f))
            times[name].append(t)
            codes[name] = code
    med = {n: statistics.median(v) * 1000 for n, v in times.items()}
    ratio = med["juesuan"] / med["pdftotext"]
    note = "" if codes["juesuan"] == 0 else " (unreadable: refused)"
    if codes["juesuan"] == 0:
        ratios.append(ratio)
    row = f"| {os.path.basename(f)}{note} | {med['juesuan']:.1f} | {med['pdftotext']:.1f} | {ratio:.2f} |"
    if other:
        row += f" {med['before']:.1f} | {med['juesuan'] / med['before']:.2f} |"
    print(row, flush=True)
print(f"\nratio juesuan ÷ pdftotext: median {statistics.median(ratios):.2f}, max {max(ratios):.2f} over {len(ratios)} readable PDFs")
scan = [once([juesuan, "scan", "--jobs", "1", os.path.join(shared, "corpus"), os.path.join(shared, "fixtures")])[0] for _ in range(3)]
print(f"scorecard over the corpus and fixtures (`juesuan scan --jobs 1`, {len(files) + 1} files): median {statistics.median(scan) * 1000:.0f} ms")
