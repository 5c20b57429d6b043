//! The funds block of a 项目支出绩效自评表: 年度资金总额 and its parts 当年财政拨款,
//! 上年结转资金, 其他资金, under 年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分.
//!
//! Extracted text keeps each row's printed marks in order but drops its blank cells, so a
//! part printing one amount could stand in any amount column. Every order-preserving
//! reading of every row is scored, jointly, by the block's identities only:
//! - each amount column of the parts sums to the total's (a blank total holds nothing);
//! - 执行率 = 全年执行数 ÷ 全年预算数, printed rounded (one unit of its last place) and
//!   sometimes capped at 100%;
//! - on the total row: 得分 ≤ 分值, 得分 = 分值 × min(执行率, 100%) (rounding varies, so it
//!   only supports a reading), and the standard 分值 of budget execution, 10.
//!
//! A column whose parts add up to less than the total is short, not broken: a part may
//! leave that cell unprinted; parts adding up to more are broken (amounts are not
//! negative). Readings with the fewest broken identities, then the most kept, then the
//! fewest short columns are the best. A mark is placed where every best reading puts it;
//! where they differ it is left out with a `performance.funds_ambiguous` warning, never
//! guessed. Nothing compares 年初 with 全年: the budget may change during the year.
//!
//! Marks: a number (with `%` only in 执行率; a plain number there breaks an identity
//! unless the rate holds), a dash (zero as an amount, EXPORT.md) and a slash (a blank
//! cell). The parts carry the template's `—` (or `-`, `/`) in 分值 and 得分: they have no
//! score of their own, so those cells are blank, not zero, and a number between the two
//! marks can only be the part's 执行率.

use rust_decimal::Decimal;

use super::super::Diags;
use crate::layout::Line;
use crate::model::{Cell, FundsRow, Location, MoneyUnit, Read};
use crate::text::{is_dash, normalize_name, parse_amount, parse_percent};

pub const FUNDS_COLUMNS: [&str; 6] = ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"];
/// A target table's one amount per funds row: the year's budget.
pub const TARGET_AMOUNT: &str = "预算数";

const BUDGET: usize = 1;
const SPENT: usize = 2;
const WEIGHT: usize = 3;
const RATE: usize = 4;
const SCORE: usize = 5;
/// Columns a part can print a value in: the amounts and 执行率.
const PART_COLUMNS: [usize; 4] = [0, 1, 2, RATE];
const TOTAL_COLUMNS: [usize; 6] = [0, 1, 2, WEIGHT, RATE, SCORE];
/// The standard weight of budget execution (FORMAT.md: the 10 分 the indicators leave).
const STANDARD_WEIGHT: Decimal = Decimal::TEN;
/// Most joint readings scored, and most rows scored jointly (a block has four); past
/// either, each row is placed on its own identities.
const MAX_JOINT: usize = 50_000;
const MAX_JOINT_ROWS: usize = 12;

/// One printed mark of a funds row.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Mark {
    /// A number; `true` when it can only be 执行率 (printed with `%`, or by position).
    Number(Decimal, bool),
    /// `-`, `—`: zero in an amount column.
    Dash,
    /// `/`: a blank cell.
    Slash,
}

fn is_slash(t: &str) -> bool {
    !t.is_empty() && t.chars().all(|c| matches!(c, '/' | '／'))
}

impl Mark {
    fn parse(t: &str) -> Option<Mark> {
        if is_slash(t) {
            Some(Mark::Slash)
        } else if is_dash(t) {
            Some(Mark::Dash)
        } else if let Some(v) = parse_percent(t) {
            Some(Mark::Number(v, true))
        } else {
            parse_amount(t).map(|v| Mark::Number(v, false))
        }
    }

    /// What the mark writes in its cell: a dash is zero, a slash nothing.
    fn value(self) -> Option<Decimal> {
        match self {
            Mark::Number(v, _) => Some(v),
            Mark::Dash => Some(Decimal::ZERO),
            Mark::Slash => None,
        }
    }

    fn is_blank_mark(self) -> bool {
        matches!(self, Mark::Dash | Mark::Slash)
    }
}

fn is_mark(t: &str) -> bool {
    Mark::parse(t).is_some()
}

/// Tokens of several lines, label pieces that a wrap cut (`年度资金总` + `额：`) joined.
fn merged_tokens(lines: &[Line]) -> Vec<(String, Location)> {
    let mut out: Vec<(String, Location)> = Vec::new();
    for l in lines {
        for (i, t) in l.token_texts().enumerate() {
            let joinable = i == 0 && !is_mark(t) && out.last().is_some_and(|(p, _)| !is_mark(p) && !p.is_empty());
            if joinable {
                out.last_mut().unwrap().0.push_str(t);
            } else {
                out.push((t.to_string(), l.at));
            }
        }
    }
    out
}

pub(super) fn funds_row_name(label: &str) -> Option<&'static str> {
    let k = normalize_name(label);
    if k.contains("资金总额") || k.contains("资金总计") || k == "合计" {
        Some("年度资金总额")
    } else if k.contains("财政专户") {
        Some("财政专户拨款")
    } else if k.contains("当年财政拨款") || k.contains("财政拨款") || k.starts_with("财政资金") {
        Some("当年财政拨款")
    } else if k.contains("上年结转") {
        Some("上年结转资金")
    } else if k.contains("其他资金") {
        Some("其他资金")
    } else {
        None
    }
}

struct Row {
    name: &'static str,
    marks: Vec<Mark>,
    at: Location,
    total: bool,
}

/// Drops a part's 分值 and 得分 marks (the last blank mark, and the one before it or before
/// a number after it); the number between the two can only be 执行率.
fn strip_score_marks(marks: &mut Vec<Mark>) {
    if marks.last().is_some_and(|m| m.is_blank_mark()) {
        marks.pop();
    }
    let n = marks.len();
    match (n.checked_sub(2).map(|i| marks[i]), marks.last().copied()) {
        (Some(before), Some(Mark::Number(v, _))) if before.is_blank_mark() => {
            marks.remove(n - 2);
            *marks.last_mut().unwrap() = Mark::Number(v, true);
        }
        (_, Some(last)) if last.is_blank_mark() => {
            marks.pop();
        }
        _ => {}
    }
}

/// A row's reading: the column of each mark, its cells, and its own identities.
#[derive(Debug, Clone)]
struct Reading {
    cols: Vec<usize>,
    cells: [Option<Decimal>; 6],
    score: Score,
}

/// Identities broken, kept, and column sums short of the total.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
struct Score {
    broken: u32,
    kept: u32,
    short: u32,
}

impl Score {
    fn add(self, o: Score) -> Score {
        Score { broken: self.broken + o.broken, kept: self.kept + o.kept, short: self.short + o.short }
    }

    /// Fewer broken first, then more kept, then fewer short.
    fn cmp(self, o: Score) -> std::cmp::Ordering {
        self.broken.cmp(&o.broken).then(o.kept.cmp(&self.kept)).then(self.short.cmp(&o.short))
    }
}

/// 执行率 as printed against 全年执行数 ÷ 全年预算数: one unit of its last place, or 100%
/// for a rate over it.
fn rate_holds(budget: Decimal, spent: Decimal, rate: Decimal) -> bool {
    let Some(computed) = spent.checked_div(budget).and_then(|q| q.checked_mul(Decimal::ONE_HUNDRED)) else {
        return false;
    };
    let unit = Decimal::new(1, rate.scale());
    let off = computed.round_dp(rate.scale()).checked_sub(rate).map(|d| d.abs());
    off.is_some_and(|d| d <= unit) || (rate == Decimal::ONE_HUNDRED && computed >= rate)
}

/// Every order-preserving reading of a row that the marks allow, with its own identities.
fn row_readings(marks: &[Mark], total: bool) -> Vec<Reading> {
    let allowed: &[usize] = if total { &TOTAL_COLUMNS } else { &PART_COLUMNS };
    let values: Vec<Decimal> = vec![Decimal::ZERO; marks.len()];
    let mut out = Vec::new();
    // the combinations of columns, by the placement module's enumeration of slots
    for slots in super::super::placement::readings(&values, allowed.len()) {
        let cols: Vec<usize> = slots.iter().enumerate().filter(|(_, s)| s.is_some()).map(|(i, _)| allowed[i]).collect();
        let mut cells = [None; 6];
        let mut plain_rate = false;
        let mut ok = true;
        for (m, &c) in marks.iter().zip(&cols) {
            match m {
                Mark::Number(_, true) if c != RATE => ok = false,
                Mark::Number(_, false) if c == RATE => plain_rate = true,
                Mark::Dash if c == RATE => ok = false,
                _ => {}
            }
            cells[c] = m.value();
        }
        if !ok {
            continue;
        }
        let (mut broken, mut kept) = (0, 0);
        match (cells[BUDGET], cells[SPENT], cells[RATE]) {
            (Some(b), Some(s), Some(r)) if b > Decimal::ZERO => {
                if rate_holds(b, s, r) {
                    kept += 1;
                } else {
                    broken += 1;
                }
            }
            // a number without `%` is a rate only by the identity: unsupported, it counts
            // against the reading (it stays possible where the marks fill every column)
            _ if plain_rate => broken += 1,
            _ => {}
        }
        if total {
            if cells[WEIGHT] == Some(STANDARD_WEIGHT) {
                kept += 1;
            }
            if let (Some(w), Some(s)) = (cells[WEIGHT], cells[SCORE]) {
                if s <= w {
                    kept += 1;
                } else {
                    broken += 1;
                }
                if let Some(r) = cells[RATE] {
                    let expected = w.checked_mul(r.min(Decimal::ONE_HUNDRED)).map(|x| x / Decimal::ONE_HUNDRED);
                    if expected.and_then(|e| s.checked_sub(e)).is_some_and(|d| d.abs() <= Decimal::new(1, 1)) {
                        kept += 1;
                    }
                }
            }
        }
        out.push(Reading { cols, cells, score: Score { broken, kept, short: 0 } });
    }
    out
}

/// The column sums of the parts against the total, for one joint reading.
fn sums(picked: &[&Reading], total: Option<usize>, tolerance: Decimal) -> Score {
    let mut score = Score::default();
    let Some(t) = total else { return score };
    for c in 0..3 {
        let parts: Vec<Decimal> =
            picked.iter().enumerate().filter(|(i, _)| *i != t).filter_map(|(_, r)| r.cells[c]).collect();
        if parts.is_empty() {
            // the parts print nothing here: no evidence either way
            continue;
        }
        let want = picked[t].cells[c].unwrap_or_default();
        let tol = tolerance * Decimal::from(parts.len());
        // a sum past Decimal's range is no sum of amounts
        match parts.iter().try_fold(Decimal::ZERO, |a, p| a.checked_add(*p)).and_then(|s| s.checked_sub(want)) {
            Some(d) if d.abs() <= tol => score.kept += 1,
            Some(d) if d < Decimal::ZERO => score.short += 1,
            _ => score.broken += 1,
        }
    }
    score
}

/// The funds block: the rows by their standard names, each printed mark in the column
/// the identities put it in.
pub fn read(id: &str, lines: &[Line], unit: MoneyUnit, diags: &mut Diags) -> Vec<FundsRow> {
    let mut rows: Vec<Row> = Vec::new();
    let mut seen_total = false;
    for (t, at) in merged_tokens(lines) {
        if let Some(m) = Mark::parse(&t) {
            if let Some(r) = rows.last_mut() {
                r.marks.push(m);
            }
        } else if let Some(name) = funds_row_name(&t) {
            let total = name == "年度资金总额" && !seen_total;
            seen_total |= total;
            rows.push(Row { name, marks: Vec::new(), at, total });
        }
    }
    for r in rows.iter_mut().filter(|r| !r.total) {
        strip_score_marks(&mut r.marks);
    }
    let tolerance = if unit == MoneyUnit::Yuan { Decimal::ZERO } else { Decimal::new(1, 2) };
    let total = rows.iter().position(|r| r.total);
    let mut options: Vec<Vec<Reading>> = Vec::new();
    for r in &rows {
        let mut o = row_readings(&r.marks, r.total);
        if o.is_empty() {
            if !r.marks.is_empty() {
                diags.warn(
                    "performance.funds_unplaced",
                    format!("{id} {} 的数字无法对应到列，未读取", r.name),
                    format!("{id}: the {} figures fit no column; left out", r.name),
                    Some(r.at),
                );
            }
            o.push(Reading { cols: Vec::new(), cells: [None; 6], score: Score::default() });
        }
        options.push(o);
    }
    // the columns each mark takes in the best readings (a bit per column)
    let mut masks: Vec<Vec<u8>> = rows.iter().map(|r| vec![0; r.marks.len()]).collect();
    let joint = options
        .iter()
        .try_fold(1usize, |a, o| a.checked_mul(o.len()))
        .filter(|&n| n <= MAX_JOINT && rows.len() <= MAX_JOINT_ROWS);
    let record = |masks: &mut Vec<Vec<u8>>, picked: &[&Reading], rows: &[usize]| {
        for (r, &i) in picked.iter().zip(rows) {
            for (k, &c) in r.cols.iter().enumerate() {
                masks[i][k] |= 1 << c;
            }
        }
    };
    if joint.is_some() {
        let mut idx = vec![0usize; options.len()];
        let mut best: Option<Score> = None;
        let all: Vec<usize> = (0..rows.len()).collect();
        loop {
            let picked: Vec<&Reading> = idx.iter().zip(&options).map(|(&i, o)| &o[i]).collect();
            let score = picked.iter().fold(sums(&picked, total, tolerance), |s, r| s.add(r.score));
            match best.map(|b| score.cmp(b)) {
                Some(std::cmp::Ordering::Greater) => {}
                Some(std::cmp::Ordering::Equal) => record(&mut masks, &picked, &all),
                _ => {
                    best = Some(score);
                    masks.iter_mut().for_each(|m| m.iter_mut().for_each(|b| *b = 0));
                    record(&mut masks, &picked, &all);
                }
            }
            // next combination
            let mut i = idx.len();
            loop {
                if i == 0 {
                    break;
                }
                i -= 1;
                idx[i] += 1;
                if idx[i] < options[i].len() {
                    break;
                }
                idx[i] = 0;
            }
            if idx.iter().all(|&i| i == 0) {
                break;
            }
        }
    } else {
        // too many to score together (no real block): each row on its own identities
        for (i, o) in options.iter().enumerate() {
            let best = o.iter().map(|r| r.score).min_by(|a, b| a.cmp(*b)).unwrap_or_default();
            for r in o.iter().filter(|r| r.score == best) {
                record(&mut masks, &[r], &[i]);
            }
        }
    }
    let mut out: Vec<FundsRow> = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        let mut cells: Vec<(usize, Decimal)> = Vec::new();
        for (m, &mask) in r.marks.iter().zip(&masks[i]) {
            if mask.count_ones() == 1 {
                if let Some(v) = m.value() {
                    cells.push((mask.trailing_zeros() as usize, v));
                }
            } else if mask != 0 && m.value().is_some() {
                let cols: Vec<&str> = (0..6).filter(|c| mask & (1 << c) != 0).map(|c| FUNDS_COLUMNS[c]).collect();
                let v = m.value().unwrap_or_default();
                diags.warn(
                    "performance.funds_ambiguous",
                    format!("{id} {} 的 {v} 可能是{}：各列合计与执行率都不能确定，未读取", r.name, cols.join("或")),
                    format!(
                        "{id}: {} {v} could be {}; neither the column sums nor the rate decide, left out",
                        r.name,
                        cols.join(" or ")
                    ),
                    Some(r.at),
                );
            }
        }
        cells.sort_by_key(|c| c.0);
        let row = FundsRow {
            name: r.name.to_string(),
            cells: cells.into_iter().map(|(c, value)| Cell::new(FUNDS_COLUMNS[c], value, Read::Placed)).collect(),
            at: r.at,
        };
        // the total first, the parts as printed
        if r.total {
            out.insert(0, row);
        } else {
            out.push(row);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::Line;

    fn block(text: &str) -> (Vec<FundsRow>, Diags) {
        let lines: Vec<Line> =
            text.lines().enumerate().map(|(i, l)| Line::new(Location { page: 0, line: i + 1 }, l, 0)).collect();
        let mut diags = Diags::default();
        let rows = read("P99", &lines, MoneyUnit::WanYuan, &mut diags);
        (rows, diags)
    }

    fn cells(rows: &[FundsRow], name: &str) -> Vec<(String, String)> {
        let r = rows.iter().find(|r| r.name == name).unwrap_or_else(|| panic!("{name}"));
        r.cells.iter().map(|c| (c.column.clone(), c.value.to_string())).collect()
    }

    fn cols(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(c, v)| (c.to_string(), v.to_string())).collect()
    }

    #[test]
    fn score_marks_of_parts() {
        let m = |s: &str| s.split_whitespace().map(|t| Mark::parse(t).unwrap()).collect::<Vec<_>>();
        let strip = |s: &str| {
            let mut v = m(s);
            strip_score_marks(&mut v);
            v
        };
        assert_eq!(strip("— —"), vec![]);
        assert_eq!(strip("302 — —"), m("302"));
        assert_eq!(strip("108.75 108.75 63.32 — 58.23% —"), m("108.75 108.75 63.32 58.23%"));
        // a number between the two marks is the rate, with or without `%`
        assert_eq!(strip("50 50 36.83 / 73.66 /"), m("50 50 36.83 73.66%"));
        // dashes left of the marks are amounts
        assert_eq!(strip("— — — — —"), m("— — —"));
    }

    #[test]
    fn parts_placed_by_column_sums_and_rates() {
        // one amount per part: the column where the parts add up to the total
        let (rows, diags) = block(
            "年度资金总额： 322 358.02 289.77 10 80.94% 8.1\n其中：当年财政拨款 302 — —\n上年结转资金 56.02 — —\n其他资金 — —",
        );
        assert_eq!(cells(&rows, "当年财政拨款"), cols(&[("全年预算数", "302")]));
        assert_eq!(cells(&rows, "上年结转资金"), cols(&[("全年预算数", "56.02")]));
        assert_eq!(cells(&rows, "其他资金"), vec![]);
        assert!(diags.0.is_empty(), "{:?}", diags.0);
        // a rate between the score marks, a wrapped label, amounts on the next line
        let (rows, _) = block(
            "年度资金总额： 350 347 333.47 10.0 96% 9.6\n其中：当年财政拨\n款\n350 347 333.47 — 96% —\n上年结转资金 — —",
        );
        assert_eq!(
            cells(&rows, "当年财政拨款"),
            cols(&[("年初预算数", "350"), ("全年预算数", "347"), ("全年执行数", "333.47"), ("执行率", "96")])
        );
        assert_eq!(rows[0].cells.len(), 6);
        // two amounts of a part whose 执行数 the column sums rule out
        let (rows, _) =
            block("年度资金总额： 97.5 97.5 56.8 10 58% 5.8\n其中：当年财政拨款 — —\n上年结转资金 97.5 97.5 — —");
        assert_eq!(cells(&rows, "上年结转资金"), cols(&[("年初预算数", "97.5"), ("全年预算数", "97.5")]));
        // the rate decides where the sums cannot: 120 ÷ 150 = 80%
        let (rows, _) = block("年度资金总额： 150 150 120 10 80% 8\n其中：当年财政拨款 150 120 — 80% —");
        assert_eq!(
            cells(&rows, "当年财政拨款"),
            cols(&[("全年预算数", "150"), ("全年执行数", "120"), ("执行率", "80")])
        );
    }

    #[test]
    fn an_undecided_amount_is_left_out_with_a_warning() {
        // 230 closes 年初预算数 and 全年预算数 alike
        let (rows, diags) =
            block("年度资金总额： 230 230 67.83 10 29.49% 3\n其中：当年财政拨款 230 — —\n上年结转资金 — —");
        assert_eq!(cells(&rows, "当年财政拨款"), vec![]);
        let d: Vec<&str> = diags.0.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(d, ["performance.funds_ambiguous"]);
        assert!(diags.0[0].message_zh.contains("年初预算数或全年预算数"), "{}", diags.0[0].message_zh);
        assert_eq!(diags.0[0].at.map(|a| a.line), Some(2));
    }

    #[test]
    fn total_rate_without_percent_and_too_many_figures() {
        let (rows, diags) =
            block("年度资金总额： 1029.77 1029.77 846.45 10 82.2 8.2\n其中：当年财政拨款 1 2 3 4 5 — —");
        assert_eq!(
            rows[0].cells.iter().find(|c| c.column == "执行率").map(|c| c.value.to_string()),
            Some("82.2".into())
        );
        assert_eq!(cells(&rows, "当年财政拨款"), vec![]);
        assert_eq!(diags.0[0].code, "performance.funds_unplaced");
        // six figures fill six columns even when the printed rate is wrong (the audit's to say)
        let (rows, diags) = block("年度资金总额： 100 100 90 10 85 8.5");
        assert_eq!(rows[0].cells.len(), 6);
        assert!(diags.0.is_empty());
    }

    #[test]
    fn extreme_figures_and_many_rows_are_bounded() {
        let big = "9999999999999999999999.99999999";
        let (rows, _) = block(&format!(
            "年度资金总额： {big} 0.00000001 {big} {big} 100% {big}\n其中：当年财政拨款 {big} {big} — —\n上年结转资金 {big} — —"
        ));
        assert_eq!(rows.len(), 3);
        // rows past the joint search are placed one by one, in linear time
        let many = "上年结转资金 1 2 — —\n".repeat(5000);
        let (rows, _) = block(&format!("年度资金总额： 10 10 9 10 90% 9\n{many}"));
        assert_eq!(rows.len(), 5001);
    }
}
