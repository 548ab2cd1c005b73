//! Terminal safety: what `sanitize` removes, found by bytes.

/// Bytes that start something `sanitize` may remove: C0 (except tab and newline), DEL,
/// and the lead bytes of C1 (0xC2), U+061C (0xD8) and the U+20xx bidi controls (0xE2).
pub(super) const ATTENTION: [bool; 256] = {
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
pub(super) fn find_unsafe(b: &[u8], from: usize) -> Option<usize> {
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
pub(super) fn unsafe_len(s: &str, at: usize) -> usize {
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

pub(super) fn utf8_len(lead: u8) -> usize {
    match lead {
        0x00..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

/// What follows an ESC: the rest of the sequence it introduces.
pub(super) fn escape_body_len(s: &str, from: usize) -> usize {
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
pub(super) fn csi_body_len(b: &[u8], from: usize) -> usize {
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
pub(super) fn string_body_len(s: &str, from: usize) -> usize {
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
