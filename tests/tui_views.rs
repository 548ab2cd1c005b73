//! The views that compare: the compare view, a province's timeline, the 2025 map,
//! Vietnamese labels, and the export of the table on screen. Snapshots of the rendered
//! screen plus key sequences through the app's own event handling.

mod common;

use common::{app, key, place, screen, typed as keys};
use crossterm::event::{Event, KeyCode, KeyModifiers};
use vnie::model::Place;
use vnie::reference::Reference;
use vnie::tui::lang::Lang;
use vnie::tui::{App, Tab, Target, Theme};

const SIZES: [(u16, u16); 2] = [(120, 32), (40, 12)];

/// Steps the open compare view (`l`) to the family `id`; fails if it never comes.
fn to_family(a: &mut App, id: &str) {
    for _ in 0..vnie::families::all().len() {
        if a.compare_rows().map(|(f, _)| f) == Some(id) {
            return;
        }
        keys(a, "l");
    }
    assert_eq!(a.compare_rows().map(|(f, _)| f), Some(id));
}

#[test]
fn compare_snapshots() {
    for (w, h) in SIZES {
        let mut a = app();
        keys(&mut a, "c");
        // It opens on the family that compares the most places: the IIP, with Thanh Hóa's
        // reported values, the national 6% and Yên Bái.
        assert_eq!(
            a.compare_rows().map(|(id, _)| id),
            Some("industrial-production-index")
        );
        insta::assert_snapshot!(format!("compare_iip_{w}x{h}"), screen(&mut a, w, h));
        // Industry share of GRDP: Sơn La's 2030 target beside Thanh Hóa's reported shares.
        to_family(&mut a, "industry-share");
        insta::assert_snapshot!(format!("compare_share_{w}x{h}"), screen(&mut a, w, h));
    }
}

#[test]
fn compare_starts_on_the_selected_target_and_traces_back() {
    let mut a = app();
    keys(&mut a, "2/son la");
    key(&mut a, KeyCode::Enter);
    a.settle();
    // Sơn La's 40% industry-share target is the first row of the filtered Targets tab.
    let first = match a.selected() {
        Some(Target::Figure(i)) => i,
        other => panic!("{other:?}"),
    };
    assert_eq!(a.corpus().figures[first].value, 40.0);
    keys(&mut a, "c");
    assert!(a.comparing());
    let (id, rows) = a.compare_rows().expect("a family");
    assert_eq!(id, "industry-share");
    assert!(rows.contains(&first));
    // Bars are sorted by value, largest first.
    let vals: Vec<f64> = rows.iter().map(|&i| a.corpus().figures[i].value).collect();
    assert!(vals.windows(2).all(|w| w[0] >= w[1]), "{vals:?}");
    // Enter opens the selected bar's figure; Backspace comes back to the compare view.
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.detail(), Some(Target::Figure(first)));
    key(&mut a, KeyCode::Backspace);
    assert!(a.comparing() && a.detail().is_none());
    // Families wrap around both ways.
    keys(&mut a, "lh");
    assert_eq!(a.compare_rows().map(|(id, _)| id), Some("industry-share"));
    key(&mut a, KeyCode::Left);
    key(&mut a, KeyCode::Right);
    assert_eq!(a.compare_rows().map(|(id, _)| id), Some("industry-share"));
    // `s` keeps one status.
    keys(&mut a, "s");
    let targets_only = a
        .compare_rows()
        .map(|(_, r)| r.to_vec())
        .unwrap_or_default();
    assert!(!targets_only.is_empty());
    assert!(targets_only
        .iter()
        .all(|&i| a.corpus().figures[i].status == vnie::model::Status::Target));
    // A family with targets only has nothing achieved.
    to_family(&mut a, "supporting-industry-enterprises");
    keys(&mut a, "s");
    assert!(a.compare_rows().is_some_and(|(_, r)| r.is_empty()));
    let text = screen(&mut a, 120, 32);
    assert!(
        text.contains("No figure of this family has that status"),
        "{text}"
    );
    // Esc goes back to the table it came from; a tab key closes the view too.
    key(&mut a, KeyCode::Esc);
    assert!(!a.comparing());
    assert_eq!(a.tab(), Tab::Targets);
    keys(&mut a, "c3");
    assert!(!a.comparing());
    assert_eq!(a.tab(), Tab::Sectors);
}

#[test]
fn family_list_click_and_wheel() {
    use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
    let mut a = app();
    keys(&mut a, "c");
    screen(&mut a, 120, 32);
    // The list starts at row 2 (tab bar, border); its third entry is industry share
    // (after the IIP and manufacturing share).
    let click = |a: &mut App, x: u16, y: u16, kind: MouseEventKind| {
        a.handle_event(&Event::Mouse(MouseEvent {
            kind,
            column: x,
            row: y,
            modifiers: KeyModifiers::NONE,
        }));
    };
    click(&mut a, 5, 4, MouseEventKind::Down(MouseButton::Left));
    assert_eq!(a.compare_rows().map(|(id, _)| id), Some("industry-share"));
    click(&mut a, 60, 10, MouseEventKind::ScrollDown);
    let (_, rows) = a.compare_rows().expect("rows");
    assert!(!rows.is_empty());
    // Clicking a bar selects it; clicking it again opens its figure.
    click(&mut a, 60, 3, MouseEventKind::Down(MouseButton::Left));
    click(&mut a, 60, 3, MouseEventKind::Down(MouseButton::Left));
    assert!(matches!(a.detail(), Some(Target::Figure(_))));
}

#[test]
fn timeline_snapshot() {
    let mut a = app();
    let th = place(&a, "Thanh Hóa");
    a.handle_event(&Event::Resize(120, 32));
    a.open(Target::Place(th));
    let text = screen(&mut a, 120, 32);
    // Reported values drawn solid or shaded, targets light.
    assert!(text.contains("2020 ███"), "{text}");
    assert!(text.contains("2023 ▓▓▓"), "{text}");
    assert!(text.contains("2025 ░░░"), "{text}");
    insta::assert_snapshot!("timeline_thanh_hoa_120x32", text);
    let mut a = app();
    let sl = place(&a, "Lâm Đồng");
    a.handle_event(&Event::Resize(120, 32));
    a.open(Target::Place(sl));
    keys(&mut a, "jjjjjjjjjjjj");
    insta::assert_snapshot!("timeline_lam_dong_120x32", screen(&mut a, 120, 32));
}

#[test]
fn map_2025_snapshots() {
    for (w, h) in SIZES {
        let mut a = app();
        keys(&mut a, "m");
        assert_eq!(a.tab(), Tab::Units);
        insta::assert_snapshot!(format!("map2025_{w}x{h}"), screen(&mut a, w, h));
    }
}

#[test]
fn map_2025_gathers_under_the_successor() {
    let mut a = app();
    keys(&mut a, "m/kon tum");
    key(&mut a, KeyCode::Enter);
    a.settle();
    // Kon Tum merged into Quảng Ngãi in 2025.
    assert_eq!(a.row_labels(1), ["Quảng Ngãi · Kon Tum"]);
    key(&mut a, KeyCode::Enter);
    assert!(matches!(a.detail(), Some(Target::Unit(_))));
    let text = screen(&mut a, 120, 32);
    assert!(text.contains("Quảng Ngãi · 2025 unit"), "{text}");
    assert!(
        text.contains("[Kon Tum]"),
        "targets keep their province: {text}"
    );
    insta::assert_snapshot!("map2025_unit_quang_ngai_120x32", text);
    // Leaving and coming back to the tab keeps the mode; `m` again restores 63 provinces.
    key(&mut a, KeyCode::Esc);
    keys(&mut a, "21");
    assert_eq!(a.tab(), Tab::Units);
    keys(&mut a, "m");
    assert_eq!(a.tab(), Tab::Provinces);
    // Every corpus place sits in exactly one unit.
    keys(&mut a, "m");
    key(&mut a, KeyCode::Esc);
    a.settle();
    let r = Reference::get();
    let provinces = a
        .corpus()
        .places
        .iter()
        .filter(|e| matches!(e.place, Place::Province(_)))
        .count();
    assert!(a.row_count() <= provinces + 1);
    assert!(a.row_labels(usize::MAX).iter().all(|l| l.contains(" · ")));
    assert!(r.units_2025.len() == 34);
    // `m` elsewhere only says where it applies.
    keys(&mut a, "2m");
    assert_eq!(a.tab(), Tab::Targets);
    assert!(a.note().is_some_and(|n| n.contains("Provinces")));
}

#[test]
fn vietnamese_labels() {
    let mut a = app();
    keys(&mut a, "2L");
    assert_eq!(a.lang(), Lang::Vi);
    let text = screen(&mut a, 120, 32);
    assert!(text.contains("Chỉ tiêu"), "{text}");
    assert!(text.contains("mục tiêu"), "{text}");
    insta::assert_snapshot!("vi_targets_120x32", text);
    keys(&mut a, "3");
    let text = screen(&mut a, 120, 32);
    // Sector names lead in the chosen language; the other language follows.
    assert!(text.contains("Công nghiệp chế biến, chế tạo"), "{text}");
    insta::assert_snapshot!("vi_sectors_120x32", text);
    keys(&mut a, "?");
    insta::assert_snapshot!("vi_help_80x24", screen(&mut a, 80, 24));
    key(&mut a, KeyCode::Esc);
    keys(&mut a, "L");
    assert_eq!(a.lang(), Lang::En);
    let text = screen(&mut a, 120, 32);
    assert!(text.contains("Processing & manufacturing"), "{text}");
    assert!(text
        .lines()
        .next()
        .is_some_and(|bar| bar.contains("Targets")));
    // The toggle rebuilds an open detail view in the new language.
    let th = place(&a, "Thanh Hóa");
    a.open(Target::Place(th));
    keys(&mut a, "L");
    let text = screen(&mut a, 120, 32);
    assert!(text.contains("Diễn biến theo năm"), "{text}");
}

/// The cells of each visible data row of the table, read back from the screen.
fn screen_rows(text: &str, n: usize) -> Vec<String> {
    // Row 0 is the tab bar, row 1 the border, row 2 the header.
    text.lines().skip(3).take(n).map(str::to_string).collect()
}

#[test]
fn export_writes_the_table_on_screen() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::env::set_var("VNIE_EXPORT_DIR", dir.path());
    let mut a = app();
    keys(&mut a, "2/thanh hoa");
    key(&mut a, KeyCode::Enter);
    a.settle();
    keys(&mut a, "oooo"); // sort by year
    let table = a.table();
    assert!(!table.rows.is_empty());
    keys(&mut a, "e");
    // The update only asks for the file; the event loop writes it, as done here.
    let effects = a.take_effects();
    let [vnie::tui::Effect::Export {
        table: asked,
        tab,
        format,
    }] = &effects[..]
    else {
        panic!("{effects:?}")
    };
    assert_eq!(asked, &table);
    a.export_now(asked, *tab, *format);
    let note = a.note().expect("a status message").to_string();
    assert!(note.contains("vnie-targets-"), "{note}");
    let csv_path = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "csv"))
        .expect("a CSV file");
    assert!(note.contains(&csv_path.display().to_string()), "{note}");
    let written = std::fs::read_to_string(&csv_path).expect("read");
    assert_eq!(written, vnie::export::to_csv(&table));
    // The same rows, in the same order, as the screen shows (wide enough that no cell
    // is cut): every cell of every row is found on its screen line, left to right.
    let text = screen(&mut a, 220, 60);
    let lines = screen_rows(&text, table.rows.len());
    assert_eq!(lines.len(), table.rows.len());
    for (row, line) in table.rows.iter().zip(&lines) {
        let mut at = 0;
        for cell in row {
            let found = line[at..].find(cell.as_str());
            assert!(found.is_some(), "{cell:?} not in {line:?}");
            at += found.unwrap_or(0) + cell.len();
        }
    }
    assert_eq!(table.headers[0], "Province");
    assert!(text.lines().nth(2).is_some_and(|h| h.contains("Province")));
    // Markdown, under another name; nothing is overwritten.
    keys(&mut a, "E");
    for e in a.take_effects() {
        if let vnie::tui::Effect::Export { table, tab, format } = e {
            a.export_now(&table, tab, format);
        }
    }
    let md: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    assert_eq!(md.len(), 1);
    let body = std::fs::read_to_string(&md[0]).expect("read");
    assert!(body.starts_with("| Province |"), "{body}");
    assert_eq!(body.lines().count(), table.rows.len() + 2);
    // The CLI takes the same filter.
    let cli = assert_cmd::Command::cargo_bin("vnie")
        .expect("binary")
        .args(["export", "--format", "csv", "--filter", "thanh hoa"])
        .output()
        .expect("run");
    assert!(cli.status.success());
    let cli = String::from_utf8_lossy(&cli.stdout);
    assert!(cli.lines().count() > 1 && cli.contains("Thanh Hóa"));
}

#[test]
fn one_statement_reported_twice_is_one_bar() {
    let dir = tempfile::tempdir().expect("temp dir");
    let seed = include_str!("../assets/corpus/000_6ea38480b863f6f0.txt");
    for name in ["a.txt", "b.txt"] {
        std::fs::write(dir.path().join(name), seed).expect("write");
    }
    let c = vnie::corpus::load_paths(&[dir.path().to_path_buf()], Default::default());
    assert_eq!(c.documents.len(), 2);
    let mut a = App::with_theme(c, Theme::mono());
    keys(&mut a, "c");
    to_family(&mut a, "industry-share");
    let (_, rows) = a.compare_rows().expect("rows");
    // Sơn La's 40% by 2030, once, from two articles.
    assert_eq!(rows.len(), 1);
    let text = screen(&mut a, 120, 32);
    assert!(text.contains("40% · 2030 · target ×2"), "{text}");
}
