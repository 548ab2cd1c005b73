//! The on-disk form of an index: one pack per set of input folders, written whole and
//! renamed into place (a reader sees the old pack or the new one, never half of one).
//!
//! ```text
//! magic "VNIEIDX1" · producer u64 · table offset u64 · table length u64 · table xxh3 u64
//! · load start u64 (when the load that wrote it began reading files, ns since the epoch)
//! payloads … · table (postcard: entries with their payload's offset, length, xxh3)
//! ```
//!
//! Every byte read is checked: the header's fields against the file's length, the
//! table and each payload against its checksum, so a truncated, corrupted or foreign
//! pack is an error, never wrong data. Pure functions of bytes, fuzzed with the rest.

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::{xxh3_64, xxh3_64_with_seed};

const MAGIC: &[u8; 8] = b"VNIEIDX1";
const HEADER: usize = 8 + 8 * 5;

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
    offset: u64,
    len: u64,
    checksum: u64,
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
        let head = bytes.get(..HEADER).ok_or(PackError::Truncated)?;
        if &head[..8] != MAGIC {
            return Err(PackError::Magic);
        }
        let word = |i: usize| {
            let mut w = [0u8; 8];
            w.copy_from_slice(&head[8 + 8 * i..16 + 8 * i]);
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

    /// Entry `i`'s payload, checked against its checksum.
    pub fn payload(&self, i: usize) -> Result<&'a [u8], PackError> {
        let e = self.entries.get(i).ok_or(PackError::Truncated)?;
        let bytes = slice(self.bytes, e.offset, e.len).ok_or(PackError::Truncated)?;
        if xxh3_64(bytes) != e.checksum {
            return Err(PackError::Checksum);
        }
        Ok(bytes)
    }
}

/// Builds a pack in memory, payload by payload.
pub struct Writer {
    out: Vec<u8>,
    entries: Vec<Entry>,
    producer: u64,
    started_ns: u64,
}

impl Writer {
    pub fn new(producer: u64, started_ns: u64) -> Writer {
        Writer {
            out: vec![0; HEADER],
            entries: Vec::new(),
            producer,
            started_ns,
        }
    }

    pub fn add(&mut self, stamp: Stamp, payload: &[u8]) {
        self.entries.push(Entry {
            stamp,
            offset: self.out.len() as u64,
            len: payload.len() as u64,
            checksum: xxh3_64(payload),
        });
        self.out.extend_from_slice(payload);
    }

    pub fn finish(mut self) -> Vec<u8> {
        let table = postcard::to_allocvec(&self.entries).unwrap_or_default();
        let offset = self.out.len() as u64;
        self.out.extend_from_slice(&table);
        let header: Vec<u8> = MAGIC
            .iter()
            .copied()
            .chain(self.producer.to_le_bytes())
            .chain(offset.to_le_bytes())
            .chain((table.len() as u64).to_le_bytes())
            .chain(xxh3_64_with_seed(&table, self.started_ns).to_le_bytes())
            .chain(self.started_ns.to_le_bytes())
            .collect();
        self.out[..HEADER].copy_from_slice(&header);
        self.out
    }
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
        let mut w = Writer::new(42, 5);
        w.add(stamp("a.txt"), b"first");
        w.add(stamp("b.txt"), b"second payload");
        w.finish()
    }

    #[test]
    fn a_pack_reads_back_what_was_written() {
        let bytes = sample();
        let pack = Pack::parse(&bytes, 42).unwrap();
        assert_eq!(pack.entries.len(), 2);
        assert_eq!(pack.started_ns, 5);
        assert_eq!(pack.entries[1].stamp, stamp("b.txt"));
        assert_eq!(pack.payload(0).unwrap(), b"first");
        assert_eq!(pack.payload(1).unwrap(), b"second payload");
        assert!(pack.payload(2).is_err());
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
        for cut in [HEADER, bytes.len() / 2, bytes.len() - 1] {
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
