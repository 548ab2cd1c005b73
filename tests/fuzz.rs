//! Every input that once broke the pipeline (`tests/fuzz-regressions/`), run through it
//! again with every invariant the fuzz runner checks; and a short fixed-seed pass of
//! the runner's own inputs lives in `.ci/run` (`cargo run --example fuzz`).

#[path = "support/pipeline.rs"]
mod pipeline;

#[test]
fn every_input_that_once_failed_passes() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/fuzz-regressions")
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    assert!(!paths.is_empty());
    for path in paths {
        let bytes = std::fs::read(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        // Alone, and as one file among the articles of the embedded corpus.
        if let Err(broken) = pipeline::check(&[&bytes], true) {
            panic!("{name}: {broken}");
        }
        let seeds: Vec<String> = vnie::corpus::Corpus::embedded()
            .documents
            .into_iter()
            .map(|d| d.text.to_string())
            .collect();
        let mut inputs: Vec<&[u8]> = seeds.iter().map(|s| s.as_bytes()).collect();
        inputs.push(&bytes);
        if let Err(broken) = pipeline::check(&inputs, true) {
            panic!("{name} among the seeds: {broken}");
        }
    }
}
