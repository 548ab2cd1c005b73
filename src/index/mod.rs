//! A persistent index of what the extractors made of each file, so that reopening a
//! folder in which nothing changed costs a read, not an extraction.
//!
//! One pack per list of input paths, under `$XDG_CACHE_HOME/vnie/packs/` (else
//! `~/.cache/vnie`, or `--index DIR`), never inside the input folders. An entry is
//! used only when its file's path, size and modification time are those recorded and
//! the pack was written by this very build (vnie's version, the executable, the
//! `assets/` data); a file modified within two seconds of the pack being written is
//! compared by content, since its time cannot tell a second change apart. Packs are
//! written whole to a temporary file and renamed, so a reader (another vnie among them)
//! sees the old pack or the new one; a pack that fails any check is rebuilt.

mod decode;
mod figures;
mod out;
pub mod pack;

pub use decode::{decode_into, Sink};
pub use out::Out;
use out::{lock, Lock, PARTIAL};

use crate::corpus::RawDoc;
use crate::extract::Extraction;
use crate::model::{Backing, Text};
use pack::{Pack, PackError, Row, Stamp};
use std::cell::RefCell;
use std::collections::HashMap;
use std::fs;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::{SystemTime, UNIX_EPOCH};
use xxhash_rust::xxh3::xxh3_64;

/// The index directory when none is given: `$XDG_CACHE_HOME/vnie`, else `~/.cache/vnie`.
pub fn default_dir() -> Option<PathBuf> {
    std::env::var_os("XDG_CACHE_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .map(|d| d.join("vnie"))
}

/// What wrote a pack: vnie's version, this executable (size and time: a rebuild is
/// another producer), the reference data compiled in and the PDF reader.
pub fn producer() -> u64 {
    static ID: OnceLock<u64> = OnceLock::new();
    *ID.get_or_init(|| {
        let exe = std::env::current_exe()
            .and_then(fs::metadata)
            .map(|m| (m.len(), nanos(m.modified().ok())))
            .unwrap_or_default();
        // Which PDF reader is in use changes what a PDF's text is.
        let id = format!(
            "{}\0{}\0{}\0{}\0{}\0{}",
            env!("CARGO_PKG_VERSION"),
            exe.0,
            exe.1,
            crate::reference::assets_fingerprint(),
            std::mem::size_of::<crate::model::Figure>(),
            crate::corpus::formats::pdf_reader_id()
        );
        xxh3_64(id.as_bytes())
    })
}

fn nanos(t: Option<SystemTime>) -> u64 {
    t.and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX))
}

/// A file's modification time as the index records it.
pub fn mtime_of(meta: &fs::Metadata) -> u64 {
    nanos(meta.modified().ok())
}

/// A path as the index keys it: absolute, its bytes as the system has them (a name that
/// is not UTF-8 stays itself).
pub fn path_key(path: &Path) -> Vec<u8> {
    std::path::absolute(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .into_os_string()
        .into_encoded_bytes()
}

/// Hash of a file's bytes, as the index records it.
pub fn content_hash(bytes: &[u8]) -> u64 {
    xxh3_64(bytes)
}

/// The pack for a list of input paths (as given, made absolute).
pub fn pack_path(dir: &Path, inputs: &[PathBuf]) -> PathBuf {
    let mut key = String::new();
    for p in inputs {
        let abs = fs::canonicalize(p).unwrap_or_else(|_| p.clone());
        key.push_str(&abs.to_string_lossy());
        key.push('\0');
    }
    // The producer in the name: two builds sharing the directory keep a pack each.
    dir.join("packs").join(format!(
        "{:016x}-{:016x}.vnidx",
        producer(),
        xxh3_64(key.as_bytes())
    ))
}

/// One file's cached result, as stored.
pub type Cached = (RawDoc, Extraction);

/// A payload ([`pack::join`]): the text, then the rest of the document and its
/// extraction (postcard, with the figures as fixed-size records: `index::figures`). The
/// text, most of the bytes, is kept apart so that reading it
/// back is a checksum and one SIMD UTF-8 check, and it stays in the pack, shared.
pub fn encode(raw: &RawDoc, ex: &Extraction) -> Vec<u8> {
    pack::join(raw.text.as_bytes(), &encode_rest(raw, ex))
}

/// A payload's rest: the document's fields besides its text, and its extraction.
pub fn encode_rest(raw: &RawDoc, ex: &Extraction) -> Vec<u8> {
    let rest = (
        &raw.source,
        &raw.encoding,
        raw.date_hint,
        decode::Stored(ex),
    );
    postcard::to_allocvec(&rest).unwrap_or_default()
}

/// A pack's bytes: the file mapped into memory, not copied (a pack is as large as the
/// text it indexes); the documents' texts stay there, shared, for as long as any
/// document refers to them.
pub struct Opened {
    map: Option<Arc<Mapped>>,
    file: Option<fs::File>,
}

/// A mapped pack.
struct Mapped(memmap2::Mmap);

impl Backing for Mapped {
    fn bytes(&self) -> &[u8] {
        &self.0
    }
}

/// A timestamp's resolution, at worst (FAT's two seconds): a file modified this close to
/// the start of the load that indexed it may have changed again with the same time.
const RACY_NS: u64 = 2_000_000_000;

impl Opened {
    /// The bytes of the pack at `path`, if there is one ([`Opened::pack`] checks them).
    pub fn read(path: &Path) -> Result<Option<Opened>, String> {
        let file = match fs::File::open(path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e.to_string()),
        };
        if file.metadata().map_err(|e| e.to_string())?.len() == 0 {
            return Ok(Some(Opened {
                map: None,
                file: None,
            }));
        }
        // Not while another vnie grows it (it holds the lock exclusively meanwhile); where
        // the file system has no locks, a pack caught half grown fails its checks instead.
        let locked = lock(&file, Lock::Shared).map_err(|e| e.to_string())?;
        // SAFETY: a mapped file must not change under the mapping. Packs are never
        // written in place: a new pack is a new file renamed over the old one, which
        // leaves the mapped (old) file as it was until it is unmapped, and a pack grown
        // keeps every byte it had (it is only appended to).
        let map = unsafe { memmap2::Mmap::map(&file) }.map_err(|e| e.to_string());
        if locked {
            file.unlock().map_err(|e| e.to_string())?;
        }
        let map = map?;
        Ok(Some(Opened {
            map: Some(Arc::new(Mapped(map))),
            file: Some(file),
        }))
    }

    fn bytes(&self) -> &[u8] {
        self.map.as_ref().map_or(&[], |m| m.bytes())
    }

    pub fn pack(&self) -> Result<Pack<'_>, PackError> {
        Pack::parse(self.bytes(), producer())
    }
}

/// Whether the text at `range` of the pack is what its checksum says and is UTF-8:
/// read with `pread` into `buf`, so that checking every text does not bring the whole
/// pack into this process's memory (the mapping is touched only where a text is shown).
fn read_text(opened: &Opened, range: &Range<usize>, checksum: u64, buf: &mut Vec<u8>) -> bool {
    buf.clear();
    #[cfg(unix)]
    if let Some(file) = &opened.file {
        use std::os::unix::fs::FileExt;
        buf.resize(range.len(), 0);
        return file.read_exact_at(buf, range.start as u64).is_ok()
            && pack::text_ok(buf, checksum)
            && simdutf8::basic::from_utf8(buf).is_ok();
    }
    match opened.bytes().get(range.clone()) {
        Some(text) if pack::text_ok(text, checksum) && simdutf8::basic::from_utf8(text).is_ok() => {
            buf.extend_from_slice(text);
            true
        }
        _ => false,
    }
}

/// [`read_text`] into a buffer of this thread.
fn text_checked(opened: &Opened, range: &Range<usize>, checksum: u64) -> bool {
    thread_local! {
        static BUFFER: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    }
    BUFFER.with_borrow_mut(|buf| {
        let ok = read_text(opened, range, checksum, buf);
        // One long text should not hold its size in every worker for good.
        buf.clear();
        buf.shrink_to(1 << 20);
        ok
    })
}

/// The bytes of a regular file of `size` bytes, opened without waiting (a FIFO swapped
/// in for it is refused, not read).
fn read_regular(path: &Path, size: u64) -> Option<Vec<u8>> {
    use std::io::Read;
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let file = options.open(path).ok()?;
    let meta = file.metadata().ok()?;
    if !meta.is_file() || meta.len() != size {
        return None;
    }
    let mut bytes = Vec::new();
    file.take(size.saturating_add(1))
        .read_to_end(&mut bytes)
        .ok()?;
    (bytes.len() as u64 == size).then_some(bytes)
}

/// Now, as the index records times.
pub fn now_ns() -> u64 {
    nanos(Some(SystemTime::now()))
}

/// A payload read back whole, its text copied (tests, the fuzz runner).
pub fn decode(payload: &[u8]) -> Option<Cached> {
    let (text, rest) = pack::split(payload)?;
    let text = simdutf8::basic::from_utf8(text).ok()?;
    let (raw, rest) = decode_document(text.into(), rest)?;
    Some((raw, decode_extraction(rest)?))
}

/// The document of a payload, given its text, and the bytes of its extraction (decoded
/// later, when the corpus takes it: the extractions of a whole folder are never all held
/// at once).
pub fn decode_document(text: Text, rest: &[u8]) -> Option<(RawDoc, &[u8])> {
    type Head = (String, String, Option<crate::model::RefDate>);
    let ((source, encoding, date_hint), rest): (Head, &[u8]) =
        postcard::take_from_bytes(rest).ok()?;
    let raw = RawDoc {
        source,
        text,
        encoding,
        date_hint,
    };
    Some((raw, rest))
}

pub fn decode_extraction(bytes: &[u8]) -> Option<Extraction> {
    let (mut figures, mut sectors) = (Vec::new(), Vec::new());
    let sink = Sink {
        document: 0,
        figures: &mut figures,
        sectors: &mut sectors,
    };
    let ex = decode_into(bytes, sink)?;
    Some(Extraction {
        figures,
        sectors,
        ..ex
    })
}

/// Writes a pack of `entries` (stamp and payload, [`encode`]d, in document order) to
/// `path`. `started_ns`: when the load began reading.
pub fn write(
    path: &Path,
    entries: impl IntoIterator<Item = (Stamp, Vec<u8>)>,
    started_ns: u64,
) -> io::Result<()> {
    let mut out = Out::create(path, started_ns)?;
    let mut table = Vec::new();
    for (stamp, payload) in entries {
        // Payloads are made by `encode`: one that does not split is left out.
        if let Some((text, rest)) = pack::split(&payload) {
            table.push(out.add(stamp, text, rest)?);
        }
    }
    out.finish(table)
}

/// Removes the entries of files that no longer exist from every pack in `dir`, and
/// packs left with none (or unreadable, or from another build). Returns (packs
/// removed, entries removed).
pub fn prune(dir: &Path) -> std::io::Result<(usize, usize)> {
    let packs = dir.join("packs");
    let Ok(list) = fs::read_dir(&packs) else {
        return Ok((0, 0));
    };
    let (mut packs_gone, mut entries_gone) = (0, 0);
    for entry in list.flatten() {
        let path = entry.path();
        // A pack some vnie began and never finished (killed while writing): gone once
        // it is a day old, as no load takes that long.
        let partial = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with(PARTIAL));
        if partial {
            let stale = entry
                .metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|t| t.elapsed().is_ok_and(|age| age.as_secs() > 24 * 3600));
            if stale {
                fs::remove_file(&path)?;
            }
            continue;
        }
        if path.extension().is_none_or(|e| e != "vnidx") {
            continue;
        }
        // Another build's pack is that build's to prune; an unreadable one is left.
        if !path.file_name().is_some_and(|n| {
            n.to_string_lossy()
                .starts_with(&format!("{:016x}-", producer()))
        }) {
            continue;
        }
        let Ok(Some(opened)) = Opened::read(&path) else {
            continue;
        };
        let Ok(pack) = opened.pack() else {
            fs::remove_file(&path)?;
            packs_gone += 1;
            continue;
        };
        let keep: Vec<usize> = (0..pack.entries.len())
            .filter(|&i| pack.entries[i].stamp.os_path().exists())
            .collect();
        entries_gone += pack.entries.len() - keep.len();
        if keep.is_empty() {
            fs::remove_file(&path)?;
            packs_gone += 1;
        } else if keep.len() < pack.entries.len() {
            let kept: Vec<(Stamp, Vec<u8>)> = keep
                .iter()
                .filter_map(|&i| Some((pack.entries[i].stamp.clone(), pack.payload(i).ok()?)))
                .collect();
            write(&path, kept, pack.started_ns)?;
        }
    }
    Ok((packs_gone, entries_gone))
}

/// What the index did for one load, for `check` and the explorer's status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub pack: PathBuf,
    /// Documents read from the index.
    pub reused: usize,
    /// Documents read and extracted now.
    pub extracted: usize,
    /// Whether a new pack was written.
    pub written: bool,
    /// A pack found unusable, or not written: one line.
    pub notice: Option<String>,
}

/// One load through the index: the pack for these inputs as it was found.
pub struct Session {
    path: PathBuf,
    opened: Option<Opened>,
    /// When this load began, before any file was read: the next load's racy limit.
    started_ns: u64,
    /// Why the pack found could not be read.
    unreadable: Option<String>,
}

/// A parsed pack, its entries by the hash of their path.
pub struct View<'a> {
    pack: Pack<'a>,
    by_path: HashMap<u64, usize>,
    opened: &'a Opened,
}

impl Session {
    pub fn open(dir: &Path, inputs: &[PathBuf]) -> Session {
        let path = pack_path(dir, inputs);
        let (opened, unreadable) = match Opened::read(&path) {
            Ok(o) => (o, None),
            Err(e) => (None, Some(e)),
        };
        Session {
            path,
            opened,
            started_ns: now_ns(),
            unreadable,
        }
    }

    /// The pack found, parsed once, and why it cannot be used when it cannot (a
    /// one-line notice: it is rebuilt).
    pub fn view(&self) -> (Option<View<'_>>, Option<String>) {
        let parsed = match (&self.opened, &self.unreadable) {
            (Some(opened), _) => opened
                .pack()
                .map(|pack| (pack, opened))
                .map_err(|e| e.to_string()),
            (None, Some(e)) => Err(e.clone()),
            (None, None) => return (None, None),
        };
        match parsed {
            Ok((pack, opened)) => {
                let by_path = pack
                    .entries
                    .iter()
                    .enumerate()
                    .map(|(i, e)| (xxh3_64(&e.stamp.path), i))
                    .collect();
                (
                    Some(View {
                        pack,
                        by_path,
                        opened,
                    }),
                    None,
                )
            }
            Err(e) => {
                let path = crate::sanitize_line(&self.path.display().to_string());
                (
                    None,
                    Some(format!("index {path} unusable ({e}); rebuilding it")),
                )
            }
        }
    }

    /// The pack this load writes, as it goes: the old one grown when at least half of
    /// it stays in use (`kept`: the old entries this load keeps), else a new one.
    pub fn out(&self, view: Option<&View<'_>>, kept: &[usize]) -> Result<Out, String> {
        let grown = view.and_then(|v| {
            let live: u64 = kept.iter().map(|&i| v.pack.payload_len(i)).sum();
            let total = v.opened.bytes().len() as u64;
            (2 * live >= total).then(|| Out::grow(&self.path, v.opened, self.started_ns))
        });
        match grown {
            Some(Ok(Some(out))) => Ok(out),
            _ => Out::create(&self.path, self.started_ns),
        }
        .map_err(|e| format!("index {} not written: {e}", self.path.display()))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Removes the packs other builds of vnie wrote for these inputs, but the newest:
    /// each upgrade writes a pack of its own (about 1.4 times the input), and without
    /// this, every version ever run would keep one. Two builds used in turns (a release
    /// and a development build) still keep a pack each. Returns how many were removed.
    pub fn retire_other_builds(&self) -> std::io::Result<usize> {
        let (Some(dir), Some(name)) = (self.path.parent(), self.path.file_name()) else {
            return Ok(0);
        };
        let name = name.to_string_lossy();
        // "<producer>-<inputs>.vnidx": the same inputs, another producer.
        let Some((_, inputs)) = name.split_once('-') else {
            return Ok(0);
        };
        let mut others: Vec<(std::time::SystemTime, PathBuf)> = fs::read_dir(dir)?
            .flatten()
            .filter(|e| {
                let n = e.file_name().to_string_lossy().into_owned();
                n != name
                    && !n.starts_with(PARTIAL)
                    && n.split_once('-').is_some_and(|(_, rest)| rest == inputs)
            })
            .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
            .collect();
        others.sort_by_key(|o| std::cmp::Reverse(o.0));
        let mut removed = 0;
        for (_, path) in others.iter().skip(1) {
            fs::remove_file(path)?;
            removed += 1;
        }
        Ok(removed)
    }
}

impl<'a> View<'a> {
    /// The cached result for the file at `path`, if its entry still describes it: the
    /// same size and modification time (as the walk just saw them), and — when that time
    /// is too close to the pack's own to tell a second change apart — the same content.
    /// Also the entry's number, whose payload a new pack can take as it is.
    pub fn lookup(&self, path: &Path, size: u64, mtime: u64) -> Option<(usize, RawDoc, &'a [u8])> {
        let key = path_key(path);
        let i = *self.by_path.get(&xxh3_64(&key))?;
        let stamp = &self.pack.entries[i].stamp;
        if stamp.path != key || stamp.size != size || stamp.mtime_ns != mtime {
            return None;
        }
        let settled = mtime != 0 && mtime.saturating_add(RACY_NS) < self.pack.started_ns;
        if !settled && content_hash(&read_regular(path, size)?) != stamp.content {
            return None;
        }
        let parts = self.pack.parts(i).ok()?;
        if !text_checked(self.opened, &parts.text, parts.text_checksum) {
            return None;
        }
        let backing: Arc<dyn Backing> = self.opened.map.clone()?;
        // SAFETY: the range was just checked to be UTF-8 (read from the same file), and
        // a pack never changes under its mapping (see `Opened::read`).
        let text = unsafe { Text::shared(backing, parts.text) }?;
        let (raw, extraction) = decode_document(text, parts.rest)?;
        Some((i, raw, extraction))
    }

    /// Entry `i` in the next pack: where it is, when the pack grows; else copied as it
    /// is (its text read past the mapping).
    pub fn carry(&self, i: usize, out: &mut Out, buf: &mut Vec<u8>) -> Option<Row> {
        let entry = self.pack.entries.get(i)?;
        if out.grows() {
            return Some(Row::Kept(entry.clone()));
        }
        let parts = self.pack.parts(i).ok()?;
        if !read_text(self.opened, &parts.text, parts.text_checksum, buf) {
            return None;
        }
        out.add(entry.stamp.clone(), buf, parts.rest).ok()
    }

    pub fn len(&self) -> usize {
        self.pack.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.pack.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_comes_back_as_it_went_in() {
        let text = "Thanh Hóa phấn đấu đạt tỷ trọng công nghiệp 40% vào năm 2030.";
        let raw = RawDoc {
            source: "a.txt".into(),
            text: text.into(),
            encoding: "utf-8".into(),
            date_hint: None,
        };
        let ex = crate::extract::extract(text);
        let bytes = encode(&raw, &ex);
        let (back, back_ex) = decode(&bytes).unwrap();
        assert_eq!(
            (back.source, back.text, back.encoding),
            (raw.source, raw.text, raw.encoding)
        );
        assert_eq!(back_ex, ex);
        assert!(decode(&bytes[..20]).is_none());
        assert!(decode(b"").is_none());
    }
}
