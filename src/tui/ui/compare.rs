//! The compare view: one metric family, every province's figures for it as horizontal
//! bars, largest first. Reported figures and targets use different glyphs, so the
//! difference survives `NO_COLOR`.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, Widget};

use crate::entities::format_value;
use crate::model::{Figure, Status};
use crate::reference::Reference;
use crate::tui::app::App;
use crate::tui::compare::Compare;
use crate::tui::fit::{truncate, width};
use crate::tui::groups::scaled;
use crate::tui::lang::Lang;
use crate::tui::layout::inner;
use crate::tui::pane::visible_offset;
use crate::tui::theme::Theme;

/// The glyph a bar is drawn with: solid for achieved, shaded for an estimate, light for a
/// target.
pub fn glyph(s: Status) -> char {
    match s {
        Status::Achieved => '█',
        Status::Estimate => '▓',
        Status::Target => '░',
    }
}

pub fn bar_style(t: &Theme, s: Status) -> Style {
    match s {
        Status::Target => t.goal,
        _ => t.reported,
    }
}

/// A bar of `cols` columns for `value` (and up to `max_value` for a range) on a scale
/// whose full width is `top`: the value part, then the range part.
pub fn bar_parts(value: f64, max_value: Option<f64>, top: f64, cols: usize) -> (usize, usize) {
    // NaN and non-positive scales draw nothing.
    if cols == 0 || top.is_nan() || top <= 0.0 {
        return (0, 0);
    }
    let at = |v: f64| ((v.max(0.0) / top) * cols as f64).round().min(cols as f64) as usize;
    let lo = at(value).max(usize::from(value > 0.0));
    let hi = max_value.map_or(lo, |m| at(m).max(lo));
    (lo, hi - lo)
}

/// The text after a bar: value as written, year, status.
pub fn figure_note(f: &Figure, lang: Lang) -> String {
    let mut s = format_value(f);
    if let Some(y) = f.year {
        s.push_str(&format!(" · {y}"));
    } else if let Some([a, b]) = f.period {
        s.push_str(&format!(" · {a}–{b}"));
    }
    s.push_str(" · ");
    s.push_str(lang.status(f.status));
    crate::sanitize_line(&s)
}

fn title(app: &App, v: &Compare, max: usize) -> String {
    let l = app.lang;
    let ix = &app.index;
    let Some(rows) = ix.families.get(v.family) else {
        return format!(" {} ", l.t("Compare"));
    };
    let fam = rows.def();
    let unit = if fam.unit().is_empty() {
        String::new()
    } else {
        format!(" ({})", fam.unit())
    };
    let status = match v.status {
        crate::tui::index::StatusFilter::All => l.t("all"),
        crate::tui::index::StatusFilter::Only(s) => l.status(s),
    };
    let long = format!(
        " {} · {}{unit} · {}/{} · {}: {status} · ←/→ {} ",
        l.t("Compare"),
        fam.name(l.english()),
        v.family + 1,
        ix.families.len(),
        l.t("status"),
        l.t("family"),
    );
    if width(&long) <= max {
        return long;
    }
    truncate(
        &format!(
            " {}{unit} · {}/{} ",
            fam.name(l.english()),
            v.family + 1,
            ix.families.len()
        ),
        max,
    )
}

pub use crate::tui::layout::{compare_areas as areas, compare_list_offset as list_offset};

fn family_list(app: &App, v: &Compare, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let l = app.lang;
    Block::bordered()
        .border_style(t.border)
        .title(format!(" {} ", l.t("Metric families")))
        .render(area, buf);
    let text = inner(area);
    let (w, h) = (text.width as usize, text.height as usize);
    let fams = &app.index.families;
    let off = list_offset(v.family, h, fams.len());
    for (k, rows) in fams.iter().enumerate().skip(off).take(h) {
        let y = text.y + (k - off) as u16;
        let count = rows.figures.len().to_string();
        let name_w = w.saturating_sub(count.len() + 1);
        let line = format!(
            "{:<name_w$} {count}",
            truncate(rows.def().name(l.english()), name_w)
        );
        let style = if k == v.family {
            t.selected_row
        } else {
            t.text
        };
        buf.set_stringn(text.x, y, truncate(&line, w), w, style);
    }
}

pub fn render(app: &App, v: &Compare, body: Rect, buf: &mut Buffer) {
    let (list, area) = areas(body);
    if let Some(list) = list {
        family_list(app, v, list, buf);
    }
    let t = &app.theme;
    let l = app.lang;
    Block::bordered()
        .border_style(t.border)
        .title(title(app, v, (area.width as usize).saturating_sub(2)))
        .render(area, buf);
    let text = inner(area);
    let (w, h) = (text.width as usize, text.height as usize);
    if h == 0 || w == 0 {
        return;
    }
    let c = app.corpus();
    let Some(fam_rows) = app.index.families.get(v.family) else {
        let msg = l.t("No figure in this corpus belongs to a metric family.");
        buf.set_stringn(text.x, text.y, truncate(msg, w), w, t.dim);
        return;
    };
    let fam = fam_rows.def();
    let name_w = (w / 4).clamp(8, 16);
    let note_w = (w / 3).clamp(10, 34);
    let bar_w = w.saturating_sub(name_w + note_w + 2);
    let header = format!(
        "{:<name_w$} {:<bar_w$} {}",
        truncate(l.t("Province"), name_w),
        "",
        l.t("Value · year · status"),
    );
    buf.set_stringn(text.x, text.y, truncate(&header, w), w, t.header);
    let rows = v.rows();
    let body_h = h - 1;
    if rows.is_empty() {
        if body_h > 0 {
            let msg = l.t("No figure of this family has that status. s cycles the status.");
            buf.set_stringn(text.x, text.y + 1, truncate(msg, w), w, t.dim);
        }
        return;
    }
    let r = Reference::get();
    let off = visible_offset(v.selected, v.offset, body_h, rows.len());
    for (k, &fi) in rows.iter().skip(off).take(body_h).enumerate() {
        let Some(f) = c.figures.get(fi) else { continue };
        let y = text.y + 1 + k as u16;
        let name = f.place.map_or("—", |p| r.place_name(p));
        buf.set_stringn(text.x, y, truncate(name, name_w), name_w, t.text);
        let (lo, hi) = scaled(fam, f);
        let (solid, range) = bar_parts(lo, hi, v.top, bar_w);
        let g = glyph(f.status).to_string();
        let x = text.x + name_w as u16 + 1;
        buf.set_stringn(x, y, g.repeat(solid), solid, bar_style(t, f.status));
        buf.set_stringn(
            x + solid as u16,
            y,
            g.repeat(range),
            range,
            bar_style(t, f.status).patch(t.dim),
        );
        let nx = text.x + (name_w + bar_w + 2) as u16;
        let room = w.saturating_sub(name_w + bar_w + 2);
        // Narrow screens drop the status word first (the glyph shows it), then the year.
        let times = match v.reports(off + k) {
            1 => String::new(),
            n => format!(" ×{n}"),
        };
        let full = format!("{}{times}", figure_note(f, l));
        let short = full.rsplit_once(" · ").map_or(full.as_str(), |(a, _)| a);
        let value = crate::sanitize_line(&format_value(f));
        let note = [full.as_str(), short, value.as_str()]
            .into_iter()
            .find(|n| width(n) <= room)
            .unwrap_or(value.as_str());
        buf.set_stringn(nx, y, truncate(note, room), room, t.text);
        if off + k == v.selected {
            buf.set_style(Rect::new(text.x, y, text.width, 1), t.selected_row);
        }
    }
    super::scrollbar(area, rows.len(), body_h, off, buf);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_largest() {
        assert_eq!(bar_parts(40.0, None, 40.0, 20), (20, 0));
        assert_eq!(bar_parts(10.0, None, 40.0, 20), (5, 0));
        assert_eq!(bar_parts(11.9, Some(12.3), 16.5, 33), (24, 1));
        // A tiny positive value still shows; a negative one shows nothing.
        assert_eq!(bar_parts(0.01, None, 40.0, 20), (1, 0));
        assert_eq!(bar_parts(-3.0, None, 40.0, 20), (0, 0));
        assert_eq!(bar_parts(5.0, None, 0.0, 20), (0, 0));
        assert_eq!(bar_parts(5.0, None, f64::NAN, 20), (0, 0));
    }
}
