//! Plain words for findings: amounts with thousands separators in the document's unit,
//! cells named the way a reader finds them on the page (`表 09“合计”行“本年支出合计”`),
//! and blank said as blank, never as 0.

use rust_decimal::Decimal;

use super::CellRef;

/// An amount as printed, with thousands separators: `403,923,024.99`, `-1,000`.
pub fn money(v: Decimal) -> String {
    crate::text::group_digits(v)
}

/// A percentage without trailing zeros beyond what was printed: `98.76`.
pub fn pct(v: Decimal) -> String {
    v.normalize().to_string()
}

/// A cell's value in words: its amount, or `空白` / `blank`.
pub fn value_zh(c: &CellRef) -> String {
    c.value.map_or_else(|| "空白".to_string(), money)
}

pub fn value_en(c: &CellRef) -> String {
    c.value.map_or_else(|| "blank".to_string(), money)
}

fn row_words(c: &CellRef) -> String {
    if c.name.is_empty() || c.name == c.row {
        c.row.clone()
    } else {
        format!("{} {}", c.row, c.name)
    }
}

/// Single-column tables (01's and 06's 决算数) need no column in the words.
fn single_column(c: &CellRef) -> bool {
    c.column == "决算数" && matches!(c.table.as_str(), "01" | "06")
}

/// `表 09“合计”行“本年支出合计”`.
pub fn cell_zh(c: &CellRef) -> String {
    if single_column(c) {
        format!("表 {}“{}”", c.table, row_words(c))
    } else {
        format!("表 {}“{}”行“{}”", c.table, row_words(c), c.column)
    }
}

/// `table 09, 合计, 本年支出合计`.
pub fn cell_en(c: &CellRef) -> String {
    if single_column(c) {
        format!("table {} '{}'", c.table, row_words(c))
    } else {
        format!("table {} '{}' / '{}'", c.table, row_words(c), c.column)
    }
}

#[cfg(test)]
mod tests {
    use super::money;
    use rust_decimal::Decimal;
    use std::str::FromStr;

    #[test]
    fn thousands_separators_keep_the_printed_digits() {
        let m = |s: &str| money(Decimal::from_str(s).unwrap());
        assert_eq!(m("403923024.99"), "403,923,024.99");
        assert_eq!(m("-1000"), "-1,000");
        assert_eq!(m("999"), "999");
        assert_eq!(m("0.90"), "0.90");
        assert_eq!(m("123456"), "123,456");
    }
}
