//! No panic on any input: decode → segment → extract over arbitrary bytes and
//! text, and over the shapes that break naive parsers.

use proptest::prelude::*;
use vnie::corpus::decode::{decode_bytes, normalize};
use vnie::extract::extract;

fn run(text: &str) {
    let ex = extract(text);
    for f in &ex.figures {
        assert!(ex.sentences[f.sentence as usize].span().contains(f.span));
        assert!(text.get(f.span.range()).is_some());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        if let Ok(d) = decode_bytes(&bytes) {
            run(&d.text);
        }
    }

    #[test]
    fn arbitrary_text_never_panics(s in "\\PC{0,400}") {
        run(&normalize(&s));
    }

    #[test]
    fn vietnamese_like_text_never_panics(
        s in "([0-9]{1,6}([.,][0-9]{1,3})?|Thanh Hoá|Hòa Bình|tỷ trọng|đạt|khoảng|%|/năm|-|–|đến năm 20[0-9]{2}|Nghị định số [0-9]+/20[0-9]{2}/NĐ-CP|tấn|tỷ đồng|lần lượt|;|\\.|\\(|\\)| |\n|\u{0301}|\u{0323}){0,80}"
    ) {
        run(&normalize(&s));
    }
}

#[test]
fn pathological_inputs() {
    // ~10 MB on one line: an article's text with its line breaks removed, many times over.
    let seed = include_str!("../assets/corpus/003_00da2c5f05ae2b87.txt").replace('\n', " ");
    let long_line = seed.repeat(10_000_000 / seed.len() + 1);
    run(&long_line);
    // One endless sentence dense with figures.
    run(&"Tỉnh Thanh Hóa đạt tỷ trọng 40% ".repeat(5_000));
    run(&"9".repeat(1_000_000));
    run(&"1.000.".repeat(100_000));
    run(&"Nghị định số 111/2015/NĐ-CP ".repeat(20_000));
    run(&"\u{0301}\u{0323}\u{0309}".repeat(50_000));
    run(&"a.".repeat(200_000));
    run(&"(".repeat(100_000));
    run(&"từ 5% lên ".repeat(20_000));
    run(&"\n\n".repeat(100_000));
}
