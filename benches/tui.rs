//! The explorer's latencies (SPEC §9: first frame ≤ 50 ms; after each keystroke the first
//! screen of results within one frame).
//!
//! - `first_frame/embedded`: `Corpus::embedded()` + `App::new` + one draw into a 120×32
//!   `TestBackend`, and each part alone. Before criterion starts, the very first such frame
//!   of the process is timed once and printed: it also pays for parsing the reference data
//!   (`Reference::get`) and starting rayon, which later iterations find ready.
//! - `keystroke/targets_106k`: on a corpus of 5,000 generated articles (~106k figures), the
//!   Targets tab's filter: one `FilterInput` for each key of "thanh hoa" + one draw. The
//!   background ranking started by the keystroke runs meanwhile, as in the TUI.
//! - `app_new/5k_articles`: `App::new` on that corpus (labels and haystacks of all tabs).
//!
//! `VNIE_BENCH_ARTICLES=50000` runs the last two on 50,000 articles (~1.06M figures).
//!
//! `cargo bench --bench tui` (about 1.5 minutes).

#[allow(dead_code)]
#[path = "support/gen.rs"]
mod gen;

use criterion::{black_box, BatchSize, BenchmarkId, Criterion};
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use rayon::prelude::*;
use std::time::{Duration, Instant};
use vnie::corpus::decode::decode_bytes;
use vnie::corpus::{Corpus, RawDoc};
use vnie::tui::{Action, App, Tab};

const W: u16 = 120;
const H: u16 = 32;

fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(W, H)).expect("test backend")
}

fn draw(term: &mut Terminal<TestBackend>, app: &App) {
    term.draw(|f| vnie::tui::draw(f, app)).expect("draw");
}

fn first_frame() -> Terminal<TestBackend> {
    let corpus = Corpus::embedded();
    let mut app = App::new(corpus);
    app.resize(W, H);
    let mut term = terminal();
    draw(&mut term, &app);
    term
}

fn bench_first_frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("first_frame/embedded");
    group.sample_size(30);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(3));
    group.bench_function("total", |b| b.iter_with_large_drop(first_frame));
    group.bench_function("corpus_embedded", |b| {
        b.iter_with_large_drop(Corpus::embedded)
    });
    let corpus = Corpus::embedded();
    group.bench_function("app_new", |b| {
        b.iter_batched(|| corpus.clone(), App::new, BatchSize::SmallInput)
    });
    let mut app = App::new(corpus);
    app.resize(W, H);
    let mut term = terminal();
    group.bench_function("draw", |b| b.iter(|| draw(&mut term, &app)));
    group.finish();
}

fn generated_corpus(n: usize) -> Corpus {
    let g = gen::Generator::new(1);
    let raws: Vec<RawDoc> = g
        .corpus(n)
        .into_par_iter()
        .filter_map(|(name, bytes)| {
            let d = decode_bytes(&bytes).ok()?;
            Some(RawDoc {
                source: name,
                text: d.text.into(),
                encoding: d.encoding.to_string(),
                date_hint: None,
            })
        })
        .collect();
    Corpus::build(raws, Vec::new())
}

const TYPED: &str = "thanh hoa";

fn bench_keystroke(c: &mut Criterion) {
    // VNIE_BENCH_ARTICLES=50000 gives ~1.06M figures (needs ~2 GB and a minute of setup).
    let articles = std::env::var("VNIE_BENCH_ARTICLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5_000);
    let corpus = generated_corpus(articles);
    let figures = corpus.figures.len();
    eprintln!(
        "keystroke corpus: {} documents, {figures} figures",
        corpus.documents.len()
    );

    let mut group = c.benchmark_group("app_new");
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(5));
    group.bench_function(format!("{}k_articles", articles / 1000), |b| {
        b.iter_batched(|| corpus.clone(), App::new, BatchSize::LargeInput)
    });
    group.finish();

    let mut app = App::new(corpus);
    app.resize(W, H);
    app.apply(Action::GoTab(Tab::Targets));
    app.apply(Action::FilterStart);
    let mut term = terminal();
    draw(&mut term, &app);
    let mut group = c.benchmark_group(format!("keystroke/targets_{}k", figures / 1000));
    group.sample_size(20);
    group.warm_up_time(Duration::from_millis(300));
    // Each timed keystroke is preceded by an untimed backspace that ranks as well.
    group.measurement_time(Duration::from_secs(5));
    for (i, ch) in TYPED.char_indices() {
        let typed = &TYPED[..i + ch.len_utf8()];
        group.bench_with_input(
            BenchmarkId::from_parameter(typed.replace(' ', "_")),
            &ch,
            |b, &ch| {
                b.iter_custom(|iters| {
                    let mut total = Duration::ZERO;
                    for _ in 0..iters {
                        // Back to the previous query, untimed; then the keystroke and its frame.
                        app.apply(Action::FilterBackspace);
                        let t = Instant::now();
                        app.apply(Action::FilterInput(ch));
                        draw(&mut term, &app);
                        total += t.elapsed();
                    }
                    total
                })
            },
        );
        // Each timed iteration ends with `typed` in the filter line; make sure of it for
        // the next key.
        if app.query() != typed {
            app.apply(Action::FilterInput(ch));
        }
        black_box(app.row_count());
    }
    group.finish();
}

fn main() {
    // The first frame of the process, cold: reference data parsed, rayon started.
    let t = Instant::now();
    let term = first_frame();
    let cold = t.elapsed();
    drop(term);
    let t = Instant::now();
    drop(first_frame());
    eprintln!(
        "first frame (embedded corpus, 120x32): cold {:.2} ms, second {:.2} ms",
        cold.as_secs_f64() * 1e3,
        t.elapsed().as_secs_f64() * 1e3
    );
    let mut c = Criterion::default().configure_from_args();
    bench_first_frame(&mut c);
    bench_keystroke(&mut c);
    c.final_summary();
}
