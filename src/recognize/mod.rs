//! Lines → the typed report. Finds the parts of the document (概况, the nine tables, the
//! narrative, the glossary, the performance self-evaluations and target tables) by their standard names and
//! codes, never by line or page numbers, and hands each region to its reader. Never
//! fails: whatever is not understood becomes a diagnostic with its location.

pub mod budget;
pub mod grid_table;
mod performance;
pub mod placement;
mod prose;
pub mod tables;

use rust_decimal::Decimal;

use crate::grid::Grid;
use crate::layout::Line;
use crate::model::{Diagnostic, DocumentKind, Heading, Location, PerformanceKind, Report, Severity, Source, TableId};
use crate::text::match_key;
use tables::Context;

/// Most diagnostics listed per code; the rest are counted and said in one more line (a
/// 240,000-row table with a blank total would otherwise list 240,000 of them).
pub const MAX_DIAGNOSTICS_PER_CODE: usize = 200;

/// Diagnostics collected while reading.
#[derive(Default)]
pub struct Diags(pub Vec<Diagnostic>, std::collections::HashMap<String, usize>);

impl Diags {
    pub fn push(
        &mut self,
        severity: Severity,
        code: &str,
        zh: impl Into<String>,
        en: impl Into<String>,
        at: Option<Location>,
    ) {
        let seen = self.1.entry(code.to_string()).or_insert(0);
        *seen += 1;
        if *seen <= MAX_DIAGNOSTICS_PER_CODE {
            self.0.push(Diagnostic { severity, code: code.into(), message_zh: zh.into(), message_en: en.into(), at });
        }
    }

    /// Takes another collection's diagnostics in, within this one's maximum per code.
    pub fn absorb(&mut self, other: Diags) {
        let Diags(listed, counts) = other;
        for d in listed {
            let seen = self.1.entry(d.code.clone()).or_insert(0);
            *seen += 1;
            if *seen <= MAX_DIAGNOSTICS_PER_CODE {
                self.0.push(d);
            }
        }
        for (code, n) in counts {
            let omitted = n.saturating_sub(MAX_DIAGNOSTICS_PER_CODE);
            *self.1.entry(code).or_insert(0) += omitted;
        }
    }

    /// The diagnostics, with one line per code for those past the listed maximum.
    pub fn finish(mut self) -> Vec<Diagnostic> {
        let mut over: Vec<(String, usize)> =
            self.1.iter().filter(|(_, n)| **n > MAX_DIAGNOSTICS_PER_CODE).map(|(c, n)| (c.clone(), *n)).collect();
        over.sort();
        for (code, n) in over {
            let more = n - MAX_DIAGNOSTICS_PER_CODE;
            let severity = self.0.iter().find(|d| d.code == code).map_or(Severity::Info, |d| d.severity);
            self.0.push(Diagnostic {
                severity,
                code: code.clone(),
                message_zh: format!("另有 {more} 条同类提示（{code}）未列出"),
                message_en: format!("{more} more of the same ({code}) not listed"),
                at: None,
            });
        }
        self.0
    }
    pub fn warn(&mut self, code: &str, zh: impl Into<String>, en: impl Into<String>, at: Option<Location>) {
        self.push(Severity::Warning, code, zh, en, at);
    }
    pub fn info(&mut self, code: &str, zh: impl Into<String>, en: impl Into<String>, at: Option<Location>) {
        self.push(Severity::Info, code, zh, en, at);
    }
}

fn has_decimal_amount(line: &Line) -> bool {
    line.token_texts().any(tables::is_decimal_amount)
}

/// What the document is, from its first lines: the earliest of 决算, 预算, 绩效目标 and
/// 绩效自评 in the title page's text.
fn kind(lines: &[Line]) -> DocumentKind {
    let mut head = String::new();
    for l in lines.iter().take(40) {
        head.push_str(l.compact());
        if head.len() > 1200 {
            break;
        }
    }
    [
        ("绩效评价报告", DocumentKind::PerformanceReport),
        ("决算", DocumentKind::Final),
        ("预算", DocumentKind::Budget),
        ("绩效目标", DocumentKind::PerformanceTargets),
        ("绩效自评", DocumentKind::SelfEvaluation),
    ]
    .iter()
    .filter_map(|(w, k)| head.find(w).map(|p| (p, *k)))
    .min_by_key(|(p, _)| *p)
    .map_or(DocumentKind::Unknown, |(_, k)| k)
}

impl Mark {
    /// The mark, or `Other` for a budget table's (read by `budget`).
    fn filter_final(&self) -> &Mark {
        match self {
            Mark::Table(id) if id.is_budget() => &Mark::Other,
            m => m,
        }
    }
}

/// Whose accounts, from the title page: the first of 单位预算/单位决算 (a unit), 部门预算/部门决算
/// (a department) and 汇总 there.
fn scope(lines: &[Line]) -> Option<crate::model::Scope> {
    use crate::model::Scope;
    let mut head = String::new();
    for l in lines.iter().take(40) {
        head.push_str(l.compact());
        if head.len() > 1200 {
            break;
        }
    }
    [
        ("汇总", Scope::Summary),
        ("单位预算", Scope::Unit),
        ("单位决算", Scope::Unit),
        ("部门预算", Scope::Department),
        ("部门决算", Scope::Department),
        ("部门综合预算", Scope::Department),
    ]
    .iter()
    .filter_map(|(w, k)| head.find(w).map(|p| (p, *k)))
    .min_by_key(|(p, _)| *p)
    .map(|(_, k)| k)
}

/// What starts a region of the document.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Mark {
    /// 第N部分
    Part(u8),
    Table(TableId),
    Performance(PerformanceKind),
    /// A table title that names none of the nine tables.
    Other,
}

const CN: [char; 9] = ['一', '二', '三', '四', '五', '六', '七', '八', '九'];

fn part_number(line: &Line) -> Option<u8> {
    let c = line.compact();
    let rest = c.strip_prefix('第')?;
    let d = rest.chars().next()?;
    let n = CN.iter().position(|x| *x == d)? as u8 + 1;
    rest[d.len_utf8()..].starts_with("部分").then_some(n)
}

/// A performance table's title and the kind it names: a short line, no sentence, with
/// 绩效自评表, 绩效目标表 or 绩效目标申报表 (`…项目绩效自评表`, `政策和项目预算绩效目标表`,
/// `2026 年部门整体绩效目标表`, `…专项资金绩效目标表（一级项目）`). A project's self-evaluation
/// title is one only with 项目名称 in the lines after it (the 决算's appended tables).
fn performance_title(lines: &[Line], i: usize) -> Option<PerformanceKind> {
    let c = lines[i].compact();
    let titled = ["绩效自评表", "绩效目标表", "绩效目标申报表"].iter().any(|w| c.contains(w));
    if !titled || c.chars().count() >= 60 || c.contains(['。', '，', '；']) {
        return None;
    }
    let kind = PerformanceKind::of_title(c);
    let project_follows = || lines[i + 1..].iter().take(4).any(|l| l.compact().starts_with("项目名称"));
    (kind != PerformanceKind::SelfEvaluation || project_follows()).then_some(kind)
}

/// The table of contents: from a `目录` line to the line where its first entry is printed
/// again as the body's heading (entries compared without dot leaders and page numbers).
fn table_of_contents(lines: &[Line]) -> std::ops::Range<usize> {
    let entry = |l: &Line| -> String {
        l.compact().trim_end_matches(|c: char| c.is_ascii_digit() || ".·…．-—".contains(c)).to_string()
    };
    let Some(start) = lines.iter().take(400).position(|l| matches!(l.compact(), "目录" | "目次")) else {
        return 0..0;
    };
    let Some(first) = lines.get(start + 1).map(entry).filter(|e| !e.is_empty()) else { return 0..0 };
    match lines[start + 2..].iter().position(|l| entry(l) == first) {
        Some(k) => start..start + 2 + k,
        None => 0..0,
    }
}

/// The page numbers the contents print at the end of their entries (`……12`).
fn listed_pages(lines: &[Line]) -> impl Iterator<Item = usize> + '_ {
    lines.iter().filter_map(|l| {
        let c = l.compact();
        let digits = c.chars().rev().take_while(|d| d.is_ascii_digit()).count();
        // an entry's page follows a leader or its words, never stands alone
        (digits > 0 && digits <= 4 && c.chars().count() > digits + 2)
            .then(|| c[c.len() - digits..].parse().ok())
            .flatten()
    })
}

/// Splits the lines into marked regions. In a budget the tables are the budget tables
/// (`budget::title_of`); any other table title there ends the region before it.
fn regions(lines: &[Line], kind: DocumentKind) -> Vec<(Mark, usize, usize)> {
    let in_budget = kind == DocumentKind::Budget;
    let mut marks: Vec<(Mark, usize)> = Vec::new();
    let mut part = 0u8;
    let toc = table_of_contents(lines);
    for i in 0..lines.len() {
        if toc.contains(&i) {
            continue;
        }
        let title = tables::title_of(&lines[i]);
        // a title in other words: a table this reader does not know, unless `公开0N表` follows
        let other_title = title.is_none() && tables::looks_like_title(&lines[i]);
        if let Some(n) = part_number(&lines[i]) {
            part = n;
            marks.push((Mark::Part(n), i));
        } else if let Some(k) = performance_title(lines, i) {
            marks.push((Mark::Performance(k), i));
        } else if let Some(id) = budget::title_of(&lines[i]).filter(|_| in_budget) {
            marks.push((Mark::Table(id), i));
        } else if in_budget && title.is_none() && (other_title || budget::is_other_title(&lines[i])) {
            // 政府购买服务表, …: not read, but no part of the table before (a 决算 table's
            // title in a file whose title page says 预算 is read as one below)
            marks.push((Mark::Other, i));
        } else if let Some(id) = other_title
            .then(|| lines.get(i + 1).and_then(|l| tables::public_number(l.compact())))
            .flatten()
            .and_then(TableId::from_number)
        {
            marks.push((Mark::Table(id), i));
        } else if part == 2 && other_title {
            // 机关运行经费, 政府采购, …
            marks.push((Mark::Other, i));
        } else if let Some(id) = title.filter(|_| !(part == 3 || part == 4)) {
            // `公开0N表` on the next lines names the table when the title is ambiguous (a
            // short title such as `财政拨款支出决算表`); a title that states a standard
            // table's whole name wins over a number that templates assign differently
            // (the central template numbers 三公 as 公开09表)
            let whole = match_key(&lines[i].text).contains(&match_key(id.standard_name()));
            let id = lines[i + 1..]
                .iter()
                .take(2)
                .find_map(|l| tables::public_number(&match_key(&l.text)))
                .and_then(TableId::from_number)
                .filter(|_| !whole)
                .unwrap_or(id);
            marks.push((Mark::Table(id), i));
        }
    }
    let mut out = Vec::new();
    for (k, (m, s)) in marks.iter().enumerate() {
        let e = marks.get(k + 1).map(|x| x.1).unwrap_or(lines.len());
        out.push((*m, *s, e));
    }
    out
}

/// `公开部门：宁夏…厅 金额单位：元` → the department; else the name before the year in a
/// heading such as `…社会工作部2024年度部门决算表`.
fn department(lines: &[Line]) -> Option<String> {
    labelled_department(lines)
        .or_else(|| lines.iter().take(600).find_map(|l| department_in_heading(l.compact())))
        .or_else(|| {
            lines
                .iter()
                .take(60)
                .find_map(|l| titled_year(l.compact()).map(|(_, n)| n).filter(|n| n.chars().count() >= 4))
        })
        .or_else(|| {
            lines.iter().take(200).find_map(|l| budget_title(l.compact()).map(|(_, n)| n).filter(|n| !n.is_empty()))
        })
}

fn department_in_heading(c: &str) -> Option<String> {
    let pos = c.find("年度部门决算")?;
    let head = &c[..pos];
    let digits = head.chars().rev().take_while(|c| c.is_ascii_digit()).count();
    if digits != 4 {
        return None;
    }
    let mut name = &head[..head.len() - digits];
    if let Some(rest) = name.strip_prefix('第').and_then(|r| r.split_once("部分")).map(|(_, r)| r) {
        name = rest;
    }
    (name.chars().count() >= 4 && !name.contains(['，', '。'])).then(|| name.to_string())
}

fn labelled_department(lines: &[Line]) -> Option<String> {
    for l in lines {
        // every label ends in a colon: most lines have none, and are not copied
        if !l.compact().contains([':', '：']) {
            continue;
        }
        let c = l.compact().replace(':', "：");
        for label in ["公开部门：", "编制单位：", "部门名称：", "单位名称：", "部门："] {
            if let Some(pos) = c.find(label) {
                let rest = &c[pos + label.len()..];
                let end =
                    ["金额单位", "单位：", "公开"].iter().filter_map(|s| rest.find(s)).min().unwrap_or(rest.len());
                let name = rest[..end].trim_matches(|ch: char| ch == '：' || ch == '，');
                if name.chars().count() >= 2 {
                    return Some(name.to_string());
                }
            }
        }
    }
    None
}

/// The first `2023 年度` in a part heading or table title.
fn year(lines: &[Line], heads: &[usize]) -> Option<u16> {
    let find = |s: &str| {
        let c: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        let pos = c.find("年度")?;
        let digits: String =
            c[..pos].chars().rev().take_while(|c| c.is_ascii_digit()).collect::<Vec<_>>().into_iter().rev().collect();
        (digits.len() == 4).then(|| digits.parse().ok()).flatten()
    };
    heads
        .iter()
        .filter_map(|&i| lines.get(i))
        .find_map(|l| find(&l.text))
        .or_else(|| lines.iter().take(200).find_map(|l| find(&l.text)))
        .or_else(|| lines.iter().take(60).find_map(|l| titled_year(l.compact()).map(|(y, _)| y)))
        .or_else(|| lines.iter().take(200).find_map(|l| budget_title(l.compact()).map(|(y, _)| y).filter(|y| *y > 0)))
        .or_else(|| lines.iter().take(10).filter(|l| l.compact().contains("绩效")).find_map(|l| year_in(l.compact())))
}

/// The first `2026年` of a title (`广州市生态环境局2026年项目支出绩效目标表`).
fn year_in(c: &str) -> Option<u16> {
    c.match_indices('年').find_map(|(pos, _)| {
        let y: u16 = c.get(pos.checked_sub(4)?..pos)?.parse().ok()?;
        (1990..=2100).contains(&y).then_some(y)
    })
}

/// `2026年预算单位财务收支预算总表`, `长春市信访局2026年度部门预算`, `国家信访局部门预算表`: the
/// year before 预算 (when printed) and the name before the year or before 部门预算 (when it
/// names a body: four characters or more ending as one does).
fn budget_title(c: &str) -> Option<(u16, String)> {
    let end = c.find("预算")?;
    let head = &c[..end];
    let (year, name) = match head.find('年') {
        Some(pos) if pos >= 4 && head.is_char_boundary(pos - 4) => {
            let y: u16 = head[pos - 4..pos].parse().ok().filter(|y| (1990..=2100).contains(y))?;
            (y, &head[..pos - 4])
        }
        _ => (0, head.trim_end_matches("部门").trim_end_matches("单位")),
    };
    let name = name.trim_start_matches(|ch: char| !crate::text::is_cjk(ch));
    let body = name.chars().count() >= 4
        && name.chars().last().is_some_and(|ch| "厅局委办院部会所站馆校中心府室队处署".contains(ch))
        && !name.contains(['，', '。', '：']);
    Some((year, if body { name.to_string() } else { String::new() }))
}

/// `2019年佛山市轨道交通局部门决算` (a title without 年度): the year and the name between it
/// and 部门决算.
fn titled_year(c: &str) -> Option<(u16, String)> {
    let end = c.find("部门决算")?;
    let head = &c[..end];
    let pos = head.find('年')?;
    let digits = &head[..pos];
    // the last four bytes, when they start a character (else they are no four digits)
    let digits = digits.get(digits.len().saturating_sub(4)..)?;
    let year: u16 = digits.parse().ok().filter(|y| (1990..=2100).contains(y))?;
    Some((year, head[pos + '年'.len_utf8()..].trim_start_matches('度').to_string()))
}

/// The narrative of a document without a 第三部分: a part titled as the 情况说明 (Beijing's
/// `第一部分 2026年度部门预算情况说明`), else the prose before its first table, the table of
/// contents and the 第N部分 headings left out (Chongqing's whole document is
/// `…部门预算情况说明` with its tables after it; Shanghai's 编制说明 comes before 单位预算表).
/// A document with no table and no such part has none (a notice, or tables not recognised).
fn narrative_lines(lines: &[Line], regs: &[(Mark, usize, usize)]) -> Vec<Line> {
    let explained = regs
        .iter()
        .find(|(m, s, _)| matches!(m, Mark::Part(n) if *n != 2 && *n != 4) && lines[*s].compact().contains("情况说明"));
    if let Some((_, s, e)) = explained {
        return lines[*s + 1..*e].to_vec();
    }
    let Some(end) = regs.iter().find(|r| !matches!(r.0, Mark::Part(_))).map(|r| r.1) else {
        return Vec::new();
    };
    // lines of 第二部分 (the tables' part) and 第四部分 (名词解释) are no narrative; the
    // regions are disjoint and in order, so one pass marks them
    let mut skip = vec![false; end];
    for (m, s, e) in regs {
        if matches!(m, Mark::Part(2) | Mark::Part(4)) {
            skip[(*s).min(end)..(*e).min(end)].fill(true);
        }
    }
    let toc = table_of_contents(lines);
    lines[..end]
        .iter()
        .enumerate()
        .filter(|(i, l)| !skip[*i] && !toc.contains(i) && part_number(l).is_none())
        .map(|(_, l)| l.clone())
        .collect()
}

/// Reads the whole document.
pub fn recognize(lines: &[Line], grids: &[Grid], source: Source) -> Report {
    let mut diags = Diags::default();
    let doc_kind = kind(lines);
    let regs = regions(lines, doc_kind);
    let mut report = Report { source, kind: doc_kind, scope: scope(lines), ..Report::default() };
    report.department = department(lines);
    let heads: Vec<usize> = regs.iter().map(|r| r.1).collect();
    report.year = year(lines, &heads);

    // prose parts first: the narrative breaks ties when placing table numbers
    let first_mark = regs.first().map(|r| r.1).unwrap_or(lines.len());
    for (m, s, e) in &regs {
        if matches!(m, Mark::Part(_)) {
            report.headings.push(Heading { text: crate::text::tidy_spaces(&lines[*s].text), at: lines[*s].at });
        }
        match m {
            Mark::Part(1) => report.overview = prose::overview(&lines[*s + 1..*e]),
            Mark::Part(3) => report.narrative = prose::narrative(&lines[*s + 1..*e]),
            Mark::Part(4) => report.glossary = prose::glossary(&lines[*s + 1..*e], &mut diags),
            Mark::Part(n) if !(1..=5).contains(n) => diags.info(
                "section.unknown",
                format!("未识别的部分：{}", lines[*s].text),
                format!("unrecognised part: {}", lines[*s].text),
                Some(lines[*s].at),
            ),
            Mark::Other if report.kind == DocumentKind::Budget => {}
            Mark::Other => diags.info(
                "table.unknown",
                format!("不属于九张公开表的表格，未读取：{}", lines[*s].text),
                format!("a table outside the nine standard tables, not read: {}", lines[*s].text),
                Some(lines[*s].at),
            ),
            _ => {}
        }
    }
    if report.overview.duties.is_empty() && first_mark > 0 && !regs.iter().any(|r| r.0 == Mark::Part(1)) {
        report.overview = prose::overview(&lines[..first_mark]);
    }
    if !regs.iter().any(|r| r.0 == Mark::Part(3)) {
        report.narrative = prose::narrative(&narrative_lines(lines, &regs));
    }
    let narrative_text: String =
        report.narrative.iter().flat_map(|s| s.sentences.iter().map(|x| x.text.as_str())).collect::<String>();
    let restated = prose::Restatements::new(&narrative_text);
    let evidence = |column: &str, v: Decimal| restated.restates(column, v);
    let budget = placement::Budget::default();
    let cx = Context { evidence: &evidence, budget: &budget };

    // a budget's tables
    let budget_regions: Vec<(TableId, usize, usize)> = regs
        .iter()
        .filter_map(|(m, s, e)| match m {
            Mark::Table(id) if id.is_budget() => Some((*id, *s, *e)),
            _ => None,
        })
        .collect();
    report.tables.extend(budget::read(lines, grids, &budget_regions, report.year, &mut diags));

    // tables: a table repeated right after itself (续表) continues it
    let mut table_regions: Vec<(TableId, String, Vec<Line>)> = Vec::new();
    for (m, s, e) in &regs {
        if let Mark::Table(id) = m.filter_final() {
            let title = crate::text::normalize_name(&lines[*s].text);
            let seen = table_regions.iter().any(|(t, _, _)| t == id);
            match table_regions.last_mut() {
                Some((last, _, ls)) if last == id => ls.extend_from_slice(&lines[*s + 1..*e]),
                _ if seen => diags.warn(
                    "table.duplicate",
                    format!("表 {} 出现多次，只读取第一次", id.code()),
                    format!("table {} appears more than once; the first is read", id.code()),
                    Some(lines[*s].at),
                ),
                _ => table_regions.push((*id, title, lines[*s..*e].to_vec())),
            }
        }
    }
    // ruled tables are read from their grids; a table the grid does not give (no ruling,
    // or no body found in it) is read from its lines
    let mut from_grid: Vec<crate::model::Table> = Vec::new();
    for (id, title, ls) in &table_regions {
        let segs = grid_table::read(&grid_table::grids_in(grids, ls), ls);
        if segs.iter().all(|s| s.amounts() == 0) && ls.iter().any(has_decimal_amount) {
            continue;
        }
        if segs.is_empty() {
            continue;
        }
        let mut scratch = Diags::default();
        let table = match id {
            TableId::T01 | TableId::T04 => tables::two_sided_from_grid(*id, title, ls, &segs, &mut scratch),
            TableId::T06 => tables::table_06_from_grid(title, ls, &segs, &mut scratch),
            TableId::T07 => tables::table_07_from_grid(title, ls, &segs, &mut scratch),
            _ => tables::coded_table_from_grid(*id, title, ls, &segs, &mut scratch),
        };
        if let Some(t) = table {
            diags.absorb(scratch);
            from_grid.push(t);
        }
    }
    let by_grid = |id: TableId| from_grid.iter().any(|t| t.id == id);
    table_regions.retain(|r| !by_grid(r.0));
    let region = |id: TableId| table_regions.iter().find(|(t, _, _)| *t == id);
    report.tables.extend(from_grid.iter().filter(|t| matches!(t.id, TableId::T01 | TableId::T04)).cloned());
    if let Some((_, title, ls)) = region(TableId::T01) {
        report.tables.push(tables::table_01(title, ls, &mut diags));
    }
    if let Some((_, title, ls)) = region(TableId::T04) {
        report.tables.push(tables::table_04(title, ls, &cx, &mut diags));
    }
    let t01 = report.table(TableId::T01).cloned();
    let t04 = report.table(TableId::T04).cloned();
    let v01 = |row: &str| t01.as_ref().and_then(|t| t.row(row).map(|r| r.value("决算数").unwrap_or_default()));
    let v04 = |col: &str| t04.as_ref().and_then(|t| t.row("本年支出合计").map(|r| r.value(col).unwrap_or_default()));
    let known_totals = |id: TableId| -> Vec<(&str, Decimal)> {
        let mut known: Vec<(&str, Decimal)> = Vec::new();
        match id {
            TableId::T02 => {
                known.extend(v01("本年收入合计").map(|v| ("本年收入合计", v)));
                let appropriations: Vec<Decimal> =
                    crate::reference::INCOME_LINES_01[..3].iter().filter_map(|n| v01(n)).collect();
                if !appropriations.is_empty() {
                    known.push(("财政拨款收入", appropriations.iter().sum()));
                }
                for n in &crate::reference::INCOME_LINES_01[3..] {
                    known.extend(v01(n).map(|v| (*n, v)));
                }
            }
            TableId::T03 => known.extend(v01("本年支出合计").map(|v| ("本年支出合计", v))),
            TableId::T05 => known.extend(v04("一般公共预算财政拨款").map(|v| ("本年支出合计", v))),
            TableId::T08 => known.extend(v04("政府性基金预算财政拨款").map(|v| ("本年支出合计", v))),
            TableId::T09 => known.extend(v04("国有资本经营预算财政拨款").map(|v| ("本年支出合计", v))),
            _ => {}
        }
        known
    };
    // 05, 08 and 09 each spend one fund, so per code and column they are parts of 03: the
    // parts placed with certainty floor 03, and 03 caps any part left uncertain
    const PARTS: [TableId; 3] = [TableId::T05, TableId::T08, TableId::T09];
    let mut settled: Vec<crate::model::Table> = from_grid.iter().filter(|t| PARTS.contains(&t.id)).cloned().collect();
    let mut unsettled: Vec<TableId> = Vec::new();
    for (id, title, ls) in table_regions.iter().filter(|r| PARTS.contains(&r.0)) {
        let mut scratch = Diags::default();
        let (table, certain) = tables::coded_table(*id, title, ls, &known_totals(*id), None, &[], &cx, &mut scratch);
        if certain {
            diags.absorb(scratch);
            settled.push(table);
        } else {
            unsettled.push(*id);
        }
    }
    let mut t03: Option<crate::model::Table> = from_grid.iter().find(|t| t.id == TableId::T03).cloned();
    report.tables.extend(
        from_grid.iter().filter(|t| matches!(t.id, TableId::T02 | TableId::T03 | TableId::T06 | TableId::T07)).cloned(),
    );
    for (id, title, ls) in &table_regions {
        let table = match id {
            TableId::T01 | TableId::T04 => continue,
            TableId::T06 => tables::table_06(title, ls, &mut diags),
            TableId::T07 => tables::table_07(title, ls, &cx, &mut diags),
            TableId::T02 | TableId::T03 => {
                let parts: Vec<&crate::model::Table> =
                    if *id == TableId::T03 { settled.iter().collect() } else { Vec::new() };
                let (table, _) = tables::coded_table(*id, title, ls, &known_totals(*id), None, &parts, &cx, &mut diags);
                if *id == TableId::T03 {
                    t03 = Some(table.clone());
                }
                table
            }
            _ => continue,
        };
        report.tables.push(table);
    }
    report.tables.append(&mut settled);
    for (id, title, ls) in table_regions.iter().filter(|r| unsettled.contains(&r.0)) {
        let (table, _) = tables::coded_table(*id, title, ls, &known_totals(*id), t03.as_ref(), &[], &cx, &mut diags);
        report.tables.push(table);
    }
    report.tables.sort_by_key(|t| t.id);
    if budget.exhausted() {
        diags.warn(
            "table.search_budget",
            format!(
                "列合计搜索达到全文上限（{} 步），其余有歧义的行未搜索，其数字按顺序放置并标为不确定",
                placement::MAX_DOCUMENT_WORK
            ),
            format!(
                "the column-sum search reached its limit for the document ({} steps): the ambiguous rows left \
                 were not searched, their numbers are placed in printed order and marked uncertain",
                placement::MAX_DOCUMENT_WORK
            ),
            None,
        );
    }
    // a document with 决算 tables is read as one whatever its title page says
    if report.kind != DocumentKind::Final && report.tables.iter().any(|t| !t.empty && !t.id.is_budget()) {
        report.kind = DocumentKind::Final;
    }
    if report.kind == DocumentKind::Budget {
        let what = report.kind_name_zh();
        diags.info(
            "document.kind",
            format!("这份文件是{what}：按预算表的规则核对，决算表的核对不适用"),
            format!("this document is a budget ({what}): the budget rules apply, not the final-accounts checks"),
            None,
        );
    } else if report.kind != DocumentKind::Final {
        let what = report.kind.name_zh();
        diags.info(
            "document.kind",
            format!("这份文件看起来是{what}，不是部门决算：决算表的核对不适用"),
            format!(
                "this document looks like a {}, not a 部门决算: the final-accounts checks do not apply",
                report.kind.as_str()
            ),
            None,
        );
    }
    // the document's own table set, when its contents list the tables: a standard table it
    // never had (the 2019 Guangdong template has no 国有资本经营 table) is no warning
    let toc = table_of_contents(lines);
    let listed: Vec<TableId> = lines[toc.clone()]
        .iter()
        .filter_map(|l| {
            tables::title_in(crate::text::strip_ordinal(
                l.compact().trim_end_matches(|c: char| c.is_ascii_digit() || ".·…．-—".contains(c)),
            ))
        })
        .collect();
    // a download cut short: the contents promise pages the file does not have, or the
    // tables they list stop at one and nothing after it is there
    let pages_short =
        listed_pages(&lines[toc.clone()]).max().filter(|p| report.source.pages > 0 && *p > report.source.pages);
    let missing: Vec<TableId> = listed.iter().copied().filter(|id| report.table(*id).is_none()).collect();
    let tail_missing = !missing.is_empty()
        && listed.len() >= 3
        && listed.iter().skip_while(|id| report.table(**id).is_some()).all(|id| report.table(*id).is_none())
        && lines[toc.clone()].iter().filter_map(part_number).any(|n| n >= 3)
        && !regs.iter().any(|r| r.0 == Mark::Part(3));
    if let Some(last) = pages_short {
        diags.warn(
            "document.truncated",
            format!("目录列到第 {last} 页，但文件只有 {} 页：文件可能下载不完整", report.source.pages),
            format!(
                "the contents go to page {last} but the file has {} pages: the download may be incomplete",
                report.source.pages
            ),
            None,
        );
    } else if tail_missing {
        let from = missing[0];
        diags.warn(
            "document.truncated",
            format!(
                "目录列出的公开{}表及其后的表和说明都不在文件中（文件共 {} 页）：文件可能下载不完整",
                from.code(),
                report.source.pages
            ),
            format!(
                "table {} and everything the contents list after it are not in the file ({} pages): the download may be incomplete",
                from.code(),
                report.source.pages
            ),
            None,
        );
    }
    for id in TableId::ALL.into_iter().filter(|_| report.kind == DocumentKind::Final) {
        // the university format lists four tables (收支决算总表, 收入, 支出, 财政拨款支出)
        if report.table(id).is_none() && listed.len() >= 3 && !listed.contains(&id) {
            diags.info(
                "table.not_in_contents",
                format!("目录未列出公开{}表（{}），文件不含此表", id.code(), id.standard_name()),
                format!(
                    "the contents list no table {} ({}); the document does not have it",
                    id.code(),
                    id.standard_name()
                ),
                None,
            );
            continue;
        }
        if report.table(id).is_none() {
            diags.warn(
                "table.missing",
                format!("未找到公开{}表（{}）", id.code(), id.standard_name()),
                format!("table {} ({}) not found", id.code(), id.standard_name()),
                None,
            );
        }
    }

    // the grids on a region's pages (grids are in page order)
    let grids_of = |ls: &[Line]| {
        let (first, last) = (ls.first().map_or(0, |l| l.at.page), ls.last().map_or(0, |l| l.at.page));
        let lo = grids.partition_point(|g| g.page < first);
        let hi = grids.partition_point(|g| g.page <= last).max(lo);
        grid_table::grids_in(&grids[lo..hi], ls)
    };
    let mut k = 0;
    while k < regs.len() {
        let (m, s, mut e) = regs[k];
        k += 1;
        let Mark::Performance(kind) = m else { continue };
        let n = report.performance.len() + 1;
        if kind == PerformanceKind::SelfEvaluation {
            let ls = &lines[s..e];
            report.performance.push(performance::read(n, ls, &grids_of(ls), &mut diags));
            continue;
        }
        // a block: the regions of the same kind that follow (titles repeated on every page,
        // continuation pages, one table after another) read together
        while let Some((Mark::Performance(next), _, end)) = regs.get(k) {
            if *next != kind {
                break;
            }
            e = *end;
            k += 1;
        }
        let ls = &lines[s..e];
        report.performance.extend(performance::read_block(n, kind, ls, &grids_of(ls), &mut diags));
    }
    // a standalone performance document names its department in its table (`部门（单位）名称`)
    if matches!(report.kind, DocumentKind::SelfEvaluation | DocumentKind::PerformanceTargets) {
        if let Some(dep) = report.performance.iter().map(|p| p.department.as_str()).find(|d| !d.is_empty()) {
            report.department = Some(dep.to_string());
        }
    }
    if !report.tables.is_empty() && report.tables.iter().all(|t| t.empty) {
        diags.warn(
            "document.no_figures",
            "决算表中没有任何数字：这可能是空白样表或模板",
            "the tables carry no figures at all: this looks like a blank sample or template",
            report.tables.first().map(|t| t.at),
        );
    }
    if report.department.is_none() {
        diags.warn("document.department_missing", "未找到公开部门名称", "no department name found", None);
    }
    if report.year.is_none() {
        let what = if report.kind == DocumentKind::Budget { "预算年度" } else { "决算年度" };
        diags.warn("document.year_missing", format!("未找到{what}"), "no fiscal year found", None);
    }
    report.diagnostics = diags.finish();
    report
}
