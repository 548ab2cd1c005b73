//! Drawing. Every function here reads the [`App`] and writes cells; none changes state,
//! and each frame touches only what is on screen.

mod bars;
pub(crate) mod compare;
mod detail;
mod popup;
mod preview;
mod table;

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget, Widget};
use ratatui::Frame;

use super::app::App;

/// Smallest area worth laying out; below it a one-line hint is shown instead.
const MIN_W: u16 = 20;
const MIN_H: u16 = 5;

/// Draws the whole screen and places the cursor in the filter line while typing.
pub fn draw(frame: &mut Frame<'_>, app: &App) {
    let area = frame.area();
    render(app, area, frame.buffer_mut());
    if let Some(p) = cursor(app, area) {
        frame.set_cursor_position(p);
    }
}

/// Draws the whole screen into `buf` (what [`draw`] does, usable without a terminal).
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let area = area.intersection(buf.area);
    if area.width < MIN_W || area.height < MIN_H {
        if area.height > 0 {
            let hint = "vnie: enlarge the terminal";
            buf.set_stringn(area.x, area.y, hint, area.width as usize, app.theme.text);
        }
        return;
    }
    let a = crate::tui::layout::areas(area, app.preview);
    bars::tabs(app, a.tabs, buf);
    match app.history.last() {
        Some(d) => detail::render(app, d, a.body, buf),
        None if app.compare.is_some() => {
            if let Some(v) = &app.compare {
                compare::render(app, v, a.body, buf);
            }
        }
        None => {
            table::render(app, &a, buf);
            if let Some(p) = a.preview {
                preview::render(app, p, buf);
            }
        }
    }
    if app.typing {
        bars::filter_line(app, a.bottom, buf);
    } else {
        bars::status(app, a.bottom, buf);
    }
    if let Some(p) = app.popup {
        popup::render(app, p, a.popup, buf);
    }
}

/// Where the terminal cursor goes: after the query while the filter line is open.
pub fn cursor(app: &App, area: Rect) -> Option<Position> {
    if !app.typing || app.popup.is_some() || area.width < MIN_W || area.height < MIN_H {
        return None;
    }
    let a = crate::tui::layout::areas(area, app.preview);
    bars::filter_cursor(app, a.bottom)
}

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        render(self, area, buf);
    }
}

/// A scrollbar on the right border of `block` when `len` rows do not fit in `view`.
fn scrollbar(block: Rect, len: usize, view: usize, pos: usize, buf: &mut Buffer) {
    if len <= view || block.height < 3 {
        return;
    }
    let area = Rect::new(block.x, block.y + 1, block.width, block.height - 2);
    // One position per possible first row, so the thumb reaches the end with the last page.
    let mut state = ScrollbarState::new(len - view + 1)
        .position(pos)
        .viewport_content_length(view);
    Scrollbar::new(ScrollbarOrientation::VerticalRight)
        .begin_symbol(None)
        .end_symbol(None)
        .render(area, buf, &mut state);
}
