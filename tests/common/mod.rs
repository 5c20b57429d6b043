//! Shared by the test binaries: the two real fixtures parsed once per binary, exact
//! decimals, and cell lookups that say which table or row is missing.
#![allow(dead_code)] // each binary uses a part

use std::sync::OnceLock;

use juesuan::model::{Report, TableId};
use rust_decimal::Decimal;

pub const NINGXIA: &[u8] = include_bytes!("../fixtures/ningxia_hrss_2023.txt");
pub const PUTUO: &[u8] = include_bytes!("../fixtures/putuo_socialwork_2024.pdf");

/// The Ningxia text fixture, parsed once.
pub fn ningxia() -> &'static Report {
    static R: OnceLock<Report> = OnceLock::new();
    R.get_or_init(|| juesuan::parse(NINGXIA).expect("the text fixture parses"))
}

/// The Putuo PDF fixture, parsed once.
pub fn putuo() -> &'static Report {
    static R: OnceLock<Report> = OnceLock::new();
    R.get_or_init(|| juesuan::parse(PUTUO).expect("the PDF fixture parses"))
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
