//! Positioned text → lines of tokens. Text input: one line per source line, tokens split at
//! whitespace. PDF input: glyphs grouped into lines by baseline, and into tokens where the
//! gap between glyphs is wider than a space. Drops blank lines and page footers (`- 7 -`,
//! `第 7 页`) and keeps every line's source location for diagnostics. Joins wrapped table
//! cells to their row in one pass per page, its token comparisons bounded. Knows nothing of
//! 决算 terms.

use crate::decode::pdf::{Glyph, PageText};
use crate::decode::Decoded;
use crate::model::Location;

/// One printed line.
#[derive(Debug, Clone)]
pub struct Line {
    pub at: Location,
    /// The line, trimmed.
    pub text: String,
    /// The line without any whitespace (computed once: the recognisers compare it often).
    pub compact: String,
    pub tokens: Vec<Token>,
    /// Baseline from the top of the page and font size, in points (PDF input); the line
    /// number and 1 for text input.
    pub y: f32,
    pub size: f32,
}

/// A run of non-space characters: where it lies in the line's `text`, and the column it
/// starts in (bytes from the start of the untrimmed line for text input).
#[derive(Debug, Clone)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub x: f32,
    /// Where it ends: points (PDF input) or the column after it (text input).
    pub x_end: f32,
}

impl Line {
    /// Gives back what its text and tokens were allocated beyond their length: a
    /// document's lines are all held until it is recognised.
    fn shrink(mut self) -> Line {
        self.text.shrink_to_fit();
        self.compact.shrink_to_fit();
        self.tokens.shrink_to_fit();
        self
    }

    pub fn token_texts(&self) -> impl Iterator<Item = &str> {
        self.tokens.iter().map(|t| &self.text[t.start..t.end])
    }

    /// A line of `text` (trimmed here), split into tokens at whitespace; `indent` is the
    /// column of its first character.
    pub fn new(at: Location, text: &str, indent: usize) -> Line {
        let text = text.trim().to_string();
        let mut compact = String::with_capacity(text.len());
        let mut tokens = Vec::new();
        let base = text.as_ptr() as usize;
        for t in text.split_whitespace() {
            let start = t.as_ptr() as usize - base;
            compact.push_str(t);
            let x = (indent + start) as f32;
            tokens.push(Token { start, end: start + t.len(), x, x_end: x + t.chars().count() as f32 });
        }
        let y = at.line as f32;
        Line { at, text, compact, tokens, y, size: 1.0 }
    }

    /// The line without any whitespace.
    pub fn compact(&self) -> &str {
        &self.compact
    }
}

/// Splits decoded text into lines.
pub fn lines_of_text(decoded: &Decoded) -> Vec<Line> {
    let mut out = Vec::new();
    for (i, raw) in decoded.text.split('\n').enumerate() {
        let text = raw.trim();
        if text.is_empty() || is_page_footer(text) {
            continue;
        }
        let indent = raw.len() - raw.trim_start().len();
        out.push(Line::new(Location { line: i + 1, page: 0 }, text, indent));
    }
    out
}

/// A gap wider than this share of the font size separates two tokens.
const TOKEN_GAP: f32 = 0.5;

/// Glyphs whose baselines differ by less than this share of the font size share a line.
const SAME_LINE: f32 = 0.4;

/// Groups each page's glyphs into lines (top to bottom) of tokens (left to right). Line
/// numbers run through the document; `at.page` is the 1-based page.
pub fn lines_of_pages(pages: &[PageText]) -> Vec<Line> {
    let mut numbering = Numbering::default();
    pages.iter().enumerate().flat_map(|(p, page)| lines_of_page(page, p + 1, &mut numbering)).collect()
}

/// The line numbers given so far, for pages laid out one at a time.
#[derive(Debug, Default)]
pub struct Numbering(usize);

/// The lines of one page (1-based `number`), numbered on from `numbering`.
pub fn lines_of_page(page: &PageText, number: usize, numbering: &mut Numbering) -> Vec<Line> {
    let mut glyphs: Vec<&Glyph> = page.glyphs.iter().collect();
    glyphs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
    let mut row: Vec<&Glyph> = Vec::new();
    let mut rows: Vec<Vec<&Glyph>> = Vec::new();
    for g in glyphs {
        let same = row.first().is_some_and(|f| (g.y - f.y).abs() <= SAME_LINE * f.size.max(g.size));
        if !same && !row.is_empty() {
            rows.push(std::mem::take(&mut row));
        }
        row.push(g);
    }
    if !row.is_empty() {
        rows.push(row);
    }
    let mut page_lines = Vec::with_capacity(rows.len());
    for mut row in rows {
        row.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        numbering.0 += 1;
        if let Some(line) = line_of_glyphs(page, &row, Location { line: numbering.0, page: number }) {
            page_lines.push(line);
        }
    }
    join_wrapped_cells(page_lines)
}

/// Lines closer than this many font sizes may belong to one wrapped cell…
const CELL_PITCH: f32 = 1.3;

/// …and closer than this share of the page's usual distance between table rows: the lines
/// of a wrapped cell are set closer than the rows of a table.
const CELL_OF_ROW_PITCH: f32 = 0.75;

/// Work allowed to the wrapped-cell join of one page, per token on the page and in all:
/// each token compared with the tokens of the lines it could join costs one unit. Real
/// pages need a few units per token; a page built to make the join quadratic (a row of
/// thousands of cells under thousands of fragment lines) runs out, and what is left is not
/// joined (the lines stay as printed).
const JOIN_WORK_PER_TOKEN: usize = 64;
const JOIN_WORK_BASE: usize = 1 << 16;

/// The join's remaining work.
struct Work(usize);

impl Work {
    /// Takes `n` units; false (and nothing taken) when fewer are left.
    fn take(&mut self, n: usize) -> bool {
        match self.0.checked_sub(n) {
            Some(left) => {
                self.0 = left;
                true
            }
            None => {
                self.0 = 0;
                false
            }
        }
    }
}

/// A table cell whose text wraps prints as lines of fragments above and below the line
/// that carries the row's other cells (vertically centred cells). Each run of fragment
/// lines between two row lines is joined to the nearer row line: fragments in an empty
/// column become tokens there, fragments in an occupied column join its text (above:
/// before it, below: after it). Linear in the page's lines, with the token comparisons
/// bounded by [`Work`].
fn join_wrapped_cells(lines: Vec<Line>) -> Vec<Line> {
    let n = lines.len();
    let tokens: usize = lines.iter().map(|l| l.tokens.len()).sum();
    let mut work = Work(JOIN_WORK_BASE.saturating_add(tokens.saturating_mul(JOIN_WORK_PER_TOKEN)));
    // which lines could host fragments: several cells apart
    let is_row = |l: &Line| l.tokens.len() >= 2;
    let mut gaps: Vec<f32> =
        lines.windows(2).filter(|w| is_row(&w[0]) && is_row(&w[1])).map(|w| w[1].y - w[0].y).collect();
    gaps.sort_by(f32::total_cmp);
    let row_pitch = gaps.get(gaps.len() / 2).copied().unwrap_or(f32::INFINITY);
    let close = |a: &Line, b: &Line| {
        let d = (b.y - a.y).abs();
        d <= CELL_PITCH * a.size.max(b.size) && d < CELL_OF_ROW_PITCH * row_pitch
    };
    // breaks[j]: how many neighbouring pairs among lines[..=j] are not close, so a chain
    // of close lines from one line to another is one subtraction (checking each pair on
    // the way for every fragment line was quadratic in a long run of fragments)
    let mut breaks = vec![0usize; n];
    for j in 1..n {
        breaks[j] = breaks[j - 1] + usize::from(!close(&lines[j - 1], &lines[j]));
    }
    let chained = |from: usize, to: usize| breaks[from.min(to)] == breaks[from.max(to)];
    let mut target: Vec<Option<usize>> = vec![None; n];
    let mut i = 0;
    while i < n {
        if is_row(&lines[i]) || !is_fragment(&lines[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < n && !is_row(&lines[i]) && is_fragment(&lines[i]) {
            i += 1;
        }
        // lines[start..i] are fragment candidates between rows start-1 and i
        let above = start.checked_sub(1).filter(|&a| is_row(&lines[a]));
        let below = (i < n && is_row(&lines[i])).then_some(i);
        for k in start..i {
            let mut fits = |r: usize| chained(k, r) && fits_in(&lines[k], &lines[r], &mut work);
            let da = above.filter(|&a| fits(a)).map(|a| lines[k].y - lines[a].y);
            let db = below.filter(|&b| fits(b)).map(|b| lines[b].y - lines[k].y);
            target[k] = match (da, db) {
                (Some(x), Some(y)) => Some(if x <= y { above.unwrap_or(k) } else { below.unwrap_or(k) }),
                (Some(_), None) => above,
                (None, Some(_)) => below,
                (None, None) => None,
            };
        }
    }
    if target.iter().all(Option::is_none) {
        return lines;
    }
    let mut guests: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (k, t) in target.iter().enumerate() {
        if let Some(r) = t {
            guests[*r].push(k);
        }
    }
    // the rows with guests rebuilt first (they read their guests' lines), then every line
    // moved into place: a joined row's new line, or the line as it was
    let mut merged: Vec<Option<Line>> = vec![None; n];
    for (r, line) in lines.iter().enumerate() {
        if target[r].is_none() && !guests[r].is_empty() {
            // above: nearest first, each prepended; below: top to bottom, each appended
            let above = guests[r].iter().rev().filter(|&&k| k < r);
            let below = guests[r].iter().filter(|&&k| k > r);
            let frags = above.chain(below).map(|&k| (&lines[k], k < r));
            merged[r] = Some(merge(line, frags, &mut work));
        }
    }
    lines
        .into_iter()
        .zip(merged)
        .zip(target)
        .filter(|(_, t)| t.is_none())
        .map(|((line, joined), _)| joined.unwrap_or(line))
        .collect()
}

/// A line of words only (no numbers) that could be part of a wrapped cell.
fn is_fragment(line: &Line) -> bool {
    line.token_texts().all(is_word)
}

/// Every token of `frag` lies in a gap of `row` or within one of its word tokens' columns.
/// False when the work runs out.
fn fits_in(frag: &Line, row: &Line, work: &mut Work) -> bool {
    frag.tokens.iter().all(|f| {
        if !work.take(row.tokens.len()) {
            return false;
        }
        let mut overlapping = row.tokens.iter().filter(|t| f.x < t.x_end && t.x < f.x_end);
        match (overlapping.next(), overlapping.next()) {
            (None, _) => true,
            (Some(t), None) => is_word(&row.text[t.start..t.end]) && (t.x - f.x).abs() <= 2.0 * row.size,
            _ => false,
        }
    })
}

/// Not a number.
fn is_word(t: &str) -> bool {
    t.chars().any(|c| !(c.is_ascii_digit() || ".,-%".contains(c)))
}

/// Joins fragment lines into their row line, in order (`true`: the fragment is above the
/// row, its text goes before). The line is rebuilt once, however many fragments join it;
/// a fragment token is matched against the row's cells while the work lasts, and past it
/// stands as a cell of its own.
fn merge<'a>(row: &Line, frags: impl Iterator<Item = (&'a Line, bool)>, work: &mut Work) -> Line {
    let mut parts: Vec<(f32, f32, String)> =
        row.tokens.iter().map(|t| (t.x, t.x_end, row.text[t.start..t.end].to_string())).collect();
    for (frag, before) in frags {
        for f in &frag.tokens {
            let text = &frag.text[f.start..f.end];
            let found =
                if work.take(parts.len()) { parts.iter_mut().find(|p| f.x < p.1 && p.0 < f.x_end) } else { None };
            match found {
                Some(p) if before => {
                    p.2.insert_str(0, text);
                    p.0 = p.0.min(f.x);
                    p.1 = p.1.max(f.x_end);
                }
                Some(p) => {
                    p.2.push_str(text);
                    p.0 = p.0.min(f.x);
                    p.1 = p.1.max(f.x_end);
                }
                None => parts.push((f.x, f.x_end, text.to_string())),
            }
        }
        // in column order before the next fragment, as if the line had been rebuilt (a
        // stable sort of a nearly sorted list: linear)
        if work.take(parts.len()) {
            parts.sort_by(|a, b| a.0.total_cmp(&b.0));
        }
    }
    parts.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut text = String::new();
    let mut tokens = Vec::with_capacity(parts.len());
    for (x, x_end, t) in parts {
        if !text.is_empty() {
            text.push(' ');
        }
        tokens.push(Token { start: text.len(), end: text.len() + t.len(), x, x_end });
        text.push_str(&t);
    }
    let compact = tokens.iter().map(|t| &text[t.start..t.end]).collect();
    Line { at: row.at, text, compact, tokens, y: row.y, size: row.size }.shrink()
}

fn line_of_glyphs(page: &PageText, row: &[&Glyph], at: Location) -> Option<Line> {
    // room for every glyph's text and a space between each two, so nothing grows on the way
    let mut text = String::with_capacity(row.iter().map(|g| (g.end - g.start) as usize + 1).sum());
    let mut tokens: Vec<Token> = Vec::with_capacity(row.len());
    let mut prev: Option<&Glyph> = None;
    for g in row {
        let t = page.glyph_text(g);
        if t.trim().is_empty() {
            // a drawn space separates tokens whatever its width
            prev = None;
            continue;
        }
        let joined = prev.is_some_and(|p| g.x0 - p.x1 <= TOKEN_GAP * g.size.max(p.size));
        if !joined {
            if !text.is_empty() {
                text.push(' ');
            }
            tokens.push(Token { start: text.len(), end: text.len(), x: g.x0, x_end: g.x1 });
        }
        for c in t.chars().filter(|c| !c.is_whitespace()) {
            text.push(c);
        }
        if let Some(last) = tokens.last_mut() {
            last.end = text.len();
            last.x_end = g.x1;
        }
        prev = Some(g);
    }
    if text.is_empty() || is_page_footer(&text) {
        return None;
    }
    let mut compact = String::with_capacity(text.len());
    compact.extend(tokens.iter().map(|t| &text[t.start..t.end]));
    let size = row.iter().map(|g| g.size).fold(0.0, f32::max);
    Some(Line { at, text, compact, tokens, y: row[0].y, size }.shrink())
}

/// `- 7 -`, `— 7 —`, `第 7 页`, `第7页 共24页`, `7 / 24`.
pub fn is_page_footer(text: &str) -> bool {
    let first = text.trim_start().chars().next();
    if text.len() > 48 || !first.is_some_and(|c| c.is_ascii_digit() || matches!(c, '-' | '—' | '－' | '–' | '第'))
    {
        return false;
    }
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let digits_only = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    for dash in ['-', '—', '－', '–'] {
        if let Some(inner) = t.strip_prefix(dash).and_then(|r| r.strip_suffix(dash)) {
            if digits_only(inner) {
                return true;
            }
        }
    }
    if let Some(inner) = t.strip_prefix('第').and_then(|r| r.split_once('页')).map(|(a, _)| a) {
        if digits_only(inner) && t.chars().count() <= 12 {
            return true;
        }
    }
    if let Some((a, b)) = t.split_once('/') {
        return digits_only(a) && digits_only(b);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn footers_are_recognised() {
        assert!(is_page_footer("- 7 -"));
        assert!(is_page_footer("第 3 页"));
        assert!(is_page_footer("3/24"));
        assert!(!is_page_footer("2013202 一般行政管理事务"));
        assert!(!is_page_footer("-"));
    }

    #[test]
    fn tokens_carry_columns() {
        let d = Decoded { text: "a  bb\n\n- 2 -\n合计 1".into(), encoding: "utf-8" };
        let lines = lines_of_text(&d);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].tokens[1].x, 3.0);
        assert_eq!(lines[1].tokens[1].x, 7.0, "byte column");
        assert_eq!(lines[1].at.line, 4);
    }
}
