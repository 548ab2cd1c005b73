//! What a document's reference date and a figure's status rest on, in words: the date with
//! where it came from, and the rule or the word that decided the status. Phrases are
//! looked up in the label table with their placeholders (`{cue}`, `{year}`, `{ref}`)
//! still in them, so a missing translation shows the English.

use super::super::lang::Lang;
use crate::model::{Date, DateOrigin, Document, Figure, StatusRule};

/// A date as Vietnamese write it: `17/10/2020`, `10/2020`, `2020`.
pub fn date_dmy(d: Date) -> String {
    match (d.month, d.day) {
        (Some(m), Some(day)) => format!("{day:02}/{m:02}/{:04}", d.year),
        (Some(m), None) => format!("{m:02}/{:04}", d.year),
        _ => format!("{:04}", d.year),
    }
}

/// The word for where a reference date came from.
pub fn origin_label(o: DateOrigin, lang: Lang) -> &'static str {
    lang.t(match o {
        DateOrigin::Text => "stated",
        DateOrigin::Metadata => "metadata",
        DateOrigin::FileName => "file name",
        DateOrigin::Inferred => "inferred",
    })
}

/// `17/10/2020 · stated`, `≈2020 · inferred`; empty when the document has no date. An
/// inferred date is marked as approximate before the number, where it is read first.
pub fn date_label(doc: &Document, lang: Lang) -> String {
    let Some(date) = doc.date else {
        return String::new();
    };
    match doc.date_origin {
        Some(DateOrigin::Inferred) => format!(
            "≈{} · {}",
            date_dmy(date),
            origin_label(DateOrigin::Inferred, lang)
        ),
        Some(o) => format!("{} · {}", date_dmy(date), origin_label(o, lang)),
        None => date_dmy(date),
    }
}

/// Why the figure has its status, in one line: `target — 'phấn đấu' governs this list`,
/// `achieved — 2016 is before the reference year 2017`.
pub fn status_reason(f: &Figure, doc: &Document, lang: Lang) -> String {
    let cue = f
        .reason
        .cue
        .and_then(|c| doc.text.get(c.range()))
        .map(|c| c.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|c| !c.is_empty());
    let with_cue = |with: &'static str, without: &'static str| match &cue {
        Some(c) => lang.t(with).replace("{cue}", c),
        None => lang.t(without).to_string(),
    };
    let year = f.year.or(f.period.map(|[_, end]| end));
    let reference = doc.date.map(|d| d.year);
    let against = |with: &'static str, without: &'static str| {
        let mut s = match (year, reference) {
            (Some(y), Some(r)) => lang
                .t(with)
                .replace("{year}", &y.to_string())
                .replace("{ref}", &r.to_string()),
            _ => lang.t(without).to_string(),
        };
        if doc.date_origin == Some(DateOrigin::Inferred) {
            s.push(' ');
            s.push_str(lang.t("(inferred)"));
        }
        s
    };
    let why = match f.reason.rule {
        StatusRule::GoalList => {
            with_cue("'{cue}' governs this list", "a goal word governs this list")
        }
        StatusRule::GoalCue => with_cue(
            "'{cue}' governs this clause",
            "a goal word governs this clause",
        ),
        StatusRule::EstimateCue => with_cue("'{cue}'", "an estimate word"),
        StatusRule::Condition => with_cue("condition '{cue}'", "a condition"),
        StatusRule::PlanResult => with_cue(
            "'{cue}' measures a result against a plan",
            "a result measured against a plan",
        ),
        StatusRule::Incentive => with_cue("incentive/policy term '{cue}'", "incentive/policy term"),
        StatusRule::ReportCue => with_cue("reporting word '{cue}'", "a reporting word"),
        StatusRule::PastYear => against(
            "{year} is before the reference year {ref}",
            "the year is before the reference year",
        ),
        StatusRule::FutureYear => against(
            "{year} is after the reference year {ref}",
            "the year is after the reference year",
        ),
        StatusRule::Reported => lang.t("reported").to_string(),
    };
    format!("{} — {why}", lang.status(f.status))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Comparator, FigureKind, Span, Status, StatusReason};

    fn doc(text: &str, date: Option<Date>, origin: Option<DateOrigin>) -> Document {
        Document {
            id: "D1".into(),
            source: "a.txt".into(),
            title: String::new(),
            date,
            date_origin: origin,
            text: text.into(),
            paragraphs: Vec::new(),
            sentences: Vec::new(),
            places: Vec::new(),
            legal: Vec::new(),
            main_places: Vec::new(),
            encoding: "utf-8".into(),
        }
    }

    fn year(y: i32) -> Date {
        Date {
            year: y,
            month: None,
            day: None,
        }
    }

    fn figure(text: &str, cue: &str, rule: StatusRule, status: Status, y: i32) -> Figure {
        let cue = (!cue.is_empty()).then(|| {
            let at = text.find(cue).expect("cue in text");
            Span::new(at, at + cue.len())
        });
        Figure {
            place: None,
            document: 0,
            sentence: 0,
            span: Span::new(0, 1),
            metric: "".into(),
            kind: FigureKind::Share,
            comparator: Comparator::Eq,
            value: 1.0,
            value_max: None,
            unit: "%".into(),
            per_year: false,
            year: Some(y),
            period: None,
            status,
            reason: StatusReason { rule, cue },
        }
    }

    #[test]
    fn dates_show_where_they_come_from() {
        let full = Date {
            year: 2020,
            month: Some(10),
            day: Some(17),
        };
        let month = Date {
            year: 2021,
            month: Some(3),
            day: None,
        };
        let label = |d, o| date_label(&doc("", Some(d), Some(o)), Lang::En);
        assert_eq!(label(full, DateOrigin::Text), "17/10/2020 · stated");
        assert_eq!(label(full, DateOrigin::Metadata), "17/10/2020 · metadata");
        assert_eq!(label(month, DateOrigin::FileName), "03/2021 · file name");
        assert_eq!(label(year(2020), DateOrigin::Inferred), "≈2020 · inferred");
        assert_eq!(date_label(&doc("", None, None), Lang::En), "");
        assert_eq!(
            date_label(&doc("", Some(full), None), Lang::En),
            "17/10/2020"
        );
    }

    #[test]
    fn reasons_in_one_line() {
        use Status::*;
        use StatusRule::*;
        let text = "Tỉnh phấn đấu đạt 40%; dự kiến 8%; vượt kế hoạch; nếu thuận lợi; đạt được";
        let stated = doc(text, Some(year(2017)), Some(DateOrigin::Text));
        let inferred = doc(text, Some(year(2020)), Some(DateOrigin::Inferred));
        let cases = [
            (
                GoalList,
                "phấn đấu",
                Target,
                2030,
                &stated,
                "target — 'phấn đấu' governs this list",
            ),
            (
                GoalCue,
                "phấn đấu",
                Target,
                2030,
                &stated,
                "target — 'phấn đấu' governs this clause",
            ),
            (
                GoalCue,
                "",
                Target,
                2030,
                &stated,
                "target — a goal word governs this clause",
            ),
            (
                EstimateCue,
                "dự kiến",
                Estimate,
                2018,
                &stated,
                "estimate — 'dự kiến'",
            ),
            (
                PastYear,
                "",
                Achieved,
                2016,
                &stated,
                "achieved — 2016 is before the reference year 2017",
            ),
            (
                FutureYear,
                "",
                Target,
                2025,
                &inferred,
                "target — 2025 is after the reference year 2020 (inferred)",
            ),
            (Reported, "", Achieved, 2017, &stated, "achieved — reported"),
            (
                PlanResult,
                "vượt kế hoạch",
                Achieved,
                2017,
                &stated,
                "achieved — 'vượt kế hoạch' measures a result against a plan",
            ),
            (
                Incentive,
                "",
                Achieved,
                2017,
                &stated,
                "achieved — incentive/policy term",
            ),
            (
                Condition,
                "nếu",
                Estimate,
                2017,
                &stated,
                "estimate — condition 'nếu'",
            ),
            (
                ReportCue,
                "đạt được",
                Achieved,
                2017,
                &stated,
                "achieved — reporting word 'đạt được'",
            ),
        ];
        for (rule, cue, status, y, d, want) in cases {
            let f = figure(text, cue, rule, status, y);
            assert_eq!(status_reason(&f, d, Lang::En), want, "{rule:?}");
        }
        // No reference date: the rule is still named.
        let f = figure(text, "", PastYear, Achieved, 2016);
        assert_eq!(
            status_reason(&f, &doc(text, None, None), Lang::En),
            "achieved — the year is before the reference year"
        );
    }

    #[test]
    fn vietnamese_falls_back_to_english_phrases_with_the_cue_filled_in() {
        let text = "phấn đấu đạt 40%";
        let f = figure(text, "phấn đấu", StatusRule::GoalCue, Status::Target, 2030);
        let d = doc(text, Some(year(2020)), Some(DateOrigin::Text));
        let line = status_reason(&f, &d, Lang::Vi);
        assert!(line.starts_with("mục tiêu — "), "{line}");
        assert!(
            line.contains("'phấn đấu'") && !line.contains("{cue}"),
            "{line}"
        );
        assert!(!date_label(&d, Lang::Vi).is_empty());
    }
}
