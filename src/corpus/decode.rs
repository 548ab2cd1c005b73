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

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, WINDOWS_1258};
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

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
// Terminal safety

/// Bytes that start something `sanitize` may remove: C0 (except tab and newline), DEL,
/// and the lead bytes of C1 (0xC2), U+061C (0xD8) and the U+20xx bidi controls (0xE2).
const ATTENTION: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = b != b'\t' as usize && b != b'\n' as usize;
        b += 1;
    }
    t[0x7F] = true;
    t[0xC2] = true;
    t[0xD8] = true;
    t[0xE2] = true;
    t
};

/// Index of the first byte at or after `from` that starts an unsafe char.
fn find_unsafe(b: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while i < b.len() {
        let c = b[i];
        if ATTENTION[c as usize] {
            let unsafe_here = match c {
                0xC2 => matches!(b.get(i + 1), Some(0x80..=0x9F)),
                0xD8 => b.get(i + 1) == Some(&0x9C),
                0xE2 => match (b.get(i + 1), b.get(i + 2)) {
                    (Some(0x80), Some(t)) => matches!(t, 0x8E | 0x8F | 0xAA..=0xAE),
                    (Some(0x81), Some(t)) => matches!(t, 0xA6..=0xA9),
                    _ => false,
                },
                _ => true,
            };
            if unsafe_here {
                return Some(i);
            }
        }
        i += 1;
    }
    None
}

/// Length in bytes of the unsafe char or whole escape sequence starting at `at`.
/// Always at least one whole char, so `sanitize` makes progress and stays on char
/// boundaries.
fn unsafe_len(s: &str, at: usize) -> usize {
    let b = s.as_bytes();
    match b[at] {
        0x1B => 1 + escape_body_len(s, at + 1),
        0xC2 => match b.get(at + 1) {
            // 8-bit CSI, and the 8-bit string introducers OSC, DCS, SOS, PM, APC.
            Some(0x9B) => 2 + csi_body_len(b, at + 2),
            Some(0x90 | 0x98 | 0x9D | 0x9E | 0x9F) => 2 + string_body_len(s, at + 2),
            _ => 2,
        },
        lead => utf8_len(lead),
    }
}

fn utf8_len(lead: u8) -> usize {
    match lead {
        0x00..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

/// What follows an ESC: the rest of the sequence it introduces.
fn escape_body_len(s: &str, from: usize) -> usize {
    let b = s.as_bytes();
    match b.get(from) {
        Some(b'[') => 1 + csi_body_len(b, from + 1),
        Some(b']' | b'P' | b'X' | b'^' | b'_') => 1 + string_body_len(s, from + 1),
        Some(0x20..=0x2F) => {
            // nF escapes: intermediates, then one final byte (e.g. ESC ( B).
            let mut j = from;
            while matches!(b.get(j), Some(0x20..=0x2F)) {
                j += 1;
            }
            if matches!(b.get(j), Some(0x30..=0x7E)) {
                j += 1;
            }
            j - from
        }
        Some(0x30..=0x7E) => 1,
        _ => 0,
    }
}

/// Parameter and intermediate bytes, then the final byte. Anything else ends the
/// sequence early without being consumed, so it is judged on its own.
fn csi_body_len(b: &[u8], from: usize) -> usize {
    let mut j = from;
    while let Some(&c) = b.get(j) {
        match c {
            0x20..=0x3F => j += 1,
            0x40..=0x7E => return j + 1 - from,
            _ => break,
        }
    }
    j - from
}

/// OSC/DCS-style payload up to its terminator (BEL, ESC \ or 8-bit ST). An
/// unterminated string stops at the end of the line instead of swallowing the rest of
/// the document.
fn string_body_len(s: &str, from: usize) -> usize {
    let b = s.as_bytes();
    let mut j = from;
    while j < b.len() {
        match b[j] {
            0x07 => return j + 1 - from,
            0x1B if b.get(j + 1) == Some(&b'\\') => return j + 2 - from,
            0x1B | b'\n' => break,
            0xC2 if b.get(j + 1) == Some(&0x9C) => return j + 2 - from,
            c => j += utf8_len(c),
        }
    }
    j.min(b.len()) - from
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

// ---------------------------------------------------------------------------
// Legacy Vietnamese encodings

/// The legacy font encodings: both also turn up as UTF-8 mojibake.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Font {
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
enum Legacy {
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
enum Unit {
    Byte(u8),
    Char(char),
}

fn decode_legacy(body: &[u8]) -> Raw<'static> {
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
fn unmojibake(s: &str) -> Option<Raw<'static>> {
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
fn mojibake_units(s: &str) -> impl Iterator<Item = Unit> + '_ {
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
fn may_be_mojibake(b: &[u8]) -> bool {
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
const MOJIBAKE_SECOND: [u8; 256] = {
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
const VNI_SIGNAL_LETTERS: &str = "øûïäåëüöñæîØÛÏÄÅËÜÖÑÆÎ";

#[derive(Debug, Default)]
struct Signals {
    /// Letters only Vietnamese uses (ă đ ơ ư, U+1EA0–U+1EF9, tone marks).
    vn: usize,
    /// Latin-1 symbols, or capitals right after a lowercase letter: TCVN3 mojibake.
    tcvn: usize,
    /// Latin-1 letters Vietnamese never uses (ö ø ñ ä …): VNI mojibake.
    vni: usize,
}

fn scan_signals(s: &str) -> Signals {
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
const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

/// TCVN 5712:1993, 0x80–0xFF. The ABC fonts (VN3) use 0xA1–0xFF: lowercase letters
/// with every tone, and the capitals Ă Â Ê Ô Ơ Ư Đ (other capitals come from a
/// separate "H" font reusing the lowercase codes). VN1 fills the gaps and 0x80–0x9F
/// with the toned capitals; using it for those positions costs nothing for VN3 text.
/// 0xB0–0xB4 are combining tone marks, composed later by NFC.
const TCVN3_HIGH: [char; 128] = [
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
fn tcvn3_low(b: u8) -> Option<char> {
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

fn tcvn3_decode(units: impl Iterator<Item = Unit>) -> String {
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
enum VniByte {
    Letter(char),
    Mark(&'static str),
    Plain,
}

/// VNI-Windows writes a base vowel followed by one byte carrying its marks
/// ("Vieät" = Việt); i and ỵ, ơ, ư and đ have bytes of their own. Lowercase and
/// capital variants of each mark byte differ only by 0x20.
fn vni_byte(b: u8) -> VniByte {
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

fn vni_decode(units: impl Iterator<Item = Unit>) -> String {
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
struct Score {
    tokens: usize,
    /// Common or good tokens spelled with letters beyond ASCII.
    accented: usize,
    /// Very frequent Vietnamese syllables.
    common: usize,
    /// Other well-formed syllables with Vietnamese letters.
    good: usize,
    /// Tokens no Vietnamese text contains: foreign letters or symbols inside a word,
    /// several tone marks, stray combining marks.
    bad: usize,
}

impl Score {
    fn total(self) -> i64 {
        4 * self.common as i64 + self.good as i64 - 3 * self.bad as i64
    }
}

/// Expects NFC text.
fn vietnamese_score(text: &str) -> Score {
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

const TONED_LETTERS: &str = "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ";
const TONELESS_LETTERS: &str = "ăâđêôơư";

/// Frequent syllables of Vietnamese news text, sorted bytewise for binary search.
#[rustfmt::skip]
const COMMON_WORDS: &[&str] = &[
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

fn is_common(w: &str) -> bool {
    COMMON_WORDS.binary_search(&w).is_ok()
}

// ---------------------------------------------------------------------------

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
mod tests {
    use super::*;

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
        let Ok(entries) = std::fs::read_dir(&dir) else {
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
        let Ok(entries) = std::fs::read_dir(&dir) else {
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
}
