//! A budget's narrative (预算说明) against its own tables: the amounts it states for the
//! standard budget lines and classes (`BN.amount`), its shares (`BN.share`) and the
//! arithmetic of its changes (`BN.change`), through the same pass as a 决算's narrative
//! (`narrative::Family`), and the 机关运行经费 it states against the 机关运行经费 table
//! (`BN.jiguan`). A name is looked up whole, after the department, the year and the word
//! 预算 are taken off; a name no table settles, a blank cell or a whole the sentence does
//! not determine is skipped and counted (`RuleRun::skipped`), never an error.

use rust_decimal::Decimal;

use super::narrative::{clause_before, sentence_ref, to_unit, Base, Family, Said};
use super::{cell, named, plain, Auditor, Finding, Term};
use crate::model::{Level, MoneyUnit, Report, Row, Section, Severity, Table, TableId};

/// The budget's narrative rules.
pub(super) const BUDGET: Family = Family {
    amount: "BN.amount",
    share: "BN.share",
    change: "BN.change",
    cells: |r, section, chars, a| budget_cells(r, section, &clause_before(chars, a.start)),
    bases: budget_bases,
    titled: Some(titled),
    rises: &["增长", "增幅", "上升"],
    falls: &["下降", "减幅", "降幅", "减少"],
    strict: true,
};

/// A fund's name, kept when the word 预算 is taken off a name.
const FUNDS: [&str; 3] = ["一般公共预算", "政府性基金预算", "国有资本经营预算"];

/// A stated amount's name as the lookups read it: the clause's words without its ordinal,
/// the department, the year, `其中`/`包括`, `为`, and the word 预算 (a fund's name keeps
/// it): `国家信访局2026年收支总预算` → `收支总`, `其中：基本支出预算` → `基本支出`.
pub(super) fn normalize(r: &Report, clause: &str) -> String {
    let mut s = clause.replace("收、支", "收支").replace("收入、支出", "收支");
    let dept: Option<String> = r.department.as_ref().map(|d| d.chars().filter(|c| !c.is_whitespace()).collect());
    loop {
        let before = s.clone();
        s = crate::text::strip_ordinal(&s).to_string();
        for p in ["其中", "包括", "本部门", "本单位", "部门"] {
            if let Some(x) = s.strip_prefix(p) {
                s = x.to_string();
            }
        }
        if let Some(x) = dept.as_deref().filter(|d| !d.is_empty()).and_then(|d| s.strip_prefix(d)) {
            s = x.to_string();
        }
        let digits = s.bytes().take_while(|b| b.is_ascii_digit()).count();
        if digits == 4 {
            if let Some(x) = s[4..].strip_prefix("年度").or_else(|| s[4..].strip_prefix('年')) {
                s = x.to_string();
            }
        }
        for suffix in ["合计为", "共计", "为", "是", "达", "安排"] {
            if let Some(x) = s.strip_suffix(suffix) {
                s = x.to_string();
            }
        }
        if s == before {
            break;
        }
    }
    let mut kept = s;
    for (i, f) in FUNDS.iter().enumerate() {
        kept = kept.replace(f, &format!("#{i}"));
    }
    let mut out = kept.replace("预算数", "").replace("预算", "");
    for (i, f) in FUNDS.iter().enumerate() {
        out = out.replace(&format!("#{i}"), f);
    }
    out
}

/// The first amount of a two-sided table's line (`预算数`, or the expenditure side's
/// `合计`).
fn line(t: &Table, name: &str) -> Option<(MoneyUnit, Term)> {
    let row = named(t, name)?;
    let col = ["预算数", "合计"].into_iter().find(|c| row.cells.iter().any(|x| x.column == *c)).unwrap_or("预算数");
    Some((t.unit, cell(t, row, col)))
}

/// A coded table's 合计 row in `col`, when the table prints that column.
fn total(t: &Table, col: &str) -> Option<(MoneyUnit, Term)> {
    let row = named(t, "合计")?;
    t.columns.iter().any(|c| c == col).then(|| (t.unit, cell(t, row, col)))
}

/// Which tables a section speaks of: 一般公共预算 (B05, B06), 财政拨款 (B04), else the
/// department's (B01, B03).
#[derive(Clone, Copy, PartialEq)]
enum Scope {
    General,
    Appropriation,
    All,
}

fn scope(section: &Section) -> Scope {
    let t = &section.title;
    if t.contains("一般公共预算") {
        Scope::General
    } else if t.contains("财政拨款") {
        Scope::Appropriation
    } else {
        Scope::All
    }
}

/// The cells a budget narrative's name may stand for, the likelier first.
pub(crate) fn budget_cells(r: &Report, section: &Section, clause: &str) -> Vec<(MoneyUnit, Term)> {
    let n = normalize(r, clause);
    if n.is_empty() {
        return Vec::new();
    }
    let scope = scope(section);
    let b = |id: TableId| r.table(id);
    let lines = |id: TableId, names: &[&str]| -> Vec<(MoneyUnit, Term)> {
        b(id).map(|t| names.iter().filter_map(|x| line(t, x)).collect()).unwrap_or_default()
    };
    // B01's line, or in a 财政拨款 section B04's
    let dept_or_fiscal = |names: &[&str]| {
        if scope == Scope::Appropriation {
            let v = lines(TableId::B04, names);
            if !v.is_empty() {
                return v;
            }
        }
        lines(TableId::B01, names)
    };
    let totals = |list: &[(TableId, &str)]| -> Vec<(MoneyUnit, Term)> {
        list.iter().filter_map(|(id, col)| b(*id).and_then(|t| total(t, col))).collect()
    };
    match n.as_str() {
        "财政拨款收支总" | "财政拨款收支总计" | "财政拨款收支总额" => {
            return lines(TableId::B04, &["收入总计", "支出总计"])
        }
        "财政拨款收入" => return lines(TableId::B04, &["本年收入合计", "收入总计"]),
        "财政拨款支出" => return lines(TableId::B04, &["本年支出合计", "支出总计"]),
        "收支总" | "收支总计" | "收支总额" | "收支" => {
            return lines(TableId::B01, &["收入总计", "支出总计"])
        }
        // `收入预算`, `预算收入`: the department's income
        "收入" | "收入总计" | "收入总额" | "收入合计" | "总收入" => {
            return lines(TableId::B01, &["收入总计", "本年收入合计"])
        }
        "支出" | "支出总计" | "支出总额" | "支出合计" | "总支出" => {
            return lines(TableId::B01, &["支出总计", "本年支出合计"])
        }
        "本年收入合计" | "本年收入" => return dept_or_fiscal(&["本年收入合计"]),
        "本年支出合计" | "本年支出" => return dept_or_fiscal(&["本年支出合计"]),
        "上年结转" | "上年结转结余" | "上年结转资金" | "上年结余结转" => {
            return dept_or_fiscal(&["上年结转"])
        }
        "一般公共预算当年拨款"
        | "一般公共预算当年财政拨款"
        | "一般公共预算支出"
        | "一般公共预算拨款支出"
        | "一般公共预算财政拨款支出" => return totals(&[(TableId::B05, "合计")]),
        "一般公共预算基本支出" => return totals(&[(TableId::B06, "合计"), (TableId::B05, "基本支出")]),
        "基本支出" | "项目支出" => {
            return match scope {
                Scope::General => totals(&[(TableId::B05, n.as_str())]),
                Scope::All => totals(&[(TableId::B03, n.as_str())]),
                Scope::Appropriation => Vec::new(),
            };
        }
        "人员经费" | "公用经费" if section.title.contains("基本支出") => {
            let Some(t) = b(TableId::B06) else { return Vec::new() };
            let by_row = line(t, &format!("{n}合计"));
            return by_row.or_else(|| total(t, &n)).into_iter().collect();
        }
        _ => {}
    }
    if let Some(line_name) = income_line(&n) {
        return dept_or_fiscal(&[line_name]);
    }
    class_cells(r, scope, &n)
}

/// The B01 income line a name stands for (`一般公共预算收入` → `一般公共预算拨款收入`).
fn income_line(n: &str) -> Option<&'static str> {
    const LINES: [(&str, &[&str]); 9] = [
        ("一般公共预算拨款收入", &["一般公共预算拨款收入", "一般公共预算收入", "一般公共预算当年拨款收入"]),
        ("政府性基金预算拨款收入", &["政府性基金预算拨款收入", "政府性基金预算收入"]),
        ("国有资本经营预算拨款收入", &["国有资本经营预算拨款收入", "国有资本经营预算收入"]),
        ("财政专户管理资金收入", &["财政专户管理资金收入", "财政专户管理资金"]),
        ("事业收入", &["事业收入"]),
        ("事业单位经营收入", &["事业单位经营收入"]),
        ("上级补助收入", &["上级补助收入"]),
        ("附属单位上缴收入", &["附属单位上缴收入"]),
        ("其他收入", &["其他收入"]),
    ];
    LINES.iter().find(|(_, names)| names.contains(&n)).map(|(l, _)| *l)
}

/// `一般公共服务支出（类）信访事务（款）行政运行（项）` or a class's standard name: the row
/// of the section's table (B05 for 一般公共预算, B04's line for 财政拨款, else B03 or
/// B01's line), found by the class's code and the 款 and 项 names under it.
fn class_cells(r: &Report, scope: Scope, n: &str) -> Vec<(MoneyUnit, Term)> {
    let Some(path) = class_path(n) else { return Vec::new() };
    let Some((code, _)) = crate::reference::function_class_by_name(&path[0])
        .or_else(|| crate::reference::function_class_by_name(&format!("{}支出", path[0])))
    else {
        return Vec::new();
    };
    let tables: &[TableId] = match scope {
        Scope::General => &[TableId::B05],
        Scope::Appropriation => &[TableId::B04],
        Scope::All => &[TableId::B03, TableId::B01],
    };
    for id in tables {
        let Some(t) = r.table(*id) else { continue };
        let Some(row) = class_row(t, code, &path[1..]) else { continue };
        let col = ["合计", "预算数"].into_iter().find(|c| row.cells.iter().any(|x| x.column == *c));
        let col = col.or_else(|| t.columns.iter().any(|c| c == "合计").then_some("合计"));
        if let Some(col) = col {
            return vec![(t.unit, cell(t, row, col))];
        }
    }
    Vec::new()
}

/// The names of `X（类）Y（款）Z（项）` in order, or a class's name alone; `None` when
/// words other than `支出` follow the last level (`…（类）基本支出` is no class total).
fn class_path(n: &str) -> Option<Vec<String>> {
    let n = n.replace("(类)", "（类）").replace("(款)", "（款）").replace("(项)", "（项）");
    let mut path = Vec::new();
    let mut rest = n.as_str();
    for mark in ["（类）", "（款）", "（项）"] {
        let Some(p) = rest.find(mark) else { break };
        path.push(rest[..p].to_string());
        rest = &rest[p + mark.len()..];
    }
    if path.is_empty() {
        // a class's standard name alone
        return (n.ends_with("支出") && crate::reference::function_class_by_name(&n).is_some())
            .then(|| vec![n.clone()]);
    }
    // `（项）2026年` once 预算数 is taken off
    let rest = match rest.get(..4).filter(|y| y.bytes().all(|b| b.is_ascii_digit())) {
        Some(_) => rest[4..].trim_start_matches("年度").trim_start_matches('年'),
        None => rest,
    };
    let rest = rest.trim_start_matches("支出");
    (rest.is_empty() && path.iter().all(|p| !p.is_empty())).then_some(path)
}

/// The row of `code`'s class, or of the 款 and 项 named below it.
fn class_row<'t>(t: &'t Table, class: &str, below: &[String]) -> Option<&'t Row> {
    let function = |r: &&Row| r.code.as_ref().is_some_and(|c| c.scheme == crate::model::Scheme::Function);
    let mut row = t.rows.iter().filter(function).find(|r| r.code.as_ref().is_some_and(|c| c.code == class));
    if row.is_none() && below.is_empty() {
        // a two-sided table's class line, by its code
        row = t.rows.iter().find(|r| r.code.as_ref().is_some_and(|c| c.code == class && c.level == Level::Lei));
    }
    let mut row = row?;
    for (name, level) in below.iter().zip([Level::Kuan, Level::Xiang]) {
        let parent = row.code.as_ref()?.code.clone();
        let want = name.trim_end_matches("支出");
        row = t.rows.iter().filter(function).find(|r| {
            r.code.as_ref().is_some_and(|c| c.level == level && c.code.starts_with(&parent))
                && r.name.trim_end_matches("支出") == want
        })?;
    }
    Some(row)
}

/// The wholes a budget narrative's share may name (`占部门预算总支出的71.80%`): the
/// department's spending (B01, B03, and in a 一般公共预算 section B05: documents say
/// `部门支出总额` for either), its income, 基本支出, else the cells the name stands for.
fn budget_bases(r: &Report, section: &Section, name: &str) -> Vec<Base> {
    let n = normalize(r, name.trim_end_matches('的'));
    let of = |cells: Vec<(MoneyUnit, Term)>| -> Vec<Base> {
        cells
            .into_iter()
            .filter(|(_, t)| t.0.value.is_some())
            .map(|(unit, t)| Base { value: t.1, unit, name: n.clone(), sure: true })
            .collect()
    };
    let spending = ["支出", "总支出", "支出总额", "支出合计", "支出总计", "本年支出", "部门总支出", "部门支出总额"];
    let income = ["收入", "总收入", "收入总额", "收入合计", "收入总计", "本年收入"];
    let n2 = n.trim_start_matches("部门").to_string();
    let mut cells = if spending.contains(&n.as_str()) || spending.contains(&n2.as_str()) {
        let mut c = budget_cells(r, section, "支出总计");
        c.extend(budget_cells(r, section, "本年支出合计"));
        c.extend(r.table(TableId::B03).and_then(|t| total(t, "合计")));
        if scope(section) == Scope::General {
            c.extend(r.table(TableId::B05).and_then(|t| total(t, "合计")));
        }
        c
    } else if income.contains(&n.as_str()) || income.contains(&n2.as_str()) {
        let mut c = budget_cells(r, section, "收入总计");
        c.extend(budget_cells(r, section, "本年收入合计"));
        c
    } else if n == "基本支出经费" {
        budget_cells(r, section, "基本支出")
    } else {
        budget_cells(r, section, &n)
    };
    cells.dedup_by(|a, b| a.1 .0 == b.1 .0);
    of(cells)
}

/// The whole a section's title names (`（二）一般公共预算当年拨款结构情况` → B05 合计), as a
/// guess.
fn titled(r: &Report, section: &Section) -> Option<Base> {
    let mut t: String = section.title.chars().filter(|c| !c.is_whitespace()).collect();
    for end in ["结构情况", "规模变化情况", "具体使用情况", "情况说明", "情况"] {
        if let Some(x) = t.strip_suffix(end) {
            t = x.to_string();
            break;
        }
    }
    let b = budget_bases(r, section, crate::text::strip_ordinal(&t)).into_iter().next()?;
    Some(Base { sure: false, ..b })
}

impl Auditor {
    /// `BN.jiguan`: the 机关运行经费 the narrative states for the year against the 合计 of
    /// the 机关运行经费 table (B12), within half a unit of the stated amount's last digit.
    pub(super) fn jiguan(&mut self, r: &Report) {
        let said = std::mem::take(&mut self.said);
        let table = r.table(TableId::B12);
        for (section, read) in r.narrative.iter().zip(&said) {
            for (s, Said { chars, stated, .. }) in section.sentences.iter().zip(read) {
                for a in stated {
                    let n = normalize(r, &clause_before(chars, a.start));
                    let n = n.replace("财政拨款", "").replace("一般公共预算", "");
                    let Some(rest) = n.strip_prefix("机关运行经费") else { continue };
                    if !matches!(rest, "" | "支出" | "总计" | "合计" | "总额") {
                        continue;
                    }
                    // the table's 合计, in its first column
                    let target = table.and_then(|t| {
                        let row = named(t, "合计")?;
                        let col = row.cells.first()?.column.clone();
                        Some((t.unit, cell(t, row, &col)))
                    });
                    let Some((unit, (c, v))) = target else {
                        self.skip("BN.jiguan");
                        continue;
                    };
                    self.count("BN.jiguan");
                    let stated_v = to_unit(a.value, a.unit, unit);
                    let diff = stated_v - v;
                    if diff.is_zero() {
                        continue;
                    }
                    let half = to_unit(Decimal::new(5, a.value.scale() + 1), a.unit, unit);
                    let severity = if diff.abs() <= half { Severity::Info } else { Severity::Error };
                    let printed = format!("{}{}", plain::money(a.value), a.unit.as_str());
                    let f = Finding::about_cells(
                        "BN.jiguan",
                        severity,
                        (
                            format!(
                                "说明写机关运行经费为 {printed}，但{}为 {}{}。",
                                plain::cell_zh(&c),
                                plain::value_zh(&c),
                                unit.as_str()
                            ),
                            format!(
                                "The narrative states 机关运行经费 of {printed}, but {} is {}{}.",
                                plain::cell_en(&c),
                                plain::value_en(&c),
                                unit.as_str()
                            ),
                        ),
                        vec![c],
                        Some(v),
                        Some(stated_v),
                    )
                    .citing(sentence_ref(section, s).marking(&a.printed));
                    self.push(f);
                }
            }
        }
        self.said = said;
    }
}
