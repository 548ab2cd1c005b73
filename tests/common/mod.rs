//! Helpers shared by the explorer's test files: an app on the embedded corpus, key
//! presses through the app's own event handling, and the rendered screen as text; and
//! the shared data next to the project, for the tests that read it.
// Each test file uses its own subset of these.
#![allow(dead_code)]

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use vnie::corpus::Corpus;
use vnie::reference::Reference;
use vnie::tui::{draw, App, Theme};

/// The explorer on the embedded corpus, without colours (so snapshots are plain text).
pub fn app() -> App {
    App::with_theme(Corpus::embedded(), Theme::mono())
}

pub fn key(app: &mut App, code: KeyCode) {
    app.handle_event(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

/// Each char of `s` as a key press.
pub fn typed(app: &mut App, s: &str) {
    for c in s.chars() {
        key(app, KeyCode::Char(c));
    }
}

/// The screen as text, one line per row, trailing spaces trimmed.
pub fn screen(app: &mut App, w: u16, h: u16) -> String {
    app.handle_event(&Event::Resize(w, h));
    let mut term = Terminal::new(TestBackend::new(w, h)).expect("test backend");
    term.draw(|f| draw(f, app)).expect("draw");
    let buf = term.backend().buffer();
    let mut out = String::new();
    for y in 0..h {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..w {
            let sym = buf[(x, y)].symbol();
            if skip > 0 {
                skip -= 1;
                continue;
            }
            line.push_str(sym);
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Index into `Corpus::places` of the province named `name`.
pub fn place(a: &App, name: &str) -> usize {
    let r = Reference::get();
    a.corpus()
        .places
        .iter()
        .position(|e| r.place_name(e.place) == name)
        .unwrap_or_else(|| panic!("{name} not in the corpus"))
}

/// `../shared/<rel>` (next to the project), when it exists. The shared articles and gold
/// are not part of the repository, so a clone without them skips the tests that need
/// them, with a note; CI has them, and there a missing path must fail the test rather
/// than let it pass without having checked anything.
pub fn shared_dir(rel: &str) -> Option<std::path::PathBuf> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(rel);
    if path.exists() {
        return Some(path);
    }
    let test = std::thread::current()
        .name()
        .unwrap_or("this test")
        .to_string();
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!(
            "{test}: {} is missing, and CI=true: the shared data must be present in CI",
            path.display()
        );
    }
    eprintln!("{test}: skipped, {} is not present", path.display());
    None
}
