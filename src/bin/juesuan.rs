//! The command line over the same core: `export` and `summary`.

use std::io::Write;
use std::process::ExitCode;

use juesuan::model::{Report, Severity, TableId};

const USAGE: &str = "用法 usage:
  juesuan export FILE [--format csv|json]   facts as CSV (default) or the whole report as JSON
  juesuan summary FILE                      department, year, units, totals, tables, diagnostics
  juesuan check FILE... [--format text|json] the audit: exit 0 without errors, 1 with errors, 2 unreadable
  juesuan lines FILE                        the lines and tokens read (page:line x=… token)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("juesuan: {msg}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<(), String> {
    let (cmd, rest) = args.split_first().ok_or(USAGE)?;
    if cmd == "check" {
        return check(rest);
    }
    let (files, format) = options(rest)?;
    let format = format.unwrap_or_else(|| "csv".into());
    let file = files.last().cloned().ok_or(USAGE)?;
    if cmd == "lines" {
        let bytes = read(&file)?;
        let (lines, _) =
            juesuan::lines_with(&bytes, &juesuan::Limits::default()).map_err(|e| format!("{file}: {e}"))?;
        let mut out = String::new();
        for l in &lines {
            out.push_str(&format!("{}:{} y={:.1} s={:.1}", l.at.page, l.at.line, l.y, l.size));
            for (t, text) in l.tokens.iter().zip(l.token_texts()) {
                out.push_str(&format!(" [{:.0}]{text}", t.x));
            }
            out.push('\n');
        }
        let _ = std::io::stdout().lock().write_all(out.as_bytes());
        return Ok(());
    }
    let report = load(&file)?;
    let out = match (cmd.as_str(), format.as_str()) {
        ("export", "csv") => juesuan::export::to_csv(&report),
        ("export", "json") => juesuan::export::to_json(&report) + "\n",
        ("export", f) => return Err(format!("unknown format {f}: csv or json")),
        ("summary", _) => summary(&report),
        (c, _) => return Err(format!("unknown command {c}\n{USAGE}")),
    };
    let mut stdout = std::io::stdout().lock();
    // a closed pipe (`| head`) is not an error worth a panic
    let _ = stdout.write_all(out.as_bytes());
    Ok(())
}

/// The files and the `--format` value of a command's arguments.
fn options(args: &[String]) -> Result<(Vec<String>, Option<String>), String> {
    let mut files = Vec::new();
    let mut format = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--format" => format = Some(it.next().ok_or("--format needs a value")?.clone()),
            s if s.starts_with("--format=") => format = Some(s["--format=".len()..].to_string()),
            s if s.starts_with('-') && s.len() > 1 => return Err(format!("unknown option {s}\n{USAGE}")),
            s => files.push(s.to_string()),
        }
    }
    Ok((files, format))
}

/// `check FILE...`: one report per file and a summary line each; the exit status is the
/// worst of them (2 unreadable, 1 error findings, 0 clean).
fn check(args: &[String]) -> Result<(), String> {
    let (files, format) = options(args)?;
    let format = format.unwrap_or_else(|| "text".into());
    if files.is_empty() || !matches!(format.as_str(), "text" | "json") {
        return Err(USAGE.into());
    }
    let mut worst = 0u8;
    let mut out = String::new();
    let mut summaries = Vec::new();
    for file in &files {
        match load(file) {
            Err(msg) => {
                eprintln!("juesuan: {msg}");
                worst = 2;
                summaries.push(format!("{file}: unreadable"));
            }
            Ok(report) => {
                let audit = juesuan::check::check(&report);
                let count = |s| audit.findings.iter().filter(|f| f.severity == s).count();
                let (e, w, i) = (count(Severity::Error), count(Severity::Warning), count(Severity::Info));
                let ran: usize = audit.runs.iter().map(|r| r.checked).sum();
                if format == "json" {
                    let v = serde_json::json!({ "file": file, "audit": audit });
                    out.push_str(&v.to_string());
                    out.push('\n');
                } else {
                    out.push_str(&format!("== {file}\n"));
                    for f in &audit.findings {
                        let at = f.cells.first().map(|c| c.at).or(f.sentence.as_ref().map(|s| s.at));
                        let at = at.map(|a| {
                            if a.page > 0 {
                                format!(" p{}:{}", a.page, a.line)
                            } else {
                                format!(" line {}", a.line)
                            }
                        });
                        out.push_str(&format!(
                            "[{:?}] {}{} — {}\n",
                            f.severity,
                            f.rule,
                            at.unwrap_or_default(),
                            f.message_zh
                        ));
                    }
                }
                if e > 0 && worst < 1 {
                    worst = 1;
                }
                summaries.push(format!("{file}: {e} errors, {w} warnings, {i} notes ({ran} checks)"));
            }
        }
    }
    if format == "text" {
        for s in &summaries {
            out.push_str(s);
            out.push('\n');
        }
    }
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    if worst > 0 {
        std::process::exit(worst as i32);
    }
    Ok(())
}

fn read(path: &str) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("{path}: 无法读取文件（cannot read file）: {e}"))
}

fn load(path: &str) -> Result<Report, String> {
    juesuan::parse(&read(path)?).map_err(|e| format!("{path}: {e}"))
}

fn summary(r: &Report) -> String {
    let mut s = String::new();
    let line = |s: &mut String, k: &str, v: String| s.push_str(&format!("{k:<12} {v}\n"));
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
    let found: Vec<String> = TableId::ALL
        .iter()
        .map(|id| match r.table(*id) {
            Some(t) if t.empty => format!("{} (empty)", id.code()),
            Some(t) => format!("{} ({} rows)", id.code(), t.rows.len()),
            None => format!("{} MISSING", id.code()),
        })
        .collect();
    line(&mut s, "tables", found.join(", "));
    line(&mut s, "performance", format!("{} tables", r.performance.len()));
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
    s
}
