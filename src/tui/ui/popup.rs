//! Popups over everything: the key help (generated from the keymap) and the list of
//! skipped files.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Clear, Widget};

use super::detail::draw_row;
use super::layout::inner;
use crate::model::FileFate;
use crate::tui::app::{App, Popup};
use crate::tui::fit::{truncate, width};
use crate::tui::keymap::help_sections;
use crate::tui::rich::{wrap, RichDoc, VLine};
use crate::tui::theme::Role;

/// The help, wrapped to `w` columns. It is a few dozen lines, so it is rebuilt per frame.
fn help_rows(w: usize) -> Vec<VLine> {
    let sections = help_sections();
    let keys_w = sections
        .iter()
        .flat_map(|(_, rows)| rows.iter().map(|(k, _)| width(k)))
        .max()
        .unwrap_or(0)
        + 4;
    let mut doc = RichDoc::new();
    for (i, (title, rows)) in sections.into_iter().enumerate() {
        if i > 0 {
            doc.blank();
        }
        doc.heading(title);
        for (keys, help) in rows {
            // Narrow popups put the description under the keys.
            if keys_w * 2 + 4 > w {
                doc.line().text("  ").push(&keys, Role::Label);
                doc.line().text("      ").text(help).hang(6);
            } else {
                let pad = " ".repeat(keys_w - 2 - width(&keys));
                doc.line()
                    .text("  ")
                    .push(&keys, Role::Label)
                    .text(&pad)
                    .text(help)
                    .hang(keys_w);
            }
        }
    }
    let mut out = Vec::new();
    for l in &doc.lines {
        wrap(l, w, &mut out);
    }
    out
}

/// Two lines per skipped file: its path, then what happened. Only the lines in
/// `skip..skip + take` are built.
fn skipped_rows(app: &App, skip: usize, take: usize) -> (usize, Vec<(Role, String)>) {
    let files: Vec<_> = app.corpus().skipped().collect();
    if files.is_empty() {
        return (1, vec![(Role::Text, "No file was skipped.".to_string())]);
    }
    let total = files.len() * 2;
    let mut out = Vec::new();
    for line in skip..(skip + take).min(total) {
        let f = files[line / 2];
        if line % 2 == 0 {
            // Paths come straight from the file system and may hold escape sequences.
            out.push((Role::Text, crate::sanitize_line(&f.path)));
        } else {
            let (what, reason) = match &f.fate {
                FileFate::Skipped { reason } => ("skipped", reason.as_str()),
                FileFate::Failed { reason } => ("failed", reason.as_str()),
                FileFate::Loaded { .. } => ("loaded", ""),
            };
            out.push((
                Role::Dim,
                format!("  {what}: {}", crate::sanitize_line(reason)),
            ));
        }
    }
    (total, out)
}

pub fn render(app: &App, p: Popup, area: Rect, buf: &mut Buffer) {
    if area.width < 4 || area.height < 3 {
        return;
    }
    let t = &app.theme;
    let title = match p {
        Popup::Help => " Keys · Esc closes ",
        Popup::Skipped => " Skipped files · Esc closes ",
    };
    Clear.render(area, buf);
    Block::bordered()
        .border_style(t.border_focus)
        .title(truncate(title, area.width as usize - 2))
        .render(area, buf);
    let text = inner(area);
    let (w, h) = (text.width as usize, text.height as usize);
    let total = match p {
        Popup::Help => {
            let rows = help_rows(w);
            let scroll = app.popup_scroll.min(rows.len().saturating_sub(h));
            for (k, row) in rows.iter().skip(scroll).take(h).enumerate() {
                draw_row(buf, text.x, text.y + k as u16, text.width, row, t, None);
            }
            (rows.len(), scroll)
        }
        Popup::Skipped => {
            let (len, _) = skipped_rows(app, 0, 0);
            let scroll = app.popup_scroll.min(len.saturating_sub(h));
            let (_, lines) = skipped_rows(app, scroll, h);
            for (k, (role, line)) in lines.iter().enumerate() {
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
