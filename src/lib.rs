//! vnie — Vietnam Industry Explorer.
//!
//! files → decode & normalise (`corpus::decode`) → segment → extract (`extract`)
//! → `Corpus` (model + index) → TUI (`tui`) | export (`export`) | search (`search`).

pub mod contain;
pub mod corpus;
pub mod entities;
pub mod error;
pub mod excerpt;
pub mod export;
pub mod extract;
pub mod families;
pub mod index;
pub mod model;
pub mod order;
pub mod query;
pub mod reference;
pub mod search;
pub mod text;
pub mod tui;
pub mod units;

pub use error::{Error, Result};

/// A string safe to print on a terminal line: no control characters or escape
/// sequences (file names can hold them too).
pub fn sanitize_line(s: &str) -> String {
    one_line(&corpus::decode::sanitize(s)).into_owned()
}

/// Text already sanitised (document text is), on one line: the line breaks a
/// hard-wrapped paragraph keeps and tabs become spaces, byte for byte, so offsets
/// into the text still hold.
pub fn one_line(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains(['\n', '\r', '\t']) {
        std::borrow::Cow::Owned(s.replace(['\n', '\r', '\t'], " "))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// File-system fixtures the unit tests share.
#[cfg(all(test, unix))]
pub(crate) mod test_fs {
    /// A FIFO at `path` (std has no call for it).
    pub fn mkfifo(path: &std::path::Path) {
        let c = std::ffi::CString::new(path.to_str().expect("UTF-8 test path")).expect("no NUL");
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    }
}
