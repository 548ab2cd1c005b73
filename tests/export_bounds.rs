//! Exports grow linearly with their input: a figure record carries a window of its
//! sentence, not the whole of it, and the whole sentence is found by its id.

use vnie::corpus::{Corpus, RawDoc};
use vnie::export::{render, write_export, Format, Kind};

/// One sentence without a full stop, holding `n` figures.
fn one_sentence(n: usize) -> String {
    let items: Vec<String> = (0..n)
        .map(|i| format!("sản lượng nhóm {i} đạt {} nghìn tấn", i % 97 + 1))
        .collect();
    format!("Thanh Hóa phấn đấu đến năm 2030 {}.\n", items.join(", "))
}

fn corpus(text: String) -> Corpus {
    Corpus::build(
        vec![RawDoc {
            source: "one.txt".into(),
            text: text.into(),
            encoding: "utf-8".into(),
            date_hint: None,
        }],
        Vec::new(),
    )
}

fn export_len(c: &Corpus, format: Format, kind: Option<Kind>) -> usize {
    let mut out = Vec::new();
    write_export(c, format, kind, None, &mut out).unwrap();
    out.len()
}

#[test]
fn export_size_is_linear_in_the_input() {
    let small_text = one_sentence(1_000);
    let big_text = one_sentence(10_000);
    let (small_in, big_in) = (small_text.len(), big_text.len());
    let (small, big) = (corpus(small_text), corpus(big_text));
    assert!(big.figures.len() >= 10_000, "{} figures", big.figures.len());
    for (format, kind) in [
        (Format::Json, None),
        (Format::Csv, Some(Kind::Figures)),
        (Format::Md, Some(Kind::Figures)),
        (Format::Json, Some(Kind::Sectors)),
        (Format::Json, Some(Kind::Sentences)),
    ] {
        let (s, b) = (
            export_len(&small, format, kind),
            export_len(&big, format, kind),
        );
        // Ten times the input, about ten times the output (a quadratic export: 100).
        let growth = b as f64 / s as f64 / (big_in as f64 / small_in as f64);
        assert!(growth < 1.2, "{format:?} {kind:?}: {s} → {b} bytes");
        // And a constant number of output bytes per input byte.
        assert!(
            b < 40 * big_in,
            "{format:?} {kind:?}: {b} bytes from {big_in}"
        );
    }
}

#[test]
fn a_clipped_sentence_is_found_whole_by_its_id() {
    let c = corpus(one_sentence(2_000));
    let model: serde_json::Value = serde_json::from_str(&render(&c, Format::Json, None)).unwrap();
    let sentences: serde_json::Value =
        serde_json::from_str(&render(&c, Format::Json, Some(Kind::Sentences))).unwrap();
    let figures = model["figures"].as_array().unwrap();
    let text = &c.documents[0].text;
    let mut clipped = 0;
    for f in figures {
        let shown = f["sentence"].as_str().unwrap();
        assert!(shown.chars().count() <= vnie::excerpt::MAX_CHARS, "{shown}");
        let [a, b] = [0, 1].map(|i| f["span"][i].as_u64().unwrap() as usize);
        assert!(shown.contains(&text[a..b]), "{shown} lacks {}", &text[a..b]);
        let id = f["sentence_id"].as_str().unwrap();
        let whole = sentences
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == id)
            .unwrap_or_else(|| panic!("no sentence {id}"));
        let whole = whole["text"].as_str().unwrap();
        assert!(whole.contains(&text[a..b]));
        if shown != whole {
            clipped += 1;
            assert!(shown.starts_with('…') || shown.ends_with('…'), "{shown}");
            assert!(whole.contains(shown.trim_matches('…')));
        }
    }
    assert!(clipped > 0, "nothing was clipped");
}
