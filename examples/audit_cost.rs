//! The audit's cost against parsing, per document: `cargo run --release --example
//! audit_cost -- FILE...` prints, for each file, the fastest of N parses and of N audits
//! (N = 20) and the audit's share of the parse (BENCHMARKS.md, "Audit cost").

use std::time::{Duration, Instant};

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

fn main() {
    println!("{:<48} {:>9} {:>9} {:>7} {:>7}", "file", "parse ms", "audit ms", "share", "checks");
    for path in std::env::args().skip(1) {
        let Ok(bytes) = std::fs::read(&path) else { continue };
        let Ok(report) = juesuan::parse(&bytes) else { continue };
        let parse = fastest(20, || juesuan::parse(&bytes));
        let audit = fastest(20, || juesuan::check::check(&report));
        let checks: usize = juesuan::check::check(&report).runs.iter().map(|r| r.checked).sum();
        let name = path.rsplit('/').next().unwrap_or(&path);
        println!(
            "{name:<48} {:>9.2} {:>9.3} {:>6.1}% {checks:>7}",
            parse.as_secs_f64() * 1e3,
            audit.as_secs_f64() * 1e3,
            audit.as_secs_f64() / parse.as_secs_f64() * 100.0
        );
    }
}
