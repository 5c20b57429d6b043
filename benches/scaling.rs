//! Issue 15 item 4, "no quadratic pass": each shape that once made a pass quadratic, at
//! 10×, 100× and 1,000× (`benches/shapes.rs` builds them), through the stage it stresses
//! — the layout's wrapped-cell join, the narrative's sentence join, the 机构设置 unit list,
//! the grid's cell borders, the placement search — so the medians show whether time grows
//! linearly (BENCHMARKS.md, "Scaling"). `cargo bench --bench scaling`.

#[path = "shapes.rs"]
mod shapes;

fn main() {
    divan::main();
}

const SIZES: [usize; 3] = [10, 100, 1000];

/// The whole text pipeline on `doc` (no line limit: the largest shapes have more lines).
fn parse(bencher: divan::Bencher, doc: String) {
    let limits = juesuan::Limits { max_lines: usize::MAX, ..juesuan::Limits::default() };
    bencher.bench(|| juesuan::parse_with(divan::black_box(doc.as_bytes()), &limits).unwrap());
}

/// One cell wrapped over 10 × n lines below its row (layout only).
#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn layout_one_cell_over_many_lines(bencher: divan::Bencher, n: usize) {
    let pages = [shapes::wrapped_cell(10 * n)];
    bencher.bench(|| juesuan::layout::lines_of_pages(divan::black_box(&pages)).len());
}

/// 10 × n rows on one page, each with its name wrapped above and below (layout only).
#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn layout_many_wrapped_rows(bencher: divan::Bencher, n: usize) {
    let pages = [shapes::wrapped_rows(10 * n)];
    bencher.bench(|| juesuan::layout::lines_of_pages(divan::black_box(&pages)).len());
}

/// One sentence over 100 × n lines (whole text pipeline).
#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn narrative_one_sentence(bencher: divan::Bencher, n: usize) {
    parse(bencher, shapes::one_sentence(100 * n));
}

/// 100 × n sentences, one a line (whole text pipeline).
#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn narrative_many_sentences(bencher: divan::Bencher, n: usize) {
    parse(bencher, shapes::sentences(100 * n));
}

/// 10 × n unit items with no closing mark (whole text pipeline).
#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn overview_units_without_end(bencher: divan::Bencher, n: usize) {
    parse(bencher, shapes::units_without_end(10 * n));
}

/// A ruled table of 10 × n rows × 10 columns (grids only).
#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn grid_many_rows(bencher: divan::Bencher, n: usize) {
    let pages = [shapes::ruled_grid(10 * n, 10)];
    bencher.bench(|| juesuan::grid::grids_of_pages(divan::black_box(&pages)).len());
}

/// 03 with n parents of 8 children each, the column sums met (whole text pipeline).
#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn placement_solvable_parents(bencher: divan::Bencher, n: usize) {
    parse(bencher, shapes::table_03(n, 8, false));
}

/// 03 with n / 10 parents (1, 10, 100) of 40 children whose sums nothing meets: each
/// searched to its caps, or until the document's budget is spent.
#[divan::bench(args = SIZES, sample_count = 3, sample_size = 1)]
fn placement_unsolvable_parents(bencher: divan::Bencher, n: usize) {
    parse(bencher, shapes::table_03(n / 10, 40, true));
}
