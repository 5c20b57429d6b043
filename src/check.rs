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

use crate::model::{DocumentKind, Level, Location, MoneyUnit, Read, Report, Row, Severity, Table, TableId};
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
    "P.weights", "绩效分值合计为100", "performance weights sum to 100", "执行率分值 + Σ 指标分值 = 100 (where 分值 are printed)", "绩效自评表 绩效目标表";
    "P.score_le_weight", "得分不超过分值", "no score above its weight", "得分 ≤ 分值", "绩效自评表";
    "P.total", "总分等于各项得分之和", "the total is the sum of the scores", "总分 = 执行率得分 + Σ 指标得分", "绩效自评表";
    "P.rate", "预算执行率", "budget execution rate", "执行率 = 全年执行数 ÷ 全年预算数", "绩效自评表";
    "P.rate_score", "预算执行率得分", "execution rate score", "执行率得分 = 分值 × min(执行率, 100%) (a project's self-evaluation)", "项目支出绩效自评表";
    "P.funds", "资金总额等于各来源之和", "the funds total is the sum of its sources", "年度资金总额 = 当年财政拨款 + 上年结转资金 + 其他资金 (+ 财政专户拨款), per amount column, where every source prints it", "绩效自评表 绩效目标表";
    "N.sangong", "说明中的“三公”经费与表07一致", "the narrative's 三公 figures match table 07", "each item's 预算 and 决算 stated = table 07's 预算数 and 决算数 (a budget: each item's 预算 stated = B07's 预算数)", "第三部分 07 B07";
    "N.budget", "说明中的预算数与表中预算栏一致", "budgets in the narrative match a table's budget column", "年初预算 stated for a line = the 年初预算数 column of a table carrying one (not 07)", "第三部分 02–06";
    "N.compare", "比较用语与数字一致", "comparison words agree with the amounts", "决算数大于/小于/等于预算数, 增加/减少/持平 against the two amounts compared", "第三部分";
    "N.selfeval", "绩效自评结果汇总与自评表一致", "the self-evaluation summary matches the tables", "number of projects, average score, projects per grade = the 项目支出绩效自评表", "第三部分 绩效自评表";
    "N.year", "年度一致", "years agree with the report's", "headings' 20XX年度 = the report's year; 截至 20XX 年 = the year; 与/比 20XX 年相比 = the year before", "全文";
    "TXT.placeholder", "未填写的占位符", "unfilled placeholders", "XX/××, 202 年, 〔〕号, an amount missing before 元, a reason missing after 主要原因是", "全文";
    "TXT.template", "模板备选用语未删", "a template's alternatives left in", "增加（减少）, 增长（下降） and the like", "第三部分";
    "TXT.punctuation", "重复标点", "doubled punctuation", "。。 ，， 、、 ；； ：： ，。 。，, also across a line or page break", "全文";
    "S.tables", "九张表齐全且不重复", "all nine tables, once each", "missing or duplicated standard tables; a table the contents list that is absent", "01–09";
    "S.truncated", "文件完整", "the file is complete", "the pages do not end before the tables the contents list (a truncated download)", "目录";
    "B.income_total", "预算本年收入合计等于各项收入之和", "the budget's income total is the sum of its income lines", "本年收入合计 = Σ 标准收入项目 (收入总计 − 上年结转 when no 本年收入合计 is printed), per column", "B01 B04";
    "B.spend_total", "预算本年支出合计等于各类支出之和", "the budget's expenditure total is the sum of the classes", "本年支出合计 = Σ 支出功能分类 类, per column", "B01 B04";
    "B.grand", "预算收支总计", "the budget's grand totals", "收入总计 = 本年收入合计 + 上年结转; 支出总计 = 本年支出合计 + 年末结转和结余", "B01 B04";
    "B.balance", "预算收支总计平衡", "the budget's grand totals balance", "收入总计 = 支出总计", "B01 B04";
    "B.row", "预算表每行合计等于各栏之和", "each budget row's total is the sum of its columns", "合计 = Σ 来源 (B02) or Σ 用途 (基本支出 + 项目支出 …); 基本支出 = 人员经费 + 公用经费; 财政拨款合计 = Σ 三项拨款", "B02 B03 B05 B06 B08 B09 B10 B13 B14 B15";
    "B.column", "预算表合计行等于各科目之和", "a budget table's 合计 row is the sum of the codes", "合计 = Σ top-level codes, per column", "B02 B03 B05 B06 B08 B09 B10 B13 B14 B15";
    "B.hierarchy", "预算表类等于款之和，款等于项之和", "each 类 of a budget table is the sum of its 款, each 款 of its 项", "类 = Σ 款 = Σ 项, per column (function and economic codes)", "B02 B03 B05 B06 B08 B09 B13 B14 B15";
    "B07.parts", "预算“三公”经费构成", "the parts of the budget's three public expenses", "合计 = 出国 + 公务用车 + 接待; 公务用车 = 购置 + 运行维护, per column", "B07";
    "B.across", "预算各表之间一致", "the budget tables agree with each other", "B01 本年收入合计 = B02 合计 (收入总计 when B02 prints 上年结转); B01 本年支出合计 = B03 合计; B04 一般公共预算 支出 = B05 合计; B05 基本支出 = B06 合计", "B01 B02 B03 B04 B05 B06";
    "BN.amount", "预算说明中的金额与表一致", "the budget narrative's amounts match its tables", "each amount stated for a standard budget line (收支总预算, 本年收入合计, 一般公共预算拨款收入, 基本支出, 一般公共预算当年拨款, a 类/款/项 by name) equals its cell; a blank cell or a name no table settles is skipped", "预算说明 B01 B03 B04 B05 B06";
    "BN.share", "预算说明中的占比", "shares stated in the budget narrative", "占 X% = part ÷ the whole the sentence names (or its first amount) at the printed precision", "预算说明";
    "BN.change", "预算说明中的增减额与增减率一致", "the budget narrative's changes and rates agree", "增长/增幅/下降/减幅 X% = 增加/减少 A ÷ (the sentence's current figure − A)", "预算说明";
    "BN.jiguan", "机关运行经费与表一致", "机关运行经费 matches its table", "the 机关运行经费 the narrative states for the year = the 合计 of the 机关运行经费 table (B12)", "预算说明 B12";
    "B07.funds", "预算“三公”经费按资金来源之和", "the budget's three public expenses by fund add up", "each item's 预算数 = Σ its fund columns (一般公共预算拨款, 政府性基金预算拨款, 国有资本经营预算拨款, 其他资金)", "B07";
    "S.kind", "文件类型", "what the document is", "a file that is not a 部门决算 says what it looks like; the 决算 checks do not apply", "封面";
}

/// A cell a finding cites.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CellRef {
    /// `01` … `09`, or a performance table id (`P03`).
    pub table: String,
    /// The row's code when it has one, else its name.
    pub row: String,
    /// The row's name (for a coded row, the classification name as printed).
    pub name: String,
    pub column: String,
    /// `None`: the cell is blank (printed nothing), which is not the same as 0.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub value: Option<Decimal>,
    /// How the value was read; `None` for a blank cell.
    pub read: Option<Read>,
    pub at: Location,
    /// In a comparison of two reports (`compare`), which of them the cell is in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub doc: Option<Doc>,
}

/// One of two reports compared: `a`, the plan or the earlier year; `b`, the actual or the
/// later year.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Doc {
    A,
    B,
}

/// A sentence a finding cites.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SentenceRef {
    pub section: String,
    pub text: String,
    /// The words of `text` the finding is about (a number as printed, `〔〕号`), to
    /// highlight; the first occurrence in `text` is meant.
    pub highlight: Option<String>,
    pub at: Location,
    /// In a comparison of two reports, which of them the sentence is in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub doc: Option<Doc>,
}

impl SentenceRef {
    /// The same sentence with `what` to highlight, when the text has it.
    pub fn marking(&self, what: &str) -> SentenceRef {
        let mut s = self.clone();
        s.highlight = find_loose(&self.text, what);
        s
    }
}

/// `what` in `text` ignoring the spaces a PDF line join may have put between its
/// characters; returns the words as they appear in `text`.
fn find_loose(text: &str, what: &str) -> Option<String> {
    let want: Vec<char> = what.chars().filter(|c| !c.is_whitespace()).collect();
    if want.is_empty() {
        return None;
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for start in 0..chars.len() {
        if chars[start].1 != want[0] {
            continue;
        }
        let (mut i, mut k) = (start, 0);
        while i < chars.len() && k < want.len() {
            if chars[i].1.is_whitespace() && k > 0 {
                i += 1;
                continue;
            }
            if chars[i].1 != want[k] {
                break;
            }
            i += 1;
            k += 1;
        }
        if k == want.len() {
            let end = chars.get(i).map_or(text.len(), |c| c.0);
            return Some(text[chars[start].0..end].to_string());
        }
    }
    None
}

/// Whose fault a finding is.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Group {
    /// Between cells read with certainty, or a claim such cells contradict: the
    /// document's own.
    Document,
    /// It involves a cell read as `uncertain`: possibly a reading problem, not the
    /// document's (可能是识别问题).
    Reading,
}

#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    pub group: Group,
    /// One plain sentence a non-accountant understands, amounts in the document's unit.
    pub message_zh: String,
    pub message_en: String,
    /// The formula with every term, for the reader who checks (shown folded).
    pub detail_zh: String,
    pub detail_en: String,
    /// The cells that matter: the total, the parts that are not blank, and a blank one
    /// only where the blank is the point.
    pub cells: Vec<CellRef>,
    /// The cited cells read as `uncertain` (what makes a finding a reading problem).
    pub uncertain: Vec<CellRef>,
    pub sentence: Option<SentenceRef>,
    #[serde(with = "rust_decimal::serde::str_option")]
    pub expected: Option<Decimal>,
    #[serde(with = "rust_decimal::serde::str_option")]
    pub actual: Option<Decimal>,
    #[serde(with = "rust_decimal::serde::str_option")]
    pub difference: Option<Decimal>,
    /// Findings of the same cause folded into this one (a blank 合计 row breaking three
    /// identities is one finding with three consequences); empty for a finding alone.
    pub consequences: Vec<Finding>,
    /// Cited cells and consequences past [`MAX_CITED`], counted, not listed (a finding over
    /// a 100,000-row table would otherwise carry every row).
    pub cells_omitted: usize,
    pub consequences_omitted: usize,
}

/// Most cells, formula terms and consequences a finding lists.
pub const MAX_CITED: usize = 1000;

impl Finding {
    /// A finding about a sentence alone (no cells, no expected value).
    pub fn about_sentence(
        rule: &'static str,
        severity: Severity,
        messages: (String, String),
        sentence: SentenceRef,
        actual: Option<Decimal>,
    ) -> Finding {
        Finding::about_cells(rule, severity, messages, Vec::new(), None, actual).citing(sentence)
    }

    /// A finding about cells, with expected and printed values.
    pub fn about_cells(
        rule: &'static str,
        severity: Severity,
        (message_zh, message_en): (String, String),
        cells: Vec<CellRef>,
        expected: Option<Decimal>,
        actual: Option<Decimal>,
    ) -> Finding {
        Finding {
            rule,
            severity,
            group: Group::Document,
            message_zh,
            message_en,
            detail_zh: String::new(),
            detail_en: String::new(),
            cells,
            uncertain: Vec::new(),
            sentence: None,
            expected,
            actual,
            difference: expected.zip(actual).map(|(e, a)| a - e),
            consequences: Vec::new(),
            cells_omitted: 0,
            consequences_omitted: 0,
        }
    }

    pub(crate) fn detail(mut self, zh: String, en: String) -> Finding {
        self.detail_zh = zh;
        self.detail_en = en;
        self
    }

    pub(crate) fn citing(mut self, s: SentenceRef) -> Finding {
        self.sentence = Some(s);
        self
    }

    /// An error of the document (not a reading problem).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error && self.group == Group::Document
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
    /// Claims the rule found but left unchecked because the document does not settle them
    /// (a whole the sentence does not name, a blank cell, no current figure): counted, never
    /// an error.
    #[serde(skip_serializing_if = "is_zero")]
    pub skipped: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// Most findings listed per rule; the rest are counted in [`RuleRun::omitted`].
pub const MAX_LISTED: usize = 500;

#[derive(Debug, Clone, Default, Serialize)]
pub struct Audit {
    /// Document findings first, then possible reading problems; each in check order.
    pub findings: Vec<Finding>,
    /// Every rule with its counts, in catalogue order (rules that had nothing to check: 0).
    pub runs: Vec<RuleRun>,
}

impl Audit {
    /// Errors of the document itself (a reading problem is never counted here).
    pub fn errors(&self) -> usize {
        self.findings.iter().filter(|f| f.is_error()).count()
    }

    /// Findings that are possibly reading problems.
    pub fn reading(&self) -> usize {
        self.findings.iter().filter(|f| f.group == Group::Reading).count()
    }

    pub fn run(&self, rule: &str) -> Option<&RuleRun> {
        self.runs.iter().find(|r| r.rule == rule)
    }
}

/// Audits a report.
pub fn check(report: &Report) -> Audit {
    let mut a = Auditor { audit: Audit::default(), said: narrative::read_all(report) };
    a.audit.runs =
        RULES.iter().map(|r| RuleRun { rule: r.id, checked: 0, findings: 0, omitted: 0, skipped: 0 }).collect();
    // the identities and claims of a 部门决算 apply to one only, a budget's to a budget;
    // performance tables and the text rules apply to all
    if report.kind == DocumentKind::Final {
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
        a.narrative(report, &narrative::FINAL);
        a.claims(report);
    }
    if report.kind == DocumentKind::Budget {
        a.budget(report);
        a.narrative(report, &budget_narrative::BUDGET);
        a.jiguan(report);
        a.budget_claims(report);
    }
    a.performance(report);
    a.text(report);
    a.structure(report);
    finish::finish(&mut a.audit, report);
    a.audit
}

/// A term of a sum: the cell and its value (blank counts as zero).
pub(crate) type Term = (CellRef, Decimal);

struct Auditor {
    audit: Audit,
    /// The narrative's sentences, read once for every rule that reads them.
    said: Vec<Vec<narrative::Said>>,
}

pub(crate) fn cell(t: &Table, r: &Row, column: &str) -> Term {
    let c = r.cells.iter().find(|c| c.column == column);
    let v = c.map(|c| c.value);
    (
        CellRef {
            table: t.id.code().into(),
            row: r.code.as_ref().map(|c| c.code.clone()).unwrap_or_else(|| r.name.clone()),
            name: r.name.clone(),
            column: column.into(),
            value: v,
            read: c.map(|c| c.read),
            at: r.at,
            doc: None,
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

/// ` 1,000.00` or `空白`, after `为`.
fn spaced(c: &CellRef) -> String {
    c.value.map_or_else(|| "空白".to_string(), |v| format!(" {}", plain::money(v)))
}

/// What the parts of a rule's sums are, in words.
fn parts_words(rule: &str) -> (&'static str, &'static str) {
    match rule {
        "T01.income_total" | "T04.income_total" => ("各项收入", "the income lines"),
        "T01.income_grand" | "T04.income_grand" => ("本年收入与结转结余", "the year's income and balances"),
        "T01.spend_total" | "T04.spend_total" => ("各类支出", "the expenditure classes"),
        "T01.spend_grand" | "T04.spend_grand" => ("本年支出与结转结余", "the year's spending and balances"),
        "T04.row" => ("三项财政拨款", "the three kinds of appropriation"),
        "CODED.row" => ("本行各栏", "the row's columns"),
        "CODED.column" => ("各科目", "the codes"),
        "CODED.hierarchy" => ("下一级科目", "the codes under it"),
        "T06.groups" => ("各经济分类", "the economic classes"),
        "T07.parts" => ("各项“三公”经费", "the items"),
        _ => ("各项", "the parts"),
    }
}

impl Auditor {
    fn count(&mut self, rule: &'static str) {
        if let Some(r) = self.audit.runs.iter_mut().find(|r| r.rule == rule) {
            r.checked += 1;
        }
    }

    /// A claim of `rule` left unchecked (see [`RuleRun::skipped`]).
    fn skip(&mut self, rule: &'static str) {
        if let Some(r) = self.audit.runs.iter_mut().find(|r| r.rule == rule) {
            r.skipped += 1;
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

    /// `total = Σ parts` (with signs), within rounding for 万元 tables. One part is an
    /// equality of two cells (of two tables, as a rule).
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
        let (t_zh, t_en) = (plain::cell_zh(&total.0), plain::cell_en(&total.0));
        let (w_zh, w_en) = parts_words(rule);
        let m = plain::money;
        let (zh, en) = if let [((p, _), _)] = parts.as_slice() {
            (
                format!(
                    "{t_zh}为{}，{}为{}，两者应相等{}。",
                    spaced(&total.0),
                    plain::cell_zh(p),
                    spaced(p),
                    if p.value.is_some() && total.0.value.is_some() {
                        format!("，相差 {}", m(diff))
                    } else {
                        String::new()
                    }
                ),
                format!(
                    "{t_en} is {} but {} is {}; they should be equal.",
                    plain::value_en(&total.0),
                    plain::cell_en(p),
                    plain::value_en(p)
                ),
            )
        } else if total.0.value.is_none() {
            (
                format!("{t_zh}为空白，但{w_zh}之和为 {}。", m(expected)),
                format!("{t_en} is blank, but {w_en} add up to {}.", m(expected)),
            )
        } else if parts.iter().all(|((p, _), _)| p.value.is_none()) {
            (
                format!("{t_zh}为 {}，但{w_zh}均为空白。", m(total.1)),
                format!("{t_en} is {}, but {w_en} are all blank.", m(total.1)),
            )
        } else {
            (
                format!("{t_zh}为 {}，但{w_zh}之和为 {}，相差 {}。", m(total.1), m(expected), m(diff)),
                format!(
                    "{t_en} is {}, but {w_en} add up to {} (a difference of {}).",
                    m(total.1),
                    m(expected),
                    m(diff)
                ),
            )
        };
        let (zh, en) = if severity == Severity::Info {
            (
                format!("{zh}差额在万元表的舍入范围内。"),
                format!("{en} The difference is within the rounding of a 万元 table."),
            )
        } else {
            (zh, en)
        };
        let term = |c: &CellRef, s: i8, blank: &str| {
            format!(
                "{}{} {}={}",
                if s < 0 { "−" } else { "+" },
                c.row,
                c.column,
                c.value.map_or(blank.to_string(), fmt)
            )
        };
        // the formula lists at most MAX_CITED terms
        let more = parts.len().saturating_sub(MAX_CITED);
        let listed = || parts.iter().take(MAX_CITED);
        let mut terms_zh: Vec<String> = listed().map(|((c, _), s)| term(c, *s, "空白")).collect();
        let mut terms_en: Vec<String> = listed().map(|((c, _), s)| term(c, *s, "blank")).collect();
        if more > 0 {
            terms_zh.push(format!("…另有 {more} 项"));
            terms_en.push(format!("… and {more} more"));
        }
        let what = format!("{} {} {}", total.0.table, total.0.row, total.0.column);
        // a blank is said as blank: no printed value, no sum of parts that are all blank
        let sum_of_printed = parts.iter().any(|((c, _), _)| c.value.is_some()).then_some(expected);
        let mut cells = vec![total.0.clone()];
        cells.extend(parts.into_iter().map(|((c, _), _)| c));
        let f = Finding::about_cells(rule, severity, (zh, en), cells, sum_of_printed, total.0.value).detail(
            format!("{what} = {}；应为 {}", total.0.value.map_or("空白".into(), fmt), terms_zh.join(" ")),
            format!("{what} = {}; expected {}", total.0.value.map_or("blank".into(), fmt), terms_en.join(" ")),
        );
        self.push(f);
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
            self.column_sums("CODED.column", t, total, &coded, top);
        }
        self.hierarchy(t);
    }

    /// Per column: the 合计 row = Σ of the coded rows at the top level (`top` digits).
    fn column_sums(&mut self, rule: &'static str, t: &Table, total: &Row, coded: &[&Row], top: usize) {
        for col in &t.columns {
            let parts = coded
                .iter()
                .filter(|r| r.code.as_ref().is_some_and(|c| c.code.len() == top))
                .map(|r| (cell(t, r, col), 1))
                .collect();
            self.sum(rule, t.unit, cell(t, total, col), parts);
        }
    }

    fn hierarchy(&mut self, t: &Table) {
        self.hierarchy_as("CODED.hierarchy", t);
    }

    /// 类 = Σ款, 款 = Σ项 per column, under `rule`.
    fn hierarchy_as(&mut self, rule: &'static str, t: &Table) {
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
                self.sum(rule, t.unit, cell(t, parent, col), parts);
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
                        // spending from carried-over balances has no income line: a note
                        self.push(Finding::about_cells(
                            "X.02_03_codes",
                            Severity::Info,
                            (
                                format!(
                                    "科目 {code} {} 列在表 {} 中，但表 {} 中没有。",
                                    row.name,
                                    x.id.code(),
                                    y.id.code()
                                ),
                                format!(
                                    "Code {code} {} is in table {} but not in table {}.",
                                    row.name,
                                    x.id.code(),
                                    y.id.code()
                                ),
                            ),
                            vec![c],
                            None,
                            None,
                        ));
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

    /// P.funds: each amount column of 年度资金总额 against its sources, where every source
    /// row prints that column.
    fn funds_sources(&mut self, p: &crate::model::PerformanceTable, total: &crate::model::FundsRow) {
        let parts: Vec<&crate::model::FundsRow> = p.funds.iter().filter(|f| f.name != "年度资金总额").collect();
        if parts.is_empty() {
            return;
        }
        let term = |f: &crate::model::FundsRow, c: &crate::model::Cell| -> Term {
            (performance_cell(p, &f.name, &c.column, Some(c.value), Some(c.read), f.at), c.value)
        };
        for c in total.cells.iter().filter(|c| !matches!(c.column.as_str(), "分值" | "得分" | "执行率")) {
            // every source's cell in this column, or the column is not checked
            let Some(of) = parts
                .iter()
                .map(|f| f.cells.iter().find(|x| x.column == c.column))
                .collect::<Option<Vec<&crate::model::Cell>>>()
            else {
                continue;
            };
            let terms = parts.iter().zip(of).map(|(f, x)| (term(f, x), 1)).collect();
            self.sum("P.funds", p.unit, term(total, c), terms);
        }
    }

    fn performance(&mut self, r: &Report) {
        for p in &r.performance {
            let at = |name: &str, column: &str, v: Option<Decimal>, read: Option<Read>, at: Location| {
                performance_cell(p, name, column, v, read, at)
            };
            let funds = p.funds.iter().find(|f| f.name == "年度资金总额");
            let fcell = |column: &str| {
                funds.map(|f| {
                    let c = f.cells.iter().find(|c| c.column == column);
                    at(&f.name, column, c.map(|c| c.value), c.map(|c| c.read), f.at)
                })
            };
            let rate_weight = funds.and_then(|f| f.value("分值"));
            let weights: Vec<Decimal> = p.indicators.iter().filter_map(|i| i.weight).collect();
            let scored = Some(p.read);
            if !weights.is_empty() {
                self.count("P.weights");
                let sum = weights.iter().sum::<Decimal>() + rate_weight.unwrap_or_default();
                // a target table that prints no 执行率分值 may leave budget execution its
                // standard 10 unprinted (FORMAT.md)
                let reserved = p.kind.is_target() && rate_weight.is_none() && sum == Decimal::from(90);
                if sum != Decimal::ONE_HUNDRED && !reserved {
                    self.push(Finding::about_cells(
                        "P.weights",
                        Severity::Error,
                        (
                            format!("{}（{}）各项分值合计 {}，应为 100。", p.id, p.project, fmt(sum)),
                            format!("{} ({}): the weights add up to {}, not 100.", p.id, p.project, fmt(sum)),
                        ),
                        vec![at("总分", "分值", Some(sum), scored, p.at)],
                        Some(Decimal::ONE_HUNDRED),
                        Some(sum),
                    ));
                }
            }
            for i in &p.indicators {
                if let (Some(w), Some(s)) = (i.weight, i.score) {
                    self.count("P.score_le_weight");
                    if s > w {
                        self.push(Finding::about_cells(
                            "P.score_le_weight",
                            Severity::Error,
                            (
                                format!("{} 指标“{}”得分 {} 超过其分值 {}。", p.id, i.name, fmt(s), fmt(w)),
                                format!(
                                    "{}: indicator '{}' scores {} above its weight {}.",
                                    p.id,
                                    i.name,
                                    fmt(s),
                                    fmt(w)
                                ),
                            ),
                            vec![
                                at(&i.name, "得分", Some(s), scored, i.at),
                                at(&i.name, "分值", Some(w), scored, i.at),
                            ],
                            Some(w),
                            Some(s),
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
                    self.push(Finding::about_cells(
                        "P.total",
                        sev,
                        (
                            format!("{} 总分印为 {}，但执行率得分与各指标得分相加为 {}。", p.id, fmt(total), fmt(sum)),
                            format!(
                                "{}: the total is printed {} but the scores add up to {}.",
                                p.id,
                                fmt(total),
                                fmt(sum)
                            ),
                        ),
                        vec![at("总分", "得分", Some(total), scored, p.at)],
                        Some(sum),
                        Some(total),
                    ));
                }
            }
            if let Some(f) = funds {
                self.funds_sources(p, f);
            }
            let Some(f) = funds else { continue };
            let (Some(budget), Some(spent), Some(rate)) =
                (f.value("全年预算数"), f.value("全年执行数"), f.value("执行率"))
            else {
                continue;
            };
            if budget.is_zero() {
                continue;
            }
            self.count("P.rate");
            let exact = spent / budget * Decimal::ONE_HUNDRED;
            let expected = exact.round_dp(rate.scale());
            let cells = || [fcell("执行率"), fcell("全年执行数"), fcell("全年预算数")].into_iter().flatten().collect();
            let how = format!("{} ÷ {}", plain::money(spent), plain::money(budget));
            if rate == Decimal::ONE_HUNDRED && expected > rate {
                // printed capped: the rate is over 100 %
                self.push(
                    Finding::about_cells(
                        "P.rate",
                        Severity::Warning,
                        (
                            format!(
                                "{} 预算执行率印为 100%，但全年执行数超过预算，应为 {}%（{how}）。",
                                p.id,
                                plain::pct(exact.round_dp(2))
                            ),
                            format!(
                                "{}: the execution rate is printed as 100%, but spending exceeds the budget: {}% ({how}).",
                                p.id,
                                plain::pct(exact.round_dp(2))
                            ),
                        ),
                        cells(),
                        Some(exact.round_dp(2)),
                        Some(rate),
                    )
                    .detail(format!("执行率 = {how} = {}%", exact.round_dp(4)), format!("rate = {how} = {}%", exact.round_dp(4))),
                );
            } else if expected != rate {
                let one = Decimal::new(1, rate.scale());
                let sev = if (expected - rate).abs() <= one { Severity::Info } else { Severity::Error };
                self.push(
                    Finding::about_cells(
                        "P.rate",
                        sev,
                        (
                            format!("{} 预算执行率应为 {}%（{how}），表中写 {}%。", p.id, fmt(expected), fmt(rate)),
                            format!(
                                "{}: the execution rate should be {}% ({how}); the table prints {}%.",
                                p.id,
                                fmt(expected),
                                fmt(rate)
                            ),
                        ),
                        cells(),
                        Some(expected),
                        Some(rate),
                    )
                    .detail(
                        format!("执行率 = {how} = {}%", exact.round_dp(4)),
                        format!("rate = {how} = {}%", exact.round_dp(4)),
                    ),
                );
            }
            // a department's self-evaluation scores its spending by a scale of its own
            let scale = p.kind == crate::model::PerformanceKind::SelfEvaluation;
            if let (Some(w), Some(s), true) = (f.value("分值"), f.value("得分"), scale) {
                self.count("P.rate_score");
                let capped = rate.min(Decimal::ONE_HUNDRED);
                let expected = (w * capped / Decimal::ONE_HUNDRED).round_dp(2);
                let diff = s - expected;
                // some provinces round the rate score down to one place
                let sev = if diff.abs() <= Decimal::new(1, 1) { Severity::Info } else { Severity::Warning };
                if !diff.is_zero() {
                    self.push(Finding::about_cells(
                        "P.rate_score",
                        sev,
                        (
                            format!(
                                "{} 预算执行率得分应为 {}（分值 {} × 执行率 {}%），表中写 {}。",
                                p.id,
                                fmt(expected),
                                fmt(w),
                                fmt(capped),
                                fmt(s)
                            ),
                            format!(
                                "{}: the execution-rate score should be {} (weight {} × {}%); the table prints {}.",
                                p.id,
                                fmt(expected),
                                fmt(w),
                                fmt(capped),
                                fmt(s)
                            ),
                        ),
                        [fcell("得分"), fcell("分值"), fcell("执行率")].into_iter().flatten().collect(),
                        Some(expected),
                        Some(s),
                    ));
                }
            }
        }
    }

    fn structure(&mut self, r: &Report) {
        self.count("S.tables");
        for d in &r.diagnostics {
            let rule = match d.code.as_str() {
                "table.missing" | "table.duplicate" | "table.listed_absent" => "S.tables",
                "document.truncated" => "S.truncated",
                "document.kind" => "S.kind",
                _ => continue,
            };
            let severity = if rule == "S.kind" { Severity::Info } else { Severity::Warning };
            self.count(rule);
            self.push(Finding::about_cells(
                rule,
                severity,
                (d.message_zh.clone(), d.message_en.clone()),
                Vec::new(),
                None,
                None,
            ));
        }
    }
}

mod budget;
pub(crate) mod budget_narrative;
mod claims;
mod finish;
pub(crate) mod narrative;
pub mod plain;
pub use narrative::{budget_lines, BudgetLine};
mod text_rules;

/// A cell of a performance table's row (its name is the row's), as a finding cites it.
fn performance_cell(
    p: &crate::model::PerformanceTable,
    name: &str,
    column: &str,
    value: Option<Decimal>,
    read: Option<Read>,
    at: Location,
) -> CellRef {
    CellRef {
        table: p.id.clone(),
        row: name.into(),
        name: name.into(),
        column: column.into(),
        value,
        read,
        at,
        doc: None,
    }
}
