//! Inputs of the shapes that once made a pass quadratic, built to any size: shared by
//! `benches/scaling.rs` (which times them at 10×, 100× and 1,000×) and `tests/linear.rs`
//! (which runs them at sizes a quadratic pass would not finish).
#![allow(dead_code)]

use juesuan::decode::pdf::{Glyph, PageText, Rule};

/// 第三部分 with one sentence wrapped over `lines` lines.
pub fn one_sentence(lines: usize) -> String {
    let mut doc = String::from("第三部分 2023 年度部门决算情况说明\n一、收入支出决算总体情况说明\n");
    for i in 0..lines {
        doc.push_str(&format!("支出{i}元\n"));
    }
    doc.push_str("。\n");
    doc
}

/// 第三部分 with `n` sentences, one a line.
pub fn sentences(n: usize) -> String {
    let mut doc = String::from("第三部分 2023 年度部门决算情况说明\n一、收入支出决算总体情况说明\n");
    for i in 0..n {
        doc.push_str(&format!("支出{i}元。\n"));
    }
    doc
}

/// 机构设置 listing `n` kinds of unit with no closing mark, on one line.
pub fn units_without_end(n: usize) -> String {
    let mut doc = String::from("第一部分 部门概况\n二、机构设置\n");
    for i in 0..n {
        doc.push_str(&format!("{}.行政单位1个：甲{i}厅", i + 1));
    }
    doc.push('\n');
    doc
}

/// A page of glyphs: lines of (baseline, [(x, text)]) at font size 10, each glyph 10 wide.
pub fn page(lines: &[(f32, Vec<(f32, String)>)]) -> PageText {
    let mut p = PageText { width: 600.0, height: 1e9, text: String::new(), glyphs: Vec::new(), rules: Vec::new() };
    for (y, tokens) in lines {
        for (x, t) in tokens {
            let mut x = *x;
            for ch in t.chars() {
                let start = p.text.len() as u32;
                p.text.push(ch);
                p.glyphs.push(Glyph { start, end: p.text.len() as u32, x0: x, x1: x + 10.0, y: *y, size: 10.0 });
                x += 10.0;
            }
        }
    }
    p
}

/// One table row whose name cell wraps over `fragments` lines below it (12 points apart,
/// one chain).
pub fn wrapped_cell(fragments: usize) -> PageText {
    let mut lines = vec![(100.0, vec![(10.0, "名称".to_string()), (300.0, "12.00".to_string())])];
    for i in 0..fragments {
        lines.push((112.0 + 12.0 * i as f32, vec![(10.0, "续".to_string())]));
    }
    page(&lines)
}

/// `rows` table rows 30 points apart, each with its name cell wrapped onto a line above and
/// a line below (vertically centred cells), all on one page.
pub fn wrapped_rows(rows: usize) -> PageText {
    let mut lines = Vec::new();
    for r in 0..rows {
        let y = 100.0 + 30.0 * r as f32;
        lines.push((y - 11.0, vec![(10.0, "其他".to_string())]));
        lines.push((y, vec![(10.0, format!("项目{r}")), (300.0, "1,234.00".to_string()), (400.0, "5.00".to_string())]));
        lines.push((y + 11.0, vec![(10.0, "支出".to_string())]));
    }
    page(&lines)
}

/// A ruled table of `rows` × `cols` cells, each with a number of six digits (one width at
/// every size: numbered 0, 1, … the cells' text, and so the glyphs, grew faster than the
/// rows), on one page.
pub fn ruled_grid(rows: usize, cols: usize) -> PageText {
    let (w, h) = (60.0f32, 20.0f32);
    let mut lines = Vec::new();
    for r in 0..rows {
        let y = 100.0 + h * r as f32 + 14.0;
        lines.push((y, (0..cols).map(|c| (12.0 + w * c as f32, format!("{:06}", r * cols + c))).collect()));
    }
    let mut p = page(&lines);
    let (x1, y1) = (10.0 + w * cols as f32, 100.0 + h * rows as f32);
    for r in 0..=rows {
        let y = 100.0 + h * r as f32;
        p.rules.push(Rule { x0: 10.0, y0: y, x1, y1: y });
    }
    for c in 0..=cols {
        let x = 10.0 + w * c as f32;
        p.rules.push(Rule { x0: x, y0: 100.0, x1: x, y1 });
    }
    p
}

/// A text 03 table: `parents` 款 rows each over `kids` 项 rows of two numbers (the total
/// and one part: which part, only the column sums tell). `hard`: the parts' sums are off by
/// one, so no choice meets them and each parent's search runs to its caps.
pub fn table_03(parents: usize, kids: usize, hard: bool) -> String {
    let mut out = String::from(
        "支出决算表\n公开 03 表\n\n公开部门：某单位 金额单位：元\n\n项目\n\n本年支出合计 基本支出 项目支出 上缴上级支出 经营支出 对附属单位补助支出功能分类科\n\n目编码\n科目名称\n\n类 款 项\n栏次 1 2 3 4 5 6\n\n",
    );
    let mut rows = String::new();
    let (mut total, mut basic_total, mut project_total) = (0u64, 0u64, 0u64);
    for p in 0..parents {
        let code = format!("{}{:02}", 201 + p / 99, 1 + p % 99);
        let vals: Vec<u64> = (0..kids as u64).map(|i| if hard { 1_000_003 + 7 * i } else { (1 << i) + 1000 }).collect();
        let sum: u64 = vals.iter().sum();
        let basic: u64 = vals.iter().step_by(3).sum::<u64>() + u64::from(hard);
        rows.push_str(&format!("{code} 款{p} {sum}.00 {basic}.00 {}.00\n", sum - basic));
        for (i, v) in vals.iter().enumerate() {
            rows.push_str(&format!("{code}{:02} 项{p}x{i} {v}.00 {v}.00\n", i + 1));
        }
        total += sum;
        basic_total += basic;
        project_total += sum - basic;
    }
    out.push_str(&format!("合计 {total}.00 {basic_total}.00 {project_total}.00\n"));
    out + &rows
}
