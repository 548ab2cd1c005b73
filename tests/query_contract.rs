//! One query, one result: `vnie export --filter Q` and the explorer's `/Q` then `e` write
//! the same rows in the same order, on every tab, with qualifiers and plain words.

use std::path::PathBuf;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use vnie::corpus::{load_paths, Corpus, LoadOptions};
use vnie::entities::filter_indices;
use vnie::tui::{App, Tab, Theme};

const QUERIES: &[&str] = &[
    "thanh hoa",
    "p:thanh hoa",
    "tỷ trọng",
    "ti trong y:2030",
    "s:target p:son la",
    "s:muc tieu",
    "k:growth",
    "k:tang truong p:lam dong",
    "2030",
    "y:2025..2030 cong nghiep",
    "cn",
    "sec:det may",
    "sec:dien tu p:ha noi",
    "f:grdp",
    "p:toan quoc",
    "p:",
    "zzzqqq",
];

fn press(a: &mut App, code: KeyCode) {
    a.handle_event(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

/// The explorer on `tab` with `query` typed and kept, every status shown on Targets.
fn explorer_rows(c: &Corpus, tab: Tab, query: &str) -> Vec<usize> {
    let mut a = App::with_theme(c.clone(), Theme::mono());
    a.handle_event(&Event::Resize(120, 32));
    press(&mut a, KeyCode::Char(char::from(b'1' + tab_number(tab))));
    if tab == Tab::Targets {
        // target → achieved → estimate → all
        for _ in 0..3 {
            press(&mut a, KeyCode::Char('s'));
        }
    }
    press(&mut a, KeyCode::Char('/'));
    for ch in query.chars() {
        press(&mut a, KeyCode::Char(ch));
    }
    press(&mut a, KeyCode::Enter);
    a.settle();
    assert_eq!(a.tab(), tab);
    a.matching_entities().to_vec()
}

fn tab_number(t: Tab) -> u8 {
    Tab::ALL.iter().position(|&x| x == t).unwrap() as u8
}

fn check(c: &Corpus) {
    for &tab in &Tab::ALL {
        for q in QUERIES {
            let export = filter_indices(c, tab.kind(), q);
            let shown = explorer_rows(c, tab, q);
            assert_eq!(shown, export, "{tab:?} {q:?}");
        }
    }
}

#[test]
fn export_filter_and_the_explorer_agree_on_the_embedded_corpus() {
    let c = Corpus::embedded();
    check(&c);
    // The queries do select: Thanh Hóa's figures first for "thanh hoa".
    let rows = filter_indices(&c, vnie::export::Kind::Figures, "thanh hoa");
    let r = vnie::reference::Reference::get();
    let first = c.figures[rows[0]].place.map(|p| r.place_name(p));
    assert_eq!(first, Some("Thanh Hóa"));
}

#[test]
fn export_filter_and_the_explorer_agree_on_real_articles() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/real");
    if !dir.is_dir() {
        assert!(
            std::env::var_os("CI").is_none(),
            "{} is missing",
            dir.display()
        );
        return;
    }
    let c = load_paths(&[dir], LoadOptions::default());
    check(&c);
}
