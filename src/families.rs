//! Metric families: groups of figures that measure the same thing across provinces
//! ("tỷ trọng công nghiệp trong GRDP", "tỷ trọng ngành công nghiệp trong cơ cấu GRDP" …),
//! so that provinces can be compared and a province's figures lined up by year. The
//! families and the phrases that define them are data (`assets/metric_families.tsv`).

use std::sync::OnceLock;

use crate::model::{Figure, FigureKind};
use crate::search::fold;

const TSV: &str = include_str!("../assets/metric_families.tsv");

#[derive(Debug, Clone, PartialEq)]
pub struct Family {
    pub id: String,
    pub name_vi: String,
    pub name_en: String,
    /// `None` accepts every kind.
    kind: Option<FigureKind>,
    /// Accepted units with the factor that converts each to the first one; empty
    /// accepts every unit as is.
    units: Vec<(String, f64)>,
    /// Alternatives, each a list of folded words that must all occur.
    any_of: Vec<Vec<String>>,
    /// Folded phrases that rule a metric out.
    exclude: Vec<String>,
}

impl Family {
    pub fn name(&self, english: bool) -> &str {
        if english {
            &self.name_en
        } else {
            &self.name_vi
        }
    }

    /// Whether a figure of this kind and unit, with this metric phrase already folded,
    /// belongs to the family.
    fn accepts(&self, kind: FigureKind, unit: &str, folded_metric: &str) -> bool {
        self.kind.is_none_or(|k| k == kind)
            && self.scale(unit).is_some()
            && self
                .any_of
                .iter()
                .any(|words| words.iter().all(|w| has_word(folded_metric, w)))
            && !self.exclude.iter().any(|x| has_word(folded_metric, x))
    }
}

impl Family {
    /// The factor that brings a value in `unit` to the family's unit, so that bars of one
    /// family compare like with like ("850 triệu USD" is 0,85 tỷ USD).
    pub fn scale(&self, unit: &str) -> Option<f64> {
        if self.units.is_empty() {
            return Some(1.0);
        }
        if let Some((_, k)) = self.units.iter().find(|(u, _)| u == unit) {
            return Some(*k);
        }
        // Any other unit of the same base converts through it ("850 triệu USD" is
        // 0,85 tỷ USD); one of another base is never put on the family's scale.
        let (first, _) = self.units.first()?;
        let (fk, fbase) = crate::units::split_scale(first);
        let (k, base) = crate::units::split_scale(unit);
        (base == fbase).then(|| k / fk)
    }

    /// The unit values are shown in after [`Family::scale`]; empty when units vary.
    pub fn unit(&self) -> &str {
        self.units.first().map_or("", |(u, _)| u.as_str())
    }
}

fn parse_unit(s: &str) -> (String, f64) {
    match s.rsplit_once('*') {
        Some((u, k)) => (u.trim().to_string(), k.trim().parse().unwrap_or(1.0)),
        None => (s.to_string(), 1.0),
    }
}

/// `needle` in `hay` starting and ending on word boundaries ("cn" is not found in "cnht").
fn has_word(hay: &str, needle: &str) -> bool {
    let b = hay.as_bytes();
    hay.match_indices(needle).any(|(at, m)| {
        let before = at == 0 || !b[at - 1].is_ascii_alphanumeric();
        let end = at + m.len();
        let after = end == b.len() || !b[end].is_ascii_alphanumeric();
        before && after
    })
}

fn parse_kind(s: &str) -> Option<FigureKind> {
    match s {
        "share" => Some(FigureKind::Share),
        "growth" => Some(FigureKind::Growth),
        "count" => Some(FigureKind::Count),
        "amount" => Some(FigureKind::Amount),
        "capacity" => Some(FigureKind::Capacity),
        _ => None,
    }
}

fn split_list(s: &str) -> impl Iterator<Item = &str> {
    s.split(';').map(str::trim).filter(|x| !x.is_empty())
}

fn parse(tsv: &str) -> Vec<Family> {
    tsv.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .skip(1) // header
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            let field = |i: usize| f.get(i).copied().unwrap_or("").trim();
            if field(0).is_empty() {
                return None;
            }
            Some(Family {
                id: field(0).to_string(),
                name_vi: field(1).to_string(),
                name_en: field(2).to_string(),
                kind: parse_kind(field(3)),
                units: split_list(field(4)).map(parse_unit).collect(),
                any_of: split_list(field(5))
                    .map(|alt| alt.split_whitespace().map(fold).collect())
                    .collect(),
                exclude: split_list(field(6)).map(fold).collect(),
            })
        })
        .collect()
}

/// Every family, in the order of the asset file.
pub fn all() -> &'static [Family] {
    static FAMILIES: OnceLock<Vec<Family>> = OnceLock::new();
    FAMILIES.get_or_init(|| parse(TSV))
}

/// The family a figure belongs to: an index into [`all`].
pub fn family_of(f: &Figure) -> Option<usize> {
    family_of_parts(f.kind, &f.unit, &f.metric)
}

pub fn family_of_parts(kind: FigureKind, unit: &str, metric: &str) -> Option<usize> {
    let folded = fold(metric);
    all()
        .iter()
        .position(|fam| fam.accepts(kind, unit, &folded))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(kind: FigureKind, unit: &str, metric: &str) -> Option<&'static str> {
        family_of_parts(kind, unit, metric).map(|i| all()[i].id.as_str())
    }

    #[test]
    fn the_asset_parses() {
        let fams = all();
        assert!(fams.len() >= 8);
        for f in fams {
            assert!(!f.any_of.is_empty(), "{} has no phrases", f.id);
            assert!(!f.name_vi.is_empty() && !f.name_en.is_empty(), "{}", f.id);
        }
        let mut ids: Vec<&str> = fams.iter().map(|f| f.id.as_str()).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), fams.len(), "duplicate family ids");
    }

    #[test]
    fn shares_of_grdp() {
        use FigureKind::*;
        assert_eq!(
            id(Share, "%", "tỷ trọng công nghiệp trong GRDP"),
            Some("industry-share")
        );
        assert_eq!(
            id(
                Share,
                "%",
                "tỷ trọng ngành công nghiệp chế biến, chế tạo trong GRDP"
            ),
            Some("manufacturing-share")
        );
        assert_eq!(
            id(Share, "%", "tỷ trọng CNCBCT trong GRDP"),
            Some("manufacturing-share")
        );
        assert_eq!(id(Share, "%", "tỷ trọng dịch vụ trong GRDP"), None);
    }

    #[test]
    fn growth_families() {
        use FigureKind::*;
        assert_eq!(
            id(Growth, "%", "tốc độ tăng trưởng ngành CNCBCT"),
            Some("manufacturing-growth")
        );
        assert_eq!(
            id(
                Growth,
                "%",
                "tốc độ tăng trưởng giá trị sản xuất công nghiệp"
            ),
            Some("industry-growth")
        );
        assert_eq!(
            id(Growth, "%", "chỉ số sản xuất công nghiệp (IIP)"),
            Some("industrial-production-index")
        );
        assert_eq!(
            id(Growth, "%", "kim ngạch xuất khẩu tăng"),
            Some("export-growth")
        );
        assert_eq!(id(Growth, "%", "tăng trưởng GRDP"), Some("grdp-growth"));
    }

    #[test]
    fn kind_and_unit_must_fit() {
        use FigureKind::*;
        assert_eq!(
            id(Count, "doanh nghiệp", "doanh nghiệp công nghiệp hỗ trợ"),
            Some("supporting-industry-enterprises")
        );
        // The same words with a money unit are not a count of enterprises.
        assert_eq!(
            id(Amount, "tỷ đồng", "doanh nghiệp công nghiệp hỗ trợ"),
            None
        );
        assert_eq!(
            id(Amount, "tỷ USD", "kim ngạch xuất khẩu"),
            Some("export-value-usd")
        );
        assert_eq!(
            id(Amount, "triệu USD", "kim ngạch xuất khẩu"),
            Some("export-value-usd")
        );
        let fam = &all()[family_of_parts(Amount, "triệu USD", "xuất khẩu").unwrap()];
        assert_eq!(fam.scale("triệu USD"), Some(0.001));
        assert_eq!(fam.unit(), "tỷ USD");
        assert_eq!(id(Amount, "tỷ đồng", "kim ngạch xuất khẩu"), None);
    }

    #[test]
    fn words_match_whole() {
        assert!(has_word("ty trong cn trong grdp", "cn"));
        assert!(!has_word("doanh nghiep cnht", "cn"));
        assert!(has_word("(iip)", "iip"));
    }
}
