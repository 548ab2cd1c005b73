//! Filtering and ranking of short Vietnamese labels, shared by the TUI's `/` filter and
//! `vnie search`.
//!
//! Neither `fuzzy-matcher` nor any other matcher we measured folds Vietnamese diacritics, so
//! both sides are folded here (NFD, tone and vowel marks dropped, `đ` → `d`, lowercase,
//! whitespace collapsed): the labels once at load time ([`Haystack`]), the query per keystroke.
//!
//! Ranking has two tiers because the skim v2 scorer is the one that ranks abbreviations and
//! gapped queries well, but it takes about a second per keystroke at 1M labels:
//! - tier 0, words ([`Ranker::quick`]): every query word occurs in the label as a substring,
//!   or, for a word without a vowel (`cn`, `cnht`, `hcm`: never a Vietnamese syllable), as
//!   the initials of consecutive words. Byte search and top-k selection; this is the first
//!   screen after each keystroke.
//! - tier 1, fuzzy ([`Ranker::rank`]): labels that only the skim scorer matches, ranked after
//!   every tier-0 hit. [`FilterWorker`] computes it off the UI thread.
//!
//! Tier-0 scores are the same number in `quick` and `rank`, so the first screen never
//! reshuffles when the full ranking arrives: `quick(q, k)` is the first `k` tier-0 hits of
//! `rank(q)`.

use std::cmp::Ordering as CmpOrdering;
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_matcher::FuzzyMatcher;
use memchr::memmem;
use rayon::prelude::*;
use unicode_normalization::char::decompose_canonical;

/// [`Hit::tier`] of a label in which every query word occurs (as a substring, or as
/// initials for a vowel-less word).
pub const TIER_SUBSTRING: u8 = 0;
/// [`Hit::tier`] of a label matched only by the skim fuzzy scorer.
pub const TIER_FUZZY: u8 = 1;

/// Added to every tier-0 score so that sorting by score alone puts tier 0 before tier 1
/// (skim scores are `i32`, so tier-1 keys stay below 2^40).
const TIER0_BASE: i64 = 1 << 48;

/// Below this many haystacks `quick` stays on the calling thread: rayon's fork/join costs
/// more than it saves on a few milliseconds of work.
const QUICK_PAR_MIN: usize = 20_000;
/// Unit of parallel work.
const CHUNK: usize = 4096;
/// How many labels `rank` scores between looks at its cancel flag.
const CANCEL_EVERY: usize = 256;
/// How many display positions [`Ranker::first_in_order`] tests one by one before it
/// switches to one pass over every label in memory order.
const WALK_BUDGET: usize = 16_384;
/// How many matches [`Ranker::first_in_order`] keeps beyond the first screen, when it had
/// to look at every label anyway, for the next keystroke to narrow.
const KEEP_ALL: usize = 1 << 17;
/// How long [`FilterWorker`] waits after a query is submitted before ranking it: typing
/// usually brings another key within this, which would cancel the ranking anyway.
const DEBOUNCE: Duration = Duration::from_millis(50);
/// Queries with fewer letters than this (spaces not counted) get no fuzzy tier from
/// [`FilterWorker`] (see [`fuzzy_tier`]).
const FUZZY_MIN_CHARS: usize = 3;

// ---------------------------------------------------------------------------------------
// Folding
// ---------------------------------------------------------------------------------------

/// The folded form of a display label, built once at load time, and where its chars
/// came from in the label. `folded` is public for reading; change it only through
/// [`Haystack::new`], which also derives private lookup data from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Haystack {
    pub folded: Box<str>,
    /// Char index in `folded` -> char index in `display`. Empty when folded char `i` came
    /// from display char `i` for every `i`, which holds for NFC Vietnamese with single
    /// spaces; skipping it there saves 4 bytes per char on millions of labels.
    /// Boxed twice so that the usual `None` costs one word, not two.
    map: Option<Box<Box<[u32]>>>,
    /// Bloom signature of the byte pairs of `folded` (see `pair_sig`), as two words:
    /// a `u128` would align the struct to 16 bytes and pad it by 8.
    sig: [u64; 2],
}

impl Haystack {
    pub fn new(display: &str) -> Self {
        Self::fold(
            display,
            &mut String::with_capacity(display.len()),
            &mut Vec::new(),
        )
    }

    /// `new` with scratch buffers reused from label to label.
    fn fold(display: &str, buf: &mut String, map: &mut Vec<u32>) -> Self {
        let (folded, map) = fold_mapped(display, buf, map);
        let sig = pair_sig(folded.as_bytes());
        Haystack {
            sig: [sig as u64, (sig >> 64) as u64],
            folded,
            map: (!map.is_empty()).then(|| Box::new(map)),
        }
    }

    /// `new` over many labels, in parallel.
    pub fn build_all<S: AsRef<str> + Sync>(labels: &[S]) -> Vec<Haystack> {
        labels
            .par_iter()
            .map_init(
                || (String::new(), Vec::new()),
                |(buf, map), s| Self::fold(s.as_ref(), buf, map),
            )
            .collect()
    }

    /// [`Haystack::build_all`] over `n` labels made on the fly by `label`: each is
    /// dropped once folded, so a large corpus never holds all its labels at once (the
    /// explorer makes a row's label again from the corpus when it shows the row).
    pub fn build_from(n: usize, label: impl Fn(usize) -> String + Sync) -> Vec<Haystack> {
        (0..n)
            .into_par_iter()
            .map_init(
                || (String::new(), Vec::new()),
                |(buf, map), i| Self::fold(&label(i), buf, map),
            )
            .collect()
    }

    /// Display char index of folded char `i`. Always < the display's char count when `i`
    /// is a char index of `folded`.
    fn display_index(&self, i: usize) -> Option<usize> {
        match &self.map {
            None => Some(i),
            Some(map) => map.get(i).map(|&d| d as usize),
        }
    }

    fn sig(&self) -> u128 {
        u128::from(self.sig[0]) | (u128::from(self.sig[1]) << 64)
    }
}

/// A 128-bit Bloom filter of the adjacent byte pairs of `s`. A word occurs in a label
/// only if all its pairs do, so `quick` rejects most labels from this one number, in the
/// `Haystack` array it walks anyway, without touching the label's bytes elsewhere in
/// memory (at 1M labels, "thanh" leaves ~13% to search; the search is memory-bound).
fn pair_sig(s: &[u8]) -> u128 {
    s.windows(2).fold(0, |m, w| {
        // Fibonacci hashing of the pair; the top 7 bits pick the bit.
        let h = ((u32::from(w[0]) << 8) | u32::from(w[1])).wrapping_mul(0x9E37_79B1) >> 25;
        m | (1u128 << h)
    })
}

/// Folds `display` through scratch buffers and returns exact-size copies: a million
/// labels would otherwise keep the third that folding strips as slack capacity.
fn fold_mapped(display: &str, buf: &mut String, map: &mut Vec<u32>) -> (Box<str>, Box<[u32]>) {
    buf.clear();
    map.clear();
    let mut identity = true;
    let mut n = 0u32;
    fold_with(display, |c, src| {
        if identity && src != n {
            identity = false;
            map.extend(0..n);
        }
        if !identity {
            map.push(src);
        }
        buf.push(c);
        n += 1;
    });
    (buf.as_str().into(), map.as_slice().into())
}

/// Fold for matching: NFD, drop combining marks U+0300–U+036F, `đ`/`Đ` → `d`, lowercase,
/// whitespace runs → one space, trimmed. Idempotent.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_with(s, |c, _| out.push(c));
    out
}

/// True when `new` folds to an extension of `old`'s fold. Every hit of `new` is then a hit
/// of `old` (each word of `old` is inside a word of `new`, and a subsequence match of
/// `new` contains one of its prefix `old`), so [`Ranker::rank_subset`] over `old`'s hits
/// gives exactly `rank(new)`.
pub fn extends(new: &str, old: &str) -> bool {
    fold(new).starts_with(&fold(old))
}

fn is_dropped_mark(c: char) -> bool {
    ('\u{0300}'..='\u{036F}').contains(&c)
}

/// Invisible characters that web text scatters inside words (soft hyphens, zero-width
/// spaces, BOMs); left in, `noi` would miss `Nộ\u{200B}i`.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// Emits each folded char with the index of the display char it came from. Shared by
/// [`fold`] and [`Haystack::new`] so that query and label fold identically.
fn fold_with(s: &str, mut emit: impl FnMut(char, u32)) {
    // A run of whitespace becomes one space, emitted only once a later char shows that
    // the run is not trailing; it maps to the run's first char.
    let mut space: Option<u32> = None;
    let mut any = false;
    if s.is_ascii() {
        for (i, b) in s.bytes().enumerate() {
            let i = i as u32;
            if matches!(b, b' ' | b'\t'..=b'\r') {
                if any && space.is_none() {
                    space = Some(i);
                }
                continue;
            }
            if let Some(at) = space.take() {
                emit(' ', at);
            }
            emit(b.to_ascii_lowercase() as char, i);
            any = true;
        }
        return;
    }
    let table = latin_table();
    for (i, c) in s.chars().enumerate() {
        let i = i as u32;
        if c.is_whitespace() {
            if any && space.is_none() {
                space = Some(i);
            }
            continue;
        }
        let mut put = |d: char| {
            if let Some(at) = space.take() {
                emit(' ', at);
            }
            emit(d, i);
            any = true;
        };
        if c.is_ascii() {
            put(c.to_ascii_lowercase());
        } else if let Some(&b) = latin_index(c)
            .and_then(|k| table.get(k))
            .filter(|&&b| b != 0)
        {
            put(b as char);
        } else {
            fold_char_slow(c, &mut put);
        }
    }
}

/// The general case of folding one non-whitespace char.
fn fold_char_slow(c: char, put: &mut impl FnMut(char)) {
    match c {
        // U+00D0/U+00F0 (eth) look identical to Đ/đ and turn up in mistyped text.
        'đ' | 'Đ' | 'ð' | 'Ð' => put('d'),
        _ if is_invisible(c) || is_dropped_mark(c) => {}
        _ => decompose_canonical(c, |d| {
            if is_dropped_mark(d) {
                return;
            }
            for l in d.to_lowercase() {
                // Lowercasing can itself produce a composed char or a mark
                // (U+0130 → i + U+0307); decomposing again keeps fold idempotent.
                if l.is_ascii() {
                    put(l);
                } else {
                    decompose_canonical(l, |e| {
                        if !is_dropped_mark(e) && !is_invisible(e) {
                            put(if matches!(e, 'đ' | 'ð') { 'd' } else { e });
                        }
                    });
                }
            }
        }),
    }
}

/// Latin-1 Supplement to Latin Extended-B, and Latin Extended Additional (where most
/// precomposed Vietnamese letters live).
const LATIN_LOW: std::ops::Range<u32> = 0x00C0..0x0250;
const LATIN_HIGH: std::ops::Range<u32> = 0x1E00..0x1F00;

fn latin_index(c: char) -> Option<usize> {
    let u = c as u32;
    if LATIN_LOW.contains(&u) {
        Some((u - LATIN_LOW.start) as usize)
    } else if LATIN_HIGH.contains(&u) {
        Some(LATIN_LOW.len() + (u - LATIN_HIGH.start) as usize)
    } else {
        None
    }
}

/// For each char of the two Latin blocks, the single ASCII byte it folds to, or 0 when
/// it folds to something else. A quarter of the chars of Vietnamese text are such
/// letters, and going through the Unicode decomposition tables for each made folding
/// twice as slow. Derived from `fold_char_slow`, so both paths agree by
/// construction.
fn latin_table() -> &'static [u8] {
    static TABLE: OnceLock<Vec<u8>> = OnceLock::new();
    TABLE.get_or_init(|| {
        LATIN_LOW
            .chain(LATIN_HIGH)
            .map(|u| {
                let mut out = [0u8; 2];
                let mut n = 0;
                if let Some(c) = char::from_u32(u) {
                    fold_char_slow(c, &mut |d| {
                        if n < 2 {
                            out[n] = if d.is_ascii() { d as u8 } else { 0 };
                        }
                        n += 1;
                    });
                }
                if n == 1 {
                    out[0]
                } else {
                    0
                }
            })
            .collect()
    })
}

// ---------------------------------------------------------------------------------------
// Query preparation and the substring tier
// ---------------------------------------------------------------------------------------

struct Word {
    finder: memmem::Finder<'static>,
    /// Vietnamese syllables all have a vowel, so a word without one (`cn`, `cnht`, `kcn`,
    /// `hcm`) is an abbreviation and may also match the initials of consecutive words.
    abbrev: bool,
}

impl Word {
    fn new(w: &str) -> Self {
        let b = w.as_bytes();
        Word {
            finder: memmem::Finder::new(b).into_owned(),
            abbrev: (2..=MAX_INITIALS).contains(&b.len())
                && b.iter()
                    .all(|c| c.is_ascii_lowercase() && !b"aeiouy".contains(c)),
        }
    }

    fn bytes(&self) -> &[u8] {
        self.finder.needle()
    }
}

/// Longer vowel-less words are not taken for abbreviations.
const MAX_INITIALS: usize = 12;

/// How a query word was found in a label; higher is better.
const WHOLE_WORD: u8 = 3;
const WORD_START: u8 = 2;
const INITIALS: u8 = 1;
const INSIDE: u8 = 0;

/// A folded query with its byte searchers, built once per keystroke, not per label.
struct Query {
    folded: String,
    /// Plain words longest first: the longest word is usually the rarest, so most labels
    /// are rejected by the first search.
    words: Vec<Word>,
    /// The whole folded query, searched only for labels that already matched every word.
    phrase: memmem::Finder<'static>,
    /// Pairs every matching label has: those of the words that must occur as substrings
    /// (an abbreviation may match as initials instead).
    sig: u128,
}

impl Query {
    fn new(query: &str) -> Self {
        let folded = fold(query);
        let mut words: Vec<Word> = folded
            .split(' ')
            .filter(|w| !w.is_empty())
            .map(Word::new)
            .collect();
        // Abbreviations last: one may still match as initials, so it cannot rule a label out
        // as cheaply as a plain word.
        words.sort_by_key(|w| (w.abbrev, std::cmp::Reverse(w.bytes().len())));
        let phrase = memmem::Finder::new(folded.as_bytes()).into_owned();
        let sig = words
            .iter()
            .filter(|w| !w.abbrev)
            .fold(0, |m, w| m | pair_sig(w.bytes()));
        Query {
            folded,
            words,
            phrase,
            sig,
        }
    }

    fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// Whether the char starting at byte `i` is alphanumeric, and its length.
fn alnum_at(f: &str, i: usize) -> (bool, usize) {
    match f.as_bytes().get(i) {
        None => (false, 1),
        Some(b) if b.is_ascii() => (b.is_ascii_alphanumeric(), 1),
        Some(_) => match f.get(i..).and_then(|s| s.chars().next()) {
            Some(c) => (c.is_alphanumeric(), c.len_utf8()),
            None => (false, 1),
        },
    }
}

/// Whether the char before byte `pos` is not alphanumeric (or `pos` is the start).
fn boundary_before(f: &str, pos: usize) -> bool {
    if pos == 0 {
        return true;
    }
    match f.as_bytes().get(pos - 1) {
        Some(b) if b.is_ascii() => !b.is_ascii_alphanumeric(),
        _ => match f.get(..pos).and_then(|s| s.chars().next_back()) {
            Some(c) => !c.is_alphanumeric(),
            None => false,
        },
    }
}

/// Whether the char at byte `pos` is not alphanumeric (or `pos` is the end).
fn boundary_at(f: &str, pos: usize) -> bool {
    !alnum_at(f, pos).0
}

/// Byte offset of the first char of the word after the one containing byte `i`.
fn next_word_start(f: &str, mut i: usize) -> Option<usize> {
    let mut in_word = true;
    while i < f.len() {
        let (alnum, len) = alnum_at(f, i);
        if alnum && !in_word {
            return Some(i);
        }
        in_word = alnum;
        i += len;
    }
    None
}

/// Byte offset of the first of `w.len()` consecutive words whose first letters spell
/// `w` (ASCII), at the first place where they do.
fn initials(f: &str, w: &[u8]) -> Option<usize> {
    let (&w0, rest) = w.split_first()?;
    let b = f.as_bytes();
    // Only word starts holding the first letter can begin a match; memchr finds those
    // candidates without walking every word of every label.
    'candidates: for p in memchr::memchr_iter(w0, b) {
        if !boundary_before(f, p) {
            continue;
        }
        let mut q = p;
        for &c in rest {
            match next_word_start(f, q) {
                Some(s) if b[s] == c => q = s,
                _ => continue 'candidates,
            }
        }
        return Some(p);
    }
    None
}

/// The word starts of an initials match of `n` letters beginning at `start`.
fn initials_positions(f: &str, start: usize, n: usize) -> Vec<usize> {
    std::iter::successors(Some(start), |&p| next_word_start(f, p))
        .take(n)
        .collect()
}

/// The occurrence of `finder`'s needle to credit: the first one at a word start, else the
/// first one. Returns (byte offset, at word start).
fn best_occurrence(finder: &memmem::Finder<'_>, f: &str) -> Option<(usize, bool)> {
    let hay = f.as_bytes();
    let first = finder.find(hay)?;
    if boundary_before(f, first) {
        return Some((first, true));
    }
    let mut from = first + 1;
    while let Some(p) = hay.get(from..).and_then(|h| finder.find(h)) {
        let p = from + p;
        if boundary_before(f, p) {
            return Some((p, true));
        }
        from = p + 1;
    }
    Some((first, false))
}

/// Where and how well query word `w` occurs in label `f`: (byte offset, quality).
/// `weak`: whether a match that is not at a word start (initials, inside a word) is
/// still worth finding.
fn match_word(w: &Word, f: &str, weak: bool) -> Option<(usize, u8)> {
    let found = best_occurrence(&w.finder, f);
    match found {
        Some((p, true)) => {
            let whole = boundary_at(f, p + w.bytes().len());
            Some((p, if whole { WHOLE_WORD } else { WORD_START }))
        }
        _ if !weak => None,
        _ => {
            if w.abbrev {
                if let Some(p) = initials(f, w.bytes()) {
                    return Some((p, INITIALS));
                }
            }
            found.map(|(p, _)| (p, INSIDE))
        }
    }
}

/// The highest tier-0 score a label of class `class` can get.
const fn class_ceiling(class: i64) -> i64 {
    TIER0_BASE + (class << 32) + 0xFFFF_FFFF
}

/// Tier-0 score of folded label `f`, or None unless every query word occurs in it
/// (as a substring, or as initials for an abbreviation). May also return None early when
/// the score would be below `threshold`.
///
/// Layout, most significant first: class (exact label > label starts with the query at a
/// word end > starts with it > query phrase at a word start > phrase elsewhere, or every
/// word at a word start > the rest), the words' summed match quality, then shorter label
/// and earlier match.
fn substring_score(q: &Query, h: &Haystack, threshold: i64) -> Option<i64> {
    if q.is_empty() {
        return Some(TIER0_BASE);
    }
    if h.sig() & q.sig != q.sig {
        return None;
    }
    let f: &str = &h.folded;
    // Once the first screen is full of good matches, most labels are rejected by one
    // comparison instead of a search: only labels starting with the query can still get
    // in above class 4, and only matches at word starts above class 3. This is what keeps
    // one-letter queries, which match nearly everything, fast.
    if threshold > class_ceiling(4) && !f.as_bytes().starts_with(q.folded.as_bytes()) {
        return None;
    }
    // Rule out labels missing a word before spending anything on finding the best
    // occurrences of the others.
    if q.words.len() > 1
        && q.words
            .iter()
            .any(|w| !w.abbrev && w.finder.find(f.as_bytes()).is_none())
    {
        return None;
    }
    let weak = threshold <= class_ceiling(3);
    let mut quality = 0i64;
    let mut all_start = true;
    let mut first = usize::MAX;
    for w in &q.words {
        let (pos, how) = match_word(w, f, weak)?;
        quality += i64::from(how);
        all_start &= how != INSIDE;
        first = first.min(pos);
    }
    let ql = q.folded.len();
    let class: i64 = if f.len() == ql && f == q.folded {
        7
    } else if f.as_bytes().starts_with(q.folded.as_bytes()) {
        if boundary_at(f, ql) {
            6
        } else {
            5
        }
    } else {
        let phrase = if q.words.len() == 1 {
            // The word search already looked for the whole query.
            match quality {
                x if x >= i64::from(WORD_START) => Some((first, true)),
                x if x == i64::from(INSIDE) => Some((first, false)),
                _ => None,
            }
        } else {
            best_occurrence(&q.phrase, f)
        };
        match phrase {
            Some((_, true)) => 4,
            Some((_, false)) => 3,
            None if all_start => 3,
            None => 2,
        }
    };
    let tail = 0xFFFF - (f.len().saturating_add(first)).min(0xFFFF) as i64;
    Some(TIER0_BASE + (class << 32) + (quality.min(0xFFFF) << 16) + tail)
}

/// Byte offsets of `f` to highlight for a tier-0 match: the phrase if it occurs, else each
/// word's credited occurrence.
fn substring_bytes(q: &Query, f: &str) -> Option<Vec<usize>> {
    let mut out = Vec::new();
    if q.words.len() > 1 {
        if let Some((pos, _)) = best_occurrence(&q.phrase, f) {
            for (i, b) in q.folded.bytes().enumerate() {
                if b != b' ' {
                    out.push(pos + i);
                }
            }
            return Some(out);
        }
    }
    for w in &q.words {
        let (pos, how) = match_word(w, f, true)?;
        if how == INITIALS {
            out.extend(initials_positions(f, pos, w.bytes().len()));
        } else {
            out.extend(pos..pos + w.bytes().len());
        }
    }
    Some(out)
}

/// Cheap necessary condition for a skim match: the query's bytes are a subsequence of the
/// label's bytes. Rejects most labels before skim copies them into a `Vec<char>`.
fn byte_subsequence(needle: &[u8], hay: &[u8]) -> bool {
    let mut rest = hay;
    for &b in needle {
        match memchr::memchr(b, rest) {
            Some(i) => rest = &rest[i + 1..],
            None => return false,
        }
    }
    true
}

/// Tier-1 sort key: skim score first, shorter label on ties.
fn fuzzy_key(score: i64, len: usize) -> i64 {
    score * 256 + (255 - len.min(255) as i64)
}

/// Best first: score descending, then index ascending.
fn better(a: &(i64, usize), b: &(i64, usize)) -> CmpOrdering {
    b.0.cmp(&a.0).then(a.1.cmp(&b.1))
}

fn better_hit(a: &Hit, b: &Hit) -> CmpOrdering {
    b.score.cmp(&a.score).then(a.index.cmp(&b.index))
}

/// Keeps the best `k` of a stream of (score, index) in amortised O(1) per item: a buffer
/// of up to 2k is cut back to k with `select_nth_unstable`, and the k-th score becomes a
/// bar that rejects later items with one comparison (and lets `substring_score` skip
/// most of its work).
struct TopK<'a> {
    k: usize,
    buf: Vec<(i64, usize)>,
    /// One above this chunk's k-th best score: a later item that ties it has a larger
    /// index, so it loses.
    bar: i64,
    /// The best k-th score any chunk has reached. An item below it cannot be in the
    /// overall top k; one equal to it still can (it may have a smaller index).
    shared: &'a AtomicI64,
}

impl<'a> TopK<'a> {
    fn new(k: usize, expected: usize, shared: &'a AtomicI64) -> Self {
        TopK {
            k,
            buf: Vec::with_capacity(k.saturating_mul(2).min(expected).min(1 << 16)),
            bar: i64::MIN,
            shared,
        }
    }

    /// The lowest score that can still get in.
    fn threshold(&self) -> i64 {
        self.bar.max(self.shared.load(Ordering::Relaxed))
    }

    /// Items must come in increasing index order (see `bar`).
    fn push(&mut self, score: i64, index: usize) {
        if score < self.threshold() {
            return;
        }
        self.buf.push((score, index));
        if self.buf.len() >= self.k.saturating_mul(2) {
            self.cut();
            if let Some(&(kth, _)) = self.buf.last() {
                self.bar = kth.saturating_add(1);
                self.shared.fetch_max(kth, Ordering::Relaxed);
            }
        }
    }

    fn cut(&mut self) {
        if self.buf.len() > self.k {
            if self.k > 0 {
                self.buf.select_nth_unstable_by(self.k - 1, better);
            }
            self.buf.truncate(self.k);
        }
    }

    /// Merge with another chunk's survivors; index order no longer holds, so `bar` goes.
    fn merge(mut self, other: TopK<'a>) -> TopK<'a> {
        self.buf.extend(other.buf);
        self.cut();
        self.bar = i64::MIN;
        self
    }
}

// ---------------------------------------------------------------------------------------
// Ranker
// ---------------------------------------------------------------------------------------

/// One ranked match: `index` into the haystack slice, `score` (higher is better; tier-0
/// scores are all above tier-1 scores), `tier` ([`TIER_SUBSTRING`] or [`TIER_FUZZY`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub index: usize,
    pub score: i64,
    pub tier: u8,
}

/// Ranks folded haystacks against a query. Cheap to share: `&Ranker` works from many
/// threads (the skim matcher keeps per-thread scratch buffers).
pub struct Ranker {
    matcher: SkimMatcherV2,
}

impl Default for Ranker {
    fn default() -> Self {
        Self::new()
    }
}

impl Ranker {
    pub fn new() -> Self {
        // Both sides are already lowercase, so case-sensitive comparison is both correct
        // and cheaper than skim's smart-case check.
        Ranker {
            matcher: SkimMatcherV2::default().respect_case(),
        }
    }

    /// Fast tier: the best `limit` labels in which every query word occurs (see the module
    /// doc), best first (score descending, then index ascending). An empty query matches every label, in
    /// order. Runs on rayon's current pool above ~20k haystacks.
    pub fn quick(&self, query: &str, hay: &[Haystack], limit: usize) -> Vec<Hit> {
        let q = Query::new(query);
        if limit == 0 {
            return Vec::new();
        }
        if q.is_empty() {
            return (0..hay.len().min(limit))
                .map(|index| Hit {
                    index,
                    score: TIER0_BASE,
                    tier: TIER_SUBSTRING,
                })
                .collect();
        }
        let shared = AtomicI64::new(i64::MIN);
        let scan = |base: usize, chunk: &[Haystack]| {
            let mut top = TopK::new(limit, chunk.len(), &shared);
            for (j, h) in chunk.iter().enumerate() {
                if let Some(s) = substring_score(&q, h, top.threshold()) {
                    top.push(s, base + j);
                }
            }
            top
        };
        let top = if hay.len() < QUICK_PAR_MIN {
            scan(0, hay)
        } else {
            hay.par_chunks(CHUNK)
                .enumerate()
                .map(|(c, chunk)| scan(c * CHUNK, chunk))
                .reduce(|| TopK::new(limit, 0, &shared), TopK::merge)
        };
        let mut best = top.buf;
        best.sort_unstable_by(better);
        best.truncate(limit);
        best.into_iter()
            .map(|(score, index)| Hit {
                index,
                score,
                tier: TIER_SUBSTRING,
            })
            .collect()
    }

    /// Every label that matches, tier 0 first, then skim-only matches; sorted by score
    /// descending, then index ascending. Returns None if `cancel` was set before the end.
    pub fn rank(&self, query: &str, hay: &[Haystack], cancel: &AtomicBool) -> Option<Vec<Hit>> {
        self.rank_with(query, hay, cancel, true)
    }

    /// [`Ranker::rank`], or with `fuzzy` false only its substring tier (`rank`'s tier-0
    /// hits, in the same order).
    pub fn rank_with(
        &self,
        query: &str,
        hay: &[Haystack],
        cancel: &AtomicBool,
        fuzzy: bool,
    ) -> Option<Vec<Hit>> {
        let q = Query::new(query);
        if q.is_empty() {
            return Some(all_hits(0..hay.len()));
        }
        let parts: Option<Vec<Vec<Hit>>> = hay
            .par_chunks(CHUNK)
            .enumerate()
            .map(|(c, chunk)| {
                let items = chunk.iter().enumerate().map(|(j, h)| (c * CHUNK + j, h));
                self.score_chunk(&q, items, cancel, fuzzy)
            })
            .collect();
        finish(parts?, cancel)
    }

    /// [`Ranker::rank`] restricted to `subset` (distinct indices into `hay`; out-of-range
    /// ones are ignored). When [`extends`]`(query, previous)`, passing the indices of the
    /// previous query's hits gives the same result as a full `rank`, in less time as the
    /// query narrows.
    pub fn rank_subset(
        &self,
        query: &str,
        hay: &[Haystack],
        subset: &[usize],
        cancel: &AtomicBool,
    ) -> Option<Vec<Hit>> {
        let q = Query::new(query);
        if q.is_empty() {
            let mut all = all_hits(subset.iter().copied().filter(|&i| i < hay.len()));
            all.sort_unstable_by_key(|h| h.index);
            return Some(all);
        }
        let parts: Option<Vec<Vec<Hit>>> = subset
            .par_chunks(CHUNK)
            .map(|chunk| {
                let items = chunk.iter().filter_map(|&i| Some((i, hay.get(i)?)));
                self.score_chunk(&q, items, cancel, true)
            })
            .collect();
        finish(parts?, cancel)
    }

    fn score_chunk<'h>(
        &self,
        q: &Query,
        items: impl Iterator<Item = (usize, &'h Haystack)>,
        cancel: &AtomicBool,
        fuzzy: bool,
    ) -> Option<Vec<Hit>> {
        let mut out = Vec::new();
        for (n, (index, h)) in items.enumerate() {
            // A few hundred skim calls take well under a millisecond, so a new keystroke
            // stops a running ranking almost at once.
            if n % CANCEL_EVERY == 0 && cancel.load(Ordering::Relaxed) {
                return None;
            }
            out.extend(self.score_one(q, index, h, fuzzy));
        }
        Some(out)
    }

    fn score_one(&self, q: &Query, index: usize, h: &Haystack, fuzzy: bool) -> Option<Hit> {
        if let Some(score) = substring_score(q, h, i64::MIN) {
            return Some(Hit {
                index,
                score,
                tier: TIER_SUBSTRING,
            });
        }
        if !fuzzy || !byte_subsequence(q.folded.as_bytes(), h.folded.as_bytes()) {
            return None;
        }
        let s = self.matcher.fuzzy_match(&h.folded, &q.folded)?;
        Some(Hit {
            index,
            score: fuzzy_key(s, h.folded.len()),
            tier: TIER_FUZZY,
        })
    }

    /// Matched char positions in `h.display`, ascending, for highlighting. Tier-0 matches
    /// highlight the words found by the substring tier, others skim's alignment; empty if
    /// the query is empty or does not match.
    pub fn positions(&self, query: &str, h: &Haystack) -> Vec<usize> {
        let q = Query::new(query);
        if q.is_empty() {
            return Vec::new();
        }
        let f = &h.folded;
        let folded_chars: Vec<usize> = if let Some(mut bytes) = substring_bytes(&q, f) {
            bytes.sort_unstable();
            bytes.dedup();
            byte_to_char_indices(f, &bytes)
        } else if let Some((_, idx)) = self.matcher.fuzzy_indices(f, &q.folded) {
            idx
        } else {
            Vec::new()
        };
        let mut out: Vec<usize> = folded_chars
            .into_iter()
            .filter_map(|i| h.display_index(i))
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// The arguments of [`Ranker::first_in_order`] that describe the order.
struct Walk<'a, P, K> {
    order: &'a [u32],
    position: P,
    keep: K,
    budget: usize,
}

/// Substring-tier matches in a display order of the caller's (the Targets tab sorts its
/// matches by province, year or value), as found by [`Ranker::first_in_order`]; pass it
/// back for the next keystroke to narrow the search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OrderedHits {
    /// The folded query these are the matches of.
    folded: String,
    /// Positions in the order (not label indices) of the first matches, ascending.
    pub positions: Vec<usize>,
    /// The matches after `positions`, ascending, when every label was looked at anyway
    /// and they are few: kept only to narrow the next keystroke.
    rest: Vec<usize>,
    /// Every position below this was examined: `positions` and `rest` hold every match
    /// there.
    pub scanned: usize,
}

impl Ranker {
    /// The first `limit` positions in `order` (label indices in display order) whose
    /// label is a substring-tier match of `query` and that `keep` accepts, ascending:
    /// exactly the head of sorting every `quick(query, hay, usize::MAX)` hit by its
    /// position, without collecting them. `position(i)` is label `i`'s position in
    /// `order` (its inverse permutation).
    ///
    /// Walks `order` from the top and stops after `limit` matches, so a query that most
    /// labels match (one or two letters) costs a few hundred tests; when the first
    /// [`WALK_BUDGET`] positions hold too few matches, one pass over the labels in memory
    /// order (parallel above ~20k labels) keeps the `limit` smallest positions instead.
    ///
    /// `prev`: what this returned for an earlier query, with the same `order` and
    /// `keep`. When `query` extends that query (see [`extends`]) its substring-tier
    /// matches are a subset of the earlier ones, so only `prev`'s matches and the
    /// positions from `prev.scanned` on are examined: the result is the same.
    #[allow(clippy::too_many_arguments)]
    pub fn first_in_order<P, K>(
        &self,
        query: &str,
        hay: &[Haystack],
        order: &[u32],
        position: P,
        keep: K,
        limit: usize,
        prev: Option<&OrderedHits>,
    ) -> OrderedHits
    where
        P: Fn(usize) -> usize + Sync,
        K: Fn(usize) -> bool + Sync,
    {
        let walk = Walk {
            order,
            position,
            keep,
            budget: WALK_BUDGET,
        };
        self.first_in_order_by(query, hay, &walk, limit, prev)
    }

    fn first_in_order_by<P, K>(
        &self,
        query: &str,
        hay: &[Haystack],
        walk: &Walk<'_, P, K>,
        limit: usize,
        prev: Option<&OrderedHits>,
    ) -> OrderedHits
    where
        P: Fn(usize) -> usize + Sync,
        K: Fn(usize) -> bool + Sync,
    {
        let (order, position, keep) = (walk.order, &walk.position, &walk.keep);
        let q = Query::new(query);
        let hit = |i: usize, h: &Haystack| substring_score(&q, h, i64::MIN).is_some() && keep(i);
        let at = |pos: usize| {
            let i = *order.get(pos)? as usize;
            Some((i, hay.get(i)?))
        };
        let mut out = OrderedHits {
            folded: q.folded.clone(),
            positions: Vec::new(),
            rest: Vec::new(),
            scanned: 0,
        };
        if limit == 0 {
            return out;
        }
        let mut from = 0;
        if let Some(p) = prev.filter(|p| q.folded.starts_with(p.folded.as_str())) {
            if p.scanned >= order.len() {
                // The previous keystroke's matches are all known: test only those.
                for &pos in p.positions.iter().chain(&p.rest) {
                    if at(pos).is_some_and(|(i, h)| hit(i, h)) {
                        if out.positions.len() < limit {
                            out.positions.push(pos);
                        } else {
                            out.rest.push(pos);
                        }
                    }
                }
                out.scanned = order.len();
                return out;
            }
            for &pos in &p.positions {
                if at(pos).is_some_and(|(i, h)| hit(i, h)) {
                    out.positions.push(pos);
                    if out.positions.len() == limit {
                        out.scanned = pos + 1;
                        return out;
                    }
                }
            }
            from = p.scanned;
        }
        let end = order.len().min(from.saturating_add(walk.budget));
        for pos in from..end {
            if at(pos).is_some_and(|(i, h)| hit(i, h)) {
                out.positions.push(pos);
                if out.positions.len() == limit {
                    out.scanned = pos + 1;
                    return out;
                }
            }
        }
        if end >= order.len() {
            out.scanned = order.len();
            return out;
        }
        // Few matches near the top: the rest come from one pass in memory order. While
        // the matches are few (up to KEEP_ALL) it keeps them all, so that the next
        // keystrokes only test those; past that, only the `need` smallest positions from
        // `end` on: a position at or past the `need`-th smallest one a chunk has seen
        // cannot get in, whichever chunk sees it.
        let need = limit - out.positions.len();
        let bar = AtomicUsize::new(usize::MAX);
        let kept = AtomicUsize::new(0);
        let pruned = AtomicBool::new(false);
        let scan = |base: usize, chunk: &[Haystack]| {
            let mut buf: Vec<usize> = Vec::new();
            for (j, h) in chunk.iter().enumerate() {
                let i = base + j;
                let pos = position(i);
                if pos < end || pos >= bar.load(Ordering::Relaxed) || !hit(i, h) {
                    continue;
                }
                buf.push(pos);
                if buf.len() >= need.saturating_mul(2)
                    && kept.load(Ordering::Relaxed) + buf.len() > KEEP_ALL
                {
                    pruned.store(true, Ordering::Relaxed);
                    buf.select_nth_unstable(need - 1);
                    buf.truncate(need);
                    bar.fetch_min(buf[need - 1], Ordering::Relaxed);
                }
            }
            kept.fetch_add(buf.len(), Ordering::Relaxed);
            buf
        };
        let parts: Vec<Vec<usize>> = if hay.len() < QUICK_PAR_MIN {
            vec![scan(0, hay)]
        } else {
            hay.par_chunks(CHUNK)
                .enumerate()
                .map(|(c, chunk)| scan(c * CHUNK, chunk))
                .collect()
        };
        let mut tail = parts.concat();
        tail.sort_unstable();
        tail.dedup();
        if !pruned.load(Ordering::Relaxed) {
            out.rest = tail.split_off(need.min(tail.len()));
            out.positions.extend(tail);
            out.scanned = order.len();
            return out;
        }
        tail.truncate(need);
        out.scanned = if tail.len() == need {
            tail[need - 1] + 1
        } else {
            order.len()
        };
        out.positions.extend(tail);
        out
    }
}

/// Whether the explorer's background ranking includes the fuzzy tier for `query`: not
/// for one or two letters, which are a subsequence of nearly every label (`th`: 871k of
/// 1M generated labels), so that the tier would order most of the corpus by skim scores
/// that say little, at ~1 s per keystroke on 1M labels. Its substring tier still lists
/// every label containing them.
pub fn fuzzy_tier(query: &str) -> bool {
    fold(query).chars().filter(|c| *c != ' ').count() >= FUZZY_MIN_CHARS
}

/// Char indices of the chars that start at the given sorted byte offsets; offsets inside
/// a multi-byte char are skipped so every char is reported once.
fn byte_to_char_indices(f: &str, sorted_bytes: &[usize]) -> Vec<usize> {
    if f.is_ascii() {
        return sorted_bytes.to_vec();
    }
    let mut out = Vec::with_capacity(sorted_bytes.len());
    let mut want = sorted_bytes.iter().peekable();
    for (ci, (bi, c)) in f.char_indices().enumerate() {
        let end = bi + c.len_utf8();
        let mut hit = false;
        while let Some(&&b) = want.peek() {
            if b >= end {
                break;
            }
            hit |= b >= bi;
            want.next();
        }
        if hit {
            out.push(ci);
        }
        if want.peek().is_none() {
            break;
        }
    }
    out
}

fn all_hits(indices: impl Iterator<Item = usize>) -> Vec<Hit> {
    indices
        .map(|index| Hit {
            index,
            score: TIER0_BASE,
            tier: TIER_SUBSTRING,
        })
        .collect()
}

fn finish(parts: Vec<Vec<Hit>>, cancel: &AtomicBool) -> Option<Vec<Hit>> {
    if cancel.load(Ordering::Relaxed) {
        return None;
    }
    let mut hits = Vec::with_capacity(parts.iter().map(Vec::len).sum());
    for p in parts {
        hits.extend(p);
    }
    hits.par_sort_unstable_by(better_hit);
    if cancel.load(Ordering::Relaxed) {
        return None;
    }
    Some(hits)
}

// ---------------------------------------------------------------------------------------
// Background worker
// ---------------------------------------------------------------------------------------

/// Newest finished full ranking, tagged with the query as submitted.
type Ranked = (String, Arc<Vec<Hit>>);

#[derive(Default)]
struct State {
    pending: Option<String>,
    /// When `pending` was submitted; the worker starts it [`DEBOUNCE`] later.
    submitted: Option<Instant>,
    done: Option<Ranked>,
    busy: bool,
    /// `submit_quick` calls in progress; the worker starts nothing while above zero.
    foreground: usize,
    shutdown: bool,
}

struct Shared {
    state: Mutex<State>,
    wake: Condvar,
    cancel: AtomicBool,
}

impl Shared {
    /// A panic elsewhere must not take the filter down with it: the state is plain data
    /// that stays consistent, so a poisoned lock is still usable.
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Full rankings computed off the UI thread. `submit` cancels the running job and queues
/// only the latest query, so fast typing skips intermediate queries; `poll` hands back a
/// finished ranking once, and only if no newer query was submitted meanwhile.
///
/// Rankings run on a rayon pool of their own, of one thread: on the global pool, the UI
/// thread's [`Ranker::quick`] would queue behind a whole ranking, and a pool as wide as
/// the machine would take every core from it (on two cores the first screen took twice
/// as long while a ranking ran). A ranking starts [`DEBOUNCE`] after the last `submit`,
/// so typing does not start one per key only to cancel it, and the first screen of each
/// keystroke, computed right after its `submit`, runs alone; [`FilterWorker::submit_quick`]
/// also holds the next ranking back until the first screen is computed. For one- and
/// two-letter queries only the substring tier is ranked ([`fuzzy_tier`]).
pub struct FilterWorker {
    shared: Arc<Shared>,
    ranker: Ranker,
    hay: Arc<Vec<Haystack>>,
    /// None if the thread could not be spawned; `submit` then ranks inline.
    thread: Option<JoinHandle<()>>,
}

impl FilterWorker {
    pub fn new(hay: Arc<Vec<Haystack>>) -> Self {
        let shared = Arc::new(Shared {
            state: Mutex::new(State::default()),
            wake: Condvar::new(),
            cancel: AtomicBool::new(false),
        });
        let for_thread = Arc::clone(&shared);
        let hay_for_thread = Arc::clone(&hay);
        let thread = std::thread::Builder::new()
            .name("vnie-filter".into())
            .spawn(move || worker_loop(&for_thread, &hay_for_thread))
            .ok();
        FilterWorker {
            shared,
            ranker: Ranker::new(),
            hay,
            thread,
        }
    }

    /// The haystacks this worker ranks.
    pub fn haystacks(&self) -> &Arc<Vec<Haystack>> {
        &self.hay
    }

    /// Rank `query` in the background, abandoning whatever is running or queued.
    pub fn submit(&self, query: &str) {
        if self.thread.is_none() {
            let never = AtomicBool::new(false);
            let fuzzy = fuzzy_tier(query);
            if let Some(hits) = self.ranker.rank_with(query, &self.hay, &never, fuzzy) {
                self.shared.lock().done = Some((query.to_owned(), Arc::new(hits)));
            }
            return;
        }
        let mut st = self.shared.lock();
        st.pending = Some(query.to_owned());
        st.submitted = Some(Instant::now());
        st.done = None;
        self.shared.cancel.store(true, Ordering::Relaxed);
        self.shared.wake.notify_one();
    }

    /// What the UI calls on each keystroke: submits `query` and returns its first screen,
    /// `Ranker::quick(query, haystacks, limit)`, computed with the running ranking
    /// cancelled and the next one held back until this returns.
    pub fn submit_quick(&self, query: &str, limit: usize) -> Vec<Hit> {
        if self.thread.is_none() {
            let hits = self.ranker.quick(query, &self.hay, limit);
            self.submit(query);
            return hits;
        }
        self.shared.lock().foreground += 1;
        let _release = Foreground(&self.shared);
        self.submit(query);
        self.ranker.quick(query, &self.hay, limit)
    }

    /// The newest finished ranking, without blocking; each ranking is returned once.
    pub fn poll(&self) -> Option<(String, Arc<Vec<Hit>>)> {
        self.shared.lock().done.take()
    }

    /// Whether a submitted query has not finished yet (for a "ranking…" indicator).
    pub fn is_busy(&self) -> bool {
        let st = self.shared.lock();
        st.busy || st.pending.is_some()
    }
}

/// Lets the worker start again when `submit_quick` returns, or unwinds.
struct Foreground<'a>(&'a Shared);

impl Drop for Foreground<'_> {
    fn drop(&mut self) {
        let mut st = self.0.lock();
        st.foreground = st.foreground.saturating_sub(1);
        self.0.wake.notify_one();
    }
}

impl Drop for FilterWorker {
    fn drop(&mut self) {
        {
            let mut st = self.shared.lock();
            st.shutdown = true;
            self.shared.cancel.store(true, Ordering::Relaxed);
            self.shared.wake.notify_one();
        }
        if let Some(t) = self.thread.take() {
            // A panicked worker has nothing left to clean up.
            let _ = t.join();
        }
    }
}

fn worker_loop(shared: &Shared, hay: &[Haystack]) {
    let ranker = Ranker::new();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .thread_name(|i| format!("vnie-rank-{i}"))
        .build()
        .ok();
    // The last completed ranking, with whether it has the fuzzy tier: reused as is for
    // the same folded query, narrowed from when the new query extends it (a ranking
    // without the fuzzy tier only serves queries without it).
    let mut last: Option<(String, bool, Arc<Vec<Hit>>)> = None;
    loop {
        let query = {
            let mut st = shared.lock();
            loop {
                if st.shutdown {
                    return;
                }
                let due = st.submitted.map(|at| at + DEBOUNCE);
                let wait = due.and_then(|d| d.checked_duration_since(Instant::now()));
                if st.foreground == 0 && st.pending.is_some() && wait.is_none() {
                    if let Some(q) = st.pending.take() {
                        // Reset under the lock: a later submit sets it again after this.
                        shared.cancel.store(false, Ordering::Relaxed);
                        st.busy = true;
                        break q;
                    }
                }
                st = match wait {
                    Some(w) if st.pending.is_some() => {
                        shared
                            .wake
                            .wait_timeout(st, w)
                            .unwrap_or_else(|e| e.into_inner())
                            .0
                    }
                    _ => shared.wake.wait(st).unwrap_or_else(|e| e.into_inner()),
                };
            }
        };
        let folded = fold(&query);
        let fuzzy = fuzzy_tier(&query);
        let job = || match &last {
            Some((f, full, hits)) if *f == folded && *full == fuzzy => Some(Arc::clone(hits)),
            Some((f, true, hits)) if fuzzy && !f.is_empty() && folded.starts_with(f.as_str()) => {
                let subset: Vec<usize> = hits.iter().map(|h| h.index).collect();
                ranker
                    .rank_subset(&query, hay, &subset, &shared.cancel)
                    .map(Arc::new)
            }
            _ => ranker
                .rank_with(&query, hay, &shared.cancel, fuzzy)
                .map(Arc::new),
        };
        let result = match &pool {
            Some(p) => p.install(job),
            None => job(),
        };
        let mut st = shared.lock();
        st.busy = false;
        if let Some(hits) = result {
            if st.pending.is_none() && !st.shutdown {
                st.done = Some((query, Arc::clone(&hits)));
            }
            last = Some((folded, fuzzy, hits));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use unicode_normalization::UnicodeNormalization;

    fn hays(labels: &[&str]) -> Vec<Haystack> {
        labels.iter().map(|s| Haystack::new(s)).collect()
    }

    fn never() -> AtomicBool {
        AtomicBool::new(false)
    }

    fn ranked_labels<'a>(q: &str, labels: &[&'a str]) -> Vec<&'a str> {
        let h = hays(labels);
        Ranker::new()
            .rank(q, &h, &never())
            .unwrap()
            .iter()
            .map(|hit| labels[hit.index])
            .collect()
    }

    #[test]
    fn fold_table() {
        let cases = [
            ("Thanh Hóa", "thanh hoa"),
            ("Thanh Hoá", "thanh hoa"),
            ("Đà Nẵng", "da nang"),
            ("ĐÀ NẴNG", "da nang"),
            ("Dệt may", "det may"),
            ("Hà Nội", "ha noi"),
            ("Bà Rịa - Vũng Tàu", "ba ria - vung tau"),
            ("công nghiệp hỗ trợ", "cong nghiep ho tro"),
            ("Ðà Nẵng", "da nang"),
            ("  Hà \t\n Nội  ", "ha noi"),
            ("Hà\u{00A0}Nội", "ha noi"),
            ("Hà\u{00AD}Nội", "hanoi"),
            ("ƯỚC TÍNH Ơ Ă Â Ê Ô", "uoc tinh o a a e o"),
            ("TP.HCM", "tp.hcm"),
            ("", ""),
            ("   ", ""),
            ("\u{0301}", ""),
        ];
        for (input, want) in cases {
            assert_eq!(fold(input), want, "fold({input:?})");
            let nfd: String = input.nfd().collect();
            assert_eq!(fold(&nfd), want, "fold(nfd({input:?}))");
            let nfc: String = input.nfc().collect();
            assert_eq!(fold(&nfc), want, "fold(nfc({input:?}))");
            assert_eq!(&*Haystack::new(input).folded, want);
        }
    }

    #[test]
    fn fold_is_idempotent_on_every_char() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let s = c.to_string();
            let once = fold(&s);
            assert_eq!(fold(&once), once, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn folded_queries_match() {
        // (query, label) pairs that must land in the substring tier, in NFC and NFD.
        let cases = [
            ("thanh hoa", "Thanh Hóa"),
            ("thanh hoa", "Thanh Hoá"),
            ("Thanh Hóa", "Thanh Hoá"),
            ("Thanh Hoá", "Thanh Hóa"),
            ("da nang", "Đà Nẵng"),
            ("ĐÀ NẴNG", "Đà Nẵng"),
            ("det may", "Dệt may"),
            ("ha noi", "Hà Nội"),
            ("ba ria", "Bà Rịa - Vũng Tàu"),
            ("vung tau", "Bà Rịa - Vũng Tàu"),
            ("noi ha", "Hà Nội"),
        ];
        let r = Ranker::new();
        for (q, label) in cases {
            for (qv, lv) in [
                (q.nfc().collect::<String>(), label.nfc().collect::<String>()),
                (q.nfd().collect(), label.nfd().collect()),
                (q.nfc().collect(), label.nfd().collect()),
                (q.nfd().collect(), label.nfc().collect()),
            ] {
                let h = [Haystack::new(&lv)];
                let hits = r.quick(&qv, &h, 10);
                assert_eq!(hits.len(), 1, "{qv:?} should match {lv:?}");
                assert_eq!(hits[0].tier, TIER_SUBSTRING);
                assert!(!r.positions(&qv, &h[0]).is_empty());
            }
        }
    }

    #[test]
    fn exact_and_prefix_rank_first() {
        let labels = [
            "Thanh Hóa: Thúc đẩy phát triển công nghiệp",
            "Thái Bình",
            "Khánh Hòa",
            "Tỉnh Thanh Hóa",
            "Thanh Hóa",
        ];
        let got = ranked_labels("thanh hoa", &labels);
        assert_eq!(got[0], "Thanh Hóa");
        assert_eq!(got[1], "Thanh Hóa: Thúc đẩy phát triển công nghiệp");
        assert_eq!(got[2], "Tỉnh Thanh Hóa");
        // Shorter wins among equals.
        let got = ranked_labels("ha", &["Hà Nam Ninh", "Hà Nam", "Hà Giang tỉnh"]);
        assert_eq!(got, ["Hà Nam", "Hà Nam Ninh", "Hà Giang tỉnh"]);
        // Word start beats mid-word.
        let got = ranked_labels("ha", &["Thanh Hóa", "Hòa Bình, Hà Nam"]);
        assert_eq!(got[0], "Hòa Bình, Hà Nam");
    }

    #[test]
    fn abbreviation_ranks_relevant_labels() {
        let labels = [
            "Sản lượng điện thương phẩm Thái Nguyên",
            "KCN Quảng Nam diện tích KCN hỗ trợ doanh nghiệp",
            "Công nghiệp hỗ trợ Bắc Ninh",
            "Thái Bình thu hút đầu tư hạ tầng KCN",
            "Phát triển công nghiệp hỗ trợ ngành dệt may",
            "Chế biến nông sản Hà Tĩnh",
            "KCN hỗ trợ",
            "Công nghiệp hỗ trợ",
            "Cơ khí chế tạo Hải Phòng",
        ];
        let got = ranked_labels("cn ho tro", &labels);
        assert_eq!(got[0], "Công nghiệp hỗ trợ");
        for l in &got[..3] {
            assert!(fold(l).contains("cong nghiep ho tro"), "{got:?}");
        }
        // Vowel-less words read as initials; words with a vowel do not.
        let got = ranked_labels("cnht", &labels);
        assert_eq!(got[0], "Công nghiệp hỗ trợ");
        assert_eq!(
            ranked_labels("cnh", &["cong nghiep ho", "co nhanh"])[0],
            "cong nghiep ho"
        );
        assert!(Ranker::new()
            .quick("cong", &hays(&["co ong"]), 5)
            .is_empty());
    }

    #[test]
    fn initials_find_every_window() {
        assert_eq!(initials("cong nghiep ho tro", b"cnht"), Some(0));
        assert_eq!(initials("khu cong nghiep", b"cn"), Some(4));
        assert_eq!(initials("c c c n", b"ccn"), Some(2));
        assert_eq!(initials("xcn c-n", b"cn"), Some(4));
        assert_eq!(
            initials_positions("cong nghiep ho tro", 0, 4),
            [0, 5, 12, 15]
        );
        assert_eq!(initials("che bien, che tao", b"cbct"), Some(0));
        assert_eq!(initials("thanh pho ho chi minh", b"hcm"), Some(10));
        assert_eq!(initials("cong nghiep", b"cnh"), None);
        assert_eq!(initials("", b"cn"), None);
        let h = Haystack::new("Công nghiệp hỗ trợ");
        assert_eq!(Ranker::new().positions("cnht", &h), [0, 5, 12, 15]);
    }

    #[test]
    fn haystacks_stay_small() {
        // One per entity: at a million figures each byte here is a megabyte.
        assert_eq!(std::mem::size_of::<Haystack>(), 40);
    }

    #[test]
    fn positions_map_to_display_chars() {
        let r = Ranker::new();
        // NFC display: identity map.
        let h = Haystack::new("Tỉnh Thanh Hóa");
        assert_eq!(r.positions("thanh hoa", &h), [5, 6, 7, 8, 9, 11, 12, 13]);
        // NFD display: "ộ" is o + U+0323 + U+0302, two marks after the base.
        let nfd: String = "Hà Nội".nfd().collect();
        assert_eq!(nfd.chars().count(), 9);
        let h = Haystack::new(&nfd);
        let p = r.positions("noi", &h);
        assert_eq!(p, [4, 5, 8]);
        let chars: Vec<char> = nfd.chars().collect();
        assert_eq!(chars[5], 'o');
        // Collapsed whitespace shifts later chars.
        let h = Haystack::new("  Đà   Nẵng");
        assert_eq!(r.positions("nang", &h), [7, 8, 9, 10]);
        assert_eq!(r.positions("da nang", &h), [2, 3, 7, 8, 9, 10]);
        // Fuzzy-only match maps through too.
        let h = Haystack::new("Công nghiệp hỗ trợ");
        let p = r.positions("cn ho tro", &h);
        assert!(
            p.contains(&0) && p.contains(&12) && p.contains(&17),
            "{p:?}"
        );
        // No match, empty query.
        assert!(r.positions("xyz", &h).is_empty());
        assert!(r.positions("  ", &h).is_empty());
    }

    #[test]
    fn quick_is_prefix_of_rank_tier0() {
        let labels = [
            "Hà Nội",
            "Hà Nam",
            "Thanh Hóa",
            "Hải Phòng",
            "Hòa Bình",
            "Nghệ An",
            "An Giang",
            "Hà Giang",
            "Hà Tĩnh",
            "Khánh Hòa",
        ];
        let h = hays(&labels);
        let r = Ranker::new();
        for q in ["h", "ha", "an", "hoa", "a", "", "zz", "ha n"] {
            let full = r.rank(q, &h, &never()).unwrap();
            let t0: Vec<Hit> = full.into_iter().filter(|x| x.tier == 0).collect();
            for k in [0, 1, 3, 100] {
                let quick = r.quick(q, &h, k);
                assert_eq!(quick, t0[..k.min(t0.len())], "q={q:?} k={k}");
            }
        }
    }

    #[test]
    fn quick_matches_rank_on_many_labels() {
        // Enough labels for the parallel path and for the top-k bar to prune.
        let words = [
            "Thanh Hóa",
            "thành",
            "Hà Nội",
            "công nghiệp",
            "hỗ trợ",
            "KCN",
            "tăng",
            "t",
            "h",
            "than",
            "Nghệ An",
            "tỷ trọng",
            "điện tử",
            "2030",
            "-",
            "th",
        ];
        let mut x = 12345u64;
        let labels: Vec<String> = (0..30_000)
            .map(|_| {
                let n = 1 + (x % 5) as usize;
                (0..n)
                    .map(|_| {
                        x = x
                            .wrapping_mul(6364136223846793005)
                            .wrapping_add(1442695040888963407);
                        words[(x >> 33) as usize % words.len()]
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        let h = Haystack::build_all(&labels);
        let r = Ranker::new();
        for q in [
            "t",
            "th",
            "than",
            "thanh hoa",
            "cn",
            "cn ho tro",
            "ha n",
            "2030 t",
            "zz",
        ] {
            let t0: Vec<Hit> = r
                .rank(q, &h, &never())
                .unwrap()
                .into_iter()
                .filter(|x| x.tier == TIER_SUBSTRING)
                .collect();
            for k in [1, 7, 100] {
                assert_eq!(r.quick(q, &h, k), t0[..k.min(t0.len())], "q={q:?} k={k}");
                assert_eq!(
                    r.quick(q, &h[..5000], k).len(),
                    k.min(t0.iter().filter(|x| x.index < 5000).count())
                );
            }
        }
    }

    #[test]
    fn empty_query_keeps_order() {
        let h = hays(&["b", "a", "c"]);
        let r = Ranker::new();
        let idx: Vec<usize> = r
            .rank("", &h, &never())
            .unwrap()
            .iter()
            .map(|x| x.index)
            .collect();
        assert_eq!(idx, [0, 1, 2]);
        assert_eq!(r.quick(" ", &h, 2).len(), 2);
    }

    #[test]
    fn cancelled_rank_returns_none() {
        let labels: Vec<String> = (0..20_000).map(|i| format!("nhan {i}")).collect();
        let h: Vec<Haystack> = labels.iter().map(|s| Haystack::new(s)).collect();
        let cancel = AtomicBool::new(true);
        assert!(Ranker::new().rank("nhan", &h, &cancel).is_none());
        assert!(Ranker::new()
            .rank_subset("nhan", &h, &[1, 2], &cancel)
            .is_none());
    }

    #[test]
    fn rank_subset_ignores_bad_indices() {
        let h = hays(&["Hà Nội", "Hà Nam", "Thanh Hóa"]);
        let got = Ranker::new()
            .rank_subset("ha", &h, &[7, 2, 1, 1000], &never())
            .unwrap();
        let idx: Vec<usize> = got.iter().map(|x| x.index).collect();
        assert_eq!(idx, [1, 2]);
    }

    #[test]
    fn extends_on_folded_queries() {
        assert!(extends("thanh h", "thanh"));
        assert!(extends("Thanh Hóa", "thanh "));
        assert!(!extends("thanh", "thanh h"));
    }

    fn wait_for(w: &FilterWorker) -> (String, Arc<Vec<Hit>>) {
        let t0 = std::time::Instant::now();
        loop {
            if let Some(r) = w.poll() {
                return r;
            }
            assert!(t0.elapsed().as_secs() < 30, "worker did not answer");
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
    }

    #[test]
    fn worker_returns_latest_query() {
        let labels: Vec<String> = (0..50_000)
            .map(|i| format!("Tỉnh {} số {i}", ["Thanh Hóa", "Hà Nội", "Đà Nẵng"][i % 3]))
            .collect();
        let h: Arc<Vec<Haystack>> = Arc::new(labels.iter().map(|s| Haystack::new(s)).collect());
        let w = FilterWorker::new(Arc::clone(&h));
        for q in ["t", "th", "tha", "than", "thanh", "thanh h", "thanh hoa"] {
            w.submit(q);
        }
        let (q, hits) = wait_for(&w);
        assert_eq!(q, "thanh hoa");
        let want = Ranker::new().rank("thanh hoa", &h, &never()).unwrap();
        assert_eq!(*hits, want);
        assert!(w.poll().is_none());
        // Narrowing and backing up give the same answer as a fresh ranking.
        for q in ["thanh hoa 1", "thanh hoa", "da"] {
            w.submit(q);
            let (got_q, hits) = wait_for(&w);
            assert_eq!(got_q, q);
            assert_eq!(*hits, Ranker::new().rank(q, &h, &never()).unwrap(), "{q}");
        }
        drop(w);
    }

    #[test]
    fn submit_quick_gives_first_screen_then_full_ranking() {
        let labels: Vec<String> = (0..30_000)
            .map(|i| format!("Công nghiệp hỗ trợ {} {i}", ["Thanh Hóa", "Hà Nội"][i % 2]))
            .collect();
        let h: Arc<Vec<Haystack>> = Arc::new(Haystack::build_all(&labels));
        let w = FilterWorker::new(Arc::clone(&h));
        let r = Ranker::new();
        let mut first = Vec::new();
        for q in ["h", "ha", "ha n", "ha noi 1"] {
            first = w.submit_quick(q, 20);
            assert_eq!(first, r.quick(q, &h, 20));
        }
        let (q, full) = wait_for(&w);
        assert_eq!(q, "ha noi 1");
        assert_eq!(full[..first.len()], first[..]);
        assert!(!w.is_busy());
        assert!(Arc::ptr_eq(w.haystacks(), &h));
    }

    fn viet_text() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "Thanh Hóa",
            "Thanh Hoá",
            "Đà Nẵng",
            "Hà Nội",
            "công nghiệp",
            "hỗ trợ",
            "dệt may",
            "Bà Rịa - Vũng Tàu",
            " ",
            "  ",
            "\t",
            "Ộ",
            "ư",
            "đ",
            "Đ",
            "2030",
            ":",
            "a",
            "n",
            "h",
            "\u{0301}",
            "\u{0323}",
            "İ",
            "ß",
            "中文",
            "🙂",
            "\u{AD}",
            "cn",
            "kcn",
            "th",
            "c",
            "ht",
            "-",
            "Ư",
        ]);
        prop::collection::vec(pieces, 0..8).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

        #[test]
        fn no_panic_and_positions_in_range(
            q in prop_oneof![any::<String>(), viet_text()],
            labels in prop::collection::vec(prop_oneof![any::<String>(), viet_text()], 0..12),
        ) {
            let h: Vec<Haystack> = labels.iter().map(|s| Haystack::new(s)).collect();
            let r = Ranker::new();
            let hits = r.rank(&q, &h, &never()).unwrap();
            let quick = r.quick(&q, &h, 5);
            let t0: Vec<Hit> = hits.iter().filter(|x| x.tier == 0).take(5).cloned().collect();
            prop_assert_eq!(quick, t0);
            for w in hits.windows(2) {
                prop_assert_eq!(better_hit(&w[0], &w[1]), CmpOrdering::Less);
            }
            for (hay, label) in h.iter().zip(&labels) {
                let n = label.chars().count();
                for p in r.positions(&q, hay) {
                    prop_assert!(p < n);
                }
            }
        }

        #[test]
        fn tiers_match_a_naive_reference(
            q in viet_text(),
            labels in prop::collection::vec(viet_text(), 0..16),
        ) {
            let h: Vec<Haystack> = labels.iter().map(|s| Haystack::new(s)).collect();
            let hits = Ranker::new().rank(&q, &h, &never()).unwrap();
            let fq = fold(&q);
            let words: Vec<&str> = fq.split(' ').filter(|w| !w.is_empty()).collect();
            for (i, hay) in h.iter().enumerate() {
                let f: &str = &hay.folded;
                let tier0 = words.iter().all(|w| {
                    f.contains(w) || (Word::new(w).abbrev && initials(f, w.as_bytes()).is_some())
                });
                let mut rest = f.chars();
                let subsequence = fq.chars().all(|c| rest.any(|d| d == c));
                let want = if tier0 {
                    Some(TIER_SUBSTRING)
                } else if subsequence {
                    Some(TIER_FUZZY)
                } else {
                    None
                };
                let got = hits.iter().find(|x| x.index == i).map(|x| x.tier);
                prop_assert_eq!(got, want, "label {:?}", f);
            }
        }

        #[test]
        fn fold_agrees_across_forms(s in viet_text()) {
            let nfc: String = s.nfc().collect();
            let nfd: String = s.nfd().collect();
            prop_assert_eq!(fold(&nfc), fold(&nfd));
            prop_assert_eq!(fold(&fold(&s)), fold(&s));
            prop_assert_eq!(Haystack::new(&s).folded.to_string(), fold(&s));
        }

        #[test]
        fn haystack_map_points_at_source_chars(s in prop_oneof![any::<String>(), viet_text()]) {
            let h = Haystack::new(&s);
            prop_assert_eq!(h.folded.to_string(), fold(&s));
            let display: Vec<char> = s.chars().collect();
            for (i, c) in h.folded.chars().enumerate() {
                let d = h.display_index(i).unwrap();
                prop_assert!(d < display.len());
                // The source char folds to something containing this char (or it is the
                // space that stands for a whitespace run).
                let src = display[d];
                prop_assert!(
                    (c == ' ' && src.is_whitespace()) || fold(&src.to_string()).contains(c),
                    "folded {:?} from {:?}", c, src
                );
            }
        }

        #[test]
        fn narrowing_equals_full_rank(
            base in viet_text(),
            ext in viet_text(),
            labels in prop::collection::vec(viet_text(), 0..16),
        ) {
            let h: Vec<Haystack> = labels.iter().map(|s| Haystack::new(s)).collect();
            let r = Ranker::new();
            let longer = format!("{base}{ext}");
            prop_assume!(extends(&longer, &base));
            let prev = r.rank(&base, &h, &never()).unwrap();
            let subset: Vec<usize> = prev.iter().map(|x| x.index).collect();
            prop_assert_eq!(
                r.rank_subset(&longer, &h, &subset, &never()).unwrap(),
                r.rank(&longer, &h, &never()).unwrap()
            );
        }
    }

    #[test]
    fn short_queries_get_no_fuzzy_tier_from_the_worker() {
        assert!(!fuzzy_tier("t"));
        assert!(!fuzzy_tier(" t h "));
        assert!(!fuzzy_tier("Đà"));
        assert!(fuzzy_tier("tha"));
        assert!(fuzzy_tier("t h a"));
        let labels = ["Thanh Hóa", "Tây Hồ", "tỷ trọng", "Hà Tĩnh"];
        let w = FilterWorker::new(Arc::new(hays(&labels)));
        w.submit("th");
        let (q, hits) = wait_for(&w);
        assert_eq!(q, "th");
        // "Tây Hồ" and "tỷ trọng" are only subsequence matches of "th".
        assert!(hits.iter().all(|h| h.tier == TIER_SUBSTRING));
        assert_eq!(
            *hits,
            Ranker::new()
                .rank_with("th", &hays(&labels), &never(), false)
                .unwrap()
        );
        let full = Ranker::new().rank("th", &hays(&labels), &never()).unwrap();
        assert!(full.iter().any(|h| h.tier == TIER_FUZZY));
    }

    /// What `first_in_order` must return: every substring-tier hit that `keep` accepts,
    /// by position in `order`, the first `limit`.
    fn sorted_hits(
        q: &str,
        h: &[Haystack],
        pos: &[usize],
        keep: impl Fn(usize) -> bool,
        limit: usize,
    ) -> Vec<usize> {
        let mut all: Vec<usize> = Ranker::new()
            .quick(q, h, usize::MAX)
            .iter()
            .filter(|x| keep(x.index))
            .map(|x| pos[x.index])
            .collect();
        all.sort_unstable();
        all.truncate(limit);
        all
    }

    #[test]
    fn first_in_order_on_many_labels_takes_both_paths() {
        // Above QUICK_PAR_MIN, so the pass after the walk runs in parallel chunks.
        let n = 30_000;
        let labels: Vec<String> = (0..n)
            .map(|i| {
                let p = ["Thanh Hóa", "Hà Nội", "Đà Nẵng", "Sơn La"][i % 4];
                format!("{p} · chỉ tiêu {} · {}", i % 97, 2020 + i % 11)
            })
            .collect();
        let h = Haystack::build_all(&labels);
        // A scrambled display order and its inverse.
        let order: Vec<u32> = (0..n).map(|p| ((p * 7919) % n) as u32).collect();
        let mut pos = vec![0; n];
        for (p, &i) in order.iter().enumerate() {
            pos[i as usize] = p;
        }
        let r = Ranker::new();
        let keep = |i: usize| i % 3 != 0;
        for q in ["t", "thanh", "son la 96", "son la 96 2030", "zzz", ""] {
            for budget in [0, 100, WALK_BUDGET] {
                let walk = Walk {
                    order: &order,
                    position: |i: usize| pos[i],
                    keep,
                    budget,
                };
                let got = r.first_in_order_by(q, &h, &walk, 256, None);
                assert_eq!(got.positions, sorted_hits(q, &h, &pos, keep, 256), "{q:?}");
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn first_in_order_is_the_head_of_the_sorted_hits(
            labels in prop::collection::vec("[abcdđ ơê]{0,10}", 0..40),
            seed in any::<u64>(),
            q in "[abcd ]{0,3}",
            ext in "[abcđd ]{0,2}",
            limit in 1usize..6,
            budget in 0usize..8,
            odd in any::<bool>(),
        ) {
            let h: Vec<Haystack> = labels.iter().map(|s| Haystack::new(s)).collect();
            let mut order: Vec<u32> = (0..h.len() as u32).collect();
            order.sort_by_key(|&i| (u64::from(i) ^ seed).wrapping_mul(0x9E37_79B9_7F4A_7C15));
            let mut pos = vec![0; h.len()];
            for (p, &i) in order.iter().enumerate() {
                pos[i as usize] = p;
            }
            let keep = |i: usize| !odd || i % 2 == 0;
            let walk = Walk { order: &order, position: |i: usize| pos[i], keep, budget };
            let r = Ranker::new();
            let first = r.first_in_order_by(&q, &h, &walk, limit, None);
            prop_assert_eq!(&first.positions, &sorted_hits(&q, &h, &pos, keep, limit));
            // Every match below `scanned` was found.
            let all = sorted_hits(&q, &h, &pos, keep, usize::MAX);
            let below: Vec<usize> = all.into_iter().filter(|&p| p < first.scanned).collect();
            let found: Vec<usize> = first.positions.iter().chain(&first.rest).copied().collect();
            prop_assert_eq!(&below, &found);
            // The next keystroke, narrowed from this one, finds the same.
            let longer = format!("{q}{ext}");
            prop_assert!(extends(&longer, &q));
            let narrowed = r.first_in_order_by(&longer, &h, &walk, limit, Some(&first));
            prop_assert_eq!(
                &narrowed.positions,
                &sorted_hits(&longer, &h, &pos, keep, limit)
            );
        }
    }
}
