//! Render snapshots of the explorer on the embedded corpus: every tab and every detail
//! view at 120×32 and 40×12, the help, the filter line, an empty result.
//! Review changes with `cargo insta review`.

mod common;

use common::{app, key, screen, typed};
use crossterm::event::{Event, KeyCode};
use vnie::tui::{Tab, Target};

const SIZES: [(u16, u16); 2] = [(120, 32), (40, 12)];

#[test]
fn tabs() {
    for tab in Tab::ALL {
        for (w, h) in SIZES {
            let mut a = app();
            key(&mut a, KeyCode::Char(char::from(b'1' + tab.index() as u8)));
            insta::assert_snapshot!(
                format!("tab_{}_{w}x{h}", tab.title().to_lowercase()),
                screen(&mut a, w, h)
            );
        }
    }
}

#[test]
fn details() {
    let cases = [
        ("figure_sonla_share", Target::Figure(0)),
        ("province_sonla", Target::Place(0)),
        ("sector_supporting", Target::Sector(1)),
        ("document_d2", Target::Document(1)),
        ("legal_111", Target::Legal(2)),
    ];
    for (name, target) in cases {
        for (w, h) in SIZES {
            let mut a = app();
            a.handle_event(&Event::Resize(w, h));
            a.open(target);
            insta::assert_snapshot!(format!("detail_{name}_{w}x{h}"), screen(&mut a, w, h));
        }
    }
}

#[test]
fn help_popup() {
    for (w, h) in [(120, 32), (40, 12), (80, 24)] {
        let mut a = app();
        key(&mut a, KeyCode::Char('?'));
        insta::assert_snapshot!(format!("help_{w}x{h}"), screen(&mut a, w, h));
    }
}

#[test]
fn skipped_popup() {
    let mut a = app();
    key(&mut a, KeyCode::Char('!'));
    insta::assert_snapshot!("skipped_none_80x24", screen(&mut a, 80, 24));
}

#[test]
fn filter_typing() {
    for (w, h) in SIZES {
        let mut a = app();
        key(&mut a, KeyCode::Char('/'));
        typed(&mut a, "thanh hoa");
        a.settle();
        insta::assert_snapshot!(
            format!("filter_typing_provinces_{w}x{h}"),
            screen(&mut a, w, h)
        );
    }
    let mut a = app();
    key(&mut a, KeyCode::Char('2'));
    key(&mut a, KeyCode::Char('/'));
    typed(&mut a, "son la");
    key(&mut a, KeyCode::Enter);
    a.settle();
    insta::assert_snapshot!("filter_kept_targets_120x32", screen(&mut a, 120, 32));
}

#[test]
fn empty_filter_result() {
    for (w, h) in SIZES {
        let mut a = app();
        key(&mut a, KeyCode::Char('3'));
        key(&mut a, KeyCode::Char('/'));
        typed(&mut a, "zzqx");
        a.settle();
        insta::assert_snapshot!(
            format!("filter_empty_sectors_{w}x{h}"),
            screen(&mut a, w, h)
        );
    }
}

#[test]
fn targets_status_and_sort() {
    let mut a = app();
    key(&mut a, KeyCode::Char('2'));
    // The third column (Value), largest first.
    for _ in 0..3 {
        key(&mut a, KeyCode::Char('o'));
    }
    key(&mut a, KeyCode::Char('O'));
    key(&mut a, KeyCode::Char('g'));
    insta::assert_snapshot!(
        "targets_only_targets_by_value_120x32",
        screen(&mut a, 120, 32)
    );
}

#[test]
fn stacked_preview_80x24() {
    let mut a = app();
    key(&mut a, KeyCode::Char('2'));
    insta::assert_snapshot!("targets_80x24", screen(&mut a, 80, 24));
}
