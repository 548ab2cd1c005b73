//! The popups' text, wrapped to a width: the key help (generated from the keymap) and
//! the skipped-files list's length. State (how far a popup scrolls) and drawing both use
//! it.

use ratatui::layout::Rect;

use crate::tui::app::{App, Popup};
use crate::tui::fit::width;
use crate::tui::keymap::help_sections;
use crate::tui::lang::Lang;
use crate::tui::layout::inner;
use crate::tui::rich::{wrap, RichDoc, VLine};
use crate::tui::theme::Role;

/// The help, wrapped to `w` columns. It is a few dozen lines, so it is rebuilt per frame.
pub fn help_rows(w: usize, lang: Lang) -> Vec<VLine> {
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
pub fn skipped_len(app: &App) -> usize {
    (app.corpus().skipped().count() * 2).max(1)
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
