//! Text anomalies in the narrative and headings: unfilled placeholders, doubled punctuation.

use super::{Auditor, Finding, SentenceRef};
use crate::model::{Report, Severity};

impl Auditor {
    pub(super) fn text(&mut self, r: &Report) {
        for section in &r.narrative {
            for s in &section.sentences {
                let text: String = s.text.chars().filter(|c| !c.is_whitespace()).collect();
                let sentence = SentenceRef {
                    section: format!("{}{}", section.number, section.title),
                    text: s.text.clone(),
                    at: s.at,
                };
                self.count("TXT.placeholder");
                if let Some(what) = placeholder(&text) {
                    self.push(Finding::about_sentence(
                        "TXT.placeholder",
                        Severity::Warning,
                        format!("未填写的占位内容：{what}"),
                        format!("an unfilled placeholder: {what}"),
                        &sentence,
                        None,
                    ));
                }
                self.count("TXT.punctuation");
                if let Some(p) =
                    ["。。", "，，", "、、", "；；", "：：", "，。", "。，"].iter().find(|p| text.contains(*p))
                {
                    self.push(Finding::about_sentence(
                        "TXT.punctuation",
                        Severity::Info,
                        format!("重复标点“{p}”"),
                        format!("doubled punctuation '{p}'"),
                        &sentence,
                        None,
                    ));
                }
            }
        }
    }
}

/// `XX`, `202 年`, `〔〕号`, an amount left out before `万元`/`元`.
fn placeholder(text: &str) -> Option<String> {
    if text.contains("XX") || text.contains("ＸＸ") || text.contains("xx") {
        return Some("XX".into());
    }
    if text.contains("〔〕") || text.contains("[]号") {
        return Some("〔〕号".into());
    }
    let chars: Vec<char> = text.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        // a year of three digits: `202 年`
        if *c == '年' && i >= 3 {
            let digits = chars[..i].iter().rev().take_while(|d| d.is_ascii_digit()).count();
            if digits == 3 && chars[i - 3] == '2' {
                return Some(format!("{}年", chars[i - 3..i].iter().collect::<String>()));
            }
        }
        // `为万元`, `支出元`: no amount before the unit
        let unit_start = (*c == '万' && chars.get(i + 1) == Some(&'元'))
            || (*c == '元' && chars.get(i.wrapping_sub(1)) != Some(&'万'));
        if unit_start && i > 0 {
            let prev = chars[i - 1];
            if matches!(prev, '为' | '计' | '出' | '入' | '至' | '额' | '达') {
                return Some(format!("{prev}{}", if *c == '万' { "万元" } else { "元" }));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::placeholder;

    #[test]
    fn placeholders() {
        assert_eq!(placeholder("本年收入合计XX万元").as_deref(), Some("XX"));
        assert_eq!(placeholder("202年度收入").as_deref(), Some("202年"));
        assert_eq!(placeholder("收入合计为万元").as_deref(), Some("为万元"));
        assert_eq!(placeholder("根据〔〕号文件").as_deref(), Some("〔〕号"));
        assert_eq!(placeholder("2024年度收入合计为307.82万元，单价100万元以上"), None);
    }
}
