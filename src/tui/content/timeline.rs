//! A province's figures by year, as bar lines: one block per metric family (or, for
//! figures outside every family, per metric phrase), years ascending, reported figures
//! drawn solid and targets light, so a reader sees where the province stands against
//! where it aims to be.

use std::collections::BTreeMap;

use super::super::groups::scaled;
use super::super::index::Index;
use super::super::lang::Lang;
use super::super::rich::RichDoc;
use super::super::target::Target;
use super::super::theme::Role;
use crate::corpus::Corpus;
use crate::entities::format_value;
use crate::families;
use crate::model::{Figure, Status};
use crate::search::fold;
use crate::tui::ui::compare::{bar_parts, glyph};

/// Columns of the longest bar.
const BAR_COLS: usize = 24;

/// The year a figure is about: its year, else the end of its period.
fn when(f: &Figure) -> Option<i32> {
    f.year.or(f.period.map(|[_, b]| b))
}

/// Reported before target within a year.
fn status_order(s: Status) -> u8 {
    match s {
        Status::Achieved => 0,
        Status::Estimate => 1,
        Status::Target => 2,
    }
}

#[derive(PartialEq, Eq, PartialOrd, Ord)]
enum GroupKey {
    /// Families first, in the order of the asset file.
    Family(usize),
    /// Then other metrics by folded phrase and unit.
    Metric(String, String),
}

/// Appends the timeline of the figures `figs` (indices into `Corpus::figures`). Only
/// figures with a year take part; a block needs at least two points or one target.
pub fn timeline(d: &mut RichDoc, c: &Corpus, ix: &Index, figs: &[usize], lang: Lang) {
    let mut groups: BTreeMap<GroupKey, Vec<usize>> = BTreeMap::new();
    for &fi in figs {
        let Some(f) = c.figures.get(fi) else { continue };
        if when(f).is_none() {
            continue;
        }
        let key = match ix.figure_family.get(fi).copied().flatten() {
            Some(fam) => GroupKey::Family(fam as usize),
            None => GroupKey::Metric(fold(&f.metric), f.unit.to_string()),
        };
        groups.entry(key).or_default().push(fi);
    }
    groups.retain(|_, v| {
        v.len() >= 2
            || v.iter()
                .any(|&i| c.figures.get(i).is_some_and(|f| f.status == Status::Target))
    });
    d.section(&format!("{} ({})", lang.t("Timeline"), groups.len()));
    if groups.is_empty() {
        d.line()
            .dim(&format!("  {}", lang.t("no figures with a year")));
        return;
    }
    let legend = format!(
        "  {} {}   {} {}   {} {}",
        glyph(Status::Achieved),
        lang.t("achieved"),
        glyph(Status::Estimate),
        lang.t("estimate"),
        glyph(Status::Target),
        lang.t("target"),
    );
    d.line().dim(&legend);
    for (key, mut list) in groups {
        let fams = families::all();
        let (title, fam) = match &key {
            GroupKey::Family(k) => {
                let fam = &fams[*k];
                let unit = if fam.unit().is_empty() {
                    String::new()
                } else {
                    format!(" ({})", fam.unit())
                };
                (format!("{}{unit}", fam.name(lang.english())), Some(fam))
            }
            GroupKey::Metric(..) => {
                let f = &c.figures[list[0]];
                (format!("{} ({})", f.metric, f.unit), None)
            }
        };
        list.sort_by_key(|&i| {
            let f = &c.figures[i];
            (when(f), status_order(f.status), i)
        });
        let value = |f: &Figure| match fam {
            Some(fam) => scaled(fam, f),
            None => (f.value, f.value_max),
        };
        let top = list
            .iter()
            .map(|&i| {
                let (lo, hi) = value(&c.figures[i]);
                hi.unwrap_or(lo)
            })
            .fold(0.0_f64, f64::max);
        d.line().text("  ").push(&title, Role::Label).hang(4);
        for &fi in &list {
            let f = &c.figures[fi];
            let (lo, hi) = value(f);
            let (solid, range) = bar_parts(lo, hi, top, BAR_COLS);
            let g = glyph(f.status).to_string();
            let role = if f.status == Status::Target {
                Role::Goal
            } else {
                Role::Reported
            };
            let year = when(f).map_or_else(String::new, |y| y.to_string());
            let pad = " ".repeat(BAR_COLS - solid - range);
            let note = format!("{} {}", format_value(f), lang.status(f.status));
            d.line()
                .text(&format!("    {year:>4} "))
                .push(&g.repeat(solid), role)
                .push(&g.repeat(range), Role::Dim)
                .text(&pad)
                .text(" ")
                .link(&note, Target::Figure(fi))
                .hang(10);
        }
        standing(d, c, &list, lang);
    }
}

/// "latest reported 37,5% (2023) → target 40% (2030)" when a block has both.
fn standing(d: &mut RichDoc, c: &Corpus, list: &[usize], lang: Lang) {
    let figs = || list.iter().filter_map(|&i| c.figures.get(i));
    let latest = figs()
        .filter(|f| f.status != Status::Target)
        .max_by_key(|f| when(f));
    let aim = figs()
        .filter(|f| f.status == Status::Target)
        .max_by_key(|f| when(f));
    if let (Some(now), Some(aim)) = (latest, aim) {
        let y = |f: &Figure| when(f).map_or_else(String::new, |y| format!(" ({y})"));
        d.line().dim(&format!(
            "         {} {}{} → {} {}{}",
            lang.t("latest reported"),
            format_value(now),
            y(now),
            lang.t("target"),
            format_value(aim),
            y(aim),
        ));
    }
}
