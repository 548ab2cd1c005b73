//! The on-disk form of an index: one pack per set of input folders, written whole and
//! renamed into place (a reader sees the old pack or the new one, never half of one).
//!
//! ```text
//! magic "VNIEIDX3" · texts … · rests … · table (postcard: entries with their text's and
//! rest's place and checksums) · trailer: producer u64 · table offset u64 · table length
//! u64 · table xxh3 u64 · load start u64 (when the load that wrote the table began reading
//! files, ns since the epoch) · magic
//! ```
//!
//! A payload is a document's text and the rest (its other fields and its extraction).
//! The texts, most of the bytes, lie together and the rests after them, so that what a
//! reopen decodes (the rests) lies on pages of its own. A pack only ever grows: a few
//! changed files are appended (their texts, rests, a new table and trailer) and the new
//! trailer, last, is the pack; earlier bytes never change, so a mapping of the pack stays
//! valid while it grows.
//!
//! Every byte read is checked: the trailer's fields against the file's length, the
//! table and each payload against its checksum, so a truncated, corrupted or foreign
//! pack is an error, never wrong data. A payload's text and its rest have a checksum
//! each: the text can be checked without being mapped into memory ([`Pack::parts`]).
//! Pure functions of bytes, fuzzed with the rest.

use serde::{Deserialize, Serialize};
use std::io::{self, Cursor, Read, Seek, SeekFrom, Write};
use xxhash_rust::xxh3::{xxh3_64, xxh3_64_with_seed};

const MAGIC: &[u8; 8] = b"VNIEIDX3";
const TRAILER: usize = 8 * 5 + 8;

/// What identified a file when its entry was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    /// The absolute path's bytes ([`crate::index::path_key`]).
    pub path: Vec<u8>,
    pub size: u64,
    /// Modification time, nanoseconds since the epoch (0 when unknown).
    pub mtime_ns: u64,
    /// xxh3 of the file's bytes.
    pub content: u64,
}

impl Stamp {
    /// The path on this system.
    pub fn os_path(&self) -> std::path::PathBuf {
        // Unix paths are bytes: any name comes back as it was.
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            std::ffi::OsStr::from_bytes(&self.path).into()
        }
        #[cfg(not(unix))]
        {
            String::from_utf8_lossy(&self.path).into_owned().into()
        }
    }
}

/// One file's entry: its stamp and where its payload lies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub stamp: Stamp,
    text_offset: u64,
    text_len: u64,
    rest_offset: u64,
    rest_len: u64,
    /// xxh3 of the text.
    text_checksum: u64,
    /// xxh3 of the rest, seeded with the text's length.
    checksum: u64,
}

/// A payload as one buffer: the text's length (u64, little-endian), the text, the rest.
pub fn join(text: &[u8], rest: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(8 + text.len() + rest.len());
    out.extend_from_slice(&(text.len() as u64).to_le_bytes());
    out.extend_from_slice(text);
    out.extend_from_slice(rest);
    out
}

/// A payload's text and rest ([`join`] undone).
pub fn split(payload: &[u8]) -> Option<(&[u8], &[u8])> {
    let (len, body) = payload.split_first_chunk::<8>()?;
    let len = usize::try_from(u64::from_le_bytes(*len)).ok()?;
    (len <= body.len()).then(|| body.split_at(len))
}

/// Where a payload's text lies in the pack, and its checksum: checked by whoever reads
/// it ([`text_ok`]), and the payload's rest, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parts<'a> {
    pub text: std::ops::Range<usize>,
    pub text_checksum: u64,
    pub rest: &'a [u8],
}

/// Whether `text` is what an entry's text checksum says.
pub fn text_ok(text: &[u8], checksum: u64) -> bool {
    xxh3_64(text) == checksum
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PackError {
    #[error("not an index file")]
    Magic,
    #[error("written by another build of vnie")]
    Producer,
    #[error("truncated")]
    Truncated,
    #[error("checksum mismatch")]
    Checksum,
    #[error("unreadable table ({0})")]
    Table(String),
}

/// A pack read from bytes: its entries, their payloads checked when taken.
pub struct Pack<'a> {
    bytes: &'a [u8],
    pub entries: Vec<Entry>,
    /// When the load that wrote the pack began reading files: a file modified less than
    /// a timestamp's resolution before it may have changed again unseen.
    pub started_ns: u64,
}

fn slice(bytes: &[u8], offset: u64, len: u64) -> Option<&[u8]> {
    let o = usize::try_from(offset).ok()?;
    let l = usize::try_from(len).ok()?;
    bytes.get(o..o.checked_add(l)?)
}

impl<'a> Pack<'a> {
    /// The pack in `bytes`, if it is whole and was written by `producer`.
    pub fn parse(bytes: &'a [u8], producer: u64) -> Result<Pack<'a>, PackError> {
        if bytes.len() < MAGIC.len() + TRAILER {
            return Err(if bytes.starts_with(MAGIC) || bytes.len() < MAGIC.len() {
                PackError::Truncated
            } else {
                PackError::Magic
            });
        }
        if &bytes[..8] != MAGIC {
            return Err(PackError::Magic);
        }
        let trailer = &bytes[bytes.len() - TRAILER..];
        // A pack cut short, or caught half appended, ends in something else.
        if &trailer[TRAILER - 8..] != MAGIC {
            return Err(PackError::Truncated);
        }
        let word = |i: usize| {
            let mut w = [0u8; 8];
            w.copy_from_slice(&trailer[8 * i..8 + 8 * i]);
            u64::from_le_bytes(w)
        };
        if word(0) != producer {
            return Err(PackError::Producer);
        }
        let table = slice(bytes, word(1), word(2)).ok_or(PackError::Truncated)?;
        // The load's start time seeds the table's checksum: it is checked with it.
        if xxh3_64_with_seed(table, word(4)) != word(3) {
            return Err(PackError::Checksum);
        }
        let entries: Vec<Entry> =
            postcard::from_bytes(table).map_err(|e| PackError::Table(e.to_string()))?;
        Ok(Pack {
            bytes,
            entries,
            started_ns: word(4),
        })
    }

    /// The bytes of entry `i`'s payload.
    pub fn payload_len(&self, i: usize) -> u64 {
        self.entries.get(i).map_or(0, |e| e.text_len + e.rest_len)
    }

    /// The bytes of payloads no entry refers to any more (what appending left behind),
    /// and of those referred to.
    pub fn dead_and_live(&self) -> (u64, u64) {
        let live: u64 = self.entries.iter().map(|e| e.text_len + e.rest_len).sum();
        (
            self.bytes.len() as u64 - live.min(self.bytes.len() as u64),
            live,
        )
    }

    /// Entry `i`'s payload, all of it checked, as one buffer ([`join`]).
    pub fn payload(&self, i: usize) -> Result<Vec<u8>, PackError> {
        let parts = self.parts(i)?;
        let text = &self.bytes[parts.text.clone()];
        if !text_ok(text, parts.text_checksum) {
            return Err(PackError::Checksum);
        }
        Ok(join(text, parts.rest))
    }

    /// Entry `i`'s text (where, and its checksum, unchecked) and rest (checked).
    pub fn parts(&self, i: usize) -> Result<Parts<'a>, PackError> {
        let e = self.entries.get(i).ok_or(PackError::Truncated)?;
        let text = slice(self.bytes, e.text_offset, e.text_len).ok_or(PackError::Truncated)?;
        let start = usize::try_from(e.text_offset).map_err(|_| PackError::Truncated)?;
        let rest = slice(self.bytes, e.rest_offset, e.rest_len).ok_or(PackError::Truncated)?;
        if xxh3_64_with_seed(rest, e.text_len) != e.checksum {
            return Err(PackError::Checksum);
        }
        Ok(Parts {
            text: start..start + text.len(),
            text_checksum: e.text_checksum,
            rest,
        })
    }
}

/// Writes a pack as payloads come, in any order: texts straight to `out`, rests to
/// `spool` (a scratch file) until [`Writer::finish`] appends them, the table in the
/// order the caller gives and the trailer, so that no more than one payload is held at
/// a time. [`Writer::resume`] appends to an existing pack the same way.
pub struct Writer<W, S> {
    out: W,
    spool: S,
    at: u64,
    spooled: u64,
    /// A write failed: offsets no longer match the bytes, so nothing more is written.
    failed: bool,
    producer: u64,
    started_ns: u64,
}

/// A row of the table being written: an entry added now, or one kept from the pack
/// being appended to, as it was.
pub enum Row {
    Added(Entry),
    Kept(Entry),
}

impl<W: Write, S: Read + Write + Seek> Writer<W, S> {
    /// A new pack.
    pub fn new(mut out: W, spool: S, producer: u64, started_ns: u64) -> io::Result<Self> {
        out.write_all(MAGIC)?;
        Ok(Self::resume(
            out,
            spool,
            MAGIC.len() as u64,
            producer,
            started_ns,
        ))
    }

    /// More of the pack whose bytes `out` ends after `len` of them.
    pub fn resume(out: W, spool: S, len: u64, producer: u64, started_ns: u64) -> Self {
        Writer {
            out,
            spool,
            at: len,
            spooled: 0,
            failed: false,
            producer,
            started_ns,
        }
    }

    /// Writes a payload of `text` and `rest`; its entry goes in the table at `finish`.
    pub fn add(&mut self, stamp: Stamp, text: &[u8], rest: &[u8]) -> io::Result<Row> {
        if self.failed {
            return Err(io::Error::other("an earlier write to the index failed"));
        }
        let written = self
            .out
            .write_all(text)
            .and_then(|()| self.spool.write_all(rest));
        if let Err(e) = written {
            self.failed = true;
            return Err(e);
        }
        let entry = Entry {
            stamp,
            text_offset: self.at,
            text_len: text.len() as u64,
            // Where the rest lies among the rests, until `finish` places them.
            rest_offset: self.spooled,
            rest_len: rest.len() as u64,
            text_checksum: xxh3_64(text),
            checksum: xxh3_64_with_seed(rest, text.len() as u64),
        };
        self.at += text.len() as u64;
        self.spooled += rest.len() as u64;
        Ok(Row::Added(entry))
    }

    /// Appends the rests, the table of `rows` (in document order) and the trailer;
    /// returns the output.
    pub fn finish(mut self, rows: Vec<Row>) -> io::Result<W> {
        if self.failed {
            return Err(io::Error::other("an earlier write to the index failed"));
        }
        let base = self.at;
        let entries: Vec<Entry> = rows
            .into_iter()
            .map(|row| match row {
                Row::Added(mut e) => {
                    e.rest_offset += base;
                    e
                }
                Row::Kept(e) => e,
            })
            .collect();
        self.spool.flush()?;
        self.spool.seek(SeekFrom::Start(0))?;
        let copied = io::copy(&mut (&mut self.spool).take(self.spooled), &mut self.out)?;
        if copied != self.spooled {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "index spool cut short",
            ));
        }
        let table = postcard::to_allocvec(&entries).map_err(io::Error::other)?;
        let offset = base + self.spooled;
        self.out.write_all(&table)?;
        let trailer: Vec<u8> = self
            .producer
            .to_le_bytes()
            .into_iter()
            .chain(offset.to_le_bytes())
            .chain((table.len() as u64).to_le_bytes())
            .chain(xxh3_64_with_seed(&table, self.started_ns).to_le_bytes())
            .chain(self.started_ns.to_le_bytes())
            .chain(*MAGIC)
            .collect();
        self.out.write_all(&trailer)?;
        self.out.flush()?;
        Ok(self.out)
    }
}

/// A whole pack in memory (tests, small packs).
pub fn to_bytes(producer: u64, started_ns: u64, payloads: &[(Stamp, &[u8], &[u8])]) -> Vec<u8> {
    let run = || -> io::Result<Vec<u8>> {
        let mut w = Writer::new(Vec::new(), Cursor::new(Vec::new()), producer, started_ns)?;
        let mut entries = Vec::new();
        for (stamp, text, rest) in payloads {
            entries.push(w.add(stamp.clone(), text, rest)?);
        }
        w.finish(entries)
    };
    run().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp(path: &str) -> Stamp {
        Stamp {
            path: path.as_bytes().to_vec(),
            size: 3,
            mtime_ns: 7,
            content: 9,
        }
    }

    fn sample() -> Vec<u8> {
        to_bytes(
            42,
            5,
            &[
                (stamp("a.txt"), b"first", b""),
                (stamp("b.txt"), b"second", b" payload"),
            ],
        )
    }

    #[test]
    fn payloads_written_in_any_order_are_tabled_in_the_order_given() {
        let mut w = Writer::new(Vec::new(), Cursor::new(Vec::new()), 1, 2).unwrap();
        let b = w.add(stamp("b.txt"), b"bee", b"B").unwrap();
        let a = w.add(stamp("a.txt"), b"ay", b"A").unwrap();
        let bytes = w.finish(vec![a, b]).unwrap();
        let pack = Pack::parse(&bytes, 1).unwrap();
        assert_eq!(pack.entries[0].stamp, stamp("a.txt"));
        assert_eq!(pack.payload(0).unwrap(), join(b"ay", b"A"));
        assert_eq!(pack.payload(1).unwrap(), join(b"bee", b"B"));
    }

    #[test]
    fn a_pack_grows_by_what_changed_and_keeps_the_rest_where_it_was() {
        let bytes = sample();
        let pack = Pack::parse(&bytes, 42).unwrap();
        let kept = pack.entries[0].clone();
        let mut w = Writer::resume(
            bytes.clone(),
            Cursor::new(Vec::new()),
            bytes.len() as u64,
            42,
            9,
        );
        let changed = w.add(stamp("b.txt"), b"changed", b" rest").unwrap();
        let grown = w.finish(vec![Row::Kept(kept), changed]).unwrap();
        assert_eq!(
            &grown[..bytes.len()],
            &bytes[..],
            "earlier bytes never change"
        );
        let pack = Pack::parse(&grown, 42).unwrap();
        assert_eq!(pack.started_ns, 9);
        assert_eq!(pack.payload(0).unwrap(), join(b"first", b""));
        assert_eq!(pack.payload(1).unwrap(), join(b"changed", b" rest"));
        let (dead, live) = pack.dead_and_live();
        assert_eq!(live, ("first".len() + "changed rest".len()) as u64);
        assert!(dead > 0);
        // Caught half appended: the old trailer is not at the end, so it is damage.
        assert!(Pack::parse(&grown[..grown.len() - 3], 42).is_err());
    }

    #[test]
    fn a_pack_reads_back_what_was_written() {
        let bytes = sample();
        let pack = Pack::parse(&bytes, 42).unwrap();
        assert_eq!(pack.entries.len(), 2);
        assert_eq!(pack.started_ns, 5);
        assert_eq!(pack.entries[1].stamp, stamp("b.txt"));
        assert_eq!(pack.payload(0).unwrap(), join(b"first", b""));
        assert_eq!(pack.payload(1).unwrap(), join(b"second", b" payload"));
        assert_eq!(split(&join(b"ab", b"c")), Some((&b"ab"[..], &b"c"[..])));
        let parts = pack.parts(1).unwrap();
        assert_eq!(&bytes[parts.text.clone()], b"second");
        assert!(text_ok(b"second", parts.text_checksum));
        assert_eq!(parts.rest, b" payload");
        assert!(pack.payload(2).is_err() && pack.parts(2).is_err());
    }

    #[test]
    fn damage_anywhere_is_detected() {
        let bytes = sample();
        assert_eq!(Pack::parse(&bytes, 43).err(), Some(PackError::Producer));
        assert_eq!(
            Pack::parse(b"garbage", 42).err(),
            Some(PackError::Truncated)
        );
        let mut foreign = bytes.clone();
        foreign[0] = b'X';
        assert_eq!(Pack::parse(&foreign, 42).err(), Some(PackError::Magic));
        for cut in [TRAILER, bytes.len() / 2, bytes.len() - 1] {
            assert!(Pack::parse(&bytes[..cut], 42).is_err(), "cut at {cut}");
        }
        // Every single flipped byte: an error from parse or from the payload it hits.
        for i in 0..bytes.len() {
            let mut b = bytes.clone();
            b[i] ^= 0x40;
            let noticed = match Pack::parse(&b, 42) {
                Err(_) => true,
                Ok(pack) => (0..pack.entries.len()).any(|e| pack.payload(e).is_err()),
            };
            assert!(noticed, "flip at {i} went unnoticed");
        }
    }
}
