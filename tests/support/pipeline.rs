//! One input through everything vnie does with a file, checking what must hold on
//! any input: decode (as text and as a saved page) → extract → Corpus → every export
//! → search → the explorer's filter and one frame on a `TestBackend`.
//!
//! Shared by the fuzz runner (`examples/fuzz.rs`), the cargo-fuzz target
//! (`fuzz/fuzz_targets/pipeline.rs`) and the regression test (`tests/fuzz.rs`).
// Each user takes what it needs.
#![allow(dead_code)]

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use vnie::corpus::decode::{decode_bytes, normalize};
use vnie::corpus::formats;
use vnie::corpus::html::read_page;
use vnie::corpus::{Corpus, RawDoc};
use vnie::export::{write_export, Format, Kind};
use vnie::tui::{draw, App, Theme};

/// What a passing input exercised, for the runner's totals.
#[derive(Debug, Default, Clone, Copy)]
pub struct Seen {
    pub documents: usize,
    pub figures: usize,
    pub export_bytes: usize,
}

const KINDS: [Kind; 6] = [
    Kind::Figures,
    Kind::Provinces,
    Kind::Sectors,
    Kind::Documents,
    Kind::Legal,
    Kind::Sentences,
];

/// The text of `bytes` when they are a PDF, .docx or .doc file and can be read; a
/// reader's panic is an error for the file (contained), so it is not one here.
fn document_text(bytes: &[u8]) -> Option<String> {
    ["fuzz.pdf", "fuzz.docx", "fuzz.doc"]
        .iter()
        .find_map(|name| {
            let path = std::path::Path::new(name);
            Some((path, formats::Format::of(path, bytes)?))
        })
        .and_then(|(path, format)| formats::extract(format, path, bytes).ok())
        .map(|e| e.text)
}

/// An index pack among the inputs: read as the index reads one (whatever build wrote
/// it), every entry's payload checked and decoded; nothing may panic.
fn index_pack(bytes: &[u8]) {
    let Some(producer) = bytes.get(8..16) else {
        return;
    };
    let producer = u64::from_le_bytes(producer.try_into().unwrap_or_default());
    if let Ok(pack) = vnie::index::pack::Pack::parse(bytes, producer) {
        for i in 0..pack.entries.len() {
            if let Ok(payload) = pack.payload(i) {
                let _ = vnie::index::decode(&payload);
            }
        }
    }
}

/// Run `inputs` (each a file's bytes) through the pipeline together, as files of one
/// folder; `Err` names the first invariant broken. A panic is left to the caller to
/// catch. `frame` also draws the explorer (the slowest step).
pub fn check(inputs: &[&[u8]], frame: bool) -> Result<Seen, String> {
    let mut raws = Vec::new();
    let mut first_text = None;
    for bytes in inputs {
        if bytes.starts_with(b"VNIEIDX1") {
            index_pack(bytes);
            continue;
        }
        // A PDF or Word file is read by its reader first (which must not panic), its
        // text then goes where any file's text goes.
        let document = document_text(bytes);
        let bytes: &[u8] = document.as_deref().map_or(bytes, str::as_bytes);
        let Ok(decoded) = decode_bytes(bytes) else {
            continue;
        };
        if decoded.text.contains('<') {
            raws.push(raw("fuzz.html", normalize(&read_page(&decoded.text).text)));
        }
        first_text.get_or_insert_with(|| decoded.text.clone());
        raws.push(raw("fuzz.txt", decoded.text));
    }
    let Some(first_text) = first_text else {
        return Ok(Seen::default());
    };
    let corpus = Corpus::build(raws, Vec::new());
    let mut seen = Seen {
        documents: corpus.documents.len(),
        figures: corpus.figures.len(),
        export_bytes: 0,
    };
    if !corpus.unread.is_empty() {
        return Err(format!(
            "extraction stopped on documents {:?}",
            corpus.unread
        ));
    }
    spans_hold(&corpus)?;
    let query = query_from(&first_text);
    // The whole model holds every kind's JSON record; each kind's table is written in
    // both table formats, and filtered as `export --filter` does it.
    let mut outputs: Vec<(String, Option<&str>, Format, Option<Kind>)> = vec![
        ("model".into(), None, Format::Json, None),
        (
            "sentences".into(),
            None,
            Format::Json,
            Some(Kind::Sentences),
        ),
        (
            "figures filtered".into(),
            Some(&query),
            Format::Json,
            Some(Kind::Figures),
        ),
    ];
    for kind in KINDS {
        outputs.push((format!("{kind:?}"), None, Format::Csv, Some(kind)));
        outputs.push((format!("{kind:?}"), None, Format::Md, Some(kind)));
    }
    for kind in [Kind::Documents, Kind::Sectors] {
        outputs.push((
            format!("{kind:?} filtered"),
            Some(&query),
            Format::Md,
            Some(kind),
        ));
    }
    for (what, filter, format, kind) in outputs {
        let mut out = Vec::new();
        write_export(&corpus, format, kind, filter, &mut out)
            .map_err(|e| format!("{what} {format:?}: write failed: {e}"))?;
        seen.export_bytes += out.len();
        let text = String::from_utf8(out).map_err(|_| format!("{what} {format:?}: not UTF-8"))?;
        match format {
            Format::Json => {
                let v: serde_json::Value = serde_json::from_str(&text)
                    .map_err(|e| format!("{what}: invalid JSON: {e}"))?;
                json_strings_clean(&v).map_err(|s| format!("{what}: control char in {s:?}"))?;
            }
            _ => {
                if let Some(line) = text.lines().find(|l| has_control(l)) {
                    return Err(format!("{what} {format:?}: control char in {line:?}"));
                }
            }
        }
    }
    for hit in vnie::entities::search(&corpus, &query, None, 20) {
        if has_control(&hit.label) {
            return Err(format!("search label {:?}", hit.label));
        }
    }
    if frame {
        draw_clean(corpus, &query)?;
    }
    Ok(seen)
}

fn raw(source: &str, text: String) -> RawDoc {
    RawDoc {
        source: source.into(),
        text: text.into(),
        encoding: "utf-8".into(),
        date_hint: None,
    }
}

/// A filter a user might type, taken from the text: its first word, or "hoa".
fn query_from(text: &str) -> String {
    text.split_whitespace()
        .find(|w| w.chars().count() >= 2)
        .map(|w| w.chars().take(12).collect())
        .unwrap_or_else(|| "hoa".into())
}

/// Control characters other than line breaks and tabs (which exports escape or quote).
pub fn has_control(s: &str) -> bool {
    s.chars()
        .any(|c| (c.is_control() && c != '\n' && c != '\t') || is_bidi_control(c))
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn json_strings_clean(v: &serde_json::Value) -> Result<(), String> {
    match v {
        serde_json::Value::String(s) if has_control(s) || s.contains('\n') => Err(s.clone()),
        serde_json::Value::Array(a) => a.iter().try_for_each(json_strings_clean),
        serde_json::Value::Object(m) => m.iter().try_for_each(|(k, v)| {
            if has_control(k) {
                return Err(k.clone());
            }
            json_strings_clean(v)
        }),
        _ => Ok(()),
    }
}

/// Every span inside its document and sentence, on char boundaries.
fn spans_hold(c: &Corpus) -> Result<(), String> {
    for (i, f) in c.figures.iter().enumerate() {
        let doc = c
            .documents
            .get(f.document as usize)
            .ok_or(format!("figure {i}: no document {}", f.document))?;
        let sentence = doc
            .sentences
            .get(f.sentence as usize)
            .ok_or(format!("figure {i}: no sentence {}", f.sentence))?;
        if !sentence.span().contains(f.span) || doc.text.get(f.span.range()).is_none() {
            return Err(format!(
                "figure {i}: span {:?} outside {:?}",
                f.span,
                sentence.span()
            ));
        }
        if let Some(cue) = f.reason.cue {
            if doc.text.get(cue.range()).is_none() {
                return Err(format!("figure {i}: cue span {cue:?} off the text"));
            }
        }
        if has_control(&f.metric) || !f.value.is_finite() {
            return Err(format!(
                "figure {i}: metric {:?} value {}",
                f.metric, f.value
            ));
        }
    }
    for e in &c.sectors {
        for m in &e.mentions {
            let doc = &c.documents[m.document as usize];
            let ok = doc
                .sentences
                .get(m.sentence as usize)
                .is_some_and(|s| s.span().contains(m.span))
                && doc.text.get(m.span.range()).is_some();
            if !ok {
                return Err(format!("sector mention span {:?}", m.span));
            }
        }
    }
    for doc in &c.documents {
        for s in &doc.sentences {
            if doc.text.get(s.span().range()).is_none() {
                return Err(format!("sentence span {:?}", s.span()));
            }
        }
        if has_control(&doc.title) {
            return Err(format!("title {:?}", doc.title));
        }
    }
    Ok(())
}

/// The explorer on the corpus: a filter typed, then one frame; no cell may hold a
/// control character.
fn draw_clean(corpus: Corpus, query: &str) -> Result<(), String> {
    let mut app = App::with_theme(corpus, Theme::mono());
    let press = |app: &mut App, code: KeyCode| {
        app.handle_event(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    };
    app.handle_event(&Event::Resize(80, 24));
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('/'));
    for ch in query.chars() {
        press(&mut app, KeyCode::Char(ch));
    }
    press(&mut app, KeyCode::Enter);
    app.settle();
    press(&mut app, KeyCode::Enter);
    let mut term = Terminal::new(TestBackend::new(80, 24)).map_err(|e| e.to_string())?;
    term.draw(|f| draw(f, &app)).map_err(|e| e.to_string())?;
    let buf = term.backend().buffer();
    for cell in buf.content() {
        if has_control(cell.symbol()) || cell.symbol().contains('\n') {
            return Err(format!("drawn cell {:?}", cell.symbol()));
        }
    }
    Ok(())
}
