//! The explorer while a corpus loads in the background: the progress line, the keys that
//! work meanwhile, and the tables filling when the model arrives. Through the App's own
//! event handling and a `TestBackend`; no terminal, and nothing timed.

use std::path::PathBuf;
use std::sync::Arc;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use vnie::corpus::{load_paths, load_paths_with_progress, LoadOptions, Progress, Source};
use vnie::tui::{App, Delivery, Loading, Model, Popup, Tab};

fn seeds() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/corpus")
}

fn press(a: &mut App, code: KeyCode) {
    a.handle_event(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn typed(a: &mut App, s: &str) {
    for c in s.chars() {
        press(a, KeyCode::Char(c));
    }
}

/// The screen as lines of text, drawn the way the event loop draws a frame.
fn screen(a: &App) -> Vec<String> {
    let mut term = Terminal::new(TestBackend::new(120, 32)).expect("test backend");
    term.draw(|f| vnie::tui::draw(f, a)).expect("draw");
    let buf = term.backend().buffer();
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
        })
        .collect()
}

/// An explorer whose corpus "loads" until the test sends it: `progress` is the
/// seed corpus loaded for real, so the progress line has counts to show.
fn loading_app() -> (App, std::sync::mpsc::Sender<Delivery>, vnie::corpus::Corpus) {
    let progress = Arc::new(Progress::new());
    let corpus = load_paths_with_progress(&[seeds()], LoadOptions::default(), &progress);
    let source = Source::Paths(vec!["seeds".to_string()]);
    let (loading, tx) = Loading::manual(source, progress);
    let mut a = App::loading(loading);
    a.handle_event(&Event::Resize(120, 32));
    (a, tx, corpus)
}

#[test]
fn progress_shows_then_the_tables_fill() {
    let (mut a, tx, corpus) = loading_app();
    assert!(a.is_loading());
    assert_eq!(a.row_count(), 0);
    let s = screen(&a);
    let all = s.join("\n");
    // The empty table says what is happening; the status bar has the percentage.
    assert!(all.contains("Loading seeds: indexing 5 documents"), "{all}");
    let status = &s[31];
    assert!(status.contains("loading 95%"), "{status}");
    assert!(!status.contains("0 docs"), "{status}");

    // Keys work meanwhile: tabs, help, the filter line.
    press(&mut a, KeyCode::Tab);
    assert_eq!(a.tab(), Tab::Targets);
    press(&mut a, KeyCode::Char('?'));
    assert_eq!(a.popup(), Some(Popup::Help));
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.popup(), None);
    press(&mut a, KeyCode::Char('/'));
    typed(&mut a, "son la");
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.query(), "son la");
    assert_eq!(a.row_count(), 0);
    // Nothing arrived yet: ticking keeps loading.
    assert!(a.tick());
    assert!(a.is_loading());

    tx.send(Ok(Model::build(corpus))).expect("app listens");
    assert!(a.tick());
    assert!(!a.is_loading());
    assert_eq!(a.take_load_error(), None);
    // Same tab, the typed filter applied to the loaded figures.
    assert_eq!(a.tab(), Tab::Targets);
    assert_eq!(a.query(), "son la");
    a.settle();
    assert!(a.row_count() > 0);
    assert!(
        a.row_labels(1)[0].contains("Sơn La"),
        "{:?}",
        a.row_labels(1)
    );
    let s = screen(&a);
    assert!(s[31].contains("5 docs"), "{}", s[31]);
    assert!(!s.join("\n").contains("Loading seeds"));
}

#[test]
fn loaded_explorer_matches_a_synchronous_one() {
    let loading = Loading::spawn(vec![seeds()], LoadOptions::default()).expect("thread");
    let mut a = App::loading(loading);
    a.handle_event(&Event::Resize(120, 32));
    // The loader answers on its own thread; tick() picks the answer up. No sleeping:
    // yield until it has, with a generous bound for loaded machines.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while a.is_loading() {
        a.tick();
        assert!(std::time::Instant::now() < deadline, "loading never ended");
        std::thread::yield_now();
    }
    assert_eq!(a.take_load_error(), None);
    let mut b = App::new(load_paths(&[seeds()], LoadOptions::default()));
    b.handle_event(&Event::Resize(120, 32));
    for tab in Tab::ALL {
        a.apply(vnie::tui::Action::GoTab(tab));
        b.apply(vnie::tui::Action::GoTab(tab));
        assert_eq!(
            a.row_labels(usize::MAX),
            b.row_labels(usize::MAX),
            "{tab:?}"
        );
        assert!(a.row_count() > 0, "{tab:?}");
    }
    assert_eq!(screen(&a), screen(&b));
}

#[test]
fn a_loader_that_dies_is_an_error() {
    let (mut a, tx, _) = loading_app();
    drop(tx);
    a.tick();
    assert!(!a.is_loading());
    let e = a.take_load_error().expect("an error");
    assert!(e.contains("loader"), "{e}");
    assert_eq!(a.take_load_error(), None, "reported once");

    let (mut a, tx, _) = loading_app();
    tx.send(Err("the loader panicked: boom".into()))
        .expect("app listens");
    a.tick();
    assert_eq!(
        a.take_load_error().as_deref(),
        Some("the loader panicked: boom")
    );
}

#[test]
fn quitting_while_loading() {
    for key in [
        KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE),
        KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL),
    ] {
        let (mut a, _tx, _) = loading_app();
        a.handle_event(&Event::Key(key));
        assert!(a.should_quit());
    }
}
