//! The narrative (第三部分) against the tables: amounts stated for standard lines, shares
//! (`占 X%`), budget completion rates and year-on-year changes, all recomputed.

use rust_decimal::Decimal;

use serde::Serialize;

use super::{cell, fmt, named, Auditor, Finding, SentenceRef, Term};
use crate::model::{Level, Location, MoneyUnit, Report, Section, Severity, TableId};
use crate::text::{parse_amount, strip_ordinal};

/// A budget-execution statement of the narrative, as printed:
/// `X年初预算为A元，支出决算为B元，完成年初预算的R%`.
#[derive(Debug, Clone, Serialize)]
pub struct BudgetLine {
    /// What the statement is about (`一般公共服务支出`), without ordinal or year.
    pub name: String,
    #[serde(with = "rust_decimal::serde::str")]
    pub initial: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    pub actual: Decimal,
    pub unit: MoneyUnit,
    /// The completion rate as printed, if any.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub rate: Option<Decimal>,
    pub at: Location,
}

/// Every budget-execution statement of the narrative, in document order.
pub fn budget_lines(r: &Report) -> Vec<BudgetLine> {
    let mut out = Vec::new();
    for s in r.narrative.iter().flat_map(|section| &section.sentences) {
        let chars: Vec<char> = s.text.chars().filter(|c| !c.is_whitespace()).collect();
        let stated = amounts(&chars);
        for (k, a) in stated.iter().enumerate() {
            let Some(name) = a.name.strip_suffix("年初预算") else { continue };
            let Some(actual) = stated[k + 1..].iter().find(|x| x.name.ends_with("决算")) else { continue };
            let name = strip_ordinal(name);
            // `2023年度一般公共预算…`: the year is not part of the name
            let name = match name.find("年度") {
                Some(p) if p > 0 && name[..p].bytes().all(|b| b.is_ascii_digit()) => &name[p + "年度".len()..],
                _ => name,
            };
            if name.is_empty() {
                continue;
            }
            out.push(BudgetLine {
                name: name.to_string(),
                initial: a.value,
                actual: to_unit(actual.value, actual.unit, a.unit),
                unit: a.unit,
                rate: percent_after(&chars, actual.end, "完成年初预算"),
                at: s.at,
            });
        }
    }
    out
}

/// An amount in a sentence: where it is (char indices), its value in 元 × 10⁻⁴ precision
/// kept exact, and the unit it was printed in.
#[derive(Debug, Clone)]
struct Stated {
    start: usize,
    end: usize,
    value: Decimal,
    unit: MoneyUnit,
    /// The words before it back to the clause start, without `为`, `其中`.
    name: String,
}

fn amounts(chars: &[char]) -> Vec<Stated> {
    let mut out = Vec::new();
    for (start, i) in crate::text::number_runs(chars) {
        let number: String = chars[start..i].iter().collect();
        let unit = if chars.get(i) == Some(&'万') && chars.get(i + 1) == Some(&'元') {
            Some((MoneyUnit::WanYuan, 2))
        } else if chars.get(i) == Some(&'元') {
            Some((MoneyUnit::Yuan, 1))
        } else {
            None
        };
        let (Some((unit, len)), Some(value)) = (unit, parse_amount(&number)) else { continue };
        let clause = chars[..start].iter().rposition(|c| "，。；：、（）()".contains(*c)).map_or(0, |p| p + 1);
        let mut name: String = chars[clause..start].iter().collect();
        for prefix in ["其中"] {
            if let Some(r) = name.strip_prefix(prefix) {
                name = r.to_string();
            }
        }
        for suffix in ["合计为", "共计", "为", "是", "达"] {
            if let Some(r) = name.strip_suffix(suffix) {
                name = r.to_string();
                break;
            }
        }
        out.push(Stated { start, end: i + len, value, unit, name });
    }
    out
}

/// The percentage printed after `lead` within 60 chars of `at` (at most 20 chars between).
fn percent_after(chars: &[char], at: usize, lead: &str) -> Option<Decimal> {
    let text: String = chars[at..].iter().take(60).collect();
    let pos = text.find(lead)?;
    let after: String = text[pos + lead.len()..].chars().take(40).collect();
    let digits_at = after.find(|c: char| c.is_ascii_digit())?;
    if after[..digits_at].chars().count() > 20 {
        return None;
    }
    let num: String = after[digits_at..].chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
    if !after[digits_at + num.len()..].starts_with('%') {
        return None;
    }
    parse_amount(&num)
}

fn to_unit(v: Decimal, from: MoneyUnit, to: MoneyUnit) -> Decimal {
    match (from, to) {
        (MoneyUnit::WanYuan, MoneyUnit::Yuan) => v * Decimal::from(10_000),
        (MoneyUnit::Yuan, MoneyUnit::WanYuan) => v / Decimal::from(10_000),
        _ => v,
    }
}

impl Auditor {
    pub(super) fn narrative(&mut self, r: &Report) {
        for section in &r.narrative {
            let mut last_in_section: Option<Stated> = None;
            // the section's first amount: the whole that clauses of their own take shares of
            let mut lead: Option<Stated> = None;
            for s in &section.sentences {
                let chars: Vec<char> = s.text.chars().filter(|c| !c.is_whitespace()).collect();
                let stated = amounts(&chars);
                let sref = SentenceRef {
                    section: format!("{}{}", section.number, section.title),
                    text: s.text.clone(),
                    at: s.at,
                };
                for a in &stated {
                    if let Some(target) = standard_cell(r, section, &a.name) {
                        self.amount(a, target, &sref);
                    }
                }
                if lead.is_none() {
                    lead = stated.first().cloned();
                }
                self.shares(r, section, &chars, &stated, lead.as_ref(), &sref);
                self.completion(&chars, &stated, &sref);
                self.change(&chars, &stated, last_in_section.as_ref(), &sref);
                if let Some(last) = stated.iter().rev().find(|x| !x.name.ends_with("增加") && !x.name.ends_with("减少"))
                {
                    last_in_section = Some(last.clone());
                }
            }
        }
    }

    fn amount(&mut self, a: &Stated, (unit, target): (MoneyUnit, Term), sref: &SentenceRef) {
        self.count("N.amount");
        let stated = to_unit(a.value, a.unit, unit);
        let diff = stated - target.1;
        if diff.is_zero() {
            return;
        }
        // the narrative may round a 元 table to 万元: half a unit of its last digit
        let half = to_unit(Decimal::new(5, a.value.scale() + 1), a.unit, unit);
        let severity = if diff.abs() <= half { Severity::Info } else { Severity::Error };
        self.push(Finding {
            rule: "N.amount",
            severity,
            message_zh: format!(
                "说明中“{}”为 {}{}，表 {} 中为 {}",
                a.name,
                fmt(a.value),
                a.unit.as_str(),
                target.0.table,
                fmt(target.1)
            ),
            message_en: format!(
                "the narrative states {} {} for '{}'; table {} has {}",
                fmt(a.value),
                a.unit.as_str(),
                a.name,
                target.0.table,
                fmt(target.1)
            ),
            cells: vec![target.0],
            sentence: Some(sref.clone()),
            expected: Some(target.1),
            actual: Some(stated),
            difference: Some(diff),
        });
    }

    fn shares(
        &mut self,
        r: &Report,
        section: &Section,
        chars: &[char],
        stated: &[Stated],
        lead: Option<&Stated>,
        sref: &SentenceRef,
    ) {
        for (k, part) in stated.iter().enumerate() {
            let Some(printed) = percent_after(chars, part.end, "占") else { continue };
            // `占` must follow this amount before the next one
            if stated.get(k + 1).is_some_and(|n| {
                n.start < part.end + 25 && {
                    let between: String = chars[part.end..n.start].iter().collect();
                    !between.contains('占')
                }
            }) {
                continue;
            }
            let text_after: String = chars[part.end..].iter().take(30).collect();
            let named_whole = text_after
                .split_once('占')
                .and_then(|(_, r)| r.split_once('的'))
                .map(|(w, _)| w.to_string())
                .filter(|w| !w.is_empty() && !w.chars().any(|c| c.is_ascii_digit()));
            let whole = match &named_whole {
                Some(w) => standard_cell(r, section, w).map(|(u, t)| to_unit(t.1, u, part.unit)),
                None if k > 0 => Some(to_unit(stated[0].value, stated[0].unit, part.unit)),
                None => lead
                    .filter(|l| l.start != part.start || l.value != part.value)
                    .map(|l| to_unit(l.value, l.unit, part.unit)),
            };
            let Some(whole) = whole.filter(|w| !w.is_zero()) else { continue };
            self.count("N.share");
            let exact = part.value / whole * Decimal::ONE_HUNDRED;
            self.percentage("N.share", printed, exact, sref, format!("{} ÷ {}", fmt(part.value), fmt(whole)));
        }
    }

    /// Compares a printed percentage with the exact one at the printed precision: equal
    /// passes, one unit of the last digit apart is rounding (info), more is an error.
    fn percentage(&mut self, rule: &'static str, printed: Decimal, exact: Decimal, sref: &SentenceRef, how: String) {
        let expected = exact.round_dp(printed.scale());
        let diff = printed - expected;
        if diff.is_zero() {
            return;
        }
        let unit = Decimal::new(1, printed.scale());
        let severity = if diff.abs() <= unit { Severity::Info } else { Severity::Error };
        self.push(Finding {
            rule,
            severity,
            message_zh: format!("说明中为 {}%，按 {how} 计算应为 {}%", fmt(printed), fmt(expected)),
            message_en: format!("the narrative prints {}%; {how} gives {}%", fmt(printed), fmt(expected)),
            cells: Vec::new(),
            sentence: Some(sref.clone()),
            expected: Some(expected),
            actual: Some(printed),
            difference: Some(diff),
        });
    }

    fn completion(&mut self, chars: &[char], stated: &[Stated], sref: &SentenceRef) {
        let text: String = chars.iter().collect();
        let find = |key: &str| stated.iter().find(|a| a.name.ends_with(key)).map(|a| (a.value, a.unit));
        let actual = find("支出决算").or_else(|| find("决算"));
        for (phrase, budget_key, other_key) in
            [("完成年初预算", "年初预算", "全年预算"), ("完成全年预算", "全年预算", "年初预算")]
        {
            let Some(pos) = text.find(phrase) else { continue };
            let start = text[..pos].chars().count();
            let Some(printed) = percent_after(chars, start, phrase) else { continue };
            let (Some(budget), Some(actual)) = (find(budget_key), actual) else { continue };
            self.count("N.completion");
            let actual_v = to_unit(actual.0, actual.1, budget.1);
            if budget.0.is_zero() {
                let other = find(other_key).filter(|o| !o.0.is_zero());
                let hint_zh = other
                    .map(|o| format!("；{}% 恰为决算数 ÷ {other_key}（{}）", fmt(printed), fmt(o.0)))
                    .filter(|_| {
                        other.is_some_and(|o| {
                            (actual_v / o.0 * Decimal::ONE_HUNDRED).round_dp(printed.scale()) == printed
                        })
                    })
                    .unwrap_or_default();
                self.push(Finding {
                    rule: "N.completion",
                    severity: Severity::Warning,
                    message_zh: format!(
                        "说明称{phrase}的 {}%，但{budget_key}为 0，无法计算完成率{hint_zh}",
                        fmt(printed)
                    ),
                    message_en: format!(
                        "the narrative claims {}% of the {} budget, which is 0{}",
                        fmt(printed),
                        if budget_key == "年初预算" { "initial" } else { "full-year" },
                        if hint_zh.is_empty() { "" } else { "; the figure is actual ÷ the other budget" }
                    ),
                    cells: Vec::new(),
                    sentence: Some(sref.clone()),
                    expected: None,
                    actual: Some(printed),
                    difference: None,
                });
                continue;
            }
            let exact = actual_v / budget.0 * Decimal::ONE_HUNDRED;
            self.percentage("N.completion", printed, exact, sref, format!("{} ÷ {}", fmt(actual_v), fmt(budget.0)));
        }
    }

    fn change(&mut self, chars: &[char], stated: &[Stated], before: Option<&Stated>, sref: &SentenceRef) {
        for (k, a) in stated.iter().enumerate() {
            let up = a.name.ends_with("增加");
            let down = a.name.ends_with("减少");
            if !(up || down) {
                continue;
            }
            let lead = if up { "增长" } else { "下降" };
            let Some(printed) = percent_after(chars, a.end, lead) else { continue };
            // the current figure: the last amount before it that is not itself a change, in
            // this sentence or the section's previous one
            let is_change = |x: &Stated| x.name.ends_with("增加") || x.name.ends_with("减少");
            let current = stated[..k].iter().rev().find(|x| !is_change(x)).or(before);
            let Some(current) = current else { continue };
            self.count("N.change");
            let cur = to_unit(current.value, current.unit, a.unit);
            let last = if up { cur - a.value } else { cur + a.value };
            if last.is_zero() {
                if printed != Decimal::ONE_HUNDRED {
                    self.percentage("N.change", printed, Decimal::ONE_HUNDRED, sref, "增长自 0".into());
                } else {
                    self.push(Finding::about_sentence(
                        "N.change",
                        Severity::Info,
                        format!(
                            "上年数为 0（{} − {}），增长率无意义，说明写作 {}%",
                            fmt(cur),
                            fmt(a.value),
                            fmt(printed)
                        ),
                        format!(
                            "last year's figure is 0, so a growth rate is undefined; the narrative prints {}%",
                            fmt(printed)
                        ),
                        sref,
                        Some(printed),
                    ));
                }
                continue;
            }
            let exact = a.value / last * Decimal::ONE_HUNDRED;
            self.percentage("N.change", printed, exact, sref, format!("{} ÷ {}", fmt(a.value), fmt(last)));
        }
    }
}

/// The cell a narrative name stands for, by standard names and the section it is in.
fn standard_cell(r: &Report, section: &Section, name: &str) -> Option<(MoneyUnit, Term)> {
    let title = &section.title;
    let total01 = |row: &str| r.table(TableId::T01).and_then(|t| named(t, row).map(|x| (t.unit, cell(t, x, "决算数"))));
    let total_row = |id: TableId, col: &str| {
        r.table(id).and_then(|t| {
            named(t, "合计").filter(|_| t.columns.iter().any(|c| c == col)).map(|x| (t.unit, cell(t, x, col)))
        })
    };
    let n = name.trim_end_matches("支出决算");
    if n.ends_with("财政拨款收入支出总计") {
        return r.table(TableId::T04).and_then(|t| named(t, "收入总计").map(|x| (t.unit, cell(t, x, "决算数"))));
    }
    if n.ends_with("收入支出总计") {
        return total01("收入总计");
    }
    match n {
        "本年收入合计" | "本年收入" if !title.contains("财政拨款") => return total01("本年收入合计"),
        "本年支出合计" | "本年支出" if !title.contains("财政拨款") => return total01("本年支出合计"),
        "财政拨款收入" if title.contains("收入决算") => return total_row(TableId::T02, "财政拨款收入"),
        "基本支出" | "项目支出" if title.contains("支出决算") && !title.contains("财政拨款") => {
            return total_row(TableId::T03, n);
        }
        "一般公共预算财政拨款支出" => return total_row(TableId::T05, "本年支出合计"),
        "一般公共预算财政拨款基本支出" => return total_row(TableId::T05, "基本支出"),
        "人员经费" | "公用经费" if title.contains("基本支出") => {
            let t = r.table(TableId::T06)?;
            return named(t, &format!("{n}合计")).map(|x| (t.unit, cell(t, x, "决算数")));
        }
        _ => {}
    }
    // `一般公共服务支出（类）` in the structure of 一般公共预算 spending → table 05
    let class = n.strip_suffix("（类）").or_else(|| n.strip_suffix("(类)"))?;
    if !title.contains("结构") {
        return None;
    }
    let t = r.table(TableId::T05)?;
    let (code, _) = crate::reference::function_class_by_name(class)?;
    let row = t.rows.iter().find(|x| x.code.as_ref().is_some_and(|c| c.code == code && c.level == Level::Lei))?;
    Some((t.unit, cell(t, row, "本年支出合计")))
}
