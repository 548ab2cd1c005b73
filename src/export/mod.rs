//! Writers: the JSON model (`vnie/1`), and CSV / Markdown tables per entity kind.
//!
//! [`write_export`] writes every format row by row into any [`Write`]: nothing
//! builds the whole output, a `serde_json::Value` per entity or a table in
//! memory. The `Value` / [`Table`] / `String` functions are for callers that
//! want the data itself (the explorer, tests); they give the same bytes.

use crate::corpus::Corpus;
use crate::entities::count;
use crate::model::{DateOrigin, Document, Figure, FigureKind, Place, StatusReason};
use crate::reference::Reference;
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;
use serde_json::Value;
use std::io::{self, Write};
use std::path::Path;

mod json;
mod table;
mod write;

pub use json::*;
pub use table::*;
pub use write::{follow_links, remove_temporaries_on_signals, write_to};

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
    /// Every sentence in full, by id: what a figure's clipped `sentence` points to.
    Sentences,
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
    let Ok(out) = follow_links(output).and_then(std::fs::canonicalize) else {
        return Ok(()); // does not exist yet, so it is no input
    };
    let clash = c
        .files
        .iter()
        .any(|f| std::fs::canonicalize(&f.os_path).is_ok_and(|p| p == out));
    if clash {
        return Err(crate::Error::OutputIsInput(output.to_path_buf()));
    }
    Ok(())
}
