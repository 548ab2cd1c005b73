//! The explorer's two languages. Interface text is written in English in the code and
//! looked up in `assets/ui-vi.tsv` for Vietnamese, so a missing translation shows the
//! English rather than nothing, and a test lists what is missing. Document text is never
//! translated.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::model::Status;
use crate::reference::Sector;

const VI_TSV: &str = include_str!("../../assets/ui-vi.tsv");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Vi,
}

fn vi_table() -> &'static HashMap<&'static str, &'static str> {
    static TABLE: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    TABLE.get_or_init(|| {
        VI_TSV
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
            .filter(|(en, vi)| !en.is_empty() && !vi.trim().is_empty())
            .map(|(en, vi)| (en, vi.trim_end()))
            .collect()
    })
}

impl Lang {
    pub fn next(self) -> Lang {
        match self {
            Lang::En => Lang::Vi,
            Lang::Vi => Lang::En,
        }
    }

    pub fn english(self) -> bool {
        self == Lang::En
    }

    /// Short name for the status bar.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "EN",
            Lang::Vi => "VI",
        }
    }

    /// `en` in this language.
    pub fn t(self, en: &'static str) -> &'static str {
        match self {
            Lang::En => en,
            Lang::Vi => vi_table().get(en).copied().unwrap_or(en),
        }
    }

    /// [`Lang::t`] for text that is not `'static` (labels passed through builders).
    pub fn tr(self, en: &str) -> &str {
        match self {
            Lang::En => en,
            Lang::Vi => vi_table().get(en).copied().unwrap_or(en),
        }
    }

    pub fn status(self, s: Status) -> &'static str {
        self.t(s.as_str())
    }

    /// A taxonomy sector's name in this language, and in the other one.
    pub fn sector(self, s: &'static Sector) -> (&'static str, &'static str) {
        match self {
            Lang::En => (&s.name_en, &s.name_vi),
            Lang::Vi => (&s.name_vi, &s.name_en),
        }
    }
}

/// English strings that have no Vietnamese line, for the test below and for anyone
/// adding interface text.
pub fn untranslated<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let table = vi_table();
    texts
        .into_iter()
        .filter(|t| !t.is_empty() && !table.contains_key(t))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::keymap::help_sections;
    use crate::tui::rows::columns;
    use crate::tui::target::Tab;

    #[test]
    fn every_interface_text_has_a_translation() {
        let mut texts: Vec<&str> = Vec::new();
        for tab in Tab::ALL.into_iter().chain([Tab::Units]) {
            texts.push(tab.title());
            texts.extend(columns(tab).iter().map(|c| c.title));
        }
        for (title, rows) in help_sections(Lang::En) {
            texts.push(title);
            texts.extend(rows.iter().map(|(_, h)| *h));
        }
        for s in [Status::Target, Status::Achieved, Status::Estimate] {
            texts.push(s.as_str());
        }
        // The status bar and the filter line follow `L` too.
        texts.extend([
            "docs",
            "figures",
            "provinces",
            "fig",
            "prov",
            "filter",
            "skipped",
            "skip",
            "ranking…",
            "Enter keep · Esc clear",
            "? help",
            "no source file to open",
            "the pager ended",
            "cannot open a pager",
            "the status cycle applies to the Targets tab (2)",
        ]);
        let missing = untranslated(texts);
        assert!(missing.is_empty(), "no Vietnamese for {missing:?}");
    }

    #[test]
    fn lookup_falls_back_to_english() {
        assert_eq!(Lang::Vi.t("Targets"), "Chỉ tiêu");
        assert_eq!(Lang::Vi.t("no such text"), "no such text");
        assert_eq!(Lang::En.t("Targets"), "Targets");
        assert_eq!(Lang::Vi.status(Status::Target), "mục tiêu");
    }
}
