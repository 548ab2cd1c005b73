//! Clauses: where a figure's clause starts, which brackets close before it, and
//! which sentences are the items of a list.

/// The last clause boundary (`;`, `:`, a table's cell edge `|`, an unclosed `(`)
/// between `from` and `to`.
pub(super) fn hard_boundary(key: &str, from: usize, to: usize) -> Option<usize> {
    let slice = key.get(from..to)?;
    let mut found = None;
    let mut depth_open: Option<usize> = None;
    for (i, c) in slice.char_indices() {
        match c {
            ';' | ':' | '|' => found = Some(from + i + 1),
            '(' => depth_open = Some(from + i + 1),
            ')' => depth_open = None,
            _ => {}
        }
    }
    match (found, depth_open) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

/// Where the clause of a figure at `to` starts: after the last `;`, `:` or cell edge; a
/// figure in brackets belongs to the clause the bracket opened in ("mức 6 tháng
/// đầu năm 2017 (13,26%)").
pub(super) fn clause_start(key: &str, from: usize, to: usize) -> usize {
    let Some(slice) = key.get(from..to) else {
        return from;
    };
    let mut depth = 0usize;
    for (i, c) in slice.char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' => depth = depth.saturating_sub(1),
            ';' | ':' | '|' if depth == 0 => return from + i + 1,
            _ => {}
        }
    }
    from
}

/// Bracketed asides that open and close within `key[from..to]`: their words speak
/// about their own figures, not the ones after them.
pub(super) fn closed_asides(key: &str, from: usize, to: usize) -> Vec<(usize, usize)> {
    let Some(slice) = key.get(from..to) else {
        return Vec::new();
    };
    if !slice.contains(')') {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    for (i, c) in slice.char_indices() {
        match c {
            '(' => open.push(from + i),
            ')' => {
                if let Some(s) = open.pop() {
                    out.push((s, from + i + 1));
                }
            }
            _ => {}
        }
    }
    out
}

/// Whether `pos` stands inside a bracket that opened after `from` and closes before `to`.
pub(super) fn in_closed_bracket(key: &str, from: usize, pos: usize, to: usize) -> bool {
    let (Some(before), Some(after)) = (key.get(from..pos), key.get(pos..to)) else {
        return false;
    };
    let open = before.matches('(').count() > before.matches(')').count();
    open && after.matches(')').count() > after.matches('(').count()
}

/// A sentence that is an item of a list: it opens with a bullet, a dash or "a)".
pub(super) fn is_list_item(sentence: &str) -> bool {
    let t = sentence.trim_start();
    match t.chars().next() {
        Some('-' | '–' | '—' | '+' | '•' | '*' | '·' | '●' | '○' | '▪' | '♦') => {
            true
        }
        // "a)", "b)", "1)": one or two ASCII letters or digits and a bracket.
        Some(c) if c.is_ascii_alphanumeric() => {
            let b = t.as_bytes();
            let run = b
                .iter()
                .take(3)
                .take_while(|c| c.is_ascii_alphanumeric())
                .count();
            (1..=2).contains(&run) && b.get(run) == Some(&b')')
        }
        _ => false,
    }
}

/// A sentence that opens a list of items on the lines after it.
pub(super) fn opens_list(sentence: &str) -> bool {
    sentence.trim_end().ends_with(':')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries_and_asides() {
        let k = "kế hoạch đặt ra (12,5-13%) và mức (13,26%), đạt 14%";
        assert_eq!(
            hard_boundary(k, 0, k.find("12,5").unwrap()),
            Some(k.find("12,5").unwrap())
        );
        let asides = closed_asides(k, 0, k.len());
        assert_eq!(asides.len(), 2);
        assert_eq!(&k[asides[0].0..asides[0].1], "(12,5-13%)");
    }

    #[test]
    fn list_items() {
        assert!(is_list_item("- Giá trị sản xuất tăng 12%/năm."));
        assert!(is_list_item("a) Tỷ trọng công nghiệp đạt 40%"));
        assert!(is_list_item("• Thu hút 50 dự án"));
        assert!(!is_list_item("Năm 2020 tăng 5%."));
        assert!(!is_list_item("2.500 doanh nghiệp"));
        assert!(opens_list("Mục tiêu giai đoạn 2021-2025:"));
    }
}
