//! The command line: exit statuses, formats, and one-line errors for unreadable input.

mod common;

use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_juesuan");
const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/ningxia_hrss_2023.txt");

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(BIN).args(args).output().expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn export_csv_is_the_library_export() {
    let (code, out, err) = run(&["export", FIXTURE]);
    assert_eq!(code, 0, "{err}");
    let report = juesuan::parse(&std::fs::read(FIXTURE).unwrap()).unwrap();
    assert_eq!(out, juesuan::export::to_csv(&report));
    assert!(out.starts_with("table,row_code,row_name,column,value,unit,read\n"));
}

#[test]
fn export_json_is_the_report() {
    let (code, out, _) = run(&["export", FIXTURE, "--format", "json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(v["department"], "宁夏回族自治区人力资源和社会保障厅");
    assert_eq!(v["performance"].as_array().unwrap().len(), 25);
    assert_eq!(v["tables"][0]["id"], "01");
}

#[test]
fn summary_names_tables_and_totals() {
    let (code, out, _) = run(&["summary", FIXTURE]);
    assert_eq!(code, 0);
    assert!(out.contains("宁夏回族自治区人力资源和社会保障厅"));
    assert!(out.contains("收入总计"));
    assert!(out.contains("464320325.00 元"));
    assert!(out.contains("08 (empty)"));
    assert!(out.contains("25 tables"));
}

#[test]
fn unreadable_input_exits_2_with_one_line() {
    let dir = std::env::temp_dir().join(format!("juesuan-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let empty = dir.join("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    let binary = dir.join("random.bin");
    std::fs::write(&binary, (0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect::<Vec<u8>>())
        .unwrap();
    for (path, needle) in [
        (empty.to_str().unwrap(), "文件为空"),
        (binary.to_str().unwrap(), "无法识别"),
        ("/nonexistent/report.pdf", "无法读取"),
    ] {
        let (code, out, err) = run(&["export", path]);
        assert_eq!(code, 2, "{path}");
        assert!(out.is_empty());
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        assert!(err.contains(needle), "{err}");
    }
    let (code, _, err) = run(&["frobnicate", FIXTURE]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown command"));
    let (code, _, _) = run(&["export", FIXTURE, "--format", "xml"]);
    assert_eq!(code, 2);
    std::fs::remove_dir_all(dir).ok();
}

/// The Putuo PDF's path under `../shared/`: `None` (the test is skipped) when it is missing.
fn pdf() -> Option<String> {
    common::shared_path(common::PUTUO_PDF).map(|p| p.to_str().expect("a UTF-8 path").to_owned())
}

#[test]
fn pdf_export_summary_and_lines() {
    let Some(pdf) = pdf() else { return };
    let pdf = pdf.as_str();
    let (code, out, err) = run(&["export", pdf]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("03,2013999,其他社会工作事务支出,项目支出,202.24,万元,grid\n"), "{out}");
    let (code, out, _) = run(&["summary", pdf]);
    assert_eq!(code, 0);
    assert!(out.contains("中共上海市普陀区委社会工作部") && out.contains("本年支出合计       307.82 万元"), "{out}");
    let (code, out, _) = run(&["lines", pdf]);
    assert_eq!(code, 0);
    assert!(out.lines().any(|l| l.starts_with("12:") && l.contains("]机关事业单位基本养老保险缴费支出 [")), "{out}");
}

#[test]
fn encrypted_pdf_is_one_clear_line() {
    let f = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/encrypted_user_password.pdf");
    let (code, out, err) = run(&["export", f]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(err.contains("加密") && err.contains("encrypted") && err.lines().count() == 1, "{err}");
}

#[test]
fn check_exit_status_and_one_summary_per_file() {
    let (code, out, _) = run(&["check", FIXTURE]);
    assert_eq!(code, 1, "the Ningxia 09 合计 row is blank: error findings\n{out}");
    let Some(pdf) = pdf() else { return };
    let pdf = pdf.as_str();
    let (code, out, _) = run(&["check", pdf]);
    assert_eq!(code, 0, "no error findings in the Putuo PDF\n{out}");
    assert!(out.contains("[Warning] N.completion"), "{out}");
    let bad = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/encrypted_user_password.pdf");
    let (code, out, err) = run(&["check", pdf, bad, FIXTURE]);
    assert_eq!(code, 2, "an unreadable file makes the status 2, the others are still checked");
    let table = summary_table(&out);
    assert_eq!(table.len(), 3, "{out}");
    // status, errors, warnings, notes, possible reading problems
    assert_eq!(&table[0][1..6], ["ok", "0", "1", "5", "0"], "{out}");
    assert_eq!(table[1][1], "unreadable");
    assert_eq!(&table[2][1..3], ["errors", "6"]);
    assert!(err.contains("加密"));
    let (code, out, _) = run(&["check", pdf, "--format", "json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert!(v["audit"]["runs"].as_array().unwrap().len() >= 30);
}

/// The rows of the summary table that ends `check` and batch `export` output (after its
/// header line), split into cells.
fn summary_table(out: &str) -> Vec<Vec<String>> {
    let lines: Vec<&str> = out.lines().collect();
    let header = lines.iter().rposition(|l| l.starts_with("file ")).expect("a summary table");
    lines[header + 1..].iter().map(|l| l.split_whitespace().map(str::to_string).collect()).collect()
}

/// A directory of good and bad files: the fixtures plus generated malformed ones; `None`
/// (the test is skipped) without the Putuo PDF in `../shared/`.
fn batch_dir(name: &str) -> Option<std::path::PathBuf> {
    let pdf = common::shared(common::PUTUO_PDF)?;
    let dir = std::env::temp_dir().join(format!("juesuan-batch-{name}-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("nested")).unwrap();
    std::fs::copy(FIXTURE, dir.join("a_ningxia.txt")).unwrap();
    std::fs::write(dir.join("nested/b_putuo.pdf"), &pdf).unwrap();
    std::fs::write(dir.join("c_truncated.pdf"), &pdf[..pdf.len() / 3]).unwrap();
    std::fs::write(dir.join("d_empty.txt"), b"").unwrap();
    std::fs::write(
        dir.join("e_random.pdf"),
        (0..9000u32).map(|i| (i.wrapping_mul(2654435761) >> 7) as u8).collect::<Vec<u8>>(),
    )
    .unwrap();
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/encrypted_user_password.pdf"),
        dir.join("f_encrypted.pdf"),
    )
    .unwrap();
    std::fs::write(dir.join("notes.md"), b"not a report: skipped by the directory walk").unwrap();
    Some(dir)
}

#[test]
fn batch_check_over_a_directory_one_bad_file_does_not_stop_the_rest() {
    let Some(dir) = batch_dir("check") else { return };
    let (code, out, err) = run(&["check", dir.to_str().unwrap(), "--jobs", "3"]);
    assert_eq!(code, 2, "{out}\n{err}");
    let table = summary_table(&out);
    let row = |name: &str| table.iter().find(|r| r[0].ends_with(name)).unwrap_or_else(|| panic!("{name} in\n{out}"));
    assert_eq!(table.len(), 6, "the .md file is not an input\n{out}");
    // input order (sorted paths), whatever order the threads finished in
    let names: Vec<&str> = table.iter().map(|r| r[0].rsplit('/').next().unwrap()).collect();
    assert_eq!(
        names,
        ["a_ningxia.txt", "c_truncated.pdf", "d_empty.txt", "e_random.pdf", "f_encrypted.pdf", "b_putuo.pdf"]
    );
    assert_eq!(&row("a_ningxia.txt")[1..3], ["errors", "6"]);
    assert_eq!(&row("b_putuo.pdf")[1..3], ["ok", "0"]);
    for bad in ["c_truncated.pdf", "d_empty.txt", "e_random.pdf", "f_encrypted.pdf"] {
        assert_eq!(row(bad)[1], "unreadable", "{bad}");
    }
    // one line on stderr per unreadable file, each saying why
    assert_eq!(err.lines().count(), 4, "{err}");
    assert!(err.contains("文件为空") && err.contains("加密"), "{err}");
    assert!(!err.contains('\r'), "no progress line when stderr is not a terminal");
    // the findings of the good files are all there, in input order
    assert!(out.find("a_ningxia.txt\n[Error] CODED.column").is_some(), "{out}");
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn batch_export_writes_one_file_per_input() {
    let Some(dir) = batch_dir("export") else { return };
    let out_dir = dir.join("out");
    let (code, out, _) = run(&["export", dir.to_str().unwrap(), "--out", out_dir.to_str().unwrap()]);
    assert_eq!(code, 2, "{out}");
    let table = summary_table(&out);
    let ok: Vec<&Vec<String>> = table.iter().filter(|r| r[1] == "ok").collect();
    assert_eq!(ok.len(), 2, "{out}");
    let csv = std::fs::read_to_string(out_dir.join("a_ningxia.txt.csv")).unwrap();
    assert_eq!(csv, juesuan::export::to_csv(&juesuan::parse(&std::fs::read(FIXTURE).unwrap()).unwrap()));
    let pdf_csv = std::fs::read_to_string(out_dir.join("b_putuo.pdf.csv")).unwrap();
    assert_eq!(
        pdf_csv.lines().count() - 1,
        ok.iter().find(|r| r[0].ends_with("b_putuo.pdf")).unwrap()[2].parse::<usize>().unwrap()
    );
    assert!(!out_dir.join("d_empty.txt.csv").exists(), "nothing is written for an unreadable file");
    let (code, _, _) = run(&["export", FIXTURE, FIXTURE, "--out", out_dir.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 0);
    assert!(
        out_dir.join("ningxia_hrss_2023.txt.json").exists() && out_dir.join("ningxia_hrss_2023.txt-2.json").exists()
    );
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn chart_is_an_svg_of_the_documents_figures() {
    let (code, out, _) = run(&["chart", FIXTURE, "--kind", "sangong"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("<svg") && out.contains("公务接待费") && out.contains("46,630.00"), "{out}");
    let (code, _, err) = run(&["chart", FIXTURE, "--kind", "pie"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown chart kind pie"));
}

/// On a terminal (a pseudo-terminal made by util-linux `script`), batch mode shows its
/// progress, one counter per finished file.
#[test]
fn batch_progress_on_a_terminal() {
    let Some(dir) = batch_dir("progress") else { return };
    let cmd = format!("{BIN} check {} --jobs 2", dir.display());
    let out = Command::new("script").args(["-qec", &cmd, "/dev/null"]).output().expect("util-linux script");
    let tty = String::from_utf8_lossy(&out.stdout);
    for n in 1..=6 {
        assert!(tty.contains(&format!("check {n}/6 ")), "{tty}");
    }
    assert!(tty.contains("\r\x1b[K"), "the progress line is rewritten in place");
    std::fs::remove_dir_all(dir).ok();
}

/// A scratch directory for one test.
fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("juesuan-cli-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A 3 GB file is refused by its size before a byte of it is read: a sparse file takes no
/// disk, and reading it would take seconds and 3 GB of memory.
#[test]
fn a_file_over_the_size_limit_is_refused_before_it_is_read() {
    let dir = scratch("sparse");
    let big = dir.join("big.pdf");
    std::fs::File::create(&big).unwrap().set_len(3 << 30).unwrap();
    for cmd in ["export", "summary", "lines", "check"] {
        let started = std::time::Instant::now();
        let (code, out, err) = run(&[cmd, big.to_str().unwrap()]);
        let took = started.elapsed();
        assert_eq!(code, 2, "{cmd}: {out}{err}");
        assert!(err.contains("上限 52428800") && err.contains("bytes is 3221225472"), "{cmd}: {err}");
        assert_eq!(err.lines().count(), 1, "{cmd}: {err}");
        assert!(took < std::time::Duration::from_secs(2), "{cmd} took {took:?}: the file was read");
    }
    // standard input redirected from the same file: refused by its length too
    let out = Command::new(BIN).args(["export", "-"]).stdin(std::fs::File::open(&big).unwrap()).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("-: ") && err.contains("bytes is 3221225472"), "{err}");
    std::fs::remove_dir_all(dir).ok();
}

/// Standard input that is a pipe has no length: it is read up to one byte past the limit
/// and refused there, whatever the writer would go on sending (here 3 GB).
#[test]
fn standard_input_is_read_with_the_same_bound() {
    use std::io::Write;
    use std::process::Stdio;
    // a report on standard input reads as the file does
    let mut child =
        Command::new(BIN).args(["export", "-"]).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(&std::fs::read(FIXTURE).unwrap()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), run(&["export", FIXTURE]).1);

    let started = std::time::Instant::now();
    let mut child =
        Command::new(BIN).args(["summary", "-"]).stdin(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let chunk = vec![b'x'; 1 << 20];
        let mut sent = 0usize;
        // until the reader stops reading (a broken pipe) or 3 GB
        while sent < 3 << 30 && stdin.write_all(&chunk).is_ok() {
            sent += chunk.len();
        }
        sent
    });
    let out = child.wait_with_output().unwrap();
    let sent = writer.join().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("上限 52428800") && err.contains("bytes is 52428801"), "{err}");
    assert!(sent < 100 << 20, "the reader stopped at the limit, {sent} bytes were sent");
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
}

/// Escape sequences, bells, backspaces and C1 controls in a document are printed by no
/// command: the department and a row name carry them here.
#[test]
fn no_terminal_control_characters_from_a_document_are_printed() {
    let dir = scratch("controls");
    let text = std::fs::read_to_string(FIXTURE).unwrap();
    let evil = text
        .replace(
            "公开部门：宁夏回族自治区人力资源和社会保障厅",
            "公开部门：宁夏\x1b[2J\x1b]0;pwned\x07回族自治区\u{9b}31m人力资源和社会保障厅",
        )
        .replace("工资福利支出", "工资\x1b[31m福利\x08\x08支出\x7f");
    let file = dir.join("controls.txt");
    std::fs::write(&file, &evil).unwrap();
    let file = file.to_str().unwrap();
    let bad = |s: &str| s.chars().filter(|c| c.is_control() && !matches!(c, '\n' | '\t')).collect::<String>();
    let mut seen = Vec::new();
    for args in [
        vec!["summary", file],
        vec!["lines", file],
        vec!["check", file],
        vec!["export", file],
        vec!["export", file, "--format", "json"],
        vec!["scan", file],
        vec!["chart", file, "--kind", "economic"],
    ] {
        let (code, out, err) = run(&args);
        assert!(code == 0 || code == 1, "{args:?}: {err}");
        assert_eq!(bad(&out), "", "{args:?} printed control characters");
        assert_eq!(bad(&err), "", "{args:?} printed control characters on stderr");
        seen.push(out);
    }
    // the text itself is still there, without them
    assert!(seen[0].contains("宁夏[2J]0;pwned回族自治区31m人力资源和社会保障厅"), "{}", seen[0]);
    assert!(seen[1].contains("工资[31m福利支出"), "{}", seen[1]);
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn compare_two_years_exits_1_on_a_changed_figure_and_prints_json() {
    // the sample and a copy of it dated a year earlier with the same figures: every change
    // the 2023 report states against 2022 disagrees with the "2022" report
    let dir = scratch("compare");
    let earlier = dir.join("earlier.txt");
    let mut text = std::fs::read_to_string(FIXTURE).unwrap();
    for y in 2018..=2023 {
        text = text.replace(&y.to_string(), &format!("#{}", y - 1));
    }
    std::fs::write(&earlier, text.replace('#', "")).unwrap();
    let (code, out, err) = run(&["compare", FIXTURE, earlier.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    assert!(out.starts_with("relation     year-on-year"), "{out}");
    assert!(out.contains("C.change"));
    assert!(out.contains("b: “与2022年度相比，一般公共预算财政拨款支出增加50,719,683.61元"));
    let (code, out, _) = run(&["compare", FIXTURE, FIXTURE, "--format", "json"]);
    assert_eq!(code, 0, "the same report twice: no cross-check, no error");
    let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(v["relation"], "other");
    let function = v["blocks"].as_array().unwrap().iter().find(|b| b["key"] == "function").unwrap();
    let l208 = function["lines"].as_array().unwrap().iter().find(|l| l["key"] == "208").unwrap();
    assert_eq!((l208["a"].as_str(), l208["difference"].as_str()), (Some("380428984.11"), Some("0.00")));
    let (code, _, err) = run(&["compare", FIXTURE]);
    assert_eq!(code, 2, "one file is a usage error");
    assert!(err.contains("compare A B"));
    std::fs::remove_dir_all(dir).ok();
}
