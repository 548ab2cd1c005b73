//! Reading an extraction back with its figures and sector mentions appended straight to
//! the caller's vectors. A reopen decodes millions of figures: decoded into a vector
//! per document, they were then copied once more into the task's and freed, a tenth
//! of a reopen.

use crate::extract::Extraction;
use crate::model::{Figure, SectorMention};
use serde::de::{DeserializeSeed, Deserializer, Error, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeStruct, Serializer};
use std::fmt;

/// Where a document's figures and sector mentions go, numbered as document `document`.
pub struct Sink<'a> {
    pub document: u32,
    pub figures: &'a mut Vec<Figure>,
    pub sectors: &'a mut Vec<SectorMention>,
}

/// An extraction as the index writes it: its fields in order, the figures as
/// [`super::figures`] stores them.
pub struct Stored<'a>(pub &'a Extraction);

impl Serialize for Stored<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let ex = self.0;
        let mut st = s.serialize_struct("Extraction", FIELDS.len())?;
        st.serialize_field(FIELDS[0], &ex.title)?;
        st.serialize_field(FIELDS[1], &ex.date)?;
        st.serialize_field(FIELDS[2], &ex.paragraphs)?;
        st.serialize_field(FIELDS[3], &ex.sentences)?;
        st.serialize_field(FIELDS[4], &ex.places)?;
        st.serialize_field(FIELDS[5], &ex.main_places)?;
        let figures = super::figures::encode(&ex.figures);
        st.serialize_field(FIELDS[6], &Bytes(&figures))?;
        st.serialize_field(FIELDS[7], &ex.sectors)?;
        st.serialize_field(FIELDS[8], &ex.legal)?;
        st.end()
    }
}

/// Bytes serialized as bytes (a length and the bytes), not as a sequence of numbers.
struct Bytes<'a>(&'a [u8]);

impl Serialize for Bytes<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(self.0)
    }
}

/// Decodes an extraction written as `Stored`: its figures and sector mentions are
/// appended to `sink` (with their document set), the rest returned. On failure the
/// sink is left as it was.
pub fn decode_into(bytes: &[u8], sink: Sink<'_>) -> Option<Extraction> {
    let (figures, sectors) = (sink.figures.len(), sink.sectors.len());
    let mut de = postcard::Deserializer::from_bytes(bytes);
    let out = ExtractionSeed {
        document: sink.document,
        figures: &mut *sink.figures,
        sectors: &mut *sink.sectors,
    }
    .deserialize(&mut de)
    .ok();
    if out.is_none() {
        sink.figures.truncate(figures);
        sink.sectors.truncate(sectors);
    }
    out
}

struct ExtractionSeed<'a> {
    document: u32,
    figures: &'a mut Vec<Figure>,
    sectors: &'a mut Vec<SectorMention>,
}

/// The fields of [`Extraction`], in its declared order (postcard writes a struct as
/// its fields in sequence).
const FIELDS: &[&str] = &[
    "title",
    "date",
    "paragraphs",
    "sentences",
    "places",
    "main_places",
    "figures",
    "sectors",
    "legal",
];

impl<'de> DeserializeSeed<'de> for ExtractionSeed<'_> {
    type Value = Extraction;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Extraction, D::Error> {
        d.deserialize_struct("Extraction", FIELDS, self)
    }
}

impl<'de> Visitor<'de> for ExtractionSeed<'_> {
    type Value = Extraction;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an extraction")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Extraction, A::Error> {
        fn missing<E: Error>(i: usize) -> E {
            E::invalid_length(i, &"the fields of an extraction")
        }
        let title = seq.next_element()?.ok_or_else(|| missing(0))?;
        let date = seq.next_element()?.ok_or_else(|| missing(1))?;
        let paragraphs = seq.next_element()?.ok_or_else(|| missing(2))?;
        let sentences = seq.next_element()?.ok_or_else(|| missing(3))?;
        let places = seq.next_element()?.ok_or_else(|| missing(4))?;
        let main_places = seq.next_element()?.ok_or_else(|| missing(5))?;
        let document = self.document;
        let figures: &[u8] = seq.next_element()?.ok_or_else(|| missing(6))?;
        super::figures::decode_into(figures, document, self.figures)
            .ok_or_else(|| A::Error::custom("unreadable figures"))?;
        seq.next_element_seed(Append(self.sectors, |m: &mut SectorMention| {
            m.document = document
        }))?
        .ok_or_else(|| missing(7))?;
        let legal = seq.next_element()?.ok_or_else(|| missing(8))?;
        Ok(Extraction {
            title,
            date,
            paragraphs,
            sentences,
            places,
            main_places,
            figures: Vec::new(),
            sectors: Vec::new(),
            legal,
        })
    }
}

/// A sequence appended element by element to a vector, each adjusted by the function.
struct Append<'a, T, F>(&'a mut Vec<T>, F);

impl<'de, T: serde::Deserialize<'de>, F: Fn(&mut T)> DeserializeSeed<'de> for Append<'_, T, F> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, T: serde::Deserialize<'de>, F: Fn(&mut T)> Visitor<'de> for Append<'_, T, F> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a sequence")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        // The length is the encoder's claim: reserved only up to what the bytes could hold.
        self.0.reserve(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(mut item) = seq.next_element::<T>()? {
            (self.1)(&mut item);
            self.0.push(item);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding_into_vectors_reads_what_decoding_whole_reads() {
        let text = "Tỉnh Sơn La phấn đấu đạt tỷ trọng công nghiệp trong GRDP là 40% vào năm \
                    2030. Ngành dệt may tăng 12%. Theo Nghị định số 111/2015/NĐ-CP.";
        let ex = crate::extract::extract(text);
        assert!(!ex.figures.is_empty() && !ex.legal.is_empty());
        let bytes = postcard::to_allocvec(&Stored(&ex)).expect("encodes");
        let (mut figures, mut sectors) = (Vec::new(), Vec::new());
        let sink = Sink {
            document: 7,
            figures: &mut figures,
            sectors: &mut sectors,
        };
        let rest = decode_into(&bytes, sink).expect("decodes");
        let mut whole = ex.clone();
        whole.figures.iter_mut().for_each(|f| f.document = 7);
        whole.sectors.iter_mut().for_each(|m| m.document = 7);
        assert_eq!(figures, whole.figures);
        assert_eq!(sectors, whole.sectors);
        whole.figures.clear();
        whole.sectors.clear();
        assert_eq!(rest, whole);
    }

    #[test]
    fn a_cut_extraction_leaves_the_vectors_as_they_were() {
        let ex = crate::extract::extract("Năm 2030, tỷ trọng công nghiệp đạt 40%.");
        let bytes = postcard::to_allocvec(&Stored(&ex)).expect("encodes");
        let (mut figures, mut sectors) = (vec![], vec![]);
        for cut in 0..bytes.len() {
            let sink = Sink {
                document: 0,
                figures: &mut figures,
                sectors: &mut sectors,
            };
            assert!(decode_into(&bytes[..cut], sink).is_none(), "cut at {cut}");
            assert!(figures.is_empty() && sectors.is_empty());
        }
    }
}
