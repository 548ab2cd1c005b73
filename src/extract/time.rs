//! Time: relative phrases ("năm nay", "năm tới", "6 tháng đầu năm") from
//! `assets/time_phrases.tsv`, years named with a month or quarter ("quý I/2025"),
//! and the inference of a reference date from what a text reports.

use crate::model::{Date, DateOrigin, RefDate};
use crate::text::{match_key, on_word_boundary};
use aho_corasick::{AhoCorasick, MatchKind};
use regex::Regex;
use std::sync::OnceLock;

/// A relative phrase: the years it names as offsets from the reference year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Relative {
    pub first: i32,
    pub last: i32,
    /// Dates reported figures only: a month named in a plan ("báo cáo trong
    /// tháng 9") is a deadline for a task, not the year of a goal.
    pub reports_only: bool,
}

/// A relative phrase found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RelativeHit {
    pub start: usize,
    pub end: usize,
    pub rel: Relative,
}

impl RelativeHit {
    /// The year and (for a span of years) the period, given the reference year.
    pub fn resolve(&self, reference_year: i32) -> (i32, Option<[i32; 2]>) {
        let (a, b) = (
            reference_year + self.rel.first,
            reference_year + self.rel.last,
        );
        (b, (a != b).then_some([a, b]))
    }
}

pub struct TimePhrases {
    ac: AhoCorasick,
    /// The phrases as match keys, in table order.
    pub phrases: Vec<String>,
    pub rel: Vec<Relative>,
}

impl TimePhrases {
    pub fn parse(src: &str) -> TimePhrases {
        let mut phrases = Vec::new();
        let mut rel = Vec::new();
        for row in crate::reference::data_lines(src) {
            let cols: Vec<&str> = row.into_iter().map(str::trim).collect();
            let (Some(p), Some(first), Some(last)) = (
                cols.first(),
                cols.get(1).and_then(|s| s.parse().ok()),
                cols.get(2).and_then(|s| s.parse().ok()),
            ) else {
                panic!(
                    "assets/time_phrases.tsv: malformed line {:?}",
                    cols.join("\t")
                );
            };
            phrases.push(match_key(p));
            let reports_only = cols.get(3).is_some_and(|c| *c == "reports");
            rel.push(Relative {
                first,
                last,
                reports_only,
            });
        }
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&phrases)
            .unwrap_or_else(|e| panic!("time phrases do not build a matcher: {e}"));
        TimePhrases { ac, phrases, rel }
    }

    /// Whether `key[from..to]` compares with the same period a year before ("so với
    /// cùng kỳ năm ngoái"): what is compared speaks of the year under way. Not "so với
    /// năm trước", which a review of the past year also says.
    pub fn against_last_year(&self, key: &str, from: usize, to: usize) -> bool {
        let Some(hay) = key.get(from..to) else {
            return false;
        };
        // Every figure asks, few sentences compare: skip the scan unless the base word
        // stands in reach ("cùng kỳ" ends a few spaces at most before a phrase in `hay`).
        let lo = from.saturating_sub(32);
        // (`lo` may fall inside a char: bytes, not a `str`.)
        if !names_same_period(&key.as_bytes()[lo..to]) {
            return false;
        }
        self.ac.find_iter(hay).any(|m| {
            let rel = self.rel[m.pattern().as_usize()];
            let head = key[..from + m.start()].trim_end();
            rel.first == -1
                && rel.last == -1
                && on_word_boundary(hay, m.start(), m.end())
                && SAME_PERIOD
                    .iter()
                    .any(|w| crate::text::ends_with_word(head, w))
        })
    }

    /// Relative phrases in `key[from..to]`, skipping comparison bases ("so với năm
    /// trước"). Extraction finds them in the cue pass (`CueTable::find_with_time`).
    pub fn find(&self, key: &str, from: usize, to: usize) -> Vec<RelativeHit> {
        let Some(hay) = key.get(from..to) else {
            return Vec::new();
        };
        self.ac
            .find_iter(hay)
            .filter(|m| on_word_boundary(hay, m.start(), m.end()))
            .filter(|m| !is_comparison_base(key, from + m.start()))
            .map(|m| RelativeHit {
                start: from + m.start(),
                end: from + m.end(),
                rel: self.rel[m.pattern().as_usize()],
            })
            .collect()
    }
}

/// Whether a time phrase starting at `at` names the base of a comparison ("so với
/// cùng kỳ năm trước"); "(cùng kỳ năm 2019 tăng 5,3%)" alone dates its own figure.
pub fn is_comparison_base(key: &str, at: usize) -> bool {
    // "so với năm 2019", "so với cùng kỳ 2016", "so với thực hiện năm 2020", "so với
    // mức năm 2015": the base word stands at most four words back, with no
    // punctuation or number between.
    let head = &key[..at];
    // "bằng 119% cùng kỳ 2019": "cùng kỳ" right after a figure names its base.
    let near = head.trim_end();
    let near = near.strip_suffix("năm").unwrap_or(near).trim_end();
    if let Some(before) = near.strip_suffix("cùng kỳ") {
        let before = before.trim_end();
        if before.ends_with(|c: char| c == '%' || c.is_ascii_digit()) {
            return true;
        }
    }
    let mut words = 0;
    let mut end = head.len();
    for (i, c) in head.char_indices().rev() {
        if c.is_ascii_digit() || matches!(c, ',' | ';' | ':' | '.' | '(' | ')') {
            return false;
        }
        if c.is_whitespace() {
            let w = head[i + c.len_utf8()..end].trim();
            if !w.is_empty() {
                words += 1;
                if w == "bằng" || w == "với" && head[..i].trim_end().ends_with("so") {
                    return true;
                }
                if words >= 5 {
                    return false;
                }
            }
            end = i;
        }
    }
    false
}

/// The year a figure is compared against in `key[from..to]` ("so với năm 2020").
pub fn comparison_base_year(key: &str, from: usize, to: usize) -> Option<i32> {
    let hay = key.get(from..to)?;
    let b = hay.as_bytes();
    (0..b.len().saturating_sub(3)).find_map(|i| {
        let digits = b[i..i + 4].iter().all(u8::is_ascii_digit);
        let alone = (i == 0 || !b[i - 1].is_ascii_alphanumeric())
            && b.get(i + 4).is_none_or(|c| !c.is_ascii_alphanumeric());
        if !(digits && alone && is_comparison_base(key, from + i)) {
            return None;
        }
        let y: i32 = hay[i..i + 4].parse().ok()?;
        (1950..=2100).contains(&y).then_some(y)
    })
}

/// The year of "so với cùng kỳ (năm) 2003" in `key[from..to]`: the same period a year
/// before names the year under way, the one after it.
pub fn same_period_base_year(key: &str, from: usize, to: usize) -> Option<i32> {
    let hay = key.get(from..to)?;
    // Most stretches name no same period: the base is looked for only where one does.
    if !names_same_period(hay.as_bytes()) {
        return None;
    }
    let year = comparison_base_year(key, from, to)?;
    // The occurrence that is a comparison base, as `comparison_base_year` found it.
    let at = hay
        .match_indices(&year.to_string())
        .map(|(i, _)| i)
        .find(|&i| is_comparison_base(key, from + i))?;
    let head = hay[..at].trim_end();
    let head = head.strip_suffix("năm").unwrap_or(head).trim_end();
    SAME_PERIOD
        .iter()
        .any(|w| crate::text::ends_with_word(head, w))
        .then_some(year)
}

/// "The same period" as a comparison names it, in both spellings (match keys).
const SAME_PERIOD: [&str; 2] = ["cùng kỳ", "cùng kì"];

/// Whether `hay` may name the same period: the words' common start stands in it.
fn names_same_period(hay: &[u8]) -> bool {
    memchr::memmem::find(hay, "cùng k".as_bytes()).is_some()
}

fn partial_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        // On the match key "quý" is written "qúy"; "quí" is its older spelling.
        let pattern = r"(?:(?:QUY|quí)\s+(?:i{1,3}|iv|[1-4])|tháng\s+(?:1[0-2]|0?[1-9]))\s*[/-]\s*((?:19|20)\d\d)(?-u:\b)|tháng(?:\s+đầu)?\s+năm\s+((?:19|20)\d\d)(?-u:\b)|(?-u:\b)(?:[0-2]?\d|3[01])/(?:0?[1-9]|1[0-2])/((?:19|20)\d\d)(?-u:\b)"
            .replace("QUY", &match_key("quý"));
        Regex::new(&pattern)
            .unwrap_or_else(|e| panic!("partial-year regex: {e}"))
    })
}

/// Years named as part of a year ("quý I/2025", "tháng 12/2020", "6 tháng đầu năm
/// 2017"), which plain year search leaves out as dates: (start of the year, year).
pub fn partial_years(key: &str, from: usize, to: usize) -> Vec<(usize, i32)> {
    let Some(hay) = key.get(from..to) else {
        return Vec::new();
    };
    // Every match names "tháng" or a year after a slash ("quý I/2025", "10/12/2020").
    if !hay.contains("tháng") && !hay.contains("/19") && !hay.contains("/20") {
        return Vec::new();
    }
    partial_re()
        .captures_iter(hay)
        .filter_map(|c| {
            let m = c.get(1).or_else(|| c.get(2)).or_else(|| c.get(3))?;
            let start = from + c.get(0)?.start();
            if is_comparison_base(key, start) {
                return None;
            }
            Some((from + m.start(), m.as_str().parse().ok()?))
        })
        .collect()
}

/// Whether the year at `at` ends a full day/month/year date ("03/11/2015").
pub fn is_full_date(key: &str, at: usize) -> bool {
    let head = &key.as_bytes()[at.saturating_sub(6)..at];
    head.iter().filter(|&&b| b == b'/').count() >= 2
}

/// Evidence for a reference year, gathered while figures are read.
#[derive(Debug, Default, Clone)]
pub struct YearEvidence {
    /// Years reported as done or under way by a reporting word or an estimate of
    /// the present ("đã", "6 tháng đầu năm", "ước đạt").
    pub reported: Vec<i32>,
    /// Years whose figures only a verb reports ("năm 2020 … tăng 4,44%"): goals
    /// use the same verbs, so these count only when nothing stronger does.
    pub weakly_reported: Vec<i32>,
    /// Years a goal word names as deadlines.
    pub goals: Vec<i32>,
    /// Years the text speaks from at least: those of its comparison bases.
    pub since: Vec<i32>,
}

impl YearEvidence {
    /// Whether an inference would rest on reporting verbs alone ("năm 1990 … có"):
    /// too weak to make later years goals by itself.
    pub fn is_weak(&self) -> bool {
        self.reported.is_empty() && self.goals.is_empty() && !self.weakly_reported.is_empty()
    }
}

/// SPEC §4: the latest year the text reports as done or under way, never later
/// than a year it names as a goal; with no report, the year before its first goal
/// (a text that only sets goals speaks from before them); never before a year it
/// compares a report with, though that alone dates nothing.
pub fn infer_reference(ev: &YearEvidence) -> Option<RefDate> {
    let first_goal = ev.goals.iter().copied().min();
    let pool = if ev.reported.is_empty() {
        &ev.weakly_reported
    } else {
        &ev.reported
    };
    let latest = |cap: Option<i32>| {
        pool.iter()
            .copied()
            .filter(|&y| cap.is_none_or(|c| y <= c))
            .max()
    };
    // A base lifts the year up to a goal the text sets, not past it.
    let since = ev
        .since
        .iter()
        .copied()
        .max()
        .map(|s| first_goal.map_or(s, |g| s.min(g)));
    let year = latest(first_goal)
        .or_else(|| latest(None))
        .or_else(|| first_goal.map(|g| g - 1))
        .map(|y| since.map_or(y, |s| y.max(s)))?;
    Some(RefDate {
        date: Date {
            year,
            month: None,
            day: None,
        },
        origin: DateOrigin::Inferred,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rel(s: &str) -> Vec<(String, i32)> {
        let key = match_key(s);
        crate::reference::Reference::get()
            .time_phrases
            .find(&key, 0, key.len())
            .into_iter()
            .map(|h| (s[h.start..h.end].to_string(), h.resolve(2020).0))
            .collect()
    }

    #[test]
    fn relative_phrases_resolve_against_the_reference_year() {
        assert_eq!(
            rel("trong năm tới phải đạt 12%"),
            vec![("năm tới".into(), 2021)]
        );
        assert_eq!(
            rel("tăng trưởng của năm nay là 12%"),
            vec![("năm nay".into(), 2020)]
        );
        assert_eq!(
            rel("6 tháng đầu năm tăng 5%"),
            vec![("tháng đầu năm".into(), 2020)]
        );
        assert_eq!(rel("năm ngoái đạt 3%"), vec![("năm ngoái".into(), 2019)]);
        // A comparison base is not the figure's time.
        assert!(rel("tăng 26% so với cùng kỳ năm ngoái").is_empty());
        assert!(rel("tăng 5% so với năm trước").is_empty());
        let key = match_key("giai đoạn 5 năm tới là 12,5%");
        let hits = crate::reference::Reference::get()
            .time_phrases
            .find(&key, 0, key.len());
        assert_eq!(hits[0].resolve(2005), (2010, Some([2006, 2010])));
    }

    #[test]
    fn years_of_quarters_and_months() {
        let k = match_key("Quý I/2025 tăng 7,51% (cùng kỳ quý I/2024 tăng 6,26%), tháng 12/2020");
        let ys: Vec<i32> = partial_years(&k, 0, k.len())
            .into_iter()
            .map(|p| p.1)
            .collect();
        assert_eq!(ys, vec![2025, 2024, 2020]);
        let k = match_key("6 tháng đầu năm 2017 đạt 13,26%");
        assert_eq!(partial_years(&k, 0, k.len())[0].1, 2017);
        let k = match_key("tính đến ngày 10/12/2020, số thu đạt");
        assert_eq!(partial_years(&k, 0, k.len())[0].1, 2020);
    }

    #[test]
    fn a_report_s_comparison_base_raises_the_inferred_year_but_dates_nothing_alone() {
        let ev = YearEvidence {
            weakly_reported: vec![2000],
            since: vec![2004],
            ..Default::default()
        };
        assert_eq!(infer_reference(&ev).map(|d| d.date.year), Some(2004));
        let ev = YearEvidence {
            since: vec![2004],
            ..Default::default()
        };
        assert_eq!(infer_reference(&ev), None);
    }

    #[test]
    fn inference_takes_the_latest_report_before_the_first_goal() {
        let ev = YearEvidence {
            reported: vec![2015, 2016, 2020],
            weakly_reported: vec![2024],
            goals: vec![2020, 2025],
            ..Default::default()
        };
        assert_eq!(infer_reference(&ev).map(|d| d.date.year), Some(2020));
        let ev = YearEvidence {
            reported: vec![2016, 2021],
            weakly_reported: vec![],
            goals: vec![2020],
            ..Default::default()
        };
        assert_eq!(infer_reference(&ev).map(|d| d.date.year), Some(2016));
        let ev = YearEvidence {
            reported: vec![],
            weakly_reported: vec![],
            goals: vec![2010, 2006],
            ..Default::default()
        };
        assert_eq!(infer_reference(&ev).map(|d| d.date.year), Some(2005));
        assert_eq!(infer_reference(&YearEvidence::default()), None);
    }

    #[test]
    fn only_verbs_make_a_weak_inference() {
        let ev = YearEvidence {
            reported: vec![],
            weakly_reported: vec![1990],
            goals: vec![],
            ..Default::default()
        };
        assert!(ev.is_weak());
        let ev = YearEvidence {
            reported: vec![],
            weakly_reported: vec![],
            goals: vec![2030],
            ..Default::default()
        };
        assert!(!ev.is_weak());
    }
}
