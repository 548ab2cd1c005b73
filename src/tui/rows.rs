//! What each tab's table shows: its columns, how they share the width, and the cells of
//! one row. Cells are built only for the rows on screen.

use super::content::date_label;
use super::fit::width;
use super::index::Index;
use super::lang::Lang;
use super::target::Tab;
use crate::corpus::Corpus;
use crate::entities::format_value;
use crate::model::Place;
use crate::reference::Reference;

#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub title: &'static str,
    /// Narrowest useful width; below it the column is dropped.
    pub min: u16,
    /// Width it grows to before the flexible column takes the rest.
    pub want: u16,
    /// 0 = always shown; higher numbers are dropped first when space runs out.
    pub priority: u8,
    /// Takes whatever width is left.
    pub flex: bool,
    pub right: bool,
    /// Cells end in ` · ` and a detail (a date's origin) that goes before the rest is cut.
    pub tail: bool,
    /// A cell too wide for the column shows its first letter (a status: t, a, e).
    pub initial: bool,
}

const fn col(title: &'static str, min: u16, want: u16, priority: u8) -> Column {
    Column {
        title,
        min,
        want,
        priority,
        flex: false,
        right: false,
        tail: false,
        initial: false,
    }
}

const fn initial(c: Column) -> Column {
    Column { initial: true, ..c }
}

const fn flex(c: Column) -> Column {
    Column { flex: true, ..c }
}

const fn right(c: Column) -> Column {
    Column { right: true, ..c }
}

const fn tail(c: Column) -> Column {
    Column { tail: true, ..c }
}

/// `text` for a column `w` wide: a [`Column::tail`] column's cell loses its ` · ` parts,
/// last first, until it fits; what is still too wide is cut by the table.
pub fn fit_cell<'a>(col: &Column, text: &'a str, w: usize) -> &'a str {
    let mut text = text;
    if col.initial && width(text) > w {
        return text.char_indices().nth(1).map_or(text, |(i, _)| &text[..i]);
    }
    while col.tail && width(text) > w {
        match text.rfind(" · ") {
            Some(at) => text = &text[..at],
            None => break,
        }
    }
    text
}

pub fn columns(tab: Tab) -> &'static [Column] {
    const PROVINCES: [Column; 6] = [
        col("Province", 10, 16, 0),
        flex(col("Region", 8, 30, 3)),
        col("2025 unit", 9, 14, 2),
        right(col("Docs", 4, 4, 1)),
        right(col("Targets", 7, 7, 1)),
        right(col("Sectors", 7, 7, 2)),
    ];
    const TARGETS: [Column; 5] = [
        col("Province", 8, 12, 1),
        flex(col("Metric", 10, 40, 0)),
        right(col("Value", 8, 16, 0)),
        col("Year", 4, 4, 1),
        // At 40 columns the status is one letter rather than gone.
        initial(col("Status", 1, 8, 1)),
    ];
    const UNITS: [Column; 5] = [
        col("2025 unit", 10, 16, 0),
        flex(col("From (pre-2025)", 8, 36, 2)),
        right(col("Docs", 4, 4, 1)),
        right(col("Targets", 7, 7, 1)),
        right(col("Sectors", 7, 7, 2)),
    ];
    // The sector's name in the explorer's language, then in the other one.
    const SECTORS: [Column; 4] = [
        col("Sector", 12, 32, 0),
        col("Vietnamese name", 10, 30, 2),
        right(col("Provs", 5, 5, 1)),
        flex(col("Provinces", 10, 40, 3)),
    ];
    const DOCUMENTS: [Column; 5] = [
        // Sized to the corpus's longest id by `columns_for`.
        col("ID", 2, 2, 2),
        flex(col("Title", 12, 60, 0)),
        // "17/10/2020 · file name" grows before the province list: a date cut after its
        // separator says nothing of where it came from.
        tail(col("Date", 10, 22, 1)),
        col("Provinces", 8, 20, 1),
        right(col("Figs", 4, 4, 1)),
    ];
    const LEGAL: [Column; 4] = [
        col("Kind", 10, 10, 1),
        col("Number", 10, 18, 0),
        col("Issuer", 6, 14, 2),
        flex(col("Cited by", 6, 30, 1)),
    ];
    match tab {
        Tab::Provinces => &PROVINCES,
        Tab::Targets => &TARGETS,
        Tab::Sectors => &SECTORS,
        Tab::Documents => &DOCUMENTS,
        Tab::Legal => &LEGAL,
        Tab::Units => &UNITS,
    }
}

/// [`columns`] sized to what `corpus` holds: an id is shown whole or not at all
/// ("D1…" names no document).
pub fn columns_for(tab: Tab, documents: usize) -> Vec<Column> {
    let mut cols = columns(tab).to_vec();
    if tab == Tab::Documents {
        let w = 1 + documents.max(1).ilog10() as u16 + 1;
        cols[0].min = w;
        cols[0].want = w;
    }
    cols
}

/// Width of each column at `total` columns (0 = dropped), one space between shown columns.
/// Low-priority columns are dropped until the rest fit at their minimum; spare width goes
/// first towards each column's `want`, then to the flexible column.
pub fn fit_columns(cols: &[Column], total: u16) -> Vec<u16> {
    let total = total as usize;
    let mut shown: Vec<bool> = vec![true; cols.len()];
    let need = |shown: &[bool]| -> usize {
        let n = shown.iter().filter(|&&s| s).count();
        let mins: usize = cols
            .iter()
            .zip(shown)
            .filter(|(_, &s)| s)
            .map(|(c, _)| c.min as usize)
            .sum();
        mins + n.saturating_sub(1)
    };
    while need(&shown) > total {
        let drop = (0..cols.len())
            .filter(|&i| shown[i] && cols[i].priority > 0)
            .max_by_key(|&i| (cols[i].priority, i));
        match drop {
            Some(i) => shown[i] = false,
            None => break,
        }
    }
    let n = shown.iter().filter(|&&s| s).count();
    let mut widths: Vec<usize> = cols
        .iter()
        .zip(&shown)
        .map(|(c, &s)| if s { c.min as usize } else { 0 })
        .collect();
    let mut spare = total.saturating_sub(widths.iter().sum::<usize>() + n.saturating_sub(1));
    // The flexible column (the long text: metric, title) first grows to twice its
    // minimum, then the fixed columns to their `want`, most important first, then the
    // flexible one takes the rest.
    if let Some(i) = (0..cols.len()).find(|&i| shown[i] && cols[i].flex) {
        let grow = widths[i].min(spare);
        widths[i] += grow;
        spare -= grow;
    }
    let mut growth: Vec<usize> = (0..cols.len()).filter(|&i| shown[i]).collect();
    growth.sort_by_key(|&i| (cols[i].flex, cols[i].priority, i));
    for i in growth {
        let grow = (cols[i].want as usize).saturating_sub(widths[i]).min(spare);
        widths[i] += grow;
        spare -= grow;
    }
    if let Some(i) = (0..cols.len()).find(|&i| shown[i] && cols[i].flex) {
        widths[i] += spare;
    }
    // Even the essential columns may not fit (a 1-column terminal): shrink from the right.
    let mut over = (widths.iter().sum::<usize>() + n.saturating_sub(1)).saturating_sub(total);
    for w in widths.iter_mut().rev() {
        let cut = over.min(*w);
        *w -= cut;
        over -= cut;
    }
    widths
        .into_iter()
        .map(|w| w.min(u16::MAX as usize) as u16)
        .collect()
}

fn place_name(p: Option<Place>) -> &'static str {
    p.map_or("—", |p| Reference::get().place_name(p))
}

fn join_places(ps: &[Place]) -> String {
    ps.iter()
        .map(|&p| place_name(Some(p)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The cells of row `i` (an index into the tab's corpus vector), sanitised for the terminal.
pub fn cells(tab: Tab, c: &Corpus, ix: &Index, i: usize, lang: Lang) -> Vec<String> {
    let r = Reference::get();
    let raw: Vec<String> = match tab {
        Tab::Provinces => match c.places.get(i) {
            Some(e) => {
                let (region, successor) = match e.place {
                    Place::Province(p) => r
                        .provinces
                        .get(p as usize)
                        .map(|p| (p.region.clone(), p.successor_2025.clone()))
                        .unwrap_or_default(),
                    Place::National => (String::new(), String::new()),
                };
                vec![
                    place_name(Some(e.place)).to_string(),
                    region,
                    successor,
                    e.documents.len().to_string(),
                    ix.place_targets.get(i).copied().unwrap_or(0).to_string(),
                    e.sectors.len().to_string(),
                ]
            }
            None => Vec::new(),
        },
        Tab::Targets => match c.figures.get(i) {
            Some(f) => vec![
                place_name(f.place).to_string(),
                f.metric.to_string(),
                format_value(f),
                f.year.map(|y| y.to_string()).unwrap_or_default(),
                lang.status(f.status).to_string(),
            ],
            None => Vec::new(),
        },
        Tab::Sectors => match c.sectors.get(i) {
            Some(s) => {
                let (name, other) = r.sectors.get(s.sector).map_or(("", ""), |d| lang.sector(d));
                vec![
                    name.to_string(),
                    other.to_string(),
                    s.places.len().to_string(),
                    join_places(&s.places),
                ]
            }
            None => Vec::new(),
        },
        Tab::Documents => match c.documents.get(i) {
            Some(d) => vec![
                d.id.clone(),
                d.title.clone(),
                date_label(d, lang),
                join_places(&d.main_places),
                ix.doc_figures(i).len().to_string(),
            ],
            None => Vec::new(),
        },
        Tab::Legal => match c.legal.get(i) {
            Some(l) => vec![
                l.kind.name().to_string(),
                l.number.clone(),
                l.issuer.clone().unwrap_or_default(),
                l.documents
                    .iter()
                    .filter_map(|&d| c.documents.get(d).map(|d| d.id.as_str()))
                    .collect::<Vec<_>>()
                    .join(", "),
            ],
            None => Vec::new(),
        },
        Tab::Units => match ix.units.get(i) {
            Some(u) => vec![
                u.name().to_string(),
                u.places
                    .iter()
                    .filter_map(|&pi| c.places.get(pi))
                    .map(|e| place_name(Some(e.place)))
                    .collect::<Vec<_>>()
                    .join(", "),
                u.documents.len().to_string(),
                u.targets.to_string(),
                u.sectors.len().to_string(),
            ],
            None => Vec::new(),
        },
    };
    raw.iter().map(|s| crate::sanitize_line(s)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(tab: Tab, w: u16) -> Vec<&'static str> {
        let cols = columns(tab);
        let ws = fit_columns(cols, w);
        cols.iter()
            .zip(ws)
            .filter(|(_, w)| *w > 0)
            .map(|(c, _)| c.title)
            .collect()
    }

    #[test]
    fn columns_fill_and_never_overflow() {
        for tab in Tab::ALL.into_iter().chain([Tab::Units]) {
            let cols = columns(tab);
            for total in 0..200u16 {
                let ws = fit_columns(cols, total);
                let n = ws.iter().filter(|&&w| w > 0).count();
                let used: usize =
                    ws.iter().map(|&w| w as usize).sum::<usize>() + n.saturating_sub(1);
                assert!(
                    used <= (total as usize).max(n.saturating_sub(1)),
                    "{tab:?} at {total}: {ws:?}"
                );
                if total >= 60 {
                    assert_eq!(used, total as usize, "{tab:?} at {total}: {ws:?}");
                }
            }
        }
    }

    #[test]
    fn narrow_tables_keep_the_essential_columns() {
        assert_eq!(
            shown(Tab::Targets, 38),
            ["Province", "Metric", "Value", "Year", "Status"]
        );
        let status = columns(Tab::Targets)[4];
        assert_eq!(fit_cell(&status, "target", 1), "t");
        assert_eq!(fit_cell(&status, "đã đạt", 3), "đ");
        assert_eq!(fit_cell(&status, "target", 6), "target");
        assert_eq!(
            shown(Tab::Targets, 70),
            ["Province", "Metric", "Value", "Year", "Status"]
        );
        assert_eq!(
            shown(Tab::Provinces, 38),
            ["Province", "2025 unit", "Docs", "Targets"]
        );
        assert!(shown(Tab::Documents, 38).contains(&"Title"));
    }

    #[test]
    fn a_narrow_date_keeps_the_date_and_drops_its_origin() {
        let date = columns(Tab::Documents)[2];
        assert_eq!(date.title, "Date");
        assert_eq!(
            fit_cell(&date, "17/10/2020 · file name", 22),
            "17/10/2020 · file name"
        );
        assert_eq!(fit_cell(&date, "17/10/2020 · file name", 21), "17/10/2020");
        assert_eq!(fit_cell(&date, "≈2020 · inferred", 10), "≈2020");
        assert_eq!(fit_cell(&date, "17/10/2020", 8), "17/10/2020");
        let title = columns(Tab::Documents)[1];
        assert_eq!(fit_cell(&title, "Hà Nội · TP.HCM", 5), "Hà Nội · TP.HCM");
    }
}
