//! The explorer's state and the one place it changes: events become [`Action`]s through
//! the keymap, and [`App::apply`] carries them out. Drawing (`ui`) only reads this.

use crossterm::event::{Event, KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use super::content::{self, Depth};
use super::detail::Detail;
use super::index::Index;
use super::keymap::{self, Action, Ctx};
use super::pane::{visible_offset, Pane};
use super::target::{Tab, Target};
use super::theme::Theme;
use super::ui::layout::{areas, tab_titles, Areas};
use super::ui::popup_max_scroll;
use crate::corpus::Corpus;
use crate::entities::entities;

/// Rows or lines one wheel notch moves.
const WHEEL_STEP: isize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Popup {
    Help,
    Skipped,
}

pub struct App {
    pub(super) corpus: Corpus,
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
    /// A one-off hint for the status bar, cleared by the next key.
    pub(super) note: Option<&'static str>,
    pub(super) size: Rect,
    quit: bool,
}

impl App {
    /// Builds every tab's labels and search index once; colours follow `NO_COLOR`.
    pub fn new(corpus: Corpus) -> App {
        App::with_theme(corpus, Theme::from_env())
    }

    pub fn with_theme(corpus: Corpus, theme: Theme) -> App {
        let index = Index::new(&corpus);
        let panes = Tab::ALL
            .iter()
            .map(|&tab| {
                let labels: Vec<String> = entities(&corpus, tab.kind())
                    .into_iter()
                    .map(|e| e.label)
                    .collect();
                Pane::new(tab, &labels, &corpus, &index)
            })
            .collect();
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
            size: Rect::new(0, 0, 80, 24),
            quit: false,
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
    pub fn row_labels(&self, n: usize) -> Vec<&str> {
        let p = self.pane();
        p.rows()
            .iter()
            .take(n)
            .filter_map(|&i| p.label(i).map(|h| h.display.as_str()))
            .collect()
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
        areas(self.size)
    }

    fn ctx(&self) -> Ctx {
        if self.popup.is_some() {
            Ctx::Popup
        } else if self.typing {
            Ctx::Filter
        } else if self.history.is_empty() {
            Ctx::Table
        } else {
            Ctx::Detail
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
        if let Some(d) = self.history.last_mut() {
            d.reflow(a.detail.width);
            d.clamp(a.detail.height as usize);
        }
    }

    /// Picks up finished background rankings; true when rows changed.
    pub fn tick(&mut self) -> bool {
        let (c, ix) = (&self.corpus, &self.index);
        let mut changed = false;
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
        let h = self.layout().rows.height as usize;
        self.pane_mut().follow(h);
    }

    pub fn apply(&mut self, action: Action) {
        if self.popup.is_some() {
            self.apply_popup(action);
        } else if let Some(d) = self.history.last_mut() {
            let h = areas(self.size).detail.height as usize;
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
                other => self.apply_common(other),
            }
        } else {
            self.apply_table(action);
        }
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
        match action {
            Action::Down => pane.move_by(1),
            Action::Up => pane.move_by(-1),
            Action::PageDown => pane.move_by(h as isize),
            Action::PageUp => pane.move_by(-(h as isize)),
            Action::HalfDown => pane.move_by((h / 2).max(1) as isize),
            Action::HalfUp => pane.move_by(-((h / 2).max(1) as isize)),
            Action::Top => pane.select(0),
            Action::Bottom => pane.select(usize::MAX),
            Action::Open => {
                if let Some(t) = self.selected() {
                    self.typing = false;
                    self.open(t);
                }
            }
            Action::FilterStart => self.typing = true,
            Action::FilterClear => {
                self.typing = false;
                pane.set_query("", c, ix);
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
            Action::CycleStatus | Action::CycleSort if pane.tab != Tab::Targets => {
                self.note = Some("status and sort apply to the Targets tab (2)");
            }
            Action::CycleStatus => {
                pane.status = pane.status.next();
                pane.reorder(c, ix);
            }
            Action::CycleSort => {
                pane.sort = pane.sort.next();
                pane.reorder(c, ix);
            }
            other => self.apply_common(other),
        }
        self.follow();
    }

    /// Actions that mean the same in the tables and the detail view.
    fn apply_common(&mut self, action: Action) {
        match action {
            Action::Quit => self.quit = true,
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
        self.tab = t;
        self.follow();
    }

    /// Opens `t`'s detail view on top of the history.
    pub fn open(&mut self, t: Target) {
        let a = self.layout();
        let doc = content::build(&self.corpus, &self.index, t, Depth::Full);
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
            if let Some(&(t, ..)) = tab_titles(a.tabs.width, self.tab)
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
