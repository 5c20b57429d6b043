//! The command line over the same core: `export`, `check` (one file or many, in
//! parallel), `summary`, `lines` (the layout dump) and `chart` (SVG).

use std::io::Write;
use std::process::ExitCode;

use juesuan::model::{Report, Severity, TableId};

const USAGE: &str = "用法 usage:
  juesuan export FILE [--format csv|json]      facts as CSV (default) or the whole report as JSON, to stdout
  juesuan export FILE|DIR... --out DIR [--format csv|json] [--jobs N]
                                              every file (directories: their .pdf/.txt files) to DIR
  juesuan check FILE|DIR... [--format text|json] [--jobs N]
                                              the audit, files in parallel, then a summary table;
                                              exit 0 without errors, 1 with errors, 2 unreadable
  juesuan compare A B [--format text|json] [--chart totals|function|economic|sangong [--lang zh|en]]
                                              two reports side by side: a 预算 with its year's 决算,
                                              two years of one department, or any two (per class);
                                              the cross-checks' findings (exit 1 with errors), or
                                              one paired chart as SVG
  juesuan summary FILE                         department, year, units, totals, tables, diagnostics
  juesuan lines FILE                           the lines and tokens read (page:line x=… token)
  juesuan grids FILE                           the ruled tables found: grids and their cells
  juesuan scan FILE|DIR... [--jobs N]          the scorecard of each document (kind, grids, tables,
                                              cells by how they were read, unplaced amounts, checks,
                                              time) and a total line
  juesuan chart FILE --kind KIND [--path A/B] [--lang zh|en] [--theme light|dark] [--width PX]
                                              one chart as SVG (KIND: function, basic-project, income,
                                              economic, sangong, execution, performance)
FILE `-` is standard input. Input over 50 MB is refused before it is read; document text
is printed without terminal control characters.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => ExitCode::from(code),
        Err(msg) => {
            eprintln!("juesuan: {}", printable(&msg));
            ExitCode::from(2)
        }
    }
}

/// A command's arguments: its files and its `--name value` options.
struct Options {
    files: Vec<String>,
    values: Vec<(String, String)>,
}

impl Options {
    fn parse(args: &[String], known: &[&str]) -> Result<Options, String> {
        let mut o = Options { files: Vec::new(), values: Vec::new() };
        let mut it = args.iter();
        while let Some(a) = it.next() {
            match a.strip_prefix("--") {
                Some(opt) => {
                    let (name, value) = match opt.split_once('=') {
                        Some((n, v)) => (n.to_string(), v.to_string()),
                        None => (opt.to_string(), it.next().ok_or(format!("--{opt} needs a value"))?.clone()),
                    };
                    if !known.contains(&name.as_str()) {
                        return Err(format!("unknown option --{name}\n{USAGE}"));
                    }
                    o.values.push((name, value));
                }
                None => o.files.push(a.clone()),
            }
        }
        Ok(o)
    }

    fn get(&self, name: &str) -> Option<&str> {
        self.values.iter().rev().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// The one file of a single-file command.
    fn file(&self) -> Result<&str, String> {
        match self.files.as_slice() {
            [f] => Ok(f),
            _ => Err(USAGE.into()),
        }
    }

    fn jobs(&self) -> Result<usize, String> {
        match self.get("jobs") {
            Some(j) => j.parse().ok().filter(|&n| n > 0).ok_or(format!("--jobs {j}: a positive number")),
            None => Ok(std::thread::available_parallelism().map_or(1, |n| n.get())),
        }
    }
}

fn run(args: &[String]) -> Result<u8, String> {
    let (cmd, rest) = args.split_first().ok_or(USAGE)?;
    let out = match cmd.as_str() {
        "check" => return check(&Options::parse(rest, &["format", "jobs"])?),
        "export" => {
            let o = Options::parse(rest, &["format", "out", "jobs"])?;
            let format = o.get("format").unwrap_or("csv");
            if !matches!(format, "csv" | "json") {
                return Err(format!("unknown format {format}: csv or json"));
            }
            if let Some(dir) = o.get("out") {
                return export_all(&o, format, dir);
            }
            let report = load(o.file()?)?;
            export(&report, format)
        }
        "compare" => return compare(&Options::parse(rest, &["format", "chart", "lang"])?),
        "summary" => summary(&load(Options::parse(rest, &[])?.file()?)?),
        "lines" => lines(Options::parse(rest, &[])?.file()?)?,
        "grids" => grids(Options::parse(rest, &[])?.file()?)?,
        "scan" => return scan(&Options::parse(rest, &["jobs"])?),
        "chart" => chart(&Options::parse(rest, &["kind", "path", "lang", "theme", "width"])?)?,
        c => return Err(format!("unknown command {c}\n{USAGE}")),
    };
    print(&out);
    Ok(0)
}

fn export(report: &Report, format: &str) -> String {
    if format == "json" {
        juesuan::export::to_json(report) + "\n"
    } else {
        juesuan::export::to_csv(report)
    }
}

fn lines(file: &str) -> Result<String, String> {
    let bytes = read(file)?;
    let (lines, _) = juesuan::lines_with(&bytes, &juesuan::Limits::default()).map_err(|e| format!("{file}: {e}"))?;
    let mut out = String::new();
    for l in &lines {
        out.push_str(&format!("{}:{} y={:.1} s={:.1}", l.at.page, l.at.line, l.y, l.size));
        for (t, text) in l.tokens.iter().zip(l.token_texts()) {
            out.push_str(&format!(" [{:.0}]{text}", t.x));
        }
        out.push('\n');
    }
    Ok(out)
}

/// `scan FILE|DIR...`: one scorecard line per document, then the total.
fn scan(o: &Options) -> Result<u8, String> {
    let files = inputs(&o.files)?;
    let results = batch(&files, o.jobs()?, "scan", |_, file| {
        juesuan::scan::scan(&read(file)?, &juesuan::Limits::default()).map_err(|e| format!("{file}: {e}"))
    });
    let mut out = String::new();
    let mut worst = 0u8;
    let (mut docs, mut cells, mut grid, mut unplaced, mut printed, mut errors, mut ms) = (0, 0, 0, 0, 0, 0, 0.0);
    for (file, (r, took)) in files.iter().zip(&results) {
        let took = took.as_secs_f64() * 1000.0;
        ms += took;
        match r {
            Ok(card) => {
                docs += 1;
                cells += card.by_read.iter().sum::<usize>();
                grid += card.by_read[0];
                unplaced += card.unplaced;
                printed += card.printed;
                errors += card.errors;
                out.push_str(&format!("{file}: {} · {took:.0} ms\n", card.line()));
            }
            Err(msg) => {
                worst = 2;
                out.push_str(&format!("{file}: unreadable — {msg}\n"));
            }
        }
    }
    out.push_str(&format!(
        "total: {docs} of {} documents read · cells {cells} (grid {grid}) · unplaced {unplaced} of {printed} · \
         errors {errors} · {ms:.0} ms\n",
        files.len()
    ));
    print(&out);
    Ok(worst)
}

fn grids(file: &str) -> Result<String, String> {
    let bytes = read(file)?;
    let laid = juesuan::layout_with(&bytes, &juesuan::Limits::default()).map_err(|e| format!("{file}: {e}"))?;
    Ok(laid.grids.iter().map(|g| g.dump()).collect())
}

fn chart(o: &Options) -> Result<String, String> {
    let report = load(o.file()?)?;
    let kind = o.get("kind").ok_or(USAGE)?;
    let chart = juesuan::view::chart(&report, kind).ok_or(format!("unknown chart kind {kind}\n{USAGE}"))?;
    let opts = juesuan::view::DrawOptions {
        lang: o.get("lang").unwrap_or("zh").into(),
        theme: o.get("theme").unwrap_or("light").into(),
        path: o.get("path").map(|p| p.split('/').map(str::to_string).collect()).unwrap_or_default(),
        width: o.get("width").map_or(Ok(720), |w| w.parse().map_err(|_| format!("--width {w}: a number of pixels")))?,
        ..Default::default()
    };
    juesuan::view::svg(&chart, &opts)
}

/// The input files: files as given, directories walked for `.pdf` and `.txt` files
/// (sorted, so output order does not depend on the file system).
fn inputs(args: &[String]) -> Result<Vec<String>, String> {
    fn walk(dir: &std::path::Path, out: &mut Vec<String>) -> Result<(), String> {
        let entries = std::fs::read_dir(dir)
            .map_err(|e| format!("{}: 无法读取目录（cannot read directory）: {e}", dir.display()))?;
        let mut paths: Vec<std::path::PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for p in paths {
            if p.is_dir() {
                walk(&p, out)?;
            } else if p
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| e.eq_ignore_ascii_case("pdf") || e.eq_ignore_ascii_case("txt"))
            {
                out.push(p.to_string_lossy().into_owned());
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    for a in args {
        let p = std::path::Path::new(a);
        if p.is_dir() {
            walk(p, &mut out)?;
        } else {
            out.push(a.clone());
        }
    }
    if out.is_empty() {
        return Err(format!("no input files\n{USAGE}"));
    }
    Ok(out)
}

/// What one file's work gave, and how long it took.
type Outcome<T> = (Result<T, String>, std::time::Duration);

/// Runs `work(index, file)` on every file on `jobs` threads; results in input order. A file whose
/// work panics (a bug: the library is meant never to) is reported as an internal error
/// and does not stop the others. Progress goes to stderr when it is a terminal.
fn batch<T: Send>(
    files: &[String],
    jobs: usize,
    verb: &str,
    work: impl Fn(usize, &str) -> Result<T, String> + Sync,
) -> Vec<Outcome<T>> {
    use std::io::IsTerminal;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Mutex;
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let results: Vec<Mutex<Option<Outcome<T>>>> = files.iter().map(|_| Mutex::new(None)).collect();
    let progress = std::io::stderr().is_terminal();
    std::thread::scope(|s| {
        for _ in 0..jobs.min(files.len()) {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(file) = files.get(i) else { break };
                let started = std::time::Instant::now();
                let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(i, file)))
                    .unwrap_or_else(|_| Err(format!("{file}: 内部错误（internal error）")));
                *results[i].lock().unwrap_or_else(|e| e.into_inner()) = Some((r, started.elapsed()));
                let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                if progress {
                    eprint!("\r\x1b[K{verb} {n}/{} {file}", files.len());
                }
            });
        }
    });
    if progress {
        eprint!("\r\x1b[K");
    }
    results.into_iter().filter_map(|m| m.into_inner().unwrap_or_else(|e| e.into_inner())).collect()
}

/// A table with a header, columns padded to the widest cell (CJK counted double).
fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let width = |s: &str| s.chars().map(|c| if juesuan::text::is_cjk(c) { 2 } else { 1 }).sum::<usize>();
    let mut widths: Vec<usize> = header.iter().map(|h| width(h)).collect();
    for r in rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(width(c));
        }
    }
    let mut out = String::new();
    let head: Vec<String> = header.iter().map(|h| h.to_string()).collect();
    for r in std::iter::once(&head).chain(rows) {
        let cells: Vec<String> = r
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(k, (c, w))| {
                let pad = " ".repeat(w - width(c));
                if k == 0 {
                    format!("{c}{pad}")
                } else {
                    format!("{pad}{c}")
                }
            })
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out
}

/// `check FILE|DIR...`: every file audited in parallel; findings per file in input order,
/// then a summary table. The exit status is the worst (2 unreadable, 1 error findings).
fn check(o: &Options) -> Result<u8, String> {
    let format = o.get("format").unwrap_or("text");
    if !matches!(format, "text" | "json") {
        return Err(format!("unknown format {format}: text or json"));
    }
    let files = inputs(&o.files)?;
    let results = batch(&files, o.jobs()?, "check", |_, file| {
        let audit = juesuan::check::check(&load(file)?);
        let text = if format == "json" {
            serde_json::json!({ "file": file, "audit": audit }).to_string() + "\n"
        } else {
            findings_text(file, &audit)
        };
        Ok((audit, text))
    });
    let mut worst = 0u8;
    let mut out = String::new();
    let mut rows = Vec::new();
    for (file, (r, took)) in files.iter().zip(&results) {
        let ms = format!("{:.0}", took.as_secs_f64() * 1000.0);
        match r {
            Err(msg) => {
                eprintln!("juesuan: {}", printable(msg));
                worst = 2;
                rows.push(vec![
                    file.clone(),
                    "unreadable".into(),
                    "-".into(),
                    "-".into(),
                    "-".into(),
                    "-".into(),
                    "-".into(),
                    ms,
                ]);
            }
            Ok((audit, text)) => {
                out.push_str(text);
                // the document's own findings; possible reading problems are counted apart
                let count = |s| {
                    audit
                        .findings
                        .iter()
                        .filter(|f| f.severity == s && f.group == juesuan::check::Group::Document)
                        .count()
                };
                let (e, w, i) = (count(Severity::Error), count(Severity::Warning), count(Severity::Info));
                let reading = audit.reading();
                if e > 0 && worst < 1 {
                    worst = 1;
                }
                let ran: usize = audit.runs.iter().map(|r| r.checked).sum();
                let status = if e > 0 { "errors" } else { "ok" };
                rows.push(vec![
                    file.clone(),
                    status.into(),
                    e.to_string(),
                    w.to_string(),
                    i.to_string(),
                    reading.to_string(),
                    ran.to_string(),
                    ms,
                ]);
            }
        }
    }
    if format == "text" {
        out.push_str(&table(&["file", "status", "errors", "warnings", "notes", "reading?", "checks", "ms"], &rows));
    }
    print(&out);
    Ok(worst)
}

fn findings_text(file: &str, audit: &juesuan::check::Audit) -> String {
    let mut out = format!("== {file}\n");
    let at = |f: &juesuan::check::Finding| {
        let at = f.sentence.as_ref().map(|s| s.at).or(f.cells.first().map(|c| c.at));
        at.map(|a| if a.page > 0 { format!(" p{}:{}", a.page, a.line) } else { format!(" line {}", a.line) })
            .unwrap_or_default()
    };
    let mut reading_header = false;
    for f in &audit.findings {
        if f.group == juesuan::check::Group::Reading && !reading_header {
            out.push_str("-- 可能是识别问题，不是文件的错误 / possibly reading problems, not the document's errors\n");
            reading_header = true;
        }
        out.push_str(&format!("[{:?}] {}{} — {}\n", f.severity, f.rule, at(f), f.message_zh));
        for c in &f.consequences {
            out.push_str(&format!("    · {}{} — {}\n", c.rule, at(c), c.message_zh));
        }
    }
    out
}

/// `export FILE|DIR... --out DIR`: every file exported in parallel to `DIR/<name>.csv`
/// (or `.json`), then a summary table. Exit 2 when any file was unreadable.
fn export_all(o: &Options, format: &str, dir: &str) -> Result<u8, String> {
    let files = inputs(&o.files)?;
    std::fs::create_dir_all(dir).map_err(|e| format!("{dir}: 无法创建目录（cannot create directory）: {e}"))?;
    // one output name per input, unique even when inputs share a file name
    let mut names: Vec<String> = Vec::new();
    for f in &files {
        let base = std::path::Path::new(f).file_name().map_or("report".into(), |n| n.to_string_lossy().into_owned());
        let mut name = format!("{base}.{format}");
        let mut k = 2;
        while names.contains(&name) {
            name = format!("{base}-{k}.{format}");
            k += 1;
        }
        names.push(name);
    }
    let results = batch(&files, o.jobs()?, "export", |i, file| {
        let report = load(file)?;
        let path = std::path::Path::new(dir).join(&names[i]);
        std::fs::write(&path, export(&report, format))
            .map_err(|e| format!("{}: 无法写入（cannot write）: {e}", path.display()))?;
        let facts = juesuan::export::facts(&report).len();
        Ok((facts, report.diagnostics.len()))
    });
    let mut worst = 0u8;
    let mut rows = Vec::new();
    for ((file, name), (r, took)) in files.iter().zip(&names).zip(&results) {
        let ms = format!("{:.0}", took.as_secs_f64() * 1000.0);
        match r {
            Ok((facts, diags)) => {
                rows.push(vec![file.clone(), "ok".into(), facts.to_string(), diags.to_string(), name.clone(), ms])
            }
            Err(msg) => {
                eprintln!("juesuan: {}", printable(msg));
                worst = 2;
                rows.push(vec![file.clone(), "unreadable".into(), "-".into(), "-".into(), "-".into(), ms]);
            }
        }
    }
    let out = table(&["file", "status", "facts", "diagnostics", "output", "ms"], &rows);
    print(&out);
    Ok(worst)
}

/// A file's bytes (`-`: standard input), refused by size before they are read: a file by
/// its length, standard input (when not a regular file) by reading at most one byte past
/// the limit, so neither a 3 GB file nor an endless pipe is ever held in memory.
fn read(path: &str) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let max = juesuan::Limits::default().max_bytes;
    let cannot = |e: std::io::Error| format!("{path}: 无法读取文件（cannot read file）: {e}");
    let too_large = |actual: u64| {
        let e = juesuan::Error::TooLarge {
            what: "bytes",
            limit: max,
            actual: usize::try_from(actual).unwrap_or(usize::MAX),
        };
        format!("{path}: {e}")
    };
    let (mut source, len): (Box<dyn Read>, Option<u64>) = if path == "-" {
        let stdin = std::io::stdin();
        // standard input redirected from a file: its length is known at once
        let len = regular_len(&stdin);
        (Box::new(stdin.lock()), len)
    } else {
        let file = std::fs::File::open(path).map_err(cannot)?;
        let meta = file.metadata().map_err(cannot)?;
        (Box::new(file), meta.is_file().then_some(meta.len()))
    };
    if let Some(len) = len.filter(|&n| n > max as u64) {
        return Err(too_large(len));
    }
    let mut bytes = Vec::with_capacity(len.map_or(0, |n| n as usize));
    source.by_ref().take(max as u64 + 1).read_to_end(&mut bytes).map_err(cannot)?;
    if bytes.len() > max {
        // a pipe or device: how much more there is stays unread
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// The length of standard input when it is a regular file (`< FILE`), else `None`.
#[cfg(unix)]
fn regular_len(stdin: &std::io::Stdin) -> Option<u64> {
    use std::os::fd::AsFd;
    let file = std::fs::File::from(stdin.as_fd().try_clone_to_owned().ok()?);
    file.metadata().ok().filter(|m| m.is_file()).map(|m| m.len())
}

#[cfg(not(unix))]
fn regular_len(_: &std::io::Stdin) -> Option<u64> {
    None
}

/// `s` without the control characters a terminal acts on (C0 but line feed and tab, DEL,
/// C1: escape sequences, bells, carriage returns, backspaces), so a document's text never
/// drives the terminal it is printed on. Everything printed goes through it.
fn printable(s: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| c.is_control() && c != '\n' && c != '\t';
    if s.chars().any(unsafe_char) {
        s.chars().filter(|&c| !unsafe_char(c)).collect::<String>().into()
    } else {
        s.into()
    }
}

/// Writes `out` to standard output, without terminal control characters; a closed pipe
/// (`| head`) is not an error worth a panic.
fn print(out: &str) {
    let _ = std::io::stdout().lock().write_all(printable(out).as_bytes());
}

fn load(path: &str) -> Result<Report, String> {
    juesuan::parse_owned(read(path)?, &juesuan::Limits::default(), &mut |_, _| {}).map_err(|e| format!("{path}: {e}"))
}

/// `compare A B`: the comparison's lines per block, then its findings.
fn compare(o: &Options) -> Result<u8, String> {
    let [a, b] = o.files.as_slice() else { return Err(USAGE.into()) };
    let format = o.get("format").unwrap_or("text");
    if !matches!(format, "text" | "json") {
        return Err(format!("unknown format {format}: text or json"));
    }
    let c = juesuan::compare::compare(&load(a)?, &load(b)?);
    if let Some(kind) = o.get("chart") {
        let charts = juesuan::view::compare_charts(&c);
        let want = format!("compare-{kind}");
        let chart = charts.iter().find(|x| x.kind == want).ok_or(format!("no {kind} chart in this comparison"))?;
        let opts = juesuan::view::DrawOptions { lang: o.get("lang").unwrap_or("zh").into(), ..Default::default() };
        print(&juesuan::view::svg(chart, &opts)?);
        return Ok(0);
    }
    let out = if format == "json" {
        serde_json::to_string_pretty(&c).map_err(|e| e.to_string())? + "\n"
    } else {
        compare_text(&c)
    };
    print(&out);
    Ok(if c.errors() > 0 { 1 } else { 0 })
}

fn compare_text(c: &juesuan::compare::Comparison) -> String {
    use juesuan::compare::Relation;
    let mut s = String::new();
    let relation = match c.relation {
        Relation::PlanActual => "plan-actual (预算 ↔ 决算)",
        Relation::YearOnYear => "year-on-year (上年 ↔ 本年)",
        Relation::Other => "per class only (逐类比较)",
    };
    s.push_str(&format!(
        "relation     {relation}{}\n",
        if c.swapped { " · files taken in the other order" } else { "" }
    ));
    s.push_str(&format!("a            {}\n", c.a.label_zh));
    s.push_str(&format!("b            {}\n", c.b.label_zh));
    s.push_str(&format!("unit         {}\n", c.unit.as_str()));
    for (zh, _) in &c.notes {
        s.push_str(&format!("note         {zh}\n"));
    }
    let rate = if c.relation == Relation::PlanActual { "rate%" } else { "change%" };
    let opt = |v: Option<rust_decimal::Decimal>| v.map_or("—".to_string(), juesuan::check::plain::money);
    for b in &c.blocks {
        if b.lines.is_empty() {
            continue;
        }
        let basis = b
            .basis
            .as_ref()
            .map_or(String::new(), |x| format!(" (a: {} {}, b: {} {})", x.a_table, x.a_column, x.b_table, x.b_column));
        s.push_str(&format!("\n{} {}{basis}\n", b.title_zh, b.title_en));
        s.push_str(&format!("{:<9} {:<24} {:>20} {:>20} {:>20} {:>9}\n", "key", "name", "a", "b", "b−a", rate));
        for l in &b.lines {
            let key = if l.code.is_some() { l.key.as_str() } else { "" };
            s.push_str(&format!(
                "{key:<9} {:<24} {:>20} {:>20} {:>20} {:>9}\n",
                l.name,
                opt(l.a),
                opt(l.b),
                opt(l.difference),
                l.rate.map_or("—".to_string(), |r| r.to_string())
            ));
        }
    }
    s.push_str(&format!(
        "\ncross-checks {} checked, {} findings, {} errors\n",
        c.checked,
        c.findings.len(),
        c.errors()
    ));
    for f in &c.findings {
        let sev = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "note",
        };
        s.push_str(&format!("{sev:<8} {:<10} {}\n", f.rule, f.message_zh));
        for cell in &f.cells {
            let doc = match cell.doc {
                Some(juesuan::check::Doc::A) => "a",
                Some(juesuan::check::Doc::B) => "b",
                None => "",
            };
            s.push_str(&format!("         {doc}: {}\n", juesuan::check::plain::cell_zh(cell)));
        }
        if let Some(x) = &f.sentence {
            s.push_str(&format!("         b: “{}”\n", x.text));
        }
    }
    s
}

fn summary(r: &Report) -> String {
    let mut s = String::new();
    let line = |s: &mut String, k: &str, v: String| s.push_str(&format!("{k:<12} {v}\n"));
    line(&mut s, "kind", format!("{} ({})", r.kind_name_zh(), r.kind.as_str()));
    line(&mut s, "department", r.department.clone().unwrap_or_else(|| "?".into()));
    line(&mut s, "year", r.year.map(|y| y.to_string()).unwrap_or_else(|| "?".into()));
    line(
        &mut s,
        "source",
        format!("{} {} ({} bytes)", r.source.format, r.source.encoding.clone().unwrap_or_default(), r.source.bytes),
    );
    let units: Vec<String> = r.tables.iter().map(|t| format!("{}:{}", t.id.code(), t.unit.as_str())).collect();
    line(&mut s, "units", units.join(" "));
    if let Some(t) = r.table(TableId::T01) {
        for name in ["本年收入合计", "收入总计", "本年支出合计", "支出总计"] {
            if let Some(v) = t.value(name, "决算数") {
                line(&mut s, name, format!("{v} {}", t.unit.as_str()));
            }
        }
    }
    if let Some(t) = r.table(TableId::B01) {
        for name in ["本年收入合计", "收入总计", "本年支出合计", "支出总计"] {
            if let Some(v) = t.value(name, "预算数").or_else(|| t.value(name, "合计")) {
                line(&mut s, name, format!("{v} {}", t.unit.as_str()));
            }
        }
    }
    // a budget lists the budget tables it has, a 决算 the nine
    let ids: &[TableId] = if r.kind == juesuan::model::DocumentKind::Budget { &TableId::BUDGET } else { &TableId::ALL };
    let found: Vec<String> = ids
        .iter()
        .filter(|id| !id.is_budget() || r.table(**id).is_some())
        .map(|id| match r.table(*id) {
            Some(t) if t.empty => format!("{} (empty)", id.code()),
            Some(t) => format!("{} ({} rows)", id.code(), t.rows.len()),
            None => format!("{} MISSING", id.code()),
        })
        .collect();
    line(&mut s, "tables", found.join(", "));
    // by kind, in the order first printed: `12 tables (12 项目支出绩效目标表, 151 indicators)`
    let mut kinds: Vec<(juesuan::model::PerformanceKind, usize)> = Vec::new();
    for p in &r.performance {
        match kinds.iter_mut().find(|k| k.0 == p.kind) {
            Some(k) => k.1 += 1,
            None => kinds.push((p.kind, 1)),
        }
    }
    let by_kind: Vec<String> = kinds.iter().map(|(k, n)| format!("{n} {}", k.name_zh())).collect();
    let indicators: usize = r.performance.iter().map(|p| p.indicators.len()).sum();
    let detail = if r.performance.is_empty() {
        String::new()
    } else {
        format!(" ({}, {indicators} indicators)", by_kind.join(", "))
    };
    line(&mut s, "performance", format!("{} tables{detail}", r.performance.len()));
    line(
        &mut s,
        "narrative",
        format!(
            "{} sections, {} sentences",
            r.narrative.len(),
            r.narrative.iter().map(|x| x.sentences.len()).sum::<usize>()
        ),
    );
    line(&mut s, "glossary", format!("{} entries", r.glossary.len()));
    let count = |sev| r.diagnostics.iter().filter(|d| d.severity == sev).count();
    line(&mut s, "diagnostics", format!("{} warnings, {} notes", count(Severity::Warning), count(Severity::Info)));
    for d in &r.diagnostics {
        let at =
            d.at.map(|a| if a.page > 0 { format!("p{}:{}", a.page, a.line) } else { format!("line {}", a.line) })
                .unwrap_or_default();
        s.push_str(&format!("  [{:?}] {} {} — {}\n", d.severity, d.code, at, d.message_zh));
    }
    // the answers at a glance, as the page shows them
    for f in juesuan::view::summary(r, &juesuan::check::check(r)).figures {
        let note = if f.note_zh.is_empty() { String::new() } else { format!(" — {}", f.note_zh) };
        line(&mut s, &f.key, format!("{} ({}){note}", f.value_zh, f.exact_zh));
    }
    s
}
