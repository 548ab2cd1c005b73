//! Small text helpers shared by the extractors.
//!
//! The central idea is the *match key*: a copy of the text, lowercased and with
//! Vietnamese tone marks moved to one canonical vowel, that has exactly the same
//! byte length and char boundaries as the original. Every pattern (province
//! names, sector phrases, cue words) is matched on the key, and the spans it
//! yields are valid on the original text without any offset map.

/// Between the cells of a table row (or the two halves of a letter head) in a
/// document's text: a row stays one line, its label first.
pub const CELL_SEPARATOR: &str = " | ";

/// Lowercase and canonicalise tone placement without changing byte offsets.
pub fn match_key(s: &str) -> String {
    let bytes = s.as_bytes();
    // Built from slices of `s` and whole chars, so no UTF-8 check of the result is
    // needed; ASCII case is folded in one pass at the end, as most chars are ASCII.
    let mut out = String::with_capacity(s.len());
    // `s[copied..i]` goes to `out` as written.
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii() {
            i += 1;
            if b.is_ascii_whitespace() && b != b' ' {
                out.push_str(&s[copied..i - 1]);
                out.push(' ');
                copied = i;
                continue;
            }
            let l = b.to_ascii_lowercase();
            // Only an ASCII 'o'/'u' starts a pair whose tone moves (`lower_same_len`
            // never turns a wider char into one), and only a non-ASCII vowel follows.
            if matches!(l, b'o' | b'u') && bytes.get(i).is_some_and(|n| !n.is_ascii()) {
                if let Some(next) = s.get(i..).and_then(|r| r.chars().next()) {
                    if let Some((moved, base)) = move_tone(char::from(l), lower_same_len(next)) {
                        out.push_str(&s[copied..i - 1]);
                        out.push(moved);
                        out.push(base);
                        i += next.len_utf8();
                        copied = i;
                    }
                }
            }
            continue;
        }
        let Some(c) = s.get(i..).and_then(|r| r.chars().next()) else {
            break;
        };
        let l = lower_same_len(c);
        if l != c {
            out.push_str(&s[copied..i]);
            out.push(l);
            copied = i + c.len_utf8();
        }
        i += c.len_utf8();
    }
    out.push_str(s.get(copied..).unwrap_or(""));
    out.make_ascii_lowercase();
    out
}

/// The char-by-char definition of the match key, which `match_key` computes faster.
#[cfg(test)]
fn match_key_chars(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let c = lower_same_len(c);
        if matches!(c, 'o' | 'u') {
            if let Some((moved, base)) = chars.peek().and_then(|&n| move_tone(c, lower_same_len(n)))
            {
                out.push(moved);
                out.push(base);
                chars.next();
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// Phrases hold single spaces; a line break or tab inside a name is a space too.
fn lower_ascii(b: u8) -> u8 {
    if b.is_ascii_whitespace() {
        b' '
    } else {
        b.to_ascii_lowercase()
    }
}

/// Lowercase a char only when its lowercase form is one char of the same UTF-8 length.
fn lower_same_len(c: char) -> char {
    if let Ok(b) = u8::try_from(c) {
        if b.is_ascii() {
            return char::from(lower_ascii(b));
        }
    }
    // The Latin letters of Vietnamese without the case tables (a test checks every
    // char): Latin-1 capitals sit 0x20 below their small letters; in the blocks of
    // "Ạ".."ỹ", "Ă".."ũ" and "Ơ"/"Ư", capital and small alternate.
    let u = u32::from(c);
    let lower = match u {
        0xC0..=0xDE if u != 0xD7 => u + 0x20,
        0xDF..=0xFF => u,
        0x100..=0x12F | 0x132..=0x137 | 0x14A..=0x177 | 0x1EA0..=0x1EFF => u | 1,
        0x1A0 | 0x1AF => u + 1,
        0x1A1 | 0x1B0 => u,
        _ => return lower_same_len_tables(c),
    };
    char::from_u32(lower).unwrap_or(c)
}

fn lower_same_len_tables(c: char) -> char {
    if !c.is_uppercase() {
        return c;
    }
    let mut it = c.to_lowercase();
    match (it.next(), it.next()) {
        (Some(l), None) if l.len_utf8() == c.len_utf8() => l,
        _ => c,
    }
}

/// The two spellings "hoá"/"hóa", "thuỷ"/"thủy" are one word: move the tone of the
/// second vowel onto the first ('o' of oa/oe, 'u' of uy) when the byte length
/// stays the same (it does for every pair but ùy/ũy, which are left as written).
fn move_tone(first: char, second: char) -> Option<(char, char)> {
    const TONES_A: [char; 5] = ['á', 'à', 'ả', 'ã', 'ạ'];
    const TONES_E: [char; 5] = ['é', 'è', 'ẻ', 'ẽ', 'ẹ'];
    const TONES_Y: [char; 5] = ['ý', 'ỳ', 'ỷ', 'ỹ', 'ỵ'];
    const TONES_O: [char; 5] = ['ó', 'ò', 'ỏ', 'õ', 'ọ'];
    const TONES_U: [char; 5] = ['ú', 'ù', 'ủ', 'ũ', 'ụ'];
    let (table, base) = match (first, second) {
        ('o', s) if TONES_A.contains(&s) => (TONES_A, 'a'),
        ('o', s) if TONES_E.contains(&s) => (TONES_E, 'e'),
        ('u', s) if TONES_Y.contains(&s) => (TONES_Y, 'y'),
        _ => return None,
    };
    let tone = table.iter().position(|&t| t == second)?;
    let moved = if first == 'o' {
        TONES_O[tone]
    } else {
        TONES_U[tone]
    };
    (moved.len_utf8() + base.len_utf8() == first.len_utf8() + second.len_utf8())
        .then_some((moved, base))
}

/// True when the char can be part of a word (letters, digits, combining marks).
pub fn is_word_char(c: char) -> bool {
    match u32::from(c) {
        0..=0x7F => c.is_ascii_alphanumeric(),
        0x300..=0x36F => true,
        _ => is_letter(c) || c.is_numeric(),
    }
}

/// `char::is_alphabetic`, without the table search for Vietnamese letters: the Latin
/// blocks below are letters throughout but for '×' and '÷' (a test checks every char).
/// Called for most chars next to a number or a phrase match, where the search showed.
pub fn is_letter(c: char) -> bool {
    match u32::from(c) {
        0..=0x7F => c.is_ascii_alphabetic(),
        0xD7 | 0xF7 => false,
        0xC0..=0x24F | 0x1E00..=0x1EFF => true,
        _ => c.is_alphabetic(),
    }
}

/// Is the byte range `[start, end)` of `s` delimited by non-word chars on both sides?
/// Whether `s`, past any leading marks and spaces, opens with the phrase `w` as whole
/// words: the one test of "a sentence that starts with …" over match keys.
pub fn starts_with_word(s: &str, w: &str) -> bool {
    let head = s.trim_start_matches(|c: char| !is_word_char(c));
    head.starts_with(w) && !head[w.len()..].starts_with(is_word_char)
}

/// Whether `s`, past any trailing spaces, ends with the phrase `w` as whole words: "the
/// words right before a number are …".
pub fn ends_with_word(s: &str, w: &str) -> bool {
    let t = s.trim_end();
    t.ends_with(w) && on_word_boundary(t, t.len() - w.len(), t.len())
}

pub fn on_word_boundary(s: &str, start: usize, end: usize) -> bool {
    let before = s.get(..start).and_then(|p| p.chars().next_back());
    let after = s.get(end..).and_then(|p| p.chars().next());
    !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
}

/// The word (maximal run of word chars) that ends right before byte `pos`, skipping spaces.
pub fn word_before(s: &str, pos: usize) -> Option<(usize, &str)> {
    let head = s.get(..pos)?;
    let trimmed = head.trim_end_matches([' ', '\u{a0}']);
    if trimmed.is_empty() {
        return None;
    }
    let end = trimmed.len();
    let start = trimmed
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_word_char(*c) || *c == '/' || *c == '.')
        .last()
        .map(|(i, _)| i)?;
    Some((start, &s[start..end]))
}

/// The words of `s` from the last to the first, as byte ranges; the same words as
/// `split_whitespace`, found by bytes (its generic searcher cost hundreds of
/// instructions per call on the short clauses before each number).
pub fn words_rev(s: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let b = s.as_bytes();
    let mut i = b.len();
    std::iter::from_fn(move || {
        while let Some(n) = space_len_before(b, i) {
            i -= n;
        }
        if i == 0 {
            return None;
        }
        let end = i;
        // Byte by byte: in valid UTF-8 no whitespace pattern ends inside a char.
        while i > 0 && space_len_before(b, i).is_none() {
            i -= 1;
        }
        Some((i, end))
    })
}

/// The length of the whitespace char (`char::is_whitespace`) ending at byte `end` of
/// UTF-8 `b`, matched on its bytes (a test checks every char).
#[inline]
fn space_len_before(b: &[u8], end: usize) -> Option<usize> {
    let last = *b.get(end.checked_sub(1)?)?;
    if last < 0x80 {
        return matches!(last, b'\t'..=b'\r' | b' ').then_some(1);
    }
    let two = end >= 2 && b[end - 2] == 0xC2 && matches!(last, 0x85 | 0xA0);
    if two {
        return Some(2);
    }
    let three = end >= 3
        && matches!(
            (b[end - 3], b[end - 2], last),
            (0xE1, 0x9A, 0x80)
                | (0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF)
                | (0xE2, 0x81, 0x9F)
                | (0xE3, 0x80, 0x80)
        );
    three.then_some(3)
}

/// `s` cut to at most `max` bytes at a char boundary.
pub fn clip_bytes(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Cut `s` to at most `max` chars at a word boundary, adding an ellipsis.
pub fn truncate_words(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => &cut[..i],
        _ => &cut[..],
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

const LO: u64 = 0x0101_0101_0101_0101;
const HI: u64 = 0x8080_8080_8080_8080;

/// The eight bytes at `i` as one word, when there are eight: scanners test a word
/// at a time and look at single bytes only in words that may hold what they seek.
pub fn word_at(b: &[u8], i: usize) -> Option<u64> {
    b.get(i..i + 8)
        .and_then(|s| <[u8; 8]>::try_from(s).ok())
        .map(u64::from_le_bytes)
}

/// Does a byte of `w` equal `v`? (The zero-byte test on `w ^ v`, exact as a yes/no.)
pub fn has_byte(w: u64, v: u8) -> bool {
    let y = w ^ (LO * u64::from(v));
    y.wrapping_sub(LO) & !y & HI != 0
}

/// The first position from `i` where a byte of `wanted` may stand: whole 8-byte words that
/// hold none of them are skipped, and inside a word that does, the first such byte is
/// found. Near the end (fewer than 8 bytes left) it returns `i` unchanged, for the caller's
/// byte-by-byte loop.
pub fn skip_to_any(b: &[u8], mut i: usize, wanted: &[u8]) -> usize {
    while let Some(w) = word_at(b, i) {
        if wanted.iter().any(|&v| has_byte(w, v)) {
            return i + b[i..i + 8]
                .iter()
                .position(|c| wanted.contains(c))
                .unwrap_or(0);
        }
        i += 8;
    }
    i
}

/// A set of words and phrases found on word boundaries in one pass.
pub struct WordSet {
    ac: aho_corasick::AhoCorasick,
}

impl WordSet {
    /// `words` are compared as given: pass match keys to search match-key text.
    pub fn new<I, S>(words: I) -> WordSet
    where
        I: IntoIterator<Item = S>,
        S: AsRef<[u8]>,
    {
        let ac = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(words)
            .unwrap_or_else(|e| panic!("word set does not build: {e}"));
        WordSet { ac }
    }

    /// The first whole-word occurrence: (start, end, index of the word).
    pub fn first(&self, hay: &str) -> Option<(usize, usize, usize)> {
        self.ac
            .find_iter(hay)
            .find(|m| on_word_boundary(hay, m.start(), m.end()))
            .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
    }

    pub fn any(&self, hay: &str) -> bool {
        self.first(hay).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn words_rev_agrees_with_split_whitespace(
            t in "[ab đổ1\\t\\n\u{b}\u{85}\u{a0}\u{1680}\u{2003}\u{2028}\u{3000}\u{200b}]{0,24}"
        ) {
            let ours: Vec<&str> = words_rev(&t).map(|(a, b)| &t[a..b]).collect();
            let std: Vec<&str> = t.split_whitespace().rev().collect();
            proptest::prop_assert_eq!(ours, std);
        }
    }

    #[test]
    fn latin_shortcuts_lower_as_the_case_tables_do() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let want = if c.is_ascii() {
                char::from(lower_ascii(c as u8))
            } else {
                lower_same_len_tables(c)
            };
            assert_eq!(lower_same_len(c), want, "{c:?}");
        }
    }

    #[test]
    fn space_bytes_are_the_whitespace_chars() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let mut buf = [0; 4];
            let enc = c.encode_utf8(&mut buf).as_bytes();
            let len = space_len_before(enc, enc.len());
            assert_eq!(len, c.is_whitespace().then_some(enc.len()), "{c:?}");
        }
    }

    #[test]
    fn words_rev_finds_the_words_split_whitespace_finds() {
        for t in [
            "",
            " ",
            "a",
            "tăng  trưởng\t12 %",
            "\u{a0}đạt\u{85}mức\u{3000}x\u{2028}",
            "một\u{b}hai\u{1680}ba\u{200b}bốn ",
            "ổn định",
        ] {
            let ours: Vec<&str> = words_rev(t).map(|(a, b)| &t[a..b]).collect();
            let std: Vec<&str> = t.split_whitespace().rev().collect();
            assert_eq!(ours, std, "{t:?}");
        }
    }

    #[test]
    fn letter_shortcuts_agree_with_the_unicode_tables() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
            let word = c.is_alphanumeric() || ('\u{300}'..='\u{36f}').contains(&c);
            assert_eq!(is_word_char(c), word, "{c:?}");
        }
    }

    #[test]
    fn key_keeps_length_and_unifies_tone_styles() {
        for (a, b) in [
            ("Thanh Hóa", "Thanh Hoá"),
            ("Hòa Bình", "Hoà Bình"),
            ("Khánh Hòa", "KHÁNH HOÀ"),
            ("thủy điện", "thuỷ điện"),
            ("khỏe", "khoẻ"),
        ] {
            assert_eq!(match_key(a), match_key(b), "{a} / {b}");
            assert_eq!(match_key(a).len(), a.len());
            assert_eq!(match_key(b).len(), b.len());
        }
        assert_eq!(match_key("ĐÀ NẴNG"), "đà nẵng");
    }

    #[test]
    fn key_never_shifts_offsets() {
        let s = "Tùy theo TUỲ, ỲỲ İstanbul K Ω Thừa Thiên–Huế";
        let k = match_key(s);
        assert_eq!(k.len(), s.len());
        for (i, _) in s.char_indices() {
            assert!(k.is_char_boundary(i));
        }
    }

    #[test]
    fn ascii_fast_path_agrees_with_the_definition() {
        for s in [
            "",
            "O",
            "OÁ hoÀ HOẠ UỶ uÝ thuỳ Ùy o\u{301}a K Ω İ",
            "Thanh Hóa\r\n\tTHỦY ĐIỆN\u{a0}oé uy oa ouá",
            "ĐẦU TƯ 27,6 tỷ\nUSD; \u{1e9e} ẞ ǅ",
        ] {
            assert_eq!(match_key(s), match_key_chars(s), "{s:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn fast_key_matches_definition(s in "[oOuUaAyYeEkK \n\t\u{a0}\u{300}-\u{36f}\u{c0}-\u{24f}\u{1e00}-\u{1eff}\u{2126}\u{212a}]{0,40}") {
            proptest::prop_assert_eq!(match_key(&s), match_key_chars(&s));
        }
    }

    #[test]
    fn block_shortcut_agrees_with_the_case_tables() {
        for c in ('\u{0}'..=char::MAX).filter(|c| !c.is_ascii()) {
            assert_eq!(lower_same_len(c), lower_same_len_tables(c), "{c:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn word_test_agrees_with_bytes(b in proptest::array::uniform8(0u8..=255), v in 0u8..=255) {
            proptest::prop_assert_eq!(has_byte(u64::from_le_bytes(b), v), b.contains(&v));
        }
    }

    #[test]
    fn word_boundaries() {
        let s = "tại Long An.";
        let start = s.find("Long").unwrap();
        assert!(on_word_boundary(s, start, start + "Long An".len()));
        assert!(!on_word_boundary("Longa", 0, 4));
        let s = "ông Trương Hòa Bình";
        assert_eq!(
            word_before(s, s.find("Hòa").unwrap()).map(|w| w.1),
            Some("Trương")
        );
    }
}
