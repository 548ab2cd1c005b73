//! Decoding tests: every encoding, mojibake, terminal safety, normalisation.

use super::legacy::*;
use super::*;
use encoding_rs::WINDOWS_1258;

#[test]
fn odd_space_bytes_agree_with_the_definition() {
    for c in '\u{80}'..='\u{ffff}' {
        let mut buf = [0; 4];
        let b = c.encode_utf8(&mut buf).as_bytes();
        let want = if is_odd_space(c) { b.len() } else { 0 };
        assert_eq!(odd_space_len(b, 0), want, "{c:?}");
    }
    assert_eq!(unify_newlines("a\r\nb\rc\u{a0}d\u{3000}"), "a\nb\nc d ");
}
use proptest::prelude::*;

const SENTENCE: &str =
    "Thanh Hóa phấn đấu đạt tỷ trọng công nghiệp chế biến, chế tạo 25% vào năm 2030";

const PARAGRAPH: &str = "Ngày 15/3, UBND tỉnh Bắc Ninh tổ chức hội nghị xúc tiến đầu tư \
    vào các khu công nghiệp. Theo kế hoạch, đến năm 2025 tỉnh sẽ thu hút thêm nhiều dự án \
    sản xuất linh kiện điện tử, nâng tỷ trọng công nghiệp chế biến, chế tạo lên 75% GRDP. \
    Những doanh nghiệp được ưu đãi phải đáp ứng tiêu chí về công nghệ cao và bảo vệ môi \
    trường. Ông Nguyễn Văn Tuấn cho biết giá trị sản xuất công nghiệp năm 2022 tăng 12,5% \
    so với cùng kỳ, xuất khẩu đạt 48,2 tỷ USD.";

type CharEncoder = fn(char) -> Option<Vec<u8>>;

/// Encodes what the legacy encoding can hold; anything else becomes '?' in both
/// the bytes and the text the decoder is expected to return.
fn encode_lossy(s: &str, one: CharEncoder) -> (Vec<u8>, String) {
    let (mut bytes, mut expected) = (Vec::new(), String::new());
    for c in s.chars() {
        match one(c) {
            Some(b) => {
                bytes.extend(b);
                expected.push(c);
            }
            None => {
                bytes.push(b'?');
                expected.push('?');
            }
        }
    }
    (bytes, expected)
}

fn encode_all(s: &str, one: CharEncoder) -> Vec<u8> {
    let (bytes, expected) = encode_lossy(s, one);
    assert_eq!(expected, s, "not encodable");
    bytes
}

fn tcvn3_encode(s: &str) -> Vec<u8> {
    encode_all(s, tcvn3_char)
}

fn vni_encode(s: &str) -> Vec<u8> {
    encode_all(s, vni_char)
}

fn cp1258_encode(s: &str) -> Vec<u8> {
    encode_all(s, cp1258_char)
}

fn is_vietnamese_letter(c: char) -> bool {
    let lower = c.to_lowercase().next().unwrap_or(c);
    TONED_LETTERS.contains(lower) || TONELESS_LETTERS.contains(lower)
}

fn tcvn3_char(c: char) -> Option<Vec<u8>> {
    if c.is_ascii() {
        return Some(vec![c as u8]);
    }
    if let Some(i) = TCVN3_HIGH
        .iter()
        .position(|&t| t == c && !is_combining_tone(t))
    {
        return Some(vec![0x80 + i as u8]);
    }
    if let Some(b) = (0u8..0x20).find(|&b| tcvn3_low(b) == Some(c)) {
        return Some(vec![b]);
    }
    // Only the punctuation the decoder reads back as punctuation.
    let i = CP1252_HIGH.iter().position(|&h| h == c)?;
    matches!(i, 0x05 | 0x11..=0x17).then(|| vec![0x80 + i as u8])
}

fn is_combining_tone(c: char) -> bool {
    matches!(c, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}')
}

/// Base letter then one VNI mark byte, as VNI-Windows keyboards produce it.
fn vni_char(c: char) -> Option<Vec<u8>> {
    if c.is_ascii() {
        return Some(vec![c as u8]);
    }
    if let Some(i) = CP1252_HIGH.iter().position(|&h| h == c) {
        return Some(vec![0x80 + i as u8]);
    }
    if !is_vietnamese_letter(c) {
        return None;
    }
    let upper = c.is_uppercase();
    let own = |l: u8| if upper { l - 0x20 } else { l };
    let lower_c = c.to_lowercase().next().unwrap_or(c);
    let single = match lower_c {
        'í' => Some(0xED),
        'ì' => Some(0xEC),
        'ỉ' => Some(0xE6),
        'ĩ' => Some(0xF3),
        'ị' => Some(0xF2),
        'ỵ' => Some(0xEE),
        'đ' => Some(0xF1),
        _ => None,
    };
    if let Some(b) = single {
        return Some(vec![own(b)]);
    }
    let parts: Vec<char> = c.nfd().collect();
    let base = parts[0];
    let has = |m: char| parts.contains(&m);
    let tone = ['\u{301}', '\u{300}', '\u{309}', '\u{303}', '\u{323}']
        .iter()
        .position(|&m| has(m));
    let plain_tone = |t: usize| [0xF9, 0xF8, 0xFB, 0xF5, 0xEF][t];
    let mut out = Vec::new();
    let mark = if has('\u{31B}') {
        out.push(own(if base.eq_ignore_ascii_case(&'o') {
            0xF4
        } else {
            0xF6
        }));
        tone.map(plain_tone)
    } else {
        out.push(base as u8);
        if has('\u{302}') {
            Some(tone.map_or(0xE2, |t| [0xE1, 0xE0, 0xE5, 0xE3, 0xE4][t]))
        } else if has('\u{306}') {
            Some(tone.map_or(0xEA, |t| [0xE9, 0xE8, 0xFA, 0xFC, 0xEB][t]))
        } else {
            tone.map(plain_tone)
        }
    };
    out.extend(mark.map(own));
    Some(out)
}

/// Windows-1258 has no code for most toned letters: the tone goes after the
/// letter as a combining mark, the way Windows itself writes it.
fn cp1258_char(c: char) -> Option<Vec<u8>> {
    let (tones, rest): (Vec<char>, Vec<char>) = c.nfd().partition(|&m| is_combining_tone(m));
    let mut staged: String = rest.into_iter().collect::<String>().nfc().collect();
    staged.extend(tones);
    let (bytes, _, unmappable) = WINDOWS_1258.encode(&staged);
    (!unmappable).then(|| bytes.into_owned())
}

fn latin1_mojibake(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| char::from(b)).collect()
}

fn decode_ok(bytes: &[u8]) -> Decoded {
    decode_bytes(bytes).unwrap_or_else(|e| panic!("decode failed: {e}"))
}

#[test]
fn utf8_plain_and_bom() {
    let d = decode_ok(SENTENCE.as_bytes());
    assert_eq!(
        (d.text.as_str(), d.encoding, d.note),
        (SENTENCE, "utf-8", None)
    );
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(SENTENCE.as_bytes());
    let d = decode_ok(&bom);
    assert_eq!((d.text.as_str(), d.encoding), (SENTENCE, "utf-8-bom"));
}

#[test]
fn utf16_with_bom_both_orders() {
    let le: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(SENTENCE.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let be: Vec<u8> = [0xFE, 0xFF]
        .into_iter()
        .chain(SENTENCE.encode_utf16().flat_map(u16::to_be_bytes))
        .collect();
    let d = decode_ok(&le);
    assert_eq!((d.text.as_str(), d.encoding), (SENTENCE, "utf-16le"));
    let d = decode_ok(&be);
    assert_eq!((d.text.as_str(), d.encoding), (SENTENCE, "utf-16be"));
}

#[test]
fn utf16_without_bom_is_sniffed() {
    let text = format!("{SENTENCE}\r\n{PARAGRAPH}");
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let expected = format!("{SENTENCE}\n{PARAGRAPH}");
    let d = decode_ok(&le);
    assert_eq!(
        (d.text.as_str(), d.encoding),
        (expected.as_str(), "utf-16le")
    );
    assert!(d
        .note
        .unwrap_or_default()
        .contains("without byte-order mark"));
    let d = decode_ok(&be);
    assert_eq!(
        (d.text.as_str(), d.encoding),
        (expected.as_str(), "utf-16be")
    );
}

#[test]
fn decomposed_text_is_recomposed() {
    let nfd: String = SENTENCE.nfd().collect();
    assert_ne!(nfd, SENTENCE);
    let d = decode_ok(nfd.as_bytes());
    assert_eq!((d.text.as_str(), d.encoding), (SENTENCE, "utf-8"));
    assert!(d.note.unwrap_or_default().contains("recomposed"));
    // Tone marks alone decomposed, as Windows-1258 tools write them.
    let tones_only = String::from_utf8(
        WINDOWS_1258
            .decode(&cp1258_encode(SENTENCE))
            .0
            .as_bytes()
            .to_vec(),
    )
    .unwrap_or_default();
    assert_ne!(tones_only, SENTENCE);
    assert_eq!(normalize(&tones_only), SENTENCE);
}

#[test]
fn windows_1258() {
    for text in [SENTENCE, PARAGRAPH] {
        let d = decode_ok(&cp1258_encode(text));
        assert_eq!((d.text.as_str(), d.encoding), (text, "windows-1258"));
    }
}

#[test]
fn tcvn3_bytes() {
    for text in [SENTENCE, PARAGRAPH] {
        let d = decode_ok(&tcvn3_encode(text));
        assert_eq!((d.text.as_str(), d.encoding), (text, "tcvn3"));
        assert!(d.note.unwrap_or_default().contains("TCVN3"));
    }
}

#[test]
fn tcvn3_capitals_and_quotes_share_bytes() {
    // 0x93/0x94 are quotes in running text, Ỏ/Õ among capitals; 0x97 is Ộ in "BỘ".
    let mut bytes = tcvn3_encode("BỘ CÔNG THƯƠNG: các doanh nghiệp ");
    bytes.push(0x93);
    bytes.extend(tcvn3_encode("phát triển công nghiệp"));
    bytes.push(0x94);
    bytes.extend(tcvn3_encode(" của tỉnh và cả nước trong năm nay."));
    let d = decode_ok(&bytes);
    assert_eq!(d.encoding, "tcvn3");
    assert_eq!(
        d.text,
        "BỘ CÔNG THƯƠNG: các doanh nghiệp “phát triển công nghiệp” của tỉnh và cả nước trong năm nay."
    );
}

#[test]
fn vni_bytes() {
    let units = b"Vie\xE4t Nam".iter().map(|&b| Unit::Byte(b));
    assert_eq!(vni_decode(units).nfc().collect::<String>(), "Việt Nam");
    for text in [
        SENTENCE,
        PARAGRAPH,
        "NGƯỜI ĐỨNG ĐẦU TỈNH Quảng Ngãi và Đắk Lắk",
    ] {
        let d = decode_ok(&vni_encode(text));
        assert_eq!((d.text.as_str(), d.encoding), (text, "vni"));
    }
}

#[test]
fn tcvn3_mojibake_in_utf8() {
    let latin1 = latin1_mojibake(&tcvn3_encode(SENTENCE));
    assert!(latin1.contains("c«ng nghiÖp"));
    let d = decode_ok(latin1.as_bytes());
    assert_eq!((d.text.as_str(), d.encoding), (SENTENCE, "tcvn3"));
    assert!(d.note.unwrap_or_default().contains("mojibake"));
    // Through Windows-1252 instead of Latin-1, with smart quotes.
    let mut bytes = vec![0x93];
    bytes.extend(tcvn3_encode(PARAGRAPH));
    bytes.push(0x94);
    let cp1252 = encoding_rs::WINDOWS_1252.decode(&bytes).0.into_owned();
    let d = decode_ok(cp1252.as_bytes());
    assert_eq!(d.text, format!("“{PARAGRAPH}”"));
    assert_eq!(d.encoding, "tcvn3");
}

#[test]
fn vni_mojibake_in_utf8() {
    let text = latin1_mojibake(&vni_encode(PARAGRAPH));
    let d = decode_ok(text.as_bytes());
    assert_eq!((d.text.as_str(), d.encoding), (PARAGRAPH, "vni"));
}

#[test]
fn foreign_text_is_left_alone() {
    let french = "« Le café est très bon », dit-il. « Très », répond Zoë à l'école.";
    let d = decode_ok(french.as_bytes());
    assert_eq!((d.text.as_str(), d.encoding), (french, "utf-8"));
    let german = "Größere Übungen für Häuser: Öl, Ärger, Füße, Bäume, Körbe, Mühe.";
    let d = decode_ok(german.as_bytes());
    assert_eq!((d.text.as_str(), d.encoding), (german, "utf-8"));
    // Latin-1 bytes are not UTF-8: Windows-1258 agrees with Latin-1 on these.
    let (latin1, _, _) = encoding_rs::WINDOWS_1252.encode("Le café est très bon à Paris.");
    let d = decode_ok(&latin1);
    assert_eq!(
        (d.text.as_str(), d.encoding),
        ("Le café est très bon à Paris.", "windows-1258")
    );
    // Some other 8-bit encoding: decoded, but flagged.
    let (russian, _, _) = encoding_rs::WINDOWS_1251.encode("Промышленность Вьетнама растёт");
    let d = decode_ok(&russian);
    assert_eq!(d.encoding, "windows-1258");
    assert!(d.note.unwrap_or_default().contains("may be garbled"));
}

#[test]
fn unaccented_text_with_symbols_is_left_alone() {
    let text = "Cong nghiep che bien cua tinh va cac khu cong nghiep © 2023 ® \
        nhiet do 30°C, ty trong ½ trong nam theo ke hoach cho doanh nghiep ± 5%";
    let d = decode_ok(text.as_bytes());
    assert_eq!((d.text.as_str(), d.encoding), (text, "utf-8"));
}

#[test]
fn damaged_utf8_stays_utf8() {
    let mut bytes = PARAGRAPH.as_bytes().to_vec();
    bytes.insert(40, 0xFF);
    bytes.pop();
    bytes.extend_from_slice(&"ệ".as_bytes()[..2]);
    let d = decode_ok(&bytes);
    assert_eq!(d.encoding, "utf-8");
    assert!(d.text.starts_with(&PARAGRAPH[..40]));
    assert_eq!(d.text.matches('\u{FFFD}').count(), 2);
    assert!(d.note.unwrap_or_default().contains("invalid UTF-8"));
}

#[test]
fn empty_inputs() {
    for bytes in [
        &b""[..],
        b"   \n\t\r\n",
        b"\xEF\xBB\xBF",
        b"\xEF\xBB\xBF  \n",
        b"\xFF\xFE",
        b"\xFF\xFE \x00\n\x00",
        b"\xFE\xFF",
        b"\x1b[0m\n",
    ] {
        assert_eq!(decode_bytes(bytes), Err(DecodeError::Empty), "{bytes:?}");
    }
}

#[test]
fn binary_inputs() {
    let cases: &[(&[u8], &str)] = &[
        (b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n", "PDF document"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP archive"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        (b"\xFF\xD8\xFF\xE0\x00\x10JFIF", "JPEG image"),
        (b"GIF89a\x01\x00\x01\x00", "GIF image"),
        (b"\x7FELF\x02\x01\x01", "ELF executable"),
        (b"\x1F\x8B\x08\x00\x00\x00", "gzip archive"),
        (b"\x28\xB5\x2F\xFD\x04\x58", "zstd archive"),
        (b"Thanh H\xC3\xB3a\x00\x00\x01\x02 text", "NUL bytes"),
        (
            b"\x01\x02\x03\x04\x05\x06\x07\x08abc\x0e\x0f",
            "control bytes",
        ),
    ];
    for (bytes, reason) in cases {
        assert_eq!(
            decode_bytes(bytes),
            Err(DecodeError::Binary((*reason).to_owned())),
            "{reason}"
        );
    }
    assert_eq!(
        DecodeError::Binary("PDF document".into()).to_string(),
        "binary file (PDF document)"
    );
}

#[test]
fn escape_sequences_are_removed() {
    let cases = [
        ("\x1b[31;1mđỏ\x1b[0m thường", "đỏ thường"),
        (
            "a\x1b]8;;https://x.vn/\x1b\\link\x1b]8;;\x1b\\ b",
            "alink b",
        ),
        ("x\x1b]52;c;aGVsbG8=\x07y", "xy"),
        ("x\x1b]0;title\u{9c}y", "xy"),
        ("x\x1bP1$r0m\x1b\\y", "xy"),
        ("x\x1b(By\x1b7z\x1bcw", "xyzw"),
        ("x\u{9b}2Jy\u{9d}0;t\x07z", "xyz"),
        ("tab\tnew\nline\x00\x07\x08\x7f\u{85}", "tab\tnew\nline"),
        ("a\u{202E}b\u{2066}c\u{200F}d\u{61C}e", "abcde"),
        // Unterminated OSC: dropped to the end of its line, not the whole text.
        ("a\x1b]8;;http://evil\nsecond line", "a\nsecond line"),
        ("trailing escape\x1b", "trailing escape"),
        ("csi cut\x1b[12", "csi cut"),
    ];
    for (input, expected) in cases {
        assert_eq!(sanitize(input), expected, "{input:?}");
    }
    let clean = "Thanh Hóa – “công nghiệp” … ₫ 😀\tok\n";
    assert!(matches!(sanitize(clean), Cow::Borrowed(_)));
}

#[test]
fn normalize_line_endings_and_order() {
    assert_eq!(normalize("a\r\nb\rc\n\r\nd"), "a\nb\nc\n\nd");
    // A control between a letter and its tone mark must not block composition.
    assert_eq!(normalize("a\x01\u{301}"), "á");
    assert_eq!(normalize("\x1b[1mVie\u{302}\u{323}t\x1b[0m\r\n"), "Việt\n");
}

#[test]
fn common_words_are_sorted_nfc() {
    assert!(COMMON_WORDS.windows(2).all(|w| w[0] < w[1]));
    assert!(COMMON_WORDS
        .iter()
        .all(|w| unicode_normalization::is_nfc(w)));
}

#[test]
fn nfc_fast_path_agrees_with_library() {
    for s in [
        SENTENCE,
        PARAGRAPH,
        "e\u{301}",
        "\u{2000}",
        "Å",
        "Ω",
        "a\u{1EA0}\u{300}",
        "x\u{2126}",
        "ok\n\u{1100}\u{1161}",
        "ᄀ\u{1161}",
        "dòng một\nA\u{309}\nba",
        "Thanh Hóa 😀 \u{300}",
    ] {
        assert_eq!(is_nfc_fast(s), unicode_normalization::is_nfc(s), "{s:?}");
    }
}

/// The real odd files shipped with the project (read-only); skipped when absent.
#[test]
fn odd_corpus_files_decode_to_nfc_vietnamese() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/odd");
    let Some(entries) = shared_entries(&dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "tsv") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap_or_default();
        let d = decode_bytes(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(unicode_normalization::is_nfc(&d.text), "{}", path.display());
        assert!(
            !d.text.contains('\u{FFFD}') && !d.text.contains('\r'),
            "{}",
            path.display()
        );
        assert!(
            matches!(d.encoding, "utf-8" | "utf-16le"),
            "{}",
            path.display()
        );
        let score = vietnamese_score(&d.text);
        assert!(
            score.common * 5 > score.tokens,
            "{}: {score:?}",
            path.display()
        );
        assert!(
            score.bad * 50 < score.tokens,
            "{}: {score:?}",
            path.display()
        );
    }
}

/// Every odd file, re-encoded in each legacy encoding (and as UTF-8 mojibake of
/// the font encodings), must be recognised and come back unchanged.
#[test]
fn odd_corpus_round_trips_through_legacy_encodings() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/odd");
    let Some(entries) = shared_entries(&dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = path.display().to_string();
        if name.ends_with(".tsv") {
            continue;
        }
        let Ok(original) = decode_bytes(&std::fs::read(&path).unwrap_or_default()) else {
            panic!("{name}");
        };
        let encoders: [(&str, CharEncoder); 3] = [
            ("windows-1258", cp1258_char),
            ("tcvn3", tcvn3_char),
            ("vni", vni_char),
        ];
        for (label, one) in encoders {
            let (bytes, expected) = encode_lossy(&original.text, one);
            let d = decode_ok(&bytes);
            assert_eq!(d.encoding, label, "{name}");
            assert!(d.text == expected, "{name} as {label}");
            if label != "windows-1258" {
                let d = decode_ok(latin1_mojibake(&bytes).as_bytes());
                assert_eq!(d.encoding, label, "{name} mojibake");
                assert!(d.text == expected, "{name} as {label} mojibake");
            }
        }
    }
}

fn removed(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{61C}')
}

fn nasty_string() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        any::<String>(),
        Just("\x1b[".to_owned()),
        Just("\x1b]8;;".to_owned()),
        Just("\x1b\\".to_owned()),
        Just("\u{9b}".to_owned()),
        Just("\u{9d}".to_owned()),
        Just("\x07".to_owned()),
        Just("\r".to_owned()),
        Just("\u{202E}".to_owned()),
        Just("e\u{302}\u{301}".to_owned()),
        "[a-z0-9;\\[\\]]{0,6}",
    ];
    proptest::collection::vec(piece, 0..12).prop_map(|v| v.concat())
}

#[test]
fn quick_pass_passes_only_what_the_three_passes_leave_alone() {
    // Every char up to U+3000 after a letter, alone and before a combining mark.
    for c in (0..=0x3000u32).filter_map(char::from_u32) {
        for t in [format!("a{c}b"), format!("a{c}\u{301}"), format!("{c}")] {
            if plainly_normal(t.as_bytes()) {
                assert!(matches!(unify_newlines(&t), Cow::Borrowed(_)), "{c:?}");
                assert!(matches!(sanitize(&t), Cow::Borrowed(_)), "{c:?}");
                assert!(
                    is_nfc_fast(&t) && unicode_normalization::is_nfc(&t),
                    "{c:?}"
                );
            }
        }
    }
    assert!(plainly_normal("Sơn La đạt 40% – “mục tiêu” … ₫".as_bytes()));
    for t in [
        "a\r\nb",
        "a\u{a0}b",
        "a\u{1b}[31m",
        "a\u{202e}b",
        "o\u{301}",
        "\u{85}",
    ] {
        assert!(!plainly_normal(t.as_bytes()), "{t:?}");
    }
}

proptest! {
    #[test]
    fn quick_pass_agrees_with_the_three_passes(s in nasty_string()) {
        if plainly_normal(s.as_bytes()) {
            let passes = normalize_passes(&s);
            prop_assert!(passes.text.is_none() && !passes.sanitized && !passes.recomposed);
        }
    }

    #[test]
    fn decode_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        if let Ok(d) = decode_bytes(&bytes) {
            prop_assert!(!d.text.chars().any(removed));
            prop_assert!(unicode_normalization::is_nfc(&d.text));
        }
    }

    #[test]
    fn decode_never_panics_on_text_like_bytes(s in nasty_string(), high in proptest::collection::vec(128u8.., 0..20)) {
        let mut bytes = s.into_bytes();
        for (i, b) in high.into_iter().enumerate() {
            let at = (i * 7919) % (bytes.len() + 1);
            bytes.insert(at, b);
        }
        let _ = decode_bytes(&bytes);
    }

    #[test]
    fn nfc_fast_path_matches_library(s in nasty_string()) {
        prop_assert_eq!(is_nfc_fast(&s), unicode_normalization::is_nfc(&s));
    }

    #[test]
    fn sanitized_and_normalized_output_is_safe(s in nasty_string()) {
        let clean = sanitize(&s);
        prop_assert!(!clean.chars().any(removed));
        prop_assert!(!clean.contains('\x1b'));
        let again = sanitize(&clean);
        prop_assert_eq!(again.as_ref(), clean.as_ref());
        let n = normalize(&s);
        prop_assert!(!n.chars().any(removed));
        prop_assert!(!n.contains('\r'));
        prop_assert!(unicode_normalization::is_nfc(&n));
    }
}

/// The files of a `../shared` folder; `None` (the test is skipped, with a note) when
/// it is missing, except under `CI=true`, where a missing folder fails the test.
fn shared_entries(dir: &std::path::Path) -> Option<std::fs::ReadDir> {
    match std::fs::read_dir(dir) {
        Ok(entries) => Some(entries),
        Err(e) if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!("{} is missing under CI: {e}", dir.display())
        }
        Err(_) => {
            eprintln!("skipped: {} is missing", dir.display());
            None
        }
    }
}
