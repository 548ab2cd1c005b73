//! The detail of a 2025 unit: what the corpus says of the provinces merged into it, each
//! item still naming the province it came from.

use super::super::index::Index;
use super::super::lang::Lang;
use super::super::rich::RichDoc;
use super::super::target::Target;
use super::super::theme::Role;
use super::{doc_title, legal_name, link_list, more, place_name, sector_name, Depth};
use crate::corpus::Corpus;
use crate::entities::format_value;
use crate::model::Status;
use crate::reference::Reference;

pub fn unit(d: &mut RichDoc, c: &Corpus, ix: &Index, i: usize, depth: Depth, lang: Lang) {
    let Some(u) = ix.units.get(i) else { return };
    let r = Reference::get();
    d.heading(&format!("{} · {}", u.name(), lang.t("2025 unit")));
    if let Some(def) = u.unit.and_then(|k| r.units_2025.get(k)) {
        d.field("Code", &def.code);
        d.field("Kind", &def.kind);
        d.field(lang.t("Merged from"), &def.merged_from.join(", "));
    }
    // The pre-2025 provinces the corpus mentions, as links to their own views.
    d.field_with(lang.t("In this corpus"), |l| {
        for (k, &pi) in u.places.iter().enumerate() {
            if k > 0 {
                l.text(", ");
            }
            if let Some(e) = c.places.get(pi) {
                l.link(place_name(e.place), Target::Place(pi));
            }
        }
    });
    // Which predecessor an item came from: every predecessor whose entry lists it.
    let from = |has: &dyn Fn(&crate::model::PlaceEntry) -> bool| -> String {
        let names: Vec<&str> = u
            .places
            .iter()
            .filter_map(|&pi| c.places.get(pi))
            .filter(|e| has(e))
            .map(|e| place_name(e.place))
            .collect();
        if names.is_empty() {
            String::new()
        } else {
            format!(" ← {}", names.join(", "))
        }
    };
    let mut targets: Vec<usize> = u
        .figures
        .iter()
        .copied()
        .filter(|&f| c.figures.get(f).is_some_and(|f| f.status == Status::Target))
        .collect();
    targets.sort_by_key(|&fi| {
        let f = &c.figures[fi];
        (f.year.is_none(), f.year, fi)
    });
    d.section(&format!("{} ({})", lang.t("Targets"), targets.len()));
    for &fi in targets.iter().take(depth.cap()) {
        let f = &c.figures[fi];
        let year = f.year.map(|y| format!("{y} · ")).unwrap_or_default();
        let origin = f.place.map_or("—", place_name);
        let text = format!("{year}{}: {}", f.metric, format_value(f));
        d.line()
            .text("  ")
            .push(&format!("[{origin}] "), Role::Dim)
            .link(&text, Target::Figure(fi))
            .hang(4);
    }
    more(d, targets.len(), depth.cap().min(targets.len()));
    let reported: Vec<(String, Target)> = u
        .figures
        .iter()
        .filter_map(|&fi| c.figures.get(fi).map(|f| (fi, f)))
        .filter(|(_, f)| f.status != Status::Target)
        .map(|(fi, f)| {
            let year = f.year.map(|y| format!("{y} · ")).unwrap_or_default();
            let origin = f.place.map_or("—", place_name);
            (
                format!(
                    "[{origin}] {year}{}: {} ({})",
                    f.metric,
                    format_value(f),
                    lang.status(f.status)
                ),
                Target::Figure(fi),
            )
        })
        .collect();
    link_list(d, lang.t("Reported figures"), &reported, depth);
    let sectors: Vec<(String, Target)> = u
        .sectors
        .iter()
        .map(|&si| {
            let origin = from(&|e| e.sectors.contains(&si));
            (
                format!("{}{origin}", sector_name(c, si)),
                Target::Sector(si),
            )
        })
        .collect();
    link_list(d, lang.t("Sectors"), &sectors, depth);
    let docs: Vec<(String, Target)> = u
        .documents
        .iter()
        .map(|&di| {
            let origin = from(&|e| e.documents.contains(&di));
            (
                format!("{}{origin}", doc_title(c, di)),
                Target::Document(di),
            )
        })
        .collect();
    link_list(d, lang.t("Documents"), &docs, depth);
    let legal: Vec<(String, Target)> = u
        .legal
        .iter()
        .map(|&li| {
            let origin = from(&|e| e.legal.contains(&li));
            (format!("{}{origin}", legal_name(c, li)), Target::Legal(li))
        })
        .collect();
    link_list(d, lang.t("Legal references"), &legal, depth);
}
