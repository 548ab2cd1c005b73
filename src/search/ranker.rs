//! The ranker: the first screen (`quick`) and the complete ranking (`rank`).

use super::*;

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
        self.quick_in(query, hay, limit, &Scope::default())
    }

    /// [`Ranker::quick`] over the labels `scope` keeps, ties in its order: the first
    /// `limit` hits of [`Ranker::rank_in`] with the same scope. An empty query lists the
    /// kept labels in index order (callers with an order of their own list them in it).
    pub fn quick_in(&self, query: &str, hay: &[Haystack], limit: usize, scope: &Scope) -> Vec<Hit> {
        let q = Query::new(query);
        if limit == 0 {
            return Vec::new();
        }
        if q.is_empty() {
            return all_hits((0..hay.len()).filter(|&i| scope.keeps(i)).take(limit));
        }
        let shared = AtomicI64::new(i64::MIN);
        let scan = |base: usize, chunk: &[Haystack]| {
            let mut top = TopK::new(limit, chunk.len(), &shared);
            for (j, h) in chunk.iter().enumerate() {
                let i = base + j;
                if !scope.keeps(i) {
                    continue;
                }
                if let Some(s) = substring_score(&q, h, top.threshold(), scope, i) {
                    top.push(s, i);
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
        self.rank_in(query, hay, cancel, fuzzy, &Scope::default())
    }

    /// [`Ranker::rank_with`] over the labels `scope` keeps, equally scored hits in its
    /// order. An empty query lists the kept labels in index order.
    pub fn rank_in(
        &self,
        query: &str,
        hay: &[Haystack],
        cancel: &AtomicBool,
        fuzzy: bool,
        scope: &Scope,
    ) -> Option<Vec<Hit>> {
        let q = Query::new(query);
        if q.is_empty() {
            return Some(all_hits((0..hay.len()).filter(|&i| scope.keeps(i))));
        }
        let parts: Option<Vec<Vec<Hit>>> = hay
            .par_chunks(CHUNK)
            .enumerate()
            .map(|(c, chunk)| {
                let items = chunk
                    .iter()
                    .enumerate()
                    .map(|(j, h)| (c * CHUNK + j, h))
                    .filter(|&(i, _)| scope.keeps(i));
                self.score_chunk(&q, items, cancel, fuzzy, scope)
            })
            .collect();
        finish(parts?, cancel, scope)
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
        self.rank_subset_in(query, hay, subset, cancel, &Scope::default())
    }

    /// [`Ranker::rank_subset`] within `scope` (the scope the subset was ranked in).
    pub fn rank_subset_in(
        &self,
        query: &str,
        hay: &[Haystack],
        subset: &[usize],
        cancel: &AtomicBool,
        scope: &Scope,
    ) -> Option<Vec<Hit>> {
        let q = Query::new(query);
        if q.is_empty() {
            let mut all = all_hits(
                subset
                    .iter()
                    .copied()
                    .filter(|&i| i < hay.len() && scope.keeps(i)),
            );
            all.sort_unstable_by_key(|h| h.index);
            return Some(all);
        }
        let parts: Option<Vec<Vec<Hit>>> = subset
            .par_chunks(CHUNK)
            .map(|chunk| {
                let items = chunk
                    .iter()
                    .filter(|&&i| scope.keeps(i))
                    .filter_map(|&i| Some((i, hay.get(i)?)));
                self.score_chunk(&q, items, cancel, true, scope)
            })
            .collect();
        finish(parts?, cancel, scope)
    }

    fn score_chunk<'h>(
        &self,
        q: &Query,
        items: impl Iterator<Item = (usize, &'h Haystack)>,
        cancel: &AtomicBool,
        fuzzy: bool,
        scope: &Scope,
    ) -> Option<Vec<Hit>> {
        let mut out = Vec::new();
        for (n, (index, h)) in items.enumerate() {
            // A few hundred skim calls take well under a millisecond, so a new keystroke
            // stops a running ranking almost at once.
            if n % CANCEL_EVERY == 0 && cancel.load(Ordering::Relaxed) {
                return None;
            }
            out.extend(self.score_one(q, index, h, fuzzy, scope));
        }
        Some(out)
    }

    fn score_one(
        &self,
        q: &Query,
        index: usize,
        h: &Haystack,
        fuzzy: bool,
        scope: &Scope,
    ) -> Option<Hit> {
        if let Some(score) = substring_score(q, h, i64::MIN, scope, index) {
            return Some(Hit {
                index,
                score,
                tier: TIER_SUBSTRING,
            });
        }
        if !fuzzy || q.exact || !byte_subsequence(q.folded.as_bytes(), h.folded.as_bytes()) {
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

/// Whether the explorer's background ranking includes the fuzzy tier for `query`: not
/// for one or two letters, which are a subsequence of nearly every label (`th`: 871k of
/// 1M generated labels), so that the tier would order most of the corpus by skim scores
/// that say little, at ~1 s per keystroke on 1M labels. Its substring tier still lists
/// every label containing them.
/// Nor for a query with a number in it: numbers are read exactly (`2030` is no
/// subsequence match for "54.203,7 … 2020").
pub fn fuzzy_tier(query: &str) -> bool {
    let f = fold(query);
    f.chars().filter(|c| *c != ' ').count() >= FUZZY_MIN_CHARS
        && !f
            .split(' ')
            .any(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()))
}

/// Char indices of the chars that start at the given sorted byte offsets; offsets inside
/// a multi-byte char are skipped so every char is reported once.
pub(super) fn byte_to_char_indices(f: &str, sorted_bytes: &[usize]) -> Vec<usize> {
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

pub(super) fn all_hits(indices: impl Iterator<Item = usize>) -> Vec<Hit> {
    indices
        .map(|index| Hit {
            index,
            score: TIER0_BASE,
            tier: TIER_SUBSTRING,
        })
        .collect()
}

pub(super) fn finish(parts: Vec<Vec<Hit>>, cancel: &AtomicBool, scope: &Scope) -> Option<Vec<Hit>> {
    if cancel.load(Ordering::Relaxed) {
        return None;
    }
    let mut hits = Vec::with_capacity(parts.iter().map(Vec::len).sum());
    for p in parts {
        hits.extend(p);
    }
    // Fuzzy-only hits of equal score follow the scope's order too.
    hits.par_sort_unstable_by(|a, b| {
        b.score
            .cmp(&a.score)
            .then(scope.position(a.index).cmp(&scope.position(b.index)))
    });
    if cancel.load(Ordering::Relaxed) {
        return None;
    }
    Some(hits)
}
