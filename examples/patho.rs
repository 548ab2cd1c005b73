//! Times extraction on pathological inputs: `cargo run --release --example patho [SCALE]`.
fn main() {
    let scale: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    let cases: Vec<(&str, String)> = vec![
        (
            "long line",
            "Tỉnh Thanh Hóa đạt tỷ trọng 40% ".repeat(3300 * scale),
        ),
        ("digits", "9".repeat(10_000 * scale)),
        ("dots", "1.000.".repeat(1000 * scale)),
        (
            "decrees",
            "Nghị định số 111/2015/NĐ-CP ".repeat(200 * scale),
        ),
        ("marks", "\u{0301}\u{0323}\u{0309}".repeat(500 * scale)),
        ("a.", "a.".repeat(2000 * scale)),
        ("parens", "(".repeat(1000 * scale)),
        ("tu len", "từ 5% lên ".repeat(200 * scale)),
        ("newlines", "\n\n".repeat(1000 * scale)),
    ];
    for (name, text) in cases {
        let t = std::time::Instant::now();
        let ex = vnie::extract::extract(&text);
        println!("{name}: {:?} figures={}", t.elapsed(), ex.figures.len());
    }
}
