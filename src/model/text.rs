//! A document's text: owned when it was just read, or shared with the bytes it was
//! cached in (a memory-mapped index pack), so that reopening a folder does not copy
//! every text into memory nor touch it before it is shown.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::ops::{Deref, Range};
use std::sync::Arc;

/// Bytes that stay put while anything refers to them.
pub trait Backing: Send + Sync {
    fn bytes(&self) -> &[u8];
}

#[derive(Clone)]
pub struct Text(Repr);

#[derive(Clone)]
enum Repr {
    Owned(String),
    Shared {
        backing: Arc<dyn Backing>,
        range: Range<usize>,
    },
}

impl Text {
    /// The text in `range` of `backing`, which the caller has checked to be UTF-8.
    ///
    /// # Safety
    /// `backing.bytes()[range]` must be valid UTF-8 and must not change while the
    /// backing lives (an index pack is never written in place: a new pack is renamed
    /// over the old, which leaves the mapped file as it was).
    pub unsafe fn shared(backing: Arc<dyn Backing>, range: Range<usize>) -> Option<Text> {
        backing.bytes().get(range.clone())?;
        Some(Text(Repr::Shared { backing, range }))
    }

    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Owned(s) => s,
            Repr::Shared { backing, range } => {
                let bytes = backing.bytes().get(range.clone()).unwrap_or_default();
                // SAFETY: checked to be UTF-8 when made (`Text::shared`), and unchanged since.
                unsafe { std::str::from_utf8_unchecked(bytes) }
            }
        }
    }

    /// Whether the text lives in shared bytes rather than its own allocation.
    pub fn is_shared(&self) -> bool {
        matches!(self.0, Repr::Shared { .. })
    }
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Default for Text {
    fn default() -> Text {
        Text(Repr::Owned(String::new()))
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text(Repr::Owned(s))
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text(Repr::Owned(s.to_string()))
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Text {}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Text, D::Error> {
        String::deserialize(d).map(Text::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Bytes(Vec<u8>);
    impl Backing for Bytes {
        fn bytes(&self) -> &[u8] {
            &self.0
        }
    }

    #[test]
    fn shared_and_owned_read_alike() {
        let backing: Arc<dyn Backing> = Arc::new(Bytes(b"..Thanh H\xc3\xb3a..".to_vec()));
        // SAFETY: the range is UTF-8 and the bytes never change.
        let shared = unsafe { Text::shared(backing.clone(), 2..12) }.unwrap();
        assert_eq!(shared, Text::from("Thanh Hóa"));
        assert!(shared.is_shared() && !Text::from("x").is_shared());
        assert_eq!(shared.len(), "Thanh Hóa".len());
        // A range past the bytes is refused.
        assert!(unsafe { Text::shared(backing, 2..99) }.is_none());
    }
}
