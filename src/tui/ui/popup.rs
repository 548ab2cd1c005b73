//! Popups over everything: the key help (generated from the keymap) and the list of
//! skipped files.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Clear, Widget};

use super::detail::draw_row;
use crate::model::FileFate;
use crate::tui::app::{App, Popup};
use crate::tui::content::popup::{help_rows, skipped_len};
use crate::tui::fit::truncate;
use crate::tui::layout::inner;
use crate::tui::theme::Role;

/// Lines `skip..skip + take` of the skipped-files list; only those are formatted.
fn skipped_lines(app: &App, skip: usize, take: usize) -> Vec<(Role, String)> {
    let mut out = Vec::new();
    let files = app.corpus().skipped().enumerate().skip(skip / 2);
    for (k, f) in files.take(take / 2 + 1) {
        let (what, reason) = match &f.fate {
            FileFate::Skipped { reason } => ("skipped", reason.as_str()),
            FileFate::Failed { reason } => ("failed", reason.as_str()),
            FileFate::Loaded { .. } => ("loaded", ""),
        };
        // Paths come straight from the file system and may hold escape sequences.
        let lines = [
            (Role::Text, crate::sanitize_line(&f.path)),
            (
                Role::Dim,
                format!("  {what}: {}", crate::sanitize_line(reason)),
            ),
        ];
        for (j, line) in lines.into_iter().enumerate() {
            if (skip..skip + take).contains(&(2 * k + j)) {
                out.push(line);
            }
        }
    }
    if out.is_empty() && skip == 0 && take > 0 {
        out.push((Role::Text, "No file was skipped.".to_string()));
    }
    out
}

pub fn render(app: &App, p: Popup, area: Rect, buf: &mut Buffer) {
    if area.width < 4 || area.height < 3 {
        return;
    }
    let t = &app.theme;
    let title = match p {
        Popup::Help => "Keys · Esc closes",
        Popup::Skipped => "Skipped files · Esc closes",
    };
    let title = format!(" {} ", app.lang.t(title));
    Clear.render(area, buf);
    Block::bordered()
        .border_style(t.border_focus)
        .title(truncate(&title, area.width as usize - 2))
        .render(area, buf);
    let text = inner(area);
    let (w, h) = (text.width as usize, text.height as usize);
    let total = match p {
        Popup::Help => {
            let rows = help_rows(w, app.lang);
            let scroll = app.popup_scroll.min(rows.len().saturating_sub(h));
            for (k, row) in rows.iter().skip(scroll).take(h).enumerate() {
                draw_row(buf, text.x, text.y + k as u16, text.width, row, t, None);
            }
            (rows.len(), scroll)
        }
        Popup::Skipped => {
            let len = skipped_len(app);
            let scroll = app.popup_scroll.min(len.saturating_sub(h));
            for (k, (role, line)) in skipped_lines(app, scroll, h).iter().enumerate() {
                buf.set_stringn(
                    text.x,
                    text.y + k as u16,
                    truncate(line, w),
                    w,
                    t.role(*role),
                );
            }
            (len, scroll)
        }
    };
    super::scrollbar(area, total.0, h, total.1, buf);
}
