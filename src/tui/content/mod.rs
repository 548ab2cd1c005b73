//! What the detail view and the preview say about each entity, as rich text with links.
//! Built from the Corpus when a detail view opens (or, capped, for the preview); quoted
//! text is sliced from `Document::text` by span, never re-extracted.

pub mod popup;
mod timeline;
mod unit;
mod why;

pub use why::date_label;

use super::fit::truncate;
use super::index::Index;
use super::lang::Lang;
use super::rich::{LineBuilder, RichDoc};
use super::target::Target;
use super::theme::Role;
use crate::corpus::Corpus;
use crate::entities::{format_number, format_value};
use crate::model::{Document, Figure, Place, Span, Status};
use crate::reference::Reference;

/// How much to say: everything (detail view) or a capped summary (preview).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    Full,
    Preview,
}

impl Depth {
    /// Items of a list shown before "… N more".
    fn cap(self) -> usize {
        match self {
            Depth::Full => usize::MAX,
            Depth::Preview => 5,
        }
    }
}

/// Longest quotation in a preview: more never fits on screen, and the preview is built
/// per frame.
const PREVIEW_BYTES: usize = 2000;

use crate::text::clip_bytes as clip;

pub fn build(c: &Corpus, ix: &Index, t: Target, depth: Depth, lang: Lang) -> RichDoc {
    let mut d = RichDoc::with_lang(lang);
    match t {
        Target::Figure(i) => figure(&mut d, c, ix, i, depth, lang),
        Target::Place(i) => place(&mut d, c, ix, i, depth, lang),
        Target::Unit(i) => unit::unit(&mut d, c, ix, i, depth, lang),
        Target::Sector(i) => sector(&mut d, c, ix, i, depth, lang),
        Target::Document(i) => document(&mut d, c, ix, i, depth),
        Target::Legal(i) => legal(&mut d, c, ix, i, depth),
    }
    if d.lines.is_empty() {
        d.line().dim("(nothing to show)");
    }
    d
}

fn place_name(p: Place) -> &'static str {
    Reference::get().place_name(p)
}

/// A link to a place when the corpus lists it, plain text otherwise.
fn place_link(l: &mut LineBuilder<'_>, ix: &Index, p: Option<Place>) {
    match p {
        Some(p) => match ix.place(p) {
            Some(pi) => {
                l.link(place_name(p), Target::Place(pi));
            }
            None => {
                l.text(place_name(p));
            }
        },
        None => {
            l.dim("—");
        }
    }
}

/// Longest document title in a link; the document's own view shows it whole. Titles
/// taken from an article's first sentence can run to several lines.
const LINK_TITLE_COLS: usize = 72;

fn doc_title(c: &Corpus, di: usize) -> String {
    c.documents.get(di).map_or_else(String::new, |d| {
        format!("{} · {}", d.id, truncate(&d.title, LINK_TITLE_COLS))
    })
}

fn legal_name(c: &Corpus, li: usize) -> String {
    c.legal
        .get(li)
        .map_or_else(String::new, |l| format!("{} {}", l.kind.name(), l.number))
}

fn sector_name(c: &Corpus, si: usize) -> String {
    let r = Reference::get();
    c.sectors
        .get(si)
        .and_then(|s| r.sectors.get(s.sector))
        .map_or_else(String::new, |s| format!("{} · {}", s.name_vi, s.name_en))
}

/// "… 12 more" after a capped list.
fn more(d: &mut RichDoc, total: usize, shown: usize) {
    if total > shown {
        d.line().dim(&format!(
            "  … {} more (Enter opens the full view)",
            total - shown
        ));
    }
}

/// A list of links, one per line, capped by `depth`.
fn link_list(d: &mut RichDoc, title: &str, items: &[(String, Target)], depth: Depth) {
    let title = d.lang().tr(title);
    d.section(&format!("{title} ({})", items.len()));
    if items.is_empty() {
        d.line().dim("  none");
    }
    for (text, t) in items.iter().take(depth.cap()) {
        d.line().text("  ").link(text, *t).hang(2);
    }
    more(d, items.len(), depth.cap().min(items.len()));
}

/// Part `outer` of a document's text with `marks` (spans inside it, each drawn in a role
/// and optionally a link) set off. Overlapping or misaligned marks are skipped.
fn quote(
    l: &mut LineBuilder<'_>,
    doc: &Document,
    outer: Span,
    marks: &[(Span, Role, Option<Target>)],
) {
    let mut marks: Vec<&(Span, Role, Option<Target>)> = marks
        .iter()
        .filter(|(s, _, _)| outer.contains(*s) && !s.is_empty())
        .collect();
    marks.sort_by_key(|(s, _, _)| s.start);
    let mut at = outer.start;
    for (s, role, link) in marks {
        if s.start < at {
            continue;
        }
        let (Some(before), Some(inside)) = (doc.text.get(at..s.start), doc.text.get(s.range()))
        else {
            continue;
        };
        l.text(before);
        match link {
            Some(t) => l.link_as(inside, *role, *t),
            None => l.push(inside, *role),
        };
        at = s.end;
    }
    l.text(doc.text.get(at..outer.end).unwrap_or(""));
}

fn figure(d: &mut RichDoc, c: &Corpus, ix: &Index, i: usize, depth: Depth, lang: Lang) {
    let Some(f) = c.figures.get(i) else { return };
    d.heading(&format!(
        "{} F{} · {}",
        lang.t("Figure"),
        i + 1,
        lang.status(f.status)
    ));
    // What a reader checks first — who, what, how much, when, and the source sentence —
    // comes before the technical fields, so it shows even on a small terminal.
    d.field_with("Province", |l| place_link(l, ix, f.place));
    d.field("Metric", &f.metric);
    d.field("Value", &format_value(f));
    d.field("Year", &f.year.map_or("—".into(), |y| y.to_string()));
    if let Some([a, b]) = f.period {
        d.field("Period", &format!("{a}–{b}"));
    }
    let Some(doc) = c.documents.get(f.document as usize) else {
        d.field("Status", lang.status(f.status));
        return;
    };
    d.field("Status", &why::status_reason(f, doc, lang));
    d.field_link(
        "Document",
        &doc_title(c, f.document as usize),
        Target::Document(f.document as usize),
    );
    // The word that decided the status is set off beside the figure, unless the two
    // overlap: the figure is what the view is about.
    let cue = f
        .reason
        .cue
        .filter(|c| c.end <= f.span.start || f.span.end <= c.start)
        .map(|c| (c, Role::Cue, None));
    let sentence = doc.sentences.get(f.sentence as usize);
    if let Some(sentence) = sentence {
        d.section("Sentence");
        let marks: Vec<_> = [(f.span, Role::Mark, None)]
            .into_iter()
            .chain(cue)
            .collect();
        quote(d.line().text("  ").hang(2), doc, sentence.span(), &marks);
    }
    if depth == Depth::Preview {
        return;
    }
    if let Some(p) = sentence.and_then(|s| doc.paragraphs.get(s.paragraph as usize)) {
        d.section("Paragraph");
        // The other figures of the paragraph are links, so the reader can step through
        // a passage figure by figure.
        let mut marks: Vec<_> = [(f.span, Role::Mark, None)]
            .into_iter()
            .chain(cue)
            .collect();
        for fi in ix
            .doc_figures(f.document as usize)
            .iter()
            .map(|&fi| fi as usize)
        {
            if fi != i {
                if let Some(o) = c.figures.get(fi) {
                    marks.push((o.span, Role::Link, Some(Target::Figure(fi))));
                }
            }
        }
        quote(d.line().text("  ").hang(2), doc, p.span, &marks);
    }
    d.section("Fields");
    d.field("Kind", &format!("{:?}", f.kind).to_lowercase());
    d.field("Comparator", f.comparator.symbol());
    d.field("Number", &format_number(f.value));
    if let Some(m) = f.value_max {
        d.field("Up to", &format_number(m));
    }
    d.field("Unit", &f.unit);
    d.field("Per year", if f.per_year { "yes" } else { "no" });
    let date = date_label(doc, lang);
    let date = if date.is_empty() {
        date
    } else {
        format!(" · {date}")
    };
    d.field_with("Source", |l| {
        l.dim(&format!("{}{date}", doc.source));
    });
    let sectors: Vec<(String, Target)> = c
        .sectors
        .iter()
        .enumerate()
        .filter(|(_, s)| {
            s.mentions
                .iter()
                .any(|m| m.document == f.document && m.sentence == f.sentence)
        })
        .map(|(si, _)| (sector_name(c, si), Target::Sector(si)))
        .collect();
    if !sectors.is_empty() {
        link_list(d, "Sectors in this sentence", &sectors, depth);
    }
    let legal: Vec<(String, Target)> = ix
        .doc_legal
        .get(f.document as usize)
        .map_or(&[][..], Vec::as_slice)
        .iter()
        .map(|&li| (legal_name(c, li), Target::Legal(li)))
        .collect();
    link_list(d, "Legal references of the document", &legal, depth);
}

/// A figure as one line of a list: "2030 · metric: ≥ 40%".
fn figure_item(f: &Figure, with_status: bool) -> String {
    let year = f.year.map(|y| format!("{y} · ")).unwrap_or_default();
    let status = if with_status {
        format!(" ({})", f.status.as_str())
    } else {
        String::new()
    };
    format!("{year}{}: {}{status}", f.metric, format_value(f))
}

fn place(d: &mut RichDoc, c: &Corpus, ix: &Index, i: usize, depth: Depth, lang: Lang) {
    let Some(e) = c.places.get(i) else { return };
    let r = Reference::get();
    d.heading(place_name(e.place));
    match e.place {
        Place::Province(p) => {
            if let Some(p) = r.provinces.get(p as usize) {
                d.field("Code", &p.code);
                d.field("Kind", &p.kind);
                d.field("Region", &p.region);
                d.field("2025 unit", &p.successor_2025);
            }
        }
        Place::National => d.field("Level", "national (cả nước, toàn ngành)"),
    }
    let figs: Vec<(usize, &Figure)> = e
        .figures
        .iter()
        .filter_map(|&fi| c.figures.get(fi).map(|f| (fi, f)))
        .collect();
    let mut targets: Vec<&(usize, &Figure)> = figs
        .iter()
        .filter(|(_, f)| f.status == Status::Target)
        .collect();
    // Grouped by year, soonest first; figures without a year last.
    targets.sort_by_key(|(fi, f)| (f.year.is_none(), f.year, *fi));
    d.section(&format!("{} ({})", lang.t("Targets"), targets.len()));
    if targets.is_empty() {
        d.line().dim("  none");
    }
    let mut year = None;
    for (fi, f) in targets.iter().take(depth.cap()) {
        if year != Some(f.year) {
            year = Some(f.year);
            d.line().text("  ").push(
                &f.year.map_or("no year".into(), |y| y.to_string()),
                Role::Label,
            );
        }
        let text = format!("{}: {}", f.metric, format_value(f));
        d.line()
            .text("    ")
            .link(&text, Target::Figure(*fi))
            .hang(4);
    }
    more(d, targets.len(), depth.cap().min(targets.len()));
    if depth == Depth::Full {
        timeline::timeline(d, c, ix, &e.figures, lang);
    }
    let reported: Vec<(String, Target)> = figs
        .iter()
        .filter(|(_, f)| f.status != Status::Target)
        .map(|&(fi, f)| (figure_item(f, true), Target::Figure(fi)))
        .collect();
    link_list(d, "Reported figures (achieved, estimate)", &reported, depth);
    let sectors: Vec<(String, Target)> = e
        .sectors
        .iter()
        .map(|&si| (sector_name(c, si), Target::Sector(si)))
        .collect();
    link_list(d, "Sectors", &sectors, depth);
    let docs: Vec<(String, Target)> = e
        .documents
        .iter()
        .map(|&di| (doc_title(c, di), Target::Document(di)))
        .collect();
    link_list(d, "Documents", &docs, depth);
    let legal: Vec<(String, Target)> = e
        .legal
        .iter()
        .map(|&li| (legal_name(c, li), Target::Legal(li)))
        .collect();
    link_list(d, "Legal references", &legal, depth);
}

fn sector(d: &mut RichDoc, c: &Corpus, ix: &Index, i: usize, depth: Depth, lang: Lang) {
    let Some(s) = c.sectors.get(i) else { return };
    let r = Reference::get();
    let Some(def) = r.sectors.get(s.sector) else {
        return;
    };
    let (name, other) = lang.sector(def);
    d.heading(name);
    d.field(
        if lang.english() {
            "Vietnamese"
        } else {
            "Tiếng Anh"
        },
        other,
    );
    d.field("Id", &def.id);
    d.field(
        "VSIC 2018",
        &if def.vsic.is_empty() {
            "—".to_string()
        } else {
            def.vsic.join(", ")
        },
    );
    d.field_with("Provinces", |l| {
        if s.places.is_empty() {
            l.dim("none");
        }
        for (k, &p) in s.places.iter().enumerate() {
            if k > 0 {
                l.text(", ");
            }
            place_link(l, ix, Some(p));
        }
    });
    // Mentions of one sentence (a sector named twice) are shown once, all marked.
    let mut groups: Vec<(usize, usize, Option<Place>, Vec<Span>)> = Vec::new();
    for m in &s.mentions {
        match groups.last_mut() {
            Some((doc, sent, _, spans))
                if *doc == m.document as usize && *sent == m.sentence as usize =>
            {
                spans.push(m.span)
            }
            _ => groups.push((
                m.document as usize,
                m.sentence as usize,
                m.place,
                vec![m.span],
            )),
        }
    }
    d.section(&format!(
        "Mentions ({} in {} sentences)",
        s.mentions.len(),
        groups.len()
    ));
    let cap = if depth == Depth::Full { usize::MAX } else { 3 };
    for (di, si, place, spans) in groups.iter().take(cap) {
        let Some(doc) = c.documents.get(*di) else {
            continue;
        };
        let mut l = d.line();
        l.text("  ");
        place_link(&mut l, ix, *place);
        l.text(" · ").link(&doc.id, Target::Document(*di));
        if let Some(sent) = doc.sentences.get(*si) {
            let marks: Vec<(Span, Role, Option<Target>)> =
                spans.iter().map(|&sp| (sp, Role::Mark, None)).collect();
            quote(d.line().text("    ").hang(4), doc, sent.span(), &marks);
        }
    }
    more(d, groups.len(), cap.min(groups.len()));
}

fn document(d: &mut RichDoc, c: &Corpus, ix: &Index, i: usize, depth: Depth) {
    let Some(doc) = c.documents.get(i) else {
        return;
    };
    d.heading(&doc.title);
    d.field("Id", &doc.id);
    let date = date_label(doc, d.lang());
    d.field("Date", if date.is_empty() { "—" } else { &date });
    d.field_with("Source", |l| {
        l.dim(&doc.source);
    });
    d.field("Read as", &doc.encoding);
    d.field_with("Provinces", |l| {
        if doc.main_places.is_empty() {
            l.dim("none");
        }
        for (k, &p) in doc.main_places.iter().enumerate() {
            if k > 0 {
                l.text(", ");
            }
            place_link(l, ix, Some(p));
        }
    });
    let figs = ix.doc_figures(i);
    if depth == Depth::Preview {
        d.field("Figures", &figs.len().to_string());
        d.field("Characters", &doc.text.chars().count().to_string());
        d.section("Text");
        for p in doc.paragraphs.iter().filter(|p| !p.boilerplate).take(2) {
            d.line().text(clip(doc.slice(p.span), PREVIEW_BYTES));
        }
        return;
    }
    let items: Vec<(String, Target)> = figs
        .iter()
        .map(|&fi| fi as usize)
        .filter_map(|fi| {
            let f = c.figures.get(fi)?;
            let place = f.place.map_or("—", place_name);
            Some((
                format!("F{} · {place} · {}", fi + 1, figure_item(f, true)),
                Target::Figure(fi),
            ))
        })
        .collect();
    link_list(d, "Figures", &items, depth);
    let legal: Vec<(String, Target)> = ix
        .doc_legal
        .get(i)
        .map_or(&[][..], Vec::as_slice)
        .iter()
        .map(|&li| (legal_name(c, li), Target::Legal(li)))
        .collect();
    link_list(d, "Legal references", &legal, depth);
    let sectors: Vec<(String, Target)> = ix
        .doc_sectors
        .get(i)
        .map_or(&[][..], Vec::as_slice)
        .iter()
        .map(|&si| (sector_name(c, si), Target::Sector(si)))
        .collect();
    link_list(d, "Sectors", &sectors, depth);
    d.section("Text");
    // Figures and citations inside the text are links; page furniture is dimmed.
    let mut marks: Vec<(Span, Role, Option<Target>)> = figs
        .iter()
        .map(|&fi| fi as usize)
        .filter_map(|fi| {
            c.figures
                .get(fi)
                .map(|f| (f.span, Role::Link, Some(Target::Figure(fi))))
        })
        .collect();
    for cit in &doc.legal {
        if let Some(li) = ix.legal(cit.kind, &cit.number) {
            marks.push((cit.span, Role::Link, Some(Target::Legal(li))));
        }
    }
    for p in &doc.paragraphs {
        d.blank();
        if p.boilerplate {
            d.line().dim(doc.slice(p.span));
        } else {
            quote(&mut d.line(), doc, p.span, &marks);
        }
    }
}

fn legal(d: &mut RichDoc, c: &Corpus, _ix: &Index, i: usize, depth: Depth) {
    let Some(l) = c.legal.get(i) else { return };
    d.heading(&format!("{} {}", l.kind.name(), l.number));
    d.field("Kind", l.kind.name());
    d.field("Number", &l.number);
    d.field("Issuer", l.issuer.as_deref().unwrap_or("—"));
    d.field("Date", &l.date.map_or("—".into(), |d| d.to_string()));
    let docs: Vec<(String, Target)> = l
        .documents
        .iter()
        .map(|&di| (doc_title(c, di), Target::Document(di)))
        .collect();
    link_list(d, "Cited by", &docs, depth);
    d.section(&format!("Citations ({})", l.citations.len()));
    let cap = if depth == Depth::Full { usize::MAX } else { 3 };
    for &(di, si) in l.citations.iter().take(cap) {
        let Some(doc) = c.documents.get(di) else {
            continue;
        };
        let Some(sent) = doc.sentences.get(si) else {
            continue;
        };
        let span = doc
            .legal
            .iter()
            .find(|x| x.sentence == si && x.kind == l.kind && x.number == l.number)
            .map(|x| x.span);
        let marks: Vec<(Span, Role, Option<Target>)> =
            span.into_iter().map(|s| (s, Role::Mark, None)).collect();
        d.line().text("  ").link(&doc.id, Target::Document(di));
        quote(d.line().text("    ").hang(4), doc, sent.span(), &marks);
    }
    more(d, l.citations.len(), cap.min(l.citations.len()));
}
