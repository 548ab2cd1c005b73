//! Folding: labels and queries to lowercase ASCII-like text without Vietnamese marks, with
//! a map back to the label's chars for highlighting.

use super::*;

/// The folded form of a display label, built once at load time, and where its chars
/// came from in the label. `folded` is public for reading; change it only through
/// [`Haystack::new`], which also derives private lookup data from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Haystack {
    pub folded: Box<str>,
    /// Char index in `folded` -> char index in `display`. Empty when folded char `i` came
    /// from display char `i` for every `i`, which holds for NFC Vietnamese with single
    /// spaces; skipping it there saves 4 bytes per char on millions of labels.
    /// Boxed twice so that the usual `None` costs one word, not two.
    map: Option<Box<Box<[u32]>>>,
    /// Bloom signature of the byte pairs of `folded` (see `pair_sig`), as two words:
    /// a `u128` would align the struct to 16 bytes and pad it by 8.
    sig: [u64; 2],
}

impl Haystack {
    pub fn new(display: &str) -> Self {
        Self::fold(
            display,
            &mut String::with_capacity(display.len()),
            &mut Vec::new(),
        )
    }

    /// `new` with scratch buffers reused from label to label.
    fn fold(display: &str, buf: &mut String, map: &mut Vec<u32>) -> Self {
        let (folded, map) = fold_mapped(display, buf, map);
        let sig = pair_sig(folded.as_bytes());
        Haystack {
            sig: [sig as u64, (sig >> 64) as u64],
            folded,
            map: (!map.is_empty()).then(|| Box::new(map)),
        }
    }

    /// `new` over many labels, in parallel.
    pub fn build_all<S: AsRef<str> + Sync>(labels: &[S]) -> Vec<Haystack> {
        labels
            .par_iter()
            .map_init(
                || (String::new(), Vec::new()),
                |(buf, map), s| Self::fold(s.as_ref(), buf, map),
            )
            .collect()
    }

    /// [`Haystack::build_all`] over `n` labels made on the fly by `label`: each is
    /// dropped once folded, so a large corpus never holds all its labels at once (the
    /// explorer makes a row's label again from the corpus when it shows the row).
    pub fn build_from(n: usize, label: impl Fn(usize) -> String + Sync) -> Vec<Haystack> {
        (0..n)
            .into_par_iter()
            .map_init(
                || (String::new(), Vec::new()),
                |(buf, map), i| Self::fold(&label(i), buf, map),
            )
            .collect()
    }

    /// Display char index of folded char `i`. Always < the display's char count when `i`
    /// is a char index of `folded`.
    pub(super) fn display_index(&self, i: usize) -> Option<usize> {
        match &self.map {
            None => Some(i),
            Some(map) => map.get(i).map(|&d| d as usize),
        }
    }

    pub(super) fn sig(&self) -> u128 {
        u128::from(self.sig[0]) | (u128::from(self.sig[1]) << 64)
    }
}

/// A 128-bit Bloom filter of the adjacent byte pairs of `s`. A word occurs in a label
/// only if all its pairs do, so `quick` rejects most labels from this one number, in the
/// `Haystack` array it walks anyway, without touching the label's bytes elsewhere in
/// memory (at 1M labels, "thanh" leaves ~13% to search; the search is memory-bound).
pub(super) fn pair_sig(s: &[u8]) -> u128 {
    s.windows(2).fold(0, |m, w| {
        // Fibonacci hashing of the pair; the top 7 bits pick the bit.
        let h = ((u32::from(w[0]) << 8) | u32::from(w[1])).wrapping_mul(0x9E37_79B1) >> 25;
        m | (1u128 << h)
    })
}

/// Folds `display` through scratch buffers and returns exact-size copies: a million
/// labels would otherwise keep the third that folding strips as slack capacity.
pub(super) fn fold_mapped(
    display: &str,
    buf: &mut String,
    map: &mut Vec<u32>,
) -> (Box<str>, Box<[u32]>) {
    buf.clear();
    map.clear();
    let mut identity = true;
    let mut n = 0u32;
    fold_with(display, |c, src| {
        if identity && src != n {
            identity = false;
            map.extend(0..n);
        }
        if !identity {
            map.push(src);
        }
        buf.push(c);
        n += 1;
    });
    (buf.as_str().into(), map.as_slice().into())
}

/// Fold for matching: NFD, drop combining marks U+0300–U+036F, `đ`/`Đ` → `d`, lowercase,
/// `y` → `i`, whitespace runs → one space, trimmed. Idempotent.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_with(s, |c, _| out.push(c));
    out
}

/// What names sort by: [`fold`] with `y` kept apart from `i` ("Yên Bái" after "Vĩnh
/// Phúc", as a reader looks for it).
pub fn sort_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_chars::<false>(s, |c, _| out.push(c));
    out
}

/// True when `new` folds to an extension of `old`'s fold. Every hit of `new` is then a hit
/// of `old` (each word of `old` is inside a word of `new`, and a subsequence match of
/// `new` contains one of its prefix `old`), so [`Ranker::rank_subset`] over `old`'s hits
/// gives exactly `rank(new)`.
pub fn extends(new: &str, old: &str) -> bool {
    extends_folded(&fold(new), &fold(old))
}

/// [`extends`] on folded queries. A year typed on (`2030` → `2030x`, `2030-`) is no
/// longer a year, which matches only whole numbers: that is not a narrowing.
pub(super) fn extends_folded(new: &str, old: &str) -> bool {
    new.starts_with(old)
        && !(old.rsplit(' ').next().is_some_and(is_year)
            && new[old.len()..].starts_with(|c: char| c != ' '))
}

pub(super) fn is_dropped_mark(c: char) -> bool {
    ('\u{0300}'..='\u{036F}').contains(&c)
}

/// Invisible characters that web text scatters inside words (soft hyphens, zero-width
/// spaces, BOMs); left in, `noi` would miss `Nộ\u{200B}i`.
pub(super) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// Emits each folded char with the index of the display char it came from. Shared by
/// [`fold`] and [`Haystack::new`] so that query and label fold identically.
pub(super) fn fold_with(s: &str, emit: impl FnMut(char, u32)) {
    fold_chars::<true>(s, emit)
}

/// [`fold_with`], with `y` folded to `i` or kept.
fn fold_chars<const Y_AS_I: bool>(s: &str, mut emit: impl FnMut(char, u32)) {
    let i_for_y = |c: char| if Y_AS_I { i_for_y(c) } else { c };
    // A run of whitespace becomes one space, emitted only once a later char shows that
    // the run is not trailing; it maps to the run's first char.
    let mut space: Option<u32> = None;
    let mut any = false;
    if s.is_ascii() {
        for (i, b) in s.bytes().enumerate() {
            let i = i as u32;
            if matches!(b, b' ' | b'\t'..=b'\r') {
                if any && space.is_none() {
                    space = Some(i);
                }
                continue;
            }
            if let Some(at) = space.take() {
                emit(' ', at);
            }
            emit(i_for_y(b.to_ascii_lowercase() as char), i);
            any = true;
        }
        return;
    }
    let table = latin_table();
    for (i, c) in s.chars().enumerate() {
        let i = i as u32;
        if c.is_whitespace() {
            if any && space.is_none() {
                space = Some(i);
            }
            continue;
        }
        let mut put = |d: char| {
            if let Some(at) = space.take() {
                emit(' ', at);
            }
            emit(i_for_y(d), i);
            any = true;
        };
        if c.is_ascii() {
            put(c.to_ascii_lowercase());
        } else if let Some(&b) = latin_index(c)
            .and_then(|k| table.get(k))
            .filter(|&&b| b != 0)
        {
            put(b as char);
        } else {
            fold_char_slow(c, &mut put);
        }
    }
}

/// `y` and `i` are one letter to a Vietnamese reader ("tỷ"/"tỉ", "lý"/"lí", "Kỳ"/"Kì"):
/// both fold to `i`.
#[inline]
fn i_for_y(c: char) -> char {
    if c == 'y' {
        'i'
    } else {
        c
    }
}

/// The general case of folding one non-whitespace char.
pub(super) fn fold_char_slow(c: char, put: &mut impl FnMut(char)) {
    match c {
        // U+00D0/U+00F0 (eth) look identical to Đ/đ and turn up in mistyped text.
        'đ' | 'Đ' | 'ð' | 'Ð' => put('d'),
        _ if is_invisible(c) || is_dropped_mark(c) => {}
        _ => decompose_canonical(c, |d| {
            if is_dropped_mark(d) {
                return;
            }
            for l in d.to_lowercase() {
                // Lowercasing can itself produce a composed char or a mark
                // (U+0130 → i + U+0307); decomposing again keeps fold idempotent.
                if l.is_ascii() {
                    put(l);
                } else {
                    decompose_canonical(l, |e| {
                        if !is_dropped_mark(e) && !is_invisible(e) {
                            put(if matches!(e, 'đ' | 'ð') { 'd' } else { e });
                        }
                    });
                }
            }
        }),
    }
}

/// Latin-1 Supplement to Latin Extended-B, and Latin Extended Additional (where most
/// precomposed Vietnamese letters live).
pub(super) const LATIN_LOW: std::ops::Range<u32> = 0x00C0..0x0250;
pub(super) const LATIN_HIGH: std::ops::Range<u32> = 0x1E00..0x1F00;

pub(super) fn latin_index(c: char) -> Option<usize> {
    let u = c as u32;
    if LATIN_LOW.contains(&u) {
        Some((u - LATIN_LOW.start) as usize)
    } else if LATIN_HIGH.contains(&u) {
        Some(LATIN_LOW.len() + (u - LATIN_HIGH.start) as usize)
    } else {
        None
    }
}

/// For each char of the two Latin blocks, the single ASCII byte it folds to, or 0 when
/// it folds to something else. A quarter of the chars of Vietnamese text are such
/// letters, and going through the Unicode decomposition tables for each made folding
/// twice as slow. Derived from `fold_char_slow`, so both paths agree by
/// construction.
pub(super) fn latin_table() -> &'static [u8] {
    static TABLE: OnceLock<Vec<u8>> = OnceLock::new();
    TABLE.get_or_init(|| {
        LATIN_LOW
            .chain(LATIN_HIGH)
            .map(|u| {
                let mut out = [0u8; 2];
                let mut n = 0;
                if let Some(c) = char::from_u32(u) {
                    fold_char_slow(c, &mut |d| {
                        if n < 2 {
                            out[n] = if d.is_ascii() { d as u8 } else { 0 };
                        }
                        n += 1;
                    });
                }
                if n == 1 {
                    out[0]
                } else {
                    0
                }
            })
            .collect()
    })
}
