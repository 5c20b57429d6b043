//! Text anomalies in the narrative, headings and names: unfilled placeholders (an amount
//! or year left out, `XX`, an empty `〔〕号`, `主要原因是。`), a template's alternatives
//! left in (`增加（减少）`), and punctuation doubled, also across a line or page break.

use super::narrative::sentence_ref;
use super::{Auditor, Finding};
use crate::model::{Report, Severity};

impl Auditor {
    pub(super) fn text(&mut self, r: &Report) {
        for section in &r.narrative {
            self.count("TXT.placeholder");
            if let Some(what) = xx(&section.title) {
                self.push(Finding::about_cells(
                    "TXT.placeholder",
                    Severity::Warning,
                    (
                        format!("标题“{}”中有未填写的占位内容“{what}”。", section.title),
                        format!("The heading '{}' has an unfilled placeholder '{what}'.", section.title),
                    ),
                    Vec::new(),
                    None,
                    None,
                ));
            }
            let mut previous_end: Option<char> = None;
            for s in &section.sentences {
                let text: String = s.text.chars().filter(|c| !c.is_whitespace()).collect();
                let sentence = sentence_ref(section, s);
                self.count("TXT.placeholder");
                if let Some((what, mark)) = placeholder(&text) {
                    self.push(Finding::about_sentence(
                        "TXT.placeholder",
                        Severity::Warning,
                        (
                            format!("这句话有未填写的占位内容：{what}。"),
                            format!("This sentence has an unfilled placeholder: {what}."),
                        ),
                        sentence.marking(&mark),
                        None,
                    ));
                }
                self.count("TXT.template");
                if let Some(alt) = template_alternative(&text) {
                    self.push(Finding::about_sentence(
                        "TXT.template",
                        Severity::Warning,
                        (
                            format!("模板中的备选用语“{alt}”没有删去，未说明是哪一种。"),
                            format!(
                                "The template's alternatives '{alt}' were left in: the sentence does not say which."
                            ),
                        ),
                        sentence.marking(alt),
                        None,
                    ));
                }
                self.count("TXT.punctuation");
                let first = text.chars().next();
                let across =
                    previous_end.zip(first).filter(|(a, b)| is_stop(*a) && is_stop(*b)).map(|(a, b)| format!("{a}{b}"));
                let within = DOUBLED.iter().find(|p| text.contains(*p)).map(|p| p.to_string());
                if let Some(p) = within.or(across) {
                    self.push(Finding::about_sentence(
                        "TXT.punctuation",
                        Severity::Info,
                        (format!("标点重复“{p}”。"), format!("Doubled punctuation '{p}'.")),
                        sentence.marking(&p[p.char_indices().nth(1).map_or(0, |(i, _)| i)..]),
                        None,
                    ));
                }
                previous_end = text.chars().last();
            }
        }
        // names of rows and projects
        let names = r
            .tables
            .iter()
            .flat_map(|t| t.rows.iter().map(move |row| (t.id.code().to_string(), row.name.as_str())))
            .chain(r.performance.iter().map(|p| (p.id.clone(), p.project.as_str())));
        for (table, name) in names {
            if let Some(what) = xx(name) {
                self.count("TXT.placeholder");
                self.push(Finding::about_cells(
                    "TXT.placeholder",
                    Severity::Warning,
                    (
                        format!("表 {table} 的名称“{name}”中有未填写的占位内容“{what}”。"),
                        format!("Table {table}: the name '{name}' has an unfilled placeholder '{what}'."),
                    ),
                    Vec::new(),
                    None,
                    None,
                ));
            }
        }
    }
}

const DOUBLED: [&str; 7] = ["。。", "，，", "、、", "；；", "：：", "，。", "。，"];

fn is_stop(c: char) -> bool {
    matches!(c, '。' | '，' | '、' | '；' | '：')
}

/// `XX`, `××`: a placeholder in a heading or a name.
fn xx(text: &str) -> Option<&'static str> {
    [("XX", "XX"), ("ＸＸ", "ＸＸ"), ("xx", "xx"), ("××", "××"), ("**", "**")]
        .into_iter()
        .find(|(p, _)| text.contains(p))
        .map(|(_, w)| w)
}

/// A template's two choices left side by side.
fn template_alternative(text: &str) -> Option<&'static str> {
    const PAIRS: [&str; 12] = [
        "增加（减少）",
        "减少（增加）",
        "增长（下降）",
        "下降（增长）",
        "增加(减少)",
        "减少(增加)",
        "增长(下降)",
        "下降(增长)",
        "增加/减少",
        "增长/下降",
        "增加或减少",
        "增长或下降",
    ];
    PAIRS.into_iter().find(|p| text.contains(p))
}

/// What is missing, and the words to highlight: `XX`, `202 年`, `〔〕号`, an amount left
/// out before `万元`/`元`, a reason left out after `主要原因是`.
fn placeholder(text: &str) -> Option<(String, String)> {
    if let Some(w) = xx(text) {
        return Some((w.into(), w.into()));
    }
    for empty in ["〔〕", "[]号", "［］", "【】号"] {
        if text.contains(empty) {
            return Some(("〔〕号（文号未填）".into(), empty.into()));
        }
    }
    for reason in ["主要原因是。", "主要原因：。", "主要原因是：。", "原因是。", "主要原因为。"]
    {
        if text.contains(reason) {
            return Some(("原因未写".into(), reason.into()));
        }
    }
    let chars: Vec<char> = text.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        // a year of three digits: `202 年`
        if *c == '年' && i >= 3 {
            let digits = chars[..i].iter().rev().take_while(|d| d.is_ascii_digit()).count();
            if digits == 3 && chars[i - 3] == '2' {
                let y: String = chars[i - 3..=i].iter().collect();
                return Some((format!("年份不全“{y}”"), y));
            }
        }
        // `为万元`, `结转元。`: no amount before the unit
        let wan = *c == '万' && chars.get(i + 1) == Some(&'元');
        let yuan = *c == '元' && chars.get(i.wrapping_sub(1)) != Some(&'万');
        if (wan || yuan) && i > 0 {
            let prev = chars[i - 1];
            let end = i + if wan { 2 } else { 1 };
            let after = chars.get(end).copied();
            let verb = matches!(prev, '为' | '计' | '出' | '入' | '至' | '额' | '达');
            // a word, not a number, right before a unit that ends the clause
            let word_before = is_cjk(prev) && !is_numeral(prev) && !NOT_MONEY.contains(&prev);
            let clause_ends = after.is_none_or(|a| "。，；、）)".contains(a));
            if verb && i >= 2 && chars[i - 2].is_ascii_digit() {
                // `3,623.98为万元`: the amount is there, the word order is not
                let unit = if wan { "万元" } else { "元" };
                return Some((format!("金额与单位之间夹了“{prev}”，词序有误"), format!("{prev}{unit}")));
            }
            if verb || (word_before && clause_ends) {
                let unit = if wan { "万元" } else { "元" };
                return Some((format!("“{prev}{unit}”前缺金额"), format!("{prev}{unit}")));
            }
        }
    }
    None
}

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// Chinese numerals: `五万元` is an amount.
fn is_numeral(c: char) -> bool {
    "零〇一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾佰仟".contains(c)
}

/// Words ending in 元 that are not money: 单元, 美元, 公元, 多元, 纪元, 次元, 状元, 一元.
const NOT_MONEY: [char; 10] = ['单', '美', '公', '多', '纪', '次', '状', '欧', '日', '港'];

#[cfg(test)]
mod tests {
    use super::{placeholder, template_alternative};

    #[test]
    fn placeholders() {
        let p = |s: &str| placeholder(s).map(|(_, m)| m);
        assert_eq!(p("本年收入合计XX万元").as_deref(), Some("XX"));
        assert_eq!(p("202年度收入").as_deref(), Some("202年"));
        assert_eq!(p("收入合计为万元").as_deref(), Some("为万元"));
        assert_eq!(p("根据〔〕号文件").as_deref(), Some("〔〕"));
        assert_eq!(p("主要原因是厅本级教育培训专项经费结转元。").as_deref(), Some("转元"));
        assert_eq!(p("决算数小于预算数的主要原因是。").as_deref(), Some("主要原因是。"));
        assert_eq!(p("2024年度收入合计为307.82万元，单价100万元以上"), None);
        assert_eq!(p("单价五万元，采用多元化方式，按单元。"), None);
        assert_eq!(template_alternative("比上年增加（减少）10万元"), Some("增加（减少）"));
        assert_eq!(template_alternative("比上年增加10万元"), None);
    }
}
