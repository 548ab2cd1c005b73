//! The detail view: the wrapped rows of the entity on top of the history, the link under
//! the cursor highlighted.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Widget};

use crate::tui::app::App;
use crate::tui::detail::Detail;
use crate::tui::fit::{truncate, width};
use crate::tui::layout::inner;
use crate::tui::rich::VLine;
use crate::tui::target::Target;
use crate::tui::theme::Theme;

fn kind_name(t: Target) -> &'static str {
    match t {
        Target::Place(_) => "Province",
        Target::Figure(_) => "Figure",
        Target::Sector(_) => "Sector",
        Target::Document(_) => "Document",
        Target::Legal(_) => "Legal reference",
        Target::Unit(_) => "2025 unit",
    }
}

pub fn render(app: &App, d: &Detail, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let depth = app.history.len();
    let back = if depth > 1 {
        format!("Esc back ({})", depth - 1)
    } else {
        "Esc back".to_string()
    };
    let title = format!(
        " {} · {back} · Tab/j/k links · Enter follow · / find ",
        app.lang.t(kind_name(d.target))
    );
    let title = truncate(&title, (area.width as usize).saturating_sub(2));
    Block::bordered()
        .border_style(t.border_focus)
        .title(title)
        .render(area, buf);
    let text = inner(area);
    let h = text.height as usize;
    let active = d.cursor.filter(|_| d.current(h).is_some());
    for (k, row) in d.rows().iter().skip(d.scroll).take(h).enumerate() {
        draw_row(buf, text.x, text.y + k as u16, text.width, row, t, active);
    }
    if let Some(f) = &d.find {
        for (i, (r, range)) in f.hits.iter().enumerate() {
            if *r < d.scroll || *r >= d.scroll + h {
                continue;
            }
            let Some(row) = d.rows().get(*r) else {
                continue;
            };
            let line: String = row.iter().map(|s| s.text.as_str()).collect();
            let before: String = line.chars().take(range.start).collect();
            let hit: String = line.chars().skip(range.start).take(range.len()).collect();
            let x = text.x.saturating_add(width(&before) as u16);
            let right = text.x.saturating_add(text.width);
            if x >= right {
                continue;
            }
            let w = (width(&hit) as u16).min(right - x);
            let style = if f.current == Some(i) {
                t.link_active
            } else {
                t.matched
            };
            let y = text.y + (*r - d.scroll) as u16;
            buf.set_style(Rect::new(x, y, w, 1), style);
        }
    }
    super::scrollbar(area, d.rows().len(), h, d.scroll, buf);
}

/// One wrapped row; links in the link style, the `active` one in the cursor style.
pub fn draw_row(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    w: u16,
    row: &VLine,
    t: &Theme,
    active: Option<usize>,
) {
    let right = x.saturating_add(w);
    let mut x = x;
    for seg in row {
        if x >= right {
            break;
        }
        let style = match seg.link {
            Some(l) if Some(l) == active => t.link_active,
            Some(_) if seg.role == crate::tui::theme::Role::Link => t.link,
            _ => t.role(seg.role),
        };
        let room = (right - x) as usize;
        let end = buf.set_stringn(x, y, &seg.text, room, style).0;
        // Zero-width text draws nothing; keep going from its nominal width.
        x = end.max(x.saturating_add(width(&seg.text).min(room) as u16));
    }
}
