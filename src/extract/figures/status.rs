//! Status: which cue governs a figure, and SPEC §4's rules in order.

use crate::extract::cues::{CueClass, CueHit, CueScope};
use crate::model::{Span, Status, StatusReason, StatusRule};

/// The cue that governs a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Gov {
    pub class: CueClass,
    pub scope: CueScope,
    pub cue: Span,
    /// Came from an earlier figure's cue or a list head, not from the words just before.
    pub carried: bool,
    /// For a deadline ("đến năm 2016") or a condition ("nếu năm 2018 …"): the year it
    /// names.
    pub year: Option<i32>,
    /// For a condition that opens with a year: the latest year of its sentence.
    pub until: Option<i32>,
}

impl Gov {
    fn of(h: &CueHit) -> Gov {
        Gov {
            class: h.class,
            scope: h.scope,
            cue: Span::new(h.start, h.end),
            carried: false,
            year: None,
            until: None,
        }
    }

    pub fn carried(self) -> Gov {
        Gov {
            carried: true,
            ..self
        }
    }

    pub fn is_estimate(&self) -> bool {
        matches!(
            self.class,
            CueClass::Estimate | CueClass::EstimateNow | CueClass::Forecast | CueClass::Condition
        )
    }

    pub fn is_goal(&self) -> bool {
        matches!(
            self.class,
            CueClass::Goal | CueClass::DatedGoal | CueClass::Future
        )
    }

    /// Whether the cue keeps governing the figures after the one it was read for.
    pub fn persists(&self) -> bool {
        persists(self.scope, self.class)
    }
}

/// A plan result or a policy term speaks of its own clause only.
pub(super) fn persists(scope: CueScope, class: CueClass) -> bool {
    !matches!(scope, CueScope::Next | CueScope::After)
        && !matches!(
            class,
            CueClass::PlanResult | CueClass::Incentive | CueClass::Purpose
        )
}

/// The governing cue from the cues between the previous figure and this one
/// (`group`, in text order) and what governed before (`state`).
///
/// An estimate word beats everything in its group (SPEC rule 1); a plan result
/// or an incentive term comes next; otherwise the goal or report word nearest to
/// the figure wins. A weak report verb ("đạt") alone leaves a goal or estimate
/// that governed before in place: "phấn đấu … A đạt 5%; B đạt 6%".
pub(super) fn govern(group: &[CueHit], state: Option<Gov>) -> Option<Gov> {
    let first = |f: &dyn Fn(&CueHit) -> bool| group.iter().find(|h| f(h)).map(Gov::of);
    if let Some(g) = first(&|h| {
        matches!(
            h.class,
            CueClass::Estimate | CueClass::EstimateNow | CueClass::Forecast | CueClass::Condition
        )
    }) {
        return Some(g);
    }
    if let Some(g) = first(&|h| h.class == CueClass::Incentive) {
        return Some(g);
    }
    // "Nếu … thì tỉnh sẽ hỗ trợ 50%": what follows a condition is its consequence.
    if let Some(s) = state.filter(|s| s.class == CueClass::Condition) {
        return Some(s.carried());
    }
    // A deadline alone may be a goal or a report; a goal, report or plan-result
    // word decides, the one nearest the figure first ("hoàn thành chỉ tiêu …
    // giao lần 3 là 170 tỷ đồng" is the quota).
    let strong = group
        .iter()
        .rev()
        .find(|h| {
            matches!(
                h.class,
                CueClass::Goal | CueClass::Future | CueClass::Report | CueClass::PlanResult
            )
        })
        .or_else(|| group.iter().rev().find(|h| h.class == CueClass::DatedGoal));
    if let Some(h) = strong {
        // "Theo kế hoạch, … sẽ có 11 chuyến/tuần": the "sẽ" of a plan is the plan's.
        let planned = (h.class == CueClass::Future)
            .then(|| group.iter().rev().find(|g| g.class == CueClass::Goal))
            .flatten();
        return Some(Gov::of(planned.unwrap_or(h)));
    }
    let weak = group.iter().find(|h| h.class == CueClass::WeakReport);
    match (weak, state) {
        (_, Some(s)) if s.is_goal() || s.is_estimate() => Some(s.carried()),
        (Some(h), _) => Some(Gov::of(h)),
        (None, s) => s.map(Gov::carried),
    }
}

/// What the status rules read about one figure.
#[derive(Debug, Clone, Copy)]
pub(super) struct Facts {
    pub gov: Option<Gov>,
    /// A plan-result word right after the number ("290% kế hoạch năm").
    pub after_plan: Option<Span>,
    pub year: Option<i32>,
    pub reference_year: Option<i32>,
    /// "từ X lên Y": Y is where it is heading.
    pub rises_to: Option<Span>,
    /// "từ X lên Y": X is where it stands.
    pub from_side: bool,
    /// Rule 4 applies (the reference year rests on more than a verb).
    pub future_makes_goals: bool,
}

/// SPEC §4's status rules, in order.
pub(super) fn decide(f: &Facts) -> (Status, StatusReason) {
    let reason = |rule, cue: Option<Span>| StatusReason { rule, cue };
    let gov = f.gov;
    let cue = gov.map(|g| g.cue);
    let past = |y: Option<i32>| y.zip(f.reference_year).is_some_and(|(y, r)| y < r);
    // 1. An estimate or forecast word that governs the figure. "Nếu (như) năm 2018 …
    // đạt X thì năm 2019 đạt Y" sets two past years side by side: no condition.
    let contrast = |g: &Gov| {
        g.class == CueClass::Condition
            && past(g.year)
            && g.until.zip(f.reference_year).is_some_and(|(u, r)| u <= r)
    };
    if let Some(g) = gov.filter(|g| g.is_estimate() && !contrast(g)) {
        let rule = if g.class == CueClass::Condition {
            StatusRule::Condition
        } else {
            StatusRule::EstimateCue
        };
        return (Status::Estimate, reason(rule, Some(g.cue)));
    }
    // A result measured against a plan, and policy terms, are never targets.
    if let Some(span) = f.after_plan {
        return (Status::Achieved, reason(StatusRule::PlanResult, Some(span)));
    }
    match gov.map(|g| g.class) {
        Some(CueClass::PlanResult) => {
            return (Status::Achieved, reason(StatusRule::PlanResult, cue));
        }
        Some(CueClass::Incentive) => {
            return (Status::Achieved, reason(StatusRule::Incentive, cue));
        }
        _ => {}
    }
    let future = |y: Option<i32>| y.zip(f.reference_year).is_some_and(|(y, r)| y > r);
    // 2. A year before the reference year is never a target.
    if past(f.year) {
        return (Status::Achieved, reason(StatusRule::PastYear, None));
    }
    if f.from_side {
        return (Status::Achieved, reason(StatusRule::Reported, None));
    }
    // 3. A goal word that governs the figure.
    if let Some(g) = gov {
        let goal = match g.class {
            CueClass::Goal => true,
            // A deadline is a goal when it lies ahead (or cannot be placed).
            CueClass::DatedGoal => {
                let y = g.year.or(f.year);
                f.reference_year.is_none() || future(y)
            }
            // "sẽ" with no year ahead is a forecast ("nguy cơ sẽ giảm 40%"); with a
            // year and no reference date to place it, an aim.
            CueClass::Future
                if !(future(f.year) || f.reference_year.is_none() && f.year.is_some()) =>
            {
                return (
                    Status::Estimate,
                    reason(StatusRule::EstimateCue, Some(g.cue)),
                );
            }
            CueClass::Future => true,
            _ => false,
        };
        if goal {
            let rule = if g.carried && g.scope == CueScope::List {
                StatusRule::GoalList
            } else {
                StatusRule::GoalCue
            };
            return (Status::Target, reason(rule, Some(g.cue)));
        }
    }
    let reported = gov.is_some_and(|g| matches!(g.class, CueClass::Report | CueClass::DatedGoal));
    // 4. A year after the reference year with no reporting word ("đạt" alone is
    // no report: "đến năm 2030 … đạt 40%").
    if future(f.year) && !reported && f.future_makes_goals {
        return (Status::Target, reason(StatusRule::FutureYear, None));
    }
    if reported || gov.is_some_and(|g| g.class == CueClass::WeakReport) {
        return (Status::Achieved, reason(StatusRule::ReportCue, cue));
    }
    if let Some(span) = f.rises_to {
        return (Status::Target, reason(StatusRule::GoalCue, Some(span)));
    }
    (Status::Achieved, reason(StatusRule::Reported, None))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(class: CueClass, at: usize) -> CueHit {
        CueHit {
            start: at,
            end: at + 1,
            class,
            scope: CueScope::Clause,
        }
    }

    fn facts(gov: Option<Gov>, year: Option<i32>, r: Option<i32>) -> Facts {
        Facts {
            gov,
            after_plan: None,
            year,
            reference_year: r,
            rises_to: None,
            from_side: false,
            future_makes_goals: true,
        }
    }

    #[test]
    fn estimate_beats_goal_in_one_group() {
        let g = govern(
            &[hit(CueClass::Estimate, 0), hit(CueClass::DatedGoal, 5)],
            None,
        );
        assert_eq!(g.map(|g| g.class), Some(CueClass::Estimate));
    }

    #[test]
    fn nearest_goal_or_report_wins_and_weak_reports_keep_a_goal() {
        let g = govern(&[hit(CueClass::Goal, 0), hit(CueClass::Report, 5)], None);
        assert_eq!(g.map(|g| g.class), Some(CueClass::Report));
        let goal = govern(&[hit(CueClass::Goal, 0)], None);
        let g = govern(&[hit(CueClass::WeakReport, 9)], goal);
        assert_eq!(
            g.map(|g| (g.class, g.carried)),
            Some((CueClass::Goal, true))
        );
        assert_eq!(govern(&[], goal).map(|g| g.carried), Some(true));
    }

    #[test]
    fn the_rules_in_order() {
        let goal = govern(&[hit(CueClass::Goal, 0)], None);
        let est = govern(&[hit(CueClass::Estimate, 0)], None);
        let dated = govern(&[hit(CueClass::DatedGoal, 0)], None);
        let s = |g, y, r| decide(&facts(g, y, r)).0;
        assert_eq!(s(est, Some(2030), Some(2020)), Status::Estimate);
        assert_eq!(s(goal, Some(2016), Some(2017)), Status::Achieved);
        assert_eq!(s(goal, Some(2017), Some(2017)), Status::Target);
        assert_eq!(s(dated, Some(2016), Some(2016)), Status::Achieved);
        assert_eq!(s(dated, Some(2025), Some(2020)), Status::Target);
        assert_eq!(s(None, Some(2025), Some(2020)), Status::Target);
        assert_eq!(s(None, Some(2020), Some(2020)), Status::Achieved);
        assert_eq!(
            decide(&facts(goal, Some(2016), Some(2017))).1.rule,
            StatusRule::PastYear
        );
    }
}
