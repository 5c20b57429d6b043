//! Facts of the two new 部门决算 of the corpus (国家信访局 2024, central template, WPS;
//! 佛山市轨道交通局 2019, Guangdong template, Word 2010), read by hand from the printed pages
//! (`tests/goldens/final_facts.tsv`), against the facts export: every value of tables 01–09
//! and of the performance tables, and every printed-blank cell absent.

mod common;

use std::collections::HashMap;

#[test]
fn hand_read_facts_of_the_two_final_accounts() {
    let tsv = include_str!("goldens/final_facts.tsv");
    let mut facts: HashMap<String, Option<Vec<juesuan::export::Fact>>> = HashMap::new();
    let (mut checked, mut failures) = (0, Vec::new());
    for line in tsv.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let f: Vec<&str> = line.split('\t').collect();
        let (file, table, code, name, column, value) = (f[0], f[2], f[3], f[4], f[5], f[6]);
        let got = facts.entry(file.to_string()).or_insert_with(|| {
            let bytes = common::shared(file)?;
            Some(juesuan::export::facts(&juesuan::parse(&bytes).expect("readable")))
        });
        let Some(got) = got else { continue };
        checked += 1;
        // 01 and 04 may give an expenditure class's code or leave it empty (EXPORT.md)
        let same_code =
            |x: &juesuan::export::Fact| x.row_code == code || matches!(table, "01" | "04") && code.is_empty();
        let found = got.iter().find(|x| x.table == table && same_code(x) && x.row_name == name && x.column == column);
        match (found, value) {
            (None, "") => {}
            (Some(x), v) if x.value == v => {}
            (found, v) => failures.push(format!(
                "{file} {table} {code} {name} / {column}: read {:?}, printed {v:?}",
                found.map(|x| x.value.as_str())
            )),
        }
    }
    assert!(failures.is_empty(), "{} of {checked} facts wrong:\n{}", failures.len(), failures.join("\n"));
}
