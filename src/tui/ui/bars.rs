//! The one-line bars: tab titles at the top; at the bottom the status bar, or the filter
//! line while a query is typed.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;

use crate::tui::app::App;
use crate::tui::fit::{clusters, truncate, width};
use crate::tui::layout::tab_titles;

pub fn tabs(app: &App, area: Rect, buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    let t = &app.theme;
    let titles = tab_titles(area.width, app.tab, app.lang);
    for (tab, title, x, w) in &titles {
        let style = if *tab == app.tab.shown() && app.compare.is_none() {
            t.tab_active
        } else {
            t.tab
        };
        let x0 = area.x + x;
        if x0 >= area.right() {
            break;
        }
        buf.set_stringn(x0, area.y, title, (area.right() - x0) as usize, style);
        let sep = x0.saturating_add(*w);
        if sep < area.right() {
            buf.set_stringn(sep, area.y, "│", 1, t.border);
        }
    }
    let used = titles.last().map_or(0, |(_, _, x, w)| x + w + 1);
    // The compare view is not a tab of its own; the bar says it is open.
    if app.compare.is_some() {
        let label = format!(" c {} ", app.lang.t("Compare"));
        if used as usize + width(&label) <= area.width as usize {
            buf.set_stringn(area.x + used, area.y, &label, width(&label), t.tab_active);
        }
        return;
    }
    let name = " vnie ";
    if used as usize + width(name) <= area.width as usize {
        let x = area.right() - width(name) as u16;
        buf.set_stringn(x, area.y, name, width(name), t.dim);
    }
}

/// The bottom line outside the filter line. Sections are dropped, least useful first,
/// when the terminal is narrow; the survivors keep their order.
pub fn status(app: &App, area: Rect, buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    let t = &app.theme;
    let c = app.corpus();
    buf.set_style(area, t.status);
    let pane = app.pane();
    let skipped = c.skipped().count();
    // (priority: lower survives longer, variants longest first, style)
    let mut sections: Vec<(u8, Vec<String>, Style)> = Vec::new();
    if let Some(note) = &app.note {
        sections.push((0, vec![crate::sanitize_line(note)], t.status_key));
    }
    sections.push((
        5,
        vec![crate::sanitize_line(&c.source.describe())],
        t.status,
    ));
    let (d, f, p) = (c.documents.len(), c.figures.len(), c.places.len());
    let l = app.lang;
    if let Some(ld) = &app.loading {
        sections.push((1, ld.status_variants(), t.status_key));
    } else {
        let (docs, figs, provs) = (l.t("docs"), l.t("figures"), l.t("provinces"));
        sections.push((
            4,
            vec![
                format!("{d} {docs} · {f} {figs} · {p} {provs}"),
                format!("{d} {docs} {f} {} {p} {}", l.t("fig"), l.t("prov")),
            ],
            t.status,
        ));
    }
    if pane.filtered() && app.history.is_empty() {
        let q = crate::sanitize_line(pane.query());
        let n = format!("{}/{}", pane.rows().len(), pane.total());
        sections.push((
            1,
            vec![format!("{} “{q}” {n}", l.t("filter")), format!("/{q} {n}")],
            t.status_key,
        ));
    }
    if let Some(f) = app.history.last().and_then(|d| d.find.as_ref()) {
        let q = crate::sanitize_line(&f.query);
        let at = f.current.map_or(0, |c| c + 1);
        sections.push((
            1,
            vec![
                format!("/{q} {at}/{} · n/N", f.hits.len()),
                format!("/{q} {at}/{}", f.hits.len()),
            ],
            t.status_key,
        ));
    }
    if skipped > 0 {
        sections.push((
            2,
            vec![
                format!("{skipped} {} (!)", l.t("skipped")),
                format!("{skipped} {}", l.t("skip")),
            ],
            t.status_key,
        ));
    }
    if app.tab == crate::tui::target::Tab::Units {
        sections.push((
            2,
            vec![app.lang.t("2025 map (m)").to_string()],
            t.status_key,
        ));
    }
    sections.push((3, vec![l.t("? help").to_string()], t.status));
    let sep = " │ ";
    let avail = area.width as usize;
    // The variant each section shows, if any.
    let mut chosen: Vec<Option<usize>> = vec![None; sections.len()];
    let mut used = 1;
    let mut order: Vec<usize> = (0..sections.len()).collect();
    order.sort_by_key(|&i| sections[i].0);
    for i in order {
        let extra = if used > 1 { width(sep) } else { 0 };
        if let Some(v) = sections[i]
            .1
            .iter()
            .position(|s| used + extra + width(s) <= avail)
        {
            chosen[i] = Some(v);
            used += extra + width(&sections[i].1[v]);
        }
    }
    let mut x = area.x + 1;
    let mut first = true;
    for (i, (_, variants, style)) in sections.iter().enumerate() {
        let Some(v) = chosen[i] else { continue };
        if !first {
            x = buf
                .set_stringn(
                    x,
                    area.y,
                    sep,
                    area.right().saturating_sub(x) as usize,
                    t.status,
                )
                .0;
        }
        first = false;
        let room = area.right().saturating_sub(x) as usize;
        x = buf
            .set_stringn(x, area.y, truncate(&variants[v], room), room, *style)
            .0;
    }
}

const FILTER_PROMPT: &str = "/";

pub fn filter_line(app: &App, area: Rect, buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    let t = &app.theme;
    let l = app.lang;
    let pane = app.pane();
    let query = crate::sanitize_line(app.typed_query());
    buf.set_style(area, t.status);
    let (count, ranking) = match app.history.last() {
        // The detail view's search: which match of how many.
        Some(d) => {
            let f = d.find.as_ref();
            let at = f.and_then(|f| f.current).map_or(0, |c| c + 1);
            (
                format!("{at}/{}", f.map_or(0, |f| f.hits.len())),
                String::new(),
            )
        }
        None => (
            format!("{}/{}", pane.rows().len(), pane.total()),
            if pane.ranking() {
                format!(" {}", l.t("ranking…"))
            } else {
                String::new()
            },
        ),
    };
    let left = format!("{FILTER_PROMPT}{query}");
    let room = area.width as usize;
    // The query wins the space; the count and hint show only when they fit with a gap.
    let long = format!("{count}{ranking} · {} ", l.t("Enter keep · Esc clear"));
    let short = format!("{count}{ranking} ");
    if let Some(info) = [long, short]
        .into_iter()
        .find(|i| width(&left) + 2 + width(i) <= room)
    {
        let x = area.right() - width(&info) as u16;
        buf.set_stringn(x, area.y, &info, width(&info), t.status);
    }
    // Long queries show their end, where the typing happens.
    let shown = tail(&left, room.saturating_sub(1));
    buf.set_stringn(area.x, area.y, shown, room, t.status_key);
}

/// The end of `s` that fits in `max` columns, cut between clusters.
fn tail(s: &str, max: usize) -> &str {
    let clusters: Vec<&str> = clusters(s).collect();
    let mut w = 0;
    let mut len = 0;
    for c in clusters.iter().rev() {
        w += width(c);
        if w > max {
            break;
        }
        len += c.len();
    }
    &s[s.len() - len..]
}

pub fn filter_cursor(app: &App, area: Rect) -> Option<Position> {
    if area.height == 0 || area.width == 0 {
        return None;
    }
    let left = format!("{FILTER_PROMPT}{}", crate::sanitize_line(app.typed_query()));
    let w = width(tail(&left, (area.width as usize).saturating_sub(1))) as u16;
    Some(Position::new(area.x + w.min(area.width - 1), area.y))
}
