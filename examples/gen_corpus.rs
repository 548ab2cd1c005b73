//! Writes a deterministic corpus of generated Vietnamese industry articles:
//!
//! ```text
//! cargo run --release --example gen_corpus -- --articles 10000 --out /tmp/gen10k [--seed 1]
//! ```
//!
//! Article `i` depends only on the seed and `i` (files `000000.txt`, `000001.txt`, …), so a
//! smaller corpus is a prefix of a larger one with the same seed. The generator itself lives
//! in `benches/support/gen.rs`, shared with the benchmarks.

#[allow(dead_code)]
#[path = "../benches/support/gen.rs"]
mod gen;

use rayon::prelude::*;
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: gen_corpus --articles N --out DIR [--seed S]";

fn main() -> ExitCode {
    let mut articles: Option<usize> = None;
    let mut out: Option<PathBuf> = None;
    let mut seed: u64 = 1;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let value = |args: &mut dyn Iterator<Item = String>| args.next();
        match a.as_str() {
            "--articles" | "-n" => articles = value(&mut args).and_then(|v| v.parse().ok()),
            "--out" | "-o" => out = value(&mut args).map(PathBuf::from),
            "--seed" => match value(&mut args).and_then(|v| v.parse().ok()) {
                Some(s) => seed = s,
                None => {
                    eprintln!("gen_corpus: --seed needs a number\n{USAGE}");
                    return ExitCode::from(2);
                }
            },
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            other => {
                eprintln!("gen_corpus: unexpected argument {other:?}\n{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    let (Some(n), Some(dir)) = (articles, out) else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("gen_corpus: cannot create {}: {e}", dir.display());
        return ExitCode::FAILURE;
    }
    let g = gen::Generator::new(seed);
    let started = std::time::Instant::now();
    let written: Result<Vec<usize>, String> = (0..n)
        .into_par_iter()
        .map(|i| {
            let bytes = g.article_bytes(i);
            let path = dir.join(gen::Generator::file_name(i));
            std::fs::write(&path, &bytes)
                .map(|_| bytes.len())
                .map_err(|e| format!("{}: {e}", path.display()))
        })
        .collect();
    match written {
        Ok(sizes) => {
            let total: usize = sizes.iter().sum();
            let (min, max) = (
                sizes.iter().min().copied().unwrap_or(0),
                sizes.iter().max().copied().unwrap_or(0),
            );
            eprintln!(
                "gen_corpus: {n} articles, {:.1} MB (min {min} B, max {max} B, mean {} B) in {} in {:.2?}",
                total as f64 / 1e6,
                total / n.max(1),
                dir.display(),
                started.elapsed()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen_corpus: {e}");
            ExitCode::FAILURE
        }
    }
}
