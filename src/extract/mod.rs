//! Extraction: pure functions from a document's text to what it says.
//!
//! `extract` runs the stages in order — segment, places, sectors, legal refs,
//! figures — and attributes figures and sector mentions to places.

pub mod cues;
pub mod figures;
pub mod legal;
pub mod numbers;
pub mod places;
pub mod sectors;
pub mod segment;
pub mod subjects;
pub mod time;

use crate::model::{
    DateOrigin, Figure, LegalCitation, Paragraph, Place, PlaceMention, RefDate, Sentence, Span,
};
use crate::reference::Reference;
use crate::text::match_key;
use std::collections::HashMap;

/// Everything extracted from one document's text. Sector mentions carry the
/// sector index; `document` fields are 0 until the corpus numbers them.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Extraction {
    pub title: String,
    /// The reference date (SPEC §4) and where it came from.
    pub date: Option<RefDate>,
    pub paragraphs: Vec<Paragraph>,
    pub sentences: Vec<Sentence>,
    pub places: Vec<PlaceMention>,
    pub main_places: Vec<Place>,
    pub figures: Vec<Figure>,
    pub sectors: Vec<crate::model::SectorMention>,
    pub legal: Vec<LegalCitation>,
}

/// Run every extractor over one NFC text with no date known from outside it.
pub fn extract(text: &str) -> Extraction {
    extract_doc(text, None, Reference::get())
}

/// Run every extractor over one NFC text. `date_hint` is a reference date known
/// from outside the text (page metadata, file name); a date the text states wins.
pub fn extract_doc(
    text: &str,
    date_hint: Option<RefDate>,
    reference: &'static Reference,
) -> Extraction {
    let key = match_key(text);
    let seg = segment::segment_keyed(text, &key);
    let sentence_of = |pos: usize| -> usize {
        seg.sentences
            .partition_point(|s| s.end as usize <= pos)
            .min(seg.sentences.len().saturating_sub(1))
    };
    // A name matched across a sentence break ("… ngành CN\nCBCT …") is no mention.
    let in_sentence = |sp: Span| {
        seg.sentences
            .get(sentence_of(sp.start))
            .is_some_and(|s| (s.start as usize) <= sp.start && sp.end <= s.end as usize)
    };
    let found_subjects: Vec<places::Named> = places::find_subjects(text, &key, reference)
        .into_iter()
        .filter(|n| in_sentence(n.span))
        .collect();
    let found_places: Vec<(Place, Span)> = found_subjects
        .iter()
        .filter_map(|n| Some((n.subject?, n.span)))
        .collect();
    let subjects = subjects::mark(
        &key,
        &found_subjects,
        reference,
        |p| crate::model::ix(sentence_of(p)),
        |si| {
            seg.sentences
                .get(si as usize)
                .map_or((0, 0), |s| (s.start as usize, s.end as usize))
        },
    );
    let mentions: Vec<PlaceMention> = found_places
        .iter()
        .map(|&(place, span)| PlaceMention {
            place,
            span,
            sentence: crate::model::ix(sentence_of(span.start)),
        })
        .collect();
    let main_places = main_places(&seg, &mentions, text);
    let stated = seg.date.map(|date| RefDate {
        date,
        origin: DateOrigin::Text,
    });
    let known_date = stated.or(date_hint);

    let fallback = subjects::fallback_places(&main_places, &subjects, &seg.sentences);
    let attribute = |span: Span, si: usize| {
        subjects::attribute(
            &key,
            span,
            si,
            &seg.sentences,
            &subjects,
            &fallback,
            reference,
        )
    };

    let (mut figures, date) = figures::extract_figures(
        &figures::FigureInput {
            text,
            key: &key,
            sentences: &seg.sentences,
            places: &found_places,
            known_date,
        },
        reference,
    );
    for f in &mut figures {
        f.place = attribute(f.span, f.sentence as usize);
        if subjects::foretold_abroad(f, &key, &subjects, reference) {
            f.status = crate::model::Status::Estimate;
            f.reason.rule = crate::model::StatusRule::EstimateCue;
        }
    }
    drop_headline_repeats(&mut figures, text, &seg.title);
    let sectors = sectors::find_sectors(text, &key, reference)
        .into_iter()
        .filter(|&(_, sp)| in_sentence(sp))
        .filter_map(|(sector, span)| {
            let si = sentence_of(span.start);
            (!seg.sentences[si].boilerplate).then(|| crate::model::SectorMention {
                sector: crate::model::ix(sector),
                document: 0,
                place: attribute(span, si),
                sentence: crate::model::ix(si),
                span,
            })
        })
        .collect();
    let legal = legal::find_legal(text, reference)
        .into_iter()
        .map(|l| LegalCitation {
            kind: l.kind,
            number: l.number,
            issuer: l.issuer,
            date: l.date,
            span: l.span,
            sentence: sentence_of(l.span.start),
        })
        .collect();
    // Moved and trimmed, not cloned: a copy per document left a freed block of the
    // same size behind for every document of a corpus.
    let segment::Segmented {
        title,
        date: _,
        mut paragraphs,
        mut sentences,
    } = seg;
    paragraphs.shrink_to_fit();
    sentences.shrink_to_fit();
    Extraction {
        title,
        date,
        paragraphs,
        sentences,
        places: mentions,
        main_places,
        figures,
        sectors,
        legal,
    }
}

/// The provinces a document is mainly about: mentions outside furniture, the
/// title counting three times; those within reach of the most named one.
fn main_places(seg: &segment::Segmented, mentions: &[PlaceMention], _text: &str) -> Vec<Place> {
    let mut counts: HashMap<Place, usize> = HashMap::new();
    let reference = Reference::get();
    let title_key = match_key(&seg.title);
    for m in mentions {
        if seg.sentences[m.sentence as usize].boilerplate || m.place == Place::National {
            continue;
        }
        *counts.entry(m.place).or_default() += 1;
    }
    for (place, span) in places::find_places(&seg.title, &title_key, reference) {
        let _ = span;
        if place != Place::National {
            *counts.entry(place).or_default() += 3;
        }
    }
    let Some(&top) = counts.values().max() else {
        return Vec::new();
    };
    let mut main: Vec<(Place, usize)> = counts
        .into_iter()
        .filter(|&(_, c)| c * 5 >= top * 2 && (c >= 2 || top == c))
        .collect();
    main.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    main.into_iter().map(|(p, _)| p).take(5).collect()
}

/// A headline states a figure the body states again with its year and context
/// ("Mức tăng trưởng GDP TP HCM phải trên 12,5%"): the headline's copy goes.
fn drop_headline_repeats(figures: &mut Vec<Figure>, text: &str, title: &str) {
    let Some(at) = (!title.is_empty()).then(|| text.find(title)).flatten() else {
        return;
    };
    let headline = Span::new(at, at + title.len());
    let inside = |f: &Figure| headline.start <= f.span.start && f.span.end <= headline.end;
    let same = |a: &Figure, b: &Figure| {
        a.value == b.value
            && a.value_max == b.value_max
            && a.unit == b.unit
            && a.comparator == b.comparator
    };
    let repeats: Vec<bool> = figures
        .iter()
        .map(|f| inside(f) && figures.iter().any(|g| !inside(g) && same(f, g)))
        .collect();
    if repeats.contains(&true) {
        let mut i = 0;
        figures.retain(|_| {
            i += 1;
            !repeats[i - 1]
        });
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_headline_figure_stated_again_in_the_body_is_kept_once() {
        let t = "Mức tăng trưởng GDP TP HCM phải trên 12,5%\nTP HCM đặt mục tiêu tăng trưởng trên 12,5% từ năm 2006 trở đi. Kim ngạch đạt 20 tỷ USD.";
        let figs = super::extract(t).figures;
        let values: Vec<(f64, Option<i32>)> = figs.iter().map(|f| (f.value, f.year)).collect();
        assert_eq!(values, [(12.5, Some(2006)), (20.0, Some(2006))]);
        // A headline figure the body does not repeat stays.
        let t = "Hải Phòng tăng trưởng 14%\nThành phố có nhiều dự án.";
        assert_eq!(super::extract(t).figures.len(), 1);
    }
}
