//! Opening a corpus from disk without holding up the first frame.
//!
//! Ingest takes seconds on thousands of articles (about 4 s for 10k generated ones), and
//! the explorer's tables (labels, haystacks, cross-references) take a while more on
//! large corpora. [`Loading::spawn`] does all of it on a thread of its own — walk, read,
//! decode, extract, `Corpus`, then the [`Model`] that [`App::new`] would build — while
//! the explorer runs on an empty corpus with a progress line; [`App::tick`] swaps the
//! model in when it arrives, keeping the tab, the typed filters and the popup. A panic
//! on the loader thread comes back as an error, which ends the explorer.

use std::io;
use std::panic::{self, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::app::App;
use super::index::Index;
use super::pane::Pane;
use super::theme::Theme;
use crate::corpus::{
    load_paths_with_progress, Corpus, LoadOptions, Phase, Progress, ProgressSnapshot, Source,
};

/// A corpus and everything the explorer derives from it once: what [`App::new`] builds,
/// built where the corpus is (the loader thread for a corpus from disk).
pub struct Model {
    pub(super) corpus: std::sync::Arc<Corpus>,
    pub(super) index: Index,
    pub(super) panes: Vec<Pane>,
}

impl Model {
    /// Every tab's labels and search index, and the cross-references: the derived data
    /// of an [`App::with_theme`] built here, so that there is one recipe for it.
    pub fn build(corpus: Corpus) -> Model {
        let app = App::with_theme(corpus, Theme::mono());
        Model {
            corpus: app.corpus,
            index: app.index,
            panes: app.panes,
        }
    }

    pub fn corpus(&self) -> &Corpus {
        &self.corpus
    }
}

/// What the loader thread sends once: the model, or why there is none.
pub type Delivery = Result<Model, String>;

/// A corpus being loaded: where from, how far it has got, and where the result arrives.
pub struct Loading {
    source: Source,
    progress: Arc<Progress>,
    started: Instant,
    rx: Receiver<Delivery>,
}

/// What [`Loading::poll`] found.
pub(super) enum Polled {
    Pending,
    Done(Box<Model>),
    Failed(String),
}

impl Loading {
    /// Starts loading `paths` on a thread named `vnie-load`.
    pub fn spawn(paths: Vec<PathBuf>, opts: LoadOptions) -> io::Result<Loading> {
        let source = Source::Paths(paths.iter().map(|p| p.display().to_string()).collect());
        let (loading, tx) = Loading::manual(source, Arc::new(Progress::new()));
        let progress = Arc::clone(&loading.progress);
        std::thread::Builder::new()
            .name("vnie-load".into())
            .spawn(move || {
                let built = panic::catch_unwind(AssertUnwindSafe(|| {
                    Model::build(load_paths_with_progress(&paths, opts, &progress))
                }));
                progress.set_phase(Phase::Done);
                // The explorer may have quit meanwhile; then nobody is waiting.
                let _ = tx.send(built.map_err(|e| panic_message(e.as_ref())));
            })?;
        Ok(loading)
    }

    /// A loading state whose result is sent by hand through the returned sender (tests,
    /// other loaders); `progress` is what the progress line shows meanwhile. Dropping the
    /// sender without sending counts as a failure.
    pub fn manual(source: Source, progress: Arc<Progress>) -> (Loading, Sender<Delivery>) {
        let (tx, rx) = mpsc::channel();
        let loading = Loading {
            source,
            progress,
            started: Instant::now(),
            rx,
        };
        (loading, tx)
    }

    pub fn source(&self) -> &Source {
        &self.source
    }

    pub(super) fn poll(&self) -> Polled {
        match self.rx.try_recv() {
            Ok(Ok(model)) => Polled::Done(Box::new(model)),
            Ok(Err(why)) => Polled::Failed(why),
            Err(TryRecvError::Empty) => Polled::Pending,
            Err(TryRecvError::Disconnected) => {
                Polled::Failed("the loader stopped without a result".to_string())
            }
        }
    }

    /// What is being done, with counts: "extracting 5000/10000 documents · 32.1/64.3 MB
    /// · 15.8 MB/s".
    pub fn describe(&self) -> String {
        let s = self.progress.snapshot();
        let rate = s
            .rate()
            .map_or(String::new(), |r| format!(" · {r:.1} MB/s"));
        match s.phase {
            Phase::Walking => "listing files…".to_string(),
            Phase::Reading => format!(
                "reading {}/{} files · {}/{} MB{rate}",
                s.files_read,
                s.files_total,
                mb(s.bytes_read),
                mb(s.bytes_total)
            ),
            Phase::Extracting => format!(
                "extracting {}/{} documents · {}/{} MB{rate}",
                s.docs_done,
                s.docs_total,
                mb(s.text_done),
                mb(s.text_total)
            ),
            Phase::Indexing | Phase::Done => format!(
                "indexing {} documents ({} MB)…",
                s.docs_total,
                mb(s.text_total)
            ),
        }
    }

    /// Rough share of the work done, 0–100: reading counts for a tenth, extraction
    /// (by text bytes) for most of the rest.
    pub fn percent(&self) -> u64 {
        let s = self.progress.snapshot();
        let part = |done: u64, total: u64, of: u64| (done.min(total) * of).checked_div(total);
        match s.phase {
            Phase::Walking => 0,
            Phase::Reading => part(s.files_read, s.files_total, 10).unwrap_or(0),
            Phase::Extracting => 10 + part(s.text_done, s.text_total, 85).unwrap_or(85),
            Phase::Indexing => 95,
            Phase::Done => 100,
        }
    }

    /// What the loader has done so far.
    pub fn progress(&self) -> ProgressSnapshot {
        self.progress.snapshot()
    }

    pub fn elapsed(&self) -> Duration {
        self.started.elapsed()
    }

    /// The status bar's section, longest first.
    pub(super) fn status_variants(&self) -> Vec<String> {
        let pct = self.percent();
        let mut v = vec![format!("loading {pct}% · {}", self.describe())];
        if let Some(r) = self.progress.snapshot().rate() {
            v.push(format!("loading {pct}% · {r:.1} MB/s"));
        }
        v.push(format!("loading {pct}%"));
        v
    }

    /// The line shown in the empty table while loading.
    pub(super) fn table_line(&self) -> String {
        format!(
            "Loading {}: {} · {:.1} s",
            crate::sanitize_line(&self.source.describe()),
            self.describe(),
            self.elapsed().as_secs_f64()
        )
    }
}

fn mb(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / 1e6)
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    let msg = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown cause".to_string());
    format!("the loader panicked: {msg}")
}

impl App {
    /// An explorer with nothing loaded yet: empty tables and the progress of `loading`;
    /// [`App::tick`] fills the tables when the model arrives.
    pub fn loading(loading: Loading) -> App {
        let mut empty = Corpus::build(Vec::new(), Vec::new());
        empty.source = loading.source.clone();
        let mut app = App::new(empty);
        app.loading = Some(loading);
        app
    }

    /// Whether a corpus is still being loaded.
    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    /// The loader's failure, once: the event loop ends the explorer with it.
    pub fn take_load_error(&mut self) -> Option<String> {
        self.load_error.take()
    }

    /// Takes the loader's result if it has arrived; true while loading (the progress
    /// line moves) and when the model was swapped in.
    pub(super) fn poll_loading(&mut self) -> bool {
        self.poll_watch();
        let Some(l) = &self.loading else { return false };
        match l.poll() {
            Polled::Pending => true,
            Polled::Done(model) => {
                self.loading = None;
                self.finish_loading(*model);
                if let Some(n) = self.reloading.take() {
                    let said = self.lang.t("tables updated, files changed");
                    self.note = Some(format!("{said}: {n}"));
                }
                true
            }
            // A reload that fails leaves the tables as they were; a first load ends.
            Polled::Failed(why) if self.reloading.take().is_some() => {
                self.loading = None;
                self.note = Some(format!("{}: {why}", self.lang.t("reload failed")));
                true
            }
            Polled::Failed(why) => {
                self.loading = None;
                self.load_error = Some(why);
                true
            }
        }
    }

    /// Watches `paths`, loaded with `opts`, and loads them again when files change.
    pub fn watch(&mut self, paths: Vec<PathBuf>, opts: LoadOptions) {
        let ignore = opts.index.clone();
        self.watch = super::watch::Watch::start(&paths, ignore).map(|w| (w, paths, opts));
    }

    /// Starts a reload once the watched folders changed and went quiet (never over a
    /// load still running).
    fn poll_watch(&mut self) {
        if self.loading.is_some() {
            return;
        }
        let Some((watch, paths, opts)) = &mut self.watch else {
            return;
        };
        let Some(changed) = watch.poll() else { return };
        if let Ok(loading) = Loading::spawn(paths.clone(), opts.clone()) {
            // The index lives outside the folders unless put there: its own writes are
            // not changes to load.
            self.loading = Some(loading);
            self.reloading = Some(changed.len());
        }
    }

    /// Whether watched folders have changes waiting to be loaded.
    pub fn changes_pending(&self) -> bool {
        self.watch.as_ref().is_some_and(|(w, ..)| w.pending())
    }

    /// Swaps `model` in for the corpus shown (empty while loading, the old one on a
    /// reload). The tab, the popup, each tab's filter, status and sort, and its selected
    /// row (found again by its label) stay as the user left them.
    pub fn finish_loading(&mut self, model: Model) {
        self.loading = None;
        let Model {
            corpus,
            index,
            mut panes,
        } = model;
        // (query, whether the status or sort was changed) of each tab.
        let mut kept = Vec::with_capacity(panes.len());
        // The selected row's label, to find it again among the new rows (a reload after
        // files changed: the same row, wherever it is now).
        let selected: Vec<Option<String>> = self
            .panes
            .iter()
            .map(|old| {
                let i = *old.rows().get(old.selected)?;
                (old.selected > 0).then(|| crate::entities::label(&self.corpus, old.tab.kind(), i))
            })
            .collect();
        for (new, old) in panes.iter_mut().zip(&self.panes) {
            kept.push((
                old.query().to_string(),
                (old.status, old.sort) != (new.status, new.sort),
            ));
            new.status = old.status;
            new.sort = old.sort;
        }
        self.corpus = corpus;
        self.index = index;
        self.panes = panes;
        self.forget_cached();
        self.history.clear();
        // The compare view holds figure numbers of the corpus it was opened on.
        self.compare = None;
        let (c, ix) = (&self.corpus, &self.index);
        for ((p, (query, reordered)), label) in self.panes.iter_mut().zip(kept).zip(selected) {
            if !query.is_empty() {
                p.set_query(&query, c, ix);
            } else if reordered {
                p.reorder(c, ix);
            }
            let kind = p.tab.kind();
            if let Some(row) = label.and_then(|l| {
                p.rows()
                    .iter()
                    .position(|&i| crate::entities::label(c, kind, i) == l)
            }) {
                p.select(row);
            }
        }
        self.resize(self.size.width, self.size.height);
    }
}
