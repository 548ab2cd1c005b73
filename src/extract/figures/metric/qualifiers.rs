//! What qualifies the phrase a figure measures: the whole a share is of ("chiếm 44%
//! tổng vốn"), the base a percentage reached is of ("đạt 290% kế hoạch năm"), the part
//! of a year its clause names ("quý 2 giảm 11%").

use super::{cues, ends_with_any, metric_end, phrase, words_fwd, Ctx, METRIC_WORDS};
use crate::extract::numbers::Quantity;
use crate::text::{match_key, on_word_boundary, words_rev};
use std::ops::Range;

/// The part of a year a figure's clause names ("quý 2 giảm 11%"), or the sentence
/// opens with ("6 tháng đầu năm, thành phố có …"); a date's month or a comparison
/// base ("so với 6 tháng đầu năm 2019") is none.
pub(super) fn part_of_year<'t>(ctx: &Ctx<'t>, slice_start: usize, at: usize) -> Option<&'t str> {
    let key = ctx.key;
    let found = |from: usize, to: usize| {
        let slice = &key[from..to];
        // Most clauses name none: a cheap look for the words first (as keyed).
        static WORDS: std::sync::OnceLock<[String; 3]> = std::sync::OnceLock::new();
        let words = WORDS.get_or_init(|| ["tháng", "quý", "nửa"].map(match_key));
        if !words.iter().any(|w| slice.contains(w.as_str())) {
            return None;
        }
        cues()
            .part_of_year
            .find_iter(slice)
            .map(|m| (from + m.start(), from + m.end()))
            .filter(|&(s, e)| on_word_boundary(key, s, e))
            .filter(|&(s, e)| {
                let date = key[..s].trim_end().ends_with(|c: char| c.is_ascii_digit())
                    || key[e..]
                        .trim_start()
                        .starts_with(|c: char| c.is_ascii_digit());
                !date && !crate::extract::time::is_comparison_base(key, s)
            })
            .last()
    };
    // The figure's own clause: another clause's period is that clause's.
    let own = key[slice_start..at]
        .rfind(',')
        .map_or(slice_start, |i| slice_start + i + 1);
    let (s, e) = found(own, at).or_else(|| {
        let sentence = ctx.text[..slice_start]
            .rfind(['.', '\n'])
            .map_or(0, |i| i + 1);
        let opening = key[sentence..at].find(',').map(|i| sentence + i)?;
        // Only an opening that is the time phrase ("Trong 6 tháng đầu năm, …"), not a
        // clause of its own ("Quý I/2024 sản xuất phục hồi mạnh, với mục tiêu …").
        let (s, e) = found(sentence, opening)?;
        let rest = key[sentence..s].split_whitespace().count()
            + key[e..opening].split_whitespace().count();
        (rest <= 2).then_some((s, e))
    })?;
    ctx.text.get(s..e)
}

/// A metric less the part of a year it was given ("tăng trưởng (quý 2)"), to be
/// taken on by the next figure, which may name its own.
pub(super) fn without_part_of_year(m: &str) -> &str {
    let key = match_key(m);
    let body = key.strip_suffix(')').unwrap_or(&key);
    match cues().part_of_year.find_iter(body).last() {
        Some(f) if f.end() == body.len() && m.is_char_boundary(f.start()) => m[..f.start()]
            .trim_end()
            .trim_end_matches([' ', '('])
            .trim_end(),
        _ => m,
    }
}

/// "… chiếm 44% tổng vốn …": the whole a share is taken of, after a share verb.
pub(super) fn share_whole(
    ctx: &Ctx<'_>,
    slice_start: usize,
    q: &Quantity,
    tail_end: usize,
) -> Option<String> {
    if q.unit != "%" {
        return None;
    }
    if !verb_before_is(ctx, slice_start, q, |v| cues().share.contains(v)) {
        return None;
    }
    let rest = ctx.key.get(q.end..tail_end)?;
    let mut from = q.end + (rest.len() - rest.trim_start().len());
    // "chiếm 90% trên tổng số thu", "chiếm 30% trong GRDP".
    for lead in ["trong ", "trên ", "của "] {
        if ctx.key[from..tail_end].starts_with(lead) {
            from += lead.len();
        }
    }
    if !ctx.key[from..tail_end].starts_with(crate::text::is_letter) {
        return None;
    }
    // A whole cut short would end inside a compound ("… ngành công"): none then.
    let end = metric_end(ctx, from, tail_end);
    if ctx.text.get(from..end)?.split_whitespace().count() > METRIC_WORDS / 2 {
        return None;
    }
    phrase(ctx, from, end, METRIC_WORDS / 2)
        .filter(|whole| !cues().alone.contains(&match_key(whole)))
}

/// Where the word before a number lies, past its comparator phrases ("đạt xấp xỉ",
/// "chiếm khoảng"): the verb of a share, a ratio or a change.
pub(super) fn verb_before(ctx: &Ctx<'_>, slice_start: usize, q: &Quantity) -> Option<Range<usize>> {
    let mut before = ctx.key[slice_start..q.start].trim_end();
    while let Some(n) = ends_with_any(before, &cues().comparator_words) {
        before = before[..before.len() - n].trim_end();
    }
    let (ws, we) = words_rev(before).next()?;
    Some(slice_start + ws..slice_start + we)
}

/// Whether the word before a number (see [`verb_before`]) is one `is` accepts.
pub(super) fn verb_before_is(
    ctx: &Ctx<'_>,
    slice_start: usize,
    q: &Quantity,
    is: impl Fn(&str) -> bool,
) -> bool {
    verb_before(ctx, slice_start, q).is_some_and(|at| is(&ctx.key[at]))
}

/// "… đạt 158% so với chỉ tiêu pháp lệnh", "bằng 118% so với cùng kỳ năm 2019": a
/// percentage reached (not grown) against a base, and that base ("so với cùng kỳ"),
/// up to a year, a number or the end of the phrase.
pub(super) fn ratio_base(
    ctx: &Ctx<'_>,
    slice_start: usize,
    q: &Quantity,
    tail_end: usize,
) -> Option<String> {
    if q.unit != "%" {
        return None;
    }
    // Comparators are phrases: "đạt xấp xỉ 158%", "bằng tối thiểu …".
    if !verb_before_is(ctx, slice_start, q, |v| cues().ratio.contains(v)) {
        return None;
    }
    let after = ctx.key.get(q.end..tail_end)?;
    let from = q.end + (after.len() - after.trim_start().len());
    // "đạt 290% kế hoạch năm": a plan word right after the number is the base too.
    let (rest, named) = match ctx.key[from..tail_end].strip_prefix("so với ") {
        Some(rest) => (rest, true),
        None => match cues().ratio_base.first(&ctx.key[from..tail_end]) {
            Some((0, _, _)) => (&ctx.key[from..tail_end], false),
            _ => return None,
        },
    };
    let rest_at = tail_end - rest.len();
    // The base ends at a stop word, a number (a year, an amount) or punctuation.
    let mut end = rest
        .find(|c: char| c.is_ascii_digit() || matches!(c, ',' | ';' | '(' | ')' | '.' | ':'))
        .unwrap_or(rest.len());
    // A clause's verb or connective after the base ends it too.
    if let Some((i, _)) = words_fwd(&rest[..end]).find(|&(ws, we)| {
        let w = &rest[ws..we];
        cues().lead.contains(w) || cues().join.contains(w) || cues().predicate_verbs(w)
    }) {
        end = i;
    }
    let mut end = rest_at + rest[..end].trim_end().len();
    while !ctx.text.is_char_boundary(end) {
        end -= 1;
    }
    let base = phrase(ctx, from, end, 8)?;
    // "so với cùng kỳ năm", "kế hoạch năm": the year is the figure's; "đầu năm" stays.
    let base = match base.strip_suffix(" năm") {
        Some(b) if !b.ends_with(" đầu") && !b.ends_with(" cuối") => b,
        _ => &base,
    };
    let base = if named {
        base.to_string()
    } else {
        format!("so với {base}")
    };
    (base.split_whitespace().count() > 2).then_some(base)
}
