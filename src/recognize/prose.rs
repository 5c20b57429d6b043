//! The prose parts: 概况 (duties, the units included), 第三部分 (numbered sections split
//! into sentences, each with its location), 名词解释 (terms and definitions).

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::Diags;
use crate::layout::Line;
use crate::model::{GlossaryEntry, Location, Overview, Section, Sentence, UnitEntry};
use crate::text::{push_wrapped, strip_ordinal, tidy_spaces};

/// Joined text of some lines, with where each line starts in it.
struct Joined {
    text: String,
    starts: Vec<(usize, Location)>,
}

fn join(lines: &[&Line]) -> Joined {
    let mut text = String::new();
    let mut starts = Vec::new();
    for l in lines {
        // appended in place (joining a copy per line was quadratic in the paragraph)
        let start = push_wrapped(&mut text, &l.text);
        starts.push((start, l.at));
    }
    Joined { text, starts }
}

impl Joined {
    /// Where the line holding `offset` starts (the last of equal starts): a binary search,
    /// so locating every sentence is O(sentences × log lines).
    fn at(&self, offset: usize) -> Location {
        let n = self.starts.partition_point(|(s, _)| *s <= offset);
        n.checked_sub(1).map(|i| self.starts[i].1).unwrap_or_default()
    }
}

/// Splits text into sentences at 。！？；, keeping the mark.
fn sentences(j: &Joined) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut start = 0usize;
    for (i, c) in j.text.char_indices() {
        if matches!(c, '。' | '！' | '？' | '；') {
            let end = i + c.len_utf8();
            push_sentence(&mut out, j, start, end);
            start = end;
        }
    }
    push_sentence(&mut out, j, start, j.text.len());
    out
}

fn push_sentence(out: &mut Vec<Sentence>, j: &Joined, start: usize, end: usize) {
    let s = j.text[start..end].trim();
    if !s.is_empty() {
        let lead = j.text[start..end].len() - j.text[start..end].trim_start().len();
        out.push(Sentence { text: tidy_spaces(s), at: j.at(start + lead) });
    }
}

/// The ordinal a section heading starts with: `一、` or `（一）`.
fn heading(text: &str) -> Option<(String, &str)> {
    let rest = strip_ordinal(text);
    if rest.len() == text.trim_start().len() {
        return None;
    }
    let ord = text.trim_start()[..text.trim_start().len() - rest.len()].trim().to_string();
    let chinese = ord.chars().any(|c| "一二三四五六七八九十".contains(c));
    chinese.then_some((ord, rest))
}

/// 第三部分: sections at `一、` and `（一）` headings.
pub fn narrative(lines: &[Line]) -> Vec<Section> {
    let mut sections: Vec<(String, String, Location, Vec<&Line>)> = Vec::new();
    let mut body_first: Vec<Line> = Vec::new();
    for l in lines {
        if let Some((ord, rest)) = heading(&l.text) {
            let (title, tail) = match rest.find('。') {
                Some(p) => (rest[..p].to_string(), rest[p + '。'.len_utf8()..].trim().to_string()),
                None => (rest.trim().to_string(), String::new()),
            };
            sections.push((ord, title, l.at, Vec::new()));
            if !tail.is_empty() {
                body_first.push(Line::new(l.at, &tail, 0));
            }
            continue;
        }
        if sections.is_empty() {
            sections.push((String::new(), String::new(), l.at, Vec::new()));
        }
        sections.last_mut().unwrap().3.push(l);
    }
    // a heading's own tail is the first body line of its section (looked up by location:
    // searching the tails for each section was quadratic in the headings)
    let mut tails: HashMap<(usize, usize), &Line> = HashMap::with_capacity(body_first.len());
    for b in &body_first {
        tails.entry((b.at.page, b.at.line)).or_insert(b);
    }
    let mut out = Vec::new();
    for (ord, title, at, body) in sections {
        let tail = tails.get(&(at.page, at.line)).copied();
        let mut all: Vec<&Line> = tail.into_iter().collect();
        all.extend(body);
        let j = join(&all);
        out.push(Section { number: ord, title, sentences: sentences(&j), at });
    }
    out
}

/// 第一部分: duties, structure, the units included.
pub fn overview(lines: &[Line]) -> Overview {
    let mut duties_lines: Vec<&Line> = Vec::new();
    let mut structure_lines: Vec<&Line> = Vec::new();
    let mut mode = 0u8;
    for l in lines {
        if let Some((_, rest)) = heading(&l.text) {
            let c: String = rest.chars().filter(|c| !c.is_whitespace()).collect();
            if c.contains("职责") || c.contains("职能") {
                mode = 1;
                continue;
            }
            if c.contains("机构设置") || c.contains("单位构成") || c.contains("决算单位") {
                mode = 2;
                continue;
            }
        }
        match mode {
            1 => duties_lines.push(l),
            2 => structure_lines.push(l),
            _ => {}
        }
    }
    let duties_text = tidy_spaces(&join(&duties_lines).text);
    let duties = split_numbered(&duties_text);
    let structure = tidy_spaces(&join(&structure_lines).text);
    let compact: String = structure.chars().filter(|c| !c.is_whitespace()).collect();
    let units_stated = compact.find("共").and_then(|p| {
        let d: String = compact[p + '共'.len_utf8()..].chars().take_while(|c| c.is_ascii_digit()).collect();
        d.parse().ok()
    });
    let mut units = units(&compact);
    if units.is_empty() {
        units = listed_units(&structure_lines);
    }
    Overview { duties, structure, units_stated, units }
}

/// A table of units: a `序号 单位名称 (备注/单位性质)` header, then `1 …单位 (…)` lines.
fn listed_units(lines: &[&Line]) -> Vec<UnitEntry> {
    let Some(header) = lines.iter().position(|l| l.compact().contains("单位名称")) else { return Vec::new() };
    lines[header + 1..]
        .iter()
        .map(|l| l.token_texts().collect::<Vec<_>>())
        .take_while(|t| t.len() >= 2 && t[0].len() <= 3 && t[0].bytes().all(|b| b.is_ascii_digit()))
        .map(|t| UnitEntry { name: t[1].to_string(), kind: t[2..].concat() })
        .collect()
}

/// `（1）…（2）…` → items; a text without numbering is one item.
fn split_numbered(text: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut cur = String::new();
    let mut rest = text;
    while !rest.is_empty() {
        let c = rest.chars().next().unwrap();
        if c == '（' || c == '(' {
            let after = &rest[c.len_utf8()..];
            let d: String = after.chars().take_while(|c| c.is_ascii_digit()).collect();
            let close = after[d.len()..].chars().next();
            if !d.is_empty() && matches!(close, Some('）') | Some(')')) {
                if !cur.trim().is_empty() {
                    items.push(cur.trim().to_string());
                }
                cur = String::new();
                rest = &after[d.len() + close.unwrap().len_utf8()..];
                continue;
            }
        }
        cur.push(c);
        rest = &rest[c.len_utf8()..];
    }
    if !cur.trim().is_empty() {
        items.push(cur.trim().to_string());
    }
    items
}

/// `1.行政单位1个：甲（本级），以下简称…。2.参公管理…4个：乙、丙…` → units with their kind.
fn units(compact: &str) -> Vec<UnitEntry> {
    const MAX_KIND: usize = 20;
    let mut out = Vec::new();
    let mut pos = 0;
    // every scan below stays between this item's `个：` and its neighbours', so the whole
    // text is read a bounded number of times (searching to the end for each item was
    // quadratic, and so was listing the names up to a mark that never comes)
    let items: Vec<usize> = compact.match_indices("个：").map(|(p, _)| p).collect();
    for (n, &colon) in items.iter().enumerate() {
        // the count's digits, back to the previous item at most
        let head = &compact[pos..colon];
        let count_len = head.chars().rev().take_while(|c| c.is_ascii_digit()).map(char::len_utf8).sum::<usize>();
        let kind_end = colon - count_len;
        // kind: back to the item's ordinal (`1.`); a kind is at most MAX_KIND characters,
        // so looking further back could only find one too long
        let kind_start = compact[..kind_end]
            .char_indices()
            .rev()
            .take(MAX_KIND + 1)
            .find(|(_, c)| matches!(c, '.' | '．' | '、'))
            .map(|(p, c)| p + c.len_utf8())
            .unwrap_or(0);
        let kind = &compact[kind_start..kind_end];
        let names_start = colon + "个：".len();
        // the names end at a mark, or at the next item
        let rest = &compact[names_start..items.get(n + 1).copied().unwrap_or(compact.len()).max(names_start)];
        let end = ["，以下", "。", "；", ",以下"].iter().filter_map(|s| rest.find(s)).min().unwrap_or(rest.len());
        if count_len > 0 && !kind.is_empty() && kind.chars().nth(MAX_KIND).is_none() {
            for name in rest[..end].split('、').map(str::trim).filter(|n| !n.is_empty()) {
                out.push(UnitEntry { name: name.to_string(), kind: kind.to_string() });
            }
        }
        pos = names_start;
    }
    out
}

/// 第四部分: `1.财政拨款收入：指…` entries.
pub fn glossary(lines: &[Line], diags: &mut Diags) -> Vec<GlossaryEntry> {
    let mut entries: Vec<(String, Vec<&Line>)> = Vec::new();
    for l in lines {
        // `1. 术语：…` or `一、术语：…`
        let rest = strip_ordinal(&l.text);
        let numbered = rest.len() != l.text.trim_start().len() && rest.chars().take(30).any(|c| c == '：' || c == ':');
        if numbered {
            entries.push((String::new(), vec![l]));
        } else if let Some(e) = entries.last_mut() {
            e.1.push(l);
        } else {
            diags.info(
                "glossary.unnumbered",
                "名词解释中有未编号的文字",
                "unnumbered text in the glossary",
                Some(l.at),
            );
        }
    }
    entries
        .into_iter()
        .filter_map(|(_, ls)| {
            let text = tidy_spaces(&join(&ls).text);
            let body = strip_ordinal(&text).to_string();
            let (term, def) = body.split_once('：').or_else(|| body.split_once(':'))?;
            Some(GlossaryEntry { term: term.trim().to_string(), definition: def.trim().to_string() })
        })
        .collect()
}

/// Every amount the narrative states, with the text just before it: answers "does the
/// narrative state this figure next to this name" without searching the text each time.
pub struct Restatements {
    /// Each amount (normalised) with the texts before its statements: a lookup by value,
    /// so asking for every cell of every reading costs no scan of the whole narrative.
    amounts: HashMap<Decimal, Vec<String>>,
    /// Answers already given: a column name is asked about the same amount many times, and
    /// one amount may be stated very often.
    asked: std::cell::RefCell<HashMap<(String, Decimal), bool>>,
}

impl Restatements {
    pub fn new(narrative: &str) -> Restatements {
        let chars: Vec<char> = narrative.chars().collect();
        let mut amounts: HashMap<Decimal, Vec<String>> = HashMap::new();
        for (start, i) in crate::text::number_runs(&chars) {
            let token: String = chars[start..i].iter().collect::<String>().trim_end_matches(['.', ',']).to_string();
            let percent = matches!(chars.get(i), Some('%' | '％'));
            if let Some(v) = crate::text::parse_amount(&token).filter(|_| !percent) {
                let window: String = chars[start.saturating_sub(30)..start].iter().collect();
                amounts.entry(v.normalize()).or_default().push(window);
            }
        }
        Restatements { amounts, asked: Default::default() }
    }

    /// Does the narrative state `value` shortly after naming `column`?
    pub fn restates(&self, column: &str, value: Decimal) -> bool {
        if column.is_empty() {
            return false;
        }
        let value = value.normalize();
        let Some(ws) = self.amounts.get(&value) else { return false };
        if ws.len() <= 4 {
            return ws.iter().any(|w| w.contains(column));
        }
        let key = (column.to_string(), value);
        if let Some(&known) = self.asked.borrow().get(&key) {
            return known;
        }
        let found = ws.iter().any(|w| w.contains(column));
        self.asked.borrow_mut().insert(key, found);
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn restated_figures_are_found_next_to_their_name() {
        let n = Restatements::new("其中：基本支出109,469,344.58元，占26.77%；公务用车运行维护费支出324044.75元。");
        assert!(n.restates("基本支出", "109469344.58".parse().unwrap()));
        assert!(n.restates("公务用车运行维护费", "324044.75".parse().unwrap()));
        assert!(!n.restates("项目支出", "109469344.58".parse().unwrap()));
        assert!(!n.restates("公务用车购置费", "324044.75".parse().unwrap()));
        assert!(!n.restates("基本支出", "26.77".parse().unwrap()));
    }

    #[test]
    fn units_with_kinds() {
        // full-width ordinals are multi-byte: cutting after them must respect that
        let w = units("1．行政单位1个：甲厅。2、事业单位1个：乙局。");
        assert_eq!(
            w,
            [
                UnitEntry { name: "甲厅".into(), kind: "行政单位".into() },
                UnitEntry { name: "乙局".into(), kind: "事业单位".into() }
            ]
        );
        let u = units("1.行政单位1个：甲厅（本级），以下简称厅本级。2.事业单位2个：乙局、丙中心，以下分别简称乙、丙。");
        assert_eq!(u.len(), 3);
        assert_eq!(u[0], UnitEntry { name: "甲厅（本级）".into(), kind: "行政单位".into() });
        assert_eq!(u[2].kind, "事业单位");
    }
}
