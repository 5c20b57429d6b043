//! decode + recognise on the text fixture, and on copies scaled ×10 and ×100 to show linear
//! growth; the PDF fixture (read from `../shared/fixtures/`) whole and its decode stage alone;
//! the audit and the charts.

fn main() {
    divan::main();
}

const FIXTURE: &[u8] = include_bytes!("../tests/fixtures/ningxia_hrss_2023.txt");

#[divan::bench]
fn parse_text_fixture() -> juesuan::Report {
    juesuan::parse(divan::black_box(FIXTURE)).expect("fixture parses")
}

#[divan::bench]
fn parse_and_export_csv() -> String {
    let r = juesuan::parse(divan::black_box(FIXTURE)).expect("fixture parses");
    juesuan::export::to_csv(&r)
}

/// The fixture repeated: ×100 is 13.6 MB and 646,000 lines, over the default line limit,
/// so the limits are raised for this measure.
#[divan::bench(args = [1, 10, 100], sample_count = 10)]
fn parse_scaled(bencher: divan::Bencher, times: usize) {
    let doc: Vec<u8> = std::iter::repeat_n(FIXTURE, times).flat_map(|b| b.iter().copied().chain(*b"\n")).collect();
    let limits = juesuan::Limits { max_lines: usize::MAX, ..juesuan::Limits::default() };
    bencher
        .counter(divan::counter::BytesCount::new(doc.len()))
        .bench(|| juesuan::parse_with(divan::black_box(&doc), &limits).expect("parses"));
}

/// The Putuo PDF, read once from `../shared/fixtures/` (or `$JUESUAN_SHARED/fixtures/`):
/// with `CI=true` a missing file is an error, otherwise its benchmarks are skipped with a line
/// on stderr (and show as empty rows).
fn pdf(bench: &str) -> Option<&'static [u8]> {
    static PDF: std::sync::OnceLock<Option<Vec<u8>>> = std::sync::OnceLock::new();
    const REL: &str = "fixtures/putuo_socialwork_2024.pdf";
    let shared = std::env::var_os("JUESUAN_SHARED")
        .filter(|d| !d.is_empty())
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/../shared").into());
    let path = shared.join(REL);
    let bytes = PDF.get_or_init(|| std::fs::read(&path).ok()).as_deref();
    if bytes.is_none() {
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!("../shared/{REL} is missing ({}); CI needs ../shared beside the clone", path.display());
        }
        eprintln!("\nskipped: {bench} needs ../shared/{REL} (not found: {})", path.display());
    }
    bytes
}

/// The whole PDF path: glyphs, lines, recognition (24 pages, 246 KB).
#[divan::bench(sample_count = 50)]
fn parse_pdf_fixture(bencher: divan::Bencher) {
    let Some(pdf) = pdf("parse_pdf_fixture") else { return };
    bencher.bench(|| juesuan::parse(divan::black_box(pdf)).expect("fixture parses"));
}

/// Only the PDF decode stage (content streams → positioned glyphs).
#[divan::bench(sample_count = 50)]
fn decode_pdf_glyphs(bencher: divan::Bencher) {
    let Some(pdf) = pdf("decode_pdf_glyphs") else { return };
    bencher
        .bench(|| juesuan::decode::pdf::read(divan::black_box(pdf), &juesuan::Limits::default()).expect("reads").len());
}

/// The audit alone, on reports already parsed (compare with `parse_*`: under 20 %).
#[divan::bench(args = ["text", "pdf"])]
fn audit_only(bencher: divan::Bencher, which: &str) {
    let bytes = if which == "pdf" {
        let Some(pdf) = pdf("audit_only(pdf)") else { return };
        pdf
    } else {
        FIXTURE
    };
    let report = juesuan::parse(bytes).expect("parses");
    bencher.bench(|| juesuan::check::check(divan::black_box(&report)));
}

/// Every chart spec of a parsed report, and one drawn to SVG.
#[divan::bench]
fn charts_and_svg(bencher: divan::Bencher) {
    let report = juesuan::parse(FIXTURE).expect("parses");
    bencher.bench(|| {
        let charts = juesuan::view::charts(divan::black_box(&report));
        juesuan::view::svg(&charts[0], &juesuan::view::DrawOptions::default()).expect("draws").len()
    });
}
