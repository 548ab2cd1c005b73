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

mod lines;
#[cfg(test)]
mod tests;

use super::table::table_lines;
pub use crate::text::CELL_SEPARATOR;
use lines::{lines, Line};
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
    /// Whether lines end at `right` often enough for it to be a margin: with one line
    /// alone reaching there, every other line would seem to end short.
    margin: bool,
    pitch: f64,
}

fn frame(lines: &[Line]) -> Frame {
    let body: Vec<&Line> = lines.iter().filter(|l| l.cells() == 1).collect();
    let left = body.iter().map(|l| l.x0).fold(f64::INFINITY, f64::min);
    // The right margin where most full lines end: one line running into the margin (a
    // long link, a wide formula) does not move it.
    let mut ends: Vec<f64> = body.iter().map(|l| l.x1).collect();
    ends.sort_by(f64::total_cmp);
    let right = ends
        .get(ends.len().saturating_sub(1 + ends.len() / 10))
        .copied()
        .unwrap_or(f64::NEG_INFINITY);
    let size = body.first().map_or(12.0, |l| l.size);
    let at_margin = ends.iter().filter(|&&x| x >= right - size).count();
    let margin = at_margin >= 2 || ends.len() <= 2;
    let mut gaps: Vec<f64> = lines
        .windows(2)
        .map(|w| w[1].y - w[0].y)
        .filter(|g| *g > 0.0)
        .collect();
    gaps.sort_by(f64::total_cmp);
    // Lines of one paragraph are the closest: a low quantile of the gaps, since a page
    // of one-line paragraphs has more gaps between paragraphs than within them.
    Frame {
        left,
        right,
        margin,
        pitch: gaps.get(gaps.len() / 4).copied().unwrap_or(1.2 * size),
    }
}

/// Whether `cur` starts a new paragraph after `prev` (on the same page unless `new_page`).
fn breaks(prev: &Line, cur: &Line, frame: &Frame, new_page: bool) -> bool {
    if prev.cells() > 1 || cur.cells() > 1 {
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
    let fits = frame.margin && char_width * ((first_word + 1) as f64) < room;
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
            if line.cells() > 1 {
                if table.last().is_some_and(|r| r.len() != line.cells()) {
                    flush(&mut table, &mut paras);
                }
                table.push(line.cell_texts());
            } else {
                flush(&mut table, &mut paras);
                match paras.last_mut() {
                    Some(last) if !new && prev.is_some_and(|p| p.cells() == 1) => {
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
pub(super) fn join(out: &mut String, text: &str) {
    let mut tail = out.chars().rev();
    let hyphen = tail.next() == Some('-') && tail.next().is_some_and(char::is_alphanumeric);
    let next_word = text.chars().next().is_some_and(char::is_alphanumeric);
    if !(hyphen && next_word) {
        out.push(' ');
    }
    out.push_str(text);
}
