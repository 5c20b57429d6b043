//! Reads one PDF through the whole pipeline with the page limit raised to 10,000, for
//! measuring peak memory on bound documents beyond the default 1,000 pages:
//! `/usr/bin/time -f %M cargo run --release --example memory FILE`. The bytes are handed
//! over (`parse_owned`), as the browser's worker hands over the file.

fn main() {
    let path = std::env::args().nth(1).expect("usage: memory FILE");
    let bytes = std::fs::read(&path).expect("readable file");
    let limits = juesuan::Limits { max_pages: 10_000, max_glyphs: 40_000_000, ..juesuan::Limits::default() };
    let report = juesuan::parse_owned(bytes, &limits, &mut |_, _| {}).expect("readable PDF");
    println!("{path}: {} pages, {} lines, {} tables", report.source.pages, report.source.lines, report.tables.len());
}
