//! Plain data: what the extractors produce and what every consumer reads.
//!
//! Indices (`usize`) point into the owning `Corpus` vectors; text is referenced
//! by byte spans into `Document::text` so that nothing is copied twice.

mod text;
pub use text::{Backing, Text};

use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::ops::Range;

/// An index as the per-mention records store it; saturates, as no corpus holds four
/// billion documents nor a text four billion sentences.
pub fn ix(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A byte range into a document's NFC text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub fn len(self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(self) -> bool {
        self.end <= self.start
    }
}

/// A calendar date as stated in a text; day/month may be missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Date {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.month, self.day) {
            (Some(m), Some(d)) => write!(f, "{:04}-{:02}-{:02}", self.year, m, d),
            (Some(m), None) => write!(f, "{:04}-{:02}", self.year, m),
            _ => write!(f, "{:04}", self.year),
        }
    }
}

/// A full date if it is one a document of this corpus can carry: years 1950–2100, a real
/// day of a real month.
pub fn calendar_date(year: i32, month: i32, day: i32) -> Option<Date> {
    let month = u8::try_from(month).ok().filter(|m| (1..=12).contains(m))?;
    let day = u8::try_from(day).ok()?;
    ((1950..=2100).contains(&year) && day >= 1 && day <= days_in_month(year, month)).then_some(
        Date {
            year,
            month: Some(month),
            day: Some(day),
        },
    )
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Where a document's reference date came from (SPEC §4, in order of trust).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateOrigin {
    /// A dateline or opening line of the text.
    Text,
    /// A saved page's publication metadata.
    Metadata,
    /// A date in the file name.
    #[serde(rename = "file name")]
    FileName,
    /// The latest year the text reports as done or under way.
    Inferred,
}

impl DateOrigin {
    pub fn as_str(self) -> &'static str {
        match self {
            DateOrigin::Text => "text",
            DateOrigin::Metadata => "metadata",
            DateOrigin::FileName => "file name",
            DateOrigin::Inferred => "inferred",
        }
    }
}

/// The time a document speaks from: what is past and what is a goal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct RefDate {
    pub date: Date,
    pub origin: DateOrigin,
}

/// Where a figure or mention belongs: a gazetteer province or the whole country.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Place {
    /// Index into `Gazetteer::provinces`.
    Province(u16),
    National,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FigureKind {
    Share,
    Growth,
    Count,
    Amount,
    Capacity,
    Other,
}

impl FigureKind {
    pub const ALL: [FigureKind; 6] = [
        FigureKind::Share,
        FigureKind::Growth,
        FigureKind::Count,
        FigureKind::Amount,
        FigureKind::Capacity,
        FigureKind::Other,
    ];

    /// The name the export and the query language use (as serde writes it).
    pub fn as_str(self) -> &'static str {
        match self {
            FigureKind::Share => "share",
            FigureKind::Growth => "growth",
            FigureKind::Count => "count",
            FigureKind::Amount => "amount",
            FigureKind::Capacity => "capacity",
            FigureKind::Other => "other",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Comparator {
    #[serde(rename = "=")]
    Eq,
    #[serde(rename = ">=")]
    Ge,
    #[serde(rename = ">")]
    Gt,
    #[serde(rename = "<=")]
    Le,
    #[serde(rename = "<")]
    Lt,
    #[serde(rename = "~")]
    Approx,
}

impl Comparator {
    pub fn symbol(self) -> &'static str {
        match self {
            Comparator::Eq => "=",
            Comparator::Ge => ">=",
            Comparator::Gt => ">",
            Comparator::Le => "<=",
            Comparator::Lt => "<",
            Comparator::Approx => "~",
        }
    }
    /// Prefix shown before a value; `=` is implied and shown as nothing.
    pub fn prefix(self) -> &'static str {
        match self {
            Comparator::Eq => "",
            Comparator::Ge => "≥",
            Comparator::Gt => ">",
            Comparator::Le => "≤",
            Comparator::Lt => "<",
            Comparator::Approx => "~",
        }
    }
}

/// The rule of SPEC §4 that decided a figure's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum StatusRule {
    /// An estimate or forecast word governs the figure.
    EstimateCue,
    /// A condition ("nếu … thì") governs the figure.
    Condition,
    /// A result measured against a plan ("đạt 290% kế hoạch", "vượt chỉ tiêu").
    PlanResult,
    /// A tax or incentive term: policy, never a target.
    Incentive,
    /// The figure's year is before the reference year.
    PastYear,
    /// A reporting word governs the figure.
    ReportCue,
    /// A goal word governs the figure's clause.
    GoalCue,
    /// A goal word opens the list the figure is an item of.
    GoalList,
    /// The year is after the reference year and no reporting word governs.
    FutureYear,
    /// Nothing marks it as a goal.
    Reported,
}

impl StatusRule {
    pub fn as_str(self) -> &'static str {
        match self {
            StatusRule::EstimateCue => "estimate-cue",
            StatusRule::Condition => "condition",
            StatusRule::PlanResult => "plan-result",
            StatusRule::Incentive => "incentive",
            StatusRule::PastYear => "past-year",
            StatusRule::ReportCue => "report-cue",
            StatusRule::GoalCue => "goal-cue",
            StatusRule::GoalList => "goal-list",
            StatusRule::FutureYear => "future-year",
            StatusRule::Reported => "reported",
        }
    }
}

/// Why a figure has its status: the rule, and the cue that fired it (a span of the
/// document text) when a word decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct StatusReason {
    pub rule: StatusRule,
    pub cue: Option<Span>,
}

impl Default for StatusReason {
    fn default() -> Self {
        StatusReason {
            rule: StatusRule::Reported,
            cue: None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Target,
    Achieved,
    Estimate,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Target => "target",
            Status::Achieved => "achieved",
            Status::Estimate => "estimate",
        }
    }
}

/// One quantified statement, as found in one sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    pub place: Option<Place>,
    /// Index into `Corpus::documents` (u32 here and in the other per-mention records:
    /// there are hundreds of thousands of them, and half their size was indices).
    pub document: u32,
    /// Index into the document's `sentences`.
    pub sentence: u32,
    /// Byte span of the number (and its unit) in the document text.
    pub span: Span,
    pub metric: Box<str>,
    pub kind: FigureKind,
    pub comparator: Comparator,
    pub value: f64,
    pub value_max: Option<f64>,
    /// Borrowed from the unit table unless a scale word stays in it ("nghìn USD").
    #[serde(deserialize_with = "crate::units::deserialize_unit")]
    pub unit: Cow<'static, str>,
    pub per_year: bool,
    pub year: Option<i32>,
    pub period: Option<[i32; 2]>,
    pub status: Status,
    pub reason: StatusReason,
}

impl Figure {
    /// The unit without its scale words ("triệu tấn" → "tấn"): values compare only
    /// within one base unit.
    pub fn unit_base(&self) -> &str {
        crate::units::split_scale(&self.unit).1
    }

    /// The value in [`Figure::unit_base`] ("37,5 triệu tấn" → 37 500 000).
    pub fn value_base(&self) -> f64 {
        self.value * crate::units::split_scale(&self.unit).0
    }

    /// The upper bound of a range in [`Figure::unit_base`].
    pub fn value_max_base(&self) -> Option<f64> {
        let k = crate::units::split_scale(&self.unit).0;
        self.value_max.map(|v| v * k)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    /// Byte offsets of the sentence in the document text (u32: a document holds many
    /// sentences, and no text reaches 4 GB); see [`Sentence::span`].
    pub start: u32,
    pub end: u32,
    /// Index into the document's `paragraphs` (u32: sentences are many, and a text
    /// would need gigabytes to hold more paragraphs).
    pub paragraph: u32,
    /// Inside a block recognised as page furniture (related articles, navigation…).
    pub boilerplate: bool,
}

impl Sentence {
    pub fn new(span: Span, paragraph: usize, boilerplate: bool) -> Sentence {
        Sentence {
            start: ix(span.start),
            end: ix(span.end),
            paragraph: ix(paragraph),
            boilerplate,
        }
    }

    pub fn span(&self) -> Span {
        Span::new(self.start as usize, self.end as usize)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    pub span: Span,
    pub boilerplate: bool,
}

/// A province (or the nation) named in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaceMention {
    pub place: Place,
    pub span: Span,
    pub sentence: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectorMention {
    /// Index into `Taxonomy::sectors`.
    pub sector: u32,
    pub document: u32,
    pub place: Option<Place>,
    pub sentence: u32,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum LegalKind {
    Luat,
    NghiQuyet,
    NghiDinh,
    QuyetDinh,
    ThongTu,
    ChiThi,
    KeHoach,
}

impl LegalKind {
    pub fn name(self) -> &'static str {
        match self {
            LegalKind::Luat => "Luật",
            LegalKind::NghiQuyet => "Nghị quyết",
            LegalKind::NghiDinh => "Nghị định",
            LegalKind::QuyetDinh => "Quyết định",
            LegalKind::ThongTu => "Thông tư",
            LegalKind::ChiThi => "Chỉ thị",
            LegalKind::KeHoach => "Kế hoạch",
        }
    }
}

/// A legal document cited in the text, as found at one place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegalCitation {
    pub kind: LegalKind,
    /// Normalised number, e.g. `111/2015/NĐ-CP`.
    pub number: String,
    pub issuer: Option<String>,
    pub date: Option<Date>,
    pub span: Span,
    pub sentence: usize,
}

/// One loaded document with everything extracted from it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub id: String,
    pub source: String,
    pub title: String,
    /// The reference date (SPEC §4): stated, from metadata or the file name, or inferred.
    pub date: Option<Date>,
    pub date_origin: Option<DateOrigin>,
    pub text: Text,
    pub paragraphs: Vec<Paragraph>,
    pub sentences: Vec<Sentence>,
    pub places: Vec<PlaceMention>,
    pub legal: Vec<LegalCitation>,
    /// The provinces the document is mainly about, most prominent first.
    pub main_places: Vec<Place>,
    /// Encoding the file was decoded from (`utf-8`, `utf-16le`, …).
    pub encoding: String,
}

impl Document {
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.range()).unwrap_or("")
    }
    pub fn sentence_text(&self, i: usize) -> &str {
        self.sentences
            .get(i)
            .map(|s| self.slice(s.span()))
            .unwrap_or("")
    }

    /// Sentence `i` around `focus` (a span in the text), clipped to
    /// [`crate::excerpt::MAX_CHARS`] and on one line: what an export record carries.
    pub fn sentence_excerpt(&self, i: usize, focus: Span) -> std::borrow::Cow<'_, str> {
        use std::borrow::Cow;
        let Some(s) = self.sentences.get(i) else {
            return Cow::Borrowed("");
        };
        let range = s.span().range();
        match crate::excerpt::excerpt(&self.text, range, focus.range(), crate::excerpt::MAX_CHARS) {
            Cow::Borrowed(b) => crate::one_line(b),
            Cow::Owned(o) => Cow::Owned(crate::one_line(&o).into_owned()),
        }
    }

    /// `D3:S12`: the id of sentence `i` (0-based) of this document, by which the
    /// whole sentence is found in the `sentences` export.
    pub fn sentence_id(&self, i: usize) -> String {
        format!("{}:S{}", self.id, i + 1)
    }
}

/// A legal reference merged over all documents that cite it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegalRef {
    pub kind: LegalKind,
    pub number: String,
    pub issuer: Option<String>,
    pub date: Option<Date>,
    pub documents: Vec<usize>,
    /// (document, sentence) of each citation.
    pub citations: Vec<(usize, usize)>,
}

/// A place's cross-references into the corpus.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaceEntry {
    pub place: Place,
    pub documents: Vec<usize>,
    pub figures: Vec<usize>,
    pub sectors: Vec<usize>,
    pub legal: Vec<usize>,
}

/// A taxonomy sector's cross-references into the corpus.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectorEntry {
    /// Index into `Taxonomy::sectors`.
    pub sector: usize,
    pub places: Vec<Place>,
    pub mentions: Vec<SectorMention>,
}

/// What became of one input file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FileFate {
    Loaded { document: usize, encoding: String },
    Skipped { reason: String },
    Failed { reason: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileReport {
    /// The path as shown: terminal-safe (a file name can hold escape sequences).
    pub path: String,
    pub fate: FileFate,
    /// The path on disk, for what must find the file again (never shown).
    #[serde(skip)]
    pub os_path: std::path::PathBuf,
    /// Whether its document came from the persistent index, not a fresh extraction.
    #[serde(skip)]
    pub from_index: bool,
    /// Whether extraction stopped on its text: the document holds its text alone.
    #[serde(skip)]
    pub unread: bool,
}

impl FileReport {
    pub fn new(path: &std::path::Path, fate: FileFate) -> FileReport {
        FileReport {
            path: crate::sanitize_line(&path.display().to_string()),
            fate,
            os_path: path.to_path_buf(),
            from_index: false,
            unread: false,
        }
    }
}
