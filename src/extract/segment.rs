//! Paragraphs, sentences and page furniture, as byte spans of the text.

use crate::model::{Date, Paragraph, Sentence, Span};
use crate::reference::{BoilerplateKind, Reference};
use crate::text::CELL_SEPARATOR;
use crate::text::{match_key, skip_to_any, truncate_words};
use regex::Regex;
use std::sync::OnceLock;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Segmented {
    pub paragraphs: Vec<Paragraph>,
    pub sentences: Vec<Sentence>,
    pub title: String,
    pub date: Option<Date>,
}

/// Abbreviations after which a full stop does not end a sentence ("TP. Bảo Lộc").
const ABBREVIATIONS: &[&str] = &[
    "TP", "Tp", "tp", "TS", "ThS", "PGS", "GS", "BS", "KS", "Th.S", "P", "Q", "TT", "St", "Mr",
    "Ms", "Dr", "v.v", "TX", "H", "NXB", "Cty", "Co", "Ltd", "No", "Ths",
];

/// Split into paragraphs, sentences; mark furniture; find title and date.
pub fn segment(text: &str) -> Segmented {
    segment_keyed(text, &match_key(text))
}

/// `segment` with the text's match key already computed (`extract` needs it anyway).
pub fn segment_keyed(text: &str, key: &str) -> Segmented {
    let reference = Reference::get();
    let mut paragraphs = paragraphs(text);
    mark_boilerplate(text, key, &mut paragraphs, reference);
    let mut sentences = Vec::new();
    for (pi, p) in paragraphs.iter().enumerate() {
        for span in sentences_in(text, p.span) {
            sentences.push(Sentence::new(span, pi, p.boilerplate));
        }
    }
    let title = title(text, key, &paragraphs, reference);
    let date = document_date(text, &paragraphs);
    Segmented {
        paragraphs,
        sentences,
        title,
        date,
    }
}

fn trim_span(text: &str, start: usize, end: usize) -> Span {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead >= s.len() {
        return Span::new(start, start);
    }
    Span::new(start + lead, end - trail)
}

fn ends_sentence(line: &str) -> bool {
    line.trim_end()
        .ends_with(['.', '!', '?', '…', ':', ';', '"', '”', ')', '»'])
}

fn starts_lowercase(line: &str) -> bool {
    line.trim_start()
        .chars()
        .next()
        .is_some_and(|c| c.is_lowercase())
}

/// Blank lines separate paragraphs; a single line break separates them too unless
/// the next line continues a sentence (hard-wrapped text starts it lowercase).
fn paragraphs(text: &str) -> Vec<Paragraph> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut prev_line = "";
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let line_start = pos;
        pos += line.len();
        let content = line.trim_end_matches('\n');
        if content.trim().is_empty() {
            if let Some(s) = start.take() {
                out.push(trim_span(text, s, line_start));
            }
            prev_line = "";
            continue;
        }
        match start {
            None => start = Some(line_start),
            Some(s) => {
                if ends_sentence(prev_line) || !starts_lowercase(content) {
                    out.push(trim_span(text, s, line_start));
                    start = Some(line_start);
                }
            }
        }
        prev_line = content;
    }
    if let Some(s) = start {
        out.push(trim_span(text, s, text.len()));
    }
    out.into_iter()
        .filter(|s| !s.is_empty())
        .map(|span| Paragraph {
            span,
            boilerplate: false,
        })
        .collect()
}

fn date_line_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?i)^\s*(?:\d{1,2}:\d{2}\s*(?:\|\s*)?)?(?:(?:thứ\s+\S+|chủ nhật)\s*,?\s*)?(?:ngày\s+)?(?:\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})(?:\s*[,|-]?\s*\d{1,2}:\d{2}(?:\s*\(?GMT[+\d: ]*\)?)?)?\s*$",
        )
        .unwrap_or_else(|e| panic!("date regex: {e}"))
    })
}

fn is_date_line(line: &str) -> bool {
    line.len() < 90 && may_hold_date(line) && date_line_re().is_match(line)
}

/// Every date the line regex accepts has a '/' or the word "tháng" (in any case:
/// 'á' folds only to 'Á'), so most lines need no regex run.
fn may_hold_date(line: &str) -> bool {
    let b = line.as_bytes();
    b.contains(&b'/')
        || b.windows(6).any(|w| {
            w[0].eq_ignore_ascii_case(&b't')
                && w[1].eq_ignore_ascii_case(&b'h')
                && w[2] == 0xC3
                && matches!(w[3], 0xA1 | 0x81)
                && w[4].eq_ignore_ascii_case(&b'n')
                && w[5].eq_ignore_ascii_case(&b'g')
        })
}

/// A line of stars, bullets or separators carries no text.
fn is_symbol_line(line: &str) -> bool {
    if line.len() > 200 || line.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let chars = line.chars().count();
    let mut letters = 0;
    for c in line.chars() {
        if crate::text::is_letter(c) {
            letters += 1;
            // Enough letters already: the rest cannot make it a symbol line.
            if letters * 3 >= chars {
                return false;
            }
        }
    }
    letters * 3 < chars
}

/// Whether a line holds a letter head's motto (a `letterhead` marker) anywhere.
fn in_letterhead(key: &str, reference: &Reference) -> bool {
    // A letter head's line holds the motto and little else; a sentence naming the
    // Socialist Republic is not one.
    key.len() <= 120
        && reference
            .letterheads
            .iter()
            .any(|f| f.find(key.as_bytes()).is_some())
}

fn starts_with_marker(key: &str, marker_key: &str) -> bool {
    key.trim_start().starts_with(marker_key)
}

/// The match key of a paragraph's first line. A paragraph starts after whitespace and its
/// first line ends before a line break, where no tone moves across, so slicing the
/// document's key gives what keying the line alone would.
fn first_line_key<'k>(key: &'k str, start: usize, first_line: &str) -> &'k str {
    key.get(start..start + first_line.len()).unwrap_or("")
}

fn mark_boilerplate(text: &str, key: &str, paragraphs: &mut [Paragraph], reference: &Reference) {
    let mut in_block = false;
    let total = text.len().max(1);
    for i in 0..paragraphs.len() {
        let span = paragraphs[i].span;
        let body = &text[span.range()];
        let first_line = body.lines().next().unwrap_or("");
        let short = body.len() <= 640 && body.chars().count() <= 160;
        let key = if short {
            first_line_key(key, span.start, first_line)
        } else {
            ""
        };
        let opens_block = short
            && reference
                .boilerplate
                .iter()
                .any(|(k, m)| *k == BoilerplateKind::Block && starts_with_marker(key, m));
        // A related-article list repeats each title twice in a row (link text, then heading).
        let repeated_title = short
            && !body.trim_end().ends_with('.')
            && span.start * 10 > total * 3
            && i > 0
            && text[paragraphs[i - 1].span.range()] == *body
            && paragraphs.get(i + 1).is_some();
        if opens_block || repeated_title {
            in_block = true;
        }
        let line_furniture = short
            && reference.boilerplate.iter().any(|(k, m)| match k {
                BoilerplateKind::Line => starts_with_marker(key, m),
                BoilerplateKind::Banner => key.trim() == m,
                BoilerplateKind::Letterhead | BoilerplateKind::Block => false,
            })
            || in_letterhead(key, reference);
        paragraphs[i].boilerplate =
            in_block || line_furniture || is_date_line(body) || is_symbol_line(body);
        if repeated_title && i > 0 {
            paragraphs[i - 1].boilerplate = true;
        }
    }
}

/// Sentence spans inside one paragraph span.
fn sentences_in(text: &str, para: Span) -> Vec<Span> {
    let body = &text[para.range()];
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = body.as_bytes();
    let mut i = 0;
    // Bytes, not chars: the marks are ASCII or start with 0xE2, which no other
    // char's continuation bytes can be mistaken for.
    while i < bytes.len() {
        // Most 8-byte words hold no mark at all; in the others, go to the first.
        i = skip_to_any(bytes, i, &[b'.', b'!', b'?', 0xE2]);
        if i >= bytes.len() {
            break;
        }
        let c = match bytes[i] {
            b'.' => '.',
            b'!' => '!',
            b'?' => '?',
            0xE2 if body[i..].starts_with('…') => '…',
            _ => {
                i += 1;
                continue;
            }
        };
        // Swallow closing quotes/brackets and repeated marks.
        let mut end = i + c.len_utf8();
        for d in body[end..].chars() {
            if matches!(d, '.' | '!' | '?' | '…' | '"' | '”' | '’' | ')' | '»') {
                end += d.len_utf8();
            } else {
                break;
            }
        }
        let at = i;
        i = end;
        // Pages often put a no-break space after the full stop.
        let next_ws = body[end..].chars().next().is_some_and(char::is_whitespace);
        if !next_ws {
            continue;
        }
        let rest = body[end..].trim_start();
        let next = rest.chars().next();
        let opens = next.is_some_and(|n| {
            n.is_uppercase() || n.is_ascii_digit() || matches!(n, '"' | '“' | '(' | '-' | '–')
        });
        if !opens || (c == '.' && after_abbreviation(&body[..at])) {
            continue;
        }
        let s = trim_span(body, start, end);
        if !s.is_empty() {
            out.push(Span::new(para.start + s.start, para.start + s.end));
        }
        start = end;
    }
    let s = trim_span(body, start, body.len());
    if !s.is_empty() {
        out.push(Span::new(para.start + s.start, para.start + s.end));
    }
    if body.contains("  ") {
        out = out
            .into_iter()
            .flat_map(|sp| split_at_gaps(text, sp))
            .collect();
    }
    if out.iter().any(|sp| sp.end - sp.start > MAX_SENTENCE) {
        out = out
            .into_iter()
            .flat_map(|sp| split_long(text, sp))
            .collect();
    }
    out
}

/// The longest sentence kept whole, in bytes. Press sentences stay far below it;
/// longer runs without a full stop are tables and lists run together, and every
/// stage after this one reads a figure's sentence around it, so an unbounded
/// sentence would make extraction quadratic in its length.
const MAX_SENTENCE: usize = 4096;

/// A span longer than [`MAX_SENTENCE`] cut into pieces no longer, each ending at the
/// last `; `, else `, `, else space in its second half (else on a char boundary).
fn split_long(text: &str, sp: Span) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = sp.start;
    while sp.end - start > MAX_SENTENCE {
        let boundary = |mut i: usize| {
            while !text.is_char_boundary(i) {
                i -= 1;
            }
            i
        };
        let limit = boundary(start + MAX_SENTENCE);
        let half = boundary(start + MAX_SENTENCE / 2);
        let window = &text[half..limit];
        // After a separator and its space: never inside "11,9%".
        let cut = ["; ", ", ", " "]
            .iter()
            .find_map(|&sep| window.rfind(sep).map(|i| half + i + sep.len()))
            .unwrap_or(limit);
        let piece = trim_span(text, start, cut);
        if !piece.is_empty() {
            out.push(piece);
        }
        start = cut;
    }
    let last = trim_span(text, start, sp.end);
    if !last.is_empty() {
        out.push(last);
    }
    out
}

/// Saved pages lose the line break after a heading or caption and leave a wider gap:
/// "… 10 tỉ USD/năm vào năm 2025  Theo báo cáo của Bộ …". Two or more spaces before
/// a capital, after a word, end a sentence.
fn split_at_gaps(text: &str, sp: Span) -> Vec<Span> {
    let body = &text[sp.range()];
    let mut out = Vec::new();
    let mut start = 0;
    for (i, _) in body.match_indices("  ") {
        if i < start {
            continue;
        }
        let rest = body[i..].trim_start();
        let next = body.len() - rest.len();
        let capital = rest.chars().next().is_some_and(char::is_uppercase);
        let after_word = body[..i]
            .chars()
            .next_back()
            .is_some_and(crate::text::is_word_char);
        if capital && after_word {
            out.push(Span::new(sp.start + start, sp.start + i));
            start = next;
        }
    }
    out.push(Span::new(sp.start + start, sp.end));
    out
}

fn after_abbreviation(before: &str) -> bool {
    let word: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || *c == '.')
        .take(12)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    // A lone capital ("Nguyễn V. A") is an initial.
    ABBREVIATIONS.contains(&word.as_str())
        || (word.chars().count() == 1 && word.chars().all(|c| c.is_uppercase()))
}

fn title(text: &str, key: &str, paragraphs: &[Paragraph], reference: &Reference) -> String {
    let usable = |p: &&Paragraph| {
        let line = text[p.span.range()].lines().next().unwrap_or("");
        let key = first_line_key(key, p.span.start, line);
        // A row of cells is a table's or a letter head's, never the title.
        let cells = line.contains('|') && line.contains(CELL_SEPARATOR);
        let furniture = reference.boilerplate.iter().any(|(k, m)| match k {
            BoilerplateKind::Line | BoilerplateKind::Block => starts_with_marker(key, m),
            BoilerplateKind::Banner => key.trim() == m,
            BoilerplateKind::Letterhead => false,
        });
        !(is_date_line(line)
            || cells
            || is_symbol_line(line)
            || furniture
            || in_letterhead(key, reference))
    };
    let pick = paragraphs
        .iter()
        .take(12)
        .filter(usable)
        .find(|p| {
            let line = text[p.span.range()].lines().next().unwrap_or("");
            line.split_whitespace().count() >= 4
        })
        .or_else(|| paragraphs.iter().find(usable))
        .or_else(|| paragraphs.first());
    pick.map(|p| {
        let line = text[p.span.range()].lines().next().unwrap_or("").trim();
        truncate_words(line, 140)
    })
    .unwrap_or_default()
}

fn date_parts_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?i)(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})|(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")
            .unwrap_or_else(|e| panic!("date regex: {e}"))
    })
}

/// Parse the first date in `s` ("16/09/2021", "1 tháng 12 năm 2023").
pub fn parse_date(s: &str) -> Option<Date> {
    let c = date_parts_re().captures(s)?;
    let get = |a: usize, b: usize| c.get(a).or_else(|| c.get(b)).map(|m| m.as_str());
    let day: u8 = get(1, 4)?.parse().ok()?;
    let month: u8 = get(2, 5)?.parse().ok()?;
    let year: i32 = get(3, 6)?.parse().ok()?;
    ((1..=31).contains(&day) && (1..=12).contains(&month) && (1900..=2100).contains(&year))
        .then_some(Date {
            year,
            month: Some(month),
            day: Some(day),
        })
}

/// The publication date: the first stand-alone date line near the top,
/// never a hotline/banner line (those carry the day the page was saved).
fn document_date(text: &str, paragraphs: &[Paragraph]) -> Option<Date> {
    paragraphs
        .iter()
        .take(15)
        .flat_map(|p| text[p.span.range()].lines())
        .filter(|l| may_hold_date(l))
        .find_map(|l| {
            if !l.contains('|') {
                return is_date_line(l)
                    .then(|| parse_date(l))
                    .flatten()
                    .or_else(|| official_dateline(l));
            }
            l.split(CELL_SEPARATOR)
                .find(|cell| is_date_line(cell))
                .and_then(parse_date)
                .or_else(|| {
                    // The dateline starts a cell; the blank left for the day may have
                    // split it into more.
                    std::iter::once(0)
                        .chain(
                            l.match_indices(CELL_SEPARATOR)
                                .map(|(i, _)| i + CELL_SEPARATOR.len()),
                        )
                        .find_map(|k| official_dateline(&l[k..].replace(CELL_SEPARATOR, " ")))
                })
        })
}

/// The place-and-date line of an official letter, "Bình Thuận, ngày 28 tháng 6 năm 2025",
/// at the end of a line (a letter head puts the number on its left); the day is often
/// left blank to be written in when the letter is signed, and the month then still
/// dates it.
fn official_dateline(line: &str) -> Option<Date> {
    static RE: OnceLock<Regex> = OnceLock::new();
    // ASCII classes only: a Unicode letter class costs tens of milliseconds to compile.
    let re = RE.get_or_init(|| {
        Regex::new(
            r"^\s*([^\d,:;|/]{2,40}?)\s*,\s*[Nn]gày\s*(\d{1,2})?\s*[Tt]háng\s*(\d{1,2})\s*[Nn]ăm\s*(\d{4})\s*\.?\s*$",
        )
        .unwrap_or_else(|e| panic!("dateline regex: {e}"))
    });
    if line.len() > 160 || !line.contains("áng") {
        return None;
    }
    let c = re.captures(line)?;
    // A place name, every word capitalised ("Bình Thuận", "TP. Hồ Chí Minh"): not the
    // end of a sentence ("… tại Hà Nội, ngày 5 tháng 3 năm 2021").
    let place = c.get(1)?.as_str();
    if !place
        .split_whitespace()
        .all(|w| w.chars().next().is_some_and(char::is_uppercase))
    {
        return None;
    }
    let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<i32>().ok());
    let (month, year) = (num(3)?, num(4)?);
    if !(1..=12).contains(&month) || !(1950..=2100).contains(&year) {
        return None;
    }
    match num(2) {
        Some(day) => crate::model::calendar_date(year, month, day),
        None => Some(Date {
            year,
            month: u8::try_from(month).ok(),
            day: None,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dateline_of_an_official_letter_dates_it() {
        let date = |t: &str| segment(t).date;
        let ymd = |year, month, day| {
            Some(Date {
                year,
                month: Some(month),
                day,
            })
        };
        assert_eq!(
            date("UBND TỈNH | CỘNG HÒA\n\nSố: 2114/TTr-SNV | Bình Thuận, ngày 28 tháng 6 năm 2025\n\nTỜ TRÌNH"),
            ymd(2025, 6, Some(28))
        );
        // The day left blank for the signature; the blank read as a column gap.
        assert_eq!(
            date("Số: | /TTr-SNV | Lâm Đồng, ngày | tháng 8 năm 2025\n\nTỜ TRÌNH"),
            ymd(2025, 8, None)
        );
        assert_eq!(date("Hà Nội, ngày 31 tháng 2 năm 2025\n\nBài"), None);
        assert_eq!(
            date("Ông nói về kế hoạch ngày 5 tháng 3 năm 2021 với tỉnh"),
            None
        );
    }

    fn sentences(text: &str) -> Vec<&str> {
        segment(text)
            .sentences
            .iter()
            .map(|s| &text[s.span().range()])
            .collect()
    }

    #[test]
    fn date_precheck_keeps_every_date_line() {
        for l in [
            "THÁNG",
            "Tháng",
            "tHáNg",
            "thứ hai, 1 tháng 2 năm 2024",
            "1/2/2024",
        ] {
            assert!(may_hold_date(l), "{l}");
        }
        assert!(!may_hold_date("Thanh Hóa"));
    }

    #[test]
    fn a_wide_gap_before_a_capital_ends_a_lost_heading() {
        let t = "Tiêu đề\n10 tỉ USD/năm vào năm 2025  Theo báo cáo của Bộ, tôm tăng. Hai  bên.";
        assert_eq!(
            sentences(t)[1..],
            [
                "10 tỉ USD/năm vào năm 2025",
                "Theo báo cáo của Bộ, tôm tăng.",
                "Hai  bên."
            ]
        );
    }

    #[test]
    fn a_run_without_full_stops_is_cut_into_bounded_sentences() {
        let run = (0..2000)
            .map(|i| format!("nhóm {i} đạt {i} tấn"))
            .collect::<Vec<_>>()
            .join("; ");
        let text = format!("{run}.");
        let seg = segment(&text);
        assert!(seg.sentences.len() > 1);
        let mut at = 0;
        for s in &seg.sentences {
            assert!(s.end - s.start <= MAX_SENTENCE as u32);
            let piece = &text[s.start as usize..s.end as usize];
            // Cut after a semicolon, between the list's items.
            assert!(piece.starts_with("nhóm "), "{}", &piece[..20]);
            assert!(s.start as usize >= at);
            at = s.end as usize;
        }
        // Nothing is lost between the pieces but the separators.
        let joined: usize = seg
            .sentences
            .iter()
            .map(|s| (s.end - s.start) as usize)
            .sum();
        assert!(text.len() - joined < 2 * seg.sentences.len());
    }

    #[test]
    fn a_long_run_is_never_cut_inside_a_decimal_number() {
        let run = (0..1500)
            .map(|i| format!("nhóm {i} tăng 11,9% và"))
            .collect::<Vec<_>>()
            .join(" ");
        let text = format!("{run}.");
        for s in segment(&text).sentences {
            let piece = &text[s.start as usize..s.end as usize];
            assert!(!piece.starts_with("9%"), "{}", &piece[..20]);
            assert!(!piece.ends_with(",11") && !piece.ends_with("11,"));
        }
    }

    #[test]
    fn splits_sentences_but_not_abbreviations_or_numbers() {
        let t = "Tỉnh có 195.000 tỷ đồng. Nhà máy ở TP. Bảo Lộc mở rộng.\u{a0}Tăng 9,13%/năm!";
        assert_eq!(
            sentences(t),
            vec![
                "Tỉnh có 195.000 tỷ đồng.",
                "Nhà máy ở TP. Bảo Lộc mở rộng.",
                "Tăng 9,13%/năm!"
            ]
        );
    }

    #[test]
    fn hard_wrapped_lines_join_into_one_paragraph() {
        let t = "theo quy\nđịnh tại Nghị định.\nDòng mới.";
        let s = segment(t);
        assert_eq!(s.paragraphs.len(), 2);
        assert_eq!(s.sentences.len(), 2);
    }

    #[test]
    fn related_articles_block_is_boilerplate() {
        let t = "Thanh Hóa: tiêu đề bài\n\nNội dung chính về Thanh Hóa.\n\nTin mới nhất\n\nNam Định: Sản xuất tăng\n\nNam Định: Sản xuất tăng";
        let s = segment(t);
        let flags: Vec<bool> = s.paragraphs.iter().map(|p| p.boilerplate).collect();
        assert_eq!(flags, vec![false, false, true, true, true]);
    }

    #[test]
    fn title_skips_banners_and_dates() {
        let t = "Thứ Sáu, ngày 1 tháng 12 năm 2023\n\nCổng thông tin điện tử\n\nThanh Hóa: Thúc đẩy phát triển công nghiệp hỗ trợ\nChuyên mục: Tin";
        let s = segment(t);
        assert_eq!(s.title, "Thanh Hóa: Thúc đẩy phát triển công nghiệp hỗ trợ");
        assert_eq!(s.date.map(|d| d.to_string()).as_deref(), Some("2023-12-01"));
    }

    #[test]
    fn hotline_banner_date_is_not_the_document_date() {
        let t = "Đường dây nóng: 0866.59.4498 - Thứ ba 07/12/2021 03:37\n\nKon Tum: Ưu tiên phát triển\n\n09:56 | 16/09/2021\nTrong kế hoạch.";
        assert_eq!(
            segment(t).date.map(|d| d.to_string()).as_deref(),
            Some("2021-09-16")
        );
    }
}
