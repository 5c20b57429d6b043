//! The funds block of the Ningxia fixture's 25 项目支出绩效自评表 (rows 年度资金总额,
//! 当年财政拨款, 上年结转资金, 其他资金): golden values read off the text by hand, and
//! every number printed in a funds row read into that row.

mod common;

use std::collections::BTreeMap;

use common::{d, ningxia as report, NINGXIA};
use juesuan::model::{FundsRow, PerformanceTable};
use rust_decimal::Decimal;

const ROWS: [&str; 4] = ["年度资金总额", "当年财政拨款", "上年结转资金", "其他资金"];

fn table(n: usize) -> &'static PerformanceTable {
    &report().performance[n - 1]
}

fn row(n: usize, name: &str) -> &'static FundsRow {
    table(n).funds.iter().find(|f| f.name == name).unwrap_or_else(|| panic!("P{n:02} has no {name}"))
}

/// A row's cells as (column, value as printed).
fn cells(n: usize, name: &str) -> Vec<(&'static str, String)> {
    row(n, name).cells.iter().map(|c| (c.column.as_str(), c.value.to_string())).collect()
}

fn expect(pairs: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
    pairs.iter().map(|(c, v)| (*c, v.to_string())).collect()
}

#[test]
fn a_rate_between_the_score_dashes() {
    // `其中：当年财政拨款 108.75 108.75 63.32 — 58.23% —`: the dashes are 分值 and 得分,
    // which a part does not have (blank, not 0)
    assert_eq!(
        cells(14, "当年财政拨款"),
        expect(&[("年初预算数", "108.75"), ("全年预算数", "108.75"), ("全年执行数", "63.32"), ("执行率", "58.23")])
    );
    // `上年结转资金 3.47 3.47 3.47 — 100.00% —`
    assert_eq!(
        cells(14, "上年结转资金"),
        expect(&[("年初预算数", "3.47"), ("全年预算数", "3.47"), ("全年执行数", "3.47"), ("执行率", "100.00")])
    );
    // `其他资金 73 73 100.71 — 138% —`: 100.71 ÷ 73 = 137.96%, printed 138%
    assert_eq!(
        cells(20, "其他资金"),
        expect(&[("年初预算数", "73"), ("全年预算数", "73"), ("全年执行数", "100.71"), ("执行率", "138")])
    );
    assert_eq!(cells(14, "其他资金"), vec![], "`其他资金 — —` prints nothing");
}

#[test]
fn one_or_two_amounts_placed_by_the_column_sums() {
    // P06 total 322 358.02 289.77: 302 + 56.02 = 358.02, the 全年预算数 (322 ≠ 358.02)
    assert_eq!(cells(6, "当年财政拨款"), expect(&[("全年预算数", "302")]));
    assert_eq!(cells(6, "上年结转资金"), expect(&[("全年预算数", "56.02")]));
    // P07 total 348 473.69 381.96: 338 + 135.69 = 473.69
    assert_eq!(cells(7, "当年财政拨款"), expect(&[("全年预算数", "338")]));
    assert_eq!(cells(7, "上年结转资金"), expect(&[("全年预算数", "135.69")]));
    // P09 total 173.33 127.4 13.99: the only part, 127.4, is the 全年预算数
    assert_eq!(cells(9, "当年财政拨款"), expect(&[("全年预算数", "127.4")]));
    // P05 total 97.5 97.5 56.8, `上年结转资金 97.5 97.5 — —`: 97.5 ≠ 56.8, so no 执行数
    assert_eq!(cells(5, "上年结转资金"), expect(&[("年初预算数", "97.5"), ("全年预算数", "97.5")]));
    // P13 total 145 145 144, `其中：当年财政拨款 145 145 — —`
    assert_eq!(cells(13, "当年财政拨款"), expect(&[("年初预算数", "145"), ("全年预算数", "145")]));
    // P11 total 1029.77 1029.77 846.45: 1029.3 > 846.45 is no 执行数
    assert_eq!(cells(11, "当年财政拨款"), expect(&[("年初预算数", "1029.3"), ("全年预算数", "1029.3")]));
}

#[test]
fn wrapped_labels_and_amounts_on_the_next_line() {
    // `其中：当\n年财政拨款\n380 380 220.2 — —`
    assert_eq!(
        cells(2, "当年财政拨款"),
        expect(&[("年初预算数", "380"), ("全年预算数", "380"), ("全年执行数", "220.2")])
    );
    // `其中：当年\n财政拨款\n260 260 — —` (P10 total 336.58 336.58 316.54; 260 + 76.58)
    assert_eq!(cells(10, "当年财政拨款"), expect(&[("年初预算数", "260"), ("全年预算数", "260")]));
    assert_eq!(cells(10, "上年结转资金"), expect(&[("年初预算数", "76.58"), ("全年预算数", "76.58")]));
    // `其中：当年财政拨\n款\n350 347 333.47 — 96% —`
    assert_eq!(
        cells(22, "当年财政拨款"),
        expect(&[("年初预算数", "350"), ("全年预算数", "347"), ("全年执行数", "333.47"), ("执行率", "96")])
    );
    // `年度资金总\n额：\n423.19 423.19 263.39 10 62.24% 6.22`
    assert_eq!(
        cells(2, "年度资金总额"),
        expect(&[
            ("年初预算数", "423.19"),
            ("全年预算数", "423.19"),
            ("全年执行数", "263.39"),
            ("分值", "10"),
            ("执行率", "62.24"),
            ("得分", "6.22")
        ])
    );
    // `其他\n资金\n— —`
    assert_eq!(cells(12, "其他资金"), vec![]);
}

#[test]
fn amounts_no_identity_places_are_left_out_with_a_warning() {
    // P08 total 230 230 67.83, `其中：当年财政拨款 230 — —`: 年初 and 全年 both close
    assert_eq!(cells(8, "当年财政拨款"), vec![]);
    // P11 `上年结转资金 0.47 — —`: 1029.3 + 0.47 = 1029.77 in 年初 as in 全年
    assert_eq!(cells(11, "上年结转资金"), vec![]);
    let warned: Vec<(usize, &str)> = report()
        .diagnostics
        .iter()
        .filter(|d| d.code == "performance.funds_ambiguous")
        .map(|d| (d.at.map_or(0, |a| a.line), d.message_zh.as_str()))
        .collect();
    assert_eq!(warned.len(), 2, "{warned:?}");
    assert_eq!(warned[0].0, row(8, "当年财政拨款").at.line);
    assert!(warned[0].1.contains("230") && warned[0].1.contains("年初预算数或全年预算数"), "{}", warned[0].1);
    assert_eq!(warned[1].0, row(11, "上年结转资金").at.line);
    assert!(warned[1].1.contains("0.47"), "{}", warned[1].1);
}

/// The numbers printed in each funds row, by a rule of its own: per table (from
/// `项目支出绩效自评表（项目`), the lines from `年度资金总` up to `预期目标`; words run
/// together until they contain a row's key; numbers (digits, `.`, an optional `%`) go to
/// the current row, `%` dropped. Dashes are not numbers.
fn printed(text: &str) -> Vec<BTreeMap<&'static str, Vec<String>>> {
    let keys = [("资金总额", ROWS[0]), ("财政拨款", ROWS[1]), ("上年结转", ROWS[2]), ("其他资金", ROWS[3])];
    let mut out: Vec<BTreeMap<&'static str, Vec<String>>> = Vec::new();
    let mut inside = false;
    let mut words = String::new();
    let mut current: Option<&'static str> = None;
    for line in text.lines() {
        if line.contains("项目支出绩效自评表（项目") {
            out.push(BTreeMap::new());
            inside = false;
            continue;
        }
        if line.contains("年度资金总") && !out.is_empty() {
            inside = true;
        }
        if line.contains("预期目标") {
            inside = false;
            current = None;
        }
        if !inside {
            continue;
        }
        for t in line.split_whitespace() {
            let body = t.strip_suffix('%').unwrap_or(t);
            let number =
                body.starts_with(|c: char| c.is_ascii_digit()) && body.chars().all(|c| c.is_ascii_digit() || c == '.');
            if number {
                if let Some(r) = current {
                    out.last_mut().unwrap().entry(r).or_default().push(body.to_string());
                }
            } else if !t.chars().all(|c| "-—/".contains(c)) {
                words.push_str(t);
                if let Some((_, r)) = keys.iter().find(|(k, _)| words.contains(k)) {
                    current = Some(r);
                    out.last_mut().unwrap().entry(r).or_default();
                    words.clear();
                }
            }
        }
    }
    out
}

#[test]
fn every_printed_funds_number_is_read() {
    let text = std::str::from_utf8(NINGXIA).unwrap();
    let printed = printed(text);
    let r = report();
    assert_eq!(printed.len(), 25);
    assert_eq!(r.performance.len(), 25);
    // left out on purpose (see above)
    let left_out: BTreeMap<(usize, &str), Vec<&str>> =
        [((8, "当年财政拨款"), vec!["230"]), ((11, "上年结转资金"), vec!["0.47"])].into_iter().collect();
    let (mut n_printed, mut n_read) = (0, 0);
    for (i, (want, p)) in printed.iter().zip(&r.performance).enumerate() {
        let n = i + 1;
        let names: Vec<&str> = p.funds.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ROWS, "P{n:02} rows");
        for f in &p.funds {
            let mut got: Vec<String> = f.cells.iter().map(|c| c.value.to_string()).collect();
            let mut expected: Vec<String> = want.get(f.name.as_str()).cloned().unwrap_or_default();
            n_printed += expected.len();
            n_read += got.len();
            if let Some(out) = left_out.get(&(n, f.name.as_str())) {
                for v in out {
                    let k = expected.iter().position(|e| e == v).unwrap_or_else(|| panic!("P{n:02} {v}"));
                    expected.remove(k);
                }
            }
            got.sort();
            expected.sort();
            assert_eq!(got, expected, "P{n:02} {}", f.name);
            if f.name != ROWS[0] {
                assert!(
                    f.value("分值").is_none() && f.value("得分").is_none(),
                    "P{n:02} {}: a part has no score",
                    f.name
                );
            }
        }
    }
    // 25 totals print all six cells; the parts print 106 numbers (hand count in the report)
    assert_eq!((n_printed, n_read), (256, 254));
}

#[test]
fn read_funds_keep_the_identities() {
    let printed = printed(std::str::from_utf8(NINGXIA).unwrap());
    for (p, shown) in report().performance.iter().zip(&printed) {
        let prints = |f: &FundsRow| shown.get(f.name.as_str()).is_some_and(|v| !v.is_empty());
        let total = &p.funds[0];
        assert_eq!(total.cells.len(), 6, "{}: the total prints six cells", p.id);
        // each amount column: the parts add up to the total or (a part's cell unprinted) less
        for c in ["年初预算数", "全年预算数", "全年执行数"] {
            let parts: Decimal = p.funds[1..].iter().filter_map(|f| f.value(c)).sum();
            let all_printed = p.funds[1..].iter().all(|f| !prints(f) || f.value(c).is_some());
            let want = total.value(c).unwrap();
            assert!(parts <= want, "{} {c}: parts {parts} > {want}", p.id);
            if all_printed && p.funds[1..].iter().any(|f| f.value(c).is_some()) {
                assert_eq!(parts, want, "{} {c}", p.id);
            }
        }
        // a part's printed rate is its 全年执行数 ÷ 全年预算数, rounded
        for f in &p.funds {
            if let (Some(b), Some(s), Some(r)) = (f.value("全年预算数"), f.value("全年执行数"), f.value("执行率"))
            {
                let computed = (s / b * d("100")).round_dp(r.scale());
                assert!((computed - r).abs() <= Decimal::new(1, r.scale()) || r == d("100"), "{} {}", p.id, f.name);
            }
        }
    }
}
