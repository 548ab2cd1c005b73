//! What a ranking is restricted to and how it breaks ties: the rows a query's field
//! qualifiers keep, and the tab's display order.

use super::*;

/// Restricts a ranking to some labels and orders equally good matches by a position of
/// the caller's. Cheap to clone: both parts are shared.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    /// `keep[i]`: whether label `i` may match at all (the field qualifiers of a query);
    /// `None` keeps every label; a label past the end of `keep` is not kept.
    pub keep: Option<Arc<[bool]>>,
    /// `rank[i]`: label `i`'s position in the tab's order. Matches of the same quality
    /// are listed in this order; `None` prefers shorter labels and earlier matches.
    pub rank: Option<Arc<[u32]>>,
}

impl Scope {
    pub fn new(keep: Option<Arc<[bool]>>, rank: Option<Arc<[u32]>>) -> Self {
        Scope { keep, rank }
    }

    /// Whether label `i` may match.
    pub fn keeps(&self, i: usize) -> bool {
        self.keep
            .as_ref()
            .is_none_or(|k| k.get(i).copied().unwrap_or(false))
    }

    /// The 24-bit tie-break of label `i`: higher comes first.
    pub(super) fn tail(&self, i: usize, len_and_first: usize) -> i64 {
        match &self.rank {
            Some(r) => TAIL_MAX - i64::from(r.get(i).copied().unwrap_or(u32::MAX)).min(TAIL_MAX),
            None => 0xFFFF - len_and_first.min(0xFFFF) as i64,
        }
    }

    /// Position of label `i` in the tab's order (its index when there is none).
    pub(super) fn position(&self, i: usize) -> u64 {
        match &self.rank {
            Some(r) => u64::from(r.get(i).copied().unwrap_or(u32::MAX)),
            None => i as u64,
        }
    }

    /// Whether two scopes are the same restriction and order (shared, not compared).
    pub fn same(&self, other: &Scope) -> bool {
        fn same<T: ?Sized>(a: &Option<Arc<T>>, b: &Option<Arc<T>>) -> bool {
            match (a, b) {
                (None, None) => true,
                (Some(a), Some(b)) => Arc::ptr_eq(a, b),
                _ => false,
            }
        }
        same(&self.keep, &other.keep) && same(&self.rank, &other.rank)
    }
}

/// The largest tie-break value: positions past 16M tie.
pub(super) const TAIL_MAX: i64 = 0xFF_FFFF;
