//! The compare view's state: which metric family is shown, which statuses, and the
//! selected bar. The bars themselves are drawn by `ui::compare` from this and the
//! [`Index`]'s family lists.

use std::collections::HashMap;

use super::groups::scaled;
use super::index::{Index, StatusFilter};
use super::pane::visible_offset;
use crate::corpus::Corpus;
use crate::model::{Comparator, Place, Status};

/// What makes two figures the same statement for the chart.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Statement {
    place: Option<Place>,
    value: u64,
    max: Option<u64>,
    comparator: Comparator,
    year: Option<i32>,
    period: Option<[i32; 2]>,
    status: Status,
    unit: String,
}

#[derive(Debug, Clone)]
pub struct Compare {
    /// Index into `Index::families`.
    pub family: usize,
    pub status: StatusFilter,
    /// Figures shown, largest value first; one per distinct statement.
    rows: Vec<usize>,
    /// Per row, how many figures state the same.
    reports: Vec<u32>,
    /// The largest value (or upper bound) among the rows, in the family's unit: the full
    /// length of a bar. Kept with the rows so drawing a frame never rescans them.
    pub top: f64,
    pub selected: usize,
    pub offset: usize,
}

impl Compare {
    pub fn new(c: &Corpus, ix: &Index) -> Compare {
        // Open on the family that compares the most places.
        let family = (0..ix.families.len())
            .rev()
            .max_by_key(|&k| ix.families[k].places)
            .unwrap_or(0);
        let mut v = Compare {
            family,
            status: StatusFilter::All,
            rows: Vec::new(),
            reports: Vec::new(),
            top: 0.0,
            selected: 0,
            offset: 0,
        };
        v.refill(c, ix);
        v
    }

    /// Opens on the family of a figure (the Targets row the user came from), if it has one.
    pub fn focus_figure(&mut self, figure: usize, c: &Corpus, ix: &Index) {
        let Some(Some(fam)) = ix.figure_family.get(figure) else {
            return;
        };
        if let Some(k) = ix.families.iter().position(|r| r.family == *fam as usize) {
            self.family = k;
            self.refill(c, ix);
            if let Some(pos) = self.rows.iter().position(|&r| r == figure) {
                self.selected = pos;
            }
        }
    }

    /// Rebuilds the rows. The same statement reported by several articles (same place,
    /// value, year, status and unit) is one bar, with the number of reports beside it.
    fn refill(&mut self, c: &Corpus, ix: &Index) {
        self.rows.clear();
        self.reports.clear();
        self.top = 0.0;
        let mut seen: HashMap<Statement, usize> = HashMap::new();
        let figures = ix
            .families
            .get(self.family)
            .map_or(&[][..], |r| &r.figures[..]);
        for &fi in figures {
            let Some(f) = c.figures.get(fi) else { continue };
            if !self.status.accepts(f.status) {
                continue;
            }
            let key = Statement {
                place: f.place,
                value: f.value.to_bits(),
                max: f.value_max.map(f64::to_bits),
                comparator: f.comparator,
                year: f.year,
                period: f.period,
                status: f.status,
                unit: f.unit.to_string(),
            };
            match seen.get(&key) {
                Some(&row) => self.reports[row] += 1,
                None => {
                    seen.insert(key, self.rows.len());
                    self.rows.push(fi);
                    self.reports.push(1);
                    if let Some(fam) = ix.families.get(self.family) {
                        let (lo, hi) = scaled(fam.def(), f);
                        self.top = self.top.max(hi.unwrap_or(lo));
                    }
                }
            }
        }
        self.selected = 0;
        self.offset = 0;
    }

    pub fn rows(&self) -> &[usize] {
        &self.rows
    }

    /// How many figures row `pos` stands for.
    pub fn reports(&self, pos: usize) -> u32 {
        self.reports.get(pos).copied().unwrap_or(1)
    }

    pub fn current(&self) -> Option<usize> {
        self.rows.get(self.selected).copied()
    }

    /// Steps to the next (or previous) family, wrapping around.
    pub fn step_family(&mut self, forward: bool, c: &Corpus, ix: &Index) {
        let n = ix.families.len();
        if n == 0 {
            return;
        }
        self.family = if forward {
            (self.family + 1) % n
        } else {
            (self.family + n - 1) % n
        };
        self.refill(c, ix);
    }

    /// Shows family `k` (an index into `Index::families`), if there is one.
    pub fn set_family(&mut self, k: usize, c: &Corpus, ix: &Index) {
        if k < ix.families.len() && k != self.family {
            self.family = k;
            self.refill(c, ix);
        }
    }

    pub fn cycle_status(&mut self, c: &Corpus, ix: &Index) {
        self.status = self.status.next();
        self.refill(c, ix);
    }

    pub fn move_by(&mut self, delta: isize) {
        let last = self.rows.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    pub fn select(&mut self, row: usize) {
        self.selected = row.min(self.rows.len().saturating_sub(1));
    }

    pub fn follow(&mut self, height: usize) {
        self.offset = visible_offset(self.selected, self.offset, height, self.rows.len());
    }
}
