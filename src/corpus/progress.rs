//! How far loading has come, for the explorer's progress line.

use std::sync::atomic::{AtomicU64, AtomicU8, Ordering};
use std::time::{Duration, Instant};

/// What loading has done so far, readable from another thread while it runs (the
/// explorer's progress line). Counters only grow; `bytes_*` count file sizes on disk.
#[derive(Debug)]
pub struct Progress {
    started: Instant,
    /// Nanoseconds from `started` to the start of the current phase.
    phase_at: AtomicU64,
    phase: AtomicU8,
    files_total: AtomicU64,
    bytes_total: AtomicU64,
    files_read: AtomicU64,
    bytes_read: AtomicU64,
    docs_total: AtomicU64,
    docs_done: AtomicU64,
    /// Text bytes of the documents extracted so far.
    text_done: AtomicU64,
    text_total: AtomicU64,
}

/// Where loading is, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Listing the paths (directories recursively).
    Walking,
    /// Reading and decoding the files.
    Reading,
    /// Extracting figures, places, sectors and references from each document.
    Extracting,
    /// Cross-referencing the results (and, in the explorer, building its tables).
    Indexing,
    Done,
}

/// One consistent-enough reading of a [`Progress`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProgressSnapshot {
    pub phase: Phase,
    pub files_total: u64,
    pub files_read: u64,
    pub bytes_total: u64,
    pub bytes_read: u64,
    pub docs_total: u64,
    pub docs_done: u64,
    pub text_total: u64,
    pub text_done: u64,
    /// Time since the progress was created, and since the current phase started.
    pub elapsed: Duration,
    pub in_phase: Duration,
}

impl ProgressSnapshot {
    /// Megabytes (10⁶ bytes) per second in the current phase: of files read while
    /// reading, of text extracted while extracting; None in the other phases or before
    /// anything was measured.
    pub fn rate(&self) -> Option<f64> {
        let bytes = match self.phase {
            Phase::Reading => self.bytes_read,
            Phase::Extracting => self.text_done,
            _ => return None,
        };
        let secs = self.in_phase.as_secs_f64();
        (secs > 0.0 && bytes > 0).then(|| bytes as f64 / 1e6 / secs)
    }
}

impl Default for Progress {
    fn default() -> Self {
        Progress {
            started: Instant::now(),
            phase_at: AtomicU64::new(0),
            phase: AtomicU8::new(0),
            files_total: AtomicU64::new(0),
            bytes_total: AtomicU64::new(0),
            files_read: AtomicU64::new(0),
            bytes_read: AtomicU64::new(0),
            docs_total: AtomicU64::new(0),
            docs_done: AtomicU64::new(0),
            text_done: AtomicU64::new(0),
            text_total: AtomicU64::new(0),
        }
    }
}

impl Progress {
    pub fn new() -> Progress {
        Progress::default()
    }

    pub fn snapshot(&self) -> ProgressSnapshot {
        let ld = |a: &AtomicU64| a.load(Ordering::Relaxed);
        let elapsed = self.started.elapsed();
        let phase_at = Duration::from_nanos(ld(&self.phase_at));
        ProgressSnapshot {
            elapsed,
            in_phase: elapsed.saturating_sub(phase_at),
            phase: match self.phase.load(Ordering::Relaxed) {
                0 => Phase::Walking,
                1 => Phase::Reading,
                2 => Phase::Extracting,
                3 => Phase::Indexing,
                _ => Phase::Done,
            },
            files_total: ld(&self.files_total),
            files_read: ld(&self.files_read),
            bytes_total: ld(&self.bytes_total),
            bytes_read: ld(&self.bytes_read),
            docs_total: ld(&self.docs_total),
            docs_done: ld(&self.docs_done),
            text_total: ld(&self.text_total),
            text_done: ld(&self.text_done),
        }
    }

    pub fn set_phase(&self, phase: Phase) {
        let at = u64::try_from(self.started.elapsed().as_nanos()).unwrap_or(u64::MAX);
        self.phase_at.store(at, Ordering::Relaxed);
        self.phase.store(phase as u8, Ordering::Relaxed);
    }

    pub(super) fn found(&self, files: u64, bytes: u64) {
        self.files_total.store(files, Ordering::Relaxed);
        self.bytes_total.store(bytes, Ordering::Relaxed);
    }

    pub(super) fn read(&self, bytes: u64) {
        self.bytes_read.fetch_add(bytes, Ordering::Relaxed);
        self.files_read.fetch_add(1, Ordering::Relaxed);
    }

    /// Called by [`super::Corpus::build_with_progress`] before extraction starts.
    pub(crate) fn extracting(&self, docs: u64, text_bytes: u64) {
        self.docs_total.store(docs, Ordering::Relaxed);
        self.text_total.store(text_bytes, Ordering::Relaxed);
        self.set_phase(Phase::Extracting);
    }

    /// Called by [`super::Corpus::build_with_progress`] after each document.
    pub(crate) fn extracted(&self, text_bytes: u64) {
        self.text_done.fetch_add(text_bytes, Ordering::Relaxed);
        self.docs_done.fetch_add(1, Ordering::Relaxed);
    }
}
