//! Where everything goes, as a pure function of the terminal size (and whether the
//! preview is wanted): geometry, no drawing. Drawing and the state's mouse hit-tests and
//! page sizes both use it, so a click lands on what was drawn there.

use ratatui::layout::Rect;

use crate::tui::fit::width;
use crate::tui::lang::Lang;
use crate::tui::target::Tab;

/// Below this width the preview sits under the table instead of beside it.
const SIDE_PREVIEW_MIN_W: u16 = 100;
/// Below this width or height there is no preview at all.
const PREVIEW_MIN_W: u16 = 60;
const PREVIEW_MIN_H: u16 = 16;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub tabs: Rect,
    /// Everything between the tab bar and the status line.
    pub body: Rect,
    /// The table's block, and inside it the header row and the data rows.
    pub table: Rect,
    pub header: Rect,
    pub rows: Rect,
    pub preview: Option<Rect>,
    /// Text area of the detail view (inside its block, which fills `body`).
    pub detail: Rect,
    pub bottom: Rect,
    pub popup: Rect,
}

/// `r` without its border, or an empty rect when too small for one.
pub fn inner(r: Rect) -> Rect {
    if r.width < 2 || r.height < 2 {
        return Rect::new(r.x, r.y, 0, 0);
    }
    Rect::new(r.x + 1, r.y + 1, r.width - 2, r.height - 2)
}

/// `preview`: whether the user wants the preview (`p` toggles it).
pub fn areas(area: Rect, preview: bool) -> Areas {
    let (x, y, w, h) = (area.x, area.y, area.width, area.height);
    let tabs = Rect::new(x, y, w, h.min(1));
    let bottom = if h >= 2 {
        Rect::new(x, y + h - 1, w, 1)
    } else {
        Rect::new(x, y + h, w, 0)
    };
    let body = Rect::new(
        x,
        y + tabs.height,
        w,
        h.saturating_sub(tabs.height + bottom.height),
    );
    let (table, preview) = if !preview {
        (body, None)
    } else if w >= SIDE_PREVIEW_MIN_W {
        // A third of the width, at most 64 columns: the table's text columns (metric,
        // title) need the room more than the preview's wrapped lines.
        let pw = (w / 3).clamp(36, 64);
        (
            Rect::new(body.x, body.y, w - pw, body.height),
            Some(Rect::new(body.x + w - pw, body.y, pw, body.height)),
        )
    } else if w >= PREVIEW_MIN_W && h >= PREVIEW_MIN_H {
        let ph = body.height * 2 / 5;
        (
            Rect::new(body.x, body.y, w, body.height - ph),
            Some(Rect::new(body.x, body.y + body.height - ph, w, ph)),
        )
    } else {
        (body, None)
    };
    let t = inner(table);
    let header = Rect::new(t.x, t.y, t.width, t.height.min(1));
    let rows = Rect::new(t.x, t.y + header.height, t.width, t.height - header.height);
    let pw = w.saturating_sub(4).min(76);
    let ph = h.saturating_sub(2);
    let popup = Rect::new(x + (w - pw) / 2, y + (h - ph) / 2, pw, ph);
    Areas {
        tabs,
        body,
        table,
        header,
        rows,
        preview,
        detail: inner(body),
        bottom,
        popup,
    }
}

/// Below this width the compare view's family list is left out; ←/→ still change the
/// family.
const COMPARE_LIST_MIN_W: u16 = 100;
const COMPARE_LIST_W: u16 = 38;

/// The compare view's family list (on wide terminals) and the bars' block, side by side
/// in `body`.
pub fn compare_areas(body: Rect) -> (Option<Rect>, Rect) {
    if body.width >= COMPARE_LIST_MIN_W {
        let list = Rect::new(body.x, body.y, COMPARE_LIST_W, body.height);
        let bars = Rect::new(
            body.x + COMPARE_LIST_W,
            body.y,
            body.width - COMPARE_LIST_W,
            body.height,
        );
        (Some(list), bars)
    } else {
        (None, body)
    }
}

/// First family shown in a list of `h` rows so that the current one is visible.
pub fn compare_list_offset(current: usize, h: usize, len: usize) -> usize {
    crate::tui::pane::visible_offset(current, 0, h, len)
}

/// The tab bar: (tab, title as drawn, x offset, width). Full titles when they fit; else
/// the current tab's title and the others' numbers.
pub fn tab_titles(total: u16, current: Tab, lang: Lang) -> Vec<(Tab, String, u16, u16)> {
    let current = current.shown();
    let full = |t: Tab| format!(" {} {} ", t.index() + 1, lang.t(t.title()));
    let short = |t: Tab| {
        if t == current {
            full(t)
        } else {
            format!(" {} ", t.index() + 1)
        }
    };
    let fits = Tab::ALL.iter().map(|&t| width(&full(t)) + 1).sum::<usize>() <= total as usize;
    let mut x = 0u16;
    Tab::ALL
        .iter()
        .map(|&t| {
            let s = if fits { full(t) } else { short(t) };
            let w = width(&s) as u16;
            let item = (t, s, x, w);
            x = x.saturating_add(w + 1);
            item
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn areas_stay_inside_at_every_size() {
        for w in 0..130u16 {
            for h in 0..40u16 {
                let area = Rect::new(0, 0, w, h);
                let a = areas(area, true);
                let mut all = vec![
                    a.tabs, a.body, a.table, a.header, a.rows, a.detail, a.bottom, a.popup,
                ];
                all.extend(a.preview);
                for r in all {
                    assert!(
                        r.area() == 0 || area.contains(r.as_position()),
                        "{w}x{h}: {r:?}"
                    );
                    assert!(
                        r.right() <= area.right() && r.bottom() <= area.bottom(),
                        "{w}x{h}: {r:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn preview_placement() {
        assert_eq!(
            areas(Rect::new(0, 0, 120, 32), true).preview.map(|p| p.y),
            Some(1)
        );
        let stacked = areas(Rect::new(0, 0, 80, 24), true).preview.unwrap();
        assert_eq!(stacked.x, 0);
        assert!(stacked.y > 1);
        assert_eq!(areas(Rect::new(0, 0, 59, 40), true).preview, None);
        assert_eq!(areas(Rect::new(0, 0, 80, 15), true).preview, None);
        assert_eq!(areas(Rect::new(0, 0, 40, 12), true).preview, None);
        // `p` hides it; on wide screens it takes a third, the table the rest.
        assert_eq!(areas(Rect::new(0, 0, 120, 32), false).preview, None);
        assert_eq!(areas(Rect::new(0, 0, 120, 32), false).table.width, 120);
        assert_eq!(areas(Rect::new(0, 0, 120, 32), true).table.width, 80);
        assert_eq!(areas(Rect::new(0, 0, 240, 32), true).table.width, 176);
    }

    #[test]
    fn tab_titles_fit() {
        let wide = tab_titles(120, Tab::Targets, Lang::En);
        assert_eq!(wide[1].1, " 2 Targets ");
        let narrow = tab_titles(40, Tab::Targets, Lang::En);
        assert_eq!(narrow[0].1, " 1 ");
        assert_eq!(narrow[1].1, " 2 Targets ");
        let end = narrow.last().map(|t| t.2 + t.3).unwrap();
        assert!(end <= 40);
    }
}
