//! 绩效目标表 and 部门整体绩效自评表 from real PDFs of five producers, read by hand with
//! `pdftotext -layout` (page numbers are the PDF's): the kind, project, a fund amount and
//! indicators with 指标值 / 分值 of each, how many tables each document yields against how
//! many it prints, and the audit's performance rules on them (with mutations that must
//! fail). Read from `../shared/`; skipped (or failed under `CI=true`) when missing.

mod common;

use common::d;
use juesuan::model::{DocumentKind, Indicator, PerformanceKind, PerformanceTable, Report, Severity};
use rust_decimal::Decimal;

fn report(file: &str) -> Option<Report> {
    let bytes = common::shared(&format!("corpus/{file}"))?;
    Some(juesuan::parse(&bytes).expect("the PDF parses"))
}

fn fund(p: &PerformanceTable, row: &str, column: &str) -> Option<Decimal> {
    p.funds.iter().find(|f| f.name == row).and_then(|f| f.value(column))
}

fn indicator<'a>(p: &'a PerformanceTable, name: &str) -> &'a Indicator {
    p.indicators.iter().find(|i| i.name == name).unwrap_or_else(|| panic!("{}: no indicator {name}", p.id))
}

fn errors(r: &Report, rule: &str) -> Vec<String> {
    juesuan::check::check(r)
        .findings
        .iter()
        .filter(|f| f.rule == rule && f.severity == Severity::Error)
        .map(|f| f.message_zh.clone())
        .collect()
}

fn checked(r: &Report, rule: &str) -> usize {
    juesuan::check::check(r).runs.iter().find(|x| x.rule == rule).map_or(0, |x| x.checked)
}

#[test]
fn guangzhou_a_list_of_projects_with_packed_indicators() {
    let Some(r) = report("guangzhou_eco_2026_project_perf_target.pdf") else { return };
    assert_eq!(r.kind, DocumentKind::PerformanceTargets);
    // 140 pages print 300 project rows (a 绩效目标 cell each); the 合计 row and the
    // subtotals of the units (`广州市生态环境局 12,887.86`) are no projects
    assert_eq!(r.performance.len(), 300);
    assert!(r.performance.iter().all(|p| p.kind == PerformanceKind::ProjectTarget && !p.indicators.is_empty()));
    // nothing a target table does not print is made up
    let inds = r.performance.iter().flat_map(|p| &p.indicators);
    assert!(inds.clone().all(|i| i.score.is_none() && i.actual.is_empty() && !i.target.is_empty()));
    // p1: `广州市镇（街）园区环保监督检查员经费（越秀区） 238.00 238.00`, under 广州市生态环境局
    let p = &r.performance[0];
    assert_eq!(p.project, "广州市镇（街）园区环保监督检查员经费（越秀区）");
    assert_eq!(p.implementer, "广州市生态环境局");
    assert_eq!(fund(p, "年度资金总额", "预算数"), Some(d("238.00")));
    assert_eq!(fund(p, "当年财政拨款", "预算数"), Some(d("238.00")));
    assert!(p.goal_expected.starts_with("通过开展广州市建立镇（街）园区环境保护监督检查员队伍"));
    // `1.1－产出指标，11－数量指标，项目专职环保员数量；实施周期指标值：≦核定人数，年度指标值：≦核定人数`
    let i = &p.indicators[0];
    assert_eq!(
        (i.level1.as_str(), i.level2.as_str(), i.name.as_str(), i.target.as_str()),
        ("产出指标", "数量指标", "项目专职环保员数量", "≦核定人数")
    );
    // `2、2－效益指标，22－社会效益，环保信访投诉办结率；…年度指标值：≥90%`
    assert_eq!(indicator(p, "环保信访投诉办结率").target, "≥90%");
    assert_eq!(indicator(p, "环保信访投诉办结率").level2, "社会效益");
    // p1 `广州市镇（街）园区环保监督检查员经费（海珠区） 619.50`
    assert_eq!(fund(&r.performance[1], "年度资金总额", "预算数"), Some(d("619.50")));
    // every table's funds add up where printed
    assert!(checked(&r, "P.funds") >= 300);
    assert!(errors(&r, "P.funds").is_empty(), "{:?}", errors(&r, "P.funds"));
}

#[test]
fn ningde_a_department_self_evaluation() {
    let Some(mut r) = report("ningde_govoffice_2024_dept_selfeval.pdf") else { return };
    assert_eq!(r.kind, DocumentKind::SelfEvaluation);
    assert_eq!(r.performance.len(), 1, "one 部门整体绩效自评表 printed");
    let p = &r.performance[0];
    assert_eq!(p.kind, PerformanceKind::DepartmentSelfEvaluation);
    assert_eq!(p.department, "宁德市人民政府办公室");
    // `合计 9209.55 790.22 9999.77 8874.74 88.75 1125.03 11.2500 10 7`: ① 年初, ③ 小计 (the
    // year's budget), ④ 年度拨付金额 (spent), ⑤ 支出实现率, 分值, 得分
    let total = |c: &str| fund(p, "年度资金总额", c);
    assert_eq!(total("年初预算数"), Some(d("9209.55")));
    assert_eq!(total("全年预算数"), Some(d("9999.77")));
    assert_eq!(total("全年执行数"), Some(d("8874.74")));
    assert_eq!(total("执行率"), Some(d("88.75")));
    assert_eq!((total("分值"), total("得分")), (Some(d("10")), Some(d("7"))));
    // `基本经费投入成本 ≤3843.67万元 4262.96 4 0 年中追加预算经费…`
    let i = indicator(p, "基本经费投入成本");
    assert_eq!((i.target.as_str(), i.actual.as_str()), ("≤3843.67万元", "4262.96"));
    assert_eq!((i.weight, i.score), (Some(d("4")), Some(d("0"))));
    assert!(i.deviation.starts_with("年中追加预算经费"));
    // `市政府常务会议场次 ≥30次 20 2 1.33`
    let i = indicator(p, "市政府常务会议场次");
    assert_eq!((i.level1.as_str(), i.level2.as_str()), ("产出指标", "数量指标"));
    assert_eq!((i.weight, i.score), (Some(d("2")), Some(d("1.33"))));
    assert_eq!(p.indicators.len(), 17);
    // `总分值、评价总分(S) 92.33`: the score alone
    assert_eq!(p.total, Some((None, d("92.33"))));
    // 10 + Σ 指标分值 = 100 and 7 + Σ 得分 = 92.33: the rules pass
    assert!(checked(&r, "P.weights") == 1 && errors(&r, "P.weights").is_empty());
    assert!(checked(&r, "P.total") == 1 && errors(&r, "P.total").is_empty());
    // the document's own slip: 财政资金小计 and 其他资金小计 print 0.00 under a 合计 of
    // 9209.55 (its ③地方财政资金 carries the amount)
    assert_eq!(errors(&r, "P.funds").len(), 3);
    // mutations: a score changed breaks the total, a weight changed the weights
    let p = &mut r.performance[0];
    p.indicators[0].score = Some(d("1"));
    assert_eq!(errors(&r, "P.total").len(), 1);
    r.performance[0].indicators[0].weight = Some(d("3"));
    assert_eq!(errors(&r, "P.weights").len(), 1);
}

#[test]
fn yantai_one_form_per_project_continued_over_pages() {
    let Some(r) = report("yantai_finance_2026_budget.pdf") else { return };
    assert_eq!(r.kind, DocumentKind::Budget);
    // 12 政策和项目预算绩效目标表 with a 项目名称 (pp. 32–48), the title printed twice a page
    assert_eq!(r.performance.len(), 12);
    assert!(r.performance.iter().all(|p| p.kind == PerformanceKind::ProjectTarget));
    assert!(!r.diagnostics.iter().any(|x| x.code == "performance.targets_unread"));
    // p32: `公车统管费用`, `228_烟台市财政局`, `烟台市财政局`, `年度预算资金总额： 30.00`
    let p = &r.performance[0];
    assert_eq!(
        (p.project.as_str(), p.department.as_str(), p.implementer.as_str()),
        ("公车统管费用", "228_烟台市财政局", "烟台市财政局")
    );
    assert_eq!(fund(p, "年度资金总额", "预算数"), Some(d("30.00")));
    assert_eq!(fund(p, "当年财政拨款", "预算数"), Some(d("30.00")));
    assert_eq!(fund(p, "其他资金", "预算数"), Some(d("0.00")));
    assert!(p.goal_expected.starts_with("通过科学合理的车辆统管"));
    // `绩效指标 产出指标 数量指标 车辆租赁次数 ≤400次`; no 分值 printed
    let i = indicator(p, "车辆租赁次数");
    assert_eq!((i.level1.as_str(), i.level2.as_str(), i.target.as_str()), ("产出指标", "数量指标", "≤400次"));
    assert!(p.indicators.iter().all(|i| i.weight.is_none() && i.score.is_none()));
    // p34 continues 财政工作专项经费 (p33) without its header: `职工满意度 =100%`
    let p = &r.performance[1];
    assert_eq!(p.project, "财政工作专项经费");
    assert_eq!(fund(p, "年度资金总额", "预算数"), Some(d("315.00")));
    let i = indicator(p, "职工满意度");
    assert_eq!((i.level1.as_str(), i.target.as_str()), ("满意度指标", "=100%"));
    assert_eq!(indicator(p, "人均会议成本").target, "≤400元/人天");
    assert!(checked(&r, "P.funds") >= 12 && errors(&r, "P.funds").is_empty());
}

#[test]
fn central_budget_targets_with_weights() {
    let Some(mut r) = report("central_xinfang_2026_budget.pdf") else { return };
    // three 绩效目标表 (pp. 30–32)
    assert_eq!(r.performance.len(), 3);
    let p = &r.performance[0];
    assert_eq!(p.project, "信息化运行维护");
    // p30 `年度资金总额： 2,134.87`, `其中：财政拨款 1,384.87`, `上年结转 750.00`, `其他资金 -`
    assert_eq!(fund(p, "年度资金总额", "预算数"), Some(d("2134.87")));
    assert_eq!(fund(p, "当年财政拨款", "预算数"), Some(d("1384.87")));
    assert_eq!(fund(p, "上年结转资金", "预算数"), Some(d("750.00")));
    assert_eq!(fund(p, "其他资金", "预算数"), Some(Decimal::ZERO));
    // `执行率分值（10）`
    assert_eq!(fund(p, "年度资金总额", "分值"), Some(d("10")));
    // `成本指标 经济成本指标 项目总成本 ≤2134.87 万元 20`, `设备完好率 ≥96% 8`
    let i = indicator(p, "项目总成本");
    assert_eq!((i.level1.as_str(), i.target.as_str(), i.weight), ("成本指标", "≤2134.87万元", Some(d("20"))));
    assert_eq!(indicator(p, "设备完好率").weight, Some(d("8")));
    assert_eq!(p.indicators.len(), 9);
    // 10 + 90 = 100 and 2,134.87 = 1,384.87 + 750 + 0 in all three
    assert_eq!(checked(&r, "P.weights"), 3);
    assert!(errors(&r, "P.weights").is_empty() && errors(&r, "P.funds").is_empty());
    // mutations: a weight or a source changed must fail
    r.performance[0].indicators[0].weight = Some(d("21"));
    assert_eq!(errors(&r, "P.weights").len(), 1);
    let f = r.performance[0].funds.iter_mut().find(|f| f.name == "上年结转资金").unwrap();
    f.cells[0].value = d("751.00");
    assert_eq!(errors(&r, "P.funds").len(), 1);
}

#[test]
fn chongqing_department_project_and_list_targets() {
    let Some(r) = report("chongqing_water_2026_budget.pdf") else { return };
    // 表十 部门整体, 表十一 ×2 重点专项 (forms), 表十二 一般性项目 (a list of one project)
    let kinds: Vec<PerformanceKind> = r.performance.iter().map(|p| p.kind).collect();
    assert_eq!(
        kinds,
        [
            PerformanceKind::DepartmentTarget,
            PerformanceKind::ProjectTarget,
            PerformanceKind::ProjectTarget,
            PerformanceKind::ProjectTarget
        ]
    );
    // p30 `续建大中型水库 ≥ 27 座 20 是`: 指标性质 and 计量单位 as columns
    let i = indicator(&r.performance[0], "续建大中型水库");
    assert_eq!(
        (i.direction.as_str(), i.target.as_str(), i.measure.as_str(), i.weight),
        ("≥", "27", "座", Some(d("20")))
    );
    assert!(r.performance[0].goal_expected.starts_with("完善全市水网建设布局"));
    // p31 `水库移民后期扶持 … 当年预算 12,700.00`
    let p = &r.performance[1];
    assert_eq!((p.project.as_str(), p.department.as_str()), ("水库移民后期扶持", "重庆市水利局"));
    assert_eq!(fund(p, "年度资金总额", "预算数"), Some(d("12700.00")));
    assert_eq!(indicator(p, "项目覆盖区县数量").weight, Some(d("30")));
    // p33 `1 水利行业业务经费 14,299.16 … 发布重要水情专报 ≥ 50 次数 40`
    let p = &r.performance[3];
    assert_eq!(p.project, "水利行业业务经费");
    assert_eq!(fund(p, "当年财政拨款", "预算数"), Some(d("14299.16")));
    let i = indicator(p, "发布重要水情专报");
    assert_eq!((i.target.as_str(), i.measure.as_str(), i.weight), ("50", "次数", Some(d("40"))));
    assert_eq!(p.indicators.len(), 5);
    // every table's weights add up to 100 (年度预算执行率 is an indicator here)
    assert_eq!(checked(&r, "P.weights"), 4);
    assert!(errors(&r, "P.weights").is_empty());
}
