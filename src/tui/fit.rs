//! Fitting text into terminal cells: display widths, truncation with an ellipsis, and
//! match highlighting. Everything cuts between clusters (a char and the zero-width chars
//! that follow it), so a combining mark never loses its base letter and a wide char is
//! never cut in half.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Display width as ratatui measures it.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Byte ranges of the clusters of `s`: each non-zero-width char with the zero-width chars
/// (combining marks, joiners, variation selectors) that follow it.
pub fn clusters(s: &str) -> impl Iterator<Item = &str> + '_ {
    let mut rest = s;
    std::iter::from_fn(move || {
        let mut it = rest.char_indices();
        it.next()?;
        let end = it
            .find(|&(_, c)| c.width().unwrap_or(0) > 0)
            .map_or(rest.len(), |(i, _)| i);
        let (head, tail) = rest.split_at(end);
        rest = tail;
        Some(head)
    })
}

/// `s` cut to at most `max` columns; a cut string ends in `…`.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in clusters(s) {
        let w = width(c);
        if used + w > max - 1 {
            break;
        }
        out.push_str(c);
        used += w;
    }
    out.push('…');
    out
}

/// `text` as a line no wider than `max`, with the chars at `positions` (char indices into
/// `text`, ascending) drawn in `hl`. Truncates with `…` like [`truncate`].
pub fn highlighted(
    text: &str,
    positions: &[usize],
    max: usize,
    base: Style,
    hl: Style,
) -> Line<'static> {
    let shown = truncate(text, max);
    let cut = shown != text;
    // When cut, the last char is the ellipsis, which matches nothing.
    let body = if cut {
        shown.strip_suffix('…').unwrap_or(&shown)
    } else {
        &shown[..]
    };
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut run = String::new();
    let mut run_hl = false;
    let mut want = positions.iter().copied().peekable();
    for (ci, ch) in body.chars().enumerate() {
        while want.peek().is_some_and(|&p| p < ci) {
            want.next();
        }
        let on = want.peek() == Some(&ci);
        if on != run_hl && !run.is_empty() {
            spans.push(Span::styled(
                std::mem::take(&mut run),
                if run_hl { hl } else { base },
            ));
        }
        run_hl = on;
        run.push(ch);
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, if run_hl { hl } else { base }));
    }
    if cut {
        spans.push(Span::styled("…", base));
    }
    Line::from(spans)
}

/// `s` padded with spaces on the left to `w` columns (for numbers in right-aligned
/// columns); unchanged when already as wide.
pub fn pad_left(s: &str, w: usize) -> String {
    let sw = width(s);
    if sw >= w {
        s.to_string()
    } else {
        format!("{}{s}", " ".repeat(w - sw))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clusters_keep_marks_with_their_base() {
        let nfd = "Ha\u{0300} No\u{0323}\u{0302}i";
        let cs: Vec<&str> = clusters(nfd).collect();
        assert_eq!(cs, ["H", "a\u{0300}", " ", "N", "o\u{0323}\u{0302}", "i"]);
        assert_eq!(clusters("").count(), 0);
        // A lone mark at the start is its own cluster rather than lost.
        assert_eq!(clusters("\u{0301}a").collect::<Vec<_>>(), ["\u{0301}", "a"]);
    }

    #[test]
    fn truncate_by_width() {
        assert_eq!(truncate("Thanh Hóa", 20), "Thanh Hóa");
        assert_eq!(truncate("Thanh Hóa", 9), "Thanh Hóa");
        assert_eq!(truncate("Thanh Hóa", 8), "Thanh H…");
        assert_eq!(truncate("Thanh Hóa", 1), "…");
        assert_eq!(truncate("Thanh Hóa", 0), "");
        // Wide chars are never split: 3 columns hold one CJK char and the ellipsis.
        assert_eq!(truncate("中文字", 3), "中…");
        assert_eq!(truncate("中文字", 4), "中…");
        // NFD: the marks stay with their letters.
        let nfd = "Ho\u{0300}a Bi\u{0300}nh";
        assert_eq!(truncate(nfd, 3), "Ho\u{0300}…");
        for w in 0..12 {
            assert!(width(&truncate(nfd, w)) <= w);
        }
    }

    #[test]
    fn highlight_spans() {
        let base = Style::new();
        let hl = Style::new().add_modifier(ratatui::style::Modifier::BOLD);
        let line = highlighted("Tỉnh Thanh Hóa", &[5, 6, 7, 8, 9], 40, base, hl);
        let parts: Vec<(&str, bool)> = line
            .spans
            .iter()
            .map(|s| (s.content.as_ref(), s.style == hl))
            .collect();
        assert_eq!(parts, [("Tỉnh ", false), ("Thanh", true), (" Hóa", false)]);
        // Positions past the cut are dropped; the ellipsis is never highlighted.
        let line = highlighted("Tỉnh Thanh Hóa", &[12, 13], 8, base, hl);
        let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(text, "Tỉnh Th…");
        assert!(line.spans.iter().all(|s| s.style == base));
    }
}
