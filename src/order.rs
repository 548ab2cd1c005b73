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
    let keys: Vec<u32> = c.figures.iter().map(|f| place(f.place)).collect();
    // A few dozen places among millions of figures: a counting sort, stable as reading
    // order needs, in two passes rather than a comparison sort's twenty.
    let ranks: Vec<u32> = keys
        .iter()
        .copied()
        .collect::<std::collections::BTreeSet<u32>>()
        .into_iter()
        .collect();
    let bucket = |k: u32| ranks.partition_point(|&r| r < k);
    let mut start = vec![0usize; ranks.len() + 1];
    for &k in &keys {
        start[bucket(k) + 1] += 1;
    }
    for b in 0..ranks.len() {
        start[b + 1] += start[b];
    }
    let mut order = vec![0u32; keys.len()];
    for (i, &k) in keys.iter().enumerate() {
        let b = bucket(k);
        order[start[b]] = crate::model::ix(i);
        start[b] += 1;
    }
    order
}
