//! The charts of a comparison of two reports (`compare::Comparison`): one paired chart
//! per block — totals, function classes (类 → 款 → 项 drill-down), economic classes, 三公 —
//! with the two reports as the two series and, per item, the execution rate (plan and
//! actual) or the change in per cent (year on year, or any two). Drawn like every other
//! chart (bars or treemap of the second series).

use super::{coded, item, label, Chart, Item};
use crate::compare::{Block, Comparison, Line, Relation};
use crate::model::Level;

/// Every chart kind of a comparison, in the order the page shows them.
pub const COMPARE_KINDS: [&str; 4] = ["compare-totals", "compare-function", "compare-economic", "compare-sangong"];

/// The comparison's charts, one per block with lines, in [`COMPARE_KINDS`] order.
pub fn compare_charts(c: &Comparison) -> Vec<Chart> {
    c.blocks.iter().filter(|b| !b.lines.is_empty()).map(|b| chart(c, b)).collect()
}

fn chart(c: &Comparison, b: &Block) -> Chart {
    let (rate_zh, rate_en) = match c.relation {
        Relation::PlanActual => ("执行率", "execution rate"),
        _ => ("变化率", "change"),
    };
    let year = |y: Option<u16>| y.map_or(String::new(), |y| y.to_string());
    let title_zh = format!("{}：{} 与 {}（{rate_zh}）", b.title_zh, side_zh(c, true), side_zh(c, false));
    let title_en = format!("{}: {} and {} ({rate_en})", b.title_en, side_en(c, true), side_en(c, false));
    let department = c.b.department.clone().or_else(|| c.a.department.clone());
    let stem_title = format!("{}-{}对比", b.title_zh, [year(c.a.year), year(c.b.year)].join("-"));
    Chart {
        kind: format!("compare-{}", b.key),
        title_zh,
        title_en,
        unit: c.unit.as_str().into(),
        series: vec![label(&side_zh(c, true), &side_en(c, true)), label(&side_zh(c, false), &side_en(c, false))],
        items: items(b),
        source_zh: basis_zh(b),
        source_en: basis_en(b),
        file_stem: super::file_stem(department.as_deref(), c.b.year, &stem_title),
        department,
        year: c.b.year,
    }
}

/// `2026年预算`, `2024年决算`.
fn side_zh(c: &Comparison, a: bool) -> String {
    let p = if a { &c.a } else { &c.b };
    let kind = match p.kind {
        crate::model::DocumentKind::Budget => "预算",
        crate::model::DocumentKind::Final => "决算",
        _ => "",
    };
    format!("{}{kind}", p.year.map_or(String::new(), |y| format!("{y}年")))
}

fn side_en(c: &Comparison, a: bool) -> String {
    let p = if a { &c.a } else { &c.b };
    let kind = match p.kind {
        crate::model::DocumentKind::Budget => "budget",
        crate::model::DocumentKind::Final => "actual",
        _ => "document",
    };
    format!("{kind}{}", p.year.map_or(String::new(), |y| format!(" {y}")))
}

fn basis_zh(b: &Block) -> String {
    match &b.basis {
        Some(x) if (&x.a_table, &x.a_column) == (&x.b_table, &x.b_column) => {
            format!("两份报告的公开{}表“{}”", x.a_table, x.a_column)
        }
        Some(x) => format!("公开{}表“{}” · 公开{}表“{}”", x.a_table, x.a_column, x.b_table, x.b_column),
        None => "两份报告的收支总表".into(),
    }
}

fn basis_en(b: &Block) -> String {
    match &b.basis {
        Some(x) if (&x.a_table, &x.a_column) == (&x.b_table, &x.b_column) => {
            format!("both reports' table {} '{}'", x.a_table, x.a_column)
        }
        Some(x) => format!("table {} '{}' · table {} '{}'", x.a_table, x.a_column, x.b_table, x.b_column),
        None => "the two reports' summary tables".into(),
    }
}

fn to_item(l: &Line) -> Item {
    let mut it = match &l.code {
        Some(code) => coded(code, &l.name, vec![l.a, l.b]),
        None => item(&l.key, &l.name, vec![l.a, l.b]),
    };
    it.rate = l.rate;
    it
}

/// The lines as items: classes nested by code (类 → 款 → 项), the 合计 line left out (it is
/// the chart's whole), 公务用车购置及运行维护费 over its two parts.
fn items(b: &Block) -> Vec<Item> {
    let lines: Vec<&Line> = b.lines.iter().filter(|l| l.key != "合计").collect();
    if lines.iter().any(|l| l.code.is_some()) {
        return nest(&lines, Level::Lei);
    }
    let mut out: Vec<Item> = Vec::new();
    for l in lines {
        let part_of_cars = matches!(l.key.as_str(), "公务用车购置费" | "公务用车运行维护费");
        match out.iter_mut().find(|x| x.key == "公务用车购置及运行维护费") {
            Some(parent) if part_of_cars => parent.children.push(to_item(l)),
            _ => out.push(to_item(l)),
        }
    }
    out
}

fn nest(lines: &[&Line], level: Level) -> Vec<Item> {
    let below = match level {
        Level::Lei => Some(Level::Kuan),
        Level::Kuan => Some(Level::Xiang),
        Level::Xiang => None,
    };
    lines
        .iter()
        .filter(|l| l.level == Some(level))
        .map(|l| {
            let mut it = to_item(l);
            if let (Some(below), Some(code)) = (below, &l.code) {
                let under: Vec<&Line> = lines
                    .iter()
                    .copied()
                    .filter(|x| x.code.as_ref().is_some_and(|c| c.starts_with(code.as_str()) && c != code))
                    .collect();
                it.children = nest(&under, below);
            }
            it
        })
        .collect()
}
