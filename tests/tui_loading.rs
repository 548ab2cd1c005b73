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

/// Ticks until `done` holds (the loader and the watch run on their own threads).
fn tick_until(a: &mut App, what: &str, done: impl Fn(&App) -> bool) {
    let start = std::time::Instant::now();
    while !done(a) {
        a.tick();
        assert!(
            start.elapsed() < std::time::Duration::from_secs(30),
            "timed out waiting for {what}"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// Files added to a watched folder show up in the tables on their own; the tab, the
/// filter and the selected row stay, and the status bar says what changed.
#[test]
fn a_watched_folder_updates_the_tables() {
    let dir = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(seeds()).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
    }
    let index = tempfile::tempdir().unwrap();
    let opts = LoadOptions {
        index: Some(index.path().to_path_buf()),
        ..LoadOptions::default()
    };
    let paths = vec![dir.path().to_path_buf()];
    let mut a = App::loading(Loading::spawn(paths.clone(), opts.clone()).unwrap());
    a.watch(paths, opts);
    tick_until(&mut a, "the first load", |a| !a.is_loading());
    press(&mut a, KeyCode::Char('4'));
    assert_eq!(a.tab(), Tab::Documents);
    assert_eq!(a.row_count(), 5);
    press(&mut a, KeyCode::Down);
    let source = |a: &App| match a.selected() {
        Some(vnie::tui::Target::Document(d)) => a.corpus().documents[d].source.clone(),
        other => panic!("{other:?}"),
    };
    let before = source(&a);
    // Named to come first: every document after it moves down a row.
    std::fs::write(
        dir.path().join("000-kon-tum.txt"),
        "Kon Tum đặt mục tiêu tỷ trọng công nghiệp 30% vào năm 2030.",
    )
    .unwrap();
    tick_until(&mut a, "the reload", |a| {
        a.row_count() == 6 && !a.is_loading()
    });
    assert_eq!(a.tab(), Tab::Documents);
    assert!(
        a.note() == Some("tables updated, files changed: 1"),
        "{:?}",
        a.note()
    );
    // The same document selected, though a new one came before it in the folder.
    assert_eq!(source(&a), before);
}
