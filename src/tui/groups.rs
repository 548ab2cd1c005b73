//! Figures and places regrouped for the views that compare: the metric families (one
//! list of figures per family, largest value first) and the 34 provincial units of 2025
//! (each gathering what the corpus says of the provinces merged into it). Built once with
//! the [`Index`](super::index::Index).

use rayon::prelude::*;
use std::collections::HashMap;

use crate::corpus::Corpus;
use crate::families::{self, Family};
use crate::model::{Figure, FigureKind, Place, Status};
use crate::reference::Reference;

/// One metric family that has figures in the corpus.
#[derive(Debug, Clone)]
pub struct FamilyRows {
    /// Index into [`families::all`].
    pub family: usize,
    /// Figures with a place, largest (converted) value first.
    pub figures: Vec<usize>,
    /// How many distinct places those figures belong to.
    pub places: usize,
}

impl FamilyRows {
    pub fn def(&self) -> &'static Family {
        &families::all()[self.family]
    }
}

/// A figure's value and upper bound in its family's unit.
pub fn scaled(fam: &Family, f: &Figure) -> (f64, Option<f64>) {
    let k = fam.scale(&f.unit).unwrap_or(1.0);
    (f.value * k, f.value_max.map(|v| v * k))
}

/// Each figure's family (index into [`families::all`]) and the non-empty families.
pub fn family_rows(c: &Corpus) -> (Vec<Option<u16>>, Vec<FamilyRows>) {
    let fams = families::all();
    // Metric phrases repeat across a corpus ("tốc độ tăng trưởng", "kim ngạch xuất
    // khẩu"): each distinct one is folded and matched once.
    // In a few chunks per core, each with its own cache: a phrase is matched once per
    // chunk it occurs in.
    let chunk = (c.figures.len() / (2 * rayon::current_num_threads()).max(1)).max(1 << 14);
    let of: Vec<Option<u16>> = c
        .figures
        .par_chunks(chunk)
        .flat_map_iter(|figures| {
            let mut seen: HashMap<(FigureKind, &str, &str), Option<u16>> = HashMap::new();
            figures
                .iter()
                .map(|f| {
                    *seen
                        .entry((f.kind, f.unit.as_ref(), f.metric.as_ref()))
                        .or_insert_with(|| families::family_of(f).map(|i| i as u16))
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let mut lists: Vec<Vec<usize>> = vec![Vec::new(); fams.len()];
    for (fi, fam) in of.iter().enumerate() {
        if let (Some(fam), Some(f)) = (fam, c.figures.get(fi)) {
            if f.place.is_some() {
                lists[*fam as usize].push(fi);
            }
        }
    }
    let rows = lists
        .into_iter()
        .enumerate()
        .filter(|(_, l)| !l.is_empty())
        .map(|(family, figures)| {
            let def = &fams[family];
            // Largest first; ties keep reading order. Each value scaled once, not at
            // every comparison (a unit's scale is looked up by name).
            let mut valued: Vec<(f64, usize)> = figures
                .par_iter()
                .map(|&i| (scaled(def, &c.figures[i]).0, i))
                .collect();
            valued.par_sort_by(|a, b| b.0.total_cmp(&a.0));
            let figures: Vec<usize> = valued.into_iter().map(|(_, i)| i).collect();
            let mut places: Vec<_> = figures
                .iter()
                .filter_map(|&i| c.figures.get(i).and_then(|f| f.place))
                .collect();
            places.sort_unstable();
            places.dedup();
            FamilyRows {
                family,
                figures,
                places: places.len(),
            }
        })
        .collect();
    (of, rows)
}

/// A 2025 unit (or the national level) with the corpus entries of its predecessors.
#[derive(Debug, Clone, Default)]
pub struct Unit {
    /// Index into `Reference::units_2025`; `None` for the national level.
    pub unit: Option<usize>,
    /// Indices into `Corpus::places` of the pre-2025 provinces the corpus mentions.
    pub places: Vec<usize>,
    pub documents: Vec<usize>,
    pub figures: Vec<usize>,
    pub sectors: Vec<usize>,
    pub legal: Vec<usize>,
    /// Figures with status target.
    pub targets: usize,
}

impl Unit {
    pub fn name(&self) -> &'static str {
        let r = Reference::get();
        match self.unit.and_then(|u| r.units_2025.get(u)) {
            Some(u) => &u.name,
            None => crate::reference::NATIONAL_NAME,
        }
    }
}

/// The units of 2025 that the corpus's places fall into, in the order of the reference
/// table (north to south), the national level last.
pub fn units_2025(c: &Corpus) -> Vec<Unit> {
    let r = Reference::get();
    let by_code: HashMap<&str, usize> = r
        .units_2025
        .iter()
        .enumerate()
        .map(|(i, u)| (u.code.as_str(), i))
        .collect();
    let mut units: Vec<Unit> = Vec::new();
    let mut pos: HashMap<Option<usize>, usize> = HashMap::new();
    let mut keyed: Vec<(Option<usize>, usize)> = c
        .places
        .iter()
        .enumerate()
        .map(|(pi, e)| {
            let unit = match e.place {
                Place::Province(p) => r
                    .provinces
                    .get(p as usize)
                    .and_then(|p| by_code.get(p.successor_code_2025.as_str()).copied()),
                Place::National => None,
            };
            (unit, pi)
        })
        .collect();
    keyed.sort_by_key(|&(u, pi)| (u.is_none(), u, pi));
    for (unit, pi) in keyed {
        let at = *pos.entry(unit).or_insert_with(|| {
            units.push(Unit {
                unit,
                ..Unit::default()
            });
            units.len() - 1
        });
        let u = &mut units[at];
        u.places.push(pi);
        if let Some(e) = c.places.get(pi) {
            u.documents.extend(&e.documents);
            u.figures.extend(&e.figures);
            u.sectors.extend(&e.sectors);
            u.legal.extend(&e.legal);
        }
    }
    for u in &mut units {
        for v in [
            &mut u.documents,
            &mut u.figures,
            &mut u.sectors,
            &mut u.legal,
        ] {
            v.sort_unstable();
            v.dedup();
        }
        u.targets = u
            .figures
            .iter()
            .filter(|&&f| c.figures.get(f).is_some_and(|f| f.status == Status::Target))
            .count();
    }
    units
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeds_group_into_2025_units() {
        let c = Corpus::embedded();
        let units = units_2025(&c);
        let names: Vec<&str> = units.iter().map(Unit::name).collect();
        // Kon Tum merged into Quảng Ngãi, Vĩnh Phúc into Phú Thọ, Yên Bái into Lào Cai.
        assert!(names.contains(&"Quảng Ngãi"), "{names:?}");
        assert!(names.contains(&"Phú Thọ"), "{names:?}");
        assert_eq!(names.last(), Some(&"Toàn quốc"));
        let total: usize = units.iter().map(|u| u.places.len()).sum();
        assert_eq!(total, c.places.len());
    }

    #[test]
    fn seed_families_sorted_by_value() {
        let c = Corpus::embedded();
        let (of, rows) = family_rows(&c);
        assert_eq!(of.len(), c.figures.len());
        let share = rows
            .iter()
            .find(|r| r.def().id == "industry-share")
            .expect("industry share in the seeds");
        let vals: Vec<f64> = share
            .figures
            .iter()
            .map(|&i| scaled(share.def(), &c.figures[i]).0)
            .collect();
        assert!(vals.windows(2).all(|w| w[0] >= w[1]), "{vals:?}");
        assert!(vals.contains(&40.0), "{vals:?}");
    }
}
