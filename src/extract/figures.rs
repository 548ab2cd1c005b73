//! Figures: a quantity plus what it measures, its comparator, year and status.
//!
//! Context rules (SPEC §4): a goal sentence's year carries to the figures after
//! it until another year is named; "lần lượt" takes the metrics of the sentence
//! before; estimate words beat target words; a comparison base is not the year.

use super::numbers::{quantities, Quantity};
use crate::extract::cues::{CueClass, CueHit, CueScope};
use crate::extract::time;
use crate::model::{Comparator, Figure, FigureKind, Place, Sentence, Span, Status};
use crate::model::{RefDate, StatusReason};
use crate::reference::Reference;
use crate::text::{match_key, on_word_boundary, WordSet};
use clauses::hard_boundary;
use metric::metric_for;
use resolve::{FigureTime, Reading, SentenceTime};
use status::Gov;
use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::OnceLock;
use years::{goal_year, periods_in, years_in, YearSpots};

mod clauses;
mod metric;
mod resolve;
mod status;
mod years;

const NEGATIVE_CUES: &[&str] = &["giảm", "sụt", "sụt giảm", "âm", "suy giảm"];
const GROWTH_CUES: &[&str] = &[
    "tăng trưởng",
    "tốc độ",
    "tăng",
    "giảm",
    "iip",
    "chỉ số sản xuất",
];
/// Comparator words directly before a number, longest first.
const COMPARATORS: &[(&str, Comparator)] = &[
    ("không vượt quá", Comparator::Le),
    ("không dưới", Comparator::Ge),
    ("không quá", Comparator::Le),
    ("không thấp hơn", Comparator::Ge),
    ("tối thiểu", Comparator::Ge),
    ("ít nhất", Comparator::Ge),
    ("trên dưới", Comparator::Approx),
    ("xấp xỉ", Comparator::Approx),
    ("tối đa", Comparator::Le),
    ("khoảng", Comparator::Approx),
    ("gần", Comparator::Approx),
    ("ước", Comparator::Approx),
    ("hơn", Comparator::Gt),
    ("vượt", Comparator::Gt),
    ("trên", Comparator::Gt),
    ("dưới", Comparator::Lt),
];
/// Verbs, comparators and cue words trimmed off a fallback metric ("sẽ chi gần" → "chi").
const WEAK_WORDS: &[&str] = &[
    "đạt", "là", "chiếm", "tăng", "giảm", "khoảng", "gần", "trên", "dưới", "tối", "thiểu", "đa",
    "ước", "dự", "kiến", "sẽ", "vẫn", "bình", "quân", "từ", "lên", "xuống", "hơn", "xấp", "xỉ",
    "có", "mức", "ở", "với", "được", "đã", "nay", "vào", "thêm", "dù", "mặc", "nhưng", "và",
];
/// Words that end a metric phrase (the verb or qualifier after the noun phrase).
const METRIC_STOPS: &[&str] = &[
    "đạt",
    "là",
    "chiếm",
    "tăng",
    "giảm",
    "ước",
    "dự kiến",
    "khoảng",
    "phấn đấu",
    "sẽ",
    "vẫn",
    "ở mức",
    "có",
    "đến",
    "năm",
    "giai đoạn",
    "bình quân",
    "từ",
    "trên",
    "dưới",
    "tối thiểu",
    "tối đa",
    "so với",
    "lần lượt",
    "với",
    "gấp",
    "mỗi",
    "hằng",
    "hàng",
    "hơn",
    "đều",
    "luôn",
    "thì",
    "được",
    "nhằm",
    "để",
    "xấp xỉ",
    "gần",
    "lên",
    "xuống",
    "của tỉnh",
    "của thành phố",
    "của cả nước",
    "toàn tỉnh",
    "trong tháng",
    "trong quý",
    "ngày càng",
    "cũng",
    "mới",
    "chỉ",
];

/// The word lists above as match keys ("khoảng" is "khỏang" on the key text).
struct Cues {
    negative: WordSet,
    growth: WordSet,
    comparators: Vec<(String, Comparator)>,
    stops: WordSet,
    drop: Vec<String>,
}

fn cues() -> &'static Cues {
    static CUES: OnceLock<Cues> = OnceLock::new();
    CUES.get_or_init(|| {
        let keyed = |l: &[&str]| l.iter().map(|w| match_key(w)).collect::<Vec<_>>();
        let set = |l: &[&str]| WordSet::new(keyed(l));
        Cues {
            negative: set(NEGATIVE_CUES),
            growth: set(GROWTH_CUES),
            comparators: COMPARATORS
                .iter()
                .map(|(w, c)| (match_key(w), *c))
                .collect(),
            stops: set(METRIC_STOPS),
            drop: keyed(WEAK_WORDS),
        }
    })
}

/// Occurrences of `phrase` in `key` on word boundaries.
fn find_word(key: &str, phrase: &str) -> Option<usize> {
    let (hay, pat) = (key.as_bytes(), phrase.as_bytes());
    let (&first, rest) = pat.split_first()?;
    let mut from = 0;
    // The haystacks are a few words: a plain scan beats building a `StrSearcher`,
    // and comparing the first byte before the rest saves a `memcmp` call per byte.
    while from + pat.len() <= hay.len() {
        let Some(i) = hay[from..=hay.len() - pat.len()]
            .iter()
            .position(|&b| b == first)
        else {
            break;
        };
        let s = from + i;
        if &hay[s + 1..s + pat.len()] != rest {
            from = s + 1;
            continue;
        }
        if on_word_boundary(key, s, s + phrase.len()) {
            return Some(s);
        }
        from = s + phrase.len();
    }
    None
}

/// `hay.find(pat)` for the short haystacks here, without building a `StrSearcher`.
fn find_sub(hay: &str, pat: &str) -> Option<usize> {
    let (h, p) = (hay.as_bytes(), pat.as_bytes());
    let (&first, rest) = p.split_first()?;
    let last = h.len().checked_sub(p.len())?;
    (0..=last).find(|&s| h[s] == first && &h[s + 1..s + p.len()] == rest)
}

fn has_any(key: &str, cues: &WordSet) -> bool {
    cues.any(key)
}

struct Ctx<'a> {
    text: &'a str,
    key: &'a str,
    reference: &'a Reference,
    places: &'a [(Place, Span)],
}

/// Everything the extraction of figures reads besides the text.
pub struct FigureInput<'a> {
    pub text: &'a str,
    pub key: &'a str,
    pub sentences: &'a [Sentence],
    pub places: &'a [(Place, Span)],
    /// A reference date known before reading (stated in the text, metadata, file name).
    pub known_date: Option<RefDate>,
}

/// Extract every figure of the document, and the reference date it was read
/// against (the known one, else inferred from what the text reports). `place` is
/// left `None`; the caller attributes.
pub fn extract_figures(
    input: &FigureInput<'_>,
    reference: &'static Reference,
) -> (Vec<Figure>, Option<RefDate>) {
    let (mut out, readings, evidence) = read(input, reference);
    let date = input
        .known_date
        .or_else(|| time::infer_reference(&evidence));
    // Whether a sentence without figures reports (and so ends a goal frame): asked
    // only while a frame is open.
    let reports = |s: Span| {
        reference
            .cues
            .find(input.key, s.start, s.end)
            .iter()
            .any(|h| h.class == CueClass::Report)
    };
    // A reference year inferred from verbs alone ("năm 1990 … có") is too weak to
    // make later years goals by itself (rule 4); it still keeps past years reported.
    let weak = input.known_date.is_none() && evidence.is_weak();
    let time = resolve::Time {
        reference_year: date.map(|d| d.date.year),
        future_makes_goals: !weak,
    };
    resolve::resolve(&mut out, &readings, time, &reports);
    (out, date)
}

/// Stage one: every quantity of every sentence with its clause, governing cue and
/// the years named around it; the years a text reports and sets as goals.
fn read(
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
    for (si, sentence) in sentences.iter().enumerate() {
        let sp = sentence.span();
        let sentence_text = &text[sp.range()];
        let item = clauses::is_list_item(sentence_text);
        if !(item || list_open) || sentence.boilerplate {
            list_gov = None;
        }
        list_open = false;
        // A unit matched across a line break can run past the sentence: keep it inside.
        let qs: Vec<Quantity> = quantities(text, key, sp.start, sp.end, reference)
            .into_iter()
            .filter(|q| q.end <= sp.end)
            .collect();
        let spots = YearSpots::scan(key, sp.start, sp.end);
        if qs.is_empty() {
            let opens = clauses::opens_list(sentence_text);
            let lead = if spots.lead_within(sp.start, sp.end) {
                goal_year(key, sp.start, sp.end)
            } else {
                None
            };
            let named = if spots.year_within(sp.start, sp.end) {
                years_in(key, sp.start, sp.end)
            } else {
                Vec::new()
            };
            let needs_cues = opens || lead.is_some() || spots.year_within(sp.start, sp.end);
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
            if !sentence.boilerplate
                && (report_word || !any_goal)
                && spots.year_within(sp.start, sp.end)
            {
                let partial = time::partial_years(key, sp.start, sp.end);
                let all: Vec<i32> = if report_word {
                    named.iter().chain(&partial).map(|y| y.1).collect()
                } else {
                    // A full date there is most often a cited decree's ("ngày 03/11/2015").
                    partial
                        .iter()
                        .filter(|y| {
                            let head = &key.as_bytes()[y.0.saturating_sub(6)..y.0];
                            head.iter().filter(|&&b| b == b'/').count() < 2
                        })
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
                paragraph: sentence.paragraph,
                goal_year: frame,
                names_year: spots.year_within(sp.start, sp.end),
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
        let respectively = skey.contains("lần lượt");
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
            let joined_to_prev = boundary.is_none() && prev.is_some();
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
            let group: Vec<CueHit> = hits
                .iter()
                .filter(|h| h.start >= since.max(clause_start) && h.end <= q.start)
                // A cue of the next number reaches it only across a few words.
                .filter(|h| {
                    h.scope != CueScope::Next || words_between(key, h.end, q.start) <= NEXT_REACH
                })
                .filter(|h| !asides.iter().any(|&(a, b)| a <= h.start && h.end <= b))
                .copied()
                .collect();
            // A year named since the previous number, with no cue, starts afresh: the
            // words that governed before do not reach past it.
            let fresh_year = group.iter().all(|h| h.class == CueClass::WeakReport)
                && spots.year_within(prev_end.max(clause_start), q.start)
                && !years(prev_end.max(clause_start), q.start).is_empty();
            let carried_state = if fresh_year { None } else { state };
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
            // "Tỉnh Vĩnh Phúc sẽ chi …": a province that "will" states its own aim.
            if let Some(g) = gov.as_mut().filter(|g| g.class == CueClass::Future) {
                let head = key[..g.cue.start].trim_end();
                if places.iter().any(|(_, s)| s.end == head.len()) {
                    g.class = CueClass::Goal;
                }
            }
            // The figure as the subject of a goal: "khoảng 11 cụm công nghiệp sẽ phải
            // giải tỏa"; compared with the same period before, it is reported.
            let weak = gov.is_none_or(|g| g.class == CueClass::WeakReport);
            match after {
                Some(h) if h.class == CueClass::Goal && weak => gov = status::govern(&[h], None),
                Some(h)
                    if h.class == CueClass::Report && (weak || gov.is_some_and(|g| g.carried)) =>
                {
                    gov = status::govern(&[h], None)
                }
                _ => {}
            }
            if let Some(g) = gov.as_mut().filter(|g| g.class == CueClass::DatedGoal) {
                g.year = g.year.or_else(|| year_after(key, g.cue.end));
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
            let bracket_year = bracketed_year(key, q.end);
            let own_year = years(own_start, q.start)
                .into_iter()
                .rfind(|y| !asides.iter().any(|&(a, b)| a <= y.0 && y.0 < b))
                .map(|y| y.1)
                .or_else(|| years(q.end, year_tail_end).first().map(|y| y.1))
                .or(bracket_year)
                .or_else(|| years(clause_start, own_start).last().map(|y| y.1));
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
            let near = last_words(local, 3);
            // A fall is negative; a factor ("giảm 4 lần") or a count is not signed.
            let negative = q.unit == "%" && cues().negative.any(&near);
            let sign = if negative { -1.0 } else { 1.0 };

            let inherited = if respectively {
                prev_sentence_figs.get(qi).map(|m| {
                    let f = m.get(&out);
                    (f.metric.to_string(), f.kind)
                })
            } else {
                None
            };
            let metric = match &inherited {
                Some((m, _)) => m.clone(),
                None => metric_for(&ctx, slice_start, q, tail_end, prev, boundary),
            };
            let kind = match &inherited {
                Some((_, k)) if q.unit == "%" => *k,
                _ => kind_of(q, &metric, local),
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
                    aside: {
                        let before = &key[sp.start..q.start];
                        before.matches('(').count() > before.matches(')').count()
                    },
                    paragraph: sentence.paragraph,
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

/// A figure made from one of this sentence's numbers: kept in the output, or a
/// repeat that was not kept but still leads the next number and the next sentence.
enum Made {
    Kept(usize),
    Repeat(Box<Figure>),
}

impl Made {
    fn kept(&self) -> Option<usize> {
        match self {
            Made::Kept(i) => Some(*i),
            Made::Repeat(_) => None,
        }
    }

    fn get<'a>(&'a self, out: &'a [Figure]) -> &'a Figure {
        match self {
            Made::Kept(i) => &out[*i],
            Made::Repeat(f) => f,
        }
    }
}

fn ends_with_word(key: &str, word: &str) -> bool {
    let t = key.trim_end();
    t.ends_with(word) && on_word_boundary(t, t.len() - word.len(), t.len())
}

/// The last `n` words joined by single spaces; read from the end, as clauses are long.
/// Borrowed when the text already separates them by single spaces (nearly always).
fn last_words(key: &str, n: usize) -> Cow<'_, str> {
    let (mut first, mut last, mut count, mut letters) = (0, 0, 0, 0);
    for (start, end) in crate::text::words_rev(key).take(n) {
        if count == 0 {
            last = end;
        }
        first = start;
        count += 1;
        letters += end - start;
    }
    let span = &key[first..last];
    let single_spaces =
        span.len() + 1 == letters + count && !span.bytes().any(|b| matches!(b, b'\t'..=b'\r'));
    if count == 0 || single_spaces {
        return Cow::Borrowed(span);
    }
    let mut words: Vec<&str> = key.split_whitespace().rev().take(n).collect();
    words.reverse();
    Cow::Owned(words.join(" "))
}

fn comparator(local: &str, tail: &str) -> Comparator {
    let tail = tail.trim_start();
    if tail.starts_with("trở lên") {
        return Comparator::Ge;
    }
    if tail.starts_with("trở xuống") {
        return Comparator::Le;
    }
    let near = last_words(local, 3);
    let near = near.trim_end();
    for (w, c) in &cues().comparators {
        if near.ends_with(w.as_str()) && on_word_boundary(near, near.len() - w.len(), near.len()) {
            return *c;
        }
    }
    // "tối thiểu là 45%": the comparator may stand one word further back.
    for (w, c) in &cues().comparators {
        if find_word(near, w).is_some() && !matches!(c, Comparator::Lt | Comparator::Gt) {
            return *c;
        }
    }
    Comparator::Eq
}

fn kind_of(q: &Quantity, metric: &str, local: &str) -> FigureKind {
    if q.unit != "%" {
        return q.unit_kind;
    }
    let mk = match_key(metric);
    if mk.contains("tỷ trọng")
        || mk.contains("tỉ trọng")
        || mk.contains("tỷ lệ")
        || mk.contains("tỉ lệ")
    {
        return FigureKind::Share;
    }
    let near = last_words(local, 4);
    let falls_or_rises = find_word(&near, "tăng").is_some() || find_word(&near, "giảm").is_some();
    if q.per_year || has_any(&mk, &cues().growth) || falls_or_rises {
        return FigureKind::Growth;
    }
    FigureKind::Share
}

/// A cheap hasher for the repeat check, whose keys start with a hash already:
/// SipHash's resistance to chosen keys buys nothing there.
#[derive(Default)]
struct Mix(u64);

impl std::hash::Hasher for Mix {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
}

type BuildMix = std::hash::BuildHasherDefault<Mix>;

fn hash_of(s: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    s.hash(&mut h);
    h.finish()
}

#[cfg(test)]
mod status_tests;
#[cfg(test)]
mod tests;
