//! The explorer's state and the one place it changes: events become [`Action`]s through
//! the keymap, and [`App::apply`] carries them out. Drawing (`ui`) only reads this.

use crossterm::event::{Event, KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use super::compare::Compare;
use super::content::popup::max_scroll as popup_max_scroll;
use super::content::{self, Depth};
use super::detail::Detail;
use super::index::Index;
use super::keymap::{self, Action, Ctx};
use super::lang::Lang;
use super::layout::{areas, compare_areas, compare_list_offset, inner, tab_titles, Areas};
use super::loading::Loading;
use super::pane::{visible_offset, Pane};
use super::sort::Sort;
use super::target::{Tab, Target};
use super::theme::Theme;
use crate::corpus::{Corpus, LoadOptions};
use crate::entities::{count, label};
use crate::search::{Haystack, Labels};
use std::path::PathBuf;

/// Tabs with at least this many entities get their search labels after the first frame
/// (about 0.1 s of folding on two cores).
const LABELS_LATER_FROM: usize = 100_000;

/// Rows or lines one wheel notch moves.
const WHEEL_STEP: isize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Popup {
    Help,
    Skipped,
}

pub struct App {
    /// Shared with the thread that builds a large tab's search labels.
    pub(super) corpus: std::sync::Arc<Corpus>,
    pub(super) index: Index,
    pub(super) theme: Theme,
    pub(super) panes: Vec<Pane>,
    pub(super) tab: Tab,
    /// The filter line is open on the current tab.
    pub(super) typing: bool,
    /// Detail views, the one shown last; empty when the tables show.
    pub(super) history: Vec<Detail>,
    pub(super) popup: Option<Popup>,
    pub(super) popup_scroll: usize,
    /// A one-off message for the status bar, cleared by the next key.
    pub(super) note: Option<String>,
    /// What updates asked of the outside world, until the event loop performs it.
    pub(super) effects: Vec<super::effect::Effect>,
    /// Whether the preview shows beside (or under) the table.
    pub(super) preview: bool,
    /// The preview's content for one selection in one language: built when the
    /// selection changes, not on every frame.
    preview_cache: std::cell::RefCell<Option<(Target, Lang, std::rc::Rc<super::rich::RichDoc>)>>,
    /// The compare view, while it is open (over the tables, under detail views).
    pub(super) compare: Option<Compare>,
    /// The Provinces tab lists the 34 units of 2025 instead of the 63 provinces.
    map2025: bool,
    pub(super) lang: Lang,
    pub(super) size: Rect,
    quit: bool,
    /// The corpus being loaded in the background, while the tables are empty.
    pub(super) loading: Option<Loading>,
    /// Why loading failed, until the event loop takes it.
    pub(super) load_error: Option<String>,
    /// The folders shown, watched for changes, and how to load them again.
    pub(super) watch: Option<(super::watch::Watch, Vec<PathBuf>, LoadOptions)>,
    /// While a reload runs: how many files changed, for the status bar.
    pub(super) reloading: Option<usize>,
}

impl App {
    /// Builds every tab's labels and search index once; colours follow `NO_COLOR`.
    pub fn new(corpus: Corpus) -> App {
        App::with_theme(corpus, Theme::from_env())
    }

    pub fn with_theme(corpus: Corpus, theme: Theme) -> App {
        let corpus = std::sync::Arc::new(corpus);
        // The cross-references and the tabs' search labels need nothing of each other:
        // built side by side. A tab of many entities (the figures of a large corpus) has
        // its labels built after the first frame: only its filter needs them.
        let (index, hays) = rayon::join(
            || Index::new(&corpus),
            || {
                Tab::ALL.map(|tab| {
                    let kind = tab.kind();
                    let n = count(&corpus, kind);
                    if n >= LABELS_LATER_FROM {
                        Labels::pending(n)
                    } else {
                        Labels::ready(Haystack::build_from(n, |i| label(&corpus, kind, i)))
                    }
                })
            },
        );
        let mut panes: Vec<Pane> = Tab::ALL
            .into_iter()
            .zip(hays.iter().cloned())
            .map(|(tab, hay)| Pane::new(tab, hay, &corpus, &index))
            .collect();
        // Indexed like `Tab::index`: the 2025 units come after the five tabs.
        let units =
            Haystack::build_from(index.units.len(), |i| unit_label(&corpus, &index.units[i]));
        panes.push(Pane::new(Tab::Units, Labels::ready(units), &corpus, &index));
        for (tab, hay) in Tab::ALL.into_iter().zip(&hays) {
            if hay.get().is_none() {
                let (c, kind) = (std::sync::Arc::clone(&corpus), tab.kind());
                hay.build_later(move |i| label(&c, kind, i));
            }
        }
        App {
            corpus,
            index,
            theme,
            panes,
            tab: Tab::Provinces,
            typing: false,
            history: Vec::new(),
            popup: None,
            popup_scroll: 0,
            note: None,
            effects: Vec::new(),
            preview: true,
            preview_cache: Default::default(),
            compare: None,
            map2025: false,
            lang: Lang::default(),
            size: Rect::new(0, 0, 80, 24),
            quit: false,
            loading: None,
            watch: None,
            reloading: None,
            load_error: None,
        }
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    pub fn corpus(&self) -> &Corpus {
        &self.corpus
    }

    pub fn tab(&self) -> Tab {
        self.tab
    }

    pub fn typing(&self) -> bool {
        self.typing
    }

    pub fn popup(&self) -> Option<Popup> {
        self.popup
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Whether the compare view is open.
    pub fn comparing(&self) -> bool {
        self.compare.is_some()
    }

    /// The metric family the compare view shows, and its figures in display order.
    pub fn compare_rows(&self) -> Option<(&'static str, &[usize])> {
        let v = self.compare.as_ref()?;
        let fam = self.index.families.get(v.family)?;
        Some((fam.def().id.as_str(), v.rows()))
    }

    /// The status-bar message left by the last action, if any.
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }

    /// The current tab's table as shown: translated column titles and, for every row in
    /// display order that matches the filter (the dimmed near misses left out, as
    /// `vnie export --filter` leaves them), the cells the screen draws. What the export
    /// keys write.
    pub fn table(&self) -> crate::export::Table {
        let p = self.pane();
        crate::export::Table {
            headers: super::rows::columns(p.tab)
                .iter()
                .map(|c| self.lang.t(c.title).to_string())
                .collect(),
            rows: self
                .matching_entities()
                .iter()
                .map(|&i| super::rows::cells(p.tab, &self.corpus, &self.index, i, self.lang))
                .collect(),
        }
    }

    /// The entities (indices into the tab's corpus vector) of the rows the export keys
    /// write, in display order: for the same query, `vnie export --filter`'s rows.
    pub fn matching_entities(&self) -> &[usize] {
        self.pane().matching_rows()
    }

    pub(super) fn pane(&self) -> &Pane {
        &self.panes[self.tab.index()]
    }

    fn pane_mut(&mut self) -> &mut Pane {
        &mut self.panes[self.tab.index()]
    }

    /// The current tab's filter query (kept or being typed).
    pub fn query(&self) -> &str {
        self.pane().query()
    }

    /// Number of rows the current tab shows.
    pub fn row_count(&self) -> usize {
        self.pane().rows().len()
    }

    /// Filter labels of the current tab's first `n` rows, in display order.
    pub fn row_labels(&self, n: usize) -> Vec<String> {
        let p = self.pane();
        p.rows()
            .iter()
            .take(n)
            .map(|&i| self.row_label(p.tab, i))
            .collect()
    }

    /// The filter label of entity `ent` of `tab`, made from the corpus (the panes keep
    /// only the folded form).
    pub fn row_label(&self, tab: Tab, ent: usize) -> String {
        match tab {
            Tab::Units => self
                .index
                .units
                .get(ent)
                .map(|u| unit_label(&self.corpus, u))
                .unwrap_or_default(),
            _ => label(&self.corpus, tab.kind(), ent),
        }
    }

    /// The entity of the selected row.
    pub fn selected(&self) -> Option<Target> {
        self.pane().current().map(|i| Target::new(self.tab, i))
    }

    /// The entity of the detail view on screen, if one is.
    pub fn detail(&self) -> Option<Target> {
        self.history.last().map(|d| d.target)
    }

    /// How many detail views Backspace/Esc walks back through.
    pub fn history_len(&self) -> usize {
        self.history.len()
    }

    /// The link under the detail view's cursor.
    pub fn detail_link(&self) -> Option<Target> {
        self.history
            .last()?
            .current(self.layout().detail.height as usize)
    }

    pub(super) fn layout(&self) -> Areas {
        areas(self.size, self.preview)
    }

    fn ctx(&self) -> Ctx {
        if self.popup.is_some() {
            Ctx::Popup
        } else if self.typing {
            Ctx::Filter
        } else if !self.history.is_empty() {
            Ctx::Detail
        } else if self.compare.is_some() {
            Ctx::Compare
        } else {
            Ctx::Table
        }
    }

    /// Handles one terminal event; true when the screen may have changed.
    pub fn handle_event(&mut self, ev: &Event) -> bool {
        match ev {
            Event::Key(k) if k.kind != KeyEventKind::Release => {
                self.handle_key(*k);
                true
            }
            Event::Mouse(m) => self.handle_mouse(*m),
            Event::Resize(w, h) => {
                self.resize(*w, *h);
                true
            }
            _ => false,
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent) {
        self.note = None;
        let Some(k) = keymap::normalize(&key) else {
            return;
        };
        let ctx = self.ctx();
        if let Some(action) = keymap::lookup(ctx, k) {
            self.apply(action);
        } else if ctx == Ctx::Filter && !k.ctrl {
            if let crossterm::event::KeyCode::Char(c) = k.code {
                self.apply(Action::FilterInput(c));
            }
        }
    }

    pub fn resize(&mut self, w: u16, h: u16) {
        self.size = Rect::new(0, 0, w, h);
        let a = self.layout();
        for p in &mut self.panes {
            p.follow(a.rows.height as usize);
        }
        if let Some(v) = &mut self.compare {
            v.follow(compare_rows_height(&a));
        }
        if let Some(d) = self.history.last_mut() {
            d.reflow(a.detail.width);
            d.clamp(a.detail.height as usize);
        }
    }

    /// Picks up finished background rankings and the loaded corpus; true when the screen
    /// may have changed.
    pub fn tick(&mut self) -> bool {
        let mut changed = self.poll_loading();
        let (c, ix) = (&self.corpus, &self.index);
        for p in &mut self.panes {
            changed |= p.poll(c, ix);
        }
        if changed {
            self.follow();
        }
        changed
    }

    /// Whether a background ranking is still running (the event loop then polls sooner).
    pub fn busy(&self) -> bool {
        self.panes.iter().any(Pane::ranking)
    }

    /// Completes every pending ranking synchronously, for tests and scripted use.
    pub fn settle(&mut self) {
        let (c, ix) = (&self.corpus, &self.index);
        for p in &mut self.panes {
            p.settle(c, ix);
        }
        self.follow();
    }

    fn follow(&mut self) {
        let a = self.layout();
        self.pane_mut().follow(a.rows.height as usize);
        if let Some(v) = &mut self.compare {
            v.follow(compare_rows_height(&a));
        }
    }

    pub fn apply(&mut self, action: Action) {
        if self.popup.is_some() {
            self.apply_popup(action);
        } else if let Some(d) = self.history.last_mut() {
            let h = areas(self.size, self.preview).detail.height as usize;
            let page = h.max(1) as isize;
            match action {
                Action::Down => d.down(h),
                Action::Up => d.up(h),
                Action::PageDown => d.scroll_by(page, h),
                Action::PageUp => d.scroll_by(-page, h),
                Action::HalfDown => d.scroll_by((page / 2).max(1), h),
                Action::HalfUp => d.scroll_by(-(page / 2).max(1), h),
                Action::Top => d.top(h),
                Action::Bottom => d.bottom(h),
                Action::NextLink => d.step_link(true, h),
                Action::PrevLink => d.step_link(false, h),
                Action::Open => {
                    if let Some(t) = d.current(h) {
                        self.open(t);
                    }
                }
                Action::FilterStart => {
                    self.typing = true;
                    d.set_find("", h);
                }
                Action::FilterInput(ch) => {
                    let q = format!("{}{ch}", d.find.as_ref().map_or("", |f| &f.query));
                    d.set_find(&q, h);
                }
                Action::FilterBackspace => {
                    let mut q = d.find.as_ref().map(|f| f.query.clone()).unwrap_or_default();
                    q.pop();
                    d.set_find(&q, h);
                }
                Action::FilterErase => d.set_find("", h),
                Action::FilterKeep => self.typing = false,
                Action::FilterClear => {
                    self.typing = false;
                    d.find = None;
                }
                Action::FindNext => d.step_find(true, h),
                Action::FindPrev => d.step_find(false, h),
                other => self.apply_common(other),
            }
        } else if self.compare.is_some() {
            self.apply_compare(action);
        } else {
            self.apply_table(action);
        }
    }

    fn apply_compare(&mut self, action: Action) {
        let h = compare_rows_height(&self.layout()).max(1);
        let (c, ix) = (&self.corpus, &self.index);
        let Some(v) = &mut self.compare else { return };
        if let Some(s) = step(action, h) {
            match s {
                Step::By(d) => v.move_by(d),
                Step::To(row) => v.select(row),
            }
            self.follow();
            return;
        }
        match action {
            Action::NextFamily => v.step_family(true, c, ix),
            Action::PrevFamily => v.step_family(false, c, ix),
            Action::CycleStatus => v.cycle_status(c, ix),
            Action::Compare => self.compare = None,
            Action::Open => {
                if let Some(fi) = v.current() {
                    self.open(Target::Figure(fi));
                }
            }
            other => self.apply_common(other),
        }
        self.follow();
    }

    fn apply_popup(&mut self, action: Action) {
        let Some(popup) = self.popup else { return };
        let page = self.layout().popup.height.saturating_sub(2).max(1) as isize;
        let max = popup_max_scroll(self, popup, self.layout().popup);
        let by = |s: usize, d: isize| s.saturating_add_signed(d).min(max);
        match action {
            Action::ClosePopup => self.popup = None,
            Action::Down => self.popup_scroll = by(self.popup_scroll, 1),
            Action::Up => self.popup_scroll = by(self.popup_scroll, -1),
            Action::PageDown => self.popup_scroll = by(self.popup_scroll, page),
            Action::PageUp => self.popup_scroll = by(self.popup_scroll, -page),
            Action::Top => self.popup_scroll = 0,
            Action::Bottom => self.popup_scroll = max,
            Action::Quit => self.quit = true,
            _ => {}
        }
    }

    fn apply_table(&mut self, action: Action) {
        let h = self.layout().rows.height.max(1) as usize;
        let (c, ix) = (&self.corpus, &self.index);
        let pane = &mut self.panes[self.tab.index()];
        if let Some(s) = step(action, h) {
            match s {
                Step::By(d) => pane.move_by(d),
                Step::To(row) => pane.select(row),
            }
            self.follow();
            return;
        }
        match action {
            Action::Open => {
                if let Some(t) = self.selected() {
                    self.typing = false;
                    self.open(t);
                }
            }
            Action::FilterStart => self.typing = true,
            Action::FilterClear => {
                self.typing = false;
                // With no filter there is nothing to clear: the selection stays.
                if !pane.query().is_empty() {
                    pane.set_query("", c, ix);
                }
            }
            Action::FilterKeep => {
                self.typing = false;
                if !pane.filtered() {
                    pane.set_query("", c, ix);
                }
            }
            Action::FilterBackspace => {
                let mut q = pane.query().to_string();
                q.pop();
                pane.set_query(&q, c, ix);
            }
            Action::FilterErase => pane.set_query("", c, ix),
            Action::FilterInput(ch) => {
                let q = format!("{}{ch}", pane.query());
                pane.set_query(&q, c, ix);
            }
            Action::CycleStatus if pane.tab != Tab::Targets => {
                self.note = Some(
                    self.lang
                        .t("the status cycle applies to the Targets tab (2)")
                        .to_string(),
                );
            }
            Action::Compare => {
                let mut v = Compare::new(c, ix);
                if let (Tab::Targets, Some(fi)) = (pane.tab, pane.current()) {
                    v.focus_figure(fi, c, ix);
                }
                self.compare = Some(v);
            }
            Action::Map2025 => match pane.tab {
                Tab::Provinces | Tab::Units => {
                    self.map2025 = pane.tab == Tab::Provinces;
                    self.tab = if self.map2025 {
                        Tab::Units
                    } else {
                        Tab::Provinces
                    };
                }
                _ => {
                    self.note = Some(
                        self.lang
                            .t("the 2025 map applies to the Provinces tab (1)")
                            .to_string(),
                    )
                }
            },
            Action::TogglePreview => {
                self.preview = !self.preview;
                let (w, h) = (self.size.width, self.size.height);
                self.resize(w, h);
            }
            Action::ExportCsv => self.export(crate::export::Format::Csv),
            Action::ExportMarkdown => self.export(crate::export::Format::Md),
            Action::CycleStatus => {
                pane.status = pane.status.next();
                pane.reorder(c, ix);
            }
            Action::CycleSort => {
                pane.sort = Sort::next(pane.sort, pane.tab);
                pane.reorder(c, ix);
            }
            Action::FlipSort => {
                let column = pane.sort.map_or(0, |s| s.column);
                pane.sort = Some(Sort {
                    column,
                    descending: !pane.sort.is_some_and(|s| s.descending),
                });
                pane.reorder(c, ix);
            }
            other => self.apply_common(other),
        }
        self.follow();
    }

    /// The preview's content for `t`, from the cache when `t` was shown last.
    pub fn preview_doc(&self, t: Target) -> std::rc::Rc<super::rich::RichDoc> {
        let mut cache = self.preview_cache.borrow_mut();
        match &*cache {
            Some((ct, cl, doc)) if *ct == t && *cl == self.lang => std::rc::Rc::clone(doc),
            _ => {
                let doc = std::rc::Rc::new(content::build(
                    &self.corpus,
                    &self.index,
                    t,
                    Depth::Preview,
                    self.lang,
                ));
                *cache = Some((t, self.lang, std::rc::Rc::clone(&doc)));
                doc
            }
        }
    }

    /// Forgets derived content after the corpus changed.
    pub(super) fn forget_cached(&mut self) {
        *self.preview_cache.get_mut() = None;
    }

    /// The query on the bottom line while typing: the detail view's search, or the
    /// tab's filter.
    pub fn typed_query(&self) -> &str {
        match self.history.last() {
            Some(d) => d.find.as_ref().map_or("", |f| f.query.as_str()),
            None => self.pane().query(),
        }
    }

    /// Actions that mean the same in the tables and the detail view.
    fn apply_common(&mut self, action: Action) {
        match action {
            Action::Quit => self.quit = true,
            Action::Copy => self.copy(),
            Action::OpenSource => self.open_source(),
            Action::Language => self.set_lang(self.lang.next()),
            Action::Help => self.show_popup(Popup::Help),
            Action::Skipped => self.show_popup(Popup::Skipped),
            Action::GoTab(t) => self.go_tab(t),
            Action::NextTab => self.go_tab(Tab::from_index(self.tab.index() + 1)),
            Action::PrevTab => self.go_tab(Tab::from_index(self.tab.index() + Tab::ALL.len() - 1)),
            Action::Back => {
                self.history.pop();
                let a = self.layout();
                if let Some(d) = self.history.last_mut() {
                    d.reflow(a.detail.width);
                    d.clamp(a.detail.height as usize);
                }
            }
            _ => {}
        }
    }

    fn show_popup(&mut self, p: Popup) {
        self.popup = Some(p);
        self.popup_scroll = 0;
    }

    /// Switching tabs leaves the detail view and the filter line (a kept filter stays).
    fn go_tab(&mut self, t: Tab) {
        self.history.clear();
        self.typing = false;
        self.compare = None;
        self.tab = if t == Tab::Provinces && self.map2025 {
            Tab::Units
        } else {
            t
        };
        self.follow();
    }

    /// Switches the interface language; an open detail view is rebuilt in it.
    pub fn set_lang(&mut self, lang: Lang) {
        self.lang = lang;
        let a = self.layout();
        for d in &mut self.history {
            let doc = content::build(&self.corpus, &self.index, d.target, Depth::Full, lang);
            *d = Detail::new(d.target, doc, a.detail.width, a.detail.height as usize);
        }
    }

    /// Asks for the current table as shown to be written to a new file.
    fn export(&mut self, format: crate::export::Format) {
        self.effects.push(super::effect::Effect::Export {
            table: self.table(),
            tab: self.tab,
            format,
        });
    }

    /// Opens `t`'s detail view on top of the history.
    pub fn open(&mut self, t: Target) {
        let a = self.layout();
        let doc = content::build(&self.corpus, &self.index, t, Depth::Full, self.lang);
        self.history.push(Detail::new(
            t,
            doc,
            a.detail.width,
            a.detail.height as usize,
        ));
    }

    fn handle_mouse(&mut self, m: MouseEvent) -> bool {
        let a = self.layout();
        let at = Position::new(m.column, m.row);
        match m.kind {
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let d = if m.kind == MouseEventKind::ScrollDown {
                    WHEEL_STEP
                } else {
                    -WHEEL_STEP
                };
                if let Some(p) = self.popup {
                    let max = popup_max_scroll(self, p, a.popup);
                    self.popup_scroll = self.popup_scroll.saturating_add_signed(d).min(max);
                } else if let Some(detail) = self.history.last_mut() {
                    detail.scroll_by(d, a.detail.height as usize);
                } else if let Some(v) = &mut self.compare {
                    v.move_by(d);
                    self.follow();
                } else {
                    self.pane_mut().move_by(d);
                    self.follow();
                }
                true
            }
            MouseEventKind::Down(MouseButton::Left) if self.popup.is_none() => {
                self.click(at, &a);
                true
            }
            _ => false,
        }
    }

    fn click(&mut self, at: Position, a: &Areas) {
        if a.tabs.contains(at) {
            let x = at.x - a.tabs.x;
            if let Some(&(t, ..)) = tab_titles(a.tabs.width, self.tab, self.lang)
                .iter()
                .find(|(_, _, tx, tw)| x >= *tx && x < tx + tw)
            {
                self.go_tab(t);
            }
        } else if let Some(d) = self.history.last_mut() {
            if a.detail.contains(at) {
                let row = (at.y - a.detail.y) as usize;
                if let Some(link) = d.link_at(row, (at.x - a.detail.x) as usize) {
                    d.select(link);
                    if let Some(&t) = d.links().get(link) {
                        self.open(t);
                    }
                }
            }
        } else if self.compare.is_some() {
            let (list, _) = compare_areas(a.body);
            if let (Some(list), Some(v)) = (list, &mut self.compare) {
                let text = inner(list);
                if text.contains(at) {
                    let n = self.index.families.len();
                    let off = compare_list_offset(v.family, text.height as usize, n);
                    v.set_family(off + (at.y - text.y) as usize, &self.corpus, &self.index);
                    return;
                }
            }
            // The compare view's bars: the first body row is its header.
            let h = compare_rows_height(a);
            let top = a.detail.y + 1;
            if at.y >= top && at.y < top + h as u16 {
                if let Some(v) = &mut self.compare {
                    let off = visible_offset(v.selected, v.offset, h, v.rows().len());
                    let row = off + (at.y - top) as usize;
                    if row < v.rows().len() {
                        if row == v.selected {
                            self.apply(Action::Open);
                        } else {
                            v.select(row);
                            self.follow();
                        }
                    }
                }
            }
        } else if a.rows.contains(at) {
            let p = self.pane();
            let off = visible_offset(p.selected, p.offset, a.rows.height as usize, p.rows().len());
            let row = off + (at.y - a.rows.y) as usize;
            if row < p.rows().len() {
                if row == p.selected {
                    self.apply(Action::Open);
                } else {
                    self.pane_mut().select(row);
                    self.follow();
                }
            }
        }
    }
}

/// How a key moves the selection of a list (a table, the compare view's bars).
enum Step {
    By(isize),
    To(usize),
}

/// The move `action` makes in a list that shows `page` rows; `None` for other actions.
fn step(action: Action, page: usize) -> Option<Step> {
    let half = (page / 2).max(1) as isize;
    let page = page as isize;
    Some(match action {
        Action::Down => Step::By(1),
        Action::Up => Step::By(-1),
        Action::PageDown => Step::By(page),
        Action::PageUp => Step::By(-page),
        Action::HalfDown => Step::By(half),
        Action::HalfUp => Step::By(-half),
        Action::Top => Step::To(0),
        Action::Bottom => Step::To(usize::MAX),
        _ => return None,
    })
}

/// Rows of bars the compare view shows: its text area less the header line.
fn compare_rows_height(a: &Areas) -> usize {
    (a.detail.height as usize).saturating_sub(1)
}

/// Filter labels of the 2025 units: the unit's name, then the provinces merged into it
/// that the corpus names, so that typing an old name finds its new unit.
fn unit_label(c: &Corpus, u: &super::groups::Unit) -> String {
    let from: Vec<&str> = u
        .places
        .iter()
        .filter_map(|&pi| c.places.get(pi))
        .map(|e| crate::reference::Reference::get().place_name(e.place))
        .collect();
    format!("{} · {}", u.name(), from.join(", "))
}
