//! Small text helpers shared by the stages: character classes, name normalisation
//! (EXPORT.md), joining wrapped lines, and reading printed numbers exactly.

use rust_decimal::Decimal;
use std::str::FromStr;

/// CJK ideographs and full-width punctuation: characters between which a line break or
/// a space carries no meaning.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FFF | 0x3000..=0x303F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF |
        0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF0F | 0xFF1A..=0xFF20 |
        0xFF3B..=0xFF40 | 0xFF5B..=0xFF65 | 0x2014 | 0x2018..=0x201F | 0x2026 | 0x2030)
}

pub fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| is_cjk(c) && c != '—')
}

/// Joins pieces of one logical text (a wrapped name, a paragraph): no space where either
/// side of the join is CJK, one space otherwise.
pub fn join_wrapped<'a, I: IntoIterator<Item = &'a str>>(parts: I) -> String {
    let mut out = String::new();
    for p in parts {
        push_wrapped(&mut out, p);
    }
    out
}

/// Appends one piece to a text being joined as [`join_wrapped`] joins (in place, so a
/// paragraph of many lines is joined in linear time); returns where the piece starts in
/// `out` (after the space, if one was put in).
pub fn push_wrapped(out: &mut String, p: &str) -> usize {
    let p = p.trim();
    if p.is_empty() {
        return out.len();
    }
    if let (Some(a), Some(b)) = (out.chars().last(), p.chars().next()) {
        if !(is_cjk(a) || is_cjk(b)) {
            out.push(' ');
        }
    }
    let start = out.len();
    out.push_str(p);
    start
}

/// Removes the spaces text extraction puts between CJK and other characters
/// (`接收的 102232 册` → `接收的102232册`); spaces between two non-CJK words stay.
pub fn tidy_spaces(s: &str) -> String {
    let s = s.trim();
    if !s.contains(char::is_whitespace) {
        return s.to_string();
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            let j = chars[i..].iter().position(|c| !c.is_whitespace()).map(|p| p + i).unwrap_or(chars.len());
            let before = out.chars().last();
            let after = chars.get(j).copied();
            let keep = !(before.is_some_and(is_cjk) || after.is_some_and(is_cjk));
            if keep && before.is_some() && after.is_some() {
                out.push(' ');
            }
            i = j;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// Half-width brackets and colons to full width, other punctuation as printed.
fn fullwidth(c: char) -> char {
    match c {
        '(' => '（',
        ')' => '）',
        ':' => '：',
        _ => c,
    }
}

/// The normalised name of EXPORT.md: no whitespace, full-width brackets, no ordinal
/// prefix (`一、`, `（一）`, `1.`, `指标 3：`), no `（项）`/`（款）`/`（类）` suffix.
pub fn normalize_name(s: &str) -> String {
    let mut t = String::with_capacity(s.len());
    t.extend(s.chars().filter(|c| !c.is_whitespace()).map(fullwidth));
    let stripped = strip_ordinal(&t);
    if stripped.len() != t.len() {
        t = stripped.to_string();
    }
    if t.contains('）') {
        for suffix in ["（项）", "（款）", "（类）"] {
            t = t.replace(suffix, "");
        }
    }
    t
}

/// A key for comparing titles and names loosely: normalised, without quotes, `收支` read
/// as `收入支出`.
pub fn match_key(s: &str) -> String {
    normalize_name(s)
        .chars()
        .filter(|c| !matches!(c, '“' | '”' | '"' | '\'' | '‘' | '’' | '「' | '」'))
        .collect::<String>()
        .replace("收支", "收入支出")
}

const CN_DIGITS: &str = "一二三四五六七八九十百零〇";

/// Removes one leading ordinal: `一、`, `（一）`, `(1)`, `1.`, `1、`, `指标 3：`, `指标3:`.
pub fn strip_ordinal(s: &str) -> &str {
    let t = s.trim_start();
    // 指标 N：
    if let Some(rest) = t.strip_prefix("指标") {
        let rest = rest.trim_start();
        let digits = rest.chars().take_while(|c| c.is_ascii_digit()).count();
        if digits > 0 {
            let after = rest[digits..].trim_start();
            if let Some(r) = after.strip_prefix(['：', ':', ';', '；', '.', '、']) {
                return r.trim_start();
            }
        }
    }
    // （一） (一) （1）
    for (open, close) in [('（', '）'), ('(', ')')] {
        if let Some(rest) = t.strip_prefix(open) {
            let inner: String = rest.chars().take_while(|c| *c != close).collect();
            if !inner.is_empty()
                && inner.chars().count() <= 3
                && inner.chars().all(|c| CN_DIGITS.contains(c) || c.is_ascii_digit())
                && rest[inner.len()..].starts_with(close)
            {
                return rest[inner.len() + close.len_utf8()..].trim_start();
            }
        }
    }
    // 一、 十二、
    let cn = t.chars().take_while(|c| CN_DIGITS.contains(*c)).map(char::len_utf8).sum::<usize>();
    if cn > 0 {
        if let Some(r) = t[cn..].strip_prefix('、') {
            return r.trim_start();
        }
    }
    // 1. 1、 12．
    let d = t.chars().take_while(|c| c.is_ascii_digit()).count();
    if d > 0 && d <= 2 {
        let rest = &t[d..];
        for sep in ['.', '、', '．'] {
            if let Some(r) = rest.strip_prefix(sep) {
                // not a decimal number such as 1.5
                if !r.starts_with(|c: char| c.is_ascii_digit()) {
                    return r.trim_start();
                }
            }
        }
    }
    t
}

/// Tokens printed for "no amount" that count as zero.
pub fn is_dash(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| matches!(c, '-' | '—' | '–' | '－' | '―'))
}

/// A printed amount: `1,800,000.00`, `2111176.8`, `-12.5`, or a dash (zero). Thousands
/// separators must be well placed; the scale printed is kept.
pub fn parse_amount(s: &str) -> Option<Decimal> {
    // most tokens are words: reject them at the first character
    if !s.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '-' | '－' | '—' | '–' | '―')) {
        return None;
    }
    if is_dash(s) {
        return Some(Decimal::ZERO);
    }
    let (neg, body) = match s.strip_prefix('-').or_else(|| s.strip_prefix('－')) {
        Some(b) => (true, b),
        None => (false, s),
    };
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit() || b == b',') {
        return None;
    }
    if let Some(f) = frac {
        if f.is_empty() || f.len() > 8 || !f.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
    }
    if int.contains(',') {
        let groups: Vec<&str> = int.split(',').collect();
        let ok = !groups[0].is_empty() && groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3);
        if !ok {
            return None;
        }
    }
    if int.len() > 22 {
        return None;
    }
    if !neg && !int.contains(',') {
        // the common case: the token is already a plain decimal
        return Decimal::from_str(s).ok();
    }
    let digits: String = int.chars().filter(|c| *c != ',').collect();
    let text = match frac {
        Some(f) => format!("{}{digits}.{f}", if neg { "-" } else { "" }),
        None => format!("{}{digits}", if neg { "-" } else { "" }),
    };
    Decimal::from_str(&text).ok()
}

/// A printed rate `94.21%` (or `94.21％`) as the number without the sign.
pub fn parse_percent(s: &str) -> Option<Decimal> {
    let body = s.strip_suffix('%').or_else(|| s.strip_suffix('％'))?;
    parse_amount(body).filter(|_| !is_dash(body))
}

/// An amount with thousands separators, digits as printed (`403,923,024.99`).
pub fn group_digits(v: Decimal) -> String {
    let s = v.to_string();
    let (sign, s) = s.strip_prefix('-').map_or(("", s.as_str()), |r| ("-", r));
    let (int, frac) = s.split_once('.').map_or((s, None), |(i, f)| (i, Some(f)));
    let mut out = String::with_capacity(s.len() + s.len() / 3 + 1);
    out.push_str(sign);
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals_are_stripped() {
        assert_eq!(normalize_name("一、一般公共预算财政拨款收入"), "一般公共预算财政拨款收入");
        assert_eq!(normalize_name("二十一、国有资本经营预算支出"), "国有资本经营预算支出");
        assert_eq!(normalize_name("（三）国有资产"), "国有资产");
        assert_eq!(normalize_name("指标 3：2023 年世行项目还款"), "2023年世行项目还款");
        assert_eq!(normalize_name("10.劳动保障监察（项）"), "劳动保障监察");
        assert_eq!(normalize_name("1.5万元"), "1.5万元");
        assert_eq!(normalize_name("因公出国(境)费"), "因公出国（境）费");
    }

    #[test]
    fn amounts_keep_printed_digits() {
        assert_eq!(parse_amount("1,800,000.00").unwrap().to_string(), "1800000.00");
        assert_eq!(parse_amount("2111176.8").unwrap().to_string(), "2111176.8");
        assert_eq!(parse_amount("—").unwrap().to_string(), "0");
        assert!(parse_amount("1,80,000").is_none());
        assert!(parse_amount("2023年").is_none());
        assert!(parse_amount("12.").is_none());
        assert_eq!(parse_percent("94.21%").unwrap().to_string(), "94.21");
    }

    #[test]
    fn spaces_next_to_cjk_go() {
        assert_eq!(tidy_spaces("接收的 102232 册 ok  fine"), "接收的102232册ok fine");
    }

    #[test]
    fn wrapped_text_joins_without_spaces_between_cjk() {
        assert_eq!(join_wrapped(["其他人力资源和社", "会保障管理事务支", "出"]), "其他人力资源和社会保障管理事务支出");
        assert_eq!(join_wrapped(["2000-2022", "年"]), "2000-2022年");
        assert_eq!(join_wrapped(["abc", "def"]), "abc def");
    }
}

/// Where each printed number (a run of digits, `,` and `.` such as `7,136,208.38`) starts
/// and ends in `chars`.
pub fn number_runs(chars: &[char]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < chars.len() && !chars[i].is_ascii_digit() {
            i += 1;
        }
        if i == chars.len() {
            return None;
        }
        let start = i;
        while i < chars.len() && (chars[i].is_ascii_digit() || matches!(chars[i], ',' | '.')) {
            i += 1;
        }
        Some((start, i))
    })
}
