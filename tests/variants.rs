//! Documents vary by province and year (FORMAT.md, "Names vary"): small documents written
//! for one variation each, checking that the general rules cover it.

mod common;

use common::d;
use juesuan::model::{MoneyUnit, Read, Severity, TableId};

const T01_VARIANT: &str = "第二部分 2024年度部门决算表
高等学校收支决算总表
公开01表
部门：某大学 单位：万元
收入 支出
项目 行次 金额 项目 行次 金额
栏次 1 栏次 2
一、一般公共预算财政拨款收入 1 100.00 一、教育支出 9 120.50
八、其他收入 2 30.00 本年支出合计 10 120.50
其中：捐赠收入 3 10.00 年末结转和结余 11 19.50
本年收入合计 4 130.00
上年结转和结余 5 10.00
合计 6 140.00 合计 12 140.00
注：本表反映部门本年度的总收支。
机关运行经费支出决算表
公开部门：某大学 单位：万元
合计 55.00
";

#[test]
fn table_01_synonyms_parts_and_units() {
    let r = juesuan::parse(T01_VARIANT.as_bytes()).unwrap();
    let t = r.table(TableId::T01).expect("高等学校收支决算总表 is table 01");
    assert_eq!(t.unit, MoneyUnit::WanYuan);
    assert_eq!(t.value("年初结转和结余", "决算数"), Some(d("10.00")), "上年结转和结余 is 年初结转和结余");
    assert_eq!(t.value("其他收入/捐赠收入", "决算数"), Some(d("10.00")), "其中 lines are parts of their line");
    assert_eq!(t.value("收入总计", "决算数"), Some(d("140.00")));
    assert_eq!(t.value("支出总计", "决算数"), Some(d("140.00")));
    assert_eq!(t.value("教育支出", "决算数"), Some(d("120.50")));
    assert_eq!(r.year, Some(2024));
    // an extra table is noted, not mistaken for 03, and does not extend table 01
    assert!(r.table(TableId::T03).is_none());
    assert!(r.diagnostics.iter().any(|x| x.code == "table.unknown" && x.message_zh.contains("机关运行经费")));
    assert_eq!(t.rows.iter().filter(|row| row.name == "合计").count(), 0);
}

const T03_WITH_MARKER: &str = "部门支出决算情况表
公开03表
公开部门：某局 金额单位：元
栏次 1 2 3 4 5 6
合计 300.00 100.00 200.00
201 一般公共服务支出 300.00 100.00 200.00
20101 人大事务 300.00 100.00 200.00
2010101 行政运行 100.00 100.00
2010102 一般行政管理事务 200.00 200.00
";

#[test]
fn title_in_other_words_with_its_number_and_nested_codes() {
    let r = juesuan::parse(T03_WITH_MARKER.as_bytes()).unwrap();
    let t = r.table(TableId::T03).expect("公开03表 names the table");
    assert_eq!(t.value("2010101", "基本支出"), Some(d("100.00")));
    assert_eq!(t.value("2010102", "项目支出"), Some(d("200.00")), "placed by the 款 row above it");
    assert_eq!(t.value("20101", "项目支出"), Some(d("200.00")));
    let placement_warnings = r.diagnostics.iter().filter(|x| x.code == "table.placement").count();
    assert_eq!(placement_warnings, 0);
    let tree = r.function_hierarchy(TableId::T03, "基本支出");
    assert_eq!(tree[0].code, "201");
    assert_eq!(tree[0].children[0].name.as_deref(), Some("人大事务"));
}

#[test]
fn an_unplaceable_row_is_reported_with_its_line() {
    let doc =
        T03_WITH_MARKER.replace("2010102 一般行政管理事务 200.00 200.00", "2010102 一般行政管理事务 150.00 150.00");
    let r = juesuan::parse(doc.as_bytes()).unwrap();
    let w = r.diagnostics.iter().find(|x| x.code == "table.placement").expect("sums that cannot be met are reported");
    assert_eq!(w.severity, Severity::Warning);
    assert_eq!(w.at.map(|a| a.line), Some(7), "at the 款 row whose children do not add up");
    // its children, placed in printed order, may be in the wrong column: one warning each
    // (besides 合计's, below)
    let rows: Vec<Option<usize>> =
        r.diagnostics.iter().filter(|x| x.code == "table.uncertain").map(|x| x.at.map(|a| a.line)).collect();
    assert_eq!(rows, [Some(5), Some(8), Some(9)]);
    let t = r.table(TableId::T03).unwrap();
    for code in ["2010101", "2010102"] {
        assert!(t.row_by_code(code).unwrap().cells.iter().all(|c| c.read == Read::Uncertain), "{code}");
    }
    assert!(t.row_by_code("20101").unwrap().cells.iter().all(|c| c.read == Read::Placed));
}

#[test]
fn only_the_rows_the_identities_leave_open_are_listed_uncertain() {
    // a header without column names gives 03 all six columns: 合计's 200.00 meets
    // 本年支出合计 = 基本 + … as 项目支出 or as any of the three after it, so it is placed
    // leftmost and said to be uncertain; the rows under it are placed by their sums
    let r = juesuan::parse(T03_WITH_MARKER.as_bytes()).unwrap();
    let listed: Vec<Option<usize>> =
        r.diagnostics.iter().filter(|x| x.code == "table.uncertain").map(|x| x.at.map(|a| a.line)).collect();
    assert_eq!(listed, [Some(5)]);
    let t = r.table(TableId::T03).unwrap();
    assert!(t.row("合计").unwrap().cells.iter().all(|c| c.read == Read::Uncertain));
    assert!(t.rows.iter().filter(|x| x.code.is_some()).all(|x| x.cells.iter().all(|c| c.read == Read::Placed)));
}

#[test]
fn missing_tables_are_listed() {
    let r = juesuan::parse(T03_WITH_MARKER.as_bytes()).unwrap();
    let missing: Vec<&str> =
        r.diagnostics.iter().filter(|x| x.code == "table.missing").map(|x| x.message_en.as_str()).collect();
    assert_eq!(missing.len(), 8);
    assert!(missing[0].starts_with("table 01"));
}

/// The document's own table set: a university's 决算 lists four tables in its contents;
/// the five standard tables it never has are notes, the listed ones that are absent are
/// warnings.
#[test]
fn contents_decide_which_tables_a_document_has() {
    let text =
        "某大学2023年度部门决算\n目录\n第一部分 概况\n第二部分 决算表\n一、高等学校收支决算总表\n二、收入决算表\n\
                三、支出决算表\n四、财政拨款支出决算表\n第一部分 概况\n本单位负责教学。\n";
    let r = juesuan::parse(text.as_bytes()).unwrap();
    let codes = |code: &str| -> Vec<String> {
        let mut v: Vec<String> = r
            .diagnostics
            .iter()
            .filter(|d| d.code == code)
            .filter_map(|d| d.message_en.split("table ").nth(1).map(|s| s[..2].to_string()))
            .collect();
        v.sort();
        v
    };
    assert_eq!(codes("table.not_in_contents"), ["04", "06", "07", "08", "09"]);
    assert_eq!(codes("table.missing"), ["01", "02", "03", "05"]);
}
