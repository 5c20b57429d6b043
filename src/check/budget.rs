//! The identities of a 部门预算's tables (`B01` … `B15`, FORMAT.md "Budget rules"): the
//! totals of the two-sided tables (B01, B04) and their balance, each row's total against
//! its parts, the 合计 row against the codes, 类 = Σ款 = Σ项 (and the economic 类 = Σ款),
//! the 三公 items (and their fund columns), and the tables against each other (B01 with B02
//! and B03, B04 with B05, B05 with B06). A sum is only checked where every column it adds is a standard one: a
//! column the standard does not name may be a part of another ("其中") and is never guessed.

use std::collections::HashSet;

use rust_decimal::Decimal;

use super::{cell, named, Auditor, Term};
use crate::model::{Level, Read, Report, Row, Side, Table, TableId};
use crate::recognize::budget::FUNDS_07;

/// The standard income lines of B01 (EXPORT.md): their sum is 本年收入合计.
pub const INCOME_LINES: [&str; 9] = [
    "一般公共预算拨款收入",
    "政府性基金预算拨款收入",
    "国有资本经营预算拨款收入",
    "财政专户管理资金收入",
    "事业收入",
    "事业单位经营收入",
    "上级补助收入",
    "附属单位上缴收入",
    "其他收入",
];

/// The income sources of B02 (and of B10, B13 where printed by source).
const SOURCES: [&str; 10] = [
    "上年结转",
    "一般公共预算拨款",
    "政府性基金预算拨款",
    "国有资本经营预算拨款",
    "财政专户管理资金",
    "事业收入",
    "事业单位经营收入",
    "上级补助收入",
    "附属单位上缴收入",
    "其他收入",
];

/// The uses of the expenditure tables.
const USES: [&str; 5] = ["基本支出", "项目支出", "事业单位经营支出", "上缴上级支出", "对附属单位补助支出"];

/// Column names every row identity may read (besides the sources and uses).
const KNOWN: [&str; 4] = ["合计", "人员经费", "公用经费", "财政拨款合计"];

const FUNDS: [&str; 3] = ["一般公共预算拨款", "政府性基金预算拨款", "国有资本经营预算拨款"];

/// The rows in blocks: a block ends before a top-level code it has already listed (a code
/// printed twice lower down is the document's own slip, not a new block).
fn blocks(t: &Table) -> Vec<Vec<&Row>> {
    let mut out: Vec<Vec<&Row>> = vec![Vec::new()];
    let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
    let top = t.rows.iter().filter_map(|r| r.code.as_ref().map(|c| c.code.len())).min().unwrap_or(0);
    for r in &t.rows {
        if let Some(c) = &r.code {
            if !seen.insert(c.code.as_str()) && c.code.len() == top {
                seen.clear();
                seen.insert(c.code.as_str());
                out.push(Vec::new());
            }
        }
        if let Some(last) = out.last_mut() {
            last.push(r);
        }
    }
    out.retain(|b| !b.is_empty());
    out
}

/// `total` and the lines printed after it up to `grand` that add to it (上年结转,
/// 用事业基金弥补收支差额, 结转下年 …): not the income lines or classes a total printed
/// above them sums (`一、本年收入` over `（一）一般公共预算拨款`), not a part of another
/// (`其中`, `上年结转/…`, the 结转 and 结余 lines under 上年结转).
fn between(t: &Table, rows: &[&Row], total: &Row, grand: &Row, col: &str) -> Vec<(Term, i8)> {
    let from = rows.iter().position(|r| std::ptr::eq(*r, total)).unwrap_or(0);
    let to = rows.iter().position(|r| std::ptr::eq(*r, grand)).unwrap_or(rows.len());
    let mut carry = false;
    let mut out = vec![(cell(t, total, col), 1)];
    for r in rows[(from + 1).min(to.max(from))..to.max(from)].iter() {
        let n = r.name.as_str();
        let part_of_carry = carry && (n.contains("结转") || n.contains("结余"));
        carry |= n == "上年结转";
        if r.code.is_some()
            || INCOME_LINES.contains(&n)
            || n == "财政拨款收入"
            || n.contains('/')
            || n.starts_with("其中")
            || part_of_carry
        {
            continue;
        }
        out.push((cell(t, r, col), 1));
    }
    out
}

/// Rows below `parent` whose own parent one level down is not printed: the level between
/// is missing (a 7-digit economic code under an unprinted 款), so Σ of the next level is no
/// total of the parent.
/// The codes of `t` that have such rows below them, in one pass over a set of the codes.
fn with_orphans(t: &Table) -> HashSet<String> {
    let codes: HashSet<&str> = t.rows.iter().filter_map(|r| r.code.as_ref().map(|c| c.code.as_str())).collect();
    let mut out = HashSet::new();
    for c in &codes {
        // every ancestor (3, 5 … digits) whose next level down on the way to `c` is missing
        let mut len = 3;
        while len + 2 < c.len() {
            if c.get(..len + 2).is_some_and(|next| !codes.contains(next)) {
                if let Some(p) = c.get(..len) {
                    out.insert(p.to_string());
                }
            }
            len += 2;
        }
    }
    out
}

fn on<'t>(rows: &[&'t Row], name: &str) -> Option<&'t Row> {
    rows.iter().find(|r| r.name == name).copied()
}

impl Auditor {
    pub(super) fn budget(&mut self, r: &Report) {
        for id in [TableId::B01, TableId::B04] {
            if let Some(t) = r.table(id) {
                self.two_sided_budget(t);
            }
        }
        for t in r.tables.iter().filter(|t| t.id.is_budget() && !matches!(t.id, TableId::B01 | TableId::B04)) {
            match t.id {
                TableId::B07 => {
                    self.budget_07(t);
                    self.budget_07_funds(t);
                }
                TableId::B11 | TableId::B12 => {}
                _ => self.budget_coded(t),
            }
        }
        self.budget_across(r);
    }

    /// B01 / B04: 本年收入合计 = Σ income lines, 本年支出合计 = Σ 类, the grand totals and
    /// their balance, per column.
    fn two_sided_budget(&mut self, t: &Table) {
        let income_rows: Vec<&Row> = t.rows.iter().filter(|r| r.side == Some(Side::Income)).collect();
        let spend_rows: Vec<&Row> = t.rows.iter().filter(|r| r.side == Some(Side::Expenditure)).collect();
        // 财政拨款收入 stands for the three funds when they are not printed beneath it
        let funds_printed = income_rows.iter().any(|r| INCOME_LINES[..3].contains(&r.name.as_str()));
        let lines: Vec<&Row> = income_rows
            .iter()
            .copied()
            .filter(|r| INCOME_LINES.contains(&r.name.as_str()) || r.name == "财政拨款收入" && !funds_printed)
            .collect();
        for col in &t.columns {
            let has = |r: &Row| r.cells.iter().any(|c| &c.column == col);
            // the income side prints one amount column (预算数), the expenditure side may print more
            if income_rows.iter().any(|r| has(r)) {
                let parts: Vec<(Term, i8)> = lines.iter().map(|r| (cell(t, r, col), 1)).collect();
                if let Some(total) = on(&income_rows, "本年收入合计") {
                    self.sum("B.income_total", t.unit, cell(t, total, col), parts);
                } else if let Some(grand) = on(&income_rows, "收入总计") {
                    let mut parts = parts;
                    parts.extend(on(&income_rows, "上年结转").map(|r| (cell(t, r, col), 1)));
                    self.sum("B.income_total", t.unit, cell(t, grand, col), parts);
                }
                if let (Some(grand), Some(total)) = (on(&income_rows, "收入总计"), on(&income_rows, "本年收入合计"))
                {
                    self.sum("B.grand", t.unit, cell(t, grand, col), between(t, &income_rows, total, grand, col));
                }
            }
            if spend_rows.iter().any(|r| has(r)) {
                let classes: Vec<(Term, i8)> = spend_rows
                    .iter()
                    .filter(|r| r.code.as_ref().is_some_and(|c| c.level == Level::Lei))
                    .map(|r| (cell(t, r, col), 1))
                    .collect();
                if let Some(total) = on(&spend_rows, "本年支出合计") {
                    if !classes.is_empty() {
                        self.sum("B.spend_total", t.unit, cell(t, total, col), classes);
                    }
                    if let Some(grand) = on(&spend_rows, "支出总计") {
                        self.sum("B.grand", t.unit, cell(t, grand, col), between(t, &spend_rows, total, grand, col));
                    }
                } else if let Some(grand) = on(&spend_rows, "支出总计") {
                    if !classes.is_empty() {
                        let mut parts = classes;
                        parts.extend(on(&spend_rows, "年末结转和结余").map(|r| (cell(t, r, col), 1)));
                        self.sum("B.spend_total", t.unit, cell(t, grand, col), parts);
                    }
                }
            }
        }
        // the grand totals balance: the income side's one column against the expenditure
        // side's total column
        let income_col = t.columns.iter().find(|c| income_rows.iter().any(|r| r.cells.iter().any(|x| &x.column == *c)));
        let spend_col =
            ["合计", "预算数"].into_iter().find(|c| spend_rows.iter().any(|r| r.cells.iter().any(|x| x.column == *c)));
        if let (Some(ic), Some(sc), Some(a), Some(b)) =
            (income_col, spend_col, on(&income_rows, "收入总计"), on(&spend_rows, "支出总计"))
        {
            self.sum("B.balance", t.unit, cell(t, a, ic), vec![(cell(t, b, sc), 1)]);
        }
    }

    /// A coded budget table: each row's total against its parts (only where every column
    /// is a standard one), the 合计 row against the top codes, and the hierarchy.
    fn budget_coded(&mut self, t: &Table) {
        let has = |c: &str| t.columns.iter().any(|x| x == c);
        let all_known = t
            .columns
            .iter()
            .all(|c| SOURCES.contains(&c.as_str()) || USES.contains(&c.as_str()) || KNOWN.contains(&c.as_str()));
        for row in &t.rows {
            if all_known && has("合计") {
                let uses: Vec<&str> = USES.iter().copied().filter(|c| has(c)).collect();
                let sources: Vec<&str> = SOURCES.iter().copied().filter(|c| has(c)).collect();
                if uses.len() >= 2 && sources.is_empty() {
                    let parts = uses.iter().map(|c| (cell(t, row, c), 1)).collect();
                    self.sum("B.row", t.unit, cell(t, row, "合计"), parts);
                } else if sources.len() >= 2 && uses.is_empty() {
                    let mut parts: Vec<(Term, i8)> = Vec::new();
                    if has("财政拨款合计") {
                        parts.push((cell(t, row, "财政拨款合计"), 1));
                        let funds: Vec<(Term, i8)> =
                            FUNDS.iter().filter(|f| has(f)).map(|f| (cell(t, row, f), 1)).collect();
                        if !funds.is_empty() {
                            self.sum("B.row", t.unit, cell(t, row, "财政拨款合计"), funds);
                        }
                    }
                    parts.extend(
                        sources
                            .iter()
                            .filter(|c| !(has("财政拨款合计") && FUNDS.contains(c)))
                            .map(|c| (cell(t, row, c), 1)),
                    );
                    self.sum("B.row", t.unit, cell(t, row, "合计"), parts);
                } else if uses.is_empty() && sources.is_empty() && has("人员经费") && has("公用经费") {
                    let parts = vec![(cell(t, row, "人员经费"), 1), (cell(t, row, "公用经费"), 1)];
                    self.sum("B.row", t.unit, cell(t, row, "合计"), parts);
                }
            }
            if all_known && has("基本支出") && has("人员经费") && has("公用经费") {
                let parts = vec![(cell(t, row, "人员经费"), 1), (cell(t, row, "公用经费"), 1)];
                self.sum("B.row", t.unit, cell(t, row, "基本支出"), parts);
            }
        }
        let coded: Vec<&Row> = t.rows.iter().filter(|r| r.code.is_some()).collect();
        let top = coded.iter().filter_map(|r| r.code.as_ref().map(|c| c.code.len())).min().unwrap_or(0);
        // a code printed twice: the table lists blocks (one per unit, or per fund), each with
        // its own hierarchy; the 合计 row is not the sum of one block
        let blocks = blocks(t);
        if blocks.len() > 1 {
            for b in blocks {
                let mut part = t.clone();
                part.rows = b.into_iter().cloned().collect();
                self.budget_hierarchy(&part);
            }
            return;
        }
        // the top level complete: every code's top-level prefix printed
        let codes: HashSet<&str> = coded.iter().filter_map(|r| r.code.as_ref().map(|c| c.code.as_str())).collect();
        let complete = codes.iter().all(|c| c.get(..top).is_some_and(|p| codes.contains(p)));
        if let Some(total) = named(t, "合计").filter(|_| !coded.is_empty() && complete) {
            self.column_sums("B.column", t, total, &coded, top);
        }
        self.budget_hierarchy(t);
    }

    /// 类 = Σ款 = Σ项 per column, for the parents whose next level is complete.
    fn budget_hierarchy(&mut self, t: &Table) {
        let broken = with_orphans(t);
        let mut checked = t.clone();
        checked.rows.retain(|r| r.code.as_ref().is_none_or(|c| !broken.contains(&c.code)));
        // a row whose parent was left out is no child either
        self.hierarchy_as("B.hierarchy", &checked);
    }

    /// B07: 合计 = 出国 + 公务用车 + 接待, 公务用车 = 购置 + 运行, per column.
    fn budget_07(&mut self, t: &Table) {
        let items = crate::recognize::tables::ITEMS_07;
        // a table that also lists other expenses (行政经费, 会议费) totals them too
        // (a unit's row, `unit/item`, is no other expense)
        let other = |r: &&Row| !items.contains(&r.name.as_str()) && !r.name.contains('/');
        let others = t.rows.iter().filter(other).any(|r| !r.cells.is_empty());
        for col in &t.columns {
            let get = |item: &str| named(t, item).map(|row| cell(t, row, col));
            let printed = named(t, items[0]).is_some_and(|r| !r.cells.is_empty());
            if let Some(total) = get(items[0]).filter(|_| printed) {
                let mut parts: Vec<(Term, i8)> =
                    [items[1], items[2], items[5]].iter().filter_map(|i| get(i)).map(|c| (c, 1)).collect();
                // the 合计 of a table that adds other expenses (行政经费) may total them too
                let three: Decimal = parts.iter().map(|((_, v), _)| *v).sum();
                // (only when they make it: else the 三公 items are what it should total)
                let extra: Vec<(Term, i8)> = t.rows.iter().filter(other).map(|r| (cell(t, r, col), 1)).collect();
                let with: Decimal = three + extra.iter().map(|((_, v), _)| *v).sum::<Decimal>();
                let terms = parts.len() + extra.len() + 1;
                if others && three != total.1 && (with - total.1).abs() <= super::rounding(t.unit, terms) {
                    parts.extend(extra);
                }
                self.sum("B07.parts", t.unit, total, parts);
            }
            if let Some(car) = get(items[2]) {
                let parts: Vec<(Term, i8)> =
                    [items[3], items[4]].iter().filter_map(|i| get(i)).map(|c| (c, 1)).collect();
                if parts.iter().any(|((c, _), _)| c.value.is_some()) || car.0.value.is_some() {
                    self.sum("B07.parts", t.unit, car, parts);
                }
            }
        }
    }

    /// B07 by fund: each item's 预算数 = Σ its fund columns, where two or more are printed
    /// (not a 预算数 the reader made as their sum: no total printed, nothing to check).
    fn budget_07_funds(&mut self, t: &Table) {
        let funds: Vec<&str> = FUNDS_07.iter().copied().filter(|f| t.columns.iter().any(|c| c == f)).collect();
        if funds.len() < 2 {
            return;
        }
        let printed = |r: &&Row| r.cells.iter().any(|c| c.column == "预算数" && c.read != Read::Placed);
        for row in t.rows.iter().filter(printed) {
            let parts = funds.iter().map(|f| (cell(t, row, f), 1)).collect();
            self.sum("B07.funds", t.unit, cell(t, row, "预算数"), parts);
        }
    }

    /// `x = y` between two tables, when both are printed (a total one table leaves blank is
    /// no figure to compare).
    fn agree(&mut self, unit: crate::model::MoneyUnit, x: Term, y: Term) {
        if x.0.value.is_some() && y.0.value.is_some() {
            self.sum("B.across", unit, x, vec![(y, 1)]);
        }
    }

    /// The tables against each other.
    fn budget_across(&mut self, r: &Report) {
        let total = |t: &Table, col: &str| named(t, "合计").map(|row| cell(t, row, col));
        let side_total = |t: &Table, name: &str, col: &str| named(t, name).map(|row| cell(t, row, col));
        let b01 = r.table(TableId::B01);
        let one_col = |t: &Table, name: &str| -> Option<Term> {
            let row = named(t, name)?;
            ["预算数", "合计"].iter().find(|c| row.cells.iter().any(|x| x.column == **c)).map(|c| cell(t, row, c))
        };
        if let (Some(a), Some(b)) = (b01, r.table(TableId::B02)) {
            if let (Some(x), Some(y)) = (one_col(a, "本年收入合计"), total(b, "合计")) {
                // B02's 合计 includes 上年结转 when it prints that column
                let carry = b.columns.iter().any(|c| c == "上年结转");
                if !carry {
                    self.agree(a.unit, x, y);
                } else if let Some(z) = one_col(a, "收入总计") {
                    self.agree(a.unit, z, y);
                }
            }
        }
        if let (Some(a), Some(b)) = (b01, r.table(TableId::B03)) {
            // a B03 by source that spends last year's carry-over too totals B01's 支出总计
            let carry = b.columns.iter().any(|c| c == "上年结转");
            let line = if carry { "支出总计" } else { "本年支出合计" };
            if let (Some(x), Some(y)) = (one_col(a, line), total(b, "合计")) {
                self.agree(a.unit, x, y);
            }
        }
        if let (Some(a), Some(b)) = (r.table(TableId::B04), r.table(TableId::B05)) {
            // the 一般公共预算 expenditure of B04: its column, or its only fund
            // B05 is this year's appropriation: B04's expenditure matches it when nothing is
            // carried over from last year
            let carried = named(a, "上年结转").is_some_and(|row| row.cells.iter().any(|c| !c.value.is_zero()));
            let only_general = !carried
                && FUNDS[1..].iter().all(|f| {
                    named(a, &format!("{f}收入")).is_none_or(|row| row.cells.iter().all(|c| c.value.is_zero()))
                });
            let x = if carried {
                None
            } else if a.columns.iter().any(|c| c == "一般公共预算拨款") {
                side_total(a, "本年支出合计", "一般公共预算拨款")
            } else if only_general {
                one_col(a, "本年支出合计")
            } else {
                None
            };
            if let (Some(x), Some(y)) = (x, total(b, "合计")) {
                self.agree(a.unit, x, y);
            }
        }
        if let (Some(a), Some(b)) = (r.table(TableId::B05), r.table(TableId::B06)) {
            if let (Some(x), Some(y)) = (total(a, "基本支出"), total(b, "合计")) {
                self.agree(a.unit, x, y);
            }
        }
    }
}
