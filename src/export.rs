//! Writers: the JSON model (`vnie/1`), and CSV / Markdown tables per entity kind.
//!
//! [`write_export`] writes every format row by row into any [`Write`]: nothing
//! builds the whole output, a `serde_json::Value` per entity or a table in
//! memory. The `Value` / [`Table`] / `String` functions are for callers that
//! want the data itself (the explorer, tests); they give the same bytes.

use crate::corpus::Corpus;
use crate::model::{Figure, FigureKind, Place};
use crate::reference::Reference;
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;
use serde_json::Value;
use std::io::{self, BufWriter, Write};
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Json,
    Csv,
    Md,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Kind {
    Figures,
    Provinces,
    Sectors,
    Documents,
    Legal,
}

pub fn place_name(p: Option<Place>) -> Option<String> {
    p.map(|p| Reference::get().place_name(p).to_string())
}

pub fn figure_id(i: usize) -> String {
    format!("F{}", i + 1)
}

pub fn legal_id(i: usize) -> String {
    format!("L{}", i + 1)
}

// ---------------------------------------------------------------------------
// JSON records, serialized straight from the corpus. Keys are written in the
// order serde_json's `Value` (a `BTreeMap`: no `preserve_order`) has always
// written them, i.e. sorted; the tests compare with `to_json`.

/// A JSON array serialized from an iterator, never collected.
struct Seq<F>(F);

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
struct Id(char, usize);

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
struct Rec<'a> {
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
                let mut m = s.serialize_map(Some(6))?;
                m.serialize_entry("chars", &d.text.chars().count())?;
                m.serialize_entry("date", &d.date.map(|x| x.to_string()))?;
                m.serialize_entry("id", &d.id)?;
                m.serialize_entry(
                    "provinces",
                    &Seq(|| d.main_places.iter().map(|p| r.place_name(*p))),
                )?;
                m.serialize_entry("source", &d.source)?;
                m.serialize_entry("title", &d.title)?;
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
        }
    }
}

/// Figure `i` (given, since `figure_json` callers pass it).
struct FigureRec<'a>(&'a Corpus, usize, &'a Figure);

impl Serialize for FigureRec<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (c, i, f) = (self.0, self.1, self.2);
        let r = Reference::get();
        let doc = &c.documents[f.document as usize];
        let mut m = s.serialize_map(Some(15))?;
        m.serialize_entry("comparator", &f.comparator)?;
        m.serialize_entry("document", &doc.id)?;
        m.serialize_entry("id", &Id('F', i))?;
        m.serialize_entry("kind", &f.kind)?;
        m.serialize_entry("metric", &f.metric)?;
        m.serialize_entry("per_year", &f.per_year)?;
        m.serialize_entry("period", &f.period)?;
        m.serialize_entry("province", &f.place.map(|p| r.place_name(p)))?;
        m.serialize_entry("sentence", doc.sentence_text(f.sentence as usize))?;
        m.serialize_entry("span", &[f.span.start, f.span.end])?;
        m.serialize_entry("status", &f.status)?;
        m.serialize_entry("unit", &f.unit)?;
        m.serialize_entry("value", &f.value)?;
        m.serialize_entry("value_max", &f.value_max)?;
        m.serialize_entry("year", &f.year)?;
        m.end()
    }
}

/// A sector mention inside its sector's record.
struct Mention<'a>(&'a Corpus, &'a crate::model::SectorMention);

impl Serialize for Mention<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (c, x) = (self.0, self.1);
        let doc = &c.documents[x.document as usize];
        let mut m = s.serialize_map(Some(4))?;
        m.serialize_entry("document", &doc.id)?;
        m.serialize_entry("province", &x.place.map(|p| Reference::get().place_name(p)))?;
        m.serialize_entry("sentence", doc.sentence_text(x.sentence as usize))?;
        m.serialize_entry("span", &[x.span.start, x.span.end])?;
        m.end()
    }
}

/// Every entity of one kind, as a JSON array.
struct KindSeq<'a>(&'a Corpus, Kind);

impl Serialize for KindSeq<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (c, kind) = (self.0, self.1);
        s.collect_seq((0..count(c, kind)).map(|i| Rec { c, kind, i }))
    }
}

/// The whole model (`vnie/1`), or one kind of entity.
struct Model<'a>(&'a Corpus, Option<Kind>);

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
fn count(c: &Corpus, kind: Kind) -> usize {
    match kind {
        Kind::Figures => c.figures.len(),
        Kind::Provinces => c.places.len(),
        Kind::Sectors => c.sectors.len(),
        Kind::Documents => c.documents.len(),
        Kind::Legal => c.legal.len(),
    }
}

fn to_value(v: impl Serialize) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

pub fn figure_json(c: &Corpus, i: usize, f: &Figure) -> Value {
    to_value(FigureRec(c, i, f))
}

/// The whole model, or one kind of entity, as JSON.
pub fn to_json(c: &Corpus, kind: Option<Kind>) -> Value {
    to_value(Model(c, kind))
}

// ---------------------------------------------------------------------------
// Tables: CSV and Markdown.

/// A plain table: what CSV and Markdown write, and what the explorer exports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// The columns of one kind's table.
pub fn headers(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Figures => &[
            "id",
            "province",
            "document",
            "metric",
            "kind",
            "comparator",
            "value",
            "value_max",
            "unit",
            "per_year",
            "year",
            "period",
            "status",
            "sentence",
        ],
        Kind::Provinces => &[
            "name",
            "code",
            "region",
            "successor_2025",
            "documents",
            "figures",
            "sectors",
        ],
        Kind::Sectors => &["id", "name_vi", "name_en", "vsic", "provinces"],
        Kind::Documents => &["id", "source", "title", "date", "provinces", "chars"],
        Kind::Legal => &["id", "kind", "number", "issuer", "date", "documents"],
    }
}

fn kind_str(k: FigureKind) -> &'static str {
    match k {
        FigureKind::Share => "share",
        FigureKind::Growth => "growth",
        FigureKind::Count => "count",
        FigureKind::Amount => "amount",
        FigureKind::Capacity => "capacity",
        FigureKind::Other => "other",
    }
}

/// A number as its JSON text; a non-finite one is JSON `null`, an empty cell.
fn number_cell(v: f64) -> String {
    serde_json::Number::from_f64(v)
        .map(|n| n.to_string())
        .unwrap_or_default()
}

fn opt_cell<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

fn join<T: AsRef<str>>(items: impl Iterator<Item = T>) -> String {
    let mut s = String::new();
    for (n, it) in items.enumerate() {
        if n > 0 {
            s.push_str("; ");
        }
        s.push_str(it.as_ref());
    }
    s
}

/// The cells of row `i` of one kind's table (nested lists joined with "; ").
pub fn row(c: &Corpus, kind: Kind, i: usize) -> Vec<String> {
    let r = Reference::get();
    match kind {
        Kind::Figures => {
            let f = &c.figures[i];
            let doc = &c.documents[f.document as usize];
            vec![
                figure_id(i),
                place_name(f.place).unwrap_or_default(),
                doc.id.clone(),
                f.metric.to_string(),
                kind_str(f.kind).to_string(),
                f.comparator.symbol().to_string(),
                number_cell(f.value),
                f.value_max.map(number_cell).unwrap_or_default(),
                f.unit.to_string(),
                f.per_year.to_string(),
                opt_cell(f.year),
                opt_cell(f.period.map(|[a, b]| format!("{a}-{b}"))),
                f.status.as_str().to_string(),
                doc.sentence_text(f.sentence as usize).to_string(),
            ]
        }
        Kind::Provinces => {
            let e = &c.places[i];
            let prov = match e.place {
                Place::Province(p) => r.provinces.get(p as usize),
                Place::National => None,
            };
            vec![
                r.place_name(e.place).to_string(),
                opt_cell(prov.map(|p| &p.code)),
                opt_cell(prov.map(|p| &p.region)),
                opt_cell(prov.map(|p| &p.successor_2025)),
                join(e.documents.iter().map(|&d| &c.documents[d].id)),
                join(e.figures.iter().map(|&f| figure_id(f))),
                join(e.sectors.iter().map(|&s| &r.sectors[s].id)),
            ]
        }
        Kind::Sectors => {
            let e = &c.sectors[i];
            let s = &r.sectors[e.sector];
            vec![
                s.id.clone(),
                s.name_vi.clone(),
                s.name_en.clone(),
                join(s.vsic.iter()),
                join(e.places.iter().map(|p| r.place_name(*p))),
            ]
        }
        Kind::Documents => {
            let d = &c.documents[i];
            vec![
                d.id.clone(),
                d.source.clone(),
                d.title.clone(),
                opt_cell(d.date),
                join(d.main_places.iter().map(|p| r.place_name(*p))),
                d.text.chars().count().to_string(),
            ]
        }
        Kind::Legal => {
            let l = &c.legal[i];
            vec![
                legal_id(i),
                l.kind.name().to_string(),
                l.number.clone(),
                opt_cell(l.issuer.as_ref()),
                opt_cell(l.date),
                join(l.documents.iter().map(|&d| &c.documents[d].id)),
            ]
        }
    }
}

/// One kind as a table; nested lists are joined with "; ".
pub fn table(c: &Corpus, kind: Kind) -> Table {
    table_of(c, kind, 0..count(c, kind))
}

fn table_of(c: &Corpus, kind: Kind, rows: impl Iterator<Item = usize>) -> Table {
    Table {
        headers: headers(kind).iter().map(|s| s.to_string()).collect(),
        rows: rows.map(|i| row(c, kind, i)).collect(),
    }
}

/// One CSV line: fields quoted when they hold `,` `"` or a line break.
pub fn write_csv_row<W: Write + ?Sized, S: AsRef<str>>(
    w: &mut W,
    fields: impl IntoIterator<Item = S>,
) -> io::Result<()> {
    for (n, field) in fields.into_iter().enumerate() {
        let s = field.as_ref();
        if n > 0 {
            w.write_all(b",")?;
        }
        if s.contains([',', '"', '\n', '\r']) {
            w.write_all(b"\"")?;
            let mut parts = s.split('"');
            if let Some(first) = parts.next() {
                w.write_all(first.as_bytes())?;
            }
            for p in parts {
                w.write_all(b"\"\"")?;
                w.write_all(p.as_bytes())?;
            }
            w.write_all(b"\"")?;
        } else {
            w.write_all(s.as_bytes())?;
        }
    }
    w.write_all(b"\n")
}

/// One Markdown table line: `|` escaped, line breaks as spaces.
pub fn write_md_row<W: Write + ?Sized, S: AsRef<str>>(
    w: &mut W,
    fields: impl IntoIterator<Item = S>,
) -> io::Result<()> {
    w.write_all(b"| ")?;
    for (n, field) in fields.into_iter().enumerate() {
        if n > 0 {
            w.write_all(b" | ")?;
        }
        let s = field.as_ref().as_bytes();
        let mut from = 0;
        for (at, &b) in s.iter().enumerate() {
            let with: &[u8] = match b {
                b'|' => b"\\|",
                b'\n' | b'\r' => b" ",
                _ => continue,
            };
            w.write_all(&s[from..at])?;
            w.write_all(with)?;
            from = at + 1;
        }
        w.write_all(&s[from..])?;
    }
    w.write_all(b" |\n")
}

fn write_md_rule<W: Write + ?Sized>(w: &mut W, columns: usize) -> io::Result<()> {
    w.write_all(b"|")?;
    for n in 0..columns {
        if n > 0 {
            w.write_all(b"|")?;
        }
        w.write_all(b"---")?;
    }
    w.write_all(b"|\n")
}

pub fn to_csv(t: &Table) -> String {
    let mut out = Vec::new();
    for row in std::iter::once(&t.headers).chain(t.rows.iter()) {
        let _ = write_csv_row(&mut out, row);
    }
    String::from_utf8(out).unwrap_or_default()
}

pub fn to_markdown(t: &Table) -> String {
    let mut out = Vec::new();
    let _ = write_md_row(&mut out, &t.headers);
    let _ = write_md_rule(&mut out, t.headers.len());
    for row in &t.rows {
        let _ = write_md_row(&mut out, row);
    }
    String::from_utf8(out).unwrap_or_default()
}

// ---------------------------------------------------------------------------
// Streaming export.

/// A filtered row as JSON: an object of strings, keys sorted like `Value`'s.
struct RowObject<'a> {
    keys: &'a [(usize, &'static str)],
    cells: Vec<String>,
}

impl Serialize for RowObject<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.keys.len()))?;
        for &(col, key) in self.keys {
            m.serialize_entry(key, &self.cells[col])?;
        }
        m.end()
    }
}

/// Write `rows` of one kind's table (header first) in `format`. JSON is an
/// array of objects of strings, one per row.
fn write_rows<W: Write>(
    c: &Corpus,
    format: Format,
    kind: Kind,
    rows: impl Iterator<Item = usize>,
    mut w: W,
) -> io::Result<()> {
    let hs = headers(kind);
    match format {
        Format::Json => {
            let mut keys: Vec<(usize, &'static str)> = hs.iter().copied().enumerate().collect();
            keys.sort_by_key(|&(_, k)| k);
            let mut ser = serde_json::Serializer::pretty(&mut w);
            ser.collect_seq(rows.map(|i| RowObject {
                keys: &keys,
                cells: row(c, kind, i),
            }))?;
            w.write_all(b"\n")
        }
        Format::Csv => {
            write_csv_row(&mut w, hs)?;
            for i in rows {
                write_csv_row(&mut w, row(c, kind, i))?;
            }
            Ok(())
        }
        Format::Md => {
            write_md_row(&mut w, hs)?;
            write_md_rule(&mut w, hs.len())?;
            for i in rows {
                write_md_row(&mut w, row(c, kind, i))?;
            }
            Ok(())
        }
    }
}

/// Write the export — what `vnie export` prints — into `w`, one entity at a
/// time: the whole model (or one kind) as JSON, or one kind's table (figures by
/// default) as CSV or Markdown; with `filter`, only the rows of `kind` (figures
/// by default) matching it, best first. `w` is written in small pieces: give
/// it a buffered writer.
pub fn write_export<W: Write>(
    c: &Corpus,
    format: Format,
    kind: Option<Kind>,
    filter: Option<&str>,
    mut w: W,
) -> io::Result<()> {
    let table_kind = kind.unwrap_or(Kind::Figures);
    match (filter, format) {
        (Some(q), _) => {
            let rows = crate::entities::filter_indices(c, table_kind, q);
            let n = count(c, table_kind);
            write_rows(
                c,
                format,
                table_kind,
                rows.into_iter().filter(|&i| i < n),
                w,
            )
        }
        (None, Format::Json) => {
            let mut ser = serde_json::Serializer::pretty(&mut w);
            Model(c, kind).serialize(&mut ser)?;
            w.write_all(b"\n")
        }
        (None, _) => write_rows(c, format, table_kind, 0..count(c, table_kind), w),
    }
}

fn render_with(f: impl FnOnce(&mut Vec<u8>) -> io::Result<()>) -> String {
    let mut out = Vec::new();
    // Writing into a Vec cannot fail, and every writer emits UTF-8.
    let _ = f(&mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Render the export as the bytes to write ([`write_export`] into a `String`).
pub fn render(c: &Corpus, format: Format, kind: Option<Kind>) -> String {
    render_with(|out| write_export(c, format, kind, None, out))
}

/// Write through a temporary file in the same directory, then rename: a reader
/// never sees half a file, and a failed write leaves the old file intact.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(path, |w| w.write_all(bytes))
}

/// [`write_atomic`] for output produced piece by piece: `write` fills a
/// buffered writer on the temporary file, which is renamed over `path` only
/// once everything was written and synced.
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    {
        let mut w = BufWriter::with_capacity(1 << 16, tmp.as_file_mut());
        write(&mut w)?;
        w.flush()?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// One kind's table with only the rows matching `query`, best match first.
pub fn filtered_table(c: &Corpus, kind: Kind, query: &str) -> Table {
    let n = count(c, kind);
    let rows = crate::entities::filter_indices(c, kind, query);
    table_of(c, kind, rows.into_iter().filter(|&i| i < n))
}

pub fn render_filtered(c: &Corpus, format: Format, kind: Kind, query: &str) -> String {
    render_with(|out| write_export(c, format, Some(kind), Some(query), out))
}

/// vnie never writes over its inputs: refuse an output path that is a loaded file.
pub fn check_not_input(output: &Path, c: &Corpus) -> crate::Result<()> {
    let Ok(out) = std::fs::canonicalize(output) else {
        return Ok(()); // does not exist yet, so it is no input
    };
    let clash = c
        .files
        .iter()
        .any(|f| std::fs::canonicalize(&f.path).is_ok_and(|p| p == out));
    if clash {
        return Err(crate::Error::OutputIsInput(output.to_path_buf()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figure_kind_cells_are_the_serde_names() {
        use FigureKind::*;
        for k in [Share, Growth, Count, Amount, Capacity, Other] {
            assert_eq!(serde_json::to_value(k).unwrap(), kind_str(k));
        }
    }

    #[test]
    fn number_cells_are_json_numbers() {
        assert_eq!(number_cell(40.0), "40.0");
        assert_eq!(number_cell(9.13), "9.13");
        assert_eq!(number_cell(f64::NAN), "");
    }

    #[test]
    fn csv_and_markdown_escape_like_before() {
        let t = Table {
            headers: vec!["a".into(), "b|c".into()],
            rows: vec![vec!["x,\"y\"".into(), "p|q\r\nr".into()]],
        };
        assert_eq!(to_csv(&t), "a,b|c\n\"x,\"\"y\"\"\",\"p|q\r\nr\"\n");
        assert_eq!(
            to_markdown(&t),
            "| a | b\\|c |\n|---|---|\n| x,\"y\" | p\\|q  r |\n"
        );
    }
}
