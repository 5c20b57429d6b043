//! The scorecard (`juesuan scan`) of every document of `../shared/corpus/` and
//! `../shared/fixtures/`, one reviewed snapshot each (`tests/snapshots/corpus_scan__*.snap`):
//! any change in what is read — grids, tables, cells by how they were read, unplaced
//! amounts, audit counts — shows in review. The time is left out.

mod common;

#[test]
fn scorecard_of_every_shared_document() {
    let mut files = Vec::new();
    for (dir, known) in [("corpus", "README.md"), ("fixtures", "putuo_socialwork_2024.pdf")] {
        let Some(path) = common::shared_path(&format!("{dir}/{known}")) else { return };
        let mut entries: Vec<std::path::PathBuf> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "pdf" || x == "txt"))
            .collect();
        entries.sort();
        files.extend(entries);
    }
    assert!(files.len() >= 20, "the shared documents: {files:?}");
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let dump = match juesuan::scan::scan(&bytes, &juesuan::Limits::default()) {
            Ok(card) => card.dump(),
            Err(e) => format!("unreadable: {}\n", e.message_en()),
        };
        insta::assert_snapshot!(name, dump);
    }
}
