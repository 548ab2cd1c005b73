//! Writers: the JSON model (`vnie/1`), and CSV / Markdown tables per entity kind.

use crate::corpus::Corpus;
use crate::model::{Figure, Place};
use crate::reference::Reference;
use serde_json::{json, Value};
use std::io::Write;
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

fn documents_json(c: &Corpus) -> Vec<Value> {
    let r = Reference::get();
    c.documents
        .iter()
        .map(|d| {
            json!({
                "id": d.id,
                "source": d.source,
                "title": d.title,
                "date": d.date.map(|x| x.to_string()),
                "provinces": d.main_places.iter().map(|p| r.place_name(*p)).collect::<Vec<_>>(),
                "chars": d.text.chars().count(),
            })
        })
        .collect()
}

fn provinces_json(c: &Corpus) -> Vec<Value> {
    let r = Reference::get();
    c.places
        .iter()
        .map(|e| {
            let prov = match e.place {
                Place::Province(i) => r.provinces.get(i as usize),
                Place::National => None,
            };
            json!({
                "name": r.place_name(e.place),
                "code": prov.map(|p| p.code.clone()),
                "region": prov.map(|p| p.region.clone()),
                "successor_2025": prov.map(|p| p.successor_2025.clone()),
                "documents": e.documents.iter().map(|&d| c.documents[d].id.clone()).collect::<Vec<_>>(),
                "figures": e.figures.iter().map(|&f| figure_id(f)).collect::<Vec<_>>(),
                "sectors": e.sectors.iter().map(|&s| r.sectors[s].id.clone()).collect::<Vec<_>>(),
            })
        })
        .collect()
}

pub fn figure_json(c: &Corpus, i: usize, f: &Figure) -> Value {
    let doc = &c.documents[f.document];
    json!({
        "id": figure_id(i),
        "province": place_name(f.place),
        "document": doc.id,
        "metric": f.metric,
        "kind": f.kind,
        "comparator": f.comparator,
        "value": f.value,
        "value_max": f.value_max,
        "unit": f.unit,
        "per_year": f.per_year,
        "year": f.year,
        "period": f.period,
        "status": f.status,
        "sentence": doc.sentence_text(f.sentence),
        "span": [f.span.start, f.span.end],
    })
}

fn sectors_json(c: &Corpus) -> Vec<Value> {
    let r = Reference::get();
    c.sectors
        .iter()
        .map(|e| {
            let s = &r.sectors[e.sector];
            json!({
                "id": s.id,
                "name_vi": s.name_vi,
                "name_en": s.name_en,
                "vsic": s.vsic,
                "provinces": e.places.iter().map(|p| r.place_name(*p)).collect::<Vec<_>>(),
                "mentions": e.mentions.iter().map(|m| {
                    let doc = &c.documents[m.document];
                    json!({
                        "document": doc.id,
                        "province": place_name(m.place),
                        "sentence": doc.sentence_text(m.sentence),
                        "span": [m.span.start, m.span.end],
                    })
                }).collect::<Vec<_>>(),
            })
        })
        .collect()
}

fn legal_json(c: &Corpus) -> Vec<Value> {
    c.legal
        .iter()
        .enumerate()
        .map(|(i, l)| {
            json!({
                "id": legal_id(i),
                "kind": l.kind.name(),
                "number": l.number,
                "issuer": l.issuer,
                "date": l.date.map(|d| d.to_string()),
                "documents": l.documents.iter().map(|&d| c.documents[d].id.clone()).collect::<Vec<_>>(),
            })
        })
        .collect()
}

/// The whole model, or one kind of entity, as JSON.
pub fn to_json(c: &Corpus, kind: Option<Kind>) -> Value {
    let figures = || -> Vec<Value> {
        c.figures
            .iter()
            .enumerate()
            .map(|(i, f)| figure_json(c, i, f))
            .collect()
    };
    match kind {
        None => json!({
            "schema": "vnie/1",
            "documents": documents_json(c),
            "provinces": provinces_json(c),
            "figures": figures(),
            "sectors": sectors_json(c),
            "legal": legal_json(c),
        }),
        Some(Kind::Documents) => Value::Array(documents_json(c)),
        Some(Kind::Provinces) => Value::Array(provinces_json(c)),
        Some(Kind::Figures) => Value::Array(figures()),
        Some(Kind::Sectors) => Value::Array(sectors_json(c)),
        Some(Kind::Legal) => Value::Array(legal_json(c)),
    }
}

/// A plain table: what CSV and Markdown write, and what the explorer exports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

fn cell(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(a) => a.iter().map(cell).collect::<Vec<_>>().join("; "),
        other => other.to_string(),
    }
}

/// One kind as a table; nested lists are joined with "; ".
pub fn table(c: &Corpus, kind: Kind) -> Table {
    let (headers, items): (&[&str], Vec<Value>) = match kind {
        Kind::Figures => (
            &[
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
            c.figures
                .iter()
                .enumerate()
                .map(|(i, f)| figure_json(c, i, f))
                .collect(),
        ),
        Kind::Provinces => (
            &[
                "name",
                "code",
                "region",
                "successor_2025",
                "documents",
                "figures",
                "sectors",
            ],
            provinces_json(c),
        ),
        Kind::Sectors => (
            &["id", "name_vi", "name_en", "vsic", "provinces"],
            sectors_json(c),
        ),
        Kind::Documents => (
            &["id", "source", "title", "date", "provinces", "chars"],
            documents_json(c),
        ),
        Kind::Legal => (
            &["id", "kind", "number", "issuer", "date", "documents"],
            legal_json(c),
        ),
    };
    let rows = items
        .iter()
        .map(|it| {
            headers
                .iter()
                .map(|h| match (*h, it.get(*h)) {
                    ("period", Some(Value::Array(a))) if a.len() == 2 => {
                        format!("{}-{}", cell(&a[0]), cell(&a[1]))
                    }
                    (_, Some(v)) => cell(v),
                    (_, None) => String::new(),
                })
                .collect()
        })
        .collect();
    Table {
        headers: headers.iter().map(|s| s.to_string()).collect(),
        rows,
    }
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

pub fn to_csv(t: &Table) -> String {
    let mut out = String::new();
    for row in std::iter::once(&t.headers).chain(t.rows.iter()) {
        let line: Vec<String> = row.iter().map(|c| csv_field(c)).collect();
        out.push_str(&line.join(","));
        out.push('\n');
    }
    out
}

fn md_field(s: &str) -> String {
    s.replace('|', "\\|").replace(['\n', '\r'], " ")
}

pub fn to_markdown(t: &Table) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "| {} |\n",
        t.headers
            .iter()
            .map(|h| md_field(h))
            .collect::<Vec<_>>()
            .join(" | ")
    ));
    out.push_str(&format!("|{}|\n", vec!["---"; t.headers.len()].join("|")));
    for row in &t.rows {
        out.push_str(&format!(
            "| {} |\n",
            row.iter()
                .map(|c| md_field(c))
                .collect::<Vec<_>>()
                .join(" | ")
        ));
    }
    out
}

/// Render the export as the bytes to write.
pub fn render(c: &Corpus, format: Format, kind: Option<Kind>) -> String {
    match format {
        Format::Json => {
            let mut s = serde_json::to_string_pretty(&to_json(c, kind)).unwrap_or_default();
            s.push('\n');
            s
        }
        Format::Csv => to_csv(&table(c, kind.unwrap_or(Kind::Figures))),
        Format::Md => to_markdown(&table(c, kind.unwrap_or(Kind::Figures))),
    }
}

/// Write through a temporary file in the same directory, then rename: a reader
/// never sees half a file, and a failed write leaves the old file intact.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// One kind's table with only the rows matching `query`, best match first.
pub fn filtered_table(c: &Corpus, kind: Kind, query: &str) -> Table {
    let full = table(c, kind);
    let rows = crate::entities::filter_indices(c, kind, query)
        .into_iter()
        .filter_map(|i| full.rows.get(i).cloned())
        .collect();
    Table {
        headers: full.headers,
        rows,
    }
}

pub fn render_filtered(c: &Corpus, format: Format, kind: Kind, query: &str) -> String {
    let t = filtered_table(c, kind, query);
    match format {
        Format::Json => {
            let items: Vec<Value> = t
                .rows
                .iter()
                .map(|row| {
                    Value::Object(
                        t.headers
                            .iter()
                            .cloned()
                            .zip(row.iter().map(|v| Value::String(v.clone())))
                            .collect(),
                    )
                })
                .collect();
            let mut s = serde_json::to_string_pretty(&items).unwrap_or_default();
            s.push('\n');
            s
        }
        Format::Csv => to_csv(&t),
        Format::Md => to_markdown(&t),
    }
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
