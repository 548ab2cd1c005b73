//! The current tab's table. Only the rows in the window are built: their cells, and the
//! filter's match positions, which are mapped from the label onto the cells.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Widget};

use crate::tui::app::App;
use crate::tui::fit::{highlighted, pad_left, truncate, width};
use crate::tui::layout::Areas;
use crate::tui::pane::visible_offset;
use crate::tui::rows::{cells, columns_for, fit_cell, fit_columns};
use crate::tui::target::Tab;

/// The table's title: tab, Targets' status and sort, filter, row count. A shorter form
/// when the long one does not fit in `max` columns.
fn title(app: &App, max: usize) -> String {
    let p = app.pane();
    let ranking = if p.ranking() { "…" } else { "" };
    let count = format!("{}{ranking}/{}", p.rows().len(), p.total());
    let filter = if p.filtered() {
        format!(" · /{}", crate::sanitize_line(p.query()))
    } else {
        String::new()
    };
    let l = app.lang;
    let (long, short) = if p.tab == Tab::Targets {
        let status = if p.status_from_query() {
            "s:"
        } else {
            l.t(p.status.name())
        };
        let (tab, st) = (l.t("Targets"), l.t("status"));
        (
            format!(" {tab} · {st}: {status}{filter} · {count} "),
            // The filter also shows in the bottom line, so the short form leaves it out.
            format!(" {tab} · {status} · {count} "),
        )
    } else {
        let s = format!(" {}{filter} · {count} ", l.t(p.tab.title()));
        (s.clone(), s)
    };
    if width(&long) <= max {
        long
    } else {
        truncate(&short, max)
    }
}

pub fn render(app: &App, a: &Areas, buf: &mut Buffer) {
    let t = &app.theme;
    let block_style = if app.typing { t.border_focus } else { t.border };
    let head = title(app, (a.table.width as usize).saturating_sub(2));
    Block::bordered()
        .border_style(block_style)
        .title(head)
        .render(a.table, buf);
    let pane = app.pane();
    let c = app.corpus();
    let rows = pane.rows();
    let h = a.rows.height as usize;
    let off = visible_offset(pane.selected, pane.offset, h, rows.len());
    let visible: Vec<(usize, Vec<String>)> = rows
        .iter()
        .skip(off)
        .take(h)
        .map(|&ent| (ent, cells(pane.tab, c, &app.index, ent, app.lang)))
        .collect();
    let mut cols = columns_for(pane.tab, c.documents.len());
    // A column grows no wider than what it shows on screen (its header included, which
    // may ask for more than the column's usual width: "Trạng thái"), so the room goes
    // where text is cut.
    for (i, col) in cols.iter_mut().enumerate().filter(|(_, c)| !c.flex) {
        let header = width(app.lang.t(col.title));
        let content = visible
            .iter()
            .filter_map(|(_, cells)| cells.get(i).map(|s| width(s)))
            .max()
            .unwrap_or(0)
            .max(header);
        let cap = col.want.max(header as u16);
        col.want = (content as u16).clamp(col.min, cap.max(col.min));
    }
    let cols = &cols;
    let widths = fit_columns(cols, a.rows.width);
    // Column x positions (relative), one space apart; dropped columns have width 0.
    let mut xs = Vec::with_capacity(widths.len());
    let mut x = 0u16;
    for &w in &widths {
        xs.push(x);
        if w > 0 {
            x = x.saturating_add(w + 1);
        }
    }
    if a.header.height > 0 {
        for (i, c) in cols.iter().enumerate() {
            let w = widths[i] as usize;
            if w == 0 {
                continue;
            }
            let title = app.lang.t(c.title);
            // The sorted column's arrow stays when its title is cut.
            let text = match pane.sort.filter(|s| s.column == i) {
                Some(s) => format!("{}{}", truncate(title, w.saturating_sub(1)), s.arrow()),
                // A one-letter column (the status at 40 columns) is headed by a letter.
                None if c.initial => fit_cell(c, title, w).to_string(),
                None => truncate(title, w),
            };
            let text = if c.right { pad_left(&text, w) } else { text };
            buf.set_stringn(a.header.x + xs[i], a.header.y, text, w, t.header);
        }
    }
    if rows.is_empty() {
        if h > 0 {
            let name = app.lang.t(pane.tab.title()).to_lowercase();
            let msg = if let Some(l) = &app.loading {
                l.table_line()
            } else if pane.filtered() {
                format!(
                    "{} {name}: “{}”. {}",
                    app.lang.t("No match in"),
                    crate::sanitize_line(pane.query()),
                    app.lang.t("Esc clears the filter.")
                )
            } else {
                format!("{} {name}.", app.lang.t("Nothing in this corpus:"))
            };
            let w = a.rows.width as usize;
            buf.set_stringn(a.rows.x, a.rows.y, truncate(&msg, w), w, t.dim);
        }
        return;
    }
    for (k, (ent, cells)) in visible.into_iter().enumerate() {
        let y = a.rows.y + k as u16;
        let positions = pane.positions(ent);
        let label = (!positions.is_empty()).then(|| app.row_label(pane.tab, ent));
        let spans = cell_positions(label.as_deref(), &cells, &positions);
        for (i, col) in cols.iter().enumerate() {
            let w = widths[i] as usize;
            let Some(text) = cells.get(i) else { continue };
            if w == 0 {
                continue;
            }
            let base = if pane.weak(off + k) { t.dim } else { t.text };
            let text = fit_cell(col, text, w);
            let line = highlighted(text, &spans[i], w, base, t.matched);
            let pad = if col.right {
                w.saturating_sub(line.width()) as u16
            } else {
                0
            };
            buf.set_line(a.rows.x + xs[i] + pad, y, &line, w as u16 - pad);
        }
        if off + k == pane.selected {
            buf.set_style(Rect::new(a.rows.x, y, a.rows.width, 1), t.selected_row);
        }
    }
    super::scrollbar(a.table, rows.len(), h, off, buf);
}

/// The filter matched chars of the label; the cells show parts of it. Each cell is looked
/// up in the label, left to right, and gets the match positions that fall inside it,
/// relative to its own start. Cells not found in the label get none.
fn cell_positions(label: Option<&str>, cells: &[String], positions: &[usize]) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new(); cells.len()];
    let Some(label) = label else { return out };
    if positions.is_empty() {
        return out;
    }
    let mut from = 0;
    for (i, cell) in cells.iter().enumerate() {
        if cell.is_empty() {
            continue;
        }
        let Some(found) = label.get(from..).and_then(|rest| rest.find(cell.as_str())) else {
            continue;
        };
        let start_byte = from + found;
        let start = label[..start_byte].chars().count();
        let n = cell.chars().count();
        out[i] = positions
            .iter()
            .filter(|&&p| p >= start && p < start + n)
            .map(|&p| p - start)
            .collect();
        from = start_byte + cell.len();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_split_over_cells() {
        let label = "Sơn La · tỷ trọng · 40% · 2030 · target";
        let cells: Vec<String> = ["Sơn La", "tỷ trọng", "40%", "2030", "target"]
            .map(String::from)
            .into();
        // "son la" then "2030"
        let pos = [0, 1, 2, 4, 5, 26, 27, 28, 29];
        let got = cell_positions(Some(label), &cells, &pos);
        assert_eq!(got[0], [0, 1, 2, 4, 5]);
        assert!(got[1].is_empty() && got[2].is_empty());
        assert_eq!(got[3], [0, 1, 2, 3]);
        assert_eq!(width(&cells[3]), 4);
    }
}
