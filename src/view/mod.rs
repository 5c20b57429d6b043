//! The view: what the page shows, derived from the typed report. Owns the chart specs
//! (kind, title, unit, series, items with drill-down children, all amounts as `Decimal`)
//! and their rendering through plotters onto any drawing backend: SVG here (snapshots,
//! downloads, the command line) and the HTML canvas in the browser (`src/wasm.rs` passes
//! a `plotters-canvas` backend), as bars, a scatter (performance) or a treemap
//! ([`treemap`]); and the answers at a glance ([`summary`]). Only pixel geometry is
//! computed in floating point; every printed figure is formatted from the `Decimal`.
//!
//! Knows nothing of wasm or the DOM: a chart is drawn onto a `DrawingBackend` and returns
//! the boxes a pointer can hit (the page maps a click to a drill-down, a hover to a
//! tooltip).

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use crate::check::budget_lines;
use crate::model::{Report, Scheme, Table, TableId};
use crate::reference::{class_en, function_class_by_name, function_class_name, standard_en};

pub mod compare;
pub mod summary;
pub mod treemap;

pub use compare::{compare_charts, COMPARE_KINDS};
pub use summary::{summary, Figure, Summary};

/// Every chart kind, in the order the page shows them.
pub const KINDS: [&str; 7] = ["function", "basic-project", "income", "economic", "sangong", "execution", "performance"];

/// A chart: what to draw and its data, independent of any backend.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Chart {
    /// One of [`KINDS`].
    pub kind: String,
    pub title_zh: String,
    pub title_en: String,
    /// `元`, `万元`, or for the performance chart `%`.
    pub unit: String,
    /// The value series (one bar per series per item; for `performance` the x and y axes).
    pub series: Vec<Label>,
    pub items: Vec<Item>,
    /// Where the figures come from (`公开03表`, `公开07表（预算数、决算数）`, `决算情况说明`).
    pub source_zh: String,
    pub source_en: String,
    /// `部门-年度-图表` for the names of downloads (`{file_stem}.png`): the department as
    /// printed, the year and the Chinese title, without characters a file name cannot hold,
    /// at most 80 characters.
    #[serde(default)]
    pub file_stem: String,
    /// The department and year as printed, for the caption of a download.
    #[serde(default)]
    pub department: Option<String>,
    #[serde(default)]
    pub year: Option<u16>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Label {
    pub zh: String,
    pub en: String,
}

/// One bar group (or point, or rectangle): a classification node, a column, a project.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Item {
    /// Stable key: a code (`208`, `20805`), a column or row name, a project id (`P01`).
    pub key: String,
    /// The Chinese name as printed (for a code: the first name any of tables 02, 03, 05
    /// prints for it, else the standard 类 name, else the code).
    pub label: String,
    /// The English name when known (standard classes, lines and columns); `None` for a
    /// document's own names.
    #[serde(default)]
    pub label_en: Option<String>,
    /// The classification code when the item is a class (`208`, `30101`).
    #[serde(default)]
    pub code: Option<String>,
    /// One value per series; `None` where the document leaves the cell blank.
    pub values: Vec<Option<Decimal>>,
    /// Budget execution charts (`execution`, `sangong`): the completion rate in per cent,
    /// as printed when the document prints it, else the last series over the first.
    #[serde(default, with = "rust_decimal::serde::str_option")]
    pub rate: Option<Decimal>,
    /// The next level of a drill-down (类 → 款 → 项, 人员经费 → 类 → 款).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Item>,
}

impl Item {
    /// The name to show in `lang`: the English name when asked for and known.
    pub fn name(&self, en: bool) -> &str {
        match (&self.label_en, en) {
            (Some(e), true) => e,
            _ => &self.label,
        }
    }
}

fn label(zh: &str, en: &str) -> Label {
    Label { zh: zh.into(), en: en.into() }
}

/// An item named by a standard line or column (its English name looked up).
fn item(key: &str, label: &str, values: Vec<Option<Decimal>>) -> Item {
    Item {
        key: key.into(),
        label: label.into(),
        label_en: standard_en(label).map(str::to_string),
        code: None,
        values,
        rate: None,
        children: Vec::new(),
    }
}

/// An item for a classification code, named `label` as printed.
fn coded(code: &str, label: &str, values: Vec<Option<Decimal>>) -> Item {
    Item {
        key: code.into(),
        label: label.into(),
        label_en: class_en(code).map(str::to_string),
        code: Some(code.into()),
        values,
        rate: None,
        children: Vec::new(),
    }
}

/// A document's own name (a project): no English name.
fn named(key: &str, label: &str, values: Vec<Option<Decimal>>) -> Item {
    Item { label_en: None, ..item(key, label, values) }
}

/// `part` over `whole` in per cent, exactly; `None` for a zero whole or an overflow.
pub fn percent(part: Decimal, whole: Decimal) -> Option<Decimal> {
    if whole.is_zero() {
        return None;
    }
    part.checked_mul(Decimal::ONE_HUNDRED)?.checked_div(whole)
}

/// A per-cent figure with `dp` decimals, half away from zero, trailing zeros kept
/// (`96.1`, `100.0`).
pub fn fixed(v: Decimal, dp: u32) -> String {
    let mut r = v.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero);
    r.rescale(dp);
    r.to_string()
}

/// The share of `part` in `whole` with one decimal (`96.1`), half away from zero, exact:
/// in integers from the decimals' digits when they fit (every amount a document prints),
/// else through `Decimal` division.
pub fn share(part: Decimal, whole: Decimal) -> Option<String> {
    if whole.is_zero() {
        return None;
    }
    // part / whole × 1000 = (mp · 10^sw · 1000) / (mw · 10^sp), in tenths of a per cent
    let exact = || -> Option<i128> {
        let ten = |s: u32| 10i128.checked_pow(s);
        let num = part.mantissa().checked_mul(1000)?.checked_mul(ten(whole.scale())?)?;
        let den = whole.mantissa().checked_mul(ten(part.scale())?)?;
        let (q, r) = (num / den, num % den);
        // half away from zero: |2r| ≥ |den| rounds away
        let up = r.checked_mul(2)?.checked_abs()? >= den.checked_abs()?;
        let away = if (num < 0) != (den < 0) { -1 } else { 1 };
        Some(if up { q + away } else { q })
    };
    match exact() {
        Some(tenths) => {
            let sign = if tenths < 0 { "-" } else { "" };
            let t = tenths.unsigned_abs();
            Some(format!("{sign}{}.{}", t / 10, t % 10))
        }
        None => percent(part, whole).map(|p| fixed(p, 1)),
    }
}

/// The completion rate of `budget` by `actual` with two decimals, as documents print it.
fn completion(budget: Option<Decimal>, actual: Option<Decimal>) -> Option<Decimal> {
    let (b, a) = (budget?, actual?);
    let rate = (b > Decimal::ZERO).then(|| percent(a, b)).flatten()?;
    let mut rate = rate.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    rate.rescale(2);
    Some(rate)
}

/// `部门-年度-图表` with `/\:*?"<>|` and control characters replaced by `_`, at most 80
/// characters.
pub fn file_stem(department: Option<&str>, year: Option<u16>, title: &str) -> String {
    let year = year.map(|y| y.to_string());
    let parts: Vec<&str> =
        [department, year.as_deref(), Some(title)].into_iter().flatten().filter(|p| !p.trim().is_empty()).collect();
    parts
        .join("-")
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .take(80)
        .collect()
}

/// All charts of a report, in [`KINDS`] order. A chart whose data the document lacks is
/// still returned, with no items (drawn as "no data").
pub fn charts(r: &Report) -> Vec<Chart> {
    let names = Names::of(r);
    KINDS.iter().filter_map(|k| chart_with(r, k, &names)).collect()
}

/// One chart by kind; `None` for an unknown kind.
pub fn chart(r: &Report, kind: &str) -> Option<Chart> {
    chart_with(r, kind, &Names::of(r))
}

/// What the charts of one report share, computed once: the names the document prints for
/// function codes (the first printed in tables 02, 03 and 05, in that order, wins) and,
/// when a chart needs them, the narrative's budget statements.
struct Names<'a>(rustc_hash::FxHashMap<&'a str, &'a str>, std::cell::OnceCell<Vec<crate::check::BudgetLine>>);

impl<'a> Names<'a> {
    /// The narrative's budget-execution statements (read on first use).
    fn budget_lines(&self, r: &Report) -> &[crate::check::BudgetLine] {
        self.1.get_or_init(|| budget_lines(r))
    }

    fn of(r: &'a Report) -> Names<'a> {
        let ids = [TableId::T02, TableId::T03, TableId::T05];
        let rows = ids.iter().filter_map(|id| r.table(*id)).map(|t| t.rows.len()).max().unwrap_or(0);
        let mut map = rustc_hash::FxHashMap::with_capacity_and_hasher(rows, Default::default());
        for id in ids {
            let Some(t) = r.table(id) else { continue };
            for row in &t.rows {
                let Some(code) = row.code.as_ref().filter(|c| c.scheme == Scheme::Function) else { continue };
                if !row.name.is_empty() {
                    map.entry(code.code.as_str()).or_insert(row.name.as_str());
                }
            }
        }
        Names(map, std::cell::OnceCell::new())
    }

    /// The name printed for `code` in 02, 03 or 05, else `fallback` (the hierarchy's: its
    /// table's name or the standard 类 name), else the standard 类 name, else the code.
    fn of_code(&self, code: &str, fallback: Option<&str>) -> String {
        self.0
            .get(code)
            .copied()
            .or(fallback)
            .or_else(|| (code.len() == 3).then(|| function_class_name(code)).flatten())
            .unwrap_or(code)
            .to_string()
    }
}

fn chart_with(r: &Report, kind: &str, names: &Names) -> Option<Chart> {
    type Fill = fn(&Report, &Names, &mut Chart);
    let (title_zh, title_en, fill): (&str, &str, Fill) = match kind {
        "function" => ("支出功能分类结构（类→款→项）", "Expenditure by function (class → section → item)", function),
        "basic-project" => {
            ("基本支出与项目支出", "Basic vs project expenditure", |r, _, c| basic_project(r, c))
        }
        "income" => ("收入来源", "Income sources", |r, _, c| income(r, c)),
        "economic" => {
            ("基本支出经济分类（人员经费/公用经费）", "Basic expenditure by economic class", |r, _, c| economic(r, c))
        }
        "sangong" => ("“三公”经费预算与决算", "“Three public” expenses: budget vs actual", sangong),
        "execution" => ("预算执行（预算与决算）", "Budget execution (budget vs actual)", execution),
        "performance" => (
            "项目绩效：执行率与自评得分",
            "Projects: execution rate vs self-evaluation score",
            |r, _, c| performance(r, c),
        ),
        _ => return None,
    };
    let mut c = Chart {
        kind: kind.into(),
        title_zh: title_zh.into(),
        title_en: title_en.into(),
        unit: String::new(),
        series: Vec::new(),
        items: Vec::new(),
        source_zh: String::new(),
        source_en: String::new(),
        file_stem: file_stem(r.department.as_deref(), r.year, title_zh),
        department: r.department.clone(),
        year: r.year,
    };
    fill(r, names, &mut c);
    Some(c)
}

fn from_table(c: &mut Chart, t: &Table) {
    c.unit = t.unit.as_str().into();
    c.source_zh = format!("公开{}表", t.id.code());
    c.source_en = format!("table {}", t.id.code());
}

/// The first of `ids` that is present with rows.
fn first_table<'a>(r: &'a Report, ids: &[TableId]) -> Option<&'a Table> {
    ids.iter().filter_map(|id| r.table(*id)).find(|t| !t.empty && !t.rows.is_empty())
}

fn function(r: &Report, names: &Names, c: &mut Chart) {
    let Some(t) = first_table(r, &[TableId::T03, TableId::T05, TableId::B03, TableId::B05]) else { return };
    let Some(column) = t.columns.first() else { return };
    from_table(c, t);
    c.series = vec![label(column, "total")];
    fn convert(n: &crate::model::HierarchyNode, names: &Names) -> Item {
        let mut it = coded(&n.code, &names.of_code(&n.code, n.name.as_deref()), vec![Some(n.value)]);
        it.children = n.children.iter().map(|c| convert(c, names)).collect();
        it
    }
    c.items = r.function_hierarchy(t.id, column).iter().map(|n| convert(n, names)).collect();
}

/// The 合计 row of the first present table, one item per column after `total`.
fn row_columns(r: &Report, c: &mut Chart, ids: &[TableId], total: &str) {
    let Some(t) = first_table(r, ids) else { return };
    let Some(sum) = t.row("合计") else { return };
    from_table(c, t);
    c.series = vec![if t.id.is_budget() { label("预算数", "budget") } else { label("决算数", "actual") }];
    c.items = t
        .columns
        .iter()
        .filter(|col| col.as_str() != total)
        .filter_map(|col| sum.value(col).map(|v| item(col, col, vec![Some(v)])))
        .collect();
}

fn basic_project(r: &Report, c: &mut Chart) {
    row_columns(r, c, &[TableId::T03, TableId::T05], "本年支出合计");
    if c.items.is_empty() {
        row_columns(r, c, &[TableId::B03, TableId::B05], "合计");
    }
}

fn income(r: &Report, c: &mut Chart) {
    row_columns(r, c, &[TableId::T02], "本年收入合计");
    if c.items.is_empty() {
        row_columns(r, c, &[TableId::B02], "合计");
    }
    if !c.items.is_empty() {
        return;
    }
    // no 02: the income lines of 01
    let Some(t) = first_table(r, &[TableId::T01]) else { return };
    from_table(c, t);
    c.series = vec![label("决算数", "actual")];
    c.items = crate::reference::INCOME_LINES_01
        .iter()
        .filter_map(|name| {
            let row = t.row(name)?;
            let v = row.cells.first()?.value;
            Some(item(name, name, vec![Some(v)]))
        })
        .collect();
}

fn economic(r: &Report, c: &mut Chart) {
    let Some(t) = first_table(r, &[TableId::T06, TableId::B06]) else { return };
    let Some(column) = t.columns.first().cloned() else { return };
    from_table(c, t);
    c.series = vec![label(&column, "actual")];
    // 经济分类 类 rows with their 款 rows as children
    let mut classes: Vec<Item> = Vec::new();
    for row in &t.rows {
        let Some(code) = row.code.as_ref().filter(|c| c.scheme == Scheme::Economic) else { continue };
        let v = row.value(&column);
        if code.code.len() == 3 {
            classes.push(coded(&code.code, &row.name, vec![v]));
        } else if let Some(parent) = classes.iter_mut().rev().find(|p| code.code.starts_with(&p.key)) {
            if v.is_some() {
                parent.children.push(coded(&code.code, &row.name, vec![v]));
            }
        }
    }
    classes.retain(|c| c.values[0].is_some() || !c.children.is_empty());
    // 人员经费 = 工资福利支出 + 对个人和家庭的补助; 公用经费 = the other classes
    let (personnel, public): (Vec<Item>, Vec<Item>) =
        classes.into_iter().partition(|c| c.key == "301" || c.key == "303");
    let group = |key: &str, children: Vec<Item>| -> Option<Item> {
        let printed = t.value(&format!("{key}合计"), &column);
        let sum = children.iter().filter_map(|c| c.values[0]).try_fold(Decimal::ZERO, |a, v| a.checked_add(v));
        if printed.is_none() && children.is_empty() {
            return None;
        }
        let mut it = item(key, key, vec![printed.or(sum)]);
        it.children = children;
        Some(it)
    };
    c.items = [group("人员经费", personnel), group("公用经费", public)].into_iter().flatten().collect();
}

/// Names of budget columns a table may carry beside its 决算数.
fn is_budget_column(col: &str) -> bool {
    ["年初预算", "调整预算", "全年预算", "预算数"].iter().any(|b| col.contains(b)) && !col.contains("决算")
}

fn is_actual_column(col: &str) -> bool {
    col.contains("决算") || col == "本年支出合计"
}

/// The statements of the narrative about one class each (the one about the whole would
/// dwarf them), else about the whole; `keep` selects which statements count.
fn narrative_lines(
    lines: &[crate::check::BudgetLine],
    c: &mut Chart,
    keep: impl Fn(&str) -> bool,
    whole: impl Fn(&str) -> bool,
) {
    let lines: Vec<_> = lines.iter().filter(|l| keep(&l.name)).collect();
    let Some(first) = lines.first() else { return };
    let unit = first.unit;
    c.unit = unit.as_str().into();
    c.source_zh = "决算情况说明".into();
    c.source_en = "narrative".into();
    c.series = vec![label("年初预算", "initial budget"), label("支出决算", "actual")];
    let to_item = |l: &crate::check::BudgetLine| {
        let (code, _) = function_class_by_name(&l.name).unzip();
        let mut it = match code {
            Some(code) => Item { key: l.name.clone(), ..coded(code, &l.name, Vec::new()) },
            None => item(&l.name, &l.name, Vec::new()),
        };
        it.values = vec![Some(l.initial), Some(l.actual)];
        it.rate = l.rate.or_else(|| completion(Some(l.initial), Some(l.actual)));
        it
    };
    let same_unit = lines.iter().copied().filter(|l| l.unit == unit);
    c.items = same_unit.clone().filter(|l| !whole(&l.name)).map(to_item).collect();
    if c.items.is_empty() {
        c.items = same_unit.map(to_item).collect();
    }
}

fn sangong(r: &Report, names: &Names, c: &mut Chart) {
    let Some(t) = first_table(r, &[TableId::T07, TableId::B07]) else {
        // 07 absent or printed empty: what the narrative states
        narrative_lines(names.budget_lines(r), c, |n| n.contains("三公"), |_| false);
        return;
    };
    from_table(c, t);
    c.series = t
        .columns
        .iter()
        .map(|col| {
            let en = if is_budget_column(col) { "budget" } else { "actual" };
            label(col, en)
        })
        .collect();
    let budget = t.columns.iter().position(|c| is_budget_column(c));
    let actual = t.columns.iter().rposition(|c| is_actual_column(c));
    if let (Some(b), Some(a)) = (budget, actual) {
        c.source_zh = format!("公开07表（{}、{}）", t.columns[b], t.columns[a]);
        c.source_en = "table 07 (budget and actual columns)".into();
    }
    let values = |row: &crate::model::Row| t.columns.iter().map(|col| row.value(col)).collect::<Vec<_>>();
    let mut items: Vec<Item> = Vec::new();
    for row in t.rows.iter().filter(|r| r.name != "合计") {
        let mut it = item(&row.name, &row.name, values(row));
        if let (Some(b), Some(a)) = (budget, actual) {
            it.rate = completion(it.values[b], it.values[a]);
        }
        // 公务用车购置费 and 公务用车运行维护费 are parts of 公务用车购置及运行维护费
        match items.iter_mut().find(|p| p.key == "公务用车购置及运行维护费") {
            Some(parent) if row.name.starts_with("公务用车") => parent.children.push(it),
            _ => items.push(it),
        }
    }
    c.items = items;
}

/// Budget against actual by class: from a function-coded table that carries a budget
/// column beside its actual one (05, else 03), else from the narrative's statements.
fn execution(r: &Report, names: &Names, c: &mut Chart) {
    for id in [TableId::T05, TableId::T03] {
        let Some(t) = first_table(r, &[id]) else { continue };
        let Some(budget) = t.columns.iter().find(|c| is_budget_column(c)) else { continue };
        let Some(actual) = t.columns.iter().find(|c| is_actual_column(c)) else { continue };
        let budgets = r.function_hierarchy(id, budget);
        let actuals = r.function_hierarchy(id, actual);
        from_table(c, t);
        c.source_zh = format!("公开{}表（{budget}、{actual}）", id.code());
        c.source_en = format!("table {} (budget and actual columns)", id.code());
        c.series = vec![label(budget, "budget"), label(actual, "actual")];
        c.items = actuals
            .iter()
            .map(|a| {
                let b = budgets.iter().find(|b| b.code == a.code).map(|b| b.value);
                let mut it = coded(&a.code, &names.of_code(&a.code, a.name.as_deref()), vec![b, Some(a.value)]);
                it.rate = completion(b, Some(a.value));
                it
            })
            .collect();
        return;
    }
    narrative_lines(names.budget_lines(r), c, |n| !n.contains("三公"), |n| n.contains("财政拨款"));
}

fn performance(r: &Report, c: &mut Chart) {
    c.unit = "%".into();
    c.source_zh = "项目支出绩效自评表".into();
    c.source_en = "performance self-evaluations".into();
    c.series = vec![label("执行率（%）", "execution rate (%)"), label("自评得分", "score")];
    c.items = r
        .performance
        .iter()
        .map(|p| {
            let rate = p.funds.first().and_then(|f| f.value("执行率"));
            named(&p.id, &p.project, vec![rate, p.total.map(|t| t.1)])
        })
        .collect();
}

/// How to draw: language, theme, drill-down path, size, mode.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct DrawOptions {
    /// `zh` or `en`.
    pub lang: String,
    /// `light` or `dark`.
    pub theme: String,
    /// Item keys from the top to the level shown (`["208", "20805"]`).
    pub path: Vec<String>,
    /// Width in CSS pixels.
    pub width: u32,
    /// Device pixels per CSS pixel.
    pub scale: f64,
    /// Draw the title (a page that prints it beside the canvas leaves it out; downloads
    /// keep it).
    pub title: bool,
    /// `bars` (the default) or `treemap` (the level's items as a squarified treemap; the
    /// performance chart is a scatter in either mode).
    pub mode: String,
    /// Draw the title and, at the foot, the department and year: the image stands on its
    /// own (downloads). Off, the drawing is as `title` says.
    pub caption: bool,
}

impl Default for DrawOptions {
    fn default() -> Self {
        DrawOptions {
            lang: "zh".into(),
            theme: "light".into(),
            path: Vec::new(),
            width: 720,
            scale: 1.0,
            title: true,
            mode: "bars".into(),
            caption: false,
        }
    }
}

/// A region of the drawing a pointer can hit, in device pixels, with what a tooltip says.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub key: String,
    /// The item has children: a click drills down.
    pub drill: bool,
    pub x: i32,
    pub y: i32,
    pub w: i32,
    pub h: i32,
    /// The Chinese name as printed.
    pub label: String,
    pub label_en: Option<String>,
    pub code: Option<String>,
    /// The first series' value as printed (`382565750.47`); empty where the cell is blank.
    pub amount: String,
    /// Its share of the level's total with one decimal (`93.5`, no sign); `None` where
    /// there is no total (blank, zero, the performance chart).
    pub share: Option<String>,
}

/// What drawing returns: the hit regions, the items of the level drawn (for the chart's
/// data table) and the level's total of the first series.
#[derive(Debug, Clone, Serialize)]
pub struct Drawn<'a> {
    pub hits: Vec<Hit>,
    pub items: &'a [Item],
    /// The sum of the first series over the level's items, as a decimal string; `None`
    /// when no item has a value (or for the performance chart, whose rates do not add).
    pub total: Option<String>,
}

/// The items shown at `path` and the items passed on the way there.
pub fn level<'a>(chart: &'a Chart, path: &[String]) -> (&'a [Item], Vec<&'a Item>) {
    let mut items: &[Item] = &chart.items;
    let mut trail = Vec::new();
    for key in path {
        match items.iter().find(|i| &i.key == key && !i.children.is_empty()) {
            Some(it) => {
                trail.push(it);
                items = &it.children;
            }
            None => break,
        }
    }
    (items, trail)
}

/// The sum of the first series over `items`; `None` when none has a value, when the sum
/// overflows, or for the performance chart.
pub fn level_total(chart: &Chart, items: &[Item]) -> Option<Decimal> {
    if chart.kind == "performance" {
        return None;
    }
    let mut values = items.iter().filter_map(|i| i.values.first().copied().flatten()).peekable();
    values.peek()?;
    values.try_fold(Decimal::ZERO, |a, v| a.checked_add(v))
}

pub use crate::text::group_digits;

// Geometry, in CSS pixels before scaling.
const PAD: f64 = 8.0;
const TITLE: f64 = 16.0;
const BODY: f64 = 13.0;
const LEGEND: f64 = 20.0;
const FOOT: f64 = BODY + 8.0;

/// Width of `s` at font size `size`: CJK and full-width characters one em, others about
/// 0.6 em. The same estimate on every backend, so layouts are reproducible.
pub fn text_width(s: &str, size: f64) -> f64 {
    s.chars().map(|c| if (c as u32) >= 0x2E80 { 1.0 } else { 0.6 }).sum::<f64>() * size
}

/// `s` cut to fit `width` at `size`, with an ellipsis when cut.
fn fit(s: &str, width: f64, size: f64) -> String {
    if text_width(s, size) <= width + 0.5 {
        return s.to_string();
    }
    let mut out = String::new();
    for ch in s.chars() {
        out.push(ch);
        if text_width(&out, size) + size > width {
            out.pop();
            out.push('…');
            return out;
        }
    }
    out
}

fn row_height(series: usize) -> f64 {
    if series <= 1 {
        24.0
    } else {
        12.0 * series as f64 + 12.0
    }
}

/// Below this width (CSS pixels) a bar chart prints each name on its own line above the
/// bars, so that names and figures both keep the whole width.
const NARROW: f64 = 440.0;

fn narrow(width: f64) -> bool {
    width < NARROW - 0.5
}

/// The line a name takes above its bars in a narrow drawing.
const NAME_LINE: f64 = BODY + 5.0;

fn bar_row_height(series: usize, narrow: bool) -> f64 {
    row_height(series) + if narrow { NAME_LINE } else { 0.0 }
}

fn treemap_mode(chart: &Chart, opts: &DrawOptions) -> bool {
    opts.mode == "treemap" && chart.kind != "performance"
}

/// Where the plot starts: below the title (if drawn) and the unit/source line.
fn head(opts: &DrawOptions) -> f64 {
    let title = if opts.title || opts.caption { TITLE + 8.0 } else { 0.0 };
    PAD + title + BODY + 14.0
}

/// The caption's line at the foot: the department and year (downloads).
fn caption_line(chart: &Chart, opts: &DrawOptions) -> Option<String> {
    if !opts.caption {
        return None;
    }
    let year = chart.year.map(|y| if opts.lang == "en" { format!("FY {y}") } else { format!("{y}年度") });
    let parts: Vec<String> = [chart.department.clone(), year].into_iter().flatten().collect();
    (!parts.is_empty()).then(|| parts.join(" · "))
}

fn foot(chart: &Chart, opts: &DrawOptions) -> f64 {
    if caption_line(chart, opts).is_some() {
        FOOT
    } else {
        0.0
    }
}

/// The height in device pixels the chart needs at `opts` (the width is given).
pub fn height(chart: &Chart, opts: &DrawOptions) -> u32 {
    let css = if chart.items.is_empty() {
        head(opts) + BODY + 16.0
    } else if chart.kind == "performance" {
        (opts.width as f64 * 0.62).clamp(260.0, 440.0)
    } else if treemap_mode(chart, opts) {
        let (items, _) = level(chart, &opts.path);
        let note = if treemap::left_out(items) > 0 { FOOT } else { 0.0 };
        head(opts) + treemap::plot_height(opts.width as f64) + note + PAD
    } else {
        let (items, _) = level(chart, &opts.path);
        let legend = if chart.series.len() > 1 { LEGEND } else { 0.0 };
        let row = bar_row_height(chart.series.len(), narrow(opts.width as f64));
        head(opts) + legend + row * items.len().max(1) as f64 + PAD
    };
    ((css + foot(chart, opts)) * opts.scale.max(0.1)).round() as u32
}

struct Palette {
    background: RGBColor,
    text: RGBColor,
    muted: RGBColor,
    grid: RGBColor,
    stripe: RGBColor,
    series: [RGBColor; 3],
}

fn palette(theme: &str) -> Palette {
    if theme == "dark" {
        Palette {
            background: RGBColor(0x1d, 0x20, 0x24),
            text: RGBColor(0xee, 0xee, 0xee),
            muted: RGBColor(0xaa, 0xb0, 0xb8),
            grid: RGBColor(0x3a, 0x40, 0x48),
            stripe: RGBColor(0x25, 0x29, 0x2e),
            series: [RGBColor(0x5b, 0x9b, 0xe6), RGBColor(0xf0, 0xa2, 0x3b), RGBColor(0x5c, 0xc2, 0x7e)],
        }
    } else {
        Palette {
            background: RGBColor(0xff, 0xff, 0xff),
            text: RGBColor(0x22, 0x22, 0x22),
            muted: RGBColor(0x5f, 0x66, 0x6d),
            grid: RGBColor(0xdd, 0xdd, 0xdd),
            stripe: RGBColor(0xf4, 0xf6, 0xf8),
            series: [RGBColor(0x2f, 0x6d, 0xb5), RGBColor(0xd9, 0x7a, 0x0e), RGBColor(0x2e, 0x8b, 0x57)],
        }
    }
}

/// Draws `chart` onto `backend` (whose size is the drawing's) and returns the hit regions,
/// the level's items and its total. Font sizes are given to the backend in pixels, as the
/// canvas takes them.
pub fn draw<'a, DB: DrawingBackend>(backend: DB, chart: &'a Chart, opts: &DrawOptions) -> Result<Drawn<'a>, String> {
    draw_scaled(backend, chart, opts, 1.0)
}

/// [`draw`] with the factor a backend divides font sizes by (plotters' SVG backend: 1.24).
/// The drawing is composed once, backend-independent, as a list of shapes ([`Op`]), then
/// replayed onto the backend: one copy of the layout code serves the canvas and SVG.
fn draw_scaled<'a, DB: DrawingBackend>(
    backend: DB,
    chart: &'a Chart,
    opts: &DrawOptions,
    font_factor: f64,
) -> Result<Drawn<'a>, String> {
    let root = backend.into_drawing_area();
    let (ops, drawn) = compose(chart, opts, root.dim_in_pixel(), font_factor);
    replay(&root, &ops)?;
    root.present().map_err(|e| e.to_string())?;
    Ok(drawn)
}

/// One shape of a drawing, in device pixels.
enum Op {
    Fill(RGBColor),
    Text { s: String, x: i32, y: i32, size: f64, color: RGBColor, h: HPos },
    Rect { x0: i32, y0: i32, x1: i32, y1: i32, color: RGBColor },
    Line { x0: i32, y0: i32, x1: i32, y1: i32, color: RGBColor },
    Dot { x: i32, y: i32, r: i32, color: RGBColor, alpha: f64 },
}

/// Draws the shapes onto a backend.
fn replay<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, ops: &[Op]) -> Result<(), String> {
    let e = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    for op in ops {
        match op {
            Op::Fill(c) => root.fill(c).map_err(e)?,
            Op::Text { s, x, y, size, color, h } => {
                let style = ("sans-serif", *size).into_font().color(color).pos(Pos::new(*h, VPos::Top));
                root.draw(&Text::new(s.as_str(), (*x, *y), style)).map_err(e)?
            }
            Op::Rect { x0, y0, x1, y1, color } => {
                root.draw(&Rectangle::new([(*x0, *y0), (*x1, *y1)], color.filled())).map_err(e)?
            }
            Op::Line { x0, y0, x1, y1, color } => {
                root.draw(&PathElement::new(vec![(*x0, *y0), (*x1, *y1)], *color)).map_err(e)?
            }
            Op::Dot { x, y, r, color, alpha } => {
                root.draw(&Circle::new((*x, *y), *r, color.mix(*alpha).filled())).map_err(e)?
            }
        }
    }
    Ok(())
}

/// The shapes of `chart` on a drawing of `dim` device pixels, and what drawing returns.
fn compose<'a>(chart: &'a Chart, opts: &DrawOptions, dim: (u32, u32), font_factor: f64) -> (Vec<Op>, Drawn<'a>) {
    let p = palette(&opts.theme);
    let mut pen = Pen { ops: vec![Op::Fill(p.background)], scale: opts.scale.max(0.1), font_factor, p: &p };
    let en = opts.lang == "en";
    let width = dim.0 as f64 / pen.scale;
    let full_height = dim.1 as f64 / pen.scale;
    let title = if en { &chart.title_en } else { &chart.title_zh };
    let top = head(opts);
    if opts.title || opts.caption {
        pen.text(&fit(title, width - 2.0 * PAD, TITLE), PAD, PAD, TITLE, p.text, HPos::Left);
    }
    let (items, trail) = level(chart, &opts.path);
    let total = level_total(chart, items);
    let mut sub = match (chart.unit.is_empty(), en) {
        (true, _) => String::new(),
        (false, true) => format!("Unit: {} · Source: {}", unit_en(&chart.unit), chart.source_en),
        (false, false) => format!("单位：{} · 来源：{}", chart.unit, chart.source_zh),
    };
    if !trail.is_empty() {
        let names: Vec<&str> = trail.iter().map(|i| i.name(en)).collect();
        sub = format!("{sub} · {}", names.join(" › "));
    }
    pen.text(&fit(&sub, width - 2.0 * PAD, BODY), PAD, top - BODY - 10.0, BODY, p.muted, HPos::Left);
    let foot_h = foot(chart, opts);
    if let Some(line) = caption_line(chart, opts) {
        let y = full_height - foot_h + 2.0;
        pen.text(&fit(&line, width - 2.0 * PAD, BODY - 1.0), PAD, y, BODY - 1.0, p.muted, HPos::Left);
    }
    let drawn = |hits| Drawn { hits, items, total: total.map(|t| t.to_string()) };
    if chart.items.is_empty() {
        let none = if en { "No data in this document" } else { "本文件无此项数据" };
        pen.text(none, PAD, top + 4.0, BODY, p.muted, HPos::Left);
        return (pen.ops, drawn(Vec::new()));
    }
    let bottom = full_height - foot_h;
    let hits = if chart.kind == "performance" {
        scatter(&mut pen, chart, items, top, width, bottom, en)
    } else if treemap_mode(chart, opts) {
        treemap::draw(
            &mut pen,
            items,
            total,
            treemap::Area { x: PAD, y: top, w: width - 2.0 * PAD, h: treemap::plot_height(width) },
            &opts.theme,
            en,
        )
    } else {
        bars(&mut pen, chart, items, total, top, width, en)
    };
    (pen.ops, drawn(hits))
}

fn unit_en(unit: &str) -> &str {
    match unit {
        "元" => "yuan",
        "万元" => "10,000 yuan",
        other => other,
    }
}

/// `s` without what no text drawing shows and XML 1.0 does not allow at all (control
/// characters, U+FFFE, U+FFFF): every SVG is well-formed whatever a document's names hold
/// (plotters escapes `<`, `&`, `>` and quotes).
fn drawable(s: &str) -> String {
    s.chars().filter(|&c| !c.is_control() && c != '\u{FFFE}' && c != '\u{FFFF}').collect()
}

/// Drawing in CSS pixels on a scaled area: the shapes in device pixels.
struct Pen<'a> {
    ops: Vec<Op>,
    scale: f64,
    font_factor: f64,
    p: &'a Palette,
}

impl Pen<'_> {
    fn at(&self, v: f64) -> i32 {
        (v * self.scale).round() as i32
    }

    fn text(&mut self, s: &str, x: f64, y: f64, size: f64, color: RGBColor, h: HPos) {
        let (x, y, size) = (self.at(x), self.at(y), size * self.scale * self.font_factor);
        self.ops.push(Op::Text { s: drawable(s), x, y, size, color, h });
    }

    fn rect(&mut self, x0: f64, y0: f64, x1: f64, y1: f64, color: RGBColor) {
        let (x0, y0, x1, y1) = (self.at(x0), self.at(y0), self.at(x1), self.at(y1));
        self.ops.push(Op::Rect { x0, y0, x1, y1, color });
    }

    fn line(&mut self, x0: f64, y0: f64, x1: f64, y1: f64, color: RGBColor) {
        let (x0, y0, x1, y1) = (self.at(x0), self.at(y0), self.at(x1), self.at(y1));
        self.ops.push(Op::Line { x0, y0, x1, y1, color });
    }

    fn dot(&mut self, x: f64, y: f64, r: f64, color: RGBColor, alpha: f64) {
        let (x, y, r) = (self.at(x), self.at(y), self.at(r));
        self.ops.push(Op::Dot { x, y, r, color, alpha });
    }

    /// The hit region of `it` over the CSS-pixel box, with what its tooltip says.
    fn hit(&self, it: &Item, total: Option<Decimal>, (x0, y0, x1, y1): (f64, f64, f64, f64)) -> Hit {
        let (x, y) = (self.at(x0), self.at(y0));
        let amount = it.values.first().copied().flatten();
        Hit {
            key: it.key.clone(),
            drill: !it.children.is_empty(),
            x,
            y,
            w: self.at(x1) - x,
            h: self.at(y1) - y,
            label: it.label.clone(),
            label_en: it.label_en.clone(),
            code: it.code.clone(),
            amount: amount.map(|v| v.to_string()).unwrap_or_default(),
            share: amount.zip(total).and_then(|(v, t)| share(v, t)),
        }
    }
}

fn to_f64(v: Decimal) -> f64 {
    // pixel geometry only: a bar's length, never a printed figure
    use rust_decimal::prelude::ToPrimitive;
    v.to_f64().unwrap_or(0.0)
}

fn legend(pen: &mut Pen<'_>, series: &[Label], y: f64, en: bool) {
    let mut x = PAD;
    for (k, s) in series.iter().enumerate() {
        let name = if en { &s.en } else { &s.zh };
        let color = pen.p.series[k % 3];
        pen.rect(x, y + 2.0, x + 10.0, y + 12.0, color);
        pen.text(name, x + 14.0, y, BODY, pen.p.text, HPos::Left);
        x += 14.0 + text_width(name, BODY) + 16.0;
    }
}

/// The figure printed after a bar: the amount, and after the last series the completion
/// rate where the item has one (`380,428,984.11 · 168.73%`).
fn value_text(it: &Item, k: usize, n: usize) -> Option<String> {
    let v = it.values.get(k).copied().flatten()?;
    Some(match it.rate {
        Some(rate) if k + 1 == n => format!("{} · {rate}%", group_digits(v)),
        _ => group_digits(v),
    })
}

fn bars(
    pen: &mut Pen<'_>,
    chart: &Chart,
    items: &[Item],
    total: Option<Decimal>,
    mut top: f64,
    width: f64,
    en: bool,
) -> Vec<Hit> {
    let n = chart.series.len().max(1);
    if n > 1 {
        legend(pen, &chart.series, top - 6.0, en);
        top += LEGEND;
    }
    let marker = |it: &Item| if it.children.is_empty() { String::new() } else { " ›".to_string() };
    let size = BODY - 1.0;
    let narrow = narrow(width);
    // the figures keep their room (they are never cut); the names take what is left, at
    // most 38 % of the width (a narrow drawing gives them a line of their own)
    let texts: Vec<Vec<Option<String>>> =
        items.iter().map(|it| (0..n).map(|k| value_text(it, k, n)).collect()).collect();
    let value_w = texts.iter().flatten().flatten().map(|t| text_width(t, size)).fold(30.0, f64::max) + PAD;
    let label_w = if narrow {
        width - 2.0 * PAD
    } else {
        items
            .iter()
            .map(|it| text_width(&format!("{}{}", it.name(en), marker(it)), BODY))
            .fold(60.0, f64::max)
            .min(width * 0.38)
            .min(width - 2.0 * PAD - value_w - 40.0)
            .max(BODY * 2.0)
            + PAD
    };
    let x0 = if narrow { PAD } else { PAD + label_w };
    let span = (width - PAD - value_w - x0).max(10.0);
    let max = items.iter().flat_map(|it| it.values.iter().flatten()).copied().filter(|v| v.is_sign_positive()).max();
    let max = max.filter(|m| !m.is_zero()).unwrap_or(Decimal::ONE);
    let row_h = bar_row_height(n, narrow);
    let bar_h = if n == 1 { 14.0 } else { 10.0 };
    let mut hits = Vec::new();
    for (i, it) in items.iter().enumerate() {
        let y = top + row_h * i as f64;
        if i % 2 == 1 {
            pen.rect(0.0, y, width, y + row_h, pen.p.stripe);
        }
        let room = if narrow { label_w } else { label_w - PAD };
        let name = fit(it.name(en), room - text_width(&marker(it), BODY), BODY) + &marker(it);
        let (name_y, bars_y) = if narrow { (y + 4.0, y + NAME_LINE) } else { (y + (row_h - BODY) / 2.0 - 1.0, y) };
        pen.text(&name, PAD, name_y, BODY, pen.p.text, HPos::Left);
        for (k, (v, text)) in it.values.iter().zip(&texts[i]).enumerate() {
            let by = bars_y + 6.0 + k as f64 * 12.0;
            let (Some(v), Some(text)) = (v, text) else { continue };
            let len =
                if v.is_sign_positive() { span * v.checked_div(max).map_or(1.0, to_f64).clamp(0.0, 1.0) } else { 0.0 };
            pen.rect(x0, by, x0 + len.max(1.0), by + bar_h, pen.p.series[k % 3]);
            pen.text(text, x0 + len + 4.0, by + (bar_h - size) / 2.0 - 1.0, size, pen.p.muted, HPos::Left);
        }
        hits.push(pen.hit(it, total, (0.0, y, width, y + row_h)));
    }
    if !narrow {
        pen.line(x0, top, x0, top + row_h * items.len() as f64, pen.p.muted);
    }
    hits
}

fn scatter(pen: &mut Pen<'_>, chart: &Chart, items: &[Item], top: f64, width: f64, height: f64, en: bool) -> Vec<Hit> {
    let (left, right, top, bottom) = (44.0, width - 36.0, top + 16.0, height - 36.0);
    let hundred = Decimal::ONE_HUNDRED;
    let x_max = items.iter().filter_map(|i| i.values.first().copied().flatten()).max().unwrap_or(hundred).max(hundred);
    // round the x range up to a multiple of 20, or of 200, 2,000… so that at most ten
    // ticks are drawn (a rate of millions of per cent once drew a tick every 20)
    let mut step = Decimal::from(20);
    while (x_max / step).ceil() > Decimal::TEN {
        match step.checked_mul(Decimal::TEN) {
            Some(s) => step = s,
            None => break,
        }
    }
    let x_max = (x_max / step).ceil().checked_mul(step).unwrap_or(x_max);
    let x_of = |v: Decimal| left + (right - left) * to_f64(v / x_max).clamp(0.0, 1.0);
    let y_of = |v: Decimal| bottom - (bottom - top) * to_f64(v / hundred).clamp(0.0, 1.0);
    let mut tick = Decimal::ZERO;
    while tick <= x_max {
        let x = x_of(tick);
        pen.line(x, top, x, bottom, pen.p.grid);
        pen.text(&tick.to_string(), x, bottom + 4.0, BODY - 1.0, pen.p.muted, HPos::Center);
        let Some(next) = tick.checked_add(step) else { break };
        tick = next;
    }
    let mut tick = Decimal::ZERO;
    while tick <= hundred {
        let y = y_of(tick);
        pen.line(left, y, right, y, pen.p.grid);
        pen.text(&tick.to_string(), left - 4.0, y - 6.0, BODY - 1.0, pen.p.muted, HPos::Right);
        tick += step;
    }
    let axis = |k: usize| chart.series.get(k).map(|s| if en { s.en.clone() } else { s.zh.clone() }).unwrap_or_default();
    pen.text(&axis(0), right, bottom + 18.0, BODY - 1.0, pen.p.text, HPos::Right);
    pen.text(&axis(1), left, top - 14.0, BODY - 1.0, pen.p.text, HPos::Left);
    let mut hits = Vec::new();
    // a point's key is printed beside it unless it would overlap a key already printed
    let mut labels: Vec<(f64, f64, f64, f64)> = Vec::new();
    let size = BODY - 3.0;
    for it in items {
        let (Some(Some(rate)), Some(Some(score))) = (it.values.first(), it.values.get(1)) else { continue };
        let (x, y) = (x_of(*rate), y_of(*score));
        pen.dot(x, y, 4.0, pen.p.series[0], 0.8);
        let b = (x + 5.0, y - 13.0, x + 5.0 + text_width(&it.key, size), y - 13.0 + size);
        if !labels.iter().any(|l| b.0 < l.2 && l.0 < b.2 && b.1 < l.3 && l.1 < b.3) {
            pen.text(&it.key, b.0, b.1, size, pen.p.muted, HPos::Left);
            labels.push(b);
        }
        hits.push(pen.hit(it, None, (x - 6.0, y - 6.0, x + 6.0, y + 6.0)));
    }
    hits
}

/// The chart as an SVG document: well-formed XML whatever the names hold (text escaped by
/// plotters, control characters dropped by `drawable`).
pub fn svg(chart: &Chart, opts: &DrawOptions) -> Result<String, String> {
    let mut out = String::new();
    let size = ((opts.width as f64 * opts.scale).round() as u32, height(chart, opts));
    draw_scaled(SVGBackend::with_string(&mut out, size), chart, opts, 1.24)?;
    Ok(out)
}
