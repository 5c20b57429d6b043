//! The audit on real documents: which rules ran and passed (no false alarms), the real
//! inconsistencies each fixture has (found by the general rules), and recall by mutation —
//! one changed cell or sentence per rule family makes the right rule fire at the right cell.

mod common;

use common::{d, ningxia, putuo};
use juesuan::check::{check, Audit, Finding, Group};
use juesuan::model::{Report, Severity, TableId};

/// The document's own errors.
fn errors(a: &Audit) -> Vec<&Finding> {
    a.findings.iter().filter(|f| f.is_error()).collect()
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
    // each checked by hand against the text (tests/goldens/audit_findings.md)
    let errs: Vec<(&str, String)> = errors(&a).iter().map(|f| (f.rule, key(f))).collect();
    assert_eq!(
        errs,
        [
            // table 09 prints 2230105 … 350,000.00 but leaves its 合计 row blank: one cause
            ("CODED.column", "09 合计 本年支出合计".to_string()),
            ("N.share", "99.76%".to_string()),
            ("N.sangong", "361,150.00".to_string()),
            ("N.sangong", "292900.00".to_string()),
            ("N.sangong", "68250.00".to_string()),
            ("N.selfeval", "92.77".to_string()),
        ]
    );
    let blank = errors(&a)[0];
    assert_eq!(blank.consequences.len(), 3, "the blank 合计 row breaks three identities: {:#?}", blank.consequences);
    assert!(blank.message_zh.contains("整行空白"), "{}", blank.message_zh);
    let share = errors(&a)[1];
    assert_eq!(
        share.message_zh,
        "2023年度一般公共预算财政拨款支出占本年支出合计应为 98.76%（403,923,024.99 ÷ 408,982,201.79），报告写 99.76%。"
    );
    assert!(errors(&a)[5].message_zh.contains("应为 92.00"), "{}", errors(&a)[5].message_zh);
    let warned: Vec<(&str, String)> = a
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Warning && f.group == Group::Document)
        .map(|f| (f.rule, key(f)))
        .collect();
    for want in [
        ("P.rate_score", "P20 年度资金总额 得分"), // 8 for 10 × 88.81 % = 8.88
        ("P.rate", "P24 年度资金总额 执行率"),     // 100 % printed for 101.38 %
        ("TXT.placeholder", "转元"),               // 结转 元: the amount left out
        ("TXT.placeholder", "〔〕"),               // 宁财建指标〔〕号
    ] {
        assert!(warned.iter().any(|(r, k)| *r == want.0 && k == want.1), "{want:?} in {warned:#?}");
    }
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
        "N.compare",
        "P.weights",
        "P.score_le_weight",
    ] {
        assert!(ok.contains(&rule), "{rule} should run and pass: {:?}", a.run(rule));
    }
}

/// What identifies a finding in these tests: the highlighted words of its sentence, or
/// its first cell.
fn key(f: &Finding) -> String {
    match f.sentence.as_ref().and_then(|s| s.highlight.clone()) {
        Some(h) => h,
        None => f.cells.first().map(|c| format!("{} {} {}", c.table, c.row, c.column)).unwrap_or_default(),
    }
}

/// Every shared document with the error findings it has, each verified by hand as the
/// document's own (tests/goldens/audit_findings.md); a new error anywhere fails.
#[test]
fn every_shared_document_has_only_its_own_errors() {
    let expected: &[(&str, &[(&str, &str)])] = &[
        // 收、支总计各增加5834.37万元，增长35.74%: 5,834.37 ÷ 16,232.22 = 35.94 %
        ("corpus/central_xinfang_2024_final.pdf", &[("N.change", "35.74%")]),
        ("corpus/foshan_metro_transit_2019_final.pdf", &[]),
        // p1: 合计 9209.55 / 9999.77 / 8874.74 over 财政资金小计 0.00 and 其他资金小计 0.00 (the
        // amount is printed on ③地方财政资金, a line under 财政资金小计 that does not carry it)
        (
            "corpus/ningde_govoffice_2024_dept_selfeval.pdf",
            &[
                ("P.funds", "P01 年度资金总额 年初预算数"),
                ("P.funds", "P01 年度资金总额 全年预算数"),
                ("P.funds", "P01 年度资金总额 全年执行数"),
            ],
        ),
        // budgets: each verified by hand (tests/goldens/audit_findings.md)
        (
            "corpus/central_xinfang_2026_budget.pdf",
            &[
                // 财政拨款收支总预算18,728.91万元, while 财政拨款收支总表 prints 收入总计 18,728.94
                ("BN.amount", "18,728.91"),
                // 委托业务费 1,391.68, 比2025年预算增加333.83万元，增长31.35%: 333.83 ÷ 1,057.85 = 31.56 %
                ("BN.change", "31.35%"),
            ],
        ),
        (
            "corpus/changchun_xinfang_2026_budget.pdf",
            &[
                // 2014002 and 2014099 print 当年预算 小计 0.00 beside 项目支出 458.00 and 16.56
                ("B.hierarchy", "B03 20140 当年预算/小计"),
                // 301's items add to 920.96, not 911.21; 302's to 221.37, not 211.00
                ("B.hierarchy", "B06 301 合计"),
                ("B.hierarchy", "B06 301 当年预算/小计"),
                ("B.hierarchy", "B06 301 人员经费"),
                ("B.hierarchy", "B06 302 合计"),
                ("B.hierarchy", "B06 302 当年预算/小计"),
                ("B.hierarchy", "B06 302 公用经费"),
            ],
        ),
        // 支出总计 182,157.13 (181,807.13) against 本年支出合计 182,066.56 (181,716.56) + 结转下年 0
        ("corpus/xian_hrss_2020_budget.pdf", &[("B.grand", "B01 支出总计 预算数"), ("B.grand", "B04 支出总计 预算数")]),
        // the 2018 columns' 三公 小计 2.86 against its items 21.22 + 2.86
        ("corpus/xian_safety_2019_budget_tables.pdf", &[("B07.parts", "B07 合计 上年预算数")]),
        ("fixtures/putuo_socialwork_2024.pdf", &[]),
        ("fixtures/putuo_template_2024.pdf", &[]),
    ];
    let dir = common::shared_dir().join("corpus");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        common::shared_path("corpus/README.md");
        return;
    };
    let mut docs: Vec<String> = entries
        .flatten()
        .map(|e| format!("corpus/{}", e.file_name().to_string_lossy()))
        .filter(|n| n.ends_with(".pdf"))
        .collect();
    docs.extend(expected.iter().map(|(d, _)| d.to_string()).filter(|d| d.starts_with("fixtures/")));
    docs.sort();
    let mut checked = 0;
    for doc in &docs {
        let Some(bytes) = common::shared(doc) else { continue };
        let Ok(report) = juesuan::parse(&bytes) else { continue }; // the scan has no text layer
        let a = check(&report);
        let got: Vec<(&str, String)> = errors(&a).iter().map(|f| (f.rule, key(f))).collect();
        let want: Vec<(&str, String)> = expected
            .iter()
            .find(|(d, _)| d == doc)
            .map(|(_, e)| e.iter().map(|(r, k)| (*r, k.to_string())).collect())
            .unwrap_or_default();
        assert_eq!(got, want, "{doc}: {:#?}", errors(&a));
        checked += 1;
    }
    assert!(checked >= 20, "{checked} documents checked");
}

#[test]
fn a_budget_is_not_audited_as_final_accounts() {
    let mut r = ningxia().clone();
    r.kind = juesuan::model::DocumentKind::Budget;
    let a = check(&r);
    for rule in ["T01.balance", "CODED.column", "N.share", "N.amount", "N.sangong", "X.04_05"] {
        assert_eq!(a.run(rule).map(|x| x.checked), Some(0), "{rule} ran on a budget");
    }
    assert!(a.run("P.weights").is_some_and(|x| x.checked > 0), "self-evaluation tables are checked in any document");
}

#[test]
fn a_finding_on_an_uncertain_cell_is_a_possible_reading_problem() {
    let mut r = ningxia().clone();
    let t = r.tables.iter_mut().find(|t| t.id == TableId::T03).unwrap();
    let row = t.rows.iter_mut().find(|x| x.name == "合计").unwrap();
    let c = row.cells.iter_mut().find(|c| c.column == "本年支出合计").unwrap();
    c.value = d("1.00");
    c.read = juesuan::model::Read::Uncertain;
    let a = check(&r);
    let hits: Vec<&Finding> = a.findings.iter().filter(|f| f.rule == "X.01_03" || f.rule == "CODED.row").collect();
    assert!(!hits.is_empty());
    for f in hits {
        assert_eq!(f.group, Group::Reading, "{f:#?}");
        assert!(f.uncertain.iter().any(|c| c.table == "03" && c.column == "本年支出合计"));
        assert!(!f.is_error());
    }
    assert_eq!(a.errors(), check(ningxia()).errors(), "reading problems are not counted as errors");
    // the same wrong value read with certainty is the document's error
    let b = mutate_cell(ningxia().clone(), TableId::T03, "合计", "本年支出合计", "1.00");
    assert!(b.findings.iter().any(|f| f.rule == "X.01_03" && f.is_error()));
}

#[test]
fn findings_cite_only_the_cells_that_matter() {
    let a = mutate_cell(ningxia().clone(), TableId::T08, "合计", "本年支出合计", "1.00");
    let f = a.findings.iter().find(|f| f.rule == "CODED.column" && f.cells[0].table == "08").unwrap();
    assert!(f.cells.iter().skip(1).all(|c| c.value.is_some()), "no blank parts: {:#?}", f.cells);
    assert!(!f.detail_zh.is_empty() && f.detail_zh.contains('='), "the formula stays available");
    assert!(f.message_zh.contains("表 08“合计”行“本年支出合计”为 1.00"), "{}", f.message_zh);
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

/// The document's own findings of `rule` (any severity) after a mutation.
fn found<'a>(a: &'a Audit, rule: &str) -> Vec<&'a Finding> {
    a.findings.iter().filter(|f| f.rule == rule && f.group == Group::Document).collect()
}

#[test]
fn mutated_claims_fire_the_new_rules_at_the_sentence_and_cells() {
    let text = ningxia();
    // 三公: the narrative's actual against table 07's 决算数
    let a = mutate_sentence(text.clone(), "支出决算为46,630.00", "支出决算为46,930.00");
    let f =
        found(&a, "N.sangong").into_iter().find(|f| key(f) == "46,930.00").expect("N.sangong on the changed actual");
    assert!(
        f.is_error() && f.cells[0].table == "07" && f.cells[0].row == "公务接待费" && f.cells[0].column == "决算数"
    );
    // the narrative's own budget put right: that finding goes
    let a = mutate_sentence(text.clone(), "公务接待费预算为68250.00元", "公务接待费预算为46630.00元");
    assert!(!found(&a, "N.sangong").iter().any(|f| key(f).contains("68250")));
    // comparison words against the budget and actual just stated (68,250.00 > 46,630.00)
    let a = check(text);
    assert!(found(&a, "N.compare").is_empty(), "{:#?}", found(&a, "N.compare"));
    let a = mutate_sentence(
        text.clone(),
        "决算数小于预算数的主要原因是2023年持续压减",
        "决算数大于预算数的主要原因是2023年持续压减",
    );
    let f = found(&a, "N.compare");
    assert!(f.iter().any(|f| f.is_error() && key(f) == "大于"), "{f:#?}");
    // two years' amounts and the change between them
    let a = mutate_sentence(
        text.clone(),
        "2023年度国有资本经营预算财政拨款本年收入0元，支出350000.00元，年末结转和结余640720.00元。",
        "2023年度收入100.00元，2022年度收入80.00元，增加30.00元。",
    );
    assert!(found(&a, "N.compare").iter().any(|f| f.is_error() && key(f) == "30.00"), "{:#?}", found(&a, "N.compare"));
    let a = mutate_sentence(
        text.clone(),
        "2023年度国有资本经营预算财政拨款本年收入0元，支出350000.00元，年末结转和结余640720.00元。",
        "2023年度收入100.00元，2022年度收入80.00元，减少20.00元。",
    );
    assert!(found(&a, "N.compare").iter().any(|f| f.is_error() && key(f) == "20.00"), "the direction");
    // the self-evaluation summary
    let a = mutate_sentence(text.clone(), "92.77", "92.00");
    assert!(found(&a, "N.selfeval").iter().all(|f| !f.is_error()), "the right average passes");
    let a = mutate_sentence(text.clone(), "“好”的项目18个", "“好”的项目17个");
    assert!(found(&a, "N.selfeval").iter().any(|f| f.severity == Severity::Warning && key(f) == "“好”的项目17个"));
    // years
    let a = check(text);
    assert!(found(&a, "N.year").is_empty(), "{:#?}", found(&a, "N.year"));
    let a = mutate_sentence(
        text.clone(),
        "与2022年度相比，一般公共预算财政拨款支出增加",
        "与2021年度相比，一般公共预算财政拨款支出增加",
    );
    assert!(found(&a, "N.year").iter().any(|f| key(f) == "与2021"), "{:#?}", found(&a, "N.year"));
    let a = mutate_sentence(text.clone(), "截至2023年12月31", "截至2022年12月31");
    assert!(found(&a, "N.year").iter().any(|f| key(f) == "截至2022"), "{:#?}", found(&a, "N.year"));
    let mut r = text.clone();
    let h = r.headings.iter_mut().find(|h| h.text.contains("第三部分")).expect("the third part's heading");
    h.text = h.text.replace("2023", "2022");
    assert!(found(&check(&r), "N.year")
        .iter()
        .any(|f| f.sentence.as_ref().is_some_and(|s| s.text.contains("第三部分"))));
}

#[test]
fn mutated_text_fires_placeholders_templates_punctuation_and_rounding_notes() {
    let text = ningxia();
    let a = mutate_sentence(text.clone(), "主要原因是2023年持续压减公务接待支出。", "主要原因是。");
    assert!(found(&a, "TXT.placeholder").iter().any(|f| key(f) == "主要原因是。"));
    let a = mutate_sentence(text.clone(), "增加50,719,683.61元", "增加（减少）50,719,683.61元");
    assert!(found(&a, "TXT.template").iter().any(|f| key(f) == "增加（减少）"));
    // punctuation doubled across a break: a sentence of its own that starts with 。
    let mut r = text.clone();
    let section = r.narrative.iter_mut().find(|s| s.sentences.len() > 2).unwrap();
    let at = section.sentences[0].at;
    section.sentences.insert(1, juesuan::model::Sentence { text: "。".into(), at });
    assert!(found(&check(&r), "TXT.punctuation").iter().any(|f| f.sentence.as_ref().unwrap().text == "。"));
    // a share cut off instead of rounded: 98.763… printed 98.7
    let a = mutate_sentence(text.clone(), "99.76%", "98.7%");
    let f = found(&a, "N.share").into_iter().find(|f| key(f) == "98.7%").expect("a rounding note");
    assert_eq!(f.severity, Severity::Info);
    assert!(f.message_zh.contains("截去尾数"), "{}", f.message_zh);
    // 执行率 printed capped at 100 %
    let mut r = text.clone();
    let p24 = r.performance.iter_mut().find(|p| p.id == "P24").unwrap();
    let funds = p24.funds.iter_mut().find(|f| f.name == "年度资金总额").unwrap();
    funds.cells.iter_mut().find(|c| c.column == "全年执行数").unwrap().value = d("16.62");
    assert!(!found(&check(&r), "P.rate").iter().any(|f| f.cells[0].table == "P24"), "16.62 ÷ 16.62 is 100 %");
}

#[test]
fn a_truncated_download_is_said_to_be_one() {
    let Some(path) = common::shared_path(common::PUTUO_PDF) else { return };
    let out = std::env::temp_dir().join(format!("juesuan-truncated-{}.pdf", std::process::id()));
    let ran = std::process::Command::new("qpdf").arg(&path).args(["--pages", ".", "1-6", "--"]).arg(&out).status();
    let Ok(status) = ran else {
        assert!(std::env::var("CI").as_deref() != Ok("true"), "qpdf is needed (scripts/setup.sh installs it)");
        eprintln!("skipped: a_truncated_download_is_said_to_be_one needs qpdf");
        return;
    };
    assert!(status.success());
    let bytes = std::fs::read(&out).unwrap();
    let _ = std::fs::remove_file(&out);
    let r = juesuan::parse(&bytes).expect("the first pages read");
    let a = check(&r);
    assert!(a.findings.iter().any(|f| f.rule == "S.truncated"), "{:#?}", r.diagnostics);
    // the whole file is not
    assert!(!check(common::putuo().unwrap()).findings.iter().any(|f| f.rule == "S.truncated"));
}

#[test]
fn a_budget_stated_in_the_narrative_is_checked_against_a_budget_column() {
    let text = ningxia();
    let lines = juesuan::check::budget_lines(text);
    // `1.一般公共服务支出年初预算为 1,045,944.00 元`
    // 05 prints only 项 rows: the class's budget is the sum of its 项 rows' budgets
    let t05 = text.table(TableId::T05).unwrap();
    let item =
        |c: &str| t05.rows.iter().find(|x| x.code.as_ref().is_some_and(|k| k.code.len() == 7 && k.code.starts_with(c)));
    let (line, code) = lines
        .iter()
        .filter_map(|b| juesuan::reference::function_class_by_name(&b.name).map(|(c, _)| (b, c)))
        .find(|(_, c)| item(c).is_some())
        .expect("a class's budget line with a 项 row in 05");
    let with_budget = |value: rust_decimal::Decimal| {
        let mut r = text.clone();
        let t = r.tables.iter_mut().find(|t| t.id == TableId::T05).unwrap();
        t.columns.push("年初预算数".into());
        let row = t
            .rows
            .iter_mut()
            .find(|x| x.code.as_ref().is_some_and(|c| c.code.len() == 7 && c.code.starts_with(code)))
            .unwrap();
        row.cells.push(juesuan::model::Cell::new("年初预算数", value, juesuan::model::Read::Grid));
        check(&r)
    };
    let a = with_budget(line.initial);
    assert!(a.run("N.budget").is_some_and(|x| x.checked >= 1 && x.findings == 0), "{:?}", a.run("N.budget"));
    let a = with_budget(line.initial + d("1000"));
    let f = found(&a, "N.budget");
    assert!(f.iter().any(|f| f.is_error() && f.cells[0].table == "05" && f.sentence.is_some()), "{f:#?}");
}

#[test]
fn level_and_share_bases_are_checked() {
    let text = ningxia();
    // 持平 with two different amounts
    let a = mutate_sentence(
        text.clone(),
        "2023年度国有资本经营预算财政拨款本年收入0元，支出350000.00元，年末结转和结余640720.00元。",
        "2023年度收入100.00元，2022年度收入80.00元，与上年持平。",
    );
    assert!(found(&a, "N.compare").iter().any(|f| f.is_error() && key(f) == "持平"), "{:#?}", found(&a, "N.compare"));
    // the share put right passes against the same base
    let a = mutate_sentence(text.clone(), "99.76%", "98.76%");
    assert!(!found(&a, "N.share").iter().any(|f| f.is_error()), "{:#?}", found(&a, "N.share"));
}

#[test]
fn the_funds_the_self_evaluations_cover_and_a_heading_without_its_year() {
    let text = ningxia();
    // 共涉及资金 12902.93 万元 = Σ 年度资金总额 全年预算数 of the 25 tables
    let a = check(text);
    assert!(found(&a, "N.selfeval").iter().all(|f| !f.message_zh.contains("涉及资金")));
    let a = mutate_sentence(text.clone(), "12902.93", "12912.93");
    let f = found(&a, "N.selfeval");
    assert!(
        f.iter().any(|f| f.severity == Severity::Warning && key(f) == "12912.93" && f.message_zh.contains("12,902.93")),
        "{f:#?}"
    );
    let mut r = text.clone();
    let h = r.headings.iter_mut().find(|h| h.text.contains("第三部分")).unwrap();
    h.text = "第三部分 年度部门决算情况说明".into();
    assert!(found(&check(&r), "TXT.placeholder").iter().any(|f| key(f) == "年度部门决算"));
}
