//! Each extraction stage on its own, over ~1 MB of generated articles (one call per
//! article, as ingest does), single-threaded. Throughput is in bytes of article text; a
//! stage's inputs (match key, sentences, places) are computed outside the measurement.
//!
//! `cargo bench --bench extract` (about 1 minute).

#[allow(dead_code)]
#[path = "support/gen.rs"]
mod gen;

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use std::time::Duration;
use vnie::corpus::decode::{decode_bytes, normalize};
use vnie::extract::{extract, figures, legal, numbers, places, sectors, segment};
use vnie::reference::Reference;
use vnie::text::match_key;

struct Doc {
    bytes: Vec<u8>,
    text: String,
    key: String,
    seg: segment::Segmented,
    places: Vec<(vnie::model::Place, vnie::model::Span)>,
}

fn docs(target_bytes: usize) -> Vec<Doc> {
    let g = gen::Generator::new(7);
    let mut out = Vec::new();
    let mut total = 0;
    let mut i = 0;
    while total < target_bytes {
        let bytes = g.article_bytes(i);
        let text = decode_bytes(&bytes).expect("generated text decodes").text;
        let key = match_key(&text);
        let seg = segment::segment_keyed(&text, &key);
        let places = places::find_places(&text, &key, Reference::get());
        total += text.len();
        out.push(Doc {
            bytes,
            text,
            key,
            seg,
            places,
        });
        i += 1;
    }
    out
}

fn bench_stages(c: &mut Criterion) {
    let r = Reference::get();
    let docs = docs(1 << 20);
    let total: u64 = docs.iter().map(|d| d.text.len() as u64).sum();
    let mut group = c.benchmark_group("stage");
    group.throughput(Throughput::Bytes(total));
    group.sample_size(20);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(3));

    group.bench_function("decode_bytes", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(decode_bytes(&d.bytes).ok());
            }
        })
    });
    group.bench_function("normalize", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(normalize(&d.text));
            }
        })
    });
    group.bench_function("match_key", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(match_key(&d.text));
            }
        })
    });
    group.bench_function("segment", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(segment::segment_keyed(&d.text, &d.key));
            }
        })
    });
    group.bench_function("places", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(places::find_places(&d.text, &d.key, r));
            }
        })
    });
    group.bench_function("sectors", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(sectors::find_sectors(&d.text, &d.key, r));
            }
        })
    });
    group.bench_function("legal", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(legal::find_legal(&d.text, r));
            }
        })
    });
    group.bench_function("quantities", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(numbers::quantities(&d.text, &d.key, 0, d.text.len(), r));
            }
        })
    });
    group.bench_function("figures", |b| {
        b.iter(|| {
            for d in &docs {
                let known_date = d.seg.date.map(|date| vnie::model::RefDate {
                    date,
                    origin: vnie::model::DateOrigin::Text,
                });
                black_box(figures::extract_figures(
                    &figures::FigureInput {
                        text: &d.text,
                        key: &d.key,
                        sentences: &d.seg.sentences,
                        places: &d.places,
                        known_date,
                    },
                    r,
                ));
            }
        })
    });
    group.bench_function("extract_all", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(extract(&d.text));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench_stages);
criterion_main!(benches);
