//! Vietnamese number tokens: decimal comma, thousands dot, ranges, scale words, units.

use crate::model::FigureKind;
use crate::reference::Reference;
use crate::text::is_word_char;
use aho_corasick::{Anchored, Input};
use regex::Regex;
use std::borrow::Cow;
use std::sync::OnceLock;

/// A number with its unit as written, before any context is applied.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    pub start: usize,
    pub end: usize,
    pub value: f64,
    pub value_max: Option<f64>,
    pub unit: Cow<'static, str>,
    pub unit_kind: FigureKind,
    pub per_year: bool,
}

/// Words after which a number names something, and compounds ending with one that do
/// not (`assets/naming_words.tsv`), as match keys.
struct Naming {
    naming: Vec<String>,
    compound: Vec<String>,
    /// Compounds that make the number after them a yearly rate ("mỗi năm").
    yearly: Vec<String>,
}

fn naming() -> &'static Naming {
    static NAMING: std::sync::OnceLock<Naming> = std::sync::OnceLock::new();
    NAMING.get_or_init(|| {
        let mut n = Naming {
            naming: Vec::new(),
            compound: Vec::new(),
            yearly: Vec::new(),
        };
        for row in crate::reference::data_lines(crate::reference::NAMING_WORDS_TSV).skip(1) {
            let words = row.get(1).into_iter().flat_map(|w| w.split(';'));
            let words = words.map(str::trim).filter(|w| !w.is_empty());
            match row.first().map(|c| c.trim()) {
                Some("naming") => n.naming.extend(words.map(crate::text::match_key)),
                Some("compound") => n.compound.extend(words.map(crate::text::match_key)),
                Some("yearly") => n.yearly.extend(words.map(crate::text::match_key)),
                _ => {}
            }
        }
        n
    })
}

fn names_something(key: &str, start: usize) -> bool {
    let head = &key[..start];
    let ends = |w: &String| crate::text::ends_with_word(head, w);
    let n = naming();
    n.naming.iter().any(ends) && !n.compound.iter().any(ends)
}

/// The number-token pattern; `number_spans` and `number_at` find the same tokens by
/// hand and ask it only about text with non-ASCII digits.
fn number_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"\d[\d.,]*\d|\d").unwrap_or_else(|e| panic!("number regex: {e}")))
}

/// Could the char starting at byte `i` (a UTF-8 lead byte) be a non-ASCII `\d`?
/// Decimal digits start at U+0660, and Latin Extended Additional (the toned
/// Vietnamese letters) has none, so ordinary Vietnamese text never asks the tables.
fn maybe_unicode_digit(s: &str, i: usize) -> bool {
    let b = s.as_bytes();
    if b[i] < 0xD9 || b[i] == 0xE1 && matches!(b.get(i + 1), Some(0xB8..=0xBB)) {
        return false;
    }
    s.get(i..)
        .and_then(|r| r.chars().next())
        .is_some_and(char::is_numeric)
}

/// Where the token starting with the ASCII digit at `start` ends: after the last digit
/// of the run of digits, dots and commas (what `\d[\d.,]*\d|\d` matches), and
/// whether a non-ASCII char that may be a digit follows the run.
fn ascii_token_end(b: &[u8], start: usize) -> (usize, usize) {
    let mut last = start;
    let mut i = start + 1;
    while let Some(&c) = b.get(i) {
        if c.is_ascii_digit() {
            last = i;
        } else if c != b'.' && c != b',' {
            break;
        }
        i += 1;
    }
    (last + 1, i)
}

/// Every number token of `s`, as `number_re().find_iter(s)` yields them.
fn number_spans(s: &str) -> Vec<(usize, usize)> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        // Skip 16 bytes at a time while none can start a number (an ASCII digit, or
        // a lead byte `maybe_unicode_digit` does not rule out at once).
        if let Some(block) = b.get(i..i + 16) {
            if !block
                .iter()
                .fold(false, |a, &c| a | c.is_ascii_digit() | (c >= 0xD9))
            {
                i += 16;
                continue;
            }
        }
        let stop = (i + 16).min(b.len());
        while i < stop {
            let c = b[i];
            if c.is_ascii_digit() {
                let (end, _) = ascii_token_end(b, i);
                out.push((i, end));
                i = end;
            } else if c >= 0xD9 && maybe_unicode_digit(s, i) {
                return number_re()
                    .find_iter(s)
                    .map(|m| (m.start(), m.end()))
                    .collect();
            } else {
                i += 1;
            }
        }
    }
    out
}

/// The end of the number token that starts `s`, as `number_re()` would match it there.
fn number_at(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let first = *b.first()?;
    if first.is_ascii_digit() {
        let (end, run_end) = ascii_token_end(b, 0);
        if !b
            .get(run_end)
            .is_some_and(|&c| c >= 0x80 && maybe_unicode_digit(s, run_end))
        {
            return Some(end);
        }
    } else if first < 0x80 || !maybe_unicode_digit(s, 0) {
        return None;
    }
    number_re()
        .find(s)
        .filter(|m| m.start() == 0)
        .map(|m| m.end())
}

/// Parse one number token the Vietnamese way; `None` when it is not a plain
/// quantity (a phone number "0866.59.4498", an ID with stray separators).
pub fn parse_number(tok: &str) -> Option<f64> {
    if tok.len() > 24 {
        return None;
    }
    let (int_part, frac) = match tok.split_once(',') {
        Some((i, f)) => {
            if f.contains([',', '.']) {
                // "1,234,567" is an English thousands grouping.
                let all: Vec<&str> = tok.split(',').collect();
                if all[1..].iter().all(|g| g.len() == 3 && !g.contains('.')) {
                    return all.concat().parse().ok();
                }
                return None;
            }
            (i, Some(f))
        }
        None => (tok, None),
    };
    let digits = if int_part.contains('.') {
        let groups: Vec<&str> = int_part.split('.').collect();
        let thousands = groups[0].len() <= 3
            && !groups[0].is_empty()
            && groups[1..].iter().all(|g| g.len() == 3);
        if thousands {
            groups.concat()
        } else if groups.len() == 2 && frac.is_none() && groups[1].len() <= 2 {
            // "9.13": a decimal point as some outlets write it.
            return tok.parse().ok();
        } else {
            return None;
        }
    } else {
        int_part.to_string()
    };
    if digits.len() > 1 && digits.starts_with('0') && frac.is_none() {
        return None;
    }
    let s = match frac {
        Some(f) => format!("{digits}.{f}"),
        None => digits,
    };
    s.parse().ok()
}

/// Skip ASCII and no-break spaces from `pos`.
fn skip_spaces(s: &str, pos: usize) -> usize {
    pos + (s[pos..].len() - s[pos..].trim_start_matches([' ', '\u{a0}', '\t']).len())
}

/// The unit starting at `pos` of the key text, longest first, on a word boundary.
fn unit_at(
    text: &str,
    key: &str,
    pos: usize,
    reference: &'static Reference,
) -> Option<(&'static crate::reference::UnitDef, usize)> {
    let rest = &key[pos..];
    let first = *rest.as_bytes().first()?;

    let mut best: Option<(&crate::reference::UnitDef, usize)> = None;
    for u in &reference.units {
        let uk = &u.key;
        // The first byte rules out almost every unit without a call to `memcmp`.
        if uk.as_bytes().first() != Some(&first) || !rest.starts_with(uk.as_str()) {
            continue;
        }
        let end = pos + uk.len();
        let boundary = uk.as_str() == "%" || !key[end..].chars().next().is_some_and(is_word_char);
        if !text.is_char_boundary(end) {
            continue;
        }
        // "2030 tỷ trọng": a metric word that merely starts like a unit.
        let starts_metric = reference
            .head_ac
            .find(Input::new(rest).anchored(Anchored::Yes))
            .is_some_and(|m| m.end() > uk.len());
        if boundary && !starts_metric && best.is_none_or(|(_, e)| end > e) {
            best = Some((u, end));
        }
    }
    // "66 đồng chí", "9 hộ chiếu": a word that only starts like a unit.
    let lookalike = |n: &String| {
        rest.starts_with(n.as_str()) && !rest[n.len()..].chars().next().is_some_and(is_word_char)
    };
    if best.is_some() && reference.not_units.iter().any(lookalike) {
        return None;
    }
    best
}

/// "/năm", "/ năm", "mỗi năm", or up to two words then "/năm" ("tấn alumin/năm").
fn per_year_at(key: &str, pos: usize) -> Option<usize> {
    let rest = &key[pos..];
    let window = &rest[..rest.char_indices().nth(30).map_or(rest.len(), |(i, _)| i)];
    for lead in [
        "/năm",
        "/ năm",
        " /năm",
        " / năm",
        " mỗi năm",
        " một năm",
        "/1 năm",
    ] {
        if window.starts_with(lead) {
            return Some(pos + lead.len());
        }
    }
    let mut words = 0;
    for (i, c) in window.char_indices() {
        if c == '/' {
            let after = &window[i + 1..];
            let after_trim = after.trim_start();
            if after_trim.starts_with("năm") && words <= 2 {
                return Some(pos + i + 1 + (after.len() - after_trim.len()) + "năm".len());
            }
            return None;
        }
        if c == ' ' {
            words += 1;
        } else if !is_word_char(c) {
            return None;
        }
    }
    None
}

/// Every quantity in `text[range]`: a number with a unit that makes it a figure.
/// `key` is the match key of the whole text.
pub fn quantities(
    text: &str,
    key: &str,
    from: usize,
    to: usize,
    reference: &'static Reference,
) -> Vec<Quantity> {
    let mut out = Vec::new();
    let slice = &text[from..to];
    let mut skip_until = 0;
    for (m_start, m_end) in number_spans(slice) {
        let start = from + m_start;
        let mut end = from + m_end;
        if start < skip_until {
            continue;
        }
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        // Glued to letters ("COVID19", "F1"), part of a date, fraction or code ("2/8", "I/2024").
        // A unit written against the number ("920,4ha", "100MW") is still its unit.
        let glued_unit = after.is_some_and(|c| c.is_alphabetic())
            && unit_at(text, key, end, reference).is_some();
        if before.is_some_and(|c| {
            is_word_char(c) || c == '/' || c == '-' && glued_word_before(text, start)
        }) || after.is_some_and(|c| (is_word_char(c) && !glued_unit) || c == '/')
        {
            continue;
        }
        if names_something(key, start) {
            continue;
        }
        let Some(value) = parse_number(&slice[m_start..m_end]) else {
            continue;
        };
        let mut value_max = None;
        let mut pos = skip_spaces(text, end);
        let mut percent_first = false;
        if key[pos..].starts_with('%') {
            percent_first = true;
        }
        // A range: "13-14%", "11,9%-12,3%", "7 đến 8%".
        let range_from = if percent_first { pos + 1 } else { pos };
        if let Some((b, b_end)) = range_tail(text, key, range_from) {
            if b > value {
                value_max = Some(b);
                end = b_end;
                pos = skip_spaces(text, end);
            }
        }
        if percent_first && value_max.is_none() {
            pos = skip_spaces(text, end);
        }
        // Scale words stay in the unit as written ("37,5 triệu tấn"); `Figure::value_base`
        // moves them into the value.
        // "tỷ" is a unit of its own ("195.000 tỷ") as well as a scale word: the longest
        // unit wins at each step, and a scale word with no unit at it is passed over.
        let mut upos = pos;
        let found = loop {
            let rest = &key[upos..];
            let word = &rest[..rest.find(|c: char| !is_word_char(c)).unwrap_or(rest.len())];
            let scale = !word.is_empty() && crate::units::scale_of(word).is_some();
            if let Some(found) = unit_at(text, key, upos, reference) {
                // "12 tỷ kWh", "1,667 tỷ tấn": a scale word that is a unit of its own
                // gives way to a unit right after it.
                if scale && found.1 == upos + word.len() {
                    let next = skip_spaces(text, upos + word.len());
                    // Not to a count: "300 tỷ dự án cao tốc" is money for a project.
                    let later = unit_at(text, key, next, reference)
                        .filter(|l| l.0.kind != FigureKind::Count);
                    if let Some(later) = later {
                        upos = next;
                        break Some(later);
                    }
                }
                break Some(found);
            }
            if !scale {
                break None;
            }
            upos = skip_spaces(text, upos + word.len());
        };
        let Some((u, mut uend)) = found else {
            continue;
        };
        let scale_words = text[pos..upos].trim_end();
        // "từ 0,03 USD đến 0,28 USD/m2": one range, the unit written twice; "từ 750.000
        // đồng đến 1,5 triệu đồng" too, the second bound brought to the first's scale.
        if value_max.is_none() {
            if let Some((b, b_end)) = range_tail(text, key, uend) {
                let after = skip_spaces(text, b_end);
                if let Some((factor, end)) = same_unit_at(text, key, after, u.key.as_str()) {
                    let first: f64 = key[pos..upos]
                        .split_whitespace()
                        .filter_map(crate::units::scale_of)
                        .product();
                    let b = b * factor / first;
                    if b > value && b.is_finite() {
                        value_max = Some(b);
                        uend = end;
                    }
                }
            }
        }
        let mut unit = if scale_words.is_empty() {
            Cow::Borrowed(u.unit.as_str())
        } else {
            Cow::Owned(format!("{scale_words} {}", u.unit))
        };
        if let Some((denominator, dend)) = denominator_at(key, uend, reference) {
            unit = Cow::Owned(format!("{unit}/{denominator}"));
            uend = dend;
        }
        let quantity = finish(text, key, start, uend, value, value_max, unit, u.kind);
        if let Some(mut q) = quantity {
            if q.per_year && u.rate_in_unit {
                q.unit = Cow::Owned(format!("{}/năm", q.unit));
                q.unit_kind = FigureKind::Capacity;
            }
            skip_until = q.end;
            out.push(q);
        }
    }
    out
}

/// The unit `unit_key` at `pos`, after any scale words: the scale words' product and
/// where the unit ends.
fn same_unit_at(text: &str, key: &str, pos: usize, unit_key: &str) -> Option<(f64, usize)> {
    let mut at = pos;
    let mut factor = 1.0;
    loop {
        let rest = key.get(at..)?;
        if rest.starts_with(unit_key)
            && !rest[unit_key.len()..]
                .chars()
                .next()
                .is_some_and(is_word_char)
        {
            return Some((factor, at + unit_key.len()));
        }
        let word = &rest[..rest.find(|c: char| !is_word_char(c)).unwrap_or(rest.len())];
        factor *= crate::units::scale_of(word)?;
        at = skip_spaces(text, at + word.len());
    }
}

fn glued_word_before(text: &str, pos: usize) -> bool {
    text[..pos]
        .strip_suffix('-')
        .and_then(|h| h.chars().next_back())
        .is_some_and(crate::text::is_letter)
}

/// After a number (and maybe its %), a dash or "đến" and a second number.
fn range_tail(text: &str, key: &str, pos: usize) -> Option<(f64, usize)> {
    let p = skip_spaces(text, pos);
    let rest = &key[p..];
    let sep_len = ["-", "–", "—", "đến", "tới"]
        .iter()
        .find(|s| rest.starts_with(*s))
        .map(|s| s.len())?;
    let q = skip_spaces(text, p + sep_len);
    let len = number_at(&text[q..])?;
    let end = q + len;
    if text[end..].starts_with('/') || text[end..].chars().next().is_some_and(is_word_char) {
        return None;
    }
    Some((parse_number(&text[q..end])?, end))
}

/// "/người", "/ m2", "/USD" after a unit: the denominator (as the asset writes it) and
/// where it ends.
fn denominator_at(key: &str, pos: usize, reference: &Reference) -> Option<(String, usize)> {
    let rest = &key[pos..];
    let after = rest.trim_start_matches(' ').strip_prefix('/')?;
    let word_at = pos + (rest.len() - after.len());
    let word_at = word_at + (after.len() - after.trim_start_matches(' ').len());
    let tail = &key[word_at..];
    reference
        .denominators
        .iter()
        .filter(|(d, _)| {
            tail.starts_with(d.as_str())
                && !tail[d.len()..].chars().next().is_some_and(is_word_char)
        })
        .max_by_key(|(d, _)| d.len())
        .map(|(d, written)| (written.clone(), word_at + d.len()))
}

#[allow(clippy::too_many_arguments)]
fn finish(
    text: &str,
    key: &str,
    start: usize,
    mut end: usize,
    value: f64,
    value_max: Option<f64>,
    unit: Cow<'static, str>,
    unit_kind: FigureKind,
) -> Option<Quantity> {
    let per_year = match per_year_at(key, end) {
        Some(e) if e <= text.len() && text.is_char_boundary(e) => {
            end = e;
            true
        }
        // "mỗi năm 500 tỷ đồng": the rate said before the number.
        _ => naming()
            .yearly
            .iter()
            .any(|w| crate::text::ends_with_word(&key[..start], w)),
    };
    value.is_finite().then_some(Quantity {
        start,
        end,
        value,
        value_max,
        unit,
        unit_kind,
        per_year,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::match_key;

    fn q(text: &str) -> Vec<(f64, Option<f64>, String, bool)> {
        let key = match_key(text);
        quantities(text, &key, 0, text.len(), Reference::get())
            .into_iter()
            .map(|q| (q.value, q.value_max, q.unit.into_owned(), q.per_year))
            .collect()
    }

    #[test]
    fn vietnamese_number_formats() {
        assert_eq!(parse_number("9,13"), Some(9.13));
        assert_eq!(parse_number("195.000"), Some(195000.0));
        assert_eq!(parse_number("1.234.567,5"), Some(1234567.5));
        assert_eq!(parse_number("0866.59.4498"), None);
        assert_eq!(parse_number("0866"), None);
        assert_eq!(parse_number("0,5"), Some(0.5));
    }

    #[test]
    fn ranges_percent_and_per_year() {
        assert_eq!(
            q("đạt 11,9%-12,3%/năm"),
            [(11.9, Some(12.3), "%".into(), true)]
        );
        assert_eq!(q("đạt 13-14%/năm"), [(13.0, Some(14.0), "%".into(), true)]);
        assert_eq!(
            q("tăng khoảng 7 đến 8%"),
            [(7.0, Some(8.0), "%".into(), false)]
        );
        assert_eq!(
            q("tăng 14,7 – 16,5 %/năm"),
            [(14.7, Some(16.5), "%".into(), true)]
        );
    }

    #[test]
    fn units_and_scale_words() {
        assert_eq!(
            q("đạt 195.000 tỷ đồng"),
            [(195000.0, None, "tỷ đồng".into(), false)]
        );
        assert_eq!(q("195.000 tỷ,"), [(195000.0, None, "tỷ".into(), false)]);
        // "tỷ" is a unit of its own only when no unit follows it.
        assert_eq!(
            q("thiếu 8 tỷ kWh điện"),
            [(8.0, None, "tỷ kWh".into(), false)]
        );
        assert_eq!(q("1,667 tỷ tấn"), [(1.667, None, "tỷ tấn".into(), false)]);
        assert_eq!(
            q("giải ngân 300 tỷ dự án cao tốc"),
            [(300.0, None, "tỷ".into(), false)]
        );
        assert_eq!(
            q("lên 70 USD/thùng"),
            [(70.0, None, "USD/thùng".into(), false)]
        );
        // Currencies written out, and energy: "tỷ" is not đồng there.
        assert_eq!(
            q("vốn 2,5 tỷ đô-la Mỹ"),
            [(2.5, None, "tỷ đô-la Mỹ".into(), false)]
        );
        assert_eq!(q("1,27 tỉ NDT"), [(1.27, None, "tỉ NDT".into(), false)]);
        assert_eq!(q("đạt 300 MWh"), [(300.0, None, "MWh".into(), false)]);
        assert!(q("được 5 yên tâm").is_empty());
        // Areas and the counts of economic news.
        assert_eq!(
            q("diện tích 10.438 km2"),
            [(10438.0, None, "km2".into(), false)]
        );
        assert_eq!(
            q("hơn 200 hội viên"),
            [(200.0, None, "hội viên".into(), false)]
        );
        assert!(q("bắt 3 con tin").is_empty());
        // A naming word ends a compound noun or a rate there: the number is a quantity.
        assert_eq!(
            q("dân số 1,1 triệu người"),
            [(1.1, None, "triệu người".into(), false)]
        );
        assert_eq!(
            q("tổng số 120 dự án"),
            [(120.0, None, "dự án".into(), false)]
        );
        // … and "mỗi năm" before the number makes it a yearly rate.
        assert_eq!(
            q("mỗi năm 500 tỷ đồng"),
            [(500.0, None, "tỷ đồng".into(), true)]
        );
        assert!(q("Điều 5 và số 12 dự án").is_empty());
        // A range whose bounds are written at two scales is one range at the first's.
        assert_eq!(
            q("phạt từ 750.000 đồng đến 1,5 triệu đồng"),
            [(750000.0, Some(1500000.0), "đồng".into(), false)]
        );
        // A rate of output keeps "/năm" in its unit; a growth rate only sets per_year.
        assert_eq!(
            q("650.000 tấn alumin/ năm"),
            [(650000.0, None, "tấn/năm".into(), true)]
        );
        assert_eq!(q("2,5 triệu tấn"), [(2.5, None, "triệu tấn".into(), false)]);
        assert_eq!(
            q("1,2 triệu tỷ đồng"),
            [(1.2, None, "triệu tỷ đồng".into(), false)]
        );
        assert_eq!(q("12 triệu USD"), [(12.0, None, "triệu USD".into(), false)]);
        assert_eq!(q("10 tỉ USD/năm"), [(10.0, None, "tỉ USD".into(), true)]);
        assert_eq!(
            q("20 doanh nghiệp"),
            [(20.0, None, "doanh nghiệp".into(), false)]
        );
        assert_eq!(q("gấp 1,4 lần"), [(1.4, None, "lần".into(), false)]);
        assert_eq!(q("rộng 920,4ha"), [(920.4, None, "ha".into(), false)]);
        assert!(q("COVID19 và 2F, 3x").is_empty());
    }

    #[test]
    fn denominators_stay_in_the_unit() {
        assert_eq!(
            q("đạt 8.500 USD/ người"),
            [(8500.0, None, "USD/người".into(), false)]
        );
        assert_eq!(
            q("74 triệu đồng/người/năm"),
            [(74.0, None, "triệu đồng/người".into(), true)]
        );
        assert_eq!(
            q("từ 0,03 USD đến 0,28 USD/m2"),
            [(0.03, Some(0.28), "USD/m2".into(), false)]
        );
        // A price per item or per unit of another currency, written as the asset writes it.
        assert_eq!(
            q("126 USD/chiếc"),
            [(126.0, None, "USD/chiếc".into(), false)]
        );
        assert_eq!(
            q("56 triệu đồng/lượng"),
            [(56.0, None, "triệu đồng/lượng".into(), false)]
        );
        assert_eq!(
            q("23.150 đồng/USD"),
            [(23150.0, None, "đồng/USD".into(), false)]
        );
    }

    #[test]
    fn hand_scanner_finds_what_the_regex_finds() {
        for t in [
            "",
            "1",
            "a1.2.3,4,,5. 6, 7..8 9",
            "đạt 11,9%-12,3%/năm, 195.000 tỷ, 0866.59.4498",
            "١٢ và 3٤5, ５ tấn, 2,٣",
            "ề1ệ22 ữ 333.",
        ] {
            let want: Vec<(usize, usize)> = number_re()
                .find_iter(t)
                .map(|m| (m.start(), m.end()))
                .collect();
            assert_eq!(number_spans(t), want, "{t}");
            for (i, _) in t.char_indices() {
                let want = number_re()
                    .find(&t[i..])
                    .filter(|m| m.start() == 0)
                    .map(|m| m.end());
                assert_eq!(number_at(&t[i..]), want, "{t} @ {i}");
            }
        }
    }

    #[test]
    fn non_figures_are_skipped() {
        for t in [
            "ngày 03/11/2015",
            "Nghị định số 111/2015/NĐ-CP",
            "6 mục tiêu chung",
            "8 nhiệm vụ",
            "Đường dây nóng: 0866.59.4498",
            "năm 2030",
            "Covid-19 và G7",
            "Quý I/2024",
            "từ 16–18/5/2024",
            "giai đoạn 2016-2020",
        ] {
            assert!(q(t).is_empty(), "{t}: {:?}", q(t));
        }
    }
}
