//! The ranker: the first screen (`quick`, `first_in_order`) and the complete ranking.

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
pub(super) struct Walk<'a, P, K> {
    pub(super) order: &'a [u32],
    pub(super) position: P,
    pub(super) keep: K,
    pub(super) budget: usize,
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
    pub(super) rest: Vec<usize>,
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

    pub(super) fn first_in_order_by<P, K>(
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

pub(super) fn finish(parts: Vec<Vec<Hit>>, cancel: &AtomicBool) -> Option<Vec<Hit>> {
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
