//! Stage two, once the reference year is known: each figure's year (its own, a
//! relative phrase, the figure it is joined to, or the goal frame it stands in)
//! and its status.

use super::status::{decide, Facts, Gov};
use crate::extract::cues::{CueClass, CueScope};
use crate::extract::time::RelativeHit;
use crate::model::{Figure, Span, Status};

/// What stage one read, in text order: a figure, or a sentence without one.
pub(super) enum Reading {
    Figure(FigureTime),
    Sentence(SentenceTime),
}

pub(super) struct FigureTime {
    /// Index into the figures.
    pub figure: usize,
    pub gov: Option<Gov>,
    pub after_plan: Option<Span>,
    /// A year named in the figure's clause (or its period's end).
    pub explicit: Option<i32>,
    pub relative: Option<RelativeHit>,
    /// A goal deadline led into the clause ("đến năm 2025, …").
    pub lead: Option<i32>,
    /// The year it is compared against ("so với năm 2020").
    pub base: Option<i32>,
    /// The value of a comparison base, given in brackets: it ends no goal frame.
    pub base_value: bool,
    /// Compared with a year before ("so với cùng kỳ năm ngoái"): of the year under way.
    pub against_last_year: bool,
    /// Inside brackets: a comparison or a detail, whose year speaks for no one else.
    pub aside: bool,
    /// A stock as of now ("tính đến nay … có 301 dự án"): of no year reported before it.
    pub stock: bool,
    /// The year of the same period it is compared with ("so với cùng kỳ năm 2003").
    pub same_period: Option<i32>,
    pub paragraph: u32,
    /// The first figure of a sentence that opens with a turn ("Tuy nhiên, …"): a goal
    /// frame ends there.
    pub turns: bool,
    /// The figure this one is joined to in its clause.
    pub joined_prev: Option<usize>,
    pub from_side: bool,
    pub rises_to: Option<Span>,
}

pub(super) struct SentenceTime {
    pub span: Span,
    pub paragraph: u32,
    /// A goal frame's deadline ("Mục tiêu đến năm 2030, …").
    pub goal_year: Option<i32>,
    pub names_year: bool,
    /// Opens with a turn ("Tuy nhiên, …"): a goal frame ends there.
    pub turns: bool,
    pub boilerplate: bool,
}

/// A goal frame's year carries to the figures after it (SPEC §4) while they name
/// no year of their own and no reporting word takes over.
/// The reference year, and whether a year after it makes a goal by itself.
pub(super) struct Time {
    pub reference_year: Option<i32>,
    pub future_makes_goals: bool,
}

pub(super) fn resolve(
    out: &mut [Figure],
    readings: &[Reading],
    time: Time,
    reports: &dyn Fn(Span) -> bool,
) {
    let reference_year = time.reference_year;
    let mut carry: Option<i32> = None;
    let mut carry_sentence: Option<u32> = None;
    // The paragraph the frame was set in: past the next one, only a figure that a
    // goal word governs still takes its year.
    let mut carry_paragraph: u32 = 0;
    // The year of the last reported figure, and its paragraph: a figure reported
    // after it with no year of its own speaks of the same time.
    let mut reported: Option<(u32, i32)> = None;
    for r in readings {
        let t = match r {
            Reading::Sentence(s) => {
                if let Some(y) = s.goal_year.filter(|_| !s.boilerplate) {
                    carry = Some(y);
                    carry_paragraph = s.paragraph;
                } else if s.boilerplate
                    || s.names_year
                    || s.turns
                    || carry.is_some() && reports(s.span)
                {
                    carry = None;
                }
                continue;
            }
            Reading::Figure(t) => t,
        };
        if t.turns {
            carry = None;
        }
        let sentence = out[t.figure].sentence;
        let month = t.relative.filter(|h| h.rel.reports_only);
        let relative = t
            .relative
            .filter(|h| !h.rel.reports_only)
            .zip(reference_year)
            .map(|(h, r)| h.resolve(r));
        let mut year = t
            .explicit
            .or(relative.map(|r| r.0))
            .or_else(|| t.joined_prev.and_then(|i| out.get(i)).and_then(|f| f.year));
        if out[t.figure].period.is_none() {
            out[t.figure].period = relative.and_then(|r| r.1);
        }
        let strong_report = t.gov.is_some_and(|g| g.class == CueClass::Report);
        if year.is_none() && t.gov.is_some_and(|g| g.is_goal()) {
            year = t.lead;
        }
        if year.is_none() && !strong_report && !t.from_side {
            // In the next paragraph only a figure stated as a plan's is ("Mục tiêu đến năm
            // 2030:" over the items below; "Doanh thu đạt 2.224 tỷ đồng" after a year's
            // plan), not a description ("Khánh Hòa … cách TP HCM 448 km").
            let planned = t
                .gov
                .is_some_and(|g| g.is_goal() || g.class == CueClass::WeakReport);
            let near =
                t.paragraph == carry_paragraph || t.paragraph == carry_paragraph + 1 && planned;
            // Past the next paragraph only a plan word ("mục tiêu", "phấn đấu",
            // "chỉ tiêu") carries the plan on; "sẽ" there is any future.
            let plan = t
                .gov
                .is_some_and(|g| g.is_goal() && g.scope == CueScope::List);
            if near || plan {
                year = carry;
            }
        }
        // Compared against the reference year or a later one, it speaks of the year after.
        if year.is_none() {
            year = t
                .base
                .zip(reference_year)
                .filter(|&(b, r)| b >= r)
                .map(|(b, _)| b + 1);
        }
        let (status, reason) = decide(&Facts {
            gov: t.gov,
            after_plan: t.after_plan,
            year,
            reference_year,
            rises_to: t.rises_to,
            from_side: t.from_side,
            future_makes_goals: time.future_makes_goals,
        });
        // A year read off "so với cùng kỳ năm ngoái" is the reference date's: it dates
        // this figure, not the ones after it.
        let mut by_base = false;
        if status != Status::Target {
            if year.is_none() {
                year = month
                    .zip(reference_year)
                    .map(|(h, r)| h.resolve(r).0)
                    // A year reported before it that is not later than the same period
                    // it is compared with is another period's ("năm 2019 … đạt X; … tăng
                    // 54% so với cùng kỳ năm 2019").
                    .or(reported
                        .filter(|r| r.0 == t.paragraph && !t.stock)
                        .filter(|r| t.same_period.is_none_or(|b| r.1 > b))
                        .map(|r| r.1));
                if year.is_none() && t.against_last_year {
                    year = reference_year;
                    by_base = true;
                }
                // "tăng 70% so với cùng kỳ 2003", nothing else dating it: of the text's
                // year when that is later, else of 2004. A later year of its paragraph
                // wins ("Năm 2021, … tăng 20% so với cùng kỳ năm 2019"): a base two years
                // back was common in 2021–22.
                if let Some(b) = t.same_period.filter(|_| year.is_none()) {
                    year = Some(reference_year.filter(|&r| r > b).unwrap_or(b + 1));
                }
            }
            // An estimate of a time under way or past ("năm 2020 … ước đạt") speaks of
            // that time as a report does; a forecast ("dự kiến") does not.
            let now = t.gov.is_some_and(|g| g.class == CueClass::EstimateNow);
            let settled = |y: i32| {
                status == Status::Achieved || now && reference_year.is_some_and(|r| y <= r)
            };
            if let Some(y) = year.filter(|&y| !by_base && !t.base_value && !t.aside && settled(y)) {
                reported = Some((t.paragraph, y));
            }
        }
        // The frame: a target's own deadline starts one; a year reported, or a
        // reporting word in a later sentence, ends it.
        if status == Status::Target && (t.explicit.is_some() || t.lead.is_some()) {
            carry = year;
            carry_sentence = Some(sentence);
            carry_paragraph = t.paragraph;
        } else if status == Status::Target && year.is_some() && year == carry {
            // A goal that took the frame's year keeps the frame alive.
            carry_paragraph = t.paragraph;
        } else if t.explicit.is_some() && status != Status::Target && !t.base_value
            || strong_report && carry_sentence != Some(sentence)
        {
            carry = None;
        }
        let f = &mut out[t.figure];
        f.year = year;
        f.status = status;
        f.reason = reason;
    }
    deadline_later_in_sentence(out);
}

/// "trong mục tiêu tăng trưởng chung của cả nước là 6,7% thì Hải Phòng phải phấn
/// đấu đạt chỉ tiêu 14% trong năm 2017": a goal with no year of its own takes the
/// deadline of the next goal in its sentence.
fn deadline_later_in_sentence(out: &mut [Figure]) {
    let mut next: Option<(u32, i32)> = None;
    for f in out.iter_mut().rev() {
        if f.status != Status::Target {
            continue;
        }
        match (f.year, next) {
            (Some(y), _) => next = Some((f.sentence, y)),
            (None, Some((s, y))) if s == f.sentence => f.year = Some(y),
            _ => {}
        }
    }
}
