//! A window of a sentence around a figure: what an export record carries instead
//! of the whole sentence, so that a file of one huge sentence with thousands of
//! figures exports in size proportional to the file, not to figures × sentence.

use std::borrow::Cow;
use std::ops::Range;

/// The most characters an excerpt holds, its `…` marks included.
pub const MAX_CHARS: usize = 400;

const ELLIPSIS: char = '…';

/// How far an edge moves inward to land between words instead of inside one.
const WORD_SNAP: usize = 24;

/// `text[within]` when it holds at most `max` characters; else a window of at most
/// `max` characters around `focus` (clamped into `within`), cut between words where
/// one is near, with `…` where text was left out. The work is proportional to the
/// window, never to the whole of `within`.
pub fn excerpt(text: &str, within: Range<usize>, focus: Range<usize>, max: usize) -> Cow<'_, str> {
    let within = clamp(text, within.start, text.len())..clamp(text, within.end, text.len());
    let Some(whole) = text.get(within.clone()) else {
        return Cow::Borrowed("");
    };
    // Bytes bound characters: a short sentence is never counted.
    if whole.len() <= max || whole.chars().take(max + 1).count() <= max {
        return Cow::Borrowed(whole);
    }
    let f_start = clamp(
        text,
        focus.start.clamp(within.start, within.end),
        within.end,
    );
    let f_end = clamp(text, focus.end.clamp(f_start, within.end), within.end);
    if max < 3 {
        // No room for a mark: the first characters of the focus (or after it).
        let (_, end) = advance(text, f_start, within.end, max);
        return Cow::Borrowed(&text[f_start..end]);
    }
    let budget = max - 2;
    // The focus itself, cut to the budget when it is longer.
    let (focus_chars, f_end) = advance(text, f_start, f_end, budget);
    let spare = budget - focus_chars;
    // Half the room on each side; what one side cannot use goes to the other.
    let (left, start) = retreat(text, f_start, within.start, spare / 2);
    let (right, mut end) = advance(text, f_end, within.end, spare - left);
    let (_, mut start) = retreat(text, start, within.start, spare - left - right);
    if start > within.start {
        start = snap_forward(text, start, f_start);
    }
    if end < within.end {
        end = snap_back(text, end, f_end);
    }
    let mut out = String::with_capacity(end - start + 2 * ELLIPSIS.len_utf8());
    if start > within.start {
        out.push(ELLIPSIS);
    }
    out.push_str(text[start..end].trim_matches(' '));
    if end < within.end {
        out.push(ELLIPSIS);
    }
    Cow::Owned(out)
}

/// `i` moved back to a char boundary, and at most `limit`.
fn clamp(text: &str, i: usize, limit: usize) -> usize {
    let mut i = i.min(limit).min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// From `from`, up to `n` chars forward but not past `limit`: (chars taken, where).
fn advance(text: &str, from: usize, limit: usize, n: usize) -> (usize, usize) {
    let mut taken = 0;
    let mut at = from;
    for c in text[from..limit].chars().take(n) {
        taken += 1;
        at += c.len_utf8();
    }
    (taken, at)
}

/// From `from`, up to `n` chars back but not before `limit`: (chars taken, where).
fn retreat(text: &str, from: usize, limit: usize, n: usize) -> (usize, usize) {
    let mut taken = 0;
    let mut at = from;
    for c in text[limit..from].chars().rev().take(n) {
        taken += 1;
        at -= c.len_utf8();
    }
    (taken, at)
}

/// A start inside a word moves just past the next space, if one is near and before `stop`.
fn snap_forward(text: &str, start: usize, stop: usize) -> usize {
    if text[..start].ends_with(' ') {
        return start;
    }
    let look = advance(text, start, stop, WORD_SNAP).1;
    text[start..look].find(' ').map_or(start, |i| start + i + 1)
}

/// An end inside a word moves back to the space before it, if one is near and after `stop`.
fn snap_back(text: &str, end: usize, stop: usize) -> usize {
    if text[end..].starts_with(' ') {
        return end;
    }
    let look = retreat(text, end, stop, WORD_SNAP).1;
    text[look..end].rfind(' ').map_or(end, |i| look + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ex(text: &str, focus: &str, max: usize) -> String {
        let at = text.find(focus).unwrap();
        excerpt(text, 0..text.len(), at..at + focus.len(), max).into_owned()
    }

    #[test]
    fn a_short_sentence_is_whole() {
        let s = "Sơn La phấn đấu đạt 40% vào năm 2030.";
        assert_eq!(ex(s, "40%", 400), s);
        assert!(matches!(
            excerpt(s, 0..s.len(), 0..3, 400),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn a_long_sentence_is_cut_around_the_figure_between_words() {
        let filler = "các khu công nghiệp mới ".repeat(40);
        let s = format!("{filler}tăng trưởng đạt 11,9% mỗi năm {filler}");
        let out = ex(&s, "11,9%", 100);
        assert!(out.chars().count() <= 100, "{out}");
        assert!(out.contains("11,9%"), "{out}");
        assert!(out.starts_with('…') && out.ends_with('…'), "{out}");
        // Cut between words: the text between the marks starts and ends a word of the sentence.
        let inner = out.trim_matches('…');
        assert!(s.contains(inner));
        let first = inner.split(' ').next().unwrap();
        assert!(
            ["các", "khu", "công", "nghiệp", "mới"].contains(&first),
            "{out}"
        );
    }

    #[test]
    fn a_figure_at_an_edge_gets_the_window_on_its_other_side() {
        let s = format!("Đạt 5% {}", "rất nhiều chữ ".repeat(100));
        let out = ex(&s, "5%", 60);
        assert!(out.starts_with("Đạt 5%"), "{out}");
        assert!(out.ends_with('…'));
        assert!(out.chars().count() <= 60);
        let t = format!("{}đạt 5%", "rất nhiều chữ ".repeat(100));
        let out = ex(&t, "5%", 60);
        assert!(out.starts_with('…') && out.ends_with("đạt 5%"), "{out}");
        assert!(out.chars().count() <= 60);
    }

    #[test]
    fn text_without_spaces_is_cut_on_char_boundaries() {
        let s = "ệ".repeat(1000);
        let out = excerpt(&s, 0..s.len(), 1500..1503, 50);
        assert!(out.chars().count() <= 50);
        let huge_focus = excerpt(&s, 0..s.len(), 3..2997, 50);
        assert!(huge_focus.chars().count() <= 50);
        // Spans off char boundaries or outside the text are clamped, not a panic.
        let odd = excerpt(&s, 1..s.len() + 7, 2..9999, 50);
        assert!(odd.chars().count() <= 50);
        // Too little room for marks: never more than asked for.
        for max in 0..4 {
            assert!(excerpt(&s, 0..s.len(), 30..33, max).chars().count() <= max);
            assert!(excerpt("abc", 0..3, 1..2, max).chars().count() <= max);
        }
    }
}
