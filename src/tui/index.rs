//! Cross-references the explorer needs that the Corpus does not keep directly, computed
//! once at startup so that drawing and opening a detail view never scan the corpus.

use std::collections::HashMap;

use super::groups::{family_rows, units_2025, FamilyRows, Unit};
use crate::corpus::Corpus;
use crate::model::{LegalKind, Place, Status};

/// Which statuses the Targets tab shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusFilter {
    All,
    Only(Status),
}

impl StatusFilter {
    pub fn next(self) -> StatusFilter {
        match self {
            StatusFilter::All => StatusFilter::Only(Status::Target),
            StatusFilter::Only(Status::Target) => StatusFilter::Only(Status::Achieved),
            StatusFilter::Only(Status::Achieved) => StatusFilter::Only(Status::Estimate),
            StatusFilter::Only(Status::Estimate) => StatusFilter::All,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            StatusFilter::All => "all",
            StatusFilter::Only(s) => s.as_str(),
        }
    }

    pub fn accepts(self, s: Status) -> bool {
        match self {
            StatusFilter::All => true,
            StatusFilter::Only(want) => want == s,
        }
    }
}

pub struct Index {
    place_pos: HashMap<Place, usize>,
    legal_pos: HashMap<(LegalKind, String), usize>,
    /// Figures of each document, in reading order.
    doc_figures: PerDoc,
    /// Legal references (indices into `Corpus::legal`) cited by each document.
    pub doc_legal: Vec<Vec<usize>>,
    /// Sectors (indices into `Corpus::sectors`) mentioned in each document.
    pub doc_sectors: Vec<Vec<usize>>,
    /// Figures with status `target`, per entry of `Corpus::places`.
    pub place_targets: Vec<usize>,
    /// Each figure's metric family (index into `families::all`).
    pub figure_family: Vec<Option<u16>>,
    /// The families with figures, for the compare view.
    pub families: Vec<FamilyRows>,
    /// The 2025 units the corpus's places fall into, for the Provinces tab's 2025 mode.
    pub units: Vec<Unit>,
}

impl Index {
    pub fn new(c: &Corpus) -> Index {
        let place_pos: HashMap<Place, usize> = c
            .places
            .iter()
            .enumerate()
            .map(|(i, e)| (e.place, i))
            .collect();
        let legal_pos = c
            .legal
            .iter()
            .enumerate()
            .map(|(i, l)| ((l.kind, l.number.clone()), i))
            .collect();
        let n = c.documents.len();
        let doc_figures = PerDoc::new(n, c.figures.iter().map(|f| f.document as usize));
        let mut doc_legal: Vec<Vec<usize>> = vec![Vec::new(); n];
        for (li, l) in c.legal.iter().enumerate() {
            for &d in &l.documents {
                if let Some(v) = doc_legal.get_mut(d) {
                    v.push(li);
                }
            }
        }
        let mut doc_sectors: Vec<Vec<usize>> = vec![Vec::new(); n];
        for (si, s) in c.sectors.iter().enumerate() {
            for m in &s.mentions {
                if let Some(v) = doc_sectors.get_mut(m.document as usize) {
                    if v.last() != Some(&si) {
                        v.push(si);
                    }
                }
            }
        }
        let place_targets = c
            .places
            .iter()
            .map(|e| {
                e.figures
                    .iter()
                    .filter(|&&f| c.figures.get(f).is_some_and(|f| f.status == Status::Target))
                    .count()
            })
            .collect();
        let (figure_family, families) = family_rows(c);
        Index {
            figure_family,
            families,
            units: units_2025(c),
            place_pos,
            legal_pos,
            doc_figures,
            doc_legal,
            doc_sectors,
            place_targets,
        }
    }

    /// Index into `Corpus::places` of a place, if the corpus mentions it.
    pub fn place(&self, p: Place) -> Option<usize> {
        self.place_pos.get(&p).copied()
    }

    /// Index into `Corpus::legal` of the reference a citation points to.
    pub fn legal(&self, kind: LegalKind, number: &str) -> Option<usize> {
        self.legal_pos.get(&(kind, number.to_string())).copied()
    }

    /// The figures of document `d` (indices into `Corpus::figures`), in reading order.
    pub fn doc_figures(&self, d: usize) -> &[u32] {
        self.doc_figures.get(d)
    }
}

/// Items grouped by document in one flat array (a `Vec` per document cost three times
/// the memory on a corpus of short articles).
struct PerDoc {
    /// Where each document's items start in `items`; one more entry than documents.
    start: Vec<u32>,
    items: Vec<u32>,
}

impl PerDoc {
    /// Groups item `i` under `doc_of[i]`, keeping item order within each document.
    fn new(docs: usize, doc_of: impl Iterator<Item = usize> + Clone) -> PerDoc {
        let mut start = vec![0u32; docs + 1];
        for d in doc_of.clone().filter(|&d| d < docs) {
            start[d + 1] += 1;
        }
        for d in 0..docs {
            start[d + 1] += start[d];
        }
        let mut next = start.clone();
        let mut items = vec![0u32; start[docs] as usize];
        for (i, d) in doc_of.enumerate().filter(|&(_, d)| d < docs) {
            items[next[d] as usize] = crate::model::ix(i);
            next[d] += 1;
        }
        PerDoc { start, items }
    }

    fn get(&self, d: usize) -> &[u32] {
        match (
            self.start.get(d),
            d.checked_add(1).and_then(|e| self.start.get(e)),
        ) {
            (Some(&a), Some(&b)) => &self.items[a as usize..b as usize],
            _ => &[],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::PerDoc;

    #[test]
    fn per_doc_groups_items_in_order_and_ignores_unknown_documents() {
        let g = PerDoc::new(3, [2, 0, 2, 7, 0, 2].into_iter());
        assert_eq!(g.get(0), [1, 4]);
        assert_eq!(g.get(1), [] as [u32; 0]);
        assert_eq!(g.get(2), [0, 2, 5]);
        assert_eq!(g.get(3), [] as [u32; 0]);
        assert_eq!(g.get(usize::MAX), [] as [u32; 0]);
    }
}
