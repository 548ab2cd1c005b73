//! The preview of the selected row, beside or under the table: a capped summary of the
//! entity, built once per selection (the app caches it), and only the rows that fit
//! are wrapped.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Widget};

use super::detail::draw_row;
use crate::tui::app::App;
use crate::tui::layout::inner;
use crate::tui::rich::wrap_max;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    Block::bordered()
        .border_style(t.border)
        .title(format!(" {} ", app.lang.t("Preview · Enter opens")))
        .render(area, buf);
    let text = inner(area);
    let Some(target) = app.selected() else { return };
    let doc = app.preview_doc(target);
    let h = text.height as usize;
    let mut rows = Vec::new();
    for line in &doc.lines {
        if rows.len() >= h {
            break;
        }
        wrap_max(line, text.width as usize, h - rows.len(), &mut rows);
    }
    for (k, row) in rows.iter().take(h).enumerate() {
        draw_row(buf, text.x, text.y + k as u16, text.width, row, t, None);
    }
}
