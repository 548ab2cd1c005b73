//! Stage one of figure extraction: every quantity of every sentence with its
//! clause, governing cue and the years named around it, and the years the text
//! reports and sets as goals (the evidence for its reference date).

use super::clauses::{self, hard_boundary};
use super::metric::{metric_for, row_label};
use super::resolve::{FigureTime, Reading, SentenceTime};
use super::status::{self, Gov};
use super::years::{goal_year, opens_with_dateline, periods_in, years_in, YearSpots};
use super::{
    comparator, cues, ends_with_word, find_word, hash_of, kind_of, last_words, BuildMix, Ctx,
    FigureInput, Made,
};
use crate::extract::cues::{CueClass, CueHit, CueScope};
use crate::extract::numbers::{quantities, Quantity};
use crate::extract::time;
use crate::model::{Figure, Span, Status, StatusReason};
use crate::reference::Reference;
use std::borrow::Cow;
use std::collections::HashSet;

/// Stage one: every quantity of every sentence with its clause, governing cue and
/// the years named around it; the years a text reports and sets as goals.
pub(super) fn read(
    input: &FigureInput<'_>,
    reference: &'static Reference,
) -> (Vec<Figure>, Vec<Reading>, time::YearEvidence) {
    let FigureInput {
        text,
        key,
        sentences,
        places,
        ..
    } = *input;
    let ctx = Ctx {
        text,
        key,
        reference,
        places,
    };
    let cue_table = &reference.cues;
    let mut out: Vec<Figure> = Vec::new();
    let mut readings: Vec<Reading> = Vec::new();
    let mut evidence = time::YearEvidence::default();
    let mut prev_sentence_figs: Vec<Made> = Vec::new();
    let mut seen: HashSet<(u64, u64, Cow<'static, str>, usize), BuildMix> = HashSet::default();
    // The cue a list head opened, governing the items on the lines after it.
    let mut list_gov: Option<Gov> = None;
    let mut list_open = false;
    // Paragraphs as the time of figures reads them: one that opens with "Trong đó" or
    // "Cụ thể" goes on with the one before.
    let mut paragraph: u32 = 0;
    let mut last_paragraph: Option<u32> = None;
    for (si, sentence) in sentences.iter().enumerate() {
        let sp = sentence.span();
        if last_paragraph != Some(sentence.paragraph) {
            if last_paragraph.is_some() && !continues(&key[sp.range()]) {
                paragraph += 1;
            }
            last_paragraph = Some(sentence.paragraph);
        }
        let sentence_text = &text[sp.range()];
        let item = clauses::is_list_item(sentence_text);
        if !(item || list_open) || sentence.boilerplate {
            list_gov = None;
        }
        list_open = false;
        let votes = reference.not_figure_words.any(&key[sp.start..sp.end]);
        // A unit matched across a line break can run past the sentence: keep it inside.
        let qs: Vec<Quantity> = quantities(text, key, sp.start, sp.end, reference)
            .into_iter()
            .filter(|q| q.end <= sp.end)
            // Votes and head counts: asked only of sentences that speak of them.
            .filter(|q| !votes || !counts_a_meeting(key, sp.start, q.start, reference))
            .filter(|q| !numeraire(key, q, sp.end))
            .collect();
        let spots = YearSpots::scan(key, sp.start, sp.end);
        // "Ngày 6/2, UBND tỉnh tổ chức ngày hội đầu tư Xuân Đinh Dậu 2017": a dateline
        // with one year named beside it dates the text; not a period ("nhiệm kỳ
        // 2020-2025") nor a year a goal word sets ahead ("công bố quy hoạch đến năm 2030").
        if !sentence.boilerplate
            && spots.year_within(sp.start, sp.end)
            && opens_with_dateline(&key[sp.range()])
            && periods_in(key, sp.start, sp.end).is_empty()
            && !cue_table.find(key, sp.start, sp.end).iter().any(|h| {
                matches!(
                    h.class,
                    CueClass::Goal | CueClass::DatedGoal | CueClass::Future
                )
            })
        {
            if let [(_, year)] = years_in(key, sp.start, sp.end)[..] {
                evidence.reported.push(year);
            }
        }
        if qs.is_empty() {
            let opens = clauses::opens_list(sentence_text);
            let lead = if spots.lead_within(sp.start, sp.end) {
                goal_year(key, sp.start, sp.end)
            } else {
                None
            };
            let dated = spots.year_within(sp.start, sp.end);
            let named = if dated {
                years_in(key, sp.start, sp.end)
            } else {
                Vec::new()
            };
            let needs_cues = opens || lead.is_some() || dated;
            let hits = if needs_cues {
                cue_table.find(key, sp.start, sp.end)
            } else {
                Vec::new()
            };
            let report_word = hits.iter().any(|h| h.class == CueClass::Report);
            let goal_word = !report_word && hits.iter().any(|h| h.class == CueClass::Goal);
            let goal_here =
                goal_word || hits.iter().any(|h| h.class == CueClass::DatedGoal) && lead.is_some();
            // "Sáu tháng đầu năm 2017 tiếp tục …": a reporting word dates the text.
            // A quarter or month named with its year ("nhiệm vụ quý II/2025") is near
            // the time a text speaks from, unless a goal word sets it ahead.
            let any_goal = hits.iter().any(|h| h.class == CueClass::Goal);
            if !sentence.boilerplate && (report_word || !any_goal) && dated {
                let partial = time::partial_years(key, sp.start, sp.end);
                let all: Vec<i32> = if report_word {
                    named.iter().chain(&partial).map(|y| y.1).collect()
                } else {
                    // A full date there is most often a cited decree's ("ngày 03/11/2015").
                    partial
                        .iter()
                        .filter(|y| !time::is_full_date(key, y.0))
                        .map(|y| y.1)
                        .collect()
                };
                evidence.reported.extend(all);
            }
            // "Năm 2019, tỉnh đề ra 26 chỉ tiêu …": a goal word and a year frame the
            // figures that follow.
            let frame = lead
                .or_else(|| named.iter().map(|y| y.1).max())
                .filter(|_| goal_here);
            readings.push(Reading::Sentence(SentenceTime {
                span: sp,
                paragraph,
                goal_year: frame,
                names_year: spots.year_within(sp.start, sp.end),
                turns: cue_table.opens_with_turn(key, sp.start, sp.end),
                boilerplate: sentence.boilerplate,
            }));
            if opens {
                let g = status::govern(&hits, list_gov);
                list_gov = g.filter(|g| g.is_goal() || g.is_estimate());
                list_open = true;
            }
            continue;
        }
        let sentence_hash = hash_of(sentence_text);
        let skey = &key[sp.range()];
        let respective_at = find_word(skey, "lần lượt").map(|i| sp.start + i);
        // The sentence's years and periods, found once; each figure reads a range.
        let (named, partial, spans) = if spots.year_within(sp.start, sp.end) {
            (
                years_in(key, sp.start, sp.end),
                time::partial_years(key, sp.start, sp.end),
                periods_in(key, sp.start, sp.end),
            )
        } else {
            (Vec::new(), Vec::new(), Vec::new())
        };
        let mut all_years = named;
        all_years.extend(partial.iter().copied());
        all_years.sort_unstable();
        let within = |v: &[(usize, i32)], from: usize, to: usize| -> Vec<(usize, i32)> {
            v.iter()
                .copied()
                .filter(|&(p, _)| p >= from && p + 4 <= to)
                .collect()
        };
        let years = |from: usize, to: usize| within(&all_years, from, to);
        let periods = |from: usize, to: usize| -> Vec<(usize, [i32; 2])> {
            spans
                .iter()
                .copied()
                .filter(|&(p, _)| p >= from && p + 9 <= to)
                .collect()
        };
        // Cues govern the numbers after them: none after the last number is read.
        let last_start = qs.last().map_or(sp.end, |q| q.start);
        let (mut hits, relatives) = cue_table.find_with_time(key, sp.start, sp.end);
        hits.retain(|h| h.end <= last_start);
        let mut state: Option<Gov> = list_gov.map(Gov::carried);
        let mut this_sentence: Vec<Made> = Vec::new();
        let mut prev_end = sp.start;
        let mut consumed = sp.start;
        // "từ X lên Y": Y is an aim only after a "từ X".
        let mut prev_from = false;
        for (qi, q) in qs.iter().enumerate() {
            let prev = this_sentence.last().map(|m| m.get(&out));
            let boundary = hard_boundary(key, prev_end.max(sp.start), q.start);
            let slice_start = boundary.unwrap_or(prev_end);
            let clause_start = clauses::clause_start(key, sp.start, q.start);
            // A figure in an aside that closed before this one is no part of its clause.
            let joined_to_prev = boundary.is_none()
                && prev.is_some()
                && !clauses::in_closed_bracket(key, sp.start, prev_end, q.start);
            let next_start = qs.get(qi + 1).map(|n| n.start).unwrap_or(sp.end);
            let tail_end = hard_boundary(key, q.end, next_start).unwrap_or(next_start);
            // A year after the number dates it only within its own phrase: in "9,4%,
            // năm 2017 tăng 9,53%" the year belongs to the figure after the comma.
            let year_tail_end = key[q.end..tail_end]
                .find([',', '('])
                .map_or(tail_end, |i| q.end + i);
            let local = &key[slice_start..q.start];

            // Cues: those since the previous number, less bracketed asides that closed.
            let asides = clauses::closed_asides(key, prev_end, q.start);
            let since = prev_end.max(consumed);
            // Cues of earlier clauses that no figure used: those that reach on govern.
            let pre: Vec<CueHit> = hits
                .iter()
                .filter(|h| h.start >= since && h.end <= clause_start)
                .filter(|h| status::persists(h.scope, h.class))
                .copied()
                .collect();
            if !pre.is_empty() {
                state = status::govern(&pre, state).filter(Gov::persists);
            }
            let mut group: Vec<CueHit> = hits
                .iter()
                .filter(|h| h.start >= since.max(clause_start) && h.end <= q.start)
                // A cue of the next number reaches it only across a few words.
                .filter(|h| {
                    h.scope != CueScope::Next || words_between(key, h.end, q.start) <= NEXT_REACH
                })
                .filter(|h| !asides.iter().any(|&(a, b)| a <= h.start && h.end <= b))
                .copied()
                .collect();
            // "Năm 2021 được dự báo còn nhiều khó khăn, tuy nhiên, … đặt mục tiêu …": after
            // a turn, neither the words before it nor what governed before reach on.
            let turned = group.iter().rposition(|h| h.class == CueClass::Turn);
            if let Some(i) = turned {
                group.drain(..=i);
            }
            // A year named since the previous number, with no cue, starts afresh: the
            // words that governed before do not reach past it.
            // A goal list that moves on in time keeps its goal: "phấn đấu đến năm 2020
            // … đạt trên 4,5 tỉ USD, năm 2030 đạt 8 - 10 tỉ USD".
            let named = years(prev_end.max(clause_start), q.start);
            let goal_moves_on = state.is_some_and(|g| g.is_goal())
                && named
                    .last()
                    .is_some_and(|&(_, y)| prev.and_then(|p| p.year).is_some_and(|py| y > py));
            let fresh_year = group.iter().all(|h| h.class == CueClass::WeakReport)
                && spots.year_within(prev_end.max(clause_start), q.start)
                && !named.is_empty()
                && !goal_moves_on;
            let carried_state = if fresh_year || turned.is_some() {
                None
            } else {
                state
            };
            // "bằng 96% so với năm 2020 (701,210 tỷ đồng)": the bracket gives the base's value.
            let base_value = key[..q.start]
                .trim_end()
                .strip_suffix('(')
                .and_then(|h| time::comparison_base_year(key, prev_end.min(h.len()), h.len()));
            let after = cue_table.find_after(key, q.end, tail_end);
            let mut gov = if base_value.is_some() {
                None
            } else {
                status::govern(&group, carried_state)
            };
            // A view quoted ("chuyên gia cho rằng … tỉnh sẽ tăng 5%") foretells; "Tỉnh
            // Vĩnh Phúc sẽ chi …": a province that "will" states its own aim.
            if let Some(g) = gov.as_mut().filter(|g| {
                g.class == CueClass::Future
                    || g.class == CueClass::Goal && cue_table.said_with_future(&key[g.cue.range()])
            }) {
                let head = key[..g.cue.start].trim_end();
                if cues()
                    .opinion
                    .any(&key[sp.start.min(head.len())..head.len()])
                {
                    g.class = CueClass::Forecast;
                } else if places.iter().any(|(_, s)| s.end == head.len()) {
                    g.class = CueClass::Goal;
                }
            }
            // The figure as the subject of a goal: "khoảng 11 cụm công nghiệp sẽ phải
            // giải tỏa"; compared with the same period before, it is reported — unless
            // it is the change of an estimate ("ước đạt 850 triệu USD, tăng 6,3% so với
            // cùng kỳ" compares the estimate with the year before).
            let weak = gov.is_none_or(|g| g.class == CueClass::WeakReport);
            let carried = gov.is_some_and(|g| g.carried && !g.is_estimate());
            match after {
                Some(h) if h.class == CueClass::Goal && weak => gov = status::govern(&[h], None),
                Some(h) if h.class == CueClass::Report && (weak || carried) => {
                    gov = status::govern(&[h], None)
                }
                _ => {}
            }
            // "… để thúc đẩy tăng trưởng đạt từ 8,5 - 9%": a level that a purpose brings
            // about is its aim, when nothing comes between them (a comma, "và": "… để mở
            // rộng nhà máy, doanh thu đạt …") and no report governs on ("đã khai thác 5.000
            // km2 để nuôi trồng thủy sản đạt 100 tấn/năm", "… đạt 300 tỷ đồng so với cùng kỳ").
            let reported_before = carried_state.is_some_and(|s| s.class == CueClass::Report);
            if let Some(g) = gov.as_mut().filter(|g| {
                g.class == CueClass::WeakReport
                    && !g.carried
                    && !reported_before
                    && cues().reach.contains(&key[g.cue.range()])
                    // "ông Đạt thực hiện …": a name, not the verb.
                    && !text[g.cue.range()].starts_with(char::is_uppercase)
            }) {
                let purpose = group.iter().find(|h| {
                    h.class == CueClass::Purpose
                        && key.get(h.end..g.cue.start).is_some_and(|gap| {
                            !gap.contains([',', ';']) && find_word(gap, "và").is_none()
                        })
                });
                if let Some(p) = purpose {
                    *g = Gov {
                        class: CueClass::Goal,
                        cue: Span::new(p.start, p.end),
                        ..*g
                    };
                }
            }
            if let Some(g) = gov.as_mut().filter(|g| g.class == CueClass::DatedGoal) {
                g.year = g.year.or_else(|| year_after(key, g.cue.end));
            }
            // "Nếu (như) năm 2018 … thì năm 2019 …": a condition that opens with a year.
            if let Some(g) = gov.as_mut().filter(|g| g.class == CueClass::Condition) {
                let mut rest = key[g.cue.end..].trim_start();
                for w in &cues().condition_lead {
                    if crate::text::starts_with_word(rest, w) {
                        rest = rest[w.len()..].trim_start();
                    }
                }
                // The latest year of the sentence stands for it: "Nếu năm 2019 … thì năm
                // 2025 …" looks ahead and stays a condition.
                g.year = year_after(rest, 0);
                g.until = years_in(key, sp.start, sp.end).iter().map(|y| y.1).max();
            }
            state = gov
                .filter(Gov::persists)
                .or(state.filter(|_| gov.is_none()));
            let after_plan = after
                .filter(|h| h.class == CueClass::PlanResult)
                .map(|h| Span::new(h.start, h.end));
            // "đạt 290% kế hoạch năm, bằng 85%": the plan word was this figure's.
            consumed = after_plan.map_or(q.end, |s| s.end);

            // Time: years before the figure in its clause first, then right after it.
            let period = periods(clause_start, q.start)
                .last()
                .map(|p| p.1)
                .or_else(|| periods(q.end, year_tail_end).first().map(|p| p.1));
            // Its own words first, then the year right after it, then the clause's
            // earlier words: "25% đến năm 2025, 40% đến năm 2030".
            // The words up to the first comma after the previous number are its tail.
            let own_start = if prev_end > clause_start {
                key[prev_end..q.start]
                    .find(',')
                    .map_or(prev_end, |i| prev_end + i + 1)
            } else {
                clause_start
            };
            // "từ gần 41% năm 2015 lên hơn 45% năm 2016", "40% vào năm 2005 và 60% vào
            // năm 2010": the year right after the number before is that number's.
            let own_start = match years(prev_end.max(own_start), q.start).first() {
                Some(&(at, _))
                    if prev_end > clause_start
                        && key.get(prev_end..at).map(str::trim).is_some_and(|gap| {
                            gap.is_empty() || cues().year_after.iter().any(|w| w == gap)
                        }) =>
                {
                    at + 4
                }
                _ => own_start,
            };
            let bracket_year = bracketed_year(key, q.end);
            let own_year = years(own_start, q.start)
                .into_iter()
                .rfind(|y| !asides.iter().any(|&(a, b)| a <= y.0 && y.0 < b))
                .map(|y| y.1)
                .or_else(|| years(q.end, year_tail_end).first().map(|y| y.1))
                .or(bracket_year)
                .or_else(|| {
                    // "(…, năm 2017 tăng 9,53%) với mức thực hiện …": a closed aside's
                    // year is not the clause's.
                    years(clause_start, own_start)
                        .into_iter()
                        .rfind(|y| !clauses::in_closed_bracket(key, clause_start, y.0, q.start))
                        .map(|y| y.1)
                });
            // A year that only opens or closes the stated period stands for the period's end.
            let own_year = match (own_year, period) {
                (Some(y), Some(p)) if y == p[0] || y == p[1] => Some(p[1]),
                (y, _) => y,
            };
            let relative = relatives
                .iter()
                .rfind(|h| h.start >= clause_start && h.end <= q.start)
                .or_else(|| {
                    relatives
                        .iter()
                        .find(|h| h.start >= q.end && h.end <= year_tail_end)
                })
                .copied();
            let base = time::comparison_base_year(key, q.end, year_tail_end);
            // "đã khai thác 10 triệu tấn dầu thô …, tăng 1 triệu tấn … so với cùng kỳ năm
            // 2003": the same period a year before, named later in the sentence, is the
            // base of all it reports.
            let same_period = base
                .and(time::same_period_base_year(key, q.end, year_tail_end))
                .or_else(|| time::same_period_base_year(key, q.end, sp.end));
            // A goal deadline led in ("đến năm 2025, …"): wanted only by a goal with no year.
            let lead = if own_year.is_none() && period.is_none() && gov.is_some_and(|g| g.is_goal())
            {
                [clause_start, sp.start].into_iter().find_map(|from| {
                    spots
                        .lead_within(from, q.start)
                        .then(|| goal_year(key, from, q.start))
                        .flatten()
                })
            } else {
                None
            };

            // "từ 650.000 tấn lên 800.000 tấn": the first is where it stands, the second the aim.
            let tail = &key[q.end..tail_end];
            let from_side = ends_with_word(local, "từ")
                && find_word(tail, "lên").is_some_and(|i| !tail[..i].trim_end().ends_with("trở"));
            let rises_to = (prev_from && ends_with_word(local, "lên")).then(|| {
                let t = local.trim_end();
                Span::new(slice_start + t.len() - "lên".len(), slice_start + t.len())
            });

            prev_from = from_side;
            let explicit = base_value.or(own_year).or(period.map(|p| p[1]));
            // A quarter or month named with its year is under way or past.
            if gov.is_none_or(|g| !g.is_goal()) {
                evidence
                    .reported
                    .extend(within(&partial, own_start, q.start).iter().map(|p| p.1));
            }
            // "so với đầu năm 2004", "so với cùng kỳ 2003": the text speaks from that
            // year at least, from the one after the same period.
            // Not a goal's base: "gấp đôi vào năm 2050 so với năm 2025" speaks from before.
            if let Some(b) = base.filter(|_| gov.is_none_or(|g| !g.is_goal() && !g.is_estimate())) {
                evidence.since.push(same_period.map_or(b, |y| y + 1));
            }
            if let (Some(y), Some(g)) = (explicit, gov) {
                match g.class {
                    CueClass::Goal | CueClass::Future if !g.carried => evidence.goals.push(y),
                    CueClass::Report | CueClass::EstimateNow => evidence.reported.push(y),
                    // "năm 2020 … tăng 4,44%"; a period's end may lie ahead.
                    CueClass::WeakReport if own_year.is_some() && period.is_none() => {
                        evidence.weakly_reported.push(y)
                    }
                    _ => {}
                }
            }

            let comparator = comparator(local, &key[q.end..tail_end]);

            // "lần lượt": the figures after it take, in order, the metrics of as many
            // figures before it in the sentence ("xuất khẩu đạt 19 tỷ USD, nhập khẩu đạt
            // 14,7 tỷ USD, giảm lần lượt 2,27% và 6,91%"), else of the sentence before.
            let inherited = respective_at.filter(|&at| q.start > at).and_then(|at| {
                // The enumeration: "2,27% và 6,91%", not the figures of the clauses after it.
                let mut after: Vec<&Quantity> = Vec::new();
                for x in qs.iter().filter(|x| x.start > at) {
                    let listed = after.last().is_none_or(|p: &&Quantity| {
                        key[p.end..x.start]
                            .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';'))
                            .all(|w| w.is_empty() || w == "và" || w == "-" || w == "–")
                    });
                    if !listed {
                        break;
                    }
                    after.push(x);
                }
                let j = after.iter().position(|x| x.start == q.start)?;
                let before: Vec<&Made> = this_sentence
                    .iter()
                    .filter(|m| m.get(&out).span.end <= at)
                    .collect();
                let source = if before.len() >= after.len() {
                    before.get(before.len() - after.len() + j).copied()
                } else {
                    prev_sentence_figs.get(j)
                };
                source.map(|m| {
                    let f = m.get(&out);
                    // A share or rate takes its kind from a share or rate only.
                    let kind = (f.unit == "%").then_some(f.kind);
                    (f.metric.to_string(), kind)
                })
            });
            let metric = match &inherited {
                Some((m, _)) => m.clone(),
                None => row_label(ctx.text, sp.start, q.start)
                    .unwrap_or_else(|| metric_for(&ctx, slice_start, q, tail_end, prev, boundary)),
            };
            // An enumerated figure reads its verb before "lần lượt": "giảm lần lượt 2,27%
            // và 6,91%" are both falls.
            let verb_words = match (&inherited, respective_at) {
                (Some(_), Some(at)) => &key[clause_start.min(at)..at],
                _ => local,
            };
            let near = last_words(verb_words, 3);
            // A fall is negative; a factor ("giảm 4 lần"), a count or a level it falls to
            // or from ("giảm còn 3%", "giảm từ 10% xuống 8%") is not signed.
            // "mức giảm chỉ còn 0,3%": the size of a fall stays a fall.
            let negative = q.unit == "%"
                && cues().negative.first(&near).is_some_and(|(_, end, _)| {
                    !cues().level.any(&near[end..])
                        || cues().fall_size.any(&last_words(verb_words, 5))
                });
            let sign = if negative { -1.0 } else { 1.0 };
            let kind = match &inherited {
                Some((_, Some(k))) if q.unit == "%" => *k,
                _ => kind_of(q, &metric, verb_words),
            };
            let fig = Figure {
                place: None,
                document: 0,
                sentence: crate::model::ix(si),
                span: Span::new(q.start, q.end),
                metric: metric.into_boxed_str(),
                kind,
                comparator,
                value: sign * q.value,
                value_max: q.value_max.map(|v| sign * v),
                unit: q.unit.clone(),
                per_year: q.per_year,
                year: explicit,
                period,
                status: Status::Achieved,
                reason: StatusReason::default(),
            };
            // Page furniture repeats a headline as link and title: keep one copy.
            let repeated = !seen.insert((sentence_hash, fig.value.to_bits(), fig.unit.clone(), qi));
            prev_end = q.end;
            let joined_prev = if joined_to_prev {
                this_sentence.last().and_then(Made::kept)
            } else {
                None
            };
            if repeated {
                this_sentence.push(Made::Repeat(Box::new(fig)));
            } else {
                readings.push(Reading::Figure(FigureTime {
                    figure: out.len(),
                    gov,
                    after_plan,
                    explicit,
                    relative,
                    lead,
                    base,
                    base_value: base_value.is_some(),
                    // "tăng 8,1% so với cùng kỳ năm ngoái", "So với cùng kỳ năm ngoái, … tăng 8,1%".
                    against_last_year: [(q.end, year_tail_end), (clause_start, q.start)]
                        .into_iter()
                        .any(|(a, b)| reference.time_phrases.against_last_year(key, a, b)),
                    stock: stock_before(key, clause_start, q.start),
                    same_period,
                    aside: {
                        let before = &key[sp.start..q.start];
                        before.matches('(').count() > before.matches(')').count()
                    },
                    paragraph,
                    turns: qi == 0 && cue_table.opens_with_turn(key, sp.start, sp.end),
                    joined_prev,
                    from_side,
                    rises_to,
                }));
                this_sentence.push(Made::Kept(out.len()));
                out.push(fig);
            }
        }
        if clauses::opens_list(sentence_text) {
            list_gov = state.filter(|g| g.is_goal() || g.is_estimate());
            list_open = true;
        }
        if !this_sentence.is_empty() {
            prev_sentence_figs = this_sentence;
        }
    }
    (out, readings, evidence)
}

/// How many words may stand between a cue of the next number and that number
/// ("phải đạt mức tăng trưởng cao hơn 12%": five).
const NEXT_REACH: usize = 7;

/// "385.000 tấn (năm 2005)": a year alone in brackets right after a figure dates it.
fn bracketed_year(key: &str, at: usize) -> Option<i32> {
    let rest = key.get(at..)?.trim_start().strip_prefix('(')?.trim_start();
    let rest = rest.strip_prefix("năm").unwrap_or(rest).trim_start();
    let y: i32 = rest.get(..4)?.parse().ok()?;
    let closes = rest[4..].trim_start().starts_with(')');
    (closes && (1950..=2100).contains(&y)).then_some(y)
}

/// Whether a paragraph's first sentence goes on with the paragraph before it.
fn continues(key: &str) -> bool {
    cues()
        .continuation
        .iter()
        .any(|w| crate::text::starts_with_word(key, w))
}

fn words_between(key: &str, from: usize, to: usize) -> usize {
    key.get(from..to)
        .map_or(0, |s| s.split_whitespace().count())
}

/// The four digits after a deadline cue ("đến năm 2025").
fn year_after(key: &str, at: usize) -> Option<i32> {
    let rest = key.get(at..)?.trim_start();
    let y: i32 = rest.get(..4)?.parse().ok()?;
    (1950..=2100).contains(&y).then_some(y)
}

/// Votes and attendance are no figures: a vote or attendance word among the few
/// words before the number ("45/48 đại biểu tán thành, đạt 93,75%"), not a vote
/// that adopted a plan with figures in it (`assets/not_figures.txt`).
/// "1 euro đổi được 1,2144 USD": one unit of a currency priced in another is the
/// rate's measure, not a figure.
fn numeraire(key: &str, q: &Quantity, to: usize) -> bool {
    q.value == 1.0
        && q.value_max.is_none()
        && cues().money.contains(q.unit.as_ref())
        && key.get(q.end..to).is_some_and(|rest| {
            cues()
                .exchange
                .iter()
                .any(|w| crate::text::starts_with_word(rest.trim_start(), w))
        })
}

fn counts_a_meeting(key: &str, from: usize, at: usize, reference: &Reference) -> bool {
    let head = &key[from..at];
    let clause = head.rfind([';', ':', '.']).map_or(head, |i| &head[i + 1..]);
    let near = last_words(clause, 5);
    reference.not_figure_words.any(&near)
}

/// Whether `key[from..to]` opens a stock as of now ("tính đến nay", "lũy kế"): not a
/// word of another ("thực hiện có", "xuất hiện"), nor this year to date ("từ đầu năm
/// đến nay").
fn stock_before(key: &str, from: usize, to: usize) -> bool {
    let a = cues();
    let mut at = from;
    while let Some((s, e, _)) = key.get(at..to).and_then(|h| a.stock.first(h)) {
        let head = key[..at + s].trim_end();
        if super::metric::ends_with_any(head, &a.stock_not_after).is_none() {
            return true;
        }
        at += e;
    }
    false
}
