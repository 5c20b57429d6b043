//! The view's cost per document: `cargo run --release --example view_timing -- FILE...`
//! prints, for each file, the fastest of N (N = 30) runs of `view::charts` and of drawing
//! every chart as SVG at the default options (bars), and — where the build has it — every
//! chart as a treemap (BENCHMARKS.md, "View").

use std::time::{Duration, Instant};

use juesuan::view::{self, DrawOptions};

fn fastest<T>(n: usize, mut f: impl FnMut() -> T) -> Duration {
    (0..n)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn main() {
    println!("{:<44} {:>10} {:>12} {:>14}", "file", "charts ms", "bars svg ms", "treemap svg ms");
    for path in std::env::args().skip(1) {
        let Ok(bytes) = std::fs::read(&path) else { continue };
        let Ok(report) = juesuan::parse(&bytes) else { continue };
        let charts = fastest(30, || view::charts(&report));
        let all = view::charts(&report);
        let bars = fastest(30, || {
            all.iter().map(|c| view::svg(c, &DrawOptions::default()).map(|s| s.len()).unwrap_or(0)).sum::<usize>()
        });
        let treemap = treemap(&all);
        let name = path.rsplit('/').next().unwrap_or(&path);
        println!("{name:<44} {:>10.3} {:>12.3} {:>14}", ms(charts), ms(bars), treemap);
    }
}

fn treemap(all: &[view::Chart]) -> String {
    let opts = DrawOptions { mode: "treemap".into(), ..Default::default() };
    let t = fastest(30, || all.iter().map(|c| view::svg(c, &opts).map(|s| s.len()).unwrap_or(0)).sum::<usize>());
    format!("{:.3}", ms(t))
}
