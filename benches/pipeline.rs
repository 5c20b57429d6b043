//! decode + recognise on the text fixture, and on copies scaled ×10 and ×100 to show linear
//! growth; the PDF fixture whole and its decode stage alone; the audit and the charts.

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

const PDF: &[u8] = include_bytes!("../tests/fixtures/putuo_socialwork_2024.pdf");

/// The whole PDF path: glyphs, lines, recognition (24 pages, 246 KB).
#[divan::bench(sample_count = 50)]
fn parse_pdf_fixture() -> juesuan::Report {
    juesuan::parse(divan::black_box(PDF)).expect("fixture parses")
}

/// Only the PDF decode stage (content streams → positioned glyphs).
#[divan::bench(sample_count = 50)]
fn decode_pdf_glyphs() -> usize {
    juesuan::decode::pdf::read(divan::black_box(PDF), &juesuan::Limits::default()).expect("reads").len()
}

/// The audit alone, on reports already parsed (compare with `parse_*`: under 20 %).
#[divan::bench(args = ["text", "pdf"])]
fn audit_only(bencher: divan::Bencher, which: &str) {
    let report = juesuan::parse(if which == "pdf" { PDF } else { FIXTURE }).expect("parses");
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
