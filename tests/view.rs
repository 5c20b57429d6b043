//! Chart specs from real documents (values as printed) and their SVG rendering.

mod common;

use common::{d, ningxia, putuo};
use juesuan::view::{self, Chart, DrawOptions};
use rust_decimal::Decimal;

fn chart(r: &juesuan::Report, kind: &str) -> Chart {
    view::chart(r, kind).unwrap()
}

fn keys(items: &[view::Item]) -> Vec<&str> {
    items.iter().map(|i| i.key.as_str()).collect()
}

#[test]
fn function_chart_drills_from_class_to_item() {
    let r = ningxia();
    let c = chart(r, "function");
    assert_eq!((c.unit.as_str(), c.source_zh.as_str()), ("元", "公开03表"));
    assert_eq!(keys(&c.items), ["201", "205", "208", "210", "221", "223"]);
    let total: Decimal = c.items.iter().map(|i| i.values[0].unwrap()).sum();
    assert_eq!(total, d("408982201.79"), "the classes add up to 03's 合计");
    let (items, trail) = view::level(&c, &["208".into()]);
    assert_eq!(trail[0].label, "社会保障和就业支出");
    assert_eq!(trail[0].values[0], Some(d("382565750.47")));
    assert_eq!(keys(items), ["20801", "20805", "20807", "20899"]);
    let (items, _) = view::level(&c, &["208".into(), "20805".into()]);
    assert_eq!(keys(items), ["2080501", "2080502", "2080505", "2080506"]);
    assert_eq!(items[2].label, "机关事业单位基本养老保险缴费支出");
    // a path through a leaf or an unknown key stops at the last level that has children
    let (items, trail) = view::level(&c, &["208".into(), "20805".into(), "2080505".into(), "x".into()]);
    assert_eq!((trail.len(), items.len()), (2, 4));
}

#[test]
fn structure_charts_restate_the_tables() {
    let r = ningxia();
    let bp = chart(r, "basic-project");
    assert_eq!(keys(&bp.items), ["基本支出", "项目支出"]);
    assert_eq!(bp.items[1].values, [Some(d("299512857.21"))]);
    let income = chart(r, "income");
    assert_eq!(keys(&income.items), ["财政拨款收入", "事业收入", "其他收入"]);
    assert_eq!(income.items[0].values, [Some(d("412820500.56"))]);
    let eco = chart(r, "economic");
    assert_eq!(keys(&eco.items), ["人员经费", "公用经费"]);
    assert_eq!(eco.items[0].values, [Some(d("95849623.65"))]);
    assert_eq!(eco.items[1].values, [Some(d("10397573.62"))]);
    assert_eq!(keys(&eco.items[0].children), ["301", "303"]);
    assert_eq!(keys(&eco.items[1].children), ["302", "310"]);
    assert_eq!(eco.items[0].children[0].children[0].values, [Some(d("20628609.44"))], "30101 基本工资");
    let sg = chart(r, "sangong");
    assert_eq!(sg.series.iter().map(|s| s.zh.as_str()).collect::<Vec<_>>(), ["预算数", "决算数"]);
    assert_eq!(keys(&sg.items), ["因公出国（境）费", "公务用车购置及运行维护费", "公务接待费"]);
    assert_eq!(keys(&sg.items[1].children), ["公务用车购置费", "公务用车运行维护费"]);
    assert_eq!(sg.items[2].values, [Some(d("46630.00")), Some(d("46630.00"))]);
    assert_eq!(sg.items[0].values, [None, None], "blank cells stay blank");
}

#[test]
fn execution_and_performance_charts() {
    let r = ningxia();
    let ex = chart(r, "execution");
    assert_eq!(ex.source_zh, "决算情况说明");
    assert_eq!(
        keys(&ex.items),
        ["一般公共服务支出", "教育支出", "科学技术支出", "社会保障和就业支出", "卫生健康支出", "住房保障支出"]
    );
    assert_eq!(ex.items[3].values, [Some(d("225464350.75")), Some(d("380428984.11"))]);
    assert_eq!(ex.items[2].values, [Some(d("2248420.00")), Some(d("0"))]);
    let lines = juesuan::check::budget_lines(r);
    assert_eq!(lines[0].name, "一般公共预算财政拨款支出");
    assert_eq!(lines[0].rate, Some(d("162.22")));
    let perf = chart(r, "performance");
    assert_eq!(perf.items.len(), 25);
    assert_eq!((perf.items[0].key.as_str(), perf.items[0].label.as_str()), ("P01", "人事就业社会保障管理经费"));
    assert_eq!(perf.items[0].values, [Some(d("94.21")), Some(d("95.10"))]);
}

#[test]
fn pdf_charts_in_wan_yuan() {
    let Some(r) = putuo() else { return };
    let bp = chart(r, "basic-project");
    assert_eq!(bp.unit, "万元");
    assert_eq!(bp.items.iter().map(|i| i.values[0].unwrap()).collect::<Vec<_>>(), [d("105.58"), d("202.24")]);
    let f = chart(r, "function");
    let total: Decimal = f.items.iter().map(|i| i.values[0].unwrap()).sum();
    assert_eq!(total, d("307.82"));
    // 07 is printed empty and the narrative states no 年初预算 by class: charts without items
    assert!(chart(r, "sangong").items.is_empty());
    assert!(chart(r, "performance").items.is_empty());
    let empty = view::svg(&chart(r, "sangong"), &DrawOptions::default()).unwrap();
    assert!(empty.contains("本文件无此项数据") && !empty.contains("来源"));
    let none = chart(r, "performance");
    assert!(view::height(&none, &DrawOptions::default()) < 100, "an empty chart takes one line");
    // the narrative states budget execution only for the whole: that is what is shown
    let ex = chart(r, "execution");
    assert_eq!(keys(&ex.items), ["一般公共预算财政拨款支出"]);
    assert_eq!(ex.items[0].values, [Some(d("0")), Some(d("307.82"))]);
}

#[test]
fn drawing_returns_what_a_click_can_hit() {
    let r = ningxia();
    let c = chart(r, "function");
    let opts = DrawOptions { width: 600, scale: 2.0, ..Default::default() };
    let height = view::height(&c, &opts);
    let mut svg = String::new();
    let hits =
        view::draw(plotters::backend::SVGBackend::with_string(&mut svg, (1200, height)), &c, &opts).unwrap().hits;
    assert_eq!(hits.len(), 6);
    assert!(hits.iter().all(|h| h.drill && h.w == 1200 && h.h > 0));
    assert!(hits.windows(2).all(|w| w[0].y + w[0].h <= w[1].y), "rows do not overlap");
    assert!(hits.last().map(|h| (h.y + h.h) as u32 <= height).unwrap());
    let deeper = DrawOptions { path: vec!["208".into()], ..opts };
    assert!(view::height(&c, &deeper) < height, "four 款 rows take less room than six 类 rows");
}

#[test]
fn svg_of_the_sangong_chart() {
    let r = ningxia();
    let svg = view::svg(&chart(r, "sangong"), &DrawOptions::default()).unwrap();
    insta::assert_snapshot!(svg);
    let en = view::svg(&chart(r, "sangong"), &DrawOptions { lang: "en".into(), ..Default::default() }).unwrap();
    assert!(en.contains("“Three public” expenses") && en.contains("Unit: yuan"));
}

#[test]
fn amounts_are_grouped_as_printed() {
    assert_eq!(view::group_digits(d("382565750.47")), "382,565,750.47");
    assert_eq!(view::group_digits(d("-350000.00")), "-350,000.00");
    assert_eq!(view::group_digits(d("105.58")), "105.58");
    assert_eq!(view::group_digits(d("1000")), "1,000");
}

fn spec(kind: &str, values: Vec<Vec<Option<Decimal>>>) -> Chart {
    Chart {
        kind: kind.into(),
        title_zh: "图".into(),
        title_en: "chart".into(),
        unit: "元".into(),
        series: vec![view::Label { zh: "甲".into(), en: "a".into() }, view::Label { zh: "乙".into(), en: "b".into() }],
        items: values
            .into_iter()
            .enumerate()
            .map(|(i, values)| view::Item {
                key: format!("P{i}"),
                label: "项目".into(),
                label_en: None,
                code: None,
                values,
                rate: None,
                children: vec![],
            })
            .collect(),
        source_zh: String::new(),
        source_en: String::new(),
        file_stem: String::new(),
        department: None,
        year: None,
    }
}

/// The scatter's x axis once drew a tick every 20 % up to the largest execution rate: a
/// rate of millions of per cent (fuzz: `text-timeout-performance-chart-ticks.txt`, 100 s
/// and 5 GB) drew millions of ticks. At most ten now, whatever the rate.
#[test]
fn performance_axis_has_at_most_ten_ticks() {
    let drawn = |rate: &str| {
        let c = spec("performance", vec![vec![Some(d(rate)), Some(d("90"))]]);
        view::svg(&c, &DrawOptions::default()).unwrap()
    };
    let ticks = |svg: &str| svg.matches("<polyline").count();
    let usual = drawn("98.5");
    // 0, 20 … 100 across and 0, 20 … 100 up: as before
    assert_eq!(ticks(&usual), 12);
    for rate in ["250", "3162919.13", "79228162514264337593543950335"] {
        let svg = drawn(rate);
        assert!(ticks(&svg) <= 11 + 6, "{rate}: {} lines", ticks(&svg));
    }
}

/// A bar's length is the value over the largest: a tiny largest value and a huge one once
/// overflowed the division (a panic); the bar is now drawn full length.
#[test]
fn bars_of_extreme_values_are_drawn() {
    let c = spec(
        "income",
        vec![
            vec![Some(d("0.0000000000000000000000000001")), None],
            vec![Some(d("-79228162514264337593543950335")), Some(d("79228162514264337593543950335"))],
        ],
    );
    view::svg(&c, &DrawOptions::default()).unwrap();
    let c =
        spec("income", vec![vec![Some(d("79228162514264337593543950335")), Some(d("0.0000000000000000000000000001"))]]);
    view::svg(&c, &DrawOptions::default()).unwrap();
}
