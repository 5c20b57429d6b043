//! The scorecard of one document (`juesuan scan`): what every stage made of it — its
//! kind, the ruled grids per page, the tables found with their rows and cells by how each
//! was read, the amounts printed in a table's part that no cell carries, and the audit's
//! checks. Run over a corpus it shows, document by document, what a change in the reader
//! changes.

use std::fmt::Write;

use crate::model::{DocumentKind, Read, Report, Severity};
use crate::{check, grid, recognize, Error, Limits};

/// What was read from one document.
#[derive(Debug, Clone)]
pub struct Scorecard {
    pub kind: DocumentKind,
    pub format: String,
    pub pages: usize,
    /// Per page with ruled tables: (page, grids, cells with text).
    pub grid_pages: Vec<(usize, usize, usize)>,
    /// Each grid: page, rows, columns, cells, cells with text.
    pub grids: Vec<(usize, usize, usize, usize, usize)>,
    /// The standard tables found: id, rows, cells.
    pub tables: Vec<(String, usize, usize)>,
    /// Cells by how they were read: grid, columns, placed, uncertain.
    pub by_read: [usize; 4],
    /// Amounts printed with decimals in the tables' parts, and how many no cell carries.
    pub printed: usize,
    pub unplaced: usize,
    pub performance: usize,
    /// Audit: checks run, the document's error findings and warnings, and the findings that
    /// are possibly reading problems.
    pub checks: usize,
    pub errors: usize,
    pub warnings: usize,
    pub reading: usize,
    pub diagnostics: usize,
    pub millis: f64,
}

/// Reads, recognises and audits `bytes`, counting.
pub fn scan(bytes: &[u8], limits: &Limits) -> Result<Scorecard, Error> {
    let start = std::time::Instant::now();
    let laid = crate::layout_with(bytes, limits)?;
    let grids = laid.grids.clone();
    let report = recognize::recognize(&laid.lines, &laid.grids, laid.source);
    let audit = check::check(&report);
    let millis = start.elapsed().as_secs_f64() * 1000.0;
    Ok(card(&report, &grids, &audit, millis))
}

fn card(report: &Report, grids: &[grid::Grid], audit: &check::Audit, millis: f64) -> Scorecard {
    let mut grid_pages: Vec<(usize, usize, usize)> = Vec::new();
    let mut per_grid = Vec::new();
    for g in grids {
        let filled = g.cells.iter().filter(|c| !c.is_blank()).count();
        per_grid.push((g.page, g.rows(), g.cols(), g.cells.len(), filled));
        match grid_pages.last_mut() {
            Some(p) if p.0 == g.page => {
                p.1 += 1;
                p.2 += filled;
            }
            _ => grid_pages.push((g.page, 1, filled)),
        }
    }
    let mut by_read = [0usize; 4];
    let mut tables = Vec::new();
    let (mut printed, mut placed_decimals) = (0, 0);
    for t in &report.tables {
        let cells: usize = t.rows.iter().map(|r| r.cells.len()).sum();
        tables.push((t.id.code().to_string(), t.rows.len(), cells));
        for c in t.rows.iter().flat_map(|r| &r.cells) {
            by_read[match c.read {
                Read::Grid => 0,
                Read::Columns => 1,
                Read::Placed => 2,
                Read::Uncertain => 3,
            }] += 1;
        }
        printed += t.printed;
        placed_decimals += t.rows.iter().flat_map(|r| &r.cells).filter(|c| c.value.scale() > 0).count();
    }
    let count =
        |s| audit.findings.iter().filter(|f| f.severity == s && f.group == crate::check::Group::Document).count();
    Scorecard {
        kind: report.kind,
        format: report.source.format.clone(),
        pages: report.source.pages,
        grid_pages,
        grids: per_grid,
        tables,
        by_read,
        printed,
        unplaced: printed.saturating_sub(placed_decimals),
        performance: report.performance.len(),
        checks: audit.runs.iter().map(|r| r.checked).sum(),
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        reading: audit.reading(),
        diagnostics: report.diagnostics.len(),
        millis,
    }
}

impl Scorecard {
    /// One line: the document's totals.
    pub fn line(&self) -> String {
        let cells: usize = self.tables.iter().map(|t| t.2).sum();
        let rows: usize = self.tables.iter().map(|t| t.1).sum();
        let filled: usize = self.grid_pages.iter().map(|p| p.2).sum();
        let [g, c, p, u] = self.by_read;
        format!(
            "{kind} · {pages} pages · {grids} grids on {gp} pages ({filled} cells with text) · tables {t} · \
             rows {rows} · cells {cells} (grid {g}, columns {c}, placed {p}, uncertain {u}) · unplaced {un} of \
             {printed} · performance {perf} · checks {checks}, errors {e}, warnings {w}",
            kind = self.kind.as_str(),
            pages = self.pages,
            grids = self.grids.len(),
            gp = self.grid_pages.len(),
            t = self.tables.len(),
            un = self.unplaced,
            printed = self.printed,
            perf = self.performance,
            checks = self.checks,
            e = self.errors,
            w = self.warnings,
        )
    }

    /// Everything, one item a line, without the time (stable across runs: a snapshot).
    pub fn dump(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "kind        {} ({}, {} pages)", self.kind.as_str(), self.format, self.pages);
        for (id, rows, cells) in &self.tables {
            let _ = writeln!(s, "table {id}    {rows} rows, {cells} cells");
        }
        let [g, c, p, u] = self.by_read;
        let _ = writeln!(s, "read        grid {g}, columns {c}, placed {p}, uncertain {u}");
        let _ = writeln!(s, "unplaced    {} of {} printed amounts", self.unplaced, self.printed);
        let _ = writeln!(s, "performance {} tables", self.performance);
        let _ = writeln!(
            s,
            "audit       {} checks, {} errors, {} warnings, {} reading?; {} diagnostics",
            self.checks, self.errors, self.warnings, self.reading, self.diagnostics
        );
        for (page, rows, cols, cells, filled) in &self.grids {
            let _ = writeln!(s, "grid p{page:<4} {rows}×{cols}, {cells} cells, {filled} with text");
        }
        s
    }
}
