//! The facts export (EXPORT.md): one tidy CSV row per non-blank cell of the standard tables
//! (the nine of a 决算, or a budget's B01 …) and of each performance table; and the whole
//! report as JSON.

use crate::model::{Report, Table, TableId};

/// One fact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    pub table: String,
    pub row_code: String,
    pub row_name: String,
    pub column: String,
    pub value: String,
    pub unit: String,
    /// How the cell was read (`grid`, `columns`, `placed`, `uncertain`); empty for text.
    pub read: String,
}

fn fact(table: &str, row_code: &str, row_name: &str, column: &str, value: String, unit: &str, read: &str) -> Fact {
    Fact {
        table: table.into(),
        row_code: row_code.into(),
        row_name: row_name.into(),
        column: column.into(),
        value,
        unit: unit.into(),
        read: read.into(),
    }
}

fn table_facts(t: &Table, out: &mut Vec<Fact>) {
    for row in &t.rows {
        let code = row.code.as_ref().map(|c| c.code.as_str()).unwrap_or("");
        for cell in &row.cells {
            out.push(fact(
                t.id.code(),
                code,
                &row.name,
                &cell.column,
                cell.value.to_string(),
                t.unit.as_str(),
                cell.read.as_str(),
            ));
        }
    }
}

/// All facts in export order: tables 01 … 09 (a 决算) or B01 … B15 (a budget), then P01,
/// P02, ….
pub fn facts(report: &Report) -> Vec<Fact> {
    let mut out = Vec::new();
    for id in TableId::ALL.into_iter().chain(TableId::BUDGET) {
        if let Some(t) = report.table(id) {
            table_facts(t, &mut out);
        }
    }
    for p in &report.performance {
        let id = p.id.as_str();
        // indicator scores: from ruled cells, or from the line by their order and shape
        let ind_read = p.read.as_str();
        out.push(fact(id, "", "表类型", "", p.kind.as_str().to_string(), "", ""));
        for (name, value) in [("项目名称", &p.project), ("主管部门", &p.department), ("实施单位", &p.implementer)]
        {
            if !value.is_empty() {
                out.push(fact(id, "", name, "", value.clone(), "", ""));
            }
        }
        for row in &p.funds {
            for c in &row.cells {
                let unit = match c.column.as_str() {
                    "分值" | "得分" => "分",
                    "执行率" => "%",
                    _ => p.unit.as_str(),
                };
                out.push(fact(id, "", &row.name, &c.column, c.value.to_string(), unit, c.read.as_str()));
            }
        }
        for ind in &p.indicators {
            let code = if ind.level1.is_empty() && ind.level2.is_empty() {
                String::new()
            } else {
                format!("{}/{}", ind.level1, ind.level2)
            };
            let texts = [
                ("年度指标值", &ind.target),
                ("指标性质", &ind.direction),
                ("计量单位", &ind.measure),
                ("实际完成值", &ind.actual),
            ];
            for (col, v) in texts {
                if !v.is_empty() {
                    out.push(fact(id, &code, &ind.name, col, v.clone(), "", ""));
                }
            }
            for (col, v) in [("分值", ind.weight), ("得分", ind.score)] {
                if let Some(v) = v {
                    out.push(fact(id, &code, &ind.name, col, v.to_string(), "分", ind_read));
                }
            }
            if !ind.deviation.is_empty() {
                out.push(fact(id, &code, &ind.name, "偏差原因分析及改进措施", ind.deviation.clone(), "", ""));
            }
        }
        if let Some((w, s)) = p.total {
            if let Some(w) = w {
                out.push(fact(id, "", "总分", "分值", w.to_string(), "分", ind_read));
            }
            out.push(fact(id, "", "总分", "得分", s.to_string(), "分", ind_read));
        }
    }
    out
}

/// A text cell as the CSV writes it (EXPORT.md, "Safe to open"): without control
/// characters other than line feed and tab, and, when it starts with `=`, `+`, `-`, `@`, a
/// tab or a carriage return, after a `'`, so a spreadsheet takes it as text and never as a
/// formula (OWASP's advice on CSV injection).
pub fn csv_text(s: &str) -> std::borrow::Cow<'_, str> {
    let control = |c: char| c.is_control() && c != '\n' && c != '\t';
    let clean: std::borrow::Cow<'_, str> =
        if s.chars().any(control) { s.chars().filter(|&c| !control(c)).collect::<String>().into() } else { s.into() };
    if clean.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{clean}").into()
    } else {
        clean
    }
}

/// The facts as CSV: UTF-8, header row, RFC 4180 quoting, `\n` line ends; every text cell
/// through [`csv_text`], amounts (a value with a unit) as printed, so `-12.50` stays a number.
pub fn to_csv(report: &Report) -> String {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
    // writing to a Vec cannot fail
    let _ = w.write_record(["table", "row_code", "row_name", "column", "value", "unit", "read"]);
    for f in facts(report) {
        // a value is an amount, a rate or a score exactly when it has a unit (EXPORT.md)
        let value = if f.unit.is_empty() { csv_text(&f.value) } else { f.value.as_str().into() };
        let text = [&f.table, &f.row_code, &f.row_name, &f.column].map(|s| csv_text(s));
        let _ =
            w.write_record([&*text[0], &text[1], &text[2], &text[3], &value, &*csv_text(&f.unit), &csv_text(&f.read)]);
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// The whole report as pretty JSON.
pub fn to_json(report: &Report) -> String {
    serde_json::to_string_pretty(report).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
}
