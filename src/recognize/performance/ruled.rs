//! A 项目支出绩效自评表 read from its ruled grids, when the PDF draws them.
//!
//! The ruling says which cell every glyph is in, so nothing is guessed from order or
//! shape: the header fields are label → value cells (项目名称, 主管部门, 实施单位); the funds
//! block's cells go to the column named by its header row (年初预算数, 全年预算数, 全年执行数,
//! 分值, 执行率, 得分), its rows by their labels (年度资金总额, 其中：当年财政拨款, 上年结转资金,
//! 其他资金); 年度总体目标 by its 预期目标 / 实际完成情况 header; each indicator row's cells by
//! the indicator header row's column names. 一级/二级 labels are merged cells over many
//! rows: a row takes the label of the cell covering it, and a blank one (the merged cell
//! continued on the next page) carries the label down, into the continuation grid too.
//! Columns are matched by position (a cell's centre within a header cell's span), so a
//! continuation grid whose columns are split differently still lines up.
//!
//! A cell's value is what it prints: a dash is 0 (EXPORT.md), except a part's `--` under
//! 分值/得分, the template's "not applicable" (blank, as in the line reader); `/` or nothing
//! is blank.
//!
//! The table's grids: the first one with a 项目名称 cell, then the grids after it on the
//! following pages until the 总分 row. Without an indicator header row (`三级指标`) the
//! grids are not this table's, and the table is read from its lines.
//!
//! The same form, without scores, is a 绩效目标表 (`targets`): a block of pages split
//! into tables at each grid with a head field (项目名称, 专项名称, 部门（单位）名称); its funds
//! are label → amount cells (`年度资金总额：` `2,134.87`, one amount, `预算数`), its goal a
//! label → text cell (年度总体目标, 总体目标, 当年绩效目标), its indicator header names 三级指标 or
//! 指标名称 with 指标值 or 分值/权重, and 指标性质 / 计量单位 columns where a province prints
//! them. `执行率分值（10）` is the weight of budget execution (the 年度资金总额 row's 分值).

use rust_decimal::Decimal;

use std::rc::Rc;

use super::super::Diags;
use super::funds::{funds_row_name, FUNDS_COLUMNS, TARGET_AMOUNT};
use crate::grid::{Grid, GridCell};
use crate::layout::Line;
use crate::model::{Cell, FundsRow, Indicator, Location, PerformanceTable, Read};
use crate::text::{is_dash, join_wrapped, normalize_name, parse_amount, parse_percent, tidy_spaces};

/// The parts of the table read from the grids.
#[derive(Debug, Default)]
pub struct Ruled {
    pub project: String,
    pub department: String,
    pub implementer: String,
    pub funds: Vec<FundsRow>,
    pub goal_expected: String,
    pub goal_actual: String,
    pub indicators: Vec<Indicator>,
    pub total: Option<(Option<Decimal>, Decimal)>,
    pub total_at: Option<Location>,
    /// The table's first row.
    pub at: Option<Location>,
}

impl Ruled {
    /// `base` (its id, kind, title, unit, how it was read and where) with the parts the
    /// grids gave; `base.at` stays (the caller chooses between it and `self.at`).
    pub fn fill(self, base: PerformanceTable) -> PerformanceTable {
        PerformanceTable {
            project: self.project,
            department: self.department,
            implementer: self.implementer,
            funds: self.funds,
            goal_expected: self.goal_expected,
            goal_actual: self.goal_actual,
            indicators: self.indicators,
            total: self.total,
            ..base
        }
    }
}

/// One cell as seen from one row of the table: `own` when the cell starts in this row (a
/// merged cell is seen from every row it covers).
pub(super) struct Slot<'a> {
    pub(super) cell: &'a GridCell,
    pub(super) own: bool,
    /// The text without whitespace, a trailing colon dropped (one per cell, shared by
    /// the rows a merged cell covers).
    pub(super) key: Rc<str>,
}

impl Slot<'_> {
    pub(super) fn centre(&self) -> f32 {
        (self.cell.x0 + self.cell.x1) / 2.0
    }

    pub(super) fn text(&self) -> String {
        tidy_spaces(&self.cell.text())
    }
}

pub(super) struct Row<'a> {
    pub(super) page: usize,
    pub(super) slots: Vec<Slot<'a>>,
}

impl Row<'_> {
    pub(super) fn own(&self) -> impl Iterator<Item = &Slot<'_>> {
        self.slots.iter().filter(|s| s.own)
    }

    /// The source line nearest to the baseline of the row's first printed cell.
    pub(super) fn at(&self, lines: &Lines) -> Location {
        let y = self.own().find(|s| !s.cell.is_blank()).map(|s| s.cell.baseline());
        let y = y.or_else(|| self.slots.first().map(|s| s.cell.baseline())).unwrap_or(0.0);
        lines.nearest(self.page, y)
    }
}

/// The region's lines by page and baseline, for the location of a row.
pub(super) struct Lines(Vec<(usize, f32, Location)>);

impl Lines {
    pub(super) fn new(lines: &[Line]) -> Lines {
        let mut v: Vec<(usize, f32, Location)> = lines.iter().map(|l| (l.at.page, l.y, l.at)).collect();
        v.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
        Lines(v)
    }

    /// The line on `page` whose baseline is nearest to `y` (as `grid_table`'s rows).
    fn nearest(&self, page: usize, y: f32) -> Location {
        let lo = self.0.partition_point(|l| l.0 < page);
        let hi = self.0.partition_point(|l| l.0 <= page);
        let on = &self.0[lo..hi];
        let k = on.partition_point(|l| l.1 < y);
        let near = [k.checked_sub(1), Some(k)]
            .into_iter()
            .flatten()
            .filter_map(|i| on.get(i))
            .min_by(|a, b| (a.1 - y).abs().total_cmp(&(b.1 - y).abs()));
        near.map(|l| l.2).unwrap_or(Location { line: 0, page })
    }
}

fn key_of(cell: &GridCell) -> String {
    let k: String = cell.text().chars().filter(|c| !c.is_whitespace()).collect();
    k.trim_end_matches(['：', ':']).to_string()
}

/// A header column: the span of its header cell and what it holds.
#[derive(Debug, Clone, Copy)]
pub(super) struct Col<K> {
    pub(super) x0: f32,
    pub(super) x1: f32,
    pub(super) what: K,
}

/// The column whose header cell spans the slot's centre.
pub(super) fn column<K: Copy>(cols: &[Col<K>], s: &Slot) -> Option<K> {
    let x = s.centre();
    cols.iter().find(|c| x >= c.x0 - 1.0 && x <= c.x1 + 1.0).map(|c| c.what)
}

/// `总分`, `总分值、评价总分(S)`.
fn is_total_label(key: &str) -> bool {
    key.starts_with("总分") && key.chars().count() <= 12
}

/// 项目名称 (专项名称), 主管部门 (主管部门及代码, 部门（单位）名称), 实施单位 (项目实施单位).
pub(super) fn head_field(key: &str) -> Option<usize> {
    let k = normalize_name(key);
    if matches!(k.as_str(), "部门（单位）名称" | "部门名称" | "单位名称") {
        return Some(1);
    }
    let k = k.split('（').next().unwrap_or("");
    match k {
        "项目名称" | "专项名称" => Some(0),
        "主管部门" | "主管部门及代码" | "主管单位" => Some(1),
        "实施单位" | "项目实施单位" => Some(2),
        _ => None,
    }
}

/// The label of a target table's goal: 年度总体目标, 总体目标, 当年绩效目标, 年度目标.
pub(super) fn is_goal_label(key: &str) -> bool {
    matches!(key, "年度总体目标" | "总体目标" | "当年绩效目标" | "年度目标" | "绩效目标" | "当年整体绩效目标")
}

/// `执行率分值（10）`: the weight of budget execution printed in a target's funds block.
fn rate_weight(key: &str) -> Option<Decimal> {
    if !(key.contains("执行率") && key.contains("分值")) {
        return None;
    }
    let open = key.find(['（', '('])?;
    let inner = key[open..].trim_start_matches(['（', '(']);
    parse_amount(inner.split(['）', ')']).next()?)
}

/// A funds header cell → its index in `FUNDS_COLUMNS`.
/// A 部门整体自评表 (Fujian's) prints 年初 ①, 年中调整 ②, 小计 ③ = ① + ② (the year's whole
/// budget), 年度拨付金额 ④ (spent) and 支出实现率 ⑤ = ④ / ③.
fn funds_column(key: &str) -> Option<usize> {
    if key.contains("执行率") || key.contains("实现率") {
        Some(4)
    } else if key.contains("年初") {
        Some(0)
    } else if key.contains("全年预算") || key.contains("调整后预算") || key.starts_with("小计") {
        Some(1)
    } else if key.contains("执行数") || key.contains("全年执行") || key.contains("实际支出") || key.contains("拨付金额")
    {
        Some(2)
    } else if key.starts_with("分值") || key.starts_with("权重") {
        Some(3)
    } else if key.starts_with("得分") {
        Some(5)
    } else {
        None
    }
}

/// What an indicator column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Ind {
    Level1,
    Level2,
    Name,
    Target,
    Actual,
    Weight,
    Score,
    Deviation,
    Direction,
    Measure,
}

pub(super) fn indicator_column(key: &str) -> Option<Ind> {
    if key.starts_with("一级指标") {
        Some(Ind::Level1)
    } else if key.starts_with("二级指标") {
        Some(Ind::Level2)
    } else if key.starts_with("三级指标") || key == "指标名称" || key == "绩效指标名称" {
        Some(Ind::Name)
    } else if key.ends_with("指标性质") || key.ends_with("指标方向") {
        Some(Ind::Direction)
    } else if key == "计量单位" || key == "度量单位" {
        Some(Ind::Measure)
    } else if key.contains("偏差") || key.contains("原因分析") || key.contains("改进措施") {
        Some(Ind::Deviation)
    } else if key.contains("实际完成") || key.contains("实际值") || key.contains("完成值") {
        Some(Ind::Actual)
    } else if key.contains("指标值") || key.contains("目标值") {
        Some(Ind::Target)
    } else if key.contains("分值") || key.contains("权重") {
        // 分值, 指标分值
        Some(Ind::Weight)
    } else if key.contains("得分") {
        // 得分, 自评得分
        Some(Ind::Score)
    } else {
        None
    }
}

fn columns<K: Copy + PartialEq>(row: &Row, what: impl Fn(&str) -> Option<K>) -> Vec<Col<K>> {
    columns_of(row.own(), what)
}

fn columns_of<'s, 'a: 's, K: Copy + PartialEq>(
    slots: impl Iterator<Item = &'s Slot<'a>>,
    what: impl Fn(&str) -> Option<K>,
) -> Vec<Col<K>> {
    let mut out: Vec<Col<K>> = Vec::new();
    for s in slots {
        if let Some(k) = what(&s.key) {
            if !out.iter().any(|c| c.what == k) {
                out.push(Col { x0: s.cell.x0, x1: s.cell.x1, what: k });
            }
        }
    }
    out
}

/// The funds header: three or more of its column names, one an amount column.
/// A header cell merged over two rows (分值, 得分 beside 年初 … under 预算安排) counts in
/// both.
fn funds_header(row: &Row) -> Option<Vec<Col<usize>>> {
    let cols = columns_of(row.slots.iter(), funds_column);
    (cols.len() >= 3 && cols.iter().any(|c| c.what <= 2)).then_some(cols)
}

/// The indicator header: 三级指标 (指标名称) and a score or target column.
fn indicator_header(row: &Row) -> Option<Vec<Col<Ind>>> {
    let cols = columns(row, indicator_column);
    let has = |k: Ind| cols.iter().any(|c| c.what == k);
    (has(Ind::Name) && (has(Ind::Weight) || has(Ind::Score) || has(Ind::Target))).then_some(cols)
}

/// The goals header: 预期目标 and 实际完成情况 side by side. Column 0 expected, 1 actual.
fn goals_header(row: &Row) -> Option<Vec<Col<usize>>> {
    let cols = columns(row, |k| {
        if k.contains("预期目标") {
            Some(0)
        } else if k.contains("实际完成") {
            Some(1)
        } else {
            None
        }
    });
    (cols.len() == 2).then_some(cols)
}

fn has_project_name(g: &Grid) -> bool {
    g.cells.iter().any(|c| head_field(&key_of(c)) == Some(0))
}

/// A grid that starts a form of a target block: a head field in its first rows.
pub(super) fn starts_table(g: &Grid) -> bool {
    g.cells.iter().any(|c| c.row <= 2 && head_field(&key_of(c)).is_some())
}

/// A grid with an indicator header row: the first of a block starts a form without a head
/// field (a department's table, named by the page's own heading).
pub(super) fn has_indicator_header(g: &Grid) -> bool {
    rows_of(&[g]).iter().any(|r| indicator_header(r).is_some())
}

fn has_total(g: &Grid) -> bool {
    g.cells.iter().any(|c| is_total_label(&key_of(c)))
}

/// The grids of the table: the first with a 项目名称 cell, then those on the following
/// pages up to the one with the 总分 row.
fn table_grids<'a>(grids: &[&'a Grid]) -> Vec<&'a Grid> {
    let Some(start) = grids.iter().position(|g| has_project_name(g)) else { return Vec::new() };
    let mut out = vec![grids[start]];
    for g in &grids[start + 1..] {
        if has_total(out[out.len() - 1]) {
            break;
        }
        let last = out[out.len() - 1].page;
        if g.page < last || g.page > last + 1 || has_project_name(g) {
            break;
        }
        out.push(g);
    }
    out
}

pub(super) fn rows_of<'a>(grids: &[&'a Grid]) -> Vec<Row<'a>> {
    let mut rows = Vec::new();
    for g in grids {
        let (nr, nc) = (g.rows(), g.cols());
        // each elementary cell's cell, and each cell's key once
        let mut of = vec![usize::MAX; nr * nc];
        for (i, cell) in g.cells.iter().enumerate() {
            for r in cell.row..(cell.row + cell.row_span).min(nr) {
                for c in cell.col..(cell.col + cell.col_span).min(nc) {
                    of[r * nc + c] = i;
                }
            }
        }
        let keys: Vec<Rc<str>> = g.cells.iter().map(|c| Rc::from(key_of(c))).collect();
        for r in 0..nr {
            let mut slots: Vec<Slot<'a>> = Vec::new();
            let mut last = usize::MAX;
            for c in 0..nc {
                let i = of[r * nc + c];
                // a cell spanning columns is one slot
                if i == usize::MAX || i == last {
                    continue;
                }
                last = i;
                let cell = &g.cells[i];
                slots.push(Slot { cell, own: cell.row == r, key: keys[i].clone() });
            }
            rows.push(Row { page: g.page, slots });
        }
    }
    rows
}

/// A 一级/二级 label as printed, without its weight (`产出指标（50分）` → `产出指标`).
fn level_label(key: &str) -> String {
    let k = normalize_name(key);
    match k.find(['（', '(']) {
        Some(p) if k[p..].chars().any(|c| c.is_ascii_digit()) => k[..p].to_string(),
        _ => k,
    }
}

fn is_slash(t: &str) -> bool {
    !t.is_empty() && t.chars().all(|c| matches!(c, '/' | '／'))
}

/// A funds or score cell: blank or `/` → nothing; a dash → 0 (EXPORT.md); a number or
/// rate; `Err` for text that is neither.
pub(super) fn number(key: &str) -> Result<Option<Decimal>, ()> {
    if key.is_empty() || is_slash(key) {
        Ok(None)
    } else if is_dash(key) {
        Ok(Some(Decimal::ZERO))
    } else if let Some(v) = parse_percent(key) {
        Ok(Some(v))
    } else {
        parse_amount(key).map(Some).ok_or(())
    }
}

fn header_fields(rows: &[Row], out: &mut Ruled) {
    for row in rows {
        let own: Vec<&Slot> = row.own().collect();
        let fields: Vec<Option<usize>> = own.iter().map(|s| head_field(&s.key)).collect();
        // the value of a label: the next cell to the right that is not a label itself
        let mut next_value = vec![None; own.len()];
        let mut after: Option<usize> = None;
        for i in (0..own.len()).rev() {
            next_value[i] = after;
            if fields[i].is_none() {
                after = Some(i);
            }
        }
        for (i, f) in fields.iter().enumerate() {
            let Some(f) = *f else { continue };
            let value = next_value[i].map(|v| own[v].text());
            let Some(value) = value.filter(|v| !v.is_empty()) else { continue };
            let field = match f {
                0 => &mut out.project,
                1 => &mut out.department,
                _ => &mut out.implementer,
            };
            if field.is_empty() {
                *field = value;
            }
        }
    }
}

fn funds(id: &str, rows: &[Row], cols: &[Col<usize>], lines: &Lines, diags: &mut Diags) -> Vec<FundsRow> {
    let first = cols.iter().map(|c| c.x0).fold(f32::MAX, f32::min);
    let mut out: Vec<FundsRow> = Vec::new();
    for row in rows {
        let label = row.own().filter(|s| s.cell.x1 <= first + 1.0).find_map(|s| funds_row_name(&s.key));
        let Some(name) = label else { continue };
        if out.iter().any(|r| r.name == name) {
            continue;
        }
        let at = row.at(lines);
        let mut cells: Vec<(usize, Decimal)> = Vec::new();
        for s in row.own() {
            let Some(c) = column(cols, s) else { continue };
            // a part's dash under 分值/得分 is the template's "not applicable": the 10
            // points of 预算执行率 belong to 年度资金总额 (EXPORT.md), as in the line reader
            let score = matches!(FUNDS_COLUMNS[c], "分值" | "得分");
            if score && name != "年度资金总额" && is_dash(&s.key) {
                continue;
            }
            match number(&s.key) {
                Ok(Some(v)) if !cells.iter().any(|x| x.0 == c) => cells.push((c, v)),
                Ok(_) => {}
                Err(()) => diags.warn(
                    "performance.funds_unreadable",
                    format!("{id} {name} 的{}“{}”不是数字，未读取", FUNDS_COLUMNS[c], s.text()),
                    format!("{id}: {name} {} '{}' is not a number; left out", FUNDS_COLUMNS[c], s.text()),
                    Some(at),
                ),
            }
        }
        cells.sort_by_key(|c| c.0);
        let row = FundsRow {
            name: name.to_string(),
            cells: cells.into_iter().map(|(c, v)| Cell::new(FUNDS_COLUMNS[c], v, Read::Grid)).collect(),
            at,
        };
        if name == "年度资金总额" {
            out.insert(0, row);
        } else {
            out.push(row);
        }
    }
    out
}

fn goals(rows: &[Row], cols: &[Col<usize>]) -> (String, String) {
    let mut texts = [Vec::new(), Vec::new()];
    for row in rows {
        for s in row.own().filter(|s| !s.key.is_empty()) {
            if let Some(c) = column(cols, s) {
                texts[c].push(s.text());
            }
        }
    }
    let [e, a] = texts.map(|t| tidy_spaces(&join_wrapped(t.iter().map(String::as_str))));
    (e, a)
}

/// The indicator rows after the header, up to the 总分 row (read into `out.total`).
pub(super) fn indicators<'r, 'a: 'r>(
    rows: impl IntoIterator<Item = &'r Row<'a>>,
    mut cols: Vec<Col<Ind>>,
    lines: &Lines,
    out: &mut Ruled,
) {
    let (mut level1, mut level2) = (String::new(), String::new());
    let (mut seen1, mut seen2): (Option<&GridCell>, Option<&GridCell>) = (None, None);
    for row in rows {
        if let Some(total) = row.own().find(|s| is_total_label(&s.key)) {
            let at = |k: Ind| row.own().find(|s| column(&cols, s) == Some(k)).and_then(|s| number(&s.key).ok()?);
            out.total = match (at(Ind::Weight), at(Ind::Score)) {
                (w, Some(s)) => Some((w, s)),
                _ => {
                    // not under the columns: the first two numbers right of the label, or
                    // one alone, the score (`总分值、评价总分(S)` `92.33`)
                    let nums: Vec<Decimal> = row
                        .own()
                        .filter(|s| s.cell.x0 >= total.cell.x1 - 1.0)
                        .filter_map(|s| number(&s.key).ok().flatten())
                        .collect();
                    match nums[..] {
                        [w, s, ..] => Some((Some(w), s)),
                        [s] => Some((None, s)),
                        [] => None,
                    }
                }
            };
            out.total_at = Some(row.at(lines));
            return;
        }
        if let Some(repeated) = indicator_header(row) {
            cols = repeated;
            continue;
        }
        // the 一级/二级 cells covering the row, each label read once per merged cell; a
        // blank one carries the label above
        let level = |k: Ind| row.slots.iter().find(|s| column(&cols, s) == Some(k) && !s.key.is_empty());
        let mut l1_changed = false;
        if let Some(s) = level(Ind::Level1).filter(|s| !seen1.is_some_and(|c| std::ptr::eq(c, s.cell))) {
            seen1 = Some(s.cell);
            let l = level_label(&s.key);
            if l != level1 {
                level1 = l;
                l1_changed = true;
            }
        }
        match level(Ind::Level2) {
            Some(s) if !seen2.is_some_and(|c| std::ptr::eq(c, s.cell)) => {
                seen2 = Some(s.cell);
                level2 = level_label(&s.key);
            }
            Some(_) => {}
            None if l1_changed => level2.clear(),
            None => {}
        }
        let own = |k: Ind| row.own().find(|s| column(&cols, s) == Some(k) && !s.key.is_empty());
        let (name, target, actual) = (own(Ind::Name), own(Ind::Target), own(Ind::Actual));
        let (weight, score) = (own(Ind::Weight), own(Ind::Score));
        if [name, target, actual, weight, score].iter().all(Option::is_none) {
            continue;
        }
        let text_of = |k: Ind| own(k).map(|s| s.text()).unwrap_or_default();
        let score_of = |s: Option<&Slot>| s.and_then(|s| number(&s.key).ok().flatten());
        out.indicators.push(Indicator {
            level1: level1.clone(),
            level2: level2.clone(),
            name: name.map(|s| normalize_name(&s.key)).unwrap_or_default(),
            target: target.map(|s| s.text()).unwrap_or_default(),
            direction: text_of(Ind::Direction),
            measure: text_of(Ind::Measure),
            actual: actual.map(|s| s.text()).unwrap_or_default(),
            weight: score_of(weight),
            score: score_of(score),
            deviation: own(Ind::Deviation).map(|s| s.text()).unwrap_or_default(),
            at: row.at(lines),
        });
    }
}

/// Reads the table from the region's grids; `None` when they hold no table with an
/// indicator header (the caller reads the lines then).
pub fn read(id: &str, grids: &[&Grid], lines: &[Line], diags: &mut Diags) -> Option<Ruled> {
    read_table(id, &table_grids(grids), &Lines::new(lines), diags)
}

/// One form of a target (or 部门整体自评) block, from its grids; `None` without an indicator
/// header, or with neither indicators nor a project name.
pub fn read_form(id: &str, grids: &[&Grid], lines: &[Line], diags: &mut Diags) -> Option<Ruled> {
    read_table(id, grids, &Lines::new(lines), diags).filter(|r| !r.indicators.is_empty() || !r.project.is_empty())
}

fn read_table(id: &str, grids: &[&Grid], lines: &Lines, diags: &mut Diags) -> Option<Ruled> {
    let rows = rows_of(grids);
    let (h, cols) = rows.iter().enumerate().find_map(|(i, r)| indicator_header(r).map(|c| (i, c)))?;
    let mut out = Ruled { at: rows.first().map(|r| r.at(lines)), ..Ruled::default() };
    let funds_at = rows[..h].iter().enumerate().find_map(|(i, r)| funds_header(r).map(|c| (i, c)));
    let goals_at = rows[..h].iter().enumerate().find_map(|(i, r)| goals_header(r).map(|c| (i, c)));
    let head_end = funds_at.as_ref().map(|f| f.0).or(goals_at.as_ref().map(|g| g.0)).unwrap_or(h);
    header_fields(&rows[..head_end], &mut out);
    if let Some((f, fcols)) = &funds_at {
        let end = goals_at.as_ref().map(|g| g.0).filter(|g| g > f).unwrap_or(h);
        out.funds = funds(id, &rows[f + 1..end], fcols, lines, diags);
    } else {
        out.funds = labelled_funds(id, &rows[..h], lines, diags);
    }
    if let Some((g, gcols)) = &goals_at {
        let (e, a) = goals(&rows[g + 1..h], gcols);
        out.goal_expected = e;
        out.goal_actual = a;
    } else {
        out.goal_expected = labelled_goal(&rows[..h]);
    }
    indicators(&rows[h + 1..], cols, lines, &mut out);
    Some(out)
}

/// The cell after a label in its row: the next own cell to the right that prints something.
pub(super) fn value_after<'r, 'a>(row: &'r Row<'a>, label: &Slot) -> Option<&'r Slot<'a>> {
    row.slots
        .iter()
        .filter(|s| s.own)
        .filter(|s| s.cell.x0 >= label.cell.x1 - 1.0 && !s.key.is_empty())
        .min_by(|a, b| a.cell.x0.total_cmp(&b.cell.x0))
}

/// A target's funds: each row label (年度资金总额, 其中：财政拨款, 上年结转, 其他资金, 当年预算)
/// with the amount in the cell after it, as `预算数`; `执行率分值（10）` as the total's 分值.
fn labelled_funds(id: &str, rows: &[Row], lines: &Lines, diags: &mut Diags) -> Vec<FundsRow> {
    let mut out: Vec<FundsRow> = Vec::new();
    let mut weight = None;
    for row in rows {
        for s in row.own() {
            if let Some(w) = rate_weight(&s.key) {
                weight = weight.or(Some(w));
                continue;
            }
            // a row label, not a sentence that names a fund
            let label = s.key.chars().count() <= 16;
            let name =
                funds_row_name(&s.key).filter(|_| label).or_else(|| (&*s.key == "当年预算").then_some("年度资金总额"));
            let Some(name) = name.filter(|n| !out.iter().any(|r| r.name == *n)) else { continue };
            let at = row.at(lines);
            let cells = match value_after(row, s).map(|v| (v, number(&v.key))) {
                Some((_, Ok(Some(v)))) => vec![Cell::new(TARGET_AMOUNT, v, Read::Grid)],
                Some((v, Err(()))) if funds_row_name(&v.key).is_none() => {
                    diags.warn(
                        "performance.funds_unreadable",
                        format!("{id} {name} 的金额“{}”不是数字，未读取", v.text()),
                        format!("{id}: {name} amount '{}' is not a number; left out", v.text()),
                        Some(at),
                    );
                    Vec::new()
                }
                _ => Vec::new(),
            };
            out.push(FundsRow { name: name.to_string(), cells, at });
        }
    }
    if let Some(w) = weight {
        if let Some(total) = out.iter_mut().find(|r| r.name == "年度资金总额") {
            total.cells.push(Cell::new("分值", w, Read::Grid));
        }
    }
    out
}

/// A target's goal: the text in the cell after its label, or under it when the label
/// heads the row (`当年整体绩效目标` over the goal's text).
fn labelled_goal(rows: &[Row]) -> String {
    rows.iter()
        .enumerate()
        .find_map(|(i, row)| {
            let label = row.own().find(|s| is_goal_label(&s.key))?;
            value_after(row, label).or_else(|| rows.get(i + 1)?.own().find(|s| !s.key.is_empty())).map(|v| v.text())
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::pdf::{Glyph, PageText, Rule};
    use crate::grid::grids_of_page;

    /// A ruled page: each cell `(row, col, rows, cols, text)` drawn with its four borders on
    /// a lattice of 60 × 20 pt, its text 4 pt per glyph from its top left.
    fn page(cells: &[(usize, usize, usize, usize, &str)]) -> PageText {
        let x = |c: usize| 40.0 + 60.0 * c as f32;
        let y = |r: usize| 100.0 + 20.0 * r as f32;
        let mut p = PageText { width: 800.0, height: 800.0, ..PageText::default() };
        for &(r, c, rs, cs, text) in cells {
            let (x0, x1, y0, y1) = (x(c), x(c + cs), y(r), y(r + rs));
            p.rules.extend([
                Rule { x0, y0, x1, y1: y0 },
                Rule { x0, y0: y1, x1, y1 },
                Rule { x0, y0, x1: x0, y1 },
                Rule { x0: x1, y0, x1, y1 },
            ]);
            let mut gx = x0 + 2.0;
            for ch in text.chars() {
                let start = p.text.len() as u32;
                p.text.push(ch);
                let end = p.text.len() as u32;
                p.glyphs.push(Glyph { start, end, x0: gx, x1: gx + 4.0, y: y0 + 14.0, size: 8.0 });
                gx += 4.0;
            }
        }
        p
    }

    fn read_pages(pages: &[PageText]) -> (Option<Ruled>, Diags) {
        let grids: Vec<Grid> = pages.iter().enumerate().flat_map(|(i, p)| grids_of_page(p, i + 1)).collect();
        let refs: Vec<&Grid> = grids.iter().collect();
        let lines = [Line::new(Location { page: 1, line: 1 }, "x", 0)];
        let mut diags = Diags::default();
        let r = read("P01", &refs, &lines, &mut diags);
        (r, diags)
    }

    /// Columns: 0 一级, 1 二级, 2 三级, 3 年度指标值, 4 实际完成值, 5 分值, 6 得分, 7 偏差.
    fn first_page() -> PageText {
        page(&[
            (0, 0, 1, 2, "项目名称"),
            (0, 2, 1, 6, "某专项"),
            (1, 0, 1, 2, "主管部门"),
            (1, 2, 1, 2, "某局"),
            (1, 4, 1, 1, "实施单位"),
            (1, 5, 1, 3, "某局本级"),
            (2, 0, 4, 1, "项目资金"),
            (2, 1, 1, 1, ""),
            (2, 2, 1, 1, "年初预算数"),
            (2, 3, 1, 1, "全年预算数"),
            (2, 4, 1, 1, "全年执行数"),
            (2, 5, 1, 1, "分值"),
            (2, 6, 1, 1, "执行率"),
            (2, 7, 1, 1, "得分"),
            (3, 1, 1, 1, "年度资金总额："),
            (3, 2, 1, 1, "100"),
            (3, 3, 1, 1, "100"),
            (3, 4, 1, 1, "90"),
            (3, 5, 1, 1, "10"),
            (3, 6, 1, 1, "90%"),
            (3, 7, 1, 1, "9"),
            (4, 1, 1, 1, "其中：财政拨款"),
            (4, 2, 1, 1, "100"),
            (4, 3, 1, 1, ""),
            (4, 4, 1, 1, "90"),
            (4, 5, 1, 1, "--"),
            (4, 6, 1, 1, "/"),
            (4, 7, 1, 1, "--"),
            (5, 1, 1, 1, "上年结转"),
            (5, 2, 1, 6, ""),
            (6, 0, 1, 4, "预期目标"),
            (6, 4, 1, 4, "实际完成情况"),
            (7, 0, 1, 4, "做好某事。"),
            (7, 4, 1, 4, "做好了。"),
            (8, 0, 1, 1, "一级指标"),
            (8, 1, 1, 1, "二级指标"),
            (8, 2, 1, 1, "三级指标"),
            (8, 3, 1, 1, "年度指标值"),
            (8, 4, 1, 1, "实际完成值"),
            (8, 5, 1, 1, "分值"),
            (8, 6, 1, 1, "得分"),
            (8, 7, 1, 1, "偏差原因分析"),
            (9, 0, 2, 1, "产出指标（50分）"),
            (9, 1, 2, 1, "数量指标"),
            (9, 2, 1, 1, "培训人数"),
            (9, 3, 1, 1, "≥300人"),
            (9, 4, 1, 1, "366人"),
            (9, 5, 1, 1, "40"),
            (9, 6, 1, 1, "40"),
            (9, 7, 1, 1, ""),
            (10, 2, 1, 1, "培训班次"),
            (10, 3, 1, 1, "≥4次"),
            (10, 4, 1, 1, "3次"),
            (10, 5, 1, 1, "10"),
            (10, 6, 1, 1, "8"),
            (10, 7, 1, 1, "少办一期"),
        ])
    }

    #[test]
    fn a_table_continued_on_the_next_page() {
        // the merged 一级/二级 cells continue blank at the top of the next page, which
        // repeats no header
        let second = page(&[
            (0, 0, 1, 1, ""),
            (0, 1, 1, 1, ""),
            (0, 2, 1, 1, "培训合格率"),
            (0, 3, 1, 1, "≥98%"),
            (0, 4, 1, 1, "100%"),
            (0, 5, 1, 1, "10"),
            (0, 6, 1, 1, "10"),
            (0, 7, 1, 1, ""),
            (1, 0, 1, 1, "满意度指标"),
            (1, 1, 1, 1, "服务对象满意度指标"),
            (1, 2, 1, 1, "满意率"),
            (1, 3, 1, 1, "≥95%"),
            (1, 4, 1, 1, "96%"),
            (1, 5, 1, 1, "30"),
            (1, 6, 1, 1, "30"),
            (1, 7, 1, 1, ""),
            (2, 0, 1, 5, "总分"),
            (2, 5, 1, 1, "100"),
            (2, 6, 1, 1, "97"),
            (2, 7, 1, 1, ""),
        ]);
        let (r, diags) = read_pages(&[first_page(), second]);
        let r = r.expect("read from the grids");
        assert!(diags.0.is_empty(), "{:?}", diags.0);
        assert_eq!((r.project.as_str(), r.department.as_str(), r.implementer.as_str()), ("某专项", "某局", "某局本级"));
        let funds: Vec<(String, Vec<(String, String)>)> = r
            .funds
            .iter()
            .map(|f| (f.name.clone(), f.cells.iter().map(|c| (c.column.clone(), c.value.to_string())).collect()))
            .collect();
        let cells = |v: &[(&str, &str)]| v.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect::<Vec<_>>();
        assert_eq!(
            funds,
            vec![
                (
                    "年度资金总额".to_string(),
                    cells(&[
                        ("年初预算数", "100"),
                        ("全年预算数", "100"),
                        ("全年执行数", "90"),
                        ("分值", "10"),
                        ("执行率", "90"),
                        ("得分", "9")
                    ])
                ),
                (
                    "当年财政拨款".to_string(),
                    // the part's `--` under 分值/得分: not applicable, blank
                    cells(&[("年初预算数", "100"), ("全年执行数", "90")])
                ),
                ("上年结转资金".to_string(), vec![]),
            ]
        );
        assert!(r.funds.iter().flat_map(|f| &f.cells).all(|c| c.read == Read::Grid));
        assert_eq!((r.goal_expected.as_str(), r.goal_actual.as_str()), ("做好某事。", "做好了。"));
        let rows: Vec<String> = r
            .indicators
            .iter()
            .map(|i| {
                let n = |v: Option<Decimal>| v.map(|d| d.to_string()).unwrap_or_default();
                format!(
                    "{}/{} {} {} {} {} {} {}",
                    i.level1,
                    i.level2,
                    i.name,
                    i.target,
                    i.actual,
                    n(i.weight),
                    n(i.score),
                    i.deviation
                )
            })
            .collect();
        assert_eq!(
            rows,
            [
                "产出指标/数量指标 培训人数 ≥300人 366人 40 40 ",
                "产出指标/数量指标 培训班次 ≥4次 3次 10 8 少办一期",
                "产出指标/数量指标 培训合格率 ≥98% 100% 10 10 ",
                "满意度指标/服务对象满意度指标 满意率 ≥95% 96% 30 30 ",
            ]
        );
        assert_eq!(
            r.total.map(|(w, s)| (w.map(|w| w.to_string()), s.to_string())),
            Some((Some("100".into()), "97".into()))
        );
    }

    #[test]
    fn no_indicator_header_no_grid_reading() {
        // the header and funds alone: not enough to know the grid is the table
        let p =
            page(&[(0, 0, 1, 2, "项目名称"), (0, 2, 1, 2, "某专项"), (1, 0, 1, 2, "年初预算数"), (1, 2, 1, 2, "1")]);
        assert!(read_pages(&[p]).0.is_none());
        // no grid with 项目名称
        let p = page(&[(0, 0, 1, 1, "三级指标"), (0, 1, 1, 1, "分值"), (1, 0, 1, 1, "a"), (1, 1, 1, 1, "1")]);
        assert!(read_pages(&[p]).0.is_none());
        assert!(read_pages(&[]).0.is_none());
    }

    #[test]
    fn header_names_and_labels() {
        assert_eq!(funds_column("年初预算数"), Some(0));
        assert_eq!(funds_column("全年预算数"), Some(1));
        assert_eq!(funds_column("全年执行数"), Some(2));
        assert_eq!(funds_column("执行率"), Some(4));
        assert_eq!(funds_column("预算执行率（%）"), Some(4));
        assert_eq!(funds_column("分值"), Some(3));
        assert_eq!(funds_column("得分"), Some(5));
        assert_eq!(indicator_column("年度指标值"), Some(Ind::Target));
        assert_eq!(indicator_column("实际完成值"), Some(Ind::Actual));
        assert_eq!(indicator_column("偏差原因分析及改进措施"), Some(Ind::Deviation));
        assert_eq!(indicator_column("指标分值"), Some(Ind::Weight));
        assert_eq!(indicator_column("自评得分"), Some(Ind::Score));
        assert_eq!(head_field("主管部门及代码"), Some(1));
        assert_eq!(level_label("产出指标（50分）"), "产出指标");
        assert_eq!(level_label("经济成本指标"), "经济成本指标");
        assert_eq!(number("--"), Ok(Some(Decimal::ZERO)));
        assert_eq!(number("0.0%").map(|v| v.map(|d| d.to_string())), Ok(Some("0.0".into())));
        assert_eq!(number("/"), Ok(None));
        assert_eq!(number("不超标准"), Err(()));
    }
}
