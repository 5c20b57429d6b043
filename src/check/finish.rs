//! After the rules: each finding is put in its group (the document's own, or possibly a
//! reading problem when a cited cell was read as `uncertain`), findings of one cause are
//! folded into one (a blank row that breaks several identities), and the cited cells are
//! cut to the ones that matter.

use std::collections::{HashMap, HashSet};

use super::{Audit, CellRef, Finding, Group, MAX_CITED};
use crate::model::{Read, Report, Severity};

pub fn finish(audit: &mut Audit, report: &Report) {
    let mut findings = std::mem::take(&mut audit.findings);
    for f in &mut findings {
        f.uncertain = f.cells.iter().filter(|c| c.read == Some(Read::Uncertain)).cloned().collect();
        if !f.uncertain.is_empty() {
            f.group = Group::Reading;
        }
    }
    let findings = fold_blank_rows(findings, report);
    let mut findings = fold_repeats(findings);
    for f in &mut findings {
        prune(f);
        for c in &mut f.consequences {
            prune(c);
        }
    }
    // the document's own first, then the possible reading problems
    findings.sort_by_key(|f| f.group == Group::Reading);
    audit.findings = findings;
}

/// The rows of the standard tables that print nothing at all, as (table, row code or name).
fn blank_rows(report: &Report) -> HashSet<(&'static str, &str)> {
    report
        .tables
        .iter()
        .flat_map(|t| {
            t.rows
                .iter()
                .filter(|r| r.cells.is_empty())
                .map(|r| (t.id.code(), r.code.as_ref().map_or(r.name.as_str(), |c| c.code.as_str())))
        })
        .collect()
}

/// Errors and warnings citing one blank row become one finding: the blank row, with each
/// identity it breaks as a consequence.
fn fold_blank_rows(findings: Vec<Finding>, report: &Report) -> Vec<Finding> {
    let blank = blank_rows(report);
    let key = |f: &Finding| -> Option<(String, String)> {
        if f.severity == Severity::Info || f.sentence.is_some() {
            return None;
        }
        f.cells
            .iter()
            .find(|c| c.value.is_none() && blank.contains(&(c.table.as_str(), c.row.as_str())))
            .map(|c| (c.table.clone(), c.row.clone()))
    };
    let mut members: HashMap<(String, String), Vec<usize>> = HashMap::new();
    for (i, f) in findings.iter().enumerate() {
        if let Some(k) = key(f) {
            members.entry(k).or_default().push(i);
        }
    }
    let mut head_of: HashMap<usize, (String, String)> = HashMap::new();
    for (k, idx) in &members {
        if idx.len() > 1 {
            for i in idx {
                head_of.insert(*i, k.clone());
            }
        }
    }
    let mut out: Vec<Finding> = Vec::new();
    let mut placed: HashMap<(String, String), usize> = HashMap::new();
    for (i, f) in findings.into_iter().enumerate() {
        let Some(k) = head_of.get(&i) else {
            out.push(f);
            continue;
        };
        match placed.get(k) {
            Some(&h) => out[h].consequences.push(f),
            None => {
                placed.insert(k.clone(), out.len());
                let blank = f.cells.iter().find(|c| c.value.is_none() && c.table == k.0 && c.row == k.1).cloned();
                let mut head =
                    Finding::about_cells(f.rule, f.severity, (String::new(), String::new()), Vec::new(), None, None);
                head.cells = blank.into_iter().collect();
                head.consequences.push(f);
                out.push(head);
            }
        }
    }
    for h in placed.values() {
        let head = &mut out[*h];
        let n = head.consequences.len();
        let (table, row) =
            head.cells.first().map_or((String::new(), String::new()), |c| (c.table.clone(), c.row.clone()));
        head.message_zh = format!("表 {table}“{row}”行整行空白，而相关的数有值：这一处空白使 {n} 项核对不成立。");
        head.message_en = format!("Table {table}'s '{row}' row is blank while the figures it totals are not: this one blank breaks {n} checks.");
        // the formula: what each consequence says (the first 50)
        let lines = |zh: bool| {
            let said = head.consequences.iter().take(50);
            let each = said.map(|c| {
                if zh {
                    format!("{}：{}", c.rule, c.message_zh)
                } else {
                    format!("{}: {}", c.rule, c.message_en)
                }
            });
            each.collect::<Vec<_>>().join("\n")
        };
        head.detail_zh = lines(true);
        head.detail_en = lines(false);
        head.severity = head.consequences.iter().map(|c| c.severity).max().unwrap_or(Severity::Error);
        // the blank is certain; it is the document's when any identity it breaks involves
        // only certain cells
        head.group =
            if head.consequences.iter().any(|c| c.group == Group::Document) { Group::Document } else { Group::Reading };
        head.uncertain = head.consequences.iter().flat_map(|c| c.uncertain.iter().cloned()).collect();
        head.uncertain.dedup();
        // the cells with a value its consequences cite, once each, at most MAX_CITED
        let mut seen: HashSet<(String, String, String)> =
            head.cells.iter().map(|c| (c.table.clone(), c.row.clone(), c.column.clone())).collect();
        let cited: Vec<CellRef> = head
            .consequences
            .iter()
            .flat_map(|c| c.cells.iter().filter(|x| x.value.is_some()))
            .filter(|c| seen.insert((c.table.clone(), c.row.clone(), c.column.clone())))
            .take(MAX_CITED)
            .cloned()
            .collect();
        head.cells.extend(cited);
        head.rule = head.consequences[0].rule;
    }
    out
}

/// The same finding about many sentences (a template's `XX` in every sentence) is one
/// finding with each sentence as a consequence.
fn fold_repeats(findings: Vec<Finding>) -> Vec<Finding> {
    const AT_LEAST: usize = 3;
    let key = |f: &Finding| (f.rule, f.severity, f.group, f.message_zh.clone());
    let mut count: HashMap<(&'static str, Severity, Group, String), usize> = HashMap::new();
    for f in findings.iter().filter(|f| f.sentence.is_some() && f.cells.is_empty()) {
        *count.entry(key(f)).or_default() += 1;
    }
    let mut head: HashMap<(&'static str, Severity, Group, String), usize> = HashMap::new();
    let mut out: Vec<Finding> = Vec::new();
    for f in findings {
        let k = key(&f);
        let n = count.get(&k).copied().unwrap_or(0);
        if n < AT_LEAST || f.sentence.is_none() || !f.cells.is_empty() {
            out.push(f);
            continue;
        }
        match head.get(&k) {
            Some(&h) => out[h].consequences.push(f),
            None => {
                head.insert(k, out.len());
                let mut h = f.clone();
                h.message_zh = format!("{n} 句话有同样的问题：{}", f.message_zh);
                h.message_en = format!("{n} sentences have the same problem: {}", f.message_en);
                h.consequences = vec![f];
                out.push(h);
            }
        }
    }
    out
}

/// Keeps the cells that matter: the first (the total, or the cell the finding is about),
/// every cell with a value, and a blank one where the blank is the point (the total, or
/// one side of an equality).
fn prune(f: &mut Finding) {
    if f.cells.len() > 2 {
        let mut first = true;
        f.cells.retain(|c| std::mem::take(&mut first) || c.value.is_some());
    }
    if f.cells.len() > MAX_CITED {
        f.cells_omitted += f.cells.len() - MAX_CITED;
        f.cells.truncate(MAX_CITED);
    }
    f.uncertain.truncate(MAX_CITED);
    if f.consequences.len() > MAX_CITED {
        f.consequences_omitted += f.consequences.len() - MAX_CITED;
        f.consequences.truncate(MAX_CITED);
    }
}
