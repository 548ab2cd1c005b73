//! Characters placed on pages to paragraphs of text.
//!
//! A PDF holds no paragraphs: only glyphs at positions. Reading them in the order the
//! producer drew them breaks table rows into one cell per line and splits a paragraph
//! at every line end, so the text is rebuilt from the geometry instead: glyphs that
//! share a baseline make a line (the cells of a table row included, kept on that line
//! and separated by ` | `), then lines make paragraphs where the vertical rhythm, the
//! indentation, a short last line or a list marker say one ends. What every page
//! repeats at its top or bottom (page numbers, running heads) is dropped as furniture.
//! Pure functions of the glyphs, so each rule is tested without a PDF.

use super::table::table_lines;
pub use crate::text::CELL_SEPARATOR;
use regex::Regex;
use std::collections::HashMap;
use std::sync::OnceLock;

/// One glyph as drawn: page coordinates in points, y growing downwards.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    pub x: f64,
    pub y: f64,
    /// Where the glyph's advance ends on the x axis.
    pub end: f64,
    /// The font size after the text matrix is applied.
    pub size: f64,
    pub text: String,
    /// The text block a layout analysis put the glyph in (poppler's), 0 when unknown:
    /// two blocks on one line are two cells.
    pub block: u32,
}

/// A straight line drawn on the page (a table's border), in the same coordinates: at
/// `at` across, from `from` to `to` along it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    pub at: f64,
    pub from: f64,
    pub to: f64,
}

/// What one page holds for the layout.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub glyphs: Vec<Glyph>,
    /// Vertical lines: `at` is an x.
    pub rules: Vec<Rule>,
    /// Horizontal lines: `at` is a y.
    pub hrules: Vec<Rule>,
}

impl From<Vec<Glyph>> for Page {
    fn from(glyphs: Vec<Glyph>) -> Page {
        Page {
            glyphs,
            ..Page::default()
        }
    }
}

/// Text in cells further apart than this many font sizes belongs to separate columns.
const COLUMN_GAP: f64 = 1.5;
/// A gap wider than this many font sizes between glyphs is a space.
const WORD_GAP: f64 = 0.12;

#[derive(Debug, Clone, PartialEq)]
struct Line {
    y: f64,
    x0: f64,
    x1: f64,
    size: f64,
    text: String,
    cells: usize,
    /// Each cell's left and right edges and text.
    parts: Vec<(f64, f64, String)>,
    /// Each cell's layout block (0: unknown).
    blocks: Vec<u32>,
}

/// The text of the pages, one paragraph per line with a blank line between paragraphs.
/// Also how many characters each page held (furniture included).
pub fn page_text(pages: &[Page]) -> (String, Vec<usize>) {
    let mut lines: Vec<Vec<Line>> = pages.iter().map(lines).collect();
    let chars = lines
        .iter()
        .map(|page| page.iter().map(|l| l.text.chars().count()).sum())
        .collect();
    drop_furniture(&mut lines);
    (paragraphs(&lines), chars)
}

/// Glyphs sharing a baseline, left to right; lines top to bottom.
fn lines(page: &Page) -> Vec<Line> {
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
    while start < order.len() {
        let top = order[start].1;
        // A superscript (a footnote mark) sits a third of a size above the baseline.
        let reach = 0.45 * size_of(top);
        let mut stop = start + 1;
        while stop < order.len() && order[stop].1.y - top.y <= reach {
            stop += 1;
        }
        let mut row = order[start..stop].to_vec();
        row.sort_by_key(|(i, _)| *i);
        if let Some(line) = line_of(&left_to_right(&row), &page.rules) {
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

/// Whether a table border or a block boundary stands between two glyphs of a line.
fn apart(p: &Glyph, g: &Glyph, rules: &[Rule]) -> bool {
    if p.block != 0 && g.block != 0 && p.block != g.block {
        return true;
    }
    let size = size_of(g);
    let (left, right) = (p.x + 0.5 * (p.end - p.x), g.x + 0.1 * size);
    let middle = g.y - 0.3 * size;
    rules
        .iter()
        .any(|r| r.at > left && r.at < right && r.from <= middle && r.to >= middle)
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
        cells: 0,
        parts,
        blocks,
    };
    line.settle();
    Some(line)
}

impl Line {
    /// The line's text, extent and cell count from its cells.
    fn settle(&mut self) {
        self.x0 = self.parts.iter().map(|p| p.0).fold(f64::INFINITY, f64::min);
        self.x1 = self
            .parts
            .iter()
            .map(|p| p.1)
            .fold(f64::NEG_INFINITY, f64::max);
        self.cells = self.parts.len();
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
    let mut i = 1;
    while i < lines.len() {
        let (head, tail) = lines.split_at_mut(i);
        let (row, next) = (&mut head[i - 1], &tail[0]);
        let size = row.size.max(next.size);
        if next.y - row.y > 1.6 * size || (row.cells == 1 && next.cells == 1) {
            i += 1;
            continue;
        }
        let (left, right) = (row.x0.min(next.x0), row.x1.max(next.x1));
        let top = row.y - size;
        let in_band = page.rules.iter().any(|r| {
            r.at >= left - size && r.at <= right + size && r.from <= top && r.to >= next.y
        }) && !page.hrules.iter().any(|r| {
            r.at > row.y && r.at < next.y - 0.7 * next.size && r.from < right && r.to > left
        });
        let slack = 0.5 * size;
        let homes: Option<Vec<usize>> = next
            .parts
            .iter()
            .map(|p| {
                row.parts.iter().position(|c| {
                    p.0 >= c.0 - slack && p.0 <= c.1 + slack && p.1 <= c.1 + 4.0 * size
                })
            })
            .collect();
        let same_block = homes.as_ref().is_some_and(|homes| {
            next.cells <= row.cells
                && homes.windows(2).all(|w| w[0] < w[1])
                && homes
                    .iter()
                    .zip(&next.blocks)
                    .all(|(&h, &b)| b != 0 && row.blocks.get(h) == Some(&b))
        });
        if !(in_band || same_block) {
            i += 1;
            continue;
        }
        let next = lines.remove(i);
        let row = &mut lines[i - 1];
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

fn page_number_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?i)^[-–—\s]*(?:trang\s*)?\d{1,3}(?:\s*/\s*\d{1,3})?[-–—\s]*$")
            .expect("valid regex")
    })
}

/// A line with its digits blanked, so "Trang 2" and "Trang 3" are the same running line.
fn furniture_key(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect::<String>()
        .to_lowercase()
}

/// Page numbers at the top or bottom of a page, and lines that open or close most pages
/// alike (a running head, a footer, a signature stamp).
fn drop_furniture(pages: &mut [Vec<Line>]) {
    const EDGE: usize = 2;
    // The lines a page opens with (`true`) and closes with, each line counted at one edge.
    let edges = |page: &[Line]| -> Vec<(bool, String)> {
        let top = EDGE.min(page.len());
        let bottom = EDGE.min(page.len() - top);
        let mut keys: Vec<(bool, String)> = page[..top]
            .iter()
            .map(|l| (true, furniture_key(&l.text)))
            .chain(
                page[page.len() - bottom..]
                    .iter()
                    .map(|l| (false, furniture_key(&l.text))),
            )
            .collect();
        keys.sort();
        keys.dedup();
        keys
    };
    let mut seen: HashMap<(bool, String), usize> = HashMap::new();
    for page in pages.iter() {
        for k in edges(page) {
            *seen.entry(k).or_default() += 1;
        }
    }
    let with_text = pages.iter().filter(|p| !p.is_empty()).count();
    let is_furniture = |l: &Line, top: bool| {
        page_number_re().is_match(&l.text)
            || (with_text >= 2
                && seen
                    .get(&(top, furniture_key(&l.text)))
                    .copied()
                    .unwrap_or(0)
                    * 2
                    > with_text)
    };
    for page in pages.iter_mut() {
        for _ in 0..EDGE {
            if page.first().is_some_and(|l| is_furniture(l, true)) {
                page.remove(0);
            }
        }
        for _ in 0..EDGE {
            if page.len() > 1 && page.last().is_some_and(|l| is_furniture(l, false)) {
                page.pop();
            }
        }
    }
}

fn marker_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"^(?:[-–—•+*▪◦]\s|\(?\d{1,3}[.)]\s|\d{1,2}(?:\.\d{1,2})+\.?\s|\(?[a-zđ][).]\s|[IVXLC]{1,6}[.)]\s|(?:Điều|Chương|Mục|Phần)\s+[\dIVXLC]+)",
        )
        .expect("valid regex")
    })
}

fn ends_sentence(text: &str) -> bool {
    text.trim_end()
        .ends_with(['.', ';', ':', '!', '?', '…', '”', '"', '»'])
}

/// The page's geometry that tells a paragraph's last line and first line apart.
struct Frame {
    left: f64,
    right: f64,
    pitch: f64,
}

fn frame(lines: &[Line]) -> Frame {
    let body: Vec<&Line> = lines.iter().filter(|l| l.cells == 1).collect();
    let left = body.iter().map(|l| l.x0).fold(f64::INFINITY, f64::min);
    // The right margin where most full lines end: one line running into the margin (a
    // long link, a wide formula) does not move it.
    let mut ends: Vec<f64> = body.iter().map(|l| l.x1).collect();
    ends.sort_by(f64::total_cmp);
    let right = ends
        .get(ends.len().saturating_sub(1 + ends.len() / 10))
        .copied()
        .unwrap_or(f64::NEG_INFINITY);
    let mut gaps: Vec<f64> = lines
        .windows(2)
        .map(|w| w[1].y - w[0].y)
        .filter(|g| *g > 0.0)
        .collect();
    gaps.sort_by(f64::total_cmp);
    let size = body.first().map_or(12.0, |l| l.size);
    // Lines of one paragraph are the closest: a low quantile of the gaps, since a page
    // of one-line paragraphs has more gaps between paragraphs than within them.
    Frame {
        left,
        right,
        pitch: gaps.get(gaps.len() / 4).copied().unwrap_or(1.2 * size),
    }
}

/// Whether `cur` starts a new paragraph after `prev` (on the same page unless `new_page`).
fn breaks(prev: &Line, cur: &Line, frame: &Frame, new_page: bool) -> bool {
    if prev.cells > 1 || cur.cells > 1 {
        return true;
    }
    let size = prev.size.max(cur.size);
    let punct = ends_sentence(&prev.text);
    let marker = marker_re().is_match(&cur.text);
    // The line ended though the next line's first word had room on it: the way a
    // paragraph's last line ends, justified or ragged.
    let char_width = (cur.x1 - cur.x0) / cur.text.chars().count().max(1) as f64;
    let first_word = cur
        .text
        .split_whitespace()
        .next()
        .map_or(0, |w| w.chars().count());
    let room = frame.right - 0.5 * char_width - prev.x1;
    let fits = char_width * ((first_word + 1) as f64) < room;
    if new_page {
        return punct || marker || fits;
    }
    let gap = cur.y - prev.y;
    let spaced = gap > frame.pitch + 0.3 * size;
    let short = prev.x1 < frame.right - 4.0 * size;
    let indented = cur.x0 > frame.left + 1.0 * size && cur.x0 > prev.x0 + 0.5 * size;
    let font_change = (prev.size - cur.size).abs() > 0.15 * size;
    // A heading in capitals ("TỜ TRÌNH", "QUYẾT ĐỊNH") above its subject line.
    let case_change = all_caps(&prev.text) != all_caps(&cur.text);
    let centered = |l: &Line| {
        l.x0 > frame.left + 2.0 * size
            && ((l.x0 - frame.left) - (frame.right - l.x1)).abs() < 2.0 * size
    };
    spaced
        || (fits && !(centered(prev) && centered(cur)))
        || font_change
        || case_change
        || centered(prev) != centered(cur)
        || (marker && (punct || short))
        || (short && (punct || indented))
        || (indented && punct)
}

fn all_caps(text: &str) -> bool {
    let mut letters = text.chars().filter(|c| c.is_alphabetic()).peekable();
    letters.peek().is_some() && letters.filter(|c| c.is_lowercase()).count() == 0
}

/// One line of text per paragraph, paragraphs apart by a blank line; rows of cells that
/// follow each other with as many cells make a table ([`table_lines`]).
fn paragraphs(pages: &[Vec<Line>]) -> String {
    let mut paras: Vec<String> = Vec::new();
    let mut table: Vec<Vec<String>> = Vec::new();
    let flush = |table: &mut Vec<Vec<String>>, paras: &mut Vec<String>| {
        paras.extend(table_lines(table));
        table.clear();
    };
    let mut prev: Option<&Line> = None;
    for page in pages {
        let frame = frame(page);
        for (i, line) in page.iter().enumerate() {
            let new = prev.is_none_or(|p| breaks(p, line, &frame, i == 0));
            if line.cells > 1 {
                if table.last().is_some_and(|r| r.len() != line.cells) {
                    flush(&mut table, &mut paras);
                }
                table.push(
                    line.text
                        .split(CELL_SEPARATOR)
                        .map(str::to_string)
                        .collect(),
                );
            } else {
                flush(&mut table, &mut paras);
                match paras.last_mut() {
                    Some(last) if !new && prev.is_some_and(|p| p.cells == 1) => {
                        join(last, &line.text)
                    }
                    _ => paras.push(line.text.clone()),
                }
            }
            prev = Some(line);
        }
    }
    flush(&mut table, &mut paras);
    paras.join("\n\n")
}

/// Appends a wrapped line's text to its paragraph: a reference broken after its hyphen
/// ("NĐ-" / "CP") is joined without a space, since Vietnamese words are not hyphenated.
fn join(out: &mut String, text: &str) {
    let mut tail = out.chars().rev();
    let hyphen = tail.next() == Some('-') && tail.next().is_some_and(char::is_alphanumeric);
    let next_word = text.chars().next().is_some_and(char::is_alphanumeric);
    if !(hyphen && next_word) {
        out.push(' ');
    }
    out.push_str(text);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A line of text set at `x`, baseline `y`, 10 pt, 5 pt per character; words one
    /// space apart; `|` starts a cell 60 pt further right.
    fn set(x: f64, y: f64, text: &str) -> Vec<Glyph> {
        let mut out = Vec::new();
        let mut at = x;
        for c in text.chars() {
            if c == '|' {
                at += 60.0;
                continue;
            }
            out.push(Glyph {
                x: at,
                y,
                end: at + 5.0,
                size: 10.0,
                text: c.to_string(),
                block: 0,
            });
            at += 5.0;
        }
        out
    }

    fn page(lines: &[(f64, f64, &str)]) -> Vec<Glyph> {
        lines.iter().flat_map(|&(x, y, t)| set(x, y, t)).collect()
    }

    /// A justified body: every line but a paragraph's last reaches x = 400.
    fn full(words: &str) -> String {
        let mut s = words.to_string();
        while s.chars().count() < 70 {
            s.push_str(" x");
        }
        s.chars()
            .take(70)
            .collect::<String>()
            .trim_end()
            .to_string()
    }

    #[test]
    fn wrapped_lines_are_joined_and_paragraphs_kept_apart() {
        let a = full("Sở Nội vụ nhận được Văn bản số 01/BC ngày 28/6/2025 của");
        // An indented first line, full to the margin, broken after a hyphen.
        let mut c = "Căn cứ Nghị định".to_string();
        while c.chars().count() < 55 {
            c.push_str(" x");
        }
        c.push_str(" 126/2024/NĐ-");
        let p = page(&[
            (50.0, 100.0, &a),
            (50.0, 112.0, "Hiệp hội Doanh nghiệp tỉnh."),
            (65.0, 124.0, &c),
            (50.0, 136.0, "CP quy định về hội."),
        ]);
        let (text, chars) = page_text(&[p.into()]);
        assert!(chars[0] > 100);
        let paras: Vec<&str> = text.split("\n\n").collect();
        assert_eq!(paras.len(), 2, "{text}");
        assert_eq!(paras[0], format!("{a} Hiệp hội Doanh nghiệp tỉnh."));
        assert_eq!(paras[1], format!("{c}CP quy định về hội."));
    }

    #[test]
    fn table_rows_stay_on_their_line_with_the_row_label() {
        let p = page(&[
            (50.0, 100.0, "Chỉ tiêu|Đơn vị|Giá trị"),
            (50.0, 112.0, "Tỷ trọng công nghiệp|%|40%"),
        ]);
        let (text, _) = page_text(&[p.into()]);
        assert_eq!(
            text,
            "Chỉ tiêu | Đơn vị | Giá trị\n\nTỷ trọng công nghiệp | % | 40%"
        );
    }

    #[test]
    fn the_content_order_does_not_matter() {
        // The second line drawn first, a letter head's right half before its left.
        let p = page(&[
            (50.0, 112.0, "hai"),
            (200.0, 100.0, "phải"),
            (50.0, 100.0, "Một"),
        ]);
        assert_eq!(page_text(&[p.into()]).0, "Một | phải\n\nhai");
    }

    const WORDS: [&str; 3] = ["một", "hai", "ba"];

    #[test]
    fn a_table_drawn_on_a_page_reads_like_a_word_table() {
        let p = page(&[
            (50.0, 100.0, "Chỉ tiêu|Năm 2025|Năm 2030"),
            (50.0, 112.0, "Tỷ trọng công nghiệp|38%|42%"),
            (50.0, 124.0, "Hết bảng."),
        ]);
        assert_eq!(
            page_text(&[p.into()]).0,
            "Chỉ tiêu | Năm 2025 | Năm 2030\n\nTỷ trọng công nghiệp | Năm 2025 38% | Năm 2030 42%\n\nHết bảng."
        );
    }

    #[test]
    fn page_numbers_and_running_heads_are_furniture() {
        let pages: Vec<Vec<Glyph>> = (1..=3)
            .map(|n| {
                page(&[
                    (200.0, 40.0, &n.to_string()),
                    (50.0, 60.0, "CÔNG BÁO/Số 12"),
                    (50.0, 100.0, &full(&format!("Đoạn văn số {n}"))),
                    (50.0, 112.0, "kết thúc."),
                    (50.0, 124.0, &format!("Hết ý {}.", WORDS[n - 1])),
                    (50.0, 160.0, "Cơ quan ban hành"),
                ])
            })
            .collect();
        let (text, _) = page_text(&pages.into_iter().map(Page::from).collect::<Vec<_>>());
        let want: Vec<String> = (1..=3)
            .map(|n| {
                let body = full(&format!("Đoạn văn số {n}"));
                format!("{} kết thúc.\n\nHết ý {}.", body.trim_end(), WORDS[n - 1])
            })
            .collect();
        assert_eq!(text, want.join("\n\n"));
    }

    #[test]
    fn a_paragraph_runs_on_over_a_page_break() {
        let a = full("Chủ tịch Ủy ban nhân dân tỉnh xem xét cho phép");
        let pages = vec![
            page(&[(50.0, 100.0, &a)]),
            page(&[(50.0, 100.0, "gia hạn.")]),
        ];
        let (text, _) = page_text(&pages.into_iter().map(Page::from).collect::<Vec<_>>());
        assert_eq!(text, format!("{a} gia hạn."));
    }

    #[test]
    fn a_heading_in_capitals_and_a_centred_block_stand_apart() {
        let body = full("Căn cứ Luật Tổ chức chính quyền địa phương");
        let p = page(&[
            (205.0, 100.0, "TỜ TRÌNH"),
            (152.5, 112.0, "Về việc phê duyệt Điều lệ hội"),
            (50.0, 124.0, &body),
            (50.0, 136.0, "ngày 19 tháng 6 năm 2015;"),
        ]);
        assert_eq!(
            page_text(&[p.into()]).0,
            format!(
                "TỜ TRÌNH\n\nVề việc phê duyệt Điều lệ hội\n\n{body} ngày 19 tháng 6 năm 2015;"
            )
        );
    }

    #[test]
    fn list_items_start_paragraphs() {
        let p = page(&[
            (50.0, 100.0, "gồm các nội dung sau:"),
            (50.0, 112.0, "a) Văn bản thông báo;"),
            (50.0, 124.0, "b) Quyết định phê duyệt."),
        ]);
        assert_eq!(
            page_text(&[p.into()]).0,
            "gồm các nội dung sau:\n\na) Văn bản thông báo;\n\nb) Quyết định phê duyệt."
        );
    }

    #[test]
    fn empty_pages_are_counted_and_garbage_positions_ignored() {
        let mut p = set(50.0, 100.0, "Có chữ");
        p.push(Glyph {
            x: f64::NAN,
            y: 1.0,
            end: 2.0,
            size: 10.0,
            text: "x".into(),
            block: 0,
        });
        let (text, chars) = page_text(&[p.into(), Page::default(), set(50.0, 10.0, "   ").into()]);
        assert_eq!(text, "Có chữ");
        assert_eq!(chars, [6, 0, 0]);
    }

    #[test]
    fn spaces_typed_across_a_column_gap_still_part_two_cells() {
        let mut p = set(50.0, 100.0, "UBND TỈNH");
        p.extend((0..30).map(|i| Glyph {
            x: 95.0 + 4.0 * f64::from(i),
            y: 100.0,
            end: 99.0 + 4.0 * f64::from(i),
            size: 10.0,
            text: " ".into(),
            block: 0,
        }));
        p.extend(set(260.0, 100.0, "CỘNG HÒA"));
        assert_eq!(page_text(&[p.into()]).0, "UBND TỈNH | CỘNG HÒA");
    }

    #[test]
    fn a_table_border_between_close_cells_parts_them() {
        // "vị" ends at 80, "Năm" starts at 85: no gap a reader would see as a column,
        // but a border is drawn at 82 over the line's height.
        let mut glyphs = set(50.0, 100.0, "Đơn vị");
        glyphs.extend(set(85.0, 100.0, "Năm 2025"));
        let border = |at| Rule {
            at,
            from: 88.0,
            to: 104.0,
        };
        let page = Page {
            glyphs,
            rules: vec![border(82.0), border(20.0)],
            hrules: Vec::new(),
        };
        assert_eq!(page_text(&[page]).0, "Đơn vị | Năm 2025");
    }

    #[test]
    fn a_ruled_row_gathers_its_wrapped_and_centred_cells() {
        // The label wraps over two lines; the values are centred between them.
        let mut glyphs = set(50.0, 100.0, "Tốc độ tăng trưởng");
        glyphs.extend(set(150.0, 106.0, "%/năm"));
        glyphs.extend(set(200.0, 106.0, "13%/năm"));
        glyphs.extend(set(50.0, 112.0, "công nghiệp"));
        glyphs.extend(set(50.0, 140.0, "Hết bảng."));
        let v = |at| Rule {
            at,
            from: 85.0,
            to: 118.0,
        };
        let h = |at| Rule {
            at,
            from: 45.0,
            to: 260.0,
        };
        let page = Page {
            glyphs,
            rules: vec![v(45.0), v(145.0), v(195.0), v(260.0)],
            hrules: vec![h(85.0), h(118.0)],
        };
        assert_eq!(
            page_text(&[page]).0,
            "Tốc độ tăng trưởng công nghiệp | %/năm | 13%/năm\n\nHết bảng."
        );
    }

    #[test]
    fn fake_bold_is_read_once() {
        let mut p = set(50.0, 100.0, "Đậm");
        p.extend(set(50.3, 100.0, "Đậm"));
        assert_eq!(page_text(&[p.into()]).0, "Đậm");
    }

    #[test]
    fn runs_keep_their_order_when_the_widths_are_wrong() {
        // Every advance one em wide: the left half's glyphs run past where the right
        // half starts.
        let wide = |x: f64, text: &str| -> Vec<Glyph> {
            text.chars()
                .enumerate()
                .map(|(i, c)| Glyph {
                    x: x + 10.0 * i as f64,
                    y: 100.0,
                    end: x + 10.0 * (i + 1) as f64,
                    size: 10.0,
                    text: c.to_string(),
                    block: 0,
                })
                .collect()
        };
        let mut p = wide(50.0, "UBND TỈNH");
        p.extend(wide(110.0, "CỘNG HÒA"));
        assert_eq!(page_text(&[p.into()]).0, "UBND TỈNH CỘNG HÒA");
    }
}
