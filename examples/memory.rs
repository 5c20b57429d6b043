//! Reads one PDF through the whole pipeline with the page limit raised to 10,000, for
//! measuring peak memory on bound documents beyond the default 1,000 pages:
//! `/usr/bin/time -f %M cargo run --release --example memory FILE`. The bytes are handed
//! over (`parse_owned`), as the browser's worker hands over the file. Also prints the peak
//! of the bytes allocated on the heap (a counting allocator around the system one), with the
//! input's size, so what the pipeline holds beyond the input shows apart from the process's
//! resident size.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let live = LIVE.fetch_add(layout.size(), Relaxed) + layout.size();
            PEAK.fetch_max(live, Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Relaxed);
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn main() {
    let path = std::env::args().nth(1).expect("usage: memory FILE");
    let bytes = std::fs::read(&path).expect("readable file");
    let input = bytes.len();
    let limits = juesuan::Limits { max_pages: 10_000, max_glyphs: 40_000_000, ..juesuan::Limits::default() };
    let mb = |n: usize| n as f64 / 1e6;
    // the heap in use as the pages are read: what grows with the pages read so far
    let mut quarters = Vec::new();
    let mut progress = |done: usize, total: usize| {
        if done == 1 || done * 4 / total >= quarters.len() {
            quarters.push(format!("{done} pages {:.1} MB", mb(LIVE.load(Relaxed))));
        }
    };
    let report = juesuan::parse_owned(bytes, &limits, &mut progress).expect("readable PDF");
    println!("heap in use after {}", quarters.join(", "));
    println!("{path}: {} pages, {} lines, {} tables", report.source.pages, report.source.lines, report.tables.len());
    println!(
        "heap peak {:.1} MB (input {:.1} MB); in use with the report alone {:.1} MB",
        mb(PEAK.load(Relaxed)),
        mb(input),
        mb(LIVE.load(Relaxed))
    );
}
