//! Bytes to clean NFC text (SPEC §6).
//!
//! Files reach vnie from many tools: modern UTF-8 (sometimes with decomposed tone
//! marks), UTF-16 exports from Windows, Windows-1258, and documents typed with the
//! legacy Vietnamese font encodings TCVN3 (ABC) and VNI-Windows, which put Vietnamese
//! letters on byte values that every other encoding reads as Latin-1 symbols. Those
//! legacy files are recognised and converted rather than shown as mojibake. Everything
//! decoded here is later drawn in a terminal, so control characters and escape
//! sequences are removed as well.

use crate::text::skip_to_any;
use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE};
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

mod legacy;
mod terminal;

use legacy::{decode_legacy, unmojibake};
use terminal::{find_unsafe, unsafe_len, utf8_len};

/// Text of one file, ready for segmentation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// NFC, LF line endings, no control characters or escape sequences.
    pub text: String,
    /// "utf-8", "utf-8-bom", "utf-16le", "utf-16be", "windows-1258", "tcvn3" or "vni".
    pub encoding: &'static str,
    /// Anything a user checking the file should know (conversions, repairs).
    pub note: Option<String>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DecodeError {
    #[error("empty file")]
    Empty,
    #[error("binary file ({0})")]
    Binary(String),
    /// Reserved for a legacy font encoding that is recognised but has no converter.
    /// TCVN3 and VNI are both converted today, so `decode_bytes` does not return it.
    #[error("legacy font encoding {0} could not be converted")]
    Unsupported(&'static str),
}

/// Detection only looks at a prefix: the work per file stays bounded, and the start of
/// an article holds plenty of words to tell the encodings apart.
const SAMPLE_LEN: usize = 64 * 1024;

/// Decodes a whole file. The result is normalised (see [`normalize`]).
pub fn decode_bytes(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    if let Some(kind) = magic_kind(bytes) {
        return Err(DecodeError::Binary(kind.to_owned()));
    }
    let raw = decode_raw(bytes)?;
    finish(raw)
}

/// Removes everything that could change the state of a terminal: escape sequences
/// (CSI, OSC including hyperlinks and clipboard writes, DCS/SOS/PM/APC strings, and
/// two-character escapes), C0 controls other than `\n` and `\t`, DEL, C1 controls, and
/// bidirectional formatting characters (which can make text display in an order other
/// than the one stored). Borrows when nothing needs removing.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    let bytes = s.as_bytes();
    let Some(first) = find_unsafe(bytes, 0) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len());
    let mut clean_from = 0;
    let mut at = first;
    loop {
        out.push_str(&s[clean_from..at]);
        clean_from = at + unsafe_len(s, at);
        match find_unsafe(bytes, clean_from) {
            Some(next) => at = next,
            None => break,
        }
    }
    out.push_str(&s[clean_from..]);
    Cow::Owned(out)
}

/// CRLF and lone CR become LF, then [`sanitize`], then NFC. Sanitising comes before NFC
/// so that removing a control character between a letter and its combining mark cannot
/// leave the result un-normalised.
pub fn normalize(s: &str) -> String {
    match normalize_parts(s).text {
        Some(changed) => changed,
        None => s.to_owned(),
    }
}

struct Normalized {
    /// `None` when the input was already normal.
    text: Option<String>,
    recomposed: bool,
    sanitized: bool,
}

fn normalize_parts(s: &str) -> Normalized {
    if plainly_normal(s.as_bytes()) {
        return Normalized {
            text: None,
            recomposed: false,
            sanitized: false,
        };
    }
    normalize_passes(s)
}

/// Newlines and odd spaces, then controls, then NFC, each in its own pass.
fn normalize_passes(s: &str) -> Normalized {
    let unified = unify_newlines(s);
    let sanitized_text = match sanitize(&unified) {
        Cow::Owned(o) => Some(o),
        Cow::Borrowed(_) => None,
    };
    let sanitized = sanitized_text.is_some();
    let stage: Option<String> = match (sanitized_text, unified) {
        (Some(o), _) | (None, Cow::Owned(o)) => Some(o),
        (None, Cow::Borrowed(_)) => None,
    };
    let current: &str = stage.as_deref().unwrap_or(s);
    if is_nfc_fast(current) {
        return Normalized {
            text: stage,
            recomposed: false,
            sanitized,
        };
    }
    // NFC never composes across a newline, so only the lines that need it go through
    // the (slow) composer: a large file with one decomposed letter stays fast.
    let mut composed = String::with_capacity(current.len());
    for line in current.split_inclusive('\n') {
        if is_nfc_fast(line) {
            composed.push_str(line);
        } else {
            composed.extend(line.nfc());
        }
    }
    let recomposed = composed != current;
    Normalized {
        text: Some(composed),
        recomposed,
        sanitized,
    }
}

/// How [`plainly_normal`] treats each byte: 0 passes; C2, E1 and E2 lead chars that
/// pass or not by the next bytes; anything else ends the quick pass.
const PLAIN: [u8; 256] = {
    let mut t = [0xFF; 256];
    let mut b = 0x20;
    while b < 0x7F {
        t[b] = 0;
        b += 1;
    }
    t[b'\t' as usize] = 0;
    t[b'\n' as usize] = 0;
    // Continuation bytes, and the leads of U+00C0..U+02FF (Latin letters, no marks).
    let mut b = 0x80;
    while b <= 0xCB {
        t[b] = if b == 0xC2 {
            0xC2
        } else if b >= 0xC0 && b < 0xC3 {
            0xFF
        } else {
            0
        };
        b += 1;
    }
    t[0xE1] = 0xE1;
    t[0xE2] = 0xE2;
    t
};

/// One pass that proves the usual case: no CR, odd space, control or bidi char, and
/// nothing NFC could change (ASCII, Latin letters, "Ạ".."ỹ", common punctuation such as
/// '–', '“', '…'). Then the three passes of [`normalize_parts`] (each as costly as
/// this one) are skipped; any other byte leaves the decision to them.
fn plainly_normal(b: &[u8]) -> bool {
    let mut i = 0;
    while i < b.len() {
        match PLAIN[b[i] as usize] {
            0 => i += 1,
            // U+00A1..U+00BF: « » © ° ± … (not C1 controls, not the no-break space).
            0xC2 if matches!(b.get(i + 1), Some(0xA1..=0xBF)) => i += 2,
            // U+1E00..U+1EFF, the precomposed letters with tone marks.
            0xE1 if matches!(b.get(i + 1), Some(0xB8..=0xBB)) => i += 3,
            // General punctuation and currency, minus odd spaces, bidi and invisible marks.
            0xE2 if matches!(
                (b.get(i + 1), b.get(i + 2)),
                (Some(0x80), Some(0x90..=0xA7 | 0xB0..=0xBF))
                    | (Some(0x81), Some(0x80..=0x9E | 0xAA..=0xBF))
                    | (Some(0x82), Some(0x80..=0xBF))
            ) =>
            {
                i += 3
            }
            _ => return false,
        }
    }
    true
}

/// Unicode space separators (no-break, thin, ideographic …) as one plain space: a
/// no-break space inside "hỗ\u{a0}trợ" must not hide the phrase from the extractors.
/// (`odd_space_len` is what the code uses; this is its definition.)
#[cfg(test)]
fn is_odd_space(c: char) -> bool {
    matches!(
        c,
        '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}'
    )
}

/// CRLF and lone CR become LF; odd spaces become ' '.
fn unify_newlines(s: &str) -> Cow<'_, str> {
    let b = s.as_bytes();
    let mut out: Option<String> = None;
    // `s[copied..i]` goes to `out` as written.
    let mut copied = 0;
    let mut i = 0;
    while i < b.len() {
        // '\r' and the lead bytes of the odd spaces; other words are skipped whole.
        i = skip_to_any(b, i, &[b'\r', 0xC2, 0xE2, 0xE3]);
        if i >= b.len() {
            break;
        }
        let (skip, with) = match b[i] {
            b'\r' if b.get(i + 1) == Some(&b'\n') => (2, '\n'),
            b'\r' => (1, '\n'),
            c if c >= 0x80 => match odd_space_len(b, i) {
                0 => (0, ' '),
                n => (n, ' '),
            },
            _ => (0, ' '),
        };
        if skip == 0 {
            i += 1;
            continue;
        }
        let o = out.get_or_insert_with(|| String::with_capacity(s.len()));
        o.push_str(&s[copied..i]);
        o.push(with);
        i += skip;
        copied = i;
    }
    match out {
        Some(mut o) => {
            o.push_str(&s[copied..]);
            Cow::Owned(o)
        }
        None => Cow::Borrowed(s),
    }
}

/// The UTF-8 length of the odd space (`is_odd_space`) starting at `b[i]`, or 0.
fn odd_space_len(b: &[u8], i: usize) -> usize {
    let next = |k: usize| b.get(i + k).copied();
    match (b[i], next(1), next(2)) {
        (0xC2, Some(0xA0), _) => 2,
        (0xE2, Some(0x80), Some(0x80..=0x8A | 0xAF)) | (0xE2, Some(0x81), Some(0x9F)) => 3,
        (0xE3, Some(0x80), Some(0x80)) => 3,
        _ => 0,
    }
}

/// True when `s` is certainly NFC. Vietnamese text is almost all ASCII, Latin-1/
/// Latin Extended letters, the precomposed block U+1E00–U+1EFF and punctuation, none of
/// which can change under NFC; those are skipped bytewise and only the rest goes to the
/// (slower, table-driven) quick check.
fn is_nfc_fast(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        // Whole blocks of such bytes at once; else straight to the first other byte.
        if let Some(block) = b.get(i..i + 16) {
            if block.iter().fold(true, |a, &c| a & (c < 0xCC)) {
                i += 16;
                continue;
            }
            i += block.iter().position(|&c| c >= 0xCC).unwrap_or(0);
        }
        let lead = b[i];
        if lead < 0xCC {
            // ASCII, continuation bytes, and lead bytes of U+0080..U+02FF, which have no
            // decompositions that NFC keeps and are all of combining class 0. One
            // well-predicted comparison per byte keeps this loop fast.
            i += 1;
        } else if lead == 0xE1 && matches!(b.get(i + 1), Some(0xB8..=0xBB)) {
            // U+1E00..U+1EFF, the precomposed Latin letters with tone marks.
            i += 3;
        } else if lead == 0xE2
            && match (b.get(i + 1), b.get(i + 2)) {
                // U+2002..U+203F (U+2000/2001 decompose to U+2002/2003).
                (Some(0x80), Some(t)) => *t >= 0x82,
                // U+2040..U+20BF: punctuation, super/subscripts, currency (₫).
                (Some(0x81 | 0x82), Some(_)) => true,
                _ => false,
            }
        {
            i += 3;
        } else {
            let len = utf8_len(lead);
            // Any other char that is a starter and never composes is skipped too; a
            // starter that could compose with what follows is caught by the next char.
            let stable_starter = s
                .get(i..i + len)
                .and_then(|c| c.chars().next())
                .is_some_and(|c| {
                    unicode_normalization::char::canonical_combining_class(c) == 0
                        && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes
                });
            if !stable_starter {
                // Only the starter just before this char can compose with it, and NFC
                // never reaches across a newline, so checking that stretch is exact.
                let mut from = i.saturating_sub(1);
                while !s.is_char_boundary(from) {
                    from -= 1;
                }
                let to = s[i..].find('\n').map_or(s.len(), |p| i + p);
                let stretch = &s[from..to];
                let nfc = match is_nfc_quick(stretch.chars()) {
                    IsNormalized::Yes => true,
                    IsNormalized::No => false,
                    IsNormalized::Maybe => unicode_normalization::is_nfc(stretch),
                };
                if !nfc {
                    return false;
                }
                i = to;
                continue;
            }
            i += len;
        }
    }
    true
}

// ---------------------------------------------------------------------------
// Container detection

fn magic_kind(b: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"%PDF", "PDF document"),
        (b"PK\x03\x04", "ZIP archive"),
        (b"PK\x05\x06", "ZIP archive"),
        (b"\x89PNG\r\n\x1a\n", "PNG image"),
        (b"\xFF\xD8\xFF", "JPEG image"),
        (b"GIF87a", "GIF image"),
        (b"GIF89a", "GIF image"),
        (b"\x7FELF", "ELF executable"),
        (b"\x1F\x8B", "gzip archive"),
        (b"\x28\xB5\x2F\xFD", "zstd archive"),
        (b"\xFD7zXZ\x00", "xz archive"),
        (b"7z\xBC\xAF\x27\x1C", "7-Zip archive"),
        (b"Rar!\x1A\x07", "RAR archive"),
        (
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
            "legacy Office document",
        ),
        (b"SQLite format 3\x00", "SQLite database"),
        (b"OggS", "Ogg media"),
    ];
    if let Some((_, kind)) = MAGIC.iter().find(|(magic, _)| b.starts_with(magic)) {
        return Some(kind);
    }
    if b.len() >= 10 && b.starts_with(b"BZh") && b[3].is_ascii_digit() && &b[4..10] == b"1AY&SY" {
        return Some("bzip2 archive");
    }
    if b.len() >= 12
        && b.starts_with(b"RIFF")
        && b[8..12]
            .iter()
            .all(|c| c.is_ascii_alphanumeric() || *c == b' ')
    {
        return Some("RIFF media file");
    }
    None
}

struct Raw<'a> {
    text: Cow<'a, str>,
    encoding: &'static str,
    notes: Vec<String>,
}

fn decode_raw(bytes: &[u8]) -> Result<Raw<'_>, DecodeError> {
    if bytes.starts_with(&[0xFF, 0xFE, 0, 0]) || bytes.starts_with(&[0, 0, 0xFE, 0xFF]) {
        return Err(DecodeError::Binary("UTF-32 text, not supported".to_owned()));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return decode_utf16(rest, UTF_16LE, Vec::new());
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return decode_utf16(rest, UTF_16BE, Vec::new());
    }
    // Without NULs there can be no BOM-less UTF-16 (its ASCII has a zero byte).
    if bytes.contains(&0) {
        if let Some(enc) = sniff_utf16(bytes) {
            let note = "UTF-16 without byte-order mark".to_owned();
            return decode_utf16(bytes, enc, vec![note]);
        }
        return Err(DecodeError::Binary("NUL bytes".to_owned()));
    }
    let (body, utf8_label) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (rest, "utf-8-bom"),
        None => (bytes, "utf-8"),
    };
    if control_heavy(&body[..body.len().min(SAMPLE_LEN)]) {
        return Err(DecodeError::Binary("control bytes".to_owned()));
    }
    Ok(decode_8bit(body, utf8_label))
}

fn control_heavy(sample: &[u8]) -> bool {
    let controls: usize = sample
        .iter()
        .map(|&b| usize::from(BINARY_CONTROL[usize::from(b)]))
        .sum();
    controls >= 4 && controls * 10 > sample.len()
}

/// Control bytes that text files do not contain; tab, newline, CR, form feed and ESC
/// (colour codes in logs) do occur in text.
const BINARY_CONTROL: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = !matches!(b, 0x09 | 0x0A | 0x0C | 0x0D | 0x1B);
        b += 1;
    }
    t[0x7F] = true;
    t
};

fn decode_utf16<'a>(
    body: &'a [u8],
    enc: &'static Encoding,
    mut notes: Vec<String>,
) -> Result<Raw<'a>, DecodeError> {
    let little = enc == UTF_16LE;
    let units = body[..body.len().min(SAMPLE_LEN)].chunks_exact(2).map(|p| {
        if little {
            u16::from_le_bytes([p[0], p[1]])
        } else {
            u16::from_be_bytes([p[0], p[1]])
        }
    });
    let (mut total, mut controls) = (0usize, 0usize);
    for u in units {
        total += 1;
        if (u < 0x20 && !matches!(u, 0x09 | 0x0A | 0x0C | 0x0D | 0x1B)) || u == 0x7F {
            controls += 1;
        }
    }
    if controls >= 4 && controls * 10 > total {
        return Err(DecodeError::Binary("control characters".to_owned()));
    }
    let (text, had_errors) = enc.decode_without_bom_handling(body);
    if had_errors {
        notes.push("invalid UTF-16 sequences replaced by U+FFFD".to_owned());
    }
    let label = if little { "utf-16le" } else { "utf-16be" };
    Ok(Raw {
        text,
        encoding: label,
        notes,
    })
}

/// UTF-16 without a BOM: Latin-script text puts a zero in the high byte of most units,
/// so one byte parity is full of NULs and the other has almost none. The decoded
/// sample must also be mostly Latin/Vietnamese text, so that binary tables of 16-bit
/// numbers are not mistaken for it (they are reported as NUL bytes instead).
fn sniff_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096)];
    let pairs = sample.len() / 2;
    if pairs < 2 {
        return None;
    }
    let zero_even = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let zero_odd = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    let enc = if zero_odd * 10 >= pairs * 3 && zero_even * 50 <= pairs {
        UTF_16LE
    } else if zero_even * 10 >= pairs * 3 && zero_odd * 50 <= pairs {
        UTF_16BE
    } else {
        return None;
    };
    let little = enc == UTF_16LE;
    let textual = sample
        .chunks_exact(2)
        .map(|p| {
            if little {
                u16::from_le_bytes([p[0], p[1]])
            } else {
                u16::from_be_bytes([p[0], p[1]])
            }
        })
        .filter(|&u| {
            matches!(u, 0x09 | 0x0A | 0x0D | 0x20..=0x7E | 0xA0..=0x24F | 0x300..=0x36F
                | 0x1E00..=0x1EFF | 0x2000..=0x20CF | 0xFEFF)
        })
        .count();
    (textual * 10 >= pairs * 8).then_some(enc)
}

fn decode_8bit<'a>(body: &'a [u8], utf8_label: &'static str) -> Raw<'a> {
    // Vietnamese is mostly multi-byte, where std's check runs at ~10 instructions a byte;
    // the SIMD check is what makes validating every file cheap.
    match simdutf8::basic::from_utf8(body) {
        Ok(s) => unmojibake(s).unwrap_or(Raw {
            text: Cow::Borrowed(s),
            encoding: utf8_label,
            notes: Vec::new(),
        }),
        Err(_) => {
            let (valid_multibyte, invalid) = utf8_stats(body);
            if valid_multibyte > 4 * invalid {
                // Real UTF-8 with a few damaged bytes (truncation, a stray byte): reading
                // it all as a legacy encoding would garble every other letter.
                Raw {
                    text: Cow::Owned(String::from_utf8_lossy(body).into_owned()),
                    encoding: utf8_label,
                    notes: vec![format!(
                        "{invalid} invalid UTF-8 sequence(s) replaced by U+FFFD"
                    )],
                }
            } else {
                decode_legacy(body)
            }
        }
    }
}

fn utf8_stats(body: &[u8]) -> (usize, usize) {
    let (mut valid, mut invalid) = (0, 0);
    for chunk in body.utf8_chunks() {
        valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        if !chunk.invalid().is_empty() {
            invalid += 1;
        }
    }
    (valid, invalid)
}

fn finish(raw: Raw<'_>) -> Result<Decoded, DecodeError> {
    let Raw {
        text,
        encoding,
        mut notes,
    } = raw;
    let norm = normalize_parts(&text);
    let text = match norm.text {
        Some(changed) => changed,
        None => text.into_owned(),
    };
    if text
        .trim_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}')
        .is_empty()
    {
        return Err(DecodeError::Empty);
    }
    if norm.recomposed {
        notes.push("decomposed characters recomposed to NFC".to_owned());
    }
    if norm.sanitized {
        notes.push("control characters or terminal escape sequences removed".to_owned());
    }
    Ok(Decoded {
        text,
        encoding,
        note: (!notes.is_empty()).then(|| notes.join("; ")),
    })
}

#[cfg(test)]
mod tests;
