//! PDF input that is damaged, hostile or unusual: every case gives a report or a clear
//! error, never a panic, a hang or unbounded memory. Small PDFs are built here byte by byte
//! so each case is exactly what it says.

mod common;

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

fn assemble(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(o);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).as_bytes(),
    );
    out
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
