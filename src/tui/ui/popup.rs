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
use crate::tui::lang::Lang;
use crate::tui::rich::{wrap, RichDoc, VLine};
use crate::tui::theme::Role;

/// The help, wrapped to `w` columns. It is a few dozen lines, so it is rebuilt per frame.
fn help_rows(w: usize, lang: Lang) -> Vec<VLine> {
    let sections = help_sections(lang);
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
            if keys_w + 12 > w {
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

/// Lines of the skipped-files list: two per file, its path and what happened.
fn skipped_len(app: &App) -> usize {
    (app.corpus().skipped().count() * 2).max(1)
}

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

/// How far the popup in `area` can scroll: its length less the rows it shows.
pub fn max_scroll(app: &App, p: Popup, area: Rect) -> usize {
    let text = inner(area);
    let len = match p {
        Popup::Help => help_rows(text.width as usize, app.lang).len(),
        Popup::Skipped => skipped_len(app),
    };
    len.saturating_sub(text.height as usize)
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
