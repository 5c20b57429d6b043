//! The audit on real documents: which rules ran and passed (no false alarms), the real
//! inconsistencies each fixture has (found by the general rules), and recall by mutation —
//! one changed cell or sentence per rule family makes the right rule fire at the right cell.

mod common;

use common::{d, ningxia, putuo};
use juesuan::check::{check, Audit, Finding};
use juesuan::model::{Report, Severity, TableId};

fn errors(a: &Audit) -> Vec<&Finding> {
    a.findings.iter().filter(|f| f.severity == Severity::Error).collect()
}

/// Rules that ran at least once and found nothing.
fn passed(a: &Audit) -> Vec<&'static str> {
    a.runs.iter().filter(|r| r.checked > 0 && r.findings == 0).map(|r| r.rule).collect()
}

#[test]
fn pdf_fixture_has_no_errors_and_these_rules_pass() {
    let Some(pdf) = putuo() else { return };
    let a = check(pdf);
    assert!(errors(&a).is_empty(), "{:#?}", errors(&a));
    let ok = passed(&a);
    for rule in [
        "T01.income_total",
        "T01.income_grand",
        "T01.spend_total",
        "T01.spend_grand",
        "T01.balance",
        "T04.income_total",
        "T04.income_grand",
        "T04.row",
        "T04.spend_total",
        "T04.spend_grand",
        "T04.balance",
        "CODED.row",
        "CODED.column",
        "T06.groups",
        "X.01_02",
        "X.01_03",
        "X.04_05",
        "X.02_03_codes",
        "N.amount",
        "S.tables",
        "TXT.placeholder",
    ] {
        assert!(ok.contains(&rule), "{rule} should run and pass: {:?}", a.run(rule));
    }
    // the document's own slips, reported as what they are
    let found: Vec<(&str, Severity)> = a.findings.iter().map(|f| (f.rule, f.severity)).collect();
    assert!(found.contains(&("N.completion", Severity::Warning)), "完成年初预算 of a zero 年初预算");
    assert!(found.contains(&("N.share", Severity::Info)), "29.42 ÷ 307.82 = 9.56 %, printed 9.55 %");
    assert!(found.contains(&("CODED.hierarchy", Severity::Info)), "06: 302 = 10.23, its items 10.22");
    assert!(found.contains(&("X.05_06", Severity::Info)), "05 基本支出 105.58 vs 06 95.36 + 10.23");
}

#[test]
fn text_fixture_errors_are_its_real_inconsistencies() {
    let a = check(ningxia());
    let errs: Vec<(&str, String)> = errors(&a)
        .iter()
        .map(|f| (f.rule, format!("{} {} {}", f.cells[0].table, f.cells[0].row, f.cells[0].column)))
        .collect();
    // table 09 prints 2230105 国有企业退休人员社会化管理补助支出 350000.00 but leaves its 合计 row blank
    assert_eq!(
        errs,
        [
            ("CODED.column", "09 合计 本年支出合计".to_string()),
            ("CODED.column", "09 合计 项目支出".to_string()),
            ("X.04_08_09", "04 本年支出合计 国有资本经营预算财政拨款".to_string()),
        ]
    );
    let ok = passed(&a);
    for rule in [
        "T01.income_total",
        "T01.balance",
        "T04.row",
        "CODED.row",
        "T06.groups",
        "T07.parts",
        "X.01_03",
        "X.05_06",
        "N.amount",
        "N.change",
        "N.completion",
        "P.weights",
        "P.score_le_weight",
        "P.rate",
    ] {
        assert!(ok.contains(&rule), "{rule} should run and pass: {:?}", a.run(rule));
    }
    assert!(a
        .findings
        .iter()
        .any(|f| f.rule == "TXT.placeholder" && f.sentence.as_ref().is_some_and(|s| s.text.contains("〔〕号"))));
}

/// Sets one cell of a table (by row code or name) and returns the audit.
fn mutate_cell(mut r: Report, id: TableId, row: &str, column: &str, value: &str) -> Audit {
    let t = r.tables.iter_mut().find(|t| t.id == id).unwrap();
    let row =
        t.rows.iter_mut().find(|x| x.code.as_ref().map(|c| c.code.as_str()) == Some(row) || x.name == row).unwrap();
    match row.cells.iter_mut().find(|c| c.column == column) {
        Some(c) => c.value = d(value),
        None => row.cells.push(juesuan::model::Cell::new(column, d(value), juesuan::model::Read::Placed)),
    }
    check(&r)
}

fn fires(a: &Audit, rule: &str, table: &str, row: &str, column: &str) -> bool {
    a.findings.iter().any(|f| {
        f.rule == rule
            && f.severity == Severity::Error
            && f.cells.iter().any(|c| c.table == table && c.row == row && c.column == column)
    })
}

#[test]
fn mutated_cells_fire_the_right_rule_at_the_right_cell() {
    // the text cases run without ../shared, the PDF ones only with it
    let (pdf, text) = (putuo(), Some(ningxia()));
    let cases: [(Option<&Report>, TableId, &str, &str, &str, &str); 12] = [
        (pdf, TableId::T01, "221", "决算数", "29.52", "T01.spend_total"),
        (pdf, TableId::T01, "一般公共预算财政拨款收入", "决算数", "300.00", "T01.income_total"),
        (pdf, TableId::T02, "2210201", "财政拨款收入", "17.90", "CODED.row"),
        (pdf, TableId::T03, "2013901", "基本支出", "50.32", "CODED.hierarchy"),
        (pdf, TableId::T03, "201", "项目支出", "203.24", "CODED.column"),
        (pdf, TableId::T04, "210", "一般公共预算财政拨款", "3.71", "T04.row"),
        (pdf, TableId::T05, "合计", "基本支出", "106.58", "X.05_06"),
        (pdf, TableId::T06, "30101", "决算数", "15.12", "CODED.hierarchy"),
        (pdf, TableId::T06, "人员经费合计", "决算数", "96.36", "T06.groups"),
        (text, TableId::T07, "公务接待费", "决算数", "99999.00", "T07.parts"),
        (text, TableId::T08, "合计", "本年支出合计", "1.00", "CODED.column"),
        (text, TableId::T03, "合计", "本年支出合计", "1.00", "X.01_03"),
    ];
    for (report, id, row, column, value, rule) in cases {
        let Some(report) = report else { continue };
        let a = mutate_cell(report.clone(), id, row, column, value);
        assert!(fires(&a, rule, id.code(), row, column), "{rule} at {id:?} {row} {column}: {:#?}", errors(&a));
    }
}

/// Replaces text in the sentence containing `needle` and returns the audit.
fn mutate_sentence(mut r: Report, needle: &str, with: &str) -> Audit {
    let s = r.narrative.iter_mut().flat_map(|s| s.sentences.iter_mut()).find(|s| s.text.contains(needle)).unwrap();
    s.text = s.text.replace(needle, with);
    check(&r)
}

#[test]
fn mutated_sentences_fire_narrative_rules() {
    let (pdf, text) = (putuo(), Some(ningxia()));
    for (report, needle, with, rule) in [
        (pdf, "基本支出105.58万元", "基本支出106.58万元", "N.amount"),
        (pdf, "占34.30%", "占36.30%", "N.share"),
        (pdf, "完成全年预算数的98.69%", "完成全年预算数的97.69%", "N.completion"),
        (text, "增长47.18%", "增长57.18%", "N.change"),
    ] {
        let Some(report) = report else { continue };
        let a = mutate_sentence(report.clone(), needle, with);
        let hit = a.findings.iter().find(|f| f.rule == rule && f.severity == Severity::Error);
        let hit = hit.unwrap_or_else(|| panic!("{rule} for '{with}': {:#?}", a.findings));
        assert!(hit.sentence.as_ref().unwrap().text.contains(with), "cites the sentence");
    }
    let Some(pdf) = pdf else { return };
    let a = mutate_sentence(pdf.clone(), "本年收入合计307.82万元", "本年收入合计XX万元");
    assert!(a.findings.iter().any(|f| f.rule == "TXT.placeholder"));
    let a = mutate_sentence(pdf.clone(), "其中：", "其中：：");
    assert!(a.findings.iter().any(|f| f.rule == "TXT.punctuation"));
}

#[test]
fn mutated_performance_tables_fire_their_rules() {
    let text = ningxia();
    let mut r = text.clone();
    let p = &mut r.performance[0];
    let w = p.indicators[0].weight.unwrap();
    p.indicators[0].score = Some(w + d("1"));
    let a = check(&r);
    for rule in ["P.score_le_weight", "P.total"] {
        assert!(
            a.findings.iter().any(|f| f.rule == rule && f.cells[0].table == "P01" && f.severity == Severity::Error),
            "{rule}"
        );
    }
    let mut r = text.clone();
    r.performance[1].indicators[0].weight = Some(d("50"));
    assert!(check(&r).findings.iter().any(|f| f.rule == "P.weights" && f.cells[0].table == "P02"));
    let mut r = text.clone();
    let funds = r.performance[2].funds.iter_mut().find(|f| f.name == "年度资金总额").unwrap();
    funds.cells.iter_mut().find(|c| c.column == "执行率").unwrap().value = d("50.00");
    assert!(check(&r).findings.iter().any(|f| f.rule == "P.rate" && f.cells[0].table == "P03"));
}

#[test]
fn catalogue_ids_are_unique_and_every_finding_names_one() {
    let ids: std::collections::HashSet<&str> = juesuan::check::RULES.iter().map(|r| r.id).collect();
    assert_eq!(ids.len(), juesuan::check::RULES.len());
    let reports = [Some(ningxia()), putuo()];
    for f in reports.into_iter().flatten().flat_map(|r| check(r).findings) {
        assert!(ids.contains(f.rule), "{}", f.rule);
        assert!(!f.message_zh.is_empty() && !f.message_en.is_empty());
    }
}
