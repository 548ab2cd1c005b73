//! The phrase a figure measures: from a metric head to a stop word, or the words
//! around the number when no head is named.

use super::Words;
use super::{cues, find_sub, years::years_in, Ctx};
use crate::extract::numbers::Quantity;
use crate::model::{Figure, FigureKind, Place, Span};
use crate::text::{match_key, words_rev, CELL_SEPARATOR};

mod heads;
mod qualifiers;
mod words;

use heads::{clause_comma, headed_metric, headed_span, metric_end, states_a_figure, unhang};
use words::{clean_metric, following_phrase, phrase, words_before};

use qualifiers::{
    part_of_year, ratio_base, share_whole, verb_before, verb_before_is, without_part_of_year,
};

/// The most words a metric phrase keeps.
const METRIC_WORDS: usize = 16;

/// The length of the longest phrase of `set` that `head` ends with, on a word
/// boundary: its last words looked up, the most words first.
pub(super) fn ends_with_any(head: &str, set: &Words) -> Option<usize> {
    let longest = cues().longest;
    let mut starts = [0usize; 8];
    let mut n = 0;
    let mut end = None;
    for (ws, we) in words_rev(head).take(longest.min(starts.len())) {
        end.get_or_insert(we);
        starts[n] = ws;
        n += 1;
    }
    let end = end?;
    (0..n)
        .rev()
        .map(|i| &head[starts[i]..end])
        .find(|phrase| set.contains(*phrase))
        .map(|phrase| phrase.len() + (head.len() - end))
}

/// The subject right before the predicate ("xuất khẩu đạt 19 tỷ USD", "GRDP của Hà
/// Nội tăng 6,68%"): the words before the number less the verbs, comparators, time
/// and places, back to a comma, a connective, a cue, a year or a place.
fn subject_before(ctx: &Ctx<'_>, from: usize, to: usize, max_words: usize) -> Option<String> {
    let key = ctx.key;
    let a = cues();
    let mut end = to;
    loop {
        let head = key[from..end].trim_end_matches([' ', '\u{a0}']);
        let hend = from + head.len();
        if let Some((_, sp)) = ctx
            .places
            .iter()
            .find(|(_, s)| s.end == hend && s.start >= from)
        {
            end = unhang(key, from, sp.start);
            continue;
        }
        if ends_with_any(head, &a.keep).is_some() {
            break;
        }
        if let Some(n) = ends_with_any(head, &a.predicate) {
            end = hend - n;
            continue;
        }
        match words_rev(head).next() {
            // A year, a date or a quarter: "năm 2020", "9/12", "I/2025", and the dash of
            // a span of years ("2021 – 2025").
            Some((ws, we))
                if head[ws..we].contains(|c: char| c.is_ascii_digit())
                    || matches!(&head[ws..we], "-" | "–" | "—") =>
            {
                end = from + ws;
            }
            _ => break,
        }
    }
    let region = &key[from..end];
    // A connective right before the predicate leaves no subject of this clause:
    // "… cụm công nghiệp theo hướng có 7.000 ha".
    if region.trim().is_empty()
        || region.trim_end().ends_with([',', ';', ':', '('])
        || ends_with_any(region.trim_end(), &a.join).is_some()
        || ends_with_any(region.trim_end(), &a.lead).is_some()
    {
        return None;
    }
    let mut start = from;
    // A full stop inside a word ("T.Ư", "TP.HCM", "251.520") ends nothing; one between
    // a lowercase and a capital letter ends a sentence whose space was lost ("nữa.Cảng").
    // Read on the text: the key has no capitals.
    let inside_word = |i: usize| {
        let (head, tail) = (
            ctx.text.get(from..from + i).unwrap_or(""),
            ctx.text.get(from + i + 1..end).unwrap_or(""),
        );
        let (before, after) = (head.chars().next_back(), tail.chars().next());
        match (before, after) {
            (Some(b), Some(a)) if b.is_alphanumeric() && a.is_alphanumeric() => {
                !(b.is_lowercase() && a.is_uppercase())
            }
            _ => false,
        }
    };
    if let Some((i, c)) = region.char_indices().rfind(|&(i, c)| {
        matches!(c, ',' | ';' | ':' | '(' | ')' | '.' | '"' | '“' | '”')
            && !(c == ',' && a.comma_kept(key, from + i))
            && !(c == '.' && inside_word(i))
    }) {
        start = start.max(from + i + c.len_utf8());
    }
    if let Some((_, span)) = places_within(ctx.places, from, end).last() {
        start = start.max(span.end.min(end));
    }
    for (pos, _) in years_in(key, from, end) {
        start = start.max(pos + 4);
    }
    // A purpose ("để nâng cấp …") is part of what it qualifies, not a predicate.
    for h in ctx.reference.cues.find(key, from, end) {
        if h.class != crate::extract::cues::CueClass::Purpose {
            start = start.max(h.end.min(end));
        }
    }
    // The nearest connective or other clause's verb, on a word boundary, unless it
    // opens a word the phrase keeps ("mức thuế riêng rẽ").
    let kept = |p: usize, n: usize| {
        let next = key[p..end].split_whitespace().next().unwrap_or("");
        a.keep
            .contains(&format!("{} {next}", key[p - n..p].trim_end()))
    };
    let cut = words_rev(&key[start..end])
        .map(|(_, we)| start + we)
        .find(|&p| {
            p < end
                && ends_with_any(&key[start..p], &a.lead)
                    .is_some_and(|n| !kept(p, n.min(p - start)))
        });
    if let Some(c) = cut {
        start = c;
    }
    while !ctx.text.is_char_boundary(start) {
        start += 1;
    }
    let words: Vec<&str> = ctx.text.get(start..end)?.split_whitespace().collect();
    if words.is_empty() || words.len() > max_words {
        return None;
    }
    if !words.iter().any(|w| w.chars().any(crate::text::is_letter)) {
        return None;
    }
    clean_metric(&words.join(" "))
}

/// The noun phrase a figure measures, as written in the text; a ratio to a base
/// ("đạt 158% so với chỉ tiêu pháp lệnh") names its base too, a part of a year
/// ("quý 2 giảm 11%") its part.
pub(super) fn metric_for(
    ctx: &Ctx<'_>,
    slice_start: usize,
    q: &Quantity,
    tail_end: usize,
    prev: Option<&Figure>,
    boundary: Option<usize>,
) -> String {
    let m = named(ctx, slice_start, q, tail_end, prev, boundary);
    match part_of_year(ctx, slice_start, q.start) {
        Some(part) if !match_key(&m).contains(&match_key(part)) => format!("{m} ({part})"),
        _ => m,
    }
}

fn named(
    ctx: &Ctx<'_>,
    slice_start: usize,
    q: &Quantity,
    tail_end: usize,
    prev: Option<&Figure>,
    boundary: Option<usize>,
) -> String {
    let whole = share_whole(ctx, slice_start, q, tail_end);
    let base = ratio_base(ctx, slice_start, q, tail_end);
    // The phrase after a share or ratio is its whole or base, not what it measures.
    let following = whole.is_none() && base.is_none();
    let m = measured(ctx, slice_start, q, tail_end, prev, boundary, following);
    // A share measures its part within the whole: "thu nội địa …, chiếm trên 90% tổng
    // thu ngân sách" is the part "thu nội địa" in that whole, not the whole.
    if let Some(whole) = whole {
        if m == q.unit {
            return whole;
        }
        // "Trung Quốc chiếm 50% thị phần dệt may toàn cầu": a place's share of the whole.
        if let Some(place) = trailing_place(ctx, &m) {
            return format!("{whole} ({place})");
        }
        let (part, of) = (match_key(&m), match_key(&whole));
        let words = m.split_whitespace().count() + whole.split_whitespace().count();
        // A part and a whole too long to read as one phrase: the part says more.
        return if part.contains(&of) || of.contains(&part) || words > METRIC_WORDS - 1 {
            m
        } else if !noun_phrase(&part) {
            whole
        } else {
            format!("{m} trong {whole}")
        };
    }
    match base {
        Some(base) if m == q.unit => base.trim_start_matches("so với ").to_string(),
        Some(base) if !match_key(&m).contains(&match_key(&base)) => format!("{m} {base}"),
        _ => m,
    }
}

/// A figure in a table cell measures what its row's first cell names ("Tỷ trọng công
/// nghiệp trong GRDP | % | Năm 2030 42%"), not the cells between; `from` is where its
/// sentence starts.
pub(super) fn row_label(text: &str, from: usize, at: usize) -> Option<String> {
    let before = text.get(from..at)?;
    if !before.contains('|') {
        return None;
    }
    let before = before.rfind('\n').map_or(before, |i| &before[i + 1..]);
    let cells: Vec<&str> = before.split(CELL_SEPARATOR).collect();
    // The figure's own cell is the last; the label is the first before it with words
    // (a numbering column, "1", "a", "II", comes first in many tables).
    let (_, earlier) = cells.split_last()?;
    let label = earlier
        .iter()
        .find(|c| c.chars().filter(|&ch| crate::text::is_letter(ch)).count() >= 3)?;
    clean_metric(label)
}

fn measured(
    ctx: &Ctx<'_>,
    slice_start: usize,
    q: &Quantity,
    tail_end: usize,
    prev: Option<&Figure>,
    boundary: Option<usize>,
    share_of_following: bool,
) -> String {
    let mut unit_only = None;
    if q.unit_kind == FigureKind::Count {
        // The counted noun without its scale word ("triệu lao động" counts "lao động").
        let unit_key = crate::text::match_key(crate::units::split_scale(&q.unit).1);
        let unit_start = ctx.key[q.start..q.end]
            .find(&unit_key)
            .map(|i| q.start + i)
            .unwrap_or(q.end);
        if let Some(m) = following_phrase(ctx, unit_start, tail_end, true) {
            // "3,07 triệu người, tăng …": the unit alone names no phrase; the subject
            // before the predicate does ("khách du lịch … đạt trên 3,07 triệu người").
            let named = match_key(&m);
            if named.trim_end_matches(|c: char| !crate::text::is_letter(c)) != unit_key {
                return m;
            }
            unit_only = Some(m);
        }
    }
    if let Some(m) = changed_object(ctx, slice_start, q, tail_end) {
        return m;
    }
    if let Some(m) = dimension(ctx, slice_start, q).or_else(|| price_of(ctx, slice_start, q)) {
        return m;
    }
    // "… là nhân tố quyết định với 32.500 tỷ đồng đóng góp cho ngân sách": after "với"
    // the amount is named by what follows it, not by the clause before.
    if cues().money.contains(crate::units::split_scale(&q.unit).1) {
        // Not the "với" of "so với": "tăng 19% so với 4,2 tỷ USD cùng kỳ" is a base.
        let with = verb_before(ctx, slice_start, q).is_some_and(|at| {
            cues().with.contains(&ctx.key[at.clone()])
                && !ctx.key[..at.start].trim_end().ends_with("so")
        });
        if with {
            if let Some(m) = following_phrase(ctx, q.end, tail_end, false) {
                return m;
            }
        }
    }
    if let Some((start, end)) = headed_span(ctx, slice_start, q.start) {
        if let Some(m) = ctx.text.get(start..end).and_then(clean_metric) {
            // A head in an earlier clause ("chi phí nhiên liệu chiếm 19-20% …, do đó …
            // giá xăng dầu lên đến hơn 400 USD/tấn"): the number's own clause names it.
            if clause_comma(ctx, end, q.start) && states_a_figure(ctx, end, q.start) {
                let own = subject_before(ctx, slice_start, q.start, 9)
                    .filter(|s| names_something(s, q) && noun_phrase(&match_key(s)));
                if let Some(own) = own {
                    return own;
                }
            }
            return m;
        }
    }
    // "giao cho nhà đầu tư 500 ha đất sạch": a measure of land or length names what it
    // measures after it when no head does before it.
    if cues()
        .named_after
        .contains(&match_key(crate::units::split_scale(&q.unit).1))
    {
        if let Some(m) = following_phrase(ctx, q.end, tail_end, false) {
            return m;
        }
    }
    // A subject longer than a few words is more often a clause than a noun phrase;
    // a count whose unit names nothing else has no better phrase to fall back on.
    let max_words = if unit_only.is_some() { 12 } else { 9 };
    let subject = subject_before(ctx, slice_start, q.start, max_words);
    // "…; kế tiếp là Nhật Bản với 3.605 triệu USD": a market or partner named alone
    // goes on measuring what the figure before measured, for that place.
    if let (Some(m), Some(p)) = (&subject, prev) {
        if only_a_place(ctx, m) {
            let before = p.metric.split(" (").next().unwrap_or(&p.metric);
            return format!("{before} ({m})");
        }
    }
    if let Some(m) = subject
        .as_deref()
        .and_then(|s| traded(ctx, s, slice_start, q, tail_end))
    {
        return m;
    }
    // "thu hút 50 dự án đầu tư", "Tỉnh thu hút 2 tỷ USD vốn FDI": a verb names no
    // measure; what the number counts, or the words after it, do.
    if subject
        .as_deref()
        .is_some_and(|m| ends_with_any(&match_key(m), &cues().action).is_some())
    {
        if let Some(m) = unit_only.take() {
            return m;
        }
        if let Some(m) = following_phrase(ctx, q.end, tail_end, false) {
            return m;
        }
    }
    // "Giá: 10 - 20 USD": a short label before a colon names the figure after it.
    let subject = subject.or_else(|| colon_label(ctx, slice_start, q.start));
    if let Some(m) = subject.filter(|m| names_something(m, q)) {
        return match prev {
            Some(p) => parallel(&p.metric, &m).unwrap_or(m),
            None => m,
        };
    }
    if let Some(m) = unit_only {
        // "886 doanh nghiệp, tăng 199 doanh nghiệp": a change of the count before it.
        let changed = verb_before_is(ctx, slice_start, q, |v| cues().changes(v));
        if let Some(p) = prev.filter(|_| changed) {
            let before = without_part_of_year(&p.metric);
            let names_unit =
                format!(" {} ", match_key(before)).contains(&format!(" {} ", match_key(&q.unit)));
            if names_unit && trailing_place(ctx, before).is_none() {
                return before
                    .split(" so với ")
                    .next()
                    .unwrap_or(before)
                    .to_string();
            }
        }
        return m;
    }
    // "40% xã nông thôn mới nâng cao, 20% xã nông thôn mới kiểu mẫu": the share of what.
    if q.unit == "%" && share_of_following {
        if let Some(m) = following_phrase(ctx, q.end, tail_end, false) {
            return m;
        }
    }
    // "cơ cấu kinh tế chuyển dịch theo hướng công nghiệp, xây dựng và dịch vụ (chiếm gần
    // 93%)": a bracket opened after the figure before details the phrase before it.
    let opened_after_prev = boundary.is_some_and(|b| {
        prev.is_some_and(|p| {
            let between = ctx.key.get(p.span.end..b).unwrap_or("");
            between.contains([';', ',']) && between.split_whitespace().count() > 3
        })
    });
    if opened_after_prev {
        if let Some(m) = bracketed(ctx, boundary) {
            return m;
        }
    }
    if let Some(p) = prev {
        // "sản xuất 50.000 tấn bột và 70.000 tấn giấy": the next item of a trade names
        // its own goods after the same verb.
        if let Some(m) = traded_again(ctx, p, q, tail_end) {
            return m;
        }
        // The figure before's own base ("… so với kế hoạch") is not this one's.
        let m = without_part_of_year(&p.metric);
        return m.split(" so với ").next().unwrap_or(m).to_string();
    }
    // "Nhập khẩu trên địa bàn giảm mạnh, ước đạt 2,5 tỷ USD": the clause before shares
    // its subject.
    if let Some(m) = topic(ctx, slice_start, q.start) {
        return m;
    }
    // The sentence's topic, named before the clause of the first figure: "Thu ngân
    // sách … tăng và vượt dự toán; lũy kế giai đoạn 2016-2020 ước đạt 1,2 triệu tỷ đồng".
    let sentence_start = ctx.text[..slice_start]
        .rfind(['.', '\n'])
        .map_or(0, |i| i + 1);
    if sentence_start < slice_start {
        if let Some(m) = headed_metric(ctx, sentence_start, slice_start)
            .or_else(|| topic(ctx, sentence_start, slice_start))
        {
            return m;
        }
    }
    // Inside "( … )": the phrase before the bracket is what the figures detail.
    if let Some(m) = bracketed(ctx, boundary) {
        return m;
    }
    // "Dù tăng 2,95% nhưng đây vẫn là mức tăng chỉ số …": the phrase may come after.
    let sentence_end = ctx.text[q.end..]
        .find(['.', '\n'])
        .map(|i| q.end + i)
        .unwrap_or(ctx.key.len());
    words_before(ctx, slice_start, q.start)
        .filter(|m| names_something(m, q))
        .or_else(|| headed_metric(ctx, q.end, sentence_end))
        .or_else(|| bare_verb(ctx, slice_start, q))
        .unwrap_or_else(|| q.unit.to_string())
}

/// "các hãng tăng thêm 3% giá vé quốc tế": a rate of change right after its verb, with
/// a noun phrase after it, changes that phrase; the subject before is who changes it.
fn changed_object(
    ctx: &Ctx<'_>,
    slice_start: usize,
    q: &Quantity,
    tail_end: usize,
) -> Option<String> {
    if q.unit != "%" {
        return None;
    }
    let a = cues();
    let mut before = ctx.key.get(slice_start..q.start)?.trim_end();
    while let Some(n) = ends_with_any(before, &a.comparator_words) {
        before = before[..before.len() - n].trim_end();
    }
    before = before.strip_suffix("thêm").unwrap_or(before).trim_end();
    let (ws, we) = words_rev(before).next()?;
    if !a.changes(&before[ws..we]) {
        return None;
    }
    // "tăng 12% cả năm", "tăng 20% kể từ đầu năm": a time or a cause follows, no object.
    let after = ctx.key.get(q.end..tail_end)?.trim_start();
    if a.cause
        .iter()
        .any(|w| crate::text::starts_with_word(after, w))
    {
        return None;
    }
    let object = following_phrase(ctx, q.end, tail_end, false)?;
    let object = before_any(&object, &a.cause);
    (!object.is_empty() && noun_phrase(&match_key(object))).then(|| object.to_string())
}

/// "tuyến cao tốc … dài 144km", "hồ thủy điện Đa Mi rộng 625ha": an adjective of size
/// states a measure its noun names ("chiều dài", "diện tích"), of the phrase before it.
fn dimension(ctx: &Ctx<'_>, slice_start: usize, q: &Quantity) -> Option<String> {
    let a = cues();
    let unit = crate::units::split_scale(&q.unit).1;
    if !a.dimension_unit.contains(unit) && !a.mass_unit.contains(unit) {
        return None;
    }
    let at = verb_before(ctx, slice_start, q)?;
    let word = &ctx.key[at.clone()];
    // A weight in a unit of mass, a size in one of length or area, only: "sản lượng cao
    // 500.000 tấn" is a high output.
    if a.weight.contains(word) != a.mass_unit.contains(unit) {
        return None;
    }
    let noun = a
        .dimension_area
        .iter()
        .filter(|_| a.area.contains(unit))
        .chain(a.dimension.iter())
        .find(|(w, _)| w == word)
        .map(|(_, noun)| noun.as_str())?;
    // "giá dầu cao 70 USD/thùng" is a high price, not a height; "tổng chiều dài",
    // "ở độ cao" name their measure already.
    let noun_before = words_rev(&ctx.key[..at.start])
        .next()
        .is_some_and(|(ws, we)| a.dimension_not_after.contains(&ctx.key[ws..we]));
    if noun_before {
        return None;
    }
    let of = subject_before(ctx, slice_start, at.start, 6)
        .or_else(|| words_before(ctx, slice_start, at.start))
        .filter(|s| names_something(s, q) && noun_phrase(&match_key(s)));
    Some(match of {
        Some(of) => format!("{noun} {}", uncapitalised(&of)),
        None => noun.to_string(),
    })
}

/// "gạo Thái giá khoảng 4.200 đồng/kg", "chiếc xe có giá 500 triệu đồng": an amount of
/// money after the word of a price is the price of the phrase before it.
fn price_of(ctx: &Ctx<'_>, slice_start: usize, q: &Quantity) -> Option<String> {
    let a = cues();
    let currency = crate::units::split_scale(q.unit.split('/').next()?).1;
    if !a.money.contains(currency) {
        return None;
    }
    let at = verb_before(ctx, slice_start, q)?;
    if !a.price.contains(&ctx.key[at.clone()]) {
        return None;
    }
    let mut end = ctx.key[..at.start].trim_end().len();
    if let Some(n) = ends_with_any(&ctx.key[slice_start.min(end)..end], &a.price_lead) {
        end = ctx.key[..end - n].trim_end().len();
    } else if words_rev(&ctx.key[..end]).next().is_some_and(|(ws, we)| {
        let w = ctx.key[ws..we].trim_matches(|c: char| !c.is_alphanumeric());
        a.price_not_after.contains(w) || w.contains(|c: char| c.is_ascii_digit())
    }) {
        // "trị giá", "mệnh giá", "tỷ giá"; "ký hợp đồng … với giá": a price of no phrase
        // before; "loại 3 giá": an item numbered, which the phrase would lose.
        return None;
    }
    let of = subject_before(ctx, slice_start, end.max(slice_start), 6)
        .filter(|s| names_something(s, q) && noun_phrase(&match_key(s)))
        // Cut at a number, "2,4 GHz giá 133 USD" leaves no name; "Giá cà phê hôm nay
        // giá …" names its price already.
        .filter(|s| !s.starts_with(|c: char| c.is_ascii_digit()))
        .filter(|s| !a.price.iter().any(|p| match_key(s).starts_with(p.as_str())))?;
    Some(format!("{} {}", ctx.text.get(at)?, uncapitalised(&of)))
}

/// The trade verb a figure before was measured with ("sản xuất bột"), with this
/// figure's own goods after its unit ("sản xuất giấy").
fn traded_again(ctx: &Ctx<'_>, prev: &Figure, q: &Quantity, tail_end: usize) -> Option<String> {
    let a = cues();
    let before = &*prev.metric;
    // Goods are counted or weighed: not a share, nor a multiple ("gấp 5 lần mệnh giá").
    if q.unit == "%" || q.unit_kind == FigureKind::Other || prev.span.end > q.start {
        return None;
    }
    let key = match_key(before);
    let verb = a
        .trade
        .iter()
        .filter(|v| key.starts_with(v.as_str()) && key[v.len()..].starts_with(' '))
        .max_by_key(|v| v.len())?;
    // The verb stands right before the figure before ("Chi phí …" is no verb), and the
    // two are items of one list ("…, trong đó có", "… và"), not of two clauses.
    let mut head = ctx.key[..prev.span.start].trim_end();
    while let Some(n) = ends_with_any(head, &a.trade_gap) {
        head = head[..head.len() - n].trim_end();
    }
    let is_item = |gap: &str| gap.ends_with(',') || ends_with_any(gap, &a.item_join).is_some();
    let gap = ctx.key[prev.span.end..q.start].trim_end();
    // The figure before may be an item itself, its verb earlier in the sentence.
    // The sentence so far: after the last full stop ("1.000" is a number, not one).
    let sentence = &head[head.rfind(". ").map_or(0, |i| i + 1)..];
    let verb_before = crate::text::ends_with_word(head, verb)
        || is_item(head) && find_sub(&format!(" {sentence} "), &format!(" {verb} ")).is_some();
    if !verb_before || !is_item(gap) || gap.split_whitespace().count() > 10 {
        return None;
    }
    let object = following_phrase(ctx, q.end, tail_end, false)?;
    let okey = match_key(&object);
    let verb = before.get(..verb.len())?;
    let own = noun_phrase(&okey) && !key.ends_with(&okey);
    own.then(|| format!("{verb} {object}"))
}

/// `phrase` up to the first whole word of `words` (match keys) in it, trimmed.
fn before_any<'p>(phrase: &'p str, words: &[String]) -> &'p str {
    let key = format!(" {} ", match_key(phrase));
    // A match at `i` in `key` is the space before the word: the word starts at `i` in
    // `phrase`, one byte of padding later.
    let cut = words
        .iter()
        .filter_map(|w| find_sub(&key, &format!(" {w} ")))
        .min()
        .unwrap_or(phrase.len());
    phrase.get(..cut).unwrap_or(phrase).trim_end()
}

/// A phrase that opened its sentence, put after another word: "Áo chemise hiệu Tommy"
/// → "áo chemise hiệu Tommy". A name keeps its capitals ("Nhà máy Đạm Phú Mỹ" stays,
/// its second word is capitalised too).
fn uncapitalised(s: &str) -> std::borrow::Cow<'_, str> {
    let mut words = s.split_whitespace();
    let (Some(first), Some(second)) = (words.next(), words.next()) else {
        return s.into();
    };
    let mut chars = first.chars();
    let opens = chars.next().is_some_and(char::is_uppercase)
        && chars.all(|c| !c.is_uppercase())
        && second.starts_with(|c: char| c.is_lowercase());
    if !opens {
        return s.into();
    }
    let mut out = String::with_capacity(s.len());
    let mut cs = s.chars();
    out.extend(cs.next().into_iter().flat_map(char::to_lowercase));
    out.push_str(cs.as_str());
    out.into()
}

/// "cả nước nhập khẩu khoảng 1 triệu tấn lúa mỳ", "TP chi 16 tỉ đồng để nạo vét kênh
/// …": a verb whose object is the amount right after it measures with the goods or
/// the purpose after the unit ("nhập khẩu lúa mỳ", "chi để nạo vét kênh …"). Not "xuất khẩu đạt 19 tỷ USD",
/// whose verb names a subject.
fn traded(
    ctx: &Ctx<'_>,
    subject: &str,
    slice_start: usize,
    q: &Quantity,
    tail_end: usize,
) -> Option<String> {
    let a = cues();
    if q.unit == "%" {
        // "được vay tối đa 70% tổng vốn đầu tư": a share of the whole after it.
        return None;
    }
    let skey = match_key(subject);
    let n = ends_with_any(&skey, &a.trade)?;
    let verb = subject.get(subject.len() - n..)?.trim();
    let vkey = skey[skey.len() - n..].trim();
    let head = skey[..skey.len() - n].trim_end();
    if ends_with_any(head, &a.trade_noun).is_some()
        || ends_with_any(head, &a.trade_not_after).is_some()
    {
        return None;
    }
    let gap = ctx.key.get(slice_start..q.start)?;
    let mut rest = gap[gap.rfind(vkey)? + vkey.len()..].trim_end();
    while !rest.is_empty() {
        let k = ends_with_any(rest, &a.trade_gap)?;
        rest = rest[..rest.len() - k].trim_end();
    }
    let mut from = q.end + (ctx.key[q.end..].len() - ctx.key[q.end..].trim_start().len());
    // "chi … để nạo vét kênh": the purpose word stays, as it says what the verb is for.
    let mut verb = verb.to_string();
    if let Some(p) = a.trade_purpose.iter().find(|p| {
        ctx.key[from..]
            .strip_prefix(p.as_str())
            .is_some_and(|r| r.starts_with(' '))
    }) {
        verb = format!("{verb} {}", ctx.text.get(from..from + p.len())?);
        from += p.len() + 1;
    }
    let object = following_phrase(ctx, from, tail_end, false)?;
    // The goods end at a conjunction: "sản xuất 36 triệu tấn lúa và lượng gạo …", and
    // before a reason or a time: "từ chối trả 30.000 USD vì cho rằng …".
    let object = before_any(before_any(&object, &a.leading), &a.trade_end);
    noun_phrase(&match_key(object)).then(|| format!("{verb} {object}"))
}

/// The label of "Giá: 10 - 20 USD": up to four words before a colon that ends right
/// before the figure, from the start of their line or clause.
fn colon_label(ctx: &Ctx<'_>, slice_start: usize, at: usize) -> Option<String> {
    if !ctx.key.get(slice_start..at)?.trim().is_empty() {
        return None;
    }
    let label = ctx.key[..slice_start].trim_end().strip_suffix(':')?;
    let start = label
        .rfind(|c: char| !(crate::text::is_letter(c) || c == ' '))
        .map_or(0, |i| {
            i + label[i..].chars().next().map_or(1, char::len_utf8)
        });
    let key_words: Vec<&str> = label[start..].split_whitespace().collect();
    let joined = key_words.join(" ");
    let a = cues();
    let plain = (1..=4).contains(&key_words.len())
        && !a.lead.contains(&joined)
        && !a.alone.contains(&joined)
        && places_within(ctx.places, start, label.len()).is_empty();
    plain.then(|| clean_metric(ctx.text.get(start..label.len())?))?
}

/// The phrase before the bracket a figure stands in, when `boundary` opens one.
fn bracketed(ctx: &Ctx<'_>, boundary: Option<usize>) -> Option<String> {
    let b = boundary.filter(|&b| ctx.key[..b].ends_with('('))?;
    let sent_start = ctx.text[..b]
        .rfind(['.', ';', '\n'])
        .map(|i| i + 1)
        .unwrap_or(0);
    headed_metric(ctx, sent_start, b - 1).or_else(|| words_before(ctx, sent_start, b - 1))
}

/// An item of a list that names its own member of the class the item before named:
/// after "tốc độ tăng trưởng giá trị tăng thêm lĩnh vực nông lâm, thủy sản", the item
/// "lĩnh vực công nghiệp, xây dựng" measures the same growth of its own "lĩnh vực".
fn parallel(before: &str, item: &str) -> Option<String> {
    let before = without_part_of_year(before);
    let words: Vec<&str> = before.split_whitespace().collect();
    let own: Vec<String> = item.split_whitespace().take(2).map(match_key).collect();
    let at = (1..words.len()).rev().find(|&i| {
        own.iter()
            .enumerate()
            .all(|(k, w)| words.get(i + k).is_some_and(|x| match_key(x) == *w))
    })?;
    // The same member again is no other item: "… so với chỉ tiêu pháp lệnh 2.750 tỷ
    // đồng" names the base the figure before was measured against.
    let same = words[at..]
        .iter()
        .map(|w| match_key(w))
        .eq(item.split_whitespace().map(match_key));
    let prefix = words[..at].join(" ");
    let item_words = item.split_whitespace().count();
    (!same && !prefix.contains(" so với") && at + item_words <= METRIC_WORDS)
        .then(|| format!("{prefix} {item}"))
}

/// A change named by nothing but its verb ("TPHCM chỉ tăng 0,77%"): the verb, as
/// written, says more than the unit.
fn bare_verb(ctx: &Ctx<'_>, slice_start: usize, q: &Quantity) -> Option<String> {
    let at = verb_before(ctx, slice_start, q)?;
    if !cues().changes(&ctx.key[at.clone()]) {
        return None;
    }
    ctx.text.get(at).map(str::to_string)
}

/// Whether a phrase can name a metric: not the figure's own unit, an agent ("đơn
/// vị"), a rank ("thứ ba") or a discourse word ("thực tế") alone.
fn names_something(m: &str, q: &Quantity) -> bool {
    let key = match_key(m);
    key != match_key(&q.unit) && !cues().alone.contains(&key)
}

/// Whether a keyed phrase reads as a noun phrase: it does not open with a verb, an
/// adverb or a connective ("cũng …", "lại …") and joins no two clauses ("người nhưng").
fn noun_phrase(key: &str) -> bool {
    let a = cues();
    let mut words = key.split_whitespace();
    let Some(first) = words.next() else {
        return false;
    };
    let opens = a.predicate.contains(first)
        || a.lead.contains(first)
        || a.join.contains(first)
        || a.drop.iter().any(|w| w == first);
    !opens && !key.split_whitespace().any(|w| a.connective.contains(w))
}

/// Whether a phrase is one place's name and nothing else ("Nhật Bản", "Hà Nội").
fn only_a_place(ctx: &Ctx<'_>, m: &str) -> bool {
    trailing_place(ctx, m).is_some_and(|p| p.len() == m.len())
}

/// The place a phrase ends with ("Trong vòng 5 năm tới Trung Quốc" → "Trung Quốc").
fn trailing_place<'m>(ctx: &Ctx<'_>, m: &'m str) -> Option<&'m str> {
    let key = match_key(m);
    let found = crate::extract::places::find_subjects(m, &key, ctx.reference);
    let span = found.last()?.span;
    (span.end == m.len()).then(|| &m[span.start..])
}

/// The subject a sentence names before its first verb: "Xuất khẩu trên địa bàn
/// thành phố tăng cao, ước đạt 5,68 tỷ USD" measures "Xuất khẩu".
fn topic(ctx: &Ctx<'_>, from: usize, to: usize) -> Option<String> {
    let a = cues();
    // The first clause, or the second after a short opener with no verb: "Tại phía Bắc,
    // giá đất đã đạt đỉnh mới, ở mức 107 USD/m2".
    let mut start = from;
    for _ in 0..2 {
        let end = ctx.key[start..to]
            .find([',', ';', ':'])
            .map_or(to, |i| start + i);
        let verb = words_fwd(&ctx.key[start..end]).find(|&(ws, we)| {
            let w = &ctx.key[start + ws..start + we];
            a.ratio.contains(w) || a.share.contains(w) || a.changes(w)
        });
        if let Some((ws, _)) = verb {
            return subject_before(ctx, start, start + ws, 6)
                .filter(|m| noun_phrase(&match_key(m)));
        }
        if end >= to || ctx.key[start..end].split_whitespace().count() > 4 {
            return None;
        }
        start = end + 1;
    }
    None
}

/// The words of `s` (split on spaces) with their byte ranges, first to last.
fn words_fwd(s: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut at = 0;
    s.split(' ').filter_map(move |w| {
        let start = at;
        at += w.len() + 1;
        (!w.is_empty()).then_some((start, start + w.len()))
    })
}

/// The places (sorted by position) that start inside `[from, to)`.
fn places_within(places: &[(Place, Span)], from: usize, to: usize) -> &[(Place, Span)] {
    let a = places.partition_point(|(_, s)| s.start < from);
    let b = places.partition_point(|(_, s)| s.start < to);
    &places[a..b.max(a)]
}
