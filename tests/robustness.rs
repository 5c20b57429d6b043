//! Nothing reachable from the entry point panics: truncated, shuffled, mutated and random
//! input each gives a report or an error. (Coverage-guided fuzzing goes further; this
//! keeps the property in every test run.)

use juesuan::Error;

const FIXTURE: &[u8] = include_bytes!("fixtures/ningxia_hrss_2023.txt");

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn no_panic(bytes: &[u8]) {
    let _ = juesuan::parse(bytes).map(|r| juesuan::export::to_csv(&r));
}

#[test]
fn truncations_parse_or_error() {
    let mut rng = Rng(0x9E3779B97F4A7C15);
    for _ in 0..60 {
        let cut = rng.below(FIXTURE.len());
        no_panic(&FIXTURE[..cut]);
    }
}

#[test]
fn shuffled_and_mutated_lines() {
    let text = std::str::from_utf8(FIXTURE).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let mut rng = Rng(42);
    for round in 0..25 {
        let mut ls = lines.clone();
        for _ in 0..200 {
            let (a, b) = (rng.below(ls.len()), rng.below(ls.len()));
            ls.swap(a, b);
        }
        if round % 2 == 0 {
            // drop a block, duplicate another
            let s = rng.below(ls.len());
            ls.drain(s..(s + 40).min(ls.len()));
            let d = rng.below(ls.len());
            let block: Vec<&str> = ls[d..(d + 40).min(ls.len())].to_vec();
            ls.extend(block);
        }
        no_panic(ls.join("\n").as_bytes());
    }
}

#[test]
fn byte_mutations() {
    let mut rng = Rng(7);
    for _ in 0..40 {
        let mut b = FIXTURE.to_vec();
        for _ in 0..50 {
            let i = rng.below(b.len());
            b[i] = rng.next() as u8;
        }
        no_panic(&b);
    }
}

#[test]
fn random_and_degenerate_input() {
    let mut rng = Rng(1234567);
    for n in [1usize, 2, 3, 7, 100, 4096] {
        let b: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
        no_panic(&b);
    }
    for s in [
        "合计",
        "合计 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17",
        "公开01表",
        "项目支出绩效自评表\n项目名称",
        "总 分",
        "指标 1：",
        "2080101 行政运行 1 2 3 4 5 6 7 8 9 10",
        "第三部分\n一、",
        "- 1 -",
    ] {
        no_panic(s.as_bytes());
    }
    assert_eq!(juesuan::parse(b"").unwrap_err(), Error::Empty);
    assert_eq!(juesuan::parse(b"  \n\t ").unwrap_err(), Error::Empty);
    assert_eq!(juesuan::parse(b"%PDF-1.7\n").unwrap_err(), Error::PdfCorrupt);
}

/// A row with far more numbers than columns, and thousands of them, stays bounded.
#[test]
fn pathological_tables_stay_bounded() {
    let mut doc = String::from(
        "收入决算表\n公开02表\n公开部门：某局 金额单位：元\n栏次 1 2 3 4 5 6 7\n合计 100.00 50.00 50.00\n",
    );
    for i in 0..3000 {
        doc.push_str(&format!("20801{:02} 行政运行 {}.00 {}.00\n", i % 100, i % 7 + 1, i % 7 + 1));
    }
    let r = juesuan::parse(doc.as_bytes()).unwrap();
    let t = r.table(juesuan::model::TableId::T02).unwrap();
    assert_eq!(t.rows.len(), 3001);
    assert!(r.diagnostics.iter().any(|d| d.code == "table.placement"), "the sums cannot be met and that is said");
}

#[test]
fn every_single_byte() {
    for b in 0..=255u8 {
        match juesuan::parse(&[b]) {
            Ok(r) => assert!(r.tables.is_empty()),
            Err(e) => assert!(matches!(e, Error::Empty | Error::Binary), "{b}: {e:?}"),
        }
    }
}

/// 50 MB of text: over the line limit as one document repeated, over the byte limit one
/// byte further; each refused at once with the limit named.
#[test]
fn fifty_megabytes_of_text() {
    let copies = 50_000_000 / FIXTURE.len();
    let big = FIXTURE.repeat(copies);
    match juesuan::parse(&big) {
        Err(Error::TooLarge { what: "lines", limit: 250_000, actual }) => assert!(actual > 2_000_000),
        other => panic!("{:?}", other.map(|r| r.tables.len())),
    }
    let over = vec![b'x'; 50 * 1024 * 1024 + 1];
    assert!(matches!(juesuan::parse(&over), Err(Error::TooLarge { what: "bytes", .. })));
}

/// The text fixture with 100,000 more rows in 02: read in full (linear time: no column-sum
/// search past 2,000 rows under one parent), and the sums that no longer meet are said.
#[test]
fn a_table_of_a_hundred_thousand_rows() {
    let text = std::str::from_utf8(FIXTURE).unwrap();
    let anchor = "合计 416,508,919.65 412,820,500.56 2,111,176.80 1,577,242.29\n";
    let at = text.find(anchor).unwrap() + anchor.len();
    let mut doc = String::with_capacity(text.len() + 3_500_000);
    doc.push_str(&text[..at]);
    for k in 0..100_000 {
        doc.push_str(&format!("20801{:02} 行政运行 {}.00 {}.00\n", k % 100, k % 97 + 1, k % 97 + 1));
    }
    doc.push_str(&text[at..]);
    let r = juesuan::parse(doc.as_bytes()).unwrap();
    let t02 = r.table(juesuan::model::TableId::T02).unwrap();
    assert_eq!(t02.rows.len(), 100_031);
    assert_eq!(t02.value("合计", "本年收入合计"), Some("416508919.65".parse().unwrap()));
    assert!(r.diagnostics.iter().any(|d| d.code == "table.placement"));
    // the rest of the document is unaffected
    assert_eq!(r.performance.len(), 25);
    assert_eq!(r.table(juesuan::model::TableId::T03).unwrap().rows.len(), 33);
    // the audit counts every finding but lists at most MAX_LISTED per rule
    let audit = juesuan::check::check(&r);
    let run = audit.runs.iter().find(|x| x.omitted > 0).expect("a rule with findings past the cap");
    assert_eq!(audit.findings.iter().filter(|f| f.rule == run.rule).count(), juesuan::check::MAX_LISTED);
    assert_eq!(run.findings, juesuan::check::MAX_LISTED + run.omitted);
}
