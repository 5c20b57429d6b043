//! Shared by every target: the whole pipeline as the browser and the command line run it,
//! at the real limits (`Limits::default()`, the ones `parse` uses): parse, audit, both
//! exports, and every chart — its spec, the level a drill-down path shows, and its SVG
//! through plotters (what `juesuan chart` prints and the page downloads), once at the
//! defaults and once drilled into the first item with children, in the other language,
//! theme, width and scale. A new target (an entry with its own framing of the bytes) calls
//! [`run`] on what it makes of them, or [`outputs`] on a report it got another way.

//!
//! Each target's framing of its bytes is here too, so that `tests/fuzz_regressions.rs`
//! (which includes this file) runs a kept input exactly as its target did.

use juesuan::view::{self, DrawOptions};

/// The `text` target: any bytes that are not a PDF (UTF-8, UTF-16, GBK or garbage).
#[allow(dead_code)]
pub fn text(data: &[u8]) {
    if !data.starts_with(b"%PDF") {
        run(data);
    }
}

/// The `pdf` target: every input read as a PDF (the header supplied when missing).
#[allow(dead_code)]
pub fn pdf(data: &[u8]) {
    if data.starts_with(b"%PDF-") {
        run(data);
    } else {
        let mut pdf = b"%PDF-1.7\n".to_vec();
        pdf.extend_from_slice(data);
        run(&pdf);
    }
}

/// The `stream` target: the bounded stream decoder alone, as `decode` runs it on a page's
/// content, a form or a ToUnicode CMap. The first byte picks a chain of one to three
/// filters (Flate, LZW, RunLength, ASCIIHex, ASCII85), the next four the last filter's
/// predictor parameters — any that `Predictor::from_dict` lets through — and the rest is
/// the stream's raw bytes. Whatever it makes stays within the per-stream limit and is
/// counted against the document's total.
#[allow(dead_code)]
pub fn stream(data: &[u8]) {
    use juesuan::decode::filters::{decode, Budget, Filter, Predictor, MAX_COLORS, MAX_COLUMNS};
    let Some((&pick, rest)) = data.split_first() else { return };
    let (params, raw) = rest.split_at(rest.len().min(4));
    let param = |i: usize| params.get(i).copied().unwrap_or(0) as usize;
    const FILTERS: [Filter; 5] = [Filter::Flate, Filter::Lzw, Filter::RunLength, Filter::AsciiHex, Filter::Ascii85];
    let none = Predictor { predictor: 1, colors: 1, bits: 8, columns: 1, early_change: true };
    let last = Predictor {
        predictor: [1, 2, 10, 11, 12, 13, 14, 15][param(0) % 8],
        colors: 1 + (param(1) as u32 % MAX_COLORS),
        bits: [1, 2, 4, 8, 16][param(2) % 5],
        columns: [1, 2, 3, 4, 5, 7, 8, 16, 100, 1000, 65_535, MAX_COLUMNS][param(3) % 12],
        early_change: param(0) & 16 == 0,
    };
    let n = 1 + usize::from(pick) / 75;
    let chain: Vec<(Filter, Predictor)> = (0..n)
        .map(|i| (FILTERS[usize::from(pick) / 5usize.pow(i as u32) % 5], if i + 1 == n { last } else { none }))
        .collect();
    let limits = juesuan::Limits::default();
    let mut budget = Budget::new(&limits);
    if let Ok(out) = decode(raw, &chain, &mut budget) {
        assert!(out.len() <= limits.max_stream_bytes, "{} bytes past the stream limit", out.len());
    }
    assert!(budget.total <= limits.max_decoded_bytes.saturating_add(limits.max_stream_bytes));
}

/// The whole pipeline on `bytes`, at the default limits.
pub fn run(bytes: &[u8]) {
    if let Ok(report) = juesuan::parse_with(bytes, &juesuan::Limits::default()) {
        outputs(&report, bytes.first().copied().unwrap_or(0));
    }
}

/// Everything made from a report; `knob` picks the second drawing's width and scale.
pub fn outputs(report: &juesuan::Report, knob: u8) {
    let _ = juesuan::check::check(report);
    let _ = juesuan::compare::compare(report, report);
    let _ = juesuan::export::to_csv(report);
    let _ = juesuan::export::to_json(report);
    for chart in view::charts(report) {
        let _ = view::svg(&chart, &DrawOptions::default());
        // the path a user clicks down: the first item with children at each level
        let mut path = Vec::new();
        let mut items = &chart.items;
        while let Some(it) = items.iter().find(|i| !i.children.is_empty()) {
            path.push(it.key.clone());
            items = &it.children;
        }
        let opts = DrawOptions {
            lang: "en".into(),
            theme: "dark".into(),
            path,
            width: [320, 720, 1280, 40][usize::from(knob & 3)],
            scale: [1.0, 2.0, 0.5, 3.0][usize::from(knob >> 2 & 3)],
            title: knob & 16 == 0,
            mode: if knob & 32 == 0 { "bars" } else { "treemap" }.into(),
            caption: knob & 64 != 0,
        };
        let _ = view::level(&chart, &opts.path);
        let _ = view::height(&chart, &opts);
        let _ = view::svg(&chart, &opts);
    }
}

/// The `content` target: the content-stream lexer alone, as `decode` runs it on a page's
/// content or a form: the bytes are the decoded stream; every operator is read to the end
/// and every `TJ` array's elements are gone through. It never panics, and it ends: each
/// operator is at least one byte of the stream (or `hayro-syntax`'s after a hand-over).
#[allow(dead_code)]
pub fn content(data: &[u8]) {
    use juesuan::decode::content::{Lexer, Op};
    let mut lexer = Lexer::new(data);
    let mut ops = 0usize;
    while let Some(op) = lexer.next() {
        ops += 1;
        assert!(ops <= data.len(), "more operators than bytes");
        if let Op::ShowArray(items) = op {
            assert!(items.items().count() <= data.len());
        }
    }
}
