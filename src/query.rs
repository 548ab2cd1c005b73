//! The filter's query language, one for the explorer's `/`, `vnie export --filter` and
//! `vnie search`: plain words are ranked against each row's label (accents optional);
//! field qualifiers keep only the rows they describe.
//!
//! | qualifier | keeps | example |
//! |---|---|---|
//! | `p:` | a province (name, alias, or its 2025 unit), `p:toan quoc` | `p:thanh hoa` |
//! | `y:` | a year or a range | `y:2030`, `y:2025..2030` |
//! | `s:` | a status (English or Vietnamese) | `s:target`, `s:muc tieu` |
//! | `k:` | a figure kind | `k:growth`, `k:ty trong` |
//! | `f:` | a metric family (id or name) | `f:grdp` |
//! | `sec:` | a sector | `sec:det may` |
//!
//! A qualifier's value may run over several words: it takes the following words as long
//! as some name still begins with them (`p:thanh hoa cong nghiep` is the province Thanh
//! Hóa and the plain words "cong nghiep"); quotes make it explicit (`p:"ha noi"`). A
//! qualifier with an empty value (`p:` while typing) keeps everything; one whose value
//! names nothing keeps nothing.
//!
//! Rows of other kinds than figures are kept when they have what the qualifiers ask for:
//! a province with a figure of 2030, a document with a Thanh Hóa target, a sentence that
//! holds a matching figure, a legal reference of 2015 (`y:` on its own year).

use std::collections::HashSet;
use std::sync::OnceLock;

use crate::corpus::Corpus;
use crate::export::Kind;
use crate::model::{Figure, FigureKind, LegalRef, Place, Status};
use crate::reference::Reference;
use crate::search::fold;

const WORDS_TSV: &str = include_str!("../assets/query_words.tsv");

/// One field qualifier, resolved against the reference data.
#[derive(Debug, Clone, PartialEq)]
pub enum Qualifier {
    Places(Vec<Place>),
    /// Inclusive.
    Years(i32, i32),
    Statuses(Vec<Status>),
    Kinds(Vec<FigureKind>),
    /// Indices into [`crate::families::all`].
    Families(Vec<usize>),
    /// Indices into the sector taxonomy.
    Sectors(Vec<usize>),
}

/// A parsed query: the plain words and the qualifiers.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Filter {
    /// The plain words, as typed, for the ranker.
    pub text: String,
    pub qualifiers: Vec<Qualifier>,
}

#[derive(Clone, Copy, PartialEq)]
enum Field {
    Place,
    Year,
    Status,
    Kind,
    Family,
    Sector,
}

impl Field {
    fn from_key(k: &str) -> Option<Field> {
        Some(match k {
            "p" | "province" | "tinh" => Field::Place,
            "y" | "year" | "nam" => Field::Year,
            "s" | "status" => Field::Status,
            "k" | "kind" => Field::Kind,
            "f" | "family" => Field::Family,
            "sec" | "sector" | "nganh" => Field::Sector,
            _ => return None,
        })
    }
}

/// The names each multi-word field accepts, folded, with the value each stands for.
struct Vocab {
    places: Vec<(String, Place)>,
    statuses: Vec<(String, Status)>,
    kinds: Vec<(String, FigureKind)>,
    families: Vec<(String, usize)>,
    sectors: Vec<(String, usize)>,
}

fn vocab() -> &'static Vocab {
    static V: OnceLock<Vocab> = OnceLock::new();
    V.get_or_init(|| {
        let r = Reference::get();
        let mut places = Vec::new();
        for (i, p) in r.provinces.iter().enumerate() {
            let place = Place::Province(i as u16);
            for name in [&p.name, &p.ascii, &p.successor_2025]
                .into_iter()
                .chain(&p.aliases)
            {
                places.push((fold(name), place));
            }
        }
        for name in [
            r.place_name(Place::National),
            "cả nước",
            "quốc gia",
            "Việt Nam",
        ] {
            places.push((fold(name), Place::National));
        }
        let mut statuses = Vec::new();
        let mut kinds = Vec::new();
        for s in [Status::Target, Status::Achieved, Status::Estimate] {
            statuses.push((s.as_str().to_string(), s));
        }
        for k in FigureKind::ALL {
            kinds.push((k.as_str().to_string(), k));
        }
        for line in WORDS_TSV.lines().filter(|l| !l.starts_with('#')) {
            let mut cols = line.split('\t');
            let (Some(field), Some(value), Some(words)) = (cols.next(), cols.next(), cols.next())
            else {
                continue;
            };
            for w in words.split(';').map(fold).filter(|w| !w.is_empty()) {
                match field {
                    "s" => statuses.extend(
                        statuses
                            .iter()
                            .find(|(n, _)| n == value)
                            .map(|&(_, s)| (w.clone(), s)),
                    ),
                    "k" => kinds.extend(
                        kinds
                            .iter()
                            .find(|(n, _)| n == value)
                            .map(|&(_, k)| (w.clone(), k)),
                    ),
                    _ => {}
                }
            }
        }
        let families = named(
            crate::families::all()
                .iter()
                .map(|f| [&f.id, &f.name_vi, &f.name_en]),
        );
        let sectors = named(r.sectors.iter().map(|s| [&s.id, &s.name_vi, &s.name_en]));
        Vocab {
            places,
            statuses,
            kinds,
            families,
            sectors,
        }
    })
}

/// Each item's id and names, folded, with the item's index.
fn named<'a>(items: impl Iterator<Item = [&'a String; 3]>) -> Vec<(String, usize)> {
    items
        .enumerate()
        .flat_map(|(i, names)| names.into_iter().map(move |n| (fold(n), i)))
        .collect()
}

/// Whether `name` has `value` at a word start (places, statuses and kinds: at its start).
fn names(name: &str, value: &str, anywhere: bool) -> bool {
    if name.starts_with(value) {
        return true;
    }
    anywhere
        && name
            .match_indices(value)
            .any(|(p, _)| !name[..p].ends_with(|c: char| c.is_alphanumeric()))
}

/// The values of `list` whose name `value` begins (or, `anywhere`, begins a word of).
fn lookup<T: Copy + PartialEq>(list: &[(String, T)], value: &str, anywhere: bool) -> Vec<T> {
    let mut out: Vec<T> = Vec::new();
    for (n, v) in list {
        if names(n, value, anywhere) && !out.contains(v) {
            out.push(*v);
        }
    }
    out
}

impl Field {
    /// Whether `value` (folded) still begins some name of this field: how far a value
    /// may run over the following words.
    fn known(self, value: &str) -> bool {
        let v = vocab();
        match self {
            Field::Place => v.places.iter().any(|(n, _)| names(n, value, false)),
            Field::Status => v.statuses.iter().any(|(n, _)| names(n, value, false)),
            Field::Kind => v.kinds.iter().any(|(n, _)| names(n, value, false)),
            Field::Family => v.families.iter().any(|(n, _)| names(n, value, true)),
            Field::Sector => v.sectors.iter().any(|(n, _)| names(n, value, true)),
            Field::Year => false,
        }
    }

    fn resolve(self, value: &str) -> Option<Qualifier> {
        let v = vocab();
        Some(match self {
            Field::Place => Qualifier::Places(lookup(&v.places, value, false)),
            Field::Status => Qualifier::Statuses(lookup(&v.statuses, value, false)),
            Field::Kind => Qualifier::Kinds(lookup(&v.kinds, value, false)),
            Field::Family => Qualifier::Families(lookup(&v.families, value, true)),
            Field::Sector => Qualifier::Sectors(lookup(&v.sectors, value, true)),
            Field::Year => {
                let (a, b) = years(value);
                Qualifier::Years(a, b)
            }
        })
    }
}

/// `2030`, `2025..2030`, `2025-2030`, `2030..`, `..2030`; anything else matches no year.
fn years(v: &str) -> (i32, i32) {
    let (a, b) = match v.split_once("..").or_else(|| v.split_once('-')) {
        Some((a, b)) => (a, b),
        None => (v, v),
    };
    let parse = |s: &str, open: i32| match s.trim() {
        "" => Some(open),
        s => s.parse::<i32>().ok(),
    };
    match (parse(a, i32::MIN), parse(b, i32::MAX)) {
        (Some(a), Some(b)) if a <= b => (a, b),
        _ => (1, 0),
    }
}

/// Splits `query` into plain words and qualifiers.
pub fn parse(query: &str) -> Filter {
    let words: Vec<&str> = query.split_whitespace().collect();
    let mut text: Vec<&str> = Vec::new();
    let mut qualifiers = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        i += 1;
        let Some((key, first)) = w.split_once(':') else {
            text.push(w);
            continue;
        };
        // Keys are compared before folding, which would make `y` an `i`.
        let field = Field::from_key(&key.to_lowercase()).or_else(|| Field::from_key(&fold(key)));
        let Some(field) = field else {
            text.push(w);
            continue;
        };
        let mut value = String::new();
        if let Some(rest) = first.strip_prefix('"') {
            // Quoted: up to the closing quote, whatever the names.
            let mut parts = vec![rest.to_string()];
            let mut closed = rest.ends_with('"') && !rest.is_empty();
            while !closed && i < words.len() {
                parts.push(words[i].to_string());
                closed = words[i].ends_with('"');
                i += 1;
            }
            value = fold(parts.join(" ").trim_end_matches('"'));
        } else {
            value.push_str(&fold(first));
            // Following words join while some name still begins with the whole value.
            while i < words.len() && !words[i].contains(':') {
                let longer = format!("{value} {}", fold(words[i]));
                if !Field::known(field, &longer) {
                    break;
                }
                value = longer;
                i += 1;
            }
        }
        if value.is_empty() {
            continue;
        }
        qualifiers.extend(field.resolve(&value));
    }
    Filter {
        text: text.join(" "),
        qualifiers,
    }
}

impl Filter {
    pub fn has_qualifiers(&self) -> bool {
        !self.qualifiers.is_empty()
    }

    /// The statuses a `s:` asks for, if it does (the explorer's own status cycle then
    /// stands aside).
    pub fn statuses(&self) -> Option<Vec<Status>> {
        self.qualifiers.iter().find_map(|q| match q {
            Qualifier::Statuses(s) => Some(s.clone()),
            _ => None,
        })
    }

    fn figure_only(&self) -> bool {
        self.qualifiers
            .iter()
            .any(|q| !matches!(q, Qualifier::Places(_) | Qualifier::Sectors(_)))
    }

    /// Which entities of `kind` the qualifiers keep (`None`: no qualifier, all of them).
    pub fn keep(&self, c: &Corpus, kind: Kind) -> Option<Vec<bool>> {
        if self.qualifiers.is_empty() {
            return None;
        }
        let ctx = Ctx::new(self, c);
        Some(match kind {
            Kind::Figures => ctx.figures,
            Kind::Provinces => c.places.iter().map(|e| ctx.place(e.place, e)).collect(),
            Kind::Sectors => (0..c.sectors.len()).map(|i| ctx.sector(i)).collect(),
            Kind::Documents => (0..c.documents.len()).map(|d| ctx.document(d)).collect(),
            Kind::Legal => {
                // `y:` is the reference's own year; the rest through the citing documents.
                let rest = Filter {
                    text: String::new(),
                    qualifiers: self
                        .qualifiers
                        .iter()
                        .filter(|q| !matches!(q, Qualifier::Years(..)))
                        .cloned()
                        .collect(),
                };
                let by_docs = (!rest.qualifiers.is_empty()).then(|| Ctx::new(&rest, c));
                c.legal
                    .iter()
                    .map(|l| {
                        ctx.legal_year_ok(l)
                            && by_docs
                                .as_ref()
                                .is_none_or(|x| l.documents.iter().any(|&d| x.document(d)))
                    })
                    .collect()
            }
            Kind::Sentences => ctx.sentences(),
        })
    }
}

/// The qualifiers evaluated once over the figures and sector mentions.
struct Ctx<'a> {
    filter: &'a Filter,
    c: &'a Corpus,
    /// Figures every qualifier (`sec:` through its sentence) accepts.
    figures: Vec<bool>,
    /// Figures the figure qualifiers (all but `p:` and `sec:`) accept.
    figure_facts: Vec<bool>,
    /// (document, sentence) of the mentions of the sectors `sec:` names.
    sector_sentences: Option<HashSet<(u32, u32)>>,
    /// Documents holding a figure of `figures`.
    doc_figure: Vec<bool>,
    /// Documents mentioning a sector `sec:` names.
    doc_sector: Vec<bool>,
}

impl<'a> Ctx<'a> {
    fn new(filter: &'a Filter, c: &'a Corpus) -> Ctx<'a> {
        let sector_sentences = filter.qualifiers.iter().find_map(|q| match q {
            Qualifier::Sectors(s) => Some(
                s.iter()
                    .filter_map(|&si| c.sectors.iter().find(|e| e.sector == si))
                    .flat_map(|e| e.mentions.iter().map(|m| (m.document, m.sentence)))
                    .collect::<HashSet<_>>(),
            ),
            _ => None,
        });
        let figure_facts: Vec<bool> = c.figures.iter().map(|f| facts(filter, f)).collect();
        let figures = c
            .figures
            .iter()
            .zip(&figure_facts)
            .map(|(f, &ok)| {
                ok && places_ok(filter, f.place)
                    && sector_sentences
                        .as_ref()
                        .is_none_or(|s| s.contains(&(f.document, f.sentence)))
            })
            .collect::<Vec<bool>>();
        let mut doc_figure = vec![false; c.documents.len()];
        for (f, _) in c.figures.iter().zip(&figures).filter(|(_, &ok)| ok) {
            if let Some(x) = doc_figure.get_mut(f.document as usize) {
                *x = true;
            }
        }
        let mut doc_sector = vec![false; c.documents.len()];
        for &(d, _) in sector_sentences.iter().flatten() {
            if let Some(x) = doc_sector.get_mut(d as usize) {
                *x = true;
            }
        }
        Ctx {
            filter,
            c,
            figures,
            figure_facts,
            sector_sentences,
            doc_figure,
            doc_sector,
        }
    }

    fn qualifier<T>(&self, pick: impl Fn(&'a Qualifier) -> Option<T>) -> Option<T> {
        self.filter.qualifiers.iter().find_map(pick)
    }

    fn sectors(&self) -> Option<&'a Vec<usize>> {
        self.qualifier(|q| match q {
            Qualifier::Sectors(s) => Some(s),
            _ => None,
        })
    }

    fn place(&self, p: Place, e: &crate::model::PlaceEntry) -> bool {
        places_ok(self.filter, Some(p))
            && (!self.filter.figure_only()
                || e.figures
                    .iter()
                    .any(|&f| self.figure_facts.get(f).copied().unwrap_or(false)))
            && self.sectors().is_none_or(|want| {
                self.c
                    .sectors
                    .iter()
                    .any(|s| want.contains(&s.sector) && s.places.contains(&p))
            })
    }

    fn sector(&self, i: usize) -> bool {
        let Some(e) = self.c.sectors.get(i) else {
            return false;
        };
        self.sectors().is_none_or(|want| want.contains(&e.sector))
            && self
                .qualifier(|q| match q {
                    Qualifier::Places(ps) => Some(ps),
                    _ => None,
                })
                .is_none_or(|ps| e.places.iter().any(|p| ps.contains(p)))
            && (!self.filter.figure_only()
                || e.mentions
                    .iter()
                    .any(|m| self.doc_has_figure(m.document as usize)))
    }

    /// Whether document `d` holds a figure every figure qualifier accepts.
    fn doc_has_figure(&self, d: usize) -> bool {
        self.doc_figure.get(d).copied().unwrap_or(false)
    }

    fn document(&self, d: usize) -> bool {
        let Some(doc) = self.c.documents.get(d) else {
            return false;
        };
        if self.filter.figure_only() {
            return self.doc_has_figure(d);
        }
        let places = self.qualifier(|q| match q {
            Qualifier::Places(ps) => Some(ps),
            _ => None,
        });
        places.is_none_or(|ps| {
            doc.places.iter().any(|m| ps.contains(&m.place))
                || doc.main_places.iter().any(|p| ps.contains(p))
        }) && (self.sector_sentences.is_none() || self.doc_sector.get(d).copied().unwrap_or(false))
    }

    fn legal_year_ok(&self, l: &LegalRef) -> bool {
        self.qualifier(|q| match q {
            Qualifier::Years(a, b) => Some((*a, *b)),
            _ => None,
        })
        .is_none_or(|(a, b)| legal_year(l).is_some_and(|y| (a..=b).contains(&y)))
    }

    fn sentences(&self) -> Vec<bool> {
        let c = self.c;
        let mut out = vec![false; c.sentence_count()];
        let mut mark = |d: usize, s: usize| {
            if let Some(x) = c
                .sentence_starts
                .get(d)
                .and_then(|&start| out.get_mut(start + s))
            {
                *x = true;
            }
        };
        if self.filter.figure_only() || self.sectors().is_none() {
            for (f, &ok) in c.figures.iter().zip(&self.figures) {
                if ok {
                    mark(f.document as usize, f.sentence as usize);
                }
            }
        } else if let Some(s) = &self.sector_sentences {
            // `p:` with `sec:`: the sector mentioned where the province is.
            for &(d, si) in s {
                let doc_ok = self.document(d as usize);
                if doc_ok {
                    mark(d as usize, si as usize);
                }
            }
        }
        out
    }
}

fn places_ok(filter: &Filter, p: Option<Place>) -> bool {
    filter.qualifiers.iter().all(|q| match q {
        Qualifier::Places(ps) => p.is_some_and(|p| ps.contains(&p)),
        _ => true,
    })
}

/// The figure qualifiers on one figure: year, status, kind, family.
fn facts(filter: &Filter, f: &Figure) -> bool {
    filter.qualifiers.iter().all(|q| match q {
        Qualifier::Years(a, b) => match (f.year, f.period) {
            (Some(y), _) => (*a..=*b).contains(&y),
            (None, Some([p0, p1])) => p0 <= *b && p1 >= *a,
            _ => false,
        },
        Qualifier::Statuses(s) => s.contains(&f.status),
        Qualifier::Kinds(k) => k.contains(&f.kind),
        Qualifier::Families(fs) => crate::families::family_of(f).is_some_and(|i| fs.contains(&i)),
        Qualifier::Places(_) | Qualifier::Sectors(_) => true,
    })
}

/// A legal reference's year: its date, else the year in its number (`111/2015/NĐ-CP`).
fn legal_year(l: &LegalRef) -> Option<i32> {
    l.date.map(|d| d.year).or_else(|| {
        l.number
            .split(['/', '-'])
            .filter_map(|p| p.parse::<i32>().ok())
            .find(|y| (1945..=2100).contains(y))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn places(f: &Filter) -> Vec<&str> {
        let r = Reference::get();
        match &f.qualifiers[..] {
            [Qualifier::Places(ps)] => ps.iter().map(|&p| r.place_name(p)).collect(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_place_value_runs_while_a_name_begins_with_it() {
        let f = parse("p:thanh hoa cong nghiep");
        assert_eq!(places(&f), ["Thanh Hóa"]);
        assert_eq!(f.text, "cong nghiep");
        let f = parse("tỷ trọng p:\"Hà Nội\"");
        assert_eq!(places(&f), ["Hà Nội"]);
        assert_eq!(f.text, "tỷ trọng");
        assert!(places(&parse("p:ha")).contains(&"Hà Tĩnh"));
    }

    #[test]
    fn a_2025_unit_name_finds_the_provinces_merged_into_it() {
        let f = parse("p:khanh hoa");
        let names = places(&f);
        assert!(
            names.contains(&"Khánh Hòa") && names.contains(&"Ninh Thuận"),
            "{names:?}"
        );
    }

    #[test]
    fn years_statuses_and_kinds() {
        assert_eq!(parse("y:2030").qualifiers, [Qualifier::Years(2030, 2030)]);
        assert_eq!(
            parse("y:2025..2030").qualifiers,
            [Qualifier::Years(2025, 2030)]
        );
        assert_eq!(
            parse("y:2030..").qualifiers,
            [Qualifier::Years(2030, i32::MAX)]
        );
        assert_eq!(parse("y:abc").qualifiers, [Qualifier::Years(1, 0)]);
        assert_eq!(
            parse("s:muc tieu").qualifiers,
            [Qualifier::Statuses(vec![Status::Target])]
        );
        assert_eq!(
            parse("s:target").qualifiers,
            [Qualifier::Statuses(vec![Status::Target])]
        );
        assert_eq!(
            parse("k:tăng trưởng").qualifiers,
            [Qualifier::Kinds(vec![FigureKind::Growth])]
        );
        // Unknown keys and bare colons are plain words; an empty value keeps everything.
        let f = parse("http://x 10:30 p:");
        assert_eq!(f.text, "http://x 10:30");
        assert!(f.qualifiers.is_empty());
    }

    #[test]
    fn qualifiers_keep_rows_of_every_kind() {
        let c = Corpus::embedded();
        let f = parse("p:son la y:2030");
        let figs = f.keep(&c, Kind::Figures).unwrap();
        assert!(figs.iter().any(|&k| k));
        for (fig, &k) in c.figures.iter().zip(&figs) {
            let son_la = fig.place.map(|p| Reference::get().place_name(p)) == Some("Sơn La");
            assert_eq!(k, son_la && fig.year == Some(2030));
        }
        let provs = f.keep(&c, Kind::Provinces).unwrap();
        assert_eq!(provs.iter().filter(|&&k| k).count(), 1);
        let docs = f.keep(&c, Kind::Documents).unwrap();
        assert!(docs.iter().any(|&k| k) && !docs.iter().all(|&k| k));
        let nothing = parse("p:zzz").keep(&c, Kind::Figures).unwrap();
        assert!(nothing.iter().all(|&k| !k));
    }
}
