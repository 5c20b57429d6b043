#!/usr/bin/env python3
"""Times juesuan's full pipeline (PDF → facts CSV, `juesuan export`) against the tools people
use today, on the same files in the same run, rounds alternating so machine noise hits all
alike: `pdftotext -layout` (poppler-utils: text only, no tables) and pdfplumber's
`extract_tables` on every page (PyPI; what existing server-side checkers use). Prints a
Markdown table of medians, ratios and peak memory (max RSS of each process).

Files: the Putuo fixture (24 pages, from ../shared/fixtures/: without it the script only
says so, and fails under CI=true), and PDFs made by qpdf from 10 and 40 distinct copies
of it (each copy keeps its own fonts, as documents bound together would; 240 and 960
pages, under the 1,000-page limit), so the cost per page can be read off too.

Installs what is missing: poppler-utils and qpdf (Debian), pdfplumber (pip).
usage: scripts/bench-pdf.py [ROUNDS]   (ROUNDS for the fixture; fewer for the large files)
"""
import os, shutil, statistics, subprocess, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from shared import PUTUO, shared_file  # noqa: E402

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 11
fixture = shared_file(PUTUO, "scripts/bench-pdf.py")
if fixture is None:
    sys.exit(0)
from measure import run  # noqa: E402
for tool, pkg in (("pdftotext", "poppler-utils"), ("qpdf", "qpdf")):
    if not shutil.which(tool):
        subprocess.run(["apt-get", "install", "-y", pkg], check=True, stdout=subprocess.DEVNULL)
try:
    import pdfplumber  # noqa: F401
except ImportError:
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "pdfplumber"], check=True)
import pdfplumber

subprocess.run(["cargo", "build", "--release", "-q", "--bin", "juesuan"], cwd=root, check=True)
juesuan = os.path.join(root, os.environ.get("CARGO_TARGET_DIR") or "target", "release/juesuan")
tmp = tempfile.mkdtemp()


def bound(n):
    copies = []
    for i in range(n):
        copies.append(os.path.join(tmp, f"copy{i}.pdf"))
        shutil.copy(fixture, copies[-1])
    out = os.path.join(tmp, f"bound{n}.pdf")
    subprocess.run(["qpdf", "--empty", "--pages", *copies, "--", out], check=True)
    return out


PLUMBER = ("import sys, pdfplumber\n"
           "with pdfplumber.open(sys.argv[1]) as pdf:\n"
           "    n = sum(len(p.extract_tables()) for p in pdf.pages)\n"
           "print(n)\n")


tools = {
    "juesuan": lambda path: [juesuan, "export", path],
    "pdftotext": lambda path: ["pdftotext", "-layout", path, "-"],
    "pdfplumber": lambda path: [sys.executable, "-c", PLUMBER, path],
}
files = [
    ("putuo_socialwork_2024.pdf (24 pages)", fixture, rounds),
    ("10 copies bound (240 pages)", bound(10), max(3, rounds // 3)),
    ("40 copies bound (960 pages)", bound(40), 3),
]
print("| file | size | juesuan | pdftotext -layout | pdfplumber extract_tables | juesuan ÷ pdftotext | juesuan ÷ pdfplumber | peak RSS juesuan / pdftotext / pdfplumber |")
print("|---|---|---|---|---|---|---|---|")
per_page = {}
for name, path, n in files:
    times = {k: [] for k in tools}
    rss = {k: 0 for k in tools}
    for _ in range(n):
        for k, cmd in tools.items():
            t, m, status = run(cmd(path))
            if status != 0:
                raise SystemExit(f"{k} failed on {path}: {status}")
            times[k].append(t)
            rss[k] = max(rss[k], m)
    med = {k: statistics.median(v) for k, v in times.items()}
    pages = int(name.split("(")[1].split()[0])
    per_page[name] = {k: med[k] / pages * 1e3 for k in med}
    print(f"| {name} | {os.path.getsize(path)/1e6:.2f} MB | {med['juesuan']*1e3:.1f} ms | {med['pdftotext']*1e3:.1f} ms | "
          f"{med['pdfplumber']*1e3:.0f} ms | {med['juesuan']/med['pdftotext']:.2f} | {med['juesuan']/med['pdfplumber']:.3f} | "
          f"{rss['juesuan']/1024:.1f} / {rss['pdftotext']/1024:.1f} / {rss['pdfplumber']/1024:.1f} MB |")
print()
print("Milliseconds per page (median run ÷ pages): " + "; ".join(
    f"{name.split(' (')[0]}: juesuan {v['juesuan']:.2f}, pdftotext {v['pdftotext']:.2f}, pdfplumber {v['pdfplumber']:.1f}"
    for name, v in per_page.items()))
print(f"\nRounds: {', '.join(str(n) for _, _, n in files)}; tools alternate within each round; wall time of whole "
      f"processes (start-up included; pdfplumber's includes Python's). pdfplumber {pdfplumber.__version__}.")
