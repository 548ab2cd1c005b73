//! Files on disk to decoded texts, with every file accounted for.

use super::decode::{decode_bytes, normalize, DecodeError};
use super::html::read_page;
use super::progress::{Phase, Progress};
use super::walk::{file_kind, io_reason, walk, Found, HTML_EXTENSIONS};
use super::{formats, Corpus, Pending, RawDoc, Source};
use crate::index::{self, pack::Stamp, Session};
use crate::model::calendar_date;
use crate::model::{Date, DateOrigin, FileFate, FileReport, RefDate};
use rayon::prelude::*;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// Files larger than this are skipped (they would not fit the model's purpose).
    pub max_file_size: u64,
    /// The persistent index's directory (see [`crate::index`]); none: every file is
    /// read and extracted.
    pub index: Option<PathBuf>,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            max_file_size: 64 * 1024 * 1024,
            index: None,
        }
    }
}

/// Open `path` for reading without waiting on it: a FIFO swapped in since the walk
/// must not block the load (it is refused below, once opened).
fn open_nonblocking(path: &Path) -> std::io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    options.open(path)
}

#[cfg(test)]
fn read_one(path: &Path, opts: &LoadOptions) -> Result<RawDoc, FileFate> {
    read_stamped(path, opts).map(|(raw, _)| raw)
}

/// [`read_one`], with what identifies the file for the index (its content hashed only
/// when there is an index to write).
fn read_stamped(path: &Path, opts: &LoadOptions) -> Result<(RawDoc, Stamp), FileFate> {
    let file = open_nonblocking(path).map_err(|e| FileFate::Failed {
        reason: io_reason(&e),
    })?;
    // What the path is now, whatever it was when the walk saw it.
    let meta = file.metadata().map_err(|e| FileFate::Failed {
        reason: io_reason(&e),
    })?;
    if !meta.is_file() {
        return Err(FileFate::Skipped {
            reason: format!("not a regular file ({})", file_kind(&meta)),
        });
    }
    let size = meta.len();
    if size > opts.max_file_size {
        return Err(FileFate::Skipped {
            reason: format!(
                "too large ({} > --max-file-size {})",
                human_size(size),
                human_size(opts.max_file_size)
            ),
        });
    }
    let mut bytes = Vec::new();
    if bytes.try_reserve_exact(size as usize).is_err() {
        return Err(FileFate::Skipped {
            reason: format!("too large for memory ({})", human_size(size)),
        });
    }
    // Read at most one byte past the limit: the file may grow while we read.
    file.take(opts.max_file_size.saturating_add(1))
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
    let stamp = Stamp {
        path: index::path_key(path),
        size,
        mtime_ns: index::mtime_of(&meta),
        content: opts
            .index
            .as_ref()
            .map_or(0, |_| index::content_hash(&bytes)),
    };
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let format = formats::Format::of(path, &bytes);
    // Offices often save a web page or RTF under a Word name: a web page is read as one,
    // anything else is not guessed at.
    let named_document = format.is_none() && formats::EXTENSIONS.contains(&ext.as_str());
    let looks_like_page = named_document && looks_like_html(&bytes);
    if named_document && !looks_like_page {
        let what = if bytes.starts_with(b"{\\rtf") {
            "an RTF document".to_string()
        } else {
            format!("not a .{ext} file (its contents have another format)")
        };
        return Err(FileFate::Skipped {
            reason: format!("{what}, not read"),
        });
    }
    let document = format
        .map(|format| formats::extract(format, path, &bytes).map_err(format_fate))
        .transpose()?;
    let text_bytes = document.as_ref().map_or(&bytes[..], |d| d.text.as_bytes());
    let decoded = decode_bytes(text_bytes).map_err(|e| match e {
        DecodeError::Empty if document.is_some() => FileFate::Skipped {
            reason: "no text".to_string(),
        },
        DecodeError::Empty | DecodeError::Binary(_) => FileFate::Skipped {
            reason: e.to_string(),
        },
        _ => FileFate::Failed {
            reason: e.to_string(),
        },
    })?;
    let is_html =
        document.is_none() && (looks_like_page || HTML_EXTENSIONS.contains(&ext.as_str()));
    let (text, published) = if is_html {
        let page = read_page(&decoded.text);
        let published = page.published.map(|date| formats::MetaDate {
            date,
            origin: "html publication date",
        });
        (normalize(&page.text), published)
    } else {
        (decoded.text, document.as_ref().and_then(|d| d.date))
    };
    if text.trim().is_empty() {
        return Err(FileFate::Skipped {
            reason: "no text".to_string(),
        });
    }
    let encoding = describe(&document, decoded.encoding, is_html, published);
    let date_hint = published
        .map(|m| RefDate {
            date: m.date,
            origin: DateOrigin::Metadata,
        })
        .or_else(|| {
            let name = path.file_name()?.to_str()?;
            Some(RefDate {
                date: date_in_file_name(name)?,
                origin: DateOrigin::FileName,
            })
        });
    let raw = RawDoc {
        source: crate::sanitize_line(&path.display().to_string()),
        text: text.into(),
        encoding,
        date_hint,
    };
    Ok((raw, stamp))
}

/// What a file was read as, for `check` and the document view: `utf-8`, `utf-8 (html)`,
/// `pdf (pdf-extract)`, `doc (undoc), tcvn3`, and the metadata date the reference date
/// may fall back on, with the field it came from.
fn describe(
    document: &Option<formats::Extracted>,
    encoding: &str,
    is_html: bool,
    metadata: Option<formats::MetaDate>,
) -> String {
    let mut out = match document {
        Some(d) => {
            let mut s = format!("{} ({})", d.kind, d.reader);
            // Extracted text is Unicode: only a legacy font encoding found in it is news.
            if !encoding.starts_with("utf-") {
                s.push_str(", ");
                s.push_str(encoding);
            }
            for note in &d.note {
                s.push_str(", ");
                s.push_str(note);
            }
            s
        }
        None if is_html => format!("{encoding} (html)"),
        None => encoding.to_string(),
    };
    if let Some(m) = metadata {
        out.push_str(&format!("; metadata date {} ({})", m.date, m.origin));
    }
    out
}

/// Whether bytes begin like a web page (after a BOM and blank space).
fn looks_like_html(bytes: &[u8]) -> bool {
    let head = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    let head = &head[start..head.len().min(start + 256)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    [
        "<!doctype html",
        "<html",
        "<head",
        "<meta",
        "<body",
        "<?xml",
    ]
    .iter()
    .any(|t| lower.starts_with(t.as_bytes()))
}

/// A reader's failure as the file's fate: a scan is skipped (there is nothing to read),
/// a broken or locked file failed.
fn format_fate(e: formats::FormatError) -> FileFate {
    match e {
        formats::FormatError::NoTextLayer { .. } => FileFate::Skipped {
            reason: e.to_string(),
        },
        _ => FileFate::Failed {
            reason: e.to_string(),
        },
    }
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
    let found = walk(paths);
    let bytes = found
        .iter()
        .map(|f| match f {
            Found::File(_, n, _) => *n,
            Found::Report(_) => 0,
        })
        .sum();
    progress.found(found.len() as u64, bytes);
    progress.set_phase(Phase::Reading);
    let session = opts.index.as_deref().map(|dir| Session::open(dir, paths));
    let (view, notice) = session.as_ref().map_or((None, None), Session::view);
    let results: Vec<(PathBuf, Outcome<'_>)> = found
        .into_par_iter()
        .map(|f| match f {
            Found::File(p, n, mtime) => {
                let hit = view
                    .as_ref()
                    .filter(|_| n <= opts.max_file_size)
                    .and_then(|v| v.lookup(&p, n, mtime));
                let r = match hit {
                    Some((entry, raw, ex)) => Outcome::Indexed(raw, ex, entry),
                    None => match read_stamped(&p, &opts) {
                        Ok((raw, stamp)) => Outcome::Fresh(raw, stamp),
                        Err(fate) => Outcome::Not(fate),
                    },
                };
                progress.read(n);
                (p, r)
            }
            Found::Report(r) => {
                progress.read(0);
                (r.os_path, Outcome::Not(r.fate))
            }
        })
        .collect();
    let mut items = Vec::new();
    let mut files = Vec::new();
    // Per document: the entry of the old pack it came from, or its new stamp.
    let mut sources: Vec<Result<usize, Stamp>> = Vec::new();
    for (path, r) in results {
        let (raw, ex, source) = match r {
            Outcome::Indexed(raw, ex, entry) => (raw, Pending::Encoded(ex), Ok(entry)),
            Outcome::Fresh(raw, stamp) => (raw, Pending::Extract, Err(stamp)),
            Outcome::Not(fate) => {
                files.push(FileReport::new(&path, fate));
                continue;
            }
        };
        let fate = FileFate::Loaded {
            document: items.len(),
            encoding: raw.encoding.clone(),
        };
        let mut report = FileReport::new(&path, fate);
        report.from_index = matches!(ex, Pending::Encoded(_));
        files.push(report);
        items.push((raw, ex));
        sources.push(source);
    }
    // The old pack's entries this load keeps: the pack grows when they are most of it.
    let kept: Vec<usize> = sources
        .iter()
        .filter_map(|s| s.as_ref().ok().copied())
        .collect();
    // What is extracted now goes into the new pack as it is made (the pack is created at
    // the first such document): no payload is held until the end.
    let out: std::sync::Mutex<Option<Result<index::Out, String>>> = Default::default();
    let fresh: Vec<std::sync::Mutex<Option<index::pack::Row>>> = match &session {
        Some(_) => sources.iter().map(|_| Default::default()).collect(),
        None => Vec::new(),
    };
    // A PDF the configured reader failed on (poppler's timeout, say) is read again next
    // time rather than kept as the fallback read it.
    let fell_back = |raw: &RawDoc| {
        formats::pdf_reader() == "pdftotext" && raw.encoding.starts_with("pdf (pdf-extract)")
    };
    let keep = |i: usize, raw: &RawDoc, ex: &crate::extract::Extraction| {
        let (Some(session), Some(slot), Some(Err(stamp))) =
            (&session, fresh.get(i), sources.get(i))
        else {
            return;
        };
        if fell_back(raw) {
            return;
        }
        let rest = index::encode_rest(raw, ex);
        let mut out = out.lock().unwrap_or_else(|e| e.into_inner());
        if let Ok(o) = out.get_or_insert_with(|| session.out(view.as_ref(), &kept)) {
            if let Ok(entry) = o.add(stamp.clone(), raw.text.as_bytes(), &rest) {
                *slot.lock().unwrap_or_else(|e| e.into_inner()) = Some(entry);
            }
        }
    };
    let mut corpus = Corpus::build_items(items, files, progress, &keep);
    if let Some(session) = &session {
        let out = out.into_inner().unwrap_or_else(|e| e.into_inner());
        corpus.index = Some(save(
            session,
            view.as_ref(),
            notice,
            &sources,
            &kept,
            out,
            fresh,
        ));
    }
    corpus.source = Source::Paths(
        paths
            .iter()
            .map(|p| crate::sanitize_line(&p.display().to_string()))
            .collect(),
    );
    corpus
}

/// A file as the load found it: from the index, read now, or not loaded.
enum Outcome<'a> {
    Indexed(RawDoc, &'a [u8], usize),
    Fresh(RawDoc, Stamp),
    Not(FileFate),
}

/// Writes the new pack when anything differs from the old one, and says what the index
/// did for this load. `kept`: the old entries this load reuses; `out`: the pack begun
/// for the documents extracted now, if any; `fresh`: their entries in it.
fn save(
    session: &Session,
    view: Option<&index::View<'_>>,
    notice: Option<String>,
    sources: &[Result<usize, Stamp>],
    kept: &[usize],
    out: Option<Result<index::Out, String>>,
    fresh: Vec<std::sync::Mutex<Option<index::pack::Row>>>,
) -> crate::index::Report {
    let reused = kept.len();
    let mut report = crate::index::Report {
        pack: session.path().to_path_buf(),
        reused,
        extracted: sources.len() - reused,
        notice,
        written: false,
    };
    let same = view.is_some_and(|v| {
        v.len() == sources.len() && sources.iter().enumerate().all(|(i, s)| s == &Ok(i))
    });
    if same {
        return report;
    }
    let mut out = match out.unwrap_or_else(|| session.out(view, kept)) {
        Ok(out) => out,
        Err(e) => {
            report.notice = Some(e);
            return report;
        }
    };
    let mut entries = Vec::with_capacity(sources.len());
    let mut buf = Vec::new();
    for (source, slot) in sources.iter().zip(fresh) {
        let entry = match source {
            Ok(i) => view.and_then(|v| v.carry(*i, &mut out, &mut buf)),
            Err(_) => slot.into_inner().unwrap_or_else(|e| e.into_inner()),
        };
        // An entry that cannot be carried over is left out: read again next time.
        entries.extend(entry);
    }
    match out.finish(entries) {
        Ok(()) => {
            report.written = true;
            // Best effort: an old build's pack left in place costs disk, nothing else.
            let _ = session.retire_other_builds();
        }
        Err(e) => {
            let path = session.path().display();
            report.notice = Some(format!("index {path} not written: {e}"));
        }
    }
    report
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

    /// The walk saw a file; by the time it is read, a FIFO has taken its place.
    #[cfg(unix)]
    #[test]
    fn a_fifo_swapped_in_after_the_walk_is_skipped_without_waiting() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        crate::test_fs::mkfifo(&path);
        match read_one(&path, &LoadOptions::default()) {
            Err(FileFate::Skipped { reason }) => assert_eq!(reason, "not a regular file (fifo)"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_largest_size_limit_does_not_overflow() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        fs::write(&path, "Thanh Hóa").unwrap();
        let opts = LoadOptions {
            max_file_size: u64::MAX,
            index: None,
        };
        assert_eq!(read_one(&path, &opts).unwrap().text, "Thanh Hóa");
    }

    #[test]
    fn a_web_page_saved_as_doc_is_read_and_rtf_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let page = dir.path().join("cong-van.doc");
        fs::write(&page, "<html><body><p>Thanh Hóa đạt 40%.</p></body></html>").unwrap();
        assert_eq!(
            read_one(&page, &LoadOptions::default()).unwrap().text,
            "Thanh Hóa đạt 40%."
        );
        let rtf = dir.path().join("to-trinh.doc");
        fs::write(&rtf, "{\\rtf1\\ansi Thanh Hoa}").unwrap();
        match read_one(&rtf, &LoadOptions::default()) {
            Err(FileFate::Skipped { reason }) => assert_eq!(reason, "an RTF document, not read"),
            other => panic!("{other:?}"),
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
        let hint = |p: &Path| read_one(p, &LoadOptions::default()).unwrap().date_hint;
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
