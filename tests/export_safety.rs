//! Exports that are safe to open: the facts CSV neutralises formula-like text cells (and
//! keeps amounts numbers), and every SVG is well-formed XML whatever a document's names
//! hold.

mod common;

use common::{d, ningxia};
use juesuan::model::{Cell, Read, Row, TableId};
use juesuan::view::{self, Chart, DrawOptions, Item, Label};

/// The CSV's records, parsed back (as a spreadsheet would split them).
fn records(csv: &str) -> Vec<Vec<String>> {
    csv::Reader::from_reader(csv.as_bytes())
        .records()
        .map(|r| r.expect("a valid CSV record").iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn csv_text_cells_are_neutralised_amounts_stay_numbers() {
    let mut r = ningxia().clone();
    let t03 = r.tables.iter_mut().find(|t| t.id == TableId::T03).unwrap();
    let at = t03.rows[0].at;
    for (name, value) in [
        ("=HYPERLINK(\"http://x\",\"y\")", "-12.50"),
        ("+1+2", "3.00"),
        ("-2+3", "-0.01"),
        ("@SUM(A1:A2)", "1.00"),
        ("\tTAB", "2.00"),
        ("\rCR", "4.00"),
        ("a=1", "5.00"),
    ] {
        t03.rows.push(Row {
            code: None,
            name: name.into(),
            side: None,
            cells: vec![Cell::new("本年支出合计", d(value), Read::Placed)],
            at,
        });
    }
    let p = &mut r.performance[0];
    p.project = "=cmd|' /C calc'!A0".into();
    p.indicators[0].target = "-5".into();
    p.indicators[0].actual = "@home".into();
    p.indicators[0].deviation = "\u{1b}[31m+red".into();
    let csv = juesuan::export::to_csv(&r);
    let rows = records(&csv);
    let find = |table: &str, col: &str, pred: &dyn Fn(&[String]) -> bool| {
        rows.iter()
            .find(|f| f[0] == table && f[3] == col && pred(f))
            .unwrap_or_else(|| panic!("no row in\n{csv}"))
            .clone()
    };
    let by_value = |v: &'static str| move |f: &[String]| f[4] == v;
    // text cells starting with = + - @ tab CR get a leading ', anything else is as it was
    assert_eq!(find("03", "本年支出合计", &by_value("-12.50"))[2], "'=HYPERLINK(\"http://x\",\"y\")");
    assert_eq!(find("03", "本年支出合计", &by_value("3.00"))[2], "'+1+2");
    assert_eq!(find("03", "本年支出合计", &by_value("1.00"))[2], "'@SUM(A1:A2)");
    assert_eq!(find("03", "本年支出合计", &by_value("2.00"))[2], "'\tTAB");
    assert_eq!(find("03", "本年支出合计", &by_value("5.00"))[2], "a=1");
    // a carriage return is a control character: dropped, so the cell no longer starts with one
    assert_eq!(find("03", "本年支出合计", &by_value("4.00"))[2], "CR");
    // amounts stay numbers, negative ones too: no quote before -12.50 or -0.01
    let neg = find("03", "本年支出合计", &by_value("-0.01"));
    assert_eq!((neg[2].as_str(), neg[4].as_str(), neg[5].as_str()), ("'-2+3", "-0.01", "元"));
    assert!(csv.contains("\n03,,'+1+2,本年支出合计,3.00,元,placed\n"), "{csv}");
    assert!(csv.contains(",本年支出合计,-12.50,元,placed\n"), "{csv}");
    // the P table's text values: text cells, neutralised even when they look like numbers
    assert_eq!(find("P01", "", &|f| f[2] == "项目名称")[4], "'=cmd|' /C calc'!A0");
    assert_eq!(find("P01", "年度指标值", &|_| true)[4], "'-5");
    assert_eq!(find("P01", "实际完成值", &|_| true)[4], "'@home");
    assert_eq!(find("P01", "偏差原因分析及改进措施", &|_| true)[4], "[31m+red");
    // scores are numbers with a unit: never quoted
    assert!(rows.iter().filter(|f| f[5] == "分").all(|f| !f[4].starts_with('\'')));
    assert!(!csv.contains('\u{1b}') && !csv.contains('\r'));
    // the unchanged sample has nothing to neutralise: its export is as before
    let plain = juesuan::export::to_csv(ningxia());
    assert!(!plain.contains(",'"), "nothing in the sample starts with = + - @");
}

#[test]
fn csv_text_rule() {
    use juesuan::export::csv_text;
    for (raw, out) in [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("\r\n=x", "\n=x"),
        ("\u{7}=x", "'=x"),
        ("x\u{7}y\u{9b}z", "xyz"),
        ("合计", "合计"),
        ("", ""),
        ("'=x", "'=x"),
    ] {
        assert_eq!(csv_text(raw), out, "{raw:?}");
    }
}

/// The text of every `<text>` element of an SVG that must parse as XML.
fn svg_texts(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("not well-formed XML: {e}\n{svg}"));
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    doc.descendants().filter(|n| n.has_tag_name("text")).filter_map(|n| n.text().map(str::to_string)).collect()
}

const NASTY: &str = "<b>&amp;\u{0}\u{1}\u{8}\u{b}\u{c}\u{1b}[2J\u{7f}\u{85}\u{9b}\u{fffe}\u{ffff}\"'</b>";

#[test]
fn svg_of_names_with_control_characters_and_markup_is_well_formed() {
    let label = |s: &str| Label { zh: s.into(), en: s.into() };
    let chart = Chart {
        kind: "function".into(),
        title_zh: format!("标题{NASTY}"),
        title_en: format!("title{NASTY}"),
        unit: format!("元{NASTY}"),
        series: vec![label(&format!("甲{NASTY}")), label("乙")],
        items: vec![Item {
            key: "201".into(),
            label: format!("一般公共服务{NASTY}支出"),
            label_en: Some(format!("General{NASTY}")),
            code: Some("201".into()),
            values: vec![Some(d("12.50")), Some(d("-3.00"))],
            rate: None,
            children: Vec::new(),
        }],
        source_zh: format!("公开03表{NASTY}"),
        source_en: "table 03".into(),
        file_stem: String::new(),
        department: Some(format!("部门{NASTY}")),
        year: Some(2023),
    };
    for (lang, mode) in [("zh", "bars"), ("en", "bars"), ("zh", "treemap"), ("en", "treemap")] {
        let opts = DrawOptions { lang: lang.into(), mode: mode.into(), caption: true, ..Default::default() };
        let svg = view::svg(&chart, &opts).unwrap();
        let texts = svg_texts(&svg);
        let all = texts.join("\n");
        // markup is text, control characters are gone
        assert!(all.contains("<b>&amp;[2J\"'</b>"), "{all}");
        assert!(!all.chars().any(|c| c.is_control() && c != '\n'), "{all:?}");
    }
}

#[test]
fn every_chart_of_a_report_with_nasty_names_is_well_formed() {
    let text = std::str::from_utf8(common::NINGXIA).unwrap();
    let nasty = "<&>\u{1b}[1m\u{7}\u{9b}\"'";
    let text = text
        .replace("社会保障和就业支出", &format!("社会保障{nasty}和就业支出"))
        .replace("工资福利支出", &format!("工资{nasty}福利支出"))
        .replace("公务接待费", &format!("公务{nasty}接待费"))
        .replace("人事就业社会保障管理经费", &format!("人事{nasty}经费"));
    let r = juesuan::parse(text.as_bytes()).unwrap();
    let mut seen = String::new();
    for chart in view::charts(&r) {
        for path in [vec![], vec!["208".to_string()], vec!["人员经费".to_string()]] {
            let svg = view::svg(&chart, &DrawOptions { path, ..Default::default() }).unwrap();
            seen += &svg_texts(&svg).join("\n");
        }
    }
    assert!(seen.contains("<&>[1m\"'"), "a nasty name is drawn, as text: {seen}");
    assert!(!seen.contains('\u{1b}') && !seen.contains('\u{7}'));
}
