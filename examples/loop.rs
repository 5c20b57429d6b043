//! Times the stages of the pipeline on one file: `cargo run --release --example loop FILE`.
use std::time::Instant;

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| "tests/fixtures/ningxia_hrss_2023.txt".into());
    let b = std::fs::read(path).expect("readable file");
    let n = 50;
    let (mut t_dec, mut t_lay, mut t_rec, mut t_csv) = (0f64, 0f64, 0f64, 0f64);
    for _ in 0..n {
        let t = Instant::now();
        let d = juesuan::decode::decode_text(&b, &juesuan::Limits::default()).expect("decodes");
        t_dec += t.elapsed().as_secs_f64();
        let t = Instant::now();
        let lines = juesuan::layout::lines_of_text(&d);
        t_lay += t.elapsed().as_secs_f64();
        let t = Instant::now();
        let r = juesuan::recognize::recognize(&lines, &[], Default::default());
        t_rec += t.elapsed().as_secs_f64();
        let t = Instant::now();
        std::hint::black_box(juesuan::export::to_csv(&r));
        t_csv += t.elapsed().as_secs_f64();
    }
    let ms = |x: f64| x * 1000.0 / n as f64;
    println!(
        "decode {:.3} ms, layout {:.3} ms, recognize {:.3} ms, csv {:.3} ms",
        ms(t_dec),
        ms(t_lay),
        ms(t_rec),
        ms(t_csv)
    );
}
