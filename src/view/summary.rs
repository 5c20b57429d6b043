//! The answers at a glance: a handful of figures a reader looks for first (income,
//! spending, basic against project spending, the 三公 expenses against their budget, the
//! largest function class, the audit's findings, the self-evaluation scores), each in both
//! languages, rounded for reading (万元 or 亿元) beside the exact figure as printed, with
//! the chart or section it links to. A figure is given only when the document has its
//! data: nothing is shown as zero that the document does not print.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

use super::{fixed, share, Names};
use crate::check::{plain, Audit, Group};
use crate::model::{MoneyUnit, Report, Severity, Table, TableId};

/// What a report says at a glance.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// The document kind (`final`, `budget`, …).
    pub kind: String,
    pub department: Option<String>,
    pub year: Option<u16>,
    pub figures: Vec<Figure>,
}

/// One figure: a label, the value rounded for reading, the exact figure as printed, a note
/// and where it links (`chart:function`, `section:audit`, …).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Figure {
    /// `income`, `spending`, `basic_project`, `sangong`, `largest_class`, `findings`,
    /// `selfeval`.
    pub key: String,
    pub label_zh: String,
    pub label_en: String,
    pub value_zh: String,
    pub value_en: String,
    pub exact_zh: String,
    pub exact_en: String,
    pub note_zh: String,
    pub note_en: String,
    pub target: String,
    /// The share of spending with one decimal (`93.5`), where the figure is one part of it.
    pub share: Option<String>,
}

struct Words {
    zh: String,
    en: String,
}

fn words(zh: impl Into<String>, en: impl Into<String>) -> Words {
    Words { zh: zh.into(), en: en.into() }
}

fn round2(v: Decimal) -> Decimal {
    v.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// An amount rounded for reading: `3.83 亿元` / `¥382.57 million`, `4.66 万元` /
/// `¥46.63 thousand`; `None` on overflow.
pub fn reading(v: Decimal, unit: MoneyUnit) -> Option<(String, String)> {
    let yuan = match unit {
        MoneyUnit::Yuan => v,
        MoneyUnit::WanYuan => v.checked_mul(Decimal::from(10_000))?,
    };
    let size = yuan.abs();
    let yi = Decimal::from(100_000_000);
    let zh = if size >= yi {
        format!("{} 亿元", plain::money(Decimal::from_str_exact(&fixed(yuan / yi, 2)).ok()?))
    } else {
        format!("{} 万元", plain::money(Decimal::from_str_exact(&fixed(yuan / Decimal::from(10_000), 2)).ok()?))
    };
    let sign = if yuan.is_sign_negative() && !yuan.is_zero() { "-" } else { "" };
    let scaled = |d: i64, word: &str| format!("{sign}¥{}{word}", fixed(size / Decimal::from(d), 2));
    let en = if size >= Decimal::from(1_000_000_000) {
        scaled(1_000_000_000, " billion")
    } else if size >= Decimal::from(1_000_000) {
        scaled(1_000_000, " million")
    } else if size >= Decimal::from(1_000) {
        scaled(1_000, " thousand")
    } else {
        scaled(1, "")
    };
    Some((zh, en))
}

/// The exact amount as printed, with thousands separators and the document's unit.
fn exact(v: Decimal, unit: MoneyUnit) -> Words {
    let unit_en = match unit {
        MoneyUnit::Yuan => "yuan",
        MoneyUnit::WanYuan => "× 10,000 yuan",
    };
    words(format!("{} {}", plain::money(v), unit.as_str()), format!("{} {unit_en}", plain::money(v)))
}

fn money(key: &str, label: Words, v: Decimal, unit: MoneyUnit, note: Words, target: &str) -> Option<Figure> {
    let (value_zh, value_en) = reading(v, unit)?;
    let e = exact(v, unit);
    Some(Figure {
        key: key.into(),
        label_zh: label.zh,
        label_en: label.en,
        value_zh,
        value_en,
        exact_zh: e.zh,
        exact_en: e.en,
        note_zh: note.zh,
        note_en: note.en,
        target: target.into(),
        share: None,
    })
}

fn present(r: &Report, id: TableId) -> Option<&Table> {
    r.table(id).filter(|t| !t.empty && !t.rows.is_empty())
}

/// A total line of 01 (its 决算数), else the 合计 row of `other` in `column`.
fn total(r: &Report, line: &str, other: TableId, column: &str) -> Option<(Decimal, MoneyUnit)> {
    let from01 = present(r, TableId::T01).and_then(|t| t.value(line, "决算数").map(|v| (v, t.unit)));
    from01.or_else(|| present(r, other).and_then(|t| t.value("合计", column).map(|v| (v, t.unit))))
}

/// The figures of `r` and its audit `a`.
pub fn summary(r: &Report, a: &Audit) -> Summary {
    let figures = [income(r), spending(r), basic_project(r), sangong(r), largest_class(r), findings(a), selfeval(r)];
    Summary {
        kind: r.kind.as_str().into(),
        department: r.department.clone(),
        year: r.year,
        figures: figures.into_iter().flatten().collect(),
    }
}

fn income(r: &Report) -> Option<Figure> {
    let (v, unit) = total(r, "本年收入合计", TableId::T02, "本年收入合计")?;
    // the largest source of 02, as a share of the total
    let note = present(r, TableId::T02)
        .and_then(|t| {
            let sum = t.row("合计")?;
            let whole = sum.value("本年收入合计")?;
            let (col, part) = t
                .columns
                .iter()
                .filter(|c| c.as_str() != "本年收入合计")
                .filter_map(|c| sum.value(c).map(|v| (c, v)))
                .max_by(|a, b| a.1.cmp(&b.1))?;
            let s = share(part, whole)?;
            let en = crate::reference::standard_en(col).unwrap_or(col);
            Some(words(format!("其中{col}占 {s}%"), format!("{en}: {s}%")))
        })
        .unwrap_or_else(|| words("", ""));
    money("income", words("本年收入合计", "Income for the year"), v, unit, note, "chart:income")
}

fn spending(r: &Report) -> Option<Figure> {
    let (v, unit) = total(r, "本年支出合计", TableId::T03, "本年支出合计")?;
    money("spending", words("本年支出合计", "Expenditure for the year"), v, unit, words("", ""), "chart:function")
}

/// The table the spending structure is read from: 03, else 05.
fn spending_table(r: &Report) -> Option<&Table> {
    present(r, TableId::T03).or_else(|| present(r, TableId::T05))
}

fn basic_project(r: &Report) -> Option<Figure> {
    let t = spending_table(r)?;
    let sum = t.row("合计")?;
    let (basic, project) = (sum.value("基本支出"), sum.value("项目支出"));
    let whole = sum
        .value("本年支出合计")
        .or_else(|| basic.unwrap_or_default().checked_add(project.unwrap_or_default()))
        .filter(|_| basic.is_some() || project.is_some())?;
    let part = |v: Option<Decimal>| v.and_then(|v| share(v, whole)).map(|s| format!("{s}%"));
    let (bs, ps) = (part(basic), part(project));
    if bs.is_none() && ps.is_none() {
        return None;
    }
    let show = |s: &Option<String>| s.clone().unwrap_or_else(|| "—".into());
    let amount = |v: Option<Decimal>| v.map_or_else(|| "—".to_string(), plain::money);
    let unit = t.unit;
    let unit_en = if unit == MoneyUnit::Yuan { "yuan" } else { "× 10,000 yuan" };
    Some(Figure {
        key: "basic_project".into(),
        label_zh: "基本支出与项目支出".into(),
        label_en: "Basic vs project expenditure".into(),
        value_zh: format!("基本 {} · 项目 {}", show(&bs), show(&ps)),
        value_en: format!("basic {} · project {}", show(&bs), show(&ps)),
        exact_zh: format!("基本支出 {} {u} · 项目支出 {} {u}", amount(basic), amount(project), u = unit.as_str()),
        exact_en: format!("basic {} · project {} {unit_en}", amount(basic), amount(project)),
        note_zh: format!("占本年支出合计，公开{}表", t.id.code()),
        note_en: format!("shares of the year's expenditure, table {}", t.id.code()),
        target: "chart:basic-project".into(),
        share: basic.and_then(|v| share(v, whole)),
    })
}

fn sangong(r: &Report) -> Option<Figure> {
    let t = present(r, TableId::T07)?;
    let actual = t.value("合计", "决算数")?;
    let budget = t.value("合计", "预算数");
    let rate = budget.and_then(|b| (b > Decimal::ZERO).then(|| super::percent(actual, b)).flatten());
    let note = match (budget, rate) {
        (Some(b), Some(rate)) => words(
            format!("预算 {} {}，完成预算的 {}%", plain::money(b), t.unit.as_str(), fixed(rate, 1)),
            format!("budget {}, {}% of it spent", exact(b, t.unit).en, fixed(rate, 1)),
        ),
        (Some(b), None) => {
            words(format!("预算 {} {}", plain::money(b), t.unit.as_str()), format!("budget {}", exact(b, t.unit).en))
        }
        _ => words("预算数空白", "budget blank"),
    };
    let mut f =
        money("sangong", words("“三公”经费支出", "“Three public” expenses"), actual, t.unit, note, "chart:sangong")?;
    f.share = rate.map(|r| fixed(r, 1));
    Some(f)
}

fn largest_class(r: &Report) -> Option<Figure> {
    let t = spending_table(r)?;
    let column = t.columns.first()?;
    let names = Names::of(r);
    let classes = r.function_hierarchy(t.id, column);
    let top = classes.iter().max_by(|a, b| a.value.cmp(&b.value).then(b.code.cmp(&a.code)))?;
    let sum = classes.iter().try_fold(Decimal::ZERO, |a, c| a.checked_add(c.value));
    let whole = t.value("合计", column).or(sum)?;
    let s = share(top.value, whole)?;
    let name = names.of_code(&top.code, top.name.as_deref());
    let en = crate::reference::class_en(&top.code).map_or_else(|| name.clone(), str::to_string);
    let note =
        words(format!("{name}（{}），占支出的 {s}%", top.code), format!("{en} ({}), {s}% of expenditure", top.code));
    let mut f = money(
        "largest_class",
        words("最大支出类", "Largest class of expenditure"),
        top.value,
        t.unit,
        note,
        "chart:function",
    )?;
    f.share = Some(s);
    Some(f)
}

fn findings(a: &Audit) -> Option<Figure> {
    let count = |sev: Severity| a.findings.iter().filter(|f| f.group == Group::Document && f.severity == sev).count();
    let (errors, warnings, notes) = (count(Severity::Error), count(Severity::Warning), count(Severity::Info));
    let reading = a.reading();
    let omitted: usize = a.runs.iter().map(|r| r.omitted).sum();
    let (note_zh, note_en) = if omitted > 0 {
        (format!("另有 {omitted} 条未列出"), format!("{omitted} more not listed"))
    } else {
        (String::new(), String::new())
    };
    let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    Some(Figure {
        key: "findings".into(),
        label_zh: "审核发现".into(),
        label_en: "Audit findings".into(),
        value_zh: format!("{errors} 错误 · {warnings} 警告 · {notes} 提示 · {reading} 可能识别问题"),
        value_en: format!(
            "{} · {} · {} · {}",
            plural(errors, "error", "errors"),
            plural(warnings, "warning", "warnings"),
            plural(notes, "note", "notes"),
            plural(reading, "reading problem", "reading problems")
        ),
        exact_zh: format!("共 {} 条", a.findings.len()),
        exact_en: plural(a.findings.len(), "finding", "findings"),
        note_zh,
        note_en,
        target: "section:audit".into(),
        share: None,
    })
}

fn selfeval(r: &Report) -> Option<Figure> {
    let scores: Vec<Decimal> = r.performance.iter().filter_map(|p| p.total.map(|t| t.1)).collect();
    let n = Decimal::from(scores.len() as u64);
    let sum = scores.iter().try_fold(Decimal::ZERO, |a, v| a.checked_add(*v))?;
    let avg = round2(sum.checked_div(n)?);
    let (min, max) = (scores.iter().min()?, scores.iter().max()?);
    // the self-evaluations only: a target table has no score
    let projects = r.performance.iter().filter(|p| !p.kind.is_target()).count();
    let scored = if scores.len() == projects {
        words(format!("{projects} 个项目"), format!("{projects} projects"))
    } else {
        words(
            format!("{projects} 个项目，{} 个有总分", scores.len()),
            format!("{projects} projects, {} scored", scores.len()),
        )
    };
    Some(Figure {
        key: "selfeval".into(),
        label_zh: "项目绩效自评平均得分".into(),
        label_en: "Average self-evaluation score".into(),
        value_zh: format!("{} 分", fixed(avg, 2)),
        value_en: format!("{} points", fixed(avg, 2)),
        exact_zh: format!("最低 {min} · 最高 {max}"),
        exact_en: format!("lowest {min} · highest {max}"),
        note_zh: scored.zh,
        note_en: scored.en,
        target: "section:performance".into(),
        share: None,
    })
}
