//! No quadratic pass (issue 15, item 4): inputs built here, each of a shape that made one
//! pass quadratic (or worse) in the input, large enough that the old pass would not finish
//! in any reasonable time — a regression shows as a test that hangs (or runs out of
//! memory), never as a timing assertion. Where the pass has a budget, the test asserts
//! what happens when it runs out. `benches/scaling.rs` measures the same shapes at 10×,
//! 100× and 1,000× (BENCHMARKS.md, "Scaling").

#[path = "../benches/shapes.rs"]
mod shapes;

use juesuan::model::{Read, Sentence};
use shapes::page;

/// The narrative's sentences, in order.
fn sentences_of(doc: &str) -> Vec<Sentence> {
    let r = juesuan::parse(doc.as_bytes()).unwrap();
    r.narrative.into_iter().flat_map(|s| s.sentences).collect()
}

/// A narrative whose one sentence is wrapped over 200,000 lines: the old join copied the
/// paragraph once per line (200,000 × 1.5 MB on average).
#[test]
fn one_sentence_over_many_lines_is_joined_in_one_pass() {
    const LINES: usize = 200_000;
    let sentences = sentences_of(&shapes::one_sentence(LINES));
    assert_eq!(sentences.len(), 1);
    assert!(sentences[0].text.starts_with("支出0元支出1元"));
    assert!(sentences[0].text.ends_with(&format!("支出{}元。", LINES - 1)));
}

/// Many sentences, each located by the line it starts on: the old lookup scanned every
/// line for every sentence.
#[test]
fn many_sentences_are_located_by_binary_search() {
    const LINES: usize = 100_000;
    let sentences = sentences_of(&shapes::sentences(LINES));
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
    let doc = shapes::units_without_end(ITEMS);
    let r = juesuan::parse(doc.as_bytes()).unwrap();
    assert_eq!(r.overview.units.len(), ITEMS);
    assert!(r.overview.units.iter().all(|u| u.kind == "行政单位" && u.name.chars().count() < 20));
}

/// One table cell wrapped over 100,000 lines below its row: every fragment line used to
/// check the whole chain of lines up to its row, and the row was rebuilt once per fragment.
#[test]
fn a_cell_wrapped_over_many_lines_joins_its_row_in_linear_time() {
    const FRAGMENTS: usize = 100_000;
    let laid = juesuan::layout::lines_of_pages(&[shapes::wrapped_cell(FRAGMENTS)]);
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
    let mut lines = vec![(100.0, row)];
    // fragment lines are words only, of one token each here (a row needs two)
    for i in 0..200 {
        lines.push((105.0 + 5.0 * i as f32, vec![(20.0 * (i % CELLS) as f32, "续".to_string())]));
    }
    let laid = juesuan::layout::lines_of_pages(&[page(&lines)]);
    // the first fragments joined the row, the work ran out before the last
    assert!(laid.len() > 1 && laid.len() < 201, "{} lines", laid.len());
}

/// 03 with 12 parents whose column sums nothing meets: each used to be searched to its own
/// caps (2 M nodes each). The search has one budget for the document: past it the rows are
/// left uncertain, and a warning says the budget ran out.
#[test]
fn the_placement_search_has_one_budget_for_the_document() {
    let doc = shapes::table_03(12, 40, true);
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
    let doc = shapes::table_03(200, 8, false);
    let r = juesuan::parse(doc.as_bytes()).unwrap();
    assert!(!r.diagnostics.iter().any(|d| d.code == "table.search_budget"));
    let t03 = r.table(juesuan::model::TableId::T03).unwrap();
    let kids: Vec<_> = t03.rows.iter().filter(|r| r.code.as_ref().is_some_and(|c| c.code.len() == 7)).collect();
    assert_eq!(kids.len(), 200 * 8);
    assert!(kids.iter().all(|r| r.cells.iter().all(|c| c.read == Read::Placed)));
}
