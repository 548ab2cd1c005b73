//! State of one detail view: its content wrapped to the current width, the scroll
//! position and the link cursor. Moving follows lynx: `j`/`k` step to the next link when
//! it is on screen and scroll a line otherwise, so text without links still scrolls.

use super::rich::{wrap, RichDoc, VLine};
use super::target::Target;

#[derive(Debug, Clone)]
pub struct Detail {
    pub target: Target,
    doc: RichDoc,
    rows: Vec<VLine>,
    /// Logical line each row belongs to, to keep the reading position across a resize.
    line_of_row: Vec<usize>,
    /// First row of each link.
    link_row: Vec<usize>,
    width: u16,
    pub cursor: Option<usize>,
    pub scroll: usize,
    /// The `/` search in this view, if one was typed.
    pub find: Option<Find>,
}

/// A search in a detail view's text: where it matches, and which match `n`/`N` reached.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Find {
    pub query: String,
    /// (row, char range in the row's text), in reading order.
    pub hits: Vec<(usize, std::ops::Range<usize>)>,
    pub current: Option<usize>,
}

impl Detail {
    pub fn new(target: Target, doc: RichDoc, width: u16, height: usize) -> Detail {
        let mut d = Detail {
            target,
            doc,
            rows: Vec::new(),
            line_of_row: Vec::new(),
            link_row: Vec::new(),
            width: 0,
            cursor: None,
            scroll: 0,
            find: None,
        };
        d.reflow(width);
        d.fix_cursor(height, true);
        d
    }

    pub fn rows(&self) -> &[VLine] {
        &self.rows
    }

    pub fn links(&self) -> &[Target] {
        &self.doc.links
    }

    /// Re-wraps for a new width (a no-op when it did not change), keeping the first
    /// visible logical line at the top.
    pub fn reflow(&mut self, width: u16) {
        if width == self.width && !self.rows.is_empty() {
            return;
        }
        let top_line = self.line_of_row.get(self.scroll).copied().unwrap_or(0);
        self.width = width;
        self.rows.clear();
        self.line_of_row.clear();
        for (li, line) in self.doc.lines.iter().enumerate() {
            let before = self.rows.len();
            wrap(line, width as usize, &mut self.rows);
            self.line_of_row
                .extend(std::iter::repeat_n(li, self.rows.len() - before));
        }
        self.link_row = vec![usize::MAX; self.doc.links.len()];
        for (ri, row) in self.rows.iter().enumerate() {
            for seg in row {
                if let Some(l) = seg.link {
                    if let Some(r) = self.link_row.get_mut(l) {
                        *r = (*r).min(ri);
                    }
                }
            }
        }
        self.scroll = self
            .line_of_row
            .iter()
            .position(|&l| l >= top_line)
            .unwrap_or(0);
        if let Some(f) = self.find.take() {
            self.find = Some(self.search(&f.query));
        }
    }

    /// The matches of `query` in the wrapped rows (a phrase cut by wrapping is missed,
    /// as in a pager).
    fn search(&self, query: &str) -> Find {
        let mut hits = Vec::new();
        for (r, row) in self.rows.iter().enumerate() {
            let text: String = row.iter().map(|s| s.text.as_str()).collect();
            hits.extend(
                crate::search::find_all(query, &text)
                    .into_iter()
                    .map(|m| (r, m)),
            );
        }
        Find {
            query: query.to_string(),
            hits,
            current: None,
        }
    }

    /// Searches for `query` (typed so far) and shows its first match from the top of
    /// the screen on; an empty query ends the search.
    pub fn set_find(&mut self, query: &str, height: usize) {
        if crate::search::fold(query).trim().is_empty() {
            self.find = (!query.is_empty()).then(|| Find {
                query: query.to_string(),
                ..Find::default()
            });
            return;
        }
        let mut f = self.search(query);
        f.current = f
            .hits
            .iter()
            .position(|(r, _)| *r >= self.scroll)
            .or((!f.hits.is_empty()).then_some(0));
        self.find = Some(f);
        self.show_hit(height);
    }

    /// `n` / `N`: the next or previous match, wrapping around.
    pub fn step_find(&mut self, forward: bool, height: usize) {
        let Some(f) = &mut self.find else { return };
        let n = f.hits.len();
        if n == 0 {
            return;
        }
        f.current = Some(match (f.current, forward) {
            (None, _) => 0,
            (Some(c), true) => (c + 1) % n,
            (Some(c), false) => (c + n - 1) % n,
        });
        self.show_hit(height);
    }

    /// Scrolls the current match into view.
    fn show_hit(&mut self, height: usize) {
        let Some(row) = self
            .find
            .as_ref()
            .and_then(|f| f.hits.get(f.current?))
            .map(|h| h.0)
        else {
            return;
        };
        let h = height.max(1);
        if row < self.scroll || row >= self.scroll + h {
            // A little context above the match, as pagers do.
            self.scroll = row.saturating_sub(h / 3).min(self.max_scroll(height));
        }
        self.fix_cursor(height, true);
    }

    fn max_scroll(&self, height: usize) -> usize {
        self.rows.len().saturating_sub(height.max(1))
    }

    fn visible(&self, link: usize, height: usize) -> bool {
        self.link_row
            .get(link)
            .is_some_and(|&r| r >= self.scroll && r < self.scroll + height.max(1))
    }

    /// The link under the cursor, if it is on screen.
    pub fn current(&self, height: usize) -> Option<Target> {
        let c = self.cursor?;
        if self.visible(c, height) {
            self.doc.links.get(c).copied()
        } else {
            None
        }
    }

    /// After scrolling, a cursor left off screen moves to the first (or last) visible link.
    fn fix_cursor(&mut self, height: usize, prefer_top: bool) {
        if self.cursor.is_some_and(|c| self.visible(c, height)) {
            return;
        }
        let mut vis = (0..self.doc.links.len()).filter(|&l| self.visible(l, height));
        let pick = if prefer_top {
            vis.next()
        } else {
            vis.next_back()
        };
        if pick.is_some() {
            self.cursor = pick;
        }
    }

    pub fn scroll_by(&mut self, delta: isize, height: usize) {
        let max = self.max_scroll(height);
        self.scroll = self.scroll.saturating_add_signed(delta).min(max);
        self.fix_cursor(height, delta >= 0);
    }

    pub fn down(&mut self, height: usize) {
        let next = self.cursor.map_or(0, |c| c + 1);
        if self.cursor.is_none_or(|c| self.visible(c, height)) && self.visible(next, height) {
            self.cursor = Some(next);
        } else {
            self.scroll_by(1, height);
        }
    }

    pub fn up(&mut self, height: usize) {
        let prev = self.cursor.and_then(|c| c.checked_sub(1));
        match prev {
            Some(p)
                if self.cursor.is_some_and(|c| self.visible(c, height))
                    && self.visible(p, height) =>
            {
                self.cursor = Some(p)
            }
            _ => self.scroll_by(-1, height),
        }
    }

    /// Moves the cursor to the next (`forward`) or previous link, scrolling to it.
    pub fn step_link(&mut self, forward: bool, height: usize) {
        let n = self.doc.links.len();
        if n == 0 {
            return;
        }
        let c = match (self.cursor, forward) {
            (None, _) => 0,
            (Some(c), true) => (c + 1).min(n - 1),
            (Some(c), false) => c.saturating_sub(1),
        };
        self.cursor = Some(c);
        let row = self.link_row.get(c).copied().unwrap_or(0);
        let h = height.max(1);
        if row < self.scroll {
            self.scroll = row;
        } else if row >= self.scroll + h {
            self.scroll = (row + 1 - h).min(self.max_scroll(height));
        }
    }

    pub fn top(&mut self, height: usize) {
        self.scroll = 0;
        self.cursor = None;
        self.fix_cursor(height, true);
    }

    pub fn bottom(&mut self, height: usize) {
        self.scroll = self.max_scroll(height);
        self.fix_cursor(height, false);
    }

    /// Keeps the scroll in range after the viewport changed height.
    pub fn clamp(&mut self, height: usize) {
        self.scroll = self.scroll.min(self.max_scroll(height));
    }

    /// The link drawn at (`row` on screen, display column `col`), if any.
    pub fn link_at(&self, row: usize, col: usize) -> Option<usize> {
        let line = self.rows.get(self.scroll + row)?;
        let mut x = 0;
        for seg in line {
            let w = super::fit::width(&seg.text);
            if col < x + w {
                return seg.link;
            }
            x += w;
        }
        None
    }

    pub fn select(&mut self, link: usize) {
        if link < self.doc.links.len() {
            self.cursor = Some(link);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Ten text lines, a link on lines 2 and 8.
    fn sample() -> Detail {
        let mut doc = RichDoc::new();
        for i in 0..10 {
            let mut l = doc.line();
            l.text(&format!("line {i} "));
            if i == 2 || i == 8 {
                l.link("go", Target::Figure(i));
            }
        }
        Detail::new(Target::Figure(99), doc, 40, 4)
    }

    #[test]
    fn j_steps_to_visible_links_then_scrolls() {
        let mut d = sample();
        assert_eq!(d.cursor, Some(0));
        assert_eq!(d.current(4), Some(Target::Figure(2)));
        // Link 1 (row 8) is off screen: j scrolls until it shows, then selects it.
        let mut steps = 0;
        while d.cursor != Some(1) {
            d.down(4);
            steps += 1;
            assert!(steps < 20);
        }
        assert_eq!(d.scroll, 5);
        assert_eq!(d.current(4), Some(Target::Figure(8)));
        d.down(4);
        d.down(4);
        assert_eq!(d.scroll, 6, "stops at the bottom");
        d.top(4);
        assert_eq!((d.scroll, d.cursor), (0, Some(0)));
        d.step_link(true, 4);
        assert_eq!((d.scroll, d.cursor), (5, Some(1)));
        d.step_link(false, 4);
        assert_eq!((d.scroll, d.cursor), (2, Some(0)));
    }

    #[test]
    fn find_steps_through_matches_and_wraps() {
        let mut d = sample();
        d.set_find("LINE", 4);
        let f = d.find.clone().unwrap();
        assert_eq!(f.hits.len(), 10);
        assert_eq!(f.current, Some(0));
        d.set_find("line 7", 4);
        assert_eq!(d.find.as_ref().unwrap().hits, vec![(7, (0..6))]);
        assert!(d.scroll <= 7 && 7 < d.scroll + 4, "scrolled to the match");
        d.top(4);
        d.set_find("line", 4);
        d.step_find(false, 4);
        assert_eq!(
            d.find.as_ref().unwrap().current,
            Some(9),
            "N before the first wraps"
        );
        d.step_find(true, 4);
        assert_eq!(d.find.as_ref().unwrap().current, Some(0));
        d.set_find("", 4);
        assert!(d.find.is_none());
    }

    #[test]
    fn reflow_keeps_position() {
        let mut d = sample();
        d.scroll_by(5, 4);
        d.reflow(5);
        // "line 5" wraps to two rows at width 5; the top row is still line 5's first.
        assert_eq!(d.rows()[d.scroll][0].text, "line");
        assert!(d.rows().len() > 10);
    }
}
