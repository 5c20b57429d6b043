#!/usr/bin/env python3
"""The malformed and oversized inputs, each run through the release command line
(`juesuan check`) as its own process: every one must end with a report or a clear error
(exit 0, 1 or 2, never a signal) within the memory bound. Prints a Markdown table of exit
status, first line of the error, wall time and peak RSS; exits 1 when a case breaks the
rules. The same cases are asserted in the Rust tests (tests/robustness.rs,
tests/pdf_input.rs); this script adds the memory measure, per process.

usage: scripts/stress.py [--bound-mb N]   (default 512)
"""
import os, random, subprocess, sys, tempfile, zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from measure import run  # noqa: E402
from shared import PUTUO, shared_file  # noqa: E402

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
bound_mb = int(sys.argv[sys.argv.index("--bound-mb") + 1]) if "--bound-mb" in sys.argv else 512
# the real PDF from ../shared/ (its truncated and broken-xref cases are skipped without it)
pdf_path = shared_file(PUTUO, "the truncated and broken-xref PDF cases")
juesuan = os.path.join(root, os.environ.get("CARGO_TARGET_DIR") or "target", "release/juesuan")
subprocess.run(["cargo", "build", "--release", "-q", "--bin", "juesuan"], cwd=root, check=True)
text_fixture = open(os.path.join(root, "tests/fixtures/ningxia_hrss_2023.txt"), "rb").read()
pdf_fixture = open(pdf_path, "rb").read() if pdf_path else None
tmp = tempfile.mkdtemp(prefix="juesuan-stress-")


def pdf(objects):
    """A PDF of the given objects (1 = catalog) with an exact xref table."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for i, o in enumerate(objects):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % (i + 1) + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for o in offsets:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


FONT = b"/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>"
TEXT = b"BT /F1 12 Tf 72 720 Td (Total 123.45) Tj ET"


def one_page(content, extra=b""):
    return pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R " + FONT + b" >>",
                b"<< /Length %d %s>>\nstream\n" % (len(content), extra) + content + b"\nendstream"])


def pages(n):
    kids = b" ".join(b"%d 0 R" % (4 + i) for i in range(n))
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R " + FONT + b" >>"
    return pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % n,
                b"<< /Length %d >>\nstream\n" % len(TEXT) + TEXT + b"\nendstream"] + [page] * n)


def bomb(gib):
    c = zlib.compressobj(9)
    chunk = bytes(1 << 20)
    packed = b"".join(c.compress(chunk) for _ in range(gib << 10)) + c.flush()
    return one_page(packed, b"/Filter /FlateDecode ")


def rows_table(n):
    text = text_fixture.decode()
    anchor = "合计 416,508,919.65 412,820,500.56 2,111,176.80 1,577,242.29\n"
    at = text.index(anchor) + len(anchor)
    rows = "".join(f"20801{k % 100:02} 行政运行 {k % 97 + 1}.00 {k % 97 + 1}.00\n" for k in range(n))
    return (text[:at] + rows + text[at:]).encode()


def real_pdf_cases(pdf):
    """The cases cut from the real PDF; none without it."""
    if pdf is None:
        return []
    xref_at = pdf.rfind(b"startxref")
    return [
        ("PDF truncated at 10 %", "trunc10.pdf", pdf[: len(pdf) // 10]),
        ("PDF truncated at 50 %", "trunc50.pdf", pdf[: len(pdf) // 2]),
        ("PDF truncated 10 bytes short", "trunc-end.pdf", pdf[:-10]),
        ("broken xref offset", "xref.pdf", pdf[:xref_at + 10] + b"9999" + pdf[xref_at + 14:]),
    ]


rng = random.Random(7)
cases = [
    ("empty file", "empty.txt", b""),
    ("one byte", "one.txt", b"x"),
    ("random bytes (1 MB)", "random.pdf", bytes(rng.getrandbits(8) for _ in range(1 << 20))),
    *real_pdf_cases(pdf_fixture),
    ("encrypted (password)", "encrypted.pdf", open(os.path.join(root, "tests/fixtures/encrypted_user_password.pdf"), "rb").read()),
    ("stream inflating to 2 GiB", "bomb.pdf", bomb(2)),
    ("100,000-deep nested arrays", "nested.pdf", one_page(TEXT, b"/Deep " + b"[" * 100_000 + b"1" + b"]" * 100_000 + b" ")),
    ("5,000 pages", "pages5000.pdf", pages(5000)),
    ("1,000 pages (at the limit)", "pages1000.pdf", pages(1000)),
    ("50 MB of text", "text50.txt", text_fixture * (50_000_000 // len(text_fixture))),
    ("a table of 100,000 rows", "rows100k.txt", rows_table(100_000)),
    ("a table of 240,000 rows (at the line limit)", "rows240k.txt", rows_table(240_000)),
]

print("| input | size | exit | result | time | peak RSS |")
print("|---|---|---|---|---|---|")
failed = []
for name, file, data in cases:
    path = os.path.join(tmp, file)
    with open(path, "wb") as f:
        f.write(data)
    with open(path + ".out", "wb") as fo, open(path + ".err", "wb") as fe:
        elapsed, kb, code = run([juesuan, "check", path], stdout=fo, stderr=fe)
    out, err = open(path + ".out", "rb").read(), open(path + ".err", "rb").read()
    rss_mb = kb / 1024
    lines = err.decode("utf-8", "replace").strip().splitlines()
    result = lines[0].split(": ", 2)[-1] if lines else out.decode().strip().splitlines()[-1]
    print(f"| {name} | {len(data)/1e6:.2f} MB | {code} | {result[:90]} | {elapsed:.2f} s | {rss_mb:.0f} MB |")
    if code not in (0, 1, 2):
        failed.append(f"{name}: exit {code}")
    if rss_mb > bound_mb:
        failed.append(f"{name}: {rss_mb:.0f} MB over the bound of {bound_mb} MB")
print(f"\nBound: {bound_mb} MB peak RSS per process.")
if failed:
    print("\n".join(failed), file=sys.stderr)
    sys.exit(1)
