//! A phrase made of the words around a number: cleaned of connectors and brackets,
//! read after a unit, or, as a last resort, the few words before the number.

use super::{cues, find_sub, metric_end, places_within, years_in, Ctx, METRIC_WORDS};
use crate::text::match_key;

/// Trim connectors and punctuation at the ends; cap the length.
pub(super) fn clean_metric(s: &str) -> Option<String> {
    let mut t = s
        .trim()
        .trim_end_matches([',', ';', ':', '(', '-', '–', ' ', '.'])
        .trim();
    // A closing quote ends the phrase: "… của đơn vị” – ông Phong".
    t = t.trim_start_matches(['"', '“', ' ']);
    if let Some(i) = t.find(['”', '"']) {
        t = t[..i].trim_end();
    }
    // "trong 6 tháng đầu năm" is a period, not part of what is measured.
    if let Some(i) = find_sub(t, " trong ") {
        if t[i + " trong ".len()..].starts_with(|c: char| c.is_ascii_digit()) {
            t = &t[..i];
        }
    }
    loop {
        let before = t;
        for w in &cues().trailing {
            if let Some(rest) = t.strip_suffix(w.as_str()) {
                if rest.is_empty() || rest.ends_with(' ') {
                    t = rest.trim_end().trim_end_matches([',', ' ']);
                }
            }
        }
        if t == before {
            break;
        }
    }
    let mut words: Vec<&str> = t.split_whitespace().collect();
    // "… và thuế sản phẩm trừ trợ cấp sản phẩm tăng 10,3%": the conjunction joins clauses.
    while let Some(n) = cues().leading.iter().find_map(|w| {
        let n = w.split(' ').count();
        (words.len() > n && match_key(&words[..n].join(" ")) == *w).then_some(n)
    }) {
        words.drain(..n);
    }
    if words.is_empty() {
        return None;
    }
    let mut capped = words[..words.len().min(METRIC_WORDS)].join(" ");
    // A bracket closed that the phrase did not open ("(khoảng 56% GRDP)" → "GRDP)")
    // ends it.
    let mut depth = 0usize;
    if let Some((i, _)) = capped.char_indices().find(|&(_, c)| match c {
        '(' => {
            depth += 1;
            false
        }
        ')' if depth == 0 => true,
        ')' => {
            depth -= 1;
            false
        }
        _ => false,
    }) {
        capped.truncate(i);
    }
    let capped = capped.trim_end_matches(['(', ',', ' ']).to_string();
    if capped.is_empty() {
        return None;
    }
    // Close a bracket the cut left open: "(GRDP" → "(GRDP)".
    if capped.matches('(').count() > capped.matches(')').count() {
        return Some(format!("{capped})"));
    }
    Some(capped)
}

/// The phrase right after a unit ("20 doanh nghiệp hoạt động trong …", "10% nhu cầu …");
/// after a count (`counted`) a relative clause goes on it.
pub(super) fn following_phrase(
    ctx: &Ctx<'_>,
    from: usize,
    to: usize,
    counted: bool,
) -> Option<String> {
    let rest = ctx.key.get(from..to)?;
    let first = rest.split_whitespace().next()?;
    if first.starts_with(|c: char| !crate::text::is_letter(c))
        || cues().not_following.iter().any(|w| w == first)
    {
        return None;
    }
    // "24 dự án FDI được cấp mới", "16 dự án đang hoạt động": a relative clause says
    // what is counted; it ends at the next stop word.
    let mut end = metric_end(ctx, from, to);
    let a = cues();
    while let Some(rel) = counted
        .then_some(&a.relative)
        .into_iter()
        .flatten()
        .find(|w| {
            ctx.key[end..to]
                .strip_prefix(w.as_str())
                .is_some_and(|rest| rest.starts_with(' '))
        })
    {
        let after = end + rel.len() + 1;
        let next = metric_end(ctx, after, to);
        if next <= after {
            break;
        }
        end = next;
    }
    phrase(ctx, from, end, 10)
}

/// The first `max_words` words of the text in `[from, end)`, cleaned as a metric.
pub(super) fn phrase(ctx: &Ctx<'_>, from: usize, end: usize, max_words: usize) -> Option<String> {
    let mut all = ctx.text.get(from..end)?.split_whitespace();
    let mut words: Vec<&str> = all.by_ref().take(max_words).collect();
    // Cut short right after a conjunction ("… cho sản xuất xe máy và tham|gia"): the
    // phrase ends before it, not inside the next item's first word.
    if all.next().is_some() {
        let n = words.len();
        if let Some(i) = words
            .iter()
            .rposition(|w| cues().join.contains(match_key(w).as_str()))
            .filter(|&i| i > 0 && i + 2 >= n)
        {
            words.truncate(i);
        }
    }
    clean_metric(&words.join(" "))
}

/// Last resort: the few words before the number, without cue and comparator words.
pub(super) fn words_before(ctx: &Ctx<'_>, from: usize, to: usize) -> Option<String> {
    let mut start = from;
    if let Some((_, span)) = places_within(ctx.places, from, to).last() {
        start = start.max(span.end.min(to));
    }
    for (pos, _) in years_in(ctx.key, start, to) {
        start = start.max(pos + 4);
    }
    // The clause after the last comma, when it is short, is the phrase; a long one is cut.
    let region = ctx.text.get(start..to)?;
    let last_comma = region
        .trim_end()
        .char_indices()
        .rfind(|&(i, c)| c == ',' && !cues().comma_kept(ctx.key, start + i))
        .map(|(i, _)| i);
    let clause = match last_comma {
        Some(i) if region[i + 1..].split_whitespace().count() >= 2 => &region[i + 1..],
        _ => region,
    };
    let raw: Vec<&str> = clause.split_whitespace().collect();
    let weak = |w: &&str| cues().drop.contains(&match_key(w));
    let mut words = raw;
    while let Some(w) = words.pop_if(|w| weak(&&**w)) {
        // "trung bình": a weak syllable that ends a predicate of two words takes the
        // first with it, not leaving "trung" as the phrase.
        if let Some(prev) = words.last() {
            if cues()
                .predicate
                .contains(&match_key(&format!("{prev} {w}")))
            {
                words.pop();
            }
        }
    }
    // A long clause is cut to its last words, but not inside a word of several
    // syllables ("… quyền sử | dụng đất"): the cut moves back to just after a function
    // word, so long as the phrase stays short.
    let keep = if words.len() <= 7 {
        words.len()
    } else {
        let function = |w: &&str| cues().function.contains(&match_key(w));
        (5..=10)
            .find(|&k| k < words.len() && function(&words[words.len() - k - 1]))
            .unwrap_or(5)
    };
    let mut tail: Vec<&str> = words[words.len() - keep..].to_vec();
    while tail.first().is_some_and(weak) {
        tail.remove(0);
    }
    clean_metric(&tail.join(" "))
}
