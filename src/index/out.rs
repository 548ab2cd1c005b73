//! Writing a pack: a new one beside the old, renamed over it, or the old one grown by
//! what changed (appended under an exclusive lock once everything is spooled).

use super::pack::{self, Row, Stamp};
use super::{producer, Opened};
use crate::model::Backing;
use std::fs;
use std::io::{self, BufWriter, Seek};
use std::path::{Path, PathBuf};

/// A pack being written, never more than one payload in memory: either a new pack (a
/// temporary file beside the pack's path, renamed over it when finished, so that a
/// reader sees the old pack or the new one) or the old pack grown by what changed
/// (under an exclusive lock; readers take a shared one to map it, so no reader sees it
/// half appended).
pub enum Out {
    New {
        path: PathBuf,
        writer: pack::Writer<BufWriter<tempfile::NamedTempFile>, fs::File>,
    },
    Grown {
        path: PathBuf,
        /// The pack as this load mapped it, and its length: what it must still be when
        /// the tail is appended (and what a failed append is cut back to).
        mapped: fs::Metadata,
        len: u64,
        /// The bytes to append, spooled: nothing touches the pack before `finish`.
        writer: pack::Writer<BufWriter<fs::File>, fs::File>,
    },
}

impl Out {
    /// A new pack for `path`; `started_ns`: when the load began reading.
    pub fn create(path: &Path, started_ns: u64) -> io::Result<Out> {
        let dir = path.parent().unwrap_or(Path::new("."));
        fs::create_dir_all(dir)?;
        let tmp = tempfile::Builder::new().prefix(PARTIAL).tempfile_in(dir)?;
        let spool = tempfile::tempfile_in(dir)?;
        let out = BufWriter::with_capacity(1 << 20, tmp);
        let writer = pack::Writer::new(out, spool, producer(), started_ns)?;
        Ok(Out::New {
            path: path.to_path_buf(),
            writer,
        })
    }

    /// The pack at `path` to grow, as `opened` mapped it: what is added is spooled
    /// beside it and appended by [`Out::finish`], under the pack's lock, if the pack is
    /// still that one then.
    pub fn grow(path: &Path, opened: &Opened, started_ns: u64) -> io::Result<Option<Out>> {
        let (Some(mapped), Some(map)) = (&opened.file, &opened.map) else {
            return Ok(None);
        };
        let len = map.bytes().len() as u64;
        let dir = path.parent().unwrap_or(Path::new("."));
        let tail = BufWriter::with_capacity(1 << 20, tempfile::tempfile_in(dir)?);
        let spool = tempfile::tempfile_in(dir)?;
        let writer = pack::Writer::resume(tail, spool, len, producer(), started_ns);
        Ok(Some(Out::Grown {
            path: path.to_path_buf(),
            mapped: mapped.metadata()?,
            len,
            writer,
        }))
    }

    pub fn add(&mut self, stamp: Stamp, text: &[u8], rest: &[u8]) -> io::Result<Row> {
        match self {
            Out::New { writer, .. } => writer.add(stamp, text, rest),
            Out::Grown { writer, .. } => writer.add(stamp, text, rest),
        }
    }

    /// Whether entries of the old pack stay where they are.
    pub fn grows(&self) -> bool {
        matches!(self, Out::Grown { .. })
    }

    /// Writes the table of `rows` (in document order) and syncs; a new pack is renamed
    /// into place, a grown one gets its tail appended.
    pub fn finish(self, rows: Vec<Row>) -> io::Result<()> {
        match self {
            Out::New { path, writer } => {
                let tmp = writer
                    .finish(rows)?
                    .into_inner()
                    .map_err(|e| e.into_error())?;
                tmp.as_file().sync_all()?;
                tmp.persist(&path).map_err(|e| e.error)?;
            }
            Out::Grown {
                path,
                mapped,
                len,
                writer,
            } => {
                let mut tail = writer
                    .finish(rows)?
                    .into_inner()
                    .map_err(|e| e.into_error())?;
                let file = fs::OpenOptions::new().read(true).write(true).open(&path)?;
                lock(&file, Lock::Exclusive)?;
                let appended = append(&file, &mapped, len, &mut tail);
                // A growth cut short (a full disk) would hide the pack's trailer: the pack
                // goes back to what it was (bytes past its old end: no mapping reaches them).
                if appended.is_err() {
                    let _ = file.set_len(len);
                }
                let _ = file.unlock();
                appended?;
            }
        }
        Ok(())
    }
}

/// Appends `tail` to the pack `file`, if it is still the file of `mapped` and `len`
/// bytes long (nobody replaced or grew it meanwhile), and syncs it.
fn append(file: &fs::File, mapped: &fs::Metadata, len: u64, tail: &mut fs::File) -> io::Result<()> {
    let now = file.metadata()?;
    if !same_file(&now, mapped) || now.len() != len {
        return Err(io::Error::other("the pack changed meanwhile"));
    }
    tail.seek(io::SeekFrom::Start(0))?;
    let mut end = file;
    end.seek(io::SeekFrom::End(0))?;
    io::copy(tail, &mut end)?;
    file.sync_data()
}

/// The start of the name of a pack being written (removed by `prune` once old).
pub(super) const PARTIAL: &str = ".vnie-partial-";

pub(super) enum Lock {
    Shared,
    Exclusive,
}

/// Takes a file lock, again when a signal interrupts the wait. `Ok(false)`: the file
/// system has no locks.
pub(super) fn lock(file: &fs::File, kind: Lock) -> io::Result<bool> {
    loop {
        let taken = match kind {
            Lock::Shared => file.lock_shared(),
            Lock::Exclusive => file.lock(),
        };
        match taken {
            Ok(()) => return Ok(true),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) if e.kind() == io::ErrorKind::Unsupported => return Ok(false),
            Err(e) => return Err(e),
        }
    }
}

/// Whether two metadata are of one file.
fn same_file(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        a.dev() == b.dev() && a.ino() == b.ino()
    }
    #[cfg(not(unix))]
    {
        a.len() == b.len() && a.modified().ok() == b.modified().ok()
    }
}
