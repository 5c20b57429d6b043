//! Every input a fuzzer found a problem with (`tests/fixtures/fuzz/`, named for the target
//! and what went wrong: `text-…`, `pdf-…`, `stream-…`, `content-…`) runs exactly as its target ran it: the targets'
//! own code (`fuzz/fuzz_targets/common.rs`, included here) at the default limits — parse,
//! audit, exports, every chart's spec and SVG, drilled down. A regression shows as a panic
//! here, or as this test hanging.

#[path = "../fuzz/fuzz_targets/common.rs"]
mod fuzz;

#[test]
fn fuzz_findings_stay_fixed() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/fuzz");
    let mut files: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    assert!(!files.is_empty());
    for f in files {
        let bytes = std::fs::read(&f).unwrap();
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        match name.split('-').next() {
            Some("text") => fuzz::text(&bytes),
            Some("pdf") => fuzz::pdf(&bytes),
            Some("stream") => fuzz::stream(&bytes),
            Some("content") => fuzz::content(&bytes),
            _ => panic!("{name}: a kept input is named for its target (text-…, pdf-…, stream-… or content-…)"),
        }
    }
}

/// `recognize::titled_year` cut the four bytes before 年 without asking whether they start
/// a character (`部12年…部门决算`, a panic): found in the first minute of fuzzing at the
/// default limits.
#[test]
fn a_title_year_after_a_wide_character_is_no_panic() {
    let r = juesuan::parse("部12年某单位部门决算\n".as_bytes()).unwrap();
    assert_eq!(r.year, None);
}

/// The placement search's meet-in-the-middle once compared every pair of half-sums when
/// the key column could not tell them apart (fuzz: 6 s for a 3 KB input); the number of
/// full comparisons is now bounded (a regression shows as this test hanging). The table it
/// places is still read in full.
#[test]
fn placement_pairs_input_is_read_in_full() {
    let bytes =
        std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/fuzz/text-timeout-placement-pairs.txt"))
            .unwrap();
    let report = juesuan::parse(&bytes).unwrap();
    let t02 = report.table(juesuan::model::TableId::T02).expect("02 is read");
    assert_eq!(t02.rows.len(), 29);
}
