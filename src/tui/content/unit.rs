//! The detail of a 2025 unit: what the corpus says of the provinces merged into it, each
//! item still naming the province it came from.

use super::super::groups::Unit;
use super::super::index::Index;
use super::super::lang::Lang;
use super::super::rich::RichDoc;
use super::super::target::Target;
use super::super::theme::Role;
use super::{doc_title, legal_name, link_list, more, place_name, sector_name, Depth};
use crate::corpus::Corpus;
use crate::entities::format_value;
use crate::model::{PlaceEntry, Status};
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
    let sectors = tagged(
        c,
        u,
        &u.sectors,
        |e| &e.sectors,
        |si| (sector_name(c, si), Target::Sector(si)),
    );
    link_list(d, lang.t("Sectors"), &sectors, depth);
    let docs = tagged(
        c,
        u,
        &u.documents,
        |e| &e.documents,
        |di| (doc_title(c, di), Target::Document(di)),
    );
    link_list(d, lang.t("Documents"), &docs, depth);
    let legal = tagged(
        c,
        u,
        &u.legal,
        |e| &e.legal,
        |li| (legal_name(c, li), Target::Legal(li)),
    );
    link_list(d, lang.t("Legal references"), &legal, depth);
}

/// `items` as links, each followed by the predecessors whose own entry lists it
/// ("Dệt may ← Kon Tum"), so that merged units still say where things came from.
fn tagged(
    c: &Corpus,
    u: &Unit,
    items: &[usize],
    listed: impl Fn(&PlaceEntry) -> &Vec<usize>,
    link: impl Fn(usize) -> (String, Target),
) -> Vec<(String, Target)> {
    items
        .iter()
        .map(|&i| {
            let (text, target) = link(i);
            let names: Vec<&str> = u
                .places
                .iter()
                .filter_map(|&pi| c.places.get(pi))
                .filter(|e| listed(e).contains(&i))
                .map(|e| place_name(e.place))
                .collect();
            if names.is_empty() {
                (text, target)
            } else {
                (format!("{text} ← {}", names.join(", ")), target)
            }
        })
        .collect()
}
