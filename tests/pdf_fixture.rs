//! The Putuo PDFs (上海市普陀区委社会工作部 2024, WPS-made, CID fonts with ToUnicode maps):
//! golden values read off the printed tables by hand, the 类 = Σ款 = Σ项 identities of the
//! coded tables, the blank template, and the full facts export. Read from `../shared/`;
//! each test is skipped (or fails under `CI=true`) when the PDF is not there.

mod common;

use common::{cell, coded, d, putuo};
use juesuan::model::{MoneyUnit, Report, Severity, TableId};
use rust_decimal::Decimal;

fn name_of(r: &Report, id: TableId, code: &str) -> String {
    r.table(id).unwrap().row_by_code(code).unwrap().name.clone()
}

#[test]
fn document_header_and_source() {
    let Some(r) = putuo() else { return };
    assert_eq!(r.department.as_deref(), Some("中共上海市普陀区委社会工作部"));
    assert_eq!(r.year, Some(2024));
    assert_eq!((r.source.format.as_str(), r.source.pages), ("pdf", 24));
    for t in &r.tables {
        assert_eq!(t.unit, MoneyUnit::WanYuan, "table {:?} unit", t.id);
    }
}

#[test]
fn all_nine_tables_and_no_warnings() {
    let Some(r) = putuo() else { return };
    let found: Vec<TableId> = r.tables.iter().map(|t| t.id).collect();
    assert_eq!(found, TableId::ALL.to_vec());
    for id in [TableId::T07, TableId::T08, TableId::T09] {
        assert!(r.table(id).unwrap().empty, "{id:?} is printed empty with 本表无数据");
    }
    for id in [TableId::T01, TableId::T02, TableId::T03, TableId::T04, TableId::T05, TableId::T06] {
        assert!(!r.table(id).unwrap().empty, "{id:?} has figures");
    }
    let warnings: Vec<_> = r.diagnostics.iter().filter(|d| d.severity >= Severity::Warning).collect();
    assert!(warnings.is_empty(), "{warnings:#?}");
}

#[test]
fn golden_values_tables_01_and_04() {
    let Some(r) = putuo() else { return };
    assert_eq!(cell(r, TableId::T01, "一般公共预算财政拨款收入", "决算数"), Some(d("307.82")));
    assert_eq!(cell(r, TableId::T01, "本年收入合计", "决算数"), Some(d("307.82")));
    assert_eq!(cell(r, TableId::T01, "收入总计", "决算数"), Some(d("307.82")));
    assert_eq!(cell(r, TableId::T01, "一般公共服务支出", "决算数"), Some(d("264.87")));
    assert_eq!(cell(r, TableId::T01, "社会保障和就业支出", "决算数"), Some(d("10.82")));
    assert_eq!(cell(r, TableId::T01, "卫生健康支出", "决算数"), Some(d("2.71")));
    assert_eq!(cell(r, TableId::T01, "住房保障支出", "决算数"), Some(d("29.42")));
    assert_eq!(cell(r, TableId::T01, "其他收入", "决算数"), None, "printed blank");
    assert_eq!(cell(r, TableId::T01, "支出总计", "决算数"), Some(d("307.82")));
    assert_eq!(cell(r, TableId::T04, "一般公共预算财政拨款", "决算数"), Some(d("307.82")));
    assert_eq!(cell(r, TableId::T04, "本年支出合计", "一般公共预算财政拨款"), Some(d("307.82")));
    assert_eq!(cell(r, TableId::T04, "住房保障支出", "合计"), Some(d("29.42")));
    assert_eq!(cell(r, TableId::T04, "卫生健康支出", "政府性基金预算财政拨款"), None);
    assert_eq!(cell(r, TableId::T04, "支出总计", "合计"), Some(d("307.82")));
}

#[test]
fn golden_values_tables_02_03_05() {
    let Some(r) = putuo() else { return };
    assert_eq!(cell(r, TableId::T02, "合计", "财政拨款收入"), Some(d("307.82")));
    assert_eq!(coded(r, TableId::T02, "2080505", "本年收入合计"), Some(d("6.18")));
    assert_eq!(coded(r, TableId::T02, "2101102", "财政拨款收入"), Some(d("0.49")));
    assert_eq!(coded(r, TableId::T02, "2210203", "事业收入"), None);
    assert_eq!(coded(r, TableId::T03, "2013999", "项目支出"), Some(d("202.24")));
    assert_eq!(coded(r, TableId::T03, "2013999", "基本支出"), None, "printed blank");
    assert_eq!(coded(r, TableId::T03, "20139", "基本支出"), Some(d("62.63")));
    assert_eq!(cell(r, TableId::T03, "合计", "基本支出"), Some(d("105.58")));
    for (col, v) in [("本年支出合计", "307.82"), ("基本支出", "105.58"), ("项目支出", "202.24")] {
        assert_eq!(cell(r, TableId::T05, "合计", col), Some(d(v)), "05 合计 {col}");
    }
    assert_eq!(coded(r, TableId::T05, "2013950", "基本支出"), Some(d("11.31")));
    assert_eq!(coded(r, TableId::T05, "2210201", "本年支出合计"), Some(d("17.70")));
    // names wrapped over three lines around the code's line are joined in order
    assert_eq!(name_of(r, TableId::T05, "2080505"), "机关事业单位基本养老保险缴费支出");
    assert_eq!(name_of(r, TableId::T05, "201"), "一般公共服务支出");
    assert_eq!(name_of(r, TableId::T03, "2080506"), "机关事业单位职业年金缴费支出");
}

#[test]
fn golden_values_table_06() {
    let Some(r) = putuo() else { return };
    assert_eq!(coded(r, TableId::T06, "30102", "决算数"), Some(d("39.72")));
    assert_eq!(coded(r, TableId::T06, "301", "决算数"), Some(d("95.36")));
    assert_eq!(coded(r, TableId::T06, "30239", "决算数"), Some(d("2.43")));
    assert_eq!(coded(r, TableId::T06, "30202", "决算数"), Some(d("0.00")), "printed 0.00, not blank");
    assert_eq!(coded(r, TableId::T06, "31007", "决算数"), Some(d("0.00")));
    assert_eq!(cell(r, TableId::T06, "人员经费合计", "决算数"), Some(d("95.36")));
    assert_eq!(cell(r, TableId::T06, "公用经费合计", "决算数"), Some(d("10.23")));
    assert_eq!(name_of(r, TableId::T06, "30108"), "机关事业单位基本养老保险缴费");
    assert_eq!(name_of(r, TableId::T06, "31007"), "信息网络及软件购置更新");
    // both side-by-side groups are read: 301 + 303 = 人员经费, 302 + 310 = 公用经费
    let t = r.table(TableId::T06).unwrap();
    let sum = |p: &str| -> Decimal {
        let kuan = |c: &juesuan::model::Code| c.code.len() == 5 && c.code.starts_with(p);
        t.rows.iter().filter(|r| r.code.as_ref().is_some_and(kuan)).filter_map(|r| r.value("决算数")).sum()
    };
    assert_eq!(sum("301") + sum("303"), d("95.36"));
    // the document's own rounding slip: its 302 items add up to 10.22, while 302 and
    // 公用经费合计 print 10.23 (the audit reports it)
    assert_eq!(sum("302") + sum("310"), d("10.22"));
    assert_eq!(coded(r, TableId::T06, "302", "决算数"), Some(d("10.23")));
}

/// With 类, 款 and 项 rows printed, every 类 is the sum of its 款 and every 款 the sum of
/// its 项, in every column of 02, 03 and 05.
#[test]
fn lei_kuan_xiang_identities_hold() {
    let Some(r) = putuo() else { return };
    for id in [TableId::T02, TableId::T03, TableId::T05] {
        let t = r.table(id).unwrap();
        for parent in t.rows.iter().filter(|r| r.code.as_ref().is_some_and(|c| c.code.len() < 7)) {
            let pc = &parent.code.as_ref().unwrap().code;
            let children: Vec<_> = t
                .rows
                .iter()
                .filter(|r| {
                    r.code.as_ref().is_some_and(|c| c.code.len() == pc.len() + 2 && c.code.starts_with(pc.as_str()))
                })
                .collect();
            assert!(!children.is_empty(), "{id:?} {pc} has children");
            for col in &t.columns {
                let sum: Decimal = children.iter().filter_map(|r| r.value(col)).sum();
                assert_eq!(parent.value(col).unwrap_or_default(), sum, "{id:?} {pc} {col}");
            }
        }
    }
}

#[test]
fn narrative_and_glossary_read_from_the_pdf() {
    let Some(r) = putuo() else { return };
    let text: String = r.narrative.iter().flat_map(|s| s.sentences.iter().map(|x| x.text.clone())).collect();
    assert!(text.contains("基本支出105.58万元"), "narrative amounts survive extraction");
    assert!(text.contains("完成年初预算的95.89%"));
    assert_eq!(r.glossary.len(), 11);
    assert_eq!(r.glossary[0].term, "财政拨款收入");
    let units: Vec<&str> = r.overview.units.iter().map(|u| u.name.as_str()).collect();
    assert_eq!(units, ["中共上海市普陀区委社会工作部（本级）", "上海市普陀区社会工作发展服务中心"]);
}

#[test]
fn full_export_snapshot() {
    let Some(r) = putuo() else { return };
    insta::assert_snapshot!("putuo_facts_csv", juesuan::export::to_csv(r));
}

#[test]
fn blank_template_has_no_figures() {
    let Some(template) = common::template_bytes() else { return };
    let r = juesuan::parse(template).expect("the template parses");
    assert_eq!(r.tables.len(), 9, "all nine tables are recognised");
    assert!(r.tables.iter().all(|t| t.empty && t.rows.iter().all(|row| row.cells.is_empty())));
    assert!(r.diagnostics.iter().any(|d| d.code == "document.no_figures"));
    let csv = juesuan::export::to_csv(&r);
    assert_eq!(csv.lines().count(), 1, "only the header: no invented numbers\n{csv}");
}
