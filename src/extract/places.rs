//! Province and national mentions.

use crate::model::{Place, Span};
use crate::reference::Reference;
use crate::text::{is_word_char, on_word_boundary, word_before};

/// Every place named in `text` (matched on its match key `key`), in order.
pub fn find_places(text: &str, key: &str, reference: &Reference) -> Vec<(Place, Span)> {
    let mut out = Vec::new();
    for m in reference.place_ac.find_iter(key) {
        let (start, end) = (m.start(), m.end());
        if !on_word_boundary(text, start, end) {
            continue;
        }
        let Some(place) = reference.place_of(&m) else {
            continue;
        };
        // A match that straddles a re-toned vowel pair is no word of the text.
        let Some(original) = text.get(start..end) else {
            continue;
        };
        if let Place::Province(_) = place {
            if !capitalised(original) || names_something_else(text, start, reference) {
                continue;
            }
        }
        out.push((place, Span::new(start, end)));
    }
    out
}

/// Province names are proper nouns: every word starts with a capital
/// ("Long An", not "long an toàn").
fn capitalised(s: &str) -> bool {
    s.split(|c: char| c.is_whitespace() || c == '-' || c == '–' || c == '.')
        .filter_map(|w| w.chars().find(|&c| crate::text::is_letter(c)))
        .all(|c| c.is_uppercase())
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
    fn rejects_people_subdivisions_and_lowercase() {
        assert!(names("ông Trương Hòa Bình phát biểu").is_empty());
        assert!(names("tại phường Long An").is_empty());
        assert!(names("đảm bảo an ninh, long an toàn").is_empty());
        assert!(names("vùng Thái Bình Dương").is_empty());
    }

    #[test]
    fn plants_and_companies_named_after_a_province_point_to_it() {
        assert_eq!(names("Thủy điện Sơn La"), ["Sơn La"]);
        assert_eq!(names("Tổng công ty Bia Sài Gòn"), ["Hồ Chí Minh"]);
    }
}
