//! Every key the explorer knows, declared once as a table. The event handler looks keys
//! up here and the `?` popup is generated from the same table, so help cannot drift from
//! what the keys do.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::lang::Lang;
use super::target::Tab;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    Help,
    Skipped,
    GoTab(Tab),
    NextTab,
    PrevTab,
    Up,
    Down,
    PageUp,
    PageDown,
    HalfUp,
    HalfDown,
    Top,
    Bottom,
    /// Table: open the selected row. Detail: follow the selected link.
    Open,
    Back,
    NextLink,
    PrevLink,
    FilterStart,
    /// Leave the filter line and drop the filter.
    FilterClear,
    /// Leave the filter line and keep the filter.
    FilterKeep,
    FilterBackspace,
    FilterErase,
    FilterInput(char),
    CycleStatus,
    /// Sort by the next column (after the last: the tab's own order).
    CycleSort,
    /// Reverse the sort.
    FlipSort,
    /// Detail view: the next or previous match of the `/` search.
    FindNext,
    FindPrev,
    /// Open the source file in `$PAGER` (or `$EDITOR`) at the sentence's line.
    OpenSource,
    /// Show or hide the preview beside the table.
    TogglePreview,
    ClosePopup,
    /// Open (from a table) or close the compare view.
    Compare,
    NextFamily,
    PrevFamily,
    /// Provinces tab: 63 pre-2025 provinces or the 34 units of 2025.
    Map2025,
    Language,
    ExportCsv,
    ExportMarkdown,
    Copy,
}

/// Where a binding applies. `Browse` bindings work in tables and in the detail view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ctx {
    Global,
    Browse,
    Table,
    Detail,
    Filter,
    Popup,
    Compare,
}

impl Ctx {
    fn title(self) -> &'static str {
        match self {
            Ctx::Compare => "Compare view (c)",
            Ctx::Global => "Everywhere",
            Ctx::Browse => "Moving (tables and detail view)",
            Ctx::Table => "Tables",
            Ctx::Detail => "Detail view",
            Ctx::Filter => "Filter line (after /)",
            Ctx::Popup => "Popups (this help, skipped files)",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

const fn k(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: false,
    }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
    }
}

const fn code(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}

pub struct Binding {
    pub ctx: Ctx,
    pub keys: &'static [Key],
    pub action: Action,
    pub help: &'static str,
}

const fn bind(ctx: Ctx, keys: &'static [Key], action: Action, help: &'static str) -> Binding {
    Binding {
        ctx,
        keys,
        action,
        help,
    }
}

use Action as A;
use Ctx::*;

const UP: Key = code(KeyCode::Up);
const DOWN: Key = code(KeyCode::Down);
const ENTER: Key = code(KeyCode::Enter);
const ESC: Key = code(KeyCode::Esc);
const TAB: Key = code(KeyCode::Tab);
const BACKTAB: Key = code(KeyCode::BackTab);
const PGUP: Key = code(KeyCode::PageUp);
const PGDN: Key = code(KeyCode::PageDown);
const BACKSPACE: Key = code(KeyCode::Backspace);
const LEFT: Key = code(KeyCode::Left);
const RIGHT: Key = code(KeyCode::Right);

/// Looked up in order: the first binding of the active context (then `Browse` for tables
/// and the detail view, then `Global`) that lists the key wins.
pub const KEYMAP: &[Binding] = &[
    bind(Global, &[ctrl('c')], A::Quit, "quit"),
    bind(Browse, &[k('q')], A::Quit, "quit"),
    bind(Browse, &[k('?')], A::Help, "show this help"),
    bind(Browse, &[k('!')], A::Skipped, "list skipped files and why"),
    bind(
        Browse,
        &[k('j'), DOWN],
        A::Down,
        "down (next row, next link or line)",
    ),
    bind(Browse, &[k('k'), UP], A::Up, "up"),
    bind(Browse, &[PGDN], A::PageDown, "page down"),
    bind(Browse, &[PGUP], A::PageUp, "page up"),
    bind(Browse, &[ctrl('d')], A::HalfDown, "half a page down"),
    bind(Browse, &[ctrl('u')], A::HalfUp, "half a page up"),
    bind(
        Browse,
        &[k('g'), code(KeyCode::Home)],
        A::Top,
        "first row / top",
    ),
    bind(
        Browse,
        &[k('G'), code(KeyCode::End)],
        A::Bottom,
        "last row / bottom",
    ),
    bind(Browse, &[k('1')], A::GoTab(Tab::Provinces), "go to tab 1–5"),
    bind(Browse, &[k('2')], A::GoTab(Tab::Targets), "go to tab 1–5"),
    bind(Browse, &[k('3')], A::GoTab(Tab::Sectors), "go to tab 1–5"),
    bind(Browse, &[k('4')], A::GoTab(Tab::Documents), "go to tab 1–5"),
    bind(Browse, &[k('5')], A::GoTab(Tab::Legal), "go to tab 1–5"),
    bind(Table, &[TAB], A::NextTab, "next tab"),
    bind(Table, &[BACKTAB], A::PrevTab, "previous tab"),
    bind(Table, &[ENTER], A::Open, "open the selected row"),
    bind(
        Table,
        &[k('/')],
        A::FilterStart,
        "filter this tab (accents optional)",
    ),
    bind(Table, &[ESC], A::FilterClear, "clear the filter"),
    bind(
        Table,
        &[k('s')],
        A::CycleStatus,
        "Targets: cycle status target/achieved/estimate/all",
    ),
    bind(
        Table,
        &[k('o')],
        A::CycleSort,
        "sort by the next column (▲/▼ in its header), then the tab's order",
    ),
    bind(Table, &[k('O')], A::FlipSort, "reverse the sort"),
    bind(
        Table,
        &[k('p')],
        A::TogglePreview,
        "show or hide the preview",
    ),
    bind(
        Table,
        &[k('c')],
        A::Compare,
        "compare provinces on one metric family",
    ),
    bind(
        Table,
        &[k('m')],
        A::Map2025,
        "Provinces: the 63 provinces or the 34 units of 2025",
    ),
    bind(
        Table,
        &[k('e')],
        A::ExportCsv,
        "write this table as shown to a CSV file",
    ),
    bind(
        Table,
        &[k('E')],
        A::ExportMarkdown,
        "write this table as shown to a Markdown file",
    ),
    bind(
        Table,
        &[k('y')],
        A::Copy,
        "copy the row (a figure with its sentence and source) to the clipboard",
    ),
    bind(
        Browse,
        &[k('L')],
        A::Language,
        "English / Vietnamese labels",
    ),
    bind(
        Compare,
        &[k('l'), RIGHT, k(']')],
        A::NextFamily,
        "next metric family",
    ),
    bind(
        Compare,
        &[k('h'), LEFT, k('[')],
        A::PrevFamily,
        "previous metric family",
    ),
    bind(
        Compare,
        &[k('s')],
        A::CycleStatus,
        "cycle status all/target/achieved/estimate",
    ),
    bind(Compare, &[ENTER], A::Open, "open the selected figure"),
    bind(Compare, &[ESC, k('c')], A::Compare, "back to the tables"),
    bind(Detail, &[TAB], A::NextLink, "next link"),
    bind(Detail, &[BACKTAB], A::PrevLink, "previous link"),
    bind(Detail, &[ENTER], A::Open, "follow the selected link"),
    bind(Detail, &[ESC, BACKSPACE], A::Back, "back"),
    bind(
        Detail,
        &[k('/')],
        A::FilterStart,
        "find in this text (accents optional)",
    ),
    bind(Detail, &[k('n')], A::FindNext, "next match"),
    bind(Detail, &[k('N')], A::FindPrev, "previous match"),
    bind(
        Browse,
        &[k('v')],
        A::OpenSource,
        "open the source file in $PAGER (or $EDITOR) at the sentence",
    ),
    bind(
        Detail,
        &[k('y')],
        A::Copy,
        "copy this entity (a figure with its sentence and source) to the clipboard",
    ),
    bind(Filter, &[ENTER], A::FilterKeep, "keep the filter"),
    bind(Filter, &[ESC], A::FilterClear, "clear the filter"),
    bind(
        Filter,
        &[BACKSPACE],
        A::FilterBackspace,
        "delete a character",
    ),
    bind(Filter, &[ctrl('u')], A::FilterErase, "erase the query"),
    bind(Filter, &[DOWN], A::Down, "move the selection down"),
    bind(Filter, &[UP], A::Up, "move the selection up"),
    bind(Filter, &[PGDN], A::PageDown, "page down"),
    bind(Filter, &[PGUP], A::PageUp, "page up"),
    bind(Popup, &[ESC, k('q'), k('?'), ENTER], A::ClosePopup, "close"),
    bind(Popup, &[k('j'), DOWN], A::Down, "scroll down"),
    bind(Popup, &[k('k'), UP], A::Up, "scroll up"),
    bind(Popup, &[PGDN], A::PageDown, "page down"),
    bind(Popup, &[PGUP], A::PageUp, "page up"),
    bind(Popup, &[k('g'), code(KeyCode::Home)], A::Top, "top"),
    bind(Popup, &[k('G'), code(KeyCode::End)], A::Bottom, "bottom"),
];

/// Inputs that are not keys of the table, shown in the help after it.
pub const OTHER_HELP: &[(&str, &str)] = &[
    ("letters", "in the filter line: type the query"),
    (
        "p: y: s: k: f: sec:",
        "in a query: province, year or range, status, kind, metric family, sector (p:thanh hoa y:2025..2030 s:muc tieu)",
    ),
    ("wheel", "scroll the table, the detail view or a popup"),
    (
        "click",
        "select a row (click again to open), a tab title, or a link",
    ),
];

/// The key as the table spells it, or None for keys no binding can match (Alt chords,
/// releases are filtered by the caller).
pub fn normalize(ev: &KeyEvent) -> Option<Key> {
    if ev.modifiers.contains(KeyModifiers::ALT) {
        return None;
    }
    let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
    let code = match ev.code {
        // Some terminals report Shift-Tab as Tab with Shift.
        KeyCode::Tab if ev.modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
        // Ctrl-letter may arrive upper-case when Shift is also down.
        KeyCode::Char(c) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
        c => c,
    };
    Some(Key { code, ctrl })
}

/// The action bound to `key` in `ctx`.
pub fn lookup(ctx: Ctx, key: Key) -> Option<Action> {
    let chain: &[Ctx] = match ctx {
        Table | Detail | Compare => &[ctx, Browse, Global],
        Browse => &[Browse, Global],
        Global => &[Global],
        Filter | Popup => &[ctx, Global],
    };
    chain.iter().find_map(|&c| {
        KEYMAP
            .iter()
            .find(|b| b.ctx == c && b.keys.contains(&key))
            .map(|b| b.action)
    })
}

pub fn key_name(k: Key) -> String {
    let base = match k.code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) if k.ctrl => c.to_ascii_uppercase().to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        KeyCode::Backspace => "Backspace".into(),
        other => format!("{other:?}"),
    };
    if k.ctrl {
        format!("Ctrl-{base}")
    } else {
        base
    }
}

/// The help popup's content: per context, (keys, what they do). Consecutive bindings with
/// the same text share a row (`1 2 3 4 5`).
pub fn help_sections(lang: Lang) -> Vec<(&'static str, Vec<(String, &'static str)>)> {
    let mut out: Vec<(&'static str, Vec<(String, &'static str)>)> = Vec::new();
    for ctx in [Global, Browse, Table, Compare, Detail, Filter, Popup] {
        let mut rows: Vec<(String, &'static str)> = Vec::new();
        for b in KEYMAP.iter().filter(|b| b.ctx == ctx) {
            let keys = b
                .keys
                .iter()
                .map(|&k| key_name(k))
                .collect::<Vec<_>>()
                .join(" ");
            match rows.last_mut() {
                Some((k, h)) if *h == b.help => {
                    k.push(' ');
                    k.push_str(&keys);
                }
                _ => rows.push((keys, b.help)),
            }
        }
        out.push((ctx.title(), rows));
    }
    out.push((
        "Mouse and typing",
        OTHER_HELP
            .iter()
            .map(|&(k, h)| (k.to_string(), h))
            .collect(),
    ));
    // Translated after grouping, so that the grouping never depends on the language.
    out.into_iter()
        .map(|(title, rows)| {
            (
                lang.t(title),
                rows.into_iter().map(|(k, h)| (k, lang.t(h))).collect(),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(code: KeyCode, modifiers: KeyModifiers) -> Key {
        normalize(&KeyEvent::new(code, modifiers)).unwrap_or(Key { code, ctrl: false })
    }

    #[test]
    fn context_chain() {
        let q = ev(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(lookup(Table, q), Some(A::Quit));
        assert_eq!(lookup(Detail, q), Some(A::Quit));
        assert_eq!(lookup(Filter, q), None, "letters type into the filter");
        assert_eq!(lookup(Popup, q), Some(A::ClosePopup));
        let cc = ev(KeyCode::Char('c'), KeyModifiers::CONTROL);
        for ctx in [Table, Detail, Filter, Popup] {
            assert_eq!(lookup(ctx, cc), Some(A::Quit), "{ctx:?}");
        }
        let esc = ev(KeyCode::Esc, KeyModifiers::NONE);
        assert_eq!(lookup(Detail, esc), Some(A::Back));
        assert_eq!(lookup(Table, esc), Some(A::FilterClear));
        let tab = ev(KeyCode::Tab, KeyModifiers::SHIFT);
        assert_eq!(lookup(Table, tab), Some(A::PrevTab));
        assert_eq!(lookup(Detail, tab), Some(A::PrevLink));
        let big_g = ev(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(lookup(Table, big_g), Some(A::Bottom));
        assert_eq!(
            normalize(&KeyEvent::new(KeyCode::Char('q'), KeyModifiers::ALT)),
            None
        );
    }

    #[test]
    fn no_key_is_bound_twice_in_a_context() {
        for (i, a) in KEYMAP.iter().enumerate() {
            for b in &KEYMAP[i + 1..] {
                if a.ctx == b.ctx {
                    for key in a.keys {
                        assert!(!b.keys.contains(key), "{key:?} twice in {:?}", a.ctx);
                    }
                }
            }
        }
    }

    #[test]
    fn help_lists_every_binding() {
        let help = help_sections(Lang::En);
        let all: String = help
            .iter()
            .flat_map(|(_, rows)| rows.iter().map(|(k, h)| format!("{k} {h}\n")))
            .collect();
        for b in KEYMAP {
            for &key in b.keys {
                assert!(all.contains(&key_name(key)), "{key:?} missing");
            }
            assert!(all.contains(b.help));
        }
        assert!(all.contains("1 2 3 4 5 go to tab 1–5"));
    }
}
