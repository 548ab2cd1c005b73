//! Figures: a quantity plus what it measures, its comparator, year and status.
//!
//! Context rules (SPEC §4): a goal sentence's year carries to the figures after
//! it until another year is named; "lần lượt" takes the metrics of the sentence
//! before; estimate words beat target words; a comparison base is not the year.

use super::numbers::Quantity;
use crate::extract::cues::CueClass;
use crate::extract::time;
use crate::model::{Comparator, Figure, FigureKind, Place, RefDate, Sentence, Span};
use crate::reference::Reference;
use crate::text::{ends_with_word, match_key, on_word_boundary, WordSet};
use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::OnceLock;

mod clauses;
mod metric;
mod read;
mod resolve;
mod status;
mod years;

/// The words around numbers and metric phrases (`assets/metric_words.tsv`).
const METRIC_WORDS_TSV: &str = include_str!("../../assets/metric_words.tsv");

/// A set of words or phrases, looked up per word of every figure's context: a fast
/// fixed hash, as the keys are the asset's own words, not chosen by an input.
pub(super) type Words = HashSet<String, foldhash::fast::FixedState>;

/// The word lists of `assets/metric_words.tsv` as match keys ("khoảng" is "khỏang" on
/// the key text).
struct Cues {
    negative: WordSet,
    /// After a fall's verb: the number is a level ("giảm còn 3%"), not the fall.
    level: WordSet,
    /// After one unit of a currency: the words that price it in another ("đổi được").
    exchange: Vec<String>,
    /// A fall named as a noun ("mức giảm"): what it falls to is its size.
    fall_size: WordSet,
    growth: WordSet,
    comparators: Vec<(String, Comparator)>,
    /// The comparators' phrases alone.
    comparator_words: Words,
    stops: WordSet,
    /// Verbs of a percentage reached against a base ("đạt 158% so với …").
    ratio: Words,
    /// What a percentage reached is of when no "so với" names it ("290% kế hoạch").
    ratio_base: WordSet,
    /// Phrases a metric keeps though a stop or predicate word starts or ends them.
    keep: Words,
    drop: Vec<String>,
    /// Connectors taken off the end of a metric phrase, as written.
    trailing: Vec<String>,
    /// First words after a unit that start no phrase it measures.
    not_following: Vec<String>,
    /// Around a metric phrase named by no head: the predicate between it and the
    /// number, the words that end it on the left, a conjunction that shares the
    /// subject before.
    predicate: Words,
    lead: Words,
    join: Words,
    /// Phrases that name no metric by themselves (an agent, a rank, a discourse word).
    alone: Words,
    /// Verbs of a part's share of a whole ("A chiếm 44% B").
    share: Words,
    /// Words that join two clauses ("nhưng", "mà").
    connective: Words,
    /// A part of a year ("quý 2", "6 tháng đầu năm"), over the match key.
    part_of_year: regex::Regex,
    /// Prepositions left hanging when the place after them is cut off.
    before_place: Words,
    /// Conjunctions taken off the start of a metric phrase.
    leading: Vec<String>,
    /// The word of a ratio of two measures ("… trên GRDP").
    per: Words,
    /// Words that go on a metric head right after them ("tổng", "số").
    before_head: Words,
    /// Names written with a comma ("chế biến, chế tạo").
    comma_kept: Vec<String>,
    /// Verbs that state a figure ("đạt", "lên", "gấp"): a clause holding one has a subject.
    verb: Words,
    /// The verb of having between an owner and a head ("khu vực có vốn …").
    having: Words,
    /// Words that open a relative clause after a count ("dự án được cấp mới").
    relative: Vec<String>,
    /// Units whose figure names what it measures right after it ("500 ha đất sạch").
    named_after: Words,
    /// "với" right before an amount: what follows the amount names it.
    with: Words,
    /// Currencies, as written in units.
    money: Words,
    /// Function words: a phrase cut short starts right after one.
    function: Words,
    /// After a year: the period runs from it to the present ("từ năm 1990 đến nay").
    to_now: Vec<String>,
    /// Before a year: the period starts with that year ("từ đầu năm 2017 đến nay").
    year_start: Vec<String>,
    /// Before a figure in its clause: a stock as of now ("tính đến nay … có 301 dự án").
    stock: WordSet,
    stock_not_after: Words,
    /// Between a number and the year right after it: the year is that number's.
    year_after: Vec<String>,
    /// Words that quote a view ("cho rằng"): a "sẽ" after them foretells.
    opinion: WordSet,
    /// Reporting verbs of a level reached ("đạt"): after a purpose word in their
    /// clause ("để … đạt 8,5 - 9%") they state the aim.
    reach: Words,
    /// Verbs that name no measure by themselves ("thu hút", "cách"): a phrase ending
    /// with one gives way to what the number counts.
    action: Words,
    /// Verbs whose object is the amount after them ("nhập khẩu 1 triệu tấn lúa mỳ"),
    /// the words that may stand between, and the purpose words after the unit.
    trade: Words,
    trade_gap: Words,
    trade_purpose: Vec<String>,
    trade_noun: Words,
    /// Syllables that make another verb of a trade verb after them ("thừa nhận").
    trade_not_after: Words,
    /// Words that end the goods of a trade verb: a reason, a time, a condition ("trả
    /// vì cho rằng …", "trả rồi").
    trade_end: Vec<String>,
    /// Words that join the items of a list ("và", "trong đó có").
    item_join: Words,
    /// Adjectives of size and the nouns of their measures, for lengths and for areas.
    dimension: Vec<(String, String)>,
    dimension_area: Vec<(String, String)>,
    area: Words,
    dimension_unit: Words,
    mass_unit: Words,
    weight: Words,
    dimension_not_after: Words,
    /// The word of a price before an amount of money, and the words between it and
    /// what is priced.
    price: Words,
    price_lead: Words,
    price_not_after: Words,
    /// Cause, purpose and condition words: no object of a change starts with one.
    cause: Vec<String>,
    /// Words that open a paragraph going on with the one before ("Trong đó, …").
    continuation: Vec<String>,
    /// Words between "nếu" and the year it opens with ("nếu như năm 2019").
    condition_lead: Vec<String>,
    /// The most words in one phrase of those sets.
    longest: usize,
}

/// "dài=chiều dài" entries: the key of the word, and the noun as written.
fn pairs(entries: Vec<String>) -> Vec<(String, String)> {
    entries
        .iter()
        .filter_map(|e| e.split_once('='))
        .map(|(w, noun)| (match_key(w.trim()), noun.trim().to_string()))
        .collect()
}

fn cues() -> &'static Cues {
    static CUES: OnceLock<Cues> = OnceLock::new();
    CUES.get_or_init(|| {
        let mut lists: Vec<(String, Vec<String>)> = Vec::new();
        for row in crate::reference::data_lines(METRIC_WORDS_TSV).skip(1) {
            let words = row.get(1).map_or(Vec::new(), |w| {
                w.split(';')
                    .map(str::trim)
                    .filter(|x| !x.is_empty())
                    .map(String::from)
                    .collect()
            });
            lists.push((row.first().map_or("", |c| c.trim()).to_string(), words));
        }
        let list = |class: &str| -> Vec<String> {
            lists
                .iter()
                .filter(|(c, _)| c == class)
                .flat_map(|(_, w)| w.iter().cloned())
                .collect()
        };
        let keyed = |class: &str| list(class).iter().map(|w| match_key(w)).collect::<Vec<_>>();
        let mut comparators: Vec<(String, Comparator)> = lists
            .iter()
            .filter_map(|(c, words)| {
                let cmp = comparator_of(c.strip_prefix("comparator ")?)?;
                Some(words.iter().map(move |w| (match_key(w), cmp)))
            })
            .flatten()
            .collect();
        // Longest first: "không vượt quá" before "vượt", "trên dưới" before "dưới".
        comparators.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        let comparator_words: Words = comparators.iter().map(|(w, _)| w.clone()).collect();
        let longest = [
            "predicate",
            "lead",
            "join",
            "keep",
            "before-head",
            "per",
            "trade",
        ]
        .iter()
        .flat_map(|c| keyed(c))
        .chain(comparator_words.iter().cloned())
        .map(|w| w.split(' ').count())
        .max()
        .unwrap_or(1);
        Cues {
            comparator_words,
            longest,
            negative: WordSet::new(keyed("negative")),
            level: WordSet::new(keyed("level")),
            exchange: keyed("exchange"),
            fall_size: WordSet::new(keyed("fall-size")),
            growth: WordSet::new(keyed("growth")),
            comparators,
            stops: WordSet::new(keyed("stop")),
            keep: keyed("keep").into_iter().collect(),
            ratio: keyed("ratio").into_iter().collect(),
            ratio_base: WordSet::new(keyed("ratio-base")),
            drop: keyed("weak"),
            trailing: list("trailing"),
            not_following: keyed("not-following"),
            predicate: keyed("predicate").into_iter().collect(),
            lead: keyed("lead").into_iter().collect(),
            join: keyed("join").into_iter().collect(),
            alone: keyed("alone").into_iter().collect(),
            share: keyed("share").into_iter().collect(),
            connective: keyed("connective").into_iter().collect(),
            part_of_year: regex::Regex::new(&keyed("part-of-year").concat())
                .expect("assets/metric_words.tsv: part-of-year is a valid pattern"),
            before_place: keyed("before-place").into_iter().collect(),
            leading: keyed("leading"),
            per: keyed("per").into_iter().collect(),
            before_head: keyed("before-head").into_iter().collect(),
            comma_kept: keyed("comma-kept"),
            verb: keyed("verb").into_iter().collect(),
            having: keyed("having").into_iter().collect(),
            relative: keyed("relative"),
            named_after: keyed("named-after").into_iter().collect(),
            with: keyed("with").into_iter().collect(),
            money: list("money").into_iter().collect(),
            function: keyed("function").into_iter().collect(),
            to_now: keyed("to-now"),
            year_start: keyed("year-start"),
            year_after: keyed("year-after"),
            stock: WordSet::new(keyed("stock")),
            stock_not_after: keyed("stock-not-after").into_iter().collect(),
            opinion: WordSet::new(keyed("opinion")),
            reach: keyed("reach").into_iter().collect(),
            action: keyed("action").into_iter().collect(),
            trade: keyed("trade").into_iter().collect(),
            trade_gap: keyed("trade-gap").into_iter().collect(),
            trade_purpose: keyed("trade-purpose"),
            trade_noun: keyed("trade-noun").into_iter().collect(),
            trade_not_after: keyed("trade-not-after").into_iter().collect(),
            trade_end: keyed("trade-end"),
            item_join: keyed("item-join").into_iter().collect(),
            cause: keyed("cause"),
            price: keyed("price").into_iter().collect(),
            price_lead: keyed("price-lead").into_iter().collect(),
            price_not_after: keyed("price-not-after").into_iter().collect(),
            dimension: pairs(list("dimension")),
            dimension_area: pairs(list("dimension-area")),
            area: list("area").into_iter().collect(),
            dimension_unit: list("dimension-unit").into_iter().collect(),
            mass_unit: list("mass-unit").into_iter().collect(),
            weight: keyed("weight").into_iter().collect(),
            dimension_not_after: keyed("dimension-not-after").into_iter().collect(),
            continuation: keyed("continuation"),
            condition_lead: keyed("condition-lead"),
        }
    })
}

impl Cues {
    /// A verb of change: a rise or a fall ("tăng", "giảm", "sụt").
    fn changes(&self, w: &str) -> bool {
        self.growth.any(w) || self.negative.any(w)
    }

    /// A verb that starts another predicate: "đạt", "tăng", "là" ….
    fn predicate_verbs(&self, w: &str) -> bool {
        self.ratio.contains(w) || self.growth.any(w) || self.lead.contains(w)
    }

    /// Whether the comma at `at` of the key is inside a name written with one
    /// ("nông, lâm nghiệp và thủy sản"), not a clause boundary.
    fn comma_kept(&self, key: &str, at: usize) -> bool {
        self.comma_kept.iter().any(|k| {
            k.match_indices(',').any(|(c, _)| {
                at >= c
                    && key
                        .get(at - c..)
                        .is_some_and(|rest| rest.starts_with(k.as_str()))
            })
        })
    }
}

/// A comparator written as the export writes it.
fn comparator_of(symbol: &str) -> Option<Comparator> {
    Some(match symbol.trim() {
        "=" => Comparator::Eq,
        ">=" => Comparator::Ge,
        ">" => Comparator::Gt,
        "<=" => Comparator::Le,
        "<" => Comparator::Lt,
        "~" => Comparator::Approx,
        _ => return None,
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
    let (mut out, readings, evidence) = read::read(input, reference);
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
mod metric_tests;
#[cfg(test)]
mod status_tests;
#[cfg(test)]
mod tests;
