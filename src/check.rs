//! The audit: every accounting identity and narrative claim a 部门决算 should satisfy,
//! checked on the typed report with exact `Decimal` arithmetic. Owns the rule catalogue
//! (stable ids, Chinese and English names) and the findings, each pointing at the cells and
//! sentences involved with expected, actual and difference. Knows nothing of how the report
//! was read.
//!
//! Tolerance: exact for tables in 元; in 万元 a difference within half a unit of the last
//! printed digit per summed term is rounding (info), beyond that an error. Percentages are
//! compared at their printed precision.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::model::{Level, Location, MoneyUnit, Report, Row, Severity, Table, TableId};
use crate::reference::{FUNDS_04, INCOME_LINES_01};

/// One rule of the catalogue.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Rule {
    pub id: &'static str,
    pub name_zh: &'static str,
    pub name_en: &'static str,
    /// What it checks.
    pub checks: &'static str,
    /// The tables (or parts) it reads.
    pub tables: &'static str,
}

macro_rules! rules {
    ($($id:literal, $zh:literal, $en:literal, $checks:literal, $tables:literal;)*) => {
        /// Every rule the audit applies.
        pub const RULES: &[Rule] = &[$(Rule { id: $id, name_zh: $zh, name_en: $en, checks: $checks, tables: $tables }),*];
    };
}

rules! {
    "T01.income_total", "本年收入合计等于各项收入之和", "income total is the sum of the income lines", "本年收入合计 = Σ 一…八", "01";
    "T01.income_grand", "收入总计", "income grand total", "收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余", "01";
    "T01.spend_total", "本年支出合计等于各类支出之和", "expenditure total is the sum of the classes", "本年支出合计 = Σ 支出功能分类", "01";
    "T01.spend_grand", "支出总计", "expenditure grand total", "支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余", "01";
    "T01.balance", "收支总计平衡", "the grand totals balance", "收入总计 = 支出总计", "01";
    "T04.income_total", "财政拨款本年收入合计", "appropriation income total", "本年收入合计 = Σ 三项财政拨款", "04";
    "T04.income_grand", "财政拨款收入总计", "appropriation income grand total", "总计 = 本年收入合计 + 年初财政拨款结转和结余", "04";
    "T04.row", "各行合计等于各项财政拨款之和", "each line's 合计 is the sum of the funds", "合计 = 一般公共预算 + 政府性基金 + 国有资本经营", "04";
    "T04.spend_total", "财政拨款本年支出合计", "appropriation expenditure total", "本年支出合计 = Σ 支出功能分类, per column", "04";
    "T04.spend_grand", "财政拨款支出总计", "appropriation expenditure grand total", "总计 = 本年支出合计 + 年末财政拨款结转和结余, per column", "04";
    "T04.balance", "财政拨款收支总计平衡", "the appropriation grand totals balance", "收入总计 = 支出总计", "04";
    "CODED.row", "每行合计等于各栏之和", "each row's total is the sum of its columns", "本年收入合计 = Σ 来源; 本年支出合计 = Σ 用途; 年末 = 年初 + 收入 − 支出", "02 03 05 08 09";
    "CODED.column", "合计行等于各科目之和", "the 合计 row is the sum of the codes", "合计 = Σ 类 (or Σ 项 when only 项 rows are printed), per column", "02 03 05 08 09";
    "CODED.hierarchy", "类等于款之和，款等于项之和", "each 类 is the sum of its 款, each 款 of its 项", "类 = Σ 款 = Σ 项, per column", "02 03 05 06 08 09";
    "T06.groups", "人员经费与公用经费合计", "personnel and public expense totals", "人员经费合计 = 301 + 303; 公用经费合计 = 302 + 307 + 309 + 310 + 399", "06";
    "T07.parts", "三公经费构成", "the parts of the three public expenses", "合计 = 出国 + 公务用车 + 接待; 公务用车 = 购置 + 运行维护, for 预算数 and 决算数", "07";
    "X.01_02", "收入总表与收入决算表一致", "table 01 agrees with table 02", "01 income lines = 02 合计 columns", "01 02";
    "X.01_03", "收入总表与支出决算表一致", "table 01 agrees with table 03", "01 本年支出合计 and each class = 03", "01 03";
    "X.04_05", "财政拨款总表与一般公共预算支出表一致", "table 04 agrees with table 05", "04 一般公共预算财政拨款 column = 05 本年支出合计, total and per class", "04 05";
    "X.04_08_09", "财政拨款总表与政府性基金、国有资本经营表一致", "table 04 agrees with tables 08 and 09", "04 fund columns = 08 / 09 本年支出合计", "04 08 09";
    "X.05_06", "一般公共预算基本支出与经济分类一致", "table 05 basic expenditure agrees with table 06", "05 合计 基本支出 = 06 人员经费合计 + 公用经费合计", "05 06";
    "X.02_03_codes", "收入表与支出表科目一致", "tables 02 and 03 list the same codes", "a code printed in one of 02 and 03 appears in the other", "02 03";
    "N.amount", "说明中的金额与表一致", "amounts in the narrative match the tables", "each amount stated for a standard line or column equals its cell", "第三部分 01–06";
    "N.share", "说明中的占比", "shares stated in the narrative", "占 X% = part ÷ whole at the printed precision", "第三部分";
    "N.completion", "预算完成率", "budget completion rates", "完成（年初/全年）预算的 X% = 决算 ÷ that budget", "第三部分";
    "N.change", "增减额与增减率一致", "change amounts and rates agree", "增长/下降 X% = 增加/减少 A ÷ (current − A)", "第三部分";
    "P.weights", "绩效自评分值合计为100", "self-evaluation weights sum to 100", "执行率分值 + Σ 指标分值 = 100", "绩效自评表";
    "P.score_le_weight", "得分不超过分值", "no score above its weight", "得分 ≤ 分值", "绩效自评表";
    "P.total", "总分等于各项得分之和", "the total is the sum of the scores", "总分 = 执行率得分 + Σ 指标得分", "绩效自评表";
    "P.rate", "预算执行率", "budget execution rate", "执行率 = 全年执行数 ÷ 全年预算数", "绩效自评表";
    "P.rate_score", "预算执行率得分", "execution rate score", "执行率得分 = 分值 × min(执行率, 100%)", "绩效自评表";
    "TXT.placeholder", "未填写的占位符", "unfilled placeholders", "XX, 202 年, 〔〕号, an amount missing before 元", "全文";
    "TXT.punctuation", "重复标点", "doubled punctuation", "。。 ，， 、、 ；；", "全文";
    "S.tables", "九张表齐全且不重复", "all nine tables, once each", "missing or duplicated standard tables", "01–09";
}

/// A cell a finding cites.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CellRef {
    /// `01` … `09`, or a performance table id (`P03`).
    pub table: String,
    /// The row's code when it has one, else its name.
    pub row: String,
    pub column: String,
    #[serde(with = "rust_decimal::serde::str_option")]
    pub value: Option<Decimal>,
    pub at: Location,
}

/// A sentence a finding cites.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SentenceRef {
    pub section: String,
    pub text: String,
    pub at: Location,
}

#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    pub message_zh: String,
    pub message_en: String,
    pub cells: Vec<CellRef>,
    pub sentence: Option<SentenceRef>,
    #[serde(with = "rust_decimal::serde::str_option")]
    pub expected: Option<Decimal>,
    #[serde(with = "rust_decimal::serde::str_option")]
    pub actual: Option<Decimal>,
    #[serde(with = "rust_decimal::serde::str_option")]
    pub difference: Option<Decimal>,
}

impl Finding {
    /// A finding about a sentence alone (no cells, no expected value).
    pub fn about_sentence(
        rule: &'static str,
        severity: Severity,
        message_zh: String,
        message_en: String,
        sentence: &SentenceRef,
        actual: Option<Decimal>,
    ) -> Finding {
        Finding {
            rule,
            severity,
            message_zh,
            message_en,
            cells: Vec::new(),
            sentence: Some(sentence.clone()),
            expected: None,
            actual,
            difference: None,
        }
    }
}

/// How often a rule was applied and how often it found something.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct RuleRun {
    pub rule: &'static str,
    pub checked: usize,
    pub findings: usize,
    /// Findings counted but not listed: past [`MAX_LISTED`] per rule (a pathological
    /// document could otherwise make the audit larger than the report).
    pub omitted: usize,
}

/// Most findings listed per rule; the rest are counted in [`RuleRun::omitted`].
pub const MAX_LISTED: usize = 500;

#[derive(Debug, Clone, Default, Serialize)]
pub struct Audit {
    pub findings: Vec<Finding>,
    /// Every rule with its counts, in catalogue order (rules that had nothing to check: 0).
    pub runs: Vec<RuleRun>,
}

impl Audit {
    pub fn errors(&self) -> usize {
        self.findings.iter().filter(|f| f.severity == Severity::Error).count()
    }

    pub fn run(&self, rule: &str) -> Option<&RuleRun> {
        self.runs.iter().find(|r| r.rule == rule)
    }
}

/// Audits a report.
pub fn check(report: &Report) -> Audit {
    let mut a = Auditor { audit: Audit::default() };
    a.audit.runs = RULES.iter().map(|r| RuleRun { rule: r.id, checked: 0, findings: 0, omitted: 0 }).collect();
    a.table_01(report);
    a.table_04(report);
    for id in [TableId::T02, TableId::T03, TableId::T05, TableId::T08, TableId::T09] {
        if let Some(t) = report.table(id) {
            a.coded(t);
        }
    }
    a.table_06(report);
    a.table_07(report);
    a.across(report);
    a.narrative(report);
    a.performance(report);
    a.text(report);
    a.structure(report);
    a.audit
}

/// A term of a sum: the cell and its value (blank counts as zero).
type Term = (CellRef, Decimal);

struct Auditor {
    audit: Audit,
}

fn cell(t: &Table, r: &Row, column: &str) -> Term {
    let v = r.value(column);
    (
        CellRef {
            table: t.id.code().into(),
            row: r.code.as_ref().map(|c| c.code.clone()).unwrap_or_else(|| r.name.clone()),
            column: column.into(),
            value: v,
            at: r.at,
        },
        v.unwrap_or_default(),
    )
}

fn named<'t>(t: &'t Table, name: &str) -> Option<&'t Row> {
    t.rows.iter().find(|r| r.name == name)
}

/// Half a unit of the last printed digit (fen) per term in 万元 tables; exact in 元.
fn rounding(unit: MoneyUnit, terms: usize) -> Decimal {
    match unit {
        MoneyUnit::Yuan => Decimal::ZERO,
        MoneyUnit::WanYuan => Decimal::new(5, 3) * Decimal::from(terms.max(1) as u64),
    }
}

fn fmt(v: Decimal) -> String {
    v.normalize().to_string()
}

impl Auditor {
    fn count(&mut self, rule: &'static str) {
        if let Some(r) = self.audit.runs.iter_mut().find(|r| r.rule == rule) {
            r.checked += 1;
        }
    }

    fn push(&mut self, f: Finding) {
        if let Some(r) = self.audit.runs.iter_mut().find(|r| r.rule == f.rule) {
            r.findings += 1;
            if r.findings > MAX_LISTED {
                r.omitted += 1;
                return;
            }
        }
        self.audit.findings.push(f);
    }

    /// `total = Σ parts` (with signs), within rounding for 万元 tables.
    fn sum(&mut self, rule: &'static str, unit: MoneyUnit, total: Term, parts: Vec<(Term, i8)>) {
        if total.0.value.is_none() && parts.iter().all(|(p, _)| p.0.value.is_none()) {
            return; // nothing printed: nothing to check
        }
        self.count(rule);
        let expected: Decimal = parts.iter().map(|((_, v), s)| if *s < 0 { -*v } else { *v }).sum();
        let diff = total.1 - expected;
        if diff.is_zero() {
            return;
        }
        // only printed terms carry rounding
        let printed = parts.iter().filter(|((c, _), _)| c.value.is_some()).count() + 1;
        let severity = if diff.abs() <= rounding(unit, printed) { Severity::Info } else { Severity::Error };
        let what = format!("{} {} {}", total.0.table, total.0.row, total.0.column);
        let terms: Vec<String> = parts
            .iter()
            .map(|((c, v), s)| format!("{}{} {}={}", if *s < 0 { "−" } else { "+" }, c.row, c.column, fmt(*v)))
            .collect();
        let kind_zh = if severity == Severity::Info { "（舍入差异）" } else { "" };
        let kind_en = if severity == Severity::Info { " (rounding)" } else { "" };
        let mut cells = vec![total.0.clone()];
        cells.extend(parts.into_iter().map(|((c, _), _)| c));
        self.push(Finding {
            rule,
            severity,
            message_zh: format!(
                "{what} 为 {}，各项合计 {}，相差 {}{kind_zh}：{}",
                fmt(total.1),
                fmt(expected),
                fmt(diff),
                terms.join(" ")
            ),
            message_en: format!(
                "{what} is {} but its parts add up to {}, a difference of {}{kind_en}",
                fmt(total.1),
                fmt(expected),
                fmt(diff)
            ),
            cells,
            sentence: None,
            expected: Some(expected),
            actual: Some(total.1),
            difference: Some(diff),
        });
    }

    fn table_01(&mut self, r: &Report) {
        let Some(t) = r.table(TableId::T01) else { return };
        let col = "决算数";
        let get = |n: &str| named(t, n).map(|row| cell(t, row, col));
        let income: Vec<(Term, i8)> = INCOME_LINES_01.iter().filter_map(|n| get(n)).map(|c| (c, 1)).collect();
        if let Some(total) = get("本年收入合计") {
            self.sum("T01.income_total", t.unit, total, income);
        }
        if let Some(grand) = get("收入总计") {
            let parts = ["本年收入合计", "使用非财政拨款结余", "年初结转和结余"].iter().filter_map(|n| get(n));
            self.sum("T01.income_grand", t.unit, grand, parts.map(|c| (c, 1)).collect());
        }
        let classes: Vec<(Term, i8)> = t
            .rows
            .iter()
            .filter(|row| row.code.as_ref().is_some_and(|c| c.level == Level::Lei))
            .map(|row| (cell(t, row, col), 1))
            .collect();
        if let Some(total) = get("本年支出合计") {
            self.sum("T01.spend_total", t.unit, total, classes);
        }
        if let Some(grand) = get("支出总计") {
            let parts = ["本年支出合计", "结余分配", "年末结转和结余"].iter().filter_map(|n| get(n));
            self.sum("T01.spend_grand", t.unit, grand, parts.map(|c| (c, 1)).collect());
        }
        if let (Some(a), Some(b)) = (get("收入总计"), get("支出总计")) {
            self.sum("T01.balance", t.unit, a, vec![(b, 1)]);
        }
    }

    fn table_04(&mut self, r: &Report) {
        let Some(t) = r.table(TableId::T04) else { return };
        let income = |n: &str| named(t, n).map(|row| cell(t, row, "决算数"));
        if let Some(total) = income("本年收入合计") {
            let parts = FUNDS_04.iter().filter_map(|n| income(n)).map(|c| (c, 1)).collect();
            self.sum("T04.income_total", t.unit, total, parts);
        }
        if let Some(grand) = income("收入总计") {
            let parts = ["本年收入合计", "年初财政拨款结转和结余"].iter().filter_map(|n| income(n));
            self.sum("T04.income_grand", t.unit, grand, parts.map(|c| (c, 1)).collect());
        }
        let spend: Vec<&Row> = t.rows.iter().filter(|row| row.cells.iter().any(|c| c.column == "合计")).collect();
        for row in &spend {
            let parts = FUNDS_04.iter().filter(|f| t.columns.iter().any(|c| c == *f)).map(|f| (cell(t, row, f), 1));
            self.sum("T04.row", t.unit, cell(t, row, "合计"), parts.collect());
        }
        for col in std::iter::once("合计").chain(FUNDS_04) {
            if !t.columns.iter().any(|c| c == col) {
                continue;
            }
            let classes = t.rows.iter().filter(|row| row.code.as_ref().is_some_and(|c| c.level == Level::Lei));
            if let Some(total) = named(t, "本年支出合计") {
                let parts = classes.map(|row| (cell(t, row, col), 1)).collect();
                self.sum("T04.spend_total", t.unit, cell(t, total, col), parts);
            }
            if let Some(grand) = named(t, "支出总计") {
                let parts = ["本年支出合计", "年末财政拨款结转和结余"]
                    .iter()
                    .filter_map(|n| named(t, n))
                    .map(|row| (cell(t, row, col), 1))
                    .collect();
                self.sum("T04.spend_grand", t.unit, cell(t, grand, col), parts);
            }
        }
        if let (Some(a), Some(b)) = (income("收入总计"), named(t, "支出总计").map(|row| cell(t, row, "合计")))
        {
            self.sum("T04.balance", t.unit, a, vec![(b, 1)]);
        }
    }

    /// 02, 03, 05, 08, 09: row identities, the 合计 row, 类 = Σ款 = Σ项.
    fn coded(&mut self, t: &Table) {
        let has = |c: &str| t.columns.iter().any(|x| x == c);
        let row_rules: [(&str, &[&str]); 2] = [
            ("本年收入合计", &["财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"]),
            ("本年支出合计", &["基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"]),
        ];
        for row in &t.rows {
            for (total, parts) in row_rules {
                if has(total) && parts.iter().filter(|p| has(p)).count() >= 2 {
                    let terms = parts.iter().filter(|p| has(p)).map(|p| (cell(t, row, p), 1)).collect();
                    self.sum("CODED.row", t.unit, cell(t, row, total), terms);
                }
            }
            if ["年末结转和结余", "年初结转和结余", "本年收入", "本年支出合计"].iter().all(|c| has(c))
            {
                let terms = vec![
                    (cell(t, row, "年初结转和结余"), 1),
                    (cell(t, row, "本年收入"), 1),
                    (cell(t, row, "本年支出合计"), -1),
                ];
                self.sum("CODED.row", t.unit, cell(t, row, "年末结转和结余"), terms);
            }
        }
        let coded: Vec<&Row> = t.rows.iter().filter(|r| r.code.is_some()).collect();
        let top = coded.iter().map(|r| r.code.as_ref().map_or(9, |c| c.code.len())).min().unwrap_or(0);
        if let Some(total) = named(t, "合计") {
            for col in &t.columns {
                let parts = coded
                    .iter()
                    .filter(|r| r.code.as_ref().is_some_and(|c| c.code.len() == top))
                    .map(|r| (cell(t, r, col), 1))
                    .collect();
                self.sum("CODED.column", t.unit, cell(t, total, col), parts);
            }
        }
        self.hierarchy(t);
    }

    fn hierarchy(&mut self, t: &Table) {
        for parent in t.rows.iter().filter(|r| r.code.as_ref().is_some_and(|c| c.level != Level::Xiang)) {
            let pc = &parent.code.as_ref().expect("filtered").code;
            let children: Vec<&Row> = t
                .rows
                .iter()
                .filter(|r| {
                    r.code.as_ref().is_some_and(|c| c.code.len() == pc.len() + 2 && c.code.starts_with(pc.as_str()))
                })
                .collect();
            if children.is_empty() {
                continue;
            }
            for col in &t.columns {
                let parts = children.iter().map(|r| (cell(t, r, col), 1)).collect();
                self.sum("CODED.hierarchy", t.unit, cell(t, parent, col), parts);
            }
        }
    }

    fn table_06(&mut self, r: &Report) {
        let Some(t) = r.table(TableId::T06) else { return };
        self.hierarchy(t);
        let col = "决算数";
        for (total, classes) in
            [("人员经费合计", &["301", "303"][..]), ("公用经费合计", &["302", "307", "309", "310", "399"][..])]
        {
            let Some(total_row) = named(t, total) else { continue };
            // the class row where printed, else its 款 rows
            let mut parts = Vec::new();
            for class in classes {
                match t.row_by_code(class) {
                    Some(row) => parts.push((cell(t, row, col), 1)),
                    None => parts.extend(
                        t.rows
                            .iter()
                            .filter(|row| {
                                row.code.as_ref().is_some_and(|c| c.code.len() == 5 && c.code.starts_with(class))
                            })
                            .map(|row| (cell(t, row, col), 1)),
                    ),
                }
            }
            self.sum("T06.groups", t.unit, cell(t, total_row, col), parts);
        }
    }

    fn table_07(&mut self, r: &Report) {
        let Some(t) = r.table(TableId::T07) else { return };
        let items = crate::recognize::tables::ITEMS_07;
        for kind in ["预算数", "决算数"] {
            let get = |item: &str| named(t, item).map(|row| cell(t, row, kind));
            if let Some(total) = get(items[0]) {
                let parts = [items[1], items[2], items[5]].iter().filter_map(|i| get(i)).map(|c| (c, 1)).collect();
                self.sum("T07.parts", t.unit, total, parts);
            }
            if let Some(car) = get(items[2]) {
                let parts = [items[3], items[4]].iter().filter_map(|i| get(i)).map(|c| (c, 1)).collect();
                self.sum("T07.parts", t.unit, car, parts);
            }
        }
    }

    fn across(&mut self, r: &Report) {
        let t01 = r.table(TableId::T01);
        let total_row = |t: &Table, col: &str| named(t, "合计").map(|row| cell(t, row, col));
        if let (Some(a), Some(b)) = (t01, r.table(TableId::T02)) {
            let v01 = |n: &str| named(a, n).map(|row| cell(a, row, "决算数"));
            if let (Some(x), Some(y)) = (v01("本年收入合计"), total_row(b, "本年收入合计")) {
                self.sum("X.01_02", a.unit, x, vec![(y, 1)]);
            }
            if let Some(y) = total_row(b, "财政拨款收入") {
                let parts: Vec<(Term, i8)> =
                    INCOME_LINES_01[..3].iter().filter_map(|n| v01(n)).map(|c| (c, 1)).collect();
                if !parts.is_empty() {
                    self.sum("X.01_02", a.unit, y, parts);
                }
            }
            for line in &INCOME_LINES_01[3..] {
                if let (Some(x), Some(y)) = (v01(line), total_row(b, line)) {
                    self.sum("X.01_02", a.unit, x, vec![(y, 1)]);
                }
            }
        }
        if let (Some(a), Some(b)) = (t01, r.table(TableId::T03)) {
            if let (Some(x), Some(y)) =
                (named(a, "本年支出合计").map(|row| cell(a, row, "决算数")), total_row(b, "本年支出合计"))
            {
                self.sum("X.01_03", a.unit, x, vec![(y, 1)]);
            }
            self.per_class("X.01_03", a, "决算数", b, "本年支出合计");
        }
        if let (Some(a), Some(b)) = (r.table(TableId::T04), r.table(TableId::T05)) {
            if let (Some(x), Some(y)) =
                (named(a, "本年支出合计").map(|row| cell(a, row, "一般公共预算财政拨款")), total_row(b, "本年支出合计"))
            {
                self.sum("X.04_05", a.unit, x, vec![(y, 1)]);
            }
            self.per_class("X.04_05", a, "一般公共预算财政拨款", b, "本年支出合计");
        }
        for (id, fund) in [(TableId::T08, "政府性基金预算财政拨款"), (TableId::T09, "国有资本经营预算财政拨款")]
        {
            if let (Some(a), Some(b)) = (r.table(TableId::T04), r.table(id)) {
                if let (Some(x), Some(y)) =
                    (named(a, "本年支出合计").map(|row| cell(a, row, fund)), total_row(b, "本年支出合计"))
                {
                    self.sum("X.04_08_09", a.unit, x, vec![(y, 1)]);
                }
            }
        }
        if let (Some(a), Some(b)) = (r.table(TableId::T05), r.table(TableId::T06)) {
            let groups: Vec<(Term, i8)> = ["人员经费合计", "公用经费合计"]
                .iter()
                .filter_map(|n| named(b, n))
                .map(|row| (cell(b, row, "决算数"), 1))
                .collect();
            if let (Some(x), false) = (total_row(a, "基本支出"), groups.is_empty()) {
                self.sum("X.05_06", a.unit, x, groups);
            }
        }
        if let (Some(a), Some(b)) = (r.table(TableId::T02), r.table(TableId::T03)) {
            for (x, y) in [(a, b), (b, a)] {
                for row in x.rows.iter().filter(|row| row.code.is_some() && !row.cells.is_empty()) {
                    let code = &row.code.as_ref().expect("filtered").code;
                    self.count("X.02_03_codes");
                    if y.row_by_code(code).is_none() && y.rows.iter().any(|r| r.code.is_some()) {
                        let (c, _) = cell(x, row, x.columns.first().map(String::as_str).unwrap_or(""));
                        self.push(Finding {
                            rule: "X.02_03_codes",
                            // spending from carried-over balances has no income line: a note
                            severity: Severity::Info,
                            message_zh: format!(
                                "科目 {code} {} 列在表 {} 中，但表 {} 中没有",
                                row.name,
                                x.id.code(),
                                y.id.code()
                            ),
                            message_en: format!(
                                "code {code} is in table {} but not in table {}",
                                x.id.code(),
                                y.id.code()
                            ),
                            cells: vec![c],
                            sentence: None,
                            expected: None,
                            actual: None,
                            difference: None,
                        });
                    }
                }
            }
        }
    }

    /// Each expenditure class of a two-sided table against the same 类 in a coded table
    /// (its 类 row, or the sum of its 项 rows when no 类 row is printed).
    fn per_class(&mut self, rule: &'static str, a: &Table, col_a: &str, b: &Table, col_b: &str) {
        for row in a.rows.iter().filter(|r| r.code.as_ref().is_some_and(|c| c.level == Level::Lei)) {
            let code = &row.code.as_ref().expect("filtered").code;
            let x = cell(a, row, col_a);
            let parts: Vec<(Term, i8)> = match b.row_by_code(code) {
                Some(r) => vec![(cell(b, r, col_b), 1)],
                None => b
                    .rows
                    .iter()
                    .filter(|r| r.code.as_ref().is_some_and(|c| c.code.starts_with(code.as_str()) && c.code.len() == 7))
                    .map(|r| (cell(b, r, col_b), 1))
                    .collect(),
            };
            if x.0.value.is_some() || !parts.is_empty() {
                self.sum(rule, a.unit, x, parts);
            }
        }
    }

    fn performance(&mut self, r: &Report) {
        for p in &r.performance {
            let at = |name: &str, column: &str, v: Option<Decimal>, at: Location| CellRef {
                table: p.id.clone(),
                row: name.into(),
                column: column.into(),
                value: v,
                at,
            };
            let funds = p.funds.iter().find(|f| f.name == "年度资金总额");
            let rate_weight = funds.and_then(|f| f.value("分值"));
            let weights: Vec<Decimal> = p.indicators.iter().filter_map(|i| i.weight).collect();
            if !weights.is_empty() {
                self.count("P.weights");
                let sum = weights.iter().sum::<Decimal>() + rate_weight.unwrap_or_default();
                if sum != Decimal::ONE_HUNDRED {
                    self.push(self.simple(
                        "P.weights",
                        Severity::Error,
                        format!("{} 各项分值合计 {}，应为 100", p.id, fmt(sum)),
                        format!("{}: the weights add up to {}, not 100", p.id, fmt(sum)),
                        vec![at("总分", "分值", Some(sum), p.at)],
                        Decimal::ONE_HUNDRED,
                        sum,
                    ));
                }
            }
            for i in &p.indicators {
                if let (Some(w), Some(s)) = (i.weight, i.score) {
                    self.count("P.score_le_weight");
                    if s > w {
                        self.push(self.simple(
                            "P.score_le_weight",
                            Severity::Error,
                            format!("{} 指标“{}”得分 {} 超过分值 {}", p.id, i.name, fmt(s), fmt(w)),
                            format!("{}: indicator '{}' scores {} above its weight {}", p.id, i.name, fmt(s), fmt(w)),
                            vec![at(&i.name, "得分", Some(s), i.at), at(&i.name, "分值", Some(w), i.at)],
                            w,
                            s,
                        ));
                    }
                }
            }
            let rate_score = funds.and_then(|f| f.value("得分"));
            if let Some((_, total)) = p.total {
                self.count("P.total");
                let sum = p.indicators.iter().filter_map(|i| i.score).sum::<Decimal>() + rate_score.unwrap_or_default();
                let diff = total - sum;
                if !diff.is_zero() {
                    // scores print to two places; each term may carry half a unit of rounding
                    let sev = if diff.abs() <= Decimal::new(5, 2) { Severity::Info } else { Severity::Error };
                    self.push(self.simple(
                        "P.total",
                        sev,
                        format!("{} 总分 {}，执行率得分与各指标得分合计 {}", p.id, fmt(total), fmt(sum)),
                        format!("{}: total {} but the scores add up to {}", p.id, fmt(total), fmt(sum)),
                        vec![at("总分", "得分", Some(total), p.at)],
                        sum,
                        total,
                    ));
                }
            }
            let Some(f) = funds else { continue };
            if let (Some(budget), Some(spent), Some(rate)) =
                (f.value("全年预算数"), f.value("全年执行数"), f.value("执行率"))
            {
                if !budget.is_zero() {
                    self.count("P.rate");
                    let expected = (spent / budget * Decimal::ONE_HUNDRED).round_dp(rate.scale());
                    if (expected - rate).abs() > Decimal::new(1, rate.scale()) {
                        self.push(self.simple(
                            "P.rate",
                            Severity::Error,
                            format!("{} 执行率 {}%，全年执行数 ÷ 全年预算数 = {}%", p.id, fmt(rate), fmt(expected)),
                            format!("{}: execution rate {}% but spent ÷ budget = {}%", p.id, fmt(rate), fmt(expected)),
                            vec![
                                at(&f.name, "执行率", Some(rate), f.at),
                                at(&f.name, "全年执行数", Some(spent), f.at),
                                at(&f.name, "全年预算数", Some(budget), f.at),
                            ],
                            expected,
                            rate,
                        ));
                    }
                    if let (Some(w), Some(s)) = (f.value("分值"), f.value("得分")) {
                        self.count("P.rate_score");
                        let capped = rate.min(Decimal::ONE_HUNDRED);
                        let expected = (w * capped / Decimal::ONE_HUNDRED).round_dp(2);
                        let diff = s - expected;
                        // some provinces round the rate score down to one place
                        let sev = if diff.abs() <= Decimal::new(1, 1) { Severity::Info } else { Severity::Warning };
                        if !diff.is_zero() {
                            self.push(self.simple(
                                "P.rate_score",
                                sev,
                                format!(
                                    "{} 执行率得分 {}，按 {} × {}% 应为 {}",
                                    p.id,
                                    fmt(s),
                                    fmt(w),
                                    fmt(capped),
                                    fmt(expected)
                                ),
                                format!(
                                    "{}: rate score {} but {} × {}% is {}",
                                    p.id,
                                    fmt(s),
                                    fmt(w),
                                    fmt(capped),
                                    fmt(expected)
                                ),
                                vec![at(&f.name, "得分", Some(s), f.at), at(&f.name, "执行率", Some(rate), f.at)],
                                expected,
                                s,
                            ));
                        }
                    }
                }
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn simple(
        &self,
        rule: &'static str,
        severity: Severity,
        zh: String,
        en: String,
        cells: Vec<CellRef>,
        expected: Decimal,
        actual: Decimal,
    ) -> Finding {
        Finding {
            rule,
            severity,
            message_zh: zh,
            message_en: en,
            cells,
            sentence: None,
            expected: Some(expected),
            actual: Some(actual),
            difference: Some(actual - expected),
        }
    }

    fn structure(&mut self, r: &Report) {
        self.count("S.tables");
        for d in &r.diagnostics {
            if matches!(d.code.as_str(), "table.missing" | "table.duplicate") {
                self.push(Finding {
                    rule: "S.tables",
                    severity: Severity::Warning,
                    message_zh: d.message_zh.clone(),
                    message_en: d.message_en.clone(),
                    cells: Vec::new(),
                    sentence: None,
                    expected: None,
                    actual: None,
                    difference: None,
                });
            }
        }
    }
}

mod narrative;
pub use narrative::{budget_lines, BudgetLine};
mod text_rules;
