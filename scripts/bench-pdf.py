#!/usr/bin/env python3
"""Times juesuan's full pipeline (PDF → facts CSV) against `pdftotext -layout` on the same
files in the same run, alternating the two so machine noise hits both alike. Prints a
Markdown table of medians, the ratio, and peak memory (max RSS from /usr/bin/time).

Files: the Putuo fixture, and a 4 MB PDF made by qpdf from 17 distinct copies of it (each
with its own fonts, as 17 documents bound together would be; 408 pages). Needs poppler-utils and qpdf (installed if missing).

usage: scripts/bench-pdf.py [ROUNDS]
"""
import os, shutil, statistics, subprocess, sys, tempfile, time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 21
for tool, pkg in (("pdftotext", "poppler-utils"), ("qpdf", "qpdf")):
    if not shutil.which(tool):
        subprocess.run(["apt-get", "install", "-y", pkg], check=True, stdout=subprocess.DEVNULL)
subprocess.run(["cargo", "build", "--release", "-q", "--bin", "juesuan"], cwd=root, check=True)
juesuan = os.path.join(root, "target/release/juesuan")
fixture = os.path.join(root, "tests/fixtures/putuo_socialwork_2024.pdf")
tmp = tempfile.mkdtemp()
copies = []
for i in range(17):
    copies.append(os.path.join(tmp, f"copy{i}.pdf"))
    shutil.copy(fixture, copies[-1])
big = os.path.join(tmp, "big.pdf")
subprocess.run(["qpdf", "--empty", "--pages", *copies, "--", big], check=True)

def timed(cmd):
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t

def peak_kb(cmd):
    r = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=True)
    return int(r.stderr.strip().splitlines()[-1])

print("| file | size | juesuan export (median) | pdftotext -layout (median) | ratio | juesuan peak RSS | pdftotext peak RSS |")
print("|---|---|---|---|---|---|---|")
for name, path in (("putuo_socialwork_2024.pdf (24 pages)", fixture), ("17 distinct copies bound (408 pages)", big)):
    ours_cmd = [juesuan, "export", path]
    theirs_cmd = ["pdftotext", "-layout", path, "-"]
    ours, theirs = [], []
    for _ in range(rounds):
        ours.append(timed(ours_cmd))
        theirs.append(timed(theirs_cmd))
    a, b = statistics.median(ours), statistics.median(theirs)
    size = os.path.getsize(path)
    print(f"| {name} | {size/1e6:.2f} MB | {a*1e3:.1f} ms | {b*1e3:.1f} ms | {a/b:.2f} | "
          f"{peak_kb(ours_cmd)/1024:.1f} MB | {peak_kb(theirs_cmd)/1024:.1f} MB |")
print(f"\n{rounds} alternating rounds per file; wall time of the whole process (start-up included).")
