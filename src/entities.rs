//! Entities as searchable rows: one short label per province, figure, sector,
//! document and legal reference. The explorer's filter and `vnie search` rank
//! the same labels with the same folding (`search`).

use crate::corpus::Corpus;
use crate::export::{figure_id, legal_id, Kind};
use crate::model::{Figure, Place};
use crate::reference::Reference;
use std::sync::Arc;

use crate::search::{Haystack, Ranker, Scope};

/// The order entity kinds are listed in (and the explorer's tab order).
pub const KINDS: [Kind; 5] = [
    Kind::Provinces,
    Kind::Figures,
    Kind::Sectors,
    Kind::Documents,
    Kind::Legal,
];

pub fn kind_name(k: Kind) -> &'static str {
    match k {
        Kind::Provinces => "province",
        Kind::Figures => "figure",
        Kind::Sectors => "sector",
        Kind::Documents => "document",
        Kind::Legal => "legal",
        Kind::Sentences => "sentence",
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    pub kind: Kind,
    /// Index into the corpus vector of that kind.
    pub index: usize,
    pub id: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SearchHit {
    pub kind: Kind,
    pub index: usize,
    pub id: String,
    pub label: String,
    pub score: i64,
}

impl SearchHit {
    pub fn kind_name(&self) -> &'static str {
        kind_name(self.kind)
    }
}

/// "≥ 45 %", "~ 20 doanh nghiệp", "11,9–12,3 %/năm": a value as people write it.
pub fn format_value(f: &Figure) -> String {
    let num = |v: f64| format_number(v);
    let mut s = String::from(f.comparator.prefix());
    s.push_str(&num(f.value));
    if let Some(m) = f.value_max {
        s.push('–');
        s.push_str(&num(m));
    }
    if f.unit == "%" {
        s.push('%');
    } else {
        s.push(' ');
        s.push_str(&f.unit);
    }
    if f.per_year && !f.unit.ends_with("/năm") {
        s.push_str("/năm");
    }
    s
}

/// Vietnamese style: thousands dot, decimal comma.
pub fn format_number(v: f64) -> String {
    let neg = v < 0.0;
    let v = v.abs();
    let rounded = (v * 1000.0).round() / 1000.0;
    let int = rounded.trunc() as u64;
    let frac = rounded - int as f64;
    let digits = int.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(c);
    }
    if frac > 1e-9 {
        let f = format!("{frac:.3}");
        let f = f
            .trim_start_matches('0')
            .trim_start_matches('.')
            .trim_end_matches('0');
        grouped.push(',');
        grouped.push_str(f);
    }
    if neg {
        format!("-{grouped}")
    } else {
        grouped
    }
}

pub fn figure_label(c: &Corpus, f: &Figure) -> String {
    let r = Reference::get();
    use std::fmt::Write;
    let place = f.place.map(|p| r.place_name(p)).unwrap_or("—");
    let _ = c;
    // Made for each of millions of figures when the explorer opens: one allocation.
    let value = format_value(f);
    let mut out = String::with_capacity(place.len() + f.metric.len() + value.len() + 32);
    for part in [place, &f.metric, &value] {
        out.push_str(part);
        out.push_str(" · ");
    }
    if let Some(y) = f.year {
        let _ = write!(out, "{y} · ");
    }
    out.push_str(f.status.as_str());
    out
}

pub fn place_label(p: Place) -> String {
    Reference::get().place_name(p).to_string()
}

/// The labels of one kind, in corpus order.
pub fn entities(c: &Corpus, kind: Kind) -> Vec<Entity> {
    labels(c, kind)
        .into_iter()
        .enumerate()
        .map(|(i, label)| Entity {
            kind,
            index: i,
            id: entity_id(c, kind, i),
            label,
        })
        .collect()
}

/// The label of every entity of a kind, in corpus order.
pub fn labels(c: &Corpus, kind: Kind) -> Vec<String> {
    (0..count(c, kind)).map(|i| label(c, kind, i)).collect()
}

/// How many entities of a kind the corpus holds.
pub fn count(c: &Corpus, kind: Kind) -> usize {
    match kind {
        Kind::Provinces => c.places.len(),
        Kind::Figures => c.figures.len(),
        Kind::Sectors => c.sectors.len(),
        Kind::Documents => c.documents.len(),
        Kind::Legal => c.legal.len(),
        Kind::Sentences => c.sentence_count(),
    }
}

/// The label of entity `i` of a kind (its index in the corpus vector of that kind).
pub fn label(c: &Corpus, kind: Kind, i: usize) -> String {
    let r = Reference::get();
    match kind {
        Kind::Provinces => place_label(c.places[i].place),
        Kind::Figures => figure_label(c, &c.figures[i]),
        Kind::Sectors => {
            let def = &r.sectors[c.sectors[i].sector];
            format!("{} · {}", def.name_vi, def.name_en)
        }
        Kind::Documents => c.documents[i].title.clone(),
        Kind::Legal => {
            let l = &c.legal[i];
            format!("{} {}", l.kind.name(), l.number)
        }
        Kind::Sentences => c
            .sentence_at(i)
            .map(|(d, s)| c.documents[d].sentence_text(s).to_string())
            .unwrap_or_default(),
    }
}

fn entity_id(c: &Corpus, kind: Kind, i: usize) -> String {
    let r = Reference::get();
    match kind {
        Kind::Provinces => match c.places[i].place {
            Place::Province(p) => r.provinces[p as usize].code.clone(),
            Place::National => "VN".to_string(),
        },
        Kind::Figures => figure_id(i),
        Kind::Sectors => r.sectors[c.sectors[i].sector].id.clone(),
        Kind::Documents => c.documents[i].id.clone(),
        Kind::Legal => legal_id(i),
        Kind::Sentences => c
            .sentence_at(i)
            .map(|(d, s)| c.documents[d].sentence_id(s))
            .unwrap_or_default(),
    }
}

/// Rank every entity (or one kind) against `query` (the filter language of
/// [`crate::query`]: plain words ranked, qualifiers keep); best first. A query of
/// qualifiers alone lists what they keep, in corpus order.
pub fn search(c: &Corpus, query: &str, kind: Option<Kind>, limit: usize) -> Vec<SearchHit> {
    let kinds: Vec<Kind> = match kind {
        Some(k) => vec![k],
        None => KINDS.to_vec(),
    };
    let filter = crate::query::parse(query);
    let all: Vec<Entity> = kinds.iter().flat_map(|&k| entities(c, k)).collect();
    let keep: Option<Arc<[bool]>> = filter.has_qualifiers().then(|| {
        kinds
            .iter()
            .flat_map(|&k| filter.keep(c, k).unwrap_or_else(|| vec![true; count(c, k)]))
            .collect()
    });
    let hay = Haystack::build_all(&all.iter().map(|e| e.label.as_str()).collect::<Vec<_>>());
    let scope = Scope::new(keep, None);
    let never = std::sync::atomic::AtomicBool::new(false);
    let hits = Ranker::new()
        .rank_in(&filter.text, &hay, &never, true, &scope)
        .unwrap_or_default();
    hits.into_iter()
        .take(limit)
        .filter_map(|h| {
            let e = all.get(h.index)?;
            Some(SearchHit {
                kind: e.kind,
                index: e.index,
                id: e.id.clone(),
                label: e.label.clone(),
                score: h.score,
            })
        })
        .collect()
}

/// The order a kind's rows are listed in before any sort or ranking: figures by
/// province name (national and unplaced last), reading order within; the rest in corpus
/// order. The explorer's tabs open in it.
pub fn base_order(c: &Corpus, kind: Kind) -> Vec<u32> {
    match kind {
        Kind::Figures => crate::order::figures_by_place(c),
        _ => (0..count(c, kind)).map(crate::model::ix).collect(),
    }
}

/// Position of each entity in `order` (its inverse).
pub fn positions(order: &[u32]) -> Vec<u32> {
    let mut pos = vec![u32::MAX; order.len()];
    for (p, &i) in order.iter().enumerate() {
        if let Some(x) = pos.get_mut(i as usize) {
            *x = crate::model::ix(p);
        }
    }
    pos
}

/// Indices (into the kind's corpus vector) of the entities matching `query`, best first,
/// equally good matches in [`base_order`]: the rows `vnie export --filter` writes, and
/// the rows the explorer's `/` shows on that kind's tab (and writes with `e`). When some
/// rows contain every plain word, the near misses (subsequence matches) are left out: a
/// table filtered by "son la" should not carry every label with an s, an o and an n.
pub fn filter_indices(c: &Corpus, kind: Kind, query: &str) -> Vec<usize> {
    let filter = crate::query::parse(query);
    let keep: Option<Arc<[bool]>> = filter.keep(c, kind).map(Into::into);
    let order = base_order(c, kind);
    let scope = Scope::new(keep, Some(positions(&order).into()));
    ranked_rows(c, kind, &filter.text, &order, &scope)
}

/// `text` ranked over `kind`'s labels within `scope`, or, with no plain words, `order`
/// as `scope` keeps it; near misses only when nothing else matches.
fn ranked_rows(c: &Corpus, kind: Kind, text: &str, order: &[u32], scope: &Scope) -> Vec<usize> {
    if crate::search::fold(text).is_empty() {
        return order
            .iter()
            .map(|&i| i as usize)
            .filter(|&i| scope.keeps(i))
            .collect();
    }
    // Only the folded labels are kept: entity `i` is label `i`.
    let hay = Haystack::build_from(count(c, kind), |i| label(c, kind, i));
    let never = std::sync::atomic::AtomicBool::new(false);
    let fuzzy = crate::search::fuzzy_tier(text);
    let hits = Ranker::new()
        .rank_in(text, &hay, &never, fuzzy, scope)
        .unwrap_or_default();
    let best_tier = hits.iter().map(|h| h.tier).min();
    hits.into_iter()
        .filter(|h| Some(h.tier) == best_tier)
        .map(|h| h.index)
        .collect()
}
