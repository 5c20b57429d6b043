//! A table region's ruled grids → column paths and body rows, the shape every table
//! reader starts from when the page is ruled. Header cells spanning several columns or
//! rows give each column its path (`预算数 / 公务用车购置及运行维护费 / 小计`); code columns
//! printed as 类 | 款 | 项 are joined into one code (a level left blank is carried from the
//! row above, as when the 类 is printed in a merged cell); 行次/栏次 columns and rows are
//! layout, not data; side-by-side halves (01, 04, 06) become segments, each with its own
//! label and amount columns. Knows the standard header words, not the standard tables.

use crate::grid::{Grid, GridCell};
use crate::layout::Line;
use crate::model::Location;
use crate::text::{parse_amount, strip_ordinal};

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A classification code or one level of it (`类`, `款`, `项`).
    Code,
    /// Row names (a header such as `项目`, `科目名称`, `三级指标`).
    Name,
    /// 行次 / 栏次 numbers.
    RowNumber,
    /// Amounts.
    Amount,
    /// Text values (`指标值`, `项目类型`): a value column that holds words.
    Text,
    /// Nothing printed in it at all (a background cell's edge made it).
    Empty,
}

/// One side-by-side part of a table: its label columns and its amount columns.
#[derive(Debug, Clone, Default)]
pub struct Segment {
    /// The header path of each amount column, top to bottom, each element without
    /// whitespace.
    pub columns: Vec<Vec<String>>,
    /// What the header says above the whole segment (`收入`, `人员经费`): the path
    /// elements its amount columns and its label columns share.
    pub heading: Vec<String>,
    pub rows: Vec<BodyRow>,
}

/// One body row of a segment.
#[derive(Debug, Clone, Default)]
pub struct BodyRow {
    /// Digits of the code columns joined (`201 | 06 | 01` → `2010601`).
    pub code: String,
    /// The label as printed (wrapped text joined), without the code.
    pub name: String,
    /// Per amount column of the segment: the cell's text, `None` when blank.
    pub values: Vec<Option<String>>,
    pub at: Location,
}

impl Segment {
    /// Amount texts that are numbers, with their column.
    pub fn amounts(&self) -> usize {
        self.rows.iter().flat_map(|r| r.values.iter().flatten()).filter(|t| parse_amount(t).is_some()).count()
    }
}

/// The grids that lie in a region: on its pages, between its first and last line there.
pub fn grids_in<'a>(grids: &'a [Grid], lines: &[Line]) -> Vec<&'a Grid> {
    let mut out = Vec::new();
    // lines are in page order: a page's lines found by binary search
    for g in grids {
        let on_page =
            &lines[lines.partition_point(|l| l.at.page < g.page)..lines.partition_point(|l| l.at.page <= g.page)];
        let (Some(first), Some(last)) = (on_page.first(), on_page.last()) else { continue };
        // a grid belongs to the region when most of its text lines are the region's
        let inside = on_page.iter().filter(|l| l.y >= g.top() - 1.0 && l.y <= g.bottom() + 1.0).count();
        if inside > 0 && g.bottom() >= first.y - first.size && g.top() <= last.y + last.size {
            out.push(g);
        }
    }
    out
}

/// Whitespace removed, wrapped text joined.
fn compact(cell: &GridCell) -> String {
    // the lines' text without whitespace, one after the other (what joining them, then
    // taking the whitespace out, comes to), into one buffer sized once
    let mut out = String::with_capacity(cell.lines.iter().map(|l| l.text.len()).sum());
    for l in &cell.lines {
        out.extend(l.text.chars().filter(|c| !c.is_whitespace()));
    }
    out
}

fn is_row_number_word(s: &str) -> bool {
    matches!(s, "行次" | "栏次" | "栏号" | "行号" | "序号")
}

fn is_code_word(s: &str) -> bool {
    matches!(s, "类" | "款" | "项" | "科目代码" | "科目编码")
        || s.ends_with("编码")
        || s.ends_with("代码")
        || s.ends_with("代码类")
        || s == "代码"
}

/// A header over row names: `项目`, `科目名称`, `功能分类科目`, `三级指标`, `单位名称`
/// (never a `其中：` column).
fn is_name_word(s: &str) -> bool {
    let short = s.chars().count() <= 8;
    !s.starts_with("其中")
        && (s.contains("名称")
            || s.contains("科目")
            || s == "项目"
            || s.starts_with("项目（")
            || s.starts_with("项目(")
            || short && s.ends_with("指标")
            || s == "单位")
}

/// Digits only, of a length a code or a code part has.
fn code_like(s: &str) -> bool {
    // one to seven digits once spaces and points are left out
    let mut digits = 0usize;
    for c in s.chars().filter(|c| !c.is_whitespace() && *c != '.') {
        if !c.is_ascii_digit() {
            return false;
        }
        digits += 1;
    }
    digits > 0 && digits <= 7 && !s.contains(',')
}

/// The 栏次 row: `栏次` and the columns' numbers, or the numbers alone (`1 2 3 … 12`).
fn is_column_numbers(texts: &[String]) -> bool {
    if texts.iter().any(|t| t == "栏次") {
        return true;
    }
    let numbers: Vec<u32> = texts.iter().filter(|t| !t.is_empty()).filter_map(|t| t.parse().ok()).collect();
    numbers.len() >= 2
        && numbers.len() == texts.iter().filter(|t| !t.is_empty()).count()
        && numbers.windows(2).all(|w| w[1] == w[0] + 1)
}

/// The row of the grid where the body starts: the first row with an amount, a code or a
/// total, after any 栏次 row.
fn body_start(g: &Grid) -> usize {
    for r in 0..g.rows() {
        let cells: Vec<&GridCell> = g.row_cells(r).collect();
        let texts: Vec<String> = cells.iter().map(|c| compact(c)).collect();
        if is_column_numbers(&texts) {
            // a 栏次 row closes the header; the body starts below it
            return r + 1;
        }
        // a total or a code in the row's first cell, or amounts (header cells print no
        // decimals; a row of whole amounts has several)
        // the row's first printed cell, if it is a label of this row alone (a header cell
        // spans rows; `合计` over a column is a header, `合计` at the left a total row)
        let first_cell = cells.iter().find(|c| !c.is_blank()).filter(|c| {
            c.col <= 2 && c.row_span == 1 && (0..c.col).all(|k| g.cell_at(r, k).is_some_and(|left| left.row == r))
        });
        let first = first_cell.map(|c| compact(c)).unwrap_or_default();
        // a total, or a numbered line (`一、…`, `（三）…`): header cells carry no ordinal
        let total = matches!(strip_ordinal(&first), "合计" | "总计")
            || !first.is_empty() && strip_ordinal(&first).len() < first.len() && !strip_ordinal(&first).is_empty();
        let code = code_like(&first) && first.len() >= 3;
        let decimals = texts.iter().any(|t| super::tables::is_decimal_amount(t));
        let wholes = texts.iter().filter(|t| t.len() >= 2 && parse_amount(t).is_some()).count() >= 2;
        if total || code || decimals || wholes {
            return r;
        }
    }
    g.rows()
}

/// Reads a region's grids into segments. Grids continuing a table on the next page
/// repeat its header (read again) or print none (the previous grid's header is used when
/// the columns line up).
pub fn read(grids: &[&Grid], lines: &[Line]) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    let mut last_layout: Option<(Vec<f32>, Vec<Vec<String>>)> = None;
    // the code levels carried down each segment's code columns, across continued grids
    let mut carried: Vec<Vec<String>> = Vec::new();
    for g in grids {
        let mut start = body_start(g);
        // a grid continuing the last one's columns repeats its header or prints none: rows
        // above the first amount that repeat no header word are body rows
        // the last grid's column paths for this grid's columns, matched by their edges (a
        // continued page may lose a margin column: the columns that remain line up)
        let mapped: Option<Vec<Vec<String>>> = last_layout.as_ref().and_then(|(xs, p)| map_columns(xs, p, &g.xs));
        if let Some((_, p)) = &last_layout {
            let aligned = mapped.is_some();
            let repeats = (0..start).flat_map(|r| g.row_cells(r)).any(|c| {
                let t = compact(c);
                !t.is_empty() && p.iter().any(|path| path.contains(&t))
            });
            if aligned && !repeats {
                start = 0;
            }
        }
        // header paths per grid column
        let mut paths: Vec<Vec<String>> = vec![Vec::new(); g.cols()];
        for (c, path) in paths.iter_mut().enumerate() {
            let mut seen: Vec<*const GridCell> = Vec::new();
            for r in 0..start {
                if let Some(cell) = g.cell_at(r, c) {
                    let t = compact(cell);
                    if t.is_empty() || seen.contains(&(cell as *const _)) {
                        continue;
                    }
                    seen.push(cell as *const _);
                    if names_column(&t, cell, g) {
                        path.push(t);
                    }
                }
            }
        }
        if start == 0 {
            if let Some(p) = mapped {
                paths = p;
            }
        } else {
            last_layout = Some((g.xs.clone(), paths.clone()));
        }
        // sub-column names set one row low, into the first body row's band (the names
        // under a spanning `本年支出` printed beside the `合计` label): part of the header
        let mut skip: Vec<(usize, usize)> = Vec::new();
        if start > 0 && start < g.rows() {
            let spilled: Vec<(usize, String)> = g
                .row_cells(start)
                .filter(|c| {
                    let above = g.cell_at(start - 1, c.col);
                    above.is_some_and(|a| a.col_span > 1 && a.col <= c.col && c.col + c.col_span <= a.col + a.col_span)
                })
                .map(|c| (c.col, compact(c)))
                .filter(|(_, t)| !t.is_empty())
                .collect();
            let numbers = g.row_cells(start).any(|c| parse_amount(&compact(c)).is_some());
            if spilled.len() >= 2 && !numbers && spilled.iter().all(|(_, t)| !code_like(t) && t.chars().count() <= 12) {
                for (c, t) in spilled {
                    paths[c].push(t);
                    skip.push((start, c));
                }
            }
        }
        // rows inside the body that head the rows below them (a 绩效目标表's `一级指标 |
        // 二级指标 | 三级指标 | 指标值` under its funds block) start a block of their own
        let heads: Vec<usize> = (start..g.rows()).filter(|&r| is_sub_header(g, r)).collect();
        let mut segs = Vec::new();
        let mut block = (start, paths.clone());
        for &h in heads.iter().chain(std::iter::once(&g.rows())) {
            let (from, block_paths) = &block;
            let roles = roles(g, *from, h, block_paths);
            segs.extend(segments_of(g, (*from, h), block_paths, &roles, lines, &mut carried, &skip));
            if h < g.rows() {
                let sub: Vec<Vec<String>> = (0..g.cols())
                    .map(|c| {
                        g.cell_at(h, c)
                            .map(compact)
                            .filter(|t| !t.is_empty())
                            .filter(|t| g.cell_at(h, c).is_some_and(|cell| names_column(t, cell, g)))
                            .into_iter()
                            .collect()
                    })
                    .collect();
                block = (h + 1, sub);
            }
        }
        // a continued table: rows go to the segments of the same place
        let continues = !out.is_empty() && segs.len() == out.len() && (start == 0 || same_columns(&out, &segs));
        if continues {
            for (o, s) in out.iter_mut().zip(segs) {
                o.rows.extend(s.rows);
            }
        } else if out.is_empty() {
            out = segs;
        } else {
            out.extend(segs);
        }
    }
    out
}

/// Does a header cell's text name its columns? Not the 栏次 row's word and numbers, not
/// marks (`**`), not a title or a unit line ruled into the table (a cell across the whole
/// grid, `金额单位：万元`).
fn names_column(t: &str, cell: &GridCell, g: &Grid) -> bool {
    let numbers = t.chars().all(|ch| ch.is_ascii_digit());
    let marks = !t.chars().any(|ch| ch.is_alphanumeric());
    let unit = t.contains("单位：") || t.contains("单位:") || t.starts_with("部门：") || t.starts_with("部门:");
    // a title across the grid, or a table's number (`表11`, `公开01表`, `预算01表`)
    let numbered = t.chars().count() <= 8 && t.contains('表') && t.chars().any(|c| c.is_ascii_digit());
    let title = cell.col_span == g.cols() && g.cols() > 2 || numbered;
    t != "栏次" && !numbers && !marks && !unit && !title
}

/// The paths of a grid with column edges `xs` for a grid with edges `new`: every new column
/// must be one of the old (both edges within 6 pt), or an empty margin column is allowed to
/// be missing from the new. `None` when the columns do not line up.
fn map_columns(xs: &[f32], paths: &[Vec<String>], new: &[f32]) -> Option<Vec<Vec<String>>> {
    let near = |a: f32, b: f32| (a - b).abs() < 6.0;
    if xs.len() == new.len() && xs.iter().zip(new).all(|(a, b)| near(*a, *b)) {
        return Some(paths.to_vec());
    }
    // at most one column fewer, and the same right part
    if new.len() + 1 != xs.len() || new.len() < 3 {
        return None;
    }
    let mut out = Vec::with_capacity(new.len().saturating_sub(1));
    for c in 0..new.len().saturating_sub(1) {
        let k = xs.iter().position(|x| near(*x, new[c]))?;
        if k + 1 >= xs.len() || !near(xs[k + 1], new[c + 1]) {
            return None;
        }
        out.push(paths.get(k)?.clone());
    }
    Some(out)
}

fn same_columns(a: &[Segment], b: &[Segment]) -> bool {
    a.iter().zip(b).all(|(x, y)| x.columns == y.columns)
}

/// A body row that heads the rows below it: three or more short header words, no number,
/// one of them naming rows.
fn is_sub_header(g: &Grid, r: usize) -> bool {
    let texts: Vec<String> = g.row_cells(r).map(compact).filter(|t| !t.is_empty()).collect();
    let heading = |t: &String| {
        ["一级", "二级", "三级"].iter().any(|l| t.starts_with(l)) && t.ends_with("指标")
            || ["指标值", "名称", "单位", "权重", "性质", "分值", "得分", "标准", "方向", "编码", "代码", "金额"]
                .iter()
                .any(|w| t.contains(w))
    };
    texts.len() >= 3
        && texts.iter().all(|t| t.chars().count() <= 10 && !t.chars().any(|c| c.is_ascii_digit()))
        && texts.iter().filter(|t| heading(t)).count() >= 2
        && texts.iter().any(|t| is_name_word(t))
}

/// The role of each column for the body rows `start..end`.
fn roles(g: &Grid, start: usize, end: usize, paths: &[Vec<String>]) -> Vec<Role> {
    let mut roles: Vec<Role> = (0..g.cols())
        .map(|c| {
            let path = &paths[c];
            let last = path.last().map(String::as_str).unwrap_or("");
            // a header cell reaching down into the body is a label merged over its rows
            let spans_down = start > 0 && g.cell_at(start - 1, c).is_some_and(|cell| cell.row + cell.row_span > start);
            let body: Vec<String> = (start..end)
                .filter_map(|r| g.cell_at(r, c).filter(|cell| cell.row == r && cell.col == c))
                .map(compact)
                .filter(|t| !t.is_empty())
                .collect();
            let numbers = body.iter().filter(|t| parse_amount(t).is_some()).count();
            // codes, and labels printed across the code columns (`合计`)
            let across = (start..end)
                .filter_map(|r| g.cell_at(r, c).filter(|cell| cell.row == r && cell.col == c && cell.col_span > 1))
                .filter(|cell| !cell.is_blank() && !code_like(&compact(cell)))
                .count();
            let codes = body.iter().filter(|t| code_like(t)).count() + across;
            let words = body.len() - numbers;
            let code_header = is_code_word(last) || path.iter().any(|p| is_code_word(p));
            let remark = ["备注", "说明"].iter().any(|w| last.contains(w));
            if path.is_empty() && body.is_empty() {
                Role::Empty
            } else if remark && numbers == 0 {
                Role::Text
            } else if spans_down {
                Role::Name
            } else if path.iter().any(|p| is_row_number_word(p)) {
                Role::RowNumber
            } else if code_header && codes * 2 >= body.len() {
                Role::Code
            } else if path.iter().any(|p| is_name_word(p)) && !code_header {
                Role::Name
            } else if words > numbers {
                Role::Text
            } else if body.is_empty() && code_header {
                Role::Code
            } else {
                Role::Amount
            }
        })
        .collect();
    // a grid whose header names no name column: its text columns that open a group (first,
    // or right after an amount) hold the names (`收入 | 金额 | 支出 | 金额`)
    if !roles.contains(&Role::Name) {
        let mut prev = Role::Empty;
        for r in roles.iter_mut() {
            if *r == Role::Text && matches!(prev, Role::Empty | Role::Amount | Role::Code | Role::RowNumber) {
                *r = Role::Name;
            }
            if *r != Role::Empty {
                prev = *r;
            }
        }
    }
    roles
}

/// A label printed as `2019999-其他一般公共服务支出`: its code and its name.
fn code_and_name(t: &str) -> Option<(String, String)> {
    // also `[31008]物资储备`
    let t = t.trim_start_matches(['[', '［', '【']);
    let digits: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
    if !(3..=7).contains(&digits.len()) {
        return None;
    }
    let rest = t[digits.len()..].trim_start_matches([']', '］', '】', '-', '－', '—', ':', '：', ' ']);
    (rest.len() < t.len() - digits.len() && !rest.is_empty() && !rest.starts_with(|c: char| c.is_ascii_digit()))
        .then(|| (digits, rest.to_string()))
}

/// Splits the grid's columns into segments: a label column after a value column starts a
/// new one.
fn segments_of(
    g: &Grid,
    (start, end): (usize, usize),
    paths: &[Vec<String>],
    roles: &[Role],
    lines: &[Line],
    carried: &mut Vec<Vec<String>>,
    skip: &[(usize, usize)],
) -> Vec<Segment> {
    let label = |r: Role| matches!(r, Role::Code | Role::Name);
    let value = |r: Role| matches!(r, Role::Amount | Role::Text);
    let mut bounds: Vec<(usize, usize)> = Vec::new();
    let mut seg_start = 0;
    let mut seen_value = false;
    for c in 0..g.cols() {
        if label(roles[c]) && seen_value {
            bounds.push((seg_start, c));
            seg_start = c;
            seen_value = false;
        }
        if roles[c] == Role::Amount {
            seen_value = true;
        }
    }
    bounds.push((seg_start, g.cols()));
    // a part without amounts is no side of its own (`代码 | 名称 | 金额 | 科目代码 | 科目名称
    // | 项目类别`: one record per row)
    // nor is a part that shares no header word with the part before it and no heading of
    // its own: halves repeat their columns (`金额 | 金额`) or stand under `收入 | 支出`
    let words = |a: usize, b: usize| -> Vec<&String> {
        (a..b).filter(|&c| roles[c] == Role::Amount).flat_map(|c| paths[c].iter()).collect()
    };
    let heading = |a: usize, b: usize| common_prefix(&(a..b).map(|c| paths[c].clone()).collect::<Vec<_>>());
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (a, b) in bounds {
        match merged.last_mut() {
            Some(last) => {
                let no_amount = !(a..b).any(|c| roles[c] == Role::Amount);
                let (mine, theirs) = (words(a, b), words(last.0, last.1));
                let shared = mine.iter().any(|w| theirs.contains(w));
                let headed = !heading(a, b).is_empty() && heading(a, b) != heading(last.0, last.1);
                // a part whose labels are merged over several rows is a level of its own
                // (a project, then its indicators)
                let coarse = (last.0..last.1).filter(|&c| label(roles[c])).any(|c| {
                    (start..end).any(|r| g.cell_at(r, c).is_some_and(|cell| cell.row == r && cell.row_span > 1))
                });
                if no_amount || !shared && !headed && !coarse {
                    last.1 = b;
                } else {
                    merged.push((a, b));
                }
            }
            None => merged.push((a, b)),
        }
    }
    let bounds = merged;
    carried.resize(bounds.len(), Vec::new());
    bounds
        .into_iter()
        .zip(carried.iter_mut())
        .map(|((a, b), carried)| {
            let value_cols: Vec<usize> = (a..b).filter(|&c| value(roles[c])).collect();
            let columns: Vec<Vec<String>> = value_cols.iter().map(|&c| paths[c].clone()).collect();
            let heading = common_prefix(&(a..b).map(|c| paths[c].clone()).collect::<Vec<_>>());
            // code columns in groups: the levels of one code (`类 | 款 | 项` side by side)
            // or one column each; the name is the last name column before the values
            let code_cols: Vec<usize> = (a..b).filter(|&c| roles[c] == Role::Code).collect();
            let mut groups: Vec<Vec<usize>> = Vec::new();
            for &c in &code_cols {
                let level = paths[c].last().is_some_and(|l| matches!(l.as_str(), "款" | "项"));
                match groups.last_mut() {
                    Some(gr) if level && gr.last() == Some(&(c - 1)) => gr.push(c),
                    _ => groups.push(vec![c]),
                }
            }
            let name_col = (a..b).rev().find(|&c| roles[c] == Role::Name);
            let name_cols: Vec<usize> = (a..b).filter(|&c| roles[c] == Role::Name).collect();
            carried.resize(groups.len(), String::new());
            let mut rows = Vec::new();
            for r in start..end {
                let own =
                    |c: usize| g.cell_at(r, c).filter(|cell| cell.row == r && cell.col == c && !skip.contains(&(r, c)));
                let text = |c: usize| own(c).map(compact).unwrap_or_default();
                // a label cell spanning into this segment's value columns (`公用经费合计`
                // over a group's code, name and amount) labels the group whose values it
                // stops before; one spanning into it from the left labels this group
                let spilled = value_cols.iter().any(|&c| {
                    g.cell_at(r, c).is_some_and(|cell| cell.col != c && label(roles[cell.col]) && cell.row == r)
                });
                let inherited =
                    g.cell_at(r, a).filter(|cell| cell.col < a && cell.row == r && label(roles[cell.col])).map(compact);
                let mut codes: Vec<String> = Vec::new();
                let mut names: Vec<String> = Vec::new();
                for (gi, gr) in groups.iter().enumerate() {
                    let parts: Vec<String> = gr.iter().map(|&c| text(c)).collect();
                    if let Some(label) = parts.iter().find(|p| !p.is_empty() && !code_like(p)) {
                        // a label printed across the code columns (`合计`)
                        names.push(label.clone());
                        continue;
                    }
                    let digits: Vec<String> =
                        parts.iter().map(|p| p.chars().filter(|ch| ch.is_ascii_digit()).collect()).collect();
                    let code = join_levels(&digits, &mut carried[gi]);
                    if !code.is_empty() {
                        codes.push(code);
                    }
                }
                for &c in &name_cols {
                    let t = text(c);
                    match code_and_name(&t) {
                        Some((code, name)) => {
                            codes.push(code);
                            if Some(c) == name_col {
                                names.push(name);
                            }
                        }
                        None if Some(c) == name_col && !t.is_empty() => names.push(t),
                        None if !t.is_empty()
                            && names.is_empty()
                            && name_col.map(|n| text(n).is_empty()).unwrap_or(true) =>
                        {
                            names.push(t)
                        }
                        None => {}
                    }
                }
                if names.is_empty() {
                    names.extend(inherited);
                }
                if names.is_empty() {
                    // the last name column blank: the first label printed before the amounts
                    // (`合计`, `货物` in a column of categories)
                    let first_amount = value_cols.iter().copied().find(|&c| roles[c] == Role::Amount).unwrap_or(b);
                    names.extend(
                        (a..first_amount).filter(|&c| roles[c] == Role::Text).map(text).find(|t| !t.is_empty()),
                    );
                }
                let values: Vec<Option<String>> =
                    value_cols.iter().map(|&c| own(c).map(compact).filter(|t| !t.is_empty())).collect();
                let code = codes.join("/");
                let name = names.concat();
                if code.is_empty() && name.is_empty() && values.iter().all(Option::is_none) {
                    continue;
                }
                if spilled && values.iter().all(Option::is_none) {
                    continue;
                }
                if name.starts_with("注：") || name.starts_with("注:") {
                    break;
                }
                let y = (a..b)
                    .filter_map(|c| g.cell_at(r, c))
                    .filter(|c| !c.is_blank())
                    .map(GridCell::baseline)
                    .fold(f32::MAX, f32::min);
                let y = if y == f32::MAX { (g.ys[r] + g.ys[r + 1]) / 2.0 } else { y };
                rows.push(BodyRow { code, name, values, at: location(lines, g.page, y) });
            }
            Segment { columns, heading, rows }
        })
        .collect()
}

/// One code from the columns of its levels (`201 | 06 | 01` → `2010601`): a blank higher
/// level is carried from the row above (`| 06 | 01` under `201 | |`, or across a page),
/// a whole code printed in the first column stands for itself.
fn join_levels(parts: &[String], carried: &mut String) -> String {
    if parts.len() <= 1 {
        let code = parts.first().cloned().unwrap_or_default();
        return code;
    }
    let Some(first) = parts.iter().position(|p| !p.is_empty()) else {
        return String::new();
    };
    if first == 0 && parts[0].len() > 3 {
        carried.clear();
        return parts[0].clone();
    }
    let last = parts.iter().rposition(|p| !p.is_empty()).unwrap_or(first);
    // the carried code's levels: 类 3 digits, then 2 per level
    let mut code = String::new();
    if first > 0 {
        let keep = 3 + 2 * (first - 1);
        if carried.len() < keep {
            return String::new();
        }
        code.push_str(&carried[..keep]);
    }
    for p in &parts[first..=last] {
        code.push_str(p);
    }
    *carried = code.clone();
    code
}

fn common_prefix(paths: &[Vec<String>]) -> Vec<String> {
    let Some(first) = paths.first() else { return Vec::new() };
    let mut n = first.len();
    for p in paths {
        n = n.min(p.iter().zip(first).take_while(|(a, b)| a == b).count());
    }
    first[..n].to_vec()
}

/// The source location of a row: the region's line on that page nearest to its baseline.
fn location(lines: &[Line], page: usize, y: f32) -> Location {
    lines
        .iter()
        .filter(|l| l.at.page == page)
        .min_by(|a, b| (a.y - y).abs().total_cmp(&(b.y - y).abs()))
        .map(|l| l.at)
        .unwrap_or(Location { line: 0, page })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_codes_carry_higher_levels() {
        let mut carried = String::new();
        let p = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(join_levels(&p(&["201", "", ""]), &mut carried), "201");
        assert_eq!(join_levels(&p(&["201", "06", ""]), &mut carried), "20106");
        assert_eq!(join_levels(&p(&["", "", "01"]), &mut carried), "2010601");
        assert_eq!(join_levels(&p(&["", "06", "02"]), &mut carried), "2010602");
        assert_eq!(join_levels(&p(&["208", "05", "01"]), &mut carried), "2080501");
        assert_eq!(join_levels(&p(&["2080501", "", ""]), &mut carried), "2080501");
        assert_eq!(join_levels(&p(&["", "", ""]), &mut carried), "");
        assert_eq!(join_levels(&p(&["2014001"]), &mut carried), "2014001");
        carried.clear();
        assert_eq!(join_levels(&p(&["", "", "99"]), &mut carried), "", "nothing to carry: no code");
    }

    #[test]
    fn labels_with_their_code() {
        assert_eq!(
            code_and_name("2019999-其他一般公共服务支出"),
            Some(("2019999".into(), "其他一般公共服务支出".into()))
        );
        assert_eq!(code_and_name("50402-基础设施建设"), Some(("50402".into(), "基础设施建设".into())));
        assert_eq!(code_and_name("[31008]物资储备"), Some(("31008".into(), "物资储备".into())));
        assert_eq!(code_and_name("2019年预算"), None);
        assert_eq!(code_and_name("行政运行"), None);
    }
}
