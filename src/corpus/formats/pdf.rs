//! PDF files: the glyphs of every page through `pdf-extract` (fonts, encodings and
//! ToUnicode maps are its work), laid out into paragraphs by [`super::layout`]; the
//! creation date from the document information or its XMP packet.

use super::layout::{page_text, Glyph, Page, Rule};
use super::{Extracted, FormatError, MetaDate};
use pdf_extract::{
    ColorSpace, Document, MediaBox, Object, OutputDev, OutputError, Path, PathOp, Transform,
};
use regex::Regex;
use std::sync::OnceLock;

/// A page with fewer characters than this and an image on it is a scanned page (a
/// signing tool's stamp is often the only text a scan carries).
const SCANNED_PAGE_CHARS: usize = 200;

/// The text of a PDF. `words`, poppler's reading of the same pages where it is
/// installed, replaces the built-in glyphs page for page (it maps every font, marked
/// content's /ActualText included); the borders, the images and the metadata are read
/// here either way.
pub fn extract(bytes: &[u8], words: Option<&[Page]>) -> Result<Extracted, FormatError> {
    let mut doc = Document::load_mem(bytes).map_err(|e| malformed(&e))?;
    if doc.is_encrypted() {
        // Most encrypted PDFs only restrict printing or copying: the user password is
        // empty and the text can be read.
        doc.decrypt("").map_err(|_| FormatError::Encrypted)?;
    }
    let date = info_date(&doc).or_else(|| xmp_date(&doc));
    let mut glyphs = Glyphs::default();
    pdf_extract::output_doc(&doc, &mut glyphs).map_err(|e| match e {
        OutputError::PdfError(e) => malformed(&e),
        other => FormatError::Malformed(format!("{other:?}")),
    })?;
    let mut reader = "pdf-extract";
    let ink = |p: &Page| -> usize {
        p.glyphs
            .iter()
            .filter(|g| !g.text.trim().is_empty())
            .map(|g| g.text.chars().count())
            .sum()
    };
    let mut chars: Vec<usize> = glyphs.pages.iter().map(ink).collect();
    if let Some(words) = words.filter(|w| w.len() == glyphs.pages.len()) {
        for ((page, w), n) in glyphs.pages.iter_mut().zip(words).zip(&mut chars) {
            // A page one reader finds text on is not a scan.
            *n = (*n).max(ink(w));
            page.glyphs.clone_from(&w.glyphs);
        }
        reader = "pdftotext";
    }
    let (text, _) = page_text(&glyphs.pages);
    let pages = doc.get_pages();
    let scanned = pages
        .values()
        .zip(&chars)
        .filter(|(&id, &n)| n < SCANNED_PAGE_CHARS && has_image(&doc, id))
        .count();
    let without_text = chars.iter().filter(|&&n| n == 0).count();
    if scanned > 0 && scanned + without_text >= pages.len().max(1) {
        return Err(FormatError::NoTextLayer { pages: scanned });
    }
    let mut note = Vec::new();
    if scanned > 0 {
        note.push(format!("{scanned} scanned pages not read"));
    }
    Ok(Extracted {
        text,
        kind: "pdf",
        reader,
        note,
        date,
    })
}

fn malformed(e: &pdf_extract::Error) -> FormatError {
    let text = e.to_string();
    if text.to_ascii_lowercase().contains("decrypt") || text.contains("password") {
        return FormatError::Encrypted;
    }
    FormatError::Malformed(text)
}

fn has_image(doc: &Document, page: pdf_extract::ObjectId) -> bool {
    doc.get_page_images(page).is_ok_and(|i| !i.is_empty())
}

/// Collects every glyph with its position, and the straight lines (table borders);
/// pages in order.
#[derive(Default)]
struct Glyphs {
    pages: Vec<Page>,
    height: f64,
}

/// A border is a hairline: a stroked segment, or a filled rectangle this thin.
const RULE_WIDTH: f64 = 2.5;

impl Glyphs {
    /// The straight segments of a path, in page coordinates (y down).
    fn rules(&mut self, ctm: &Transform, path: &Path, stroked: bool) {
        let height = self.height;
        let at = |x: f64, y: f64| {
            (
                x * ctm.m11 + y * ctm.m21 + ctm.m31,
                height - (x * ctm.m12 + y * ctm.m22 + ctm.m32),
            )
        };
        let mut found = Vec::new();
        let mut across = Vec::new();
        let mut segment = |(x0, y0): (f64, f64), (x1, y1): (f64, f64)| {
            let (dx, dy) = ((x1 - x0).abs(), (y1 - y0).abs());
            if dx < RULE_WIDTH && dy > RULE_WIDTH {
                found.push(Rule {
                    at: (x0 + x1) / 2.0,
                    from: y0.min(y1),
                    to: y0.max(y1),
                });
            } else if dy < RULE_WIDTH && dx > RULE_WIDTH {
                across.push(Rule {
                    at: (y0 + y1) / 2.0,
                    from: x0.min(x1),
                    to: x0.max(x1),
                });
            }
        };
        let mut pen = None;
        for op in &path.ops {
            match *op {
                PathOp::MoveTo(x, y) => pen = Some(at(x, y)),
                PathOp::LineTo(x, y) => {
                    let to = at(x, y);
                    if let Some(from) = pen {
                        segment(from, to);
                    }
                    pen = Some(to);
                }
                PathOp::Rect(x, y, w, h) => {
                    // A thin rectangle is one rule; a stroked cell outline is four. A
                    // filled one is shading or a highlight behind text, no border.
                    let (a, b) = (at(x, y), at(x + w, y + h));
                    if w.abs() < RULE_WIDTH || h.abs() < RULE_WIDTH {
                        segment(a, b);
                    } else if stroked {
                        segment(a, (a.0, b.1));
                        segment((b.0, a.1), b);
                        segment(a, (b.0, a.1));
                        segment((a.0, b.1), b);
                    }
                }
                PathOp::CurveTo(.., x, y) => pen = Some(at(x, y)),
                PathOp::Close => {}
            }
        }
        if let Some(page) = self.pages.last_mut() {
            page.rules.extend(found);
            page.hrules.extend(across);
        }
    }
}

impl OutputDev for Glyphs {
    fn begin_page(
        &mut self,
        _page: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        // Page coordinates run down from the media box's top edge.
        self.height = media_box.ury;
        self.pages.push(Page::default());
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        // Rotated text is a stamp or a margin note across the page, not a line of it.
        if trm.m12.abs() > 0.1 * trm.m11.abs() || trm.m21.abs() > 0.1 * trm.m22.abs() {
            return Ok(());
        }
        // A glyph with no Unicode mapping (a combining mark drawn apart, whose letter a
        // marked-content /ActualText names) comes out as NUL: it carries no text.
        if text.chars().all(|c| c.is_control()) {
            return Ok(());
        }
        let size = font_size * (trm.m11 * trm.m22 - trm.m12 * trm.m21).abs().sqrt();
        let x = trm.m31;
        if let Some(page) = self.pages.last_mut() {
            page.glyphs.push(Glyph {
                x,
                y: self.height - trm.m32,
                end: x + width * size,
                size,
                text: text.to_string(),
                block: 0,
            });
        }
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn stroke(
        &mut self,
        ctm: &Transform,
        _: &ColorSpace,
        _: &[f64],
        path: &Path,
    ) -> Result<(), OutputError> {
        self.rules(ctm, path, true);
        Ok(())
    }

    fn fill(
        &mut self,
        ctm: &Transform,
        _: &ColorSpace,
        _: &[f64],
        path: &Path,
    ) -> Result<(), OutputError> {
        self.rules(ctm, path, false);
        Ok(())
    }
}

fn dictionary<'a>(doc: &'a Document, object: &'a Object) -> Option<&'a pdf_extract::Dictionary> {
    doc.dereference(object).ok()?.1.as_dict().ok()
}

/// `/CreationDate (D:20250628143300+07'00')` in the trailer's `/Info`.
fn info_date(doc: &Document) -> Option<MetaDate> {
    let info = dictionary(doc, doc.trailer.get(b"Info").ok()?)?;
    let value = info.get(b"CreationDate").ok()?.as_str().ok()?;
    let date = pdf_date(&String::from_utf8_lossy(value))?;
    Some(MetaDate {
        date,
        origin: "PDF CreationDate",
    })
}

/// `xmp:CreateDate` in the catalog's XMP packet.
fn xmp_date(doc: &Document) -> Option<MetaDate> {
    let catalog = doc.catalog().ok()?;
    let (_, object) = doc.dereference(catalog.get(b"Metadata").ok()?).ok()?;
    let stream = object.as_stream().ok()?;
    // An XMP packet is a few kilobytes; a huge one is not worth inflating.
    if stream.content.len() > 1 << 20 {
        return None;
    }
    let content = stream
        .decompressed_content()
        .unwrap_or_else(|_| stream.content.clone());
    Some(MetaDate {
        date: xmp_create_date(&String::from_utf8_lossy(&content))?,
        origin: "XMP CreateDate",
    })
}

/// The creation date in an XMP packet, written as an element or an attribute.
fn xmp_create_date(xml: &str) -> Option<crate::model::Date> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r#"xmp:CreateDate\s*(?:>|=\s*["'])\s*([0-9][0-9T:.+\-Z]*)"#)
            .expect("valid regex")
    });
    crate::corpus::html::parse_meta_date(re.captures(xml)?.get(1)?.as_str())
}

/// A PDF date string, `D:YYYYMMDDHHmmSSOHH'mm'` with everything after the year optional.
pub(super) fn pdf_date(s: &str) -> Option<crate::model::Date> {
    let s = s.trim().trim_start_matches("D:");
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    let field = |at: usize, default: &'static str| digits.get(at..at + 2).unwrap_or(default);
    let year = digits.get(..4)?;
    if digits.len() < 8 {
        return None;
    }
    let rest = &s[digits.len()..];
    // "+07'00'", "Z", and Ghostscript's "Z00'00'"; anything else is no zone.
    let zone: String = rest
        .chars()
        .filter(|c| c.is_ascii() && !matches!(c, '\'' | ' '))
        .collect::<String>();
    let zone = match zone.get(..3) {
        _ if zone.starts_with('Z') => "Z".to_string(),
        Some(sign_hours) if sign_hours.starts_with(['+', '-']) => {
            format!("{sign_hours}:{}", zone.get(3..5).unwrap_or("00"))
        }
        _ => String::new(),
    };
    let time = if digits.len() >= 12 {
        format!(
            "T{}:{}:{}{zone}",
            field(8, "00"),
            field(10, "00"),
            field(12, "00")
        )
    } else {
        String::new()
    };
    let iso = format!("{year}-{}-{}{time}", field(4, "00"), field(6, "00"));
    crate::corpus::html::parse_meta_date(&iso)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Date;

    fn ymd(year: i32, month: u8, day: u8) -> Option<Date> {
        Some(Date {
            year,
            month: Some(month),
            day: Some(day),
        })
    }

    #[test]
    fn pdf_dates_in_vietnam_time() {
        assert_eq!(pdf_date("D:20250628143300+07'00'"), ymd(2025, 6, 28));
        assert_eq!(pdf_date("D:20250628203000Z"), ymd(2025, 6, 29));
        assert_eq!(pdf_date("D:20250628"), ymd(2025, 6, 28));
        assert_eq!(pdf_date("20241231230000-05'00'"), ymd(2025, 1, 1));
        assert_eq!(pdf_date("D:2025"), None);
        assert_eq!(pdf_date("D:20250628203000Z00'00'"), ymd(2025, 6, 29));
        assert_eq!(pdf_date("D:20250628143300+\u{fffd}"), ymd(2025, 6, 28));
        assert_eq!(pdf_date("D:20250628143300+ễ"), ymd(2025, 6, 28));
        assert_eq!(pdf_date("D:20251340"), None);
        assert_eq!(pdf_date("garbage"), None);
        assert_eq!(pdf_date(""), None);
    }

    #[test]
    fn xmp_creation_dates_as_element_or_attribute() {
        let element = "<rdf:Description><xmp:CreateDate>2025-06-28T21:33:00+07:00</xmp:CreateDate>";
        assert_eq!(xmp_create_date(element), ymd(2025, 6, 28));
        let attribute = r#"<rdf:Description xmp:CreateDate="2025-06-28T20:00:00Z" xmp:ModifyDate="2026-01-01">"#;
        assert_eq!(xmp_create_date(attribute), ymd(2025, 6, 29));
        assert_eq!(
            xmp_create_date("<xmp:ModifyDate>2025-06-28</xmp:ModifyDate>"),
            None
        );
    }

    #[test]
    fn garbage_is_malformed_not_a_panic() {
        for bytes in [
            &b""[..],
            b"%PDF-1.7\n",
            b"%PDF-1.4\n1 0 obj << /Type /Catalog >>",
        ] {
            assert!(matches!(
                extract(bytes, None),
                Err(FormatError::Malformed(_))
            ));
        }
    }
}
