//! Built-in reference data: the 类 level of the function and economic classifications
//! (copied from the project's shared data into `data/`, each with its English name) and the
//! standard names of table 01/04 lines, with English names for the standard lines and
//! columns the charts show. Pure lookups, no parsing of documents.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

const FUNCTION_CSV: &str = include_str!("../data/function_classes.csv");
const ECONOMIC_CSV: &str = include_str!("../data/economic_classes.csv");

/// One class of a classification: code, Chinese name, English name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Class {
    pub code: String,
    pub name: String,
    pub en: String,
}

/// The rows of a built-in CSV (quoted fields, as the shared data writes its `en` column),
/// by the columns `code`, `name` and `en`.
fn classes(csv: &'static str) -> Vec<Class> {
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let Ok(headers) = reader.headers().cloned() else { return Vec::new() };
    let at = |name: &str| headers.iter().position(|h| h == name);
    let (Some(code), Some(name)) = (at("code"), at("name")) else { return Vec::new() };
    let en = at("en");
    reader
        .records()
        .flatten()
        .filter_map(|r| {
            let field = |i: usize| r.get(i).map(|s| s.trim().to_string());
            Some(Class { code: field(code)?, name: field(name)?, en: en.and_then(field).unwrap_or_default() })
        })
        .filter(|c| !c.code.is_empty() && !c.name.is_empty())
        .collect()
}

/// Every function 类 with its English name.
pub fn function_class_list() -> &'static [Class] {
    static CELL: OnceLock<Vec<Class>> = OnceLock::new();
    CELL.get_or_init(|| classes(FUNCTION_CSV))
}

/// Every economic 类 with its English name.
pub fn economic_class_list() -> &'static [Class] {
    static CELL: OnceLock<Vec<Class>> = OnceLock::new();
    CELL.get_or_init(|| classes(ECONOMIC_CSV))
}

/// (code, name) of every function 类.
pub fn function_classes() -> &'static [(&'static str, &'static str)] {
    static CELL: OnceLock<Vec<(&'static str, &'static str)>> = OnceLock::new();
    CELL.get_or_init(|| function_class_list().iter().map(|c| (c.code.as_str(), c.name.as_str())).collect())
}

/// The English name of a function or economic 类 by its code (`208`, `301`).
pub fn class_en(code: &str) -> Option<&'static str> {
    static CELL: OnceLock<FxHashMap<&'static str, &'static str>> = OnceLock::new();
    let map = CELL.get_or_init(|| {
        let all = function_class_list().iter().chain(economic_class_list());
        all.filter(|c| !c.en.is_empty()).map(|c| (c.code.as_str(), c.en.as_str())).collect()
    });
    if code.len() == 3 {
        map.get(code).copied()
    } else {
        None
    }
}

/// English names of the standard lines, columns and groups the charts show by their
/// Chinese name (tables 01–07).
const STANDARD_EN: [(&str, &str); 26] = [
    ("基本支出", "Basic expenditure"),
    ("项目支出", "Project expenditure"),
    ("上缴上级支出", "Payments to higher-level units"),
    ("经营支出", "Business expenditure"),
    ("对附属单位补助支出", "Subsidies to affiliated units"),
    ("财政拨款收入", "Fiscal appropriations"),
    ("一般公共预算财政拨款收入", "General public budget appropriations"),
    ("政府性基金预算财政拨款收入", "Government fund budget appropriations"),
    ("国有资本经营预算财政拨款收入", "State capital budget appropriations"),
    ("上级补助收入", "Subsidies from higher-level units"),
    ("事业收入", "Public service revenue"),
    ("经营收入", "Business revenue"),
    ("附属单位上缴收入", "Payments from affiliated units"),
    ("其他收入", "Other revenue"),
    ("人员经费", "Personnel expenses"),
    ("公用经费", "Public (operating) expenses"),
    ("因公出国（境）费", "Official overseas travel"),
    ("公务用车购置及运行维护费", "Official vehicles: purchase, operation and maintenance"),
    ("公务用车购置费", "Official vehicle purchase"),
    ("公务用车运行维护费", "Official vehicle operation and maintenance"),
    ("公务接待费", "Official reception"),
    ("一般公共预算财政拨款支出", "General public budget appropriation expenditure"),
    ("财政拨款支出", "Appropriation expenditure"),
    ("“三公”经费财政拨款支出", "“Three public” expenses (appropriations)"),
    ("“三公”经费支出", "“Three public” expenses"),
    ("机关运行经费", "Administrative operating expenses"),
];

/// The English name of a standard line, column or group (`基本支出`, `事业收入`,
/// `公务接待费`), or of a function or economic 类 by its standard name.
pub fn standard_en(name: &str) -> Option<&'static str> {
    static CELL: OnceLock<FxHashMap<&'static str, &'static str>> = OnceLock::new();
    let map = CELL.get_or_init(|| {
        let classes = function_class_list().iter().chain(economic_class_list());
        let mut map: FxHashMap<&'static str, &'static str> =
            classes.filter(|c| !c.en.is_empty()).map(|c| (c.name.as_str(), c.en.as_str())).collect();
        // the standard lines win over a class of the same name (`其他支出` is both)
        map.extend(STANDARD_EN.iter().copied());
        map
    });
    map.get(name).copied()
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
