//! Coverage-guided fuzzing of the whole pipeline: `cargo +nightly fuzz run pipeline
//! -- -dict=fuzz/vnie.dict`, seeded with `fuzz/corpus/pipeline` (articles to start from).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/support/pipeline.rs"]
mod pipeline;

fuzz_target!(|data: &[u8]| {
    // One frame in sixteen: drawing the explorer is the slowest step.
    let frame = data.first().is_some_and(|b| b % 16 == 0);
    if let Err(broken) = pipeline::check(&[data], frame) {
        panic!("{broken}");
    }
});
