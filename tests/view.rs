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

/// 国家信访局 2024 (a corpus PDF, 万元): prints its 款 rows with names, so 款 names are the
/// document's; parsed once.
fn xinfang() -> Option<&'static juesuan::Report> {
    static R: std::sync::OnceLock<juesuan::Report> = std::sync::OnceLock::new();
    let bytes = common::shared("corpus/central_xinfang_2024_final.pdf")?;
    Some(R.get_or_init(|| juesuan::parse(&bytes).expect("the corpus PDF parses")))
}

fn figure<'a>(s: &'a view::Summary, key: &str) -> &'a view::Figure {
    s.figures.iter().find(|f| f.key == key).unwrap_or_else(|| panic!("no figure {key}: {s:?}"))
}

/// The figures checked by hand against the seed text (tests/fixtures/ningxia_hrss_2023.txt):
/// 01 line 204 `本年收入合计 27 416508919.65 本年支出合计 59 408982201.79`; 03 合计
/// 基本支出 109,469,344.58 and 项目支出 299,512,857.21 (26.77 % and 73.23 % of 408,982,201.79);
/// 07 (line 718) 合计 预算数 370674.75 and 决算数 370674.75; class 208 = 382,565,750.47,
/// 93.54 % of the spending; the 25 总分 得分 (P01 95.10 … P13 81.7 … P23 100) sum to 2,300.07,
/// 92.0028 on average.
#[test]
fn summary_of_the_seed_checked_by_hand() {
    let r = ningxia();
    let s = view::summary(r, &juesuan::check::check(r));
    assert_eq!((s.kind.as_str(), s.year), ("final", Some(2023)));
    let keys: Vec<&str> = s.figures.iter().map(|f| f.key.as_str()).collect();
    assert_eq!(keys, ["income", "spending", "basic_project", "sangong", "largest_class", "findings", "selfeval"]);
    let income = figure(&s, "income");
    assert_eq!((income.value_zh.as_str(), income.value_en.as_str()), ("4.17 亿元", "¥416.51 million"));
    assert_eq!((income.exact_zh.as_str(), income.target.as_str()), ("416,508,919.65 元", "chart:income"));
    // 02 合计: 财政拨款收入 412,820,500.56 of 416,508,919.65 = 99.11 %
    assert_eq!(income.note_zh, "其中财政拨款收入占 99.1%");
    let spending = figure(&s, "spending");
    assert_eq!((spending.value_zh.as_str(), spending.value_en.as_str()), ("4.09 亿元", "¥408.98 million"));
    assert_eq!(spending.exact_en, "408,982,201.79 yuan");
    let bp = figure(&s, "basic_project");
    assert_eq!(bp.value_zh, "基本 26.8% · 项目 73.2%");
    assert_eq!(bp.exact_zh, "基本支出 109,469,344.58 元 · 项目支出 299,512,857.21 元");
    assert_eq!((bp.share.as_deref(), bp.target.as_str()), (Some("26.8"), "chart:basic-project"));
    let sg = figure(&s, "sangong");
    assert_eq!((sg.value_zh.as_str(), sg.value_en.as_str()), ("37.07 万元", "¥370.67 thousand"));
    assert_eq!(sg.note_zh, "预算 370,674.75 元，完成预算的 100.0%");
    let largest = figure(&s, "largest_class");
    assert_eq!((largest.value_zh.as_str(), largest.value_en.as_str()), ("3.83 亿元", "¥382.57 million"));
    assert_eq!(largest.note_zh, "社会保障和就业支出（208），占支出的 93.5%");
    assert_eq!(largest.note_en, "Social security and employment (208), 93.5% of expenditure");
    let findings = figure(&s, "findings");
    let audit = juesuan::check::check(r);
    assert_eq!(findings.exact_zh, format!("共 {} 条", audit.findings.len()));
    assert!(findings.value_zh.starts_with(&format!("{} 错误", audit.errors())), "{}", findings.value_zh);
    assert_eq!(findings.target, "section:audit");
    let se = figure(&s, "selfeval");
    assert_eq!((se.value_zh.as_str(), se.exact_zh.as_str()), ("92.00 分", "最低 81.7 · 最高 100"));
    assert_eq!((se.note_zh.as_str(), se.target.as_str()), ("25 个项目", "section:performance"));
}

/// 国家信访局 2024, checked against `pdftotext -layout`: 01 本年收入合计 20,451.35 and 本年支出
/// 合计 14,572.53 万元; 03 合计 基本支出 11,073.11 and 项目支出 3,499.42 (the narrative: 75.99 %
/// and 24.01 %); class 201 一般公共服务支出 10,685.56 (the narrative: 73.33 %); 07 合计 预算数
/// 76.43 and 决算数 46.21 (the narrative: 完成预算的 60.46%).
#[test]
fn summary_of_a_corpus_pdf_in_wan_yuan() {
    let Some(r) = xinfang() else { return };
    let s = view::summary(r, &juesuan::check::check(r));
    assert_eq!(s.department.as_deref(), Some("国家信访局"));
    let income = figure(&s, "income");
    assert_eq!((income.value_zh.as_str(), income.value_en.as_str()), ("2.05 亿元", "¥204.51 million"));
    assert_eq!((income.exact_zh.as_str(), income.exact_en.as_str()), ("20,451.35 万元", "20,451.35 × 10,000 yuan"));
    assert_eq!(figure(&s, "spending").value_zh, "1.46 亿元");
    assert_eq!(figure(&s, "basic_project").value_zh, "基本 76.0% · 项目 24.0%");
    let sg = figure(&s, "sangong");
    assert_eq!((sg.value_zh.as_str(), sg.value_en.as_str()), ("46.21 万元", "¥462.10 thousand"));
    assert_eq!(sg.share.as_deref(), Some("60.5"));
    let largest = figure(&s, "largest_class");
    assert_eq!(largest.note_zh, "一般公共服务支出（201），占支出的 73.3%");
    assert_eq!(figure(&s, "selfeval").note_zh, "4 个项目");
}

/// A figure only where the document has its data: the blank Putuo template (07 empty, no
/// self-evaluations) has no 三公 or self-evaluation figure, never a zero.
#[test]
fn no_figure_without_data() {
    let Some(bytes) = common::template_bytes() else { return };
    let r = juesuan::parse(bytes).unwrap();
    let s = view::summary(&r, &juesuan::check::check(&r));
    let keys: Vec<&str> = s.figures.iter().map(|f| f.key.as_str()).collect();
    assert!(!keys.contains(&"selfeval") && keys.contains(&"findings"), "{keys:?}");
    let Some(r) = putuo() else { return };
    let s = view::summary(r, &juesuan::check::check(r));
    assert!(s.figures.iter().all(|f| f.key != "sangong" && f.key != "selfeval"), "{:?}", s.figures);
    assert_eq!(figure(&s, "spending").value_zh, "307.82 万元");
}

#[test]
fn amounts_rounded_for_reading() {
    use juesuan::model::MoneyUnit::{WanYuan, Yuan};
    let r = |v: &str, u| view::summary::reading(d(v), u).unwrap();
    assert_eq!(r("382565750.47", Yuan), ("3.83 亿元".into(), "¥382.57 million".into()));
    assert_eq!(r("383000000000", Yuan), ("3,830.00 亿元".into(), "¥383.00 billion".into()));
    assert_eq!(r("99999999.99", Yuan), ("10,000.00 万元".into(), "¥100.00 million".into()));
    assert_eq!(r("630", Yuan), ("0.06 万元".into(), "¥630.00".into()));
    assert_eq!(r("-1234.5", WanYuan), ("-1,234.50 万元".into(), "-¥12.35 million".into()));
    assert_eq!(r("79228162514264337593543950335", Yuan).0, "792,281,625,142,643,375,935.44 亿元");
    assert!(view::summary::reading(d("79228162514264337593543950335"), WanYuan).is_none(), "overflow: no figure");
    assert_eq!(view::share(d("1"), d("3")).as_deref(), Some("33.3"));
    assert_eq!(view::share(d("1"), d("0")), None);
    assert_eq!(view::share(d("2"), d("2")).as_deref(), Some("100.0"));
    // half away from zero, exactly: 1/8 = 12.5 % → 12.5; 1/16 = 6.25 % → 6.3; -6.25 % → -6.3
    assert_eq!(view::share(d("1"), d("16")).as_deref(), Some("6.3"));
    assert_eq!(view::share(d("-1"), d("16")).as_deref(), Some("-6.3"));
    assert_eq!(view::share(d("1"), d("-16")).as_deref(), Some("-6.3"));
    assert_eq!(view::share(d("0.04"), d("1000")).as_deref(), Some("0.0"));
    assert_eq!(view::share(d("382565750.47"), d("408982201.79")).as_deref(), Some("93.5"));
    // the integer path and Decimal division agree (digits past i128 take the second)
    let mut g = Lcg(7);
    for _ in 0..2000 {
        let p = Decimal::new(g.below(1 << 40) as i64 - (1 << 39), g.below(5) as u32);
        let w = Decimal::new(g.below(1 << 40) as i64 + 1, g.below(5) as u32);
        let by_decimal = view::percent(p, w).map(|x| view::fixed(x, 1));
        assert_eq!(view::share(p, w), by_decimal, "{p} / {w}");
    }
    let huge = d("79228162514264337593543950335");
    assert_eq!(view::share(huge, huge).as_deref(), Some("100.0"));
    assert_eq!(view::share(d("0.0000000000000000000000000001"), huge).as_deref(), Some("0.0"));
}

#[test]
fn items_carry_codes_and_english_names() {
    let r = ningxia();
    let f = chart(r, "function");
    let ss = &f.items[2];
    assert_eq!((ss.code.as_deref(), ss.label_en.as_deref()), (Some("208"), Some("Social security and employment")));
    // the seed prints 项 rows only: a 款 has no printed name and shows its code
    let kuan = &ss.children[1];
    assert_eq!((kuan.key.as_str(), kuan.label.as_str(), kuan.label_en.as_deref()), ("20805", "20805", None));
    assert_eq!(kuan.children[2].label, "机关事业单位基本养老保险缴费支出");
    let eco = chart(r, "economic");
    assert_eq!(eco.items[0].label_en.as_deref(), Some("Personnel expenses"));
    assert_eq!(eco.items[0].children[0].label_en.as_deref(), Some("Wages and benefits"));
    assert_eq!(eco.items[0].children[0].children[0].code.as_deref(), Some("30101"));
    let bp = chart(r, "basic-project");
    assert_eq!(bp.items[1].label_en.as_deref(), Some("Project expenditure"));
    assert_eq!(bp.items[1].code, None);
    let perf = chart(r, "performance");
    assert_eq!(perf.items[0].label_en, None, "a project's name is the document's own");
    let Some(x) = xinfang() else { return };
    // 国家信访局 03 prints `20140 信访事务` and `20805 行政事业单位养老支出`
    let f = chart(x, "function");
    let general = f.items.iter().find(|i| i.key == "201").unwrap();
    assert_eq!(general.children[0].label, "信访事务");
    let pension = &f.items.iter().find(|i| i.key == "208").unwrap().children[0];
    assert_eq!((pension.key.as_str(), pension.label.as_str()), ("20805", "行政事业单位养老支出"));
}

#[test]
fn file_stems_name_department_year_and_chart() {
    let r = ningxia();
    let f = chart(r, "function");
    assert_eq!(f.file_stem, "宁夏回族自治区人力资源和社会保障厅-2023-支出功能分类结构（类→款→项）");
    let stem = view::file_stem(Some("a/b\\c:d*e?f\"g<h>i|j\u{7}k"), Some(2024), "图");
    assert_eq!(stem, "a_b_c_d_e_f_g_h_i_j_k-2024-图");
    let long = "很".repeat(200);
    assert_eq!(view::file_stem(Some(&long), None, "图").chars().count(), 80);
    assert_eq!(view::file_stem(None, None, "收入来源"), "收入来源");
}

#[test]
fn hits_carry_what_a_tooltip_says() {
    let r = ningxia();
    let c = chart(r, "function");
    for mode in ["bars", "treemap"] {
        let opts = DrawOptions { mode: mode.into(), scale: 2.0, ..Default::default() };
        let mut svg = String::new();
        let size = (1440, view::height(&c, &opts));
        let drawn = view::draw(plotters::backend::SVGBackend::with_string(&mut svg, size), &c, &opts).unwrap();
        assert_eq!(drawn.total.as_deref(), Some("408982201.79"), "{mode}");
        let ss = drawn.hits.iter().find(|h| h.key == "208").unwrap();
        assert_eq!(
            (ss.amount.as_str(), ss.share.as_deref(), ss.code.as_deref()),
            ("382565750.47", Some("93.5"), Some("208"))
        );
        assert_eq!(
            (ss.label.as_str(), ss.label_en.as_deref()),
            ("社会保障和就业支出", Some("Social security and employment"))
        );
        assert!(ss.drill);
        assert_eq!(drawn.hits.len(), 6, "{mode}");
        assert_eq!(drawn.items.len(), 6);
    }
    // the performance chart's rates do not add up: no total, no shares
    let perf = chart(r, "performance");
    let mut svg = String::new();
    let opts = DrawOptions::default();
    let size = (720, view::height(&perf, &opts));
    let drawn = view::draw(plotters::backend::SVGBackend::with_string(&mut svg, size), &perf, &opts).unwrap();
    assert_eq!(drawn.total, None);
    assert!(drawn.hits.iter().all(|h| h.share.is_none()) && drawn.hits[0].amount == "94.21");
}

#[test]
fn execution_by_class_with_completion_rates() {
    let r = ningxia();
    let ex = chart(r, "execution");
    // 社会保障和就业支出年初预算为 225,464,350.75 元，支出决算为 380,428,984.11 元，完成年初预算的 168.73%
    let ss = &ex.items[3];
    assert_eq!((ss.rate, ss.code.as_deref()), (Some(d("168.73")), Some("208")));
    assert_eq!(ex.items[2].rate, Some(d("0")), "科学技术支出: 完成年初预算的 0%");
    let sg = chart(r, "sangong");
    assert_eq!(sg.source_zh, "公开07表（预算数、决算数）");
    assert_eq!(sg.items[2].rate, Some(d("100.00")), "公务接待费 46,630.00 of 46,630.00");
    assert_eq!(sg.items[0].rate, None, "blank budget: no rate");
    // a 05 that carries a budget column beside its actual one is read before the narrative:
    // the seed's 05 with each class's 年初预算 (as the narrative states it) in a 年初预算数
    // column, on the class's first 项 row
    let mut with_budget = r.clone();
    let lines = juesuan::check::budget_lines(r);
    let t = with_budget.tables.iter_mut().find(|t| t.id == juesuan::model::TableId::T05).unwrap();
    t.columns.insert(0, "年初预算数".into());
    let mut done: Vec<String> = Vec::new();
    for row in t.rows.iter_mut() {
        let Some(code) = row.code.clone().filter(|c| c.code.len() == 7) else { continue };
        let class = &code.code[..3];
        let name = juesuan::reference::function_class_name(class).unwrap();
        let Some(l) = lines.iter().find(|l| l.name == name) else { continue };
        if !done.iter().any(|c| c == class) {
            row.cells.push(juesuan::model::Cell::new("年初预算数", l.initial, juesuan::model::Read::Grid));
            done.push(class.to_string());
        }
    }
    // 科学技术支出 spent 0 and has no 05 row: five of the narrative's six classes
    assert_eq!(done.len(), 5);
    let ex = chart(&with_budget, "execution");
    assert_eq!(ex.source_zh, "公开05表（年初预算数、本年支出合计）");
    assert_eq!(ex.series[0].zh, "年初预算数");
    let ss = ex.items.iter().find(|i| i.key == "208").unwrap();
    // 05's 208 is the narrative's 支出决算 (380,428,984.11): the rate recomputed is the printed one
    assert_eq!(ss.values, [Some(d("225464350.75")), Some(d("380428984.11"))]);
    assert_eq!(ss.rate, Some(d("168.73")));
    assert_eq!(ss.label, "社会保障和就业支出");
}

/// The seed's function chart as a treemap, light and dark: one rectangle per 类, the
/// largest (208, 93.5 %) first, labels inside (reviewed by eye).
#[test]
fn svg_of_the_function_treemap() {
    let r = ningxia();
    let c = chart(r, "function");
    let svg = view::svg(&c, &DrawOptions { mode: "treemap".into(), ..Default::default() }).unwrap();
    insta::assert_snapshot!(svg);
    let dark = DrawOptions {
        mode: "treemap".into(),
        theme: "dark".into(),
        lang: "en".into(),
        path: vec!["208".into()],
        ..Default::default()
    };
    insta::assert_snapshot!("svg_of_the_function_treemap_208_dark_en", view::svg(&c, &dark).unwrap());
}

/// A tiny deterministic generator (no dependency): the property tests' inputs.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

fn inside(l: &view::treemap::TileLabel, a: &view::treemap::Area) -> bool {
    let h = l.size;
    l.x >= a.x - 1e-9 && l.y >= a.y - 1e-9 && l.x + l.w <= a.x + a.w + 1e-9 && l.y + h <= a.y + a.h + 1e-9
}

fn check_layout(items: &[view::Item], area: view::treemap::Area, en: bool, what: &str) {
    use juesuan::view::treemap;
    let total = items.iter().filter_map(|i| i.values[0]).try_fold(Decimal::ZERO, |a, v| a.checked_add(v));
    let tiles = treemap::layout(items, total, area, en);
    assert_eq!(tiles.len(), items.len() - treemap::left_out(items), "{what}");
    let mut covered = 0.0;
    for (i, t) in tiles.iter().enumerate() {
        let a = t.area;
        covered += a.w * a.h;
        assert!(a.x >= area.x - 1e-6 && a.y >= area.y - 1e-6, "{what}: {a:?} outside {area:?}");
        assert!(a.x + a.w <= area.x + area.w + 1e-6 && a.y + a.h <= area.y + area.h + 1e-6, "{what}: {a:?}");
        for l in &t.labels {
            // the estimated box (the view's own width estimate) lies inside the rectangle
            assert!(inside(l, &a), "{what}: label {l:?} overflows {a:?}");
            assert_eq!(l.w, view::text_width(&l.text, l.size));
        }
        for w in t.labels.windows(2) {
            assert!(w[0].y + w[0].size <= w[1].y, "{what}: label lines overlap");
        }
        for u in &tiles[i + 1..] {
            let b = u.area;
            let overlap = (a.x + a.w).min(b.x + b.w) - a.x.max(b.x);
            let overlap_y = (a.y + a.h).min(b.y + b.h) - a.y.max(b.y);
            assert!(overlap <= 1e-6 || overlap_y <= 1e-6, "{what}: {a:?} overlaps {b:?}");
        }
    }
    if !tiles.is_empty() {
        assert!((covered - area.w * area.h).abs() <= 1e-6 * area.w * area.h, "{what}: the tiles fill the area");
    }
}

/// Every label drawn in a treemap rectangle lies inside it (by the view's width estimate),
/// whatever the values, names and width: the seed's charts at every width from 280 to
/// 1,280 and 300 generated levels (1–40 items, values over nine orders of magnitude,
/// names of 1–30 characters, Chinese or not, some blank or negative).
#[test]
fn treemap_labels_fit_their_rectangles() {
    use juesuan::view::treemap::{plot_height, Area};
    let r = ningxia();
    for c in view::charts(r) {
        for width in (280..=1280).step_by(50) {
            let w = width as f64;
            let area = Area { x: 8.0, y: 60.0, w: w - 16.0, h: plot_height(w) };
            let (items, _) = view::level(&c, &[]);
            check_layout(items, area, false, &c.kind);
            check_layout(items, area, true, &c.kind);
            for it in items.iter().filter(|i| !i.children.is_empty()) {
                check_layout(&it.children, area, false, &it.key);
            }
        }
    }
    let mut g = Lcg(20001);
    let chars: Vec<char> = "社会保障和就业支出一般公共服务abcdefgh WXYZ0123".chars().collect();
    for case in 0..300 {
        let n = 1 + g.below(40) as usize;
        let items: Vec<view::Item> = (0..n)
            .map(|i| {
                let len = 1 + g.below(30) as usize;
                let label: String = (0..len).map(|_| chars[g.below(chars.len() as u64) as usize]).collect();
                let value = match g.below(10) {
                    0 => None,
                    1 => Some(-Decimal::from(g.below(1000))),
                    _ => Some(Decimal::new(g.below(1_000_000_000) as i64 + 1, g.below(3) as u32)),
                };
                view::Item {
                    key: format!("k{i}"),
                    label,
                    label_en: None,
                    code: None,
                    values: vec![value],
                    rate: None,
                    children: vec![],
                }
            })
            .collect();
        let w = 280.0 + g.below(1000) as f64;
        let area = Area { x: 8.0, y: 50.0, w: w - 16.0, h: plot_height(w) };
        check_layout(&items, area, false, &format!("case {case}"));
    }
}

/// Squarified: the rectangles' areas are proportional to the values, and the first
/// (largest) of similar values is not a sliver.
#[test]
fn squarify_keeps_areas_proportional() {
    use juesuan::view::treemap::{squarify, Area};
    let area = Area { x: 0.0, y: 0.0, w: 600.0, h: 400.0 };
    // the paper's example: 6, 6, 4, 3, 2, 2, 1 on a 6 × 4 rectangle
    let values = [6.0, 6.0, 4.0, 3.0, 2.0, 2.0, 1.0];
    let rects = squarify(&values, area);
    assert_eq!(rects.len(), 7);
    for (v, r) in values.iter().zip(&rects) {
        assert!((r.w * r.h - v * 10_000.0).abs() < 1e-6, "{v}: {r:?}");
    }
    // the first two (6 and 6) stand in a column of the left half, each 3 × 2 (aspect 1.5)
    assert!((rects[0].w - 300.0).abs() < 1e-6 && (rects[0].h - 200.0).abs() < 1e-6, "{:?}", rects[0]);
    let worst = rects.iter().map(|r| (r.w / r.h).max(r.h / r.w)).fold(0.0, f64::max);
    assert!(worst < 3.0, "worst aspect {worst}");
}

/// Text colour on every treemap fill keeps WCAG AA contrast (4.5:1), in both themes; the
/// page's own text colours too.
#[test]
fn treemap_text_contrast() {
    use juesuan::view::treemap::{colors, contrast};
    for theme in ["light", "dark"] {
        let c = colors(theme);
        assert!(c.len() >= 6);
        for (fill, text) in c {
            let ratio = contrast(fill, text);
            assert!(ratio >= 4.5, "{theme}: {fill:?} / {text:?} = {ratio:.2}");
        }
    }
    assert!(contrast_ok([0x22; 3], [0xff; 3]) && contrast_ok([0xee; 3], [0x1d, 0x20, 0x24]));
    assert!(contrast_ok([0x5f, 0x66, 0x6d], [0xff; 3]) && contrast_ok([0xaa, 0xb0, 0xb8], [0x1d, 0x20, 0x24]));
    assert!(contrast([0; 3], [0xff; 3]) > 20.9);
}

fn contrast_ok(a: [u8; 3], b: [u8; 3]) -> bool {
    juesuan::view::treemap::contrast(a, b) >= 4.5
}

/// Ideographs and full-width punctuation: what an English reader cannot read.
fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
}

/// Every run of CJK characters in `s`.
fn cjk_runs(s: &str) -> Vec<String> {
    let mut runs = Vec::new();
    let mut cur = String::new();
    for ch in s.chars() {
        if is_cjk(ch) {
            cur.push(ch);
        } else if !cur.is_empty() {
            runs.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        runs.push(cur);
    }
    runs
}

fn untranslated(items: &[view::Item], out: &mut Vec<String>) {
    for it in items {
        if it.label_en.is_none() {
            out.push(it.label.clone());
        }
        untranslated(&it.children, out);
    }
}

fn svg_texts(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text().map(|t| t.trim().to_string()))
        .collect()
}

/// Drawing every chart of the seed in English, in both modes and at every level a click
/// reaches, yields no CJK text but the names of items that have no English name.
#[test]
fn english_drawings_have_no_chinese_but_document_names() {
    let r = ningxia();
    let mut checked = 0;
    for c in view::charts(r) {
        let mut allowed = Vec::new();
        untranslated(&c.items, &mut allowed);
        let mut paths: Vec<Vec<String>> = vec![vec![]];
        for it in c.items.iter().filter(|i| !i.children.is_empty()) {
            paths.push(vec![it.key.clone()]);
            for k in it.children.iter().filter(|i| !i.children.is_empty()) {
                paths.push(vec![it.key.clone(), k.key.clone()]);
            }
        }
        for path in paths {
            for mode in ["bars", "treemap"] {
                for width in [280, 720] {
                    let opts = DrawOptions {
                        lang: "en".into(),
                        mode: mode.into(),
                        width,
                        path: path.clone(),
                        ..Default::default()
                    };
                    for text in svg_texts(&view::svg(&c, &opts).unwrap()) {
                        for run in cjk_runs(&text) {
                            assert!(
                                allowed.iter().any(|a| a.contains(&run)),
                                "{} {mode} {width} {path:?}: `{run}` in `{text}` is not an untranslated item name",
                                c.kind
                            );
                        }
                        checked += 1;
                    }
                }
            }
        }
    }
    assert!(checked > 500, "{checked} texts");
    // the English names are drawn: 208 as `Social security and employment`
    let f = chart(r, "function");
    let svg = view::svg(&f, &DrawOptions { lang: "en".into(), ..Default::default() }).unwrap();
    assert!(svg.contains("Social security and employment"));
    assert!(!svg.contains("社会保障和就业支出"));
}

/// The estimated box of every `<text>` of an SVG: (text, x0, y0, x1, y1) in pixels, by the
/// view's width estimate at the drawn font size (`dy="0.76em"`: y is the top).
fn text_boxes(svg: &str) -> Vec<(String, f64, f64, f64, f64)> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| {
            let num = |a: &str| n.attribute(a).unwrap().parse::<f64>().unwrap();
            let text = n.text().unwrap_or_default().trim().to_string();
            let (x, y, size) = (num("x"), num("y"), num("font-size"));
            let w = view::text_width(&text, size);
            let x0 = match n.attribute("text-anchor") {
                Some("middle") => x - w / 2.0,
                Some("end") => x - w,
                _ => x,
            };
            (text, x0, y, x0 + w, y + size)
        })
        .collect()
}

/// At 280 CSS pixels (a phone) and at 720, in both modes, languages and at scale 1 and 2,
/// no two texts of any chart of the seed or of a corpus PDF overlap and none leaves the
/// drawing.
#[test]
fn narrow_drawings_do_not_overlap() {
    let mut reports = vec![ningxia()];
    reports.extend(xinfang());
    reports.extend(putuo());
    let mut drawn = 0;
    for r in reports {
        for c in view::charts(r) {
            let mut paths = vec![vec![]];
            paths.extend(c.items.iter().filter(|i| !i.children.is_empty()).map(|i| vec![i.key.clone()]));
            for (mode, lang, width, scale, path) in ["bars", "treemap"]
                .iter()
                .flat_map(|m| ["zh", "en"].map(|l| (m, l)))
                .flat_map(|(m, l)| [(280, 1.0), (280, 2.0), (720, 1.0)].map(|(w, s)| (*m, l, w, s)))
                .flat_map(|(m, l, w, s)| paths.iter().map(move |p| (m, l, w, s, p.clone())))
            {
                let opts = DrawOptions {
                    mode: mode.into(),
                    lang: lang.into(),
                    width,
                    scale,
                    path,
                    caption: true,
                    ..Default::default()
                };
                let svg = view::svg(&c, &opts).unwrap();
                let (w, h) = ((width as f64 * scale).round(), view::height(&c, &opts) as f64);
                let boxes = text_boxes(&svg);
                let what = format!(
                    "{} {} {mode} {lang} {width}×{scale} {:?}",
                    r.department.as_deref().unwrap_or("?"),
                    c.kind,
                    opts.path
                );
                for (i, a) in boxes.iter().enumerate() {
                    assert!(
                        a.1 >= -0.5 && a.3 <= w + 0.5 && a.2 >= -0.5 && a.4 <= h + 0.5,
                        "{what}: `{}` leaves the {w}×{h} drawing: {a:?}",
                        a.0
                    );
                    for b in &boxes[i + 1..] {
                        let apart = a.3 <= b.1 + 0.5 || b.3 <= a.1 + 0.5 || a.4 <= b.2 + 0.5 || b.4 <= a.2 + 0.5;
                        assert!(apart, "{what}: `{}` {a:?} overlaps `{}` {b:?}", a.0, b.0);
                    }
                }
                drawn += 1;
            }
        }
    }
    assert!(drawn > 100);
}

/// `juesuan summary` keeps what it printed and adds the figures, one line each.
#[test]
fn cli_summary_prints_the_figures() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_juesuan"))
        .args(["summary", common::NINGXIA_PATH])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("本年收入合计       416508919.65 元"), "{text}");
    let line =
        |key: &str| text.lines().find(|l| l.split_whitespace().next() == Some(key)).unwrap_or_default().to_string();
    assert_eq!(line("income"), "income       4.17 亿元 (416,508,919.65 元) — 其中财政拨款收入占 99.1%");
    assert_eq!(
        line("largest_class"),
        "largest_class 3.83 亿元 (382,565,750.47 元) — 社会保障和就业支出（208），占支出的 93.5%"
    );
    assert!(line("selfeval").starts_with("selfeval     92.00 分"), "{text}");
}
