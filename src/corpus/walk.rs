//! The paths given, expanded (directories recursively, links followed once) into the
//! files to read and the reports of everything else, in a stable order.
//!
//! The walk keeps a stack, not the call stack, and knows a directory by its device
//! and inode, not by its canonical path: resolving every directory's path again at
//! every level made a deep tree cost the cube of its depth.

use crate::model::{FileFate, FileReport};
use rayon::prelude::*;
use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Extensions read as text; saved web pages are reduced to their text first.
pub(super) const TEXT_EXTENSIONS: &[&str] = &["txt", "md", "markdown", "text"];
pub(super) const HTML_EXTENSIONS: &[&str] = &["html", "htm", "xhtml"];

pub(super) enum Found {
    /// A file to read, with its size and modification time (as the index records it)
    /// when the walk saw it.
    File(PathBuf, u64, u64),
    Report(FileReport),
}

/// The report of a file not read, its path as shown (terminal-safe) and as on disk.
pub(super) fn report(path: &Path, fate: FileFate) -> FileReport {
    FileReport::new(path, fate)
}

fn skipped(path: &Path, reason: impl Into<String>) -> Found {
    Found::Report(report(
        path,
        FileFate::Skipped {
            reason: reason.into(),
        },
    ))
}

fn failed(path: &Path, reason: impl Into<String>) -> Found {
    Found::Report(report(
        path,
        FileFate::Failed {
            reason: reason.into(),
        },
    ))
}

pub(super) fn io_reason(e: &std::io::Error) -> String {
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

/// What identifies a directory however it is reached (through links or `..`).
#[cfg(unix)]
fn identity(_: &Path, meta: &fs::Metadata) -> (u64, u64, PathBuf) {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino(), PathBuf::new())
}

#[cfg(not(unix))]
fn identity(path: &Path, _: &fs::Metadata) -> (u64, u64, PathBuf) {
    (
        0,
        0,
        fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()),
    )
}

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n.as_encoded_bytes().first() == Some(&b'.'))
}

/// Every path given, in order; a directory's entries sorted by name. Hidden entries
/// (names starting with `.`) inside a directory are reported, not entered or read:
/// `.git` and editors' backups are not articles, and a hidden file named on the
/// command line is read like any other.
pub(super) fn walk(paths: &[PathBuf]) -> Vec<Found> {
    let mut out = Vec::new();
    let mut visited = HashSet::new();
    let mut files: HashMap<(u64, u64, PathBuf), String> = HashMap::new();
    // (path, named on the command line, its metadata when already asked); popped in order.
    type Pending = (PathBuf, bool, Option<std::io::Result<fs::Metadata>>);
    let mut stack: Vec<Pending> = paths
        .iter()
        .rev()
        .map(|p| (p.clone(), true, None))
        .collect();
    while let Some((path, top, known)) = stack.pop() {
        // Before anything is resolved: an editor's lock file is a hidden dangling link.
        if !top && is_hidden(&path) {
            let dir = fs::metadata(&path).is_ok_and(|m| m.is_dir());
            let what = if dir { "directory" } else { "file" };
            out.push(skipped(
                &path,
                format!("hidden {what} (name it to read it)"),
            ));
            continue;
        }
        let meta = match known.unwrap_or_else(|| fs::metadata(&path)) {
            Ok(m) => m,
            Err(e) => {
                let link = fs::symlink_metadata(&path);
                let reason = match link {
                    Ok(l)
                        if l.file_type().is_symlink()
                            && e.kind() == std::io::ErrorKind::NotFound =>
                    {
                        "broken symlink".to_string()
                    }
                    _ => io_reason(&e),
                };
                out.push(failed(&path, reason));
                continue;
            }
        };
        if meta.is_dir() {
            if !visited.insert(identity(&path, &meta)) {
                out.push(skipped(&path, "directory cycle (already visited)"));
                continue;
            }
            let entries = match fs::read_dir(&path) {
                Ok(rd) => rd,
                Err(e) => {
                    out.push(failed(&path, io_reason(&e)));
                    continue;
                }
            };
            // Sorted by name alone: the same order as by path (one parent), without
            // comparing every path component by component (a fifth of the walk at 100k).
            let mut names: Vec<std::ffi::OsString> = entries
                .filter_map(|e| e.ok().map(|e| e.file_name()))
                .collect();
            names.sort_unstable();
            let children: Vec<PathBuf> = names.iter().map(|n| path.join(n)).collect();
            // A folder of many thousand files: their metadata asked for on all cores at
            // once (hidden ones are reported unread, their metadata not needed here).
            let metas: Vec<_> = children
                .par_iter()
                .map(|c| (!is_hidden(c)).then(|| fs::metadata(c)))
                .collect();
            stack.extend(
                children
                    .into_iter()
                    .zip(metas)
                    .rev()
                    .map(|(c, m)| (c, false, m)),
            );
            continue;
        }
        let found = classify(&path, &meta, top);
        // One file named twice (a folder and a file in it, `a.txt` and `./a.txt`, a
        // link to it) is one document, not two with every figure counted twice.
        if let Found::File(..) = found {
            match files.entry(identity(&path, &meta)) {
                Entry::Occupied(first) => {
                    let first = crate::sanitize_line(first.get());
                    out.push(skipped(&path, format!("already read as {first}")));
                    continue;
                }
                Entry::Vacant(v) => {
                    v.insert(path.display().to_string());
                }
            }
        }
        out.push(found);
    }
    out
}

/// A non-directory: a file to read, or why not.
fn classify(path: &Path, meta: &fs::Metadata, top: bool) -> Found {
    if !meta.is_file() {
        return skipped(path, format!("not a regular file ({})", file_kind(meta)));
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .unwrap_or_default();
    let known = TEXT_EXTENSIONS.contains(&ext.as_str())
        || HTML_EXTENSIONS.contains(&ext.as_str())
        || super::formats::EXTENSIONS.contains(&ext.as_str());
    // A file named on the command line is read whatever its extension.
    if !known && !top {
        let what = if ext.is_empty() {
            "no extension".to_string()
        } else {
            format!(".{ext}")
        };
        return skipped(path, format!("unsupported file type ({what})"));
    }
    Found::File(path.to_path_buf(), meta.len(), crate::index::mtime_of(meta))
}

/// `fifo`, `socket`, `device`: what a path is when it is not a file or a directory.
pub(super) fn file_kind(meta: &fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "fifo";
        }
        if t.is_socket() {
            return "socket";
        }
        if t.is_block_device() || t.is_char_device() {
            return "device";
        }
    }
    if meta.is_dir() {
        "directory"
    } else {
        "special file"
    }
}
