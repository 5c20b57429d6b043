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
    /// A classification code or one level of it.
    Code,
    /// Row names.
    Name,
    /// 行次 / 栏次 numbers.
    RowNumber,
    Amount,
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
    for g in grids {
        let on_page: Vec<&Line> = lines.iter().filter(|l| l.at.page == g.page).collect();
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
    cell.text().chars().filter(|c| !c.is_whitespace()).collect()
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

fn is_name_word(s: &str) -> bool {
    s.contains("名称") || matches!(s, "项目" | "科目" | "项目（按功能分类）" | "功能分类科目" | "经济分类科目")
}

/// Digits only, of a length a code or a code part has.
fn code_like(s: &str) -> bool {
    let digits: String = s.chars().filter(|c| !c.is_whitespace() && *c != '.').collect();
    !digits.is_empty() && digits.len() <= 7 && digits.bytes().all(|b| b.is_ascii_digit()) && !s.contains(',')
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
        let first = cells.first().filter(|c| c.col == 0).map(|c| compact(c)).unwrap_or_default();
        let total = matches!(strip_ordinal(&first), "合计" | "总计");
        let code = code_like(&first) && first.len() >= 3;
        let decimals = texts.iter().any(|t| t.contains('.') && parse_amount(t).is_some());
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
    for g in grids {
        let mut start = body_start(g);
        // a grid continuing the last one's columns repeats its header or prints none: rows
        // above the first amount that repeat no header word are body rows
        if let Some((xs, p)) = &last_layout {
            let aligned = xs.len() == g.xs.len() && xs.iter().zip(&g.xs).all(|(a, b)| (a - b).abs() < 6.0);
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
                    // the 栏次 row's word and numbers name no column
                    if t != "栏次" && !t.chars().all(|ch| ch.is_ascii_digit()) {
                        path.push(t);
                    }
                }
            }
        }
        if start == 0 {
            if let Some((xs, p)) = &last_layout {
                if xs.len() == g.xs.len() && xs.iter().zip(&g.xs).all(|(a, b)| (a - b).abs() < 6.0) {
                    paths = p.clone();
                }
            }
        } else {
            last_layout = Some((g.xs.clone(), paths.clone()));
        }
        let roles = roles(g, start, &paths);
        let segs = segments_of(g, start, &paths, &roles, lines);
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

fn same_columns(a: &[Segment], b: &[Segment]) -> bool {
    a.iter().zip(b).all(|(x, y)| x.columns == y.columns)
}

fn roles(g: &Grid, start: usize, paths: &[Vec<String>]) -> Vec<Role> {
    (0..g.cols())
        .map(|c| {
            let path = &paths[c];
            let last = path.last().map(String::as_str).unwrap_or("");
            let body: Vec<String> = (start..g.rows())
                .filter_map(|r| g.cell_at(r, c).filter(|cell| cell.row == r && cell.col == c))
                .map(compact)
                .filter(|t| !t.is_empty())
                .collect();
            let numbers = body.iter().filter(|t| parse_amount(t).is_some()).count();
            let words = body.len() - numbers;
            if is_row_number_word(last)
                || path.iter().any(|p| is_row_number_word(p)) && last.chars().all(|ch| ch.is_ascii_digit())
            {
                Role::RowNumber
            } else if is_code_word(last)
                || path.iter().any(|p| is_code_word(p))
                    && body.iter().all(|t| code_like(t) || parse_amount(t).is_none())
                    && words + numbers > 0
                    && body.iter().filter(|t| code_like(t)).count() * 2 >= body.len()
            {
                Role::Code
            } else if is_name_word(last) || words > numbers || (body.is_empty() && path.iter().any(|p| is_name_word(p)))
            {
                Role::Name
            } else {
                Role::Amount
            }
        })
        .collect()
}

/// Splits the grid's columns into segments: a label column after an amount column starts
/// a new one.
fn segments_of(g: &Grid, start: usize, paths: &[Vec<String>], roles: &[Role], lines: &[Line]) -> Vec<Segment> {
    let mut bounds: Vec<(usize, usize)> = Vec::new();
    let mut seg_start = 0;
    let mut seen_amount = false;
    for c in 0..g.cols() {
        let label = matches!(roles[c], Role::Code | Role::Name);
        if label && seen_amount {
            bounds.push((seg_start, c));
            seg_start = c;
            seen_amount = false;
        }
        if roles[c] == Role::Amount {
            seen_amount = true;
        }
    }
    bounds.push((seg_start, g.cols()));
    bounds
        .into_iter()
        .map(|(a, b)| {
            let amount_cols: Vec<usize> = (a..b).filter(|&c| roles[c] == Role::Amount).collect();
            let columns: Vec<Vec<String>> = amount_cols.iter().map(|&c| paths[c].clone()).collect();
            let heading = common_prefix(&(a..b).map(|c| paths[c].clone()).collect::<Vec<_>>());
            let mut rows = Vec::new();
            let mut carried: Vec<String> = Vec::new();
            for r in start..g.rows() {
                let mut code_parts: Vec<String> = Vec::new();
                let mut name_parts: Vec<String> = Vec::new();
                // a label cell spanning into the amount columns (`公用经费合计` over a
                // group's code, name and amount) is the label of the group whose amount
                // column it stops before
                let mut spilled = false;
                for c in a..b {
                    let Some(cell) = g.cell_at(r, c) else { continue };
                    let own = cell.row == r && cell.col == c;
                    let covered_from_left = cell.col != c;
                    if covered_from_left {
                        let from_label = matches!(roles[cell.col], Role::Code | Role::Name);
                        if from_label && roles[c] == Role::Amount {
                            spilled = true;
                        } else if from_label && cell.col < a && cell.row == r && c == a {
                            name_parts.push(compact(cell));
                        }
                        continue;
                    }
                    match roles[c] {
                        Role::Code => {
                            let t = compact(cell);
                            if code_like(&t) {
                                code_parts.push(t.chars().filter(|ch| ch.is_ascii_digit()).collect());
                            } else if own && !t.is_empty() {
                                // a label spanning the code columns (`合计`)
                                name_parts.push(t);
                                code_parts.push(String::new());
                            } else {
                                code_parts.push(String::new());
                            }
                        }
                        Role::Name if own => name_parts.push(compact(cell)),
                        _ => {}
                    }
                }
                let values: Vec<Option<String>> = amount_cols
                    .iter()
                    .map(|&c| {
                        g.cell_at(r, c)
                            .filter(|cell| cell.row == r && cell.col == c)
                            .map(compact)
                            .filter(|t| !t.is_empty())
                    })
                    .collect();
                let code = join_code(&code_parts, &mut carried);
                let name = name_parts.concat();
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

/// The codes of split columns: each printed part, a blank higher level carried from the
/// row above (`| 06 | 01` under `201 | |`); a single column's code as printed.
fn join_code(parts: &[String], carried: &mut Vec<String>) -> String {
    if parts.len() <= 1 {
        return parts.first().cloned().unwrap_or_default();
    }
    let printed: Vec<usize> = (0..parts.len()).filter(|&i| !parts[i].is_empty()).collect();
    let Some(&first) = printed.first() else {
        return String::new();
    };
    carried.resize(parts.len(), String::new());
    // a part wider than one level (`20101` in the 类 column) is a whole code
    if parts[first].len() > 3 && first == 0 {
        carried.iter_mut().for_each(String::clear);
        return parts[first].clone();
    }
    let mut code = String::new();
    for (i, p) in parts.iter().enumerate() {
        if i < first {
            code.push_str(&carried[i]);
        } else if i <= *printed.last().unwrap_or(&first) {
            code.push_str(p);
        }
    }
    for (i, p) in parts.iter().enumerate() {
        if i >= first {
            carried[i] = p.clone();
        }
    }
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
        let mut carried = Vec::new();
        let p = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(join_code(&p(&["201", "", ""]), &mut carried), "201");
        assert_eq!(join_code(&p(&["201", "06", ""]), &mut carried), "20106");
        assert_eq!(join_code(&p(&["", "", "01"]), &mut carried), "2010601");
        assert_eq!(join_code(&p(&["", "06", "02"]), &mut carried), "2010602");
        assert_eq!(join_code(&p(&["208", "05", "01"]), &mut carried), "2080501");
        assert_eq!(join_code(&p(&["2080501", "", ""]), &mut carried), "2080501");
        assert_eq!(join_code(&p(&["", "", ""]), &mut carried), "");
        assert_eq!(join_code(&p(&["2014001"]), &mut carried), "2014001");
    }
}
