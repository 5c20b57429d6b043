//! Two reports side by side (`juesuan::compare`): the pairing, the per-class lines and the
//! cross-checks, on the Ningxia sample, copies of it with one figure or the year changed,
//! and the central ministry's 2024 决算 with its 2026 预算.

mod common;

use common::d;
use juesuan::check::Doc;
use juesuan::compare::{compare, Comparison, Relation};
use juesuan::model::Report;

const SEED: &str = include_str!("fixtures/ningxia_hrss_2023.txt");

fn parse(text: &str) -> Report {
    juesuan::parse(text.as_bytes()).expect("readable")
}

/// The sample as if it were the year before: every year one less (2023 → 2022, 2022 →
/// 2021, …), every amount as printed.
fn year_before(text: &str) -> String {
    let mut t = text.to_string();
    for y in 2018..=2023 {
        t = t.replace(&y.to_string(), &format!("#{}", y - 1));
    }
    t.replace('#', "")
}

/// `text` with the first `old` after the line naming `title` replaced by `new`.
fn replace_in_table(text: &str, title: &str, old: &str, new: &str) -> String {
    let from = text.find(title).expect("title printed");
    let at = from + text[from..].find(old).expect("amount printed in the table");
    format!("{}{new}{}", &text[..at], &text[at + old.len()..])
}

fn changed(c: &Comparison, block: &str) -> Vec<String> {
    c.block(block)
        .unwrap()
        .lines
        .iter()
        .filter(|l| l.difference.is_some_and(|x| !x.is_zero()))
        .map(|l| l.key.clone())
        .collect()
}

#[test]
fn a_report_compared_with_itself_shows_no_change() {
    let r = common::ningxia();
    let c = compare(r, r);
    assert_eq!(c.relation, Relation::Other, "the same year twice is neither plan/actual nor year on year");
    assert!(c.same_department);
    assert!(c.findings.is_empty() && c.checked == 0);
    assert!(!c.notes.is_empty(), "says why no cross-check was made");
    // the lines carry the sample's own figures (表 05: 208 社会保障和就业支出 380,428,984.11)
    let f = c.block("function").unwrap();
    let l208 = f.lines.iter().find(|l| l.key == "208").unwrap();
    assert_eq!((l208.a, l208.b), (Some(d("380428984.11")), Some(d("380428984.11"))));
    assert_eq!(l208.name, "社会保障和就业支出");
    let spent = c.block("totals").unwrap().lines.iter().find(|l| l.key == "本年支出合计").unwrap();
    assert_eq!(spent.b, Some(d("408982201.79")));
    for block in ["totals", "function", "economic", "sangong"] {
        let b = c.block(block).unwrap();
        assert!(!b.lines.is_empty(), "{block} has lines");
        assert!(changed(&c, block).is_empty(), "{block}: no change");
        for l in &b.lines {
            if l.a.is_some_and(|a| !a.is_zero()) {
                assert_eq!(l.rate, Some(d("0.00")), "{block} {}: change 0 %", l.key);
            }
        }
    }
}

#[test]
fn a_mutated_copy_shows_the_changed_class_and_only_it() {
    // 2080101 行政运行 in 表 05: 39,576,422.03 → 39,576,522.03
    let text = replace_in_table(SEED, "一般公共预算财政拨款支出决算表", "39,576,422.03", "39,576,522.03");
    let (a, b) = (common::ningxia(), parse(&text));
    let c = compare(a, &b);
    // the 项 changed, and the 款 and 类 the sample does not print in 05 (their sums: no cell)
    assert_eq!(changed(&c, "function"), ["208", "20801", "2080101"]);
    for key in ["208", "20801"] {
        let l = c.block("function").unwrap().lines.iter().find(|l| l.key == key).unwrap();
        assert!(l.cells.is_empty() && l.difference == Some(d("100.00")), "{key}: a derived sum");
    }
    let l = c.block("function").unwrap().lines.iter().find(|l| l.key == "2080101").unwrap();
    assert_eq!(l.difference, Some(d("100.00")));
    assert_eq!(l.name, "行政运行");
    assert_eq!(l.cells.len(), 2);
    assert_eq!((l.cells[0].doc, l.cells[1].doc), (Some(Doc::A), Some(Doc::B)));
    assert!(changed(&c, "totals").is_empty() && changed(&c, "sangong").is_empty());

    // its paired chart: 类 → 款 → 项, the two reports as the two series
    let charts = juesuan::view::compare_charts(&c);
    let kinds: Vec<&str> = charts.iter().map(|x| x.kind.as_str()).collect();
    assert_eq!(kinds, juesuan::view::COMPARE_KINDS);
    let f = charts.iter().find(|x| x.kind == "compare-function").unwrap();
    assert_eq!(f.series.len(), 2);
    let i208 = f.items.iter().find(|i| i.key == "208").unwrap();
    let i20801 = i208.children.iter().find(|i| i.key == "20801").unwrap();
    let leaf = i20801.children.iter().find(|i| i.key == "2080101").unwrap();
    assert_eq!(leaf.values, [Some(d("39576422.03")), Some(d("39576522.03"))]);
    assert!(f.items.iter().all(|i| i.code.as_ref().is_some_and(|c| c.len() == 3)), "only 类 at the top");
    let opts = juesuan::view::DrawOptions { path: vec!["208".into(), "20801".into()], ..Default::default() };
    let svg = juesuan::view::svg(f, &opts).unwrap();
    assert!(svg.contains("行政运行"), "the drilled level is drawn");
    let s = charts.iter().find(|x| x.kind == "compare-sangong").unwrap();
    let cars = s.items.iter().find(|i| i.key == "公务用车购置及运行维护费").unwrap();
    assert_eq!(cars.children.len(), 2, "购置费 and 运行维护费 under their sum");
}

#[test]
fn consecutive_years_check_the_later_reports_changes_against_the_earlier_report() {
    let later = common::ningxia();
    // the earlier year's report printing the same figures: every change the 2023 report
    // states against 2022 is then wrong
    let earlier = parse(&year_before(SEED));
    assert_eq!(earlier.year, Some(2022));
    let c = compare(later, &earlier);
    assert_eq!(c.relation, Relation::YearOnYear);
    assert!(c.swapped, "the earlier report is `a` whatever the order given");
    assert_eq!((c.a.year, c.b.year), (Some(2022), Some(2023)));
    // 一般公共预算财政拨款支出 (表 05 合计) "与2022年度相比…增加50,719,683.61元"
    let is_05 = |f: &&juesuan::check::Finding| f.rule == "C.change" && f.cells.iter().any(|x| x.table == "05");
    let f05 = c.findings.iter().find(is_05).expect("the 05 change is checked");
    assert!(f05.is_error());
    assert_eq!(f05.actual, Some(d("50719683.61")));
    assert_eq!(f05.expected, Some(d("0.00")));
    assert_eq!(f05.cells.iter().map(|x| x.doc).collect::<Vec<_>>(), [Some(Doc::A), Some(Doc::B)]);
    let s = f05.sentence.as_ref().unwrap();
    assert_eq!(s.doc, Some(Doc::B));
    assert_eq!(s.highlight.as_deref(), Some("50,719,683.61"));
    // the 三公 total (表 07 合计 决算数): "比2022年度减少180523.63元"
    assert!(c
        .findings
        .iter()
        .any(|f| f.cells.iter().any(|x| x.table == "07" && x.row == "合计") && f.actual == Some(d("-180523.63"))));
    // an amount in brackets is about a part, not the item (技能鉴定中心…比上年增加51700元)
    assert!(!c.findings.iter().any(|f| f.actual == Some(d("51700"))));
    let errors = c.errors();

    // the earlier report printing what 2023's sentence implies: 403,923,024.99 − 50,719,683.61
    let fixed =
        replace_in_table(&year_before(SEED), "一般公共预算财政拨款支出决算表", "403,923,024.99", "353,203,341.38");
    let c2 = compare(&parse(&fixed), later);
    assert!(!c2.swapped);
    assert!(!c2.findings.iter().any(|f| is_05(&f)), "the 05 change agrees with the earlier report");
    assert_eq!(c2.errors(), errors - 1);
    let l = c2.block("totals").unwrap().lines.iter().find(|l| l.key == "一般公共预算财政拨款支出").unwrap();
    assert_eq!(l.difference, Some(d("50719683.61")));
    assert_eq!(l.rate, Some(d("14.36")), "the rate the report prints: 增长14.36%");
}

#[test]
fn other_departments_compare_per_class_without_cross_checks() {
    let Some(final_2024) = common::shared("corpus/central_xinfang_2024_final.pdf") else { return };
    let Some(budget_2026) = common::shared("corpus/central_xinfang_2026_budget.pdf") else { return };
    let (f, b) = (juesuan::parse(&final_2024).unwrap(), juesuan::parse(&budget_2026).unwrap());
    let c = compare(&f, &b);
    if b.department.is_some() {
        assert!(c.same_department, "{:?} / {:?}", c.a.department, c.b.department);
    }
    assert_eq!(c.relation, Relation::Other, "2024 决算 and 2026 预算: no cross-year checks");
    assert!(c.findings.is_empty() && c.checked == 0 && !c.notes.is_empty());
    // per class: 05 against the budget's B05; 201 一般公共服务支出 9,846.82 and 13,144.37 万元
    let block = c.block("function").unwrap();
    let basis = block.basis.as_ref().unwrap();
    assert_eq!((basis.a_table.as_str(), basis.b_table.as_str()), ("05", "B05"));
    let l201 = block.lines.iter().find(|l| l.key == "201").unwrap();
    assert_eq!((l201.a, l201.b), (Some(d("9846.82")), Some(d("13144.37"))));
    // another department: per class only
    let c = compare(common::ningxia(), &f);
    assert!(!c.same_department);
    assert_eq!(c.relation, Relation::Other);
    assert!(c.findings.is_empty());
    let l = c.block("function").unwrap().lines.iter().find(|l| l.key == "208").unwrap();
    assert_eq!(l.a, Some(d("380428984.11")));
}

/// Plan against actual: the corpus has no budget and final accounts of one year, so the
/// central ministry's 2026 budget stands in for its 2024 one (its year set to 2024). The
/// 2024 决算's stated 年初预算 figures are then checked against that budget's own (the 财政拨款
/// total of B04: 15,068.55 stated, 18,728.94 printed): they
/// differ, and each finding cites the budget's cell (a) and the 决算's sentence (b); with
/// B05 printing what the 决算 states, they agree.
#[test]
fn plan_and_actual_check_the_stated_initial_budget_against_the_budget_document() {
    let Some(final_2024) = common::shared("corpus/central_xinfang_2024_final.pdf") else { return };
    let Some(budget_2026) = common::shared("corpus/central_xinfang_2026_budget.pdf") else { return };
    let actual = juesuan::parse(&final_2024).unwrap();
    let mut plan = juesuan::parse(&budget_2026).unwrap();
    if plan.department.is_none() {
        plan.department = actual.department.clone();
    }
    plan.year = Some(2024);
    let c = compare(&actual, &plan);
    assert_eq!(c.relation, Relation::PlanActual);
    assert!(c.swapped, "the budget is `a`");
    let l = c.block("function").unwrap().lines.iter().find(|l| l.key == "201").unwrap();
    assert!(l.rate.is_some(), "an execution rate per class");
    let stated = juesuan::check::budget_lines(&actual);
    assert!(!stated.is_empty());
    let budget_findings: Vec<_> = c.findings.iter().filter(|f| f.rule == "C.budget").collect();
    assert!(!budget_findings.is_empty(), "{:#?}", c.findings);
    for f in &budget_findings {
        assert_eq!(f.cells[0].doc, Some(Doc::A));
        assert!(f.cells[0].table.starts_with('B'), "a cell of the budget's tables: {:?}", f.cells[0]);
        assert_eq!(f.sentence.as_ref().unwrap().doc, Some(Doc::B));
    }
    // the budget printing what the 决算 states: every such check agrees
    for f in &budget_findings {
        let cell = &f.cells[0];
        let t = plan.tables.iter_mut().find(|t| t.id.code() == cell.table).unwrap();
        let row =
            t.rows.iter_mut().find(|r| r.code.as_ref().map_or(r.name == cell.row, |c| c.code == cell.row)).unwrap();
        let v = row.cells.iter_mut().find(|x| x.column == cell.column).unwrap();
        v.value = f.actual.unwrap();
    }
    let c2 = compare(&actual, &plan);
    assert!(!c2.findings.iter().any(|f| f.rule == "C.budget"), "{:#?}", c2.findings);
    assert_eq!(c2.checked, c.checked);
}

/// Sets one printed cell of a report's table.
fn set(r: &mut Report, id: juesuan::model::TableId, row: &str, column: &str, value: &str) {
    let t = r.tables.iter_mut().find(|t| t.id == id).expect("the table");
    let row = t.rows.iter_mut().find(|x| x.name == row).expect("the row");
    row.cells.iter_mut().find(|c| c.column == column).expect("a printed cell").value = d(value);
}

#[test]
fn two_budgets_of_consecutive_years_check_the_later_ones_changes() {
    use juesuan::model::TableId;
    // 苏州市审计局 2026 部门预算 (pdftotext -layout): `收入、支出预算总计 4,651.67 万元，与上年
    // 相比收、支预算总计各增加 47.15 万元` and `（1）一般公共预算拨款收入 4,651.67 万元，与上年
    // 相比增加 47.15 万元`; the year before is built from it: 2025, its 收入总计 and
    // 一般公共预算拨款收入 as the changes say (4,604.52), or the latter not
    let Some(bytes) = common::shared("corpus/suzhou_audit_2026_budget.pdf") else { return };
    let later = juesuan::parse(&bytes).expect("readable");
    let earlier_with = |income: &str| {
        let mut e = later.clone();
        e.year = Some(2025);
        for row in ["收入总计", "支出总计", "本年收入合计", "本年支出合计"] {
            set(&mut e, TableId::B01, row, "预算数", "4604.52");
        }
        set(&mut e, TableId::B01, "一般公共预算拨款收入", "预算数", income);
        e
    };
    let about = |c: &Comparison, row: &str| -> Vec<juesuan::check::Finding> {
        let cites = |f: &juesuan::check::Finding| f.cells.iter().any(|x| x.table == "B01" && x.row == row);
        c.findings.iter().filter(|f| f.rule == "C.change" && cites(f)).cloned().collect()
    };
    let c = compare(&earlier_with("4604.52"), &later);
    assert_eq!(c.relation, Relation::YearOnYear);
    assert!(!c.swapped && c.checked >= 10, "checked {}", c.checked);
    for row in ["收入总计", "一般公共预算拨款收入"] {
        assert!(about(&c, row).is_empty(), "{row}: {:#?}", about(&c, row));
    }
    // what the copy left as it was is blamed: 一般公共服务支出（类） `与上年相比减少17.08万元`
    // while B03 201 is 2,906.63 in both
    let class = c.findings.iter().find(|f| f.cells.iter().any(|x| x.table == "B03" && x.row == "201"));
    assert_eq!(class.map(|f| (f.expected, f.actual)), Some((Some(d("0")), Some(d("-17.08")))));
    // the earlier budget's own figure differs: 4,651.67 − 4,600.00 = 51.67, not 47.15
    let c = compare(&later, &earlier_with("4600.00"));
    assert!(c.swapped, "a is the earlier year whatever the order");
    let f = about(&c, "一般公共预算拨款收入");
    assert_eq!(f.len(), 1, "{f:#?}");
    let f = &f[0];
    assert!(f.is_error());
    assert_eq!((f.expected, f.actual), (Some(d("51.67")), Some(d("47.15"))));
    let cited = |doc: Doc, v: &str| {
        f.cells
            .iter()
            .any(|x| x.doc == Some(doc) && x.table == "B01" && x.row == "一般公共预算拨款收入" && x.value == Some(d(v)))
    };
    assert!(cited(Doc::A, "4600.00") && cited(Doc::B, "4651.67"), "{:#?}", f.cells);
    let s = f.sentence.as_ref().expect("the sentence");
    assert_eq!(s.doc, Some(Doc::B));
    assert!(s.text.contains("一般公共预算拨款收入") && s.highlight.as_deref() == Some("47.15"), "{s:#?}");
}
