//! JSON records, serialized straight from the corpus. Keys are written in the
//! order serde_json's `Value` (a `BTreeMap`: no `preserve_order`) has always
//! written them, i.e. sorted; the tests compare with `to_json`.

use super::*;

/// A JSON array serialized from an iterator, never collected.
pub(super) struct Seq<F>(F);

impl<F, I> Serialize for Seq<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq((self.0)())
    }
}

/// `F12`, `L3`: an entity id without allocating a `String`.
pub(super) struct Id(char, usize);

impl std::fmt::Display for Id {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}{}", self.0, self.1 + 1)
    }
}

impl Serialize for Id {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// One entity of one kind (an index into the corpus vector of that kind).
pub(super) struct Rec<'a> {
    c: &'a Corpus,
    kind: Kind,
    i: usize,
}

impl Serialize for Rec<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (c, i) = (self.c, self.i);
        let r = Reference::get();
        match self.kind {
            Kind::Documents => {
                let d = &c.documents[i];
                let mut m = s.serialize_map(Some(7))?;
                m.serialize_entry("chars", &d.text.chars().count())?;
                m.serialize_entry("date", &d.date.map(|x| x.to_string()))?;
                m.serialize_entry("date_origin", &d.date_origin.map(DateOrigin::as_str))?;
                m.serialize_entry("id", &d.id)?;
                m.serialize_entry(
                    "provinces",
                    &Seq(|| d.main_places.iter().map(|p| r.place_name(*p))),
                )?;
                m.serialize_entry("source", &d.source)?;
                m.serialize_entry("title", &crate::one_line(&d.title))?;
                m.end()
            }
            Kind::Provinces => {
                let e = &c.places[i];
                let prov = match e.place {
                    Place::Province(p) => r.provinces.get(p as usize),
                    Place::National => None,
                };
                let mut m = s.serialize_map(Some(7))?;
                m.serialize_entry("code", &prov.map(|p| &p.code))?;
                m.serialize_entry(
                    "documents",
                    &Seq(|| e.documents.iter().map(|&d| &c.documents[d].id)),
                )?;
                m.serialize_entry("figures", &Seq(|| e.figures.iter().map(|&f| Id('F', f))))?;
                m.serialize_entry("name", r.place_name(e.place))?;
                m.serialize_entry("region", &prov.map(|p| &p.region))?;
                m.serialize_entry(
                    "sectors",
                    &Seq(|| e.sectors.iter().map(|&x| &r.sectors[x].id)),
                )?;
                m.serialize_entry("successor_2025", &prov.map(|p| &p.successor_2025))?;
                m.end()
            }
            Kind::Figures => FigureRec(c, i, &c.figures[i]).serialize(s),
            Kind::Sectors => {
                let e = &c.sectors[i];
                let def = &r.sectors[e.sector];
                let mut m = s.serialize_map(Some(6))?;
                m.serialize_entry("id", &def.id)?;
                m.serialize_entry(
                    "mentions",
                    &Seq(|| e.mentions.iter().map(|x| Mention(c, x))),
                )?;
                m.serialize_entry("name_en", &def.name_en)?;
                m.serialize_entry("name_vi", &def.name_vi)?;
                m.serialize_entry(
                    "provinces",
                    &Seq(|| e.places.iter().map(|p| r.place_name(*p))),
                )?;
                m.serialize_entry("vsic", &def.vsic)?;
                m.end()
            }
            Kind::Legal => {
                let l = &c.legal[i];
                let mut m = s.serialize_map(Some(6))?;
                m.serialize_entry("date", &l.date.map(|d| d.to_string()))?;
                m.serialize_entry(
                    "documents",
                    &Seq(|| l.documents.iter().map(|&d| &c.documents[d].id)),
                )?;
                m.serialize_entry("id", &Id('L', i))?;
                m.serialize_entry("issuer", &l.issuer)?;
                m.serialize_entry("kind", l.kind.name())?;
                m.serialize_entry("number", &l.number)?;
                m.end()
            }
            Kind::Sentences => {
                let Some((d, si)) = c.sentence_at(i) else {
                    return s.serialize_none();
                };
                let doc = &c.documents[d];
                let span = doc.sentences[si].span();
                let mut m = s.serialize_map(Some(4))?;
                m.serialize_entry("document", &doc.id)?;
                m.serialize_entry("id", &doc.sentence_id(si))?;
                m.serialize_entry("span", &[span.start, span.end])?;
                m.serialize_entry("text", &crate::one_line(doc.sentence_text(si)))?;
                m.end()
            }
        }
    }
}

/// Figure `i` (given, since `figure_json` callers pass it).
pub(super) struct FigureRec<'a>(&'a Corpus, usize, &'a Figure);

impl Serialize for FigureRec<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (c, i, f) = (self.0, self.1, self.2);
        let r = Reference::get();
        let doc = &c.documents[f.document as usize];
        let mut m = s.serialize_map(Some(20))?;
        m.serialize_entry("comparator", &f.comparator)?;
        m.serialize_entry("document", &doc.id)?;
        m.serialize_entry("id", &Id('F', i))?;
        m.serialize_entry("kind", &f.kind)?;
        m.serialize_entry("metric", &crate::one_line(&f.metric))?;
        m.serialize_entry("per_year", &f.per_year)?;
        m.serialize_entry("period", &f.period)?;
        m.serialize_entry("province", &f.place.map(|p| r.place_name(p)))?;
        m.serialize_entry(
            "sentence",
            &doc.sentence_excerpt(f.sentence as usize, f.span),
        )?;
        m.serialize_entry("sentence_id", &doc.sentence_id(f.sentence as usize))?;
        m.serialize_entry("span", &[f.span.start, f.span.end])?;
        m.serialize_entry("status", &f.status)?;
        m.serialize_entry("status_reason", &Reason(doc, f.reason))?;
        m.serialize_entry("unit", &f.unit)?;
        m.serialize_entry("unit_base", f.unit_base())?;
        m.serialize_entry("value", &f.value)?;
        m.serialize_entry("value_base", &f.value_base())?;
        m.serialize_entry("value_max", &f.value_max)?;
        m.serialize_entry("value_max_base", &f.value_max_base())?;
        m.serialize_entry("year", &f.year)?;
        m.end()
    }
}

/// Why a figure has its status: the rule, and the cue with its span when a word decided.
struct Reason<'a>(&'a Document, StatusReason);

impl Serialize for Reason<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (doc, r) = (self.0, self.1);
        let cue = r.cue.and_then(|c| Some((doc.text.get(c.range())?, c)));
        let mut m = s.serialize_map(Some(3))?;
        m.serialize_entry("cue", &cue.map(|(text, _)| crate::one_line(text)))?;
        m.serialize_entry("rule", r.rule.as_str())?;
        m.serialize_entry("span", &cue.map(|(_, c)| [c.start, c.end]))?;
        m.end()
    }
}

/// A sector mention inside its sector's record.
pub(super) struct Mention<'a>(&'a Corpus, &'a crate::model::SectorMention);

impl Serialize for Mention<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (c, x) = (self.0, self.1);
        let doc = &c.documents[x.document as usize];
        let mut m = s.serialize_map(Some(5))?;
        m.serialize_entry("document", &doc.id)?;
        m.serialize_entry("province", &x.place.map(|p| Reference::get().place_name(p)))?;
        m.serialize_entry(
            "sentence",
            &doc.sentence_excerpt(x.sentence as usize, x.span),
        )?;
        m.serialize_entry("sentence_id", &doc.sentence_id(x.sentence as usize))?;
        m.serialize_entry("span", &[x.span.start, x.span.end])?;
        m.end()
    }
}

/// Every entity of one kind, as a JSON array.
pub(super) struct KindSeq<'a>(&'a Corpus, Kind);

impl Serialize for KindSeq<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (c, kind) = (self.0, self.1);
        s.collect_seq((0..count(c, kind)).map(|i| Rec { c, kind, i }))
    }
}

/// The whole model (`vnie/1`), or one kind of entity.
pub(super) struct Model<'a>(pub(super) &'a Corpus, pub(super) Option<Kind>);

impl Serialize for Model<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let c = self.0;
        match self.1 {
            Some(k) => KindSeq(c, k).serialize(s),
            None => {
                let mut m = s.serialize_map(Some(6))?;
                m.serialize_entry("documents", &KindSeq(c, Kind::Documents))?;
                m.serialize_entry("figures", &KindSeq(c, Kind::Figures))?;
                m.serialize_entry("legal", &KindSeq(c, Kind::Legal))?;
                m.serialize_entry("provinces", &KindSeq(c, Kind::Provinces))?;
                m.serialize_entry("schema", "vnie/1")?;
                m.serialize_entry("sectors", &KindSeq(c, Kind::Sectors))?;
                m.end()
            }
        }
    }
}

/// How many entities of `kind` the corpus has.
pub(super) fn to_value(v: impl Serialize) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

pub fn figure_json(c: &Corpus, i: usize, f: &Figure) -> Value {
    to_value(FigureRec(c, i, f))
}

/// The whole model, or one kind of entity, as JSON.
pub fn to_json(c: &Corpus, kind: Option<Kind>) -> Value {
    to_value(Model(c, kind))
}
