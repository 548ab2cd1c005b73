//! The whole pipeline over every article of `../shared/corpus` (skipped when absent,
//! failing under CI=true): no panic, every figure's span inside its sentence, and its
//! text reads as its value.

mod common;

use common::shared_dir;
use vnie::corpus::{load_paths, Corpus, LoadOptions, RawDoc};
use vnie::extract::numbers::parse_number;

fn check_spans(c: &Corpus) -> usize {
    // A rule that panics is contained to its document in use; here it is a failure.
    let unread: Vec<&str> = c.unread.iter().map(|&d| &*c.documents[d].source).collect();
    assert!(unread.is_empty(), "extraction stopped on {unread:?}");
    for f in &c.figures {
        let doc = &c.documents[f.document as usize];
        let sentence = doc.sentences[f.sentence as usize].span();
        assert!(
            sentence.contains(f.span),
            "{}: span outside its sentence",
            doc.source
        );
        let text = doc.slice(f.span);
        let first = text
            .split(|ch: char| !(ch.is_ascii_digit() || ch == '.' || ch == ','))
            .find(|t| !t.is_empty())
            .unwrap_or("");
        let first = first.trim_end_matches(['.', ',']);
        let parsed =
            parse_number(first).unwrap_or_else(|| panic!("{}: {text:?} has no number", doc.source));
        let ratio = f.value.abs() / parsed.max(f64::MIN_POSITIVE);
        let scaled = [1.0, 1e3, 1e6, 1e9]
            .iter()
            .any(|s| (ratio - s).abs() < 1e-6 * s)
            || parsed == 0.0;
        assert!(scaled, "{}: {text:?} read as {} ", doc.source, f.value);
    }
    c.figures.len()
}

#[test]
fn every_shared_article_goes_through_the_pipeline() {
    let (Some(real), Some(odd)) = (shared_dir("corpus/real"), shared_dir("corpus/odd")) else {
        return;
    };
    let c = load_paths(&[real, odd], LoadOptions::default());
    assert!(c.documents.len() >= 40, "{} documents", c.documents.len());
    assert!(check_spans(&c) > 100);
}

#[test]
fn bulk_news_articles_go_through_the_pipeline() {
    let Some(path) = shared_dir("corpus/bulk/vntc_slice_40MiB.jsonl.zst") else {
        return;
    };
    let file = std::fs::File::open(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    use std::io::BufRead;
    let reader = std::io::BufReader::new(zstd::Decoder::new(file).expect("zstd"));
    // All of them: one article in 13,530 was enough to find a slice past its clause.
    let raws: Vec<RawDoc> = reader
        .lines()
        .map_while(Result::ok)
        .filter_map(|line| {
            let v: serde_json::Value = serde_json::from_str(&line).ok()?;
            Some(RawDoc {
                source: v["id"].as_str()?.to_string(),
                text: vnie::corpus::decode::normalize(v["text"].as_str()?).into(),
                encoding: "utf-8".into(),
                date_hint: None,
            })
        })
        .collect();
    assert!(raws.len() > 13_000);
    let c = Corpus::build(raws, Vec::new());
    check_spans(&c);
}

#[test]
fn a_document_whose_extraction_stops_keeps_its_text_and_the_folder_loads() {
    use vnie::corpus::{Pending, Progress};
    use vnie::model::{FileFate, FileReport};
    let text = "Tỉnh Sơn La\n\nSơn La phấn đấu đạt tỷ trọng công nghiệp 40% vào năm 2030.";
    let raw = |name: &str| RawDoc {
        source: name.into(),
        text: text.into(),
        encoding: "utf-8".into(),
        date_hint: None,
    };
    let items = vec![
        (raw("a.txt"), Pending::Extract),
        (raw("b.txt"), Pending::Extract),
    ];
    let files = ["a.txt", "b.txt"]
        .iter()
        .enumerate()
        .map(|(document, p)| {
            let fate = FileFate::Loaded {
                document,
                encoding: "utf-8".into(),
            };
            FileReport::new(std::path::Path::new(p), fate)
        })
        .collect();
    // What runs after extraction fails on the second document, as a rule would.
    let stop = |i: usize, _: &RawDoc, _: &vnie::extract::Extraction| {
        assert!(i != 1, "a rule's slice past its clause");
    };
    let c = Corpus::build_items(items, files, &Progress::new(), &stop);
    assert_eq!(c.documents.len(), 2);
    assert!(c.figures.iter().all(|f| f.document == 0));
    assert!(!c.figures.is_empty());
    assert_eq!(&*c.documents[1].text, text);
    let unread: Vec<bool> = c.files.iter().map(|f| f.unread).collect();
    assert_eq!(unread, [false, true]);
    assert_eq!(c.unread, [1]);
}
