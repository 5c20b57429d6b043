//! Ruling + glyphs → table grids, the lattice method of pdfplumber's `find_tables` and
//! Camelot: the page's ruling segments are snapped and joined into edges, edges that touch
//! form a table, the distinct edge positions of a table give its row and column
//! boundaries, and elementary cells not separated by a drawn border merge into one cell
//! with row and column spans. Every glyph goes to the cell that contains its centre, so a
//! cell's text is one value whatever its baseline (vertically centred or top-aligned
//! columns, names wrapped inside their cell). A page without ruling has no grids; its
//! tables are read from the lines of `layout`. Work per page is bounded (edge crossings,
//! cells a table, glyph-in-grid tests a glyph) and no pass is quadratic in the ruling.
//! Knows nothing of 决算 terms.

use crate::decode::pdf::{Glyph, PageText};
use crate::text::push_wrapped;

/// Ruling positions closer than this (points) are one line: double borders, hairline
/// offsets between producers' cell borders.
const SNAP: f32 = 2.0;
/// Collinear pieces with a gap up to this are one edge.
const JOIN: f32 = 2.5;
/// An edge reaches another when it ends within this distance of it.
const TOUCH: f32 = 2.5;
/// A border counts for an elementary cell's side when it covers the side's middle, leaving
/// this much at each end.
const COVER_MARGIN: f32 = 2.5;
/// Edges shorter than this are ticks or glyph decorations, not ruling.
const MIN_EDGE: f32 = 4.0;
/// Per page, at most this many edge crossings are examined: beyond, the page is read from
/// its lines (a bound on work for hostile or pathological ruling).
const MAX_CROSSINGS: usize = 200_000;
/// Per table, at most this many elementary cells.
const MAX_CELLS: usize = 100_000;
/// Per page, glyph-in-grid tests allowed per glyph, and in all (see `fill`).
const FILL_TESTS_PER_GLYPH: usize = 64;
const FILL_TESTS_BASE: usize = 1 << 16;

/// A table found from the ruling of one page.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    /// 1-based page.
    pub page: usize,
    /// Column boundaries left to right and row boundaries top to bottom (points).
    pub xs: Vec<f32>,
    pub ys: Vec<f32>,
    /// Cells in reading order (by top row, then left column); they tile the grid.
    pub cells: Vec<GridCell>,
    /// For each elementary cell (row-major, `rows() × cols()`), the index of its cell.
    cover: Vec<u32>,
}

/// One cell: a rectangle of one or more elementary cells with no border inside.
#[derive(Debug, Clone, PartialEq)]
pub struct GridCell {
    pub row: usize,
    pub col: usize,
    pub row_span: usize,
    pub col_span: usize,
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
    /// The text inside, line by line from the top.
    pub lines: Vec<CellLine>,
}

/// One line of text inside a cell: tokens separated by one space.
#[derive(Debug, Clone, PartialEq)]
pub struct CellLine {
    pub text: String,
    /// Baseline (points from the top of the page), left and right edge.
    pub y: f32,
    pub x0: f32,
    pub x1: f32,
    pub size: f32,
}

impl GridCell {
    /// The cell's text as one value: its lines joined (no space where CJK meets).
    pub fn text(&self) -> String {
        let mut out = String::with_capacity(self.lines.iter().map(|l| l.text.len() + 1).sum());
        for l in &self.lines {
            push_wrapped(&mut out, &l.text);
        }
        out
    }

    pub fn is_blank(&self) -> bool {
        self.lines.is_empty()
    }

    /// The baseline of the first line, or the cell's middle when it is blank.
    pub fn baseline(&self) -> f32 {
        self.lines.first().map_or((self.y0 + self.y1) / 2.0, |l| l.y)
    }
}

impl Grid {
    pub fn rows(&self) -> usize {
        self.ys.len() - 1
    }

    pub fn cols(&self) -> usize {
        self.xs.len() - 1
    }

    /// The cell covering elementary cell (`row`, `col`).
    pub fn cell_at(&self, row: usize, col: usize) -> Option<&GridCell> {
        if row >= self.rows() || col >= self.cols() {
            return None;
        }
        self.cells.get(self.cover[row * self.cols() + col] as usize)
    }

    /// Top, bottom of the grid.
    pub fn top(&self) -> f32 {
        self.ys[0]
    }

    pub fn bottom(&self) -> f32 {
        self.ys[self.ys.len() - 1]
    }

    /// The cells whose top row is `row`, left to right.
    pub fn row_cells(&self, row: usize) -> impl Iterator<Item = &GridCell> {
        self.cells.iter().filter(move |c| c.row == row)
    }

    /// A plain dump: one line per cell, `row,col[+spans] text`.
    pub fn dump(&self) -> String {
        let mut out = format!(
            "grid p{} {}×{} at y {:.1}–{:.1}\n",
            self.page,
            self.rows(),
            self.cols(),
            self.top(),
            self.bottom()
        );
        for c in &self.cells {
            let span = if c.row_span > 1 || c.col_span > 1 {
                format!("+{}×{}", c.row_span, c.col_span)
            } else {
                String::new()
            };
            out.push_str(&format!("  r{}c{}{} {}\n", c.row, c.col, span, c.text()));
        }
        out
    }
}

/// The grids of every page, in page order.
pub fn grids_of_pages(pages: &[PageText]) -> Vec<Grid> {
    pages.iter().enumerate().flat_map(|(i, p)| grids_of_page(p, i + 1)).collect()
}

/// A horizontal edge at `at` from `lo` to `hi` (or vertical, with x and y swapped).
#[derive(Debug, Clone, Copy)]
struct Edge {
    at: f32,
    lo: f32,
    hi: f32,
}

/// The tables drawn on one page (1-based `page`).
pub fn grids_of_page(page: &PageText, number: usize) -> Vec<Grid> {
    let mut hs: Vec<Edge> = Vec::new();
    let mut vs: Vec<Edge> = Vec::new();
    for r in &page.rules {
        if r.y0 == r.y1 && r.x1 > r.x0 {
            hs.push(Edge { at: r.y0, lo: r.x0, hi: r.x1 });
        } else if r.x0 == r.x1 && r.y1 > r.y0 {
            vs.push(Edge { at: r.x0, lo: r.y0, hi: r.y1 });
        }
    }
    let hs = merge_edges(hs);
    let vs = merge_edges(vs);
    if hs.len() < 2 || vs.is_empty() {
        return Vec::new();
    }
    // tables: edges that touch, found through an index of horizontal edges by position
    let mut sets = UnionFind::new(hs.len() + vs.len());
    let mut crossings = 0usize;
    for (j, v) in vs.iter().enumerate() {
        let from = hs.partition_point(|h| h.at < v.lo - TOUCH);
        for (i, h) in hs.iter().enumerate().skip(from) {
            if h.at > v.hi + TOUCH {
                break;
            }
            crossings += 1;
            if crossings > MAX_CROSSINGS {
                return Vec::new();
            }
            if v.at >= h.lo - TOUCH && v.at <= h.hi + TOUCH {
                sets.union(i, hs.len() + j);
            }
        }
    }
    let mut groups: Vec<(Vec<Edge>, Vec<Edge>)> = Vec::new();
    // by root (an edge's index): its group
    let mut group_of = vec![usize::MAX; hs.len() + vs.len()];
    for k in 0..hs.len() + vs.len() {
        let root = sets.find(k);
        if group_of[root] == usize::MAX {
            group_of[root] = groups.len();
            groups.push((Vec::new(), Vec::new()));
        }
        let g = group_of[root];
        if k < hs.len() {
            groups[g].0.push(hs[k]);
        } else {
            groups[g].1.push(vs[k - hs.len()]);
        }
    }
    let mut grids: Vec<Grid> = groups.into_iter().filter_map(|(h, v)| grid_of_edges(&h, &v, number)).collect();
    grids.sort_by(|a, b| a.top().total_cmp(&b.top()).then(a.xs[0].total_cmp(&b.xs[0])));
    fill(&mut grids, page);
    grids.retain(|g| g.cells.iter().any(|c| !c.is_blank()));
    grids
}

/// Snaps collinear pieces to one position and joins overlapping or adjacent ones; sorted
/// by position, then start.
fn merge_edges(mut edges: Vec<Edge>) -> Vec<Edge> {
    edges.sort_by(|a, b| a.at.total_cmp(&b.at));
    // clusters of positions within SNAP of the cluster's first, moved to their mean
    let mut i = 0;
    while i < edges.len() {
        let first = edges[i].at;
        let j = edges[i..].iter().position(|e| e.at - first > SNAP).map_or(edges.len(), |p| p + i);
        let mean = edges[i..j].iter().map(|e| e.at).sum::<f32>() / (j - i) as f32;
        for e in &mut edges[i..j] {
            e.at = mean;
        }
        i = j;
    }
    edges.sort_by(|a, b| a.at.total_cmp(&b.at).then(a.lo.total_cmp(&b.lo)));
    let mut out: Vec<Edge> = Vec::with_capacity(edges.len());
    for e in edges {
        match out.last_mut() {
            Some(last) if last.at == e.at && e.lo <= last.hi + JOIN => last.hi = last.hi.max(e.hi),
            _ => out.push(e),
        }
    }
    out.retain(|e| e.hi - e.lo >= MIN_EDGE);
    out
}

/// Distinct positions, merged within SNAP.
fn positions(mut v: Vec<f32>) -> Vec<f32> {
    v.sort_by(f32::total_cmp);
    let mut out: Vec<f32> = Vec::with_capacity(v.len());
    for p in v {
        match out.last() {
            Some(&last) if p - last <= SNAP => {}
            _ => out.push(p),
        }
    }
    out
}

/// Does an edge among `edges` at `at` cover `lo..hi` (its middle)? `edges` as
/// `merge_edges` leaves them (sorted by position, then start; at one position disjoint), so
/// a binary search finds the positions within SNAP and, at each, the one edge that can
/// cover: the last starting at or before `lo` (scanning every edge for every elementary
/// cell was quadratic in the ruling).
fn covered(edges: &[Edge], at: f32, lo: f32, hi: f32) -> bool {
    let (lo, hi) = if hi - lo > 2.0 * COVER_MARGIN { (lo + COVER_MARGIN, hi - COVER_MARGIN) } else { (lo, hi) };
    // a margin around the window, the exact test per position
    let mut i = edges.partition_point(|e| e.at < at - SNAP - 1.0);
    while i < edges.len() && edges[i].at <= at + SNAP + 1.0 {
        let pos = edges[i].at;
        let end = i + edges[i..].partition_point(|e| e.at <= pos);
        if (pos - at).abs() <= SNAP {
            let k = edges[i..end].partition_point(|e| e.lo <= lo);
            if k > 0 && edges[i + k - 1].hi >= hi {
                return true;
            }
        }
        i = end;
    }
    false
}

fn grid_of_edges(hs: &[Edge], vs: &[Edge], page: usize) -> Option<Grid> {
    if hs.is_empty() || vs.is_empty() {
        return None;
    }
    let mut ys = positions(hs.iter().map(|e| e.at).collect());
    let mut xs = positions(vs.iter().map(|e| e.at).collect());
    // open sides: horizontal rules that run past the outermost vertical ones (and the
    // reverse) bound the table there
    let (hlo, hhi) = hs.iter().fold((f32::MAX, f32::MIN), |(a, b), e| (a.min(e.lo), b.max(e.hi)));
    let (vlo, vhi) = vs.iter().fold((f32::MAX, f32::MIN), |(a, b), e| (a.min(e.lo), b.max(e.hi)));
    if hlo < xs[0] - 3.0 * SNAP {
        xs.insert(0, hlo);
    }
    if hhi > xs[xs.len() - 1] + 3.0 * SNAP {
        xs.push(hhi);
    }
    if vlo < ys[0] - 3.0 * SNAP {
        ys.insert(0, vlo);
    }
    if vhi > ys[ys.len() - 1] + 3.0 * SNAP {
        ys.push(vhi);
    }
    if xs.len() < 2 || ys.len() < 2 {
        return None;
    }
    let (rows, cols) = (ys.len() - 1, xs.len() - 1);
    if rows * cols > MAX_CELLS || (rows < 2 && cols < 2) {
        return None;
    }
    // which elementary cells are separated by a drawn border
    let mut hs_sorted: Vec<Edge> = hs.to_vec();
    hs_sorted.sort_by(|a, b| a.at.total_cmp(&b.at));
    let idx = |r: usize, c: usize| r * cols + c;
    let mut sets = UnionFind::new(rows * cols);
    for r in 0..rows {
        for c in 0..cols {
            if c + 1 < cols && !covered(vs, xs[c + 1], ys[r], ys[r + 1]) {
                sets.union(idx(r, c), idx(r, c + 1));
            }
            if r + 1 < rows && !covered(&hs_sorted, ys[r + 1], xs[c], xs[c + 1]) {
                sets.union(idx(r, c), idx(r + 1, c));
            }
        }
    }
    // each set becomes a cell when it is a rectangle; otherwise (a border partly missing)
    // each of its row runs is a cell
    // by root (an elementary cell's index): first row and column, last row and column, count
    let mut bbox: Vec<(usize, usize, usize, usize, usize)> = vec![(usize::MAX, usize::MAX, 0, 0, 0); rows * cols];
    for r in 0..rows {
        for c in 0..cols {
            let root = sets.find(idx(r, c));
            let b = &mut bbox[root];
            b.0 = b.0.min(r);
            b.1 = b.1.min(c);
            b.2 = b.2.max(r);
            b.3 = b.3.max(c);
            b.4 += 1;
        }
    }
    let mut cover = vec![u32::MAX; rows * cols];
    let mut cells: Vec<GridCell> = Vec::new();
    let mut make = |r0: usize, c0: usize, r1: usize, c1: usize, cover: &mut Vec<u32>| {
        for r in r0..=r1 {
            for c in c0..=c1 {
                cover[idx(r, c)] = cells.len() as u32;
            }
        }
        cells.push(GridCell {
            row: r0,
            col: c0,
            row_span: r1 - r0 + 1,
            col_span: c1 - c0 + 1,
            x0: xs[c0],
            y0: ys[r0],
            x1: xs[c1 + 1],
            y1: ys[r1 + 1],
            lines: Vec::new(),
        });
    };
    for r in 0..rows {
        for c in 0..cols {
            if cover[idx(r, c)] != u32::MAX {
                continue;
            }
            let root = sets.find(idx(r, c));
            let (r0, c0, r1, c1, n) = bbox[root];
            if n == (r1 - r0 + 1) * (c1 - c0 + 1) {
                make(r0, c0, r1, c1, &mut cover);
            } else {
                let mut end = c;
                while end + 1 < cols && sets.find(idx(r, end + 1)) == root && cover[idx(r, end + 1)] == u32::MAX {
                    end += 1;
                }
                make(r, c, r, end, &mut cover);
            }
        }
    }
    Some(Grid { page, xs, ys, cells, cover })
}

/// Puts each glyph into the cell that contains its centre, then makes each cell's lines.
/// The glyphs are placed into one list for the page and grouped by cell afterwards (a
/// vector for each cell made a page's allocations grow with its cells).
fn fill(grids: &mut [Grid], page: &PageText) {
    if grids.is_empty() {
        return;
    }
    // the page's cells numbered through its grids: grid k's cell c is base[k] + c
    let mut base = Vec::with_capacity(grids.len() + 1);
    base.push(0usize);
    for g in grids.iter() {
        base.push(base[base.len() - 1] + g.cells.len());
    }
    let cells = base[grids.len()];
    // each placed glyph in drawing order: its cell, and the cell it ran on from without a
    // gap (when it did)
    let mut placed_glyphs: Vec<(usize, &Glyph, Option<usize>)> = Vec::new();
    // the glyph drawn before, and where it went
    let mut prev: Option<(&Glyph, usize, usize)> = None;
    // a glyph is tested against the grids in order until one holds it: a page of thousands
    // of grids and millions of glyphs would take glyphs × grids tests, so a page has at
    // most FILL_TESTS_PER_GLYPH a glyph (real pages: one or two); past that the glyphs left
    // go to no grid (their lines are still read)
    let mut tests = page.glyphs.len().saturating_mul(FILL_TESTS_PER_GLYPH).saturating_add(FILL_TESTS_BASE);
    for g in &page.glyphs {
        if page.glyph_text(g).trim().is_empty() {
            prev = None;
            continue;
        }
        let cx = (g.x0 + g.x1) / 2.0;
        let cy = g.y - 0.3 * g.size;
        let mut placed = None;
        for (k, grid) in grids.iter().enumerate() {
            if tests == 0 {
                break;
            }
            tests -= 1;
            if cy < grid.top() || cy > grid.bottom() || cx < grid.xs[0] || cx > grid.xs[grid.xs.len() - 1] {
                continue;
            }
            let r = (grid.ys.partition_point(|&y| y <= cy)).clamp(1, grid.ys.len() - 1) - 1;
            let c = (grid.xs.partition_point(|&x| x <= cx)).clamp(1, grid.xs.len() - 1) - 1;
            let cell = grid.cover[r * grid.cols() + c] as usize;
            let from = prev.filter(|(p, pk, pcell)| {
                let touching =
                    (g.y - p.y).abs() < 0.2 * g.size && (-0.1 * g.size..0.15 * g.size).contains(&(g.x0 - p.x1));
                touching && *pk == k && *pcell != cell && grid.cells[*pcell].row == grid.cells[cell].row
            });
            placed_glyphs.push((base[k] + cell, g, from.map(|f| base[k] + f.2)));
            placed = Some((g, k, cell));
            break;
        }
        prev = placed;
    }
    // grouped by cell, in drawing order within each (a stable sort); cell i's glyphs are
    // order[start[i]..start[i + 1]]
    let mut order = placed_glyphs;
    order.sort_by_key(|&(cell, _, _)| cell);
    let mut start = vec![0usize; cells + 1];
    for &(cell, _, _) in &order {
        start[cell + 1] += 1;
    }
    for i in 0..cells {
        start[i + 1] += start[i];
    }
    // text that runs on over a border without a gap into a cell that prints nothing of its
    // own (a spreadsheet lets a long name overflow into the empty cell beside it) belongs
    // to the cell it starts in: every glyph of such a cell continues the run that entered
    // at its first one. A cell holds the glyphs of a list of cells, in turn: its own (no
    // list kept), then those moved into it; a cell moved away holds none (an empty list,
    // which a later move into it extends).
    let mut holds: Vec<Option<Vec<usize>>> = vec![None; cells];
    for i in 0..cells {
        let froms = &order[start[i]..start[i + 1]];
        let Some(&(_, _, Some(to))) = froms.first() else { continue };
        if froms[1..].iter().all(|(_, _, f)| f.is_none()) {
            let mine = holds[i].replace(Vec::new()).unwrap_or_else(|| vec![i]);
            holds[to].get_or_insert_with(|| vec![to]).extend(mine);
        }
    }
    let mut glyphs: Vec<&Glyph> = Vec::new();
    for (k, grid) in grids.iter_mut().enumerate() {
        for (c, cell) in grid.cells.iter_mut().enumerate() {
            let i = base[k] + c;
            glyphs.clear();
            for &own in holds[i].as_deref().unwrap_or(&[i]) {
                glyphs.extend(order[start[own]..start[own + 1]].iter().map(|&(_, g, _)| g));
            }
            cell.lines = lines_of(page, &mut glyphs);
        }
    }
}

/// Glyphs whose baselines differ by less than this share of the font size share a line;
/// a gap wider than this share of the font size separates two tokens (as in `layout`).
const SAME_LINE: f32 = 0.4;
const TOKEN_GAP: f32 = 0.5;

/// The lines of a cell's glyphs (sorted here, in place): runs of the glyphs in reading
/// order whose baselines are close, each from left to right.
fn lines_of(page: &PageText, glyphs: &mut [&Glyph]) -> Vec<CellLine> {
    glyphs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
    let mut lines = Vec::new();
    let mut rest = &mut glyphs[..];
    while let Some(first) = rest.first() {
        let (y, size) = (first.y, first.size);
        let n = rest.iter().position(|g| (g.y - y).abs() > SAME_LINE * size.max(g.size)).unwrap_or(rest.len());
        let (row, after) = rest.split_at_mut(n);
        rest = after;
        row.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        let mut text = String::with_capacity(row.iter().map(|g| (g.end - g.start) as usize + 1).sum());
        let mut prev: Option<&Glyph> = None;
        for g in row.iter() {
            if prev.is_some_and(|p| g.x0 - p.x1 > TOKEN_GAP * g.size.max(p.size)) {
                text.push(' ');
            }
            text.extend(page.glyph_text(g).chars().filter(|c| !c.is_whitespace()));
            prev = Some(g);
        }
        // held with the page's grid until the document is recognised
        text.shrink_to_fit();
        lines.push(CellLine {
            text,
            y: row[0].y,
            x0: row[0].x0,
            x1: row[row.len() - 1].x1,
            size: row.iter().map(|g| g.size).fold(0.0, f32::max),
        });
    }
    // held like the lines' text
    lines.shrink_to_fit();
    lines
}

struct UnionFind(Vec<usize>);

impl UnionFind {
    fn new(n: usize) -> Self {
        UnionFind((0..n).collect())
    }

    fn find(&mut self, mut k: usize) -> usize {
        while self.0[k] != k {
            self.0[k] = self.0[self.0[k]];
            k = self.0[k];
        }
        k
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            self.0[ra.max(rb)] = ra.min(rb);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::pdf::Rule;

    fn h(y: f32, x0: f32, x1: f32) -> Rule {
        Rule { x0, y0: y, x1, y1: y }
    }

    fn v(x: f32, y0: f32, y1: f32) -> Rule {
        Rule { x0: x, y0, x1: x, y1 }
    }

    /// Places `text` with its baseline at `y`, starting at `x`, 10 pt glyphs 6 pt wide.
    fn put(page: &mut PageText, text: &str, x: f32, y: f32) {
        let mut x = x;
        for ch in text.chars() {
            let start = page.text.len() as u32;
            page.text.push(ch);
            let end = page.text.len() as u32;
            page.glyphs.push(Glyph { start, end, x0: x, x1: x + 6.0, y, size: 10.0 });
            x += 6.0;
        }
    }

    /// A 3-row table: a header row whose first cell spans two rows and whose second spans
    /// two columns, a sub-header row, and a body row; borders drawn as pieces per cell.
    fn sample() -> PageText {
        let mut p = PageText { width: 600.0, height: 800.0, ..PageText::default() };
        // outer frame and row lines (the middle one only under the spanning header)
        p.rules.extend([h(100.0, 50.0, 350.0), h(160.0, 50.0, 350.0), h(190.0, 50.0, 350.0)]);
        p.rules.extend([h(130.0, 150.0, 250.0), h(130.2, 250.0, 350.0)]);
        p.rules.extend([v(50.0, 100.0, 190.0), v(150.0, 100.0, 190.0), v(350.0, 100.0, 190.0)]);
        // the column split below the spanning header, drawn in two pieces
        p.rules.extend([v(250.0, 130.0, 160.0), v(250.5, 160.0, 190.0)]);
        put(&mut p, "科目", 60.0, 148.0);
        put(&mut p, "本年支出", 170.0, 120.0);
        put(&mut p, "基本", 160.0, 148.0);
        put(&mut p, "项目", 260.0, 148.0);
        // a value set higher than the row's name: still its row's cell
        put(&mut p, "行政运行", 60.0, 182.0);
        put(&mut p, "1,234.50", 160.0, 176.0);
        put(&mut p, "合", 260.0, 176.0);
        put(&mut p, "计", 260.0, 187.0);
        p
    }

    #[test]
    fn spans_and_cells_from_ruling() {
        let grids = grids_of_page(&sample(), 3);
        assert_eq!(grids.len(), 1);
        let g = &grids[0];
        assert_eq!((g.rows(), g.cols()), (3, 3));
        let first = g.cell_at(0, 0).unwrap();
        assert_eq!((first.row_span, first.col_span, first.text()), (2, 1, "科目".to_string()));
        let spanning = g.cell_at(0, 2).unwrap();
        assert_eq!((spanning.col, spanning.col_span, spanning.text()), (1, 2, "本年支出".to_string()));
        assert_eq!(g.cell_at(1, 2).unwrap().text(), "项目");
        assert_eq!(g.cell_at(2, 1).unwrap().text(), "1,234.50", "offset value in its cell");
        assert_eq!(g.cell_at(2, 2).unwrap().text(), "合计", "wrapped text joined");
        assert_eq!(g.cells.len(), 2 + 2 + 3);
    }

    #[test]
    fn no_ruling_no_grid_and_ticks_ignored() {
        let mut p = sample();
        p.rules.clear();
        assert!(grids_of_page(&p, 1).is_empty());
        p.rules.extend([h(10.0, 10.0, 12.0), v(11.0, 9.0, 11.0)]);
        assert!(grids_of_page(&p, 1).is_empty());
    }

    #[test]
    fn open_sides_bound_the_table() {
        // only horizontal rules and one inner vertical: the rules' ends close the table
        let mut p = PageText { width: 600.0, height: 800.0, ..PageText::default() };
        p.rules.extend([h(100.0, 50.0, 350.0), h(130.0, 50.0, 350.0), h(160.0, 50.0, 350.0), v(200.0, 100.0, 160.0)]);
        put(&mut p, "合计", 60.0, 150.0);
        put(&mut p, "8.00", 300.0, 150.0);
        let g = &grids_of_page(&p, 1)[0];
        assert_eq!((g.rows(), g.cols()), (2, 2));
        assert_eq!(g.cell_at(1, 1).unwrap().text(), "8.00");
    }

    #[test]
    fn crossing_budget_bounds_work() {
        // a hostile page: many short disjoint pieces at distinct positions
        let mut p = PageText { width: 600.0, height: 800.0, ..PageText::default() };
        for i in 0..1000 {
            let y = i as f32 * 0.7;
            p.rules.push(h(y, 0.0, 600.0));
            p.rules.push(v(y * 0.8, 0.0, 800.0));
        }
        // snapped into few lines or refused; either way it returns
        let grids = grids_of_page(&p, 1);
        assert!(grids.iter().all(|g| g.rows() * g.cols() <= MAX_CELLS));
    }
}
