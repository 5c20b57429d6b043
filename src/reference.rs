//! Built-in reference data: the 类 level of the function classification (copied from the
//! project's shared data into `data/`, beside the economic one the views will use) and the
//! standard names of table 01/04 lines. Pure lookups, no parsing of documents.

use std::sync::OnceLock;

const FUNCTION_CSV: &str = include_str!("../data/function_classes.csv");

fn rows(csv: &'static str) -> Vec<Vec<&'static str>> {
    csv.lines().skip(1).filter(|l| !l.trim().is_empty()).map(|l| l.trim().split(',').collect()).collect()
}

/// (code, name) of every function 类.
pub fn function_classes() -> &'static [(&'static str, &'static str)] {
    static CELL: OnceLock<Vec<(&'static str, &'static str)>> = OnceLock::new();
    CELL.get_or_init(|| rows(FUNCTION_CSV).into_iter().filter(|r| r.len() >= 2).map(|r| (r[0], r[1])).collect())
}

pub fn function_class_name(code: &str) -> Option<&'static str> {
    function_classes().iter().find(|(c, _)| *c == code).map(|(_, n)| *n)
}

/// The 类 a (normalised) expenditure-class line name stands for. Accepts names cut short
/// by a narrow column (`资源勘探工业信息等支`) when the prefix names one class only.
pub fn function_class_by_name(name: &str) -> Option<(&'static str, &'static str)> {
    let classes = function_classes();
    if let Some(hit) = classes.iter().find(|(_, n)| *n == name) {
        return Some(*hit);
    }
    if name.chars().count() < 4 {
        return None;
    }
    let mut hits = classes.iter().filter(|(_, n)| n.starts_with(name));
    match (hits.next(), hits.next()) {
        (Some(h), None) => Some(*h),
        _ => None,
    }
}

/// Standard names of the income lines of table 01, in order.
pub const INCOME_LINES_01: [&str; 8] = [
    "一般公共预算财政拨款收入",
    "政府性基金预算财政拨款收入",
    "国有资本经营预算财政拨款收入",
    "上级补助收入",
    "事业收入",
    "经营收入",
    "附属单位上缴收入",
    "其他收入",
];

/// The three appropriation funds of table 04 (income lines and expenditure columns).
pub const FUNDS_04: [&str; 3] = ["一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"];
