//! Key and mouse sequences through the explorer's own event handling, on the embedded
//! corpus; no terminal needed. Filter results are made deterministic with `App::settle`.

mod common;

use std::sync::OnceLock;

use common::place;
use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use proptest::prelude::*;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use vnie::corpus::Corpus;
use vnie::model::{Place, Status};
use vnie::tui::{render, App, Popup, Tab, Target, Theme};

fn corpus() -> Corpus {
    static C: OnceLock<Corpus> = OnceLock::new();
    C.get_or_init(Corpus::embedded).clone()
}

fn app() -> App {
    let mut a = App::with_theme(corpus(), Theme::mono());
    a.handle_event(&Event::Resize(120, 32));
    a
}

fn press(a: &mut App, code: KeyCode) {
    a.handle_event(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn ctrl(a: &mut App, c: char) {
    a.handle_event(&Event::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::CONTROL,
    )));
}

fn typed(a: &mut App, s: &str) {
    for c in s.chars() {
        press(a, KeyCode::Char(c));
    }
}

fn click(a: &mut App, x: u16, y: u16) {
    a.handle_event(&Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: x,
        row: y,
        modifiers: KeyModifiers::NONE,
    }));
}

/// Index into `Corpus::places` of a province, by gazetteer name.
fn draw(a: &App) -> Buffer {
    let area = Rect::new(0, 0, 120, 32);
    let mut buf = Buffer::empty(area);
    render(a, area, &mut buf);
    buf
}

#[test]
fn thanh_hoa_filter_opens_and_returns() {
    let mut a = app();
    assert_eq!(a.tab(), Tab::Provinces);
    press(&mut a, KeyCode::Char('/'));
    assert!(a.typing());
    typed(&mut a, "thanh hoa");
    // The first screen is ranked synchronously, before any worker answers.
    assert_eq!(a.row_labels(1), ["Thanh Hóa"]);
    a.settle();
    assert_eq!(a.row_labels(1), ["Thanh Hóa"]);
    let th = place(&a, "Thanh Hóa");
    assert_eq!(a.selected(), Some(Target::Place(th)));

    // Enter keeps the filter and leaves the filter line; Enter again opens the detail.
    press(&mut a, KeyCode::Enter);
    assert!(!a.typing());
    assert_eq!(a.query(), "thanh hoa");
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.detail(), Some(Target::Place(th)));

    press(&mut a, KeyCode::Backspace);
    assert_eq!(a.detail(), None);
    assert_eq!(a.selected(), Some(Target::Place(th)));
    assert_eq!(
        a.query(),
        "thanh hoa",
        "the kept filter survives the detail view"
    );

    press(&mut a, KeyCode::Esc);
    assert_eq!(a.query(), "");
    assert_eq!(a.row_count(), a.corpus().places.len());
}

#[test]
fn letters_type_into_the_filter_and_move_outside_it() {
    let mut a = app();
    press(&mut a, KeyCode::Char('j'));
    assert_eq!(
        a.selected(),
        Some(Target::Place(1)),
        "j moves outside the filter line"
    );
    press(&mut a, KeyCode::Char('/'));
    typed(&mut a, "jkq");
    assert_eq!(a.query(), "jkq");
    assert!(!a.should_quit(), "q types into the filter");
    press(&mut a, KeyCode::Backspace);
    assert_eq!(a.query(), "jk");
    ctrl(&mut a, 'u');
    assert_eq!(a.query(), "");
    press(&mut a, KeyCode::Esc);
    assert!(!a.typing());
    press(&mut a, KeyCode::Char('k'));
    assert_eq!(a.selected(), Some(Target::Place(0)));
}

#[test]
fn son_la_target_to_sentence_to_province_and_back() {
    let mut a = app();
    press(&mut a, KeyCode::Char('2'));
    assert_eq!(a.tab(), Tab::Targets);
    press(&mut a, KeyCode::Char('/'));
    typed(&mut a, "son la");
    a.settle();
    let labels = a.row_labels(6);
    assert_eq!(labels.len(), 6);
    for l in &labels {
        assert!(l.starts_with("Sơn La"), "{labels:?}");
    }
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Enter);
    let Some(Target::Figure(f)) = a.detail() else {
        panic!("no figure detail: {:?}", a.detail())
    };
    let fig = &a.corpus().figures[f];
    assert_eq!(fig.value, 40.0);
    assert_eq!(fig.year, Some(2030));
    assert_eq!(fig.status, Status::Target);

    // The link cursor starts on the province; Enter jumps there.
    let sl = place(&a, "Sơn La");
    assert_eq!(a.detail_link(), Some(Target::Place(sl)));
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.detail(), Some(Target::Place(sl)));
    assert_eq!(a.history_len(), 2);
    press(&mut a, KeyCode::Backspace);
    assert_eq!(a.detail(), Some(Target::Figure(f)));
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.detail(), None);
    press(&mut a, KeyCode::Char('q'));
    assert!(a.should_quit());
}

#[test]
fn accents_and_tone_styles_are_optional() {
    let mut a = app();
    press(&mut a, KeyCode::Char('3'));
    for (q, want) in [
        ("det may", "Dệt may"),
        ("DỆT MAY", "Dệt may"),
        ("cn ho tro", "Công nghiệp hỗ trợ"),
        ("hoa chat", "Hóa chất"),
        ("hoá chất", "Hóa chất"),
    ] {
        press(&mut a, KeyCode::Char('/'));
        typed(&mut a, q);
        a.settle();
        let first = a.row_labels(1);
        assert!(
            first.first().is_some_and(|l| l.starts_with(want)),
            "{q:?} → {first:?}"
        );
        press(&mut a, KeyCode::Esc);
    }
}

#[test]
fn tabs_cycle_and_jump() {
    let mut a = app();
    press(&mut a, KeyCode::Tab);
    assert_eq!(a.tab(), Tab::Targets);
    press(&mut a, KeyCode::BackTab);
    press(&mut a, KeyCode::BackTab);
    assert_eq!(a.tab(), Tab::Legal);
    press(&mut a, KeyCode::Char('4'));
    assert_eq!(a.tab(), Tab::Documents);
    // Digits leave a detail view for the tab.
    press(&mut a, KeyCode::Enter);
    assert!(a.detail().is_some());
    press(&mut a, KeyCode::Char('1'));
    assert_eq!((a.tab(), a.detail()), (Tab::Provinces, None));
}

#[test]
fn targets_status_and_sort_cycle() {
    let mut a = app();
    press(&mut a, KeyCode::Char('2'));
    let count = |a: &App, st: Status| a.corpus().figures.iter().filter(|f| f.status == st).count();
    // The tab opens on targets; `s` cycles through the other statuses and all of them.
    assert_eq!(a.row_count(), count(&a, Status::Target));
    let statuses = [
        Some(Status::Achieved),
        Some(Status::Estimate),
        None,
        Some(Status::Target),
    ];
    for want in statuses {
        press(&mut a, KeyCode::Char('s'));
        let n = a.row_count();
        match want {
            Some(st) => assert_eq!(n, count(&a, st), "{st:?}"),
            None => assert_eq!(n, a.corpus().figures.len()),
        }
    }
    // `o` sorts by the next column: Province, Metric, Value, Year, Status, then the
    // tab's own order. Year (the fourth): years never decrease, no year last.
    let figures = |a: &mut App| -> Vec<usize> {
        press(a, KeyCode::Char('g'));
        (0..a.row_count())
            .map(|_| {
                let Some(Target::Figure(f)) = a.selected() else {
                    panic!()
                };
                press(a, KeyCode::Char('j'));
                f
            })
            .collect()
    };
    for _ in 0..4 {
        press(&mut a, KeyCode::Char('o'));
    }
    let years: Vec<Option<i32>> = figures(&mut a)
        .into_iter()
        .map(|f| a.corpus().figures[f].year)
        .collect();
    let key = |y: &Option<i32>| (y.is_none(), *y);
    assert!(
        years.windows(2).all(|w| key(&w[0]) <= key(&w[1])),
        "{years:?}"
    );
    // `O` reverses: years never increase, no year still last.
    press(&mut a, KeyCode::Char('O'));
    let years: Vec<Option<i32>> = figures(&mut a)
        .into_iter()
        .map(|f| a.corpus().figures[f].year)
        .collect();
    let key = |y: &Option<i32>| (y.is_none(), std::cmp::Reverse(*y));
    assert!(
        years.windows(2).all(|w| key(&w[0]) <= key(&w[1])),
        "{years:?}"
    );
    // Value, descending: largest first within one base unit (a rate per year apart
    // from a share), each in one run, scale words counted ("2 triệu tấn" above
    // "900.000 tấn"). From Year: Status, the tab's order, then Province, Metric, Value.
    for _ in 0..5 {
        press(&mut a, KeyCode::Char('o'));
    }
    press(&mut a, KeyCode::Char('O'));
    let rows: Vec<(String, f64)> = figures(&mut a)
        .into_iter()
        .map(|f| {
            let f = &a.corpus().figures[f];
            (format!("{} {}", f.unit_base(), f.per_year), f.value_base())
        })
        .collect();
    let mut bases: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    bases.dedup();
    let distinct: std::collections::HashSet<&str> = bases.iter().copied().collect();
    assert_eq!(bases.len(), distinct.len(), "{bases:?}");
    assert!(
        rows.windows(2)
            .all(|w| w[0].0 != w[1].0 || w[0].1 >= w[1].1),
        "{rows:?}"
    );
    assert!(rows.len() > 3);
}

#[test]
fn ctrl_c_quits_from_anywhere() {
    let setups: [fn(&mut App); 4] = [
        |_| {},
        |a| press(a, KeyCode::Char('/')),
        |a| press(a, KeyCode::Enter),
        |a| press(a, KeyCode::Char('?')),
    ];
    for setup in setups {
        let mut a = app();
        setup(&mut a);
        ctrl(&mut a, 'c');
        assert!(a.should_quit());
    }
}

#[test]
fn popups_open_and_close() {
    let mut a = app();
    press(&mut a, KeyCode::Char('?'));
    assert_eq!(a.popup(), Some(Popup::Help));
    press(&mut a, KeyCode::Char('j'));
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.popup(), None);
    assert!(!a.should_quit());
    press(&mut a, KeyCode::Char('!'));
    assert_eq!(a.popup(), Some(Popup::Skipped));
    press(&mut a, KeyCode::Char('q'));
    assert_eq!(a.popup(), None, "q closes a popup");
    assert!(!a.should_quit());
}

fn text(buf: &Buffer) -> String {
    buf.content().iter().map(|c| c.symbol()).collect()
}

#[test]
fn help_scrolls_to_its_end_and_back() {
    let mut a = app();
    press(&mut a, KeyCode::Char('?'));
    assert!(text(&draw(&a)).contains("Everywhere"));
    press(&mut a, KeyCode::Char('G'));
    let bottom = text(&draw(&a));
    assert!(
        bottom.contains("Mouse and typing"),
        "the end of the help shows"
    );
    // One step up from the end shows a different first line (no dead scrolling).
    press(&mut a, KeyCode::Char('k'));
    assert_ne!(text(&draw(&a)), bottom);
    press(&mut a, KeyCode::Char('g'));
    assert!(text(&draw(&a)).contains("Everywhere"));
}

#[test]
fn mouse_selects_opens_and_switches_tabs() {
    let mut a = app();
    // Tab bar: " 1 Provinces │ 2 Targets │ 3 Sectors …"; x=30 is inside "3 Sectors".
    click(&mut a, 30, 0);
    assert_eq!(a.tab(), Tab::Sectors);
    // Rows start under the border and the header: y=3 is the first row, y=5 the third.
    click(&mut a, 5, 5);
    assert_eq!(a.selected(), Some(Target::Sector(2)));
    click(&mut a, 5, 5);
    assert_eq!(a.detail(), Some(Target::Sector(2)));
    press(&mut a, KeyCode::Esc);
    a.handle_event(&Event::Mouse(MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: 5,
        row: 5,
        modifiers: KeyModifiers::NONE,
    }));
    assert_eq!(a.selected(), Some(Target::Sector(5)));
}

#[test]
fn detail_links_step_and_follow() {
    let mut a = app();
    let sl = place(&a, "Sơn La");
    a.open(Target::Place(sl));
    // The first links of a province are its targets, in year order.
    let first = a.detail_link();
    assert!(matches!(first, Some(Target::Figure(_))), "{first:?}");
    press(&mut a, KeyCode::Tab);
    let second = a.detail_link();
    assert_ne!(first, second);
    press(&mut a, KeyCode::BackTab);
    assert_eq!(a.detail_link(), first);
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.detail(), first);
    assert_eq!(a.history_len(), 2);
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.history_len(), 0);
}

#[test]
fn background_ranking_arrives() {
    let mut a = app();
    press(&mut a, KeyCode::Char('2'));
    press(&mut a, KeyCode::Char('/'));
    typed(&mut a, "tang truong");
    // The worker answers on its own thread; tick() picks the answer up. No sleeping:
    // yield until it has, with a generous bound for loaded machines.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while a.busy() {
        a.tick();
        assert!(
            std::time::Instant::now() < deadline,
            "ranking never arrived"
        );
        std::thread::yield_now();
    }
    let mut b = app();
    press(&mut b, KeyCode::Char('2'));
    press(&mut b, KeyCode::Char('/'));
    typed(&mut b, "tang truong");
    b.settle();
    assert_eq!(a.row_labels(usize::MAX), b.row_labels(usize::MAX));
    assert!(a.row_count() >= 6);
}

#[test]
fn matches_and_selection_are_visible_without_colour() {
    let mut a = app();
    press(&mut a, KeyCode::Char('/'));
    typed(&mut a, "thanh hoa");
    a.settle();
    let buf = draw(&a);
    // Row 3 is the first data row: "Thanh Hóa" at x=1.., matched chars bold+underlined,
    // the whole row reversed as the selection.
    let cell = &buf[(1, 3)];
    assert_eq!(cell.symbol(), "T");
    assert!(cell
        .modifier
        .contains(Modifier::UNDERLINED | Modifier::BOLD | Modifier::REVERSED));
    for c in buf.content() {
        assert_eq!(
            (c.fg, c.bg),
            (ratatui::style::Color::Reset, ratatui::style::Color::Reset)
        );
    }
}

/// Each row of the buffer as (text, the x of each char of it).
fn rows(buf: &Buffer) -> Vec<(String, Vec<u16>)> {
    let area = buf.area;
    (area.y..area.bottom())
        .map(|y| {
            let (mut text, mut xs) = (String::new(), Vec::new());
            for x in area.x..area.right() {
                for ch in buf[(x, y)].symbol().chars() {
                    text.push(ch);
                    xs.push(x);
                }
            }
            (text, xs)
        })
        .collect()
}

#[test]
fn figure_detail_says_why_and_marks_the_cue() {
    let mut a = app();
    press(&mut a, KeyCode::Char('2'));
    press(&mut a, KeyCode::Char('/'));
    typed(&mut a, "son la");
    a.settle();
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Enter);
    let Some(Target::Figure(f)) = a.detail() else {
        panic!("no figure detail: {:?}", a.detail())
    };
    let fig = a.corpus().figures[f].clone();
    let doc = &a.corpus().documents[fig.document as usize];
    assert_eq!((fig.value, fig.status), (40.0, Status::Target));
    // "phấn đấu" (or "Mục tiêu") governs the clause of Sơn La's 40% goal.
    let cue = fig.reason.cue.expect("a goal word decided");
    let cue_text = doc.slice(cue).to_string();
    let buf = draw(&a);
    let rows = rows(&buf);
    let status = rows
        .iter()
        .map(|(t, _)| t.trim_start_matches('│'))
        .find(|t| t.starts_with("Status"))
        .expect("a status line");
    assert!(
        status.contains(&format!("target — '{cue_text}' governs this")),
        "{status}"
    );
    // In the sentence below, the cue is set off (bold italic without colour), the figure
    // reversed.
    let sentence = rows
        .iter()
        .position(|(t, _)| t.contains("│Sentence"))
        .expect("the sentence section");
    let (text, xs) = rows[sentence + 1..]
        .iter()
        .find(|(t, _)| t.contains(&cue_text))
        .expect("the cue in the sentence");
    let at = text[..text.find(&cue_text).unwrap()].chars().count();
    let y = rows.iter().position(|(t, _)| t == text).unwrap() as u16;
    for k in 0..cue_text.chars().count() {
        let cell = &buf[(xs[at + k], y)];
        assert!(
            cell.modifier.contains(Modifier::ITALIC | Modifier::BOLD),
            "{cue_text} at {k}: {:?}",
            cell.modifier
        );
    }
    let value = text.find("40%").expect("the figure beside the cue");
    let x = xs[text[..value].chars().count()];
    assert!(buf[(x, y)].modifier.contains(Modifier::REVERSED));
    assert!(!buf[(x, y)].modifier.contains(Modifier::ITALIC));
}

#[test]
fn documents_show_their_date_and_its_origin() {
    let mut a = app();
    press(&mut a, KeyCode::Char('4'));
    let d2 = &a.corpus().documents[1];
    assert_eq!(
        d2.date_origin,
        Some(vnie::model::DateOrigin::Text),
        "D2 states its date"
    );
    let text = text(&draw(&a));
    assert!(text.contains("01/12/2023 · stated"), "{text}");
    a.open(Target::Document(1));
    let detail = rows(&draw(&a));
    assert!(detail
        .iter()
        .any(|(t, _)| t.starts_with("│Date        01/12/2023 · stated")));
}

#[test]
fn national_figures_show_as_toan_quoc() {
    let a = app();
    let n = a
        .corpus()
        .places
        .iter()
        .position(|e| e.place == Place::National);
    if let Some(n) = n {
        let text: String = {
            let mut a = app();
            a.open(Target::Place(n));
            let buf = draw(&a);
            buf.content().iter().map(|c| c.symbol()).collect()
        };
        assert!(text.contains("Toàn quốc"));
    }
}

// ---------------------------------------------------------------------------------------
// Property: no sequence of keys, clicks, wheel turns and resizes panics.
// ---------------------------------------------------------------------------------------

fn export_dir() -> &'static std::path::Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().expect("temp dir"))
        .path()
}

fn key_event() -> impl Strategy<Value = Event> {
    let chars = prop::sample::select(
        "jkgGq/?!12345sonla tha hoĐà\u{0301}xcmL[]eEOpnNvy:"
            .chars()
            .collect::<Vec<_>>(),
    )
    .prop_map(KeyCode::Char);
    let specials = prop::sample::select(vec![
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Backspace,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::PageUp,
        KeyCode::PageDown,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::F(1),
    ]);
    let ctrl_keys = prop::sample::select(vec!['d', 'u', 'w']);
    prop_oneof![
        6 => chars.prop_map(|c| Event::Key(KeyEvent::new(c, KeyModifiers::NONE))),
        4 => specials.prop_map(|c| Event::Key(KeyEvent::new(c, KeyModifiers::NONE))),
        1 => ctrl_keys.prop_map(|c| Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))),
    ]
}

fn event() -> impl Strategy<Value = Event> {
    let mouse_kind = prop::sample::select(vec![
        MouseEventKind::Down(MouseButton::Left),
        MouseEventKind::ScrollDown,
        MouseEventKind::ScrollUp,
        MouseEventKind::Moved,
    ]);
    prop_oneof![
        12 => key_event(),
        3 => (mouse_kind, 0u16..200, 0u16..60).prop_map(|(kind, column, row)| Event::Mouse(MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        })),
        2 => (1u16..=200, 1u16..=60).prop_map(|(w, h)| Event::Resize(w, h)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn random_events_never_panic(events in prop::collection::vec(event(), 1..40)) {
        // `e`/`E` write the table to a file: keep those out of the working tree.
        std::env::set_var("VNIE_EXPORT_DIR", export_dir());
        let mut a = App::with_theme(corpus(), Theme::mono());
        let mut size = (80u16, 24u16);
        a.handle_event(&Event::Resize(size.0, size.1));
        for ev in &events {
            if let Event::Resize(w, h) = ev {
                size = (*w, *h);
            }
            a.handle_event(ev);
            // What the event loop would do, except handing the terminal to a pager.
            for e in a.take_effects() {
                if let vnie::tui::Effect::Export { table, tab, format } = e {
                    a.export_now(&table, tab, format);
                }
            }
            a.tick();
            let area = Rect::new(0, 0, size.0, size.1);
            let mut buf = Buffer::empty(area);
            render(&a, area, &mut buf);
        }
        a.settle();
        let area = Rect::new(0, 0, size.0, size.1);
        let mut buf = Buffer::empty(area);
        render(&a, area, &mut buf);
    }
}

#[test]
fn esc_without_a_filter_keeps_the_selection() {
    let mut a = app();
    press(&mut a, KeyCode::Char('2'));
    for _ in 0..3 {
        press(&mut a, KeyCode::Down);
    }
    let chosen = a.selected();
    assert!(chosen.is_some());
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.selected(), chosen);
}

#[test]
fn y_copies_a_figure_with_its_sentence_and_source() {
    let mut a = app();
    press(&mut a, KeyCode::Char('2'));
    let Some(Target::Figure(f)) = a.selected() else {
        panic!("a figure row")
    };
    press(&mut a, KeyCode::Char('y'));
    let text = a.take_clipboard().expect("copied");
    let c = a.corpus();
    let fig = &c.figures[f];
    let doc = &c.documents[fig.document as usize];
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(lines[0].contains(&fig.metric.to_string()), "{text}");
    assert_eq!(
        lines[1],
        doc.sentence_text(fig.sentence as usize).replace('\n', " ")
    );
    assert!(
        lines[2].starts_with(&doc.source) && lines[2].contains(&doc.id),
        "{text}"
    );
    assert!(a.note().is_some_and(|n| n.contains("copied")));
    // Sent once; a province row copies its label, also from its detail view.
    assert!(a.take_clipboard().is_none());
    press(&mut a, KeyCode::Char('1'));
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Char('y'));
    let place = a.take_clipboard().expect("copied");
    assert!(!place.is_empty() && place.lines().count() == 1, "{place}");
}

#[test]
fn slash_in_a_document_finds_its_text_and_n_steps() {
    let mut a = app();
    press(&mut a, KeyCode::Char('4'));
    press(&mut a, KeyCode::Enter);
    assert!(a.detail().is_some());
    typed(&mut a, "/cong nghiep");
    press(&mut a, KeyCode::Enter);
    let shown = text(&draw(&a));
    // The status bar says which match of how many.
    assert!(shown.contains("/cong nghiep 1/"), "{shown}");
    press(&mut a, KeyCode::Char('n'));
    assert!(text(&draw(&a)).contains("/cong nghiep 2/"));
    press(&mut a, KeyCode::Char('N'));
    press(&mut a, KeyCode::Char('N'));
    // N before the first match wraps to the last.
    assert!(!text(&draw(&a)).contains("/cong nghiep 1/"));
    // Matches are highlighted.
    let buf = draw(&a);
    let lit = buf
        .content()
        .iter()
        .filter(|c| {
            c.modifier.contains(Modifier::REVERSED) || c.modifier.contains(Modifier::UNDERLINED)
        })
        .count();
    assert!(lit > 0);
    // Esc leaves the view; the search went with it.
    press(&mut a, KeyCode::Esc);
    assert!(a.detail().is_none());
}

#[test]
fn v_asks_to_open_the_source_at_the_sentence_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let seed = include_str!("../assets/corpus/000_6ea38480b863f6f0.txt");
    let path = dir.path().join("a.txt");
    std::fs::write(&path, seed).expect("write");
    let c = vnie::corpus::load_paths(&[dir.path().to_path_buf()], Default::default());
    let mut a = App::with_theme(c, Theme::mono());
    a.handle_event(&Event::Resize(120, 32));
    press(&mut a, KeyCode::Char('2'));
    press(&mut a, KeyCode::Char('v'));
    let Some(Target::Figure(f)) = a.selected() else {
        panic!("a figure")
    };
    let effects = a.take_effects();
    let [vnie::tui::Effect::Open { path: p, line }] = &effects[..] else {
        panic!("{effects:?}")
    };
    assert_eq!(p, &path);
    // The line holds the figure's sentence.
    let figure = &a.corpus().figures[f];
    let doc = &a.corpus().documents[figure.document as usize];
    let words: Vec<&str> = doc
        .sentence_text(figure.sentence as usize)
        .split_whitespace()
        .take(3)
        .collect();
    let line_text = seed.lines().nth(line - 1).expect("a line");
    assert!(line_text.contains(&words.join(" ")), "{line}: {line_text}");
    // The embedded articles have no file: the status bar says so.
    let mut b = app();
    press(&mut b, KeyCode::Char('2'));
    press(&mut b, KeyCode::Char('v'));
    assert!(b.take_effects().is_empty());
    assert!(b.note().is_some_and(|n| n.contains("no source file")));
}

#[test]
fn p_hides_and_shows_the_preview() {
    let mut a = app();
    press(&mut a, KeyCode::Char('2'));
    assert!(text(&draw(&a)).contains("Preview"));
    press(&mut a, KeyCode::Char('p'));
    assert!(!text(&draw(&a)).contains("Preview"));
    press(&mut a, KeyCode::Char('p'));
    assert!(text(&draw(&a)).contains("Preview"));
}

#[test]
fn the_preview_is_built_once_per_selection() {
    let mut a = app();
    press(&mut a, KeyCode::Char('2'));
    let t = a.selected().expect("a row");
    let first = a.preview_doc(t);
    assert!(std::rc::Rc::ptr_eq(&first, &a.preview_doc(t)));
    press(&mut a, KeyCode::Char('j'));
    let other = a.selected().expect("a row");
    assert!(!std::rc::Rc::ptr_eq(&first, &a.preview_doc(other)));
    // Another language is another preview.
    press(&mut a, KeyCode::Char('L'));
    let vi = a.preview_doc(other);
    press(&mut a, KeyCode::Char('L'));
    assert!(!std::rc::Rc::ptr_eq(&vi, &a.preview_doc(other)));
}
