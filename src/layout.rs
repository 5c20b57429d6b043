//! Positioned text → lines of tokens. Drops blank lines and page footers (`- 7 -`,
//! `第 7 页`), splits each line into whitespace-separated tokens with their column, and
//! keeps every line's source location for diagnostics. Knows nothing of 决算 terms.

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
}

/// A run of non-space characters: where it lies in the line's `text`, and the column it
/// starts in (bytes from the start of the untrimmed line for text input).
#[derive(Debug, Clone)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub x: f32,
}

impl Line {
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
            tokens.push(Token { start, end: start + t.len(), x: (indent + start) as f32 });
        }
        Line { at, text, compact, tokens }
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
