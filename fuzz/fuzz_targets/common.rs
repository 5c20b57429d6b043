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

/// The whole pipeline on `bytes`, at the default limits.
pub fn run(bytes: &[u8]) {
    if let Ok(report) = juesuan::parse_with(bytes, &juesuan::Limits::default()) {
        outputs(&report, bytes.first().copied().unwrap_or(0));
    }
}

/// Everything made from a report; `knob` picks the second drawing's width and scale.
pub fn outputs(report: &juesuan::Report, knob: u8) {
    let _ = juesuan::check::check(report);
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
