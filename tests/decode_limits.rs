//! The PDF decode stage's limits where the bytes are made (issue 15: 1, 2, 3, 6): every
//! stream the text needs goes through one bounded decoder, whatever its filters; predictor
//! parameters are validated before any decoder sees them; glyphs, `/W` entries and CMap
//! ranges are counted as they are produced; fonts are told apart by their own dictionary.
//! Every PDF here is built by the test, byte by byte, small: each case's time is bounded by
//! its size and the (lowered) limits, never by a clock.

mod common;

use common::assemble;
use juesuan::decode::pdf::{read, PageText};
use juesuan::{Error, Limits};

/// Limits low enough that a bomb needs only kilobytes: 256 KiB per stream, 1 MiB in all.
fn small() -> Limits {
    Limits { max_stream_bytes: 256 << 10, max_decoded_bytes: 1 << 20, ..Limits::default() }
}

const FONT: &str = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";
const TEXT: &[u8] = b"BT /F1 12 Tf 72 720 Td (Total 123.45) Tj ET";

fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut s = format!("<< /Length {} {dict} >>\nstream\n", data.len()).into_bytes();
    s.extend_from_slice(data);
    s.extend_from_slice(b"\nendstream");
    s
}

/// One page (object 3) whose content is object 4 (`content_dict` its filter entries),
/// resources `resources`, and `extra` objects numbered from 5.
fn one_page(content_dict: &str, content: &[u8], resources: &str, extra: &[Vec<u8>]) -> Vec<u8> {
    let mut objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources {resources} >>")
            .into_bytes(),
        stream(content_dict, content),
    ];
    objects.extend(extra.iter().cloned());
    assemble(&objects)
}

fn helvetica() -> String {
    format!("<< /Font << /F1 {FONT} >> >>")
}

fn text_of(pages: &[PageText]) -> String {
    pages.iter().map(|p| p.text.as_str()).collect::<Vec<_>>().join("\n")
}

fn zlib(data: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(data, 9)
}

/// `n` zero bytes, deflated without the zlib header.
fn raw_deflate_zeros(n: usize) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec(&vec![0u8; n], 9)
}

fn hex(data: &[u8]) -> Vec<u8> {
    let mut out: Vec<u8> = data.iter().flat_map(|b| format!("{b:02X}").into_bytes()).collect();
    out.push(b'>');
    out
}

/// LZW as PDF writes it (EarlyChange 1, 9–12-bit codes, a clear code when the table fills).
fn lzw(data: &[u8]) -> Vec<u8> {
    use std::collections::HashMap;
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u64, 0u32);
    let mut put = |code: u32, width: u32, out: &mut Vec<u8>| {
        acc = (acc << width) | u64::from(code);
        bits += width;
        while bits >= 8 {
            out.push((acc >> (bits - 8)) as u8);
            bits -= 8;
        }
    };
    let mut table: HashMap<Vec<u8>, u32> = HashMap::new();
    let mut next = 258u32;
    let width = |next: u32| match next + 1 {
        0..=511 => 9,
        512..=1023 => 10,
        1024..=2047 => 11,
        _ => 12,
    };
    put(256, 9, &mut out);
    let mut w: Vec<u8> = Vec::new();
    for &b in data {
        let mut wb = w.clone();
        wb.push(b);
        if wb.len() == 1 || table.contains_key(&wb) {
            w = wb;
            continue;
        }
        let code = if w.len() == 1 { u32::from(w[0]) } else { table[&w] };
        put(code, width(next - 1), &mut out);
        if next < 4094 {
            table.insert(wb, next);
            next += 1;
        } else {
            put(256, width(next - 1), &mut out);
            table.clear();
            next = 258;
        }
        w = vec![b];
    }
    if !w.is_empty() {
        let code = if w.len() == 1 { u32::from(w[0]) } else { table[&w] };
        put(code, width(next - 1), &mut out);
        next += 1;
    }
    put(257, width(next - 1), &mut out);
    put(0, 7, &mut out); // flush the last bits
    out
}

fn assert_stream_over(result: Result<Vec<PageText>, Error>, limits: &Limits) {
    match result {
        Err(Error::TooLarge { what: "decompressed stream bytes", limit, actual }) => {
            assert_eq!(limit, limits.max_stream_bytes);
            // refused as the bytes are made: within one output step of the limit
            assert!(actual > limit && actual <= limit + 64 * 1024, "{actual}");
        }
        other => panic!("{:?}", other.map(|p| text_of(&p))),
    }
}

fn unsupported(result: Result<Vec<PageText>, Error>) -> String {
    match result {
        Err(Error::PdfUnsupported { what }) => {
            let e = Error::PdfUnsupported { what: what.clone() };
            assert!(e.to_string().contains("无法解码") && e.to_string().contains("cannot be decoded"), "{e}");
            what
        }
        other => panic!("{:?}", other.map(|p| text_of(&p))),
    }
}

// 1. Decompression limits where the bytes are made

#[test]
fn every_filter_and_chain_decodes_the_content() {
    let l = small();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("", TEXT.to_vec()),
        ("/Filter /FlateDecode", zlib(TEXT)),
        ("/Filter /Fl", miniz_oxide::deflate::compress_to_vec(TEXT, 6)),
        ("/Filter /Fl#61teDecode", zlib(TEXT)),
        ("/Filter /LZWDecode", lzw(TEXT)),
        ("/Filter /LZW /DecodeParms << /EarlyChange 1 >>", lzw(&TEXT.repeat(300))),
        ("/Filter /AHx", hex(TEXT)),
        ("/Filter [/AHx /Fl]", hex(&zlib(TEXT))),
        ("/Filter [/ASCIIHexDecode /LZWDecode]", hex(&lzw(TEXT))),
        ("/Filter /RunLengthDecode", {
            let mut rl = vec![(TEXT.len() - 1) as u8];
            rl.extend_from_slice(TEXT);
            rl.push(128);
            rl
        }),
        ("/Filter 5 0 R", zlib(TEXT)),
        ("/Filter [5 0 R] /DecodeParms [null]", zlib(TEXT)),
    ];
    for (dict, data) in cases {
        let pdf = one_page(dict, &data, &helvetica(), &[b"/FlateDecode".to_vec()]);
        let pages = read(&pdf, &l).unwrap_or_else(|e| panic!("{dict}: {e}"));
        let want = if dict.contains("EarlyChange") { "Total 123.45".repeat(300) } else { "Total 123.45".into() };
        assert_eq!(pages[0].text, want, "{dict}");
    }
}

#[test]
fn a_bomb_is_refused_through_every_filter_and_name() {
    let l = small();
    let zeros = 768 << 10; // three times the per-stream limit
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("/Filter /FlateDecode", zlib(&vec![0; zeros])),
        ("/Filter /FlateDecode", raw_deflate_zeros(zeros)),
        ("/Filter /Fl", raw_deflate_zeros(zeros)),
        ("/Filter /Fl#61teDecode", zlib(&vec![0; zeros])),
        ("/Filter 5 0 R", zlib(&vec![0; zeros])),
        ("/Filter [/AHx /Fl]", hex(&zlib(&vec![0; zeros]))),
        ("/Filter [/Fl /Fl]", zlib(&zlib(&vec![0; zeros]))),
        ("/Filter /LZW", lzw(&vec![0; zeros])),
        ("/Filter /RL", [129u8, 0].repeat(zeros / 128)),
        ("/Filter /A85", b"z".repeat(zeros / 4)),
    ];
    for (dict, data) in cases {
        assert!(data.len() <= zeros / 4, "{dict}: the input is small ({} bytes)", data.len());
        let pdf = one_page(dict, &data, &helvetica(), &[b"/FlateDecode".to_vec()]);
        assert_stream_over(read(&pdf, &l), &l);
    }
}

#[test]
fn the_total_counts_every_use_of_a_shared_stream() {
    // 100 pages share one content stream of 64 KB: 6.4 MB in all, over the 1 MiB total,
    // though the stream is decoded once
    let mut content = TEXT.to_vec();
    content.resize(64 * 1024, b' ');
    let kids: Vec<String> = (0..100).map(|i| format!("{} 0 R", 5 + i)).collect();
    let mut objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!("<< /Type /Pages /Kids [{}] /Count 100 >>", kids.join(" ")).into_bytes(),
        format!("<< /Font << /F1 {FONT} >> >>").into_bytes(),
        stream("/Filter /FlateDecode", &zlib(&content)),
    ];
    for _ in 0..100 {
        objects
            .push(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources 3 0 R >>".to_vec());
    }
    let pdf = assemble(&objects);
    let l = small();
    match read(&pdf, &l) {
        Err(Error::TooLarge { what: "decompressed bytes", limit, actual }) => {
            assert_eq!(limit, l.max_decoded_bytes);
            assert!(actual <= limit + content.len());
        }
        other => panic!("{:?}", other.map(|p| p.len())),
    }
    let roomy = Limits { max_decoded_bytes: 8 << 20, ..l };
    assert_eq!(read(&pdf, &roomy).unwrap().len(), 100);
}

#[test]
fn object_and_xref_streams_are_bounded_before_the_parser() {
    let l = small();
    let bomb = zlib(&vec![b' '; 768 << 10]);
    // an object stream, by its type, or untyped with the keys one needs
    for dict in ["/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode", "/N 1 /First 4 /Filter /Fl"] {
        let pdf = one_page("", TEXT, &helvetica(), &[stream(dict, &bomb)]);
        assert_stream_over(read(&pdf, &l), &l);
    }
    // a cross-reference stream
    let pdf = one_page("", TEXT, &helvetica(), &[stream("/Type /XRef /Size 6 /W [1 4 2] /Filter /FlateDecode", &bomb)]);
    assert_stream_over(read(&pdf, &l), &l);
    // an untyped stream that a cross-reference stream names as an object stream
    let mut rows = Vec::new();
    for (kind, field) in [(0u8, 0u32), (2, 6), (2, 6)] {
        rows.push(kind);
        rows.extend_from_slice(&field.to_be_bytes());
        rows.extend_from_slice(&[0, 0]);
    }
    let xref = stream("/Type /XRef /Size 3 /W [1 4 2] /Filter /FlateDecode", &zlib(&rows));
    let pdf = one_page("", TEXT, &helvetica(), &[xref, stream("/Filter /FlateDecode", &bomb)]);
    assert_stream_over(read(&pdf, &l), &l);
}

#[test]
fn fonts_and_images_are_never_decoded() {
    // a bomb as an image and as an embedded font program: the text does not need them
    let l = small();
    let bomb = zlib(&vec![0; 768 << 10]);
    let resources = "<< /Font << /F1 << /Type /Font /Subtype /TrueType /BaseFont /Arial /FontDescriptor 7 0 R >> >> /XObject << /Im1 5 0 R >> >>";
    let pdf = one_page(
        "",
        b"q 10 0 0 10 0 0 cm /Im1 Do Q BT /F1 12 Tf 72 720 Td (Total 123.45) Tj ET",
        resources,
        &[
            stream("/Type /XObject /Subtype /Image /Width 1024 /Height 3072 /BitsPerComponent 8 /ColorSpace /DeviceGray /Filter /FlateDecode", &bomb),
            stream("/Length1 3145728 /Filter /FlateDecode", &bomb),
            b"<< /Type /FontDescriptor /FontName /Arial /FontFile2 6 0 R >>".to_vec(),
        ],
    );
    assert_eq!(text_of(&read(&pdf, &l).unwrap()), "Total 123.45");
}

#[test]
fn image_and_unknown_filters_on_text_streams_are_refused() {
    let l = small();
    for (dict, name) in [
        ("/Filter /DCTDecode", "/DCTDecode"),
        ("/Filter /JPXDecode", "/JPXDecode"),
        ("/Filter [/FlateDecode /CCITTFaxDecode]", "/CCITTFaxDecode"),
        ("/Filter /Foo", "/Foo"),
    ] {
        let pdf = one_page(dict, TEXT, &helvetica(), &[]);
        assert_eq!(unsupported(read(&pdf, &l)), name);
    }
    // the same for a form's content and a ToUnicode CMap
    let form = stream("/Type /XObject /Subtype /Form /BBox [0 0 600 800] /Filter /DCTDecode", TEXT);
    let pdf = one_page("", b"/X1 Do", &format!("<< /Font << /F1 {FONT} >> /XObject << /X1 5 0 R >> >>"), &[form]);
    assert_eq!(unsupported(read(&pdf, &l)), "/DCTDecode");
    let font = "<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 5 0 R >> >> >>";
    let pdf = one_page("", TEXT, font, &[stream("/Filter /JBIG2Decode", b"x")]);
    assert_eq!(unsupported(read(&pdf, &l)), "/JBIG2Decode");
}

// 2. Predictor parameters validated before any decoder sees them

#[test]
fn predictors_decode_and_bad_parameters_are_refused() {
    let l = small();
    // PNG Up predictor over rows of 8 bytes: what the content is after undoing it
    let mut padded = TEXT.to_vec();
    padded.resize(TEXT.len().div_ceil(8) * 8, b' ');
    let mut predicted = Vec::new();
    let mut prev = [0u8; 8];
    for row in padded.chunks(8) {
        predicted.push(2);
        predicted.extend(row.iter().zip(prev).map(|(b, p)| b.wrapping_sub(p)));
        prev.copy_from_slice(row);
    }
    let pdf = one_page(
        "/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 8 >>",
        &zlib(&predicted),
        &helvetica(),
        &[],
    );
    assert_eq!(read(&pdf, &l).unwrap()[0].text.trim_end(), "Total 123.45");

    for (params, what) in [
        ("/Predictor 12 /Columns 0", "/DecodeParms /Columns 0"),
        ("/Predictor 2 /Columns 0", "/DecodeParms /Columns 0"),
        ("/Predictor 12 /Colors 0", "/DecodeParms /Colors 0"),
        ("/Predictor 2 /BitsPerComponent 0", "/DecodeParms /BitsPerComponent 0"),
        ("/Predictor 12 /Columns 1099511627776", "/DecodeParms /Columns 1099511627776"),
        ("/Predictor 12 /Colors 255 /BitsPerComponent 16", "/DecodeParms /Colors 255"),
        ("/Predictor 7", "/DecodeParms /Predictor 7"),
        ("/Predictor 12 /Columns 2.5", "/DecodeParms /Columns 2.5"),
        ("/Predictor 12 /Columns (x)", "/DecodeParms /Columns ?"),
    ] {
        let dict = format!("/Filter /FlateDecode /DecodeParms << {params} >>");
        // on a content stream, on an xref stream and on an object stream (decoded by
        // hayro-syntax itself, which divides by zero or allocates the row: guarded)
        let content = one_page(&dict, &zlib(TEXT), &helvetica(), &[]);
        assert_eq!(unsupported(read(&content, &l)), what, "{params}");
        let xref = one_page(
            "",
            TEXT,
            &helvetica(),
            &[stream(&format!("/Type /XRef /Size 6 /W [1 4 2] {dict}"), &zlib(&[0; 35]))],
        );
        assert_eq!(unsupported(read(&xref, &l)), what, "{params}");
        let objstm = one_page(
            "",
            TEXT,
            &helvetica(),
            &[stream(&format!("/Type /ObjStm /N 1 /First 4 /DP << {params} >> /F /Fl"), &zlib(b"6 0 1"))],
        );
        assert_eq!(unsupported(read(&objstm, &l)), what, "{params} (/F and /DP as hayro-syntax reads them)");
    }
}

// 3. Limits inside the loops

#[test]
fn the_glyph_limit_is_checked_as_glyphs_are_made() {
    let l = Limits { max_glyphs: 1_000, ..small() };
    // one Tj of 50,000 glyphs: refused at glyph 1,001, not after the string
    let mut content = b"BT /F1 12 Tf 72 720 Td (".to_vec();
    content.extend(std::iter::repeat_n(b'x', 50_000));
    content.extend_from_slice(b") Tj ET");
    let pdf = one_page("/Filter /FlateDecode", &zlib(&content), &helvetica(), &[]);
    assert_eq!(read(&pdf, &l).unwrap_err(), Error::TooLarge { what: "glyphs", limit: 1_000, actual: 1_001 });
    // the last operator of the page counts too
    let mut content = b"BT /F1 12 Tf 72 720 Td".to_vec();
    for _ in 0..100 {
        content.extend_from_slice(b" (0123456789) Tj");
    }
    content.extend_from_slice(b" (x) Tj ET");
    let pdf = one_page("", &content, &helvetica(), &[]);
    assert_eq!(read(&pdf, &l).unwrap_err(), Error::TooLarge { what: "glyphs", limit: 1_000, actual: 1_001 });
}

/// A Type0 font (`F1`, object 5) with ToUnicode object 6 and `/W` in its descendant.
fn type0_page(content: &[u8], w: &str, cmap: &[u8]) -> Vec<u8> {
    one_page(
        "",
        content,
        "<< /Font << /F1 5 0 R >> >>",
        &[
            format!("<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /ToUnicode 6 0 R /DescendantFonts [<< /Type /Font /Subtype /CIDFontType2 /BaseFont /X /DW 1000 /W [{w}] >>] >>").into_bytes(),
            stream("/Filter /FlateDecode", &zlib(cmap)),
        ],
    )
}

/// 200 Type0 fonts, each with its own `/W` and ToUnicode CMap of five ranges of 65,534
/// codes: ranges are kept as ranges (this took 11.8 s and 1.5 GB when each code of each
/// range was made), and each font reads its own text and widths.
#[test]
fn many_fonts_with_wide_ranges_read_right() {
    let n = 200;
    let mut objects =
        vec![b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(), b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec()];
    let fonts: String = (0..n).map(|i| format!("/F{i} {} 0 R ", 5 + 2 * i)).collect();
    let content: String = (0..n).map(|i| format!("BT /F{i} 10 Tf 72 {} Td <00010031> Tj ET\n", 790 - 3 * i)).collect();
    objects.push(format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << {fonts}>> >> >>").into_bytes());
    objects.push(format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()).into_bytes());
    for i in 0..n {
        // font i: code 0x31 is 一 + 0x2F + i (a range starting at 0x4E00 + i), 250 wide
        objects.push(format!("<< /Type /Font /Subtype /Type0 /BaseFont /X{i} /Encoding /Identity-H /ToUnicode {} 0 R /DescendantFonts [<< /Type /Font /Subtype /CIDFontType2 /BaseFont /X /DW 1000 /W [1 [500] {}] >>] >>", 6 + 2 * i, "2 65535 250 ".repeat(5)).into_bytes());
        let cmap = format!(
            "1 beginbfchar <0001> <0031> endbfchar\n{}",
            format!("1 beginbfrange <0002> <FFFF> <{:04X}> endbfrange\n", 0x4E00 + i).repeat(5)
        );
        objects.push(format!("<< /Length {} >>\nstream\n{cmap}\nendstream", cmap.len()).into_bytes());
    }
    let pages = read(&assemble(&objects), &Limits::default()).unwrap();
    let g = &pages[0].glyphs;
    assert_eq!(g.len(), 2 * n);
    for i in 0..n {
        let text = &pages[0].text[g[2 * i + 1].start as usize..g[2 * i + 1].end as usize];
        let want = char::from_u32(0x4E00 + i as u32 + 0x31 - 2).unwrap().to_string();
        assert_eq!(text, want, "font {i}");
        assert_eq!(g[2 * i + 1].x1 - g[2 * i + 1].x0, 2.5, "font {i}: width from its /W range");
    }
}

#[test]
fn width_entries_and_cmap_ranges_are_capped_per_font() {
    let l = small();
    // /W: 20,000 ranges of 65,534 codes each (1.3 G entries if each were made); the CMap:
    // 4,000 such ranges (262 M); a range at the top of the code space: the first entries
    // are kept, the rest never made
    let w: String = std::iter::once("1 [500] ".to_string())
        .chain((0..20_000).map(|_| "2 65535 250 ".to_string()))
        .chain(std::iter::once("4294967295 4294967295 9".to_string()))
        .collect();
    let mut cmap = b"1 beginbfchar <0001> <0031> endbfchar\n".to_vec();
    for _ in 0..4_000 {
        cmap.extend_from_slice(b"1 beginbfrange <0002> <FFFF> <4E00> endbfrange\n");
    }
    cmap.extend_from_slice(b"1 beginbfrange <FFFFFFFF> <FFFFFFFF> [<0041> <0042>] endbfrange\n");
    let pdf = type0_page(b"BT /F1 10 Tf 0 700 Td <00010002> Tj ET", &w, &cmap);
    let pages = read(&pdf, &l).unwrap();
    assert_eq!(pages[0].text, "1一");
    let g = &pages[0].glyphs;
    assert_eq!((g[0].x1 - g[0].x0, g[1].x1 - g[1].x0), (5.0, 2.5), "widths from /W");
}

#[test]
fn a_form_is_decoded_once_and_its_operations_count() {
    // a form of 1,000 operations drawn 100 times from the page and nested forms: the
    // operation limit counts what each drawing runs
    let mut form = Vec::new();
    for _ in 0..1_000 {
        form.extend_from_slice(b"0 0 m ");
    }
    let draws = b"/X1 Do ".repeat(100);
    let resources = format!("<< /Font << /F1 {FONT} >> /XObject << /X1 5 0 R >> >>");
    let form_obj = stream("/Type /XObject /Subtype /Form /BBox [0 0 600 800] /Filter /FlateDecode", &zlib(&form));
    let mut content = TEXT.to_vec();
    content.extend_from_slice(&draws);
    let pdf = one_page("", &content, &resources, std::slice::from_ref(&form_obj));
    let l = Limits { max_operations: 50_000, ..small() };
    match read(&pdf, &l) {
        Err(Error::TooLarge { what: "content operations", limit: 50_000, actual: 50_001 }) => {}
        other => panic!("{:?}", other.map(|p| p.len())),
    }
    let roomy = Limits { max_operations: 200_000, ..small() };
    assert_eq!(text_of(&read(&pdf, &roomy).unwrap()), "Total 123.45");
    // forms nesting each other twice over, eight deep: 2⁸ drawings of the innermost
    let mut objects = Vec::new();
    for depth in 0..8 {
        let next = if depth < 7 { format!("<< /XObject << /N {} 0 R >> >>", 6 + depth) } else { "<< >>".into() };
        let body = if depth < 7 { b"/N Do /N Do".to_vec() } else { form.clone() };
        objects.push(stream(&format!("/Subtype /Form /BBox [0 0 600 800] /Resources {next}"), &body));
    }
    let pdf = one_page(
        "",
        &[TEXT, b" /N Do"].concat(),
        &format!("<< /Font << /F1 {FONT} >> /XObject << /N 5 0 R >> >>"),
        &objects,
    );
    match read(&pdf, &l) {
        Err(Error::TooLarge { what: "content operations", .. }) => {}
        other => panic!("{:?}", other.map(|p| p.len())),
    }
}

#[test]
fn five_hundred_fonts_sharing_one_cmap_parse_it_once() {
    // one ToUnicode CMap of 128 KB named by 500 fonts: decoded and parsed once (500 decodes
    // would be 64 MB, far over the 1 MiB total)
    let mut cmap = b"1 beginbfchar <01> <0037> endbfchar\n".to_vec();
    cmap.resize(128 * 1024, b' ');
    let fonts: String = (0..500).map(|i| format!("/F{i} {} 0 R ", 6 + i)).collect();
    let mut content = b"BT".to_vec();
    for i in 0..500 {
        content.extend_from_slice(format!(" /F{i} 12 Tf 72 {} Td <01> Tj", 700 - i).as_bytes());
    }
    content.extend_from_slice(b" ET");
    let mut extra = vec![stream("/Filter /FlateDecode", &zlib(&cmap))];
    for _ in 0..500 {
        extra.push(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 5 0 R >>".to_vec());
    }
    let pdf = one_page("", &content, &format!("<< /Font << {fonts} >> >>"), &extra);
    let pages = read(&pdf, &small()).unwrap();
    assert_eq!(pages[0].text, "7".repeat(500));
}

#[test]
fn page_tree_entries_are_counted_before_the_tree_is_walked() {
    // 100,000 empty dictionaries as kids (hayro-syntax would keep 1 KB for each): refused
    // by their count, in the file and inside an object stream
    let kids = "<<>> ".repeat(100_000);
    let limit = 8 * 1_000 + 1024;
    let over = Error::TooLarge { what: "page tree entries", limit, actual: limit + 1 };
    let pdf = assemble(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!("<< /Type /Pages /K#69ds [{kids}] /Count 1 >>").into_bytes(),
    ]);
    assert_eq!(read(&pdf, &Limits::default()).unwrap_err(), over);
    let members = format!("2 0 << /Type /Pages /Kids [{kids}] /Count 1 >>");
    let objstm = stream("/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode", &zlib(members.as_bytes()));
    let pdf = one_page("", TEXT, &helvetica(), &[objstm]);
    assert_eq!(read(&pdf, &Limits::default()).unwrap_err(), over);
}

// 6. Font identity

#[test]
fn two_direct_fonts_in_one_resources_object_are_two_fonts() {
    // /F1 and /F2 are direct dictionaries inside resources object 5, each with its own
    // ToUnicode: code 1 is "1" in F1 and "7" in F2
    let cmap = |digit: &str| stream("", format!("1 beginbfchar <01> <003{digit}> endbfchar").as_bytes());
    let resources = "<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /A /ToUnicode 6 0 R >> /F2 << /Type /Font /Subtype /Type1 /BaseFont /B /ToUnicode 7 0 R >> >> >>";
    let pdf = one_page(
        "",
        b"BT /F1 12 Tf 72 720 Td <01> Tj /F2 12 Tf <01> Tj /F1 12 Tf <01> Tj ET",
        "5 0 R",
        &[resources.as_bytes().to_vec(), cmap("1"), cmap("7")],
    );
    assert_eq!(read(&pdf, &small()).unwrap()[0].text, "171");
}
