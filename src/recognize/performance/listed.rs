//! A 绩效目标表 printed as a list, read from its ruled grids: one column header
//! (项目名称, 单位名称, the amounts 总计 / 财政拨款 / 财政专户拨款 / 其他资金, 绩效目标, and
//! either indicator columns — 一级/二级/三级指标 or 指标名称, 指标值, 指标性质, 计量单位,
//! 权重 — or one 绩效指标 column of text) and under it one row, or a run of rows, per
//! project. A project starts at a row whose 项目名称 cell starts there; its indicator rows
//! are read as the form's (`ruled::indicators`: labels of merged cells carried down, a
//! repeated header skipped). A continuation grid without the header keeps the columns
//! above (matched by position).
//!
//! The 绩效指标 text column (Guangzhou's) packs every indicator into one cell:
//! `1.1－产出指标，11－数量指标，名称；实施周期指标值：A，年度指标值：B；2、…`. It is split at
//! `；` into a labels part (`一级，二级，三级`, codes dropped) and a values part, whose 年度指标值
//! is the indicator's 指标值 (the 实施周期 value spans the project's years, not this one).
//!
//! A row naming a body with amounts but no goal or indicators is a subtotal of the
//! projects under it (`广州市生态环境局 12,887.86`): its name is the 实施单位 of the rows
//! after it; a 合计 row is the sum of all and no project.

use super::funds::funds_row_name;
use super::ruled::{
    column, head_field, indicator_column, indicators, is_goal_label, number, rows_of, Col, Ind, Lines, Row, Ruled,
};
use crate::grid::Grid;
use crate::layout::Line;
use crate::model::{Cell, FundsRow, Indicator, Location, Read};
use crate::text::{normalize_name, tidy_spaces};

/// A project of a list.
#[derive(Debug, Default)]
pub struct Listed {
    pub project: String,
    pub implementer: String,
    pub funds: Vec<FundsRow>,
    pub goal: String,
    pub indicators: Vec<Indicator>,
    pub at: Location,
}

/// What a list column holds.
#[derive(Debug, Clone, Copy, PartialEq)]
enum What {
    Project,
    Unit,
    Fund(&'static str),
    Goal,
    /// 绩效指标 as one text cell.
    Packed,
    Indicator(Ind),
}

fn list_column(key: &str) -> Option<What> {
    let k = normalize_name(key);
    let k = k.trim_end_matches(['：', ':']);
    if head_field(k) == Some(0) {
        Some(What::Project)
    } else if matches!(k, "单位名称" | "预算单位名称" | "资金使用单位" | "实施单位") {
        Some(What::Unit)
    } else if k.starts_with("总计") || k.starts_with("合计") {
        Some(What::Fund("年度资金总额"))
    } else if let Some(name) = funds_row_name(k) {
        Some(What::Fund(name))
    } else if is_goal_label(k) || (k.contains("绩效目标") && !k.contains("指标")) {
        Some(What::Goal)
    } else if k == "绩效指标" {
        Some(What::Packed)
    } else {
        indicator_column(k).map(What::Indicator)
    }
}

/// The header: a 项目名称 column and an amount, goal or indicator column beside it; the
/// rows its 项目名称 cell spans add their sub-headers (first, so a narrower column wins).
fn header(rows: &[Row], i: usize) -> Option<Vec<Col<What>>> {
    let row = &rows[i];
    let project = row.own().find(|s| list_column(&s.key) == Some(What::Project))?;
    let span = project.cell.row_span.max(1);
    let mut cols: Vec<Col<What>> = Vec::new();
    for r in rows[i..(i + span).min(rows.len())].iter().rev() {
        for s in r.own() {
            if let Some(w) = list_column(&s.key) {
                cols.push(Col { x0: s.cell.x0, x1: s.cell.x1, what: w });
            }
        }
    }
    let others = cols.iter().filter(|c| c.what != What::Project).count();
    (others > 0).then_some(cols)
}

/// A grid that prints a list: a row with a list header.
pub fn is_list(g: &Grid) -> bool {
    let rows = rows_of(&[g]);
    (0..rows.len()).any(|i| header(&rows, i).is_some())
}

/// A header row and the rows its 项目名称 cell spans: how many rows the header takes.
fn header_rows(rows: &[Row], i: usize) -> usize {
    rows[i].own().find(|s| list_column(&s.key) == Some(What::Project)).map_or(1, |s| s.cell.row_span.max(1))
}

/// One project's rows while it is read.
struct Open<'a> {
    listed: Listed,
    rows: Vec<&'a Row<'a>>,
    packed: Vec<String>,
}

/// The projects of the block's list grids, numbered from `next`.
pub fn read(next: usize, grids: &[&Grid], lines: &[Line]) -> Vec<(String, Listed)> {
    let lines = Lines::new(lines);
    let rows = rows_of(grids);
    let mut cols: Option<Vec<Col<What>>> = None;
    let mut implementer = String::new();
    let mut open: Option<Open> = None;
    let mut out: Vec<Listed> = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        if let Some(h) = header(&rows, i) {
            cols = Some(h);
            i += header_rows(&rows, i);
            continue;
        }
        let row = &rows[i];
        i += 1;
        let Some(cols) = cols.as_ref() else { continue };
        let of = |w: What| row.own().filter(move |s| column(cols, s) == Some(w) && !s.key.is_empty());
        let text = |w: What| of(w).map(|s| s.text()).collect::<Vec<_>>().join("");
        if let Some(p) = of(What::Project).next() {
            close(open.take(), cols, &lines, &mut out);
            let name = normalize_name(&p.key);
            let described = of(What::Goal).next().is_some()
                || of(What::Packed).next().is_some()
                || row.own().any(|s| matches!(column(cols, s), Some(What::Indicator(_))) && !s.key.is_empty());
            if !described {
                // a subtotal (the body the projects under it belong to) or the 合计 row
                if !matches!(name.as_str(), "合计" | "总计") {
                    implementer = p.text();
                }
                continue;
            }
            let unit = text(What::Unit);
            let mut funds: Vec<FundsRow> = Vec::new();
            for s in row.own() {
                let Some(What::Fund(name)) = column(cols, s) else { continue };
                if let Ok(Some(v)) = number(&s.key) {
                    if !funds.iter().any(|f| f.name == name) {
                        let cells = vec![Cell::new(super::funds::TARGET_AMOUNT, v, Read::Grid)];
                        funds.push(FundsRow { name: name.to_string(), cells, at: row.at(&lines) });
                    }
                }
            }
            funds.sort_by_key(|f| f.name != "年度资金总额");
            open = Some(Open {
                listed: Listed {
                    project: p.text(),
                    implementer: if unit.is_empty() { implementer.clone() } else { unit },
                    funds,
                    goal: text(What::Goal),
                    indicators: Vec::new(),
                    at: row.at(&lines),
                },
                rows: Vec::new(),
                packed: Vec::new(),
            });
        }
        if let Some(o) = open.as_mut() {
            o.rows.push(row);
            // without the wraps' spaces (`≥` at a line's end, `90%` on the next)
            let packed: String = of(What::Packed).map(|s| s.key.to_string()).collect();
            if !packed.is_empty() {
                o.packed.push(packed);
            }
            if o.listed.project.is_empty() || of(What::Project).next().is_none() {
                // a goal continued in the project's next row (or on the next page)
                let more = text(What::Goal);
                if !more.is_empty() && !o.listed.goal.ends_with(&more) {
                    o.listed.goal.push_str(&more);
                }
            }
        }
    }
    if let Some(cols) = cols.as_ref() {
        close(open.take(), cols, &lines, &mut out);
    }
    out.into_iter().enumerate().map(|(k, l)| (format!("P{:02}", next + k), l)).collect()
}

fn close(open: Option<Open>, cols: &[Col<What>], lines: &Lines, out: &mut Vec<Listed>) {
    let Some(mut o) = open else { return };
    let ind: Vec<Col<Ind>> = cols
        .iter()
        .filter_map(|c| match c.what {
            What::Indicator(k) => Some(Col { x0: c.x0, x1: c.x1, what: k }),
            _ => None,
        })
        .collect();
    if ind.iter().any(|c| c.what == Ind::Name) {
        let mut r = Ruled::default();
        indicators(o.rows.iter().copied(), ind, lines, &mut r);
        o.listed.indicators = r.indicators;
    } else {
        let at = o.listed.at;
        o.listed.indicators = packed(&o.packed.concat(), at);
    }
    o.listed.goal = tidy_spaces(&o.listed.goal);
    out.push(o.listed);
}

/// `1－产出指标` → `产出指标`: a label without its code.
fn uncoded(s: &str) -> &str {
    let s = s.trim();
    match s.find(['－', '-', '—']) {
        Some(p) if s[..p].chars().all(|c| c.is_ascii_digit()) && p > 0 => s[p..].trim_start_matches(['－', '-', '—']),
        _ => s,
    }
}

/// A leading ordinal: `1.`, `2、`, `10．`.
fn without_ordinal(s: &str) -> &str {
    let d = s.chars().take_while(|c| c.is_ascii_digit()).count();
    match s[d..].chars().next() {
        Some(c @ ('.' | '、' | '．')) if d > 0 => &s[d + c.len_utf8()..],
        _ => s,
    }
}

/// Indicators packed into one text: labels parts (`一级，二级，三级`) each followed by a
/// values part (`实施周期指标值：A，年度指标值：B`), split at `；`.
fn packed(text: &str, at: Location) -> Vec<Indicator> {
    let mut out: Vec<Indicator> = Vec::new();
    for part in text.split(['；', ';']).map(str::trim).filter(|p| !p.is_empty()) {
        if let Some(p) = part.find("年度指标值") {
            let value = part[p + "年度指标值".len()..].trim_start_matches(['：', ':']);
            if let Some(last) = out.last_mut().filter(|i| i.target.is_empty()) {
                last.target = tidy_spaces(value.trim_end_matches(['，', ',']));
            }
            continue;
        }
        if part.contains("指标值") {
            // 实施周期指标值 alone
            continue;
        }
        let labels: Vec<&str> = without_ordinal(part).splitn(3, ['，', ',']).map(uncoded).collect();
        let [level1, level2, name] = labels[..] else { continue };
        out.push(Indicator {
            level1: level1.to_string(),
            level2: level2.to_string(),
            name: normalize_name(name),
            target: String::new(),
            direction: String::new(),
            measure: String::new(),
            actual: String::new(),
            weight: None,
            score: None,
            deviation: String::new(),
            at,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_indicators_split_into_labels_and_the_years_value() {
        // as printed in guangzhou_eco_2026_project_perf_target.pdf, page 1
        let text =
            "1.1－产出指标，11－数量指标，项目专职环保员数量；实施周期指标值：≦核定人数，年度指标值：≦核定人数；\
                    2、1－产出指标，12－质量指标，环境应急事件响应率；实施周期指标值：100%，年度指标值：100%;\
                    1、2－效益指标，22－社会效益，辖区内污染源巡查率；实施周期指标值：≥80%，年度指标值：≥80%;";
        let got: Vec<(String, String, String, String)> =
            packed(text, Location::default()).into_iter().map(|i| (i.level1, i.level2, i.name, i.target)).collect();
        let want = [
            ("产出指标", "数量指标", "项目专职环保员数量", "≦核定人数"),
            ("产出指标", "质量指标", "环境应急事件响应率", "100%"),
            ("效益指标", "社会效益", "辖区内污染源巡查率", "≥80%"),
        ];
        let want: Vec<(String, String, String, String)> =
            want.iter().map(|(a, b, c, d)| (a.to_string(), b.to_string(), c.to_string(), d.to_string())).collect();
        assert_eq!(got, want);
        // a part that is neither labels nor values is no indicator
        assert!(packed("按计划完成", Location::default()).is_empty());
    }
}
