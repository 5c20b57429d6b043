//! Cells of ruled tables in eight budgets of different producers (Excel 2010/2016, iText,
//! WPS 表格, Word 2016, Aspose, WPS 文字), read by hand from the printed pages
//! (`tests/goldens/grid_cells.tsv`: file, page, table, row key, column path, text), found
//! by the grid reader: the row by its code (split 类|款|项 codes joined) or name, the
//! column by its header path, the text as printed.

mod common;

use std::collections::HashMap;

use juesuan::recognize::grid_table::{self, Segment};

struct Golden {
    file: String,
    page: usize,
    row: String,
    column: String,
    text: String,
    note: String,
}

fn goldens() -> Vec<Golden> {
    let tsv = include_str!("goldens/grid_cells.tsv");
    tsv.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            Golden {
                file: f[0].into(),
                page: f[1].parse().unwrap(),
                row: f[3].into(),
                column: f[4].into(),
                text: f.get(5).copied().unwrap_or("").into(),
                note: f.get(6).copied().unwrap_or("").into(),
            }
        })
        .collect()
}

/// The segments of the grids of pages `from..=page`.
fn segments(laid: &juesuan::Laid, from: usize, page: usize) -> Vec<(usize, Segment)> {
    let grids: Vec<&juesuan::grid::Grid> = laid.grids.iter().filter(|g| (from..=page).contains(&g.page)).collect();
    let lines: Vec<juesuan::layout::Line> =
        laid.lines.iter().filter(|l| (from..=page).contains(&l.at.page)).cloned().collect();
    grid_table::read(&grids, &lines).into_iter().enumerate().collect()
}

/// The golden's cell: read from its page's grids, else with the pages before it (a table
/// continued without its header takes the header of the page it starts on).
fn lookup(laid: &juesuan::Laid, g: &Golden) -> Result<String, String> {
    let mut first_error = None;
    for from in (1..=g.page).rev().take_while(|p| laid.grids.iter().any(|x| x.page == *p)) {
        match find(&segments(laid, from, g.page), g.page, g) {
            Ok(t) => return Ok(t),
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    Err(first_error.unwrap_or_default())
}

/// The path matches when the golden's elements appear in order in ours and the deepest
/// are the same (ours may also hold cells the golden leaves out, e.g. a unit line ruled
/// into the table).
fn path_matches(ours: &[String], golden: &str) -> bool {
    let want: Vec<&str> = golden.split(" / ").collect();
    if ours.last().map(String::as_str) != want.last().copied() {
        return false;
    }
    let mut it = ours.iter();
    want.iter().all(|w| it.any(|o| o == w))
}

fn find(segs: &[(usize, Segment)], page: usize, g: &Golden) -> Result<String, String> {
    let (side, key) = match g.row.split_once(':') {
        Some(("left", k)) => (Some(0), k),
        Some(("right", k)) => (Some(1), k),
        _ => (None, g.row.as_str()),
    };
    let mut seen_rows = Vec::new();
    for (k, seg) in segs {
        if side.is_some_and(|s| s != *k % 2) {
            continue;
        }
        for (i, r) in seg.rows.iter().enumerate() {
            if r.at.page != page {
                continue;
            }
            let row_key = if key == "#1" {
                (i == 0).then(|| "#1".to_string())
            } else if !r.code.is_empty() && key.bytes().all(|b| b.is_ascii_digit() || b == b'/') {
                Some(r.code.clone())
            } else {
                Some(r.name.clone())
            };
            seen_rows.push(row_key.clone().unwrap_or_default());
            // a golden keyed by the first of several codes the row prints (`30108` for
            // `30108/50102`) names the same row
            // (`30108` for `30108/50102`, `2150510` for `125001/2150510/50299`: a unit code
            // and an economic code beside the function code) names the same row
            let one_of = row_key.as_deref().is_some_and(|k| k.contains('/') && k.split('/').any(|c| c == key));
            if row_key.as_deref() != Some(key) && !one_of {
                continue;
            }
            for (c, path) in seg.columns.iter().enumerate() {
                if path_matches(path, &g.column) {
                    return Ok(r.values[c].clone().unwrap_or_default());
                }
            }
            let paths: Vec<String> = seg.columns.iter().map(|p| p.join(" / ")).collect();
            return Err(format!("row found, no column {:?} among {paths:?}", g.column));
        }
    }
    seen_rows.truncate(40);
    Err(format!("no row {key:?} on page {page}; rows: {seen_rows:?}"))
}

/// Cells the reader still gets wrong, each with the reason; the test fails when one of them
/// starts to read right (take it off the list) as well as when any other cell is wrong.
const KNOWN: [(&str, usize, &str, &str); 2] = [
    (
        "corpus/beijing_police_2026_budget_tables.pdf",
        32,
        "总体资金情况（万元）",
        "a 绩效目标表's funds block: label → value pairs under a merged label, not rows of a table",
    ),
    (
        "corpus/fuzhou_etdz_eco_2026_unit_budget.pdf",
        24,
        "重特大环境污染事件发生率",
        "a 绩效目标表 continued on a page whose indicator block has no header row of its own",
    ),
];

#[test]
fn hand_read_cells_of_eight_budgets() {
    let goldens = goldens();
    let mut files: HashMap<String, Option<juesuan::Laid>> = HashMap::new();
    let mut failures = Vec::new();
    let mut checked = 0;
    for g in &goldens {
        let laid = files.entry(g.file.clone()).or_insert_with(|| {
            let bytes = common::shared(&g.file)?;
            Some(juesuan::layout_with(&bytes, &juesuan::Limits::default()).expect("readable"))
        });
        let Some(laid) = laid else { continue };
        checked += 1;
        let known = KNOWN.iter().find(|k| k.0 == g.file && k.1 == g.page && k.2 == g.row);
        match (lookup(laid, g), known) {
            (Ok(t), Some(k)) if t == g.text => {
                failures.push(format!("{} p{} {}: reads right now ({})", k.0, k.1, k.2, k.3))
            }
            (Ok(t), None) if t == g.text => {}
            (_, Some(_)) => {}
            (r, None) => match r {
                Ok(t) if t == g.text => {}
                Ok(t) => failures.push(format!(
                    "{} p{} {} / {}: read {t:?}, printed {:?} [{}]",
                    g.file, g.page, g.row, g.column, g.text, g.note
                )),
                Err(e) => failures.push(format!("{} p{} {} / {}: {e} [{}]", g.file, g.page, g.row, g.column, g.note)),
            },
        }
    }
    assert!(failures.is_empty(), "{} of {checked} cells wrong:\n{}", failures.len(), failures.join("\n"));
}
