//! Sorting a tab by any of its columns: numbers as numbers, values by `value_base`
//! within one base unit (units grouped, never compared), text ignoring accents, dates
//! by date; empty cells last whichever the direction. Ties keep the tab's base order.

use std::cmp::Ordering;
use std::collections::HashMap;

use super::index::Index;
use super::lang::Lang;
use super::rows::{cells, columns};
use super::target::Tab;
use crate::corpus::Corpus;
use crate::search::sort_key;

/// The column a tab is sorted by, and which way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort {
    pub column: usize,
    pub descending: bool,
}

impl Sort {
    /// What `o` does: the next column, ascending; past the last one, the tab's own order.
    pub fn next(s: Option<Sort>, tab: Tab) -> Option<Sort> {
        let column = s.map_or(0, |s| s.column + 1);
        (column < columns(tab).len()).then_some(Sort {
            column,
            descending: false,
        })
    }

    /// The arrow the column's header shows.
    pub fn arrow(self) -> &'static str {
        if self.descending {
            "▼"
        } else {
            "▲"
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Key {
    Missing,
    Num(f64),
    /// (rank of the base unit, value in it).
    Value(u32, f64),
    Text(String),
}

impl Key {
    fn cmp(&self, other: &Key) -> Ordering {
        match (self, other) {
            (Key::Num(a), Key::Num(b)) => a.total_cmp(b),
            (Key::Value(ua, a), Key::Value(ub, b)) => ua.cmp(ub).then(a.total_cmp(b)),
            (Key::Text(a), Key::Text(b)) => a.cmp(b),
            _ => Ordering::Equal,
        }
    }
}

/// `base` (every entity of the tab, in its base order) sorted by `sort`.
pub fn sorted(tab: Tab, sort: Sort, c: &Corpus, ix: &Index, base: &[u32]) -> Vec<u32> {
    let keys = keys(tab, sort.column, c, ix, base.len());
    let key = |i: u32| keys.get(i as usize).unwrap_or(&Key::Missing);
    let mut order = base.to_vec();
    // Stable: equal keys keep the base order.
    order.sort_by(|&a, &b| {
        let (ka, kb) = (key(a), key(b));
        let (ma, mb) = (*ka == Key::Missing, *kb == Key::Missing);
        ma.cmp(&mb).then_with(|| {
            // Units are grouped the same way in both directions; only values flip.
            let o = match (ka, kb) {
                (Key::Value(ua, _), Key::Value(ub, _)) if ua != ub => return ua.cmp(ub),
                _ => ka.cmp(kb),
            };
            if sort.descending {
                o.reverse()
            } else {
                o
            }
        })
    });
    order
}

/// The sort key of column `col` for every entity of the tab.
fn keys(tab: Tab, col: usize, c: &Corpus, ix: &Index, n: usize) -> Vec<Key> {
    if tab == Tab::Targets {
        return figure_keys(col, c);
    }
    if tab == Tab::Documents && col == 2 {
        return c
            .documents
            .iter()
            .map(|d| match d.date {
                Some(dt) => Key::Num(
                    f64::from(dt.year) * 400.0
                        + f64::from(dt.month.unwrap_or(0)) * 32.0
                        + f64::from(dt.day.unwrap_or(0)),
                ),
                None => Key::Missing,
            })
            .collect();
    }
    let numeric = columns(tab).get(col).is_some_and(|c| c.right);
    (0..n)
        .map(|i| {
            let cell = cells(tab, c, ix, i, Lang::En)
                .into_iter()
                .nth(col)
                .unwrap_or_default();
            match cell.trim() {
                "" | "—" => Key::Missing,
                t if numeric => t.parse::<f64>().map_or(Key::Missing, Key::Num),
                t => Key::Text(sort_key(t)),
            }
        })
        .collect()
}

fn figure_keys(col: usize, c: &Corpus) -> Vec<Key> {
    match col {
        0 => {
            let place = crate::order::place_ranks(c);
            c.figures
                .iter()
                .map(|f| match f.place {
                    None => Key::Missing,
                    p => Key::Num(f64::from(place(p))),
                })
                .collect()
        }
        1 => c
            .figures
            .iter()
            .map(|f| Key::Text(sort_key(&f.metric)))
            .collect(),
        2 => {
            // Base units (a rate per year apart from a share) by how many figures use
            // them: the largest group first.
            let unit = |f: &crate::model::Figure| (f.unit_base().to_string(), f.per_year);
            let mut count: HashMap<(String, bool), usize> = HashMap::new();
            for f in &c.figures {
                *count.entry(unit(f)).or_default() += 1;
            }
            let mut units: Vec<((String, bool), usize)> = count.into_iter().collect();
            units.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            let rank: HashMap<(String, bool), u32> = units
                .into_iter()
                .enumerate()
                .map(|(i, (u, _))| (u, i as u32))
                .collect();
            c.figures
                .iter()
                .map(|f| Key::Value(rank.get(&unit(f)).copied().unwrap_or(0), f.value_base()))
                .collect()
        }
        3 => c
            .figures
            .iter()
            .map(|f| f.year.map_or(Key::Missing, |y| Key::Num(f64::from(y))))
            .collect(),
        _ => c
            .figures
            .iter()
            .map(|f| Key::Num(f64::from(f.status as u8)))
            .collect(),
    }
}
