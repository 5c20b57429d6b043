//! Shared by the test binaries: the real fixtures parsed once per binary, exact decimals,
//! and cell lookups that say which table or row is missing.
//!
//! The Ningxia text is in the tree (`tests/fixtures/`). The real PDFs are not: they are read
//! from `../shared/` beside the clone (or `$JUESUAN_SHARED`) by [`shared`]. When a file is
//! missing a test that needs it returns early — `let Some(r) = common::putuo() else { return };`
//! — after one line on stderr, `skipped: <test> needs ../shared/<rel> (not found: <path>)`;
//! with `CI=true` it panics instead, so CI cannot pass without the shared files.
#![allow(dead_code)] // each binary uses a part

use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use juesuan::model::{Report, TableId};
use rust_decimal::Decimal;

pub const NINGXIA: &[u8] = include_bytes!("../fixtures/ningxia_hrss_2023.txt");
pub const NINGXIA_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/ningxia_hrss_2023.txt");

/// The Putuo department's 2024 accounts (24 pages) and the blank template, under `../shared/`.
pub const PUTUO_PDF: &str = "fixtures/putuo_socialwork_2024.pdf";
pub const TEMPLATE_PDF: &str = "fixtures/putuo_template_2024.pdf";

/// `$JUESUAN_SHARED`, or `../shared` beside the repository.
pub fn shared_dir() -> PathBuf {
    match std::env::var_os("JUESUAN_SHARED") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared")),
    }
}

/// Tests of this binary that were skipped for a missing shared file.
static SKIPPED: AtomicUsize = AtomicUsize::new(0);

/// A file under `../shared/` was not found: a panic under `CI=true`, otherwise one line on
/// stderr naming the test. The line is written to the stderr handle rather than with
/// `eprintln!`, which the test harness captures and shows only for failing tests.
fn missing(rel: &str) {
    let path = shared_dir().join(rel);
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!("../shared/{rel} is missing ({}); CI needs ../shared beside the clone", path.display());
    }
    let n = SKIPPED.fetch_add(1, Ordering::Relaxed) + 1;
    let thread = std::thread::current();
    let test = thread.name().filter(|n| *n != "main").unwrap_or("a test");
    let _ = writeln!(
        std::io::stderr(),
        "skipped: {test} needs ../shared/{rel} (not found: {}) [{n} skipped in this binary so far]",
        path.display()
    );
}

/// The path of `../shared/<rel>` when it exists; `None` (after the skip line, or a panic
/// under `CI=true`) when it does not.
pub fn shared_path(rel: &str) -> Option<PathBuf> {
    let path = shared_dir().join(rel);
    if path.is_file() {
        Some(path)
    } else {
        missing(rel);
        None
    }
}

/// The bytes of `../shared/<rel>`, or `None` as [`shared_path`].
pub fn shared(rel: &str) -> Option<Vec<u8>> {
    shared_path(rel).map(|p| std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display())))
}

/// The bytes of `../shared/<rel>`, read once per binary; every caller that finds it missing
/// is reported as skipped.
fn shared_once(cell: &'static OnceLock<Option<Vec<u8>>>, rel: &str) -> Option<&'static [u8]> {
    let bytes = cell.get_or_init(|| {
        let path = shared_dir().join(rel);
        path.is_file().then(|| std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
    });
    if bytes.is_none() {
        missing(rel);
    }
    bytes.as_deref()
}

/// The Putuo PDF's bytes.
pub fn putuo_bytes() -> Option<&'static [u8]> {
    static B: OnceLock<Option<Vec<u8>>> = OnceLock::new();
    shared_once(&B, PUTUO_PDF)
}

/// The blank template's bytes.
pub fn template_bytes() -> Option<&'static [u8]> {
    static B: OnceLock<Option<Vec<u8>>> = OnceLock::new();
    shared_once(&B, TEMPLATE_PDF)
}

/// The Ningxia text fixture, parsed once.
pub fn ningxia() -> &'static Report {
    static R: OnceLock<Report> = OnceLock::new();
    R.get_or_init(|| juesuan::parse(NINGXIA).expect("the text fixture parses"))
}

/// The Putuo PDF, parsed once; `None` when `../shared` does not have it.
pub fn putuo() -> Option<&'static Report> {
    static R: OnceLock<Report> = OnceLock::new();
    let bytes = putuo_bytes()?;
    Some(R.get_or_init(|| juesuan::parse(bytes).expect("the PDF fixture parses")))
}

pub fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// A cell by row name (or code) and column; the table must exist.
pub fn cell(r: &Report, id: TableId, row: &str, col: &str) -> Option<Decimal> {
    r.table(id).unwrap_or_else(|| panic!("table {id:?} missing")).value(row, col)
}

/// A cell by row code and column; the table and the row must exist.
pub fn coded(r: &Report, id: TableId, code: &str, col: &str) -> Option<Decimal> {
    let t = r.table(id).unwrap_or_else(|| panic!("table {id:?} missing"));
    t.row_by_code(code).unwrap_or_else(|| panic!("{id:?} has no row {code}")).value(col)
}

/// A PDF of `objects` (object 1 the catalog) with an exact xref table: the small PDFs the
/// tests build byte by byte.
pub fn assemble(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(o);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).as_bytes(),
    );
    out
}
