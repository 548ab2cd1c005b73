//! Orders of rows that the explorer and the exports share.

use std::collections::HashMap;

use crate::corpus::Corpus;
use crate::model::Place;
use crate::reference::Reference;
use crate::search::sort_key;

/// Where a place sorts: provinces by name ignoring accents, then the national level,
/// then no place.
pub fn place_ranks(c: &Corpus) -> impl Fn(Option<Place>) -> u32 {
    let r = Reference::get();
    // Each place's position in name order, folded once per place, not once per figure.
    let mut names: Vec<(String, Place)> = c
        .places
        .iter()
        .filter(|e| matches!(e.place, Place::Province(_)))
        .map(|e| (sort_key(r.place_name(e.place)), e.place))
        .collect();
    names.sort();
    let rank: HashMap<Place, u32> = names
        .iter()
        .enumerate()
        .map(|(i, (_, p))| (*p, i as u32))
        .collect();
    move |p: Option<Place>| match p {
        Some(Place::Province(_)) => p
            .and_then(|p| rank.get(&p).copied())
            .unwrap_or(u32::MAX - 2),
        Some(Place::National) => u32::MAX - 1,
        None => u32::MAX,
    }
}

/// Figures by province name, the national level and figures without a place last;
/// reading order within each.
pub fn figures_by_place(c: &Corpus) -> Vec<u32> {
    let place = place_ranks(c);
    let mut order: Vec<u32> = (0..c.figures.len()).map(crate::model::ix).collect();
    order.sort_by_key(|&i| place(c.figures[i as usize].place));
    order
}
