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
}

/// The text of the pages, one paragraph per line with a blank line between paragraphs.
/// Also how many characters each page held (furniture included).
pub fn page_text(pages: &[Vec<Glyph>]) -> (String, Vec<usize>) {
    let mut lines: Vec<Vec<Line>> = pages.iter().map(|g| lines(g)).collect();
    let chars = lines
        .iter()
        .map(|page| page.iter().map(|l| l.text.chars().count()).sum())
        .collect();
    drop_furniture(&mut lines);
    (paragraphs(&lines), chars)
}

/// Glyphs sharing a baseline, left to right; lines top to bottom.
fn lines(glyphs: &[Glyph]) -> Vec<Line> {
    let mut order: Vec<(usize, &Glyph)> = glyphs
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
        if let Some(line) = line_of(&left_to_right(&row)) {
            out.push(line);
        }
        start = stop;
    }
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

fn line_of(row: &[&Glyph]) -> Option<Line> {
    let mut text = String::new();
    let mut cells = 1;
    // The last glyph with ink: spaces typed to push a letter head's second half to the
    // right are no narrower a gap than a tab stop.
    let mut ink: Option<&Glyph> = None;
    let (mut x0, mut x1) = (f64::INFINITY, f64::NEG_INFINITY);
    let mut sizes: Vec<f64> = Vec::with_capacity(row.len());
    for &g in row {
        let blank = g.text.trim().is_empty();
        if !blank {
            if let Some(p) = ink {
                let gap = g.x - p.end;
                let size = size_of(g).max(size_of(p));
                if gap > COLUMN_GAP * size && !text.trim().is_empty() {
                    text.truncate(text.trim_end().len());
                    text.push_str(CELL_SEPARATOR);
                    cells += 1;
                } else if (gap > WORD_GAP * size || gap < -0.5 * size) && !text.ends_with(' ') {
                    text.push(' ');
                }
            }
            x0 = x0.min(g.x);
            x1 = x1.max(g.end);
            sizes.push(size_of(g));
            text.push_str(&g.text);
            ink = Some(g);
        } else if !text.is_empty() && !text.ends_with(' ') {
            text.push(' ');
        }
    }
    let text = collapse_spaces(&text);
    if text.is_empty() {
        return None;
    }
    sizes.sort_by(f64::total_cmp);
    Some(Line {
        y: row.iter().map(|g| g.y).fold(f64::NEG_INFINITY, f64::max),
        x0,
        x1,
        size: sizes[sizes.len() / 2],
        text,
        cells,
    })
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
    let right = body.iter().map(|l| l.x1).fold(f64::NEG_INFINITY, f64::max);
    let mut gaps: Vec<f64> = lines
        .windows(2)
        .map(|w| w[1].y - w[0].y)
        .filter(|g| *g > 0.0)
        .collect();
    gaps.sort_by(f64::total_cmp);
    let size = body.first().map_or(12.0, |l| l.size);
    Frame {
        left,
        right,
        pitch: gaps.get(gaps.len() / 2).copied().unwrap_or(1.2 * size),
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
    if new_page {
        return punct || marker;
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

/// One line of text per paragraph, paragraphs apart by a blank line.
fn paragraphs(pages: &[Vec<Line>]) -> String {
    let mut out = String::new();
    let mut prev: Option<&Line> = None;
    for page in pages {
        let frame = frame(page);
        for (i, line) in page.iter().enumerate() {
            match prev {
                None => {}
                Some(p) if breaks(p, line, &frame, i == 0) => out.push_str("\n\n"),
                Some(_) => join(&mut out, &line.text),
            }
            if prev.is_none() || out.ends_with('\n') {
                out.push_str(&line.text);
            }
            prev = Some(line);
        }
    }
    out
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
        let p = page(&[
            (50.0, 100.0, &a),
            (50.0, 112.0, "Hiệp hội Doanh nghiệp tỉnh."),
            (65.0, 124.0, "Căn cứ Nghị định số 126/2024/NĐ-"),
            (50.0, 136.0, "CP quy định về hội."),
        ]);
        let (text, chars) = page_text(&[p]);
        assert!(chars[0] > 100);
        let paras: Vec<&str> = text.split("\n\n").collect();
        assert_eq!(paras.len(), 2, "{text}");
        assert_eq!(paras[0], format!("{a} Hiệp hội Doanh nghiệp tỉnh."));
        assert_eq!(
            paras[1],
            "Căn cứ Nghị định số 126/2024/NĐ-CP quy định về hội."
        );
    }

    #[test]
    fn table_rows_stay_on_their_line_with_the_row_label() {
        let p = page(&[
            (50.0, 100.0, "Chỉ tiêu|2025|2030"),
            (50.0, 112.0, "Tỷ trọng công nghiệp|35%|40%"),
        ]);
        let (text, _) = page_text(&[p]);
        assert_eq!(
            text,
            "Chỉ tiêu | 2025 | 2030\n\nTỷ trọng công nghiệp | 35% | 40%"
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
        assert_eq!(page_text(&[p]).0, "Một | phải\n\nhai");
    }

    const WORDS: [&str; 3] = ["một", "hai", "ba"];

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
        let (text, _) = page_text(&pages);
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
        let (text, _) = page_text(&pages);
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
            page_text(&[p]).0,
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
            page_text(&[p]).0,
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
        });
        let (text, chars) = page_text(&[p, Vec::new(), set(50.0, 10.0, "   ")]);
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
        }));
        p.extend(set(260.0, 100.0, "CỘNG HÒA"));
        assert_eq!(page_text(&[p]).0, "UBND TỈNH | CỘNG HÒA");
    }

    #[test]
    fn fake_bold_is_read_once() {
        let mut p = set(50.0, 100.0, "Đậm");
        p.extend(set(50.3, 100.0, "Đậm"));
        assert_eq!(page_text(&[p]).0, "Đậm");
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
                })
                .collect()
        };
        let mut p = wide(50.0, "UBND TỈNH");
        p.extend(wide(110.0, "CỘNG HÒA"));
        assert_eq!(page_text(&[p]).0, "UBND TỈNH CỘNG HÒA");
    }
}
