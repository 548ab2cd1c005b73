//! Legal references: "Nghị định số 111/2015/NĐ-CP ngày 03/11/2015".

use crate::extract::segment::parse_date;
use crate::model::{LegalKind, Span};
use crate::reference::Reference;
use regex::Regex;
use std::sync::OnceLock;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundLegal {
    pub kind: LegalKind,
    pub number: String,
    pub issuer: Option<String>,
    pub date: Option<crate::model::Date>,
    pub span: Span,
}

fn legal_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(concat!(
            r"(?:(?P<kind>Luật|Nghị quyết|Nghị định|Quyết định|Thông tư liên tịch|Thông tư|Chỉ thị|Kế hoạch)\s+(?:số\s*)?)?",
            r"(?-u:\b)(?P<num>\d{1,5})\s*(?:/\s*(?P<year>(?:19|20)\d{2})\s*)?(?P<sep>/|\s*[-–]\s*)",
            r"(?P<code>[A-ZĐ]{1,6}\d{0,2}(?:\s?[-–/]\s?[A-ZĐ][A-ZĐa-z]{0,7}\d{0,2}){0,3})(?-u:\b)",
        ))
        .unwrap_or_else(|e| panic!("legal regex: {e}"))
    })
}

fn kind_from_word(w: &str) -> Option<LegalKind> {
    Some(match w {
        "Luật" => LegalKind::Luat,
        "Nghị quyết" => LegalKind::NghiQuyet,
        "Nghị định" => LegalKind::NghiDinh,
        "Quyết định" => LegalKind::QuyetDinh,
        "Thông tư" | "Thông tư liên tịch" => LegalKind::ThongTu,
        "Chỉ thị" => LegalKind::ChiThi,
        "Kế hoạch" => LegalKind::KeHoach,
        _ => return None,
    })
}

/// The type code of a number ("NĐ" in "NĐ-CP", "QH" in "QH14") and its kind.
fn type_of_code(segment: &str, reference: &Reference) -> Option<LegalKind> {
    let letters: String = segment
        .chars()
        .take_while(|c| !c.is_ascii_digit())
        .collect();
    reference
        .legal_types
        .iter()
        .find(|(code, _)| *code == letters)
        .map(|(_, k)| *k)
}

fn issuer_of(segments: &[&str], reference: &Reference) -> Option<String> {
    // The issuer follows the type code; a Luật's "QH14" is itself the issuer.
    let candidates = segments.iter().skip(1).chain(segments.first());
    for seg in candidates {
        let letters: String = seg.chars().take_while(|c| !c.is_ascii_digit()).collect();
        if let Some((_, who)) = reference.legal_issuers.iter().find(|(c, _)| *c == letters) {
            return Some(who.clone());
        }
    }
    None
}

/// How far a match reaches past the first letter of its code: "NĐ-CP", "QH14",
/// "TTLT-BCT-BTC" are ≤ 119 bytes by the pattern's own bounds; the rest is margin.
const CODE_REACH: usize = 160;

/// The parts of `text` where a legal number can be. The regex needs a code that starts
/// with a capital right after '/' or a dash (spaces allowed around a dash); the match
/// ends within [`CODE_REACH`] of that capital and starts no earlier than the digits,
/// spaces, slashes and dashes before the separator plus five words before those
/// ("Thông tư liên tịch số"). Overlapping windows are merged. Searching only these
/// finds exactly what a search of the whole text finds (a test compares the two),
/// while the regex no longer reads every byte of every article.
fn windows(text: &str) -> Vec<std::ops::Range<usize>> {
    let b = text.as_bytes();
    let mut found: Vec<std::ops::Range<usize>> = Vec::new();
    for sep in memchr::memchr3_iter(b'/', b'-', 0xE2, b) {
        let after = match b[sep] {
            b'/' | b'-' => sep + 1,
            _ if b[sep..].starts_with("–".as_bytes()) => sep + "–".len(),
            _ => continue,
        };
        let code = after + text[after..].len() - text[after..].trim_start().len();
        let rest = &b[code..];
        if !(rest.first().is_some_and(u8::is_ascii_uppercase) || rest.starts_with("Đ".as_bytes()))
        {
            continue;
        }
        let mut start = text[..sep]
            .trim_end_matches(|c: char| {
                c.is_whitespace() || c.is_numeric() || matches!(c, '/' | '-' | '–')
            })
            .len();
        for _ in 0..5 {
            start = text[..start]
                .trim_end_matches(|c: char| !c.is_whitespace())
                .len();
            start = text[..start].trim_end().len();
        }
        let mut end = (code + CODE_REACH).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        found.push(start..end);
    }
    found.sort_unstable_by_key(|w| w.start);
    let mut merged: Vec<std::ops::Range<usize>> = Vec::with_capacity(found.len());
    for w in found {
        match merged.last_mut() {
            Some(last) if w.start <= last.end => last.end = last.end.max(w.end),
            _ => merged.push(w),
        }
    }
    merged
}

/// The regex's matches inside the [`windows`], in order: a window's slice ends past any
/// match in it, and `find_at` sees the text before the window for the `\b` there.
fn matches(text: &str) -> impl Iterator<Item = regex::Match<'_>> + '_ {
    windows(text).into_iter().flat_map(move |w| {
        let hay = &text[..w.end];
        let mut pos = w.start;
        std::iter::from_fn(move || {
            let m = legal_re().find_at(hay, pos)?;
            pos = m.end().max(pos + 1);
            Some(m)
        })
    })
}

pub fn find_legal(text: &str, reference: &Reference) -> Vec<FoundLegal> {
    let mut out = Vec::new();
    // Find match bounds with the fast DFA, then capture groups only inside each match.
    for m in matches(text) {
        let Some(c) = legal_re().captures(&text[m.range()]) else {
            continue;
        };
        let base = m.start();
        let (Some(all), Some(num), Some(code)) = (c.get(0), c.name("num"), c.name("code")) else {
            continue;
        };
        let code_norm: String = code
            .as_str()
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| if c == '–' { '-' } else { c })
            .collect();
        let segments: Vec<&str> = code_norm
            .split(['-', '/'])
            .filter(|s| !s.is_empty())
            .collect();
        let by_code = segments.first().and_then(|s| type_of_code(s, reference));
        let by_word = c.name("kind").and_then(|k| kind_from_word(k.as_str()));
        // A number is a legal reference only when its code names a document type.
        let Some(kind) = by_code.or(by_word.filter(|_| segments.len() > 1)) else {
            continue;
        };
        let kind = by_word.unwrap_or(kind);
        let sep = c.name("sep").map(|s| s.as_str().trim()).unwrap_or("/");
        let number = match c.name("year") {
            Some(y) => format!("{}/{}/{}", num.as_str(), y.as_str(), code_norm),
            None if sep == "/" => format!("{}/{}", num.as_str(), code_norm),
            None => format!("{}-{}", num.as_str(), code_norm),
        };
        let all_end = base + all.end();
        let tail_end = text[all_end..]
            .char_indices()
            .nth(40)
            .map(|(i, _)| all_end + i)
            .unwrap_or(text.len());
        let tail = &text[all_end..tail_end];
        let date = tail
            .trim_start_matches([' ', ','])
            .strip_prefix("ngày")
            .and_then(parse_date);
        out.push(FoundLegal {
            kind,
            number,
            issuer: issuer_of(&segments, reference),
            date,
            span: Span::new(base + all.start(), all_end),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> FoundLegal {
        let found = find_legal(text, Reference::get());
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        found.into_iter().next().unwrap()
    }

    #[test]
    fn decree_with_date_and_issuer() {
        let f = one("theo Nghị định số 111/2015/NĐ-CP ngày 03/11/2015 của Chính phủ");
        assert_eq!(f.kind, LegalKind::NghiDinh);
        assert_eq!(f.number, "111/2015/NĐ-CP");
        assert_eq!(f.issuer.as_deref(), Some("Chính phủ"));
        assert_eq!(f.date.map(|d| d.to_string()).as_deref(), Some("2015-11-03"));
    }

    #[test]
    fn resolution_numbers_with_dashes_normalise() {
        assert_eq!(
            one("Nghị quyết 23-NQ/TW của Bộ Chính trị").number,
            "23-NQ/TW"
        );
        let f = one("Triển khai Nghị quyết số 23 – NQ/TW, tỉnh");
        assert_eq!(f.number, "23-NQ/TW");
        assert_eq!(f.issuer.as_deref(), Some("Trung ương"));
    }

    #[test]
    fn decisions_and_circulars() {
        let f = one("Quyết định số 684/QĐ-UBND ngày 2/8/2021 của UBND tỉnh");
        assert_eq!(
            (f.kind, f.number.as_str()),
            (LegalKind::QuyetDinh, "684/QĐ-UBND")
        );
        assert_eq!(f.date.map(|d| d.to_string()).as_deref(), Some("2021-08-02"));
        let f = one("Thông tư số 55/2015/TT-BCT");
        assert_eq!(f.issuer.as_deref(), Some("Bộ Công Thương"));
        assert_eq!(
            one("Quyết định 1234/QĐ-TTg").issuer.as_deref(),
            Some("Thủ tướng")
        );
        assert_eq!(one("Luật số 04/2017/QH14").kind, LegalKind::Luat);
    }

    /// Legal-looking token soup: numbers, codes, separators, spaces of every kind.
    fn soup() -> impl proptest::strategy::Strategy<Value = String> {
        let tokens = proptest::sample::select(vec![
            "Nghị định",
            "Thông tư liên tịch",
            "Thông tư",
            "Luật",
            "số",
            "Quyết định",
            "xLuật",
            "111",
            "2015",
            "12345",
            "123456",
            "٣",
            "/",
            "-",
            "–",
            " - ",
            "/ ",
            " ",
            "  ",
            "\n",
            "\u{a0}",
            "NĐ",
            "CP",
            "QH14",
            "TTLT",
            "BCT",
            "Đ",
            "UBND",
            "ngày",
            "03/11/2015",
            "a",
            "ABCDEFGH",
            "NQ/TW",
            "1/QĐ-TTg",
            "é",
            ",",
            ".",
        ]);
        proptest::collection::vec(tokens, 0..40).prop_map(|t| t.concat())
    }

    use proptest::prelude::*;
    proptest! {
        #[test]
        fn windows_find_what_the_whole_text_search_finds(text in soup()) {
            let ours: Vec<_> = matches(&text).map(|m| m.range()).collect();
            let whole: Vec<_> = legal_re().find_iter(&text).map(|m| m.range()).collect();
            prop_assert_eq!(ours, whole);
        }
    }

    #[test]
    fn dates_phones_and_bare_numbers_are_not_legal_refs() {
        for t in [
            "ngày 16/09/2021",
            "Đường dây nóng: 0866.59.4498",
            "Nghị định số 32 về cụm công nghiệp",
            "Quý I/2024",
            "COVID-19",
        ] {
            assert!(find_legal(t, Reference::get()).is_empty(), "{t}");
        }
    }
}
