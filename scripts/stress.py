#!/usr/bin/env python3
"""The malformed and oversized inputs, each run through the release command line
(`juesuan check`) as its own process: every one must end with a report or a clear error
(exit 0, 1 or 2, never a signal) within the memory bound. Prints a Markdown table of exit
status, first line of the error, wall time and peak RSS; exits 1 when a case breaks the
rules. The same cases are asserted in the Rust tests (tests/robustness.rs,
tests/pdf_input.rs, tests/decode_limits.rs); this script adds the memory measure, per
process.

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


def page_with(content, content_dict=b"", resources=None, extra=()):
    """One page (object 3), its content object 4, `extra` objects from 5."""
    res = resources if resources is not None else b"<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>"
    return pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources " + res + b" >>",
                stream(content_dict, content), *extra])


def stream(dict_entries, data):
    return b"<< /Length %d %s >>\nstream\n" % (len(data), dict_entries) + data + b"\nendstream"


def deflate_zeros(n, header=True):
    c = zlib.compressobj(9, zlib.DEFLATED, 15 if header else -15)
    chunk = bytes(1 << 20)
    return b"".join(c.compress(chunk) for _ in range(n >> 20)) + c.flush()


def lzw_zeros(n):
    """LZW codes (EarlyChange 1) for `n` zero bytes: 0, then each new code one zero longer."""
    out, acc, bits = bytearray(), 0, 0
    def put(code, width):
        nonlocal acc, bits
        acc = (acc << width) | code
        bits += width
        while bits >= 8:
            out.append((acc >> (bits - 8)) & 0xFF)
            bits -= 8
        acc &= (1 << bits) - 1
    def width(size):
        return 9 if size + 1 < 512 else 10 if size + 1 < 1024 else 11 if size + 1 < 2048 else 12
    made = 0
    while made < n:
        put(256, 12 if made else 9)
        size, length = 258, 1
        put(0, 9)
        made += 1
        while made < n and size < 4093:
            length += 1
            put(size, width(size))
            size += 1
            made += length
    return bytes(out) + b"\0\0"


def hex_of(data):
    return data.hex().encode() + b">"


def glyphs_tj(n):
    c = zlib.compressobj(9)
    body = c.compress(b"BT /F1 1 Tf 0 0 Td (") + b"".join(c.compress(b"x" * (1 << 20)) for _ in range(n >> 20))
    return body + c.compress(b") Tj ET") + c.flush()


def type0(w, cmap):
    return page_with(b"BT /F1 10 Tf 0 700 Td <00010002> Tj ET", resources=b"<< /Font << /F1 5 0 R >> >>", extra=[
        b"<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /ToUnicode 6 0 R /DescendantFonts [<< /Type /Font /Subtype /CIDFontType2 /BaseFont /X /W [" + w + b"] >>] >>",
        stream(b"/Filter /FlateDecode", zlib.compress(cmap))])


def many_fonts(n):
    """n Type0 fonts, each with its own /W of 5 ranges of 65,534 codes and its own ToUnicode
    CMap of 5 such ranges (once 1.5 GB: every code of every range was made)."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"]
    fonts = b" ".join(b"/F%d %d 0 R" % (i, 5 + 2 * i) for i in range(n))
    content = b"".join(b"BT /F%d 12 Tf 72 %d Td <00310032> Tj ET\n" % (i, 700 - i) for i in range(n))
    objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << " + fonts + b" >> >> >>")
    objs.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    for i in range(n):
        objs.append(b"<< /Type /Font /Subtype /Type0 /BaseFont /X%d /Encoding /Identity-H /ToUnicode %d 0 R /DescendantFonts [<< /Type /Font /Subtype /CIDFontType2 /BaseFont /X /W [%s] >>] >>" % (i, 6 + 2 * i, b"2 65535 250 " * 5))
        cmap = b"1 beginbfchar <0001> <0031> endbfchar\n" + b"1 beginbfrange <0002> <FFFF> <4E00> endbfrange\n" * 5 + b"%% font %d\n" % i
        objs.append(b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream")
    return pdf(objs)


def nested_forms():
    ops = b"0 0 m " * 100_000
    objs = []
    for depth in range(8):
        res = b"<< /XObject << /N %d 0 R >> >>" % (6 + depth) if depth < 7 else b"<< >>"
        body = b"/N Do " * 4 if depth < 7 else ops
        objs.append(stream(b"/Subtype /Form /BBox [0 0 600 800] /Filter /FlateDecode /Resources " + res, zlib.compress(body)))
    return page_with(TEXT + b" /N Do", resources=FONT[len(b"/Resources "):-3] + b" /XObject << /N 5 0 R >> >>", extra=objs)


def shared_cmap(fonts):
    names = b" ".join(b"/F%d %d 0 R" % (i, 6 + i) for i in range(fonts))
    content = b"BT " + b" ".join(b"/F%d 12 Tf 72 -1 Td <01> Tj" % i for i in range(fonts)) + b" ET"
    cmap = b"1 beginbfchar <01> <0037> endbfchar\n" + b" " * (1 << 20)
    return page_with(content, resources=b"<< /Font << " + names + b" >> >>", extra=[
        stream(b"/Filter /FlateDecode", zlib.compress(cmap)),
        *[b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 5 0 R >>"] * fonts])


def two_direct_fonts():
    res = b"<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /A /ToUnicode 6 0 R >> /F2 << /Type /Font /Subtype /Type1 /BaseFont /B /ToUnicode 7 0 R >> >> >>"
    cmap = lambda d: stream(b"", b"1 beginbfchar <01> <003" + d + b"> endbfchar")
    return page_with(b"BT /F1 12 Tf 72 720 Td <01> Tj /F2 12 Tf <01> Tj /F1 12 Tf <01> Tj ET", resources=b"5 0 R",
                     extra=[res, cmap(b"1"), cmap(b"7")])


def xref_pointing_at(objstm_number):
    rows = b"".join(bytes([k]) + f.to_bytes(4, "big") + b"\0\0" for k, f in ((0, 0), (2, objstm_number), (2, objstm_number)))
    return stream(b"/Type /XRef /Size 3 /W [1 4 2] /Filter /FlateDecode", zlib.compress(rows))


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
    # issue 15: every stream through one bounded decoder, whatever its filters and names
    ("raw deflate (no zlib header) inflating to 1 GiB", "bomb-raw.pdf", page_with(deflate_zeros(1 << 30, False), b"/Filter /Fl")),
    ("bomb behind /Fl#61teDecode", "bomb-escaped.pdf", page_with(deflate_zeros(256 << 20), b"/Filter /Fl#61teDecode")),
    ("bomb behind an indirect /Filter object", "bomb-indirect.pdf", page_with(deflate_zeros(256 << 20), b"/Filter 5 0 R", extra=[b"/FlateDecode"])),
    ("bomb in a chain [/AHx /Fl]", "bomb-chain.pdf", page_with(hex_of(deflate_zeros(256 << 20)), b"/Filter [/AHx /Fl]")),
    ("LZW inflating to 1 GiB", "bomb-lzw.pdf", page_with(lzw_zeros(1 << 30), b"/Filter /LZWDecode")),
    ("RunLength inflating to 128 MiB", "bomb-rl.pdf", page_with(bytes([129, 0]) * ((128 << 20) // 128), b"/Filter /RL")),
    ("object stream inflating to 2 GiB", "bomb-objstm.pdf", page_with(TEXT, extra=[stream(b"/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode", deflate_zeros(2 << 30))])),
    ("xref stream inflating to 2 GiB", "bomb-xref.pdf", page_with(TEXT, extra=[stream(b"/Type /XRef /Size 6 /W [1 4 2] /Filter /FlateDecode", deflate_zeros(2 << 30))])),
    ("untyped stream an xref stream names as object stream, 2 GiB", "bomb-named.pdf", page_with(TEXT, extra=[xref_pointing_at(6), stream(b"/Filter /FlateDecode", deflate_zeros(2 << 30))])),
    ("image and font program inflating to 2 GiB each (not decoded)", "bomb-unused.pdf", page_with(b"q /Im1 Do Q " + TEXT, resources=b"<< /Font << /F1 << /Type /Font /Subtype /TrueType /BaseFont /A /FontDescriptor 7 0 R >> >> /XObject << /Im1 5 0 R >> >>", extra=[
        stream(b"/Subtype /Image /Width 32768 /Height 65536 /BitsPerComponent 8 /ColorSpace /DeviceGray /Filter /FlateDecode", deflate_zeros(2 << 30)),
        stream(b"/Length1 2147483648 /Filter /FlateDecode", deflate_zeros(2 << 30)),
        b"<< /Type /FontDescriptor /FontName /A /FontFile2 6 0 R >>"])),
    ("/DCTDecode on a content stream", "dct-content.pdf", page_with(TEXT, b"/Filter /DCTDecode")),
    ("shared content stream of 8 MB on 40 pages (counted per use)", "shared40.pdf", pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % (4 + i) for i in range(40)) + b"] /Count 40 >>",
        stream(b"/Filter /FlateDecode", zlib.compress(TEXT + b" " * (8 << 20)))] + [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R " + FONT + b" >>"] * 40)),
    # predictor parameters validated before any decoder (ours or hayro-syntax's) sees them
    ("/Predictor 2 /Columns 0 on a content stream", "pred-columns0.pdf", page_with(zlib.compress(TEXT), b"/Filter /FlateDecode /DecodeParms << /Predictor 2 /Columns 0 >>")),
    ("/Predictor 12 /Columns 2^40 on an xref stream", "pred-columns40.pdf", page_with(TEXT, extra=[stream(b"/Type /XRef /Size 6 /W [1 4 2] /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 1099511627776 >>", zlib.compress(bytes(35)))])),
    ("/Colors 0 and /BitsPerComponent 0 on an object stream", "pred-colors0.pdf", page_with(TEXT, extra=[stream(b"/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /DecodeParms << /Predictor 2 /Colors 0 /BitsPerComponent 0 >>", zlib.compress(b"6 0 1"))])),
    # limits inside the loops
    ("one Tj of 60 M glyphs", "tj60m.pdf", page_with(glyphs_tj(60 << 20), b"/Filter /FlateDecode")),
    ("/W of 20,000 ranges of 65,534 codes, CMap of 20,000 such ranges", "font-caps.pdf", type0(b"1 [500] " + b"2 65535 250 " * 20_000, b"1 beginbfchar <0001> <0031> endbfchar\n" + b"1 beginbfrange <0002> <FFFF> <4E00> endbfrange\n" * 20_000)),
    ("forms four-fold eight deep (16 K draws of 100,000 operations)", "forms-nested.pdf", nested_forms()),
    ("500 fonts sharing one 1 MB ToUnicode CMap", "cmap-shared.pdf", shared_cmap(500)),
    ("200 fonts, each its own /W and CMap of 65,534-code ranges", "fonts200.pdf", many_fonts(200)),
    ("4 M empty dictionaries as page-tree kids", "kids4m.pdf", pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [" + b"<<>> " * 4_000_000 + b"] /Count 1 >>"])),
    # font identity: two direct fonts in one resources object, each its own ToUnicode
    ("two direct fonts in one resources object", "two-fonts.pdf", two_direct_fonts()),
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
