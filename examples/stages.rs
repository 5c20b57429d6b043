//! Times each stage of the PDF pipeline on the given files, in process (no start-up), the
//! fastest of `JUESUAN_ROUNDS` (default 15) runs a stage: `cargo run --release --example
//! stages FILE...`. Each stage's figure is the cost of the stages up to it less the one
//! before, so they add up to the whole: the bounded pre-scan; the rest of decoding (objects,
//! content streams, glyphs); lines; grids; recognition with the audit; the facts CSV.
use std::sync::Arc;
use std::time::Instant;

fn fastest(rounds: usize, mut f: impl FnMut()) -> f64 {
    (0..rounds)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1000.0
        })
        .fold(f64::INFINITY, f64::min)
}

fn main() {
    let rounds = std::env::var("JUESUAN_ROUNDS").ok().and_then(|r| r.parse().ok()).unwrap_or(15);
    let limits = juesuan::Limits::default();
    println!("| file | pre-scan | decode | lines | grids | recognise | CSV | total ms |");
    println!("|---|---:|---:|---:|---:|---:|---:|---:|");
    for path in std::env::args().skip(1) {
        let bytes = Arc::new(std::fs::read(&path).expect("readable file"));
        let prescan = fastest(rounds, || {
            let mut budget = juesuan::decode::filters::Budget::new(&limits);
            let _ = juesuan::decode::filters::prescan(&bytes, &mut budget, limits.max_pages);
        });
        let upto = |stage: u8| {
            fastest(rounds, || {
                let mut numbering = juesuan::layout::Numbering::default();
                let (mut lines, mut grids) = (Vec::new(), Vec::new());
                let _ = juesuan::decode::pdf::read_each(bytes.clone(), &limits, &mut |page, done, _| {
                    if stage >= 1 {
                        lines.extend(juesuan::layout::lines_of_page(&page, done, &mut numbering));
                    }
                    if stage >= 2 {
                        grids.extend(juesuan::grid::grids_of_page(&page, done));
                    }
                });
                std::hint::black_box((lines, grids));
            })
        };
        let (decode, lines, grids) = (upto(0), upto(1), upto(2));
        let Ok(laid) = juesuan::layout_with(&bytes, &limits) else { continue };
        let recognise = fastest(rounds, || {
            std::hint::black_box(juesuan::recognize::recognize(&laid.lines, &laid.grids, laid.source.clone()));
        });
        let report = juesuan::recognize::recognize(&laid.lines, &laid.grids, laid.source.clone());
        let csv = fastest(rounds, || {
            std::hint::black_box(juesuan::export::to_csv(&report));
        });
        let name = std::path::Path::new(&path).file_name().map_or(path.clone(), |n| n.to_string_lossy().into_owned());
        println!(
            "| {name} | {prescan:.2} | {:.2} | {:.2} | {:.2} | {recognise:.2} | {csv:.2} | {:.2} |",
            decode - prescan,
            lines - decode,
            grids - lines,
            grids + recognise + csv
        );
    }
}
