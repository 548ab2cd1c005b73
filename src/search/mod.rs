//! Filtering and ranking of short Vietnamese labels, shared by the TUI's `/` filter and
//! `vnie search`.
//!
//! Neither `fuzzy-matcher` nor any other matcher we measured folds Vietnamese diacritics, so
//! both sides are folded here (NFD, tone and vowel marks dropped, `đ` → `d`, lowercase,
//! whitespace collapsed): the labels once at load time ([`Haystack`]), the query per keystroke.
//!
//! Ranking has two tiers because the skim v2 scorer is the one that ranks abbreviations and
//! gapped queries well, but it takes about a second per keystroke at 1M labels:
//! - tier 0, words ([`Ranker::quick`]): every query word occurs in the label as a substring,
//!   or, for a word without a vowel (`cn`, `cnht`, `hcm`: never a Vietnamese syllable), as
//!   the initials of consecutive words. Byte search and top-k selection; this is the first
//!   screen after each keystroke.
//! - tier 1, fuzzy ([`Ranker::rank`]): labels that only the skim scorer matches, ranked after
//!   every tier-0 hit. [`FilterWorker`] computes it off the UI thread.
//!
//! Tier-0 scores are the same number in `quick` and `rank`, so the first screen never
//! reshuffles when the full ranking arrives: `quick(q, k)` is the first `k` tier-0 hits of
//! `rank(q)`.

use std::cmp::Ordering as CmpOrdering;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_matcher::FuzzyMatcher;
use memchr::memmem;
use rayon::prelude::*;
use unicode_normalization::char::decompose_canonical;

/// [`Hit::tier`] of a label in which every query word occurs (as a substring, or as
/// initials for a vowel-less word).
pub const TIER_SUBSTRING: u8 = 0;
/// [`Hit::tier`] of a label matched only by the skim fuzzy scorer.
pub const TIER_FUZZY: u8 = 1;

/// Added to every tier-0 score so that sorting by score alone puts tier 0 before tier 1
/// (skim scores are `i32`, so tier-1 keys stay below 2^40; tier-0 classes reach 2^43).
const TIER0_BASE: i64 = 1 << 48;

/// Below this many haystacks `quick` stays on the calling thread: rayon's fork/join costs
/// more than it saves on a few milliseconds of work.
const QUICK_PAR_MIN: usize = 20_000;
/// Unit of parallel work.
const CHUNK: usize = 4096;
/// How many labels `rank` scores between looks at its cancel flag.
const CANCEL_EVERY: usize = 256;
/// How long [`FilterWorker`] waits after a query is submitted before ranking it: typing
/// usually brings another key within this, which would cancel the ranking anyway.
const DEBOUNCE: Duration = Duration::from_millis(50);
/// Queries with fewer letters than this (spaces not counted) get no fuzzy tier from
/// [`FilterWorker`] (see [`fuzzy_tier`]).
const FUZZY_MIN_CHARS: usize = 3;

mod find;
mod fold;
mod labels;
mod query;
mod ranker;
mod scope;
mod worker;

pub use find::*;
pub use fold::*;
pub use labels::*;
use query::*;
pub use ranker::*;
pub use scope::*;
pub use worker::*;

#[cfg(test)]
mod tests;
