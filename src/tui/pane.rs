//! One tab's table state: which rows are shown in which order (filter, status, sort), the
//! selection and the scroll offset.
//!
//! A query is parsed once per keystroke ([`crate::query`]): its qualifiers (and, on
//! Targets, the status cycle) become the [`Scope`]'s kept rows, recomputed only when they
//! change; its plain words are ranked within that scope, equally good matches in the
//! tab's order (its sort). The first screen comes from [`Ranker::quick_in`] on the UI
//! thread, the full ranking from a [`FilterWorker`], picked up by [`Pane::poll`] from the
//! event loop (or forced by [`Pane::settle`]).

use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use super::index::{Index, StatusFilter};
use super::sort::{sorted, Sort};
use super::target::Tab;
use crate::corpus::Corpus;
use crate::entities::{base_order, positions};
use crate::query::{parse, Filter, Qualifier};
use crate::search::{fold, fuzzy_tier, FilterWorker, Hit, Labels, Ranker, Scope, TIER_SUBSTRING};

/// Rows ranked synchronously per keystroke: more than any screen shows.
const FIRST_SCREEN: usize = 256;

pub struct Pane {
    pub tab: Tab,
    /// One label per entity, index = index into the tab's corpus vector (perhaps still
    /// being built).
    hay: Arc<Labels>,
    /// A query is waiting for the labels.
    waiting: bool,
    ranker: Ranker,
    /// Started on the first query: most tabs are never filtered.
    worker: Option<FilterWorker>,
    /// The query as typed, and parsed.
    query: String,
    filter: Filter,
    /// What the kept rows were computed from: the qualifiers and the status cycle.
    kept_for: Option<(Vec<Qualifier>, StatusFilter)>,
    /// The tab's own order, computed once: what a sort starts from.
    base: Arc<[u32]>,
    /// The order shown (the base, or sorted by a column).
    order: Arc<[u32]>,
    /// Ranking scope: the rows the qualifiers keep, ties in `order`.
    scope: Scope,
    /// Whether `rows` is the complete result for `query` (false while the worker ranks).
    complete: bool,
    /// Indices into the tab's corpus vector, in display order.
    rows: Vec<usize>,
    /// How many leading rows matched every query word; the rest are fuzzy-only matches.
    strong: usize,
    pub selected: usize,
    pub offset: usize,
    /// Whether the selection was moved since the query last changed.
    moved: bool,
    /// Targets tab only.
    pub status: StatusFilter,
    /// The column the rows are sorted by; `None`: the tab's base order.
    pub sort: Option<Sort>,
}

impl Pane {
    /// A pane over `hay`, the folded labels of the tab's entities in corpus order.
    pub fn new(tab: Tab, hay: Arc<Labels>, c: &Corpus, ix: &Index) -> Pane {
        let base: Arc<[u32]> = match tab {
            Tab::Units => (0..hay.len()).map(crate::model::ix).collect(),
            _ => base_order(c, tab.kind()).into(),
        };
        let mut p = Pane {
            tab,
            hay,
            waiting: false,
            ranker: Ranker::new(),
            worker: None,
            query: String::new(),
            filter: Filter::default(),
            kept_for: None,
            scope: Scope::new(None, Some(positions(&base).into())),
            order: Arc::clone(&base),
            base,
            complete: true,
            rows: Vec::new(),
            strong: 0,
            selected: 0,
            offset: 0,
            moved: false,
            // The tab is named for targets: it opens on them (`s` cycles to the rest).
            status: if tab == Tab::Targets {
                StatusFilter::Only(crate::model::Status::Target)
            } else {
                StatusFilter::All
            },
            sort: None,
        };
        p.refresh(c, ix);
        p
    }

    /// Whether row `pos` (a display position) is a fuzzy-only match, drawn dimmer.
    pub fn weak(&self, pos: usize) -> bool {
        pos >= self.strong
    }

    pub fn rows(&self) -> &[usize] {
        &self.rows
    }

    /// The rows that match every plain word (all rows when none does): what the export
    /// keys write, as `vnie export --filter` does.
    pub fn matching_rows(&self) -> &[usize] {
        match self.strong {
            0 => &self.rows,
            n => &self.rows[..n.min(self.rows.len())],
        }
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

    /// Whether the query's `s:` overrides the status cycle.
    pub fn status_from_query(&self) -> bool {
        self.filter.statuses().is_some()
    }

    /// Whether the full ranking is still being computed.
    pub fn ranking(&self) -> bool {
        !self.complete
    }

    /// The entity of the selected row.
    pub fn current(&self) -> Option<usize> {
        self.rows.get(self.selected).copied()
    }

    /// Matched char positions in entity `i`'s label; only called for rows on screen.
    pub fn positions(&self, i: usize) -> Vec<usize> {
        match self.hay.get().and_then(|hay| hay.get(i)) {
            Some(h) if !fold(&self.filter.text).is_empty() => {
                self.ranker.positions(&self.filter.text, h)
            }
            _ => Vec::new(),
        }
    }

    /// The rows the qualifiers and the status cycle keep, or None for all.
    fn kept(&self, c: &Corpus, ix: &Index) -> Option<Arc<[bool]>> {
        let status = match (self.tab, self.filter.statuses()) {
            (Tab::Targets, None) => self.status,
            _ => StatusFilter::All,
        };
        let mut keep = match self.tab {
            Tab::Units => self
                .filter
                .keep(c, crate::export::Kind::Provinces)
                .map(|places| {
                    ix.units
                        .iter()
                        .map(|u| {
                            u.places
                                .iter()
                                .any(|&p| places.get(p).copied().unwrap_or(false))
                        })
                        .collect()
                }),
            t => self.filter.keep(c, t.kind()),
        };
        if status != StatusFilter::All {
            let k = keep.get_or_insert_with(|| vec![true; c.figures.len()]);
            for (x, f) in k.iter_mut().zip(&c.figures) {
                *x &= status.accepts(f.status);
            }
        }
        keep.map(Into::into)
    }

    /// Recomputes the scope when the qualifiers or the status changed.
    fn update_scope(&mut self, c: &Corpus, ix: &Index) {
        let key = (self.filter.qualifiers.clone(), self.status);
        if self.kept_for.as_ref() != Some(&key) {
            self.scope = Scope::new(self.kept(c, ix), self.scope.rank.clone());
            self.kept_for = Some(key);
        }
    }

    /// Rows for the current query, scope and order: the whole result when there are no
    /// plain words, else the first screen, with the full ranking submitted.
    fn refresh(&mut self, c: &Corpus, ix: &Index) {
        self.update_scope(c, ix);
        let text = self.filter.text.clone();
        if fold(&text).is_empty() {
            self.complete = true;
            self.rows = self
                .order
                .iter()
                .map(|&i| i as usize)
                .filter(|&i| self.scope.keeps(i))
                .collect();
            self.strong = self.rows.len();
            return;
        }
        self.complete = false;
        let Some(hay) = self.hay.get() else {
            // Ranked by `poll` or `settle` once the labels are built.
            self.waiting = true;
            self.rows.clear();
            self.strong = 0;
            return;
        };
        self.waiting = false;
        // Submitted first: that cancels the ranking of the previous keystroke, which
        // would otherwise compete with the first screen for the cores.
        self.worker
            .get_or_insert_with(|| FilterWorker::new(Arc::clone(hay)))
            .submit_in(&text, &self.scope);
        let hits = self.ranker.quick_in(&text, hay, FIRST_SCREEN, &self.scope);
        self.set_hits(&hits);
    }

    fn set_hits(&mut self, hits: &[Hit]) {
        self.rows = hits.iter().map(|h| h.index).collect();
        self.strong = hits.iter().take_while(|h| h.tier == TIER_SUBSTRING).count();
    }

    /// Replaces the query: the selection goes to the best match.
    pub fn set_query(&mut self, query: &str, c: &Corpus, ix: &Index) {
        self.query = query.to_string();
        self.filter = parse(query);
        self.selected = 0;
        self.offset = 0;
        self.moved = false;
        self.refresh(c, ix);
    }

    /// Takes a finished ranking from the worker; true when the rows changed.
    pub fn poll(&mut self, c: &Corpus, ix: &Index) -> bool {
        if self.waiting {
            if self.hay.get().is_none() {
                return false;
            }
            self.refresh(c, ix);
            return true;
        }
        let Some(w) = &self.worker else { return false };
        match w.poll() {
            Some((q, hits)) if q == self.filter.text && !self.complete => {
                self.apply_hits(&hits);
                true
            }
            _ => false,
        }
    }

    /// Ranks synchronously instead of waiting for the worker.
    pub fn settle(&mut self, c: &Corpus, ix: &Index) {
        if self.waiting {
            self.hay.wait();
            self.refresh(c, ix);
        }
        if self.complete {
            return;
        }
        let never = AtomicBool::new(false);
        let text = &self.filter.text;
        let fuzzy = fuzzy_tier(text);
        let hay = self.hay.wait();
        if let Some(hits) = self.ranker.rank_in(text, hay, &never, fuzzy, &self.scope) {
            self.apply_hits(&hits);
        }
    }

    fn apply_hits(&mut self, hits: &[Hit]) {
        let keep = self.current();
        self.set_hits(hits);
        self.complete = true;
        // Until the user moves, the selection is "the best match", not a particular row.
        if self.moved {
            self.reselect(keep);
        } else {
            self.selected = 0;
        }
    }

    /// Re-applies the status filter and the sort, keeping the selected entity.
    pub fn reorder(&mut self, c: &Corpus, ix: &Index) {
        let keep = self.current();
        let order: Arc<[u32]> = match self.sort {
            Some(s) => sorted(self.tab, s, c, ix, &self.base).into(),
            None => Arc::clone(&self.base),
        };
        if !Arc::ptr_eq(&order, &self.order) {
            self.scope = Scope::new(self.scope.keep.clone(), Some(positions(&order).into()));
            self.order = order;
        }
        self.refresh(c, ix);
        self.reselect(keep);
        // The selection is kept on purpose: the next ranking must not move it.
        self.moved = true;
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
    fn a_query_typed_before_the_labels_is_ranked_when_they_come() {
        let c = Corpus::embedded();
        let ix = Index::new(&c);
        let kind = Tab::Targets.kind();
        let n = crate::entities::count(&c, kind);
        let labels = Labels::pending(n);
        let mut p = Pane::new(Tab::Targets, Arc::clone(&labels), &c, &ix);
        assert_eq!(p.total(), n);
        assert!(!p.rows().is_empty(), "the table shows before the labels");
        p.set_query("son la", &c, &ix);
        assert!(p.ranking() && p.rows().is_empty());
        assert!(!p.poll(&c, &ix), "nothing to rank yet");
        labels.fill(crate::search::Haystack::build_from(n, |i| {
            crate::entities::label(&c, kind, i)
        }));
        assert!(p.poll(&c, &ix));
        p.settle(&c, &ix);
        assert!(!p.ranking());
        assert!(!p.rows().is_empty());
        for &i in p.matching_rows() {
            let l = crate::search::fold(&crate::entities::label(&c, kind, i));
            assert!(l.contains("son la"), "{l}");
        }
    }

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
