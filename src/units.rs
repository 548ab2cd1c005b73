//! Units as written and their base: the scale words of a unit ("triệu tấn",
//! "nghìn tỷ đồng") moved into the value, so that values in one base unit can be
//! sorted and compared and values in different ones never share a scale.

use std::sync::OnceLock;

const SCALES_TSV: &str = include_str!("../assets/scales.tsv");

struct Scales {
    words: Vec<(String, f64)>,
    /// The unit a bare scale word counts in ("195.000 tỷ" is money).
    bare: String,
}

fn scales() -> &'static Scales {
    static SCALES: OnceLock<Scales> = OnceLock::new();
    SCALES.get_or_init(|| {
        let mut words = Vec::new();
        let mut bare = String::new();
        for row in crate::reference::data_lines(SCALES_TSV).skip(1) {
            let (Some(w), Some(v)) = (row.first(), row.get(1)) else {
                continue;
            };
            match v.trim().parse::<f64>() {
                Ok(f) => words.push((w.trim().to_string(), f)),
                Err(_) if w.trim() == "bare" => bare = v.trim().to_string(),
                Err(_) => {}
            }
        }
        Scales { words, bare }
    })
}

/// The factor of a scale word ("triệu" → 1e6).
pub fn scale_of(word: &str) -> Option<f64> {
    scales()
        .words
        .iter()
        .find(|(w, _)| w == word)
        .map(|(_, f)| *f)
}

/// The unit with its leading scale words taken off, and their product:
/// "nghìn tỷ đồng" → (1e12, "đồng"); "USD/người" → (1, "USD/người"); "tỷ" → (1e9, "đồng").
pub fn split_scale(unit: &str) -> (f64, &str) {
    let mut rest = unit.trim();
    let mut factor = 1.0;
    loop {
        let (word, tail) = rest.split_once(' ').unwrap_or((rest, ""));
        match scale_of(word) {
            Some(f) => {
                factor *= f;
                rest = tail.trim_start();
            }
            None => break,
        }
        if rest.is_empty() {
            return (factor, scales().bare.as_str());
        }
    }
    (factor, rest)
}

/// A unit read back (from an index pack): borrowed from the reference unit table when
/// it is one of its units, as the extractor made it, so that two million figures do not
/// each allocate their "%".
pub fn deserialize_unit<'de, D>(d: D) -> Result<std::borrow::Cow<'static, str>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    use std::borrow::Cow;
    struct Unit;
    impl serde::de::Visitor<'_> for Unit {
        type Value = Cow<'static, str>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a unit")
        }
        fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Self::Value, E> {
            Ok(intern(s))
        }
    }
    d.deserialize_str(Unit)
}

/// A unit read back: the reference table's own when it is one of its units.
pub fn intern(s: &str) -> std::borrow::Cow<'static, str> {
    match table().get(s) {
        Some(&known) => std::borrow::Cow::Borrowed(known),
        None => std::borrow::Cow::Owned(s.to_string()),
    }
}

/// The units of the reference table, as the extractor borrows them; looked up once per
/// figure read back, with a fast fixed hash (the keys are the table's own).
type Table = std::collections::HashSet<&'static str, foldhash::fast::FixedState>;

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let reference = crate::reference::Reference::get();
        reference.units.iter().map(|u| u.unit.as_str()).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scale_words_move_into_the_value() {
        assert_eq!(split_scale("triệu tấn"), (1e6, "tấn"));
        assert_eq!(split_scale("nghìn tỷ đồng"), (1e12, "đồng"));
        assert_eq!(split_scale("tỷ"), (1e9, "đồng"));
        assert_eq!(split_scale("triệu đồng/người"), (1e6, "đồng/người"));
        assert_eq!(split_scale("USD/m2"), (1.0, "USD/m2"));
        assert_eq!(split_scale("%"), (1.0, "%"));
    }
}
