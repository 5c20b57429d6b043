//! Placing printed numbers into columns when empty cells left no trace.
//!
//! Text extraction drops blank cells, so a row printing 3 numbers under 7 columns could
//! mean many things. A row's numbers keep their order, so each reading is an increasing
//! choice of columns. Among the readings we keep those the table's own identities allow:
//! row identities (a total column equals the sum of its parts), column totals (the parent
//! row's amounts equal the sum of its child rows, found by a meet-in-the-middle search
//! over the rows still ambiguous), totals known from elsewhere (another table), and —
//! only to break a tie — the narrative restating a figure next to a column's name. The
//! same procedure serves every table; nothing here knows a table by id. The column-sum
//! search has caps per parent row and one [`Budget`] for the whole document: past it, rows
//! are not searched and are left uncertain, never guessed silently.

use std::cell::Cell;

use rust_decimal::Decimal;

/// A linear identity Σ coef × column = 0 over one row (coefficients ±1).
pub type Identity = Vec<(usize, i8)>;

/// A full reading of one row: a value or blank per column.
pub type Reading = Vec<Option<Decimal>>;

/// Caps and floors of one row's cells (a blank is neither), from the same row of a table
/// that contains this one (caps) or of tables this one contains (floors).
#[derive(Debug, Clone, Default)]
pub struct Bounds {
    pub upper: Option<Reading>,
    pub lower: Option<Reading>,
}

/// The rules of one table.
pub struct Rules<'a> {
    pub columns: &'a [String],
    pub identities: &'a [Identity],
    /// Rounding allowance per summed term: zero for 元 tables, 0.01 for 万元.
    pub tolerance: Decimal,
    /// Does the narrative restate this (column, value)? Breaks ties only.
    pub evidence: &'a dyn Fn(&str, Decimal) -> bool,
    /// The search work left to the whole document (shared by every table).
    pub budget: &'a Budget,
}

/// The column-sum search's work for a whole document: every node of the depth-first
/// search, every combination meet-in-the-middle enumerates and every full check of a pair
/// costs one unit. Each parent row has its own caps too (`MAX_NODES`, `MAX_HALF`,
/// `MAX_CHECKS`), but a document of thousands of parents each at its caps would still take
/// minutes; past this budget no parent is searched any more, its ambiguous rows are left
/// `uncertain` (the caller says so in a diagnostic), never guessed silently.
#[derive(Debug)]
pub struct Budget {
    left: Cell<usize>,
    exhausted: Cell<bool>,
}

/// Search work allowed to one document: about two parents searched to their caps, under a
/// second of release time (the Ningxia report uses 32,813 units; every other shared
/// document none, its tables being ruled).
pub const MAX_DOCUMENT_WORK: usize = 5_000_000;

impl Default for Budget {
    fn default() -> Self {
        Budget::new(MAX_DOCUMENT_WORK)
    }
}

impl Budget {
    pub fn new(units: usize) -> Budget {
        Budget { left: Cell::new(units), exhausted: Cell::new(false) }
    }

    /// Takes `n` units; false (taking what was left) and exhausted when fewer remain.
    fn take(&self, n: usize) -> bool {
        match self.left.get().checked_sub(n) {
            Some(left) => {
                self.left.set(left);
                true
            }
            None => {
                self.left.set(0);
                self.exhausted.set(true);
                false
            }
        }
    }

    pub fn left(&self) -> usize {
        self.left.get()
    }

    /// Did some search stop because the budget ran out?
    pub fn exhausted(&self) -> bool {
        self.exhausted.get()
    }
}

const MAX_READINGS: usize = 5000;
/// Most child rows of one parent placed by the column-sum search.
const MAX_SEARCH_ROWS: usize = 2_000;

/// Every order-preserving reading of `values` over the columns.
pub fn readings(values: &[Decimal], ncols: usize) -> Vec<Reading> {
    let k = values.len();
    let mut out = Vec::new();
    if k > ncols {
        return out;
    }
    let mut idx: Vec<usize> = (0..k).collect();
    loop {
        let mut r = vec![None; ncols];
        for (v, &c) in values.iter().zip(&idx) {
            r[c] = Some(*v);
        }
        out.push(r);
        if out.len() >= MAX_READINGS {
            return out;
        }
        // next combination
        let mut i = k;
        loop {
            if i == 0 {
                return out;
            }
            i -= 1;
            if idx[i] < ncols - k + i {
                idx[i] += 1;
                for j in i + 1..k {
                    idx[j] = idx[j - 1] + 1;
                }
                break;
            }
        }
    }
}

fn get(r: &Reading, c: usize) -> Decimal {
    r.get(c).copied().flatten().unwrap_or(Decimal::ZERO)
}

fn within(diff: Decimal, tol: Decimal) -> bool {
    diff.abs() <= tol
}

impl Rules<'_> {
    /// How many row identities a reading satisfies.
    fn satisfied(&self, r: &Reading) -> usize {
        self.identities
            .iter()
            .filter(|id| {
                let sum: Decimal = id.iter().map(|(c, k)| get(r, *c) * Decimal::from(*k)).sum();
                within(sum, self.tolerance * Decimal::from(id.len().saturating_sub(1).max(1)))
            })
            .count()
    }

    fn evidence_hits(&self, r: &Reading) -> usize {
        r.iter()
            .enumerate()
            .filter(|(c, v)| v.is_some_and(|v| !v.is_zero() && (self.evidence)(&self.columns[*c], v)))
            .count()
    }

    /// The readings of a row that satisfy the most row identities, in order, within the
    /// row's bounds when some reading respects them.
    pub fn plausible(&self, values: &[Decimal], bounds: &Bounds) -> Vec<Reading> {
        let mut all = readings(values, self.columns.len());
        let fits = |r: &Reading| {
            let cap = |b: &Option<Reading>, c: usize| b.as_ref().and_then(|b| b.get(c).copied().flatten());
            (0..r.len()).all(|c| {
                let v = get(r, c);
                cap(&bounds.upper, c).is_none_or(|u| v <= u + self.tolerance)
                    && cap(&bounds.lower, c).is_none_or(|l| v >= l - self.tolerance)
            })
        };
        if all.iter().any(fits) {
            all.retain(fits);
        }
        let scores: Vec<usize> = all.iter().map(|r| self.satisfied(r)).collect();
        let best = scores.iter().copied().max().unwrap_or(0);
        all.into_iter().zip(scores).filter(|(_, s)| *s == best).map(|(r, _)| r).collect()
    }

    /// Places a row that has no parent to sum to (a table's grand total): identities first,
    /// then totals known from elsewhere, then the narrative, then the leftmost reading.
    pub fn place_root(&self, values: &[Decimal], known: &[Option<Decimal>], bounds: &Bounds) -> Option<Reading> {
        self.place_root_checked(values, known, bounds).map(|(r, _)| r)
    }

    /// [`Rules::place_root`], and whether the reading is the only one that the identities,
    /// the known totals and the narrative leave (false: another reading fits as well).
    pub fn place_root_checked(
        &self,
        values: &[Decimal],
        known: &[Option<Decimal>],
        bounds: &Bounds,
    ) -> Option<(Reading, bool)> {
        let cands = self.plausible(values, bounds);
        let known_hits = |r: &Reading| {
            known
                .iter()
                .enumerate()
                .filter(|(c, k)| k.is_some_and(|k| within(get(r, *c) - k, self.tolerance * Decimal::from(4))))
                .count()
        };
        let best_known = cands.iter().map(known_hits).max()?;
        let cands: Vec<Reading> = cands.into_iter().filter(|r| known_hits(r) == best_known).collect();
        let best_ev = cands.iter().map(|r| self.evidence_hits(r)).max()?;
        let mut best = cands.into_iter().filter(|r| self.evidence_hits(r) == best_ev);
        let first = best.next()?;
        let unique = best.all(|r| r == first);
        Some((first, unique))
    }

    /// Places the child rows of a parent whose amounts are `target`, each within its
    /// bound if any. Returns the readings and whether the column sums were met.
    pub fn place_children(
        &self,
        children: &[Vec<Decimal>],
        target: &Reading,
        bounds: &[Bounds],
    ) -> (Vec<Reading>, bool) {
        let ncols = self.columns.len();
        // past MAX_SEARCH_ROWS children (no real table has them) there is no search: each
        // row keeps its first plausible reading, so time and memory stay linear in rows
        let searched = children.len() <= MAX_SEARCH_ROWS;
        let mut options: Vec<Vec<Reading>> = children
            .iter()
            .enumerate()
            .map(|(i, vals)| {
                let cands = self.plausible(vals, bounds.get(i).unwrap_or(&Bounds::default()));
                // a column the parent leaves blank holds nothing in its children
                let fitting: Vec<Reading> = cands
                    .iter()
                    .filter(|r| (0..ncols).all(|c| get(target, c) != Decimal::ZERO || get(r, c).is_zero()))
                    .cloned()
                    .collect();
                let mut o = if fitting.is_empty() { cands } else { fitting };
                if !searched {
                    o.truncate(1);
                }
                o
            })
            .collect();
        for o in options.iter_mut() {
            if o.is_empty() {
                o.push(vec![None; ncols]);
            }
        }
        let tol = self.tolerance * Decimal::from(children.len().max(1));
        let choice = search(&options, target, ncols, tol, self.budget);
        let met = choice.is_some();
        let choice = choice.unwrap_or_else(|| vec![0; options.len()]);
        let mut placed: Vec<Reading> = options.iter().zip(&choice).map(|(o, &i)| o[i].clone()).collect();
        if !met {
            // no exact fit: prefer, row by row, readings the narrative supports
            for (p, o) in placed.iter_mut().zip(&options) {
                // the most supported, the first printed of equals
                if let Some((_, best)) =
                    o.iter().enumerate().max_by_key(|(i, r)| (self.evidence_hits(r), std::cmp::Reverse(*i)))
                {
                    *p = best.clone();
                }
            }
        }
        (placed, met)
    }
}

/// Exact fixed-point copies of the amounts for the search: Decimal arithmetic is exact
/// but slow, and the search adds millions of times.
struct Fixed {
    scale: u32,
}

impl Fixed {
    fn of(values: impl Iterator<Item = Decimal>) -> Fixed {
        Fixed { scale: values.map(|v| v.scale()).max().unwrap_or(0).min(10) }
    }
    fn int(&self, v: Decimal) -> i128 {
        let v = v.round_dp(self.scale);
        v.mantissa() * 10i128.pow(self.scale - v.scale())
    }
}

/// Finds one choice of reading per row whose column sums meet `target` within `tol`.
fn search(
    options: &[Vec<Reading>],
    target: &Reading,
    ncols: usize,
    tol: Decimal,
    budget: &Budget,
) -> Option<Vec<usize>> {
    let all =
        options.iter().flatten().flatten().flatten().copied().chain(target.iter().flatten().copied()).chain([tol]);
    let fx = Fixed::of(all);
    // only columns something can land in, or that must be met
    let active: Vec<usize> = (0..ncols)
        .filter(|&c| !get(target, c).is_zero() || options.iter().flatten().any(|r| !get(r, c).is_zero()))
        .collect();
    let vec_of = |r: &Reading| -> Vec<i128> { active.iter().map(|&c| fx.int(get(r, c))).collect() };
    let opts: Vec<Vec<Vec<i128>>> = options.iter().map(|o| o.iter().map(vec_of).collect()).collect();
    let tol = fx.int(tol);
    let mut rest = vec_of(target);
    let mut open: Vec<usize> = Vec::new();
    for (i, o) in opts.iter().enumerate() {
        if o.len() == 1 {
            for (r, v) in rest.iter_mut().zip(&o[0]) {
                *r -= v;
            }
        } else {
            open.push(i);
        }
    }
    let mut choice = vec![0usize; options.len()];
    if open.is_empty() {
        return rest.iter().all(|d| d.abs() <= tol).then_some(choice);
    }
    // meet-in-the-middle is exact and cheap while each half has few combinations; past
    // that, a depth-first search (which settles most real tables quickly) with a budget
    let found = |picks: Vec<usize>, choice: &mut Vec<usize>| {
        for (&row, pick) in open.iter().zip(picks) {
            choice[row] = pick;
        }
    };
    let half_size = |rows: &[usize]| rows.iter().try_fold(1usize, |acc, &r| acc.checked_mul(opts[r].len().max(1)));
    let (l, r) = open.split_at(open.len() / 2);
    let feasible = half_size(l).is_some_and(|n| n <= MAX_HALF) && half_size(r).is_some_and(|n| n <= MAX_HALF);
    if !feasible || half_size(&open).is_some_and(|n| n <= 64) {
        if let Some(picks) = depth_first(&opts, &open, &rest, tol, QUICK_NODES, budget) {
            found(picks, &mut choice);
            return Some(choice);
        }
    }
    // index the halves by the column in which the readings differ most; full sums are
    // checked only where that column matches
    let spread = |c: usize| -> i128 {
        open.iter()
            .map(|&row| {
                let vals = opts[row].iter().map(|r| r[c]);
                let (mn, mx) = vals.fold((i128::MAX, i128::MIN), |(a, b), v| (a.min(v), b.max(v)));
                mx - mn
            })
            .sum()
    };
    let key = (0..active.len()).max_by_key(|&c| spread(c)).unwrap_or(0);
    let (left, right) = open.split_at(open.len() / 2);
    let (Some(lsum), Some(rsum)) = (enumerate(&opts, left, key, budget), enumerate(&opts, right, key, budget)) else {
        let picks = depth_first(&opts, &open, &rest, tol, MAX_NODES, budget)?;
        found(picks, &mut choice);
        return Some(choice);
    };
    let total = |rows: &[usize], combo: usize| -> Vec<i128> {
        let mut sum = vec![0i128; active.len()];
        for (&row, pick) in rows.iter().zip(picks_of(&opts, rows, combo)) {
            for (s, v) in sum.iter_mut().zip(&opts[row][pick]) {
                *s += v;
            }
        }
        sum
    };
    // does left combination `lc` with right combination `rc` meet every column?
    let mut settle = |lc: usize, rc: usize| -> bool {
        let (ls, rs) = (total(left, lc), total(right, rc));
        if !(0..active.len()).all(|c| (rest[c] - rs[c] - ls[c]).abs() <= tol) {
            return false;
        }
        for (&row, pick) in
            left.iter().zip(picks_of(&opts, left, lc)).chain(right.iter().zip(picks_of(&opts, right, rc)))
        {
            choice[row] = pick;
        }
        true
    };
    let rest_key = rest.get(key).copied().unwrap_or(0);
    // pairs whose key sums match are checked in full; when the key column cannot tell
    // combinations apart that is quadratic, so the number of full checks is bounded too
    let mut checks = 0usize;
    let mut settle = |lc: usize, rc: usize| -> Option<bool> {
        checks += 1;
        (checks <= MAX_CHECKS && budget.take(1)).then(|| settle(lc, rc))
    };
    if tol == 0 {
        // exact sums: a hash from key sum to the left combinations having it
        let mut head: std::collections::HashMap<i128, u32> = std::collections::HashMap::with_capacity(lsum.len());
        let mut next: Vec<u32> = vec![u32::MAX; lsum.len()];
        for (i, v) in lsum.iter().enumerate() {
            if let Some(prev) = head.insert(*v, i as u32) {
                next[i] = prev;
            }
        }
        for (rc, rk) in rsum.iter().enumerate() {
            let mut at = head.get(&(rest_key - rk)).copied().unwrap_or(u32::MAX);
            while at != u32::MAX {
                if settle(at as usize, rc)? {
                    return Some(choice);
                }
                at = next[at as usize];
            }
        }
        return None;
    }
    let mut sorted: Vec<(i128, u32)> = lsum.iter().enumerate().map(|(i, v)| (*v, i as u32)).collect();
    sorted.sort_unstable_by_key(|e| e.0);
    for (rc, rk) in rsum.iter().enumerate() {
        let need = rest_key - rk;
        let lo = sorted.partition_point(|e| e.0 < need - tol);
        for &(v, lc) in &sorted[lo..] {
            if v > need + tol {
                break;
            }
            if settle(lc as usize, rc)? {
                return Some(choice);
            }
        }
    }
    None
}

/// The readings picked by combination number `combo` over `rows` (mixed radix, first row
/// fastest), as `enumerate` numbers them.
fn picks_of(opts: &[Vec<Vec<i128>>], rows: &[usize], mut combo: usize) -> Vec<usize> {
    rows.iter()
        .map(|&row| {
            let n = opts[row].len().max(1);
            let p = combo % n;
            combo /= n;
            p
        })
        .collect()
}

const MAX_HALF: usize = 1 << 18;
const MAX_NODES: usize = 2_000_000;
const QUICK_NODES: usize = 20_000;
/// Most full column checks of meet-in-the-middle pairs whose key sums match.
const MAX_CHECKS: usize = 100_000;

/// Depth-first search over the open rows, largest first, pruned by the least and most
/// the remaining rows can still add to each column. Gives up after `budget` nodes.
fn depth_first(
    opts: &[Vec<Vec<i128>>],
    open: &[usize],
    goal: &[i128],
    tol: i128,
    nodes: usize,
    document: &Budget,
) -> Option<Vec<usize>> {
    // this search's nodes, from the document's budget
    let budget = nodes.min(document.left());
    if budget == 0 {
        document.take(1);
        return None;
    }
    let ncols = goal.len();
    let mut order: Vec<usize> = open.to_vec();
    let size = |row: usize| opts[row].iter().flatten().map(|v| v.abs()).max().unwrap_or(0);
    order.sort_by_key(|&row| std::cmp::Reverse(size(row)));
    // suffix bounds: the least and most rows order[k..] can add per column
    let mut lo = vec![vec![0i128; ncols]; order.len() + 1];
    let mut hi = vec![vec![0i128; ncols]; order.len() + 1];
    for k in (0..order.len()).rev() {
        for c in 0..ncols {
            let vals = opts[order[k]].iter().map(|r| r[c]);
            let (mn, mx) = vals.fold((i128::MAX, i128::MIN), |(a, b), v| (a.min(v), b.max(v)));
            lo[k][c] = lo[k + 1][c] + mn;
            hi[k][c] = hi[k + 1][c] + mx;
        }
    }
    struct State<'a> {
        opts: &'a [Vec<Vec<i128>>],
        order: &'a [usize],
        goal: &'a [i128],
        tol: i128,
        lo: &'a [Vec<i128>],
        hi: &'a [Vec<i128>],
        sum: Vec<i128>,
        picks: Vec<usize>,
        nodes: usize,
        budget: usize,
    }
    fn go(k: usize, st: &mut State) -> bool {
        st.nodes += 1;
        if st.nodes > st.budget {
            return false;
        }
        for c in 0..st.goal.len() {
            if st.sum[c] + st.lo[k][c] > st.goal[c] + st.tol || st.sum[c] + st.hi[k][c] < st.goal[c] - st.tol {
                return false;
            }
        }
        if k == st.order.len() {
            return true;
        }
        // try first the readings that put the amount where the most is still missing
        let row = &st.opts[st.order[k]];
        let mut tries: Vec<(i128, usize)> = row
            .iter()
            .enumerate()
            .map(|(i, r)| (-(0..r.len()).map(|c| (st.goal[c] - st.sum[c]).min(r[c])).sum::<i128>(), i))
            .collect();
        tries.sort_unstable();
        for (_, i) in tries {
            let r = &st.opts[st.order[k]][i];
            for (s, v) in st.sum.iter_mut().zip(r) {
                *s += v;
            }
            st.picks[k] = i;
            if go(k + 1, st) {
                return true;
            }
            let r = &st.opts[st.order[k]][i];
            for (s, v) in st.sum.iter_mut().zip(r) {
                *s -= v;
            }
        }
        false
    }
    let mut st = State {
        opts,
        order: &order,
        goal,
        tol,
        lo: &lo,
        hi: &hi,
        sum: vec![0; ncols],
        picks: vec![0; order.len()],
        nodes: 0,
        budget,
    };
    let met = go(0, &mut st);
    // the nodes visited (one more than the budget when it stopped the search)
    document.take(st.nodes.min(budget));
    if st.nodes > budget && budget < nodes {
        document.take(1);
    }
    if !met {
        return None;
    }
    let mut out = vec![0usize; open.len()];
    for (k, row) in order.iter().enumerate() {
        let pos = open.iter().position(|r| r == row).unwrap_or(0);
        out[pos] = st.picks[k];
    }
    Some(out)
}

/// The sums in column `key` of every combination of readings over `rows`, numbered as in
/// `picks_of`. `None` past the cap.
fn enumerate(opts: &[Vec<Vec<i128>>], rows: &[usize], key: usize, budget: &Budget) -> Option<Vec<i128>> {
    let total = rows.iter().try_fold(1usize, |acc, &r| acc.checked_mul(opts[r].len().max(1)))?;
    if total > MAX_HALF || !budget.take(total) {
        return None;
    }
    let mut acc: Vec<i128> = Vec::with_capacity(total);
    acc.push(0);
    // the first row varies fastest: process rows last to first, combination c*n + i
    for &row in rows.iter().rev() {
        let vals: Vec<i128> = opts[row].iter().map(|r| r.get(key).copied().unwrap_or(0)).collect();
        let prev = std::mem::take(&mut acc);
        acc.reserve(prev.len() * vals.len());
        for base in prev {
            acc.extend(vals.iter().map(|v| base + v));
        }
    }
    Some(acc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn cols(n: &[&str]) -> Vec<String> {
        n.iter().map(|s| s.to_string()).collect()
    }

    /// The rules of a 元 table (no rounding allowance).
    fn exact<'a>(
        columns: &'a [String],
        identities: &'a [Identity],
        evidence: &'a dyn Fn(&str, Decimal) -> bool,
        budget: &'a Budget,
    ) -> Rules<'a> {
        Rules { columns, identities, tolerance: Decimal::ZERO, evidence, budget }
    }

    #[test]
    fn readings_are_order_preserving_choices() {
        assert_eq!(readings(&[d("1"), d("2")], 3).len(), 3);
        assert_eq!(readings(&[d("1"); 4], 3).len(), 0);
    }

    #[test]
    fn column_totals_decide_ambiguous_rows() {
        let columns = cols(&["合计", "基本", "项目"]);
        let ids = vec![vec![(0, 1), (1, -1), (2, -1)]];
        let none = |_: &str, _: Decimal| false;
        let budget = Budget::default();
        let rules = exact(&columns, &ids, &none, &budget);
        let rows = vec![vec![d("5"), d("5")], vec![d("7"), d("7")], vec![d("3"), d("1"), d("2")]];
        let target = vec![Some(d("15")), Some(d("8")), Some(d("7"))];
        let (placed, met) = rules.place_children(&rows, &target, &[]);
        assert!(met);
        assert_eq!(placed[0], vec![Some(d("5")), None, Some(d("5"))]);
        assert_eq!(placed[1], vec![Some(d("7")), Some(d("7")), None]);
    }

    #[test]
    fn depth_first_search_handles_many_ambiguous_rows() {
        // 24 rows of three readings each: too many for meet-in-the-middle
        let columns = cols(&["合计", "甲", "乙", "丙"]);
        let ids = vec![vec![(0, 1), (1, -1), (2, -1), (3, -1)]];
        let none = |_: &str, _: Decimal| false;
        let budget = Budget::default();
        let rules = exact(&columns, &ids, &none, &budget);
        // powers of two: every subset has its own sum, so the answer is unique
        let rows: Vec<Vec<Decimal>> =
            (0..24).map(|i| vec![Decimal::from(1i64 << i), Decimal::from(1i64 << i)]).collect();
        // rows 3 and 7 in 乙, row 11 in 丙, the rest in 甲
        let total: i64 = (1i64 << 24) - 1;
        let b = 8 + 128;
        let c = 2048;
        let target = vec![
            Some(Decimal::from(total)),
            Some(Decimal::from(total - b - c)),
            Some(Decimal::from(b)),
            Some(Decimal::from(c)),
        ];
        let (placed, met) = rules.place_children(&rows, &target, &[]);
        assert!(met);
        assert_eq!(placed[11][3], Some(Decimal::from(2048)));
        assert_eq!(placed[3][2], Some(Decimal::from(8)));
        assert_eq!(placed[7][2], Some(Decimal::from(128)));
        assert_eq!(placed[0][1], Some(Decimal::from(1)));
    }

    /// Parents whose column sums no choice meets each search to their caps; the budget
    /// shared by all of them is spent once, never overdrawn, and every parent after it is
    /// not searched (not met: its rows are left uncertain by the caller) while a parent
    /// with nothing to choose is still checked.
    #[test]
    fn one_budget_bounds_the_search_over_all_parents() {
        let columns = cols(&["合计", "甲", "乙"]);
        let ids = vec![vec![(0, 1), (1, -1), (2, -1)]];
        let none = |_: &str, _: Decimal| false;
        const UNITS: usize = 300_000;
        let budget = Budget::new(UNITS);
        let rules = exact(&columns, &ids, &none, &budget);
        // 40 rows of two readings each (甲 or 乙), sums off by one: no choice meets them
        let rows: Vec<Vec<Decimal>> =
            (0..40).map(|i| vec![Decimal::from(1_000_003 + 7 * i), Decimal::from(1_000_003 + 7 * i)]).collect();
        let sum: i64 = (0..40).map(|i| 1_000_003 + 7 * i).sum();
        let target =
            vec![Some(Decimal::from(sum)), Some(Decimal::from(sum / 2 + 1)), Some(Decimal::from(sum - sum / 2 - 1))];
        let mut searched = 0;
        for _ in 0..1000 {
            let before = budget.left();
            let (_, met) = rules.place_children(&rows, &target, &[]);
            assert!(!met);
            if budget.left() < before {
                searched += 1;
            }
        }
        assert!(budget.exhausted());
        assert_eq!(budget.left(), 0);
        // 1,000 parents at their own caps would be 2 G nodes; the budget let a few search
        assert!((1..=20).contains(&searched), "{searched} parents searched");
        // rows of one reading each need no search: still met after the budget ran out
        let single = vec![vec![d("1"), d("1"), d("0")], vec![d("2"), d("0"), d("2")]];
        let (_, met) = rules.place_children(&single, &vec![Some(d("3")), Some(d("1")), Some(d("2"))], &[]);
        assert!(met);
    }

    #[test]
    fn known_totals_and_evidence_pick_the_root() {
        let columns = cols(&["合计", "甲", "乙", "丙"]);
        let ids = vec![vec![(0, 1), (1, -1), (2, -1), (3, -1)]];
        let ev = |c: &str, v: Decimal| c == "丙" && v == d("2");
        let budget = Budget::default();
        let rules = exact(&columns, &ids, &ev, &budget);
        let r =
            rules.place_root(&[d("3"), d("1"), d("2")], &[None, Some(d("1")), None, None], &Bounds::default()).unwrap();
        assert_eq!(r, vec![Some(d("3")), Some(d("1")), None, Some(d("2"))]);
    }
}
