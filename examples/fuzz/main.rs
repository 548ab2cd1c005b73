//! The fuzz runner on stable Rust: inputs made from the articles and from token soup
//! (`gen.rs`), each run through the whole pipeline (`tests/support/pipeline.rs`).
//!
//!     cargo run --release --example fuzz -- --cases 1000000 [--seed S] [--corpus DIR]...
//!
//! A failing input (a panic or a broken invariant) is written to `--save` (default
//! `fuzz/crashes/`) and named with its seed and case, so `--seed S --only N` runs it
//! again; add it under `tests/fuzz-regressions/` once fixed. Exits 1 if any failed.

use clap::Parser;
use rayon::prelude::*;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;

mod gen;
#[path = "../../tests/support/pipeline.rs"]
mod pipeline;

#[derive(Parser)]
struct Args {
    /// How many inputs to run.
    #[arg(long, default_value_t = 10_000)]
    cases: u64,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Run only this case of the seed.
    #[arg(long)]
    only: Option<u64>,
    /// Folders of articles to mutate (besides the embedded ones); `../shared/corpus/real`
    /// and `odd` when none is given and they exist.
    #[arg(long)]
    corpus: Vec<PathBuf>,
    /// Run this many cases together, as the files of one folder: one corpus, one set
    /// of exports, one explorer frame. A failing batch is run again case by case.
    #[arg(long, default_value_t = 1)]
    batch: usize,
    /// Where failing inputs are written.
    #[arg(long, default_value = "fuzz/crashes")]
    save: PathBuf,
}

fn seeds(dirs: &[PathBuf]) -> Vec<Vec<u8>> {
    let mut out: Vec<Vec<u8>> = vnie::corpus::Corpus::embedded()
        .documents
        .iter()
        .map(|d| d.text.as_bytes().to_vec())
        .collect();
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let dirs: Vec<PathBuf> = if dirs.is_empty() {
        ["real", "odd"]
            .iter()
            .map(|d| shared.join(d))
            .filter(|d| d.is_dir())
            .collect()
    } else {
        dirs.to_vec()
    };
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            eprintln!("fuzz: cannot read {}", dir.display());
            continue;
        };
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| Some(e.ok()?.path())).collect();
        paths.sort();
        out.extend(paths.iter().filter_map(|p| std::fs::read(p).ok()));
    }
    out
}

/// Small PDF and Word files (the committed fixtures and the shared samples) and an
/// index pack.
fn documents() -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in [
        root.join("tests/fixtures"),
        root.join("../shared/corpus/formats"),
    ] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| Some(e.ok()?.path())).collect();
        paths.sort();
        for p in paths {
            let document = p
                .extension()
                .is_some_and(|e| ["pdf", "docx", "doc"].iter().any(|d| e == *d));
            let small = std::fs::metadata(&p).is_ok_and(|m| m.len() < 100_000);
            if document && small {
                out.extend(std::fs::read(&p).ok());
            }
        }
    }
    out.push(pack());
    out
}

/// An index pack of the seed articles, as vnie writes one, for the damage to start from.
fn pack() -> Vec<u8> {
    let mut payloads = Vec::new();
    for d in vnie::corpus::Corpus::embedded().documents.iter().take(2) {
        let raw = vnie::corpus::RawDoc {
            source: d.source.clone(),
            text: d.text.clone(),
            encoding: "utf-8".into(),
            date_hint: None,
        };
        let ex = vnie::extract::extract(&d.text);
        let stamp = vnie::index::pack::Stamp {
            path: d.source.clone().into_bytes(),
            size: d.text.len() as u64,
            mtime_ns: 1,
            content: 2,
        };
        payloads.push((
            stamp,
            d.text.to_string(),
            vnie::index::encode_rest(&raw, &ex),
        ));
    }
    let payloads: Vec<(vnie::index::pack::Stamp, &[u8], &[u8])> = payloads
        .iter()
        .map(|(s, t, r)| (s.clone(), t.as_bytes(), r.as_slice()))
        .collect();
    vnie::index::pack::to_bytes(7, 0, &payloads)
}

fn main() {
    let args = Args::parse();
    let seeds = seeds(&args.corpus);
    let documents = documents();
    // Panics are caught and reported per input; the default hook would print each.
    std::panic::set_hook(Box::new(|_| {}));
    let range: Vec<u64> = match args.only {
        Some(n) => vec![n],
        None => (0..args.cases).collect(),
    };
    let total = range.len();
    let done = AtomicUsize::new(0);
    let figures = AtomicU64::new(0);
    let bytes_in = AtomicU64::new(0);
    let failures = Mutex::new(Vec::new());
    let started = Instant::now();
    let last_report = Mutex::new(Instant::now());
    range.par_chunks(args.batch.max(1)).for_each(|cases| {
        let inputs: Vec<Vec<u8>> = cases
            .iter()
            .map(|&case| gen::input(&seeds, &documents, args.seed, case))
            .collect();
        let run = |inputs: &[&[u8]]| match catch_unwind(AssertUnwindSafe(|| {
            pipeline::check(inputs, true)
        })) {
            Ok(Ok(seen)) => Ok(seen),
            Ok(Err(broken)) => Err(broken),
            Err(panic) => Err(format!(
                "panic: {}",
                panic
                    .downcast_ref::<String>()
                    .map(String::as_str)
                    .or_else(|| panic.downcast_ref::<&str>().copied())
                    .unwrap_or("(no message)")
            )),
        };
        let all: Vec<&[u8]> = inputs.iter().map(Vec::as_slice).collect();
        let outcome = run(&all);
        bytes_in.fetch_add(all.iter().map(|i| i.len() as u64).sum(), Ordering::Relaxed);
        match outcome {
            Ok(seen) => {
                figures.fetch_add(seen.figures as u64, Ordering::Relaxed);
            }
            Err(why) => {
                // Which case alone fails; if none does alone, the batch is the input.
                let alone: Vec<(u64, String)> = cases
                    .iter()
                    .zip(&inputs)
                    .filter_map(|(&case, input)| Some((case, run(&[input]).err()?)))
                    .collect();
                let _ = std::fs::create_dir_all(&args.save);
                let mut failed = failures.lock().unwrap();
                if alone.is_empty() {
                    for (&case, input) in cases.iter().zip(&inputs) {
                        let path = args
                            .save
                            .join(format!("seed{}-batch-case{case}.bin", args.seed));
                        let _ = std::fs::write(&path, input);
                    }
                    eprintln!("fuzz: cases {cases:?} failed together: {why}");
                    failed.push(cases[0]);
                }
                for (case, why) in alone {
                    let path = args.save.join(format!("seed{}-case{case}.bin", args.seed));
                    let _ = std::fs::write(
                        &path,
                        &inputs[cases.iter().position(|&c| c == case).unwrap_or(0)],
                    );
                    eprintln!(
                        "fuzz: case {case} failed: {why} (input: {})",
                        path.display()
                    );
                    failed.push(case);
                }
            }
        }
        let n = done.fetch_add(cases.len(), Ordering::Relaxed) + cases.len();
        if let Ok(mut last) = last_report.try_lock() {
            if last.elapsed().as_secs() >= 30 {
                *last = Instant::now();
                let secs = started.elapsed().as_secs_f64();
                eprintln!(
                    "fuzz: {n}/{total} cases, {:.0}/s, {} failed",
                    n as f64 / secs,
                    failures.lock().unwrap().len()
                );
            }
        }
    });
    let failed = failures.into_inner().unwrap();
    let secs = started.elapsed().as_secs_f64();
    println!(
        "fuzz: seed {}: {total} cases in {secs:.1} s ({:.0}/s), {:.1} MB in, {} figures; {} failed",
        args.seed,
        total as f64 / secs,
        bytes_in.load(Ordering::Relaxed) as f64 / 1e6,
        figures.load(Ordering::Relaxed),
        failed.len()
    );
    if !failed.is_empty() {
        std::process::exit(1);
    }
}
