//! 项目支出绩效自评表: header (项目名称, 主管部门, 实施单位), the funds block, the year's
//! goals, every indicator with its 一级/二级 labels, and the 总分 row.
//!
//! Extracted text prints the vertical 一级/二级 labels as fragments (`产\n出\n指\n标`), wraps
//! every cell over lines, and leaves no trace of cell borders. Labels are recognised by
//! matching fragments against the standard label names; a row ends at its pair of scores
//! (分值, 得分); the text before the scores is split into 三级指标, 年度指标值 and
//! 实际完成值 by repeated values, value shapes (number + unit, dates, rates) and line
//! breaks. The funds block is read by `funds`.
//!
//! A PDF that draws the table's ruling is read from its grids instead (`ruled`): every
//! cell is then in its column by geometry. The lines are read when the region has no grid
//! or its grids have no indicator header.
//!
//! 绩效目标表 and 部门整体绩效自评表 (`read_block`) are read from grids only: a block of
//! such pages is split into tables by `ruled` (the form: one table per 项目名称 grid) and by
//! `listed` (a list: one row or a run of rows per project under one column header). A
//! block whose pages draw no ruling is not read, with a note saying so.

mod funds;
mod listed;
mod ruled;

use rust_decimal::Decimal;

use super::Diags;
use crate::grid::Grid;
use crate::layout::Line;
use crate::model::{Indicator, Location, MoneyUnit, PerformanceKind, PerformanceTable, Read};
use crate::text::{has_cjk, is_cjk, is_dash, join_wrapped, normalize_name, parse_amount, parse_percent, tidy_spaces};

const LEVEL1: [&str; 3] = ["产出指标", "效益指标", "满意度指标"];
const LEVEL2: [&str; 9] = [
    "数量指标",
    "质量指标",
    "时效指标",
    "成本指标",
    "经济效益指标",
    "社会效益指标",
    "生态效益指标",
    "可持续影响指标",
    "服务对象满意度指标",
];

/// Reads the table of a region: from `grids` (the region's ruled grids) when they hold it,
/// else from its lines.
pub fn read(n: usize, lines: &[Line], grids: &[&Grid], diags: &mut Diags) -> PerformanceTable {
    let at = lines.first().map(|l| l.at).unwrap_or_default();
    let title = lines.first().map(|l| normalize_name(&l.text)).unwrap_or_default();
    let unit = unit_of(lines);
    let id = format!("P{n:02}");
    if let Some(r) = ruled::read(&id, grids, lines, diags) {
        return from_grid(id, title, unit, at, r, diags);
    }
    let find = |pred: &dyn Fn(&str) -> bool, from: usize| {
        lines.iter().skip(from).position(|l| pred(l.compact())).map(|p| p + from)
    };
    let name_at = find(&|c| c.starts_with("项目名称"), 0).unwrap_or(1.min(lines.len()));
    let funds_at = find(&|c| c.starts_with("年度资金总") || c.starts_with("项目资金"), name_at);
    let goal_at = find(&|c| c.contains("预期目标"), name_at);
    let header_at = find(&|c| c.contains("三级指标"), goal_at.unwrap_or(name_at));
    let total_at = find(&|c| c.starts_with("总分"), header_at.unwrap_or(name_at));

    let head_end = funds_at.or(goal_at).unwrap_or(lines.len());
    let (project, department, implementer) = header_fields(&lines[name_at..head_end.max(name_at)]);
    let mut table = PerformanceTable {
        id,
        kind: PerformanceKind::SelfEvaluation,
        title,
        unit,
        project,
        department,
        implementer,
        funds: Vec::new(),
        goal_expected: String::new(),
        goal_actual: String::new(),
        indicators: Vec::new(),
        total: None,
        read: Read::Placed,
        at,
    };
    if let Some(f) = funds_at {
        table.funds = funds::read(&table.id, &lines[f..goal_at.unwrap_or(lines.len()).max(f)], unit, diags);
    } else {
        diags.warn(
            "performance.no_funds",
            format!("{} 未找到项目资金", table.id),
            format!("{}: no funds block", table.id),
            Some(at),
        );
    }
    if let Some(g) = goal_at {
        let end = header_at.unwrap_or(lines.len()).max(g + 1);
        let (e, a) = goals(&lines[g + 1..end]);
        table.goal_expected = e;
        table.goal_actual = a;
    }
    match header_at {
        Some(h) => {
            let end = total_at.unwrap_or(lines.len());
            table.indicators = indicators(&lines[h + 1..end.max(h + 1)]);
        }
        None => diags.warn(
            "performance.no_indicators",
            format!("{} 未找到绩效指标", table.id),
            format!("{}: no indicator table", table.id),
            Some(at),
        ),
    }
    match total_at {
        Some(t) => {
            let nums: Vec<Decimal> = lines[t].token_texts().filter_map(parse_amount).collect();
            if nums.len() >= 2 {
                table.total = Some((Some(nums[0]), nums[1]));
            } else {
                diags.warn(
                    "performance.total_unreadable",
                    format!("{} 总分行无法读取", table.id),
                    format!("{}: the 总分 row is unreadable", table.id),
                    Some(lines[t].at),
                );
            }
        }
        None => diags.warn(
            "performance.no_total",
            format!("{} 未找到总分", table.id),
            format!("{}: no 总分 row", table.id),
            Some(at),
        ),
    }
    table
}

/// The table as its grids give it, with the line reader's warnings for what is missing.
fn from_grid(
    id: String,
    title: String,
    unit: MoneyUnit,
    at: Location,
    r: ruled::Ruled,
    diags: &mut Diags,
) -> PerformanceTable {
    let missing = |diags: &mut Diags, code: &str, zh: &str, en: &str, where_: Option<Location>| {
        diags.warn(code, format!("{id} {zh}"), format!("{id}: {en}"), where_.or(Some(at)))
    };
    if r.funds.is_empty() {
        missing(diags, "performance.no_funds", "未找到项目资金", "no funds block", None);
    }
    if r.indicators.is_empty() {
        missing(diags, "performance.no_indicators", "未找到绩效指标", "no indicator table", None);
    }
    match (r.total_at, r.total) {
        (None, _) => missing(diags, "performance.no_total", "未找到总分", "no 总分 row", None),
        (Some(t), None) => {
            missing(diags, "performance.total_unreadable", "总分行无法读取", "the 总分 row is unreadable", Some(t))
        }
        _ => {}
    }
    r.fill(blank(id, PerformanceKind::SelfEvaluation, title, unit, at))
}

/// A table read from its grids with nothing in it yet.
fn blank(id: String, kind: PerformanceKind, title: String, unit: MoneyUnit, at: Location) -> PerformanceTable {
    PerformanceTable {
        id,
        kind,
        title,
        unit,
        project: String::new(),
        department: String::new(),
        implementer: String::new(),
        funds: Vec::new(),
        goal_expected: String::new(),
        goal_actual: String::new(),
        indicators: Vec::new(),
        total: None,
        read: Read::Grid,
        at,
    }
}

/// `单位：元` in the first lines of a region, else 万元.
fn unit_of(lines: &[Line]) -> MoneyUnit {
    if lines.iter().take(4).any(|l| l.compact().contains("单位：元") || l.compact().contains("单位:元")) {
        MoneyUnit::Yuan
    } else {
        MoneyUnit::WanYuan
    }
}

/// The tables of a block of 绩效目标表 or 部门整体绩效自评表 pages (`kind` from the block's
/// first title), numbered from `next`: the forms `ruled` finds, then, where no form is
/// found, the lists `listed` finds. A table that states neither indicators nor a project
/// is no table.
pub fn read_block(
    next: usize,
    kind: PerformanceKind,
    lines: &[Line],
    grids: &[&Grid],
    diags: &mut Diags,
) -> Vec<PerformanceTable> {
    let at = lines.first().map(|l| l.at).unwrap_or_default();
    let title = lines.first().map(|l| normalize_name(&l.text)).unwrap_or_default();
    let unit = unit_of(lines);
    // the block's grids in runs: a form from a grid that starts one, a list from a grid
    // with a list header, each continued by the grids after it that start neither (on
    // the same or the next page)
    let mut runs: Vec<(bool, Vec<&Grid>)> = Vec::new();
    for g in grids {
        let list = listed::is_list(g);
        match runs.last_mut() {
            _ if list => runs.push((true, vec![*g])),
            _ if ruled::starts_table(g) => runs.push((false, vec![*g])),
            None if ruled::has_indicator_header(g) => runs.push((false, vec![*g])),
            Some((_, run)) if g.page <= run[run.len() - 1].page + 1 => run.push(g),
            _ => {}
        }
    }
    let mut out: Vec<PerformanceTable> = Vec::new();
    let table = |id: String| blank(id, kind, title.clone(), unit, at);
    for (list, run) in runs {
        let id = format!("P{:02}", next + out.len());
        if list {
            for (id, l) in listed::read(next + out.len(), &run, lines) {
                out.push(PerformanceTable {
                    project: l.project,
                    implementer: l.implementer,
                    funds: l.funds,
                    goal_expected: l.goal,
                    indicators: l.indicators,
                    at: l.at,
                    ..table(id)
                });
            }
        } else if let Some(r) = ruled::read_form(&id, &run, lines, diags) {
            let first = r.at.unwrap_or(at);
            out.push(r.fill(PerformanceTable { at: first, ..table(id) }));
        }
    }
    if out.is_empty() {
        let why = if grids.is_empty() {
            ("页面未画表格线", "its pages draw no ruling")
        } else {
            ("表格中未找到绩效指标表头", "no indicator header in its grids")
        };
        diags.info(
            "performance.targets_unread",
            format!("{}“{title}”未读取：{}", kind.name_zh(), why.0),
            format!("{} '{title}' not read: {}", kind.as_str(), why.1),
            Some(at),
        );
    }
    out
}

/// `项目名称 X 主管部门 Y 实施单位 Z`, each possibly wrapped.
fn header_fields(lines: &[Line]) -> (String, String, String) {
    let text = join_wrapped(lines.iter().map(|l| l.text.as_str()));
    let labels = ["项目名称", "主管部门", "实施单位"];
    let mut found: Vec<(usize, usize)> =
        labels.iter().enumerate().filter_map(|(i, l)| text.find(l).map(|p| (p, i))).collect();
    found.sort();
    let mut out = [String::new(), String::new(), String::new()];
    for (k, (p, i)) in found.iter().enumerate() {
        let start = p + labels[*i].len();
        let end = found.get(k + 1).map(|x| x.0).unwrap_or(text.len());
        out[*i] = tidy_spaces(text[start..end].trim().trim_start_matches(['：', ':']).trim());
    }
    let [a, b, c] = out;
    (a, b, c)
}

fn is_numberish(t: &str) -> bool {
    parse_amount(t).is_some() || parse_percent(t).is_some()
}

/// Label fragments of the vertical 年度总体目标 / 绩效指标 cells.
fn is_goal_label(line: &Line) -> bool {
    let c = line.compact();
    c.chars().count() <= 6 && c.chars().all(|ch| "年度总体目标绩效指标".contains(ch))
}

/// 预期目标 and 实际完成情况: two cells printed one after the other. The first cell ends
/// at the first line that ends a sentence.
fn goals(lines: &[Line]) -> (String, String) {
    let body: Vec<&Line> = lines.iter().filter(|l| !is_goal_label(l)).collect();
    let split = body
        .iter()
        .position(|l| l.text.trim_end().ends_with(['。', '；', '.', '！']))
        .map(|i| i + 1)
        .unwrap_or(body.len());
    let text = |ls: &[&Line]| tidy_spaces(&join_wrapped(ls.iter().map(|l| l.text.as_str())));
    (text(&body[..split]), text(&body[split..]))
}

/// Matches label fragments against the standard 一级/二级 names.
#[derive(Default)]
struct Labels {
    pending: String,
    level1: String,
    level2: String,
}

/// The 一级 label a 二级 label belongs under.
fn parent_of(level2: &str) -> &'static str {
    match level2 {
        "数量指标" | "质量指标" | "时效指标" | "成本指标" => "产出指标",
        "服务对象满意度指标" => "满意度指标",
        _ => "效益指标",
    }
}

/// Labels starting with `s`: any 一级 label, and the 二级 labels of the current 一级.
fn label_candidates<'a>(s: &'a str, level1: &'a str) -> impl Iterator<Item = (&'static str, bool)> + 'a {
    LEVEL1
        .iter()
        .map(|l| (*l, true))
        .chain(LEVEL2.iter().filter(move |l| level1.is_empty() || parent_of(l) == level1).map(|l| (*l, false)))
        .filter(move |(l, _)| l.starts_with(s))
}

impl Labels {
    /// Takes a token if it extends the pending label; updates the current labels when the
    /// pending text names one label only.
    fn take(&mut self, tok: &str, must_complete: bool) -> bool {
        let t: String = tok.chars().filter(|c| !c.is_whitespace()).collect();
        if t.is_empty() || !t.chars().all(is_cjk) {
            return false;
        }
        let extended = format!("{}{}", self.pending, t);
        let next = if label_candidates(&extended, &self.level1).next().is_some() {
            extended
        } else if label_candidates(&t, &self.level1).next().is_some() {
            t
        } else {
            return false;
        };
        let (first, second) = {
            let mut c = label_candidates(&next, &self.level1);
            (c.next(), c.next())
        };
        let complete = first.is_some_and(|(l, _)| l == next);
        if must_complete && !complete && second.is_some() {
            return false;
        }
        if let (Some((l, is1)), None) = (first, second) {
            if is1 {
                if self.level1 != l {
                    self.level1 = l.to_string();
                    self.level2.clear();
                }
            } else {
                self.level2 = l.to_string();
            }
        }
        self.pending = if complete { String::new() } else { next };
        true
    }
}

/// `（50`, `分）`, `（30 分）`: the weight printed under a 一级 label.
fn is_weight_piece(t: &str) -> bool {
    let inner: String = t.chars().filter(|c| !matches!(c, '（' | '）' | '(' | ')' | '分')).collect();
    (t.contains(['（', '）', '(', ')']) || t == "分") && inner.chars().all(|c| c.is_ascii_digit())
}

/// `指标 3：…` (or `指标3:…`) starts a numbered row; returns the rest after the marker.
fn row_marker(tokens: &[String]) -> Option<Vec<String>> {
    if !tokens.first()?.starts_with("指标") {
        return None;
    }
    let joined = tokens.join(" ");
    let rest = joined.strip_prefix("指标")?.trim_start();
    let d = rest.chars().take_while(|c| c.is_ascii_digit()).count();
    if d == 0 {
        return None;
    }
    let after = rest[d..].trim_start();
    // `指标 8;` and `指标 8.` are slips for `指标 8：`
    let after = after.strip_prefix(['：', ':', ';', '；', '.', '、'])?;
    Some(after.split_whitespace().map(String::from).collect())
}

/// The first run of two or more plain numbers up to 100: (start of the scores, end of the run).
fn score_pair(tokens: &[String]) -> Option<(usize, usize)> {
    // scores are plain numbers of at most 100
    let plain = |t: &String| {
        !is_dash(t)
            && !t.contains(',')
            && parse_amount(t).is_some_and(|v| v <= Decimal::ONE_HUNDRED && v >= Decimal::ZERO)
    };
    let mut i = 0;
    while i < tokens.len() {
        if plain(&tokens[i]) {
            let mut j = i;
            while j < tokens.len() && plain(&tokens[j]) {
                j += 1;
            }
            if j - i >= 2 {
                return Some((j - 2, j));
            }
            i = j;
        } else {
            i += 1;
        }
    }
    None
}

struct RowBuf {
    level1: String,
    level2: String,
    /// Text before the scores, by line.
    content: Vec<Vec<String>>,
    /// Lines after the scores that continue the row (not a deviation).
    continued: Vec<String>,
    scores: Option<(Decimal, Decimal)>,
    scores_with_content: bool,
    deviation: Vec<String>,
    /// Started by `指标 N：`: lines after its scores belong to it until the next marker.
    marked: bool,
    at: Location,
}

fn indicators(lines: &[Line]) -> Vec<Indicator> {
    // skip the rest of the column header (`分\n值\n得\n分`, `偏差原因分析`, `及改进措施`)
    let is_header_piece = |l: &Line| {
        let c = l.compact();
        c.chars().count() <= 12 && c.chars().all(|ch| "分值得偏差原因分析及改进措施年度指标值实际完成值".contains(ch))
    };
    let skip = lines.iter().take_while(|l| is_header_piece(l)).count();
    let lines = &lines[skip..];
    let mut labels = Labels::default();
    let mut rows: Vec<RowBuf> = Vec::new();
    let mut cur: Option<RowBuf> = None;
    let finish = |cur: &mut Option<RowBuf>, rows: &mut Vec<RowBuf>| {
        if let Some(r) = cur.take() {
            if r.scores.is_some() {
                rows.push(r);
            }
        }
    };
    for line in lines {
        let mut toks: Vec<String> = line.token_texts().map(String::from).collect();
        // label pieces and weights at the start of the line
        loop {
            let Some(first) = toks.first() else { break };
            if row_marker(&toks).is_some() {
                break;
            }
            if is_weight_piece(first) {
                toks.remove(0);
                continue;
            }
            let alone = toks.len() == 1 || toks.get(1).is_some_and(|n| n.starts_with("指标"));
            if labels.take(first, !alone) {
                toks.remove(0);
                continue;
            }
            break;
        }
        if toks.is_empty() {
            continue;
        }
        if toks.iter().all(|t| t.chars().all(|c| c == '…' || c == '.')) {
            finish(&mut cur, &mut rows);
            continue;
        }
        let new_row = |content: Vec<String>, labels: &Labels, marked: bool| RowBuf {
            marked,
            level1: labels.level1.clone(),
            level2: labels.level2.clone(),
            content: if content.is_empty() { Vec::new() } else { vec![content] },
            continued: Vec::new(),
            scores: None,
            scores_with_content: false,
            deviation: Vec::new(),
            at: line.at,
        };
        let pending_tokens = if let Some(rest) = row_marker(&toks) {
            finish(&mut cur, &mut rows);
            cur = Some(new_row(Vec::new(), &labels, true));
            rest
        } else {
            match cur.as_mut() {
                Some(r) if r.scores.is_some() => {
                    let (w, s) = r.scores.unwrap();
                    let has_scores = score_pair(&toks).is_some();
                    // a line with its own pair of scores is a row of its own
                    if !has_scores && (r.marked || s < w) {
                        // a name cell cut by a page break continues after a one-line row
                        if s == w && r.scores_with_content && r.deviation.is_empty() {
                            r.continued.push(toks.join(" "));
                        } else {
                            r.deviation.push(toks.join(" "));
                        }
                        continue;
                    }
                    finish(&mut cur, &mut rows);
                    cur = Some(new_row(Vec::new(), &labels, false));
                    toks
                }
                Some(_) => toks,
                None => {
                    cur = Some(new_row(Vec::new(), &labels, false));
                    toks
                }
            }
        };
        let r = cur.as_mut().unwrap();
        match score_pair(&pending_tokens) {
            Some((s, e)) => {
                let w = parse_amount(&pending_tokens[s]).unwrap_or_default();
                let g = parse_amount(&pending_tokens[s + 1]).unwrap_or_default();
                r.scores = Some((w, g));
                if s > 0 {
                    r.content.push(pending_tokens[..s].to_vec());
                    r.scores_with_content = r.content.len() == 1;
                }
                if e < pending_tokens.len() {
                    r.deviation.push(pending_tokens[e..].join(" "));
                }
            }
            None => {
                if !pending_tokens.is_empty() {
                    r.content.push(pending_tokens);
                }
            }
        }
    }
    finish(&mut cur, &mut rows);
    rows.into_iter().map(to_indicator).collect()
}

fn to_indicator(r: RowBuf) -> Indicator {
    let mut lines = r.content;
    if !r.continued.is_empty() {
        let extra: Vec<String> = r.continued.iter().flat_map(|l| l.split_whitespace().map(String::from)).collect();
        if !lines.is_empty() {
            // the name cell wrapped onto the lines after the scores
            let first = &mut lines[0];
            let name_len = first.iter().take_while(|t| !is_numberish(t)).count().max(1).min(first.len());
            let tail: Vec<String> = first.split_off(name_len);
            first.extend(extra);
            first.extend(tail);
        } else {
            lines.push(extra);
        }
    }
    let flat: Vec<String> = lines.concat();
    let (name, target, actual) = split_equal(&flat).unwrap_or_else(|| split_cells(&merge_lines(&lines)));
    let (weight, score) = r.scores.map(|(w, s)| (Some(w), Some(s))).unwrap_or((None, None));
    Indicator {
        level1: r.level1,
        level2: r.level2,
        name: normalize_name(&name),
        target: tidy_spaces(&target),
        direction: String::new(),
        measure: String::new(),
        actual: tidy_spaces(&actual),
        weight,
        score,
        deviation: tidy_spaces(&join_wrapped(r.deviation.iter().map(String::as_str))),
        at: r.at,
    }
}

/// Line tokens → one list, joining a word a wrap cut in two (CJK on both sides, the
/// earlier line not ending a sentence, the later token not leading into a number).
fn merge_lines(lines: &[Vec<String>]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for l in lines {
        for (i, t) in l.iter().enumerate() {
            let join = i == 0
                && !l.get(1).is_some_and(|n| starts_numberish(n))
                && out.last().is_some_and(|p: &String| {
                    let a = p.chars().last().unwrap_or(' ');
                    let b = t.chars().next().unwrap_or(' ');
                    is_cjk(a) && is_cjk(b) && !matches!(a, '。' | '；' | '！')
                });
            if join {
                out.last_mut().unwrap().push_str(t);
            } else {
                out.push(t.clone());
            }
        }
    }
    out
}

fn starts_numberish(t: &str) -> bool {
    t.starts_with(|c: char| c.is_ascii_digit() || "≥≤≧≦＞＜><".contains(c)) || parse_percent(t).is_some()
}

fn is_unit(t: &str) -> bool {
    !t.chars().any(|c| c.is_ascii_digit())
        && (t.chars().count() <= 4 || t.contains('/'))
        && has_cjk(t)
        && !t.ends_with('。')
}

fn is_year(t: &str) -> bool {
    t.len() == 4 && t.starts_with("20") && t.bytes().all(|b| b.is_ascii_digit())
}

/// The start of the value that ends at `end`: a rate or number, `number unit` pairs
/// (one unit each, a date starting at its year), or one text token; with a short lead-in
/// (`至年底达 100%`, `制作工装 34 套`) when one stands before it.
fn value_start(tokens: &[String], end: usize) -> usize {
    if end == 0 {
        return 0;
    }
    let mut k = end;
    if starts_numberish(&tokens[k - 1]) {
        k -= 1;
    } else {
        // one `number unit` pair, or a date of several pairs that starts at its year
        let mut j = k;
        let mut pairs = 0;
        while j >= 2 && is_unit(&tokens[j - 1]) && starts_numberish(&tokens[j - 2]) && pairs < 3 {
            j -= 2;
            pairs += 1;
            if is_year(&tokens[j]) {
                break;
            }
        }
        if pairs > 0 {
            k = if is_year(&tokens[j]) { j } else { k - 2 };
        }
        if k == end {
            return k - 1;
        }
    }
    let lead_in = k >= 2
        && !starts_numberish(&tokens[k - 2])
        && tokens[k - 1].chars().count() <= 4
        && has_cjk(&tokens[k - 1])
        && !tokens[k - 1].ends_with(['。', '；', '，'])
        && !starts_numberish(&tokens[k - 1]);
    if lead_in {
        k - 1
    } else {
        k
    }
}

/// A row whose 年度指标值 and 实际完成值 are the same text, however wrapped.
fn split_equal(tokens: &[String]) -> Option<(String, String, String)> {
    let n = tokens.len();
    let text = |a: usize, b: usize| join_wrapped(tokens[a..b].iter().map(String::as_str));
    // all tokens run together; `off[i]` is where token i starts
    let joined: String = tokens.concat();
    let mut off = Vec::with_capacity(n + 1);
    let mut at = 0;
    for t in tokens {
        off.push(at);
        at += t.len();
    }
    off.push(at);
    for j in (2..n).rev() {
        let right = &joined[off[j]..];
        for i in (1..j).rev() {
            let left = &joined[off[i]..off[j]];
            if left.len() > right.len() {
                break;
            }
            if left == right {
                return Some((text(0, i), text(i, j), text(j, n)));
            }
        }
    }
    None
}

/// Splits a row's text into 三级指标, 年度指标值, 实际完成值 by the shapes of values.
fn split_cells(tokens: &[String]) -> (String, String, String) {
    let n = tokens.len();
    let text = |a: usize, b: usize| join_wrapped(tokens[a..b].iter().map(String::as_str));
    let a_start = value_start(tokens, n);
    let t_start = value_start(tokens, a_start);
    if t_start == 0 {
        // two cells only: a name and one value
        return (
            text(0, a_start.max(1).min(n)),
            String::new(),
            if a_start == 0 { String::new() } else { text(a_start, n) },
        );
    }
    (text(0, t_start), text(t_start, a_start), text(a_start, n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn cells_split_by_repeated_values_and_shapes() {
        // (row text, 三级指标, 年度指标值, 实际完成值); `=` marks rows read as the same value twice
        let cases = [
            ("=", "12333 电话咨询服务费 27 人/年 27 人/年", "12333电话咨询服务费", "27人/年", "27人/年"),
            (
                "=",
                "文书档案 2000-2022 年文书档案等 2000-2022 年 文书档案等",
                "文书档案",
                "2000-2022年文书档案等",
                "2000-2022年文书档案等",
            ),
            ("=", "减少纸质翻阅 有效 有效", "减少纸质翻阅", "有效", "有效"),
            ("", "资金支付进度 至年底达 100% 98%", "资金支付进度", "至年底达100%", "98%"),
            ("", "电路租用服务 31.6 万元/年 30.72 万元/年", "电路租用服务", "31.6万元/年", "30.72万元/年"),
            ("", "重点群体就业失业监测服务 1 年 1", "重点群体就业失业监测服务", "1年", "1"),
            ("", "项目完成时限 2022 年 12 月完成 已完成", "项目完成时限", "2022年12月完成", "已完成"),
            ("", "执法检查等费用 制作工装 34 套 制作工装 3 套", "执法检查等费用", "制作工装34套", "制作工装3套"),
            ("", "12333 电话咨询服务费 241.42 万元 241.5 万元", "12333电话咨询服务费", "241.42万元", "241.5万元"),
            ("", "使用人员满意度 ≥95% ≥90%", "使用人员满意度", "≥95%", "≥90%"),
        ];
        for (equal, row, name, target, actual) in cases {
            let expected = (name.to_string(), target.to_string(), actual.to_string());
            let got = if equal == "=" { split_equal(&toks(row)) } else { Some(split_cells(&toks(row))) };
            assert_eq!(got, Some(expected), "{row}");
        }
    }

    #[test]
    fn scores_are_the_first_pair_of_plain_numbers() {
        assert_eq!(score_pair(&toks("1 年 1 2 2")), Some((3, 5)));
        assert_eq!(score_pair(&toks("100% 90.00% 4 3.8 项目执行率 94.21%")), Some((2, 4)));
        assert_eq!(score_pair(&toks("27 人/年 27 人/年")), None);
    }

    #[test]
    fn labels_from_fragments() {
        let mut l = Labels::default();
        for t in ["产", "出", "指", "标"] {
            assert!(l.take(t, false));
        }
        assert_eq!(l.level1, "产出指标");
        assert!(l.take("成本指", false));
        assert_eq!(l.level2, "成本指标");
        assert!(l.take("标", false));
        assert!(!l.take("档案保管条件", false));
    }
}
