//! Figures: a quantity plus what it measures, its comparator, year and status.
//!
//! Context rules (SPEC §4): a goal sentence's year carries to the figures after
//! it until another year is named; "lần lượt" takes the metrics of the sentence
//! before; estimate words beat target words; a comparison base is not the year.

use super::numbers::{quantities, Quantity};
use crate::model::{Comparator, Figure, FigureKind, Place, Sentence, Span, Status};
use crate::reference::Reference;
use crate::text::{match_key, on_word_boundary, WordSet};
use metric::metric_for;
use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::OnceLock;
use years::{goal_year, periods_in, years_in, YearSpots};

mod metric;
mod years;

const ESTIMATE_CUES: &[&str] = &["dự kiến", "ước tính", "ước đạt", "ước", "dự báo", "dự tính"];
const TARGET_CUES: &[&str] = &[
    "mục tiêu",
    "phấn đấu",
    "đến năm",
    "đến hết năm",
    "sẽ",
    "định hướng",
    "chỉ tiêu",
    "hướng tới",
    "tầm nhìn",
    "kế hoạch",
    "cần đạt",
    "nâng lên",
    "đề ra",
];
const ACHIEVED_CUES: &[&str] = &["đã", "đạt được", "trước đó", "vừa qua"];
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
    estimate: WordSet,
    target: WordSet,
    achieved: WordSet,
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
            estimate: set(ESTIMATE_CUES),
            target: set(TARGET_CUES),
            achieved: set(ACHIEVED_CUES),
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

/// Extract every figure of the document. `place` is left `None`; the caller attributes.
pub fn extract_figures(
    text: &str,
    key: &str,
    sentences: &[Sentence],
    places: &[(Place, Span)],
    doc_year: Option<i32>,
    reference: &'static Reference,
) -> Vec<Figure> {
    let ctx = Ctx {
        text,
        key,
        reference,
        places,
    };
    let mut out: Vec<Figure> = Vec::new();
    let mut carry: Option<i32> = None;
    let mut prev_sentence_figs: Vec<Made> = Vec::new();
    let mut seen: HashSet<(u64, u64, Cow<'static, str>, usize), BuildMix> = HashSet::default();
    for (si, sentence) in sentences.iter().enumerate() {
        if sentence.boilerplate && si > 0 && !sentences[si - 1].boilerplate {
            carry = None;
        }
        let sp = sentence.span();
        // A unit matched across a line break can run past the sentence: keep it inside.
        let qs: Vec<Quantity> = quantities(text, key, sp.start, sp.end, reference)
            .into_iter()
            .filter(|q| q.end <= sp.end)
            .collect();
        let sentence_hash = if qs.is_empty() {
            0
        } else {
            hash_of(&text[sp.range()])
        };
        let skey = &key[sp.range()];
        let respectively = skey.contains("lần lượt");
        let spots = YearSpots::scan(key, sp.start, sp.end);
        let years = |from: usize, to: usize| {
            if spots.year_within(from, to) {
                years_in(key, from, to)
            } else {
                Vec::new()
            }
        };
        let periods = |from: usize, to: usize| {
            if spots.year_within(from, to) {
                periods_in(key, from, to)
            } else {
                Vec::new()
            }
        };
        let goal = |from: usize, to: usize| {
            if spots.lead_within(from, to) {
                goal_year(key, from, to)
            } else {
                None
            }
        };
        let mut this_sentence: Vec<Made> = Vec::new();
        let mut prev_end = sp.start;
        for (qi, q) in qs.iter().enumerate() {
            let prev = this_sentence.last().map(|m| m.get(&out));
            let boundary = hard_boundary(key, prev_end.max(sp.start), q.start);
            let slice_start = boundary.unwrap_or(prev_end);
            let joined_to_prev = boundary.is_none() && prev.is_some();
            let next_start = qs.get(qi + 1).map(|n| n.start).unwrap_or(sp.end);
            let tail_end = hard_boundary(key, q.end, next_start).unwrap_or(next_start);
            let local = &key[slice_start..q.start];

            // Year and period: before the figure first, then right after it.
            let period = periods(slice_start, q.start)
                .last()
                .map(|p| p.1)
                .or_else(|| periods(q.end, tail_end).first().map(|p| p.1));
            let own_year = years(slice_start, q.start)
                .last()
                .map(|y| y.1)
                .or_else(|| years(q.end, tail_end).first().map(|y| y.1));
            let target_word = has_any(local, &cues().target);
            if let Some(g) = goal(slice_start, q.start.max(slice_start)) {
                carry = Some(g);
            } else if own_year.is_some() && !target_word {
                carry = None;
            }

            // "từ 650.000 tấn lên 800.000 tấn": the first is where it stands, the second the aim.
            let tail = &key[q.end..tail_end];
            let from_side = ends_with_word(local, "từ")
                && find_word(tail, "lên").is_some_and(|i| !tail[..i].trim_end().ends_with("trở"));
            let estimate = has_any(local, &cues().estimate);
            let target_cue = target_word || ends_with_word(local, "lên");
            let achieved_cue = has_any(local, &cues().achieved);
            // A year that only opens or closes the stated period stands for the period's end.
            let own_year = match (own_year, period) {
                (Some(y), Some(p)) if y == p[0] || y == p[1] => Some(p[1]),
                (y, _) => y,
            };
            let mut year = own_year.or(period.map(|p| p[1]));
            let mut status = if estimate {
                Status::Estimate
            } else if target_cue && !from_side {
                Status::Target
            } else if achieved_cue || from_side {
                Status::Achieved
            } else if joined_to_prev && year.is_none() {
                prev.map(|p| p.status).unwrap_or(Status::Achieved)
            } else if (year.is_none() && carry.is_some())
                || year.zip(doc_year).is_some_and(|(y, d)| y > d)
            {
                Status::Target
            } else {
                Status::Achieved
            };
            if year.is_none() && !from_side {
                if joined_to_prev {
                    year = prev.and_then(|p| p.year);
                }
                if year.is_none() && status == Status::Target {
                    year = carry;
                }
            }
            if status == Status::Target && year.zip(doc_year).is_some_and(|(y, d)| y <= d) {
                status = Status::Achieved;
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
                year,
                period,
                status,
                reason: Default::default(),
            };
            // Page furniture repeats a headline as link and title: keep one copy.
            let repeated = !seen.insert((sentence_hash, fig.value.to_bits(), fig.unit.clone(), qi));
            prev_end = q.end;
            if repeated {
                this_sentence.push(Made::Repeat(Box::new(fig)));
            } else {
                this_sentence.push(Made::Kept(out.len()));
                out.push(fig);
            }
        }
        // A year named without a goal ends the carried goal year.
        if qs.is_empty() {
            if let Some(g) = goal(sp.start, sp.end) {
                carry = Some(g);
            } else if !years(sp.start, sp.end).is_empty() {
                carry = None;
            }
        }
        if !this_sentence.is_empty() {
            prev_sentence_figs = this_sentence;
        }
    }
    out
}

/// A figure made from one of this sentence's numbers: kept in the output, or a
/// repeat that was not kept but still leads the next number and the next sentence.
enum Made {
    Kept(usize),
    Repeat(Box<Figure>),
}

impl Made {
    fn get<'a>(&'a self, out: &'a [Figure]) -> &'a Figure {
        match self {
            Made::Kept(i) => &out[*i],
            Made::Repeat(f) => f,
        }
    }
}

/// The last clause boundary (`;`, `:`, an unclosed `(`) between `from` and `to`.
fn hard_boundary(key: &str, from: usize, to: usize) -> Option<usize> {
    let slice = key.get(from..to)?;
    let mut found = None;
    let mut depth_open: Option<usize> = None;
    for (i, c) in slice.char_indices() {
        match c {
            ';' | ':' => found = Some(from + i + 1),
            '(' => depth_open = Some(from + i + 1),
            ')' => depth_open = None,
            _ => {}
        }
    }
    match (found, depth_open) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
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
mod tests;
