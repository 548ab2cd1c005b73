//! Sector mentions: taxonomy phrases found in the text.

use crate::model::Span;
use crate::reference::Reference;
use crate::text::on_word_boundary;

/// (sector index, span) of every taxonomy phrase in the text, matched on its key.
pub fn find_sectors(text: &str, key: &str, reference: &Reference) -> Vec<(usize, Span)> {
    reference
        .sector_ac
        .find_iter(key)
        .filter(|m| on_word_boundary(text, m.start(), m.end()))
        .filter_map(|m| {
            let sector = reference.sector_of(&m)?;
            // Abbreviations ("CNHT", "LNG") count only when written in capitals.
            let original = text.get(m.range())?;
            let pattern_is_upper = reference.sectors[sector]
                .patterns
                .iter()
                .any(|p| p.eq_ignore_ascii_case(original) && p.chars().all(|c| !c.is_lowercase()));
            if pattern_is_upper && original.chars().any(|c| c.is_lowercase()) {
                return None;
            }
            Some((sector, Span::new(m.start(), m.end())))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::match_key;

    fn ids(text: &str) -> Vec<&'static str> {
        let r = Reference::get();
        find_sectors(text, &match_key(text), r)
            .into_iter()
            .map(|(s, _)| r.sectors[s].id.as_str())
            .collect()
    }

    #[test]
    fn longest_phrase_wins_and_false_friends_are_dropped() {
        assert_eq!(
            ids("CNHT ngành dệt may, da giày"),
            [
                "supporting-industries",
                "textiles-garments",
                "leather-footwear"
            ]
        );
        assert_eq!(
            ids("linh kiện điện tử và điện gió"),
            ["electronics", "renewable-energy"]
        );
        assert_eq!(
            ids("Cổng thông tin điện tử; thương mại điện tử"),
            Vec::<&str>::new()
        );
        assert_eq!(ids("công nghiệp chế biến, chế tạo"), ["manufacturing"]);
        assert_eq!(
            ids("công nghiệp hoá dược, hoá chất"),
            ["pharmaceuticals", "chemicals"]
        );
    }

    #[test]
    fn no_break_spaces_do_not_hide_a_phrase() {
        let text = crate::corpus::decode::normalize("sản xuất công nghiệp hỗ\u{a0}trợ;");
        assert_eq!(ids(&text), ["supporting-industries"]);
    }
}
