//! vnie — Vietnam Industry Explorer.
//!
//! files → decode & normalise (`corpus::decode`) → segment → extract (`extract`)
//! → `Corpus` (model + index) → TUI (`tui`) | export (`export`) | search (`search`).

pub mod corpus;
pub mod entities;
pub mod error;
pub mod excerpt;
pub mod export;
pub mod extract;
pub mod families;
pub mod model;
pub mod reference;
pub mod search;
pub mod text;
pub mod tui;
pub mod units;

pub use error::{Error, Result};

/// A string safe to print on a terminal line: no control characters or escape
/// sequences (file names can hold them too).
pub fn sanitize_line(s: &str) -> String {
    corpus::decode::sanitize(s).replace(['\n', '\t'], " ")
}
