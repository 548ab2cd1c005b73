//! The background worker that ranks completely, debounced and cancellable, off the UI thread.

use super::*;

/// Newest finished full ranking, tagged with the query as submitted.
pub(super) type Ranked = (String, Arc<Vec<Hit>>);

#[derive(Default)]
pub(super) struct State {
    pending: Option<(String, Scope)>,
    /// When `pending` was submitted; the worker starts it [`DEBOUNCE`] later.
    submitted: Option<Instant>,
    done: Option<Ranked>,
    busy: bool,
    /// `submit_quick` calls in progress; the worker starts nothing while above zero.
    foreground: usize,
    shutdown: bool,
}

pub(super) struct Shared {
    state: Mutex<State>,
    wake: Condvar,
    cancel: AtomicBool,
}

impl Shared {
    /// A panic elsewhere must not take the filter down with it: the state is plain data
    /// that stays consistent, so a poisoned lock is still usable.
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Full rankings computed off the UI thread. `submit` cancels the running job and queues
/// only the latest query, so fast typing skips intermediate queries; `poll` hands back a
/// finished ranking once, and only if no newer query was submitted meanwhile.
///
/// Rankings run on a rayon pool of their own, of one thread: on the global pool, the UI
/// thread's [`Ranker::quick`] would queue behind a whole ranking, and a pool as wide as
/// the machine would take every core from it (on two cores the first screen took twice
/// as long while a ranking ran). A ranking starts [`DEBOUNCE`] after the last `submit`,
/// so typing does not start one per key only to cancel it, and the first screen of each
/// keystroke, computed right after its `submit`, runs alone; [`FilterWorker::submit_quick`]
/// also holds the next ranking back until the first screen is computed. For one- and
/// two-letter queries only the substring tier is ranked ([`fuzzy_tier`]).
pub struct FilterWorker {
    shared: Arc<Shared>,
    ranker: Ranker,
    hay: Arc<Vec<Haystack>>,
    /// None if the thread could not be spawned; `submit` then ranks inline.
    thread: Option<JoinHandle<()>>,
}

impl FilterWorker {
    pub fn new(hay: Arc<Vec<Haystack>>) -> Self {
        let shared = Arc::new(Shared {
            state: Mutex::new(State::default()),
            wake: Condvar::new(),
            cancel: AtomicBool::new(false),
        });
        let for_thread = Arc::clone(&shared);
        let hay_for_thread = Arc::clone(&hay);
        let thread = std::thread::Builder::new()
            .name("vnie-filter".into())
            .spawn(move || worker_loop(&for_thread, &hay_for_thread))
            .ok();
        FilterWorker {
            shared,
            ranker: Ranker::new(),
            hay,
            thread,
        }
    }

    /// The haystacks this worker ranks.
    pub fn haystacks(&self) -> &Arc<Vec<Haystack>> {
        &self.hay
    }

    /// Rank `query` in the background, abandoning whatever is running or queued.
    pub fn submit(&self, query: &str) {
        self.submit_in(query, &Scope::default());
    }

    /// [`FilterWorker::submit`] within `scope` ([`Ranker::rank_in`]).
    pub fn submit_in(&self, query: &str, scope: &Scope) {
        if self.thread.is_none() {
            let never = AtomicBool::new(false);
            let fuzzy = fuzzy_tier(query);
            if let Some(hits) = self.ranker.rank_in(query, &self.hay, &never, fuzzy, scope) {
                self.shared.lock().done = Some((query.to_owned(), Arc::new(hits)));
            }
            return;
        }
        let mut st = self.shared.lock();
        st.pending = Some((query.to_owned(), scope.clone()));
        st.submitted = Some(Instant::now());
        st.done = None;
        self.shared.cancel.store(true, Ordering::Relaxed);
        self.shared.wake.notify_one();
    }

    /// What the UI calls on each keystroke: submits `query` and returns its first screen,
    /// `Ranker::quick(query, haystacks, limit)`, computed with the running ranking
    /// cancelled and the next one held back until this returns.
    pub fn submit_quick(&self, query: &str, limit: usize) -> Vec<Hit> {
        if self.thread.is_none() {
            let hits = self.ranker.quick(query, &self.hay, limit);
            self.submit(query);
            return hits;
        }
        self.shared.lock().foreground += 1;
        let _release = Foreground(&self.shared);
        self.submit(query);
        self.ranker.quick(query, &self.hay, limit)
    }

    /// The newest finished ranking, without blocking; each ranking is returned once.
    pub fn poll(&self) -> Option<(String, Arc<Vec<Hit>>)> {
        self.shared.lock().done.take()
    }

    /// Whether a submitted query has not finished yet (for a "ranking…" indicator).
    pub fn is_busy(&self) -> bool {
        let st = self.shared.lock();
        st.busy || st.pending.is_some()
    }
}

/// Lets the worker start again when `submit_quick` returns, or unwinds.
pub(super) struct Foreground<'a>(&'a Shared);

impl Drop for Foreground<'_> {
    fn drop(&mut self) {
        let mut st = self.0.lock();
        st.foreground = st.foreground.saturating_sub(1);
        self.0.wake.notify_one();
    }
}

impl Drop for FilterWorker {
    fn drop(&mut self) {
        {
            let mut st = self.shared.lock();
            st.shutdown = true;
            self.shared.cancel.store(true, Ordering::Relaxed);
            self.shared.wake.notify_one();
        }
        if let Some(t) = self.thread.take() {
            // A panicked worker has nothing left to clean up.
            let _ = t.join();
        }
    }
}

pub(super) fn worker_loop(shared: &Shared, hay: &[Haystack]) {
    let ranker = Ranker::new();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .thread_name(|i| format!("vnie-rank-{i}"))
        .build()
        .ok();
    // The last completed ranking, with whether it has the fuzzy tier: reused as is for
    // the same folded query, narrowed from when the new query extends it (a ranking
    // without the fuzzy tier only serves queries without it).
    let mut last: Option<(String, bool, Scope, Arc<Vec<Hit>>)> = None;
    loop {
        let (query, scope) = {
            let mut st = shared.lock();
            loop {
                if st.shutdown {
                    return;
                }
                let due = st.submitted.map(|at| at + DEBOUNCE);
                let wait = due.and_then(|d| d.checked_duration_since(Instant::now()));
                if st.foreground == 0 && st.pending.is_some() && wait.is_none() {
                    if let Some(q) = st.pending.take() {
                        // Reset under the lock: a later submit sets it again after this.
                        shared.cancel.store(false, Ordering::Relaxed);
                        st.busy = true;
                        break q;
                    }
                }
                st = match wait {
                    Some(w) if st.pending.is_some() => {
                        shared
                            .wake
                            .wait_timeout(st, w)
                            .unwrap_or_else(|e| e.into_inner())
                            .0
                    }
                    _ => shared.wake.wait(st).unwrap_or_else(|e| e.into_inner()),
                };
            }
        };
        let folded = fold(&query);
        let fuzzy = fuzzy_tier(&query);
        let job = || match &last {
            Some((f, full, s, hits)) if *f == folded && *full == fuzzy && s.same(&scope) => {
                Some(Arc::clone(hits))
            }
            Some((f, true, s, hits))
                if fuzzy && !f.is_empty() && extends_folded(&folded, f) && s.same(&scope) =>
            {
                let subset: Vec<usize> = hits.iter().map(|h| h.index).collect();
                ranker
                    .rank_subset_in(&query, hay, &subset, &shared.cancel, &scope)
                    .map(Arc::new)
            }
            _ => ranker
                .rank_in(&query, hay, &shared.cancel, fuzzy, &scope)
                .map(Arc::new),
        };
        let result = match &pool {
            Some(p) => p.install(job),
            None => job(),
        };
        let mut st = shared.lock();
        st.busy = false;
        if let Some(hits) = result {
            if st.pending.is_none() && !st.shutdown {
                st.done = Some((query, Arc::clone(&hits)));
            }
            last = Some((folded, fuzzy, scope, hits));
        }
    }
}
