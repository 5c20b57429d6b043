//! The nine standard tables: finding each table's unit and columns, reading its rows,
//! and placing every printed number in its column (see `placement`).

use rust_decimal::Decimal;

use super::grid_table::{BodyRow, Segment as GridSegment};
use super::placement::{Bounds, Identity, Reading, Rules};
use super::Diags;
use crate::layout::Line;
use crate::model::{Cell, Code, Location, MoneyUnit, Read, Row, Scheme, Side, Table, TableId};
use crate::reference::{function_class_by_name, FUNDS_04, INCOME_LINES_01};
use crate::text::{join_wrapped, match_key, normalize_name, parse_amount, strip_ordinal};

/// What the recogniser needs besides a table's own lines.
pub struct Context<'a> {
    /// Does the narrative restate this (column, value)?
    pub evidence: &'a dyn Fn(&str, Decimal) -> bool,
    /// The placement search's work left to the document.
    pub budget: &'a super::placement::Budget,
}

/// Standard titles, longest first so that a longer title wins over its suffix.
const TITLES: [(&str, TableId); 13] = [
    ("一般公共预算财政拨款三公经费支出决算表", TableId::T07),
    ("一般公共预算财政拨款基本支出决算表", TableId::T06),
    ("政府性基金预算财政拨款收入支出决算表", TableId::T08),
    ("国有资本经营预算财政拨款收入支出决算表", TableId::T09),
    ("国有资本经营预算财政拨款支出决算表", TableId::T09),
    ("一般公共预算财政拨款支出决算表", TableId::T05),
    ("财政拨款三公经费支出决算表", TableId::T07),
    ("财政拨款收入支出决算总表", TableId::T04),
    ("收入支出决算总表", TableId::T01),
    // 高等学校收支决算总表 (the university format)
    ("收支决算总表", TableId::T01),
    ("财政拨款支出决算表", TableId::T05),
    ("收入决算表", TableId::T02),
    ("支出决算表", TableId::T03),
];

/// The table a title line names, if it is one.
pub fn title_of(line: &Line) -> Option<TableId> {
    // cheap test first: a title is short and names a 表
    if !line.compact().contains('表') || line.compact().chars().count() > 60 {
        return None;
    }
    title_in(&line.text)
}

/// The table a title's text names (`title_of` without the line).
pub fn title_in(text: &str) -> Option<TableId> {
    let mut key = match_key(text);
    // `公开01表` before or after the title
    if let Some(n) = public_number(&key) {
        let marker = format!("公开{:02}表", n);
        key = key.replace(&marker, "").replace(&format!("公开{n}表"), "");
        if key.is_empty() {
            return None;
        }
    }
    if key.chars().count() > 40 {
        return None;
    }
    TITLES.iter().find(|(t, _)| key.ends_with(t) && harmless_prefix(&key[..key.len() - t.len()])).map(|(_, id)| *id)
}

/// What may stand before a standard title: a year, `部门`/`单位`, or the name of the
/// reporting body (`…厅`, `…局`, `高等学校`); not a subject that makes it another table
/// (`机关运行经费支出决算表`).
fn harmless_prefix(prefix: &str) -> bool {
    let p: String = prefix.chars().filter(|c| !c.is_ascii_digit()).collect();
    let p = p.trim_end_matches("年度").trim_end_matches('年');
    p.is_empty()
        || ["部门", "单位", "本级"].iter().any(|s| p.ends_with(s))
        || p.chars().last().is_some_and(|c| "厅局委办院部会所站馆校学队处室署社团行司中心府".contains(c))
}

/// A short line ending in `表` that is not a sentence: the title of some table.
pub fn looks_like_title(line: &Line) -> bool {
    let c = line.compact();
    let n = c.chars().count();
    (4..=40).contains(&n)
        && (c.ends_with('表') || public_number(c).is_some() && n > 6)
        && !c.contains(['，', '。', '：', '；'])
        && !c.starts_with("公开")
}

/// `公开 03 表` → 3.
pub fn public_number(key: &str) -> Option<u32> {
    let start = key.find("公开")? + "公开".len();
    let rest = &key[start..];
    let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.is_empty() || !rest[digits.len()..].starts_with('表') {
        return None;
    }
    digits.parse().ok()
}

/// `金额单位：万元`, `单位：元`.
pub fn unit_of(lines: &[Line]) -> Option<MoneyUnit> {
    for (i, l) in lines.iter().enumerate() {
        let c = l.compact().replace(':', "：");
        // every `单位：` of the line (`预算单位：…局 单位：万元`)
        for (pos, _) in c.match_indices("单位：") {
            let rest = &c[pos + "单位：".len()..];
            // `单位：万` with its `元` wrapped onto a later line of the narrow cell
            let wrapped = rest == "万"
                && lines[i + 1..]
                    .iter()
                    .take(3)
                    .any(|n| n.compact() == "元" || n.compact().ends_with("元") && n.compact().chars().count() == 1);
            if rest.starts_with("万元") || wrapped {
                return Some(MoneyUnit::WanYuan);
            }
            if rest.starts_with('元') {
                return Some(MoneyUnit::Yuan);
            }
        }
    }
    None
}

/// A number printed with decimals: an amount, never a 行次, a code or a page number.
pub fn is_decimal_amount(t: &str) -> bool {
    t.contains('.') && t.bytes().any(|b| b.is_ascii_digit()) && parse_amount(t).is_some()
}

fn is_note(line: &Line) -> bool {
    let c = line.compact();
    c.starts_with("注：") || c.starts_with("注:") || c.starts_with("说明：") || c.starts_with("备注")
}

fn is_empty_marker(line: &Line) -> bool {
    let c = line.compact();
    c == "无" || c.contains("本表无数据") || c.contains("无数据") || c.contains("此表为空")
}

/// Lines from the last `栏次` line to the first note; `None` when there is no 栏次 line.
fn after_column_numbers(lines: &[Line]) -> Option<usize> {
    lines.iter().rposition(|l| l.compact().starts_with("栏次")).map(|i| i + 1)
}

fn data_end(lines: &[Line], from: usize) -> usize {
    lines[from..].iter().position(is_note).map(|p| p + from).unwrap_or(lines.len())
}

fn amounts(tokens: &[&str]) -> Vec<Decimal> {
    tokens.iter().filter_map(|t| parse_amount(t)).collect()
}

fn leading_name(tokens: &[&str]) -> (String, usize) {
    let n = tokens.iter().take_while(|t| parse_amount(t).is_none()).count();
    (join_wrapped(tokens[..n].iter().copied()), n)
}

fn is_total_name(name: &str) -> bool {
    matches!(normalize_name(name).as_str(), "合计" | "总计")
}

fn sum_identity(columns: &[String], total: &str, parts: &[&str]) -> Option<Identity> {
    let t = columns.iter().position(|c| c == total)?;
    let mut id = vec![(t, 1i8)];
    for p in parts {
        if let Some(i) = columns.iter().position(|c| c == p) {
            id.push((i, -1));
        }
    }
    (id.len() > 1).then_some(id)
}

fn cells(columns: &[String], reading: &Reading, read: Read) -> Vec<Cell> {
    reading.iter().zip(columns).filter_map(|(v, c)| v.map(|value| Cell::new(c.clone(), value, read))).collect()
}

fn tolerance(unit: MoneyUnit) -> Decimal {
    match unit {
        MoneyUnit::Yuan => Decimal::ZERO,
        MoneyUnit::WanYuan => Decimal::new(1, 2),
    }
}

/// Column layout of a function-coded table: standard columns, optional ones only when the
/// header names them.
fn coded_columns(id: TableId, header: &str) -> Vec<String> {
    column_spec(id)
        .iter()
        .filter(|(_, detect)| detect.is_empty() || detect.iter().any(|d| header.contains(d)))
        .map(|(n, _)| n.to_string())
        .collect()
}

/// The standard columns of a function-coded table (EXPORT.md), each with the header words
/// that must be printed for the line reader to expect it (none: always).
type ColumnSpec = &'static [(&'static str, &'static [&'static str])];

fn column_spec(id: TableId) -> ColumnSpec {
    match id {
        TableId::T02 => &[
            ("本年收入合计", &[]),
            ("财政拨款收入", &[]),
            ("上级补助收入", &[]),
            ("事业收入", &[]),
            ("教育收费", &["教育收费"]),
            ("经营收入", &[]),
            ("附属单位上缴收入", &[]),
            ("其他收入", &[]),
        ],
        TableId::T03 => &[
            ("本年支出合计", &[]),
            ("基本支出", &[]),
            ("项目支出", &[]),
            ("上缴上级支出", &[]),
            ("经营支出", &[]),
            ("对附属单位补助支出", &[]),
        ],
        TableId::T08 => &[
            ("年初结转和结余", &[]),
            ("本年收入", &[]),
            ("本年支出合计", &[]),
            ("基本支出", &[]),
            ("项目支出", &[]),
            ("年末结转和结余", &[]),
        ],
        _ => &[
            ("年初结转和结余", &["年初结转", "上年结转"]),
            ("本年收入", &["本年收入"]),
            ("本年支出合计", &[]),
            ("基本支出", &[]),
            ("项目支出", &[]),
            ("年末结转和结余", &["年末结转"]),
        ],
    }
}

fn coded_identities(columns: &[String]) -> Vec<Identity> {
    let mut ids = Vec::new();
    ids.extend(sum_identity(
        columns,
        "本年收入合计",
        &["财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"],
    ));
    ids.extend(sum_identity(
        columns,
        "本年支出合计",
        &["基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"],
    ));
    let pos = |n: &str| columns.iter().position(|c| c == n);
    if let (Some(a), Some(b), Some(c), Some(d)) =
        (pos("年末结转和结余"), pos("年初结转和结余"), pos("本年收入"), pos("本年支出合计"))
    {
        ids.push(vec![(a, 1), (b, -1), (c, -1), (d, 1)]);
    }
    ids
}

struct RawRow {
    code: Option<Code>,
    name: String,
    values: Vec<Decimal>,
    at: Location,
}

/// Reads a table whose rows are function codes (02, 03, 05, 08, 09).
/// `known` gives totals of the 合计 row taken from another table. `whole` caps each cell
/// by the same code's cell in a table that contains this one (03 for 05, 08, 09); `parts`
/// floor it by the sum of the same cells in tables it contains (05, 08, 09 for 03).
/// Returns the table and whether every placement met its column sums.
pub fn coded_table(
    id: TableId,
    title: &str,
    lines: &[Line],
    known: &[(&str, Decimal)],
    whole: Option<&Table>,
    parts: &[&Table],
    cx: &Context,
    diags: &mut Diags,
) -> (Table, bool) {
    let unit = unit_or_default(id, lines, diags);
    let start = after_column_numbers(lines).unwrap_or(0);
    let end = data_end(lines, start);
    let header: String = lines[..start.max(1).min(lines.len())].iter().map(|l| l.compact()).collect();
    let columns = coded_columns(id, &header);
    let mut raw: Vec<RawRow> = Vec::new();
    // `说明：…本表无数据` may follow the note that ends the data
    let empty_marker = lines.iter().any(is_empty_marker);
    let mut names: Vec<Vec<String>> = Vec::new();
    for line in &lines[start..end] {
        let toks: Vec<&str> = line.token_texts().collect();
        let code = toks.first().and_then(|t| Code::parse(Scheme::Function, t));
        let (lead, _) = leading_name(&toks);
        let body: &[&str] = if code.is_some() {
            raw.push(RawRow { code: code.clone(), name: String::new(), values: Vec::new(), at: line.at });
            names.push(Vec::new());
            &toks[1..]
        } else if is_total_name(&lead) {
            raw.push(RawRow { code: None, name: "合计".into(), values: Vec::new(), at: line.at });
            names.push(Vec::new());
            &[]
        } else if is_empty_marker(line) {
            continue;
        } else if raw.is_empty() {
            continue; // header lines without 栏次
        } else {
            &toks[..]
        };
        let last = raw.len() - 1;
        if is_total_name(&lead) && code.is_none() {
            raw[last].values.extend(amounts(&toks));
            continue;
        }
        for t in body {
            match parse_amount(t) {
                Some(v) => raw[last].values.push(v),
                None => names[last].push(t.to_string()),
            }
        }
    }
    for (r, n) in raw.iter_mut().zip(&names) {
        if r.code.is_some() {
            r.name = normalize_name(&join_wrapped(n.iter().map(String::as_str)));
        }
    }
    let rules = Rules {
        columns: &columns,
        identities: &coded_identities(&columns),
        tolerance: tolerance(unit),
        evidence: cx.evidence,
        budget: cx.budget,
    };
    let known: Vec<Option<Decimal>> =
        columns.iter().map(|c| known.iter().find(|(k, _)| k == c).map(|(_, v)| *v)).collect();
    let same_row = |t: &Table, r: &RawRow| -> Option<Reading> {
        let row = match &r.code {
            Some(c) => t.row_by_code(&c.code)?,
            None => t.row("合计")?,
        };
        Some(columns.iter().map(|c| t.columns.contains(c).then(|| row.value(c).unwrap_or_default())).collect())
    };
    let bounds: Vec<Bounds> = raw
        .iter()
        .map(|r| {
            let upper = whole.and_then(|t| same_row(t, r));
            let floors: Vec<Reading> = parts.iter().filter_map(|t| same_row(t, r)).collect();
            let lower = (!floors.is_empty()).then(|| {
                (0..columns.len())
                    .map(|c| {
                        let vals: Vec<Decimal> = floors.iter().filter_map(|f| f[c]).collect();
                        (!vals.is_empty()).then(|| vals.iter().sum())
                    })
                    .collect()
            });
            Bounds { upper, lower }
        })
        .collect();
    let (readings, certain) = place_tree(&raw, &rules, &known, &bounds, diags);
    let rows: Vec<Row> = raw
        .iter()
        .zip(&readings)
        .map(|(r, (reading, read))| Row {
            code: r.code.clone(),
            name: r.name.clone(),
            side: None,
            cells: cells(&columns, reading, *read),
            at: r.at,
        })
        .collect();
    note_uncertain(id, &rows, diags);
    if rows.is_empty() && !empty_marker {
        diags.warn(
            "table.no_rows",
            format!("{} 没有可读取的数据行", id.code()),
            format!("table {} has no readable rows", id.code()),
            lines.first().map(|l| l.at),
        );
    }
    let table = table(lines, id, title, unit, columns, rows);
    (table, certain)
}

/// A table from its parts; `empty` when no row has a cell.
pub(super) fn table(
    lines: &[Line],
    id: TableId,
    title: impl Into<String>,
    unit: MoneyUnit,
    columns: Vec<String>,
    rows: Vec<Row>,
) -> Table {
    let empty = rows.iter().all(|r| r.cells.is_empty());
    let printed =
        lines.iter().filter(|l| !is_note(l)).flat_map(|l| l.token_texts()).filter(|t| is_decimal_amount(t)).count();
    let at = lines.first().map(|l| l.at).unwrap_or_default();
    Table { id, title: title.into(), unit, columns, rows, empty, printed, at }
}

pub(super) fn unit_or_default(id: TableId, lines: &[Line], diags: &mut Diags) -> MoneyUnit {
    unit_of(lines).unwrap_or_else(|| {
        diags.warn(
            "table.unit_missing",
            format!("表 {} 未注明金额单位，按元处理", id.code()),
            format!("table {} states no unit; read as 元", id.code()),
            lines.first().map(|l| l.at),
        );
        MoneyUnit::Yuan
    })
}

/// Places the rows of a coded table top-down: the 合计 row first, then each row's children
/// (by code prefix) against it.
fn place_tree(
    raw: &[RawRow],
    rules: &Rules,
    known: &[Option<Decimal>],
    bounds: &[Bounds],
    diags: &mut Diags,
) -> (Vec<(Reading, Read)>, bool) {
    let n = rules.columns.len();
    let mut placed: Vec<Option<Reading>> = vec![None; raw.len()];
    let mut read: Vec<Read> = vec![Read::Placed; raw.len()];
    // parent of each coded row: nearest present ancestor (the last printed of equal codes),
    // else the 合计 row; found through an index of codes, so a long table stays linear
    let total = raw.iter().position(|r| r.code.is_none() && r.name == "合计");
    let mut by_code: std::collections::HashMap<(Scheme, &str), usize> = std::collections::HashMap::new();
    for (i, r) in raw.iter().enumerate() {
        if let Some(c) = &r.code {
            by_code.insert((c.scheme, c.code.as_str()), i);
        }
    }
    let parent: Vec<Option<usize>> = raw
        .iter()
        .map(|r| {
            let c = r.code.as_ref()?;
            [5, 3]
                .into_iter()
                .filter(|&len| len < c.code.len())
                .find_map(|len| by_code.get(&(c.scheme, &c.code[..len])).copied())
                .or(total)
        })
        .collect();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); raw.len()];
    for (i, p) in parent.iter().enumerate() {
        if let Some(p) = p {
            children[*p].push(i);
        }
    }
    let mut queue: Vec<usize> = Vec::new();
    let mut certain = true;
    for (i, r) in raw.iter().enumerate() {
        if parent[i].is_none() {
            let k = if Some(i) == total { known } else { &[][..] };
            placed[i] = Some(match rules.place_root_checked(&r.values, k, &bounds[i]) {
                Some((reading, unique)) => {
                    if !unique {
                        read[i] = Read::Uncertain;
                    }
                    reading
                }
                None => {
                    diags.warn(
                        "table.too_many_values",
                        format!("一行的数字多于列数：{}", r.name),
                        format!("more numbers than columns in row {}", r.name),
                        Some(r.at),
                    );
                    vec![None; n]
                }
            });
            queue.push(i);
        }
    }
    while let Some(p) = queue.pop() {
        let kids = std::mem::take(&mut children[p]);
        if kids.is_empty() {
            continue;
        }
        let target = placed[p].clone().unwrap_or_else(|| vec![None; n]);
        let values: Vec<Vec<Decimal>> = kids.iter().map(|&k| raw[k].values.clone()).collect();
        let kid_bounds: Vec<Bounds> = kids.iter().map(|&k| bounds[k].clone()).collect();
        let (readings, met) = rules.place_children(&values, &target, &kid_bounds);
        certain &= met;
        if !met && target.iter().any(Option::is_some) {
            diags.warn(
                "table.placement",
                format!("“{}”下各行之和与该行不符，数字按顺序放置", display_name(&raw[p])),
                format!("rows under '{}' do not sum to it; numbers placed in printed order", display_name(&raw[p])),
                Some(raw[p].at),
            );
        }
        for (k, r) in kids.iter().zip(readings) {
            placed[*k] = Some(r);
            if !met && raw[*k].values.len() < n {
                read[*k] = Read::Uncertain;
            }
            queue.push(*k);
        }
    }
    let placed = placed.into_iter().map(|p| p.unwrap_or_else(|| vec![None; n]));
    (placed.zip(read).collect(), certain)
}

/// One `table.uncertain` warning, at the row, for each row with a cell the identities did
/// not place (more than one reading met them, or none did): a number of that row may be in
/// the wrong column. One per row, however many of its cells are uncertain.
fn note_uncertain(id: TableId, rows: &[Row], diags: &mut Diags) {
    for r in rows.iter().filter(|r| r.cells.iter().any(|c| c.read == Read::Uncertain)) {
        let name = match &r.code {
            Some(c) => format!("{} {}", c.code, r.name),
            None => r.name.clone(),
        };
        diags.warn(
            "table.uncertain",
            format!("{} 表“{name}”一行的数字无法由恒等式唯一确定，可能放错列", id.code()),
            format!(
                "table {}, row '{name}': the identities do not fix this row's numbers; they may be in the wrong column",
                id.code()
            ),
            Some(r.at),
        );
    }
}

fn display_name(r: &RawRow) -> String {
    match &r.code {
        Some(c) => format!("{} {}", c.code, r.name),
        None => r.name.clone(),
    }
}

/// One side of a line in a two-sided table: a name, its 行次, its amounts.
#[derive(Debug, Default)]
struct Segment {
    name: String,
    row_no: bool,
    values: Vec<Decimal>,
}

fn is_plain_int(t: &str) -> bool {
    !t.is_empty() && t.len() <= 3 && t.bytes().all(|b| b.is_ascii_digit())
}

/// Words further apart than this many font sizes (text input: columns) are separate cells.
const CELL_GAP: f32 = 1.5;

/// Splits a line into segments. `row_numbers`: short whole numbers are 行次, not amounts
/// (true when the table prints its amounts with decimals).
fn segments(line: &Line, row_numbers: bool) -> Vec<Segment> {
    let mut segs: Vec<Segment> = Vec::new();
    let mut names: Vec<Vec<&str>> = Vec::new();
    let mut prev_end: Option<f32> = None;
    for (tok, t) in line.tokens.iter().zip(line.token_texts()) {
        // a numbered name (`八、…`) or one set well apart from the last starts a cell of its own
        let apart = prev_end.is_some_and(|e| tok.x - e > CELL_GAP * line.size) || strip_ordinal(t).len() != t.len();
        prev_end = Some(tok.x_end);
        let Some(v) = parse_amount(t) else {
            match segs.last() {
                Some(s) if !s.row_no && s.values.is_empty() && !apart => names.last_mut().unwrap().push(t),
                _ => {
                    segs.push(Segment::default());
                    names.push(vec![t]);
                }
            }
            continue;
        };
        let row_no = row_numbers && is_plain_int(t);
        match segs.last_mut() {
            Some(s) if row_no && !s.row_no && s.values.is_empty() => s.row_no = true,
            Some(s) if !row_no => s.values.push(v),
            _ => {
                // a 行次 with no name: an empty line of the other side
                let mut s = Segment { row_no, ..Segment::default() };
                if !row_no {
                    s.values.push(v);
                }
                segs.push(s);
                names.push(Vec::new());
            }
        }
    }
    for (s, n) in segs.iter_mut().zip(names) {
        s.name = join_wrapped(n);
    }
    segs
}

/// The standard name of a line of 01 or 04, and its side, from its printed name.
fn canonical_line(name: &str, t04: bool, after_opening: bool) -> (String, Side, Option<Code>) {
    let key = normalize_name(name);
    let k = key.replace('"', "");
    if k == "总计" || k == "合计" {
        return (String::new(), Side::Income, None); // side decided by position
    }
    if let Some(rest) = k.strip_prefix("其中：") {
        return (format!("/{rest}"), Side::Income, None);
    }
    if k == "本年收入合计" {
        return (k, Side::Income, None);
    }
    if k == "本年支出合计" || k == "结余分配" {
        return (k, Side::Expenditure, None);
    }
    if k.contains("年末") {
        let n = if t04 { "年末财政拨款结转和结余" } else { "年末结转和结余" };
        return (n.into(), Side::Expenditure, None);
    }
    if (k.contains("年初") || k.contains("上年")) && k.contains("结转") {
        let n = if t04 { "年初财政拨款结转和结余" } else { "年初结转和结余" };
        return (n.into(), Side::Income, None);
    }
    if k.starts_with("使用非财政拨款结余") {
        return ("使用非财政拨款结余".into(), Side::Income, None);
    }
    if t04 {
        if let Some(f) = FUNDS_04.iter().find(|f| k.starts_with(*f)) {
            let n = if after_opening { format!("年初财政拨款结转和结余/{f}") } else { f.to_string() };
            return (n, Side::Income, None);
        }
    } else if let Some(l) = INCOME_LINES_01.iter().find(|l| **l == k) {
        return (l.to_string(), Side::Income, None);
    }
    if let Some((code, cname)) = function_class_by_name(&k) {
        return (cname.to_string(), Side::Expenditure, Code::parse(Scheme::Function, code));
    }
    let side = if k.ends_with("收入") { Side::Income } else { Side::Expenditure };
    (k, side, None)
}

/// Words that only column headings print as a cell of their own.
const HEADER_WORDS: [&str; 8] = ["项目", "决算数", "预算数", "金额", "收入", "支出", "栏次", "行次"];

/// A line name `canonical_line` recognised (not merely passed through).
fn is_standard_line(name: &str) -> bool {
    let base = name.split('/').next().unwrap_or(name);
    name.is_empty()
        || name.starts_with('/')
        || INCOME_LINES_01.contains(&base)
        || FUNDS_04.contains(&base)
        || [
            "本年收入合计",
            "本年支出合计",
            "结余分配",
            "年末结转和结余",
            "年初结转和结余",
            "年末财政拨款结转和结余",
            "年初财政拨款结转和结余",
            "使用非财政拨款结余",
        ]
        .contains(&base)
}

struct SideRow {
    name: String,
    code: Option<Code>,
    values: Vec<Decimal>,
    at: Location,
}

/// The running state of a two-sided table's line names: a `其中：X` line is a part of the
/// last income line, and the fund lines after `年初…结转和结余` are its sub-lines.
#[derive(Default)]
struct SideNames {
    after_opening: bool,
    last_income_main: String,
}

impl SideNames {
    /// A line's name from its canonical name and side: a total by its side, a part under
    /// its line.
    fn settle(&mut self, name: String, side: Side) -> String {
        let mut name = name;
        if name.is_empty() {
            name = if side == Side::Income { "收入总计" } else { "支出总计" }.into();
        }
        if let Some(part) = name.strip_prefix('/') {
            name = format!("{}/{part}", self.last_income_main);
        } else if side == Side::Income && !name.contains('/') {
            self.last_income_main = name.clone();
        }
        if name.starts_with("年初") {
            self.after_opening = true;
        }
        name
    }
}

/// Reads a two-sided table (01 or 04) into its income and expenditure lines.
fn two_sided(lines: &[Line], t04: bool, diags: &mut Diags) -> (Vec<SideRow>, Vec<SideRow>) {
    let start = after_column_numbers(lines).unwrap_or(0);
    let end = data_end(lines, start);
    let mut income: Vec<SideRow> = Vec::new();
    let mut spend: Vec<SideRow> = Vec::new();
    let mut names = SideNames::default();
    let row_numbers =
        lines[start..end].iter().flat_map(|l| l.token_texts()).any(|t| parse_amount(t).is_some() && t.contains('.'));
    for line in &lines[start..end] {
        // header lines (`项目 决算数 项目 合计 一般公共预算财政拨款 …`) name columns, not lines
        let is_header = line.token_texts().any(|t| HEADER_WORDS.contains(&t))
            && !line.token_texts().any(|t| parse_amount(t).is_some());
        if is_header {
            continue;
        }
        let segs = segments(line, row_numbers);
        let named: Vec<(usize, &Segment)> = segs.iter().enumerate().filter(|(_, s)| !s.name.is_empty()).collect();
        if named.is_empty() {
            if segs.iter().any(|s| !s.values.is_empty()) {
                diags.warn("table.unplaced_numbers", "有数字没有对应的行名", "numbers with no row name", Some(line.at));
            }
            continue;
        }
        for (pos, (i, s)) in named.iter().enumerate() {
            let (name, mut side, code) = canonical_line(&s.name, t04, names.after_opening);
            // words that name no standard line and carry no amount: headings, units
            if s.values.is_empty() && code.is_none() && !is_standard_line(&name) {
                continue;
            }
            let leading_blank = *i > 0 && segs[..*i].iter().all(|x| x.name.is_empty());
            if name.is_empty() || code.is_none() && !name.starts_with('/') && named.len() == 2 {
                // totals, and any line whose side only its position tells
                side = if named.len() == 2 {
                    if pos == 0 {
                        Side::Income
                    } else {
                        Side::Expenditure
                    }
                } else if leading_blank {
                    Side::Expenditure
                } else {
                    side
                };
            }
            if leading_blank && named.len() == 1 {
                side = Side::Expenditure;
            }
            let name = names.settle(name, side);
            let row = SideRow { name, code, values: s.values.clone(), at: line.at };
            match side {
                Side::Income => income.push(row),
                Side::Expenditure => spend.push(row),
            }
        }
    }
    (income, spend)
}

fn single_column_rows(rows: Vec<SideRow>, side: Side, column: &str, diags: &mut Diags) -> Vec<Row> {
    rows.into_iter()
        .map(|r| {
            if r.values.len() > 1 {
                diags.warn(
                    "table.extra_values",
                    format!("“{}”一行有多个数字，取第一个", r.name),
                    format!("several numbers in line '{}'; the first is taken", r.name),
                    Some(r.at),
                );
            }
            let read = if r.values.len() > 1 { Read::Uncertain } else { Read::Placed };
            let cells = r.values.first().map(|v| vec![Cell::new(column, *v, read)]).unwrap_or_default();
            Row { code: r.code, name: r.name, side: Some(side), cells, at: r.at }
        })
        .collect()
}

/// Table 01: one 决算数 column on each side.
pub fn table_01(title: &str, lines: &[Line], diags: &mut Diags) -> Table {
    let unit = unit_or_default(TableId::T01, lines, diags);
    let (income, spend) = two_sided(lines, false, diags);
    let mut rows = single_column_rows(income, Side::Income, "决算数", diags);
    rows.extend(single_column_rows(spend, Side::Expenditure, "决算数", diags));
    table(lines, TableId::T01, title, unit, vec!["决算数".into()], rows)
}

/// Table 04: income lines in one column; expenditure lines in 合计 and one column per fund,
/// placed against the per-fund totals the income side implies.
pub fn table_04(title: &str, lines: &[Line], cx: &Context, diags: &mut Diags) -> Table {
    let unit = unit_or_default(TableId::T04, lines, diags);
    let (income, spend) = two_sided(lines, true, diags);
    let columns: Vec<String> = std::iter::once("合计").chain(FUNDS_04).map(String::from).collect();
    let identities = vec![vec![(0, 1), (1, -1), (2, -1), (3, -1)]];
    let rules = Rules {
        columns: &columns,
        identities: &identities,
        tolerance: tolerance(unit),
        evidence: cx.evidence,
        budget: cx.budget,
    };
    let inc = |n: &str| income.iter().find(|r| r.name == n).map(|r| r.values.first().copied().unwrap_or_default());
    let mut known: Vec<Option<Decimal>> = vec![inc("收入总计")];
    for f in FUNDS_04 {
        let a = inc(f);
        let b = inc(&format!("年初财政拨款结转和结余/{f}"));
        known.push(if a.is_none() && b.is_none() { None } else { Some(a.unwrap_or_default() + b.unwrap_or_default()) });
    }
    let mut readings: Vec<Option<(Reading, Read)>> = vec![None; spend.len()];
    let pos = |n: &str| spend.iter().position(|r| r.name == n);
    let ncols = columns.len();
    let root = |values: &[Decimal], known: &[Option<Decimal>]| {
        rules.place_root_checked(values, known, &Bounds::default()).map(|(r, unique)| {
            let read = if unique || values.len() >= ncols { Read::Placed } else { Read::Uncertain };
            (r, read)
        })
    };
    let total = pos("支出总计");
    let this_year = pos("本年支出合计");
    let place_children =
        |parent: Option<usize>, kids: Vec<usize>, readings: &mut Vec<Option<(Reading, Read)>>, diags: &mut Diags| {
            let Some(p) = parent else {
                for k in kids {
                    readings[k] = root(&spend[k].values, &[]);
                }
                return;
            };
            let target = readings[p].clone().map(|(r, _)| r).unwrap_or_default();
            let values: Vec<Vec<Decimal>> = kids.iter().map(|&k| spend[k].values.clone()).collect();
            let (placed, met) = rules.place_children(&values, &target, &[]);
            if !met {
                diags.warn(
                    "table.placement",
                    format!("04 表“{}”的组成行之和不符，数字按顺序放置", spend[p].name),
                    format!("table 04: the lines under '{}' do not sum to it; placed in printed order", spend[p].name),
                    Some(spend[p].at),
                );
            }
            for (k, r) in kids.into_iter().zip(placed) {
                let read = if met || spend[k].values.len() >= ncols { Read::Placed } else { Read::Uncertain };
                readings[k] = Some((r, read));
            }
        };
    if let Some(t) = total {
        readings[t] = root(&spend[t].values, &known);
    }
    let upper: Vec<usize> = (0..spend.len()).filter(|&i| Some(i) != total && spend[i].code.is_none()).collect();
    place_children(total, upper, &mut readings, diags);
    let classes: Vec<usize> = (0..spend.len()).filter(|&i| spend[i].code.is_some()).collect();
    place_children(this_year, classes, &mut readings, diags);
    let mut rows = single_column_rows(income, Side::Income, "决算数", diags);
    let first_spend = rows.len();
    for (r, reading) in spend.into_iter().zip(readings) {
        let cells = reading.map(|(rd, read)| cells(&columns, &rd, read)).unwrap_or_default();
        rows.push(Row { code: r.code, name: r.name, side: Some(Side::Expenditure), cells, at: r.at });
    }
    // (an income line with several numbers has its own `table.extra_values`)
    note_uncertain(TableId::T04, &rows[first_spend..], diags);
    let mut all_columns = vec!["决算数".to_string()];
    all_columns.extend(columns);
    table(lines, TableId::T04, title, unit, all_columns, rows)
}

/// Table 06: economic-code rows printed in side-by-side groups, each `code name amount`.
pub fn table_06(title: &str, lines: &[Line], diags: &mut Diags) -> Table {
    let unit = unit_or_default(TableId::T06, lines, diags);
    let end = data_end(lines, 0);
    let mut rows: Vec<Row> = Vec::new();
    let mut started = false;
    for line in &lines[..end] {
        let toks: Vec<&str> = line.token_texts().collect();
        let starts_row = toks.first().is_some_and(|t| Code::parse(Scheme::Economic, t).is_some())
            || normalize_name(&leading_name(&toks).0).contains("经费合计")
            || is_total_name(&leading_name(&toks).0);
        if !starts_row && !started {
            continue;
        }
        started = true;
        let mut current: Option<(Option<Code>, Vec<&str>, Option<Decimal>)> = None;
        let flush = |cur: Option<(Option<Code>, Vec<&str>, Option<Decimal>)>, rows: &mut Vec<Row>| {
            if let Some((code, name, value)) = cur {
                let mut n = normalize_name(&join_wrapped(name));
                if code.is_none() && is_total_name(&n) {
                    n = "合计".into();
                }
                if n.is_empty() && code.is_none() {
                    return;
                }
                let cells = value.map(|v| vec![Cell::new("决算数", v, Read::Placed)]).unwrap_or_default();
                rows.push(Row { code, name: n, side: None, cells, at: line.at });
            }
        };
        for t in &toks {
            if let Some(code) = Code::parse(Scheme::Economic, t) {
                flush(current.take(), &mut rows);
                current = Some((Some(code), Vec::new(), None));
            } else if let Some(v) = parse_amount(t) {
                match current.as_mut() {
                    Some((_, _, slot @ None)) => *slot = Some(v),
                    _ => diags.warn(
                        "table.unplaced_numbers",
                        format!("06 表有数字没有对应的科目：{t}"),
                        format!("table 06: a number with no line: {t}"),
                        Some(line.at),
                    ),
                }
            } else {
                match current.as_mut() {
                    Some((_, name, None)) => name.push(t),
                    _ => {
                        flush(current.take(), &mut rows);
                        current = Some((None, vec![t], None));
                    }
                }
            }
        }
        flush(current.take(), &mut rows);
    }
    sort_06(&mut rows);
    table(lines, TableId::T06, title, unit, vec!["决算数".into()], rows)
}

/// Side-by-side groups interleave in reading order; coded lines are listed by code, totals
/// last.
fn sort_06(rows: &mut [Row]) {
    rows.sort_by(|a, b| match (&a.code, &b.code) {
        (Some(x), Some(y)) => x.code[..3]
            .cmp(&y.code[..3])
            .then(x.code.len().cmp(&y.code.len()).then(x.code.cmp(&y.code)))
            .then(std::cmp::Ordering::Equal),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
}

/// The items of table 07 in printed order, and their identities (合计 = 出国 + 车 + 接待,
/// 车 = 购置 + 运行).
pub const ITEMS_07: [&str; 6] =
    ["合计", "因公出国（境）费", "公务用车购置及运行维护费", "公务用车购置费", "公务用车运行维护费", "公务接待费"];

/// Table 07: one printed row of 预算数 and 决算数 per item, laid out as items × {预算数, 决算数}.
pub fn table_07(title: &str, lines: &[Line], cx: &Context, diags: &mut Diags) -> Table {
    let unit = unit_or_default(TableId::T07, lines, diags);
    let end = data_end(lines, 0);
    let header: String = lines[..end].iter().map(|l| l.compact()).collect();
    let halves: Vec<&str> =
        if header.contains("预算数") || header.contains("预算") && header.matches("合计").count() > 1 {
            vec!["预算数", "决算数"]
        } else {
            vec!["决算数"]
        };
    let mut values: Vec<Decimal> = Vec::new();
    let mut at = None;
    for line in &lines[..end] {
        let toks: Vec<&str> = line.token_texts().collect();
        if toks.is_empty() || !toks.iter().all(|t| parse_amount(t).is_some()) {
            continue;
        }
        // 栏次 line: 1 2 3 … n
        let seq = toks.iter().enumerate().all(|(i, t)| *t == (i + 1).to_string());
        if seq {
            continue;
        }
        at.get_or_insert(line.at);
        values.extend(amounts(&toks));
    }
    let columns: Vec<String> = halves.iter().flat_map(|h| ITEMS_07.iter().map(move |i| format!("{h}/{i}"))).collect();
    let mut identities = Vec::new();
    for h in 0..halves.len() {
        let b = h * 6;
        identities.push(vec![(b, 1), (b + 1, -1), (b + 2, -1), (b + 5, -1)]);
        identities.push(vec![(b + 2, 1), (b + 3, -1), (b + 4, -1)]);
    }
    let evidence = |c: &str, v: Decimal| (cx.evidence)(c.split('/').nth(1).unwrap_or(c), v);
    let rules = Rules {
        columns: &columns,
        identities: &identities,
        tolerance: tolerance(unit),
        evidence: &evidence,
        budget: cx.budget,
    };
    let checked = if values.is_empty() { None } else { rules.place_root_checked(&values, &[], &Bounds::default()) };
    let read = match &checked {
        Some((_, true)) => Read::Placed,
        _ => Read::Uncertain,
    };
    let reading = checked.map(|(r, _)| r);
    if reading.is_none() && !values.is_empty() {
        diags.warn("table.too_many_values", "07 表的数字多于列数", "table 07 has more numbers than columns", at);
    }
    let reading = reading.unwrap_or_else(|| vec![None; columns.len()]);
    let rows: Vec<Row> = ITEMS_07
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let cells = halves
                .iter()
                .enumerate()
                .filter_map(|(h, col)| reading[h * 6 + i].map(|v| Cell::new(col.to_string(), v, read)))
                .collect();
            Row { code: None, name: item.to_string(), side: None, cells, at: at.unwrap_or_default() }
        })
        .collect();
    // the six items are one printed row: one warning for it
    if read == Read::Uncertain && rows.iter().any(|r| !r.cells.is_empty()) {
        diags.warn(
            "table.uncertain",
            "07 表一行的数字无法由恒等式唯一确定，可能放错列",
            "table 07: the identities do not fix its row's numbers; they may be in the wrong column",
            at,
        );
    }
    table(lines, TableId::T07, title, unit, halves.iter().map(|s| s.to_string()).collect(), rows)
}

/// A header element as the standard would write it: no `其中：`, no ordinal, synonyms
/// replaced.
fn header_word(s: &str) -> String {
    let s = s.trim_start_matches("其中：").trim_start_matches("其中:").trim_start_matches("其中");
    let s = normalize_name(strip_ordinal(s));
    match s.as_str() {
        "上年结转和结余" | "年初结转" | "上年结转" | "年初结转结余" => "年初结转和结余".into(),
        "年末结转" | "年末结转结余" => "年末结转和结余".into(),
        "财政拨款" => "财政拨款收入".into(),
        "本年支出" => "本年支出合计".into(),
        _ => s,
    }
}

/// The standard column a header path names in a coded table, else its printed name.
fn coded_column(id: TableId, path: &[String]) -> String {
    let std: Vec<&str> = column_spec(id).iter().map(|(n, _)| *n).collect();
    let words: Vec<String> = path.iter().map(|p| header_word(p)).filter(|w| !w.is_empty()).collect();
    for (i, w) in words.iter().enumerate().rev() {
        if std.contains(&w.as_str()) {
            // `本年支出 / 合计`: the total under its heading
            return w.clone();
        }
        if matches!(w.as_str(), "合计" | "小计") {
            let parent = i.checked_sub(1).map(|p| words[p].as_str());
            let total = match (id, parent) {
                (TableId::T02, _) => "本年收入合计",
                (_, Some("本年收入")) if std.contains(&"本年收入") => "本年收入",
                _ => "本年支出合计",
            };
            return total.into();
        }
    }
    // a longer printed name that ends in a standard one (`一般公共预算财政拨款收入`)
    for w in words.iter().rev() {
        if let Some(s) = std.iter().filter(|s| w.ends_with(*s)).max_by_key(|s| s.len()) {
            return s.to_string();
        }
    }
    words.last().cloned().unwrap_or_default()
}

/// An amount cell's text → its value; a text that is no number is reported and left blank.
pub(super) fn grid_value(text: &str, at: Location, diags: &mut Diags) -> Option<Decimal> {
    let v = parse_amount(text);
    if v.is_none() {
        diags.warn(
            "table.cell_unreadable",
            format!("单元格内容不是金额：{text}"),
            format!("a cell holds no amount: {text}"),
            Some(at),
        );
    }
    v
}

/// A body row's amounts in their columns (`None` text is a blank cell).
fn grid_cells(r: &BodyRow, columns: &[String], diags: &mut Diags) -> Vec<Cell> {
    r.values
        .iter()
        .zip(columns)
        .filter_map(|(t, c)| Some(Cell::new(c.clone(), grid_value(t.as_deref()?, r.at, diags)?, Read::Grid)))
        .collect()
}

/// A coded table's row from a body row: its code in `scheme`, or a named line (`合计`);
/// `None` for a row with neither.
fn grid_row(r: &BodyRow, scheme: Scheme, columns: &[String], diags: &mut Diags) -> Option<Row> {
    let code = Code::parse(scheme, &r.code);
    let name = normalize_name(&r.name);
    let name = if code.is_none() && is_total_name(&name) { "合计".to_string() } else { name };
    if code.is_none() && name.is_empty() {
        return None;
    }
    let cells = grid_cells(r, columns, diags);
    Some(Row { code, name, side: None, cells, at: r.at })
}

/// A function-coded table (02, 03, 05, 08, 09) from its ruled grid: every amount in the
/// column it is printed in.
pub fn coded_table_from_grid(
    id: TableId,
    title: &str,
    lines: &[Line],
    segs: &[GridSegment],
    diags: &mut Diags,
) -> Option<Table> {
    let seg = segs.iter().find(|s| !s.columns.is_empty())?;
    let unit = unit_or_default(id, lines, diags);
    let columns: Vec<String> = seg.columns.iter().map(|p| coded_column(id, p)).collect();
    let std: Vec<&str> = column_spec(id).iter().map(|(n, _)| *n).collect();
    if columns.iter().filter(|c| std.contains(&c.as_str())).count() * 2 < columns.len() {
        return None;
    }
    let mut rows = Vec::new();
    for seg in segs.iter().filter(|s| s.columns.len() == seg.columns.len()) {
        rows.extend(seg.rows.iter().filter_map(|r| grid_row(r, Scheme::Function, &columns, diags)));
    }
    Some(table(lines, id, title, unit, columns, rows))
}

/// Table 01 or 04 from its ruled grid: the halves are the income and the expenditure side.
pub fn two_sided_from_grid(
    id: TableId,
    title: &str,
    lines: &[Line],
    segs: &[GridSegment],
    diags: &mut Diags,
) -> Option<Table> {
    let t04 = id == TableId::T04;
    if segs.iter().all(|s| s.columns.is_empty()) {
        return None;
    }
    let unit = unit_or_default(id, lines, diags);
    let fund_column = |path: &[String], single: bool| -> String {
        let words: String = path.iter().map(|p| header_word(p)).collect();
        if !t04 || single {
            return "决算数".into();
        }
        if words.contains("一般公共预算") {
            "一般公共预算财政拨款".into()
        } else if words.contains("政府性基金") {
            "政府性基金预算财政拨款".into()
        } else if words.contains("国有资本经营") {
            "国有资本经营预算财政拨款".into()
        } else if words.contains("合计") || words.contains("小计") {
            "合计".into()
        } else {
            path.last().map(|p| header_word(p)).unwrap_or_default()
        }
    };
    let mut rows: Vec<Row> = Vec::new();
    let mut names = SideNames::default();
    let halves = segs.iter().filter(|s| !s.rows.is_empty()).count();
    let mut columns: Vec<String> = vec!["决算数".into()];
    for (k, seg) in segs.iter().filter(|s| !s.rows.is_empty()).enumerate() {
        let cols: Vec<String> = seg.columns.iter().map(|p| fund_column(p, seg.columns.len() == 1)).collect();
        for c in &cols {
            if !columns.contains(c) {
                columns.push(c.clone());
            }
        }
        for r in &seg.rows {
            if r.name.is_empty() && r.values.iter().all(Option::is_none) {
                continue;
            }
            let (name, mut side, code) = canonical_line(&r.name, t04, names.after_opening);
            if halves == 2 {
                side = if k == 0 { Side::Income } else { Side::Expenditure };
            }
            let name = names.settle(name, side);
            let cells = grid_cells(r, &cols, diags);
            rows.push(Row { code, name, side: Some(side), cells, at: r.at });
        }
    }
    if rows.is_empty() {
        return None;
    }
    // income lines first, as the line reader lists them
    rows.sort_by_key(|r| r.side != Some(Side::Income));
    Some(table(lines, id, title, unit, columns, rows))
}

/// Table 06 from its ruled grid: each side-by-side group's `code name amount`.
pub fn table_06_from_grid(title: &str, lines: &[Line], segs: &[GridSegment], diags: &mut Diags) -> Option<Table> {
    if segs.iter().all(|s| s.columns.is_empty()) {
        return None;
    }
    let unit = unit_or_default(TableId::T06, lines, diags);
    let mut rows: Vec<Row> = Vec::new();
    let mut columns: Vec<String> = Vec::new();
    for seg in segs {
        let cols: Vec<String> = seg
            .columns
            .iter()
            .map(|p| {
                let w = p.last().map(|w| header_word(w)).unwrap_or_default();
                if seg.columns.len() == 1 || w == "决算数" || w == "金额" {
                    "决算数".into()
                } else {
                    w
                }
            })
            .collect();
        for c in &cols {
            if !columns.contains(c) {
                columns.push(c.clone());
            }
        }
        rows.extend(seg.rows.iter().filter_map(|r| grid_row(r, Scheme::Economic, &cols, diags)));
    }
    sort_06(&mut rows);
    Some(table(lines, TableId::T06, title, unit, columns, rows))
}

/// Table 07 from its ruled grid: each amount's item and 预算数/决算数 from its column
/// path and its row's name, whichever way round the table is printed.
pub fn table_07_from_grid(title: &str, lines: &[Line], segs: &[GridSegment], diags: &mut Diags) -> Option<Table> {
    let unit = unit_or_default(TableId::T07, lines, diags);
    let mut rows = ItemRows::new();
    let mut halves: Vec<String> = Vec::new();
    let mut any = false;
    for seg in segs {
        for r in &seg.rows {
            for (t, path) in r.values.iter().zip(&seg.columns) {
                let Some(t) = t else { continue };
                // the row's name first: the column path, deepest first, names the item before it
                let words: Vec<String> =
                    std::iter::once(header_word(&r.name)).chain(path.iter().map(|p| header_word(p))).collect();
                let half = if words.iter().any(|w| w.contains("预算")) { "预算数" } else { "决算数" };
                let Some(item) = item_07(&words) else {
                    diags.info(
                        "table.unknown_column",
                        format!("07 表的列无法对应到标准项目：{}", path.join(" / ")),
                        format!("a column of table 07 names no standard item: {}", path.join(" / ")),
                        Some(r.at),
                    );
                    continue;
                };
                let Some(v) = grid_value(t, r.at, diags) else { continue };
                any = true;
                if !halves.iter().any(|h| h == half) {
                    halves.push(half.to_string());
                }
                rows.put(&item, r.at, half, v);
            }
        }
    }
    if !any && segs.iter().all(|s| s.rows.is_empty()) {
        return None;
    }
    Some(table(lines, TableId::T07, title, unit, columns_07(halves, "决算数"), rows.rows))
}

/// The rows of a 三公 table (07 or a budget's B07) by item: the standard items first, then
/// each other item in the order first read; a row is where it was last read, and a column's
/// first amount in it is kept. Found by name through an index (a table by unit has
/// thousands of rows).
pub(super) struct ItemRows {
    pub(super) rows: Vec<Row>,
    index: std::collections::HashMap<String, usize>,
}

impl ItemRows {
    pub(super) fn new() -> ItemRows {
        let rows: Vec<Row> = ITEMS_07
            .iter()
            .map(|i| Row { code: None, name: i.to_string(), side: None, cells: Vec::new(), at: Location::default() })
            .collect();
        let index = rows.iter().enumerate().map(|(i, r)| (r.name.clone(), i)).collect();
        ItemRows { rows, index }
    }

    pub(super) fn put(&mut self, item: &str, at: Location, column: &str, v: Decimal) {
        let i = match self.index.get(item) {
            Some(&i) => i,
            None => {
                self.rows.push(Row { code: None, name: item.to_string(), side: None, cells: Vec::new(), at });
                self.index.insert(item.to_string(), self.rows.len() - 1);
                self.rows.len() - 1
            }
        };
        let row = &mut self.rows[i];
        row.at = at;
        if row.cells.iter().all(|c| c.column != column) {
            row.cells.push(Cell::new(column, v, Read::Grid));
        }
    }
}

/// The columns of a 三公 table in order (预算数 first), `default` when none was read.
pub(super) fn columns_07(mut columns: Vec<String>, default: &str) -> Vec<String> {
    columns.sort_by_key(|h| h.as_str() != "预算数");
    if columns.is_empty() {
        columns.push(default.into());
    }
    columns
}

/// The item of table 07 a path names (deepest word first).
pub(super) fn item_07(words: &[String]) -> Option<String> {
    // `用车`: a header whose first glyph the page sets apart (`务用车购置及运行维护`)
    let in_car = words.iter().any(|w| w.contains("公务用车") || w.contains("务用车"));
    for w in words.iter().rev() {
        let w = w.as_str();
        let item = if w.contains("因公出国") {
            "因公出国（境）费"
        } else if w.contains("公务接待") {
            "公务接待费"
        } else if w.contains("运行") && (in_car || w.contains("用车")) && !w.contains("购置及") {
            "公务用车运行维护费"
        } else if w.contains("购置") && (in_car || w.contains("用车")) && !w.contains("运行") {
            "公务用车购置费"
        } else if w.contains("公务用车") || w == "小计" && in_car {
            "公务用车购置及运行维护费"
        } else if w == "合计" || w == "总计" {
            "合计"
        } else if w.ends_with('费') && !w.contains("三公") {
            return Some(w.to_string());
        } else {
            continue;
        };
        return Some(item.to_string());
    }
    None
}
