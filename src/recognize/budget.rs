//! The tables of a 部门预算 / 单位预算 (`B01` … `B15`): finding each by the standard words
//! of its title whatever a province calls it (收支总表, 部门收支总体情况表, 财务收支预算总表,
//! 预算01表 …), and reading it from its ruled grid with the same reader as the 决算 tables
//! (`grid_table`): every amount in the column it is printed in, each column under its
//! standard budget name (EXPORT.md, "Budget tables"), a column the standard does not name
//! under its printed header path. Knows the budget vocabulary, not any one document.

use rust_decimal::Decimal;

use super::grid_table::{self, Segment};
use super::tables::{grid_value, table as budget_table, unit_or_default};
use super::Diags;
use crate::grid::Grid;
use crate::layout::Line;
use crate::model::{Cell, Code, Location, Read, Row, Scheme, Side, Table, TableId};
use crate::reference::function_class_by_name;
use crate::text::{normalize_name, strip_ordinal};

/// The title's text without whitespace, quotes and a leading number (`预算01表`, `表1`,
/// `公开表2`, `部门公开表 1`, `一、`, `5．`) or year (`2026年`, `2026年度`).
fn title_key(text: &str) -> String {
    let mut k: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '“' | '”' | '"' | '\'' | '‘' | '’' | '「' | '」'))
        .collect();
    // numbered prefixes such as `预算01表`, `公开表2`, `表1`, `公开01表`
    if let Some(p) = k.find('表') {
        let head = &k[..p];
        let numbered = head.chars().any(|c| c.is_ascii_digit())
            && head.chars().all(|c| c.is_ascii_digit() || "预算公开部门附".contains(c))
            || head.chars().all(|c| "预算公开部门附".contains(c))
                && k[p + '表'.len_utf8()..].starts_with(|c: char| c.is_ascii_digit());
        if numbered && p + '表'.len_utf8() < k.len() {
            k = k[p + '表'.len_utf8()..].trim_start_matches(|c: char| c.is_ascii_digit() || c == '-').to_string();
        }
    }
    let k = strip_ordinal(&k).to_string();
    let k = k.trim_start_matches(|c: char| c.is_ascii_digit() || ".．、 ".contains(c));
    let digits = k.chars().take_while(|c| c.is_ascii_digit()).count();
    let k = if digits == 4 { k[digits..].trim_start_matches("年度").trim_start_matches('年') } else { k };
    k.to_string()
}

/// The budget table a title line names: by its standard words (收支, 收入, 支出, 财政拨款,
/// 功能分类, 经济分类, 基本支出, 三公, 政府性基金, 国有资本经营, 项目支出, 政府采购, 机关运行),
/// never by one document's string. `None` for a sentence, a 绩效 table, or another table.
pub fn title_of(line: &Line) -> Option<TableId> {
    let c = line.compact();
    if !c.contains('表') || c.chars().count() > 70 || c.contains(['，', '。', '；', '：', ':']) {
        return None;
    }
    title_in(&line.text)
}

/// A line that titles some table (a budget table or not: 绩效目标表, 政府购买服务表, a
/// title with its number after it, `…绩效目标表预算表（预算表 11）`): it ends the region of the
/// table before it.
pub fn is_other_title(line: &Line) -> bool {
    let c = line.compact();
    let n = c.chars().count();
    (4..=60).contains(&n)
        && !c.contains(['，', '。', '；', '：', ':'])
        && (c.ends_with('表') || c.ends_with(['）', ')']) && (c.contains("表（") || c.contains("表(")))
        && !c.starts_with("公开")
}

/// [`title_of`] on a title's text.
pub fn title_in(text: &str) -> Option<TableId> {
    let mut k = title_key(text);
    // a number after the title: `收支总表（预算表1）`
    if let Some(open) = k.rfind(['（', '(']) {
        let note = &k[open..];
        if note.contains('表') && note.chars().any(|c| c.is_ascii_digit()) && note.ends_with(['）', ')']) {
            k.truncate(open);
        }
    }
    // the title ends in 表, or in 表 and a parenthesised note (`明细表（按支出功能分类科目）`)
    let body = match k.rfind('表') {
        Some(p) if k[p + '表'.len_utf8()..].is_empty() || k[p + '表'.len_utf8()..].starts_with(['（', '(']) => &k,
        _ => return None,
    };
    // (a 决算 table's title is the 决算 reader's)
    if body.chars().count() > 50 || ["决算", "绩效", "购买服务", "转移支付"].iter().any(|w| body.contains(w))
    {
        return None;
    }
    let has = |w: &str| body.contains(w);
    let id = if has("三公") {
        TableId::B07
    } else if has("机关运行") {
        TableId::B12
    } else if has("政府采购") {
        TableId::B11
    } else if has("政府性基金") {
        TableId::B08
    } else if has("国有资本经营") {
        TableId::B09
    } else if has("结转") {
        return None;
    } else if has("财政拨款") && (has("收支") || has("收入支出")) {
        TableId::B04
    } else if has("财政拨款") && has("基本支出") && !has("一般公共预算") {
        TableId::B17
    } else if has("财政拨款") && has("支出") && !has("一般公共预算") && !has("项目支出") {
        TableId::B16
    } else if has("一般公共预算") {
        if has("基本支出") {
            if has("功能分类") {
                TableId::B15
            } else {
                TableId::B06
            }
        } else if has("经济分类") {
            TableId::B14
        } else if has("支出") {
            TableId::B05
        } else {
            return None;
        }
    } else if has("项目支出") || has("专项业务经费") {
        TableId::B10
    } else if has("基本支出") {
        TableId::B13
    } else if has("收支") || has("收入支出") {
        TableId::B01
    } else if has("收入") && (has("总") || has("情况")) {
        TableId::B02
    } else if has("支出") && (has("总") || has("情况")) {
        if has("经济分类") {
            TableId::B14
        } else {
            TableId::B03
        }
    } else {
        return None;
    };
    Some(id)
}

/// A header element as the budget standard writes it: no `其中：`, no ordinal, no quotes.
fn word(s: &str) -> String {
    let s = s.trim_start_matches("其中：").trim_start_matches("其中:").trim_start_matches("其中");
    normalize_name(strip_ordinal(s)).chars().filter(|c| !matches!(c, '“' | '”' | '"')).collect()
}

/// The standard column a header word names, if any.
fn standard_word(w: &str) -> Option<&'static str> {
    let total =
        matches!(w, "合计" | "总计" | "小计" | "金额" | "预算" | "预算数" | "预算金额" | "本年预算" | "本年预算数")
            || w.ends_with("总计") && w.chars().count() <= 4
            || w.ends_with("年预算数") && w.chars().count() <= 9
            || w.ends_with("年预算") && w.chars().count() <= 7;
    Some(if total {
        "合计"
    } else if w.starts_with("基本支出") {
        "基本支出"
    } else if w.starts_with("项目支出") {
        "项目支出"
    } else if w.starts_with("人员经费") || w == "人员支出" {
        "人员经费"
    } else if w.starts_with("公用经费") || matches!(w, "日常公用经费" | "日常公用支出" | "公用支出")
    {
        "公用经费"
    } else if w.contains("一般公共预算") {
        "一般公共预算拨款"
    } else if w.contains("政府性基金") {
        "政府性基金预算拨款"
    } else if w.contains("国有资本经营") {
        "国有资本经营预算拨款"
    } else if w.contains("财政专户") {
        "财政专户管理资金"
    } else if w.starts_with("事业单位经营支出") || w == "经营支出" {
        "事业单位经营支出"
    } else if w.contains("事业单位经营") || w == "经营收入" {
        "事业单位经营收入"
    } else if w.starts_with("事业收入") {
        "事业收入"
    } else if w.starts_with("上级补助") {
        "上级补助收入"
    } else if w.starts_with("附属单位上缴") {
        "附属单位上缴收入"
    } else if w.starts_with("其他收入") {
        "其他收入"
    } else if w.starts_with("上年结转") || w.starts_with("上年结余") || w.contains("年初结转") {
        "上年结转"
    } else if w.starts_with("上缴上级") {
        "上缴上级支出"
    } else if w.starts_with("对附属单位补助") {
        "对附属单位补助支出"
    } else if w.starts_with("事业单位经营支出") || w == "经营支出" {
        "事业单位经营支出"
    } else if matches!(w, "财政拨款" | "财政拨款收入" | "财政拨款合计" | "财政拨款资金") {
        "财政拨款合计"
    } else {
        return None;
    })
}

/// The 4-digit year a header word starts with (`2025年执行数`), and the rest.
fn leading_year(w: &str) -> Option<(u16, &str)> {
    let y: u16 = w.get(..4)?.parse().ok().filter(|y| (1990..=2100).contains(y))?;
    Some((y, w[4..].trim_start_matches("年度").trim_start_matches('年')))
}

/// The standard column a header path names (deepest word first; a 合计 under a standard
/// heading is that heading's), else the printed path joined with `/`. A column of an
/// earlier year than the budget's (`2025年执行数`) is named `上年…`; the budget year's own
/// year is no part of the name.
fn column_name(path: &[String], year: Option<u16>) -> String {
    // a part under a `其中` heading of its own is no column a sum adds
    if let Some(k) = path.iter().position(|p| matches!(p.as_str(), "其中" | "其中：" | "其中:")) {
        let rest: Vec<String> = path[k + 1..].iter().map(|p| word(p)).collect();
        return format!("其中/{}", rest.join("/"));
    }
    let mut words: Vec<String> =
        path.iter().map(|p| word(p)).filter(|w| !w.is_empty() && !w.ends_with('表') && !w.contains("单位：")).collect();
    if let Some(pos) = words.iter().position(|w| leading_year(w).is_some_and(|(y, _)| year.is_some_and(|b| y < b))) {
        let (_, rest) = leading_year(&words[pos]).unwrap_or((0, ""));
        let mut out = format!("上年{rest}");
        for w in &words[pos + 1..] {
            if !w.ends_with(rest) || rest.is_empty() {
                out.push('/');
                out.push_str(w);
            }
        }
        return out;
    }
    for w in words.iter_mut() {
        if let Some((_, rest)) = leading_year(w).filter(|(y, _)| Some(*y) == year) {
            *w = rest.to_string();
        }
    }
    if words.iter().any(|w| w.contains("增减") || w.contains("增长") || w.contains('比')) {
        return words.join("/");
    }
    for (i, w) in words.iter().enumerate().rev() {
        if let Some(s) = standard_word(w) {
            if s == "合计" {
                let part = |p: &&str| {
                    matches!(
                        *p,
                        "基本支出" | "项目支出" | "人员经费" | "公用经费" | "财政拨款合计" | "上年结转" | "事业收入"
                    )
                };
                if let Some(parent) = words[..i].iter().rev().find_map(|p| standard_word(p)).filter(part) {
                    return parent.to_string();
                }
            }
            return s.to_string();
        }
    }
    words.join("/")
}

/// Each amount column's name (the words all of them share, a heading over the whole table
/// such as `一般公共预算支出`, left out); a name taken twice keeps its printed path the
/// second time.
fn column_names(seg: &Segment, year: Option<u16>) -> Vec<String> {
    let shared = if seg.columns.len() >= 2 { common_prefix(&seg.columns) } else { 0 };
    let mut out: Vec<String> = Vec::new();
    for p in &seg.columns {
        let own = &p[shared.min(p.len().saturating_sub(1))..];
        let mut n = column_name(own, year);
        if out.contains(&n) {
            n = own.iter().map(|w| word(w)).collect::<Vec<_>>().join("/");
        }
        while out.contains(&n) {
            n.push('\'');
        }
        out.push(n);
    }
    out
}

/// How many leading path words all paths share.
fn common_prefix(paths: &[Vec<String>]) -> usize {
    let Some(first) = paths.first() else { return 0 };
    paths.iter().map(|p| p.iter().zip(first).take_while(|(a, b)| a == b).count()).min().unwrap_or(0)
}

/// Two amounts run together in one cell (`174,900.64101,833.84`: a narrow cell's wrapped
/// digits set into its neighbour): the split where both parts have the same decimals.
fn split_run(t: &str) -> Option<(String, String)> {
    let dots: Vec<usize> = t.match_indices('.').map(|(i, _)| i).collect();
    let [first, second] = dots.as_slice() else { return None };
    let tail = t.len() - second - 1;
    let cut = first + 1 + tail;
    let (a, b) = (t.get(..cut)?, t.get(cut..)?);
    (tail > 0 && cut < *second && crate::text::parse_amount(a).is_some() && crate::text::parse_amount(b).is_some())
        .then(|| (a.to_string(), b.to_string()))
}

/// Cells of a body row under the given column names. A cell holding two amounts run
/// together is split and the cells after it moved right up to the first blank one; those
/// are marked `uncertain` (their columns are inferred, not read).
fn cells(values: &[Option<String>], columns: &[String], at: Location, diags: &mut Diags) -> Vec<Cell> {
    let mut vals: Vec<Option<String>> = values.to_vec();
    let mut uncertain = vec![false; vals.len()];
    if let Some((k, (a, b))) =
        vals.iter().enumerate().find_map(|(k, t)| t.as_deref().and_then(split_run).map(|ab| (k, ab)))
    {
        if let Some(blank) = (k + 1..vals.len()).find(|&j| vals[j].is_none()) {
            for j in (k + 1..=blank).rev() {
                vals[j] = if j == k + 1 { Some(b.clone()) } else { vals[j - 1].take() };
                uncertain[j] = true;
            }
            vals[k] = Some(a);
            uncertain[k] = true;
        }
    }
    vals.iter()
        .zip(columns)
        .zip(&uncertain)
        .filter_map(|((t, c), &u)| {
            let read = if u { Read::Uncertain } else { Read::Grid };
            let t = t.as_deref()?;
            // words and rates in a value column (项目类型, 单位名称, 增减%) are no amounts to
            // warn about; a number that does not parse is
            if crate::text::parse_amount(t).is_none()
                && (crate::text::has_cjk(t)
                    || crate::text::parse_percent(t).is_some()
                    || !t.chars().any(|c| c.is_ascii_digit()))
            {
                return None;
            }
            Some(Cell::new(c.clone(), grid_value(t, at, diags)?, read))
        })
        .collect()
}

/// The standard name of a line of B01 or B04 (EXPORT.md), its side when the name says it,
/// and its function class when it names one.
fn side_line(name: &str, after_carry: bool) -> (String, Option<Side>, Option<Code>) {
    let k = word(name);
    let income = |s: &str| (s.to_string(), Some(Side::Income), None);
    let spend = |s: &str| (s.to_string(), Some(Side::Expenditure), None);
    // a side's total (`总计`, or a `合计` printed alone: 收入总计 / 支出总计 by its side)
    if k.contains("总计") || k == "合计" {
        return (String::new(), None, None);
    }
    if k.contains("收入") && (k.contains("合计") || k.contains("小计")) || k == "本年收入" {
        return income("本年收入合计");
    }
    if k.contains("支出") && (k.contains("合计") || k.contains("小计")) || k == "本年支出" {
        return spend("本年支出合计");
    }
    if k.contains("年末") || k.contains("年终") || k.contains("结转下年") || k.contains("下年结转") {
        return spend("年末结转和结余");
    }
    if k.starts_with("上年结转") || k.contains("年初结转") || k.starts_with("上年结余") {
        return income("上年结转");
    }
    if k.contains("支出") {
        if let Some((code, cname)) = function_class_by_name(&k) {
            return (cname.to_string(), Some(Side::Expenditure), Code::parse(Scheme::Function, code));
        }
    } else if !k.contains("收入") {
        // a class named without 支出 (`一般公共服务`, Xi'an)
        // (or cut short: `文化旅游`, `国有资本经营`, the one class the words begin)
        let cut = || function_class_by_name(&k).filter(|_| k.chars().count() >= 4);
        if let Some((code, cname)) =
            function_class_by_name(&format!("{k}支出")).or_else(cut).filter(|(_, n)| n.len() > 6)
        {
            return (cname.to_string(), Some(Side::Expenditure), Code::parse(Scheme::Function, code));
        }
    }
    if k.starts_with("其中") {
        return (k, None, None);
    }
    if matches!(k.as_str(), "财政拨款收入" | "财政拨款" | "预算拨款" | "预算拨款收入" | "财政拨款资金")
    {
        return income("财政拨款收入");
    }
    let fund = if k.contains("一般公共预算") {
        Some("一般公共预算拨款收入")
    } else if k.contains("政府性基金") {
        Some("政府性基金预算拨款收入")
    } else if k.contains("国有资本经营") {
        Some("国有资本经营预算拨款收入")
    } else if k.contains("财政专户") {
        Some("财政专户管理资金收入")
    } else if k.contains("事业单位经营") {
        Some("事业单位经营收入")
    } else if k.starts_with("事业收入") {
        Some("事业收入")
    } else if k.starts_with("上级补助") {
        Some("上级补助收入")
    } else if k.starts_with("附属单位上缴") {
        Some("附属单位上缴收入")
    } else if k.starts_with("其他收入") {
        Some("其他收入")
    } else {
        None
    };
    if let Some(f) = fund {
        let n = if after_carry { format!("上年结转/{f}") } else { f.to_string() };
        return (n, Some(Side::Income), None);
    }
    (k, None, None)
}

/// A segment's value columns that hold words (the names of the expenditure side printed in
/// a column the header does not call a name column, `收入 | 预算数 | 支出功能分类 | 预算数`):
/// each starts a part of its own whose rows are named by it.
fn split_at_label_columns(seg: &Segment) -> Vec<Segment> {
    let words = |c: usize| {
        let texts: Vec<&String> = seg.rows.iter().filter_map(|r| r.values.get(c)?.as_ref()).collect();
        let numbers = texts.iter().filter(|t| crate::text::parse_amount(t).is_some()).count();
        texts.len() > numbers * 2 && !texts.is_empty()
    };
    let labels: Vec<usize> = (0..seg.columns.len()).filter(|&c| words(c)).collect();
    if labels.is_empty() {
        return vec![seg.clone()];
    }
    let mut bounds = vec![(None, 0)];
    for &c in &labels {
        bounds.push((Some(c), c + 1));
    }
    let mut out = Vec::new();
    for (k, &(label, from)) in bounds.iter().enumerate() {
        let to = bounds.get(k + 1).map_or(seg.columns.len(), |b| b.0.unwrap_or(seg.columns.len()));
        if from >= to {
            continue;
        }
        let heading = label.map(|c| seg.columns[c].clone()).unwrap_or_else(|| seg.heading.clone());
        let rows = seg
            .rows
            .iter()
            .map(|r| {
                let mut row = r.clone();
                if let Some(c) = label {
                    row.name = r.values.get(c).cloned().flatten().unwrap_or_default();
                    row.code = String::new();
                }
                row.values = r.values[from..to].to_vec();
                row
            })
            .collect();
        out.push(Segment { columns: seg.columns[from..to].to_vec(), heading, rows });
    }
    out
}

/// B01 or B04 from its grid: the halves are the income and the expenditure side (a grid of
/// one part: the side its names say, expenditure after the first expenditure line).
fn two_sided(
    id: TableId,
    title: &str,
    lines: &[Line],
    segs: &[Segment],
    year: Option<u16>,
    diags: &mut Diags,
) -> Option<Table> {
    let split: Vec<Segment> = segs.iter().flat_map(split_at_label_columns).collect();
    // an expenditure side by economic class beside the functional one (Xi'an) is another
    // table's content: the functional side is read
    let parts: Vec<&Segment> = split
        .iter()
        .filter(|s| !s.rows.is_empty() && !s.columns.is_empty())
        .filter(|s| !s.heading.iter().any(|h| h.contains("经济分类")))
        .collect();
    // when the sides are headed (`收入 | 支出`), a grid after them is another table's
    // (a side: every column's first word, past a title ruled into the grid, names its side)
    let side_word = |w: &str| matches!(w, "收入" | "支出" | "本年收入" | "本年支出" | "收" | "支");
    let sided = |s: &&Segment| {
        s.heading.iter().any(|h| h.contains("收入") || h.contains("支出"))
            || !s.columns.is_empty()
                && s.columns.iter().all(|p| p.iter().find(|w| !w.ends_with('表')).is_some_and(|w| side_word(w)))
    };
    let parts: Vec<&Segment> = if parts.iter().any(sided) { parts.into_iter().filter(sided).collect() } else { parts };
    if parts.is_empty() {
        return None;
    }
    let unit = unit_or_default(id, lines, diags);
    let mut columns: Vec<String> = Vec::new();
    let mut rows: Vec<Row> = Vec::new();
    let halves = parts.len() >= 2;
    let mut after_carry = false;
    let mut seen_spend = false;
    let mut last_line = String::new();
    for (k, seg) in parts.iter().enumerate() {
        let single = seg.columns.len() == 1;
        let cols: Vec<String> = if single { vec!["预算数".to_string()] } else { column_names(seg, year) };
        for c in &cols {
            if !columns.contains(c) {
                columns.push(c.clone());
            }
        }
        for r in &seg.rows {
            if r.name.is_empty() && r.values.iter().all(Option::is_none) {
                continue;
            }
            let (mut name, said, code) = side_line(&r.name, after_carry);
            let side = if halves {
                if k == 0 {
                    Side::Income
                } else {
                    Side::Expenditure
                }
            } else {
                if said == Some(Side::Expenditure) || code.is_some() {
                    seen_spend = true;
                }
                if seen_spend {
                    Side::Expenditure
                } else {
                    Side::Income
                }
            };
            if name.is_empty() {
                name = if side == Side::Income { "收入总计" } else { "支出总计" }.to_string();
            }
            // `其中：X` under line P is `P/X`: a part of P, never an addend (as in a 决算)
            let printed: String = r.name.chars().filter(|c| !c.is_whitespace()).collect();
            if printed.starts_with("其中") && !last_line.is_empty() && !name.contains('/') {
                name = format!("{last_line}/{}", word(&printed));
            } else if !name.contains('/') {
                last_line = name.clone();
            }
            if side == Side::Income && name == "上年结转" {
                after_carry = true;
            }
            if side == Side::Income && name.contains("合计") {
                after_carry = false;
            }
            let cells = cells(&r.values, &cols, r.at, diags);
            rows.push(Row { code, name, side: Some(side), cells, at: r.at });
        }
    }
    rows.sort_by_key(|r| r.side != Some(Side::Income));
    Some(budget_table(lines, id, title, unit, columns, rows))
}

/// The scheme of a table's codes: economic for the 经济分类 tables, else function.
fn scheme(id: TableId) -> Scheme {
    match id {
        TableId::B06 | TableId::B14 | TableId::B17 => Scheme::Economic,
        _ => Scheme::Function,
    }
}

/// A table of code (or named) rows and amount columns (B02, B03, B05, B06, B08 …).
fn listed(
    id: TableId,
    title: &str,
    lines: &[Line],
    segs: &[Segment],
    year: Option<u16>,
    diags: &mut Diags,
) -> Option<Table> {
    let parts: Vec<&Segment> = segs.iter().filter(|s| !s.columns.is_empty()).collect();
    let first = parts.first()?;
    let unit = unit_or_default(id, lines, diags);
    let mut columns: Vec<String> = Vec::new();
    let mut rows: Vec<Row> = Vec::new();
    let mut coded_seen = false;
    let economic_halves = scheme(id) == Scheme::Economic && parts.len() >= 2;
    for seg in &parts {
        // side-by-side halves of an economic table (人员经费 | 公用经费) have one column each
        let cols: Vec<String> = if economic_halves && seg.columns.len() == 1 {
            vec!["合计".to_string()]
        } else if seg.columns.len() == first.columns.len() && !economic_halves {
            column_names(first, year)
        } else {
            column_names(seg, year)
        };
        for c in &cols {
            if !columns.contains(c) {
                columns.push(c.clone());
            }
        }
        for r in &seg.rows {
            let digits: String = r.code.split('/').next().unwrap_or("").to_string();
            let code = Code::parse_detailed(scheme(id), &digits).or_else(|| Code::parse(Scheme::Function, &digits));
            let mut name = word(&r.name);
            if code.is_none() && matches!(name.as_str(), "合计" | "总计") || name.contains("合计") && name.len() <= 12
            {
                name = match name.as_str() {
                    "人员经费合计" | "公用经费合计" => name,
                    _ => "合计".to_string(),
                };
            }
            // the total printed above the codes without a label (its cell merged away)
            if code.is_none()
                && name.is_empty()
                && !coded_seen
                && rows.is_empty()
                && r.values.iter().any(Option::is_some)
            {
                name = "合计".to_string();
            }
            coded_seen |= code.is_some();
            if code.is_none() && name.is_empty() {
                continue;
            }
            let cells = cells(&r.values, &cols, r.at, diags);
            if code.is_none() && cells.is_empty() && r.values.iter().all(Option::is_none) && name.chars().count() > 30 {
                continue;
            }
            rows.push(Row { code, name, side: None, cells, at: r.at });
        }
    }
    if rows.is_empty() {
        return None;
    }
    Some(budget_table(lines, id, title, unit, columns, rows))
}

/// B07 from its grid: each amount's item (ITEMS_07) from its column path and its row's name;
/// the budget year's amounts under `预算数`, an earlier year's under `上年预算数`.
fn three_public(title: &str, lines: &[Line], segs: &[Segment], year: Option<u16>, diags: &mut Diags) -> Option<Table> {
    let unit = unit_or_default(TableId::B07, lines, diags);
    let mut rows = super::tables::ItemRows::new();
    let mut columns: Vec<String> = Vec::new();
    let mut any = false;
    // the budget's year: the report's, else the latest a header names
    let year = year.or_else(|| {
        segs.iter()
            .flat_map(|s| s.columns.iter().flatten())
            .filter_map(|w| leading_year(&word(w)).map(|(y, _)| y))
            .max()
    });
    let earlier = |w: &str| {
        w.contains("上年")
            || year.is_some_and(|y| {
                let digits: String = w.chars().filter(|c| c.is_ascii_digit()).take(4).collect();
                digits.len() == 4 && digits.parse::<u16>().is_ok_and(|d| d < y && d > 1990)
            })
    };
    // the columns under a “三公” heading first: their 小计 is the 三公 total, where a 合计
    // outside them also adds 会议费 and 培训费
    let under_sangong = |path: &[String]| path.iter().any(|p| p.contains("三公"));
    let mut first_row: Option<(String, String)> = None;
    for seg in segs {
        // each column's header words and each row's words, made once (per row and column
        // they cost the rows × columns² of a wide table)
        let path_words: Vec<Vec<String>> = seg.columns.iter().map(|p| p.iter().map(|w| word(w)).collect()).collect();
        let mut cols: Vec<usize> = (0..seg.columns.len()).collect();
        cols.sort_by_key(|&c| !under_sangong(&seg.columns[c]));
        for r in &seg.rows {
            let own = word(&r.name);
            // the row's texts that are not amounts
            let texts: Vec<String> =
                r.values.iter().flatten().map(|t| word(t)).filter(|t| crate::text::parse_amount(t).is_none()).collect();
            // the row's year, printed in a 年度 column of its own (`2025 年`, Shenzhen)
            let row_year = texts.iter().find(|t| leading_year(t).is_some_and(|(_, rest)| rest.is_empty()));
            for &c in &cols {
                let (Some(t), Some(path)) = (r.values.get(c).and_then(|v| v.as_ref()), seg.columns.get(c)) else {
                    continue;
                };
                let words: Vec<String> = std::iter::once(own.clone()).chain(path_words[c].iter().cloned()).collect();
                // 上年结转（结余）: last year's funds carried over, not last year's budget
                let carried = words.iter().any(|w| w.contains("上年结转") || w.contains("上年结余"));
                let col = if carried {
                    "上年结转"
                } else if words.iter().chain(row_year).any(|w| earlier(w)) {
                    "上年预算数"
                } else {
                    // a column of one fund (`一般公共预算`, `政府性基金预算`, `其他资金`):
                    // that fund's part of the item's 预算数
                    path_words[c].iter().rev().find_map(|w| fund_column(w)).unwrap_or("预算数")
                };
                if words.iter().chain(&texts).any(|w| w.contains("增减") || w.contains("比上年") || w.contains('%'))
                {
                    continue;
                }
                // `“三公”经费财政拨款预算总额`: the total
                let total = words.iter().any(|w| w.contains("三公") && (w.contains("总额") || w.contains("合计")));
                // a row naming an item (`（一）因公出国（境）支出`, `“三公”经费`) is that item,
                // whatever its column (a fund); else the column path names it
                let by_row = if own.contains("三公") {
                    Some("合计".to_string())
                } else {
                    super::tables::item_07(std::slice::from_ref(&own)).filter(|i| i != "合计")
                };
                let from_row = by_row.is_some();
                let Some(item) =
                    by_row.or_else(|| super::tables::item_07(&words)).or_else(|| total.then(|| "合计".to_string()))
                else {
                    diags.info(
                        "table.unknown_column",
                        format!("“三公”经费表的列无法对应到标准项目：{}", path.join(" / ")),
                        format!("a column of the 三公 table names no standard item: {}", path.join(" / ")),
                        Some(r.at),
                    );
                    continue;
                };
                let Some(v) = grid_value(t, r.at, diags) else { continue };
                // a table by unit (its items across): the first row with amounts is the whole
                // (合计, or the department), a later row a unit's, `unit/item`
                let row_key = (r.code.clone(), r.name.clone());
                let first = first_row.get_or_insert_with(|| row_key.clone());
                // a row of one year (`2025年`, `2026 年`: Shenzhen) is no unit's
                let year_row = row_year.is_some() || own.char_indices().any(|(i, _)| leading_year(&own[i..]).is_some());
                let item = if from_row || year_row || *first == row_key || matches!(own.as_str(), "合计" | "总计") {
                    item
                } else {
                    format!("{own}/{item}")
                };
                any = true;
                if !columns.iter().any(|c| c == col) {
                    columns.push(col.to_string());
                }
                rows.put(&item, r.at, col, v);
            }
        }
    }
    if !any && segs.iter().all(|s| s.rows.is_empty()) {
        return None;
    }
    // a table by fund with no total column (Shenzhen): an item's 预算数 is the sum of its
    // fund columns, every one read from the grid (`placed`: by the identity, not printed)
    let mut rows = rows.rows;
    for row in rows.iter_mut().filter(|r| r.cells.iter().all(|c| c.column != "预算数")) {
        let funds: Vec<Decimal> =
            row.cells.iter().filter(|c| FUNDS_07.contains(&c.column.as_str())).map(|c| c.value).collect();
        if !funds.is_empty() {
            row.cells.push(Cell::new("预算数", funds.iter().sum(), Read::Placed));
            if !columns.iter().any(|c| c == "预算数") {
                columns.push("预算数".to_string());
            }
        }
    }
    Some(budget_table(lines, TableId::B07, title, unit, super::tables::columns_07(columns, "预算数"), rows))
}

/// The fund columns of a 三公 table split by fund (EXPORT.md), each a part of the item's
/// 预算数.
pub const FUNDS_07: [&str; 4] = ["一般公共预算拨款", "政府性基金预算拨款", "国有资本经营预算拨款", "其他资金"];

/// The standard name of a 三公 table's fund column (EXPORT.md), from one header word; a
/// heading over the whole table (`一般公共预算拨款安排的“三公”经费预算`) names no fund.
fn fund_column(w: &str) -> Option<&'static str> {
    if w.contains("三公") || w.contains("合计") || w.contains("小计") {
        return None;
    }
    if w.contains("一般公共预算") {
        Some("一般公共预算拨款")
    } else if w.contains("政府性基金") {
        Some("政府性基金预算拨款")
    } else if w.contains("国有资本经营") {
        Some("国有资本经营预算拨款")
    } else if w == "其他资金" || w == "其他" {
        Some("其他资金")
    } else {
        None
    }
}

/// Reads one budget table's region.
fn read_one(
    id: TableId,
    title: &str,
    lines: &[Line],
    grids: &[&Grid],
    year: Option<u16>,
    diags: &mut Diags,
) -> Option<Table> {
    let segs = grid_table::read(grids, lines);
    if segs.iter().all(|s| s.rows.is_empty()) {
        return None;
    }
    match id {
        TableId::B01 | TableId::B04 => two_sided(id, title, lines, &segs, year, diags),
        TableId::B07 => three_public(title, lines, &segs, year, diags),
        _ => listed(id, title, lines, &segs, year, diags),
    }
}

/// Amounts printed in a table's lines (with decimals).
fn has_amounts(lines: &[Line]) -> bool {
    lines.iter().any(super::has_decimal_amount)
}

/// The budget tables of the regions `(id, start, end)` (in document order): a region
/// right after one of the same table continues it; of the same table printed twice, the
/// first that reads is kept (a contents line names a table too, and has no grid).
pub fn read(
    lines: &[Line],
    grids: &[Grid],
    regions: &[(TableId, usize, usize)],
    year: Option<u16>,
    diags: &mut Diags,
) -> Vec<Table> {
    // consecutive regions of one table joined
    let mut joined: Vec<(TableId, usize, Vec<Line>)> = Vec::new();
    for &(id, s, e) in regions {
        match joined.last_mut() {
            Some((last, _, ls)) if *last == id => ls.extend_from_slice(&lines[s..e]),
            _ => joined.push((id, s, lines[s..e].to_vec())),
        }
    }
    let mut out: Vec<Table> = Vec::new();
    for (id, s, ls) in &joined {
        if out.iter().any(|t| t.id == *id) {
            if has_amounts(ls) {
                diags.warn(
                    "table.duplicate",
                    format!("表 {} 出现多次，只读取第一次", id.code()),
                    format!("table {} appears more than once; the first is read", id.code()),
                    Some(lines[*s].at),
                );
            }
            continue;
        }
        let title = normalize_name(&lines[*s].text);
        let here = grid_table::grids_in(grids, ls);
        let mut scratch = Diags::default();
        if let Some(t) = read_one(*id, &title, ls, &here, year, &mut scratch) {
            diags.absorb(scratch);
            out.push(t);
        } else if has_amounts(ls) {
            diags.warn(
                "table.unread",
                format!("表 {}（{}）没有可读的表格线，未读取", id.code(), id.standard_name()),
                format!("table {} ({}) has no ruled grid to read; not read", id.code(), id.standard_name()),
                Some(lines[*s].at),
            );
        }
    }
    out.sort_by_key(|t| t.id);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_by_standard_words() {
        let t = |s: &str| title_in(s);
        assert_eq!(t("预算01表 收支总表"), Some(TableId::B01));
        assert_eq!(t("2026 年部门收支总体情况表"), Some(TableId::B01));
        assert_eq!(t("2026年预算单位财务收支预算总表"), Some(TableId::B01));
        assert_eq!(t("部门收入总表"), Some(TableId::B02));
        assert_eq!(t("公开表2 收入总体情况表"), Some(TableId::B02));
        assert_eq!(t("本年支出总体情况表"), Some(TableId::B03));
        assert_eq!(t("2026 年度财政拨款收支预算总表"), Some(TableId::B04));
        assert_eq!(t("2026年预算单位一般公共预算支出功能分类预算表"), Some(TableId::B05));
        assert_eq!(t("五、本年一般公共预算支出表"), Some(TableId::B05));
        assert_eq!(t("2026年预算单位一般公共预算基本支出部门预算经济分类预算表"), Some(TableId::B06));
        assert_eq!(t("表7 2020年部门综合预算一般公共预算基本支出明细表（按支出功能分类科目）"), Some(TableId::B15));
        assert_eq!(t("表6 2019年部门综合预算一般公共预算支出明细表（按支出经济分类科目）"), Some(TableId::B14));
        assert_eq!(t("财政拨款安排的行政经费及“三公”经费预算表"), Some(TableId::B07));
        assert_eq!(t("2026年单位“三公”经费和机关运行经费预算表"), Some(TableId::B07));
        assert_eq!(t("一般公共预算机关运行经费支出预算表"), Some(TableId::B12));
        assert_eq!(t("2026年预算单位政府性基金预算支出功能分类预算表"), Some(TableId::B08));
        assert_eq!(t("国有资本经营预算支出预算表"), Some(TableId::B09));
        assert_eq!(t("部门预算项目支出及其他支出预算表"), Some(TableId::B10));
        assert_eq!(t("部门预算基本支出预算表"), Some(TableId::B13));
        assert_eq!(t("政府采购预算明细表"), Some(TableId::B11));
        assert_eq!(t("财政拨款支出表（功能科目）"), Some(TableId::B16));
        assert_eq!(t("财政拨款基本支出表（经济科目）"), Some(TableId::B17));
        assert_eq!(t("收支总表（预算表1）"), Some(TableId::B01));
        assert_eq!(t("项目支出绩效目标表"), None);
        assert_eq!(t("收入支出决算总表"), None);
        assert_eq!(t("财政拨款政府购买服务明细表"), None);
        assert_eq!(t("2019年部门综合预算财政拨款结转资金支出表"), None);
        assert_eq!(t("收支总表的说明"), None);
    }

    #[test]
    fn amounts_run_together_are_split() {
        assert_eq!(split_run("174,900.64101,833.84"), Some(("174,900.64".into(), "101,833.84".into())));
        assert_eq!(split_run("238.0041,534.73"), Some(("238.00".into(), "41,534.73".into())));
        assert_eq!(split_run("41,534.73"), None);
        assert_eq!(split_run("1.2.3"), None);
    }

    #[test]
    fn column_names_by_standard_words() {
        let p = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let n = |v: &[&str]| column_name(&p(v), Some(2026));
        assert_eq!(n(&["基本支出", "小计"]), "基本支出");
        assert_eq!(n(&["本年预算", "合计"]), "合计");
        assert_eq!(n(&["财政拨款", "一般公共预算"]), "一般公共预算拨款");
        assert_eq!(n(&["其中：事业收入"]), "事业收入");
        assert_eq!(n(&["2026年预算数"]), "合计");
        assert_eq!(n(&["2026年预算数", "年初预算数", "基本支出"]), "基本支出");
        assert_eq!(n(&["2025年执行数", "执行数"]), "上年执行数");
        assert_eq!(n(&["预算03表支出总表", "其中", "事业单位经营支出"]), "其中/事业单位经营支出");
        assert_eq!(n(&["预算03表支出总表", "项目支出"]), "项目支出");
        assert_eq!(n(&["资产配置", "数量"]), "资产配置/数量");
    }
}
