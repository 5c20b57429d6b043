//! Two reports side by side: a 预算 with the 决算 of the same year (plan against actual), two
//! reports of one department in consecutive years (year on year), or any two (per class
//! only). Owns how the two are paired and ordered, the per-class lines (function class
//! 类/款/项, economic class, 三公, the totals) in one unit, and the cross-checks between the
//! documents, whose findings cite cells and sentences in both (`CellRef::doc`).
//!
//! Reads typed reports only (`model`), like `check`; knows nothing of the page.

use std::collections::BTreeMap;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

use crate::check::budget_narrative::budget_cells;
use crate::check::narrative::{amounts, clause_before, sentence_ref, standard_cell, to_unit, Stated};
use crate::check::{cell, plain, CellRef, Doc, Finding, SentenceRef};
use crate::model::{DocumentKind, Level, MoneyUnit, Report, Row, Scheme, Severity, Table, TableId, TableRole};

/// How the two reports relate.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Relation {
    /// The 预算 and the 决算 of one department and year: `a` the plan, `b` the actual.
    PlanActual,
    /// Two 决算 (or two 预算) of one department in consecutive years: `a` the earlier.
    YearOnYear,
    /// Anything else (other departments, years further apart): per class, no cross-checks.
    Other,
}

/// One of the two reports, as the comparison names it.
#[derive(Debug, Clone, Serialize)]
pub struct Party {
    pub kind: DocumentKind,
    pub department: Option<String>,
    pub year: Option<u16>,
    /// `2023年度部门决算`, `2026年部门预算`.
    pub label_zh: String,
    pub label_en: String,
}

/// One line of the comparison: a class or a named line, both amounts in the comparison's
/// unit, and what the two cells are.
#[derive(Debug, Clone, Serialize)]
pub struct Line {
    /// The code for a class, else the standard line name.
    pub key: String,
    pub code: Option<String>,
    pub level: Option<Level>,
    /// The name as printed (in `b`, else `a`).
    pub name: String,
    #[serde(with = "rust_decimal::serde::str_option")]
    pub a: Option<Decimal>,
    #[serde(with = "rust_decimal::serde::str_option")]
    pub b: Option<Decimal>,
    /// `b − a` when both are printed.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub difference: Option<Decimal>,
    /// Plan/actual: the execution rate `b ÷ a × 100`; year on year: the change
    /// `(b − a) ÷ a × 100`; two decimals, half away from zero; `None` when `a` is 0 or absent.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub rate: Option<Decimal>,
    /// The cells compared (each with its `doc`), blank ones left out.
    pub cells: Vec<CellRef>,
}

/// What a list of lines was read from in each report.
#[derive(Debug, Clone, Serialize)]
pub struct Basis {
    pub a_table: String,
    pub a_column: String,
    pub b_table: String,
    pub b_column: String,
}

/// A block of lines of one kind (function classes, economic classes, 三公, totals).
#[derive(Debug, Clone, Serialize)]
pub struct Block {
    /// `totals`, `function`, `economic`, `sangong`.
    pub key: &'static str,
    pub title_zh: &'static str,
    pub title_en: &'static str,
    pub basis: Option<Basis>,
    pub lines: Vec<Line>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    pub relation: Relation,
    /// The plan or the earlier year.
    pub a: Party,
    /// The actual or the later year.
    pub b: Party,
    /// The two were given in the other order (`a` was the second file).
    pub swapped: bool,
    pub same_department: bool,
    /// The unit of every amount of the lines: 元 when either table is in 元 (exact: 万元
    /// amounts are multiplied by 10,000), else 万元.
    pub unit: MoneyUnit,
    pub blocks: Vec<Block>,
    /// Cross-checks between the documents (plan/actual and year on year of one
    /// department only); every cited cell and sentence says which document it is in.
    pub findings: Vec<Finding>,
    /// How many cross-checks were made.
    pub checked: usize,
    /// Why some comparison was not made (`不同部门，不做交叉核对`), in both languages.
    pub notes: Vec<(String, String)>,
}

impl Comparison {
    pub fn block(&self, key: &str) -> Option<&Block> {
        self.blocks.iter().find(|b| b.key == key)
    }

    /// Errors of the documents found by the cross-checks.
    pub fn errors(&self) -> usize {
        self.findings.iter().filter(|f| f.is_error()).count()
    }
}

fn party(r: &Report) -> Party {
    let year = r.year.map(|y| y.to_string()).unwrap_or_default();
    let zh = r.kind_name_zh();
    let en = match r.kind {
        DocumentKind::Final => "final accounts",
        DocumentKind::Budget => "budget",
        DocumentKind::PerformanceTargets => "performance targets",
        DocumentKind::SelfEvaluation => "self-evaluation",
        DocumentKind::PerformanceReport => "performance evaluation",
        DocumentKind::Unknown => "document",
    };
    let dept = r.department.clone().unwrap_or_default();
    Party {
        kind: r.kind,
        department: r.department.clone(),
        year: r.year,
        label_zh: format!("{dept}{}{zh}", if year.is_empty() { String::new() } else { format!("{year}年度") }),
        label_en: format!("{dept} {en}{}", if year.is_empty() { String::new() } else { format!(" {year}") }),
    }
}

/// A department's name without spaces and the `（本级）` a unit report adds.
fn department_key(r: &Report) -> Option<String> {
    let d: String = r.department.as_deref()?.chars().filter(|c| !c.is_whitespace()).collect();
    let d = d.replace("（本级）", "").replace("(本级)", "");
    (!d.is_empty()).then_some(d)
}

/// Compares two reports in either order.
pub fn compare(first: &Report, second: &Report) -> Comparison {
    let same_department = matches!((department_key(first), department_key(second)), (Some(x), Some(y)) if x == y);
    let (k1, k2) = (first.kind, second.kind);
    let (y1, y2) = (first.year, second.year);
    let relation = match (k1, k2) {
        _ if !same_department => Relation::Other,
        (DocumentKind::Budget, DocumentKind::Final) | (DocumentKind::Final, DocumentKind::Budget)
            if y1 == y2 && y1.is_some() =>
        {
            Relation::PlanActual
        }
        (x, y)
            if x == y
                && matches!(x, DocumentKind::Final | DocumentKind::Budget)
                && y1.zip(y2).is_some_and(|(a, b)| a.abs_diff(b) == 1) =>
        {
            Relation::YearOnYear
        }
        _ => Relation::Other,
    };
    // `a` is the plan, or the earlier year; otherwise the order given
    let swapped = match relation {
        Relation::PlanActual => k1 == DocumentKind::Final,
        Relation::YearOnYear => y1 > y2,
        Relation::Other => false,
    };
    let (a, b) = if swapped { (second, first) } else { (first, second) };
    let unit = common_unit(a, b);
    let mut c = Comparison {
        relation,
        a: party(a),
        b: party(b),
        swapped,
        same_department,
        unit,
        blocks: Vec::new(),
        findings: Vec::new(),
        checked: 0,
        notes: Vec::new(),
    };
    c.blocks.push(totals(a, b, relation, unit));
    c.blocks.push(function(a, b, relation, unit));
    c.blocks.push(economic(a, b, relation, unit));
    c.blocks.push(sangong(a, b, relation, unit));
    match relation {
        Relation::PlanActual => plan_actual_checks(&mut c, a, b),
        Relation::YearOnYear => year_on_year_checks(&mut c, a, b),
        Relation::Other => {
            let why = if !same_department {
                ("两份文件不是同一部门的（或未印部门名称），只逐类比较，不做交叉核对。", "The two documents are not of the same department (or do not print it): compared per class, without cross-checks.")
            } else {
                ("两份文件既不是同一年度的预算与决算，也不是相邻两年的同类报告，只逐类比较，不做交叉核对。", "The two documents are neither the budget and final accounts of one year nor reports of consecutive years: compared per class, without cross-checks.")
            };
            c.notes.push((why.0.to_string(), why.1.to_string()));
        }
    }
    c
}

fn tables(r: &Report) -> impl Iterator<Item = &Table> {
    r.tables.iter()
}

fn common_unit(a: &Report, b: &Report) -> MoneyUnit {
    if tables(a).chain(tables(b)).any(|t| t.unit == MoneyUnit::Yuan) {
        MoneyUnit::Yuan
    } else {
        MoneyUnit::WanYuan
    }
}

/// A cell of a table as a comparison cites it, with its value in `unit`.
fn cited(t: &Table, r: &Row, column: &str, doc: Doc, unit: MoneyUnit) -> (CellRef, Option<Decimal>) {
    let (mut c, _) = cell(t, r, column);
    c.doc = Some(doc);
    let v = c.value.map(|v| to_unit(v, t.unit, unit));
    (c, v)
}

fn rate(relation: Relation, a: Option<Decimal>, b: Option<Decimal>) -> Option<Decimal> {
    let (a, b) = (a?, b?);
    if a.is_zero() {
        return None;
    }
    let r = match relation {
        Relation::PlanActual => b / a * Decimal::ONE_HUNDRED,
        _ => (b - a) / a * Decimal::ONE_HUNDRED,
    };
    let mut r = r.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    r.rescale(2);
    Some(r)
}

#[allow(clippy::too_many_arguments)]
fn line(
    relation: Relation,
    key: String,
    code: Option<String>,
    level: Option<Level>,
    name: String,
    a: (Option<CellRef>, Option<Decimal>),
    b: (Option<CellRef>, Option<Decimal>),
) -> Line {
    let cells = [a.0, b.0].into_iter().flatten().filter(|c| c.value.is_some()).collect();
    Line {
        key,
        code,
        level,
        name,
        a: a.1,
        b: b.1,
        difference: a.1.zip(b.1).map(|(x, y)| y - x),
        rate: rate(relation, a.1, b.1),
        cells,
    }
}

/// Where a report prints a figure: the first of `places` (table role, row name, columns
/// in order of preference) it has. A role is the same table in a 决算 and a budget (05 and
/// B05), whose total columns are named `决算数`/`本年支出合计` and `预算数`/`合计`.
fn find<'r>(r: &'r Report, places: &[Place]) -> Option<(&'r Table, &'r Row, String)> {
    places.iter().find_map(|(role, row, cols)| {
        let t = r.table_for(*role)?;
        let row = t.row(row)?;
        let col = cols.iter().find(|c| t.columns.iter().any(|x| x == *c) && row.value(c).is_some())?;
        Some((t, row, col.to_string()))
    })
}

/// Where to look for a figure: a table role, a row name, columns in order of preference.
type Place = (TableRole, &'static str, &'static [&'static str]);

/// The total columns of a table, in order of preference: a 决算's, then a budget's.
const TOTAL: &[&str] = &["决算数", "本年支出合计", "本年收入合计", "合计", "预算数"];

fn totals(a: &Report, b: &Report, relation: Relation, unit: MoneyUnit) -> Block {
    use TableRole::*;
    let lines: [(&str, &[Place]); 5] = [
        ("本年收入合计", &[(IncomeSpending, "本年收入合计", TOTAL), (Income, "合计", TOTAL)]),
        ("本年支出合计", &[(IncomeSpending, "本年支出合计", TOTAL), (Spending, "合计", TOTAL)]),
        ("基本支出", &[(Spending, "合计", &["基本支出"])]),
        ("项目支出", &[(Spending, "合计", &["项目支出"])]),
        ("一般公共预算财政拨款支出", &[(GeneralBudget, "合计", &["本年支出合计", "合计"])]),
    ];
    let mut out = Vec::new();
    for (name, places) in lines {
        let side = |r: &Report, doc: Doc| match find(r, places) {
            Some((t, row, col)) => {
                let (c, v) = cited(t, row, &col, doc, unit);
                (Some(c), v)
            }
            None => (None, None),
        };
        let (x, y) = (side(a, Doc::A), side(b, Doc::B));
        if x.0.is_some() || y.0.is_some() {
            out.push(line(relation, name.to_string(), None, None, name.to_string(), x, y));
        }
    }
    Block { key: "totals", title_zh: "收支总额", title_en: "Totals", basis: None, lines: out }
}

/// The function-classified spending table of a report (05 or B05: 一般公共预算; 03 or B03:
/// all funds) and its total column.
fn function_table(r: &Report, role: TableRole) -> Option<(&Table, &'static str)> {
    let t = r.table_for(role)?;
    let col = ["本年支出合计", "合计"].into_iter().find(|c| t.columns.iter().any(|x| x == c))?;
    Some((t, col))
}

fn function(a: &Report, b: &Report, relation: Relation, unit: MoneyUnit) -> Block {
    let roles = [TableRole::GeneralBudget, TableRole::Spending];
    let pair = roles.into_iter().find_map(|role| function_table(a, role).zip(function_table(b, role))).or_else(|| {
        // different tables on each side: the first each has
        let one = |r| roles.into_iter().find_map(|role| function_table(r, role));
        one(a).zip(one(b))
    });
    let mut block = Block {
        key: "function",
        title_zh: "支出功能分类",
        title_en: "Spending by function",
        basis: None,
        lines: Vec::new(),
    };
    let Some(((ta, ca), (tb, cb))) = pair else { return block };
    block.basis = Some(Basis {
        a_table: ta.id.code().into(),
        a_column: ca.into(),
        b_table: tb.id.code().into(),
        b_column: cb.into(),
    });
    let index = |r: &Report, t: &Table, col: &str| -> BTreeMap<String, (Level, Option<String>, Option<Decimal>)> {
        let mut m = BTreeMap::new();
        fn walk(n: &crate::model::HierarchyNode, m: &mut BTreeMap<String, (Level, Option<String>, Option<Decimal>)>) {
            m.insert(n.code.clone(), (n.level, n.name.clone(), Some(n.value)));
            n.children.iter().for_each(|c| walk(c, m));
        }
        r.function_hierarchy(t.id, col).iter().for_each(|n| walk(n, &mut m));
        m
    };
    let (ia, ib) = (index(a, ta, ca), index(b, tb, cb));
    let codes: std::collections::BTreeSet<&String> = ia.keys().chain(ib.keys()).collect();
    for code in codes {
        let side = |t: &Table, col: &str, i: &BTreeMap<String, (Level, Option<String>, Option<Decimal>)>, doc: Doc| {
            let Some((_, _, v)) = i.get(code) else { return (None, None) };
            // a printed row is cited; a derived 类/款 (sum of its printed children) is not a cell
            match t.row_by_code(code).filter(|row| row.code.as_ref().is_some_and(|c| c.scheme == Scheme::Function)) {
                Some(row) if row.value(col).is_some() => {
                    let (c, v) = cited(t, row, col, doc, unit);
                    (Some(c), v)
                }
                _ => (None, v.map(|v| to_unit(v, t.unit, unit))),
            }
        };
        let (level, name_b) = ib.get(code).map(|x| (x.0, x.1.clone())).unwrap_or((Level::Xiang, None));
        let (level, name) = match ia.get(code) {
            Some(x) if name_b.is_none() => (x.0, x.1.clone()),
            Some(x) => (x.0, name_b),
            None => (level, name_b),
        };
        let name = name
            .or_else(|| crate::reference::function_class_name(code).map(str::to_string))
            .unwrap_or_else(|| code.clone());
        block.lines.push(line(
            relation,
            code.clone(),
            Some(code.clone()),
            Some(level),
            name,
            side(ta, ca, &ia, Doc::A),
            side(tb, cb, &ib, Doc::B),
        ));
    }
    block
}

/// The economic classes of 基本支出 (table 06).
fn economic(a: &Report, b: &Report, relation: Relation, unit: MoneyUnit) -> Block {
    let mut block = Block {
        key: "economic",
        title_zh: "基本支出经济分类",
        title_en: "Basic spending by economic class",
        basis: None,
        lines: Vec::new(),
    };
    let (Some((ta, ca)), Some((tb, cb))) = (economic_table(a), economic_table(b)) else { return block };
    block.basis = Some(Basis {
        a_table: ta.id.code().into(),
        a_column: ca.into(),
        b_table: tb.id.code().into(),
        b_column: cb.into(),
    });
    let coded = |t: &Table| -> Vec<(String, Level)> {
        t.rows
            .iter()
            .filter_map(|r| r.code.as_ref().filter(|c| c.scheme == Scheme::Economic).map(|c| (c.code.clone(), c.level)))
            .collect()
    };
    let mut codes: Vec<(String, Level)> = coded(ta);
    for c in coded(tb) {
        if !codes.contains(&c) {
            codes.push(c);
        }
    }
    codes.sort();
    for (code, level) in codes {
        let side = |t: &Table, col: &str, doc: Doc| match t.row_by_code(&code) {
            Some(row) => {
                let (c, v) = cited(t, row, col, doc, unit);
                (Some(c), v)
            }
            None => (None, None),
        };
        let name = tb
            .row_by_code(&code)
            .or_else(|| ta.row_by_code(&code))
            .map(|r| r.name.clone())
            .unwrap_or_else(|| code.clone());
        block.lines.push(line(
            relation,
            code.clone(),
            Some(code.clone()),
            Some(level),
            name,
            side(ta, ca, Doc::A),
            side(tb, cb, Doc::B),
        ));
    }
    block
}

fn economic_table(r: &Report) -> Option<(&Table, &'static str)> {
    let t = r.table_for(TableRole::GeneralBasicEconomic)?;
    let col = ["决算数", "合计", "预算数"].into_iter().find(|c| t.columns.iter().any(|x| x == c))?;
    Some((t, col))
}

/// The 三公 items: a 预算 against the 决算 of its year compares the plan's own figures with
/// the actual (`决算数`); two reports of a kind compare like with like.
fn sangong(a: &Report, b: &Report, relation: Relation, unit: MoneyUnit) -> Block {
    let mut block = Block {
        key: "sangong",
        title_zh: "“三公”经费",
        title_en: "The three public expenses",
        basis: None,
        lines: Vec::new(),
    };
    let (Some(ta), Some(tb)) = (a.table_for(TableRole::ThreePublic), b.table_for(TableRole::ThreePublic)) else {
        return block;
    };
    let col = |r: &Report, t: &Table| {
        let want = if r.kind == DocumentKind::Final { "决算数" } else { "预算数" };
        [want, "预算数", "决算数", "合计"].into_iter().find(|c| t.columns.iter().any(|x| x == c)).unwrap_or("决算数")
    };
    let (ca, cb) = (col(a, ta), col(b, tb));
    block.basis = Some(Basis {
        a_table: ta.id.code().into(),
        a_column: ca.into(),
        b_table: tb.id.code().into(),
        b_column: cb.into(),
    });
    for item in
        ["合计", "因公出国（境）费", "公务用车购置及运行维护费", "公务用车购置费", "公务用车运行维护费", "公务接待费"]
    {
        let side = |t: &Table, col: &str, doc: Doc| match t.row(item) {
            Some(row) => {
                let (c, v) = cited(t, row, col, doc, unit);
                (Some(c), v)
            }
            None => (None, None),
        };
        let (x, y) = (side(ta, ca, Doc::A), side(tb, cb, Doc::B));
        if x.0.is_some() || y.0.is_some() {
            block.lines.push(line(relation, item.to_string(), None, None, item.to_string(), x, y));
        }
    }
    block
}

/// Half a unit of the last digit printed, in `unit`: what rounding to that digit may move a
/// figure by.
fn half_digit(printed: Decimal, unit: MoneyUnit, to: MoneyUnit) -> Decimal {
    to_unit(Decimal::new(5, printed.scale() + 1), unit, to)
}

fn table_rounding(t: &Table, to: MoneyUnit) -> Decimal {
    match t.unit {
        MoneyUnit::Yuan => Decimal::ZERO,
        MoneyUnit::WanYuan => to_unit(Decimal::new(5, 3), MoneyUnit::WanYuan, to),
    }
}

fn mark(mut s: SentenceRef, doc: Doc, what: &str) -> SentenceRef {
    s = s.marking(what);
    s.doc = Some(doc);
    s
}

/// The same cell in the other report: same table, row (code or name) and column.
fn counterpart<'r>(r: &'r Report, c: &CellRef) -> Option<(&'r Table, &'r Row)> {
    let t = r.tables.iter().find(|t| t.id.code() == c.table)?;
    let row = t.row_by_code(&c.row).or_else(|| t.row(&c.row))?;
    Some((t, row))
}

/// Plan against actual: the 决算's stated 年初预算 (`X年初预算为A`) against the budget
/// document's own figure for X, and table 07's 预算数 against the budget's 三公 table.
fn plan_actual_checks(c: &mut Comparison, plan: &Report, actual: &Report) {
    let unit = c.unit;
    for bl in crate::check::budget_lines(actual) {
        let target = budget_figure(plan, &bl.name);
        let Some((t, row, col)) = target else { continue };
        let (cell_a, Some(v)) = cited(t, row, &col, Doc::A, unit) else { continue };
        c.checked += 1;
        let stated = to_unit(bl.initial, bl.unit, unit);
        let tol = half_digit(bl.initial, bl.unit, unit) + table_rounding(t, unit);
        if (stated - v).abs() <= tol {
            continue;
        }
        let Some((section, sentence)) =
            actual.narrative.iter().find_map(|s| s.sentences.iter().find(|x| x.at == bl.at).map(|x| (s, x)))
        else {
            continue;
        };
        let printed = plain::money(bl.initial);
        let sref = mark(sentence_ref(section, sentence), Doc::B, &printed);
        c.findings.push(
            Finding::about_cells(
                "C.budget",
                Severity::Error,
                (
                    format!("决算说明写{}年初预算为 {}，而预算文件印的是 {}（{}）。", bl.name, plain::money(stated), plain::money(v), plain::cell_zh(&cell_a)),
                    format!("The final accounts state an initial budget of {} for {}, but the budget document prints {} ({}).", plain::money(stated), bl.name, plain::money(v), plain::cell_en(&cell_a)),
                ),
                vec![cell_a],
                Some(v),
                Some(stated),
            )
            .citing(sref),
        );
    }
    // 07's 预算数 against the budget's own 三公 table
    let (Some(t7), Some(tp)) = (actual.table_for(TableRole::ThreePublic), plan.table_for(TableRole::ThreePublic))
    else {
        return;
    };
    if !t7.columns.iter().any(|x| x == "预算数") {
        return;
    }
    let Some(plan_col) = ["预算数", "合计"].into_iter().find(|c| tp.columns.iter().any(|x| x == c)) else {
        return;
    };
    for row in &t7.rows {
        let Some(prow) = tp.row(&row.name) else { continue };
        let (cb, Some(vb)) = cited(t7, row, "预算数", Doc::B, unit) else { continue };
        let (ca, Some(va)) = cited(tp, prow, plan_col, Doc::A, unit) else { continue };
        c.checked += 1;
        if (va - vb).abs() <= table_rounding(t7, unit) + table_rounding(tp, unit) {
            continue;
        }
        // a 决算's 预算数 may include adjustments made during the year: a warning
        c.findings.push(Finding::about_cells(
            "C.sangong",
            Severity::Warning,
            (
                format!("决算表 07“{}”的预算数 {} 与预算文件的 {} 不同（年中调整？）。", row.name, plain::money(vb), plain::money(va)),
                format!("Table 07's budget for {} in the final accounts, {}, differs from the budget document's {} (adjusted during the year?).", row.name, plain::money(vb), plain::money(va)),
            ),
            vec![ca, cb],
            Some(va),
            Some(vb),
        ));
    }
}

/// The budget document's figure for a name the 决算 states a 年初预算 of: the spending of
/// all appropriations (04/B04), the 一般公共预算 spending total, or a function class by its
/// standard name.
fn budget_figure<'r>(plan: &'r Report, name: &str) -> Option<(&'r Table, &'r Row, String)> {
    // all appropriations (`财政拨款支出年初预算`): the 财政拨款收支总表's spending
    if name.ends_with("财政拨款支出") && !name.contains("一般公共预算") {
        return find(plan, &[(TableRole::Appropriations, "本年支出合计", TOTAL)]);
    }
    let n = name.trim_end_matches("支出").trim_end_matches("财政拨款");
    if n == "一般公共预算" || name.contains("一般公共预算财政拨款") {
        let (t, col) = function_table(plan, TableRole::GeneralBudget)?;
        return t.row("合计").map(|r| (t, r, col.to_string()));
    }
    let class = name.strip_suffix("（类）").unwrap_or(name);
    let (code, _) = crate::reference::function_class_by_name(class)?;
    let (t, col) = function_table(plan, TableRole::GeneralBudget)?;
    t.row_by_code(code).map(|r| (t, r, col.to_string()))
}

/// A year-on-year change the later report states (`比上年增加 A`, `与2022年度相比，…减少
/// A`) whose subject is a cell of the later report's tables: checked against the earlier
/// report's own figure for that cell.
fn year_on_year_checks(c: &mut Comparison, earlier: &Report, later: &Report) {
    let unit = c.unit;
    let markers: Vec<String> = ["上年", "上一年", "去年"]
        .iter()
        .map(|s| s.to_string())
        .chain(earlier.year.map(|y| format!("{y}年")))
        .collect();
    let is_change = |x: &Stated| x.name.ends_with("增加") || x.name.ends_with("减少");
    let budgets = later.kind == DocumentKind::Budget;
    for section in &later.narrative {
        // the words naming the amounts of the section's previous sentence, last first
        let mut before: Vec<String> = Vec::new();
        for s in &section.sentences {
            let chars: Vec<char> = s.text.chars().filter(|c| !c.is_whitespace()).collect();
            let stated = amounts(&chars);
            for (k, a) in stated.iter().enumerate() {
                if !is_change(a) {
                    continue;
                }
                let up = a.name.ends_with("增加");
                // against last year, not against a budget: a year marker in the sentence
                // before the amount, and no 预算 since the previous amount
                let from = stated[..k].last().map_or(0, |p| p.end);
                let near: String = chars[from..a.start].iter().collect();
                let prefix: String = chars[..a.start].iter().collect();
                // `一般公共预算` names a fund, not a budget
                let near =
                    ["一般公共预算", "政府性基金预算", "国有资本经营预算"].iter().fold(near, |n, f| n.replace(f, ""));
                // two budgets: a change against last year's budget (`比上年预算增加`) is one, a
                // change against last year's spending (`比2025年执行数增加`) is not
                let other_base = if budgets {
                    ["执行", "决算", "实际", "年初"].iter().any(|w| near.contains(w))
                } else {
                    near.contains("预算")
                };
                if other_base || !markers.iter().any(|m| prefix.contains(m.as_str())) {
                    continue;
                }
                // an amount in brackets is about a part (`（技能鉴定中心…比上年增加51700元）`)
                let open = prefix.matches(['（', '(']).count();
                if open > prefix.matches(['）', ')']).count() {
                    continue;
                }
                // the subject: the clause's own words (`2023年本年收入比2022年增加`), else the
                // last amount before it that is not itself a change (in the sentence or the
                // section's previous one)
                let own = subject_of(&clause_before(&chars, a.start));
                let mut previous: Vec<String> = stated[..k]
                    .iter()
                    .rev()
                    .filter(|x| !is_change(x))
                    .map(|p| clause_before(&chars, p.start))
                    .collect();
                previous.extend(before.iter().cloned());
                // a clause with a subject of its own is about that subject alone
                let target = match own {
                    Some(n) => subject_cell(later, section, &n),
                    // the nearest amount before it that names a cell (`因公出国（境）费预算为0元，
                    // 支出决算为0元；比2022年度减少60540元`)
                    None => previous.iter().find_map(|p| subject_cell(later, section, &subject_of(p)?)),
                };
                let Some(cell_b) = target else { continue };
                let Some((tb, rb)) = counterpart(later, &cell_b) else { continue };
                let Some((ta, ra)) = counterpart(earlier, &cell_b) else { continue };
                let (cb, Some(vb)) = cited(tb, rb, &cell_b.column, Doc::B, unit) else { continue };
                let (ca, Some(va)) = cited(ta, ra, &cell_b.column, Doc::A, unit) else { continue };
                c.checked += 1;
                let change = to_unit(a.value, a.unit, unit);
                let stated_change = if up { change } else { -change };
                let expected = vb - va;
                let tol = half_digit(a.value, a.unit, unit) + table_rounding(ta, unit) + table_rounding(tb, unit);
                if (expected - stated_change).abs() <= tol {
                    continue;
                }
                let sref = mark(sentence_ref(section, s), Doc::B, &a.printed);
                let word = |v: Decimal| {
                    if v.is_zero() {
                        "没有变化".to_string()
                    } else if v.is_sign_negative() {
                        format!("减少 {}", plain::money(-v))
                    } else {
                        format!("增加 {}", plain::money(v))
                    }
                };
                let word_en = |v: Decimal| {
                    if v.is_zero() {
                        "no change".to_string()
                    } else if v.is_sign_negative() {
                        format!("a decrease of {}", plain::money(-v))
                    } else {
                        format!("an increase of {}", plain::money(v))
                    }
                };
                c.findings.push(
                    Finding::about_cells(
                        "C.change",
                        Severity::Error,
                        (
                            format!(
                                "按上年报告，{}应为{}（{} − 上年的 {}），报告写{}。",
                                plain::cell_zh(&cb),
                                word(expected),
                                plain::money(vb),
                                plain::money(va),
                                word(stated_change)
                            ),
                            format!(
                                "Against the previous year's own report, {} should show {} ({} − {}); the report states {}.",
                                plain::cell_en(&cb),
                                word_en(expected),
                                plain::money(vb),
                                plain::money(va),
                                word_en(stated_change)
                            ),
                        ),
                        vec![ca, cb],
                        Some(expected),
                        Some(stated_change),
                    )
                    .citing(sref),
                );
            }
            let named: Vec<String> =
                stated.iter().rev().filter(|x| !is_change(x)).map(|p| clause_before(&chars, p.start)).collect();
            if !named.is_empty() {
                before = named;
            }
        }
    }
}

/// The cell of the later report a change is about: a standard narrative name, an item of
/// table 07 (in a 三公 sentence or section), or an economic class of 06 by its name.
fn subject_cell(r: &Report, section: &crate::model::Section, name: &str) -> Option<CellRef> {
    if name.is_empty() {
        return None;
    }
    let budget = r.kind == DocumentKind::Budget;
    let joined = name.replace("收入、支出总计", "收入支出总计").replace("收、支总计", "收入支出总计");
    if budget {
        if let Some((_, (c, _))) = budget_cells(r, section, name).into_iter().next() {
            return Some(c);
        }
    } else if let Some((_, (c, _))) = standard_cell(r, section, &joined) {
        return Some(c);
    }
    if name.contains("三公") || section.title.contains("三公") {
        // a 决算's 07 决算数, a budget's B07 预算数
        let (t, col) =
            if budget { (r.table(TableId::B07)?, "预算数") } else { (r.table(TableId::T07)?, "决算数") };
        let item =
            ["公务用车购置及运行维护费", "因公出国（境）费", "公务用车购置费", "公务用车运行维护费", "公务接待费"]
                .into_iter()
                .find(|i| name.contains(i))
                .or_else(|| name.contains("三公").then_some("合计"))?;
        return t.row(item).map(|row| cell(t, row, col).0);
    }
    if budget {
        return None;
    }
    let at = |id: TableId, row: &Row, col: &str| r.table(id).map(|t| cell(t, row, col).0);
    if let Some(t) = r.table(TableId::T06) {
        let n = name.trim_end_matches("支出").to_string() + "支出";
        if let Some(row) = t.rows.iter().find(|x| x.code.is_some() && (x.name == name || x.name == n)) {
            let col = if t.columns.iter().any(|c| c == "决算数") { "决算数" } else { "合计" };
            return at(TableId::T06, row, col);
        }
    }
    None
}

/// What a change clause is about: `一是2023年本年收入比2022年增加` → `本年收入`,
/// `收、支总计各增加` → `收、支总计`; `None` when nothing is left.
fn subject_of(clause: &str) -> Option<String> {
    let mut s = clause.to_string();
    for end in ["净增加", "增加", "减少", "支出决算为", "决算为", "为", "各"] {
        if let Some(x) = s.strip_suffix(end) {
            s = x.to_string();
        }
    }
    // `与上年相比收、支预算总计各增加`: the subject after `相比`; `X与上年相比增加`: before `与`
    if let Some(p) = s.find("相比") {
        let after = s[p + "相比".len()..].to_string();
        s.truncate(p);
        match s.rfind(['与', '和', '同']) {
            _ if !after.is_empty() => s = after,
            Some(q) => s.truncate(q),
            None => {}
        }
    }
    for cut in ["比", "较"] {
        if let Some(p) = s.rfind(cut) {
            s.truncate(p);
        }
    }
    let s = crate::text::strip_ordinal(&s);
    // `一是`, `二是`: an enumeration, not part of the name (`一般…` keeps its 一)
    let numerals = s.chars().take_while(|c| "一二三四五六七八九十".contains(*c)).count();
    let s = match s.chars().nth(numerals) {
        Some('是') if numerals > 0 => &s[numerals * '一'.len_utf8() + '是'.len_utf8()..],
        _ => s,
    };
    // a leading year: `2023年`, `2023年度`
    let digits = s.bytes().take_while(|b| b.is_ascii_digit()).count();
    let s = if digits == 4 { s[4..].trim_start_matches("年度").trim_start_matches('年') } else { s };
    let s = s.trim_start_matches("本部门").trim_end_matches("各").trim_end_matches("决算数").trim_end_matches("决算");
    (!s.is_empty()).then(|| s.to_string())
}
