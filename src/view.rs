//! The view: what the page shows, derived from the typed report. Owns the chart specs
//! (kind, title, unit, series, items with drill-down children, all amounts as `Decimal`)
//! and their rendering through plotters onto any drawing backend: SVG here (snapshots,
//! downloads, the command line) and the HTML canvas in the browser (`src/wasm.rs` passes
//! a `plotters-canvas` backend). Only pixel geometry is computed in floating point; every
//! printed figure is formatted from the `Decimal`.
//!
//! Knows nothing of wasm or the DOM: a chart is drawn onto a `DrawingBackend` and returns
//! the boxes a pointer can hit (the page maps a click to a drill-down).

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::check::budget_lines;
use crate::model::{Report, Scheme, Table, TableId};

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
    /// Where the figures come from (`公开03表`, `决算情况说明`).
    pub source_zh: String,
    pub source_en: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Label {
    pub zh: String,
    pub en: String,
}

/// One bar group (or point): a classification node, a column, a project.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Item {
    /// Stable key: a code (`208`, `20805`), a column or row name, a project id (`P01`).
    pub key: String,
    pub label: String,
    /// One value per series; `None` where the document leaves the cell blank.
    pub values: Vec<Option<Decimal>>,
    /// The next level of a drill-down (类 → 款 → 项, 人员经费 → 类 → 款).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Item>,
}

fn label(zh: &str, en: &str) -> Label {
    Label { zh: zh.into(), en: en.into() }
}

fn item(key: &str, label: &str, values: Vec<Option<Decimal>>) -> Item {
    Item { key: key.into(), label: label.into(), values, children: Vec::new() }
}

/// All charts of a report, in [`KINDS`] order. A chart whose data the document lacks is
/// still returned, with no items (drawn as "no data").
pub fn charts(r: &Report) -> Vec<Chart> {
    KINDS.iter().filter_map(|k| chart(r, k)).collect()
}

/// One chart by kind; `None` for an unknown kind.
pub fn chart(r: &Report, kind: &str) -> Option<Chart> {
    type Fill = fn(&Report, &mut Chart);
    let (title_zh, title_en, fill): (&str, &str, Fill) = match kind {
        "function" => ("支出功能分类结构（类→款→项）", "Expenditure by function (class → section → item)", function),
        "basic-project" => ("基本支出与项目支出", "Basic vs project expenditure", basic_project),
        "income" => ("收入来源", "Income sources", income),
        "economic" => ("基本支出经济分类（人员经费/公用经费）", "Basic expenditure by economic class", economic),
        "sangong" => ("“三公”经费预算与决算", "“Three public” expenses: budget vs actual", sangong),
        "execution" => ("预算执行（年初预算与决算）", "Budget execution (initial budget vs actual)", execution),
        "performance" => {
            ("项目绩效：执行率与自评得分", "Projects: execution rate vs self-evaluation score", performance)
        }
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
    };
    fill(r, &mut c);
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

fn function(r: &Report, c: &mut Chart) {
    let Some(t) = first_table(r, &[TableId::T03, TableId::T05, TableId::B03, TableId::B05]) else { return };
    let Some(column) = t.columns.first() else { return };
    from_table(c, t);
    c.series = vec![label(column, "total")];
    fn convert(n: &crate::model::HierarchyNode) -> Item {
        let mut it = item(&n.code, n.name.as_deref().unwrap_or(&n.code), vec![Some(n.value)]);
        it.children = n.children.iter().map(convert).collect();
        it
    }
    c.items = r.function_hierarchy(t.id, column).iter().map(convert).collect();
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
            classes.push(item(&code.code, &row.name, vec![v]));
        } else if let Some(parent) = classes.iter_mut().rev().find(|p| code.code.starts_with(&p.key)) {
            if v.is_some() {
                parent.children.push(item(&code.code, &row.name, vec![v]));
            }
        }
    }
    classes.retain(|c| c.values[0].is_some() || !c.children.is_empty());
    // 人员经费 = 工资福利支出 + 对个人和家庭的补助; 公用经费 = the other classes
    let (personnel, public): (Vec<Item>, Vec<Item>) =
        classes.into_iter().partition(|c| c.key == "301" || c.key == "303");
    let group = |key: &str, children: Vec<Item>| -> Option<Item> {
        let printed = t.value(&format!("{key}合计"), &column);
        let sum: Decimal = children.iter().filter_map(|c| c.values[0]).sum();
        if printed.is_none() && children.is_empty() {
            return None;
        }
        let mut it = item(key, key, vec![Some(printed.unwrap_or(sum))]);
        it.children = children;
        Some(it)
    };
    c.items = [group("人员经费", personnel), group("公用经费", public)].into_iter().flatten().collect();
}

fn sangong(r: &Report, c: &mut Chart) {
    let Some(t) = first_table(r, &[TableId::T07, TableId::B07]) else { return };
    from_table(c, t);
    c.series = t
        .columns
        .iter()
        .map(|col| {
            let en = if col.contains("预算") { "budget" } else { "actual" };
            label(col, en)
        })
        .collect();
    let values = |row: &crate::model::Row| t.columns.iter().map(|col| row.value(col)).collect::<Vec<_>>();
    let mut items: Vec<Item> = Vec::new();
    for row in t.rows.iter().filter(|r| r.name != "合计") {
        let it = item(&row.name, &row.name, values(row));
        // 公务用车购置费 and 公务用车运行维护费 are parts of 公务用车购置及运行维护费
        match items.iter_mut().find(|p| p.key == "公务用车购置及运行维护费") {
            Some(parent) if row.name.starts_with("公务用车") => parent.children.push(it),
            _ => items.push(it),
        }
    }
    c.items = items;
}

fn execution(r: &Report, c: &mut Chart) {
    let lines = budget_lines(r);
    let Some(first) = lines.first() else { return };
    c.unit = first.unit.as_str().into();
    c.source_zh = "决算情况说明".into();
    c.source_en = "narrative".into();
    c.series = vec![label("年初预算", "initial budget"), label("支出决算", "actual")];
    // the statements about one class each (the one about the whole would dwarf them),
    // else the whole when the narrative states nothing by class
    let unit = first.unit;
    let to_item = |l: &crate::check::BudgetLine| item(&l.name, &l.name, vec![Some(l.initial), Some(l.actual)]);
    let same_unit = lines.iter().filter(|l| l.unit == unit);
    c.items = same_unit.clone().filter(|l| !l.name.contains("财政拨款")).map(to_item).collect();
    if c.items.is_empty() {
        c.items = same_unit.map(to_item).collect();
    }
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
            item(&p.id, &p.project, vec![rate, p.total.map(|t| t.1)])
        })
        .collect();
}

/// How to draw: language, theme, drill-down path, size.
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
}

impl Default for DrawOptions {
    fn default() -> Self {
        DrawOptions { lang: "zh".into(), theme: "light".into(), path: Vec::new(), width: 720, scale: 1.0, title: true }
    }
}

/// A region of the drawing a pointer can hit, in device pixels.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub key: String,
    /// The item has children: a click drills down.
    pub drill: bool,
    pub x: i32,
    pub y: i32,
    pub w: i32,
    pub h: i32,
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

pub use crate::text::group_digits;

// Geometry, in CSS pixels before scaling.
const PAD: f64 = 8.0;
const TITLE: f64 = 16.0;
const BODY: f64 = 13.0;
const LEGEND: f64 = 20.0;

/// Width of `s` at font size `size`: CJK and full-width characters one em, others about
/// 0.6 em. The same estimate on every backend, so layouts are reproducible.
fn text_width(s: &str, size: f64) -> f64 {
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

/// Where the plot starts: below the title (if drawn) and the unit/source line.
fn head(opts: &DrawOptions) -> f64 {
    let title = if opts.title { TITLE + 8.0 } else { 0.0 };
    PAD + title + BODY + 14.0
}

/// The height in device pixels the chart needs at `opts` (the width is given).
pub fn height(chart: &Chart, opts: &DrawOptions) -> u32 {
    let css = if chart.items.is_empty() {
        head(opts) + BODY + 16.0
    } else if chart.kind == "performance" {
        (opts.width as f64 * 0.62).clamp(260.0, 440.0)
    } else {
        let (items, _) = level(chart, &opts.path);
        let legend = if chart.series.len() > 1 { LEGEND } else { 0.0 };
        head(opts) + legend + row_height(chart.series.len()) * items.len().max(1) as f64 + PAD
    };
    (css * opts.scale.max(0.1)).round() as u32
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

/// Draws `chart` onto `backend` (whose size is the drawing's) and returns the hit regions.
/// Font sizes are given to the backend in pixels, as the canvas takes them.
pub fn draw<DB: DrawingBackend>(backend: DB, chart: &Chart, opts: &DrawOptions) -> Result<Vec<Hit>, String> {
    draw_scaled(backend, chart, opts, 1.0)
}

/// [`draw`] with the factor a backend divides font sizes by (plotters' SVG backend: 1.24).
fn draw_scaled<DB: DrawingBackend>(
    backend: DB,
    chart: &Chart,
    opts: &DrawOptions,
    font_factor: f64,
) -> Result<Vec<Hit>, String> {
    let root = backend.into_drawing_area();
    let p = palette(&opts.theme);
    root.fill(&p.background).map_err(|e| e.to_string())?;
    let mut pen = Pen { root: &root, scale: opts.scale.max(0.1), font_factor, p: &p };
    let en = opts.lang == "en";
    let title = if en { &chart.title_en } else { &chart.title_zh };
    let top = head(opts);
    if opts.title {
        pen.text(title, PAD, PAD, TITLE, p.text, HPos::Left)?;
    }
    let (items, trail) = level(chart, &opts.path);
    let mut sub = match (chart.unit.is_empty(), en) {
        (true, _) => String::new(),
        (false, true) => format!("Unit: {} · Source: {}", unit_en(&chart.unit), chart.source_en),
        (false, false) => format!("单位：{} · 来源：{}", chart.unit, chart.source_zh),
    };
    if !trail.is_empty() {
        let names: Vec<&str> = trail.iter().map(|i| i.label.as_str()).collect();
        sub = format!("{sub} · {}", names.join(" › "));
    }
    let width = (pen.root.dim_in_pixel().0 as f64) / pen.scale;
    pen.text(&fit(&sub, width - 2.0 * PAD, BODY), PAD, top - BODY - 10.0, BODY, p.muted, HPos::Left)?;
    if chart.items.is_empty() {
        let none = if en { "No data in this document" } else { "本文件无此项数据" };
        pen.text(none, PAD, top + 4.0, BODY, p.muted, HPos::Left)?;
        return Ok(Vec::new());
    }
    let hits = if chart.kind == "performance" {
        scatter(&mut pen, chart, items, top, width, en)?
    } else {
        bars(&mut pen, chart, items, top, width, en)?
    };
    root.present().map_err(|e| e.to_string())?;
    Ok(hits)
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

/// Drawing in CSS pixels on a scaled area.
struct Pen<'a, DB: DrawingBackend> {
    root: &'a DrawingArea<DB, Shift>,
    scale: f64,
    font_factor: f64,
    p: &'a Palette,
}

impl<DB: DrawingBackend> Pen<'_, DB> {
    fn at(&self, v: f64) -> i32 {
        (v * self.scale).round() as i32
    }

    fn text(&mut self, s: &str, x: f64, y: f64, size: f64, color: RGBColor, h: HPos) -> Result<(), String> {
        let style =
            ("sans-serif", size * self.scale * self.font_factor).into_font().color(&color).pos(Pos::new(h, VPos::Top));
        self.root.draw(&Text::new(drawable(s), (self.at(x), self.at(y)), style)).map_err(|e| e.to_string())
    }

    fn rect(&mut self, x0: f64, y0: f64, x1: f64, y1: f64, color: RGBColor) -> Result<(), String> {
        let r = Rectangle::new([(self.at(x0), self.at(y0)), (self.at(x1), self.at(y1))], color.filled());
        self.root.draw(&r).map_err(|e| e.to_string())
    }

    fn line(&mut self, x0: f64, y0: f64, x1: f64, y1: f64, color: RGBColor) -> Result<(), String> {
        let l = PathElement::new(vec![(self.at(x0), self.at(y0)), (self.at(x1), self.at(y1))], color);
        self.root.draw(&l).map_err(|e| e.to_string())
    }

    fn hit(&self, key: &str, drill: bool, x0: f64, y0: f64, x1: f64, y1: f64) -> Hit {
        let (x, y) = (self.at(x0), self.at(y0));
        Hit { key: key.into(), drill, x, y, w: self.at(x1) - x, h: self.at(y1) - y }
    }
}

fn to_f64(v: Decimal) -> f64 {
    // pixel geometry only: a bar's length, never a printed figure
    use rust_decimal::prelude::ToPrimitive;
    v.to_f64().unwrap_or(0.0)
}

fn legend<DB: DrawingBackend>(pen: &mut Pen<'_, DB>, series: &[Label], y: f64, en: bool) -> Result<(), String> {
    let mut x = PAD;
    for (k, s) in series.iter().enumerate() {
        let name = if en { &s.en } else { &s.zh };
        let color = pen.p.series[k % 3];
        pen.rect(x, y + 2.0, x + 10.0, y + 12.0, color)?;
        pen.text(name, x + 14.0, y, BODY, pen.p.text, HPos::Left)?;
        x += 14.0 + text_width(name, BODY) + 16.0;
    }
    Ok(())
}

fn bars<DB: DrawingBackend>(
    pen: &mut Pen<'_, DB>,
    chart: &Chart,
    items: &[Item],
    mut top: f64,
    width: f64,
    en: bool,
) -> Result<Vec<Hit>, String> {
    let n = chart.series.len().max(1);
    if n > 1 {
        legend(pen, &chart.series, top - 6.0, en)?;
        top += LEGEND;
    }
    let marker = |it: &Item| if it.children.is_empty() { String::new() } else { " ›".to_string() };
    let label_w = items
        .iter()
        .map(|it| text_width(&format!("{}{}", it.label, marker(it)), BODY))
        .fold(60.0, f64::max)
        .min(width * 0.38)
        + PAD;
    let value_w = items
        .iter()
        .flat_map(|it| it.values.iter().flatten())
        .map(|v| text_width(&group_digits(*v), BODY - 1.0))
        .fold(30.0, f64::max)
        .min(width * 0.3)
        + PAD;
    let x0 = PAD + label_w;
    let span = (width - PAD - value_w - x0).max(10.0);
    let max = items.iter().flat_map(|it| it.values.iter().flatten()).copied().filter(|v| v.is_sign_positive()).max();
    let max = max.filter(|m| !m.is_zero()).unwrap_or(Decimal::ONE);
    let row_h = row_height(n);
    let bar_h = if n == 1 { 14.0 } else { 10.0 };
    let mut hits = Vec::new();
    for (i, it) in items.iter().enumerate() {
        let y = top + row_h * i as f64;
        if i % 2 == 1 {
            pen.rect(0.0, y, width, y + row_h, pen.p.stripe)?;
        }
        let name = fit(&it.label, label_w - PAD - text_width(&marker(it), BODY), BODY) + &marker(it);
        pen.text(&name, PAD, y + (row_h - BODY) / 2.0 - 1.0, BODY, pen.p.text, HPos::Left)?;
        for (k, v) in it.values.iter().enumerate().take(n) {
            let by = y + 6.0 + k as f64 * 12.0;
            let Some(v) = v else { continue };
            let len =
                if v.is_sign_positive() { span * v.checked_div(max).map_or(1.0, to_f64).clamp(0.0, 1.0) } else { 0.0 };
            pen.rect(x0, by, x0 + len.max(1.0), by + bar_h, pen.p.series[k % 3])?;
            let size = BODY - 1.0;
            pen.text(
                &group_digits(*v),
                x0 + len + 4.0,
                by + (bar_h - size) / 2.0 - 1.0,
                size,
                pen.p.muted,
                HPos::Left,
            )?;
        }
        hits.push(pen.hit(&it.key, !it.children.is_empty(), 0.0, y, width, y + row_h));
    }
    pen.line(x0, top, x0, top + row_h * items.len() as f64, pen.p.muted)?;
    Ok(hits)
}

fn scatter<DB: DrawingBackend>(
    pen: &mut Pen<'_, DB>,
    chart: &Chart,
    items: &[Item],
    top: f64,
    width: f64,
    en: bool,
) -> Result<Vec<Hit>, String> {
    let height = pen.root.dim_in_pixel().1 as f64 / pen.scale;
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
        pen.line(x, top, x, bottom, pen.p.grid)?;
        pen.text(&tick.to_string(), x, bottom + 4.0, BODY - 1.0, pen.p.muted, HPos::Center)?;
        let Some(next) = tick.checked_add(step) else { break };
        tick = next;
    }
    let mut tick = Decimal::ZERO;
    while tick <= hundred {
        let y = y_of(tick);
        pen.line(left, y, right, y, pen.p.grid)?;
        pen.text(&tick.to_string(), left - 4.0, y - 6.0, BODY - 1.0, pen.p.muted, HPos::Right)?;
        tick += step;
    }
    let axis = |k: usize| chart.series.get(k).map(|s| if en { s.en.clone() } else { s.zh.clone() }).unwrap_or_default();
    pen.text(&axis(0), right, bottom + 18.0, BODY - 1.0, pen.p.text, HPos::Right)?;
    pen.text(&axis(1), left, top - 14.0, BODY - 1.0, pen.p.text, HPos::Left)?;
    let mut hits = Vec::new();
    // a point's key is printed beside it unless it would overlap a key already printed
    let mut labels: Vec<(f64, f64, f64, f64)> = Vec::new();
    let size = BODY - 3.0;
    for it in items {
        let (Some(Some(rate)), Some(Some(score))) = (it.values.first(), it.values.get(1)) else { continue };
        let (x, y) = (x_of(*rate), y_of(*score));
        let dot = Circle::new((pen.at(x), pen.at(y)), pen.at(4.0), pen.p.series[0].mix(0.8).filled());
        pen.root.draw(&dot).map_err(|e| e.to_string())?;
        let b = (x + 5.0, y - 13.0, x + 5.0 + text_width(&it.key, size), y - 13.0 + size);
        if !labels.iter().any(|l| b.0 < l.2 && l.0 < b.2 && b.1 < l.3 && l.1 < b.3) {
            pen.text(&it.key, b.0, b.1, size, pen.p.muted, HPos::Left)?;
            labels.push(b);
        }
        hits.push(pen.hit(&it.key, false, x - 6.0, y - 6.0, x + 6.0, y + 6.0));
    }
    Ok(hits)
}

/// The chart as an SVG document: well-formed XML whatever the names hold (text escaped by
/// plotters, control characters dropped by `drawable`).
pub fn svg(chart: &Chart, opts: &DrawOptions) -> Result<String, String> {
    let mut out = String::new();
    let size = ((opts.width as f64 * opts.scale).round() as u32, height(chart, opts));
    draw_scaled(SVGBackend::with_string(&mut out, size), chart, opts, 1.24)?;
    Ok(out)
}
