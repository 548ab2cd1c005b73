//! Province and national mentions.

use crate::model::{Place, Span};
use crate::reference::{PlaceHit, Reference};
use crate::text::{is_word_char, on_word_boundary, word_before};

/// A subject a clause may speak about: a place, or somewhere abroad or a region of
/// the country (`None`).
pub type Subject = Option<Place>;

/// A subject named in a text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Named {
    pub subject: Subject,
    pub span: Span,
    /// A region of the country ("miền Bắc"): no province's, not abroad.
    pub regional: bool,
}

/// Every place named in `text` (matched on its match key `key`), in order.
pub fn find_places(text: &str, key: &str, reference: &Reference) -> Vec<(Place, Span)> {
    find_subjects(text, key, reference)
        .into_iter()
        .filter_map(|n| Some((n.subject?, n.span)))
        .collect()
}

/// Every place, region and foreign subject named in `text`, in order.
pub fn find_subjects(text: &str, key: &str, reference: &Reference) -> Vec<Named> {
    let mut out: Vec<Named> = Vec::new();
    for m in reference.place_ac.find_iter(key) {
        let (start, end) = (m.start(), m.end());
        if !on_word_boundary(text, start, end) {
            continue;
        }
        let (hit, written) = reference.place_hit(&m);
        // A match that straddles a re-toned vowel pair is no word of the text.
        let Some(original) = text.get(start..end) else {
            continue;
        };
        if !case_fits(written, original) {
            continue;
        }
        let subject = match hit {
            PlaceHit::Nothing => continue,
            PlaceHit::Place(p @ Place::Province(_)) => {
                if names_something_else(text, start, reference)
                    || nickname(text, start)
                    || names_a_capital(text, key, start, end, reference)
                {
                    continue;
                }
                Some(p)
            }
            PlaceHit::Place(p) => Some(p),
            PlaceHit::Region => {
                // "ở phía Bắc của tỉnh": a direction within a place; "Tổng công ty Điện lực
                // miền Nam": a name.
                let of = text[end..].trim_start().starts_with("của ");
                let head = text[..start].trim_end();
                let named = reference
                    .organisation
                    .iter()
                    .any(|w| crate::text::ends_with_word(head, w));
                if of || named || names_something_else(text, start, reference) {
                    continue;
                }
                None
            }
            PlaceHit::Foreign => {
                if names_something_else(text, start, reference) || inside_a_name(text, start, end) {
                    continue;
                }
                None
            }
        };
        // "Bộ Thương mại Mỹ", "Chính phủ Nhật Bản": the country's body, not Vietnam's.
        if subject.is_none() {
            if let Some(last) = out.last_mut() {
                if last.subject == Some(Place::National)
                    && text[last.span.end..start].trim().is_empty()
                {
                    last.subject = None;
                }
            }
        }
        out.push(Named {
            subject,
            span: Span::new(start, end),
            regional: hit == PlaceHit::Region,
        });
    }
    out
}

/// A name the press gives the capital ("thủ đô", in `Reference::capital_words`) is Hà
/// Nội only said alone: followed by a name it is that city ("thủ đô Jakarta", "thủ đô
/// Lima"), known as a foreign place or not; cut off ("tại thủ đô…", at the end) it is
/// unknown.
fn names_a_capital(text: &str, key: &str, start: usize, end: usize, reference: &Reference) -> bool {
    let Some(word) = key.get(start..end) else {
        return false;
    };
    if !reference.capital_words.iter().any(|w| w == word) {
        return false;
    }
    let next = text[end..].trim_start().chars().next();
    next.is_none_or(|c| c.is_uppercase() || c == '…')
}

/// A name in quotes right after a person's name is a nickname ("Dũng “Huế”").
fn nickname(text: &str, start: usize) -> bool {
    let Some(head) = text[..start].strip_suffix(['"', '“', '\'', '‘']) else {
        return false;
    };
    head.strip_suffix(' ').is_some_and(|h| {
        word_before(h, h.len())
            .is_some_and(|(_, w)| w.chars().next().is_some_and(char::is_uppercase))
    })
}

/// Proper nouns keep their capitals: every word capitalised in the asset is
/// capitalised in the text ("Long An", not "long an toàn"; "châu Âu" either way).
fn case_fits(written: &str, original: &str) -> bool {
    let capitals = |s: &str| {
        s.split(|c: char| c.is_whitespace() || c == '-' || c == '–' || c == '.')
            .map(|w| {
                w.chars()
                    .find(|&c| crate::text::is_letter(c))
                    .map(char::is_uppercase)
            })
            .collect::<Vec<_>>()
    };
    // Most names are written as the text writes them.
    written == original || {
        let (want, got) = (capitals(written), capitals(original));
        want.iter()
            .zip(got.iter())
            .all(|(w, g)| *w != Some(true) || *g == Some(true))
    }
}

/// A foreign name with a capitalised word glued on either side is part of a longer
/// Vietnamese name ("Bình Mỹ", "Mỹ Hào") — unless that word opens the sentence.
fn inside_a_name(text: &str, start: usize, end: usize) -> bool {
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    if let Some((ws, w)) = word_before(text, start) {
        let gap = &text[ws + w.len()..start];
        let opens = text[..ws]
            .trim_end_matches([' ', '"', '“', '(', '\''])
            .chars()
            .next_back()
            .is_none_or(|c| matches!(c, '.' | '!' | '?' | ':' | '\n' | '–' | '-'));
        if gap == " " && capital(w) && !opens {
            return true;
        }
    }
    let after = &text[end..];
    after.starts_with(' ')
        && after[1..]
            .split(|c: char| !crate::text::is_word_char(c))
            .next()
            .is_some_and(capital)
}

/// A name right after a family name, a person's title or a subdivision word is a
/// person ("ông Trương Hòa Bình") or a smaller unit ("phường Long An").
fn names_something_else(text: &str, start: usize, reference: &Reference) -> bool {
    let Some((wstart, word)) = word_before(text, start) else {
        return false;
    };
    // Only a word separated by plain spaces counts: "Hà Nội, Long An" is a list.
    if text[wstart + word.len()..start].contains(|c: char| !c.is_whitespace()) {
        return false;
    }
    if reference.family_names.iter().any(|f| f == word) {
        return true;
    }
    let two = word_before(text, wstart)
        .filter(|(s, w)| {
            text[s + w.len()..wstart]
                .chars()
                .all(|c| c.is_whitespace() && c != '\n')
        })
        .map(|(_, w)| format!("{w} {word}"));
    let is_any = |list: &[String]| {
        list.iter()
            .any(|t| t == word || two.as_deref() == Some(t.as_str()))
    };
    is_any(&reference.person_titles) || is_any(&reference.subdivisions)
}

/// True when a word char sits right before `pos` (used by callers that glue tokens).
pub fn glued_before(text: &str, pos: usize) -> bool {
    text.get(..pos)
        .and_then(|h| h.chars().next_back())
        .is_some_and(is_word_char)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::match_key;

    fn names(text: &str) -> Vec<String> {
        let r = Reference::get();
        find_places(text, &match_key(text), r)
            .into_iter()
            .map(|(p, _)| r.place_name(p).to_string())
            .collect()
    }

    #[test]
    fn finds_names_aliases_and_prefixes() {
        assert_eq!(
            names("tỉnh Thanh Hoá và TP.HCM"),
            ["Thanh Hóa", "Hồ Chí Minh"]
        );
        assert_eq!(
            names("Thừa Thiên Huế, Bà Rịa - Vũng Tàu"),
            ["Huế", "Bà Rịa - Vũng Tàu"]
        );
        assert_eq!(names("cao hơn mức bình quân của cả nước"), ["Toàn quốc"]);
    }

    #[test]
    fn places_by_the_names_the_press_calls_them() {
        assert_eq!(names("người dân thủ đô mua sắm"), ["Hà Nội"]);
        assert_eq!(names("hàng hóa qua đất Cảng"), ["Hải Phòng"]);
        assert_eq!(names("Thủ đô Hà Nội"), ["Hà Nội"]);
        // Another country's capital, named or not in the foreign list.
        assert!(names("tại thủ đô Lima của Peru").is_empty());
        assert!(names("cách thủ đô Manila 80 km").is_empty());
        assert!(names("tại thủ đô…").is_empty());
        // A capital letter of the alias is one in the text: "đất cảng" is any port land.
        assert!(names("quỹ đất cảng biển").is_empty());
    }

    #[test]
    fn rejects_people_subdivisions_and_lowercase() {
        assert!(names("ông Trương Hòa Bình phát biểu").is_empty());
        assert!(names("tại phường Long An").is_empty());
        assert!(names("Tôn Anh Dũng “Huế” nhận 20 tỉ đồng").is_empty());
        assert!(names("đảm bảo an ninh, long an toàn").is_empty());
        assert!(names("vùng Thái Bình Dương").is_empty());
    }

    #[test]
    fn plants_and_companies_named_after_a_province_point_to_it() {
        assert_eq!(names("Thủy điện Sơn La"), ["Sơn La"]);
        assert_eq!(names("Tổng công ty Bia Sài Gòn"), ["Hồ Chí Minh"]);
    }

    fn abroad(text: &str) -> usize {
        find_subjects(text, &match_key(text), Reference::get())
            .iter()
            .filter(|n| n.subject.is_none())
            .count()
    }

    #[test]
    fn foreign_names_as_words_not_inside_vietnamese_ones() {
        assert_eq!(
            abroad("Tại Mỹ, giá tăng; xuất khẩu sang Hàn Quốc và châu Âu"),
            3
        );
        assert_eq!(
            abroad("KCN Phú Mỹ 2, huyện Mỹ Hào, ngành mỹ phẩm, cập nhật"),
            0
        );
        assert_eq!(abroad("Pháp luật về đầu tư; thị xã Bình Mỹ"), 0);
        // A body named with its country is that country's.
        assert_eq!(abroad("Theo Bộ Thương mại Mỹ, giá tăng"), 2);
    }
}
