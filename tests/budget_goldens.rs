//! Facts of nine 部门预算 / 单位预算 of the corpus, of different producers and provinces
//! (国家信访局, central template, WPS; 上海市统计和大数据研究院, Excel, 类/款/项 split codes,
//! 元; 重庆市水利局, Chongqing 总体情况表; 广州市发展和改革委员会, Guangdong 行政经费及“三公”
//! 经费; 苏州市审计局, Aspose; 烟台市财政局, iText, rotated pages, two years of 三公; 北京市公安局,
//! WPS 表格, 6-decimal amounts; 西安市安全生产监督管理局, Excel 2010, classes named without
//! 支出), read by
//! hand from the printed pages (`tests/goldens/budget_facts.tsv`, checked against
//! `pdftotext -layout`), against the facts export: every value listed, and every cell the
//! page leaves blank absent. Also each document's kind and tables found.

mod common;

use std::collections::HashMap;

use juesuan::model::{DocumentKind, TableId, TableRole};

#[test]
fn hand_read_facts_of_the_budgets() {
    let tsv = include_str!("goldens/budget_facts.tsv");
    let mut facts: HashMap<String, Option<Vec<juesuan::export::Fact>>> = HashMap::new();
    let (mut checked, mut failures) = (0, Vec::new());
    let mut files = std::collections::BTreeSet::new();
    for line in tsv.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let f: Vec<&str> = line.split('\t').collect();
        let (file, table, code, name, column, value) = (f[0], f[2], f[3], f[4], f[5], f[6]);
        files.insert(file.to_string());
        let got = facts.entry(file.to_string()).or_insert_with(|| {
            let bytes = common::shared(file)?;
            Some(juesuan::export::facts(&juesuan::parse(&bytes).expect("readable")))
        });
        let Some(got) = got else { continue };
        checked += 1;
        // B01 and B04 may give an expenditure class's code or leave it empty (EXPORT.md)
        let same_code =
            |x: &juesuan::export::Fact| x.row_code == code || matches!(table, "B01" | "B04") && code.is_empty();
        let found = got.iter().find(|x| x.table == table && same_code(x) && x.row_name == name && x.column == column);
        match (found, value) {
            (None, "") => {}
            (Some(x), v) if x.value == v => {}
            (found, v) => failures.push(format!(
                "{file} {table} {code} {name} / {column}: read {:?}, printed {v:?}",
                found.map(|x| x.value.as_str())
            )),
        }
    }
    assert!(files.len() >= 6, "goldens of at least six budgets");
    assert!(failures.is_empty(), "{} of {checked} facts wrong:\n{}", failures.len(), failures.join("\n"));
}

/// Every budget of the corpus with a text layer is a budget and has its main tables.
#[test]
fn every_budget_is_one_and_has_its_main_tables() {
    // (file, the main tables it prints with a grid)
    let cases: [(&str, &[TableId]); 15] = [
        (
            "corpus/beijing_govoffice_2026_budget_tables.pdf",
            &[TableId::B01, TableId::B02, TableId::B03, TableId::B04, TableId::B05, TableId::B06, TableId::B07],
        ),
        (
            "corpus/beijing_police_2026_budget_tables.pdf",
            &[TableId::B01, TableId::B02, TableId::B03, TableId::B04, TableId::B05, TableId::B06, TableId::B07],
        ),
        (
            "corpus/central_xinfang_2026_budget.pdf",
            &[TableId::B01, TableId::B02, TableId::B03, TableId::B04, TableId::B05, TableId::B06, TableId::B07],
        ),
        (
            "corpus/changchun_xinfang_2026_budget.pdf",
            &[TableId::B01, TableId::B02, TableId::B03, TableId::B04, TableId::B05, TableId::B06, TableId::B07],
        ),
        (
            "corpus/chongqing_commerce_2026_budget.pdf",
            &[TableId::B01, TableId::B02, TableId::B03, TableId::B04, TableId::B05, TableId::B06, TableId::B07],
        ),
        (
            "corpus/chongqing_water_2026_budget.pdf",
            &[TableId::B01, TableId::B02, TableId::B03, TableId::B04, TableId::B05, TableId::B06, TableId::B07],
        ),
        (
            "corpus/fuzhou_etdz_eco_2026_unit_budget.pdf",
            &[TableId::B01, TableId::B02, TableId::B03, TableId::B04, TableId::B05, TableId::B06, TableId::B07],
        ),
        (
            "corpus/guangzhou_ndrc_2026_budget.pdf",
            &[TableId::B01, TableId::B02, TableId::B03, TableId::B04, TableId::B05, TableId::B06, TableId::B07],
        ),
        (
            "corpus/shanghai_stats_institute_2026_unit_budget.pdf",
            &[TableId::B01, TableId::B02, TableId::B03, TableId::B04, TableId::B05, TableId::B06, TableId::B07],
        ),
        (
            "corpus/shanghai_welfare_lottery_2026_unit_budget.pdf",
            &[TableId::B01, TableId::B02, TableId::B03, TableId::B04],
        ),
        (
            "corpus/shenzhen_finance_2026_budget.pdf",
            &[TableId::B01, TableId::B02, TableId::B03, TableId::B04, TableId::B05, TableId::B07],
        ),
        (
            "corpus/suzhou_audit_2026_budget.pdf",
            &[TableId::B01, TableId::B02, TableId::B03, TableId::B04, TableId::B05, TableId::B06, TableId::B07],
        ),
        (
            "corpus/xian_hrss_2020_budget.pdf",
            &[TableId::B01, TableId::B02, TableId::B03, TableId::B04, TableId::B05, TableId::B06, TableId::B07],
        ),
        (
            "corpus/xian_safety_2019_budget_tables.pdf",
            &[TableId::B01, TableId::B02, TableId::B03, TableId::B04, TableId::B05, TableId::B06, TableId::B07],
        ),
        (
            "corpus/yantai_finance_2026_budget.pdf",
            &[TableId::B01, TableId::B02, TableId::B03, TableId::B04, TableId::B05, TableId::B06, TableId::B07],
        ),
    ];
    let mut missing = Vec::new();
    for (file, ids) in cases {
        let Some(bytes) = common::shared(file) else { continue };
        let r = juesuan::parse(&bytes).expect("readable");
        assert_eq!(r.kind, DocumentKind::Budget, "{file}");
        assert!(r.tables.iter().all(|t| t.id.is_budget()), "{file}: a 决算 id in a budget");
        for id in ids {
            if r.budget_table(*id).is_none() {
                missing.push(format!("{file}: {}", id.code()));
            }
        }
    }
    assert!(missing.is_empty(), "tables not found:\n{}", missing.join("\n"));
}

/// The role lookup finds the same table in a budget and in a 决算.
#[test]
fn a_role_names_the_same_table_in_either_kind() {
    let (Some(b), Some(f)) = (
        common::shared("corpus/central_xinfang_2026_budget.pdf"),
        common::shared("corpus/central_xinfang_2024_final.pdf"),
    ) else {
        return;
    };
    let budget = juesuan::parse(&b).expect("readable");
    let fin = juesuan::parse(&f).expect("readable");
    assert_eq!(budget.table_for(TableRole::GeneralBudget).map(|t| t.id), Some(TableId::B05));
    assert_eq!(fin.table_for(TableRole::GeneralBudget).map(|t| t.id), Some(TableId::T05));
    assert_eq!(budget.table_for(TableRole::ThreePublic).map(|t| t.id), Some(TableId::B07));
    assert!(budget.budget_table(TableId::T05).is_none());
    assert!(fin.budget_table(TableId::B05).is_none());
}

/// A budget gets the same charts as a 决算, from its own tables (国家信访局 2026: B03 by
/// class, its 合计 row's 基本支出/项目支出, B02's sources, B06's classes, B07's items).
#[test]
fn a_budget_is_charted_from_its_tables() {
    let Some(bytes) = common::shared("corpus/central_xinfang_2026_budget.pdf") else { return };
    let r = juesuan::parse(&bytes).expect("readable");
    let value = |kind: &str, key: &str| -> Option<String> {
        let c = juesuan::view::chart(&r, kind)?;
        c.items.iter().find(|i| i.key == key).and_then(|i| i.values[0]).map(|v| v.to_string())
    };
    assert_eq!(value("function", "201").as_deref(), Some("47179.30"));
    assert_eq!(value("basic-project", "基本支出").as_deref(), Some("11056.07"));
    assert_eq!(value("basic-project", "项目支出").as_deref(), Some("39560.87"));
    assert_eq!(value("income", "其他收入").as_deref(), Some("31888.00"));
    assert_eq!(value("economic", "人员经费").as_deref(), Some("7504.62"));
    assert_eq!(value("sangong", "因公出国（境）费").as_deref(), Some("68.50"));
    let c = juesuan::view::chart(&r, "sangong").expect("sangong");
    assert_eq!(c.series[0].zh, "预算数");
}
