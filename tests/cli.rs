//! The command line: exit statuses, formats, and one-line errors for unreadable input.

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
    assert!(out.starts_with("table,row_code,row_name,column,value,unit\n"));
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

const PDF: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/putuo_socialwork_2024.pdf");

#[test]
fn pdf_export_summary_and_lines() {
    let (code, out, err) = run(&["export", PDF]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("03,2013999,其他社会工作事务支出,项目支出,202.24,万元\n"), "{out}");
    let (code, out, _) = run(&["summary", PDF]);
    assert_eq!(code, 0);
    assert!(out.contains("中共上海市普陀区委社会工作部") && out.contains("本年支出合计       307.82 万元"), "{out}");
    let (code, out, _) = run(&["lines", PDF]);
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
    let (code, out, _) = run(&["check", PDF]);
    assert_eq!(code, 0, "no error findings in the Putuo PDF\n{out}");
    assert!(out.contains("[Warning] N.completion"), "{out}");
    let (code, out, _) = run(&["check", FIXTURE]);
    assert_eq!(code, 1, "the Ningxia 09 合计 row is blank: error findings\n{out}");
    let bad = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/encrypted_user_password.pdf");
    let (code, out, err) = run(&["check", PDF, bad, FIXTURE]);
    assert_eq!(code, 2, "an unreadable file makes the status 2, the others are still checked");
    let summaries: Vec<&str> = out.lines().filter(|l| l.contains(": ") && !l.starts_with('[')).collect();
    assert_eq!(summaries.len(), 3, "{out}");
    assert!(
        summaries[0].contains("0 errors") && summaries[1].ends_with("unreadable") && summaries[2].contains("3 errors")
    );
    assert!(err.contains("加密"));
    let (code, out, _) = run(&["check", PDF, "--format", "json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert!(v["audit"]["runs"].as_array().unwrap().len() >= 30);
}
