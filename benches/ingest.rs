//! Ingest throughput (SPEC §9: ≥ 50 MB/s on two cores, linear in corpus size): file bytes
//! → `decode_bytes` → `Corpus::build`, on 1k and 10k generated articles (~6.4 KB each), on
//! a rayon pool of 1 thread and of 2 threads. The corpus is generated in memory, so no
//! file I/O is measured; `vnie check DIR` measures the whole process (see PERFORMANCE.md).
//!
//! `cargo bench --bench ingest` (about 4 minutes on 2 cores; `-- 1k` for the small corpus only).

#[allow(dead_code)]
#[path = "support/gen.rs"]
mod gen;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use rayon::prelude::*;
use std::time::Duration;
use vnie::corpus::decode::decode_bytes;
use vnie::corpus::{Corpus, RawDoc};
use vnie::model::{FileFate, FileReport};

type Files = Vec<(String, Vec<u8>)>;

/// What `load_paths` does after reading the files: decode in parallel, then extract and
/// index (`Corpus::build`, itself parallel), with a report per file.
fn decode_all(files: &Files) -> Vec<RawDoc> {
    files
        .par_iter()
        .filter_map(|(name, bytes)| {
            let d = decode_bytes(bytes).ok()?;
            Some(RawDoc {
                source: name.clone(),
                text: d.text.into(),
                encoding: d.encoding.to_string(),
                date_hint: None,
            })
        })
        .collect()
}

fn ingest(files: &Files) -> Corpus {
    let raws = decode_all(files);
    let reports = raws
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let fate = FileFate::Loaded {
                document: i,
                encoding: r.encoding.clone(),
            };
            FileReport::new(std::path::Path::new(&r.source), fate)
        })
        .collect();
    Corpus::build(raws, reports)
}

fn pool(threads: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("rayon pool")
}

fn bytes_of(files: &Files) -> u64 {
    files.iter().map(|(_, b)| b.len() as u64).sum()
}

fn bench_ingest(c: &mut Criterion) {
    let g = gen::Generator::new(1);
    let pools = [(1, pool(1)), (2, pool(2))];
    for (label, n) in [("1k", 1_000usize), ("10k", 10_000)] {
        let files = g.corpus(n);
        let total = bytes_of(&files);
        let mut group = c.benchmark_group(format!("ingest/{label}"));
        group.throughput(Throughput::Bytes(total));
        group.sample_size(10);
        group.warm_up_time(Duration::from_secs(1));
        group.measurement_time(Duration::from_secs(if n > 1_000 { 20 } else { 8 }));
        for (threads, p) in &pools {
            group.bench_function(BenchmarkId::new("threads", threads), |b| {
                b.iter_with_large_drop(|| p.install(|| ingest(&files)))
            });
        }
        group.finish();
    }
}

/// Where ingest time goes, on 1k articles and one thread: decoding, extraction alone (the
/// parallel map inside `Corpus::build`), and the whole build (extraction + indexing).
fn bench_parts(c: &mut Criterion) {
    let g = gen::Generator::new(1);
    let files = g.corpus(1_000);
    let total = bytes_of(&files);
    let p = pool(1);
    let raws = decode_all(&files);
    let mut group = c.benchmark_group("ingest_parts/1k/1thread");
    group.throughput(Throughput::Bytes(total));
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(5));
    group.bench_function("decode", |b| {
        b.iter_with_large_drop(|| p.install(|| decode_all(&files)))
    });
    group.bench_function("extract", |b| {
        b.iter_with_large_drop(|| {
            p.install(|| {
                raws.par_iter()
                    .map(|r| vnie::extract::extract(&r.text))
                    .collect::<Vec<_>>()
            })
        })
    });
    group.bench_function("build", |b| {
        b.iter_batched(
            || raws.clone(),
            |r| p.install(|| Corpus::build(r, Vec::new())),
            criterion::BatchSize::LargeInput,
        )
    });
    group.finish();
}

criterion_group!(benches, bench_parts, bench_ingest);
criterion_main!(benches);
