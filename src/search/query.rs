//! Query preparation and the substring tier (tier 0): words, initials, scores.

use super::*;

pub(super) struct Word {
    finder: memmem::Finder<'static>,
    /// Vietnamese syllables all have a vowel, so a word without one (`cn`, `cnht`, `kcn`,
    /// `hcm`) is an abbreviation and may also match the initials of consecutive words.
    pub(super) abbrev: bool,
    /// Four digits are a year: they match a whole number only (`2030` is not in `12030`
    /// nor in `20301`).
    pub(super) whole: bool,
}

impl Word {
    pub(super) fn new(w: &str) -> Self {
        let b = w.as_bytes();
        Word {
            finder: memmem::Finder::new(b).into_owned(),
            abbrev: (2..=MAX_INITIALS).contains(&b.len())
                && b.iter()
                    .all(|c| c.is_ascii_lowercase() && !b"aeiouy".contains(c)),
            whole: is_year(w),
        }
    }

    fn bytes(&self) -> &[u8] {
        self.finder.needle()
    }
}

/// Whether a query word is four digits, which readers of these tables mean as a year.
pub(super) fn is_year(w: &str) -> bool {
    w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit())
}

/// Longer vowel-less words are not taken for abbreviations.
pub(super) const MAX_INITIALS: usize = 12;

/// How a query word was found in a label; higher is better.
pub(super) const WHOLE_WORD: u8 = 3;
pub(super) const WORD_START: u8 = 2;
pub(super) const INITIALS: u8 = 1;
pub(super) const INSIDE: u8 = 0;

/// A folded query with its byte searchers, built once per keystroke, not per label.
pub(super) struct Query {
    pub(super) folded: String,
    /// Plain words longest first: the longest word is usually the rarest, so most labels
    /// are rejected by the first search.
    words: Vec<Word>,
    /// The whole folded query, searched only for labels that already matched every word.
    phrase: memmem::Finder<'static>,
    /// A word is a number: numbers are read exactly, so the query gets no fuzzy tier.
    pub(super) exact: bool,
    /// Pairs every matching label has: those of the words that must occur as substrings
    /// (an abbreviation may match as initials instead).
    sig: u128,
}

impl Query {
    pub(super) fn new(query: &str) -> Self {
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
        let exact = words
            .iter()
            .any(|w| w.bytes().iter().all(|b| b.is_ascii_digit()));
        Query {
            folded,
            words,
            phrase,
            sig,
            exact,
        }
    }

    pub(super) fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// Whether the char starting at byte `i` is alphanumeric, and its length.
pub(super) fn alnum_at(f: &str, i: usize) -> (bool, usize) {
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
pub(super) fn boundary_before(f: &str, pos: usize) -> bool {
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
pub(super) fn boundary_at(f: &str, pos: usize) -> bool {
    !alnum_at(f, pos).0
}

/// Byte offset of the first char of the word after the one containing byte `i`.
pub(super) fn next_word_start(f: &str, mut i: usize) -> Option<usize> {
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
pub(super) fn initials(f: &str, w: &[u8]) -> Option<usize> {
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
pub(super) fn initials_positions(f: &str, start: usize, n: usize) -> Vec<usize> {
    std::iter::successors(Some(start), |&p| next_word_start(f, p))
        .take(n)
        .collect()
}

/// The occurrence of `finder`'s needle to credit: the first one at a word start, else the
/// first one. Returns (byte offset, at word start).
pub(super) fn best_occurrence(finder: &memmem::Finder<'_>, f: &str) -> Option<(usize, bool)> {
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

/// The first occurrence of `finder`'s needle that is a whole word.
fn whole_occurrence(finder: &memmem::Finder<'_>, f: &str) -> Option<usize> {
    let n = finder.needle().len();
    finder
        .find_iter(f.as_bytes())
        .find(|&p| boundary_before(f, p) && boundary_at(f, p + n))
}

/// Where and how well query word `w` occurs in label `f`: (byte offset, quality).
/// `weak`: whether a match that is not at a word start (initials, inside a word) is
/// still worth finding.
pub(super) fn match_word(w: &Word, f: &str, weak: bool) -> Option<(usize, u8)> {
    if w.whole {
        return whole_occurrence(&w.finder, f).map(|p| (p, WHOLE_WORD));
    }
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
pub(super) const fn class_ceiling(class: i64) -> i64 {
    TIER0_BASE + (class << CLASS_SHIFT) + (1 << CLASS_SHIFT) - 1
}

/// Tier-0 score layout: class, then summed word quality, then the scope's tie-break.
pub(super) const CLASS_SHIFT: u32 = 40;
pub(super) const QUALITY_SHIFT: u32 = 24;

/// Tier-0 score of folded label `f`, or None unless every query word occurs in it
/// (as a substring, or as initials for an abbreviation). May also return None early when
/// the score would be below `threshold`.
///
/// Layout, most significant first: class (exact label > label starts with the query at a
/// word end > starts with it > query phrase at a word start > phrase elsewhere, or every
/// word at a word start > the rest), the words' summed match quality, then `scope`'s
/// tie-break for label `index` (by default shorter label and earlier match).
pub(super) fn substring_score(
    q: &Query,
    h: &Haystack,
    threshold: i64,
    scope: &Scope,
    index: usize,
) -> Option<i64> {
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
    let tail = scope.tail(index, f.len().saturating_add(first));
    Some(TIER0_BASE + (class << CLASS_SHIFT) + (quality.min(0xFFFF) << QUALITY_SHIFT) + tail)
}

/// Byte offsets of `f` to highlight for a tier-0 match: the phrase if it occurs, else each
/// word's credited occurrence.
pub(super) fn substring_bytes(q: &Query, f: &str) -> Option<Vec<usize>> {
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
pub(super) fn byte_subsequence(needle: &[u8], hay: &[u8]) -> bool {
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
pub(super) fn fuzzy_key(score: i64, len: usize) -> i64 {
    score * 256 + (255 - len.min(255) as i64)
}

/// Best first: score descending, then index ascending.
pub(super) fn better(a: &(i64, usize), b: &(i64, usize)) -> CmpOrdering {
    b.0.cmp(&a.0).then(a.1.cmp(&b.1))
}

#[cfg(test)]
pub(super) fn better_hit(a: &Hit, b: &Hit) -> CmpOrdering {
    b.score.cmp(&a.score).then(a.index.cmp(&b.index))
}

/// Keeps the best `k` of a stream of (score, index) in amortised O(1) per item: a buffer
/// of up to 2k is cut back to k with `select_nth_unstable`, and the k-th score becomes a
/// bar that rejects later items with one comparison (and lets `substring_score` skip
/// most of its work).
pub(super) struct TopK<'a> {
    k: usize,
    pub(super) buf: Vec<(i64, usize)>,
    /// One above this chunk's k-th best score: a later item that ties it has a larger
    /// index, so it loses.
    bar: i64,
    /// The best k-th score any chunk has reached. An item below it cannot be in the
    /// overall top k; one equal to it still can (it may have a smaller index).
    shared: &'a AtomicI64,
}

impl<'a> TopK<'a> {
    pub(super) fn new(k: usize, expected: usize, shared: &'a AtomicI64) -> Self {
        TopK {
            k,
            buf: Vec::with_capacity(k.saturating_mul(2).min(expected).min(1 << 16)),
            bar: i64::MIN,
            shared,
        }
    }

    /// The lowest score that can still get in.
    pub(super) fn threshold(&self) -> i64 {
        self.bar.max(self.shared.load(Ordering::Relaxed))
    }

    /// Items must come in increasing index order (see `bar`).
    pub(super) fn push(&mut self, score: i64, index: usize) {
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
    pub(super) fn merge(mut self, other: TopK<'a>) -> TopK<'a> {
        self.buf.extend(other.buf);
        self.cut();
        self.bar = i64::MIN;
        self
    }
}
