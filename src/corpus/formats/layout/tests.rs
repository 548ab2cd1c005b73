//! The layout rules, each on a page set by hand.

use super::*;

/// A line of text set at `x`, baseline `y`, 10 pt, 5 pt per character; words one
/// space apart; `|` starts a cell 60 pt further right.
fn set(x: f64, y: f64, text: &str) -> Vec<Glyph> {
    let mut out = Vec::new();
    let mut at = x;
    for c in text.chars() {
        if c == '|' {
            at += 60.0;
            continue;
        }
        out.push(Glyph {
            x: at,
            y,
            end: at + 5.0,
            size: 10.0,
            text: c.to_string(),
            block: 0,
        });
        at += 5.0;
    }
    out
}

fn page(lines: &[(f64, f64, &str)]) -> Vec<Glyph> {
    lines.iter().flat_map(|&(x, y, t)| set(x, y, t)).collect()
}

/// A justified body: every line but a paragraph's last reaches x = 400.
fn full(words: &str) -> String {
    let mut s = words.to_string();
    while s.chars().count() < 70 {
        s.push_str(" x");
    }
    s.chars()
        .take(70)
        .collect::<String>()
        .trim_end()
        .to_string()
}

#[test]
fn wrapped_lines_are_joined_and_paragraphs_kept_apart() {
    let a = full("Sở Nội vụ nhận được Văn bản số 01/BC ngày 28/6/2025 của");
    // An indented first line, full to the margin, broken after a hyphen.
    let mut c = "Căn cứ Nghị định".to_string();
    while c.chars().count() < 55 {
        c.push_str(" x");
    }
    c.push_str(" 126/2024/NĐ-");
    let p = page(&[
        (50.0, 100.0, &a),
        (50.0, 112.0, "Hiệp hội Doanh nghiệp tỉnh."),
        (65.0, 124.0, &c),
        (50.0, 136.0, "CP quy định về hội."),
    ]);
    let (text, chars) = page_text(&[p.into()]);
    assert!(chars[0] > 100);
    let paras: Vec<&str> = text.split("\n\n").collect();
    assert_eq!(paras.len(), 2, "{text}");
    assert_eq!(paras[0], format!("{a} Hiệp hội Doanh nghiệp tỉnh."));
    assert_eq!(paras[1], format!("{c}CP quy định về hội."));
}

#[test]
fn table_rows_stay_on_their_line_with_the_row_label() {
    let p = page(&[
        (50.0, 100.0, "Chỉ tiêu|Đơn vị|Giá trị"),
        (50.0, 112.0, "Tỷ trọng công nghiệp|%|40%"),
    ]);
    let (text, _) = page_text(&[p.into()]);
    assert_eq!(
        text,
        "Chỉ tiêu | Đơn vị | Giá trị\n\nTỷ trọng công nghiệp | % | 40%"
    );
}

#[test]
fn the_content_order_does_not_matter() {
    // The second line drawn first, a letter head's right half before its left.
    let p = page(&[
        (50.0, 112.0, "hai"),
        (200.0, 100.0, "phải"),
        (50.0, 100.0, "Một"),
    ]);
    assert_eq!(page_text(&[p.into()]).0, "Một | phải\n\nhai");
}

const WORDS: [&str; 3] = ["một", "hai", "ba"];

#[test]
fn a_table_drawn_on_a_page_reads_like_a_word_table() {
    let p = page(&[
        (50.0, 100.0, "Chỉ tiêu|Năm 2025|Năm 2030"),
        (50.0, 112.0, "Tỷ trọng công nghiệp|38%|42%"),
        (50.0, 124.0, "Hết bảng."),
    ]);
    assert_eq!(
        page_text(&[p.into()]).0,
        "Chỉ tiêu | Năm 2025 | Năm 2030\n\nTỷ trọng công nghiệp | Năm 2025 38% | Năm 2030 42%\n\nHết bảng."
    );
}

#[test]
fn page_numbers_and_running_heads_are_furniture() {
    let pages: Vec<Vec<Glyph>> = (1..=3)
        .map(|n| {
            page(&[
                (200.0, 40.0, &n.to_string()),
                (50.0, 60.0, "CÔNG BÁO/Số 12"),
                (50.0, 100.0, &full(&format!("Đoạn văn số {n}"))),
                (50.0, 112.0, "kết thúc."),
                (50.0, 124.0, &format!("Hết ý {}.", WORDS[n - 1])),
                (50.0, 160.0, "Cơ quan ban hành"),
            ])
        })
        .collect();
    let (text, _) = page_text(&pages.into_iter().map(Page::from).collect::<Vec<_>>());
    let want: Vec<String> = (1..=3)
        .map(|n| {
            let body = full(&format!("Đoạn văn số {n}"));
            format!("{} kết thúc.\n\nHết ý {}.", body.trim_end(), WORDS[n - 1])
        })
        .collect();
    assert_eq!(text, want.join("\n\n"));
}

#[test]
fn a_paragraph_runs_on_over_a_page_break() {
    let a = full("Chủ tịch Ủy ban nhân dân tỉnh xem xét cho phép");
    let pages = vec![
        page(&[(50.0, 100.0, &a)]),
        page(&[(50.0, 100.0, "gia hạn.")]),
    ];
    let (text, _) = page_text(&pages.into_iter().map(Page::from).collect::<Vec<_>>());
    assert_eq!(text, format!("{a} gia hạn."));
}

#[test]
fn a_heading_in_capitals_and_a_centred_block_stand_apart() {
    let body = full("Căn cứ Luật Tổ chức chính quyền địa phương");
    let p = page(&[
        (205.0, 100.0, "TỜ TRÌNH"),
        (152.5, 112.0, "Về việc phê duyệt Điều lệ hội"),
        (50.0, 124.0, &body),
        (50.0, 136.0, "ngày 19 tháng 6 năm 2015;"),
    ]);
    assert_eq!(
        page_text(&[p.into()]).0,
        format!("TỜ TRÌNH\n\nVề việc phê duyệt Điều lệ hội\n\n{body} ngày 19 tháng 6 năm 2015;")
    );
}

#[test]
fn list_items_start_paragraphs() {
    let p = page(&[
        (50.0, 100.0, "gồm các nội dung sau:"),
        (50.0, 112.0, "a) Văn bản thông báo;"),
        (50.0, 124.0, "b) Quyết định phê duyệt."),
    ]);
    assert_eq!(
        page_text(&[p.into()]).0,
        "gồm các nội dung sau:\n\na) Văn bản thông báo;\n\nb) Quyết định phê duyệt."
    );
}

#[test]
fn empty_pages_are_counted_and_garbage_positions_ignored() {
    let mut p = set(50.0, 100.0, "Có chữ");
    p.push(Glyph {
        x: f64::NAN,
        y: 1.0,
        end: 2.0,
        size: 10.0,
        text: "x".into(),
        block: 0,
    });
    let (text, chars) = page_text(&[p.into(), Page::default(), set(50.0, 10.0, "   ").into()]);
    assert_eq!(text, "Có chữ");
    assert_eq!(chars, [6, 0, 0]);
}

#[test]
fn spaces_typed_across_a_column_gap_still_part_two_cells() {
    let mut p = set(50.0, 100.0, "UBND TỈNH");
    p.extend((0..30).map(|i| Glyph {
        x: 95.0 + 4.0 * f64::from(i),
        y: 100.0,
        end: 99.0 + 4.0 * f64::from(i),
        size: 10.0,
        text: " ".into(),
        block: 0,
    }));
    p.extend(set(260.0, 100.0, "CỘNG HÒA"));
    assert_eq!(page_text(&[p.into()]).0, "UBND TỈNH | CỘNG HÒA");
}

#[test]
fn a_table_border_between_close_cells_parts_them() {
    // "vị" ends at 80, "Năm" starts at 85: no gap a reader would see as a column,
    // but a border is drawn at 82 over the line's height.
    let mut glyphs = set(50.0, 100.0, "Đơn vị");
    glyphs.extend(set(85.0, 100.0, "Năm 2025"));
    let border = |at| Rule {
        at,
        from: 88.0,
        to: 104.0,
    };
    let page = Page {
        glyphs,
        rules: vec![border(82.0), border(20.0)],
        hrules: Vec::new(),
    };
    assert_eq!(page_text(&[page]).0, "Đơn vị | Năm 2025");
}

#[test]
fn a_ruled_row_gathers_its_wrapped_and_centred_cells() {
    // The label wraps over two lines; the values are centred between them.
    let mut glyphs = set(50.0, 100.0, "Tốc độ tăng trưởng");
    glyphs.extend(set(150.0, 106.0, "%/năm"));
    glyphs.extend(set(200.0, 106.0, "13%/năm"));
    glyphs.extend(set(50.0, 112.0, "công nghiệp"));
    glyphs.extend(set(50.0, 140.0, "Hết bảng."));
    let v = |at| Rule {
        at,
        from: 85.0,
        to: 118.0,
    };
    let h = |at| Rule {
        at,
        from: 45.0,
        to: 260.0,
    };
    let page = Page {
        glyphs,
        rules: vec![v(45.0), v(145.0), v(195.0), v(260.0)],
        hrules: vec![h(85.0), h(118.0)],
    };
    assert_eq!(
        page_text(&[page]).0,
        "Tốc độ tăng trưởng công nghiệp | %/năm | 13%/năm\n\nHết bảng."
    );
}

#[test]
fn fake_bold_is_read_once() {
    let mut p = set(50.0, 100.0, "Đậm");
    p.extend(set(50.3, 100.0, "Đậm"));
    assert_eq!(page_text(&[p.into()]).0, "Đậm");
}

#[test]
fn runs_keep_their_order_when_the_widths_are_wrong() {
    // Every advance one em wide: the left half's glyphs run past where the right
    // half starts.
    let wide = |x: f64, text: &str| -> Vec<Glyph> {
        text.chars()
            .enumerate()
            .map(|(i, c)| Glyph {
                x: x + 10.0 * i as f64,
                y: 100.0,
                end: x + 10.0 * (i + 1) as f64,
                size: 10.0,
                text: c.to_string(),
                block: 0,
            })
            .collect()
    };
    let mut p = wide(50.0, "UBND TỈNH");
    p.extend(wide(110.0, "CỘNG HÒA"));
    assert_eq!(page_text(&[p.into()]).0, "UBND TỈNH CỘNG HÒA");
}
