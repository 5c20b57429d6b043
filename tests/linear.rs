//! No quadratic pass (issue 15, item 4): inputs built here, each of a shape that made one
//! pass quadratic (or worse) in the input, large enough that the old pass would not finish
//! in any reasonable time — a regression shows as a test that hangs (or runs out of
//! memory), never as a timing assertion. Where the pass has a budget, the test asserts
//! what happens when it runs out. `benches/scaling.rs` measures the same shapes at 10×,
//! 100× and 1,000× (BENCHMARKS.md, "Scaling").

use juesuan::decode::pdf::{Glyph, PageText};
use juesuan::model::Read;

/// A narrative whose one sentence is wrapped over 200,000 lines: the old join copied the
/// paragraph once per line (200,000 × 1.5 MB on average).
#[test]
fn one_sentence_over_many_lines_is_joined_in_one_pass() {
    const LINES: usize = 200_000;
    let mut doc = String::from("第三部分 2023 年度部门决算情况说明\n一、收入支出决算总体情况说明\n");
    for i in 0..LINES {
        doc.push_str(&format!("支出{i}元\n"));
    }
    doc.push_str("。\n");
    let r = juesuan::parse(doc.as_bytes()).unwrap();
    let sentences: Vec<_> = r.narrative.iter().flat_map(|s| &s.sentences).collect();
    assert_eq!(sentences.len(), 1);
    assert!(sentences[0].text.starts_with("支出0元支出1元"));
    assert!(sentences[0].text.ends_with(&format!("支出{}元。", LINES - 1)));
}

/// Many sentences, each located by the line it starts on: the old lookup scanned every
/// line for every sentence.
#[test]
fn many_sentences_are_located_by_binary_search() {
    const LINES: usize = 100_000;
    let mut doc = String::from("第三部分 2023 年度部门决算情况说明\n一、收入支出决算总体情况说明\n");
    for i in 0..LINES {
        doc.push_str(&format!("支出{i}元。\n"));
    }
    let r = juesuan::parse(doc.as_bytes()).unwrap();
    let sentences: Vec<_> = r.narrative.iter().flat_map(|s| &s.sentences).collect();
    assert_eq!(sentences.len(), LINES);
    // line 3 of the text is the first body line
    assert_eq!(sentences[0].at.line, 3);
    assert_eq!(sentences[LINES - 1].at.line, LINES + 2);
}

/// 机构设置 listing 20,000 kinds of unit with no closing mark: each item's names used to
/// run to the end of the text (quadratic time, and memory: gigabytes for a 500 KB text).
#[test]
fn unit_lists_without_an_end_are_read_item_by_item() {
    const ITEMS: usize = 20_000;
    let mut doc = String::from("第一部分 部门概况\n二、机构设置\n");
    for i in 0..ITEMS {
        doc.push_str(&format!("{}.行政单位1个：甲{i}厅", i + 1));
    }
    doc.push('\n');
    let r = juesuan::parse(doc.as_bytes()).unwrap();
    assert_eq!(r.overview.units.len(), ITEMS);
    assert!(r.overview.units.iter().all(|u| u.kind == "行政单位" && u.name.chars().count() < 20));
}

/// A page of glyphs: `lines` of (y, [(x, text)]) at font size 10.
fn page(lines: &[(f32, Vec<(f32, String)>)]) -> PageText {
    let mut p = PageText { width: 600.0, height: 1e9, text: String::new(), glyphs: Vec::new(), rules: Vec::new() };
    for (y, tokens) in lines {
        for (x, t) in tokens {
            let mut x = *x;
            for ch in t.chars() {
                let start = p.text.len() as u32;
                p.text.push(ch);
                p.glyphs.push(Glyph { start, end: p.text.len() as u32, x0: x, x1: x + 10.0, y: *y, size: 10.0 });
                x += 10.0;
            }
        }
    }
    p
}

/// One table cell wrapped over 100,000 lines below its row: every fragment line used to
/// check the whole chain of lines up to its row, and the row was rebuilt once per fragment.
#[test]
fn a_cell_wrapped_over_many_lines_joins_its_row_in_linear_time() {
    const FRAGMENTS: usize = 100_000;
    let mut lines = vec![(100.0, vec![(10.0, "名称".to_string()), (300.0, "12.00".to_string())])];
    for i in 0..FRAGMENTS {
        // 12 points apart (closer than 1.3 font sizes): one chain of a wrapped cell
        lines.push((112.0 + 12.0 * i as f32, vec![(10.0, "续".to_string())]));
    }
    let laid = juesuan::layout::lines_of_pages(&[page(&lines)]);
    assert_eq!(laid.len(), 1, "every fragment joins the row");
    assert_eq!(laid[0].token_texts().next().unwrap().chars().count(), 2 + FRAGMENTS);
}

/// Each fragment token is compared with every cell of its row: a row of 20,000 cells under
/// 200 fragment lines is 4 M comparisons (and rows × fragments grows without bound). The
/// join's work is bounded per page (64 a token: 1.36 M here), so it stops part way, and the
/// lines it could not join stay as printed.
#[test]
fn the_wrapped_cell_join_is_bounded_per_page() {
    const CELLS: usize = 20_000;
    let row: Vec<(f32, String)> = (0..CELLS).map(|i| (20.0 * i as f32, "名".to_string())).collect();
    let mut lines = vec![(100.0, row.clone())];
    // fragment lines are words only, of one token each here (a row needs two)
    for i in 0..200 {
        lines.push((105.0 + 5.0 * i as f32, vec![(20.0 * (i % CELLS) as f32, "续".to_string())]));
    }
    let laid = juesuan::layout::lines_of_pages(&[page(&lines)]);
    // the first fragments joined the row, the work ran out before the last
    assert!(laid.len() > 1 && laid.len() < 201, "{} lines", laid.len());
}

/// The body of a 03 table: `parents` 款 rows each over `kids` 项 rows of two numbers (the
/// total and one part: which part, only the column sums can tell). `hard`: the parts' sums
/// are off by one, so no choice meets them and each parent's search runs to its caps.
pub fn table_03(parents: usize, kids: usize, hard: bool) -> String {
    let mut out = String::from(
        "支出决算表\n公开 03 表\n\n公开部门：某单位 金额单位：元\n\n项目\n\n本年支出合计 基本支出 项目支出 上缴上级支出 经营支出 对附属单位补助支出功能分类科\n\n目编码\n科目名称\n\n类 款 项\n栏次 1 2 3 4 5 6\n\n",
    );
    let mut rows = String::new();
    let (mut total, mut basic_total, mut project_total) = (0u64, 0u64, 0u64);
    for p in 0..parents {
        let code = format!("{}{:02}", 201 + p / 99, 1 + p % 99);
        let vals: Vec<u64> = (0..kids as u64).map(|i| if hard { 1_000_003 + 7 * i } else { (1 << i) + 1000 }).collect();
        let sum: u64 = vals.iter().sum();
        let basic: u64 = vals.iter().step_by(3).sum::<u64>() + u64::from(hard);
        rows.push_str(&format!("{code} 款{p} {sum}.00 {basic}.00 {}.00\n", sum - basic));
        for (i, v) in vals.iter().enumerate() {
            rows.push_str(&format!("{code}{:02} 项{p}x{i} {v}.00 {v}.00\n", i + 1));
        }
        total += sum;
        basic_total += basic;
        project_total += sum - basic;
    }
    out.push_str(&format!("合计 {total}.00 {basic_total}.00 {project_total}.00\n"));
    out + &rows
}

/// 03 with 12 parents whose column sums nothing meets: each used to be searched to its own
/// caps (2 M nodes each). The search has one budget for the document: past it the rows are
/// left uncertain, and a warning says the budget ran out.
#[test]
fn the_placement_search_has_one_budget_for_the_document() {
    let doc = table_03(12, 40, true);
    let r = juesuan::parse(doc.as_bytes()).unwrap();
    assert!(r.diagnostics.iter().any(|d| d.code == "table.search_budget"), "the budget ran out and says so");
    let t03 = r.table(juesuan::model::TableId::T03).unwrap();
    let kids: Vec<_> = t03.rows.iter().filter(|r| r.code.as_ref().is_some_and(|c| c.code.len() == 7)).collect();
    assert_eq!(kids.len(), 12 * 40);
    // nothing met the sums: no 项 row's part is said to be placed
    assert!(kids.iter().all(|r| r.cells.iter().any(|c| c.read == Read::Uncertain)));
}

/// The same table when the sums can be met: placed, and no budget warning.
#[test]
fn solvable_parents_are_placed_within_the_budget() {
    let doc = table_03(200, 8, false);
    let r = juesuan::parse(doc.as_bytes()).unwrap();
    assert!(!r.diagnostics.iter().any(|d| d.code == "table.search_budget"));
    let t03 = r.table(juesuan::model::TableId::T03).unwrap();
    let kids: Vec<_> = t03.rows.iter().filter(|r| r.code.as_ref().is_some_and(|c| c.code.len() == 7)).collect();
    assert_eq!(kids.len(), 200 * 8);
    assert!(kids.iter().all(|r| r.cells.iter().all(|c| c.read == Read::Placed)));
}
