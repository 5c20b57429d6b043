// Shared by both targets: the whole pipeline as the browser and the CLI run it (parse,
// audit, both exports), within limits small enough that one input stays fast.

pub fn run(bytes: &[u8]) {
    let limits = juesuan::Limits {
        max_bytes: 1 << 20,
        max_lines: 50_000,
        max_pages: 50,
        max_stream_bytes: 4 << 20,
        max_decoded_bytes: 16 << 20,
        max_operations: 200_000,
        max_glyphs: 200_000,
        max_rules: 200_000,
    };
    if let Ok(report) = juesuan::parse_with(bytes, &limits) {
        let _ = juesuan::check::check(&report);
        let _ = juesuan::export::to_csv(&report);
        let _ = juesuan::export::to_json(&report);
    }
}
