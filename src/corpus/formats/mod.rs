//! Documents as published — PDF, `.docx`, Word 97–2003 `.doc` — to plain text with one
//! paragraph per line, before the same decode checks as any text file.
//!
//! The readers are third-party and were not written for hostile files: each runs
//! behind [`crate::contain::contained`], so a file that makes one panic is reported
//! with its reason like any other bad file.

pub mod layout;
mod office;
mod pdf;
mod pdftotext;
mod table;

use crate::model::Date;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Pdf,
    Docx,
    Doc,
}

/// Extensions read through [`extract`].
pub const EXTENSIONS: &[&str] = &["pdf", "docx", "docm", "dotx", "doc", "dot"];

impl Format {
    /// What the bytes are, by their signature; the extension only tells a Word file
    /// from another ZIP or OLE container (a spreadsheet is not read as a letter).
    pub fn of(path: &Path, bytes: &[u8]) -> Option<Format> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        let head = &bytes[..bytes.len().min(1024)];
        if head.starts_with(b"%PDF-")
            || (ext == "pdf" && memchr::memmem::find(head, b"%PDF-").is_some())
        {
            return Some(Format::Pdf);
        }
        if bytes.starts_with(b"PK\x03\x04") && matches!(ext.as_str(), "docx" | "docm" | "dotx") {
            return Some(Format::Docx);
        }
        if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")
            && matches!(ext.as_str(), "doc" | "dot")
        {
            return Some(Format::Doc);
        }
        None
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Doc => "doc",
        }
    }
}

/// A date from a file's own metadata, and which field it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MetaDate {
    pub date: Date,
    pub origin: &'static str,
}

/// A document's text as its reader gave it, not yet decoded or normalised.
#[derive(Debug, Clone, PartialEq)]
pub struct Extracted {
    /// Paragraphs one per line, a blank line between them; table rows one per line.
    pub text: String,
    /// `pdf`, `docx` or `doc`.
    pub kind: &'static str,
    /// The program or crate that read it: `pdf-extract`, `pdftotext`, `undoc`.
    pub reader: &'static str,
    /// What a user checking the file should know (pages not read).
    pub note: Vec<String>,
    pub date: Option<MetaDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FormatError {
    /// Image-only pages: there is nothing to read without OCR.
    #[error("no text layer (scanned pages: {pages})")]
    NoTextLayer { pages: usize },
    #[error("encrypted (a password is needed to read it)")]
    Encrypted,
    #[error("malformed file ({0})")]
    Malformed(String),
    #[error("the {reader} reader failed on this file ({message})")]
    Panicked {
        reader: &'static str,
        message: String,
    },
}

/// Which reader PDFs go through here: `pdftotext` (with the built-in reader's borders)
/// or `builtin`.
pub fn pdf_reader() -> &'static str {
    if pdftotext::available() {
        "pdftotext"
    } else {
        "builtin"
    }
}

/// [`pdf_reader`] with poppler's version: what an index of PDF text depends on.
pub fn pdf_reader_id() -> String {
    format!("{} {}", pdf_reader(), pdftotext::version().unwrap_or(""))
}

/// The text of a PDF or Word file. Where poppler's `pdftotext` is installed, its words
/// stand in for the built-in reader's glyphs (see [`pdf::extract`]), and it reads alone
/// a PDF the built-in reader cannot.
pub fn extract(format: Format, path: &Path, bytes: &[u8]) -> Result<Extracted, FormatError> {
    let contained = |reader, f: &dyn Fn() -> Result<Extracted, FormatError>| {
        crate::contain::contained(f)
            .unwrap_or_else(|message| Err(FormatError::Panicked { reader, message }))
    };
    match format {
        Format::Pdf => {
            let words = pdftotext::words(path);
            let read = contained("pdf-extract", &|| pdf::extract(bytes, words.as_deref()));
            match (read, words) {
                (Err(FormatError::Malformed(_) | FormatError::Panicked { .. }), Some(words))
                    if !words.iter().all(|p| p.glyphs.is_empty()) =>
                {
                    Ok(Extracted {
                        text: crate::contain::contained(|| layout::page_text(&words).0).map_err(
                            |message| FormatError::Panicked {
                                reader: "pdftotext",
                                message,
                            },
                        )?,
                        kind: "pdf",
                        reader: "pdftotext",
                        note: Vec::new(),
                        date: None,
                    })
                }
                (read, _) => read,
            }
        }
        Format::Docx | Format::Doc => contained("undoc", &|| office::extract(bytes, format.name())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signature_decides_and_the_extension_tells_word_from_other_containers() {
        let p = |name: &str| Path::new(name).to_path_buf();
        assert_eq!(Format::of(&p("a.pdf"), b"%PDF-1.7\n"), Some(Format::Pdf));
        assert_eq!(Format::of(&p("a.txt"), b"%PDF-1.7\n"), Some(Format::Pdf));
        assert_eq!(
            Format::of(&p("a.pdf"), b"junk\n%PDF-1.4"),
            Some(Format::Pdf)
        );
        assert_eq!(
            Format::of(&p("a.docx"), b"PK\x03\x04rest"),
            Some(Format::Docx)
        );
        assert_eq!(Format::of(&p("a.zip"), b"PK\x03\x04rest"), None);
        let ole = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest";
        assert_eq!(Format::of(&p("A.DOC"), ole), Some(Format::Doc));
        assert_eq!(Format::of(&p("a.xls"), ole), None);
        assert_eq!(Format::of(&p("a.doc"), b"<html>"), None);
    }

    #[test]
    fn garbage_in_every_format_is_an_error_not_a_panic() {
        let path = Path::new("x");
        for format in [Format::Pdf, Format::Docx, Format::Doc] {
            for bytes in [
                &b""[..],
                b"PK\x03\x04\x00\x00",
                b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
            ] {
                assert!(extract(format, path, bytes).is_err(), "{format:?}");
            }
        }
    }
}
