//! PDF input that is damaged, hostile or unusual: every case gives a report or a clear
//! error, never a panic, a hang or unbounded memory. Small PDFs are built here byte by byte
//! so each case is exactly what it says.

mod common;

use common::assemble;

use juesuan::decode::pdf::Rule;
use juesuan::{Error, Limits};

/// `minimal_pdf(TEXT)` encrypted by qpdf 11 with user password `secret` (AES-256).
const ENCRYPTED: &[u8] = include_bytes!("fixtures/encrypted_user_password.pdf");
/// The same encrypted with an owner password only (opens without a password).
const OWNER_ONLY: &[u8] = include_bytes!("fixtures/encrypted_owner_only.pdf");

const TEXT: &[u8] = b"BT /F1 12 Tf 72 720 Td (Total 123.45) Tj ET";

/// A one-page PDF with a Helvetica font and the given content stream; `extra` objects
/// (numbered from 5) are appended. Offsets in the xref table are exact.
fn minimal_pdf(content: &[u8], filter: Option<&str>, extra: &[&[u8]]) -> Vec<u8> {
    let mut objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>".to_vec(),
    ];
    let mut stream = format!("<< /Length {}", content.len()).into_bytes();
    if let Some(f) = filter {
        stream.extend_from_slice(format!(" /Filter /{f}").as_bytes());
    }
    stream.extend_from_slice(b" >>\nstream\n");
    stream.extend_from_slice(content);
    stream.extend_from_slice(b"\nendstream");
    objects.push(stream);
    objects.extend(extra.iter().map(|e| e.to_vec()));
    assemble(&objects)
}

fn lines(bytes: &[u8]) -> Vec<String> {
    let (lines, _) = juesuan::lines_with(bytes, &Limits::default()).expect("readable");
    lines.into_iter().map(|l| l.text).collect()
}

#[test]
fn simple_font_text_is_read() {
    assert_eq!(lines(&minimal_pdf(TEXT, None, &[])), ["Total 123.45"]);
}

#[test]
fn flate_content_is_read() {
    let packed = miniz_oxide::deflate::compress_to_vec_zlib(TEXT, 6);
    assert_eq!(lines(&minimal_pdf(&packed, Some("FlateDecode"), &[])), ["Total 123.45"]);
}

#[test]
fn pages_without_text_are_a_scan() {
    let pdf = minimal_pdf(b"0 0 m 100 100 l S", None, &[]);
    let err = juesuan::parse(&pdf).unwrap_err();
    assert_eq!(err, Error::PdfNoText { pages: 1 });
    assert!(err.to_string().contains("OCR"), "{err}");
}

#[test]
fn password_protected_is_refused_owner_only_is_read() {
    assert_eq!(juesuan::parse(ENCRYPTED).unwrap_err(), Error::PdfEncrypted);
    assert_eq!(lines(OWNER_ONLY), ["Total 123.45"]);
}

#[test]
fn decompression_bomb_is_refused_before_parsing() {
    let zeros = vec![b' '; 4 * 1024 * 1024];
    let packed = miniz_oxide::deflate::compress_to_vec_zlib(&zeros, 9);
    assert!(packed.len() < 64 * 1024, "a small file …");
    let pdf = minimal_pdf(&packed, Some("FlateDecode"), &[]);
    let limits = Limits { max_stream_bytes: 1024 * 1024, ..Limits::default() };
    match juesuan::parse_with(&pdf, &limits) {
        Err(Error::TooLarge { what, limit, .. }) => {
            assert_eq!((what, limit), ("decompressed stream bytes", 1024 * 1024));
        }
        other => panic!("expected TooLarge, got {other:?}"),
    }
    let limits = Limits { max_decoded_bytes: 1024 * 1024, ..Limits::default() };
    assert!(matches!(juesuan::parse_with(&pdf, &limits), Err(Error::TooLarge { what: "decompressed bytes", .. })));
}

/// `count` pages sharing one content stream.
fn many_pages(count: usize) -> Vec<u8> {
    let kids: String = (0..count).map(|i| format!("{} 0 R ", 4 + i)).collect();
    let mut objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!("<< /Type /Pages /Kids [{kids}] /Count {count} >>").into_bytes(),
        format!("<< /Length {} >>\nstream\n{}\nendstream", TEXT.len(), std::str::from_utf8(TEXT).unwrap()).into_bytes(),
    ];
    for _ in 0..count {
        objects.push(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>".to_vec());
    }
    assemble(&objects)
}

#[test]
fn five_thousand_pages_are_refused_or_read_within_raised_limits() {
    let pdf = many_pages(5_000);
    assert!(matches!(juesuan::parse(&pdf), Err(Error::TooLarge { what: "pages", limit: 1000, actual: 5000 })));
    let limits = Limits { max_pages: 5_000, ..Limits::default() };
    let (lines, source) = juesuan::lines_with(&pdf, &limits).unwrap();
    assert_eq!((lines.len(), source.pages), (5_000, 5_000));
    // the glyph limit holds across pages: 12 glyphs a page, 1,000 allowed
    let limits = Limits { max_pages: 5_000, max_glyphs: 1_000, ..Limits::default() };
    assert!(matches!(juesuan::parse_with(&pdf, &limits), Err(Error::TooLarge { what: "glyphs", limit: 1000, .. })));
}

/// A zlib stream of `n` zero bytes: one literal, then matches of 258 at distance 1 with
/// the fixed Huffman codes (13 bits each, so 2 GiB take 13.5 MB). Not terminated: a
/// reader must stop at its limit long before the end.
fn zeros_deflated(n: u64) -> Vec<u8> {
    let mut out = vec![0x78, 0x01];
    let (mut acc, mut bits) = (0u64, 0u32);
    let mut put = |out: &mut Vec<u8>, value: u64, count: u32| {
        acc |= value << bits;
        bits += count;
        while bits >= 8 {
            out.push(acc as u8);
            acc >>= 8;
            bits -= 8;
        }
    };
    // Huffman codes go most significant bit first
    let code = |c: u64, len: u32| (0..len).fold(0u64, |r, i| r | (((c >> i) & 1) << (len - 1 - i)));
    put(&mut out, 1, 1); // final block
    put(&mut out, 1, 2); // fixed codes
    put(&mut out, code(0x30, 8), 8); // literal 0
    for _ in 0..(n - 1) / 258 {
        put(&mut out, code(0xC5, 8), 8); // length 258
        put(&mut out, 0, 5); // distance 1
    }
    out
}

#[test]
fn a_stream_of_two_gigabytes_is_refused_with_default_limits() {
    let packed = zeros_deflated(2 << 30);
    assert!(packed.len() < 14 << 20, "{} bytes", packed.len());
    let pdf = minimal_pdf(&packed, Some("FlateDecode"), &[]);
    match juesuan::parse(&pdf) {
        Err(Error::TooLarge { what, limit, actual }) => {
            assert_eq!((what, limit), ("decompressed stream bytes", 64 << 20));
            assert!(actual <= limit + (64 << 10), "inflating stopped within one buffer of the limit: {actual}");
        }
        other => panic!("expected TooLarge, got {other:?}"),
    }
}

#[test]
fn deeply_nested_objects_do_not_overflow() {
    let deep = format!("<< /Deep {}1{} >>", "[".repeat(100_000), "]".repeat(100_000));
    let pdf = minimal_pdf(TEXT, None, &[deep.as_bytes()]);
    assert_eq!(lines(&pdf), ["Total 123.45"]);
    let deep_content = format!("{} BT /F1 12 Tf 72 720 Td (x) Tj ET", "[".repeat(100_000));
    let _ = juesuan::parse(&minimal_pdf(deep_content.as_bytes(), None, &[]));
}

#[test]
fn self_referencing_forms_stop() {
    // a form XObject that draws itself
    let content = b"/X1 Do";
    let form = b"<< /Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /X1 5 0 R >> /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> /Length 38 >>\nstream\n/X1 Do BT /F1 9 Tf 1 1 Td (loop) Tj ET\nendstream";
    let mut pdf = minimal_pdf(content, None, &[form]);
    let s =
        String::from_utf8_lossy(&pdf).replace("/Resources << /Font", "/Resources << /XObject << /X1 5 0 R >> /Font");
    pdf = s.into_bytes();
    let _ = juesuan::parse(&pdf);
}

#[test]
fn truncated_and_corrupted_fixture() {
    // the real PDF, from ../shared
    let Some(fixture) = common::putuo_bytes() else { return };
    for cut in [0usize, 8, 100, 1_000, 10_000, 50_000, 120_000, 200_000, fixture.len() - 10] {
        if let Ok(r) = juesuan::parse(&fixture[..cut]) {
            let _ = juesuan::export::to_csv(&r);
        }
    }
    assert_eq!(juesuan::parse(&fixture[..8]).unwrap_err(), Error::PdfCorrupt);
    let mut broken = fixture.to_vec();
    let mut x = 0x2545F4914F6CDD1Du64;
    for _ in 0..200 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let i = (x % broken.len() as u64) as usize;
        broken[i] = (x >> 32) as u8;
    }
    let _ = juesuan::parse(&broken);
    // an xref pointing nowhere: repaired by scanning, or refused
    let mut bad_xref = fixture.to_vec();
    if let Some(p) = bad_xref.windows(9).rposition(|w| w == b"startxref") {
        bad_xref[p + 10..p + 14].copy_from_slice(b"9999");
    }
    let _ = juesuan::parse(&bad_xref);
}

/// A landscape table printed on a page turned with `/Rotate 90`: its text is drawn turned
/// the other way in user space, so on the displayed page it reads left to right.
#[test]
fn rotated_page_reads_as_displayed() {
    // turned clockwise for display, user-space x runs down the displayed page
    let content =
        b"BT /F1 12 Tf 0 1 -1 0 280 100 Tm (Total 123.45) Tj ET BT /F1 12 Tf 0 1 -1 0 300 100 Tm (Next line) Tj ET";
    let pdf = minimal_pdf(content, None, &[]);
    let s = String::from_utf8_lossy(&pdf).replace("/MediaBox [0 0 595 842]", "/Rotate 90 /MediaBox [0 0 595 842]");
    // the xref offsets after the page object move by the inserted text: let the reader repair
    assert_eq!(lines(s.as_bytes()), ["Total 123.45", "Next line"]);
}

fn pages(pdf: &[u8]) -> Vec<juesuan::decode::pdf::PageText> {
    juesuan::decode::pdf::read(pdf, &Limits::default()).expect("readable")
}

fn rule(x0: f32, y0: f32, x1: f32, y1: f32) -> Rule {
    Rule { x0, y0, x1, y1 }
}

/// The page is 595 × 842 points: a rule's y is 842 minus the content stream's.
#[test]
fn ruling_from_strokes_rectangles_and_thin_fills() {
    let content = b"BT /F1 12 Tf 72 720 Td (Total 123.45) Tj ET
        0 0 0 RG 1 w 50 700 m 300 700 l S
        50 600 250 100 re S
        50 500 200 0.5 re f
        100 100 m 200 200 l S
        0 0 612 792 re W n";
    let page = &pages(&minimal_pdf(content, None, &[]))[0];
    assert_eq!(
        page.rules,
        [
            rule(50.0, 142.0, 300.0, 142.0),
            // the rectangle's sides in drawing order, the closing one last
            rule(50.0, 242.0, 300.0, 242.0),
            rule(300.0, 142.0, 300.0, 242.0),
            rule(50.0, 142.0, 300.0, 142.0),
            rule(50.0, 142.0, 50.0, 242.0),
            // the 0.5 pt high filled rectangle: its centre line
            rule(50.0, 341.75, 250.0, 341.75),
        ]
    );
}

#[test]
fn ruling_from_fills_curves_and_paths_outside_the_page() {
    let content = b"BT /F1 12 Tf 72 720 Td (x) Tj ET
        100 100 200 50 re f
        300 100 m 400 100 l 350 150 l f
        10 10 m 50 50 60 60 100 10 c 200 10 l S
        50 300 100 2 re B
        50 400 m 150 400.3 l 150 500 l 50 500 l h S
        -100 20 m -50 20 l S 500 30 m 700 30 l S 20 900 m 20 1000 l S 30 30 m 30 30 l S";
    let page = &pages(&minimal_pdf(content, None, &[]))[0];
    assert_eq!(
        page.rules,
        [
            // a large filled rectangle bounds cells: its four sides
            rule(100.0, 692.0, 300.0, 692.0),
            rule(300.0, 692.0, 300.0, 742.0),
            rule(100.0, 742.0, 300.0, 742.0),
            rule(100.0, 692.0, 100.0, 742.0),
            // the triangle is not a rectangle; after the curve only the straight piece counts
            rule(100.0, 832.0, 200.0, 832.0),
            // filled and stroked thin rectangle: one centre line, not its outline as well
            rule(50.0, 541.0, 150.0, 541.0),
            // 0.3 pt out of level is level (snapped to the mean); the closing side counts
            rule(50.0, 441.85, 150.0, 441.85),
            rule(150.0, 342.0, 150.0, 441.7),
            rule(50.0, 342.0, 150.0, 342.0),
            rule(50.0, 342.0, 50.0, 442.0),
            // off the page: dropped; across its edge: clipped; of zero length: dropped
            rule(500.0, 812.0, 595.0, 812.0),
        ]
    );
}

#[test]
fn ruling_is_transformed_by_the_matrix_at_construction() {
    let content = b"BT /F1 12 Tf 72 720 Td (x) Tj ET
        q 2 0 0 2 10 20 cm 10 10 m 60 10 l S 0 0 1 100 re f Q
        5 5 m 25 5 l S";
    let page = &pages(&minimal_pdf(content, None, &[]))[0];
    assert_eq!(
        page.rules,
        [rule(30.0, 802.0, 130.0, 802.0), rule(11.0, 622.0, 11.0, 822.0), rule(5.0, 837.0, 25.0, 837.0)]
    );
}

/// A landscape table on a page turned with `/Rotate 90`: text and ruling are drawn turned in
/// user space; on the displayed page (842 × 595) the rule under a line of text is
/// horizontal and just below its baseline, as for an upright page.
#[test]
fn ruling_of_a_rotated_page_is_in_displayed_coordinates() {
    let content = b"BT /F1 12 Tf 0 1 -1 0 280 100 Tm (Total 123.45) Tj ET
        283 90 m 283 400 l S
        100 50 m 300 50 l S";
    let pdf = minimal_pdf(content, None, &[]);
    let s = String::from_utf8_lossy(&pdf).replace("/MediaBox [0 0 595 842]", "/Rotate 90 /MediaBox [0 0 595 842]");
    let page = &pages(s.as_bytes())[0];
    assert_eq!((page.width, page.height), (842.0, 595.0));
    assert_eq!(page.rules, [rule(90.0, 283.0, 400.0, 283.0), rule(50.0, 100.0, 50.0, 300.0)]);
    let under = page.rules[0];
    assert_eq!(page.glyphs.len(), "Total 123.45".len());
    for g in &page.glyphs {
        assert!(under.x0 <= g.x0 && g.x1 <= under.x1, "{g:?} over {under:?}");
        assert!(under.y0 > g.y && under.y0 - g.y < 0.5 * g.size, "{g:?} just above {under:?}");
    }
}

#[test]
fn ruling_segments_over_the_limit_are_refused() {
    let content = b"BT /F1 12 Tf 72 720 Td (x) Tj ET 0 0 10 10 re S 20 20 10 10 re S 40 40 10 10 re S";
    let pdf = minimal_pdf(content, None, &[]);
    let limits = Limits { max_rules: 10, ..Limits::default() };
    assert_eq!(
        juesuan::decode::pdf::read(&pdf, &limits).unwrap_err(),
        Error::TooLarge { what: "ruling segments", limit: 10, actual: 11 }
    );
    let limits = Limits { max_rules: 12, ..Limits::default() };
    assert_eq!(juesuan::decode::pdf::read(&pdf, &limits).unwrap()[0].rules.len(), 12);
    assert!(matches!(
        juesuan::parse_with(&pdf, &Limits { max_rules: 5, ..Limits::default() }),
        Err(Error::TooLarge { .. })
    ));
}

/// Some producers draw every cell border as its own small filled rectangle; one path of
/// very many points is cut at its limit instead of growing.
#[test]
fn many_small_rectangles_and_one_huge_path() {
    let mut content = b"BT /F1 12 Tf 72 720 Td (x) Tj ET\n".to_vec();
    for i in 0..200 {
        for j in 0..200 {
            content.extend_from_slice(format!("{} {} 2.5 0.5 re f\n", 10 + i * 2, 10 + j * 4).as_bytes());
        }
    }
    assert_eq!(pages(&minimal_pdf(&content, None, &[]))[0].rules.len(), 40_000);
    let mut content = b"BT /F1 12 Tf 72 720 Td (x) Tj ET 100 100 m\n".to_vec();
    for _ in 0..75_000 {
        content.extend_from_slice(b"200 100 l 100 100 l\n");
    }
    content.extend_from_slice(b"S");
    let page = &pages(&minimal_pdf(&content, None, &[]))[0];
    assert_eq!(page.rules.len(), 100_000 - 1, "one path holds 100,000 points");
}

/// A real PDF from `../shared` (not in the repository): skipped when absent, unless on CI.
fn shared(path: &str) -> Option<Vec<u8>> {
    let full = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared").join(path);
    match std::fs::read(&full) {
        Ok(bytes) => Some(bytes),
        Err(e) if std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0") => {
            panic!("{}: {e}", full.display())
        }
        Err(_) => {
            println!("skipped: ../shared missing");
            None
        }
    }
}

/// On a ruled table page nearly every figure lies in a cell: between two horizontal rules
/// a row apart and two vertical ones.
fn assert_ruled_table(page: &juesuan::decode::pdf::PageText, min_h: usize, min_v: usize) {
    let (h, v): (Vec<&Rule>, Vec<&Rule>) = page.rules.iter().partition(|r| r.y0 == r.y1);
    assert!(h.len() >= min_h && v.len() >= min_v, "{} horizontal, {} vertical", h.len(), v.len());
    for r in &page.rules {
        assert!((r.y0 == r.y1 && r.x0 < r.x1) || (r.x0 == r.x1 && r.y0 < r.y1), "{r:?}");
        assert!(r.x0 >= 0.0 && r.x1 <= page.width && r.y0 >= 0.0 && r.y1 <= page.height, "{r:?}");
    }
    let digits: Vec<_> =
        page.glyphs.iter().filter(|g| page.glyph_text(g).chars().all(|c| c.is_ascii_digit())).collect();
    let in_cell = digits
        .iter()
        .filter(|g| {
            let x = (g.x0 + g.x1) / 2.0;
            let across = |r: &&&Rule| r.x0 <= x && x <= r.x1;
            let above = h.iter().filter(across).any(|r| r.y0 < g.y - 0.6 * g.size && r.y0 > g.y - 3.0 * g.size);
            let below = h.iter().filter(across).any(|r| r.y0 > g.y - 0.1 * g.size && r.y0 < g.y + 2.0 * g.size);
            let down = |r: &&&Rule| r.y0 <= g.y && g.y <= r.y1;
            let left = v.iter().filter(down).any(|r| r.x0 <= g.x0 + 0.5);
            let right = v.iter().filter(down).any(|r| r.x0 >= g.x1 - 0.5);
            above && below && left && right
        })
        .count();
    assert!(digits.len() >= 100 && in_cell * 10 >= digits.len() * 9, "{in_cell} of {} figures in cells", digits.len());
}

#[test]
fn ruling_of_real_tables() {
    // Excel 2010: each border stroked and also filled as a 0.96 pt rectangle
    if let Some(bytes) = shared("corpus/xian_safety_2019_budget_tables.pdf") {
        let pages = pages(&bytes);
        assert_ruled_table(&pages[5], 60, 15);
    }
    if let Some(bytes) = shared("fixtures/putuo_socialwork_2024.pdf") {
        let pages = pages(&bytes);
        assert_ruled_table(&pages[12], 30, 5);
        assert!(pages[16..].iter().all(|p| p.rules.is_empty()), "text pages have no ruling");
    }
}

/// The text of the page's glyphs in drawing order; empty for none (a page without text).
fn glyph_text(pdf: &[u8]) -> String {
    match juesuan::decode::pdf::read(pdf, &Limits::default()) {
        Ok(pages) => pages[0].glyphs.iter().map(|g| pages[0].glyph_text(g)).collect(),
        Err(Error::PdfNoText { pages: 1 }) => String::new(),
        Err(e) => panic!("{e:?}"),
    }
}

/// Helvetica here has no widths: each glyph is 500/1000 em, 5 pt at size 10, so the string
/// from x = 100 puts glyph k's centre at 102.5 + 5k.
const TEN: &[u8] = b"BT /F1 10 Tf 100 700 Td (ABCDEFGHIJ) Tj ET";

fn clipped(before: &[u8], after: &[u8]) -> String {
    glyph_text(&minimal_pdf(&[before, TEN, after].concat(), None, &[]))
}

#[test]
fn a_clip_rectangle_keeps_the_glyphs_inside() {
    assert_eq!(clipped(b"", b""), "ABCDEFGHIJ");
    // x 100..120: four centres inside, the fifth (122.5) outside
    assert_eq!(clipped(b"q 100 690 20 30 re W n ", b" Q"), "ABCD");
    // W* and a painting operator clip too; 0.5 pt of tolerance: x1 = 122 keeps E (122.5)
    assert_eq!(clipped(b"q 112 690 10 30 re W* f ", b" Q"), "CDE");
    // a shape clips by its bounding box (here x 100..120, whatever the diagonal)
    assert_eq!(clipped(b"q 100 690 m 120 690 l 100 720 l h W n ", b" Q"), "ABCD");
    // centre 0.3 em above the baseline: a clip up to the baseline (y 700) hides the line
    assert_eq!(clipped(b"q 0 0 595 700 re W n ", b" Q"), "");
    // W without n or painting has not clipped yet
    assert_eq!(clipped(b"100 690 20 30 re W ", b""), "ABCDEFGHIJ");
}

#[test]
fn the_clip_is_restored_by_q() {
    let pdf = minimal_pdf(
        b"q 100 690 20 30 re W n BT /F1 10 Tf 100 700 Td (ABCDEFGHIJ) Tj ET Q \
          BT /F1 10 Tf 100 680 Td (KLMNOPQRST) Tj ET",
        None,
        &[],
    );
    assert_eq!(glyph_text(&pdf), "ABCDKLMNOPQRST");
    assert_eq!(clipped(b"q 100 690 20 30 re W n Q ", b""), "ABCDEFGHIJ");
}

#[test]
fn nested_clips_intersect() {
    // x 100..130 then 110..160: 110..130
    assert_eq!(clipped(b"q 100 690 30 30 re W n q 110 600 50 200 re W n ", b" Q Q"), "CDEF");
    // disjoint: nothing is visible
    assert_eq!(clipped(b"q 100 690 30 30 re W n q 200 690 30 30 re W n ", b" Q Q"), "");
    // the inner clip ends at its Q, the outer stays
    assert_eq!(clipped(b"q 100 690 30 30 re W n q 110 600 5 200 re W n Q ", b" Q"), "ABCDEF");
}

#[test]
fn a_form_clips_its_text_to_its_bbox() {
    // the form's box (0 0 20 30) moved by its matrix and by the CTM to x 100..120
    let content = b"q 1 0 0 1 50 0 cm /X1 Do Q";
    let inner = b"BT /F1 10 Tf 0 10 Td (ABCDEFGHIJ) Tj ET";
    let form = [
        format!(
            "<< /Type /XObject /Subtype /Form /BBox [0 0 20 30] /Matrix [1 0 0 1 50 690] /Length {} >>\nstream\n",
            inner.len()
        )
        .as_bytes(),
        inner,
        b"\nendstream",
    ]
    .concat();
    let pdf = minimal_pdf(content, None, &[&form]);
    let pdf = String::from_utf8_lossy(&pdf)
        .replace("/Resources << /Font", "/Resources << /XObject << /X1 5 0 R >> /Font")
        .into_bytes();
    let pdf = fix_xref(&pdf);
    assert_eq!(glyph_text(&pdf), "ABCD");
}

/// After an edit of the bytes: the xref offsets rebuilt by scanning for `N 0 obj`.
fn fix_xref(pdf: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(pdf);
    let body = &text[..text.find("xref\n").expect("xref")];
    let mut objects = Vec::new();
    let mut at = 0;
    while let Some(i) = body[at..].find(" 0 obj\n") {
        let start = at + i + " 0 obj\n".len();
        let end = start + body[start..].find("\nendobj\n").expect("endobj");
        objects.push(body[start..end].as_bytes().to_vec());
        at = end;
    }
    assemble(&objects)
}

#[test]
fn glyphs_hidden_by_the_clip_count_to_the_glyph_limit() {
    let mut content = b"0 0 1 1 re W n".to_vec();
    for _ in 0..20 {
        content.extend_from_slice(b" BT /F1 10 Tf 100 700 Td (ABCDEFGHIJ) Tj ET");
    }
    let pdf = minimal_pdf(&content, None, &[]);
    assert_eq!(glyph_text(&pdf), "");
    let limits = Limits { max_glyphs: 100, ..Limits::default() };
    let err = juesuan::decode::pdf::read(&pdf, &limits).unwrap_err();
    assert!(matches!(err, Error::TooLarge { what: "glyphs", .. }), "{err:?}");
}

/// Excel clips each cell's string to the cell (`re W n`): a header too long for its narrow
/// column shows `因公出国（` while the text layer holds `因公出国（境）费`, whose hidden
/// rest would fall into the neighbouring cells. Page 32 as rendered: in the 2018 and 2019
/// blocks the narrow column shows `因公出国（`, its neighbour `公务接待费`, and the spanning
/// header `务用车购置及运行维护` (its first and last characters cut); in the wider column of
/// the change block `因公出国（境）费` is whole.
#[test]
fn text_hidden_by_excel_cell_clips_is_not_read() {
    let Some(bytes) = common::shared("corpus/xian_safety_2019_budget_tables.pdf") else { return };
    let laid = juesuan::layout_with(&bytes, &Limits::default()).expect("readable");
    let texts: Vec<String> =
        laid.grids.iter().filter(|g| g.page == 32).flat_map(|g| g.cells.iter().map(|c| c.text())).collect();
    assert!(!texts.is_empty(), "page 32 has a grid");
    let count = |t: &str| texts.iter().filter(|c| c.as_str() == t).count();
    assert_eq!(count("因公出国（"), 2, "{texts:?}");
    assert_eq!(count("因公出国（境）费"), 1, "{texts:?}");
    assert_eq!(count("公务接待费"), 3, "{texts:?}");
    assert!(count("务用车购置及运行维护") >= 2, "{texts:?}");
    assert!(texts.iter().all(|t| !t.contains("公公务接待费") && !t.contains("预预算")), "{texts:?}");
}
