//! The Corpus: documents and the entities extracted from them, cross-referenced
//! both ways (province → figures, sectors, documents; sector → provinces;
//! figure → sentence). Consumers read it; nothing re-parses text after this.

pub mod decode;
pub mod formats;
pub mod html;
pub mod load;
mod progress;
mod walk;

use crate::extract::{extract_doc, Extraction};
use crate::model::{
    Document, Figure, FileReport, LegalRef, Place, PlaceEntry, SectorEntry, SectorMention,
};
use crate::reference::Reference;
use foldhash::fast::FixedState;
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};

pub use load::{load_paths, load_paths_with_progress, LoadOptions};
pub use progress::{Phase, Progress, ProgressSnapshot};

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

/// What a document waiting for the corpus still needs.
pub enum Pending<'a> {
    /// Its text extracted.
    Extract,
    Extracted(Extraction),
    /// Its extraction decoded from the index (extracted afresh if that fails).
    Encoded(&'a [u8]),
}

/// One decoded text waiting for extraction.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct RawDoc {
    pub source: String,
    pub text: crate::model::Text,
    pub encoding: String,
    /// A reference date known before the text is read: a saved page's publication
    /// metadata or a date in the file name. A date stated in the text still wins.
    pub date_hint: Option<crate::model::RefDate>,
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
    /// For each document, the corpus-wide number of its first sentence (sentences
    /// numbered document after document): the row of a sentence in the `sentences` table.
    pub sentence_starts: Vec<usize>,
    /// What the persistent index did for this load, when one was used.
    pub index: Option<crate::index::Report>,
    /// Documents whose extraction stopped (a rule panicked on their text): loaded
    /// with their text alone. Empty unless something is wrong in extraction.
    pub unread: Vec<usize>,
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
                text: decode::normalize(text).into(),
                encoding: "utf-8".to_string(),
                date_hint: None,
            })
            .collect();
        let mut c = Corpus::build(raws, Vec::new());
        c.source = Source::Embedded;
        c
    }

    /// Extract every document (in parallel) and index the results.
    pub fn build(raws: Vec<RawDoc>, files: Vec<FileReport>) -> Corpus {
        Self::build_with_progress(raws, files, &Progress::new())
    }

    /// [`Corpus::build`], counting extracted documents in `progress` as it goes.
    ///
    /// Documents are extracted in batches, each merged into the corpus while the next
    /// is extracted: the per-document vectors of a batch are freed while later batches
    /// allocate, so their memory is reused instead of being left as holes beside a
    /// corpus-wide copy made at the end (that copy cost a fifth of peak RSS), and the
    /// merging, which is sequential, overlaps extraction instead of idling a core.
    pub fn build_with_progress(
        raws: Vec<RawDoc>,
        files: Vec<FileReport>,
        progress: &Progress,
    ) -> Corpus {
        let items = raws.into_iter().map(|r| (r, Pending::Extract)).collect();
        Self::build_items(items, files, progress, &|_, _, _| {})
    }

    /// [`Corpus::build_with_progress`] over documents some of which are extracted
    /// already (read from an index); `fresh` sees each document extracted here, with
    /// its position, before the corpus takes it.
    pub fn build_items(
        items: Vec<(RawDoc, Pending<'_>)>,
        files: Vec<FileReport>,
        progress: &Progress,
        fresh: &(dyn Fn(usize, &RawDoc, &Extraction) + Sync),
    ) -> Corpus {
        let text: usize = items.iter().map(|(r, _)| r.text.len()).sum();
        progress.extracting(items.len() as u64, text as u64);
        let mut asm = Assembler::new(items.len(), text);
        let mut items = items.into_iter().enumerate().peekable();
        let mut extracted: Option<Vec<Made>> = None;
        loop {
            let mut bytes = 0;
            let batch: Vec<(usize, (RawDoc, Pending<'_>))> = std::iter::from_fn(|| {
                let item = items.next_if(|_| bytes < BATCH_BYTES)?;
                bytes += item.1 .0.text.len();
                Some(item)
            })
            .collect();
            if batch.is_empty() && extracted.is_none() {
                break;
            }
            let merge = || {
                for made in extracted.into_iter().flatten() {
                    asm.add(made);
                }
            };
            let extract_batch = || {
                batch
                    .into_par_iter()
                    .chunks(TASK_DOCS)
                    .map(|task| {
                        let mut made = Made::default();
                        for (i, (raw, pending)) in task {
                            let known = match pending {
                                Pending::Extract => None,
                                Pending::Extracted(ex) => Some(ex),
                                Pending::Encoded(bytes) => {
                                    let sink = crate::index::Sink {
                                        document: crate::model::ix(i),
                                        figures: &mut made.figures,
                                        sectors: &mut made.sectors,
                                    };
                                    crate::index::decode_into(bytes, sink)
                                }
                            };
                            let ex = known.unwrap_or_else(|| {
                                let run = || {
                                    let ex =
                                        extract_doc(&raw.text, raw.date_hint, Reference::get());
                                    fresh(i, &raw, &ex);
                                    ex
                                };
                                match crate::contain::contained(run) {
                                    Ok(ex) => ex,
                                    // A rule that fails on one text costs that document
                                    // its figures, not the folder its load: the document
                                    // keeps its text, is not cached, and is reported.
                                    Err(_) => {
                                        made.unread.push(i);
                                        Extraction::default()
                                    }
                                }
                            });
                            progress.extracted(raw.text.len() as u64);
                            made.push(i, raw, ex);
                        }
                        made
                    })
                    .collect::<Vec<Made>>()
            };
            let ((), done) = rayon::join(merge, extract_batch);
            extracted = (!done.is_empty()).then_some(done);
        }
        progress.set_phase(Phase::Indexing);
        asm.finish(files)
    }

    pub fn place_entry(&self, place: Place) -> Option<&PlaceEntry> {
        self.places.iter().find(|p| p.place == place)
    }

    /// How many sentences all documents hold.
    pub fn sentence_count(&self) -> usize {
        match (self.sentence_starts.last(), self.documents.last()) {
            (Some(first), Some(d)) => first + d.sentences.len(),
            _ => 0,
        }
    }

    /// Sentence `i` of the corpus-wide numbering: (document, sentence in it).
    pub fn sentence_at(&self, i: usize) -> Option<(usize, usize)> {
        let d = self
            .sentence_starts
            .partition_point(|&first| first <= i)
            .checked_sub(1)?;
        let s = i - self.sentence_starts[d];
        (s < self.documents.get(d)?.sentences.len()).then_some((d, s))
    }

    pub fn skipped(&self) -> impl Iterator<Item = &FileReport> {
        self.files
            .iter()
            .filter(|f| !matches!(f.fate, crate::model::FileFate::Loaded { .. }))
    }
}

/// Text extracted per batch: enough documents to keep both threads busy, few enough
/// that a batch's temporary vectors stay small next to the corpus.
const BATCH_BYTES: usize = 2 << 20;

/// Documents one task of a batch extracted or read back.
const TASK_DOCS: usize = 16;

/// Consecutive documents made by one task, with their figures and sector mentions
/// numbered and gathered there: the documents' own vectors are then freed by the thread
/// that allocated them. Freed by the assembling thread, each took a lock on the other
/// thread's allocator arena, which was half of the assembly's time at 2 M figures.
#[derive(Default)]
struct Made {
    docs: Vec<(RawDoc, Extraction)>,
    figures: Vec<Figure>,
    sectors: Vec<SectorMention>,
    unread: Vec<usize>,
}

impl Made {
    /// Document `i` of the corpus.
    fn push(&mut self, i: usize, raw: RawDoc, mut ex: Extraction) {
        let d = crate::model::ix(i);
        let mut figures = std::mem::take(&mut ex.figures);
        figures.iter_mut().for_each(|f| f.document = d);
        self.figures.append(&mut figures);
        let mut sectors = std::mem::take(&mut ex.sectors);
        sectors.iter_mut().for_each(|m| m.document = d);
        self.sectors.append(&mut sectors);
        self.docs.push((raw, ex));
    }
}

/// The corpus under construction, fed extracted documents in order.
struct Assembler {
    documents: Vec<Document>,
    figures: Vec<Figure>,
    /// Text bytes of all documents, and of those added so far: the figures still to
    /// come are estimated from them, so that the figures vector grows once or twice
    /// rather than doubling (and copying) a dozen times.
    text_total: usize,
    text_seen: usize,
    mentions: Vec<Vec<SectorMention>>,
    /// By kind, then number: looked up by the citation's own `&str`, so that a
    /// reference cited again costs no allocation, and hashed rather than ordered (a
    /// reopen looks up every citation of the folder here, on the one thread that
    /// assembles): sorted once, in [`Assembler::finish`].
    legal: HashMap<crate::model::LegalKind, HashMap<String, LegalRef, FixedState>, FixedState>,
    /// Documents whose extraction stopped: loaded with their text alone.
    unread: Vec<usize>,
}

impl Assembler {
    fn new(docs: usize, text_total: usize) -> Assembler {
        Assembler {
            documents: Vec::with_capacity(docs),
            figures: Vec::new(),
            text_total,
            text_seen: 0,
            mentions: vec![Vec::new(); Reference::get().sectors.len()],
            legal: HashMap::default(),
            unread: Vec::new(),
        }
    }

    fn add(&mut self, made: Made) {
        let Made {
            docs,
            mut figures,
            sectors,
            unread,
        } = made;
        self.unread.extend(unread);
        self.text_seen += docs.iter().map(|(raw, _)| raw.text.len()).sum::<usize>();
        let needed = self.figures.len() + figures.len();
        if needed > self.figures.capacity() {
            // A fifth more than the figures per byte so far predict; unused capacity of
            // a large vector is address space, not memory, until it is written.
            let rate = needed as f64 / self.text_seen.max(1) as f64;
            let expected = (rate * self.text_total as f64 * 1.2) as usize;
            self.figures
                .reserve(expected.max(needed) - self.figures.len());
        }
        self.figures.append(&mut figures);
        for m in sectors {
            if let Some(v) = self.mentions.get_mut(m.sector as usize) {
                v.push(m);
            }
        }
        for (raw, ex) in docs {
            self.add_document(raw, ex);
        }
    }

    /// A document whose figures and sector mentions were taken already.
    fn add_document(&mut self, raw: RawDoc, ex: Extraction) {
        let di = self.documents.len();
        for c in &ex.legal {
            let by_number = self.legal.entry(c.kind).or_default();
            if !by_number.contains_key(c.number.as_str()) {
                let first = LegalRef {
                    kind: c.kind,
                    number: c.number.clone(),
                    issuer: c.issuer.clone(),
                    date: c.date,
                    documents: Vec::new(),
                    citations: Vec::new(),
                };
                by_number.insert(c.number.clone(), first);
            }
            let Some(entry) = by_number.get_mut(c.number.as_str()) else {
                continue;
            };
            if entry.date.is_none() {
                entry.date = c.date;
            }
            // Documents arrive in order: a repeat can only be the last one.
            if entry.documents.last() != Some(&di) {
                entry.documents.push(di);
            }
            entry.citations.push((di, c.sentence));
        }
        self.documents.push(Document {
            id: format!("D{}", di + 1),
            source: raw.source,
            title: ex.title,
            date: ex.date.map(|d| d.date),
            date_origin: ex.date.map(|d| d.origin),
            text: raw.text,
            paragraphs: ex.paragraphs,
            sentences: ex.sentences,
            places: ex.places,
            legal: ex.legal,
            main_places: ex.main_places,
            encoding: raw.encoding,
        });
    }

    fn finish(self, mut files: Vec<FileReport>) -> Corpus {
        let Assembler {
            documents,
            mut figures,
            mentions,
            legal,
            mut unread,
            ..
        } = self;
        unread.sort_unstable();
        for f in &mut files {
            if let crate::model::FileFate::Loaded { document, .. } = f.fate {
                f.unread = unread.binary_search(&document).is_ok();
            }
        }
        figures.shrink_to_fit();
        let sectors: Vec<SectorEntry> = mentions
            .into_iter()
            .enumerate()
            .map(|(i, mut ms)| {
                ms.shrink_to_fit();
                let places: BTreeSet<Place> = ms.iter().filter_map(|m| m.place).collect();
                SectorEntry {
                    sector: i,
                    places: places.into_iter().collect(),
                    mentions: ms,
                }
            })
            .collect();
        let mut legal: Vec<LegalRef> = legal.into_values().flat_map(|m| m.into_values()).collect();
        legal.sort_unstable_by(|a, b| (a.kind, &a.number).cmp(&(b.kind, &b.number)));
        let places = index_places(&documents, &figures, &sectors, &legal);
        let sentence_starts = documents
            .iter()
            .scan(0, |n, d| {
                let first = *n;
                *n += d.sentences.len();
                Some(first)
            })
            .collect();
        Corpus {
            source: Source::Paths(Vec::new()),
            documents,
            figures,
            sectors,
            legal,
            places,
            files,
            sentence_starts,
            index: None,
            unread,
        }
    }
}

/// One slot per province number and one for the nation, in `Place` order: millions
/// of figures are filed here, and a tree lookup for each was most of the index.
#[derive(Default)]
struct PlaceSlots {
    provinces: Vec<Option<PlaceEntry>>,
    national: Option<PlaceEntry>,
}

impl PlaceSlots {
    fn get(&mut self, p: Place) -> &mut PlaceEntry {
        let slot = match p {
            Place::Province(i) => {
                let i = usize::from(i);
                if self.provinces.len() <= i {
                    self.provinces.resize_with(i + 1, || None);
                }
                &mut self.provinces[i]
            }
            Place::National => &mut self.national,
        };
        slot.get_or_insert_with(|| PlaceEntry {
            place: p,
            documents: Vec::new(),
            figures: Vec::new(),
            sectors: Vec::new(),
            legal: Vec::new(),
        })
    }

    fn into_entries(self) -> Vec<PlaceEntry> {
        let national = [self.national];
        self.provinces
            .into_iter()
            .chain(national)
            .flatten()
            .collect()
    }
}

fn index_places(
    documents: &[Document],
    figures: &[Figure],
    sectors: &[SectorEntry],
    legal: &[LegalRef],
) -> Vec<PlaceEntry> {
    let mut slots = PlaceSlots::default();
    for (di, d) in documents.iter().enumerate() {
        for &p in &d.main_places {
            slots.get(p).documents.push(di);
        }
    }
    for (fi, f) in figures.iter().enumerate() {
        if let Some(p) = f.place {
            let e = slots.get(p);
            e.figures.push(fi);
            // Figures come in document order: a repeat can only be the last one. The
            // main places' documents before them are merged in at the end.
            let d = f.document as usize;
            if e.documents.last() != Some(&d) {
                e.documents.push(d);
            }
        }
    }
    for s in sectors {
        for &p in &s.places {
            slots.get(p).sectors.push(s.sector);
        }
    }
    for (li, l) in legal.iter().enumerate() {
        for &di in &l.documents {
            for &p in &documents[di].main_places {
                let e = slots.get(p);
                // References arrive in order: a repeat can only be the last one.
                if e.legal.last() != Some(&li) {
                    e.legal.push(li);
                }
            }
        }
    }
    let mut out = slots.into_entries();
    for e in &mut out {
        // Two sorted runs (main places, then figures' documents): the stable sort merges
        // them in linear time.
        e.documents.sort();
        e.documents.dedup();
    }
    out
}
