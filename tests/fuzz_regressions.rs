//! Every input a fuzzer found a problem with (`tests/fixtures/fuzz/`, named for what went
//! wrong) runs through the whole pipeline as the browser and the CLI run it: parse, audit,
//! charts, exports. A regression shows as a panic here, or as this test hanging.

#[test]
fn fuzz_findings_stay_fixed() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/fuzz");
    let mut files: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    assert!(!files.is_empty());
    for f in files {
        let bytes = std::fs::read(&f).unwrap();
        if let Ok(report) = juesuan::parse(&bytes) {
            juesuan::check::check(&report);
            for chart in juesuan::view::charts(&report) {
                juesuan::view::svg(&chart, &Default::default()).unwrap();
            }
            juesuan::export::to_csv(&report);
            juesuan::export::to_json(&report);
        }
    }
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
