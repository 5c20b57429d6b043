//! The budget rules (FORMAT.md, "Budget rules") on a real budget: each runs and passes on
//! 国家信访局 2026 部门预算 as printed (its tables agree), one changed cell makes the rule
//! fire as an error citing the right cell, and putting the cell back makes it pass again.
//! Also: a cell the reader moved after two amounts run together is a possible reading
//! problem, never the document's error.

mod common;

use common::d;
use juesuan::check::{check, Audit, Group};
use juesuan::model::{Report, Severity, TableId};

fn central() -> Option<Report> {
    let bytes = common::shared("corpus/central_xinfang_2026_budget.pdf")?;
    Some(juesuan::parse(&bytes).expect("readable"))
}

/// Sets one cell of a table (by row code or name) and returns the audit.
fn mutate(mut r: Report, id: TableId, row: &str, column: &str, value: &str) -> Audit {
    let t = r.tables.iter_mut().find(|t| t.id == id).expect("the table");
    let row = t
        .rows
        .iter_mut()
        .find(|x| x.code.as_ref().map(|c| c.code.as_str()) == Some(row) || x.name == row)
        .expect("the row");
    let cell = row.cells.iter_mut().find(|c| c.column == column).expect("a printed cell");
    cell.value = d(value);
    check(&r)
}

fn fires(a: &Audit, rule: &str, table: &str, row: &str, column: &str) -> bool {
    a.findings.iter().any(|f| {
        f.rule == rule
            && f.severity == Severity::Error
            && f.group == Group::Document
            && f.cells.iter().any(|c| c.table == table && c.row == row && c.column == column)
    })
}

fn passes(a: &Audit, rule: &str) -> bool {
    a.run(rule).is_some_and(|r| r.checked > 0)
        && !a.findings.iter().any(|f| f.rule == rule && f.severity == Severity::Error)
}

#[test]
fn each_budget_rule_fires_at_the_changed_cell_and_passes_when_put_right() {
    let Some(r) = central() else { return };
    // (table, row, column, printed, changed, rule, cited table, row, column)
    type Case<'a> = (TableId, &'a str, &'a str, &'a str, &'a str, &'a str, &'a str, &'a str, &'a str);
    let cases: [Case; 10] = [
        (TableId::B01, "其他收入", "预算数", "31888.00", "31889.00", "B.income_total", "B01", "本年收入合计", "预算数"),
        (TableId::B01, "205", "预算数", "118.01", "119.01", "B.spend_total", "B01", "本年支出合计", "预算数"),
        (TableId::B01, "上年结转", "预算数", "2254.12", "2255.12", "B.grand", "B01", "收入总计", "预算数"),
        (TableId::B01, "支出总计", "预算数", "50616.94", "50617.94", "B.balance", "B01", "支出总计", "预算数"),
        (TableId::B03, "2014001", "基本支出", "6286.21", "6287.21", "B.row", "B03", "2014001", "合计"),
        (TableId::B03, "201", "合计", "47179.30", "47180.30", "B.column", "B03", "合计", "合计"),
        (TableId::B03, "2014099", "项目支出", "36230.56", "36231.56", "B.hierarchy", "B03", "20140", "项目支出"),
        (TableId::B07, "公务接待费", "预算数", "5.51", "6.51", "B07.parts", "B07", "合计", "预算数"),
        (TableId::B06, "合计", "合计", "9880.88", "9881.88", "B.across", "B05", "合计", "基本支出"),
        // the narrative: "国家信访局2026年“三公”经费财政拨款预算数为112.61万元"
        (TableId::B07, "合计", "预算数", "112.61", "113.61", "N.sangong", "B07", "合计", "预算数"),
    ];
    let printed = check(&r);
    for (id, row, column, value, changed, rule, table, at, col) in cases {
        assert!(passes(&printed, rule), "{rule} should run and pass as printed: {:?}", printed.run(rule));
        let wrong = mutate(r.clone(), id, row, column, changed);
        assert!(
            fires(&wrong, rule, table, at, col),
            "{rule} at {table} {at} {col} after {row} {column} = {changed}: {:#?}",
            wrong.findings.iter().filter(|f| f.rule == rule).collect::<Vec<_>>()
        );
        let right = mutate(r.clone(), id, row, column, value);
        assert!(passes(&right, rule), "{rule} after putting {row} {column} back to {value}");
    }
    // (its narrative's own slips: the_central_budgets_own_narrative_slips_are_found)
    let table_errors = printed.findings.iter().filter(|f| f.is_error() && !f.rule.starts_with("BN.")).count();
    assert_eq!(table_errors, 0, "the central budget's tables agree");
    // no 决算 rule runs on a budget
    for rule in ["T01.balance", "CODED.column", "CODED.hierarchy", "X.04_05", "N.amount", "N.share"] {
        assert_eq!(printed.run(rule).map(|x| x.checked), Some(0), "{rule} ran on a budget");
    }
}

#[test]
fn amounts_run_together_are_split_and_uncertain() {
    let Some(bytes) = common::shared("corpus/chongqing_commerce_2026_budget.pdf") else { return };
    let r = juesuan::parse(&bytes).expect("readable");
    // the 合计 row of 收入总体情况表 prints 174,900.64 | 101,833.84 | 41,534.73, the first two
    // run together into one cell
    let t = r.budget_table(TableId::B02).expect("B02");
    let total = t.row("合计").expect("合计 row");
    assert_eq!(total.value("合计"), Some(d("174900.64")));
    assert_eq!(total.value("一般公共预算拨款"), Some(d("101833.84")));
    assert_eq!(total.value("政府性基金预算拨款"), Some(d("41534.73")));
    assert!(total.cells.iter().any(|c| c.read == juesuan::model::Read::Uncertain));
    let a = check(&r);
    assert_eq!(a.errors(), 0, "{:#?}", a.findings.iter().filter(|f| f.is_error()).collect::<Vec<_>>());
}

/// A budget table of 30,500 coded rows (项 codes under 款 of which only half are printed:
/// the missing-level check) is audited in seconds: the checks look codes up in sets, no
/// pass over the rows per row and code.
#[test]
fn a_large_budget_table_is_checked_in_linear_time() {
    use juesuan::model::{Cell, Code, DocumentKind, Location, MoneyUnit, Read, Row, Scheme, Table};
    let row = |code: &str, v: &str| Row {
        code: Code::parse(Scheme::Function, code),
        name: String::new(),
        side: None,
        cells: vec![Cell::new("合计", d(v), Read::Grid), Cell::new("基本支出", d(v), Read::Grid)],
        at: Location::default(),
    };
    let mut rows = Vec::new();
    for k in 0..1000 {
        let lei = format!("2{:02}", k % 100);
        for x in 0..30 {
            // 项 rows under a 款 that is printed only for even k
            let kuan = format!("{lei}{:02}", k / 100 + 10);
            if x == 0 && k % 2 == 0 {
                rows.push(row(&kuan, "30.00"));
            }
            rows.push(row(&format!("{kuan}{:02}", x), "1.00"));
        }
    }
    let table = |id, rows| Table {
        id,
        title: String::new(),
        unit: MoneyUnit::WanYuan,
        columns: vec!["合计".into(), "基本支出".into()],
        rows,
        empty: false,
        printed: 0,
        at: Location::default(),
    };
    let report = Report { kind: DocumentKind::Budget, tables: vec![table(TableId::B03, rows)], ..Report::default() };
    let start = std::time::Instant::now();
    let a = check(&report);
    assert!(a.run("B.hierarchy").is_some_and(|r| r.checked > 0));
    assert!(start.elapsed().as_secs() < 20, "{:?}", start.elapsed());
}

fn suzhou() -> Option<Report> {
    let bytes = common::shared("corpus/suzhou_audit_2026_budget.pdf")?;
    Some(juesuan::parse(&bytes).expect("readable"))
}

/// The report with `old` replaced by `new` in the narrative sentence printing it (compared
/// without the spaces a PDF line join leaves).
fn edit_sentence(mut r: Report, old: &str, new: &str) -> Report {
    let s = r
        .narrative
        .iter_mut()
        .flat_map(|x| x.sentences.iter_mut())
        .find(|s| compact(&s.text).contains(old))
        .expect("the sentence");
    s.text = compact(&s.text).replacen(old, new, 1);
    r
}

fn compact(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A finding of `rule` as an error citing a sentence with `words`.
fn fires_on(a: &Audit, rule: &str, words: &str) -> bool {
    a.findings.iter().any(|f| {
        f.is_error() && f.rule == rule && f.sentence.as_ref().is_some_and(|s| compact(&s.text).contains(words))
    })
}

#[test]
fn each_budget_narrative_rule_fires_at_the_changed_figure_and_passes_as_printed() {
    // 苏州市审计局 2026 部门预算, 第三部分 (pdftotext -layout): `（1）一般公共预算拨款收入
    // 4,651.67 万元，与上年相比增加 47.15 万元，增长 1.02%`, `基本支出 4,312.17 万元，占
    // 92.7%`, `一般公共预算机关运行经费预算支出 395.6 万元`; its tables: 公开01表
    // 一般公共预算拨款收入 4,651.67, 公开12表 机关运行经费支出 合计 395.60
    let Some(r) = suzhou() else { return };
    let printed = check(&r);
    for rule in ["BN.amount", "BN.share", "BN.change", "BN.jiguan"] {
        assert!(passes(&printed, rule), "{rule} should run and pass as printed: {:?}", printed.run(rule));
    }
    // a table figure changed: the amount the narrative states for it is blamed, citing the
    // cell and the sentence
    let cases = [
        (
            TableId::B01,
            "一般公共预算拨款收入",
            "预算数",
            "4652.67",
            "BN.amount",
            "B01",
            "一般公共预算拨款收入4,651.67万元",
        ),
        (TableId::B12, "合计", "机关运行经费支出", "396.60", "BN.jiguan", "B12", "机关运行经费预算支出395.6万元"),
    ];
    for (id, row, column, changed, rule, table, words) in cases {
        let wrong = mutate(r.clone(), id, row, column, changed);
        assert!(fires(&wrong, rule, table, row, column), "{rule} at {table} {row} {column}");
        assert!(fires_on(&wrong, rule, words), "{rule} cites the sentence with {words}");
    }
    // a figure of the narrative changed: its share, its rate of change
    let share = check(&edit_sentence(r.clone(), "基本支出4,312.17万元，占92.7%", "基本支出4,312.17万元，占93.7%"));
    assert!(fires_on(&share, "BN.share", "占93.7%"), "4,312.17 ÷ 4,651.67 = 92.70%");
    let change = check(&edit_sentence(
        r.clone(),
        "收入4,651.67万元，与上年相比增加47.15万元，增长1.02%",
        "收入4,651.67万元，与上年相比增加47.15万元，增长1.20%",
    ));
    assert!(fires_on(&change, "BN.change", "增长1.20%"), "47.15 ÷ (4,651.67 − 47.15) = 1.02%");
    // the unchanged figure put back passes again
    let right = mutate(r.clone(), TableId::B12, "合计", "机关运行经费支出", "395.60");
    assert!(passes(&right, "BN.jiguan"));
}

#[test]
fn the_central_budgets_own_narrative_slips_are_found() {
    // 国家信访局 2026 部门预算 (pdftotext -layout), 四、关于财政拨款收支总表的说明: `财政拨款
    // 收支总预算 18,728.91 万元`, while 财政拨款收支总表 prints 收入总计 18,728.94
    // (16,474.82 + 2,254.12); （三）委托业务费情况: `预算 1,391.68 万元，比 2025 年预算增加
    // 333.83 万元，增长 31.35%`, while 333.83 ÷ 1,057.85 = 31.56%
    let Some(r) = central() else { return };
    let a = check(&r);
    let amount: Vec<_> = a.findings.iter().filter(|f| f.rule == "BN.amount" && f.is_error()).collect();
    assert_eq!(amount.len(), 1, "{amount:#?}");
    assert_eq!(amount[0].expected, Some(d("18728.94")));
    assert_eq!(amount[0].actual, Some(d("18728.91")));
    assert!(amount[0].cells.iter().any(|c| c.table == "B04" && c.row == "收入总计"));
    let change: Vec<_> = a.findings.iter().filter(|f| f.rule == "BN.change" && f.is_error()).collect();
    assert_eq!(change.len(), 1, "{change:#?}");
    assert_eq!((change[0].expected, change[0].actual), (Some(d("31.56")), Some(d("31.35"))));
    // the rest of what it states agrees: 34 amounts, among them 一般公共预算当年拨款
    // 16,474.82 (B05 合计) and 行政运行（项） 5,826.21 (B05 2014001)
    assert!(a.run("BN.amount").is_some_and(|x| x.checked >= 30), "{:?}", a.run("BN.amount"));
    assert!(a.run("BN.change").is_some_and(|x| x.checked >= 15), "{:?}", a.run("BN.change"));
}

#[test]
fn the_three_public_table_split_by_fund_is_read_and_checked() {
    // 广州市发展和改革委员会 2026 部门预算, 财政拨款安排的行政经费及“三公”经费预算表
    // (pdftotext -layout): columns 合计 | 一般公共预算 | 政府性基金预算 | 国有资本经营预算;
    // “三公”经费 88.23 | 88.23 | 0.00 | 0.00, （一）因公出国（境）支出 64.00 | 64.00,
    // （三）公务接待费支出 17.69 | 17.69, 行政经费 1,755.94 | 1,755.94
    let Some(bytes) = common::shared("corpus/guangzhou_ndrc_2026_budget.pdf") else { return };
    let r = juesuan::parse(&bytes).expect("readable");
    let t = r.budget_table(TableId::B07).expect("B07");
    for col in ["预算数", "一般公共预算拨款", "政府性基金预算拨款", "国有资本经营预算拨款"]
    {
        assert!(t.columns.iter().any(|c| c == col), "{col} in {:?}", t.columns);
    }
    let v = |row: &str, col: &str| t.row(row).and_then(|x| x.value(col));
    assert_eq!(v("合计", "预算数"), Some(d("88.23")));
    assert_eq!(v("合计", "一般公共预算拨款"), Some(d("88.23")));
    assert_eq!(v("合计", "政府性基金预算拨款"), Some(d("0.00")));
    assert_eq!(v("因公出国（境）费", "一般公共预算拨款"), Some(d("64.00")));
    assert_eq!(v("公务接待费", "一般公共预算拨款"), Some(d("17.69")));
    assert_eq!(v("公务用车运行维护费", "国有资本经营预算拨款"), Some(d("0.00")));
    assert_eq!(v("行政经费", "一般公共预算拨款"), Some(d("1755.94")));
    let printed = check(&r);
    assert!(passes(&printed, "B07.funds"), "{:?}", printed.run("B07.funds"));
    let wrong = mutate(r.clone(), TableId::B07, "公务接待费", "政府性基金预算拨款", "1.00");
    assert!(fires(&wrong, "B07.funds", "B07", "公务接待费", "预算数"));
    // 深圳市财政局 2026, 财政拨款“三公”经费支出表: by fund only, no total column; the 2026 年
    // row 总计 58.46 | 0.00 | 0.00, 公务用车运行维护费 7.40 | 0.00 | 0.00: 预算数 is their sum,
    // `placed`, and no B07.funds check is made of it
    let Some(bytes) = common::shared("corpus/shenzhen_finance_2026_budget.pdf") else { return };
    let r = juesuan::parse(&bytes).expect("readable");
    let t = r.budget_table(TableId::B07).expect("B07");
    let total = t.row("合计").expect("合计");
    assert_eq!(total.value("一般公共预算拨款"), Some(d("58.46")));
    assert_eq!(total.value("政府性基金预算拨款"), Some(d("0.00")));
    let budget = total.cells.iter().find(|c| c.column == "预算数").expect("预算数");
    assert_eq!((budget.value, budget.read), (d("58.46"), juesuan::model::Read::Placed));
    assert_eq!(t.row("公务用车运行维护费").and_then(|x| x.value("预算数")), Some(d("7.40")));
    assert_eq!(check(&r).run("B07.funds").map(|x| x.checked), Some(0));
}

#[test]
fn a_budget_without_a_third_part_has_its_narrative_checked() {
    // 重庆市水利局 2026 部门预算: the whole document is `…部门预算情况说明` (一、… 六、, no
    // 第N部分) with its tables after it; pdftotext -layout p5: `按支出功能分类，包括…农林水支出
    // 102942.13 万元`, and 公开01表 prints 213 农林水支出 102,942.13
    if let Some(bytes) = common::shared("corpus/chongqing_water_2026_budget.pdf") {
        let r = juesuan::parse(&bytes).expect("readable");
        assert!(
            r.narrative.iter().any(|s| s.title.contains("部门收支总体情况")),
            "the 说明 before the tables is the narrative"
        );
        let printed = check(&r);
        assert!(passes(&printed, "BN.amount"), "{:?}", printed.run("BN.amount"));
        let mut wrong = r.clone();
        for t in wrong.tables.iter_mut().filter(|t| t.id.is_budget()) {
            for row in t.rows.iter_mut().filter(|x| x.code.as_ref().is_some_and(|c| c.code == "213")) {
                for c in row.cells.iter_mut() {
                    if c.value == d("102942.13") {
                        c.value = d("102943.13");
                    }
                }
            }
        }
        assert!(fires_on(&check(&wrong), "BN.amount", "农林水支出102942.13万元"));
    }
    // 北京市财政局 2026 (情况说明 only, its tables a separate file): the narrative is
    // `第一部分 2026年度部门预算情况说明`; p5: `2026 年度收入预算 44169.36 万元，比 2025 年年初
    // 预算数 44021.20 万元增加 148.16 万元，增长 0.34%` (148.16 ÷ 44,021.20 = 0.34 %)
    if let Some(bytes) = common::shared("corpus/beijing_finance_2026_budget_narrative.pdf") {
        let r = juesuan::parse(&bytes).expect("readable");
        let printed = check(&r);
        assert!(passes(&printed, "BN.change"), "{:?}", printed.run("BN.change"));
        let wrong = edit_sentence(r, "增加148.16万元，增长0.34%", "增加148.16万元，增长0.43%");
        assert!(fires_on(&check(&wrong), "BN.change", "增长0.43%"));
    }
}
