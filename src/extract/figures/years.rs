//! Years, periods and goal deadlines named around a figure.

use regex::Regex;
use std::sync::OnceLock;

fn year_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?-u:\b)(?:19[5-9]\d|20\d\d|2100)(?-u:\b)").unwrap_or_else(|e| panic!("{e}"))
    })
}

/// A sentence that opens with a day and month and no year ("Ngày 6/2, UBND tỉnh tổ
/// chức …"): a dateline of the text's own year.
pub(super) fn opens_with_dateline(key: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^\W*ngày\s+\d{1,2}\s*[/.-]\s*\d{1,2}(?:$|[^\d/.-]|[/.-]\D)")
            .unwrap_or_else(|e| panic!("{e}"))
    })
    .is_match(key)
}

fn period_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?-u:\b)((?:19|20)\d\d)\s*(?:-|–|—|đến năm|đến|tới)\s*((?:19|20)\d\d)(?-u:\b)")
            .unwrap_or_else(|e| panic!("{e}"))
    })
}

/// Where in a sentence a year can be named at all, found in one pass so that the
/// per-figure questions (`years_in`, `periods_in`, `goal_year`) run their regexes
/// and searches only on slices that can answer yes; the answers are unchanged.
pub(super) struct YearSpots {
    /// Starts of four ASCII digits beginning "19", "20" or "21" (every year and
    /// period names one).
    years: Vec<usize>,
    /// (start of "năm "/"đến ", start of the four digits right after it): every
    /// goal lead ends with one of the two, and its year must follow.
    leads: Vec<(usize, usize)>,
}

impl YearSpots {
    pub(super) fn scan(key: &str, from: usize, to: usize) -> YearSpots {
        let b = &key.as_bytes()[..to];
        let mut spots = YearSpots {
            years: Vec::new(),
            leads: Vec::new(),
        };
        let mut run = 0;
        let mut i = from;
        while i < to {
            // Most of a sentence has no digit: skip 16 bytes at a time (a digit-free
            // block ends any run of digits).
            if let Some(block) = b.get(i..i + 16) {
                if !block.iter().fold(false, |a, c| a | c.is_ascii_digit()) {
                    run = 0;
                    i += 16;
                    continue;
                }
            }
            let end = (i + 16).min(to);
            while i < end {
                run = if b[i].is_ascii_digit() { run + 1 } else { 0 };
                i += 1;
                if run >= 4 {
                    spots.note(key, i - 4);
                }
            }
        }
        spots
    }

    /// Four digits start at `p`.
    fn note(&mut self, key: &str, p: usize) {
        let b = key.as_bytes();
        if matches!(&b[p..p + 2], b"19" | b"20" | b"21") {
            self.years.push(p);
        }
        for lead in ["năm ", "đến "] {
            if key[..p].ends_with(lead) {
                self.leads.push((p - lead.len(), p));
            }
        }
    }

    /// Can `key[from..to]` hold a year (or a period)?
    pub(super) fn year_within(&self, from: usize, to: usize) -> bool {
        let i = self.years.partition_point(|&p| p < from);
        self.years.get(i).is_some_and(|&p| p + 4 <= to)
    }

    /// Can `key[from..to]` hold a goal lead with its year?
    pub(super) fn lead_within(&self, from: usize, to: usize) -> bool {
        let i = self.leads.partition_point(|&(s, _)| s < from);
        self.leads[i..]
            .iter()
            .take_while(|&&(s, _)| s < to)
            .any(|&(_, y)| y + 4 <= to)
    }
}

/// A year mention: not part of a date or code, and not a comparison base.
pub(super) fn years_in(key: &str, from: usize, to: usize) -> Vec<(usize, i32)> {
    let mut out = Vec::new();
    for m in year_re().find_iter(&key[from..to]) {
        let s = from + m.start();
        let e = from + m.end();
        let mut back = key[..s].chars().rev();
        let (b1, b2) = (back.next(), back.next());
        let mut fwd = key[e..].chars();
        let (a1, a2) = (fwd.next(), fwd.next());
        let glued_before = b1 == Some('/')
            || matches!(b1, Some('.' | ',')) && b2.is_some_and(|c| c.is_ascii_digit());
        let glued_after = matches!(a1, Some('/' | '%'))
            || matches!(a1, Some('.' | ',')) && a2.is_some_and(|c| c.is_ascii_digit());
        if glued_before || glued_after {
            continue;
        }
        if crate::extract::time::is_comparison_base(key, s) || runs_to_now(key, s, e) {
            continue;
        }
        if let Ok(y) = m.as_str().parse() {
            out.push((s, y));
        }
    }
    out
}

/// "từ năm 1990 đến nay": the year at `start..end` starts a period that runs to the
/// present. Not "từ đầu năm 2017 đến nay": a period from the start of a year to now
/// lies within that year.
fn runs_to_now(key: &str, start: usize, end: usize) -> bool {
    let head = &key[..start];
    if super::cues()
        .year_start
        .iter()
        .any(|w| crate::text::ends_with_word(head, w))
    {
        return false;
    }
    let after = &key[end..];
    super::cues()
        .to_now
        .iter()
        .any(|w| crate::text::starts_with_word(after, w))
}

pub(super) fn periods_in(key: &str, from: usize, to: usize) -> Vec<(usize, [i32; 2])> {
    period_re()
        .captures_iter(&key[from..to])
        .filter_map(|c| {
            let a: i32 = c.get(1)?.as_str().parse().ok()?;
            let b: i32 = c.get(2)?.as_str().parse().ok()?;
            let s = from + c.get(0)?.start();
            (a < b && b - a <= 50 && !key[..s].ends_with('/')).then_some((s, [a, b]))
        })
        .collect()
}

/// The deadline a lead phrase names (the caller checks that a goal word governs it) ("Mục tiêu đến năm 2030", "đến hết năm 2025").
pub(super) fn goal_year(key: &str, from: usize, to: usize) -> Option<i32> {
    let slice = &key[from..to];
    for lead in [
        "đến hết năm ",
        "đến năm ",
        "vào năm ",
        "trong năm ",
        "tới năm ",
        "đến ",
    ] {
        if let Some(i) = slice.find(lead) {
            let rest = &slice[i + lead.len()..];
            if let Some(y) = rest.get(..4).and_then(|y| y.parse::<i32>().ok()) {
                if (1950..=2100).contains(&y) {
                    return Some(y);
                }
            }
        }
    }
    None
}
