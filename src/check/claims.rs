//! Claims of the narrative that other parts of the document settle: the 三公 budget and
//! actual it states per item against table 07, comparison words (`大于`, `小于`, `等于`,
//! `持平`, `增加`, `减少`) against the two amounts they compare, its summary of the
//! self-evaluations against the 项目支出绩效自评表, and every year it names against the
//! report's.

use rust_decimal::Decimal;

use super::narrative::{percent_after, printed_text, sentence_ref, to_unit, Said, Stated};
use super::{cell, named, plain, Auditor, CellRef, Finding, SentenceRef};
use std::collections::HashMap;

use crate::model::{Location, Report, Section, Severity, TableId};
use crate::recognize::tables::ITEMS_07;

/// Words that name each item of table 07 in a sentence, the longer first.
const ITEM_WORDS: [(&str, usize); 7] = [
    ("公务用车购置及运行", 2),
    ("公务用车购置费", 3),
    ("公务用车运行", 4),
    ("因公出国", 1),
    ("公务接待费", 5),
    ("公务接待", 5),
    ("三公", 0),
];

fn item_of(name: &str) -> Option<usize> {
    ITEM_WORDS.iter().find(|(w, _)| name.contains(w)).map(|(_, i)| *i)
}

/// The item named last in `text`.
fn last_item(text: &str) -> Option<usize> {
    ITEM_WORDS
        .iter()
        .filter_map(|(w, i)| text.rfind(w).map(|p| (p + w.len(), *i)))
        .max_by_key(|(p, _)| *p)
        .map(|(_, i)| i)
}

/// An amount about last year or a change, not the year's budget or actual.
fn is_comparison(name: &str) -> bool {
    name.contains('比')
        || name.contains('较')
        || name.contains("上年")
        || name.ends_with("增加")
        || name.ends_with("减少")
        || name.contains("平均")
}

/// Whether an amount is a budget (`预算数`) or an actual (`决算数`) by its name.
fn budget_or_actual(name: &str) -> Option<&'static str> {
    let n = name.trim_end_matches('数');
    if n.ends_with("预算") {
        Some("预算数")
    } else if n.contains("决算") || n.ends_with("支出") || n.ends_with('费') {
        Some("决算数")
    } else {
        None
    }
}

/// A 三公 amount the narrative states: which item, budget or actual, the amount.
struct ItemAmount {
    item: usize,
    column: &'static str,
    stated: Stated,
    sentence: SentenceRef,
}

/// How deep in parentheses each char is (an amount inside them explains, it is not the
/// claim), in one pass.
fn paren_depth(chars: &[char]) -> Vec<i32> {
    let mut depth = 0i32;
    chars
        .iter()
        .map(|c| {
            let here = depth;
            match c {
                '（' | '(' | '<' | '《' => depth += 1,
                '）' | ')' | '>' | '》' => depth -= 1,
                _ => {}
            }
            here
        })
        .collect()
}

/// A year other than `year` named in `text` (`2022年`): the words are about that year.
fn other_year(text: &str, year: Option<u16>) -> bool {
    let Some(year) = year else { return false };
    years_in(text, "年").iter().any(|(y, _)| *y != u32::from(year))
}

fn sangong_amounts(r: &Report, said: &[Vec<Said>]) -> Vec<ItemAmount> {
    let mut out = Vec::new();
    for (section, read) in r.narrative.iter().zip(said).filter(|(s, _)| s.title.contains("三公")) {
        for (s, Said { chars, stated, .. }) in section.sentences.iter().zip(read) {
            let mut item = None;
            let depth = paren_depth(chars);
            let mut prev_end = 0;
            for a in stated.iter().cloned() {
                // the words since the last amount, when the amount's own clause is cut by the
                // parentheses of an item's name (`因公出国（境）费0万元`: its clause is `费`)
                let since: String = chars.get(prev_end.min(a.start)..a.start).unwrap_or_default().iter().collect();
                prev_end = a.end;
                if depth.get(a.start).is_some_and(|d| *d > 0) {
                    continue;
                }
                if let Some(i) = item_of(&a.name).or_else(|| last_item(&since)) {
                    item = Some(i);
                }
                if is_comparison(&a.name) || other_year(&a.name, r.year) {
                    continue;
                }
                // in a budget every amount of the year is a budget (`因公出国（境）费12.00万元`)
                let column = if r.kind == crate::model::DocumentKind::Budget {
                    Some("预算数")
                } else {
                    budget_or_actual(&a.name)
                };
                let (Some(i), Some(column)) = (item, column) else { continue };
                out.push(ItemAmount { item: i, column, stated: a, sentence: sentence_ref(section, s) });
            }
        }
    }
    out
}

impl Auditor {
    /// A budget's narrative: the 三公 budget it states, item by item, against B07.
    pub(super) fn budget_claims(&mut self, r: &Report) {
        let items = sangong_amounts(r, &self.said);
        self.sangong(r, &items);
    }

    pub(super) fn claims(&mut self, r: &Report) {
        // the 三公 amounts the narrative states, for the 07 checks and the comparison words
        let items = sangong_amounts(r, &self.said);
        self.sangong(r, &items);
        self.budgets(r);
        self.compare(r, &items);
        self.selfeval(r);
        self.years(r);
    }

    /// The 三公 amounts the narrative states against table 07, item by item, and the
    /// completion rate `完成预算的 X%` against the item's actual ÷ budget.
    fn sangong(&mut self, r: &Report, stated: &[ItemAmount]) {
        // table 07, or a budget's B07
        let t = if r.kind == crate::model::DocumentKind::Budget {
            r.budget_table(TableId::B07)
        } else {
            r.table(TableId::T07)
        };
        let Some(t) = t else { return };
        for a in stated {
            let Some(row) = named(t, ITEMS_07[a.item]) else { continue };
            let (c, v) = cell(t, row, a.column);
            self.count("N.sangong");
            let said = to_unit(a.stated.value, a.stated.unit, t.unit);
            let diff = said - v;
            if diff.is_zero() {
                continue;
            }
            let half = to_unit(Decimal::new(5, a.stated.value.scale() + 1), a.stated.unit, t.unit);
            let severity = if diff.abs() <= half { Severity::Info } else { Severity::Error };
            let (what_zh, what_en) = if a.column == "预算数" { ("预算", "budget") } else { ("决算", "actual") };
            let item = ITEMS_07[a.item];
            let item = if item == "合计" { "“三公”经费合计" } else { item };
            let printed = format!("{}{}", plain::money(a.stated.value), a.stated.unit.as_str());
            let f = Finding::about_cells(
                "N.sangong",
                severity,
                (
                    format!(
                        "说明写{item}{what_zh}为 {printed}，但表 {} 的{}为 {}{}。",
                        t.id.code(),
                        a.column,
                        plain::value_zh(&c),
                        t.unit.as_str()
                    ),
                    format!(
                        "The narrative states a {what_en} of {printed} for {item}, but table {}'s {} is {}{}.",
                        t.id.code(),
                        a.column,
                        plain::value_en(&c),
                        t.unit.as_str()
                    ),
                ),
                vec![c],
                Some(v),
                Some(said),
            )
            .citing(a.sentence.marking(&a.stated.printed));
            self.push(f);
        }
        // `完成预算的 X%` after an item's actual
        for a in stated.iter().filter(|a| a.column == "决算数") {
            let chars: Vec<char> = a.sentence.text.chars().filter(|c| !c.is_whitespace()).collect();
            let Some(printed) = percent_after(&chars, a.stated.end, "完成预算") else { continue };
            let budget = stated
                .iter()
                .find(|b| b.item == a.item && b.column == "预算数" && b.sentence.at == a.sentence.at)
                .map(|b| to_unit(b.stated.value, b.stated.unit, a.stated.unit))
                .or_else(|| {
                    let row = named(t, ITEMS_07[a.item])?;
                    let (c, v) = cell(t, row, "预算数");
                    c.value.map(|_| to_unit(v, t.unit, a.stated.unit))
                });
            let Some(budget) = budget.filter(|b| !b.is_zero()) else { continue };
            self.count("N.completion");
            let exact = a.stated.value / budget * Decimal::ONE_HUNDRED;
            let pct_text = format!("{}%", printed_text(&chars, a.stated.end, printed));
            let item = ITEMS_07[a.item];
            self.percentage(
                "N.completion",
                printed,
                exact,
                &a.sentence.marking(&pct_text),
                format!("{} ÷ {}", plain::money(a.stated.value), plain::money(budget)),
                (format!("{item}预算完成率"), format!("the budget completion rate of {item}")),
            );
        }
    }

    /// The 年初预算 the narrative states for a line (`一般公共服务支出（类）年初预算为 A 元`)
    /// against a table column that carries that budget (some provinces print 年初预算数
    /// columns in 05), by the line's code or name.
    fn budgets(&mut self, r: &Report) {
        let lines = super::budget_lines(r);
        // the sentence a budget line was read from, by its place (the first one there)
        let mut at_line: HashMap<Location, SentenceRef> = HashMap::new();
        for section in &r.narrative {
            for x in &section.sentences {
                at_line.entry(x.at).or_insert_with(|| sentence_ref(section, x));
            }
        }
        for t in r.tables.iter().filter(|t| t.id != TableId::T07) {
            let Some(col) = t.columns.iter().find(|c| c.contains("年初预算")) else { continue };
            for b in &lines {
                let class = b.name.trim_end_matches("（类）").trim_end_matches("(类)");
                let code = crate::reference::function_class_by_name(class).map(|(c, _)| c);
                // the line's row, else (05 printing only 项 rows) the class's 项 rows
                let row = t.rows.iter().find(|x| {
                    x.name == b.name
                        || x.name == class
                        || code.is_some_and(|c| x.code.as_ref().is_some_and(|k| k.code == c))
                });
                let terms: Vec<super::Term> = match (row, code) {
                    (Some(row), _) => vec![cell(t, row, col)],
                    (None, Some(c)) => t
                        .rows
                        .iter()
                        .filter(|x| x.code.as_ref().is_some_and(|k| k.code.len() == 7 && k.code.starts_with(c)))
                        .map(|x| cell(t, x, col))
                        .collect(),
                    (None, None) => Vec::new(),
                };
                if terms.iter().all(|(c, _)| c.value.is_none()) {
                    continue; // no budget printed for it
                }
                let v: Decimal = terms.iter().map(|(_, v)| *v).sum();
                let c = terms[0].0.clone();
                self.count("N.budget");
                let said = to_unit(b.initial, b.unit, t.unit);
                let diff = said - v;
                if diff.is_zero() {
                    continue;
                }
                let half = to_unit(Decimal::new(5, b.initial.scale() + 1), b.unit, t.unit);
                let severity = if diff.abs() <= half { Severity::Info } else { Severity::Error };
                let printed = format!("{}{}", plain::money(b.initial), b.unit.as_str());
                let sentence = at_line.get(&b.at);
                let mut f = Finding::about_cells(
                    "N.budget",
                    severity,
                    (
                        format!(
                            "说明写{}年初预算为 {printed}，但{}为 {}。",
                            b.name,
                            plain::cell_zh(&c),
                            plain::value_zh(&c)
                        ),
                        format!(
                            "The narrative states an initial budget of {printed} for {}, but {} is {}.",
                            b.name,
                            plain::cell_en(&c),
                            plain::value_en(&c)
                        ),
                    ),
                    terms.into_iter().map(|(c, _)| c).filter(|c| c.value.is_some()).collect(),
                    Some(v),
                    Some(said),
                );
                f.sentence = sentence.map(|s| {
                    let raw = s.marking(&b.initial.to_string());
                    if raw.highlight.is_some() {
                        raw
                    } else {
                        s.marking(&plain::money(b.initial))
                    }
                });
                self.push(f);
            }
        }
    }

    /// `决算数大于预算数` and its kin against the two amounts: those the narrative states
    /// for the item the sentence names (else table 07's), or the budget and actual of the
    /// same or the previous sentence.
    fn compare(&mut self, r: &Report, items: &[ItemAmount]) {
        let t07 = r.table(TableId::T07);
        let said = std::mem::take(&mut self.said);
        for (section, read) in r.narrative.iter().zip(&said) {
            // the last budget and actual the section stated: what `决算数大于预算数` compares
            let mut last_pair: Option<(Decimal, Decimal, Vec<CellRef>)> = None;
            for (s, Said { chars, text, stated }) in section.sentences.iter().zip(read) {
                let claim = [
                    ("大于", std::cmp::Ordering::Greater),
                    ("小于", std::cmp::Ordering::Less),
                    ("等于", std::cmp::Ordering::Equal),
                ]
                .into_iter()
                .filter(|_| text.contains("预算"))
                .find_map(|(w, o)| {
                    ["决算数", "决算", "支出"].iter().find_map(|lead| {
                        let phrase = format!("{lead}{w}");
                        let p = text.find(&phrase)?;
                        text[p + phrase.len()..].starts_with("预算").then_some((w, o, p))
                    })
                });
                if let Some((word, ord, pos)) = claim {
                    let before = &text[..pos];
                    let clause = before.rfind(['。', '；', '，', '：']).map_or(0, |p| p + '。'.len_utf8());
                    let item = section.title.contains("三公").then(|| item_of(&before[clause..])).flatten();
                    let pair = match item {
                        Some(i) => item_pair(items, t07, i),
                        None => stated_pair(stated).or_else(|| last_pair.clone()),
                    };
                    if let Some((budget, actual, cells)) = pair {
                        self.count("N.compare");
                        if actual.cmp(&budget) != ord {
                            let truth = match actual.cmp(&budget) {
                                std::cmp::Ordering::Greater => ("大于", "greater than"),
                                std::cmp::Ordering::Less => ("小于", "less than"),
                                std::cmp::Ordering::Equal => ("等于", "equal to"),
                            };
                            let word_en = match ord {
                                std::cmp::Ordering::Greater => "greater than",
                                std::cmp::Ordering::Less => "less than",
                                std::cmp::Ordering::Equal => "equal to",
                            };
                            let mut f = Finding::about_sentence(
                                "N.compare",
                                Severity::Error,
                                (
                                    format!(
                                        "说明写决算数{word}预算数，但决算数 {} {}预算数 {}。",
                                        plain::money(actual),
                                        truth.0,
                                        plain::money(budget)
                                    ),
                                    format!(
                                        "The narrative says the actual is {word_en} the budget, but the actual {} is {} the budget {}.",
                                        plain::money(actual),
                                        truth.1,
                                        plain::money(budget)
                                    ),
                                ),
                                sentence_ref(section, s).marking(word),
                                None,
                            );
                            f.cells = cells;
                            self.push(f);
                        }
                    }
                }
                self.up_down(section, s, chars, stated, r.year);
                if let Some(p) = stated_pair(stated) {
                    last_pair = Some(p);
                }
            }
        }
        self.said = said;
    }

    /// `2023年 A 元，2022年 B 元，增加 C 元` (or `持平`): the direction and the amount of
    /// the change against the two amounts stated.
    fn up_down(
        &mut self,
        section: &Section,
        s: &crate::model::Sentence,
        chars: &[char],
        stated: &[Stated],
        year: Option<u16>,
    ) {
        let Some(year) = year.map(u32::from) else { return };
        let levels: Vec<&Stated> =
            stated.iter().filter(|a| !a.name.ends_with("增加") && !a.name.ends_with("减少")).collect();
        let [a, b] = levels.as_slice() else { return };
        // the year's figure and the year before's, by the years their names give
        let of_year = |x: &Stated, y: u32| years_in(&x.name, "年").iter().any(|(v, _)| *v == y);
        let of_last = |x: &Stated| of_year(x, year - 1) || x.name.contains("上年");
        let (current, last) = match (of_last(a), of_last(b)) {
            (false, true) if of_year(a, year) || years_in(&a.name, "年").is_empty() => (a, b),
            (true, false) if of_year(b, year) || years_in(&b.name, "年").is_empty() => (b, a),
            _ => return,
        };
        let text: String = chars.iter().collect();
        let cur = current.value;
        let prev = to_unit(last.value, last.unit, current.unit);
        let change = stated.iter().find(|a| a.name.ends_with("增加") || a.name.ends_with("减少"));
        let said_up = change.map(|a| a.name.ends_with("增加")).or_else(|| {
            let after: String = text.chars().skip(last.end).collect();
            if after.starts_with("持平") || after.contains("持平") {
                None
            } else {
                ["增加", "增长"]
                    .iter()
                    .any(|w| after.contains(w))
                    .then_some(true)
                    .or_else(|| ["减少", "下降"].iter().any(|w| after.contains(w)).then_some(false))
            }
        });
        let level = text.contains("持平") && change.is_none();
        if !level && said_up.is_none() {
            return;
        }
        self.count("N.compare");
        let actual_up = cur > prev;
        let wrong_direction = match said_up {
            Some(up) => cur != prev && up != actual_up || cur == prev,
            None => cur != prev, // 持平
        };
        let wrong_amount = change.filter(|a| to_unit(a.value, a.unit, current.unit) != (cur - prev).abs());
        if !wrong_direction && wrong_amount.is_none() {
            return;
        }
        let word = match (level, said_up) {
            (true, _) => "持平",
            (_, Some(true)) => "增加",
            _ => "减少",
        };
        let truth_zh = if cur > prev {
            "增加"
        } else if cur < prev {
            "减少"
        } else {
            "持平"
        };
        let diff = (cur - prev).abs();
        let (zh, en) = match wrong_amount.filter(|_| !wrong_direction) {
            None => (
                format!(
                    "说明写“{word}”，但 {} 比 {} {truth_zh}{}。",
                    plain::money(cur),
                    plain::money(prev),
                    if cur == prev { String::new() } else { format!(" {}", plain::money(diff)) }
                ),
                format!(
                    "The narrative says '{word}', but {} against {} is a change of {}.",
                    plain::money(cur),
                    plain::money(prev),
                    plain::money(cur - prev)
                ),
            ),
            Some(a) => (
                format!(
                    "说明写{word} {}，但 {} − {} = {}。",
                    plain::money(a.value),
                    plain::money(cur),
                    plain::money(prev),
                    plain::money(cur - prev)
                ),
                format!(
                    "The narrative states a change of {}, but {} − {} = {}.",
                    plain::money(a.value),
                    plain::money(cur),
                    plain::money(prev),
                    plain::money(cur - prev)
                ),
            ),
        };
        let mark = change.map_or(word.to_string(), |a| a.printed.clone());
        let mut f = Finding::about_sentence(
            "N.compare",
            Severity::Error,
            (zh, en),
            sentence_ref(section, s).marking(&mark),
            None,
        );
        f.expected = Some(cur - prev);
        f.actual = change.map(|a| if a.name.ends_with("减少") { -a.value } else { a.value });
        self.push(f);
    }

    /// The narrative's summary of the self-evaluations: the number of projects, the funds
    /// they cover, the average score and the count per grade, recomputed from the tables.
    fn selfeval(&mut self, r: &Report) {
        let scored: Vec<Decimal> = r.performance.iter().filter_map(|p| p.total.map(|(_, s)| s)).collect();
        if scored.is_empty() {
            return;
        }
        let mut count_stated: Option<usize> = None;
        for (k, section) in r.narrative.iter().enumerate() {
            let about = section.title.contains("自评") || section.sentences.iter().any(|s| s.text.contains("自评"));
            if !about {
                continue;
            }
            for (i, s) in section.sentences.iter().enumerate() {
                let Some(read) = self.said.get(k).and_then(|x| x.get(i)) else { continue };
                let text = read.text.clone();
                let stated = read.stated.clone();
                let sref = sentence_ref(section, s);
                if count_stated.is_none() {
                    if let Some((n, printed)) = number_before(&text, "个", &["预算项目", "自评项目", "评价项目"])
                        .or_else(|| number_before(&text, "个项目", &["共", "对", "共对"]))
                    {
                        count_stated = Some(n as usize);
                        self.count("N.selfeval");
                        if n as usize != r.performance.len() {
                            self.push(Finding::about_sentence(
                                "N.selfeval",
                                Severity::Info,
                                (
                                    format!(
                                        "说明称开展自评的项目 {n} 个，文件附项目支出绩效自评表 {} 张：只能核对所附的表。",
                                        r.performance.len()
                                    ),
                                    format!(
                                        "The narrative counts {n} self-evaluated projects; the file has {} self-evaluation tables, so only those can be checked.",
                                        r.performance.len()
                                    ),
                                ),
                                sref.marking(&printed),
                                None,
                            ));
                        }
                    }
                }
                let complete = count_stated == Some(r.performance.len()) && scored.len() == r.performance.len();
                if !complete {
                    continue;
                }
                // the funds the self-evaluated projects cover: `共涉及资金 12902.93 万元`
                if let Some(a) = stated.into_iter().find(|a| a.name.ends_with("共涉及资金") || a.name == "涉及资金总额")
                {
                    self.funds_covered(r, &a, &sref);
                }
                // the average score
                if let Some((avg, printed)) = number_after(&text, &["平均得分为", "平均得分", "平均分为", "平均分"])
                {
                    self.count("N.selfeval");
                    let mean = scored.iter().sum::<Decimal>() / Decimal::from(scored.len() as u64);
                    let expected = mean.round_dp(avg.scale());
                    if expected != avg {
                        let sev = if (expected - avg).abs() <= Decimal::new(1, avg.scale()) {
                            Severity::Info
                        } else {
                            Severity::Error
                        };
                        let mut f = Finding::about_sentence(
                            "N.selfeval",
                            sev,
                            (
                                format!(
                                    "{} 个项目自评得分的平均分应为 {}（{} ÷ {}），说明写 {}。",
                                    scored.len(),
                                    expected,
                                    plain::pct(scored.iter().sum::<Decimal>()),
                                    scored.len(),
                                    plain::pct(avg)
                                ),
                                format!(
                                    "The average of the {} projects' self-evaluation scores is {} ({} ÷ {}); the narrative says {}.",
                                    scored.len(),
                                    expected,
                                    plain::pct(scored.iter().sum::<Decimal>()),
                                    scored.len(),
                                    plain::pct(avg)
                                ),
                            ),
                            sref.marking(&printed),
                            Some(avg),
                        )
                        .detail(
                            format!("各项目总分：{}", scored.iter().map(|v| plain::pct(*v)).collect::<Vec<_>>().join("、")),
                            format!("the totals: {}", scored.iter().map(|v| plain::pct(*v)).collect::<Vec<_>>().join(", ")),
                        );
                        f.expected = Some(expected);
                        f.difference = Some(avg - expected);
                        self.push(f);
                    }
                }
                // counts per grade: `“好”的项目 18 个`
                for (words, lo, hi) in GRADES {
                    for w in *words {
                        for quoted in [format!("“{w}”的项目"), format!("为{w}的项目"), format!("“{w}”等次的项目")]
                        {
                            let Some(p) = text.find(&quoted) else { continue };
                            let rest = &text[p + quoted.len()..];
                            let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
                            let Ok(n) = digits.parse::<usize>() else { continue };
                            if !rest[digits.len()..].starts_with('个') {
                                continue;
                            }
                            self.count("N.selfeval");
                            let actual =
                                scored.iter().filter(|s| **s >= Decimal::from(*lo) && **s < Decimal::from(*hi)).count();
                            if actual != n {
                                let mut f = Finding::about_sentence(
                                    "N.selfeval",
                                    Severity::Warning,
                                    (
                                        format!(
                                            "自评表中总分在 {lo}–{} 分（“{w}”）的项目有 {actual} 个，说明写 {n} 个。",
                                            hi.min(&100)
                                        ),
                                        format!(
                                            "{actual} projects score {lo}–{} ('{w}') in the self-evaluation tables; the narrative says {n}.",
                                            hi.min(&100)
                                        ),
                                    ),
                                    sref.marking(&format!("{quoted}{digits}个")),
                                    Some(Decimal::from(n as u64)),
                                );
                                f.expected = Some(Decimal::from(actual as u64));
                                self.push(f);
                            }
                        }
                    }
                }
            }
        }
    }

    /// `共涉及资金 A 万元` against the 年度资金总额 of every 项目支出绩效自评表: its 全年预算数,
    /// 年初预算数 or 全年执行数 (documents sum one or the other), within the rounding of the
    /// printed terms.
    fn funds_covered(&mut self, r: &Report, a: &Stated, sref: &SentenceRef) {
        let total = |column: &str| -> Option<Decimal> {
            r.performance
                .iter()
                .map(|p| {
                    let f = p.funds.iter().find(|f| f.name == "年度资金总额")?;
                    Some(to_unit(f.value(column)?, p.unit, a.unit))
                })
                .sum()
        };
        let sums: Vec<(&str, Decimal)> =
            ["全年预算数", "年初预算数", "全年执行数"].into_iter().filter_map(|c| total(c).map(|v| (c, v))).collect();
        let Some(&(first, first_v)) = sums.first() else { return };
        self.count("N.selfeval");
        let slack = Decimal::new(5, a.value.scale() + 1) * Decimal::from(r.performance.len() as u64);
        if sums.iter().any(|(_, v)| (*v - a.value).abs() <= slack) {
            return;
        }
        let mut f = Finding::about_sentence(
            "N.selfeval",
            Severity::Warning,
            (
                format!(
                    "说明称自评项目共涉及资金 {}{}，而 {} 张自评表的年度资金总额（{first}）合计 {}{}。",
                    plain::money(a.value),
                    a.unit.as_str(),
                    r.performance.len(),
                    plain::money(first_v.round_dp(a.value.scale())),
                    a.unit.as_str()
                ),
                format!(
                    "The narrative says the self-evaluated projects cover {} {}; the {} tables' 年度资金总额 ({first}) add up to {} {}.",
                    plain::money(a.value),
                    a.unit.as_str(),
                    r.performance.len(),
                    plain::money(first_v.round_dp(a.value.scale())),
                    a.unit.as_str()
                ),
            ),
            sref.marking(&a.printed),
            Some(a.value),
        )
        .detail(
            sums.iter().map(|(c, v)| format!("Σ {c} = {v}")).collect::<Vec<_>>().join("；"),
            sums.iter().map(|(c, v)| format!("Σ {c} = {v}")).collect::<Vec<_>>().join("; "),
        );
        f.expected = Some(first_v);
        self.push(f);
    }

    /// Years: headings with another year than the report's, `截至 20XX 年` and comparisons
    /// with a year that is not the year before.
    fn years(&mut self, r: &Report) {
        let Some(year) = r.year.map(u32::from) else { return };
        let headings = r
            .headings
            .iter()
            .map(|h| (h.text.as_str(), h.at, None))
            .chain(r.narrative.iter().map(|s| (s.title.as_str(), s.at, Some(s))));
        for (text, at, section) in headings {
            let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            let years = years_in(&compact, "年度");
            if years.is_empty() {
                // `第三部分 年度部门决算情况说明`: the year left out
                if let Some(p) = compact.find("年度部门决算") {
                    let before = compact[..p].chars().last();
                    if before.is_none_or(|c| !c.is_ascii_digit()) && section.is_none() {
                        self.count("TXT.placeholder");
                        let sref = SentenceRef {
                            section: text.to_string(),
                            text: text.to_string(),
                            highlight: None,
                            at,
                            doc: None,
                        };
                        self.push(Finding::about_sentence(
                            "TXT.placeholder",
                            Severity::Warning,
                            (
                                format!("标题“{text}”中“年度”前缺年份。"),
                                format!("The heading '{text}' leaves out the year before 年度."),
                            ),
                            sref.marking("年度部门决算"),
                            None,
                        ));
                    }
                }
                continue;
            }
            self.count("N.year");
            if years.iter().any(|(y, _)| *y == year) {
                continue;
            }
            let (y, printed) = &years[0];
            let sref = SentenceRef {
                section: section.map_or(text.to_string(), |s| format!("{}{}", s.number, s.title)),
                text: text.to_string(),
                highlight: None,
                at,
                doc: None,
            };
            self.push(Finding::about_sentence(
                "N.year",
                Severity::Warning,
                (
                    format!("标题写 {y} 年度，而本报告是 {year} 年度决算。"),
                    format!("The heading says {y}, but this report is for {year}."),
                ),
                sref.marking(printed),
                None,
            ));
        }
        let said = std::mem::take(&mut self.said);
        for (section, read) in r.narrative.iter().zip(&said) {
            for (s, Said { text: compact, .. }) in section.sentences.iter().zip(read) {
                for (lead, want, zh, en) in [
                    ("截至", year, "截至的年份", "the 'as at' year"),
                    ("与", year - 1, "比较的上年", "the year compared with"),
                    ("比", year - 1, "比较的上年", "the year compared with"),
                    ("较", year - 1, "比较的上年", "the year compared with"),
                ] {
                    let mut from = 0;
                    while let Some(p) = compact[from..].find(lead) {
                        let at = from + p + lead.len();
                        from = at;
                        let digits: String = compact[at..].chars().take_while(|c| c.is_ascii_digit()).collect();
                        if digits.len() != 4 || !compact[at + 4..].starts_with('年') {
                            continue;
                        }
                        // `与2022年度相比`, `比2022年`, `截至2023年12月31日`
                        let tail = &compact[at + 4..];
                        if lead == "与" && !tail.chars().take(6).collect::<String>().contains("相比") {
                            continue;
                        }
                        let Ok(y) = digits.parse::<u32>() else { continue };
                        self.count("N.year");
                        // `较2023年度年初预算数`: the year's own budget
                        let budget = tail.chars().take(10).collect::<String>().contains("预算");
                        if y == want || (y == year && budget) {
                            continue;
                        }
                        self.push(Finding::about_sentence(
                            "N.year",
                            Severity::Warning,
                            (
                                format!("{zh}应为 {want} 年，这句话写 {y} 年（本报告为 {year} 年度）。"),
                                format!("{en} should be {want}; the sentence says {y} (the report is for {year})."),
                            ),
                            sentence_ref(section, s).marking(&format!("{lead}{digits}")),
                            None,
                        ));
                    }
                }
            }
        }
        self.said = said;
    }
}

/// Grade words and their score bands [lo, hi).
const GRADES: &[(&[&str], u32, u32)] = &[
    (&["优", "好", "优秀"], 90, 101),
    (&["良", "较好", "良好"], 80, 90),
    (&["中", "一般"], 60, 80),
    (&["差", "较差"], 0, 60),
];

/// Four-digit years followed by `suffix` in a heading.
fn years_in(text: &str, suffix: &str) -> Vec<(u32, String)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    for (start, end) in crate::text::number_runs(&chars) {
        let s: String = chars[start..end].iter().collect();
        let after: String = chars[end..].iter().take(suffix.chars().count()).collect();
        if s.len() == 4 && after == suffix {
            if let Ok(y) = s.parse::<u32>() {
                if (1990..2100).contains(&y) {
                    out.push((y, s));
                }
            }
        }
    }
    out
}

/// The number right before `unit` (`25个`) when one of `leads` is printed just before it.
fn number_before(text: &str, unit: &str, leads: &[&str]) -> Option<(u64, String)> {
    let chars: Vec<char> = text.chars().collect();
    for (start, end) in crate::text::number_runs(&chars) {
        let after: String = chars[end..].iter().take(unit.chars().count()).collect();
        if after != unit {
            continue;
        }
        let before: String = chars[start.saturating_sub(4)..start].iter().collect();
        if leads.iter().any(|l| before.ends_with(l)) {
            let s: String = chars[start..end].iter().collect();
            return s.parse().ok().map(|n| (n, format!("{s}{unit}")));
        }
    }
    None
}

/// The decimal printed right after one of `leads` (`平均得分为92.77`).
fn number_after(text: &str, leads: &[&str]) -> Option<(Decimal, String)> {
    let (lead, p) = leads.iter().find_map(|l| text.find(l).map(|p| (l, p)))?;
    let rest = &text[p + lead.len()..];
    let num: String = rest.chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
    crate::text::parse_amount(&num).map(|v| (v, num))
}

/// The budget and actual of an item: as the narrative states them, else table 07's cells.
fn item_pair(
    items: &[ItemAmount],
    t07: Option<&crate::model::Table>,
    item: usize,
) -> Option<(Decimal, Decimal, Vec<CellRef>)> {
    let stated = |column: &str| {
        items.iter().find(|a| a.item == item && a.column == column).map(|a| (a.stated.value, a.stated.unit))
    };
    if let (Some(b), Some(a)) = (stated("预算数"), stated("决算数")) {
        return Some((b.0, to_unit(a.0, a.1, b.1), Vec::new()));
    }
    let t = t07?;
    let row = named(t, ITEMS_07[item])?;
    let (bc, b) = cell(t, row, "预算数");
    let (ac, a) = cell(t, row, "决算数");
    (bc.value.is_some() || ac.value.is_some()).then(|| (b, a, vec![bc, ac]))
}

/// The last budget stated and the actual after it: `年初预算为 A 元，支出决算为 B 元`.
fn stated_pair(stated: &[Stated]) -> Option<(Decimal, Decimal, Vec<CellRef>)> {
    let k = stated.iter().rposition(|a| !is_comparison(&a.name) && budget_or_actual(&a.name) == Some("预算数"))?;
    let actual = stated[k + 1..].iter().find(|a| !is_comparison(&a.name) && a.name.contains("决算"))?;
    let b = &stated[k];
    Some((b.value, to_unit(actual.value, actual.unit, b.unit), Vec::new()))
}
