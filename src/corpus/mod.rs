//! The Corpus: documents and the entities extracted from them, cross-referenced
//! both ways (province → figures, sectors, documents; sector → provinces;
//! figure → sentence). Consumers read it; nothing re-parses text after this.

pub mod decode;
pub mod html;
pub mod load;

use crate::extract::{extract, Extraction};
use crate::model::{
    Document, Figure, FileReport, LegalRef, Place, PlaceEntry, SectorEntry, SectorMention,
};
use crate::reference::Reference;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

pub use load::{
    load_paths, load_paths_with_progress, LoadOptions, Phase, Progress, ProgressSnapshot,
};

/// Where the corpus came from, for the status bar and the export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Embedded,
    Paths(Vec<String>),
}

impl Source {
    pub fn describe(&self) -> String {
        match self {
            Source::Embedded => "embedded corpus".to_string(),
            Source::Paths(p) => p.join(", "),
        }
    }
}

/// One decoded text waiting for extraction.
#[derive(Debug, Clone)]
pub struct RawDoc {
    pub source: String,
    pub text: String,
    pub encoding: String,
}

#[derive(Debug, Clone)]
pub struct Corpus {
    pub source: Source,
    pub documents: Vec<Document>,
    pub figures: Vec<Figure>,
    /// Every taxonomy sector, in taxonomy order, with its mentions.
    pub sectors: Vec<SectorEntry>,
    pub legal: Vec<LegalRef>,
    /// Places referenced anywhere in the corpus, gazetteer order, national last.
    pub places: Vec<PlaceEntry>,
    /// What became of every input file.
    pub files: Vec<FileReport>,
}

const EMBEDDED: &[(&str, &str)] = &[
    (
        "000_6ea38480b863f6f0.txt",
        include_str!("../../assets/corpus/000_6ea38480b863f6f0.txt"),
    ),
    (
        "001_d8e4e48b8682bf70.txt",
        include_str!("../../assets/corpus/001_d8e4e48b8682bf70.txt"),
    ),
    (
        "002_aa09f2c6ebd9e69f.txt",
        include_str!("../../assets/corpus/002_aa09f2c6ebd9e69f.txt"),
    ),
    (
        "003_00da2c5f05ae2b87.txt",
        include_str!("../../assets/corpus/003_00da2c5f05ae2b87.txt"),
    ),
    (
        "004_8d118ce11709c99e.txt",
        include_str!("../../assets/corpus/004_8d118ce11709c99e.txt"),
    ),
];

impl Corpus {
    /// The five seed articles compiled into the binary.
    pub fn embedded() -> Corpus {
        let raws = EMBEDDED
            .iter()
            .map(|(name, text)| RawDoc {
                source: format!("embedded:{name}"),
                text: decode::normalize(text),
                encoding: "utf-8".to_string(),
            })
            .collect();
        let mut c = Corpus::build(raws, Vec::new());
        c.source = Source::Embedded;
        c
    }

    /// Extract every document (in parallel) and index the results.
    pub fn build(raws: Vec<RawDoc>, files: Vec<FileReport>) -> Corpus {
        let extractions: Vec<Extraction> = raws.par_iter().map(|r| extract(&r.text)).collect();
        Self::assemble(raws, extractions, files)
    }

    /// [`Corpus::build`], counting extracted documents in `progress` as it goes.
    pub fn build_with_progress(
        raws: Vec<RawDoc>,
        files: Vec<FileReport>,
        progress: &Progress,
    ) -> Corpus {
        let text: usize = raws.iter().map(|r| r.text.len()).sum();
        progress.extracting(raws.len() as u64, text as u64);
        let extractions: Vec<Extraction> = raws
            .par_iter()
            .map(|r| {
                let e = extract(&r.text);
                progress.extracted(r.text.len() as u64);
                e
            })
            .collect();
        progress.set_phase(Phase::Indexing);
        Self::assemble(raws, extractions, files)
    }

    fn assemble(raws: Vec<RawDoc>, extractions: Vec<Extraction>, files: Vec<FileReport>) -> Corpus {
        let reference = Reference::get();
        let mut documents = Vec::with_capacity(raws.len());
        // Exact capacities: no doubling, so no slack or freed halves left behind.
        let mut figures = Vec::with_capacity(extractions.iter().map(|e| e.figures.len()).sum());
        let mut per_sector = vec![0usize; reference.sectors.len()];
        for m in extractions.iter().flat_map(|e| &e.sectors) {
            if let Some(n) = per_sector.get_mut(m.sector) {
                *n += 1;
            }
        }
        let mut mentions: Vec<Vec<SectorMention>> =
            per_sector.into_iter().map(Vec::with_capacity).collect();
        let mut legal: BTreeMap<(crate::model::LegalKind, String), LegalRef> = BTreeMap::new();
        for (di, (raw, ex)) in raws.into_iter().zip(extractions).enumerate() {
            for mut f in ex.figures {
                f.document = di;
                figures.push(f);
            }
            for mut m in ex.sectors {
                m.document = di;
                if let Some(v) = mentions.get_mut(m.sector) {
                    v.push(m);
                }
            }
            for c in &ex.legal {
                let entry = legal
                    .entry((c.kind, c.number.clone()))
                    .or_insert_with(|| LegalRef {
                        kind: c.kind,
                        number: c.number.clone(),
                        issuer: c.issuer.clone(),
                        date: c.date,
                        documents: Vec::new(),
                        citations: Vec::new(),
                    });
                if entry.date.is_none() {
                    entry.date = c.date;
                }
                if !entry.documents.contains(&di) {
                    entry.documents.push(di);
                }
                entry.citations.push((di, c.sentence));
            }
            documents.push(Document {
                id: format!("D{}", di + 1),
                source: raw.source,
                title: ex.title,
                date: ex.date,
                text: raw.text,
                paragraphs: ex.paragraphs,
                sentences: ex.sentences,
                places: ex.places,
                legal: ex.legal,
                main_places: ex.main_places,
                encoding: raw.encoding,
            });
        }
        let sectors: Vec<SectorEntry> = mentions
            .into_iter()
            .enumerate()
            .map(|(i, ms)| {
                let places: BTreeSet<Place> = ms.iter().filter_map(|m| m.place).collect();
                SectorEntry {
                    sector: i,
                    places: places.into_iter().collect(),
                    mentions: ms,
                }
            })
            .collect();
        let legal: Vec<LegalRef> = legal.into_values().collect();
        let places = index_places(&documents, &figures, &sectors, &legal);
        Corpus {
            source: Source::Paths(Vec::new()),
            documents,
            figures,
            sectors,
            legal,
            places,
            files,
        }
    }

    pub fn place_entry(&self, place: Place) -> Option<&PlaceEntry> {
        self.places.iter().find(|p| p.place == place)
    }

    pub fn skipped(&self) -> impl Iterator<Item = &FileReport> {
        self.files
            .iter()
            .filter(|f| !matches!(f.fate, crate::model::FileFate::Loaded { .. }))
    }
}

fn index_places(
    documents: &[Document],
    figures: &[Figure],
    sectors: &[SectorEntry],
    legal: &[LegalRef],
) -> Vec<PlaceEntry> {
    let mut map: BTreeMap<Place, PlaceEntry> = BTreeMap::new();
    fn entry(map: &mut BTreeMap<Place, PlaceEntry>, p: Place) -> &mut PlaceEntry {
        map.entry(p).or_insert_with(|| PlaceEntry {
            place: p,
            documents: Vec::new(),
            figures: Vec::new(),
            sectors: Vec::new(),
            legal: Vec::new(),
        })
    }
    for (di, d) in documents.iter().enumerate() {
        for &p in &d.main_places {
            entry(&mut map, p).documents.push(di);
        }
    }
    for (fi, f) in figures.iter().enumerate() {
        if let Some(p) = f.place {
            let e = entry(&mut map, p);
            e.figures.push(fi);
            if !e.documents.contains(&f.document) {
                e.documents.push(f.document);
            }
        }
    }
    for s in sectors {
        for &p in &s.places {
            entry(&mut map, p).sectors.push(s.sector);
        }
    }
    for (li, l) in legal.iter().enumerate() {
        for &di in &l.documents {
            for &p in &documents[di].main_places {
                let e = entry(&mut map, p);
                if !e.legal.contains(&li) {
                    e.legal.push(li);
                }
            }
        }
    }
    let mut out: Vec<PlaceEntry> = map.into_values().collect();
    for e in &mut out {
        e.documents.sort_unstable();
    }
    out
}
