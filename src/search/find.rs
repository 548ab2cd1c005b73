//! Finding a query in running text, accents optional: the detail view's `/`.

use super::*;

/// Every occurrence of `query` in `text`, folded as the filter folds ([`fold`]), as
/// ranges of char indices into `text`, in order, not overlapping.
pub fn find_all(query: &str, text: &str) -> Vec<std::ops::Range<usize>> {
    let q = fold(query);
    if q.trim().is_empty() {
        return Vec::new();
    }
    let h = Haystack::new(text);
    let f: &str = &h.folded;
    let finder = memmem::Finder::new(q.as_bytes());
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(p) = f.get(from..).and_then(|rest| finder.find(rest.as_bytes())) {
        let start = from + p;
        let end = start + q.len();
        from = end.max(start + 1);
        if !f.is_char_boundary(start) || !f.is_char_boundary(end) {
            continue;
        }
        let (cs, ce) = (f[..start].chars().count(), f[..end].chars().count());
        let first = h.display_index(cs);
        let last = ce.checked_sub(1).and_then(|l| h.display_index(l));
        if let (Some(a), Some(b)) = (first, last) {
            out.push(a..b + 1);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::find_all;

    #[test]
    fn finds_with_or_without_accents() {
        let t = "Tỷ trọng công nghiệp; tỉ trọng dịch vụ";
        assert_eq!(find_all("ti trong", t), [0..8, 22..30]);
        assert_eq!(find_all("công", t), vec![(9..13)]);
        assert!(find_all("  ", t).is_empty());
        assert!(find_all("xyz", t).is_empty());
    }
}
