//! The narrative (第三部分) against the tables: amounts stated for standard lines, shares
//! (`占 X%`), budget completion rates and year-on-year changes, all recomputed. One pass
//! for either kind of report, parametrised by its rule family (`Family`: a 决算's `N.*`
//! here, a budget's `BN.*` in `budget_narrative`).

use rust_decimal::Decimal;

use serde::Serialize;

use super::{cell, named, plain, Auditor, Finding, SentenceRef, Term};
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
        let Said { chars, stated, .. } = Said::new(&s.text);
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
pub(crate) struct Stated {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) value: Decimal,
    pub(crate) unit: MoneyUnit,
    /// The words before it back to the clause start, without `为`, `其中`.
    pub(crate) name: String,
    /// The number as printed (`403,923,024.99`).
    pub(crate) printed: String,
}

pub(crate) fn amounts(chars: &[char]) -> Vec<Stated> {
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
        out.push(Stated { start, end: i + len, value, unit, name, printed: number });
    }
    out
}

/// The percentage printed after `lead` within 60 chars of `at` (at most 20 chars between).
pub(crate) fn percent_after(chars: &[char], at: usize, lead: &str) -> Option<Decimal> {
    percent_at(chars, at, lead).map(|(_, v)| v)
}

/// The percentage printed after the first of `leads` to appear after `at` (`增长 X%`,
/// `增幅 X%`).
pub(crate) fn rate_after(chars: &[char], at: usize, leads: &[&str]) -> Option<Decimal> {
    leads.iter().filter_map(|l| percent_at(chars, at, l)).min_by_key(|(p, _)| *p).map(|(_, v)| v)
}

/// [`percent_after`] with the lead's byte position in the window.
fn percent_at(chars: &[char], at: usize, lead: &str) -> Option<(usize, Decimal)> {
    let text: String = chars[at.min(chars.len())..].iter().take(60).collect();
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
    parse_amount(&num).map(|v| (pos, v))
}

pub(crate) fn to_unit(v: Decimal, from: MoneyUnit, to: MoneyUnit) -> Decimal {
    match (from, to) {
        (MoneyUnit::WanYuan, MoneyUnit::Yuan) => v * Decimal::from(10_000),
        (MoneyUnit::Yuan, MoneyUnit::WanYuan) => v / Decimal::from(10_000),
        _ => v,
    }
}

/// A sentence as the rules read it, once for the whole audit: without the spaces a PDF
/// line join leaves, as chars and as text, with the amounts it states.
pub(super) struct Said {
    pub(super) chars: Vec<char>,
    pub(super) text: String,
    pub(super) stated: Vec<Stated>,
}

impl Said {
    pub(super) fn new(text: &str) -> Said {
        let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
        let stated = amounts(&chars);
        Said { text: chars.iter().collect(), chars, stated }
    }
}

/// Every sentence of the narrative read: `said[section][sentence]`.
pub(super) fn read_all(r: &Report) -> Vec<Vec<Said>> {
    r.narrative.iter().map(|s| s.sentences.iter().map(|x| Said::new(&x.text)).collect()).collect()
}

/// The words before `at` back to the clause start (`，。；：` — not `、`, which joins
/// `收、支总计`, nor brackets, which a class's `（类）` carries).
pub(crate) fn clause_before(chars: &[char], at: usize) -> String {
    let at = at.min(chars.len());
    let start = chars[..at].iter().rposition(|c| "，。；：,;:".contains(*c)).map_or(0, |p| p + 1);
    chars[start..at].iter().filter(|c| !c.is_whitespace()).collect()
}

/// The sentence as the audit cites it.
pub(crate) fn sentence_ref(section: &Section, s: &crate::model::Sentence) -> SentenceRef {
    SentenceRef {
        section: format!("{}{}", section.number, section.title),
        text: s.text.clone(),
        highlight: None,
        at: s.at,
        doc: None,
    }
}

/// A whole that shares are taken of: its value in a unit, what it is called, and whether
/// the sentence determines it (a named base, a `X中` lead-in, the same sentence's first
/// amount) or it is only a guess that may confirm a share but never blames one.
#[derive(Debug, Clone)]
pub(super) struct Base {
    pub(super) value: Decimal,
    pub(super) unit: MoneyUnit,
    pub(super) name: String,
    pub(super) sure: bool,
}

/// The cells a stated amount may stand for (any of them agreeing passes it), by the
/// sentence's words and the section it is in.
pub(super) type CellsFor = fn(&Report, &Section, &[char], &Stated) -> Vec<(MoneyUnit, Term)>;

/// One narrative pass over a report: the rules it reports under (a 决算's `N.*`, a budget's
/// `BN.*`), where its stated amounts and named wholes are looked up, and the words that
/// print a rate of change.
pub(super) struct Family {
    pub(super) amount: &'static str,
    pub(super) share: &'static str,
    pub(super) change: &'static str,
    pub(super) cells: CellsFor,
    pub(super) bases: fn(&Report, &Section, &str) -> Vec<Base>,
    /// The whole a section's title names, if the family reads one (a guess: it confirms
    /// a share, never blames it).
    pub(super) titled: Option<fn(&Report, &Section) -> Option<Base>>,
    /// Words before the rate of an increase and of a decrease (`增长 X%`, `减幅 X%`).
    pub(super) rises: &'static [&'static str],
    pub(super) falls: &'static [&'static str],
    /// A budget's narrative: a change's current figure only from its own sentence, its
    /// rate only before the next amount, a blank cell no figure to blame, `完成预算` not
    /// read, and an amount printed with the other unit's digits (`1682.76元` for a cell of
    /// 1,682.76 万元) a warning of its unit.
    pub(super) strict: bool,
}

/// The 决算's narrative rules.
pub(super) const FINAL: Family = Family {
    amount: "N.amount",
    share: "N.share",
    change: "N.change",
    cells: |r, section, _, a| standard_cell(r, section, &a.name).into_iter().collect(),
    bases,
    titled: None,
    rises: &["增长"],
    falls: &["下降"],
    strict: false,
};

/// `X中，…`: the words before `中` at a clause start name the whole of what follows
/// (`“三公”经费财政拨款支出决算中，因公出国（境）费…占 10.15%`); `其中` does not.
fn lead_in(chars: &[char]) -> Option<String> {
    let text: String = chars.iter().collect();
    let pos = text.find("中，").or_else(|| text.find("中,"))?;
    let before = &text[..pos];
    let clause = before.rfind(['，', '。', '；', '：']).map_or(0, |p| p + '，'.len_utf8());
    let name = &before[clause..];
    (!name.is_empty() && !name.ends_with('其')).then(|| name.to_string())
}

impl Auditor {
    pub(super) fn narrative(&mut self, r: &Report, family: &Family) {
        let said = std::mem::take(&mut self.said);
        for (section, read) in r.narrative.iter().zip(&said) {
            let mut last_in_section: Option<Stated> = None;
            // the section's first amount: the whole that clauses of their own take shares of
            let mut lead: Option<(Stated, bool)> = None;
            // a whole a `X中，` lead-in named, for the section's following sentences
            let mut context: Option<Base> = None;
            // the whole the section's title names, a guess: it may confirm a share only
            let titled: Option<Base> = family.titled.and_then(|f| f(r, section));
            // a budget's change sentence without a figure of its own (`与上年相比减少17.08万元`)
            // is about the previous sentence's, when that states one only
            let mut only_before: Option<Stated> = None;
            for (s, Said { chars, stated, .. }) in section.sentences.iter().zip(read) {
                let sref = sentence_ref(section, s);
                for a in stated {
                    let targets = (family.cells)(r, section, chars, a);
                    if !targets.is_empty() {
                        self.amount(family, a, targets, &sref);
                    }
                }
                if let Some(base) = lead_in(chars).and_then(|n| (family.bases)(r, section, &n).into_iter().next()) {
                    context = Some(base);
                }
                let shares: Vec<bool> = (0..stated.len()).map(|k| share_of(chars, stated, k).is_some()).collect();
                if lead.is_none() {
                    lead = stated.first().cloned().map(|l| (l, shares[0]));
                }
                let wholes = Wholes { lead: lead.as_ref(), context: context.as_ref(), titled: titled.as_ref() };
                self.shares(family, r, section, (chars, stated), &shares, wholes, &sref);
                if !family.strict {
                    self.completion(chars, stated, &sref);
                }
                let before = if family.strict {
                    only_before.as_ref().filter(|_| stated.first().is_some_and(|a| subjectless(chars, a)))
                } else {
                    last_in_section.as_ref()
                };
                self.change(family, chars, stated, before, &sref);
                let figures: Vec<&Stated> =
                    stated.iter().filter(|x| !x.name.ends_with("增加") && !x.name.ends_with("减少")).collect();
                if let Some(last) = figures.last() {
                    last_in_section = Some((*last).clone());
                }
                only_before = match figures.as_slice() {
                    [one] if stated.len() == 1 => Some((*one).clone()),
                    _ => None,
                };
            }
        }
        self.said = said;
    }

    /// A stated amount against the cells it may stand for: equal to one passes; else it is
    /// checked against the first, within half a unit of its last printed digit.
    fn amount(&mut self, family: &Family, a: &Stated, targets: Vec<(MoneyUnit, Term)>, sref: &SentenceRef) {
        let rule = family.amount;
        let stated_in = |unit: MoneyUnit| to_unit(a.value, a.unit, unit);
        if targets.iter().any(|(unit, t)| stated_in(*unit) == t.1) {
            self.count(rule);
            return;
        }
        let Some((unit, target)) = targets.into_iter().next() else { return };
        // a blank cell of a budget may be one the reader missed: no figure to blame
        if family.strict && target.0.value.is_none() {
            self.skip(rule);
            return;
        }
        self.count(rule);
        let stated = stated_in(unit);
        let diff = stated - target.1;
        // the narrative may round a 元 table to 万元: half a unit of its last digit
        let half = to_unit(Decimal::new(5, a.value.scale() + 1), a.unit, unit);
        // the digits of the cell with the other unit after them: a slip of the unit
        let slip = family.strict && a.unit != unit && a.value == target.1;
        let severity = if diff.abs() <= half {
            Severity::Info
        } else if slip {
            Severity::Warning
        } else {
            Severity::Error
        };
        let printed = format!("{}{}", plain::money(a.value), a.unit.as_str());
        let cell_zh = plain::cell_zh(&target.0);
        let cell_en = plain::cell_en(&target.0);
        let table_v = format!("{}{}", plain::value_zh(&target.0), unit.as_str());
        let (slip_zh, slip_en) = if slip {
            (
                format!("（数字相同，单位应为{}）", unit.as_str()),
                format!(" (the same digits: the unit should be {})", unit.as_str()),
            )
        } else {
            (String::new(), String::new())
        };
        let f = Finding::about_cells(
            rule,
            severity,
            (
                format!("说明写“{}”为 {printed}，但{cell_zh}为 {table_v}{slip_zh}。", a.name),
                format!(
                    "The narrative states {printed} for '{}', but {cell_en} is {}{}{slip_en}.",
                    a.name,
                    plain::value_en(&target.0),
                    unit.as_str()
                ),
            ),
            vec![target.0],
            Some(target.1),
            Some(stated),
        )
        .citing(sref.marking(&a.printed));
        self.push(f);
    }

    #[allow(clippy::too_many_arguments)]
    fn shares(
        &mut self,
        family: &Family,
        r: &Report,
        section: &Section,
        (chars, stated): (&[char], &[Stated]),
        shares: &[bool],
        Wholes { lead, context, titled }: Wholes,
        sref: &SentenceRef,
    ) {
        for (k, part) in stated.iter().enumerate() {
            let Some((printed, named_whole)) = share_of(chars, stated, k) else { continue };
            let of = |x: &Stated, sure: bool| Base { value: x.value, unit: x.unit, name: x.name.clone(), sure };
            let candidates: Vec<Base> = match &named_whole {
                Some(w) => (family.bases)(r, section, w),
                None => {
                    let mut c: Vec<Base> = context.cloned().into_iter().collect();
                    if k > 0 && !shares[0] {
                        c.push(of(&stated[0], true));
                    } else if let Some((l, false)) =
                        lead.filter(|(l, _)| l.start != part.start || l.value != part.value)
                    {
                        c.push(of(l, false));
                    }
                    c.extend(titled.cloned());
                    c
                }
            };
            let part_v = |b: &Base| to_unit(part.value, part.unit, b.unit);
            let candidates: Vec<Base> =
                candidates.into_iter().filter(|b| !b.value.is_zero() && b.value != part_v(b)).collect();
            let Some(first) = candidates.first() else {
                if family.strict {
                    self.skip(family.share); // no whole the sentence determines
                }
                continue;
            };
            let exact = |b: &Base| part_v(b) / b.value * Decimal::ONE_HUNDRED;
            // a base that gives the printed share is the one meant
            if candidates.iter().any(|b| exact(b).round_dp(printed.scale()) == printed) {
                self.count(family.share);
                continue;
            }
            // only a guess at the base: it cannot blame the share, but within one unit of
            // the last digit it is the base, and the difference is rounding
            let close = (exact(first).round_dp(printed.scale()) - printed).abs() <= Decimal::new(1, printed.scale());
            if !first.sure && !close {
                if family.strict {
                    self.skip(family.share);
                }
                continue;
            }
            self.count(family.share);
            let whole_name = named_whole.clone().unwrap_or_else(|| first.name.clone());
            let part_name = subject(chars, part);
            let subject_zh = format!("{part_name}占{whole_name}");
            let subject_en = format!("'{part_name}' as a share of '{whole_name}'");
            let how = format!("{} ÷ {}", plain::money(part_v(first)), plain::money(first.value));
            let pct_text = format!("{}%", printed_text(chars, part.end, printed));
            self.percentage(
                family.share,
                printed,
                exact(first),
                &sref.marking(&pct_text),
                how,
                (subject_zh, subject_en),
            );
        }
    }

    /// Compares a printed percentage with the exact one at the printed precision: equal
    /// passes, one unit of the last digit apart is rounding (info; truncation said as
    /// such), more is an error.
    pub(super) fn percentage(
        &mut self,
        rule: &'static str,
        printed: Decimal,
        exact: Decimal,
        sref: &SentenceRef,
        how: String,
        (subject_zh, subject_en): (String, String),
    ) {
        let expected = exact.round_dp(printed.scale());
        let diff = printed - expected;
        if diff.is_zero() {
            return;
        }
        let unit = Decimal::new(1, printed.scale());
        let truncated = exact.trunc_with_scale(printed.scale()) == printed;
        let severity = if diff.abs() <= unit { Severity::Info } else { Severity::Error };
        let (note_zh, note_en) = match (severity, truncated) {
            (Severity::Info, true) => ("（截去尾数而非四舍五入）", " (truncated, not rounded)"),
            (Severity::Info, false) => ("（舍入差异）", " (a rounding difference)"),
            _ => ("", ""),
        };
        let f = Finding::about_sentence(
            rule,
            severity,
            (
                format!("{subject_zh}应为 {expected}%（{how}），报告写 {printed}%{note_zh}。"),
                format!("{subject_en} should be {expected}% ({how}); the report prints {printed}%{note_en}."),
            ),
            sref.clone(),
            Some(printed),
        )
        .detail(
            format!("{how} × 100 = {}%，按 {} 位小数为 {}%", exact.round_dp(6).normalize(), printed.scale(), expected),
            format!("{how} × 100 = {}%, to {} places {}%", exact.round_dp(6).normalize(), printed.scale(), expected),
        );
        let mut f = f;
        f.expected = Some(expected);
        f.difference = Some(diff);
        self.push(f);
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
            let pct_text = format!("{}%", printed_text(chars, start, printed));
            if budget.0.is_zero() {
                let other = find(other_key).filter(|o| !o.0.is_zero());
                let fits_other =
                    other.is_some_and(|o| (actual_v / o.0 * Decimal::ONE_HUNDRED).round_dp(printed.scale()) == printed);
                let hint_zh = other
                    .filter(|_| fits_other)
                    .map(|o| format!("{}% 恰为决算数 ÷ {other_key}（{}）。", plain::pct(printed), plain::money(o.0)))
                    .unwrap_or_default();
                self.push(Finding::about_sentence(
                    "N.completion",
                    Severity::Warning,
                    (
                        format!(
                            "说明称{phrase}的 {}%，但{budget_key}为 0，完成率无从计算。{hint_zh}",
                            plain::pct(printed)
                        ),
                        format!(
                            "The narrative claims {}% of the {} budget, but that budget is 0, so no rate can be computed.{}",
                            plain::pct(printed),
                            if budget_key == "年初预算" { "initial" } else { "full-year" },
                            if fits_other { " The figure is actual ÷ the other budget." } else { "" }
                        ),
                    ),
                    sref.marking(&pct_text),
                    Some(printed),
                ));
                continue;
            }
            let exact = actual_v / budget.0 * Decimal::ONE_HUNDRED;
            self.percentage(
                "N.completion",
                printed,
                exact,
                &sref.marking(&pct_text),
                format!("{} ÷ {}", plain::money(actual_v), plain::money(budget.0)),
                (format!("{budget_key}完成率"), format!("the completion rate of the {}", budget_key)),
            );
        }
    }

    fn change(
        &mut self,
        family: &Family,
        chars: &[char],
        stated: &[Stated],
        before: Option<&Stated>,
        sref: &SentenceRef,
    ) {
        let rule = family.change;
        for (k, a) in stated.iter().enumerate() {
            let up = a.name.ends_with("增加");
            let down = a.name.ends_with("减少");
            if !(up || down) {
                continue;
            }
            // a budget's rate belongs to its amount only up to the next amount
            let upto = if family.strict { stated.get(k + 1).map_or(chars.len(), |n| n.start) } else { chars.len() };
            let leads = if up { family.rises } else { family.falls };
            let Some(printed) = rate_after(&chars[..upto], a.end, leads) else { continue };
            // the current figure: the last amount before it that is not itself a change, in
            // this sentence or the section's previous one
            let is_change = |x: &Stated| x.name.ends_with("增加") || x.name.ends_with("减少");
            let current = stated[..k].iter().rev().find(|x| !is_change(x)).or(before);
            let Some(current) = current else {
                if family.strict {
                    self.skip(rule);
                }
                continue;
            };
            self.count(rule);
            let cur = to_unit(current.value, current.unit, a.unit);
            let last = if up { cur - a.value } else { cur + a.value };
            let pct_text = format!("{}%", printed_text(chars, a.end, printed));
            let sref = sref.marking(&pct_text);
            if last.is_zero() {
                // a change from 0 has no rate; 100 % is a common convention, anything else
                // (`增长0%`) says nothing true
                let convention = printed == Decimal::ONE_HUNDRED;
                self.push(Finding::about_sentence(
                    rule,
                    if convention { Severity::Info } else { Severity::Warning },
                    (
                        format!(
                            "比较的基数为 0（{} − {}），增长率无从计算，报告写 {}%。",
                            plain::money(cur),
                            plain::money(a.value),
                            plain::pct(printed)
                        ),
                        format!(
                            "The figure compared with is 0 ({} − {}), so no rate of change can be computed; the report prints {}%.",
                            plain::money(cur),
                            plain::money(a.value),
                            plain::pct(printed)
                        ),
                    ),
                    sref,
                    Some(printed),
                ));
                continue;
            }
            let exact = a.value / last * Decimal::ONE_HUNDRED;
            let word = if up { "增长率" } else { "下降率" };
            self.percentage(
                rule,
                printed,
                exact,
                &sref,
                format!("{} ÷ {}", plain::money(a.value), plain::money(last)),
                (word.to_string(), if up { "the growth rate".into() } else { "the rate of decrease".into() }),
            );
        }
    }
}

/// A change that names no subject of its own (`与上年相比减少17.08万元`): its clause is only
/// the comparison's words.
fn subjectless(chars: &[char], a: &Stated) -> bool {
    let mut c = clause_before(chars, a.start);
    for w in ["与上年相比", "与上年", "相比", "比上年", "较上年", "同比", "预算数", "预算"] {
        c = c.replace(w, "");
    }
    matches!(c.as_str(), "增加" | "减少")
}

/// The wholes a share without a named base may be of: the section's first amount (and
/// whether it carries a share itself), and a whole a `X中，` lead-in named.
#[derive(Clone, Copy)]
pub(super) struct Wholes<'a> {
    lead: Option<&'a (Stated, bool)>,
    context: Option<&'a Base>,
    /// The whole the section's title names (`一般公共预算当年拨款结构情况`), a guess.
    titled: Option<&'a Base>,
}

/// What an amount is of, for a sentence about it: its name, or when a bracket cut that
/// short (`住房保障支出（类）29.42万元`) the words back to the clause start.
fn subject(chars: &[char], a: &Stated) -> String {
    if !a.name.is_empty() {
        return a.name.clone();
    }
    let start = chars[..a.start].iter().rposition(|c| "，。；：".contains(*c)).map_or(0, |p| p + 1);
    let words: String = chars[start..a.start].iter().collect();
    words.trim_start_matches("其中").trim_end_matches('为').to_string()
}

/// The percentage as printed after `from` (`99.76`, `0.9`), to highlight.
pub(super) fn printed_text(chars: &[char], from: usize, printed: Decimal) -> String {
    let text: String = chars[from.min(chars.len())..].iter().take(80).collect();
    let want = printed.to_string();
    match text.find(&want) {
        Some(_) => want,
        None => plain::pct(printed),
    }
}

/// The share printed for amount `k`: `占[X的] N%` after it, before the next amount; with
/// the whole it names, if any.
fn share_of(chars: &[char], stated: &[Stated], k: usize) -> Option<(Decimal, Option<String>)> {
    let part = &stated[k];
    let printed = percent_after(chars, part.end, "占")?;
    // `占` must follow this amount before the next one
    if stated.get(k + 1).is_some_and(|n| {
        n.start < part.end + 25 && {
            let between: String = chars[part.end..n.start].iter().collect();
            !between.contains('占')
        }
    }) {
        return None;
    }
    let text_after: String = chars[part.end..].iter().take(30).collect();
    let named = text_after
        .split_once('占')
        .and_then(|(_, r)| r.split_once('的'))
        .map(|(w, _)| w.to_string())
        .filter(|w| !w.is_empty() && !w.chars().any(|c| c.is_ascii_digit()));
    Some((printed, named))
}

/// The wholes a named base can mean, the likelier first: the same table as the section's
/// subject, then the department's totals.
pub(super) fn bases(r: &Report, section: &Section, name: &str) -> Vec<Base> {
    let n = name
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == '年' || c == '度')
        .trim_start_matches("年度")
        .trim_end_matches('的')
        .trim_end_matches("决算数")
        .trim_end_matches("决算");
    let title = &section.title;
    let at = |id: TableId, row: &str, col: &str| -> Option<Base> {
        let t = r.table(id)?;
        let x = named(t, row)?;
        let (c, v) = cell(t, x, col);
        c.value?;
        Some(Base { value: v, unit: t.unit, name: n.to_string(), sure: true })
    };
    let pick = |list: Vec<Option<Base>>| list.into_iter().flatten().collect::<Vec<Base>>();
    let gp = title.contains("一般公共预算");
    let fiscal = title.contains("财政拨款") && !gp;
    if n.contains("三公") {
        let col = if n.ends_with("预算") || n.ends_with("预算数") { "预算数" } else { "决算数" };
        return pick(vec![at(TableId::T07, "合计", col)]);
    }
    // the self-evaluations' share of project spending: whether the base is the year's
    // 项目支出 or the projects' full budgets, documents differ, so it only confirms
    let guess = |b: Option<Base>| b.map(|b| Base { sure: false, ..b });
    if n.ends_with("一般公共预算项目支出总额") || n.ends_with("一般公共预算项目支出") {
        return pick(vec![guess(at(TableId::T05, "合计", "项目支出"))]);
    }
    if n.ends_with("政府性基金项目支出总额") || n.ends_with("政府性基金预算项目支出") {
        return pick(vec![guess(at(TableId::T08, "合计", "项目支出"))]);
    }
    match n {
        "本年支出合计" | "本年支出" | "支出合计" | "总支出" | "支出总额" => {
            let (a, b) = (at(TableId::T01, "本年支出合计", "决算数"), at(TableId::T04, "本年支出合计", "合计"));
            return pick(if fiscal { vec![b, a] } else { vec![a, b] });
        }
        "本年收入合计" | "本年收入" | "收入合计" | "总收入" | "收入总额" => {
            let (a, b) = (at(TableId::T01, "本年收入合计", "决算数"), at(TableId::T04, "本年收入合计", "决算数"));
            return pick(if fiscal { vec![b, a] } else { vec![a, b] });
        }
        "财政拨款支出" | "财政拨款支出总额" | "财政拨款总支出" => {
            return pick(vec![at(TableId::T04, "本年支出合计", "合计")]);
        }
        "一般公共预算财政拨款支出" | "一般公共预算支出" => {
            return pick(vec![
                at(TableId::T05, "合计", "本年支出合计"),
                at(TableId::T04, "本年支出合计", "一般公共预算财政拨款"),
            ]);
        }
        "基本支出" | "项目支出" => {
            let (a, b) = (at(TableId::T03, "合计", n), at(TableId::T05, "合计", n));
            return pick(if gp { vec![b, a] } else { vec![a, b] });
        }
        _ => {}
    }
    standard_cell(r, section, n)
        .filter(|(_, t)| t.0.value.is_some())
        .map(|(unit, t)| Base { value: t.1, unit, name: n.to_string(), sure: true })
        .into_iter()
        .collect()
}

/// The cell a narrative name stands for, by standard names and the section it is in.
pub(crate) fn standard_cell(r: &Report, section: &Section, name: &str) -> Option<(MoneyUnit, Term)> {
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
