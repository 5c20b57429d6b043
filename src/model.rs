//! The typed report: what a 部门决算 disclosure says, independent of how it was read.
//!
//! Owns the vocabulary every later stage shares: standard table ids, classification codes
//! with their level, money as `rust_decimal::Decimal` with its unit, performance
//! self-evaluation tables, narrative sentences and diagnostics. Knows nothing of PDF,
//! text layout, wasm or the DOM. Everything here is plain data with serde derives so the
//! JSON export and the wasm boundary are the same shape.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::reference;

/// The whole document as recognised. Recognition never fails: what could not be read is
/// listed in `diagnostics`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    pub source: Source,
    /// What the document is, from its title page: the 决算 checks are for a 决算, the budget
    /// rules for a budget.
    pub kind: DocumentKind,
    /// Whose accounts a 决算 or budget gives, as its title says: a department's (部门), one
    /// unit's (单位), or a 汇总 of many; `None` when the title does not say.
    pub scope: Option<Scope>,
    /// 公开部门 as printed in the table headers (or the cover).
    pub department: Option<String>,
    /// The fiscal year reported on.
    pub year: Option<u16>,
    pub overview: Overview,
    /// The headings of the document's parts (`第三部分 2023年度部门决算情况说明`), as printed.
    pub headings: Vec<Heading>,
    /// The standard tables found, in standard order (01 … 09), each at most once.
    pub tables: Vec<Table>,
    /// 第三部分 决算情况说明, by numbered section.
    pub narrative: Vec<Section>,
    /// 第四部分 名词解释.
    pub glossary: Vec<GlossaryEntry>,
    /// Performance tables in document order (P01, P02, …): self-evaluations (项目支出绩效自评表,
    /// 部门整体绩效自评表) and targets (项目支出绩效目标表, 部门整体绩效目标表), each with its kind.
    pub performance: Vec<PerformanceTable>,
    pub diagnostics: Vec<Diagnostic>,
}

/// What kind of disclosure a document is.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, Default)]
#[serde(rename_all = "kebab-case")]
pub enum DocumentKind {
    /// 部门决算 (final accounts): what juesuan reads and checks.
    Final,
    /// 部门预算 / 单位预算.
    Budget,
    /// 项目支出绩效目标表.
    PerformanceTargets,
    /// 绩效自评表 (a department's or a project's), on its own.
    SelfEvaluation,
    /// 绩效评价报告 (an evaluation report, prose).
    PerformanceReport,
    #[default]
    Unknown,
}

impl DocumentKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::Final => "final",
            DocumentKind::Budget => "budget",
            DocumentKind::PerformanceTargets => "performance-targets",
            DocumentKind::SelfEvaluation => "self-evaluation",
            DocumentKind::PerformanceReport => "performance-report",
            DocumentKind::Unknown => "unknown",
        }
    }

    pub fn name_zh(self) -> &'static str {
        match self {
            DocumentKind::Final => "部门决算",
            DocumentKind::Budget => "部门预算",
            DocumentKind::PerformanceTargets => "绩效目标表",
            DocumentKind::SelfEvaluation => "绩效自评表",
            DocumentKind::PerformanceReport => "绩效评价报告",
            DocumentKind::Unknown => "未知文件",
        }
    }
}

/// Whose accounts a document gives (`Report::scope`).
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    /// 部门决算 / 部门预算 (a department with its units).
    Department,
    /// 单位决算 / 单位预算 (one unit).
    Unit,
    /// 汇总: the accounts of many departments or units together.
    Summary,
}

impl Scope {
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Department => "department",
            Scope::Unit => "unit",
            Scope::Summary => "summary",
        }
    }
}

/// Where the report came from.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Source {
    /// `text` or `pdf`.
    pub format: String,
    /// For text: `utf-8`, `utf-16le`, `utf-16be` or `gb18030`.
    pub encoding: Option<String>,
    pub bytes: usize,
    /// Text lines (text input) or pages (PDF input).
    pub lines: usize,
    pub pages: usize,
}

/// 第一部分 概况.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Overview {
    /// 部门职责, one entry per paragraph or numbered duty.
    pub duties: Vec<String>,
    /// 机构设置 / 决算单位构成 as printed.
    pub structure: String,
    /// The number of units the document says are included (`共 9 个`).
    pub units_stated: Option<u32>,
    /// The units included, each with its kind (行政单位, 参公管理事业单位, …).
    pub units: Vec<UnitEntry>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct UnitEntry {
    pub name: String,
    pub kind: String,
}

/// 元 or 万元: the unit every amount of a table is printed in.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, Default)]
pub enum MoneyUnit {
    #[default]
    #[serde(rename = "元")]
    Yuan,
    #[serde(rename = "万元")]
    WanYuan,
}

impl MoneyUnit {
    pub fn as_str(self) -> &'static str {
        match self {
            MoneyUnit::Yuan => "元",
            MoneyUnit::WanYuan => "万元",
        }
    }
}

/// The standard tables, whatever the document calls them: the nine of a 部门决算 (`01` …
/// `09`) and those of a 部门预算 (`B01` … `B17`, EXPORT.md "Budget tables").
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TableId {
    #[serde(rename = "01")]
    T01,
    #[serde(rename = "02")]
    T02,
    #[serde(rename = "03")]
    T03,
    #[serde(rename = "04")]
    T04,
    #[serde(rename = "05")]
    T05,
    #[serde(rename = "06")]
    T06,
    #[serde(rename = "07")]
    T07,
    #[serde(rename = "08")]
    T08,
    #[serde(rename = "09")]
    T09,
    /// Budget: 收支总表 / 部门收支总表 / 收支预算总表 / 收支总体情况表: two sides, 收入 and 支出.
    #[serde(rename = "B01")]
    B01,
    /// Budget: 收入总表 / 收入预算总表 / 收入总体情况表: the income by source, per function code.
    #[serde(rename = "B02")]
    B02,
    /// Budget: 支出总表 / 支出预算总表 / 支出总体情况表: 基本支出 and 项目支出 per function code.
    #[serde(rename = "B03")]
    B03,
    /// Budget: 财政拨款收支总表: two sides, the appropriations by fund.
    #[serde(rename = "B04")]
    B04,
    /// Budget: 一般公共预算（拨款）支出表 / 支出功能分类预算表: function codes.
    #[serde(rename = "B05")]
    B05,
    /// Budget: 一般公共预算基本支出表 (经济分类): economic codes, 人员经费 and 公用经费.
    #[serde(rename = "B06")]
    B06,
    /// Budget: 财政拨款“三公”经费支出表 (and 行政经费及“三公”经费, 三公经费和机关运行经费).
    #[serde(rename = "B07")]
    B07,
    /// Budget: 政府性基金预算支出表.
    #[serde(rename = "B08")]
    B08,
    /// Budget: 国有资本经营预算支出表.
    #[serde(rename = "B09")]
    B09,
    /// Budget: 项目支出表 (项目支出预算表, 项目支出总表, 专项业务经费支出表).
    #[serde(rename = "B10")]
    B10,
    /// Budget: 政府采购预算（明细）表.
    #[serde(rename = "B11")]
    B11,
    /// Budget: 机关运行经费支出表.
    #[serde(rename = "B12")]
    B12,
    /// Budget: 基本支出表 of all funds (基本支出总表, 部门预算基本支出预算表).
    #[serde(rename = "B13")]
    B13,
    /// Budget: 一般公共预算支出经济分类表 (all of its expenditure by economic code).
    #[serde(rename = "B14")]
    B14,
    /// Budget: 一般公共预算基本支出表 by function code (Xi'an 表7).
    #[serde(rename = "B15")]
    B15,
    /// Budget: 财政拨款支出表 by function code (all appropriations; Jiangsu 公开05表).
    #[serde(rename = "B16")]
    B16,
    /// Budget: 财政拨款基本支出表 by economic code (all appropriations; Jiangsu 公开06表).
    #[serde(rename = "B17")]
    B17,
}

impl TableId {
    pub const ALL: [TableId; 9] = [
        TableId::T01,
        TableId::T02,
        TableId::T03,
        TableId::T04,
        TableId::T05,
        TableId::T06,
        TableId::T07,
        TableId::T08,
        TableId::T09,
    ];

    /// The budget tables in standard order.
    pub const BUDGET: [TableId; 17] = [
        TableId::B01,
        TableId::B02,
        TableId::B03,
        TableId::B04,
        TableId::B05,
        TableId::B06,
        TableId::B07,
        TableId::B08,
        TableId::B09,
        TableId::B10,
        TableId::B11,
        TableId::B12,
        TableId::B13,
        TableId::B14,
        TableId::B15,
        TableId::B16,
        TableId::B17,
    ];

    /// A table of a 部门预算 (`B01` …).
    pub fn is_budget(self) -> bool {
        TableId::BUDGET.contains(&self)
    }

    /// What the table holds, the same for a 决算 table and its budget counterpart.
    pub fn role(self) -> Option<TableRole> {
        use TableRole::*;
        Some(match self {
            TableId::T01 | TableId::B01 => IncomeSpending,
            TableId::T02 | TableId::B02 => Income,
            TableId::T03 | TableId::B03 => Spending,
            TableId::T04 | TableId::B04 => Appropriations,
            TableId::T05 | TableId::B05 => GeneralBudget,
            TableId::T06 | TableId::B06 => GeneralBasicEconomic,
            TableId::T07 | TableId::B07 => ThreePublic,
            TableId::T08 | TableId::B08 => GovernmentFund,
            TableId::T09 | TableId::B09 => StateCapital,
            _ => return None,
        })
    }

    pub fn code(self) -> &'static str {
        match self {
            TableId::T01 => "01",
            TableId::T02 => "02",
            TableId::T03 => "03",
            TableId::T04 => "04",
            TableId::T05 => "05",
            TableId::T06 => "06",
            TableId::T07 => "07",
            TableId::T08 => "08",
            TableId::T09 => "09",
            TableId::B01 => "B01",
            TableId::B02 => "B02",
            TableId::B03 => "B03",
            TableId::B04 => "B04",
            TableId::B05 => "B05",
            TableId::B06 => "B06",
            TableId::B07 => "B07",
            TableId::B08 => "B08",
            TableId::B09 => "B09",
            TableId::B10 => "B10",
            TableId::B11 => "B11",
            TableId::B12 => "B12",
            TableId::B13 => "B13",
            TableId::B14 => "B14",
            TableId::B15 => "B15",
            TableId::B16 => "B16",
            TableId::B17 => "B17",
        }
    }

    pub fn from_number(n: u32) -> Option<TableId> {
        TableId::ALL.get((n as usize).checked_sub(1)?).copied()
    }

    /// The standard title (FORMAT.md).
    pub fn standard_name(self) -> &'static str {
        match self {
            TableId::T01 => "收入支出决算总表",
            TableId::T02 => "收入决算表",
            TableId::T03 => "支出决算表",
            TableId::T04 => "财政拨款收入支出决算总表",
            TableId::T05 => "一般公共预算财政拨款支出决算表",
            TableId::T06 => "一般公共预算财政拨款基本支出决算表",
            TableId::T07 => "财政拨款“三公”经费支出决算表",
            TableId::T08 => "政府性基金预算财政拨款收入支出决算表",
            TableId::T09 => "国有资本经营预算财政拨款支出决算表",
            TableId::B01 => "收支总表",
            TableId::B02 => "收入总表",
            TableId::B03 => "支出总表",
            TableId::B04 => "财政拨款收支总表",
            TableId::B05 => "一般公共预算支出表",
            TableId::B06 => "一般公共预算基本支出表",
            TableId::B07 => "“三公”经费支出表",
            TableId::B08 => "政府性基金预算支出表",
            TableId::B09 => "国有资本经营预算支出表",
            TableId::B10 => "项目支出表",
            TableId::B11 => "政府采购预算表",
            TableId::B12 => "机关运行经费支出表",
            TableId::B13 => "基本支出表",
            TableId::B14 => "一般公共预算支出经济分类表",
            TableId::B15 => "一般公共预算基本支出功能分类表",
            TableId::B16 => "财政拨款支出表",
            TableId::B17 => "财政拨款基本支出表",
        }
    }
}

/// What a standard table holds, whether it is a 决算 or a budget table: the key under which
/// a comparison of a 决算 with a budget, or a chart, finds "the same table" in either kind
/// ([`Report::table_for`]).
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum TableRole {
    /// 01 / B01: income and expenditure, two sides.
    IncomeSpending,
    /// 02 / B02: income by source per function code.
    Income,
    /// 03 / B03: expenditure (基本支出, 项目支出) per function code.
    Spending,
    /// 04 / B04: the appropriations by fund, two sides.
    Appropriations,
    /// 05 / B05: 一般公共预算 expenditure per function code.
    GeneralBudget,
    /// 06 / B06: 一般公共预算 basic expenditure per economic code.
    GeneralBasicEconomic,
    /// 07 / B07: “三公”经费.
    ThreePublic,
    /// 08 / B08: 政府性基金.
    GovernmentFund,
    /// 09 / B09: 国有资本经营.
    StateCapital,
}

/// Which classification a code belongs to.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Scheme {
    /// 功能分类 (政府收支分类科目): 类 3 digits, 款 5, 项 7.
    Function,
    /// 经济分类: 类 3 digits, 款 5.
    Economic,
}

/// 类, 款 or 项.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    #[serde(rename = "类")]
    Lei,
    #[serde(rename = "款")]
    Kuan,
    #[serde(rename = "项")]
    Xiang,
}

/// A classification code with its scheme and level, e.g. function 2080109 (项).
#[derive(Debug, Clone, Serialize, PartialEq, Eq, Hash)]
pub struct Code {
    pub scheme: Scheme,
    pub level: Level,
    pub code: String,
}

impl Code {
    /// Parses a code of the given scheme; `None` when the digits do not form one.
    pub fn parse(scheme: Scheme, s: &str) -> Option<Code> {
        if !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let level = match (scheme, s.len()) {
            (_, 3) => Level::Lei,
            (_, 5) => Level::Kuan,
            (Scheme::Function, 7) => Level::Xiang,
            _ => return None,
        };
        let first = s.as_bytes()[0];
        let plausible = match scheme {
            Scheme::Function => first == b'2',
            Scheme::Economic => first == b'3',
        };
        plausible.then(|| Code { scheme, level, code: s.to_string() })
    }

    /// [`Code::parse`], and also an economic code of a third level (7 digits, `3010201`),
    /// which some budgets print below the 款.
    pub fn parse_detailed(scheme: Scheme, s: &str) -> Option<Code> {
        if scheme == Scheme::Economic && s.len() == 7 && s.starts_with('3') && s.bytes().all(|b| b.is_ascii_digit()) {
            return Some(Code { scheme, level: Level::Xiang, code: s.to_string() });
        }
        Code::parse(scheme, s)
    }

    pub fn is_ancestor_of(&self, other: &Code) -> bool {
        self.scheme == other.scheme && other.code.len() > self.code.len() && other.code.starts_with(&self.code)
    }
}

/// Which side of a two-sided table (01, 04) a row stands on.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    Income,
    Expenditure,
}

/// One of the nine tables.
#[derive(Debug, Clone, Serialize)]
pub struct Table {
    pub id: TableId,
    /// The title as printed, normalised.
    pub title: String,
    pub unit: MoneyUnit,
    /// Standard column names in printed order.
    pub columns: Vec<String>,
    pub rows: Vec<Row>,
    /// Printed with no rows (`无`, `本表无数据`, or only an empty 合计 row).
    pub empty: bool,
    /// Amounts printed with decimals in the table's part of the document (its lines):
    /// every one should be in a cell.
    pub printed: usize,
    /// Where the title stands (line number for text, page for PDF).
    pub at: Location,
}

impl Table {
    pub fn row(&self, name: &str) -> Option<&Row> {
        self.rows.iter().find(|r| r.name == name)
    }

    pub fn row_by_code(&self, code: &str) -> Option<&Row> {
        self.rows.iter().find(|r| r.code.as_ref().is_some_and(|c| c.code == code))
    }

    /// The amount in a row (by name or code) and column; `None` when blank or absent.
    pub fn value(&self, row: &str, column: &str) -> Option<Decimal> {
        self.row(row).or_else(|| self.row_by_code(row))?.value(column)
    }
}

/// A table row: a classification line, a named line, or a total.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub code: Option<Code>,
    /// Normalised name (EXPORT.md): `合计`, `本年收入合计`, `其他收入/捐赠收入`, …
    pub name: String,
    pub side: Option<Side>,
    /// Non-blank cells only.
    pub cells: Vec<Cell>,
    pub at: Location,
}

impl Row {
    pub fn value(&self, column: &str) -> Option<Decimal> {
        self.cells.iter().find(|c| c.column == column).map(|c| c.value)
    }
}

/// A non-blank amount cell. `value` keeps the digits as printed (its scale).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Cell {
    pub column: String,
    #[serde(with = "rust_decimal::serde::str")]
    pub value: Decimal,
    /// How the amount was put in this column.
    pub read: Read,
}

impl Cell {
    pub fn new(column: impl Into<String>, value: Decimal, read: Read) -> Cell {
        Cell { column: column.into(), value, read }
    }
}

/// How a cell's column was known (EXPORT.md, `read`).
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Read {
    /// From a cell of the table's ruling: the column is the ruled column the number sits in.
    Grid,
    /// From the column geometry of an unruled table (header cells, number edges).
    Columns,
    /// Put in its column by the identities the row must meet (blank cells left no trace).
    Placed,
    /// Placed in printed order because no placement met the identities: may be in the
    /// wrong column.
    Uncertain,
}

impl Read {
    pub fn as_str(self) -> &'static str {
        match self {
            Read::Grid => "grid",
            Read::Columns => "columns",
            Read::Placed => "placed",
            Read::Uncertain => "uncertain",
        }
    }
}

/// A place in the source: a text line, or a page and line on it.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, Hash, Default)]
pub struct Location {
    /// 1-based line in the decoded text (text input) or in the page's reading order.
    pub line: usize,
    /// 1-based page for PDF input; 0 for text input.
    pub page: usize,
}

/// A part's heading as printed.
#[derive(Debug, Clone, Serialize)]
pub struct Heading {
    pub text: String,
    pub at: Location,
}

/// A numbered part of 第三部分, with its sentences.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    /// The ordinal as printed (`一`, `（三）`, …); empty for untitled text.
    pub number: String,
    pub title: String,
    pub sentences: Vec<Sentence>,
    pub at: Location,
}

#[derive(Debug, Clone, Serialize)]
pub struct Sentence {
    pub text: String,
    pub at: Location,
}

#[derive(Debug, Clone, Serialize)]
pub struct GlossaryEntry {
    pub term: String,
    pub definition: String,
}

/// What a performance table is: a year's self-evaluation (scores printed) or the targets
/// set before it (指标值 and, where printed, 分值; no 得分, no 实际完成值).
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, Default)]
#[serde(rename_all = "kebab-case")]
pub enum PerformanceKind {
    /// 项目支出绩效自评表 (a project's).
    #[default]
    SelfEvaluation,
    /// 部门整体绩效自评表 (a department's whole spending).
    DepartmentSelfEvaluation,
    /// 项目支出绩效目标表, 政策和项目预算绩效目标表, 专项资金绩效目标表 (a project's or a fund's).
    ProjectTarget,
    /// 部门整体（支出）绩效目标表.
    DepartmentTarget,
}

impl PerformanceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PerformanceKind::SelfEvaluation => "self-evaluation",
            PerformanceKind::DepartmentSelfEvaluation => "department-self-evaluation",
            PerformanceKind::ProjectTarget => "project-target",
            PerformanceKind::DepartmentTarget => "department-target",
        }
    }

    pub fn name_zh(self) -> &'static str {
        match self {
            PerformanceKind::SelfEvaluation => "项目支出绩效自评表",
            PerformanceKind::DepartmentSelfEvaluation => "部门整体绩效自评表",
            PerformanceKind::ProjectTarget => "项目支出绩效目标表",
            PerformanceKind::DepartmentTarget => "部门整体绩效目标表",
        }
    }

    /// A targets table: 指标值 set for the year, nothing scored.
    pub fn is_target(self) -> bool {
        matches!(self, PerformanceKind::ProjectTarget | PerformanceKind::DepartmentTarget)
    }

    /// The kind a table title names: 自评 or 目标, a project's or the department's whole.
    pub fn of_title(title: &str) -> PerformanceKind {
        let whole = title.contains("整体") && !title.contains("专项资金整体");
        match (title.contains("自评"), whole) {
            (true, true) => PerformanceKind::DepartmentSelfEvaluation,
            (true, false) => PerformanceKind::SelfEvaluation,
            (false, true) => PerformanceKind::DepartmentTarget,
            (false, false) => PerformanceKind::ProjectTarget,
        }
    }
}

/// A performance table: a 项目支出绩效自评表, a 部门整体绩效自评表 or a 绩效目标表 (`kind`).
/// Amounts in its own unit (万元 as a rule). What a kind does not print (a target's
/// 得分 and 实际完成值) is empty or `None`, never zero.
#[derive(Debug, Clone, Serialize)]
pub struct PerformanceTable {
    /// `P01`, `P02`, … in document order.
    pub id: String,
    pub kind: PerformanceKind,
    pub title: String,
    pub unit: MoneyUnit,
    pub project: String,
    pub department: String,
    pub implementer: String,
    /// 年度资金总额, 当年财政拨款, 上年结转资金, 其他资金 (a target's also 财政专户拨款).
    pub funds: Vec<FundsRow>,
    /// 预期目标; a target table's 年度（总体）目标 / 绩效目标.
    pub goal_expected: String,
    pub goal_actual: String,
    pub indicators: Vec<Indicator>,
    /// 总分 row: (分值, 得分); the 分值 `None` when the row prints the score alone.
    #[serde(with = "opt_decimal_pair")]
    pub total: Option<(Option<Decimal>, Decimal)>,
    /// How the indicator scores and the 总分 were read: `Grid` from the table's ruled
    /// cells, `Placed` from the lines by their order and shape.
    pub read: Read,
    pub at: Location,
}

/// A row of the funds block. Columns: 年初预算数, 全年预算数, 全年执行数 (amounts),
/// 分值, 得分 (scores), 执行率 (percent, without the sign); a target table's one amount
/// is 预算数 (and the 年度资金总额 row's 分值 the weight of budget execution where printed).
#[derive(Debug, Clone, Serialize)]
pub struct FundsRow {
    pub name: String,
    pub cells: Vec<Cell>,
    pub at: Location,
}

impl FundsRow {
    pub fn value(&self, column: &str) -> Option<Decimal> {
        self.cells.iter().find(|c| c.column == column).map(|c| c.value)
    }
}

/// One 三级指标 row.
#[derive(Debug, Clone, Serialize)]
pub struct Indicator {
    /// 一级指标: 产出指标, 效益指标, 满意度指标 (empty when the document does not say).
    pub level1: String,
    /// 二级指标: 数量指标, …
    pub level2: String,
    pub name: String,
    /// 年度指标值 (a target's 指标值).
    pub target: String,
    /// 指标性质 / 指标方向 (≥, ≤, =, 定性 …) where a column prints it apart from the value.
    pub direction: String,
    /// 计量单位 / 度量单位 where a column prints it apart from the value.
    pub measure: String,
    pub actual: String,
    #[serde(with = "rust_decimal::serde::str_option")]
    pub weight: Option<Decimal>,
    #[serde(with = "rust_decimal::serde::str_option")]
    pub score: Option<Decimal>,
    /// 偏差原因分析及改进措施.
    pub deviation: String,
    pub at: Location,
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

/// Something recognition could not place or did not understand.
#[derive(Debug, Clone, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable identifier, e.g. `table.missing`.
    pub code: String,
    pub message_zh: String,
    pub message_en: String,
    pub at: Option<Location>,
}

/// One node of the function-classification hierarchy (类 → 款 → 项) for one column.
#[derive(Debug, Clone, Serialize)]
pub struct HierarchyNode {
    pub code: String,
    pub level: Level,
    /// The name printed in the document, else the standard 类 name, else `None`
    /// (a 款 with no known name shows its code; a name is never guessed).
    pub name: Option<String>,
    #[serde(with = "rust_decimal::serde::str")]
    pub value: Decimal,
    pub children: Vec<HierarchyNode>,
}

impl Report {
    pub fn table(&self, id: TableId) -> Option<&Table> {
        self.tables.iter().find(|t| t.id == id)
    }

    /// What the document is, in its own words: 部门决算, 单位决算, 部门预算, 单位预算, 决算汇总,
    /// 预算汇总, or the kind's name (绩效目标表, 绩效自评表, 绩效评价报告, 未知文件).
    pub fn kind_name_zh(&self) -> String {
        let what = match self.kind {
            DocumentKind::Final => "决算",
            DocumentKind::Budget => "预算",
            k => return k.name_zh().to_string(),
        };
        match self.scope {
            Some(Scope::Unit) => format!("单位{what}"),
            Some(Scope::Summary) => format!("{what}汇总"),
            _ => format!("部门{what}"),
        }
    }

    /// The table of a role, 决算 or budget, whichever the report has (a report has one kind's
    /// tables only): `table_for(TableRole::GeneralBudget)` is 05 in a 决算 and B05 in a budget.
    pub fn table_for(&self, role: TableRole) -> Option<&Table> {
        self.tables.iter().find(|t| t.id.role() == Some(role))
    }

    /// A budget table (`B01` …) by id; `None` for a 决算 id or a table the budget lacks.
    pub fn budget_table(&self, id: TableId) -> Option<&Table> {
        self.table(id).filter(|t| t.id.is_budget())
    }

    /// The function hierarchy of one column of a function-coded table (02, 03, 05, 08, 09),
    /// built from code prefixes: 类 and 款 nodes are derived when the document lists only
    /// 项 rows. A printed 类/款 row's own amount is kept when present (the checker compares it
    /// with the sum of its children); otherwise a node's value is the sum of its children.
    pub fn function_hierarchy(&self, id: TableId, column: &str) -> Vec<HierarchyNode> {
        let Some(table) = self.table(id) else {
            return Vec::new();
        };
        let coded: Vec<(&Code, &Row)> = table
            .rows
            .iter()
            .filter_map(|r| r.code.as_ref().filter(|c| c.scheme == Scheme::Function).map(|c| (c, r)))
            .collect();
        let mut lei: Vec<String> = Vec::new();
        for (c, _) in &coded {
            let k = c.code[..3].to_string();
            if !lei.contains(&k) {
                lei.push(k);
            }
        }
        lei.sort();
        lei.iter().map(|k| build_node(k, &coded, column)).collect()
    }
}

fn build_node(code: &str, coded: &[(&Code, &Row)], column: &str) -> HierarchyNode {
    let level = match code.len() {
        3 => Level::Lei,
        5 => Level::Kuan,
        _ => Level::Xiang,
    };
    let own = coded.iter().find(|(c, _)| c.code == code).map(|(_, r)| *r);
    let mut child_codes: Vec<String> = Vec::new();
    if level != Level::Xiang {
        let child_len = code.len() + 2;
        for (c, _) in coded {
            if c.code.len() >= child_len && c.code.starts_with(code) {
                let k = c.code[..child_len].to_string();
                if !child_codes.contains(&k) {
                    child_codes.push(k);
                }
            }
        }
    }
    child_codes.sort();
    let children: Vec<HierarchyNode> = child_codes.iter().map(|k| build_node(k, coded, column)).collect();
    let value = own.and_then(|r| r.value(column)).unwrap_or_else(|| children.iter().map(|c| c.value).sum());
    let name = own
        .map(|r| r.name.clone())
        .filter(|n| !n.is_empty())
        .or_else(|| (level == Level::Lei).then(|| reference::function_class_name(code)).flatten().map(str::to_string));
    HierarchyNode { code: code.to_string(), level, name, value, children }
}

mod opt_decimal_pair {
    use rust_decimal::Decimal;
    use serde::Serializer;

    pub fn serialize<S: Serializer>(v: &Option<(Option<Decimal>, Decimal)>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            None => s.serialize_none(),
            Some((a, b)) => s.collect_seq([a.map(|a| a.to_string()), Some(b.to_string())]),
        }
    }
}
