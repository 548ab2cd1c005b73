//! The phrase a metric head opens ("tỷ trọng công nghiệp trong GRDP"): where it starts,
//! who owns it, where it stops.

use super::{clean_metric, cues, ends_with_any, places_within, Ctx};
use crate::text::{on_word_boundary, words_rev};

/// The commas of `[from, to)` that end a clause (not one inside a name written with a
/// comma, "chế biến, chế tạo"), as key offsets, first to last.
pub(super) fn clause_commas<'k>(
    key: &'k str,
    from: usize,
    to: usize,
) -> impl Iterator<Item = usize> + 'k {
    key.get(from..to)
        .unwrap_or("")
        .match_indices(", ")
        .map(move |(i, _)| from + i)
        .filter(move |&at| !cues().comma_kept(key, at))
}

/// Whether a comma that ends a clause stands in `[from, to)`.
pub(super) fn clause_comma(ctx: &Ctx<'_>, from: usize, to: usize) -> bool {
    clause_commas(ctx.key, from, to).next().is_some()
}

/// Whether the last clause of `[from, to)` has a verb that states a figure.
pub(super) fn states_a_figure(ctx: &Ctx<'_>, from: usize, to: usize) -> bool {
    let start = clause_commas(ctx.key, from, to)
        .last()
        .map_or(from, |at| at + 2);
    ctx.key
        .get(start..to)
        .is_some_and(|clause| clause.split_whitespace().any(|w| cues().verb.contains(w)))
}

/// From the nearest metric head (extended left over adjacent heads) to the first stop word.
pub(super) fn headed_metric(ctx: &Ctx<'_>, from: usize, to: usize) -> Option<String> {
    let (start, end) = headed_span(ctx, from, to)?;
    clean_metric(ctx.text.get(start..end)?)
}

/// Where the phrase of [`headed_metric`] lies in the text.
pub(super) fn headed_span(ctx: &Ctx<'_>, from: usize, to: usize) -> Option<(usize, usize)> {
    let key = ctx.key;
    let heads: Vec<(usize, usize)> = ctx
        .reference
        .head_ac
        .find_iter(&key[from..to])
        .map(|m| (from + m.start(), from + m.end()))
        .filter(|(s, e)| on_word_boundary(key, *s, *e))
        .collect();
    let &(mut start, mut head_end) = heads.last()?;
    // Heads in one noun phrase ("tỷ trọng công nghiệp trong GRDP") extend it leftwards.
    let a = cues();
    for &(s, e) in heads.iter().rev().skip(1) {
        let gap = &key[e..start];
        // "tỷ lệ đầu tư xã hội trên GRDP": a ratio's "trên" right before the head joins.
        let gap_words = gap.trim_end();
        let per = ends_with_any(gap_words, &a.per).filter(|&n| n < gap_words.len());
        let gap = per.map_or(gap, |n| &gap_words[..gap_words.len() - n]);
        let joined = gap.len() <= 40 && !gap.contains([',', ';', '.', ':']) && !a.stops.any(gap);
        if !joined {
            break;
        }
        start = s;
        head_end = head_end.max(e);
    }
    // "tổng thu ngân sách", "số thu ngân sách": a word that goes on the head.
    if let Some(n) = ends_with_any(key[from..start].trim_end(), &a.before_head) {
        let words = key[from..start].trim_end();
        start = from + words.len() - n;
    }
    let end = metric_end(ctx, head_end, to);
    // The owner of a head that is the subject of the figure's own verb: "khu vực kinh tế
    // có vốn đầu tư nước ngoài đạt …", not "… có nhu cầu cao về thực phẩm, do đó …".
    if !clause_comma(ctx, end, to) && states_a_figure(ctx, end, to) {
        if let Some(owner) = owner_before(ctx, from, start) {
            start = owner;
        }
    }
    while !ctx.text.is_char_boundary(start) {
        start += 1;
    }
    Some((start, end))
}

/// Where a noun phrase that a head right after it belongs to starts: "khu vực kinh tế
/// có vốn đầu tư nước ngoài" is a sector, not the capital ("có" joins them).
pub(super) fn owner_before(ctx: &Ctx<'_>, from: usize, head: usize) -> Option<usize> {
    let a = cues();
    let key = ctx.key;
    let before = key[from..head].trim_end();
    let (ws, we) = words_rev(before).next()?;
    if !a.having.contains(&before[ws..we]) {
        return None;
    }
    // The owner runs back to a clause boundary within a few words, or is no owner.
    let mut start = None;
    for (s, e) in words_rev(&before[..ws]) {
        let w = &before[s..e];
        let boundary = w.contains(|c: char| !crate::text::is_letter(c))
            || a.predicate.contains(w)
            || a.lead.contains(w)
            || a.join.contains(w);
        if boundary {
            break;
        }
        if words_rev(&before[s..ws]).count() > 4 {
            return None;
        }
        start = Some(from + s);
        let prev = before[..s].trim_end();
        if prev.ends_with([',', ';', ':', '(', '.']) {
            break;
        }
    }
    let start = start?;
    // "tỉnh ta có GRDP …": a pronoun owns nothing a reader can name.
    if a.alone.contains(key[start..from + ws].trim_end()) {
        return None;
    }
    // A place that has something is the figure's place, not part of its phrase.
    if !places_within(ctx.places, start, from + ws).is_empty() {
        return None;
    }
    Some(start)
}

/// Where a metric phrase starting before `from` stops: a stop word, a comma (but
/// not inside a name such as "chế biến, chế tạo"), or a place name.
pub(super) fn metric_end(ctx: &Ctx<'_>, from: usize, to: usize) -> usize {
    let key = ctx.key;
    let slice = &key[from..to];
    let mut end = to;
    // The first stop word that does not begin a phrase the metric keeps.
    let mut at = 0;
    while let Some((i, _, _)) = slice.get(at..).and_then(|s| cues().stops.first(s)) {
        let stop = at + i;
        // A kept phrase may also end with the stop word ("thành lập mới").
        let kept = cues()
            .keep
            .iter()
            .filter_map(|k| {
                std::iter::once(0)
                    .chain(k.match_indices(' ').map(|(o, _)| o + 1))
                    .filter(|&o| {
                        stop >= o
                            && slice
                                .get(stop - o..)
                                .is_some_and(|r| r.starts_with(k.as_str()))
                    })
                    .map(|o| k.len() - o)
                    .max()
            })
            .max();
        match kept {
            Some(n) => at = stop + n,
            None => {
                end = end.min(from + stop);
                break;
            }
        }
    }
    if let Some(at) = clause_commas(key, from, to).next() {
        end = end.min(at);
    }
    if let Some(span) = places_within(ctx.places, from, end).first() {
        end = unhang(key, from, span.1.start);
    }
    // Key offsets inside a re-toned vowel pair are not text boundaries.
    while !ctx.text.is_char_boundary(end) {
        end -= 1;
    }
    end
}

/// Where a phrase ending at `end`, where a place was cut off, ends without the
/// preposition that led to the place ("vốn FDI vào | Bình Dương").
pub(super) fn unhang(key: &str, from: usize, end: usize) -> usize {
    let head = key[from..end].trim_end();
    match words_rev(head).next() {
        Some((ws, we)) if cues().before_place.contains(&head[ws..we]) => from + ws,
        _ => end,
    }
}
