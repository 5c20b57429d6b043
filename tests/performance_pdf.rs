//! The 项目支出绩效自评表 of a ruled PDF (国家信访局 2024 部门决算, four tables continued over
//! page breaks, 一级/二级 cells merged over many rows): every hand-read P fact of
//! `tests/goldens/final_facts.tsv` against the facts export, and no `P.` errors in the
//! audit. Read from `../shared/`; skipped (or failed under `CI=true`) when it is missing.

mod common;

use juesuan::model::{Read, Report, Severity};

const FILE: &str = "corpus/central_xinfang_2024_final.pdf";
const GOLDEN: &str = include_str!("goldens/final_facts.tsv");

/// One golden fact: (table, row_code, row_name, column, value, note); an empty value is a
/// cell printed blank, which has no fact.
struct Golden<'a> {
    page: &'a str,
    table: &'a str,
    row_code: &'a str,
    row_name: &'a str,
    column: &'a str,
    value: &'a str,
    note: &'a str,
}

/// The golden P facts of `FILE`, by the TSV's header.
fn goldens() -> Vec<Golden<'static>> {
    let mut lines = GOLDEN.lines();
    let header: Vec<&str> = lines.next().expect("a header").split('\t').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap_or_else(|| panic!("no column {name}"));
    let (file, page, table, code, name, column, value, note) = (
        col("file"),
        col("page"),
        col("table"),
        col("row_code"),
        col("row_name"),
        col("column"),
        col("value"),
        col("note"),
    );
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split('\t').collect::<Vec<&str>>())
        .filter(|f| f.get(file) == Some(&FILE) && f.get(table).is_some_and(|t| t.starts_with('P')))
        .map(|f| {
            let get = |i: usize| f.get(i).copied().unwrap_or("");
            Golden {
                page: get(page),
                table: get(table),
                row_code: get(code),
                row_name: get(name),
                column: get(column),
                value: get(value),
                note: get(note),
            }
        })
        .collect()
}

fn report() -> Option<Report> {
    let bytes = common::shared(FILE)?;
    Some(juesuan::parse(&bytes).expect("the PDF parses"))
}

#[test]
fn every_golden_p_fact() {
    let Some(r) = report() else { return };
    let facts = juesuan::export::facts(&r);
    let golden = goldens();
    assert!(golden.len() >= 80, "the golden P facts of {FILE}: {}", golden.len());
    let mut wrong = Vec::new();
    for g in &golden {
        let found: Vec<&str> = facts
            .iter()
            .filter(|f| {
                f.table == g.table && f.row_code == g.row_code && f.row_name == g.row_name && f.column == g.column
            })
            .map(|f| f.value.as_str())
            .collect();
        let ok = if g.value.is_empty() { found.is_empty() } else { found == [g.value] };
        if !ok {
            wrong.push(format!(
                "p{} {} {} {} {}: want {:?}, got {found:?} ({})",
                g.page, g.table, g.row_code, g.row_name, g.column, g.value, g.note
            ));
        }
    }
    assert!(wrong.is_empty(), "{} of {} golden P facts wrong:\n{}", wrong.len(), golden.len(), wrong.join("\n"));
}

#[test]
fn four_tables_read_from_their_grids() {
    let Some(r) = report() else { return };
    assert_eq!(r.performance.len(), 4);
    for p in &r.performance {
        let names: Vec<&str> = p.funds.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["年度资金总额", "当年财政拨款", "上年结转资金", "其他资金"], "{}", p.id);
        for f in &p.funds {
            assert!(f.cells.iter().all(|c| c.read == Read::Grid), "{} {}: {:?}", p.id, f.name, f.cells);
        }
        assert!(!p.goal_expected.is_empty() && !p.goal_actual.is_empty(), "{}: the goals", p.id);
        assert!(p.indicators.iter().all(|i| !i.level1.is_empty() && !i.level2.is_empty()), "{}", p.id);
        assert_eq!(p.department, "[292]国家信访局", "{}", p.id);
    }
    let counts: Vec<usize> = r.performance.iter().map(|p| p.indicators.len()).collect();
    assert_eq!(counts, [10, 10, 9, 8]);
    let perf_diags: Vec<_> = r.diagnostics.iter().filter(|d| d.code.starts_with("performance.")).collect();
    assert!(perf_diags.is_empty(), "{perf_diags:#?}");
}

#[test]
fn no_performance_errors_in_the_audit() {
    let Some(r) = report() else { return };
    let audit = juesuan::check::check(&r);
    let errors: Vec<String> = audit
        .findings
        .iter()
        .filter(|f| f.rule.starts_with("P.") && f.severity == Severity::Error)
        .map(|f| format!("{} {}", f.rule, f.message_zh))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}
