//! Legacy Vietnamese font encodings (TCVN3, VNI), as bytes and as UTF-8 mojibake, and
//! the score that picks the most Vietnamese-looking of the candidate decodings.

use super::{Raw, SAMPLE_LEN};
use encoding_rs::WINDOWS_1258;
use std::borrow::Cow;
use unicode_normalization::UnicodeNormalization;

/// The legacy font encodings: both also turn up as UTF-8 mojibake.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Font {
    Tcvn3,
    Vni,
}

impl Font {
    fn label(self) -> &'static str {
        match self {
            Font::Tcvn3 => "tcvn3",
            Font::Vni => "vni",
        }
    }

    fn name(self) -> &'static str {
        match self {
            Font::Tcvn3 => "TCVN3 (ABC)",
            Font::Vni => "VNI-Windows",
        }
    }

    fn decode(self, units: impl Iterator<Item = Unit>) -> String {
        match self {
            Font::Tcvn3 => tcvn3_decode(units),
            Font::Vni => vni_decode(units),
        }
    }
}

/// The candidates for bytes that are not UTF-8.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Legacy {
    Windows1258,
    Font(Font),
}

impl Legacy {
    fn label(self) -> &'static str {
        match self {
            Legacy::Windows1258 => "windows-1258",
            Legacy::Font(font) => font.label(),
        }
    }

    fn decode(self, bytes: &[u8]) -> String {
        match self {
            Legacy::Windows1258 => WINDOWS_1258
                .decode_without_bom_handling(bytes)
                .0
                .into_owned(),
            Legacy::Font(font) => font.decode(bytes.iter().map(|&b| Unit::Byte(b))),
        }
    }
}

/// One input unit for the legacy decoders: a byte of the legacy encoding, or a char
/// that was already Unicode (when undoing mojibake, text outside the byte range is
/// kept as it is).
#[derive(Debug, Clone, Copy)]
pub(super) enum Unit {
    Byte(u8),
    Char(char),
}

pub(super) fn decode_legacy(body: &[u8]) -> Raw<'static> {
    let sample = &body[..body.len().min(SAMPLE_LEN)];
    let mut best = Legacy::Windows1258;
    let mut best_score = i64::MIN;
    // Windows-1258 first: it wins ties, being the registered standard.
    for cand in [
        Legacy::Windows1258,
        Legacy::Font(Font::Tcvn3),
        Legacy::Font(Font::Vni),
    ] {
        let text: String = cand.decode(sample).nfc().collect();
        let score = vietnamese_score(&text).total();
        if score > best_score {
            best = cand;
            best_score = score;
        }
    }
    let note = match best {
        Legacy::Windows1258 if best_score > 0 => "not UTF-8; decoded as Windows-1258".to_owned(),
        // Some other 8-bit encoding: say so rather than present mojibake silently.
        Legacy::Windows1258 => {
            "not UTF-8 and not recognisably Vietnamese; decoded as Windows-1258, may be garbled"
                .to_owned()
        }
        Legacy::Font(font) => format!("legacy {} font encoding, converted", font.name()),
    };
    Raw {
        text: Cow::Owned(best.decode(body)),
        encoding: best.label(),
        notes: vec![note],
    }
}

/// Valid UTF-8 that is really TCVN3 or VNI text whose bytes were once read as
/// Windows-1252/Latin-1 and saved again ("C«ng nghiÖp", "Vieät Nam"). Cheap signals
/// on a sample decide whether to try; the word score decides whether to convert.
pub(super) fn unmojibake(s: &str) -> Option<Raw<'static>> {
    let sample = char_prefix(s, SAMPLE_LEN);
    if !may_be_mojibake(sample.as_bytes()) {
        return None;
    }
    let sig = scan_signals(sample);
    let try_tcvn = sig.tcvn >= 3 && sig.tcvn * 2 > sig.vn;
    let try_vni = sig.vni >= 3 && sig.vni * 2 > sig.vn;
    if !try_tcvn && !try_vni {
        return None;
    }
    let as_is: String = sample.nfc().collect();
    let base = vietnamese_score(&as_is).total();
    let mut best: Option<(Font, i64)> = None;
    for (font, enabled) in [(Font::Tcvn3, try_tcvn), (Font::Vni, try_vni)] {
        if !enabled {
            continue;
        }
        let text: String = font.decode(mojibake_units(sample)).nfc().collect();
        let score = vietnamese_score(&text);
        // Converting must produce recognisably Vietnamese text with its diacritics, so
        // that French with guillemets, or unaccented Vietnamese with a few © or °
        // signs, is never "converted".
        let plausible = score.common >= 2
            && score.common * 20 >= score.tokens
            && score.accented * 5 >= score.tokens;
        let beats_best = match best {
            Some((_, b)) => score.total() > b,
            None => true,
        };
        if plausible && score.total() > base + 3 && beats_best {
            best = Some((font, score.total()));
        }
    }
    let (font, _) = best?;
    Some(Raw {
        text: Cow::Owned(font.decode(mojibake_units(s))),
        encoding: font.label(),
        notes: vec![format!(
            "{} text that had been saved as UTF-8 mojibake, converted",
            font.name()
        )],
    })
}

use crate::text::clip_bytes as char_prefix;

/// Back from mojibake to the legacy bytes: U+0000–U+00FF are the bytes themselves
/// (Latin-1), and the Windows-1252 punctuation stands for 0x80–0x9F.
pub(super) fn mojibake_units(s: &str) -> impl Iterator<Item = Unit> + '_ {
    s.chars().map(|c| {
        if (c as u32) < 0x100 {
            Unit::Byte(c as u32 as u8)
        } else if let Some(i) = CP1252_HIGH.iter().position(|&h| h == c) {
            Unit::Byte(0x80 + i as u8)
        } else {
            Unit::Char(c)
        }
    })
}

/// Byte-level prefilter for [`scan_signals`]: every signal char is U+00A1–U+00FF, and
/// Vietnamese UTF-8 text has few of the ones that matter, so this keeps the per-char
/// scan off the common path. It also stops early once letters of U+1EA0–U+1EFF (which
/// mojibake cannot contain) clearly outnumber the suspects.
pub(super) fn may_be_mojibake(b: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let has_zero_byte = |x: u64| x.wrapping_sub(ONES) & !x & HIGHS != 0;
    let (mut suspects, mut vietnamese) = (0usize, 0usize);
    let mut i = 0;
    while i + 1 < b.len() {
        // Eight bytes at a time past stretches without a 0xC2, 0xC3 or 0xE1 lead byte.
        if let Some(chunk) = b.get(i..i + 8).and_then(|c| <[u8; 8]>::try_from(c).ok()) {
            let word = u64::from_le_bytes(chunk);
            let c2_c3 = has_zero_byte((word | ONES) ^ 0xC3C3_C3C3_C3C3_C3C3);
            let e1 = has_zero_byte(word ^ 0xE1E1_E1E1_E1E1_E1E1);
            if !c2_c3 && !e1 {
                i += 8;
                continue;
            }
        }
        let end = (i + 8).min(b.len() - 1);
        while i < end {
            let second = usize::from(b[i + 1]);
            match b[i] {
                0xC2 => suspects += usize::from(MOJIBAKE_SECOND[second] & 1),
                0xC3 => {
                    let after_lower = i > 0 && b[i - 1].is_ascii_lowercase();
                    let flags = MOJIBAKE_SECOND[second];
                    suspects +=
                        usize::from((flags >> 1 | if after_lower { flags >> 2 } else { 0 }) & 1);
                }
                0xE1 => vietnamese += usize::from(matches!(second, 0xBA | 0xBB)),
                _ => {}
            }
            i += 1;
        }
        if suspects >= 3 {
            return true;
        }
        if vietnamese >= 16 * (suspects + 1) {
            return false;
        }
    }
    false
}

/// For the second byte of a two-byte UTF-8 char: bit 0, a Latin-1 symbol after 0xC2
/// (U+00A1–U+00BF); bit 1, after 0xC3 a letter Vietnamese never uses (VNI marks:
/// "Vieät"); bit 2, after 0xC3 a capital, suspicious right after a lowercase letter
/// ("nghiÖp").
pub(super) const MOJIBAKE_SECOND: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0x80;
    while b <= 0xBF {
        if b >= 0xA1 {
            t[b] |= 1;
        }
        if b <= 0x9E {
            t[b] |= 4;
        }
        if matches!(
            b,
            0xA4 | 0xA5 | 0xA6 | 0xAB | 0xAE | 0xAF | 0xB1 | 0xB6 | 0xB8 | 0xBB | 0xBC
        ) {
            t[b] |= 2;
        }
        b += 1;
    }
    t
};

/// Latin-1 letters that VNI uses as mark bytes or for ơ/ư/đ, and Vietnamese never.
pub(super) const VNI_SIGNAL_LETTERS: &str = "øûïäåëüöñæîØÛÏÄÅËÜÖÑÆÎ";

#[derive(Debug, Default)]
pub(super) struct Signals {
    /// Letters only Vietnamese uses (ă đ ơ ư, U+1EA0–U+1EF9, tone marks).
    vn: usize,
    /// Latin-1 symbols, or capitals right after a lowercase letter: TCVN3 mojibake.
    tcvn: usize,
    /// Latin-1 letters Vietnamese never uses (ö ø ñ ä …): VNI mojibake.
    vni: usize,
}

pub(super) fn scan_signals(s: &str) -> Signals {
    let mut sig = Signals::default();
    let mut prev = ' ';
    // A symbol after a space or punctuation counts only if a letter follows ("«ng"),
    // so that "© 2023" or "30°C" are not taken for mojibake.
    let mut symbol_pending = false;
    for c in s.chars() {
        if matches!(
            c,
            'ă' | 'Ă' | 'đ' | 'Đ' | 'ơ' | 'Ơ' | 'ư' | 'Ư' | '\u{1EA0}'..='\u{1EF9}'
        ) || matches!(c, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}')
        {
            sig.vn += 1;
        }
        if symbol_pending && c.is_alphabetic() {
            sig.tcvn += 1;
        }
        symbol_pending = false;
        if matches!(c, '\u{A1}'..='\u{BF}') {
            if prev.is_alphabetic() {
                sig.tcvn += 1;
            } else if !prev.is_alphanumeric() {
                symbol_pending = true;
            }
        } else if prev.is_lowercase() && matches!(c, '\u{C0}'..='\u{DE}') {
            sig.tcvn += 1;
        }
        if VNI_SIGNAL_LETTERS.contains(c) {
            sig.vni += 1;
        }
        prev = c;
    }
    sig
}

/// Windows-1252 0x80–0x9F; its undefined positions stay C1 controls (removed later).
pub(super) const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

/// TCVN 5712:1993, 0x80–0xFF. The ABC fonts (VN3) use 0xA1–0xFF: lowercase letters
/// with every tone, and the capitals Ă Â Ê Ô Ơ Ư Đ (other capitals come from a
/// separate "H" font reusing the lowercase codes). VN1 fills the gaps and 0x80–0x9F
/// with the toned capitals; using it for those positions costs nothing for VN3 text.
/// 0xB0–0xB4 are combining tone marks, composed later by NFC.
pub(super) const TCVN3_HIGH: [char; 128] = [
    'À', 'Ả', 'Ã', 'Á', 'Ạ', 'Ặ', 'Ậ', 'È', // 0x80
    'Ẻ', 'Ẽ', 'É', 'Ẹ', 'Ệ', 'Ì', 'Ỉ', 'Ĩ', // 0x88
    'Í', 'Ị', 'Ò', 'Ỏ', 'Õ', 'Ó', 'Ọ', 'Ộ', // 0x90
    'Ờ', 'Ở', 'Ỡ', 'Ớ', 'Ợ', 'Ù', 'Ủ', 'Ũ', // 0x98
    '\u{A0}', 'Ă', 'Â', 'Ê', 'Ô', 'Ơ', 'Ư', 'Đ', // 0xA0
    'ă', 'â', 'ê', 'ô', 'ơ', 'ư', 'đ', 'Ằ', // 0xA8
    '\u{300}', '\u{309}', '\u{303}', '\u{301}', '\u{323}', 'à', 'ả', 'ã', // 0xB0
    'á', 'ạ', 'Ẳ', 'ằ', 'ẳ', 'ẵ', 'ắ', 'Ẵ', // 0xB8
    'Ắ', 'Ầ', 'Ẩ', 'Ẫ', 'Ấ', 'Ề', 'ặ', 'ầ', // 0xC0
    'ẩ', 'ẫ', 'ấ', 'ậ', 'è', 'Ể', 'ẻ', 'ẽ', // 0xC8
    'é', 'ẹ', 'ề', 'ể', 'ễ', 'ế', 'ệ', 'ì', // 0xD0
    'ỉ', 'Ễ', 'Ế', 'Ồ', 'ĩ', 'í', 'ị', 'ò', // 0xD8
    'Ổ', 'ỏ', 'õ', 'ó', 'ọ', 'ồ', 'ổ', 'ỗ', // 0xE0
    'ố', 'ộ', 'ờ', 'ở', 'ỡ', 'ớ', 'ợ', 'ù', // 0xE8
    'Ỗ', 'ủ', 'ũ', 'ú', 'ụ', 'ừ', 'ử', 'ữ', // 0xF0
    'ứ', 'ự', 'ỳ', 'ỷ', 'ỹ', 'ý', 'ỵ', 'Ố', // 0xF8
];

/// VN1 also puts a few capitals on C0 control codes.
pub(super) fn tcvn3_low(b: u8) -> Option<char> {
    Some(match b {
        0x01 => 'Ú',
        0x02 => 'Ụ',
        0x04 => 'Ừ',
        0x05 => 'Ử',
        0x06 => 'Ữ',
        0x11 => 'Ứ',
        0x12 => 'Ự',
        0x13 => 'Ỳ',
        0x14 => 'Ỷ',
        0x15 => 'Ỹ',
        0x16 => 'Ý',
        0x17 => 'Ỵ',
        _ => return None,
    })
}

pub(super) fn tcvn3_decode(units: impl Iterator<Item = Unit>) -> String {
    let mut out = String::new();
    let mut prev_upper = false;
    for unit in units {
        let c = match unit {
            Unit::Char(c) => c,
            Unit::Byte(b) if b < 0x80 => tcvn3_low(b).unwrap_or(b as char),
            // Word processors typing in an ABC font put Windows-1252 quotes and dashes
            // on these bytes, which VN1 also uses for capitals. Within a word of
            // capitals ("BỘ", "NGHỊ") they are letters; elsewhere, punctuation.
            Unit::Byte(b @ (0x85 | 0x91..=0x97)) if !prev_upper => {
                CP1252_HIGH[usize::from(b - 0x80)]
            }
            Unit::Byte(b) => TCVN3_HIGH[usize::from(b - 0x80)],
        };
        prev_upper = c.is_uppercase();
        out.push(c);
    }
    out
}

/// A VNI-Windows byte above 0x7F: a letter of its own, a mark completing the vowel
/// before it, or (anything else) the Windows-1252 character.
pub(super) enum VniByte {
    Letter(char),
    Mark(&'static str),
    Plain,
}

/// VNI-Windows writes a base vowel followed by one byte carrying its marks
/// ("Vieät" = Việt); i and ỵ, ơ, ư and đ have bytes of their own. Lowercase and
/// capital variants of each mark byte differ only by 0x20.
pub(super) fn vni_byte(b: u8) -> VniByte {
    use VniByte::{Letter, Mark, Plain};
    match b {
        0xF9 | 0xD9 => Mark("\u{301}"),
        0xF8 | 0xD8 => Mark("\u{300}"),
        0xFB | 0xDB => Mark("\u{309}"),
        0xF5 | 0xD5 => Mark("\u{303}"),
        0xEF | 0xCF => Mark("\u{323}"),
        0xE2 | 0xC2 => Mark("\u{302}"),
        0xE1 | 0xC1 => Mark("\u{302}\u{301}"),
        0xE0 | 0xC0 => Mark("\u{302}\u{300}"),
        0xE5 | 0xC5 => Mark("\u{302}\u{309}"),
        0xE3 | 0xC3 => Mark("\u{302}\u{303}"),
        0xE4 | 0xC4 => Mark("\u{302}\u{323}"),
        0xEA | 0xCA => Mark("\u{306}"),
        0xE9 | 0xC9 => Mark("\u{306}\u{301}"),
        0xE8 | 0xC8 => Mark("\u{306}\u{300}"),
        0xFA | 0xDA => Mark("\u{306}\u{309}"),
        0xFC | 0xDC => Mark("\u{306}\u{303}"),
        0xEB | 0xCB => Mark("\u{306}\u{323}"),
        0xF4 => Letter('ơ'),
        0xD4 => Letter('Ơ'),
        0xF6 => Letter('ư'),
        0xD6 => Letter('Ư'),
        0xED => Letter('í'),
        0xCD => Letter('Í'),
        0xEC => Letter('ì'),
        0xCC => Letter('Ì'),
        0xE6 => Letter('ỉ'),
        0xC6 => Letter('Ỉ'),
        0xF3 => Letter('ĩ'),
        0xD3 => Letter('Ĩ'),
        0xF2 => Letter('ị'),
        0xD2 => Letter('Ị'),
        0xEE => Letter('ỵ'),
        0xCE => Letter('Ỵ'),
        0xF1 => Letter('đ'),
        0xD1 => Letter('Đ'),
        _ => Plain,
    }
}

pub(super) fn vni_decode(units: impl Iterator<Item = Unit>) -> String {
    let mut out = String::new();
    // Marks attach only to a vowel that has no mark yet; elsewhere the byte is the
    // Latin-1 letter it looks like.
    let mut after_vowel = false;
    for unit in units {
        let c = match unit {
            Unit::Char(c) => c,
            Unit::Byte(b) if b < 0x80 => b as char,
            Unit::Byte(b) if b < 0xA0 => CP1252_HIGH[usize::from(b - 0x80)],
            Unit::Byte(b) => match vni_byte(b) {
                VniByte::Letter(c) => c,
                VniByte::Mark(marks) if after_vowel => {
                    out.push_str(marks);
                    after_vowel = false;
                    continue;
                }
                _ => char::from(b),
            },
        };
        after_vowel = matches!(
            c,
            'a' | 'e' | 'o' | 'u' | 'y' | 'A' | 'E' | 'O' | 'U' | 'Y' | 'ơ' | 'ư' | 'Ơ' | 'Ư'
        );
        out.push(c);
    }
    out
}

// ---------------------------------------------------------------------------
// Scoring candidate decodings

#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Score {
    pub(super) tokens: usize,
    /// Common or good tokens spelled with letters beyond ASCII.
    accented: usize,
    /// Very frequent Vietnamese syllables.
    pub(super) common: usize,
    /// Other well-formed syllables with Vietnamese letters.
    good: usize,
    /// Tokens no Vietnamese text contains: foreign letters or symbols inside a word,
    /// several tone marks, stray combining marks.
    pub(super) bad: usize,
}

impl Score {
    fn total(self) -> i64 {
        4 * self.common as i64 + self.good as i64 - 3 * self.bad as i64
    }
}

/// Expects NFC text.
pub(super) fn vietnamese_score(text: &str) -> Score {
    let mut score = Score::default();
    for raw in text.split(|c: char| c.is_whitespace() || c == '_') {
        let token = raw.trim_matches(|c: char| {
            c.is_ascii_punctuation() || matches!(c, '‘' | '’' | '“' | '”' | '…' | '–' | '—')
        });
        if token.is_empty() {
            continue;
        }
        score.tokens += 1;
        if token.is_ascii() {
            if is_common(&token.to_ascii_lowercase()) {
                score.common += 1;
            }
            continue;
        }
        let lower = token.to_lowercase();
        if is_common(&lower) {
            score.common += 1;
            score.accented += 1;
            continue;
        }
        let mut tones = 0;
        let mut foreign = false;
        for c in lower.chars() {
            if c.is_ascii_alphanumeric() {
                continue;
            }
            if TONED_LETTERS.contains(c) {
                tones += 1;
            } else if !TONELESS_LETTERS.contains(c) {
                foreign = true;
            }
        }
        if foreign || tones > 1 {
            score.bad += 1;
        } else {
            score.good += 1;
            score.accented += 1;
        }
    }
    score
}

pub(super) const TONED_LETTERS: &str =
    "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ";
pub(super) const TONELESS_LETTERS: &str = "ăâđêôơư";

/// Frequent syllables of Vietnamese news text, sorted bytewise for binary search.
#[rustfmt::skip]
pub(super) const COMMON_WORDS: &[&str] = &[
    "ban", "biến", "bị", "bộ", "cao", "cho", "chính", "chế", "chỉ", "chủ", "các", "còn",
    "có", "công", "cùng", "cũng", "cơ", "cần", "của", "doanh", "dân", "dịch", "dự", "dựng",
    "gia", "giai", "giá", "hiện", "hoá", "hoạch", "hoạt", "huyện", "hàng", "hóa", "hơn",
    "hỗ", "hội", "hợp", "khi", "khu", "không", "kinh", "kế", "lao", "là", "làm", "lý",
    "lĩnh", "lại", "lực", "mà", "mại", "một", "mới", "mục", "nam", "nghiệp", "nghìn",
    "ngành", "ngày", "người", "nhiều", "nhà", "nhân", "như", "nhưng", "những", "này",
    "nâng", "nên", "nông", "năm", "năng", "nước", "phát", "phương", "phải", "phấn", "phố",
    "qua", "quản", "quốc", "ra", "rất", "sau", "sản", "sẽ", "số", "sở", "sự", "thanh",
    "theo", "thành", "tháng", "thì", "thương", "thị", "thực", "tiêu", "triển", "triệu",
    "trong", "trên", "trước", "trường", "trị", "trọng", "trợ", "tác", "tăng", "tư", "tại",
    "tạo", "tế", "tỉ", "tỉnh", "tổng", "từ", "tỷ", "việc", "việt", "và", "vào", "về", "vốn",
    "với", "vụ", "vực", "xuất", "xây", "xã", "án", "đang", "điện", "đoạn", "đây", "đã",
    "đó", "được", "đạt", "đất", "đấu", "đầu", "đến", "đề", "để", "địa", "đối", "đồng",
    "động", "ủy",
];

pub(super) fn is_common(w: &str) -> bool {
    COMMON_WORDS.binary_search(&w).is_ok()
}
