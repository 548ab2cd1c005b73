//! Reference data compiled in from `assets/`: the gazetteer, the sector taxonomy
//! and the word lists the extractors use. Adding a province alias, a sector, a
//! unit or a boilerplate marker is an edit of a TSV file, not of code.

use crate::model::Place;
use crate::text::match_key;
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind, StartKind};
use std::collections::HashMap;
use std::sync::OnceLock;

const PROVINCES_TSV: &str = include_str!("../assets/provinces.tsv");
const PROVINCES_2025_TSV: &str = include_str!("../assets/provinces-2025.tsv");
const SECTORS_TSV: &str = include_str!("../assets/sectors.tsv");
const BOILERPLATE_TSV: &str = include_str!("../assets/boilerplate.tsv");
const NATIONAL_TXT: &str = include_str!("../assets/national.txt");
const NOT_PLACES_TXT: &str = include_str!("../assets/not_places.txt");
const NOT_FIGURES_TXT: &str = include_str!("../assets/not_figures.txt");
const FOREIGN_TXT: &str = include_str!("../assets/foreign.txt");
const REGIONS_TXT: &str = include_str!("../assets/regions.txt");
const ZONES_TSV: &str = include_str!("../assets/zones.tsv");
const NOT_SECTORS_TXT: &str = include_str!("../assets/not_sectors.txt");
const NAMES_TSV: &str = include_str!("../assets/names.tsv");
const UNITS_TSV: &str = include_str!("../assets/units.tsv");
const METRIC_HEADS_TXT: &str = include_str!("../assets/metric_heads.txt");
const LEGAL_TSV: &str = include_str!("../assets/legal.tsv");
const CUES_TSV: &str = include_str!("../assets/cues.tsv");
const TIME_PHRASES_TSV: &str = include_str!("../assets/time_phrases.tsv");
/// Words after which a number names something (`extract::numbers`).
pub const NAMING_WORDS_TSV: &str = include_str!("../assets/naming_words.tsv");

/// What a match of the place matcher names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceHit {
    Place(Place),
    /// A country, foreign city or region, the world economy.
    Foreign,
    /// A region of Vietnam ("miền Bắc", "Tây Nguyên"): no single province.
    Region,
    /// A longer name that contains a place name but is not the place.
    Nothing,
}

/// A word-list line with a count range in braces ("{15-63} tỉnh, thành") stands for
/// one phrase per count; any other line for itself.
fn counted(line: &str) -> Vec<String> {
    let range = line.split_once('{').and_then(|(head, rest)| {
        let (range, tail) = rest.split_once('}')?;
        let (lo, hi) = range.split_once('-')?;
        let (lo, hi): (u32, u32) = (lo.trim().parse().ok()?, hi.trim().parse().ok()?);
        Some((head, lo..=hi, tail))
    });
    match range {
        Some((head, counts, tail)) => counts.map(|n| format!("{head}{n}{tail}")).collect(),
        None => vec![line.to_string()],
    }
}

/// The name shown for the national level.
pub const NATIONAL_NAME: &str = "Toàn quốc";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Province {
    pub code: String,
    pub name: String,
    /// "tỉnh" or "thành phố".
    pub kind: String,
    pub ascii: String,
    pub aliases: Vec<String>,
    pub region: String,
    pub successor_2025: String,
    pub successor_code_2025: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit2025 {
    pub code: String,
    pub name: String,
    pub kind: String,
    pub merged_from: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sector {
    pub id: String,
    pub name_vi: String,
    pub name_en: String,
    pub vsic: Vec<String>,
    pub patterns: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoilerplateKind {
    Block,
    Line,
    Banner,
    /// A line holding the marker anywhere: the national motto of an official letter
    /// head, which shares its line with the issuing agency.
    Letterhead,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitDef {
    pub unit: String,
    /// The unit's match key, compared against match-key text.
    pub key: String,
    pub kind: crate::model::FigureKind,
    /// "/năm" after it names a rate of output and stays in the unit ("tấn/năm").
    pub rate_in_unit: bool,
}

/// Everything the extractors need to know about the world, built once.
pub struct Reference {
    pub provinces: Vec<Province>,
    pub units_2025: Vec<Unit2025>,
    pub sectors: Vec<Sector>,
    /// Furniture markers with their match keys.
    pub boilerplate: Vec<(BoilerplateKind, String)>,
    /// The `letterhead` markers as searchers, built once: they are looked for inside
    /// every short paragraph.
    pub letterheads: Vec<memchr::memmem::Finder<'static>>,
    pub units: Vec<UnitDef>,
    /// What may follow a unit after "/" and stays in it ("USD/người"): (match key, as
    /// written).
    pub denominators: Vec<(String, String)>,
    /// Words that start like a unit but are not one ("đồng chí"), as match keys.
    pub not_units: Vec<String>,
    /// Words before a number that make it a vote or a head count, as match keys.
    pub not_figure_words: crate::text::WordSet,
    pub metric_heads: Vec<String>,
    pub family_names: Vec<String>,
    pub person_titles: Vec<String>,
    pub subdivisions: Vec<String>,
    pub legal_types: Vec<(String, crate::model::LegalKind)>,
    pub legal_issuers: Vec<(String, String)>,
    /// Finds province aliases, zones, national and foreign subjects in match-key text.
    pub place_ac: AhoCorasick,
    place_of_pattern: Vec<PlaceHit>,
    /// Each pattern as written in its asset: its capitals must be capitals in the text.
    place_case: Vec<Box<str>>,
    /// Words right before a place that make it no subject of its clause ("sau", "so
    /// với"), as match keys.
    pub oblique: Vec<String>,
    /// Time phrases that end with an oblique word ("5 năm tới"): no oblique.
    pub ahead: Vec<String>,
    /// What the press calls the capital ("thủ đô"): Hà Nội when no name follows.
    pub capital_words: Vec<String>,
    /// Words before a place that make it a venue ("tại"), as match keys.
    pub venue: Vec<String>,
    /// Words that, earlier in a sentence, make the foreign places after them markets
    /// ("thị trường xuất khẩu …: Nhật Bản 3.605 triệu USD"), as match keys.
    pub market_words: crate::text::WordSet,
    /// Words by which a text names its own province or country without its name
    /// ("tỉnh đã ký", "doanh nghiệp trong nước").
    pub home_words: crate::text::WordSet,
    /// Words that make every foreign place of their sentence an investor or partner.
    pub investor_words: crate::text::WordSet,
    /// Words opening a concessive clause ("mặc dù"), as match keys.
    pub concessive: crate::text::WordSet,
    /// Words before the country named after a figure that make it the figure's
    /// destination or scope ("vào Việt Nam"), as match keys.
    pub into: Vec<String>,
    /// Rates the state sets for the whole country ("thuế tiêu thụ đặc biệt").
    pub levies: crate::text::WordSet,
    /// Offices that apply such rates in a province ("Hải quan Hải Phòng"), as match keys.
    pub offices: Vec<String>,
    /// Verbs after "sẽ" that foretell where a subject abroad will stand ("sẽ chiếm").
    pub outcome: Vec<String>,
    /// Words of a name right before a region that make it part of the name, as written.
    pub organisation: Vec<String>,
    /// Finds sector phrases in match-key text.
    pub sector_ac: AhoCorasick,
    sector_of_pattern: Vec<Option<usize>>,
    /// Finds metric heads in match-key text.
    pub head_ac: AhoCorasick,
    /// Goal, estimate, report, plan-result and incentive words.
    pub cues: crate::extract::cues::CueTable,
    /// Relative time phrases ("năm nay", "năm tới").
    pub time_phrases: crate::extract::time::TimePhrases,
    by_name: HashMap<String, u16>,
}

/// The tab-separated columns of each non-empty, non-comment line of an asset.
pub(crate) fn data_lines(src: &str) -> impl Iterator<Item = Vec<&str>> {
    src.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').collect::<Vec<_>>())
}

/// Non-empty, non-comment lines of a one-phrase-per-line asset.
fn word_list(src: &str) -> impl Iterator<Item = &str> {
    src.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn split_list(s: Option<&&str>) -> Vec<String> {
    s.map(|s| {
        s.split(';')
            .map(str::trim)
            .filter(|x| !x.is_empty())
            .map(String::from)
            .collect()
    })
    .unwrap_or_default()
}

fn col(row: &[&str], i: usize) -> String {
    row.get(i).map(|s| s.trim().to_string()).unwrap_or_default()
}

/// One automaton over phrases (already match-keyed); leftmost-longest, so that
/// "Bà Rịa - Vũng Tàu" wins over "Bà Rịa" and "điện tử" over "điện". Returns
/// the automaton and, per pattern id, the owner the phrase was given with.
///
/// A DFA: the lists are a few hundred short phrases, and every document's key is
/// scanned with them, so the build (a few ms, once) buys one table lookup per byte.
/// `start` says whether anchored searches are needed ("does a metric head start
/// here?"); allowing them doubles the table.
fn phrase_matcher(phrases: &[(String, usize)], start: StartKind) -> (AhoCorasick, Vec<usize>) {
    let ac = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(AhoCorasickKind::DFA))
        .start_kind(start)
        .build(phrases.iter().map(|(p, _)| p.as_str()))
        .unwrap_or_else(|e| panic!("asset phrases do not build a matcher: {e}"));
    (ac, phrases.iter().map(|(_, o)| *o).collect())
}

impl Reference {
    /// The compiled-in reference data, parsed on first use.
    pub fn get() -> &'static Reference {
        static REF: OnceLock<Reference> = OnceLock::new();
        REF.get_or_init(Reference::build)
    }

    fn build() -> Reference {
        let mut provinces = Vec::new();
        for row in data_lines(PROVINCES_TSV).skip(1) {
            provinces.push(Province {
                code: col(&row, 0),
                name: col(&row, 1),
                kind: col(&row, 2),
                ascii: col(&row, 3),
                aliases: split_list(row.get(4)),
                region: col(&row, 5),
                successor_2025: col(&row, 6),
                successor_code_2025: col(&row, 7),
            });
        }
        let units_2025 = data_lines(PROVINCES_2025_TSV)
            .skip(1)
            .map(|row| Unit2025 {
                code: col(&row, 0),
                name: col(&row, 1),
                kind: col(&row, 2),
                merged_from: split_list(row.get(4)),
            })
            .collect();
        let sectors: Vec<Sector> = data_lines(SECTORS_TSV)
            .skip(1)
            .map(|row| Sector {
                id: col(&row, 0),
                name_vi: col(&row, 1),
                name_en: col(&row, 2),
                vsic: split_list(row.get(3)),
                patterns: split_list(row.get(4)),
            })
            .collect();
        let boilerplate: Vec<(BoilerplateKind, String)> = data_lines(BOILERPLATE_TSV)
            .skip(1)
            .filter_map(|row| {
                let kind = match row.first()?.trim() {
                    "block" => BoilerplateKind::Block,
                    "line" => BoilerplateKind::Line,
                    "banner" => BoilerplateKind::Banner,
                    "letterhead" => BoilerplateKind::Letterhead,
                    _ => return None,
                };
                // Stored as match keys: compared with match-key text only.
                Some((kind, match_key(&col(&row, 1))))
            })
            .collect();
        let letterheads = boilerplate
            .iter()
            .filter(|(k, _)| *k == BoilerplateKind::Letterhead)
            .map(|(_, m)| memchr::memmem::Finder::new(m.as_bytes()).into_owned())
            .collect();
        let (denominators, units): (Vec<_>, Vec<_>) = data_lines(UNITS_TSV)
            .skip(1)
            .partition(|row| col(row, 1) == "denominator");
        let (not_units, units): (Vec<_>, Vec<_>) =
            units.into_iter().partition(|row| col(row, 1) == "not");
        let not_units = not_units
            .into_iter()
            .map(|row| match_key(&col(&row, 0)))
            .collect();
        let units = units
            .into_iter()
            .map(|row| UnitDef {
                unit: col(&row, 0),
                key: match_key(&col(&row, 0)),
                kind: parse_kind(&col(&row, 1)),
                rate_in_unit: col(&row, 2) == "unit",
            })
            .collect();
        let denominators = denominators
            .into_iter()
            .map(|row| (match_key(&col(&row, 0)), col(&row, 0)))
            .collect();
        let metric_heads: Vec<String> = data_lines(METRIC_HEADS_TXT).map(|r| col(&r, 0)).collect();
        let mut family_names = Vec::new();
        let mut person_titles = Vec::new();
        let mut subdivisions = Vec::new();
        let mut oblique = Vec::new();
        let mut venue = Vec::new();
        let mut ahead = Vec::new();
        let mut capital_words = Vec::new();
        let mut market_words: Vec<String> = Vec::new();
        let mut home_words: Vec<String> = Vec::new();
        let mut investor_words: Vec<String> = Vec::new();
        let mut concessive: Vec<String> = Vec::new();
        let mut into = Vec::new();
        let mut levies: Vec<String> = Vec::new();
        let mut offices = Vec::new();
        let mut outcome = Vec::new();
        let mut organisation = Vec::new();
        for row in data_lines(NAMES_TSV).skip(1) {
            let list = split_list(row.get(1));
            match row.first().map(|s| s.trim()) {
                Some("family") => family_names = list,
                Some("title") => person_titles = list,
                Some("subdivision") => subdivisions = list,
                Some("oblique") => oblique = list.iter().map(|w| match_key(w)).collect(),
                Some("venue") => venue = list.iter().map(|w| match_key(w)).collect(),
                Some("ahead") => ahead = list.iter().map(|w| match_key(w)).collect(),
                Some("capital") => capital_words = list.iter().map(|w| match_key(w)).collect(),
                Some("market") => market_words = list.iter().map(|w| match_key(w)).collect(),
                Some("home") => home_words = list.iter().map(|w| match_key(w)).collect(),
                Some("investor") => investor_words = list.iter().map(|w| match_key(w)).collect(),
                Some("concessive") => concessive = list.iter().map(|w| match_key(w)).collect(),
                Some("into") => into = list.iter().map(|w| match_key(w)).collect(),
                Some("levy") => levies = list.iter().map(|w| match_key(w)).collect(),
                Some("office") => offices = list.iter().map(|w| match_key(w)).collect(),
                Some("outcome") => outcome = list.iter().map(|w| match_key(w)).collect(),
                Some("organisation") => organisation = list,
                _ => {}
            }
        }
        let mut legal_types = Vec::new();
        let mut legal_issuers = Vec::new();
        for row in data_lines(LEGAL_TSV).skip(1) {
            match row.first().map(|s| s.trim()) {
                Some("type") => {
                    if let Some(k) = legal_kind_from_name(&col(&row, 2)) {
                        legal_types.push((col(&row, 1), k));
                    }
                }
                Some("issuer") => legal_issuers.push((col(&row, 1), col(&row, 2))),
                _ => {}
            }
        }

        let mut place_phrases = Vec::new();
        let mut places: Vec<PlaceHit> = Vec::new();
        let mut place_case: Vec<Box<str>> = Vec::new();
        let mut by_name = HashMap::new();
        let mut add = |phrase: &str, hit: PlaceHit| {
            place_phrases.push((match_key(phrase), places.len()));
            places.push(hit);
            place_case.push(phrase.into());
        };
        for (i, p) in provinces.iter().enumerate() {
            by_name.insert(p.name.clone(), i as u16);
            for name in std::iter::once(&p.name).chain(p.aliases.iter()) {
                add(name, PlaceHit::Place(Place::Province(i as u16)));
            }
        }
        for line in word_list(NATIONAL_TXT) {
            for phrase in counted(line) {
                add(&phrase, PlaceHit::Place(Place::National));
            }
        }
        for row in data_lines(ZONES_TSV).skip(1) {
            if let Some(&i) = by_name.get(&col(&row, 1)) {
                add(&col(&row, 0), PlaceHit::Place(Place::Province(i)));
            }
        }
        for line in word_list(FOREIGN_TXT) {
            match line.strip_prefix('!') {
                Some(not) => add(not, PlaceHit::Nothing),
                None => add(line, PlaceHit::Foreign),
            }
        }
        for line in word_list(REGIONS_TXT) {
            add(line, PlaceHit::Region);
        }
        // Longer names that contain a province name but are not it win the
        // longest-match race and then map to nothing.
        for line in word_list(NOT_PLACES_TXT) {
            add(line, PlaceHit::Nothing);
        }
        let (place_ac, owners) = phrase_matcher(&place_phrases, StartKind::Unanchored);
        let place_of_pattern = owners.iter().map(|&o| places[o]).collect();
        let place_case = owners.iter().map(|&o| place_case[o].clone()).collect();

        let mut sector_phrases = Vec::new();
        let mut owners: Vec<Option<usize>> = Vec::new();
        for (i, s) in sectors.iter().enumerate() {
            for p in &s.patterns {
                sector_phrases.push((match_key(p), owners.len()));
                owners.push(Some(i));
            }
        }
        for line in word_list(NOT_SECTORS_TXT) {
            sector_phrases.push((match_key(line), owners.len()));
            owners.push(None);
        }
        let (sector_ac, sector_alt) = phrase_matcher(&sector_phrases, StartKind::Unanchored);
        let sector_of_pattern = sector_alt.into_iter().map(|o| owners[o]).collect();

        let heads: Vec<(String, usize)> = metric_heads.iter().map(|h| (match_key(h), 0)).collect();
        let (head_ac, _) = phrase_matcher(&heads, StartKind::Both);

        let time_phrases = crate::extract::time::TimePhrases::parse(TIME_PHRASES_TSV);
        Reference {
            provinces,
            units_2025,
            sectors,
            boilerplate,
            letterheads,
            units,
            denominators,
            not_units,
            not_figure_words: crate::text::WordSet::new(word_list(NOT_FIGURES_TXT).map(match_key)),
            metric_heads,
            family_names,
            person_titles,
            subdivisions,
            legal_types,
            legal_issuers,
            place_ac,
            place_of_pattern,
            place_case,
            oblique,
            ahead,
            capital_words,
            venue,
            market_words: crate::text::WordSet::new(market_words),
            home_words: crate::text::WordSet::new(home_words),
            investor_words: crate::text::WordSet::new(investor_words),
            concessive: crate::text::WordSet::new(concessive),
            into,
            levies: crate::text::WordSet::new(levies),
            offices,
            outcome,
            organisation,
            sector_ac,
            sector_of_pattern,
            head_ac,
            cues: crate::extract::cues::CueTable::parse(CUES_TSV, &time_phrases),
            time_phrases,
            by_name,
        }
    }

    /// What a match of `place_ac` names, and the pattern as written in its asset.
    pub fn place_hit(&self, m: &aho_corasick::Match) -> (PlaceHit, &str) {
        let i = m.pattern().as_usize();
        (
            self.place_of_pattern
                .get(i)
                .copied()
                .unwrap_or(PlaceHit::Nothing),
            self.place_case.get(i).map_or("", |c| c),
        )
    }

    /// The place a match of `place_ac` names (`None` for a name that is not a place).
    pub fn place_of(&self, m: &aho_corasick::Match) -> Option<Place> {
        match self.place_hit(m).0 {
            PlaceHit::Place(p) => Some(p),
            _ => None,
        }
    }

    /// The sector a match of `sector_ac` names.
    pub fn sector_of(&self, m: &aho_corasick::Match) -> Option<usize> {
        self.sector_of_pattern
            .get(m.pattern().as_usize())
            .copied()
            .flatten()
    }

    pub fn province_by_name(&self, name: &str) -> Option<u16> {
        self.by_name.get(name).copied()
    }

    pub fn place_name(&self, place: Place) -> &str {
        match place {
            Place::National => NATIONAL_NAME,
            Place::Province(i) => self
                .provinces
                .get(i as usize)
                .map(|p| p.name.as_str())
                .unwrap_or("?"),
        }
    }

    pub fn sector_index(&self, id: &str) -> Option<usize> {
        self.sectors.iter().position(|s| s.id == id)
    }
}

fn parse_kind(s: &str) -> crate::model::FigureKind {
    use crate::model::FigureKind::*;
    match s {
        "share" => Share,
        "growth" => Growth,
        "count" => Count,
        "amount" => Amount,
        "capacity" => Capacity,
        _ => Other,
    }
}

fn legal_kind_from_name(s: &str) -> Option<crate::model::LegalKind> {
    use crate::model::LegalKind::*;
    Some(match s {
        "Luật" => Luat,
        "Nghị quyết" => NghiQuyet,
        "Nghị định" => NghiDinh,
        "Quyết định" => QuyetDinh,
        "Thông tư" => ThongTu,
        "Chỉ thị" => ChiThi,
        "Kế hoạch" => KeHoach,
        _ => return None,
    })
}

/// A fingerprint of the reference data compiled in: what the extractors react to. An
/// index written with other data is not this build's.
pub fn assets_fingerprint() -> u64 {
    let mut all = String::new();
    for data in [
        PROVINCES_TSV,
        PROVINCES_2025_TSV,
        SECTORS_TSV,
        BOILERPLATE_TSV,
        NATIONAL_TXT,
        NOT_PLACES_TXT,
        NOT_FIGURES_TXT,
        FOREIGN_TXT,
        REGIONS_TXT,
        ZONES_TSV,
        NOT_SECTORS_TXT,
        NAMES_TSV,
        UNITS_TSV,
        METRIC_HEADS_TXT,
        LEGAL_TSV,
        CUES_TSV,
        TIME_PHRASES_TSV,
        NAMING_WORDS_TSV,
        include_str!("../assets/metric_words.tsv"),
        include_str!("../assets/scales.tsv"),
    ] {
        all.push_str(data);
        all.push('\u{0}');
    }
    xxhash_rust::xxh3::xxh3_64(all.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_count_range_stands_for_one_phrase_per_count() {
        assert_eq!(
            counted("{15-17} tỉnh thành"),
            ["15 tỉnh thành", "16 tỉnh thành", "17 tỉnh thành"]
        );
        assert_eq!(counted("cả nước"), ["cả nước"]);
        assert_eq!(counted("{x-2} tỉnh"), ["{x-2} tỉnh"]);
    }

    #[test]
    fn gazetteer_is_complete() {
        let r = Reference::get();
        assert_eq!(r.provinces.len(), 63);
        assert_eq!(r.units_2025.len(), 34);
        for p in &r.provinces {
            assert!(
                r.units_2025.iter().any(|u| u.name == p.successor_2025),
                "{} has an unknown successor {}",
                p.name,
                p.successor_2025
            );
        }
        assert_eq!(r.sectors.len(), 22);
        assert!(r.sector_index("supporting-industries").is_some());
    }

    #[test]
    fn place_regex_finds_aliases_in_both_tone_styles() {
        let r = Reference::get();
        for (text, name) in [
            ("Thanh Hoá", "Thanh Hóa"),
            ("TP.HCM", "Hồ Chí Minh"),
            ("Thừa Thiên Huế", "Huế"),
            ("Hoà Bình", "Hòa Bình"),
        ] {
            let key = match_key(text);
            let m = r.place_ac.find(&key).expect(text);
            assert_eq!(r.place_name(r.place_of(&m).unwrap()), name);
        }
    }
}
