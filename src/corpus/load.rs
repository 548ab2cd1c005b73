//! Files on disk to decoded texts, with every file accounted for.

use super::decode::{decode_bytes, normalize, DecodeError};
use super::html::{calendar_date, read_page};
use super::{Corpus, RawDoc, Source};
use crate::model::{Date, DateOrigin, FileFate, FileReport, RefDate};
use rayon::prelude::*;
use std::collections::HashSet;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicU8, Ordering};
use std::time::{Duration, Instant};

/// Extensions read as text; saved web pages are reduced to their text first.
const TEXT_EXTENSIONS: &[&str] = &["txt", "md", "markdown", "text"];
const HTML_EXTENSIONS: &[&str] = &["html", "htm", "xhtml"];

#[derive(Debug, Clone, Copy)]
pub struct LoadOptions {
    /// Files larger than this are skipped (they would not fit the model's purpose).
    pub max_file_size: u64,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            max_file_size: 64 * 1024 * 1024,
        }
    }
}

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

    fn found(&self, files: u64, bytes: u64) {
        self.files_total.store(files, Ordering::Relaxed);
        self.bytes_total.store(bytes, Ordering::Relaxed);
    }

    fn read(&self, bytes: u64) {
        self.bytes_read.fetch_add(bytes, Ordering::Relaxed);
        self.files_read.fetch_add(1, Ordering::Relaxed);
    }

    /// Called by [`super::Corpus::build_with_progress`] before extraction starts.
    pub(super) fn extracting(&self, docs: u64, text_bytes: u64) {
        self.docs_total.store(docs, Ordering::Relaxed);
        self.text_total.store(text_bytes, Ordering::Relaxed);
        self.set_phase(Phase::Extracting);
    }

    /// Called by [`super::Corpus::build_with_progress`] after each document.
    pub(super) fn extracted(&self, text_bytes: u64) {
        self.text_done.fetch_add(text_bytes, Ordering::Relaxed);
        self.docs_done.fetch_add(1, Ordering::Relaxed);
    }
}

enum Found {
    /// A file to read, with its size on disk when the walk saw it.
    File(PathBuf, u64),
    Report(FileReport),
}

fn report(path: &Path, fate: FileFate) -> Found {
    Found::Report(FileReport {
        path: path.display().to_string(),
        fate,
    })
}

fn skipped(path: &Path, reason: impl Into<String>) -> Found {
    report(
        path,
        FileFate::Skipped {
            reason: reason.into(),
        },
    )
}

fn failed(path: &Path, reason: impl Into<String>) -> Found {
    report(
        path,
        FileFate::Failed {
            reason: reason.into(),
        },
    )
}

fn io_reason(e: &std::io::Error) -> String {
    // ELOOP has no stable ErrorKind; its raw code is 40 on Linux, 62 on macOS.
    if matches!(e.raw_os_error(), Some(40) | Some(62)) {
        return "symlink loop".to_string();
    }
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

/// Walk the paths (directories recursively, links followed once) in a stable order.
fn walk(path: &Path, visited: &mut HashSet<PathBuf>, out: &mut Vec<Found>, top: bool) {
    let link = fs::symlink_metadata(path);
    let meta = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            let reason = match link {
                Ok(l) if l.file_type().is_symlink() && e.kind() == std::io::ErrorKind::NotFound => {
                    "broken symlink".to_string()
                }
                _ => io_reason(&e),
            };
            out.push(failed(path, reason));
            return;
        }
    };
    if meta.is_dir() {
        let canonical = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        if !visited.insert(canonical) {
            out.push(skipped(path, "directory cycle (already visited)"));
            return;
        }
        let entries = match fs::read_dir(path) {
            Ok(rd) => rd,
            Err(e) => {
                out.push(failed(path, io_reason(&e)));
                return;
            }
        };
        let mut children: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        children.sort();
        for child in children {
            let hidden = child
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.'));
            if !hidden {
                walk(&child, visited, out, false);
            }
        }
        return;
    }
    if !meta.is_file() {
        out.push(skipped(path, "not a regular file"));
        return;
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .unwrap_or_default();
    let known = TEXT_EXTENSIONS.contains(&ext.as_str()) || HTML_EXTENSIONS.contains(&ext.as_str());
    // A file named on the command line is read whatever its extension.
    if !known && !top {
        let what = if ext.is_empty() {
            "no extension".to_string()
        } else {
            format!(".{ext}")
        };
        out.push(skipped(path, format!("unsupported file type ({what})")));
        return;
    }
    out.push(Found::File(path.to_path_buf(), meta.len()));
}

fn read_one(path: &Path, opts: LoadOptions) -> Result<RawDoc, FileFate> {
    let file = fs::File::open(path).map_err(|e| FileFate::Failed {
        reason: io_reason(&e),
    })?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    if size > opts.max_file_size {
        return Err(FileFate::Skipped {
            reason: format!(
                "too large ({} > --max-file-size {})",
                human_size(size),
                human_size(opts.max_file_size)
            ),
        });
    }
    let mut bytes = Vec::with_capacity(size as usize);
    // Read at most one byte past the limit: the file may grow while we read.
    file.take(opts.max_file_size + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| FileFate::Failed {
            reason: io_reason(&e),
        })?;
    if bytes.len() as u64 > opts.max_file_size {
        return Err(FileFate::Skipped {
            reason: format!(
                "too large (> --max-file-size {})",
                human_size(opts.max_file_size)
            ),
        });
    }
    let decoded = decode_bytes(&bytes).map_err(|e| match e {
        DecodeError::Empty | DecodeError::Binary(_) => FileFate::Skipped {
            reason: e.to_string(),
        },
        _ => FileFate::Failed {
            reason: e.to_string(),
        },
    })?;
    let is_html = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| HTML_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()));
    let (text, published) = if is_html {
        let page = read_page(&decoded.text);
        (normalize(&page.text), page.published)
    } else {
        (decoded.text, None)
    };
    if text.trim().is_empty() {
        return Err(FileFate::Skipped {
            reason: "no text".to_string(),
        });
    }
    let mut encoding = decoded.encoding.to_string();
    if is_html {
        encoding.push_str(" (html)");
    }
    let date_hint = published
        .map(|date| RefDate {
            date,
            origin: DateOrigin::Metadata,
        })
        .or_else(|| {
            let name = path.file_name()?.to_str()?;
            Some(RefDate {
                date: date_in_file_name(name)?,
                origin: DateOrigin::FileName,
            })
        });
    Ok(RawDoc {
        source: path.display().to_string(),
        text,
        encoding,
        date_hint,
    })
}

/// A date written in a file name: `2021-03-05`, `2021_03_05`, `2021.03.05`, `20210305`,
/// `05-03-2021`, the first one that is a real date. Each must stand apart from the digits
/// around it, and the eight-digit form from letters too, so that a number or a hash
/// (`000_6ea38480b863f6f0`, `ma-120210305`) is not read as a date; day and month take
/// two digits in the day-first form, so that a slug's decimal (`tang-7-2-2020`, 7.2% in
/// 2020) is not one either.
pub fn date_in_file_name(name: &str) -> Option<Date> {
    let b = name.as_bytes();
    let num = |at: usize, n: usize| -> Option<i32> {
        let s = b.get(at..at + n)?;
        s.iter()
            .all(u8::is_ascii_digit)
            .then(|| s.iter().fold(0, |v, &d| v * 10 + i32::from(d - b'0')))
    };
    let date = |y: Option<i32>, m: Option<i32>, d: Option<i32>| calendar_date(y?, m?, d?);
    let sep = |at: usize| matches!(b.get(at), Some(b'-' | b'_' | b'.'));
    // Whether the byte at `at` (none: the name's edge) lets a date end or begin there.
    let apart = |at: Option<usize>, from_letters: bool| {
        at.and_then(|i| b.get(i))
            .is_none_or(|c| !(c.is_ascii_digit() || (from_letters && c.is_ascii_alphabetic())))
    };
    (0..b.len())
        .filter(|&i| apart(i.checked_sub(1), false))
        .find_map(|i| {
            let separated = |a: usize| sep(i + a) && b.get(i + a + 3) == b.get(i + a);
            let ymd = (separated(4) && apart(Some(i + 10), false))
                .then(|| date(num(i, 4), num(i + 5, 2), num(i + 8, 2)))
                .flatten();
            let dmy = || {
                (separated(2) && apart(Some(i + 10), false))
                    .then(|| date(num(i + 6, 4), num(i + 3, 2), num(i, 2)))
                    .flatten()
            };
            let compact = || {
                (apart(i.checked_sub(1), true) && apart(Some(i + 8), true))
                    .then(|| date(num(i, 4), num(i + 4, 2), num(i + 6, 2)))
                    .flatten()
            };
            ymd.or_else(dmy).or_else(compact)
        })
}

pub fn human_size(n: u64) -> String {
    const MB: f64 = 1024.0 * 1024.0;
    if n as f64 >= MB {
        format!("{:.1} MB", n as f64 / MB)
    } else {
        format!("{:.1} KB", n as f64 / 1024.0)
    }
}

/// Load files and directories into a Corpus; every file gets a report.
pub fn load_paths(paths: &[PathBuf], opts: LoadOptions) -> Corpus {
    load_paths_with_progress(paths, opts, &Progress::new())
}

/// [`load_paths`], counting what is done in `progress` as it goes (files and bytes read,
/// documents and text bytes extracted) for another thread to show.
pub fn load_paths_with_progress(
    paths: &[PathBuf],
    opts: LoadOptions,
    progress: &Progress,
) -> Corpus {
    // The reference data takes tens of milliseconds to build (the place automaton):
    // built on a worker while the files are walked and read, not after.
    rayon::spawn(|| {
        crate::reference::Reference::get();
    });
    progress.set_phase(Phase::Walking);
    let mut visited = HashSet::new();
    let mut found = Vec::new();
    for p in paths {
        walk(p, &mut visited, &mut found, true);
    }
    let bytes = found
        .iter()
        .map(|f| match f {
            Found::File(_, n) => *n,
            Found::Report(_) => 0,
        })
        .sum();
    progress.found(found.len() as u64, bytes);
    progress.set_phase(Phase::Reading);
    let results: Vec<(String, Result<RawDoc, FileFate>)> = found
        .into_par_iter()
        .map(|f| match f {
            Found::File(p, n) => {
                let r = read_one(&p, opts);
                progress.read(n);
                (p.display().to_string(), r)
            }
            Found::Report(r) => {
                progress.read(0);
                (r.path, Err(r.fate))
            }
        })
        .collect();
    let mut raws = Vec::new();
    let mut files = Vec::new();
    for (path, r) in results {
        match r {
            Ok(raw) => {
                files.push(FileReport {
                    path,
                    fate: FileFate::Loaded {
                        document: raws.len(),
                        encoding: raw.encoding.clone(),
                    },
                });
                raws.push(raw);
            }
            Err(fate) => files.push(FileReport { path, fate }),
        }
    }
    let mut corpus = Corpus::build_with_progress(raws, files, progress);
    corpus.source = Source::Paths(paths.iter().map(|p| p.display().to_string()).collect());
    corpus
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(year: i32, month: u8, day: u8) -> Option<Date> {
        Some(Date {
            year,
            month: Some(month),
            day: Some(day),
        })
    }

    #[test]
    fn dates_in_file_names() {
        for (name, want) in [
            ("2021-03-05.txt", ymd(2021, 3, 5)),
            ("baomoi_2021_03_05_kcn.html", ymd(2021, 3, 5)),
            ("kcn-2021.03.05.md", ymd(2021, 3, 5)),
            ("20210305-thanh-hoa.txt", ymd(2021, 3, 5)),
            ("thanh-hoa_20210305.html", ymd(2021, 3, 5)),
            ("05-03-2021 bai viet.txt", ymd(2021, 3, 5)),
            ("05_03_2021.txt", ymd(2021, 3, 5)),
            // The first real date; an impossible one is passed over.
            ("2021-13-05_2020-02-29.txt", ymd(2020, 2, 29)),
        ] {
            assert_eq!(date_in_file_name(name), want, "{name}");
        }
    }

    #[test]
    fn numbers_and_hashes_are_not_dates() {
        for name in [
            "000_6ea38480b863f6f0.txt",
            "a20210305.txt",
            "x-20210305b.txt",
            "120210305.txt",
            "202103051.txt",
            "ma-2021-03-055.txt",
            "12021-03-05.txt",
            "2021-03_05.txt",
            "2021-02-30.txt",
            "1890-03-05.txt",
            "41_hddtvn-tphcm-dieu-chinh-chi-tieu-grdp-2020-2025.txt",
            "47_hddtvn-cang-hai-phong-muc-tieu-37-5-trieu-tan.txt",
            "grdp-tang-7-2-2020.txt",
            "so-lieu-2020.txt",
            "",
        ] {
            assert_eq!(date_in_file_name(name), None, "{name}");
        }
    }

    #[test]
    fn loading_fills_the_date_hint() {
        let dir = tempfile::tempdir().unwrap();
        let page = dir.path().join("2019-01-01-trang.html");
        fs::write(
            &page,
            r#"<meta property="article:published_time" content="2020-10-17T08:00:00+07:00">
            <p>Bài viết</p>"#,
        )
        .unwrap();
        let bare = dir.path().join("2019-01-01-bare.html");
        fs::write(&bare, "<p>Bài viết</p>").unwrap();
        let text = dir.path().join("000_6ea38480b863f6f0.txt");
        fs::write(&text, "Bài viết").unwrap();
        let hint = |p: &Path| read_one(p, LoadOptions::default()).unwrap().date_hint;
        assert_eq!(
            hint(&page),
            Some(RefDate {
                date: ymd(2020, 10, 17).unwrap(),
                origin: DateOrigin::Metadata
            })
        );
        assert_eq!(
            hint(&bare),
            Some(RefDate {
                date: ymd(2019, 1, 1).unwrap(),
                origin: DateOrigin::FileName
            })
        );
        assert_eq!(hint(&text), None);
    }
}
