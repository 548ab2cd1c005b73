//! One tab's table state: which rows are shown in which order (filter, status, sort), the
//! selection and the scroll offset.
//!
//! Filtering follows `search`'s two tiers: after each keystroke the first screen comes
//! from [`Ranker::quick`] on the UI thread (on Targets, whose rows keep their sort, from
//! [`Ranker::first_in_order`]) and the full ranking from a [`FilterWorker`], picked up by
//! [`Pane::poll`] from the event loop (or forced by [`Pane::settle`]).

use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use super::index::{Index, SortKey, StatusFilter};
use super::target::Tab;
use crate::corpus::Corpus;
use crate::search::{
    fold, fuzzy_tier, FilterWorker, Haystack, Hit, OrderedHits, Ranker, TIER_SUBSTRING,
};

/// Rows ranked synchronously per keystroke: more than any screen shows.
const FIRST_SCREEN: usize = 256;

pub struct Pane {
    pub tab: Tab,
    /// One label per entity, index = index into the tab's corpus vector.
    hay: Arc<Vec<Haystack>>,
    ranker: Ranker,
    /// Started on the first query: most tabs are never filtered.
    worker: Option<FilterWorker>,
    query: String,
    /// Whether `rows` is the complete result for `query` (false while the worker ranks).
    complete: bool,
    /// The last full ranking, kept so that a status or sort change needs no new ranking.
    hits: Option<Arc<Vec<Hit>>>,
    /// Indices into the tab's corpus vector, in display order.
    rows: Vec<usize>,
    /// How many leading rows matched every query word; the rest are fuzzy-only matches.
    strong: usize,
    pub selected: usize,
    pub offset: usize,
    /// Whether the selection was moved since the query last changed.
    moved: bool,
    /// Targets: the last first screen's matches, for the next keystroke to narrow, with
    /// the status filter and sort they were found under.
    walk: Option<(StatusFilter, SortKey, OrderedHits)>,
    /// Targets tab only.
    pub status: StatusFilter,
    pub sort: SortKey,
}

impl Pane {
    /// A pane over `hay`, the folded labels of the tab's entities in corpus order.
    pub fn new(tab: Tab, hay: Vec<Haystack>, c: &Corpus, ix: &Index) -> Pane {
        let mut p = Pane {
            tab,
            hay: Arc::new(hay),
            ranker: Ranker::new(),
            worker: None,
            query: String::new(),
            complete: true,
            hits: None,
            rows: Vec::new(),
            strong: 0,
            selected: 0,
            offset: 0,
            moved: false,
            walk: None,
            // The tab is named for targets: it opens on them (`s` cycles to the rest).
            status: if tab == Tab::Targets {
                StatusFilter::Only(crate::model::Status::Target)
            } else {
                StatusFilter::All
            },
            sort: SortKey::Province,
        };
        p.set_rows(p.base_rows(c, ix));
        p
    }

    /// Replaces the rows; `strong` counts the leading substring-tier rows.
    fn set_rows(&mut self, (rows, strong): (Vec<usize>, usize)) {
        self.rows = rows;
        self.strong = strong;
    }

    /// Whether row `pos` (a display position) is a fuzzy-only match, drawn dimmer.
    pub fn weak(&self, pos: usize) -> bool {
        pos >= self.strong
    }

    pub fn rows(&self) -> &[usize] {
        &self.rows
    }

    pub fn total(&self) -> usize {
        self.hay.len()
    }

    pub fn query(&self) -> &str {
        &self.query
    }

    /// Whether a non-blank filter is in force.
    pub fn filtered(&self) -> bool {
        !fold(&self.query).is_empty()
    }

    /// Whether the full ranking is still being computed.
    pub fn ranking(&self) -> bool {
        !self.complete
    }

    /// The entity of the selected row.
    pub fn current(&self) -> Option<usize> {
        self.rows.get(self.selected).copied()
    }

    /// The label the filter matched for entity `i`, to highlight matches in its cells.
    /// Matched char positions in entity `i`'s label; only called for rows on screen.
    pub fn positions(&self, i: usize) -> Vec<usize> {
        match self.hay.get(i) {
            Some(h) if self.filtered() => self.ranker.positions(&self.query, h),
            _ => Vec::new(),
        }
    }

    fn base_rows(&self, c: &Corpus, ix: &Index) -> (Vec<usize>, usize) {
        let rows: Vec<usize> = match self.tab {
            Tab::Targets => ix
                .figure_order(self.sort)
                .iter()
                .map(|&fi| fi as usize)
                .filter(|&fi| self.accepts(c, fi))
                .collect(),
            _ => (0..self.hay.len()).collect(),
        };
        let n = rows.len();
        (rows, n)
    }

    fn accepts(&self, c: &Corpus, i: usize) -> bool {
        self.tab != Tab::Targets
            || c.figures
                .get(i)
                .is_some_and(|f| self.status.accepts(f.status))
    }

    /// Display order of ranked hits. Targets keep the ranking's two tiers (all words found,
    /// then fuzzy-only matches) and order each tier by the chosen sort; other tabs show the
    /// ranking as is.
    fn order_hits(&self, hits: &[Hit], c: &Corpus, ix: &Index) -> (Vec<usize>, usize) {
        match self.tab {
            Tab::Targets => {
                let mut keyed: Vec<(u8, u32, usize)> = hits
                    .iter()
                    .filter(|h| self.accepts(c, h.index))
                    .map(|h| (h.tier, ix.figure_rank(self.sort, h.index), h.index))
                    .collect();
                keyed.sort_unstable();
                let n = keyed.iter().take_while(|k| k.0 == TIER_SUBSTRING).count();
                (keyed.into_iter().map(|(_, _, i)| i).collect(), n)
            }
            // The ranking lists the substring tier first.
            _ => (
                hits.iter().map(|h| h.index).collect(),
                hits.iter().take_while(|h| h.tier == TIER_SUBSTRING).count(),
            ),
        }
    }

    /// Rows available right after a keystroke: the head of the final order, which lists
    /// the substring-tier hits first. On list tabs those are the best-scored ones; on
    /// Targets the first ones in the chosen sort, found by walking the sort order (and,
    /// when the query grew, only the previous keystroke's hits), so that a one-letter
    /// query matching a million figures costs a few hundred tests, not a sort of them all.
    fn first_screen(&mut self, c: &Corpus, ix: &Index) -> (Vec<usize>, usize) {
        if self.tab != Tab::Targets {
            let hits = self.ranker.quick(&self.query, &self.hay, FIRST_SCREEN);
            return self.order_hits(&hits, c, ix);
        }
        let (status, sort) = (self.status, self.sort);
        let prev = self
            .walk
            .take()
            .filter(|(st, so, _)| (*st, *so) == (status, sort))
            .map(|(.., w)| w);
        let order = ix.figure_order(sort);
        let found = self.ranker.first_in_order(
            &self.query,
            &self.hay,
            order,
            |i| ix.figure_rank(sort, i) as usize,
            |i| c.figures.get(i).is_some_and(|f| status.accepts(f.status)),
            FIRST_SCREEN,
            prev.as_ref(),
        );
        let rows: Vec<usize> = found.positions.iter().map(|&p| order[p] as usize).collect();
        self.walk = Some((status, sort, found));
        let n = rows.len();
        (rows, n)
    }

    /// Replaces the query: the selection goes to the best match.
    pub fn set_query(&mut self, query: &str, c: &Corpus, ix: &Index) {
        self.query = query.to_string();
        self.hits = None;
        self.selected = 0;
        self.offset = 0;
        self.moved = false;
        if !self.filtered() {
            self.complete = true;
            self.walk = None;
            self.set_rows(self.base_rows(c, ix));
            return;
        }
        // Submitted first: that cancels the ranking of the previous keystroke, which
        // would otherwise compete with the first screen for the cores.
        let hay = &self.hay;
        self.worker
            .get_or_insert_with(|| FilterWorker::new(Arc::clone(hay)))
            .submit(query);
        self.complete = false;
        let rows = self.first_screen(c, ix);
        self.set_rows(rows);
    }

    /// Takes a finished ranking from the worker; true when the rows changed.
    pub fn poll(&mut self, c: &Corpus, ix: &Index) -> bool {
        let Some(w) = &self.worker else { return false };
        match w.poll() {
            Some((q, hits)) if q == self.query && !self.complete => {
                self.apply_hits(hits, c, ix);
                true
            }
            _ => false,
        }
    }

    /// Ranks synchronously instead of waiting for the worker.
    pub fn settle(&mut self, c: &Corpus, ix: &Index) {
        if self.complete {
            return;
        }
        let never = AtomicBool::new(false);
        let fuzzy = fuzzy_tier(&self.query);
        if let Some(hits) = self.ranker.rank_with(&self.query, &self.hay, &never, fuzzy) {
            self.apply_hits(Arc::new(hits), c, ix);
        }
    }

    fn apply_hits(&mut self, hits: Arc<Vec<Hit>>, c: &Corpus, ix: &Index) {
        let keep = self.current();
        self.set_rows(self.order_hits(&hits, c, ix));
        self.hits = Some(hits);
        self.complete = true;
        // Until the user moves, the selection is "the best match", not a particular row.
        if self.moved {
            self.reselect(keep);
        } else {
            self.selected = 0;
        }
    }

    /// Re-applies the status filter and sort (Targets) to the current result.
    pub fn reorder(&mut self, c: &Corpus, ix: &Index) {
        let keep = self.current();
        let rows = if !self.filtered() {
            self.base_rows(c, ix)
        } else if let Some(hits) = &self.hits {
            self.order_hits(hits, c, ix)
        } else {
            self.first_screen(c, ix)
        };
        self.set_rows(rows);
        self.reselect(keep);
    }

    fn reselect(&mut self, keep: Option<usize>) {
        self.selected = keep
            .and_then(|e| self.rows.iter().position(|&r| r == e))
            .unwrap_or(0);
    }

    /// Moves the selection by `delta` rows, clamped to the table.
    pub fn move_by(&mut self, delta: isize) {
        self.moved = true;
        let last = self.rows.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    pub fn select(&mut self, row: usize) {
        self.moved = true;
        self.selected = row.min(self.rows.len().saturating_sub(1));
    }

    /// Scrolls just enough to show the selection in a window of `height` rows.
    pub fn follow(&mut self, height: usize) {
        self.offset = visible_offset(self.selected, self.offset, height, self.rows.len());
    }
}

/// First row to draw so that `selected` shows in `height` rows, moving `offset` as little as
/// possible; shared by the state update and the drawing (which must not mutate).
pub fn visible_offset(selected: usize, offset: usize, height: usize, len: usize) -> usize {
    let h = height.max(1);
    let mut off = offset.min(len.saturating_sub(h));
    if selected < off {
        off = selected;
    } else if selected >= off + h {
        off = selected + 1 - h;
    }
    off
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offset_follows_selection() {
        assert_eq!(visible_offset(0, 0, 5, 100), 0);
        assert_eq!(visible_offset(5, 0, 5, 100), 1);
        assert_eq!(visible_offset(3, 10, 5, 100), 3);
        assert_eq!(visible_offset(50, 48, 5, 100), 48);
        // A window larger than the table starts at the top.
        assert_eq!(visible_offset(2, 7, 20, 10), 0);
        assert_eq!(visible_offset(0, 0, 0, 0), 0);
    }
}
