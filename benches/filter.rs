//! Filter latency per keystroke (SPEC §9: first screen ≤ 16 ms p50 at 100k entities and
//! ≤ 50 ms at 1M; the complete ranking may follow from a worker) for "thanh hoa" typed key
//! by key, over 10k, 100k and 1M generated figure labels
//! ("Thanh Hóa · tỷ trọng công nghiệp trong GRDP · 40% · 2030 · target").
//!
//! Per size and keystroke:
//! - `quick50`: `Ranker::quick(q, hay, 50)`, the first screen of a list tab;
//! - `quick_all`: `Ranker::quick(q, hay, usize::MAX)`, every substring-tier hit;
//! - `scoped256`: `Ranker::quick_in(q, hay, 256, scope)`, the first screen of every tab
//!   now: the best 256 matches, ties in the tab's order (here: labels sorted by their
//!   text, i.e. by province as on the Targets tab), within the rows a status keeps (two
//!   thirds of them, as the Targets tab's status cycle or a qualifier would);
//! - `quick50_busy`: `quick50` right after `FilterWorker::submit(q)`, as the TUI does (the
//!   worker now waits 50 ms after a submit and ranks on one thread, so this measures what
//!   is left of the contention);
//! - `rank`: `Ranker::rank`, the complete ranking (substring tier, then skim fuzzy);
//! - `rank_narrowed`: `Ranker::rank_subset` over the previous keystroke's hits.
//!
//! Plus `fold/N`: `Haystack::build_all` (labels folded once at load).
//!
//! `cargo bench --bench filter` (about 6 minutes; `-- /100k/` for one size).

#[allow(dead_code)]
#[path = "support/gen.rs"]
mod gen;

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::time::{Duration, Instant};
use vnie::search::{extends, FilterWorker, Haystack, Ranker, Scope};

const TYPED: [&str; 9] = [
    "t",
    "th",
    "tha",
    "than",
    "thanh",
    "thanh ",
    "thanh h",
    "thanh ho",
    "thanh hoa",
];

const SIZES: [(&str, usize); 3] = [("10k", 10_000), ("100k", 100_000), ("1M", 1_000_000)];

/// Benchmark ids cannot hold a trailing space visibly; "thanh_" is "thanh ".
fn id(q: &str) -> String {
    q.replace(' ', "_")
}

fn bench_filter(c: &mut Criterion) {
    let g = gen::Generator::new(3);
    let never = AtomicBool::new(false);
    let ranker = Ranker::new();
    for (label, n) in SIZES {
        let labels = g.labels(n);
        let big = n >= 1_000_000;

        let mut group = c.benchmark_group(format!("filter/fold/{label}"));
        group.throughput(Throughput::Elements(n as u64));
        group.sample_size(10);
        group.warm_up_time(Duration::from_millis(300));
        group.measurement_time(Duration::from_secs(if big { 6 } else { 2 }));
        group.bench_function("build_all", |b| {
            b.iter_with_large_drop(|| Haystack::build_all(&labels))
        });
        group.finish();

        let hay = Arc::new(Haystack::build_all(&labels));
        drop(labels);
        let mut group = c.benchmark_group(format!("filter/{label}"));
        group.sample_size(if big { 10 } else { 20 });
        group.warm_up_time(Duration::from_millis(300));
        group.measurement_time(Duration::from_secs(if big { 3 } else { 1 }));
        for q in TYPED {
            group.bench_with_input(BenchmarkId::new("quick50", id(q)), q, |b, q| {
                b.iter(|| ranker.quick(q, &hay, 50))
            });
        }
        for q in TYPED {
            group.bench_with_input(BenchmarkId::new("quick_all", id(q)), q, |b, q| {
                b.iter_with_large_drop(|| ranker.quick(q, &hay, usize::MAX))
            });
        }
        // A display order like the Targets tab's (by province: the labels start with it).
        let mut order: Vec<u32> = (0..n as u32).collect();
        order.sort_by(|&a, &b| {
            let (x, y) = (&hay[a as usize].folded, &hay[b as usize].folded);
            x.cmp(y).then(a.cmp(&b))
        });
        let mut rank = vec![0u32; n];
        for (p, &i) in order.iter().enumerate() {
            rank[i as usize] = p as u32;
        }
        let keep: Vec<bool> = (0..n).map(|i| i % 3 != 0).collect();
        let scope = Scope::new(Some(keep.into()), Some(rank.into()));
        for q in TYPED {
            group.bench_with_input(BenchmarkId::new("scoped256", id(q)), q, |b, q| {
                b.iter_with_large_drop(|| ranker.quick_in(q, &hay, 256, &scope))
            });
        }
        if n >= 100_000 {
            let worker = FilterWorker::new(Arc::clone(&hay));
            for q in TYPED {
                group.bench_with_input(BenchmarkId::new("quick50_busy", id(q)), q, |b, q| {
                    b.iter_custom(|iters| {
                        let mut total = Duration::ZERO;
                        for _ in 0..iters {
                            worker.submit(q);
                            let t = Instant::now();
                            black_box(ranker.quick(q, &hay, 50));
                            total += t.elapsed();
                        }
                        total
                    })
                });
            }
            drop(worker);
        }
        for q in TYPED {
            group.bench_with_input(BenchmarkId::new("rank", id(q)), q, |b, q| {
                b.iter_with_large_drop(|| ranker.rank(q, &hay, &never))
            });
        }
        for w in TYPED.windows(2) {
            let (prev, q) = (w[0], w[1]);
            assert!(extends(q, prev));
            let subset: Vec<usize> = ranker
                .rank(prev, &hay, &never)
                .unwrap_or_default()
                .iter()
                .map(|h| h.index)
                .collect();
            group.bench_with_input(BenchmarkId::new("rank_narrowed", id(q)), q, |b, q| {
                b.iter_with_large_drop(|| ranker.rank_subset(q, &hay, &subset, &never))
            });
        }
        group.finish();
        print_hit_counts(&ranker, &hay, label);
    }
}

/// How many labels each keystroke matches, for the notes (not timed).
fn print_hit_counts(ranker: &Ranker, hay: &[Haystack], label: &str) {
    let never = AtomicBool::new(false);
    let counts: Vec<String> = TYPED
        .iter()
        .map(|q| {
            let hits = ranker.rank(q, hay, &never).unwrap_or_default();
            let tier0 = hits.iter().filter(|h| h.tier == 0).count();
            format!("{:?}: {} ({} tier 0)", q, hits.len(), tier0)
        })
        .collect();
    eprintln!("hits at {label}: {}", counts.join(", "));
}

criterion_group!(benches, bench_filter);
criterion_main!(benches);
