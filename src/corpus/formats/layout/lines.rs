//! Glyphs to lines: the glyphs on one baseline in reading order, split into cells
//! where a column gap, a table border or a layout block says so, and a table row's
//! wrapped or centred cells gathered back into it.

use super::{join, Glyph, Page, Rule, CELL_SEPARATOR};

/// Text in cells further apart than this many font sizes belongs to separate columns.
const COLUMN_GAP: f64 = 1.5;
/// A gap wider than this many font sizes between glyphs is a space.
const WORD_GAP: f64 = 0.12;

#[derive(Debug, Clone, PartialEq)]
pub(super) struct Line {
    pub(super) y: f64,
    pub(super) x0: f64,
    pub(super) x1: f64,
    pub(super) size: f64,
    pub(super) text: String,
    /// Each cell's left and right edges and text.
    pub(super) parts: Vec<(f64, f64, String)>,
    /// Each cell's layout block (0: unknown).
    pub(super) blocks: Vec<u32>,
}

/// Glyphs sharing a baseline, left to right; lines top to bottom.
pub(super) fn lines(page: &Page) -> Vec<Line> {
    let mut order: Vec<(usize, &Glyph)> = page
        .glyphs
        .iter()
        .enumerate()
        .filter(|(_, g)| {
            g.x.is_finite() && g.y.is_finite() && g.end.is_finite() && g.size.is_finite()
        })
        .collect();
    order.sort_by(|a, b| a.1.y.total_cmp(&b.1.y));
    let mut out = Vec::new();
    let mut start = 0;
    // Rules by position across, for the look-ups between glyphs.
    let mut rules = page.rules.clone();
    rules.sort_by(|a, b| a.at.total_cmp(&b.at));
    while start < order.len() {
        let top = order[start].1;
        // A superscript (a footnote mark, the ² of km²) is smaller and sits a third of
        // the text's size above its baseline: the larger size decides the reach.
        let mut stop = start + 1;
        while stop < order.len() && {
            let g = order[stop].1;
            g.y - top.y <= 0.45 * size_of(top).max(size_of(g))
        } {
            stop += 1;
        }
        let mut row = order[start..stop].to_vec();
        row.sort_by_key(|(i, _)| *i);
        if let Some(line) = line_of(&left_to_right(&row), &rules) {
            out.push(line);
        }
        start = stop;
    }
    merge_wrapped_cells(&mut out, page);
    out
}

/// A line's glyphs in reading order. The producer draws a line as runs (a letter
/// head's left half, then its right half; a table's cells); each run keeps the order
/// it was drawn in and the runs are put left to right. Ordering single glyphs by x
/// instead would interleave two runs whenever a font's widths are wrong (printed-to-PDF
/// files often give every glyph a width of 1 em), which shifts every x after the first.
fn left_to_right<'a>(row: &[(usize, &'a Glyph)]) -> Vec<&'a Glyph> {
    let mut runs: Vec<Vec<&Glyph>> = Vec::new();
    for &(_, g) in row {
        let continues = runs.last().and_then(|r| r.last()).is_some_and(|p| {
            g.x >= p.x - 0.5 * size_of(p) && g.x <= p.end + COLUMN_GAP * size_of(p)
        });
        match runs.last_mut() {
            Some(run) if continues => run.push(g),
            _ => runs.push(vec![g]),
        }
    }
    runs.sort_by(|a, b| a[0].x.total_cmp(&b[0].x));
    // Fake bold: the same run drawn twice, a hair apart.
    runs.dedup_by(|b, a| {
        (b[0].x - a[0].x).abs() < 0.2 * size_of(a[0])
            && a.len() == b.len()
            && a.iter().zip(b.iter()).all(|(x, y)| x.text == y.text)
    });
    runs.concat()
}

fn size_of(g: &Glyph) -> f64 {
    g.size.abs().max(1.0)
}

/// Whether a table border or a block boundary stands between two glyphs of a line;
/// `rules` sorted by position.
fn apart(p: &Glyph, g: &Glyph, rules: &[Rule]) -> bool {
    if p.block != 0 && g.block != 0 && p.block != g.block {
        return true;
    }
    let size = size_of(g);
    let (left, right) = (p.x + 0.5 * (p.end - p.x), g.x + 0.1 * size);
    let middle = g.y - 0.3 * size;
    // `rules` is sorted by position: only those between the two glyphs are looked at.
    let first = rules.partition_point(|r| r.at <= left);
    rules[first..]
        .iter()
        .take_while(|r| r.at < right)
        .any(|r| r.from <= middle && r.to >= middle)
}

fn line_of(row: &[&Glyph], rules: &[Rule]) -> Option<Line> {
    // Cells as (left, right, text).
    let mut parts: Vec<(f64, f64, String)> = Vec::new();
    let mut blocks: Vec<u32> = Vec::new();
    let mut text = String::new();
    let mut span = (f64::INFINITY, f64::NEG_INFINITY);
    // The last glyph with ink: spaces typed to push a letter head's second half to the
    // right are no narrower a gap than a tab stop.
    let mut ink: Option<&Glyph> = None;
    let mut sizes: Vec<f64> = Vec::with_capacity(row.len());
    for &g in row {
        let blank = g.text.trim().is_empty();
        if !blank {
            if let Some(p) = ink {
                let gap = g.x - p.end;
                let size = size_of(g).max(size_of(p));
                if (gap > COLUMN_GAP * size || apart(p, g, rules)) && !text.trim().is_empty() {
                    parts.push((span.0, span.1, collapse_spaces(&text)));
                    blocks.push(p.block);
                    text.clear();
                    span = (f64::INFINITY, f64::NEG_INFINITY);
                } else if (gap > WORD_GAP * size || gap < -0.5 * size) && !text.ends_with(' ') {
                    text.push(' ');
                }
            }
            span = (span.0.min(g.x), span.1.max(g.end));
            sizes.push(size_of(g));
            text.push_str(&g.text);
            ink = Some(g);
        } else if !text.is_empty() && !text.ends_with(' ') {
            text.push(' ');
        }
    }
    if !text.trim().is_empty() {
        parts.push((span.0, span.1, collapse_spaces(&text)));
        blocks.push(ink.map_or(0, |g| g.block));
    }
    if parts.is_empty() {
        return None;
    }
    sizes.sort_by(f64::total_cmp);
    let mut line = Line {
        y: row.iter().map(|g| g.y).fold(f64::NEG_INFINITY, f64::max),
        x0: 0.0,
        x1: 0.0,
        size: sizes[sizes.len() / 2],
        text: String::new(),
        parts,
        blocks,
    };
    line.settle();
    Some(line)
}

impl Line {
    pub(super) fn cells(&self) -> usize {
        self.parts.len()
    }

    /// The cells' texts, left to right.
    pub(super) fn cell_texts(&self) -> Vec<String> {
        self.parts.iter().map(|p| p.2.clone()).collect()
    }

    /// The line's text and extent from its cells.
    fn settle(&mut self) {
        self.x0 = self.parts.iter().map(|p| p.0).fold(f64::INFINITY, f64::min);
        self.x1 = self
            .parts
            .iter()
            .map(|p| p.1)
            .fold(f64::NEG_INFINITY, f64::max);
        let texts: Vec<&str> = self.parts.iter().map(|p| p.2.as_str()).collect();
        self.text = texts.join(CELL_SEPARATOR);
    }
}

/// A table cell whose text wraps puts its next line below the row, alone or with the
/// other wrapped cells ("Tốc độ tăng trưởng giá trị sản xuất công" / "nghiệp"), and a
/// cell centred in a tall row sits between the lines of its neighbour. Two lines close
/// together make one row when they are known to share it: in a ruled table, a vertical
/// border runs past both and no horizontal one between them; otherwise each piece of the
/// lower line lies in a cell of the upper one from the same layout block.
fn merge_wrapped_cells(lines: &mut Vec<Line>, page: &Page) {
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    for next in lines.drain(..) {
        match out.last_mut() {
            Some(row) if shares_row(row, &next, page) => absorb(row, next),
            _ => out.push(next),
        }
    }
    *lines = out;
}

/// Whether `next`, the line below `row`, belongs to the same table row.
fn shares_row(row: &Line, next: &Line, page: &Page) -> bool {
    let size = row.size.max(next.size);
    if next.y - row.y > 1.6 * size || (row.cells() == 1 && next.cells() == 1) {
        return false;
    }
    let (left, right) = (row.x0.min(next.x0), row.x1.max(next.x1));
    let top = row.y - size;
    // A ruled table: borders across it above and below the two lines, a vertical one
    // through both, and none across between them.
    let across = |r: &&Rule| r.from < left + size && r.to > right - size;
    let in_band = page
        .hrules
        .iter()
        .filter(across)
        .any(|r| r.at <= top + 0.3 * size)
        && page.hrules.iter().filter(across).any(|r| r.at >= next.y)
        && page.rules.iter().any(|r| {
            r.at >= left - size && r.at <= right + size && r.from <= top && r.to >= next.y
        })
        && !page.hrules.iter().any(|r| {
            r.at > row.y && r.at < next.y - 0.7 * next.size && r.from < right && r.to > left
        });
    if in_band {
        return true;
    }
    let slack = 0.5 * size;
    let homes: Option<Vec<usize>> = next
        .parts
        .iter()
        .map(|p| {
            row.parts
                .iter()
                .position(|c| p.0 >= c.0 - slack && p.0 <= c.1 + slack && p.1 <= c.1 + 4.0 * size)
        })
        .collect();
    homes.is_some_and(|homes| {
        next.cells() <= row.cells()
            && homes.windows(2).all(|w| w[0] < w[1])
            && homes
                .iter()
                .zip(&next.blocks)
                .all(|(&h, &b)| b != 0 && row.blocks.get(h) == Some(&b))
    })
}

/// `next`'s cells read into `row`'s: each into the cell above it, or as a new cell.
fn absorb(row: &mut Line, next: Line) {
    let slack = 0.5 * row.size.max(next.size);
    for (part, block) in next.parts.into_iter().zip(next.blocks) {
        let overlaps = |c: &(f64, f64, String)| part.0 < c.1 + slack && part.1 > c.0 - slack;
        match row.parts.iter().position(overlaps) {
            Some(h) => {
                let cell = &mut row.parts[h];
                cell.0 = cell.0.min(part.0);
                cell.1 = cell.1.max(part.1);
                join(&mut cell.2, &part.2);
            }
            None => {
                let at = row.parts.partition_point(|c| c.0 < part.0);
                row.parts.insert(at, part);
                row.blocks.insert(at, block);
            }
        }
    }
    row.y = row.y.max(next.y);
    row.settle();
}

fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}
